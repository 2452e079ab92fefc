-- Every change to what call routing depends on is announced on channel `sb_routing`, so AGI
-- servers keep their in-memory view current without querying on the call path.
CREATE FUNCTION sb_notify_routing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id TEXT;
    old_key TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN row_id := OLD.id::text; ELSE row_id := NEW.id::text; END IF;
    IF TG_TABLE_NAME = 'sb_dids' AND TG_OP <> 'INSERT' THEN old_key := OLD.e164; END IF;
    PERFORM pg_notify('sb_routing', json_build_object('t', TG_TABLE_NAME, 'op', TG_OP, 'id', row_id, 'old', old_key)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER sb_tenants_routing AFTER INSERT OR UPDATE OR DELETE ON sb_tenants
    FOR EACH ROW EXECUTE FUNCTION sb_notify_routing();
CREATE TRIGGER sb_extensions_routing AFTER INSERT OR UPDATE OR DELETE ON sb_extensions
    FOR EACH ROW EXECUTE FUNCTION sb_notify_routing();
CREATE TRIGGER sb_dids_routing AFTER INSERT OR UPDATE OR DELETE ON sb_dids
    FOR EACH ROW EXECUTE FUNCTION sb_notify_routing();
