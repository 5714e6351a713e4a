-- A trace of every call to an AI provider: what was asked of which model and how it went, never
-- the text sent or received. A run about an entry goes with the entry when it is purged; every
-- run goes with its family.
CREATE TABLE ai_runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  family_id      TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq      INTEGER REFERENCES entries(seq) ON DELETE CASCADE,
  operation      TEXT NOT NULL,
  provider       TEXT NOT NULL,
  model          TEXT NOT NULL,
  prompt_version TEXT NOT NULL,
  tokens_in      INTEGER NOT NULL,
  tokens_out     INTEGER NOT NULL,
  cost_micro_usd INTEGER NOT NULL,
  latency_ms     INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error          TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL
);
CREATE INDEX ai_runs_family ON ai_runs(family_id, created_at);
CREATE INDEX ai_runs_entry ON ai_runs(entry_seq);
