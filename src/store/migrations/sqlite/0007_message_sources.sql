-- A reply also keeps the entries it was given to answer from but did not cite (cited = 0, with no
-- excerpt). It may still draw on them: it is withheld when one of them goes out of the reader's
-- sight, and erased with it when the entry is purged, as for the entries it cites.
ALTER TABLE message_citations ADD COLUMN cited INTEGER NOT NULL DEFAULT 1 CHECK (cited IN (0, 1));
