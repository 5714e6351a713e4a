-- Background work and what it makes of entries, kept in step with
-- migrations/sqlite/0002_insights.sql: the job queue, and per entry the insight and the
-- embedding of its latest analysed version. All go with their entry (ON DELETE CASCADE).

CREATE TABLE jobs (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,
  family_id   uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq   bigint NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  version     bigint NOT NULL,
  acting_for  uuid NOT NULL,
  state       text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
  attempts    integer NOT NULL DEFAULT 0,
  run_after   bigint NOT NULL,
  lease_until bigint,
  worker      text NOT NULL DEFAULT '',
  last_error  text NOT NULL DEFAULT '',
  created_at  bigint NOT NULL,
  updated_at  bigint NOT NULL
);
CREATE INDEX jobs_due ON jobs(state, run_after) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_entry ON jobs(entry_seq);

CREATE TABLE insights (
  entry_seq  bigint PRIMARY KEY REFERENCES entries(seq) ON DELETE CASCADE,
  version    bigint NOT NULL,
  status     text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  summary    text NOT NULL DEFAULT '',
  topics     text NOT NULL DEFAULT '',
  emotions   text NOT NULL DEFAULT '',
  language   text NOT NULL DEFAULT '',
  provider   text NOT NULL DEFAULT '',
  model      text NOT NULL DEFAULT '',
  error      text NOT NULL DEFAULT '',
  updated_at bigint NOT NULL
);

CREATE TABLE entry_vectors (
  entry_seq  bigint PRIMARY KEY REFERENCES entries(seq) ON DELETE CASCADE,
  version    bigint NOT NULL,
  model      text NOT NULL,
  dimensions integer NOT NULL,
  vector     bytea NOT NULL
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['jobs', 'insights', 'entry_vectors'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)',
                   t || '_owner', t);
  END LOOP;
END $$;

-- Whether the caller may change the entry `entry` (as entries_update says).
CREATE FUNCTION dadly_may_change_entry(entry bigint) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM public.entries e WHERE e.seq = entry
        AND ((e.author_id = public.dadly_uid()
              AND e.family_id IN (SELECT public.dadly_families('{owner,editor}')))
             OR (e.visibility = 'family'
                 AND e.family_id IN (SELECT public.dadly_families('{owner}')))))
  $$;
GRANT EXECUTE ON FUNCTION dadly_may_change_entry(bigint) TO dadly_app;

-- A job is queued by whoever writes the entry, in the same transaction, and runs with the
-- rights of the entry's author. Workers take, finish and fail jobs through the functions below:
-- finding due work spans every family, which no caller may see.
CREATE POLICY jobs_create ON jobs FOR INSERT WITH CHECK (dadly_may_change_entry(entry_seq));

-- Insights and vectors are derived from the entry: whoever may read the entry may read them,
-- and may store them (the worker does, acting for the author).
CREATE POLICY insights_read ON insights FOR SELECT
  USING (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY insights_create ON insights FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY insights_update ON insights FOR UPDATE
  USING (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY entry_vectors_read ON entry_vectors FOR SELECT
  USING (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY entry_vectors_create ON entry_vectors FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY entry_vectors_update ON entry_vectors FOR UPDATE
  USING (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));

-- A job as workers and operators see it: with its entry's id, never its text.
CREATE TYPE dadly_job AS (
  id bigint, kind text, family_id uuid, entry_id uuid, version bigint, acting_for uuid,
  state text, attempts integer, run_after bigint, lease_until bigint, worker text,
  last_error text, created_at bigint, updated_at bigint);

-- Takes up to `max_jobs` due jobs for `worker` until now + lease: queued ones whose time has
-- come, and running ones whose lease lapsed (their worker died). SKIP LOCKED lets workers in
-- several processes take different jobs at once.
CREATE FUNCTION dadly_claim_jobs(worker_name text, max_jobs integer, now bigint, lease bigint)
  RETURNS SETOF dadly_job
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    WITH due AS (
      SELECT id FROM public.jobs
      WHERE (state = 'queued' AND run_after <= now) OR (state = 'running' AND lease_until < now)
      ORDER BY run_after, id LIMIT max_jobs FOR UPDATE SKIP LOCKED),
    taken AS (
      UPDATE public.jobs j SET state = 'running', attempts = j.attempts + 1,
        lease_until = now + lease, worker = worker_name, updated_at = now
      FROM due WHERE j.id = due.id RETURNING j.*)
    SELECT t.id, t.kind, t.family_id, e.id, t.version, t.acting_for, t.state, t.attempts,
           t.run_after, t.lease_until, t.worker, t.last_error, t.created_at, t.updated_at
    FROM taken t JOIN public.entries e ON e.seq = t.entry_seq
    ORDER BY t.run_after, t.id
  $$;

-- Ends a job the worker still holds: done, queued again at `retry_at`, or dead (retry_at NULL
-- and not done). False when the lease was lost to another worker meanwhile.
CREATE FUNCTION dadly_end_job(job bigint, worker_name text, done boolean, error text,
                              retry_at bigint, now bigint) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    WITH ended AS (
      UPDATE public.jobs SET
        state = CASE WHEN done THEN 'done' WHEN retry_at IS NULL THEN 'dead' ELSE 'queued' END,
        run_after = coalesce(retry_at, run_after), lease_until = NULL,
        last_error = CASE WHEN done THEN last_error ELSE error END, updated_at = now
      WHERE id = job AND state = 'running' AND worker = worker_name RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM ended)
  $$;

-- Jobs in `wanted` state, newest first, for operators.
CREATE FUNCTION dadly_list_jobs(wanted text, max_jobs integer) RETURNS SETOF dadly_job
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    SELECT j.id, j.kind, j.family_id, e.id, j.version, j.acting_for, j.state, j.attempts,
           j.run_after, j.lease_until, j.worker, j.last_error, j.created_at, j.updated_at
    FROM public.jobs j JOIN public.entries e ON e.seq = j.entry_seq
    WHERE j.state = wanted ORDER BY j.updated_at DESC, j.id DESC LIMIT max_jobs
  $$;

REVOKE ALL ON FUNCTION dadly_claim_jobs(text, integer, bigint, bigint),
  dadly_end_job(bigint, text, boolean, text, bigint, bigint), dadly_list_jobs(text, integer)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_claim_jobs(text, integer, bigint, bigint),
  dadly_end_job(bigint, text, boolean, text, bigint, bigint), dadly_list_jobs(text, integer)
  TO dadly_app;

GRANT INSERT ON jobs TO dadly_app;
GRANT USAGE ON SEQUENCE jobs_id_seq TO dadly_app;
GRANT SELECT, INSERT, UPDATE ON insights, entry_vectors TO dadly_app;
