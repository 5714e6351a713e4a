-- A count of the changes to what a family's readers may search: an entry written, edited,
-- trashed, restored or purged, its tags, its insight, a member linked or removed. The search
-- cache compares it in one lookup instead of summing over every entry of the family.
ALTER TABLE families ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER entries_count_insert AFTER INSERT ON entries BEGIN
  UPDATE families SET changes = changes + 1 WHERE id = NEW.family_id;
END;
CREATE TRIGGER entries_count_update AFTER UPDATE ON entries BEGIN
  UPDATE families SET changes = changes + 1 WHERE id = NEW.family_id;
END;
CREATE TRIGGER entries_count_delete AFTER DELETE ON entries BEGIN
  UPDATE families SET changes = changes + 1 WHERE id = OLD.family_id;
END;
CREATE TRIGGER insights_count_insert AFTER INSERT ON insights BEGIN
  UPDATE families SET changes = changes + 1
  WHERE id = (SELECT family_id FROM entries WHERE seq = NEW.entry_seq);
END;
CREATE TRIGGER insights_count_update AFTER UPDATE ON insights BEGIN
  UPDATE families SET changes = changes + 1
  WHERE id = (SELECT family_id FROM entries WHERE seq = NEW.entry_seq);
END;
CREATE TRIGGER entry_members_count_insert AFTER INSERT ON entry_members BEGIN
  UPDATE families SET changes = changes + 1
  WHERE id = (SELECT family_id FROM entries WHERE seq = NEW.entry_seq);
END;
CREATE TRIGGER entry_members_count_delete AFTER DELETE ON entry_members BEGIN
  UPDATE families SET changes = changes + 1
  WHERE id = (SELECT family_id FROM entries WHERE seq = OLD.entry_seq);
END;
CREATE TRIGGER members_count_update AFTER UPDATE ON members BEGIN
  UPDATE families SET changes = changes + 1 WHERE id = NEW.family_id;
END;
CREATE TRIGGER members_count_delete AFTER DELETE ON members BEGIN
  UPDATE families SET changes = changes + 1 WHERE id = OLD.family_id;
END;
