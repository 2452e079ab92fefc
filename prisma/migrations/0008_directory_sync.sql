-- Directory sync: each tenant's Active Directory / LDAP settings, the record of each preview and
-- sync run, and on each synced extension where it stands in the directory.
CREATE TYPE sb_directory_state AS ENUM ('active', 'disabled', 'missing');

CREATE TABLE sb_directories (
  tenant_id              uuid PRIMARY KEY REFERENCES sb_tenants(id) ON DELETE CASCADE,
  -- ldaps://host:636, or ldap://host:389 with start_tls, or plain ldap:// only when allow_plain.
  url                    varchar(500) NOT NULL,
  start_tls              boolean NOT NULL DEFAULT true,
  allow_plain            boolean NOT NULL DEFAULT false,
  -- PEM of a private CA the server's certificate is checked against; NULL: the system's CAs.
  ca_cert                text,
  bind_dn                varchar(500) NOT NULL,
  -- AES-256-GCM under DIRECTORY_SECRET_KEY (lib/domain/directory/secret-box.ts); never sent to a browser.
  bind_password_sealed   text NOT NULL,
  base_dn                varchar(500) NOT NULL,
  user_filter            varchar(2000) NOT NULL,
  -- Only members of this group (its DN) become extensions; NULL: everyone the filter finds.
  group_dn               varchar(500),
  number_attribute       varchar(64) NOT NULL,
  number_rule            varchar(16) NOT NULL CHECK (number_rule IN ('digits', 'last_digits', 'regex')),
  number_digits          smallint CHECK (number_digits BETWEEN 1 AND 10),
  number_pattern         varchar(200),
  name_attribute         varchar(64) NOT NULL,
  email_attribute        varchar(64) NOT NULL,
  login_attribute        varchar(64) NOT NULL,
  id_attribute           varchar(64) NOT NULL,
  disabled_mode          varchar(16) NOT NULL CHECK (disabled_mode IN ('uac', 'attribute', 'none')),
  disabled_attribute     varchar(64),
  disabled_value         varchar(200),
  grace_days             integer NOT NULL DEFAULT 30 CHECK (grace_days BETWEEN 0 AND 3650),
  max_removal_percent    integer NOT NULL DEFAULT 20 CHECK (max_removal_percent BETWEEN 0 AND 100),
  -- Minutes between scheduled syncs; NULL: only when someone starts one.
  schedule_minutes       integer CHECK (schedule_minutes BETWEEN 5 AND 10080),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sb_directory_runs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES sb_tenants(id) ON DELETE CASCADE,
  mode          varchar(16) NOT NULL CHECK (mode IN ('preview', 'sync')),
  trigger       varchar(16) NOT NULL CHECK (trigger IN ('portal', 'cli', 'schedule', 'api')),
  status        varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'stopped')),
  requested_by  varchar(254) NOT NULL,
  -- The admin confirmed a run past the safety limit.
  confirmed     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  progress      jsonb,
  summary       jsonb,
  plan          jsonb,
  error         text
);
CREATE INDEX sb_directory_runs_tenant_id_created_at_idx ON sb_directory_runs (tenant_id, created_at);

ALTER TABLE sb_extensions
  ADD COLUMN directory_state sb_directory_state,
  ADD COLUMN directory_synced_at timestamptz,
  ADD COLUMN directory_removal_due_at timestamptz,
  -- allow_external before the directory deactivated it, restored when the user comes back.
  ADD COLUMN directory_prior_allow_external boolean,
  -- A secret the sync generated that no person has seen yet: sealed like the bind password, shown
  -- once to an admin who asks, then cleared.
  ADD COLUMN pending_secret_sealed text;
