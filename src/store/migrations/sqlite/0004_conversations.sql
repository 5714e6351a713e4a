-- Chat: a user's conversations in a family, their messages, and which entries each reply cited
-- (with the excerpt shown). A conversation is its user's alone. A reply that cited an entry is
-- erased with that entry, since it quotes it; the rest of the conversation stays.
CREATE TABLE conversations (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  family_id  TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX conversations_list ON conversations(family_id, user_id, updated_at DESC, seq DESC);

CREATE TABLE messages (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  conversation_seq INTEGER NOT NULL REFERENCES conversations(seq) ON DELETE CASCADE,
  role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content          TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_seq, seq);

CREATE TABLE message_citations (
  message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  entry_seq   INTEGER NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  excerpt     TEXT NOT NULL,
  PRIMARY KEY (message_seq, position)
);
CREATE INDEX message_citations_entry ON message_citations(entry_seq);

CREATE TRIGGER entries_erase_replies BEFORE DELETE ON entries
BEGIN
  DELETE FROM messages WHERE seq IN
    (SELECT message_seq FROM message_citations WHERE entry_seq = OLD.seq);
END;

-- AI runs for a conversation go with it; the text of a call is kept only when an operator has
-- switched content tracing on.
ALTER TABLE ai_runs ADD COLUMN conversation_seq INTEGER
  REFERENCES conversations(seq) ON DELETE CASCADE;
ALTER TABLE ai_runs ADD COLUMN content_sent TEXT NOT NULL DEFAULT '';
ALTER TABLE ai_runs ADD COLUMN content_received TEXT NOT NULL DEFAULT '';
CREATE INDEX ai_runs_conversation ON ai_runs(conversation_seq);
