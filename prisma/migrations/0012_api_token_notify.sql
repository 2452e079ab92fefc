-- A token that is revoked, changed or deleted is announced on channel `sb_api_tokens` (its id), so
-- a portal process that keeps recently used tokens in memory forgets it at once. Stamping the last
-- use (every 30 s per token and process) announces nothing.
CREATE FUNCTION sb_notify_api_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sb_api_tokens', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER sb_api_tokens_changed
    AFTER UPDATE OF name, tenant_id, access, token_hash, rate_limit_per_minute, expires_at, revoked_at ON sb_api_tokens
    FOR EACH ROW WHEN (
        OLD.name IS DISTINCT FROM NEW.name OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.access IS DISTINCT FROM NEW.access
        OR OLD.token_hash IS DISTINCT FROM NEW.token_hash OR OLD.rate_limit_per_minute IS DISTINCT FROM NEW.rate_limit_per_minute
        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)
    EXECUTE FUNCTION sb_notify_api_token();

CREATE TRIGGER sb_api_tokens_deleted AFTER DELETE ON sb_api_tokens
    FOR EACH ROW EXECUTE FUNCTION sb_notify_api_token();
