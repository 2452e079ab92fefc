-- Switchboard's own tables. Asterisk's realtime tables are created (or adopted) by the
-- 0000_asterisk_realtime step of the migration runner before this file runs.

CREATE TYPE sb_tenant_status AS ENUM ('active', 'suspended');
CREATE TYPE sb_secret_storage AS ENUM ('md5', 'md5_sha256', 'plaintext');
CREATE TYPE sb_admin_role AS ENUM ('platform_admin', 'tenant_admin', 'viewer');

CREATE TABLE sb_tenants (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    slug             VARCHAR(24)  NOT NULL,
    name             VARCHAR(120) NOT NULL,
    sip_domain       VARCHAR(40)  NOT NULL,
    context          VARCHAR(40)  NOT NULL,
    default_country  CHAR(2)      NOT NULL,
    outbound_trunk   VARCHAR(255),
    extension_length SMALLINT     NOT NULL,
    status           sb_tenant_status  NOT NULL DEFAULT 'active',
    secret_storage   sb_secret_storage NOT NULL DEFAULT 'md5',
    transport        VARCHAR(40),
    codecs           VARCHAR(200) NOT NULL DEFAULT 'g722,ulaw,alaw',
    allow_premium    BOOLEAN      NOT NULL DEFAULT false,
    created_at       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT sb_tenants_slug_key UNIQUE (slug),
    CONSTRAINT sb_tenants_sip_domain_key UNIQUE (sip_domain),
    CONSTRAINT sb_tenants_context_key UNIQUE (context),
    -- Asterisk compares endpoint ids byte for byte; a mixed-case domain would never match.
    CONSTRAINT sb_tenants_sip_domain_lower CHECK (sip_domain = lower(sip_domain)),
    CONSTRAINT sb_tenants_extension_length_range CHECK (extension_length BETWEEN 2 AND 8)
);

CREATE TABLE sb_extensions (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         UUID NOT NULL REFERENCES sb_tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
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
    secret_changed_at TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    created_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    -- What the portal's search box matches: number, name and e-mail in one trigram index.
    search_text       TEXT GENERATED ALWAYS AS (lower(number || ' ' || display_name || ' ' || coalesce(email, ''))) STORED,
    CONSTRAINT sb_extensions_tenant_id_number_key UNIQUE (tenant_id, number),
    CONSTRAINT sb_extensions_tenant_id_directory_id_key UNIQUE (tenant_id, directory_id),
    CONSTRAINT sb_extensions_endpoint_id_key UNIQUE (endpoint_id),
    CONSTRAINT sb_extensions_auth_id_key UNIQUE (auth_id),
    CONSTRAINT sb_extensions_aor_id_key UNIQUE (aor_id),
    CONSTRAINT sb_extensions_voicemail_id_key UNIQUE (voicemail_id),
    CONSTRAINT sb_extensions_number_digits CHECK (number ~ '^[0-9]{2,10}$'),
    -- 0 makes Asterisk refuse every REGISTER with 403.
    CONSTRAINT sb_extensions_max_contacts_range CHECK (max_contacts BETWEEN 1 AND 10)
);
CREATE INDEX sb_extensions_tenant_id_display_name_id_idx ON sb_extensions (tenant_id, display_name, id);
CREATE INDEX sb_extensions_tenant_id_created_at_id_idx ON sb_extensions (tenant_id, created_at, id);

CREATE TABLE sb_dids (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    UUID NOT NULL REFERENCES sb_tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
    e164         VARCHAR(16) NOT NULL,
    extension_id UUID REFERENCES sb_extensions (id) ON DELETE SET NULL ON UPDATE CASCADE,
    label        VARCHAR(80),
    created_at   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT sb_dids_e164_key UNIQUE (e164),
    CONSTRAINT sb_dids_e164_format CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$')
);
CREATE INDEX sb_dids_tenant_id_idx ON sb_dids (tenant_id);
CREATE INDEX sb_dids_extension_id_idx ON sb_dids (extension_id);

CREATE TABLE sb_admin_users (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email         VARCHAR(254) NOT NULL,
    name          VARCHAR(120) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          sb_admin_role NOT NULL,
    tenant_id     UUID REFERENCES sb_tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
    disabled      BOOLEAN NOT NULL DEFAULT false,
    last_login_at TIMESTAMPTZ(6),
    created_at    TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT sb_admin_users_email_key UNIQUE (email),
    CONSTRAINT sb_admin_users_email_lower CHECK (email = lower(email)),
    CONSTRAINT sb_admin_users_tenant_admin_has_tenant CHECK (role <> 'tenant_admin' OR tenant_id IS NOT NULL),
    CONSTRAINT sb_admin_users_platform_admin_no_tenant CHECK (role <> 'platform_admin' OR tenant_id IS NULL)
);
CREATE INDEX sb_admin_users_tenant_id_idx ON sb_admin_users (tenant_id);

CREATE TABLE sb_audit_log (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    actor_type   VARCHAR(16)  NOT NULL,
    actor_id     VARCHAR(64),
    actor_label  VARCHAR(254) NOT NULL,
    tenant_id    UUID,
    action       VARCHAR(64)  NOT NULL,
    target_type  VARCHAR(32)  NOT NULL,
    target_id    VARCHAR(255),
    target_label VARCHAR(255),
    before       JSONB,
    after        JSONB
);
CREATE INDEX sb_audit_log_tenant_id_at_idx ON sb_audit_log (tenant_id, at);
CREATE INDEX sb_audit_log_at_idx ON sb_audit_log (at);

-- Substring search in tenants of 100,000 extensions. fastupdate is off because a bulk import
-- would otherwise leave a long pending list that every search scans until the next vacuum.
-- pg_trgm is a trusted extension (PostgreSQL 13+), so a database owner may create it; where it
-- is missing, search still works, only without this index.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX sb_extensions_search_text_trgm ON sb_extensions
            USING gin (search_text gin_trgm_ops) WITH (fastupdate = off);
    ELSE
        RAISE NOTICE 'pg_trgm is not available: extension search will not use trigram indexes';
    END IF;
END
$$;
