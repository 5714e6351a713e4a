-- A trace of every call to an AI provider, kept in step with migrations/sqlite/0003_ai_runs.sql:
-- what was asked of which model and how it went, never the text sent or received.
CREATE TABLE ai_runs (
  id             bigserial PRIMARY KEY,
  family_id      uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq      bigint REFERENCES entries(seq) ON DELETE CASCADE,
  operation      text NOT NULL,
  provider       text NOT NULL,
  model          text NOT NULL,
  prompt_version text NOT NULL,
  tokens_in      bigint NOT NULL,
  tokens_out     bigint NOT NULL,
  cost_micro_usd bigint NOT NULL,
  latency_ms     bigint NOT NULL,
  status         text NOT NULL CHECK (status IN ('ok', 'error')),
  error          text NOT NULL DEFAULT '',
  created_at     bigint NOT NULL
);
CREATE INDEX ai_runs_family ON ai_runs(family_id, created_at);
CREATE INDEX ai_runs_entry ON ai_runs(entry_seq);

ALTER TABLE ai_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY ai_runs_owner ON ai_runs TO CURRENT_USER USING (true) WITH CHECK (true);
-- Any member's work may be traced; only the family's owners read the traces.
CREATE POLICY ai_runs_create ON ai_runs FOR INSERT
  WITH CHECK (family_id IN (SELECT dadly_families()));
CREATE POLICY ai_runs_read ON ai_runs FOR SELECT
  USING (family_id IN (SELECT dadly_families('{owner}')));

GRANT SELECT, INSERT ON ai_runs TO dadly_app;
GRANT USAGE ON SEQUENCE ai_runs_id_seq TO dadly_app;
