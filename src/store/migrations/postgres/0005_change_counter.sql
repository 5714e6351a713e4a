-- A count of the changes to what a family's readers may search, kept in step with
-- migrations/sqlite/0005_change_counter.sql. The search cache compares it in one lookup instead
-- of summing over every entry of the family.
ALTER TABLE families ADD COLUMN changes bigint NOT NULL DEFAULT 0;

-- Runs as the owner: a viewer's or a worker's change counts too, and only owners may update a
-- family row.
CREATE FUNCTION dadly_count_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE
    row_seen record;
    family uuid;
  BEGIN
    IF TG_OP = 'DELETE' THEN row_seen := OLD; ELSE row_seen := NEW; END IF;
    IF TG_TABLE_NAME IN ('entries', 'members') THEN
      family := row_seen.family_id;
    ELSE
      SELECT e.family_id INTO family FROM public.entries e WHERE e.seq = row_seen.entry_seq;
    END IF;
    UPDATE public.families SET changes = changes + 1 WHERE id = family;
    RETURN NULL;
  END $$;
REVOKE ALL ON FUNCTION dadly_count_change() FROM PUBLIC;

CREATE TRIGGER entries_count AFTER INSERT OR UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION dadly_count_change();
CREATE TRIGGER insights_count AFTER INSERT OR UPDATE ON insights
  FOR EACH ROW EXECUTE FUNCTION dadly_count_change();
CREATE TRIGGER entry_members_count AFTER INSERT OR DELETE ON entry_members
  FOR EACH ROW EXECUTE FUNCTION dadly_count_change();
CREATE TRIGGER members_count AFTER UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION dadly_count_change();
