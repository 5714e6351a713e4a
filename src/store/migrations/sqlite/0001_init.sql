-- Accounts, sessions, families, members and entries: the foundation schema.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  locale        TEXT NOT NULL CHECK (locale IN ('ko', 'en')),
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Only the SHA-256 of a refresh token is kept; a spent token stays to detect reuse.
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  spent_at   INTEGER
);
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

-- Failed logins per account ("account:<email>") and per address ("address:<ip>").
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE families (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  family_id TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer', 'child')),
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (family_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE members (
  id         TEXT PRIMARY KEY,
  family_id  TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  birthdate  TEXT,
  relation   TEXT,
  user_id    TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX members_family ON members(family_id);

-- seq orders entries written on the same day and anchors list cursors.
CREATE TABLE entries (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  family_id   TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES users(id),
  title       TEXT,
  body        TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  visibility  TEXT NOT NULL CHECK (visibility IN ('family', 'private')),
  version     INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER
);
CREATE INDEX entries_list ON entries(family_id, occurred_at DESC, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_trash ON entries(family_id, deleted_at DESC, seq DESC) WHERE deleted_at IS NOT NULL;
CREATE INDEX entries_deleted ON entries(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE entry_members (
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  entry_seq INTEGER NOT NULL REFERENCES entries(seq) ON DELETE CASCADE,
  PRIMARY KEY (member_id, entry_seq)
) WITHOUT ROWID;
CREATE INDEX entry_members_entry ON entry_members(entry_seq);
