-- A member (a child's profile) gets a version, as entries have, so that a change sent with
-- If-Match is refused with 412 when another owner changed the member first.
ALTER TABLE members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
