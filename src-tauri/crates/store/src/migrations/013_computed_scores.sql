-- Schema 13: computed score items (scores part 2). A computed item carries its formula over the
-- month's named inputs (attendance, floor alerts, incidents, complaints, meetings); it is part of
-- the template version, so a version in use keeps its formula. While a month is open the values
-- are worked out from the floor's records as they stand; its publication writes them here with
-- the inputs they came from, and they never change afterwards.
ALTER TABLE score_items ADD COLUMN formula TEXT
    CHECK (formula IS NULL OR length(trim(formula)) > 0);

CREATE TABLE score_computed_values (
    publication_id INTEGER NOT NULL REFERENCES score_publications(id),
    person         TEXT NOT NULL,
    item_id        INTEGER NOT NULL REFERENCES score_items(id),
    -- Hundredths of a point; NULL when the formula could not be evaluated on this person's data.
    points         INTEGER CHECK (points >= 0),
    -- The inputs the formula named, {"late_count": 2, …}.
    inputs         TEXT NOT NULL CHECK (json_valid(inputs)),
    error          TEXT,
    CHECK ((points IS NULL) = (error IS NOT NULL)),
    PRIMARY KEY (publication_id, person, item_id)
) WITHOUT ROWID;
CREATE TRIGGER score_computed_values_are_not_edited BEFORE UPDATE ON score_computed_values
BEGIN
    SELECT RAISE(ABORT, 'published computed scores cannot be changed');
END;
CREATE TRIGGER score_computed_values_are_not_deleted BEFORE DELETE ON score_computed_values
BEGIN
    SELECT RAISE(ABORT, 'published computed scores cannot be deleted');
END;
-- Written in the publication's own transaction, right after its row: the connection's last
-- inserted rowid is still the publication's (this table has no rowid), and any other time it
-- is not.
CREATE TRIGGER score_computed_values_only_with_their_publication BEFORE INSERT ON score_computed_values
WHEN NOT EXISTS (SELECT 1 FROM score_published_months WHERE publication_id = NEW.publication_id)
  OR NEW.publication_id IS NOT last_insert_rowid()
BEGIN
    SELECT RAISE(ABORT, 'computed scores are written with their publication, not after');
END;
