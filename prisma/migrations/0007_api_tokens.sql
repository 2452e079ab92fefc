-- API tokens for the REST API (/api/v1) and the idempotency keys of their POST requests.
-- A token is 32 random bytes; only its SHA-256 is stored. A slow password hash would buy nothing
-- against a secret of 256 bits and would cost every API request its time.
CREATE TYPE sb_api_token_access AS ENUM ('read', 'write');

CREATE TABLE sb_api_tokens (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                  varchar(80) NOT NULL,
  -- NULL: a platform token; else the one tenant it reaches.
  tenant_id             uuid REFERENCES sb_tenants(id) ON DELETE CASCADE,
  access                sb_api_token_access NOT NULL,
  token_hash            char(64) NOT NULL UNIQUE,
  -- The first characters of the token, so people can tell their tokens apart in lists and logs.
  token_prefix          varchar(16) NOT NULL,
  -- Requests per minute; NULL: the platform's default (API_RATE_LIMIT_PER_MINUTE).
  rate_limit_per_minute integer CHECK (rate_limit_per_minute BETWEEN 1 AND 1000000),
  expires_at            timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  created_by            varchar(254) NOT NULL,
  revoked_at            timestamptz,
  revoked_by            varchar(254),
  last_used_at          timestamptz,
  last_used_address     varchar(64)
);
CREATE INDEX sb_api_tokens_tenant_id_idx ON sb_api_tokens (tenant_id);

-- A POST's Idempotency-Key: the first request's fingerprint and, once it has finished, its answer.
-- status stays NULL while that first request runs. Keys live 24 hours.
CREATE TABLE sb_api_idempotency (
  token_id         uuid NOT NULL REFERENCES sb_api_tokens(id) ON DELETE CASCADE,
  key              varchar(255) NOT NULL,
  request_hash     char(64) NOT NULL,
  status           smallint,
  response_headers jsonb,
  response_body    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);
CREATE INDEX sb_api_idempotency_created_at_idx ON sb_api_idempotency (created_at);
