-- Chat, kept in step with migrations/sqlite/0004_conversations.sql: a user's conversations in a
-- family, their messages, and which entries each reply cited. A conversation is its user's
-- alone, and Row Level Security says so too. A reply that cited an entry is erased with it.
CREATE TABLE conversations (
  seq        bigserial PRIMARY KEY,
  id         uuid NOT NULL UNIQUE,
  family_id  uuid NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX conversations_list ON conversations(family_id, user_id, updated_at DESC, seq DESC);

CREATE TABLE messages (
  seq              bigserial PRIMARY KEY,
  id               uuid NOT NULL UNIQUE,
  conversation_seq bigint NOT NULL REFERENCES conversations(seq) ON DELETE CASCADE,
  role             text NOT NULL CHECK (role IN ('user', 'assistant')),
  content          text NOT NULL,
  created_at       bigint NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_seq, seq);

CREATE TABLE message_citations (
  message_seq bigint NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
  position    integer NOT NULL,
  entry_seq   bigint NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  excerpt     text NOT NULL,
  PRIMARY KEY (message_seq, position)
);
CREATE INDEX message_citations_entry ON message_citations(entry_seq);

-- Runs as the owner: the replies quoting an entry may be in anyone's conversation.
CREATE FUNCTION dadly_erase_replies() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ BEGIN
    DELETE FROM public.messages WHERE seq IN
      (SELECT message_seq FROM public.message_citations WHERE entry_seq = OLD.seq);
    RETURN OLD;
  END $$;
REVOKE ALL ON FUNCTION dadly_erase_replies() FROM PUBLIC;
CREATE TRIGGER entries_erase_replies BEFORE DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION dadly_erase_replies();

ALTER TABLE ai_runs ADD COLUMN conversation_seq bigint
  REFERENCES conversations(seq) ON DELETE CASCADE;
ALTER TABLE ai_runs ADD COLUMN content_sent text NOT NULL DEFAULT '';
ALTER TABLE ai_runs ADD COLUMN content_received text NOT NULL DEFAULT '';
CREATE INDEX ai_runs_conversation ON ai_runs(conversation_seq);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['conversations', 'messages', 'message_citations'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)',
                   t || '_owner', t);
  END LOOP;
END $$;

-- Only the conversation's user, while a member of its family, sees or changes it.
CREATE POLICY conversations_mine ON conversations
  USING (user_id = (SELECT dadly_uid()) AND family_id IN (SELECT dadly_families()))
  WITH CHECK (user_id = (SELECT dadly_uid()) AND family_id IN (SELECT dadly_families()));
CREATE POLICY messages_mine ON messages
  USING (EXISTS (SELECT 1 FROM conversations c WHERE c.seq = conversation_seq))
  WITH CHECK (EXISTS (SELECT 1 FROM conversations c WHERE c.seq = conversation_seq));
-- A citation names an entry the user can read, in a message of theirs.
CREATE POLICY message_citations_mine ON message_citations
  USING (EXISTS (SELECT 1 FROM messages m WHERE m.seq = message_seq))
  WITH CHECK (EXISTS (SELECT 1 FROM messages m WHERE m.seq = message_seq)
              AND EXISTS (SELECT 1 FROM entries e WHERE e.seq = entry_seq));

GRANT SELECT, INSERT, UPDATE, DELETE ON conversations, messages, message_citations TO dadly_app;
GRANT USAGE ON SEQUENCE conversations_seq_seq, messages_seq_seq TO dadly_app;

-- Tokens the family spent since `since`, for the daily budget: any member's calls count, but
-- only owners may read the runs themselves.
CREATE FUNCTION dadly_ai_tokens_since(family uuid, since bigint) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    SELECT coalesce(sum(tokens_in + tokens_out), 0)::bigint FROM public.ai_runs
    WHERE family_id = family AND created_at >= since
      AND family IN (SELECT public.dadly_families())
  $$;
REVOKE ALL ON FUNCTION dadly_ai_tokens_since(uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dadly_ai_tokens_since(uuid, bigint) TO dadly_app;
