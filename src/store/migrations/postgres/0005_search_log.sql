-- What changed in what a family's readers may search, kept in step with
-- migrations/sqlite/0005_search_log.sql: a row per change to an entry, its tags, insight or
-- vector (with the entry's seq), or to a member (without one). The search cache compares the
-- family's newest row with its own and reads the rows after it to update itself in place. Ids
-- only, never text; rows older than the trash are dropped by the purge.
CREATE TABLE search_log (
  seq       bigserial PRIMARY KEY,
  family_id uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq bigint,
  at        bigint NOT NULL
);
CREATE INDEX search_log_family ON search_log(family_id, seq);
CREATE INDEX search_log_at ON search_log(at);

ALTER TABLE search_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE search_log FORCE ROW LEVEL SECURITY;
CREATE POLICY search_log_owner ON search_log TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY search_log_read ON search_log FOR SELECT
  USING (family_id IN (SELECT dadly_families()));
GRANT SELECT ON search_log TO dadly_app;

-- Runs as the owner: a viewer's, a worker's or the purge's change is logged too, and nobody
-- writes the log directly.
CREATE FUNCTION dadly_log_search_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE
    row_seen record;
  BEGIN
    IF TG_OP = 'DELETE' THEN row_seen := OLD; ELSE row_seen := NEW; END IF;
    IF TG_TABLE_NAME = 'entries' THEN
      INSERT INTO public.search_log (family_id, entry_seq, at)
        VALUES (row_seen.family_id, row_seen.seq, extract(epoch FROM now())::bigint);
    ELSIF TG_TABLE_NAME = 'members' THEN
      INSERT INTO public.search_log (family_id, entry_seq, at)
        VALUES (row_seen.family_id, NULL, extract(epoch FROM now())::bigint);
    ELSE
      INSERT INTO public.search_log (family_id, entry_seq, at)
        SELECT e.family_id, e.seq, extract(epoch FROM now())::bigint
        FROM public.entries e WHERE e.seq = row_seen.entry_seq;
    END IF;
    RETURN NULL;
  END $$;
REVOKE ALL ON FUNCTION dadly_log_search_change() FROM PUBLIC;

CREATE TRIGGER entries_log AFTER INSERT OR UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION dadly_log_search_change();
CREATE TRIGGER insights_log AFTER INSERT OR UPDATE ON insights
  FOR EACH ROW EXECUTE FUNCTION dadly_log_search_change();
CREATE TRIGGER entry_vectors_log AFTER INSERT OR UPDATE ON entry_vectors
  FOR EACH ROW EXECUTE FUNCTION dadly_log_search_change();
CREATE TRIGGER entry_members_log AFTER INSERT OR DELETE ON entry_members
  FOR EACH ROW EXECUTE FUNCTION dadly_log_search_change();
CREATE TRIGGER members_log AFTER UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION dadly_log_search_change();

-- The purge drops log rows older than the trash along with the trashed entries.
CREATE OR REPLACE FUNCTION dadly_purge_trash(deleted_before bigint) RETURNS bigint
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    DELETE FROM public.search_log WHERE at < deleted_before;
    WITH gone AS (DELETE FROM public.entries
                  WHERE deleted_at IS NOT NULL AND deleted_at < deleted_before RETURNING 1)
    SELECT count(*) FROM gone
  $$;
