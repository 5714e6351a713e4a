-- migrations/sqlite/0008_search_log_purge_by_seq.sql: the purge walks the search log in seq
-- order to its first row young enough to keep, so the index on `at` goes; every logged change
-- wrote to it.
DROP INDEX search_log_at;

CREATE OR REPLACE FUNCTION dadly_purge_trash(deleted_before bigint) RETURNS bigint
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    DELETE FROM public.search_log WHERE seq < coalesce(
      (SELECT l.seq FROM public.search_log l WHERE l.at >= deleted_before ORDER BY l.seq LIMIT 1),
      (SELECT max(l.seq) + 1 FROM public.search_log l));
    WITH gone AS (DELETE FROM public.entries
                  WHERE deleted_at IS NOT NULL AND deleted_at < deleted_before RETURNING 1)
    SELECT count(*) FROM gone
  $$;
