-- Every session of an admin carries the version it was issued under; bumping the version (sign-out,
-- a password reset, a role or tenant change, disabling) ends all of them at once.
ALTER TABLE sb_admin_users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 1;

-- Keys now include an account-and-address pair (`pair:<email>|<address>`): room for the longest.
ALTER TABLE sb_sign_in_throttle ALTER COLUMN key TYPE VARCHAR(400);

-- A key's state as one attempt sees it: `locked` while a lock runs; `fresh` when its window has
-- passed or its lock has expired (the count starts again); `blocked` when no attempt may go on.
CREATE FUNCTION sb_sign_in_key_state(t sb_sign_in_throttle, lock_after INTEGER, window_secs DOUBLE PRECISION,
                                     OUT locked BOOLEAN, OUT fresh BOOLEAN, OUT blocked BOOLEAN)
LANGUAGE sql STABLE AS $$
    SELECT l, f, l OR (NOT f AND t.failures >= lock_after)
      FROM (SELECT t.locked_until IS NOT NULL AND t.locked_until > now() AS l) a
     CROSS JOIN LATERAL (SELECT NOT a.l AND (t.window_started_at <= now() - make_interval(secs => window_secs)
                                             OR t.locked_until IS NOT NULL) AS f) b
$$;

-- Takes one sign-in attempt's slot on every key, or on none, in one statement. The rows are locked
-- first (in key order, so two attempts never wait on each other in a cycle) and the decision is made
-- under that lock: a read-then-count let every request of a parallel burst read "not locked" before
-- any was counted, so a burst got as many password checks as it had requests. The slot counts as a
-- failure up front; the caller gives it back when the password was right.
-- Returns every key's state after the attempt and, for refused or now-locked keys, the seconds to wait.
CREATE FUNCTION sb_sign_in_take_slots(p_keys TEXT[], p_lock_after INTEGER[], p_window_secs DOUBLE PRECISION, p_lock_secs DOUBLE PRECISION)
RETURNS TABLE (slot_key TEXT, slot_failures INTEGER, slot_lock_after INTEGER, slot_wait_secs DOUBLE PRECISION, admitted BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
    refused BOOLEAN;
BEGIN
    INSERT INTO sb_sign_in_throttle AS t (key, failures, window_started_at, locked_until, updated_at)
        SELECT k.key, 0, now(), NULL, now() FROM unnest(p_keys) AS k(key) ORDER BY k.key
        ON CONFLICT (key) DO NOTHING;
    PERFORM 1 FROM sb_sign_in_throttle t WHERE t.key = ANY (p_keys) ORDER BY t.key FOR UPDATE;

    SELECT bool_or((sb_sign_in_key_state(t, k.lock_after, p_window_secs)).blocked) INTO refused
      FROM unnest(p_keys, p_lock_after) AS k(key, lock_after) JOIN sb_sign_in_throttle t ON t.key = k.key;

    IF NOT refused THEN
        UPDATE sb_sign_in_throttle t SET
            failures = CASE WHEN s.fresh THEN 1 ELSE t.failures + 1 END,
            window_started_at = CASE WHEN s.fresh THEN now() ELSE t.window_started_at END,
            locked_until = CASE WHEN (CASE WHEN s.fresh THEN 1 ELSE t.failures + 1 END) >= s.lock_after
                                THEN now() + make_interval(secs => p_lock_secs) END,
            updated_at = now()
          FROM (SELECT k.key, k.lock_after, (sb_sign_in_key_state(c, k.lock_after, p_window_secs)).fresh
                  FROM unnest(p_keys, p_lock_after) AS k(key, lock_after) JOIN sb_sign_in_throttle c ON c.key = k.key) s
         WHERE t.key = s.key;
    END IF;

    RETURN QUERY
        SELECT t.key::TEXT, t.failures, k.lock_after,
               CASE WHEN st.locked THEN extract(epoch FROM t.locked_until - now())::DOUBLE PRECISION
                    WHEN st.blocked THEN extract(epoch FROM t.window_started_at + make_interval(secs => p_window_secs) - now())::DOUBLE PRECISION
                    ELSE 0 END,
               NOT refused
          FROM unnest(p_keys, p_lock_after) AS k(key, lock_after)
          JOIN sb_sign_in_throttle t ON t.key = k.key
         CROSS JOIN LATERAL sb_sign_in_key_state(t, k.lock_after, p_window_secs) AS st
         ORDER BY t.key;
END
$$;
