-- The purge finds the old end of the search log by walking it in seq order (rows are written in
-- time order), so the index on `at` goes: it cost every logged change three more b-tree writes,
-- and a create logs three or four changes.
DROP INDEX search_log_at;
