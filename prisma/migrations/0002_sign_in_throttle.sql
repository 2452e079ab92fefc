-- Failed sign-ins per account and per client address, so repeated failures are slowed and then
-- refused for a while. Kept in the database so every portal instance sees the same counts.
CREATE TABLE sb_sign_in_throttle (
    key               VARCHAR(300) PRIMARY KEY,
    failures          INTEGER NOT NULL DEFAULT 0,
    window_started_at TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    locked_until      TIMESTAMPTZ(6),
    updated_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
