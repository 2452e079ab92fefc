-- Call history. Asterisk writes one `cdr` row per call leg (cdr_pgsql, Asterisk's own table from
-- step 0000_asterisk_cdr). Switchboard never changes those rows: a trigger hands a copy of each
-- new one to sb_cdr_inbox, and the portal classifies it once (tenant, direction, outcome, in the
-- domain layer) into sb_calls, which is what every door reads and what is indexed per tenant.
-- The trigger only inserts into the inbox: Asterisk's INSERT never waits on our work. It runs as
-- its owner (SECURITY DEFINER), so Asterisk's database user needs no grant on our tables.

CREATE TYPE sb_call_direction AS ENUM ('internal', 'outbound', 'inbound', 'emergency');
CREATE TYPE sb_call_outcome AS ENUM ('answered', 'missed', 'busy', 'failed', 'refused');

CREATE TABLE sb_cdr_inbox (
    id          BIGSERIAL PRIMARY KEY,
    cdr         JSONB NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION sb_cdr_to_inbox() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO sb_cdr_inbox (cdr) VALUES (to_jsonb(NEW));
    RETURN NULL;
END
$$;

CREATE TRIGGER sb_cdr_to_inbox AFTER INSERT ON cdr FOR EACH ROW EXECUTE FUNCTION sb_cdr_to_inbox();

-- Rows written before Switchboard was installed (an adopted cdr table) are classified too.
INSERT INTO sb_cdr_inbox (cdr) SELECT to_jsonb(c) FROM cdr c;

-- One call as an admin sees it: the legs of one uniqueid merged (a busy call writes two rows).
CREATE TABLE sb_calls (
    id                  BIGSERIAL PRIMARY KEY,
    uniqueid            VARCHAR(150) NOT NULL,
    linkedid            VARCHAR(150),
    -- Null: a call no tenant owns (an unknown DID refused), seen by platform admins only.
    tenant_id           UUID REFERENCES sb_tenants(id) ON DELETE SET NULL,
    direction           sb_call_direction NOT NULL,
    outcome             sb_call_outcome NOT NULL,
    -- Why Switchboard refused it (the AGI deny reason), when it did.
    reason              VARCHAR(40),
    caller              VARCHAR(80),
    caller_name         VARCHAR(80),
    callee              VARCHAR(80),
    caller_extension_id UUID REFERENCES sb_extensions(id) ON DELETE SET NULL,
    callee_extension_id UUID REFERENCES sb_extensions(id) ON DELETE SET NULL,
    started_at          TIMESTAMPTZ NOT NULL,
    answered_at         TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    duration            INTEGER NOT NULL DEFAULT 0,
    billsec             INTEGER NOT NULL DEFAULT 0,
    disposition         VARCHAR(45),
    legs                SMALLINT NOT NULL DEFAULT 1,
    -- Number and name search (lower-cased), for the trigram index below.
    search_text         TEXT GENERATED ALWAYS AS (lower(coalesce(caller, '') || ' ' || coalesce(callee, '') || ' ' || coalesce(caller_name, ''))) STORED,
    -- The legs of one call merge by (tenant, uniqueid): a uniqueid is an Asterisk's own counter
    -- (epoch.sequence), which another Asterisk, or this one after a restart, may hand out again;
    -- a call of one tenant must never merge into another tenant's.
    call_key            VARCHAR(200) NOT NULL,
    CONSTRAINT sb_calls_call_key_key UNIQUE (call_key)
);
CREATE INDEX sb_calls_uniqueid_idx ON sb_calls (uniqueid);
-- The columns the charts count are carried in the index, so a month of a busy tenant is counted
-- from the index alone.
CREATE INDEX sb_calls_tenant_started_idx ON sb_calls (tenant_id, started_at DESC, id DESC)
    INCLUDE (direction, outcome, billsec, caller_extension_id, callee_extension_id);
CREATE INDEX sb_calls_caller_extension_idx ON sb_calls (caller_extension_id, started_at DESC);
CREATE INDEX sb_calls_callee_extension_idx ON sb_calls (callee_extension_id, started_at DESC);
CREATE INDEX sb_calls_started_idx ON sb_calls (started_at);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX sb_calls_search_text_trgm ON sb_calls USING gin (search_text gin_trgm_ops);
    END IF;
END
$$;
