-- A spent refresh token names the token it was traded for. A client that lost the answer to a
-- refresh (a page reloaded mid-request) presents the spent token again: shortly after, and while
-- that newer token was never used, this is a retry and not a stolen copy (see
-- Store::RotateRefreshToken). NULL on the current token and on one withdrawn by a retry.
ALTER TABLE refresh_tokens ADD COLUMN replaced_by text;

DROP FUNCTION dadly_rotate_refresh_token(text, text, bigint, bigint, bigint);

-- Spends `old_token` for `next_token` in the same session. A spent token that comes back means
-- someone holds a copy and the whole session is revoked, unless it was spent at or after
-- `retry_since` and the token it was traded for was never used: then that one is withdrawn and
-- `next_token` takes its place. The row locks make concurrent uses of one session's tokens take
-- turns.
CREATE FUNCTION dadly_rotate_refresh_token(old_token text, next_token text, created bigint,
                                           expires bigint, now bigint, retry_since bigint)
  RETURNS TABLE (outcome text, account uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE t record;
  BEGIN
    SELECT rt.session_id, rt.expires_at, rt.spent_at, rt.replaced_by, s.revoked_at, s.user_id
      INTO t
      FROM public.refresh_tokens rt JOIN public.sessions s ON s.id = rt.session_id
      WHERE rt.token_hash = old_token FOR UPDATE OF rt, s;
    IF NOT FOUND OR t.revoked_at IS NOT NULL OR t.expires_at <= now THEN
      RETURN QUERY SELECT 'invalid'::text, NULL::uuid;
      RETURN;
    END IF;
    IF t.spent_at IS NOT NULL THEN
      IF t.spent_at >= retry_since AND t.replaced_by IS NOT NULL THEN
        UPDATE public.refresh_tokens SET spent_at = now
          WHERE token_hash = t.replaced_by AND spent_at IS NULL;
      END IF;
      IF t.spent_at < retry_since OR t.replaced_by IS NULL OR NOT FOUND THEN
        UPDATE public.sessions SET revoked_at = now WHERE id = t.session_id;
        RETURN QUERY SELECT 'reused'::text, NULL::uuid;
        RETURN;
      END IF;
    END IF;
    UPDATE public.refresh_tokens SET spent_at = coalesce(t.spent_at, now), replaced_by = next_token
      WHERE token_hash = old_token;
    INSERT INTO public.refresh_tokens (token_hash, session_id, created_at, expires_at)
      VALUES (next_token, t.session_id, created, expires);
    RETURN QUERY SELECT 'rotated'::text, t.user_id;
  END $$;

REVOKE ALL ON FUNCTION dadly_rotate_refresh_token(text, text, bigint, bigint, bigint, bigint)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_rotate_refresh_token(text, text, bigint, bigint, bigint, bigint)
  TO dadly_app;
