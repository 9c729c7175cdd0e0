-- Schema 9: 绩效考核, monthly assessment (seeds 001, 002, 003). Templates of items adding up to
-- 100 points, versioned (a version is frozen once a month's sheets use it); which template a
-- person is assessed on (by role, level or team); who rates whom; the scores as typed, with the
-- history of every value replaced; exceptions, agents' confirmations and appeals; and
-- publication, which locks the month in the database itself and keeps its results.

-- Everyone who can be assessed or rate: agents, and users with a 工号 of their own (a supervisor
-- not on the floor). `person` is the key the score tables use: 'a' || agents.id or
-- 'u' || users.id; it never changes, whatever is renamed or renumbered.
CREATE VIEW score_people AS
SELECT 'a' || a.id AS person, a.id AS agent_id, u.id AS user_id, a.employee_no, a.name,
       a.team_id, a.level, u.role, a.active
FROM agents a LEFT JOIN users u ON u.agent_id = a.id
UNION ALL
SELECT 'u' || u.id, NULL, u.id, u.own_employee_no, u.display_name, NULL, NULL, u.role, u.active
FROM users u WHERE u.agent_id IS NULL AND u.own_employee_no IS NOT NULL;

CREATE TABLE score_templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- Quarterly sheets belong to the quarter's last month.
    cycle      TEXT NOT NULL CHECK (cycle IN ('monthly', 'quarterly')),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL
);

-- A template's items as of a version. Changing a template whose newest version a month's sheets
-- use adds a version; the months already begun keep theirs.
CREATE TABLE score_template_versions (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES score_templates(id),
    version     INTEGER NOT NULL CHECK (version > 0),
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    UNIQUE (template_id, version)
);

CREATE TABLE score_items (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES score_template_versions(id),
    position   INTEGER NOT NULL,
    group_name TEXT NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    max_points INTEGER NOT NULL CHECK (max_points > 0 AND max_points <= 100),
    -- The rater roles that score it, in this order.
    roles      TEXT NOT NULL CHECK (roles IN ('self', 'superior', 'peer', 'self|superior',
                                              'self|peer', 'superior|peer', 'self|superior|peer')),
    -- 'computed' items are filled from the floor's records (scores part 2).
    method     TEXT NOT NULL DEFAULT 'entered' CHECK (method IN ('entered', 'computed')),
    -- The standard in words (评分标准).
    standard   TEXT NOT NULL DEFAULT '',
    UNIQUE (version_id, name)
);
CREATE INDEX score_items_by_version ON score_items(version_id, position);

-- The version a month's sheets of a template use: fixed by the month's first score.
CREATE TABLE score_sheet_versions (
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    template_id INTEGER NOT NULL REFERENCES score_templates(id),
    version_id  INTEGER NOT NULL REFERENCES score_template_versions(id),
    PRIMARY KEY (month, template_id)
) WITHOUT ROWID;
CREATE TRIGGER score_sheet_versions_are_fixed BEFORE UPDATE ON score_sheet_versions
BEGIN
    SELECT RAISE(ABORT, 'a month keeps the template version its sheets began on');
END;
CREATE TRIGGER score_sheet_versions_are_kept BEFORE DELETE ON score_sheet_versions
BEGIN
    SELECT RAISE(ABORT, 'a month keeps the template version its sheets began on');
END;

-- A version in use is frozen: its items are neither changed, removed nor added to.
CREATE TRIGGER score_items_frozen_on_update BEFORE UPDATE ON score_items
WHEN EXISTS (SELECT 1 FROM score_sheet_versions WHERE version_id = OLD.version_id)
BEGIN
    SELECT RAISE(ABORT, 'this template version is in use by a month''s scores: change it as a new version');
END;
CREATE TRIGGER score_items_frozen_on_delete BEFORE DELETE ON score_items
WHEN EXISTS (SELECT 1 FROM score_sheet_versions WHERE version_id = OLD.version_id)
BEGIN
    SELECT RAISE(ABORT, 'this template version is in use by a month''s scores: change it as a new version');
END;
CREATE TRIGGER score_items_frozen_on_insert BEFORE INSERT ON score_items
WHEN EXISTS (SELECT 1 FROM score_sheet_versions WHERE version_id = NEW.version_id)
BEGIN
    SELECT RAISE(ABORT, 'this template version is in use by a month''s scores: change it as a new version');
END;

-- Which template a person is assessed on: a role's assignment wins over a level's, a level's
-- over a team's. `target`: a team's id, a level key or a role key.
CREATE TABLE score_template_assignments (
    target_kind TEXT NOT NULL CHECK (target_kind IN ('team', 'level', 'role')),
    target      TEXT NOT NULL,
    template_id INTEGER NOT NULL REFERENCES score_templates(id),
    assigned_at INTEGER NOT NULL,
    assigned_by INTEGER REFERENCES users(id),
    PRIMARY KEY (target_kind, target)
) WITHOUT ROWID;

-- Publishing and reopening a month, in order; the newest row says whether it is published.
-- Never edited: a reopening is a new row with its reason.
CREATE TABLE score_publications (
    id      INTEGER PRIMARY KEY,
    month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    action  TEXT NOT NULL CHECK (action IN ('publish', 'reopen')),
    at      INTEGER NOT NULL,
    by_user INTEGER REFERENCES users(id),
    reason  TEXT,
    CHECK (action = 'publish' OR length(trim(coalesce(reason, ''))) > 0)
);
CREATE INDEX score_publications_by_month ON score_publications(month, id);
CREATE TRIGGER score_publications_are_not_edited BEFORE UPDATE ON score_publications
BEGIN
    SELECT RAISE(ABORT, 'a publication is a record and cannot be changed');
END;
CREATE TRIGGER score_publications_are_not_deleted BEFORE DELETE ON score_publications
BEGIN
    SELECT RAISE(ABORT, 'a publication is a record and cannot be deleted');
END;

CREATE VIEW score_published_months AS
SELECT p.month, p.id AS publication_id, p.at, p.by_user
FROM score_publications p
WHERE p.action = 'publish'
  AND p.id = (SELECT max(q.id) FROM score_publications q WHERE q.month = p.month);

-- Who rates whom beyond the defaults (self, and the team's 班长 as superior): 小组 raters the lead
-- chose, other superiors, and raters an imported sheet made.
CREATE TABLE score_raters (
    month       TEXT NOT NULL,
    ratee       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('superior', 'peer')),
    rater       TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('assigned', 'import')),
    assigned_at INTEGER NOT NULL,
    assigned_by INTEGER REFERENCES users(id),
    PRIMARY KEY (month, ratee, role, rater),
    CHECK (rater <> ratee)
) WITHOUT ROWID;

-- A score as it stands: hundredths of a point; a blank item has no row.
CREATE TABLE scores (
    month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    ratee      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('self', 'superior', 'peer')),
    rater      TEXT NOT NULL,
    item_id    INTEGER NOT NULL REFERENCES score_items(id),
    points     INTEGER NOT NULL CHECK (points >= 0),
    entered_at INTEGER NOT NULL,
    entered_by INTEGER REFERENCES users(id),
    source     TEXT NOT NULL CHECK (source IN ('entry', 'import')),
    PRIMARY KEY (month, ratee, role, rater, item_id),
    -- Only the person rates themselves, and only as 自评.
    CHECK ((role = 'self') = (rater = ratee))
) WITHOUT ROWID;
CREATE INDEX scores_by_rater ON scores(month, rater);

CREATE TRIGGER scores_within_the_items_maximum BEFORE INSERT ON scores
WHEN NEW.points > (SELECT max_points * 100 FROM score_items WHERE id = NEW.item_id)
BEGIN
    SELECT RAISE(ABORT, 'a score above the item''s maximum');
END;
CREATE TRIGGER scores_within_the_items_maximum_on_update BEFORE UPDATE ON scores
WHEN NEW.points > (SELECT max_points * 100 FROM score_items WHERE id = NEW.item_id)
BEGIN
    SELECT RAISE(ABORT, 'a score above the item''s maximum');
END;

-- Every value replaced or cleared, with who and when; a late change (after the window) names
-- the supervisor who allowed it and why. Append-only.
CREATE TABLE score_changes (
    id               INTEGER PRIMARY KEY,
    month            TEXT NOT NULL,
    ratee            TEXT NOT NULL,
    role             TEXT NOT NULL,
    rater            TEXT NOT NULL,
    item_id          INTEGER NOT NULL REFERENCES score_items(id),
    old_points       INTEGER,
    new_points       INTEGER,
    changed_at       INTEGER NOT NULL,
    changed_by       INTEGER REFERENCES users(id),
    source           TEXT NOT NULL CHECK (source IN ('entry', 'import')),
    late_allowed_by  INTEGER REFERENCES users(id),
    late_reason      TEXT,
    CHECK ((late_allowed_by IS NULL) = (late_reason IS NULL))
);
CREATE INDEX score_changes_by_cell ON score_changes(month, ratee, rater, item_id);
CREATE TRIGGER score_changes_are_not_edited BEFORE UPDATE ON score_changes
BEGIN
    SELECT RAISE(ABORT, 'a recorded score change cannot be altered');
END;
CREATE TRIGGER score_changes_are_not_deleted BEFORE DELETE ON score_changes
BEGIN
    SELECT RAISE(ABORT, 'a recorded score change cannot be deleted');
END;

-- A supervisor's signed exception: the person is graded without the roles still missing.
CREATE TABLE score_exceptions (
    id        INTEGER PRIMARY KEY,
    month     TEXT NOT NULL,
    person    TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    signed_at INTEGER NOT NULL,
    signed_by INTEGER NOT NULL REFERENCES users(id),
    UNIQUE (month, person)
);
CREATE TRIGGER score_exceptions_are_not_edited BEFORE UPDATE ON score_exceptions
BEGIN
    SELECT RAISE(ABORT, 'a signed exception cannot be changed');
END;
CREATE TRIGGER score_exceptions_are_not_deleted BEFORE DELETE ON score_exceptions
BEGIN
    SELECT RAISE(ABORT, 'a signed exception cannot be deleted');
END;

-- The assessed person confirms their result, or appeals it (with their words), before
-- publication. Append-only: the newest row is their answer.
CREATE TABLE score_responses (
    id       INTEGER PRIMARY KEY,
    month    TEXT NOT NULL,
    person   TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('confirm', 'appeal')),
    note     TEXT,
    at       INTEGER NOT NULL,
    by_user  INTEGER REFERENCES users(id),
    CHECK (kind = 'confirm' OR length(trim(coalesce(note, ''))) > 0)
);
CREATE INDEX score_responses_by_person ON score_responses(month, person, id);
CREATE TRIGGER score_responses_are_not_edited BEFORE UPDATE ON score_responses
BEGIN
    SELECT RAISE(ABORT, 'a confirmation or appeal cannot be changed');
END;
CREATE TRIGGER score_responses_are_not_deleted BEFORE DELETE ON score_responses
BEGIN
    SELECT RAISE(ABORT, 'a confirmation or appeal cannot be deleted');
END;

-- The results as published: one row per person assessed, written with the publication and never
-- changed (a reopened and republished month has a new publication and new rows). Decimals are
-- text ('89.99') so they read back exactly.
CREATE TABLE score_results (
    publication_id INTEGER NOT NULL REFERENCES score_publications(id),
    person         TEXT NOT NULL,
    employee_no    TEXT NOT NULL,
    name           TEXT NOT NULL,
    team_id        INTEGER REFERENCES teams(id),
    team_name      TEXT,
    template_id    INTEGER NOT NULL REFERENCES score_templates(id),
    version_id     INTEGER REFERENCES score_template_versions(id),
    self_score     TEXT,
    superior_score TEXT,
    peer_score     TEXT,
    composite      TEXT,
    grade          TEXT CHECK (grade IS NULL OR grade IN ('excellent', 'good', 'pass', 'fail')),
    rank           INTEGER,
    team_rank      INTEGER,
    complete       INTEGER NOT NULL CHECK (complete IN (0, 1)),
    exception      INTEGER NOT NULL CHECK (exception IN (0, 1)),
    PRIMARY KEY (publication_id, person)
) WITHOUT ROWID;
CREATE TRIGGER score_results_are_not_edited BEFORE UPDATE ON score_results
BEGIN
    SELECT RAISE(ABORT, 'published results cannot be changed');
END;
CREATE TRIGGER score_results_are_not_deleted BEFORE DELETE ON score_results
BEGIN
    SELECT RAISE(ABORT, 'published results cannot be deleted');
END;
CREATE TRIGGER score_results_only_with_their_publication BEFORE INSERT ON score_results
WHEN NOT EXISTS (SELECT 1 FROM score_published_months WHERE publication_id = NEW.publication_id)
BEGIN
    SELECT RAISE(ABORT, 'results are written with their publication, not after');
END;

-- A published month refuses every change to its scores, raters, exceptions and responses.
CREATE TRIGGER scores_locked_on_insert BEFORE INSERT ON scores
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = NEW.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER scores_locked_on_update BEFORE UPDATE ON scores
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month IN (OLD.month, NEW.month))
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER scores_locked_on_delete BEFORE DELETE ON scores
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = OLD.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER score_raters_locked_on_insert BEFORE INSERT ON score_raters
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = NEW.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER score_raters_locked_on_delete BEFORE DELETE ON score_raters
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = OLD.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER score_raters_locked_on_update BEFORE UPDATE ON score_raters
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month IN (OLD.month, NEW.month))
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER score_exceptions_locked BEFORE INSERT ON score_exceptions
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = NEW.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
CREATE TRIGGER score_responses_locked BEFORE INSERT ON score_responses
WHEN EXISTS (SELECT 1 FROM score_published_months WHERE month = NEW.month)
BEGIN
    SELECT RAISE(ABORT, 'this month''s scores are published: reopen it to change them');
END;
