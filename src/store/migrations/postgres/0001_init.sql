-- Accounts, sessions, families, members and entries: the foundation schema, kept in step with
-- migrations/sqlite/0001_init.sql. Times are unix seconds (bigint), as on SQLite. Text that lists
-- are ordered by compares bytewise (COLLATE "C"), as SQLite does, whatever the database's locale.
-- Runs as the owner role. The server's role (dadly_app) owns nothing and sees rows only through
-- the Row Level Security policies at the end of this file.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text COLLATE "C" NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name  text COLLATE "C" NOT NULL,
  locale        text NOT NULL CHECK (locale IN ('ko', 'en')),
  created_at    bigint NOT NULL
);

CREATE TABLE sessions (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  spent_at   bigint
);
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

CREATE TABLE login_failures (
  key text NOT NULL,
  at  bigint NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE families (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE memberships (
  family_id uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer', 'child')),
  joined_at bigint NOT NULL,
  PRIMARY KEY (family_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE members (
  id         uuid PRIMARY KEY,
  family_id  uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  name       text COLLATE "C" NOT NULL,
  birthdate  text COLLATE "C",
  relation   text,
  user_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX members_family ON members(family_id);

CREATE TABLE entries (
  seq         bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE,
  family_id   uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES users(id),
  title       text,
  body        text NOT NULL,
  occurred_at text COLLATE "C" NOT NULL,
  visibility  text NOT NULL CHECK (visibility IN ('family', 'private')),
  version     bigint NOT NULL,
  created_at  bigint NOT NULL,
  updated_at  bigint NOT NULL,
  deleted_at  bigint
);
CREATE INDEX entries_list ON entries(family_id, occurred_at DESC, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_trash ON entries(family_id, deleted_at DESC, seq DESC) WHERE deleted_at IS NOT NULL;
CREATE INDEX entries_deleted ON entries(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE entry_members (
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  entry_seq bigint NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  PRIMARY KEY (member_id, entry_seq)
);
CREATE INDEX entry_members_entry ON entry_members(entry_seq);

-- ---------------------------------------------------------------------------------------------
-- Row Level Security: the second wall. The server connects as dadly_app (no ownership, no
-- BYPASSRLS) and sets app.user_id for each transaction to the authenticated caller, in the
-- style of Supabase's auth.uid(). Every table is RLS-enabled and forced; a bug in a handler
-- can then show a caller nothing of a family it does not belong to.
-- The owner role that runs this file is subject to the policies too (FORCE), and reaches every
-- row only through an explicit *_owner policy per table: migrations need it, and so do the
-- SECURITY DEFINER helpers below, which read memberships without recursing into the policies
-- that call them. It needs no BYPASSRLS, which managed PostgreSQL does not always grant.

-- schema_migrations is created by Dadly's migration runner before this file runs.
ALTER TABLE schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE schema_migrations FORCE ROW LEVEL SECURITY;
CREATE POLICY schema_migrations_owner ON schema_migrations TO CURRENT_USER
  USING (true) WITH CHECK (true);
CREATE POLICY schema_migrations_read ON schema_migrations FOR SELECT USING (true);

-- The caller, or NULL when no user is set (then every policy below shows nothing).
-- Without a SET clause PostgreSQL can inline it into the policies (it names only pg_catalog
-- functions, qualified, and runs with the caller's rights).
CREATE FUNCTION dadly_uid() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(pg_catalog.current_setting('app.user_id', true), '')::uuid $$;

-- The families the caller holds one of `roles` in (any role when NULL). Policies ask
-- `family_id IN (SELECT dadly_families(...))`: PostgreSQL runs that once per statement and probes
-- it as a hash, where a function called with each row's family would run a query per row.
-- PL/pgSQL keeps the query's plan for the session; an SQL function would plan it at every call.
CREATE FUNCTION dadly_families(roles text[] DEFAULT NULL) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ BEGIN
    RETURN QUERY SELECT m.family_id FROM public.memberships m
      WHERE m.user_id = public.dadly_uid() AND (roles IS NULL OR m.role = ANY (roles));
  END $$;

-- The accounts that share a family with the caller (to see each other's names).
CREATE FUNCTION dadly_family_peers() RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ BEGIN
    RETURN QUERY SELECT theirs.user_id FROM public.memberships mine
      JOIN public.memberships theirs ON theirs.family_id = mine.family_id
      WHERE mine.user_id = public.dadly_uid();
  END $$;

-- Whether a family has any membership yet (its creator may then make itself owner).
CREATE FUNCTION dadly_family_is_new(family uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ SELECT NOT EXISTS (SELECT 1 FROM public.memberships WHERE family_id = family) $$;

-- Whether the caller's account is linked to a member tagged on the entry (a child's view).
CREATE FUNCTION dadly_entry_is_about_me(entry bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM public.entry_members em JOIN public.members m ON m.id = em.member_id
      WHERE em.entry_seq = entry AND m.user_id = public.dadly_uid())
  $$;

REVOKE ALL ON FUNCTION dadly_families(text[]), dadly_family_peers(), dadly_family_is_new(uuid),
  dadly_entry_is_about_me(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_uid(), dadly_families(text[]), dadly_family_peers(),
  dadly_family_is_new(uuid), dadly_entry_is_about_me(bigint) TO dadly_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'refresh_tokens', 'login_failures', 'families',
                           'memberships', 'members', 'entries', 'entry_members'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)',
                   t || '_owner', t);
  END LOOP;
END $$;

-- Accounts: one's own row, the people one shares a family with, and the authors of entries one
-- may read (someone who left a family still signs what they wrote there). `(SELECT dadly_uid())`
-- is evaluated once per statement, not once per row; the last list is only built when a row
-- needs it.
CREATE POLICY users_read ON users FOR SELECT
  USING (id = (SELECT dadly_uid()) OR id IN (SELECT dadly_family_peers())
         OR id IN (SELECT e.author_id FROM entries e));
CREATE POLICY users_create_self ON users FOR INSERT WITH CHECK (id = (SELECT dadly_uid()));
CREATE POLICY users_update_self ON users FOR UPDATE USING (id = (SELECT dadly_uid()));

-- Sessions, refresh tokens and failed logins are never read or written by the server's role
-- directly: signing in happens before there is a caller to key a policy on, so the sign-in
-- functions below do that work, each one narrow, as the owner.
CREATE POLICY sessions_none ON sessions USING (false);
CREATE POLICY refresh_tokens_none ON refresh_tokens USING (false);
CREATE POLICY login_failures_none ON login_failures USING (false);

-- The account an email signs in to (login and `dadly grant` look accounts up by email).
CREATE FUNCTION dadly_find_login(login_email text) RETURNS SETOF users
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ SELECT * FROM public.users WHERE email = login_email $$;

CREATE FUNCTION dadly_start_session(session uuid, account uuid, token text, created bigint,
                                    expires bigint) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    INSERT INTO public.sessions (id, user_id, created_at) VALUES (session, account, created);
    INSERT INTO public.refresh_tokens (token_hash, session_id, created_at, expires_at)
      VALUES (token, session, created, expires);
  $$;

-- Spends `old_token` for `next_token` in the same session. A spent token that comes back means
-- someone holds a copy: the whole session is revoked. The row lock makes two concurrent uses of
-- one token rotate once and revoke once.
CREATE FUNCTION dadly_rotate_refresh_token(old_token text, next_token text, created bigint,
                                           expires bigint, now bigint)
  RETURNS TABLE (outcome text, account uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE t record;
  BEGIN
    SELECT rt.session_id, rt.expires_at, rt.spent_at, s.revoked_at, s.user_id INTO t
      FROM public.refresh_tokens rt JOIN public.sessions s ON s.id = rt.session_id
      WHERE rt.token_hash = old_token FOR UPDATE OF rt, s;
    IF NOT FOUND OR t.revoked_at IS NOT NULL OR t.expires_at <= now THEN
      RETURN QUERY SELECT 'invalid'::text, NULL::uuid;
    ELSIF t.spent_at IS NOT NULL THEN
      UPDATE public.sessions SET revoked_at = now WHERE id = t.session_id;
      RETURN QUERY SELECT 'reused'::text, NULL::uuid;
    ELSE
      UPDATE public.refresh_tokens SET spent_at = now WHERE token_hash = old_token;
      INSERT INTO public.refresh_tokens (token_hash, session_id, created_at, expires_at)
        VALUES (next_token, t.session_id, created, expires);
      RETURN QUERY SELECT 'rotated'::text, t.user_id;
    END IF;
  END $$;

CREATE FUNCTION dadly_revoke_session(token text, now bigint) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    UPDATE public.sessions SET revoked_at = now WHERE revoked_at IS NULL
      AND id = (SELECT session_id FROM public.refresh_tokens WHERE token_hash = token);
  $$;

-- Failed logins under `failure_key` since `since`: how many, and the oldest (0 when none).
CREATE FUNCTION dadly_login_failures(failure_key text, since bigint)
  RETURNS TABLE (failures bigint, oldest bigint)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    SELECT count(*), coalesce(min(at), 0) FROM public.login_failures
      WHERE key = failure_key AND at >= since
  $$;

-- Records a failure; failures older than a day no longer count for anything.
CREATE FUNCTION dadly_record_login_failure(failure_key text, now bigint) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    INSERT INTO public.login_failures (key, at) VALUES (failure_key, now);
    DELETE FROM public.login_failures WHERE key = failure_key AND at < now - 86400;
  $$;

CREATE FUNCTION dadly_clear_login_failures(failure_key text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ DELETE FROM public.login_failures WHERE key = failure_key $$;

-- The 30-day purge erases trashed entries of every family, so it cannot act as one caller.
CREATE FUNCTION dadly_purge_trash(deleted_before bigint) RETURNS bigint
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    WITH gone AS (DELETE FROM public.entries
                  WHERE deleted_at IS NOT NULL AND deleted_at < deleted_before RETURNING 1)
    SELECT count(*) FROM gone
  $$;

REVOKE ALL ON FUNCTION dadly_find_login(text), dadly_start_session(uuid, uuid, text, bigint, bigint),
  dadly_rotate_refresh_token(text, text, bigint, bigint, bigint), dadly_revoke_session(text, bigint),
  dadly_login_failures(text, bigint), dadly_record_login_failure(text, bigint),
  dadly_clear_login_failures(text), dadly_purge_trash(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_find_login(text), dadly_start_session(uuid, uuid, text, bigint, bigint),
  dadly_rotate_refresh_token(text, text, bigint, bigint, bigint), dadly_revoke_session(text, bigint),
  dadly_login_failures(text, bigint), dadly_record_login_failure(text, bigint),
  dadly_clear_login_failures(text), dadly_purge_trash(bigint) TO dadly_app;

CREATE POLICY families_read ON families FOR SELECT USING (id IN (SELECT dadly_families()));
CREATE POLICY families_create ON families FOR INSERT WITH CHECK ((SELECT dadly_uid()) IS NOT NULL);
CREATE POLICY families_update ON families FOR UPDATE
  USING (id IN (SELECT dadly_families('{owner}')));
CREATE POLICY families_delete ON families FOR DELETE
  USING (id IN (SELECT dadly_families('{owner}')));

CREATE POLICY memberships_read ON memberships FOR SELECT
  USING (family_id IN (SELECT dadly_families()));
-- An owner adds people; the creator of a new family makes itself its first owner.
CREATE POLICY memberships_create ON memberships FOR INSERT
  WITH CHECK (family_id IN (SELECT dadly_families('{owner}'))
              OR (user_id = (SELECT dadly_uid()) AND role = 'owner'
                  AND dadly_family_is_new(family_id)));
CREATE POLICY memberships_update ON memberships FOR UPDATE
  USING (family_id IN (SELECT dadly_families('{owner}')));
CREATE POLICY memberships_delete ON memberships FOR DELETE
  USING (family_id IN (SELECT dadly_families('{owner}')));

CREATE POLICY members_read ON members FOR SELECT USING (family_id IN (SELECT dadly_families()));
CREATE POLICY members_create ON members FOR INSERT
  WITH CHECK (family_id IN (SELECT dadly_families('{owner}')));
CREATE POLICY members_update ON members FOR UPDATE
  USING (family_id IN (SELECT dadly_families('{owner}')));
CREATE POLICY members_delete ON members FOR DELETE
  USING (family_id IN (SELECT dadly_families('{owner}')));

-- Entries: family entries for the family's adults, private ones for their author alone, and
-- for a child only family entries that tag it.
CREATE POLICY entries_read ON entries FOR SELECT
  USING ((visibility = 'family' OR author_id = (SELECT dadly_uid()))
         AND (family_id IN (SELECT dadly_families('{owner,editor,viewer}'))
              OR (visibility = 'family' AND family_id IN (SELECT dadly_families('{child}'))
                  AND dadly_entry_is_about_me(seq))));
-- Owners and editors write their own entries; owners may change the family's entries of others.
CREATE POLICY entries_create ON entries FOR INSERT
  WITH CHECK (author_id = (SELECT dadly_uid())
              AND family_id IN (SELECT dadly_families('{owner,editor}')));
CREATE POLICY entries_update ON entries FOR UPDATE
  USING ((author_id = (SELECT dadly_uid()) AND family_id IN (SELECT dadly_families('{owner,editor}')))
         OR (visibility = 'family' AND family_id IN (SELECT dadly_families('{owner}'))));
CREATE POLICY entries_delete ON entries FOR DELETE
  USING ((author_id = (SELECT dadly_uid()) AND family_id IN (SELECT dadly_families('{owner,editor}')))
         OR (visibility = 'family' AND family_id IN (SELECT dadly_families('{owner}'))));

-- Tags follow their entry: readable with it; written by whoever may change it, and only with a
-- member of the entry's family. (Separate policies per command: a FOR ALL policy would be
-- checked on every read too.)
CREATE POLICY entry_members_read ON entry_members FOR SELECT
  USING (EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));
CREATE POLICY entry_members_create ON entry_members FOR INSERT
  WITH CHECK (EXISTS (
    SELECT 1 FROM entries e JOIN members m ON m.family_id = e.family_id
    WHERE e.seq = entry_seq AND m.id = member_id
      AND ((e.author_id = (SELECT dadly_uid())
            AND e.family_id IN (SELECT dadly_families('{owner,editor}')))
           OR (e.visibility = 'family' AND e.family_id IN (SELECT dadly_families('{owner}'))))));
CREATE POLICY entry_members_delete ON entry_members FOR DELETE
  USING (EXISTS (
    SELECT 1 FROM entries e WHERE e.seq = entry_seq
      AND ((e.author_id = (SELECT dadly_uid())
            AND e.family_id IN (SELECT dadly_families('{owner,editor}')))
           OR (e.visibility = 'family' AND e.family_id IN (SELECT dadly_families('{owner}'))))));

GRANT USAGE ON SCHEMA public TO dadly_app;
GRANT SELECT ON schema_migrations TO dadly_app;
GRANT SELECT, INSERT, UPDATE ON users TO dadly_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON families, memberships, members, entries, entry_members
  TO dadly_app;
GRANT USAGE ON SEQUENCE entries_seq_seq TO dadly_app;
