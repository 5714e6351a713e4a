-- A spent refresh token names the token it was traded for. A client that lost the answer to a
-- refresh (a page reloaded mid-request) presents the spent token again: shortly after, and while
-- that newer token was never used, this is a retry and not a stolen copy (see
-- Store::RotateRefreshToken). NULL on the current token and on one withdrawn by a retry.
ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT;
