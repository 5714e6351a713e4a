-- migrations/sqlite/0009_member_version.sql: a member gets a version, so that a change sent with
-- If-Match is refused with 412 when another owner changed the member first.
ALTER TABLE members ADD COLUMN version bigint NOT NULL DEFAULT 1;
