-- Switchboard's own tables on MySQL 8 / MariaDB 10.6+, as prisma/migrations/0001-0012 leave them on
-- PostgreSQL (one step: no MySQL installation predates it). Later steps carry the same number and
-- name in both directories. Asterisk's tables come first, from its own DDL (steps 0000_*).
--
-- MySQL commits around every DDL statement, so a step cannot be one transaction as on PostgreSQL:
-- every statement here may run again after an interrupted run (IF NOT EXISTS, DROP ... IF EXISTS).
-- Tables are utf8mb4_bin: ids, domains and numbers compare byte for byte, as in PostgreSQL.
-- Timestamps are DATETIME(6) in UTC (connections set time_zone = '+00:00').
-- Reserved words (key, trigger, change, before) are quoted.

CREATE TABLE IF NOT EXISTS sb_tenants (
    id               CHAR(36) NOT NULL DEFAULT (uuid()),
    slug             VARCHAR(24)  NOT NULL,
    name             VARCHAR(120) NOT NULL,
    sip_domain       VARCHAR(40)  NOT NULL,
    context          VARCHAR(40)  NOT NULL,
    default_country  CHAR(2)      NOT NULL,
    outbound_trunk   VARCHAR(255),
    extension_length SMALLINT     NOT NULL,
    status           ENUM('active', 'suspended') NOT NULL DEFAULT 'active',
    secret_storage   ENUM('md5', 'md5_sha256', 'plaintext', 'md5_then_sha256') NOT NULL DEFAULT 'md5',
    transport        VARCHAR(40),
    codecs           VARCHAR(200) NOT NULL DEFAULT 'g722,ulaw,alaw',
    allow_premium    BOOLEAN      NOT NULL DEFAULT false,
    created_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    main_did_id      CHAR(36),
    PRIMARY KEY (id),
    CONSTRAINT sb_tenants_slug_key UNIQUE (slug),
    CONSTRAINT sb_tenants_sip_domain_key UNIQUE (sip_domain),
    CONSTRAINT sb_tenants_context_key UNIQUE (context),
    CONSTRAINT sb_tenants_main_did_id_key UNIQUE (main_did_id),
    -- Asterisk compares endpoint ids byte for byte; a mixed-case domain would never match.
    CONSTRAINT sb_tenants_sip_domain_lower CHECK (sip_domain = lower(sip_domain)),
    CONSTRAINT sb_tenants_extension_length_range CHECK (extension_length BETWEEN 2 AND 8)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_extensions (
    id                CHAR(36) NOT NULL DEFAULT (uuid()),
    tenant_id         CHAR(36) NOT NULL,
    number            VARCHAR(10)  NOT NULL,
    display_name      VARCHAR(80)  NOT NULL,
    email             VARCHAR(254),
    allow_external    BOOLEAN NOT NULL DEFAULT true,
    active            BOOLEAN NOT NULL DEFAULT true,
    max_contacts      SMALLINT NOT NULL DEFAULT 1,
    ad_synced         BOOLEAN NOT NULL DEFAULT false,
    ad_username       VARCHAR(256),
    directory_id      VARCHAR(255),
    endpoint_id       VARCHAR(255) NOT NULL,
    auth_id           VARCHAR(255) NOT NULL,
    aor_id            VARCHAR(255) NOT NULL,
    voicemail_id      INTEGER,
    voicemail_box     VARCHAR(200),
    caller_id_did_id  CHAR(36),
    secret_changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_at        DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at        DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    -- What the search box matches: number, name and e-mail, lower-cased.
    search_text       VARCHAR(600) GENERATED ALWAYS AS (lower(concat(number, ' ', display_name, ' ', coalesce(email, '')))) STORED,
    directory_state   ENUM('active', 'disabled', 'missing'),
    directory_synced_at      DATETIME(6),
    directory_removal_due_at DATETIME(6),
    directory_prior_allow_external BOOLEAN,
    pending_secret_sealed    TEXT,
    PRIMARY KEY (id),
    CONSTRAINT sb_extensions_tenant_id_number_key UNIQUE (tenant_id, number),
    CONSTRAINT sb_extensions_tenant_id_directory_id_key UNIQUE (tenant_id, directory_id),
    CONSTRAINT sb_extensions_endpoint_id_key UNIQUE (endpoint_id),
    CONSTRAINT sb_extensions_auth_id_key UNIQUE (auth_id),
    CONSTRAINT sb_extensions_aor_id_key UNIQUE (aor_id),
    CONSTRAINT sb_extensions_voicemail_id_key UNIQUE (voicemail_id),
    KEY sb_extensions_tenant_id_display_name_id_idx (tenant_id, display_name, id),
    KEY sb_extensions_tenant_id_created_at_id_idx (tenant_id, created_at, id),
    KEY sb_extensions_caller_id_did_id_idx (caller_id_did_id),
    CONSTRAINT sb_extensions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT sb_extensions_number_digits CHECK (number REGEXP '^[0-9]{2,10}$'),
    -- 0 makes Asterisk refuse every REGISTER with 403.
    CONSTRAINT sb_extensions_max_contacts_range CHECK (max_contacts BETWEEN 1 AND 10)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_dids (
    id           CHAR(36) NOT NULL DEFAULT (uuid()),
    tenant_id    CHAR(36) NOT NULL,
    e164         VARCHAR(16) NOT NULL,
    extension_id CHAR(36),
    label        VARCHAR(80),
    created_at   DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    CONSTRAINT sb_dids_e164_key UNIQUE (e164),
    KEY sb_dids_tenant_id_idx (tenant_id),
    KEY sb_dids_extension_id_idx (extension_id),
    CONSTRAINT sb_dids_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT sb_dids_extension_id_fkey FOREIGN KEY (extension_id) REFERENCES sb_extensions (id) ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT sb_dids_e164_format CHECK (e164 REGEXP '^[+][1-9][0-9]{6,14}$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The caller-ID keys close the cycle tenants -> DIDs -> tenants, so they come once both exist.
-- NO ACTION (RESTRICT in InnoDB): removing a DID still in use is refused, never a silent null.
ALTER TABLE sb_tenants DROP FOREIGN KEY IF EXISTS sb_tenants_main_did_id_fkey;
ALTER TABLE sb_tenants ADD CONSTRAINT sb_tenants_main_did_id_fkey FOREIGN KEY (main_did_id) REFERENCES sb_dids (id);
ALTER TABLE sb_extensions DROP FOREIGN KEY IF EXISTS sb_extensions_caller_id_did_id_fkey;
ALTER TABLE sb_extensions ADD CONSTRAINT sb_extensions_caller_id_did_id_fkey FOREIGN KEY (caller_id_did_id) REFERENCES sb_dids (id);

CREATE TABLE IF NOT EXISTS sb_admin_users (
    id              CHAR(36) NOT NULL DEFAULT (uuid()),
    email           VARCHAR(254) NOT NULL,
    name            VARCHAR(120) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    role            ENUM('platform_admin', 'tenant_admin', 'viewer') NOT NULL,
    tenant_id       CHAR(36),
    disabled        BOOLEAN NOT NULL DEFAULT false,
    last_login_at   DATETIME(6),
    created_at      DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at      DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    session_version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    CONSTRAINT sb_admin_users_email_key UNIQUE (email),
    KEY sb_admin_users_tenant_id_idx (tenant_id),
    CONSTRAINT sb_admin_users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT sb_admin_users_email_lower CHECK (email = lower(email))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A column with a cascading foreign key cannot be in a CHECK in MySQL: the role and tenant rules
-- are triggers instead, raising the constraint's PostgreSQL name as its message.
DROP TRIGGER IF EXISTS sb_admin_users_role_tenant_insert;
CREATE TRIGGER sb_admin_users_role_tenant_insert BEFORE INSERT ON sb_admin_users FOR EACH ROW
    IF NEW.role = 'tenant_admin' AND NEW.tenant_id IS NULL THEN
        SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'check constraint sb_admin_users_tenant_admin_has_tenant';
    ELSEIF NEW.role = 'platform_admin' AND NEW.tenant_id IS NOT NULL THEN
        SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'check constraint sb_admin_users_platform_admin_no_tenant';
    END IF;
DROP TRIGGER IF EXISTS sb_admin_users_role_tenant_update;
CREATE TRIGGER sb_admin_users_role_tenant_update BEFORE UPDATE ON sb_admin_users FOR EACH ROW
    IF NEW.role = 'tenant_admin' AND NEW.tenant_id IS NULL THEN
        SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'check constraint sb_admin_users_tenant_admin_has_tenant';
    ELSEIF NEW.role = 'platform_admin' AND NEW.tenant_id IS NOT NULL THEN
        SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'check constraint sb_admin_users_platform_admin_no_tenant';
    END IF;

CREATE TABLE IF NOT EXISTS sb_audit_log (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    at           DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    actor_type   VARCHAR(16)  NOT NULL,
    actor_id     VARCHAR(64),
    actor_label  VARCHAR(254) NOT NULL,
    tenant_id    CHAR(36),
    action       VARCHAR(64)  NOT NULL,
    target_type  VARCHAR(32)  NOT NULL,
    target_id    VARCHAR(255),
    target_label VARCHAR(255),
    `before`     JSON,
    `after`      JSON,
    PRIMARY KEY (id),
    KEY sb_audit_log_tenant_id_at_idx (tenant_id, at),
    KEY sb_audit_log_at_idx (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Failed sign-ins per account, per address and per pair, shared by every portal instance.
CREATE TABLE IF NOT EXISTS sb_sign_in_throttle (
    `key`             VARCHAR(400) NOT NULL,
    failures          INTEGER NOT NULL DEFAULT 0,
    window_started_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    locked_until      DATETIME(6),
    updated_at        DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (`key`)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- API tokens (only their SHA-256 is stored) and the idempotency keys of their POST requests.
CREATE TABLE IF NOT EXISTS sb_api_tokens (
    id                    CHAR(36) NOT NULL DEFAULT (uuid()),
    name                  VARCHAR(80) NOT NULL,
    tenant_id             CHAR(36),
    access                ENUM('read', 'write') NOT NULL,
    token_hash            CHAR(64) NOT NULL,
    token_prefix          VARCHAR(16) NOT NULL,
    rate_limit_per_minute INTEGER,
    expires_at            DATETIME(6),
    created_at            DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_by            VARCHAR(254) NOT NULL,
    revoked_at            DATETIME(6),
    revoked_by            VARCHAR(254),
    last_used_at          DATETIME(6),
    last_used_address     VARCHAR(64),
    PRIMARY KEY (id),
    CONSTRAINT sb_api_tokens_token_hash_key UNIQUE (token_hash),
    KEY sb_api_tokens_tenant_id_idx (tenant_id),
    CONSTRAINT sb_api_tokens_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE,
    CONSTRAINT sb_api_tokens_rate_limit_per_minute_check CHECK (rate_limit_per_minute BETWEEN 1 AND 1000000)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_api_idempotency (
    token_id         CHAR(36) NOT NULL,
    `key`            VARCHAR(255) NOT NULL,
    request_hash     CHAR(64) NOT NULL,
    status           SMALLINT,
    response_headers JSON,
    response_body    TEXT,
    created_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (token_id, `key`),
    KEY sb_api_idempotency_created_at_idx (created_at),
    CONSTRAINT sb_api_idempotency_token_id_fkey FOREIGN KEY (token_id) REFERENCES sb_api_tokens (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Directory sync: each tenant's Active Directory / LDAP settings and the record of each run.
CREATE TABLE IF NOT EXISTS sb_directories (
    tenant_id            CHAR(36) NOT NULL,
    url                  VARCHAR(500) NOT NULL,
    start_tls            BOOLEAN NOT NULL DEFAULT true,
    allow_plain          BOOLEAN NOT NULL DEFAULT false,
    ca_cert              TEXT,
    bind_dn              VARCHAR(500) NOT NULL,
    bind_password_sealed TEXT NOT NULL,
    base_dn              VARCHAR(500) NOT NULL,
    user_filter          VARCHAR(2000) NOT NULL,
    group_dn             VARCHAR(500),
    number_attribute     VARCHAR(64) NOT NULL,
    number_rule          VARCHAR(16) NOT NULL,
    number_digits        SMALLINT,
    number_pattern       VARCHAR(200),
    name_attribute       VARCHAR(64) NOT NULL,
    email_attribute      VARCHAR(64) NOT NULL,
    login_attribute      VARCHAR(64) NOT NULL,
    id_attribute         VARCHAR(64) NOT NULL,
    disabled_mode        VARCHAR(16) NOT NULL,
    disabled_attribute   VARCHAR(64),
    disabled_value       VARCHAR(200),
    grace_days           INTEGER NOT NULL DEFAULT 30,
    max_removal_percent  INTEGER NOT NULL DEFAULT 20,
    schedule_minutes     INTEGER,
    created_at           DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at           DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (tenant_id),
    CONSTRAINT sb_directories_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE,
    CONSTRAINT sb_directories_number_rule_check CHECK (number_rule IN ('digits', 'last_digits', 'regex')),
    CONSTRAINT sb_directories_number_digits_check CHECK (number_digits BETWEEN 1 AND 10),
    CONSTRAINT sb_directories_disabled_mode_check CHECK (disabled_mode IN ('uac', 'attribute', 'none')),
    CONSTRAINT sb_directories_grace_days_check CHECK (grace_days BETWEEN 0 AND 3650),
    CONSTRAINT sb_directories_max_removal_percent_check CHECK (max_removal_percent BETWEEN 0 AND 100),
    CONSTRAINT sb_directories_schedule_minutes_check CHECK (schedule_minutes BETWEEN 5 AND 10080)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_directory_runs (
    id           CHAR(36) NOT NULL DEFAULT (uuid()),
    tenant_id    CHAR(36) NOT NULL,
    mode         VARCHAR(16) NOT NULL,
    `trigger`    VARCHAR(16) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    requested_by VARCHAR(254) NOT NULL,
    confirmed    BOOLEAN NOT NULL DEFAULT false,
    created_at   DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    started_at   DATETIME(6),
    finished_at  DATETIME(6),
    progress     JSON,
    summary      JSON,
    plan         JSON,
    error        TEXT,
    PRIMARY KEY (id),
    KEY sb_directory_runs_tenant_id_created_at_idx (tenant_id, created_at),
    CONSTRAINT sb_directory_runs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE,
    CONSTRAINT sb_directory_runs_mode_check CHECK (mode IN ('preview', 'sync')),
    CONSTRAINT sb_directory_runs_trigger_check CHECK (`trigger` IN ('portal', 'cli', 'schedule', 'api')),
    CONSTRAINT sb_directory_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'stopped'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Call history: a copy of each new cdr row lands in the inbox (Asterisk's INSERT never waits on
-- Switchboard's work); the portal classifies it into sb_calls.
CREATE TABLE IF NOT EXISTS sb_cdr_inbox (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    cdr         JSON NOT NULL,
    received_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_calls (
    id                  BIGINT NOT NULL AUTO_INCREMENT,
    uniqueid            VARCHAR(150) NOT NULL,
    linkedid            VARCHAR(150),
    tenant_id           CHAR(36),
    direction           ENUM('internal', 'outbound', 'inbound', 'emergency') NOT NULL,
    outcome             ENUM('answered', 'missed', 'busy', 'failed', 'refused') NOT NULL,
    reason              VARCHAR(40),
    caller              VARCHAR(80),
    caller_name         VARCHAR(80),
    callee              VARCHAR(80),
    caller_extension_id CHAR(36),
    callee_extension_id CHAR(36),
    started_at          DATETIME(6) NOT NULL,
    answered_at         DATETIME(6),
    ended_at            DATETIME(6),
    duration            INTEGER NOT NULL DEFAULT 0,
    billsec             INTEGER NOT NULL DEFAULT 0,
    disposition         VARCHAR(45),
    legs                SMALLINT NOT NULL DEFAULT 1,
    search_text         VARCHAR(600) GENERATED ALWAYS AS (lower(concat(coalesce(caller, ''), ' ', coalesce(callee, ''), ' ', coalesce(caller_name, '')))) STORED,
    -- Legs merge by (tenant, uniqueid): another Asterisk, or this one restarted, may reuse a uniqueid.
    call_key            VARCHAR(200) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT sb_calls_call_key_key UNIQUE (call_key),
    KEY sb_calls_uniqueid_idx (uniqueid),
    KEY sb_calls_tenant_started_idx (tenant_id, started_at DESC, id DESC),
    KEY sb_calls_caller_extension_idx (caller_extension_id, started_at DESC),
    KEY sb_calls_callee_extension_idx (callee_extension_id, started_at DESC),
    KEY sb_calls_started_idx (started_at),
    CONSTRAINT sb_calls_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE SET NULL,
    CONSTRAINT sb_calls_caller_extension_id_fkey FOREIGN KEY (caller_extension_id) REFERENCES sb_extensions (id) ON DELETE SET NULL,
    CONSTRAINT sb_calls_callee_extension_id_fkey FOREIGN KEY (callee_extension_id) REFERENCES sb_extensions (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Registrations over time: the changes of ps_contacts that matter, copied by triggers below.
CREATE TABLE IF NOT EXISTS sb_contact_inbox (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    op          CHAR(1) NOT NULL,
    old_row     JSON,
    new_row     JSON,
    received_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_registration_events (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    tenant_id    CHAR(36),
    extension_id CHAR(36),
    endpoint_id  VARCHAR(255) NOT NULL,
    `change`     ENUM('registered', 'moved', 'expired', 'removed') NOT NULL,
    contact_uri  VARCHAR(511),
    address      VARCHAR(40),
    port         INTEGER,
    user_agent   VARCHAR(255),
    mac          CHAR(17),
    at           DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY sb_registration_events_extension_idx (extension_id, at DESC),
    KEY sb_registration_events_tenant_idx (tenant_id, at DESC),
    KEY sb_registration_events_at_idx (at),
    CONSTRAINT sb_registration_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE,
    CONSTRAINT sb_registration_events_extension_id_fkey FOREIGN KEY (extension_id) REFERENCES sb_extensions (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_devices (
    id           CHAR(36) NOT NULL DEFAULT (uuid()),
    tenant_id    CHAR(36) NOT NULL,
    extension_id CHAR(36) NOT NULL,
    device_key   VARCHAR(300) NOT NULL,
    mac          CHAR(17),
    user_agent   VARCHAR(255),
    vendor       VARCHAR(60),
    model        VARCHAR(120),
    firmware     VARCHAR(80),
    last_address VARCHAR(40),
    first_seen   DATETIME(6) NOT NULL,
    last_seen    DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT sb_devices_extension_key UNIQUE (extension_id, device_key),
    KEY sb_devices_tenant_idx (tenant_id),
    CONSTRAINT sb_devices_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE,
    CONSTRAINT sb_devices_extension_id_fkey FOREIGN KEY (extension_id) REFERENCES sb_extensions (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS sb_registration_samples (
    tenant_id  CHAR(36) NOT NULL,
    at         DATETIME(6) NOT NULL,
    registered INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, at),
    KEY sb_registration_samples_at_idx (at),
    CONSTRAINT sb_registration_samples_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES sb_tenants (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- MySQL has no LISTEN/NOTIFY. Each change that PostgreSQL announces on a channel (sb_routing,
-- sb_api_tokens) is a row here instead, written by triggers in the changing transaction: it becomes
-- visible exactly when the change does, and a reader that remembers the last id it saw misses
-- nothing, across its own restarts or the server's. Rows older than a day are pruned.
CREATE TABLE IF NOT EXISTS sb_changes (
    id      BIGINT NOT NULL AUTO_INCREMENT,
    channel VARCHAR(32) NOT NULL,
    payload VARCHAR(1000) NOT NULL,
    at      DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY sb_changes_at_idx (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Named locks held for one transaction (a tenant's directory sync), as PostgreSQL's
-- pg_try_advisory_xact_lock: a row per name, locked FOR UPDATE NOWAIT, so the lock ends with the
-- transaction on every path. (GET_LOCK belongs to the session and outlives a transaction whose
-- connection goes back to the pool.)
CREATE TABLE IF NOT EXISTS sb_locks (
    name VARCHAR(200) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What call routing depends on, announced as PostgreSQL's sb_notify_routing() does: table,
-- operation, row id, and for a DID its number before the change. Unlike PostgreSQL, MySQL fires no
-- trigger for rows a foreign key's cascade changes (a tenant's DIDs as the tenant goes, a DID's
-- extension_id set null as its extension goes): a reader reloads what depends on a changed row.
DROP TRIGGER IF EXISTS sb_tenants_routing_insert;
CREATE TRIGGER sb_tenants_routing_insert AFTER INSERT ON sb_tenants FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_tenants', 'op', 'INSERT', 'id', NEW.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_tenants_routing_update;
CREATE TRIGGER sb_tenants_routing_update AFTER UPDATE ON sb_tenants FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_tenants', 'op', 'UPDATE', 'id', NEW.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_tenants_routing_delete;
CREATE TRIGGER sb_tenants_routing_delete AFTER DELETE ON sb_tenants FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_tenants', 'op', 'DELETE', 'id', OLD.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_extensions_routing_insert;
CREATE TRIGGER sb_extensions_routing_insert AFTER INSERT ON sb_extensions FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_extensions', 'op', 'INSERT', 'id', NEW.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_extensions_routing_update;
CREATE TRIGGER sb_extensions_routing_update AFTER UPDATE ON sb_extensions FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_extensions', 'op', 'UPDATE', 'id', NEW.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_extensions_routing_delete;
CREATE TRIGGER sb_extensions_routing_delete AFTER DELETE ON sb_extensions FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_extensions', 'op', 'DELETE', 'id', OLD.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_dids_routing_insert;
CREATE TRIGGER sb_dids_routing_insert AFTER INSERT ON sb_dids FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_dids', 'op', 'INSERT', 'id', NEW.id, 'old', NULL));
DROP TRIGGER IF EXISTS sb_dids_routing_update;
CREATE TRIGGER sb_dids_routing_update AFTER UPDATE ON sb_dids FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_dids', 'op', 'UPDATE', 'id', NEW.id, 'old', OLD.e164));
DROP TRIGGER IF EXISTS sb_dids_routing_delete;
CREATE TRIGGER sb_dids_routing_delete AFTER DELETE ON sb_dids FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_routing', json_object('t', 'sb_dids', 'op', 'DELETE', 'id', OLD.id, 'old', OLD.e164));

-- A token revoked, changed or deleted, so portal processes drop it from memory at once. Stamping
-- its last use announces nothing.
DROP TRIGGER IF EXISTS sb_api_tokens_changed;
CREATE TRIGGER sb_api_tokens_changed AFTER UPDATE ON sb_api_tokens FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) SELECT 'sb_api_tokens', OLD.id FROM DUAL
     WHERE NOT (OLD.name <=> NEW.name AND OLD.tenant_id <=> NEW.tenant_id AND OLD.access <=> NEW.access
                AND OLD.token_hash <=> NEW.token_hash AND OLD.rate_limit_per_minute <=> NEW.rate_limit_per_minute
                AND OLD.expires_at <=> NEW.expires_at AND OLD.revoked_at <=> NEW.revoked_at);
DROP TRIGGER IF EXISTS sb_api_tokens_deleted;
CREATE TRIGGER sb_api_tokens_deleted AFTER DELETE ON sb_api_tokens FOR EACH ROW
    INSERT INTO sb_changes (channel, payload) VALUES ('sb_api_tokens', OLD.id);

-- Asterisk's cdr rows (cdr_adaptive_odbc) and ps_contacts changes, copied for Switchboard to
-- classify. The triggers run with their definer's rights: Asterisk's user needs no grant on sb_*.
-- Keys are Asterisk's column names, as PostgreSQL's to_jsonb(NEW) writes them.
-- Rows written before Switchboard was installed (an adopted cdr table) are classified too: once,
-- before the trigger exists, so none is copied twice.
INSERT INTO sb_cdr_inbox (cdr)
    SELECT json_object(
        'accountcode', c.accountcode, 'src', c.src, 'dst', c.dst, 'dcontext', c.dcontext, 'clid', c.clid,
        'channel', c.channel, 'dstchannel', c.dstchannel, 'lastapp', c.lastapp, 'lastdata', c.lastdata,
        'start', c.start, 'answer', c.answer, 'end', c.end, 'duration', c.duration, 'billsec', c.billsec,
        'disposition', c.disposition, 'amaflags', c.amaflags, 'userfield', c.userfield, 'uniqueid', c.uniqueid,
        'linkedid', c.linkedid, 'peeraccount', c.peeraccount, 'sequence', c.sequence)
      FROM cdr c
     WHERE NOT EXISTS (SELECT 1 FROM sb_cdr_inbox) AND NOT EXISTS (SELECT 1 FROM sb_calls);

DROP TRIGGER IF EXISTS sb_cdr_to_inbox;
CREATE TRIGGER sb_cdr_to_inbox AFTER INSERT ON cdr FOR EACH ROW
    INSERT INTO sb_cdr_inbox (cdr) VALUES (json_object(
        'accountcode', NEW.accountcode, 'src', NEW.src, 'dst', NEW.dst, 'dcontext', NEW.dcontext, 'clid', NEW.clid,
        'channel', NEW.channel, 'dstchannel', NEW.dstchannel, 'lastapp', NEW.lastapp, 'lastdata', NEW.lastdata,
        'start', NEW.start, 'answer', NEW.answer, 'end', NEW.end, 'duration', NEW.duration, 'billsec', NEW.billsec,
        'disposition', NEW.disposition, 'amaflags', NEW.amaflags, 'userfield', NEW.userfield, 'uniqueid', NEW.uniqueid,
        'linkedid', NEW.linkedid, 'peeraccount', NEW.peeraccount, 'sequence', NEW.sequence));

DROP TRIGGER IF EXISTS sb_contacts_to_inbox_insert;
CREATE TRIGGER sb_contacts_to_inbox_insert AFTER INSERT ON ps_contacts FOR EACH ROW
    INSERT INTO sb_contact_inbox (op, old_row, new_row) VALUES ('I', NULL, json_object(
        'id', NEW.id, 'uri', NEW.uri, 'endpoint', NEW.endpoint, 'via_addr', NEW.via_addr, 'via_port', NEW.via_port,
        'user_agent', NEW.user_agent, 'expiration_time', NEW.expiration_time, 'reg_server', NEW.reg_server));
-- Re-REGISTERs that change only the expiry are most of the writes: they are not copied.
DROP TRIGGER IF EXISTS sb_contacts_to_inbox_update;
CREATE TRIGGER sb_contacts_to_inbox_update AFTER UPDATE ON ps_contacts FOR EACH ROW
    INSERT INTO sb_contact_inbox (op, old_row, new_row) SELECT 'U', json_object(
        'id', OLD.id, 'uri', OLD.uri, 'endpoint', OLD.endpoint, 'via_addr', OLD.via_addr, 'via_port', OLD.via_port,
        'user_agent', OLD.user_agent, 'expiration_time', OLD.expiration_time, 'reg_server', OLD.reg_server), json_object(
        'id', NEW.id, 'uri', NEW.uri, 'endpoint', NEW.endpoint, 'via_addr', NEW.via_addr, 'via_port', NEW.via_port,
        'user_agent', NEW.user_agent, 'expiration_time', NEW.expiration_time, 'reg_server', NEW.reg_server) FROM DUAL
     WHERE NOT (OLD.uri <=> NEW.uri AND OLD.via_addr <=> NEW.via_addr AND OLD.via_port <=> NEW.via_port
                AND OLD.user_agent <=> NEW.user_agent AND OLD.endpoint <=> NEW.endpoint);
DROP TRIGGER IF EXISTS sb_contacts_to_inbox_delete;
CREATE TRIGGER sb_contacts_to_inbox_delete AFTER DELETE ON ps_contacts FOR EACH ROW
    INSERT INTO sb_contact_inbox (op, old_row, new_row) VALUES ('D', json_object(
        'id', OLD.id, 'uri', OLD.uri, 'endpoint', OLD.endpoint, 'via_addr', OLD.via_addr, 'via_port', OLD.via_port,
        'user_agent', OLD.user_agent, 'expiration_time', OLD.expiration_time, 'reg_server', OLD.reg_server), NULL);

