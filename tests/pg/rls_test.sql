-- Row Level Security as the second wall: run as the owner (pg_prove -U dadly_owner), which
-- sets up two families and then acts as the server's role, dadly_app.
BEGIN;
SET LOCAL search_path = public, tap;
SELECT * FROM no_plan();

-- Every table has RLS enabled, forced, and at least one policy.
SELECT ok(c.relrowsecurity, 'RLS is enabled on ' || c.relname)
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
   AND c.relname NOT LIKE 'pg\_%' AND c.relname NOT IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'pgtap%');
SELECT ok(c.relforcerowsecurity, 'RLS is forced on ' || c.relname)
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r';
SELECT ok(EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname),
          c.relname || ' has policies')
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r';
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
             AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)),
          0::bigint, 'no table escapes RLS');

-- The server's role owns nothing and cannot bypass RLS.
SELECT ok(NOT r.rolsuper AND NOT r.rolbypassrls, 'dadly_app is no superuser and cannot bypass RLS')
  FROM pg_roles r WHERE r.rolname = 'dadly_app';
-- Only the owner's own policies let everything through; none of them names the server's role.
SELECT is((SELECT count(*) FROM pg_policies p
            WHERE p.schemaname = 'public' AND p.qual = 'true'
              AND (p.roles && ARRAY['public', 'dadly_app']::name[])
              AND p.policyname <> 'schema_migrations_read'),
          0::bigint, 'no policy lets dadly_app see every row');
SELECT ok(NOT r.rolsuper AND NOT r.rolbypassrls, 'the owner needs neither superuser nor BYPASSRLS')
  FROM pg_roles r WHERE r.rolname = 'dadly_owner';
SELECT is((SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
            WHERE c.relnamespace = 'public'::regnamespace AND r.rolname = 'dadly_app'),
          0::bigint, 'dadly_app owns no table');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            AND p.prosecdef AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search_path=%')),
          0::bigint, 'every SECURITY DEFINER function pins its search_path');
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
            AND c.relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)),
          0::bigint, 'every view runs with the invoker''s rights');

-- Two families, A (users a1 owner, a2 viewer) and B (user b1 owner), as the owner role.
INSERT INTO users (id, email, password_hash, display_name, locale, created_at) VALUES
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a1@example.com', 'h', 'A one', 'ko', 1),
  ('aaaaaaaa-0000-4000-8000-000000000002', 'a2@example.com', 'h', 'A two', 'ko', 1),
  ('bbbbbbbb-0000-4000-8000-000000000001', 'b1@example.com', 'h', 'B one', 'ko', 1);
INSERT INTO families (id, name, created_at) VALUES
  ('aaaaaaaa-1111-4000-8000-000000000000', 'A', 1),
  ('bbbbbbbb-1111-4000-8000-000000000000', 'B', 1);
INSERT INTO memberships (family_id, user_id, role, joined_at) VALUES
  ('aaaaaaaa-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000001', 'owner', 1),
  ('aaaaaaaa-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000002', 'viewer', 1),
  ('bbbbbbbb-1111-4000-8000-000000000000', 'bbbbbbbb-0000-4000-8000-000000000001', 'owner', 1);
INSERT INTO members (id, family_id, name, created_at, updated_at) VALUES
  ('aaaaaaaa-2222-4000-8000-000000000000', 'aaaaaaaa-1111-4000-8000-000000000000', '서윤', 1, 1),
  ('bbbbbbbb-2222-4000-8000-000000000000', 'bbbbbbbb-1111-4000-8000-000000000000', '하준', 1, 1);
INSERT INTO entries (id, family_id, author_id, body, occurred_at, visibility, version, created_at, updated_at) VALUES
  ('aaaaaaaa-3333-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000001', 'A family entry', '2026-01-01', 'family', 1, 1, 1),
  ('aaaaaaaa-3333-4000-8000-000000000002', 'aaaaaaaa-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000002', 'A2 private', '2026-01-02', 'private', 1, 1, 1),
  ('bbbbbbbb-3333-4000-8000-000000000001', 'bbbbbbbb-1111-4000-8000-000000000000', 'bbbbbbbb-0000-4000-8000-000000000001', 'B family entry', '2026-01-01', 'family', 1, 1, 1);
INSERT INTO entry_members (member_id, entry_seq)
  SELECT 'bbbbbbbb-2222-4000-8000-000000000000', seq FROM entries WHERE id = 'bbbbbbbb-3333-4000-8000-000000000001';
INSERT INTO sessions (id, user_id, created_at) VALUES
  ('aaaaaaaa-4444-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000001', 1);
-- Every entry has its insight and vector; B's entry also a queued job.
INSERT INTO insights (entry_seq, version, status, summary, updated_at)
  SELECT seq, 1, 'done', 'summary of ' || body, 1 FROM entries;
INSERT INTO entry_vectors (entry_seq, version, model, dimensions, vector)
  SELECT seq, 1, 'm', 1, '\x0000803f' FROM entries;
INSERT INTO jobs (kind, family_id, entry_seq, version, acting_for, state, run_after, created_at, updated_at)
  SELECT 'insight', family_id, seq, 1, author_id, 'queued', 0, 1, 1 FROM entries
  WHERE id = 'bbbbbbbb-3333-4000-8000-000000000001';
-- a1 has a conversation in A whose reply cites A's family entry; A has spent 30 tokens.
INSERT INTO conversations (id, family_id, user_id, title, created_at, updated_at) VALUES
  ('aaaaaaaa-5555-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000000',
   'aaaaaaaa-0000-4000-8000-000000000001', 'bike', 1, 1);
INSERT INTO messages (id, conversation_seq, role, content, created_at)
  SELECT 'aaaaaaaa-6666-4000-8000-000000000001', seq, 'assistant', 'quote [1]', 1 FROM conversations;
INSERT INTO message_citations (message_seq, position, entry_seq, excerpt)
  SELECT m.seq, 1, e.seq, 'A family entry' FROM messages m, entries e
  WHERE e.id = 'aaaaaaaa-3333-4000-8000-000000000001';
INSERT INTO ai_runs (family_id, operation, provider, model, prompt_version, tokens_in, tokens_out,
                     cost_micro_usd, latency_ms, status, created_at)
  VALUES ('aaaaaaaa-1111-4000-8000-000000000000', 'chat', 'openai', 'm', 'v1', 10, 20, 1, 1, 'ok', 100);

-- Anonymous (no app.user_id): nothing at all.
SET LOCAL ROLE dadly_app;
SELECT is((SELECT count(*) FROM users), 0::bigint, 'anonymous sees no users');
SELECT is((SELECT count(*) FROM families), 0::bigint, 'anonymous sees no families');
SELECT is((SELECT count(*) FROM memberships), 0::bigint, 'anonymous sees no memberships');
SELECT is((SELECT count(*) FROM members), 0::bigint, 'anonymous sees no members');
SELECT is((SELECT count(*) FROM entries), 0::bigint, 'anonymous sees no entries');
SELECT is((SELECT count(*) FROM entry_members), 0::bigint, 'anonymous sees no tags');
SELECT throws_ok($$SELECT count(*) FROM sessions$$, '42501', NULL, 'anonymous cannot read sessions');
SELECT is((SELECT count(*) FROM insights), 0::bigint, 'anonymous sees no insights');
SELECT is((SELECT count(*) FROM entry_vectors), 0::bigint, 'anonymous sees no vectors');
SELECT throws_ok($$SELECT count(*) FROM jobs$$, '42501', NULL, 'anonymous cannot read jobs');
SELECT throws_ok(
  $$INSERT INTO families (id, name, created_at) VALUES ('cccccccc-1111-4000-8000-000000000000', 'C', 1)$$,
  '42501', NULL, 'anonymous cannot create a family');
SELECT is((SELECT count(*) FROM conversations), 0::bigint, 'anonymous sees no conversations');
SELECT is((SELECT count(*) FROM messages), 0::bigint, 'anonymous sees no messages');

-- As a1, owner of A.
SELECT set_config('app.user_id', 'aaaaaaaa-0000-4000-8000-000000000001', true);
SELECT is((SELECT count(*) FROM families), 1::bigint, 'a1 sees one family');
SELECT is((SELECT count(*) FROM entries WHERE family_id = 'bbbbbbbb-1111-4000-8000-000000000000'),
          0::bigint, 'a1 sees none of B''s entries');
SELECT is((SELECT count(*) FROM entries), 1::bigint, 'a1 sees A''s family entry, not a2''s private one');
SELECT is((SELECT count(*) FROM members), 1::bigint, 'a1 sees only A''s members');
SELECT is((SELECT count(*) FROM entry_members), 0::bigint, 'a1 sees none of B''s tags');
SELECT is((SELECT count(*) FROM users), 2::bigint, 'a1 sees the users of A only');
SELECT is((SELECT count(*) FROM memberships), 2::bigint, 'a1 sees the memberships of A only');
SELECT throws_ok($$SELECT count(*) FROM refresh_tokens$$, '42501', NULL, 'a1 cannot read refresh tokens');
SELECT is((SELECT count(*) FROM insights), 1::bigint, 'a1 sees the insight of the entry it may read only');
SELECT is((SELECT count(*) FROM entry_vectors), 1::bigint, 'a1 sees the vector of the entry it may read only');
SELECT throws_ok($$SELECT count(*) FROM jobs$$, '42501', NULL, 'a1 cannot read the job queue');
SELECT is_empty($$UPDATE insights SET summary = 'x' WHERE entry_seq IN
  (SELECT seq FROM entries WHERE family_id <> 'aaaaaaaa-1111-4000-8000-000000000000') RETURNING 1$$,
  'a1 changes no insight outside A');
SELECT throws_ok(
  $$INSERT INTO jobs (kind, family_id, entry_seq, version, acting_for, state, run_after, created_at, updated_at)
    SELECT 'insight', 'bbbbbbbb-1111-4000-8000-000000000000', 3, 1, 'aaaaaaaa-0000-4000-8000-000000000001', 'queued', 0, 1, 1$$,
  '42501', NULL, 'a1 cannot queue work on B''s entry');
SELECT is((SELECT count(*) FROM conversations), 1::bigint, 'a1 sees its conversation');
SELECT is((SELECT count(*) FROM message_citations), 1::bigint, 'a1 sees its reply''s citation');
SELECT is(dadly_ai_tokens_since('aaaaaaaa-1111-4000-8000-000000000000', 0), 30::bigint,
          'a1 learns what A spent today');
SELECT is(dadly_ai_tokens_since('bbbbbbbb-1111-4000-8000-000000000000', 0), 0::bigint,
          'a1 learns nothing of what B spent');
SELECT throws_ok(
  $$INSERT INTO message_citations (message_seq, position, entry_seq, excerpt)
    SELECT m.seq, 2, 3, 'stolen' FROM messages m$$,
  '42501', NULL, 'a1 cannot cite B''s entry');
SELECT is((SELECT count(*) FROM dadly_list_jobs('queued', 10)), 1::bigint,
          'the queue is seen only through the operators'' function');

SELECT throws_ok(
  $$INSERT INTO entries (id, family_id, author_id, body, occurred_at, visibility, version, created_at, updated_at)
    VALUES ('aaaaaaaa-3333-4000-8000-0000000000ff', 'bbbbbbbb-1111-4000-8000-000000000000',
            'aaaaaaaa-0000-4000-8000-000000000001', 'intruder', '2026-01-01', 'family', 1, 1, 1)$$,
  '42501', NULL, 'a1 cannot write an entry into B');
SELECT throws_ok(
  $$INSERT INTO memberships (family_id, user_id, role, joined_at)
    VALUES ('bbbbbbbb-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000001', 'owner', 1)$$,
  '42501', NULL, 'a1 cannot make itself owner of B');
SELECT throws_ok(
  $$INSERT INTO members (id, family_id, name, created_at, updated_at)
    VALUES ('aaaaaaaa-2222-4000-8000-0000000000ff', 'bbbbbbbb-1111-4000-8000-000000000000', 'x', 1, 1)$$,
  '42501', NULL, 'a1 cannot add a member to B');
SELECT throws_ok(
  $$INSERT INTO entry_members (member_id, entry_seq)
    SELECT 'bbbbbbbb-2222-4000-8000-000000000000', seq FROM entries WHERE id = 'aaaaaaaa-3333-4000-8000-000000000001'$$,
  '42501', NULL, 'a1 cannot tag B''s member on an A entry');
SELECT is_empty($$UPDATE entries SET body = 'changed' WHERE family_id = 'bbbbbbbb-1111-4000-8000-000000000000' RETURNING 1$$, 'a1 updates none of B''s entries');
SELECT is_empty($$DELETE FROM entries WHERE family_id = 'bbbbbbbb-1111-4000-8000-000000000000' RETURNING 1$$, 'a1 deletes none of B''s entries');
SELECT is_empty($$DELETE FROM members WHERE family_id = 'bbbbbbbb-1111-4000-8000-000000000000' RETURNING 1$$, 'a1 deletes none of B''s members');
SELECT is_empty($$UPDATE families SET name = 'mine' WHERE id = 'bbbbbbbb-1111-4000-8000-000000000000' RETURNING 1$$, 'a1 renames no family of B');
SELECT isnt_empty($$UPDATE entries SET body = 'edited' WHERE id = 'aaaaaaaa-3333-4000-8000-000000000001' RETURNING 1$$, 'a1 edits its own family''s entry');
SELECT lives_ok(
  $$INSERT INTO families (id, name, created_at) VALUES ('cccccccc-1111-4000-8000-000000000000', 'C', 1);
    INSERT INTO memberships (family_id, user_id, role, joined_at)
      VALUES ('cccccccc-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000001', 'owner', 1)$$,
  'a1 creates a family and becomes its first owner');

-- As a2, viewer of A: reads A, writes nothing, and keeps its private entry to itself.
SELECT set_config('app.user_id', 'aaaaaaaa-0000-4000-8000-000000000002', true);
SELECT is((SELECT count(*) FROM entries), 2::bigint, 'a2 sees A''s family entry and its own private one');
SELECT throws_ok(
  $$INSERT INTO entries (id, family_id, author_id, body, occurred_at, visibility, version, created_at, updated_at)
    VALUES ('aaaaaaaa-3333-4000-8000-0000000000fe', 'aaaaaaaa-1111-4000-8000-000000000000',
            'aaaaaaaa-0000-4000-8000-000000000002', 'viewer writes', '2026-01-01', 'family', 1, 1, 1)$$,
  '42501', NULL, 'a viewer cannot write entries');
SELECT is_empty($$UPDATE members SET name = 'x' RETURNING 1$$, 'a viewer changes no member');
SELECT throws_ok(
  $$INSERT INTO memberships (family_id, user_id, role, joined_at)
    VALUES ('aaaaaaaa-1111-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000002', 'owner', 2)
    ON CONFLICT (family_id, user_id) DO UPDATE SET role = 'owner'$$,
  '42501', NULL, 'a viewer cannot promote itself');
SELECT is((SELECT count(*) FROM conversations), 0::bigint,
          'a2 does not see a1''s conversation in the same family');
SELECT is((SELECT count(*) FROM messages), 0::bigint, 'a2 sees none of a1''s messages');
SELECT is_empty($$DELETE FROM conversations RETURNING 1$$, 'a2 deletes none of a1''s conversations');
SELECT throws_ok(
  $$INSERT INTO conversations (id, family_id, user_id, title, created_at, updated_at) VALUES
    ('aaaaaaaa-5555-4000-8000-0000000000ff', 'aaaaaaaa-1111-4000-8000-000000000000',
     'aaaaaaaa-0000-4000-8000-000000000001', 'forged', 1, 1)$$,
  '42501', NULL, 'a2 cannot start a conversation in a1''s name');

-- As b1: A's private entry and A's family entry are both out of reach.
SELECT set_config('app.user_id', 'bbbbbbbb-0000-4000-8000-000000000001', true);
SELECT is((SELECT count(*) FROM entries WHERE family_id = 'aaaaaaaa-1111-4000-8000-000000000000'),
          0::bigint, 'b1 sees none of A''s entries');
SELECT is((SELECT count(*) FROM entry_members), 1::bigint, 'b1 sees its own family''s tag');

SELECT is((SELECT count(*) FROM conversations), 0::bigint, 'b1 sees none of A''s conversations');

-- Purging the cited entry erases the reply that quotes it, whoever's conversation it is in.
RESET ROLE;
SELECT is(dadly_purge_trash(0), 0::bigint, 'nothing trashed yet');
UPDATE entries SET deleted_at = 1 WHERE id = 'aaaaaaaa-3333-4000-8000-000000000001';
SET LOCAL ROLE dadly_app;
SELECT is(dadly_purge_trash(2), 1::bigint, 'the purge erases the trashed entry');
RESET ROLE;
SELECT is((SELECT count(*) FROM messages WHERE content = 'quote [1]'), 0::bigint,
          'the reply quoting it is gone too');
SELECT is((SELECT count(*) FROM conversations), 1::bigint, 'the conversation stays');

SELECT * FROM finish();
ROLLBACK;
