-- External caller ID: every outside and emergency call presents one of the tenant's DIDs in E.164
-- (ITSPs refuse a number the account does not own; an emergency service must be able to call back).
-- No foreign key to the tenant of the DID: the use cases check that, and NO ACTION keys here make
-- the database refuse removing a DID still in use instead of letting a caller ID vanish.
ALTER TABLE sb_tenants ADD COLUMN main_did_id UUID;
ALTER TABLE sb_tenants ADD CONSTRAINT sb_tenants_main_did_id_fkey
    FOREIGN KEY (main_did_id) REFERENCES sb_dids(id) ON DELETE NO ACTION;
CREATE UNIQUE INDEX sb_tenants_main_did_id_key ON sb_tenants(main_did_id);

ALTER TABLE sb_extensions ADD COLUMN caller_id_did_id UUID;
ALTER TABLE sb_extensions ADD CONSTRAINT sb_extensions_caller_id_did_id_fkey
    FOREIGN KEY (caller_id_did_id) REFERENCES sb_dids(id) ON DELETE NO ACTION;
CREATE INDEX sb_extensions_caller_id_did_id_idx ON sb_extensions(caller_id_did_id);

-- Tenants that already have DIDs get their oldest as the main number, and their phones the
-- endpoint variable the emergency extensions read (the AGI server is not asked for those calls).
-- The existing sb_routing triggers announce both changes to the AGI servers.
UPDATE sb_tenants t
   SET main_did_id = (SELECT d.id FROM sb_dids d WHERE d.tenant_id = t.id ORDER BY d.created_at, d.e164 LIMIT 1)
 WHERE EXISTS (SELECT 1 FROM sb_dids d WHERE d.tenant_id = t.id);

UPDATE ps_endpoints e
   SET set_var = 'SWITCHBOARD_CLID=' || d.e164
  FROM sb_extensions x
  JOIN sb_tenants t ON t.id = x.tenant_id
  JOIN sb_dids d ON d.id = t.main_did_id
 WHERE e.id = x.endpoint_id;
