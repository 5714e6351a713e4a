-- A reader of the search log never moves past a change still being committed. A change takes its
-- position (seq) when it is made but shows only when its transaction commits, and transactions
-- commit in any order: a reader that saw position 11 while 10 was still being written would
-- move its index past 10 and never apply it, so an entry trashed, made private or untagged there
-- would stay searchable by everyone who had it. Each writer therefore holds a shared lock on its
-- family's log from its first logged change until it commits, and a reader takes that lock alone
-- before it reads: it waits for the family's changes in flight, and every position below the
-- newest it then sees is final. (SQLite needs none of this: it commits one writer at a time, in
-- the order of its positions.)

-- The lock of a family's log, with the first key 5 (this log's migration, 0005) beside the
-- migrations' lock, which has one key of its own. Families share 1,024 locks by hash, so that a
-- change across every family (the purge, `dadly reanalyse`) holds at most that many.
CREATE FUNCTION dadly_search_log_lock(family uuid) RETURNS integer
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT pg_catalog.hashtext(family::text) & 1023 $$;

CREATE OR REPLACE FUNCTION dadly_log_search_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE
    row_seen record;
    family uuid;
    entry bigint;
  BEGIN
    IF TG_OP = 'DELETE' THEN row_seen := OLD; ELSE row_seen := NEW; END IF;
    IF TG_TABLE_NAME = 'entries' THEN
      family := row_seen.family_id;
      entry := row_seen.seq;
    ELSIF TG_TABLE_NAME = 'members' THEN
      family := row_seen.family_id;
    ELSE
      SELECT e.family_id, e.seq INTO family, entry FROM public.entries e
        WHERE e.seq = row_seen.entry_seq;
      IF NOT FOUND THEN RETURN NULL; END IF;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(5, public.dadly_search_log_lock(family));
    INSERT INTO public.search_log (family_id, entry_seq, at)
      VALUES (family, entry, extract(epoch FROM now())::bigint);
    RETURN NULL;
  END $$;

-- The family's newest log position (0 when none), once its changes in flight have committed.
-- At read committed (PostgreSQL's default, which Dadly keeps), each statement of a volatile
-- function sees what committed before it began: the read after the lock sees every change the
-- lock waited for.
CREATE FUNCTION dadly_search_mark(family uuid) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  AS $$ BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(5, public.dadly_search_log_lock(family));
    RETURN (SELECT coalesce(max(l.seq), 0) FROM public.search_log l WHERE l.family_id = family);
  END $$;

-- The family's log after position `after_seq`, oldest first, at most `max_rows` rows, once its
-- changes in flight have committed.
CREATE FUNCTION dadly_search_changes(family uuid, after_seq bigint, max_rows integer)
  RETURNS TABLE (seq bigint, entry_seq bigint)
  LANGUAGE plpgsql VOLATILE
  AS $$ BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(5, public.dadly_search_log_lock(family));
    RETURN QUERY SELECT l.seq, l.entry_seq FROM public.search_log l
      WHERE l.family_id = family AND l.seq > after_seq ORDER BY l.seq LIMIT max_rows;
  END $$;

REVOKE ALL ON FUNCTION dadly_search_mark(uuid), dadly_search_changes(uuid, bigint, integer)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_search_log_lock(uuid), dadly_search_mark(uuid),
  dadly_search_changes(uuid, bigint, integer) TO dadly_app;
