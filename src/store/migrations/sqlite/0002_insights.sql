-- Background work and what it makes of entries: the job queue, and per entry the insight and
-- the embedding of its latest analysed version. Both go with their entry (ON DELETE CASCADE), so
-- purging an entry purges them too.

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,
  family_id   TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq   INTEGER NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  acting_for  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  run_after   INTEGER NOT NULL,
  lease_until INTEGER,
  worker      TEXT NOT NULL DEFAULT '',
  last_error  TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- What a worker looks for: queued and due, or running with a lapsed lease.
CREATE INDEX jobs_due ON jobs(state, run_after) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_entry ON jobs(entry_seq);

CREATE TABLE insights (
  entry_seq  INTEGER PRIMARY KEY REFERENCES entries(seq) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  summary    TEXT NOT NULL DEFAULT '',
  topics     TEXT NOT NULL DEFAULT '',   -- topic ids joined by ','
  emotions   TEXT NOT NULL DEFAULT '',   -- name:score pairs joined by ','
  language   TEXT NOT NULL DEFAULT '',
  provider   TEXT NOT NULL DEFAULT '',
  model      TEXT NOT NULL DEFAULT '',
  error      TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);

-- The embedding of an entry's analysed version, little-endian float32.
CREATE TABLE entry_vectors (
  entry_seq  INTEGER PRIMARY KEY REFERENCES entries(seq) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  model      TEXT NOT NULL,
  dimensions INTEGER NOT NULL,
  vector     BLOB NOT NULL
);
