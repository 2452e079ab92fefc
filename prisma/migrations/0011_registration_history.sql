-- Phones and registrations over time. Asterisk writes registrations into ps_contacts (a row per
-- registered contact, refreshed at every re-REGISTER, deleted when it expires or is removed).
-- As with cdr, a trigger copies each change that matters (a contact appears, moves to another
-- address or user agent, or goes) to an inbox, and the portal turns it into history and devices.
-- Refreshes that change nothing but the expiry are not copied: they are most of the writes.

CREATE TYPE sb_registration_change AS ENUM ('registered', 'moved', 'expired', 'removed');

CREATE TABLE sb_contact_inbox (
    id          BIGSERIAL PRIMARY KEY,
    op          CHAR(1) NOT NULL,
    old_row     JSONB,
    new_row     JSONB,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION sb_contacts_to_inbox() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.uri IS NOT DISTINCT FROM NEW.uri AND OLD.via_addr IS NOT DISTINCT FROM NEW.via_addr
       AND OLD.via_port IS NOT DISTINCT FROM NEW.via_port AND OLD.user_agent IS NOT DISTINCT FROM NEW.user_agent
       AND OLD.endpoint IS NOT DISTINCT FROM NEW.endpoint THEN
        RETURN NULL;
    END IF;
    INSERT INTO sb_contact_inbox (op, old_row, new_row)
    VALUES (left(TG_OP, 1),
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END
$$;

CREATE TRIGGER sb_contacts_to_inbox AFTER INSERT OR UPDATE OR DELETE ON ps_contacts
    FOR EACH ROW EXECUTE FUNCTION sb_contacts_to_inbox();

CREATE TABLE sb_registration_events (
    id           BIGSERIAL PRIMARY KEY,
    tenant_id    UUID REFERENCES sb_tenants(id) ON DELETE CASCADE,
    extension_id UUID REFERENCES sb_extensions(id) ON DELETE SET NULL,
    endpoint_id  VARCHAR(255) NOT NULL,
    change       sb_registration_change NOT NULL,
    contact_uri  VARCHAR(511),
    address      VARCHAR(40),
    port         INTEGER,
    user_agent   VARCHAR(255),
    mac          CHAR(17),
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX sb_registration_events_extension_idx ON sb_registration_events (extension_id, at DESC);
CREATE INDEX sb_registration_events_tenant_idx ON sb_registration_events (tenant_id, at DESC);
CREATE INDEX sb_registration_events_at_idx ON sb_registration_events (at);

-- A device an extension was used from: by its MAC when the phone reveals it, else by user agent.
CREATE TABLE sb_devices (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    UUID NOT NULL REFERENCES sb_tenants(id) ON DELETE CASCADE,
    extension_id UUID NOT NULL REFERENCES sb_extensions(id) ON DELETE CASCADE,
    device_key   VARCHAR(300) NOT NULL,
    mac          CHAR(17),
    user_agent   VARCHAR(255),
    vendor       VARCHAR(60),
    model        VARCHAR(120),
    firmware     VARCHAR(80),
    last_address VARCHAR(40),
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    CONSTRAINT sb_devices_extension_key UNIQUE (extension_id, device_key)
);
CREATE INDEX sb_devices_tenant_idx ON sb_devices (tenant_id);

-- Registered phones per tenant, sampled every few minutes, for the "over time" chart.
CREATE TABLE sb_registration_samples (
    tenant_id  UUID NOT NULL REFERENCES sb_tenants(id) ON DELETE CASCADE,
    at         TIMESTAMPTZ NOT NULL,
    registered INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, at)
);
CREATE INDEX sb_registration_samples_at_idx ON sb_registration_samples (at);
