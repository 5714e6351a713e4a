-- What changed in what a family's readers may search, in order: a row per entry written,
-- edited, trashed, restored or purged, per tag added or removed and per insight stored (with the
-- entry's seq), and per member changed or deleted (without one: any reader's view may change).
-- The search cache compares the family's newest row with its own to know whether it is current,
-- and reads the rows after its own to update itself in place. Ids only, never text; rows older
-- than the trash are dropped by the purge.
CREATE TABLE search_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  family_id TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
  entry_seq INTEGER,
  at        INTEGER NOT NULL
);
CREATE INDEX search_log_family ON search_log(family_id, seq);
CREATE INDEX search_log_at ON search_log(at);

CREATE TRIGGER entries_log_insert AFTER INSERT ON entries BEGIN
  INSERT INTO search_log (family_id, entry_seq, at) VALUES (NEW.family_id, NEW.seq, unixepoch());
END;
CREATE TRIGGER entries_log_update AFTER UPDATE ON entries BEGIN
  INSERT INTO search_log (family_id, entry_seq, at) VALUES (NEW.family_id, NEW.seq, unixepoch());
END;
CREATE TRIGGER entries_log_delete AFTER DELETE ON entries BEGIN
  INSERT INTO search_log (family_id, entry_seq, at) VALUES (OLD.family_id, OLD.seq, unixepoch());
END;
CREATE TRIGGER insights_log_insert AFTER INSERT ON insights BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = NEW.entry_seq;
END;
CREATE TRIGGER insights_log_update AFTER UPDATE ON insights BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = NEW.entry_seq;
END;
CREATE TRIGGER entry_vectors_log AFTER INSERT ON entry_vectors BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = NEW.entry_seq;
END;
CREATE TRIGGER entry_vectors_log_update AFTER UPDATE ON entry_vectors BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = NEW.entry_seq;
END;
CREATE TRIGGER entry_members_log_insert AFTER INSERT ON entry_members BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = NEW.entry_seq;
END;
CREATE TRIGGER entry_members_log_delete AFTER DELETE ON entry_members BEGIN
  INSERT INTO search_log (family_id, entry_seq, at)
    SELECT family_id, seq, unixepoch() FROM entries WHERE seq = OLD.entry_seq;
END;
CREATE TRIGGER members_log_update AFTER UPDATE ON members BEGIN
  INSERT INTO search_log (family_id, entry_seq, at) VALUES (NEW.family_id, NULL, unixepoch());
END;
CREATE TRIGGER members_log_delete AFTER DELETE ON members BEGIN
  INSERT INTO search_log (family_id, entry_seq, at) VALUES (OLD.family_id, NULL, unixepoch());
END;
