-- Schema 14: improvement plans (seed 002: the bottom three of each monthly bulletin file a cause
-- analysis and an improvement plan within a week). Opened by the month's publication for its
-- bottom places; filed once by a supervisor or manager (cause and plan never change afterwards:
-- what follows is follow-up entries); closed once with an outcome, after which nothing changes.
CREATE TABLE improvement_plans (
    id             INTEGER PRIMARY KEY,
    month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    person         TEXT NOT NULL,
    employee_no    TEXT NOT NULL,
    name           TEXT NOT NULL,
    team_id        INTEGER REFERENCES teams(id),
    template_id    INTEGER NOT NULL REFERENCES score_templates(id),
    -- The composite and rank the publication gave, and the number ranked on the template.
    composite      TEXT NOT NULL,
    rank           INTEGER NOT NULL CHECK (rank >= 1),
    ranked         INTEGER NOT NULL CHECK (ranked >= rank),
    publication_id INTEGER NOT NULL REFERENCES score_publications(id),
    -- Site-local date by which the plan is due.
    due_on         TEXT NOT NULL,
    cause          TEXT,
    plan           TEXT,
    filed_at       INTEGER,
    filed_by       INTEGER REFERENCES users(id),
    closed_at      INTEGER,
    closed_by      INTEGER REFERENCES users(id),
    outcome        TEXT,
    -- When the desktop was told it is overdue (once).
    overdue_announced_at INTEGER,
    UNIQUE (month, person),
    CHECK ((filed_at IS NULL) = (cause IS NULL) AND (cause IS NULL) = (plan IS NULL)),
    CHECK (cause IS NULL OR (length(trim(cause)) > 0 AND length(trim(plan)) > 0)),
    CHECK ((closed_at IS NULL) = (outcome IS NULL)),
    CHECK (outcome IS NULL OR length(trim(outcome)) > 0),
    CHECK (closed_at IS NULL OR filed_at IS NOT NULL)
);
CREATE INDEX improvement_plans_by_due ON improvement_plans(due_on);
CREATE TRIGGER improvement_plans_filed_once BEFORE UPDATE ON improvement_plans
WHEN OLD.filed_at IS NOT NULL
 AND (NEW.cause IS NOT OLD.cause OR NEW.plan IS NOT OLD.plan OR NEW.filed_at IS NOT OLD.filed_at
      OR NEW.filed_by IS NOT OLD.filed_by)
BEGIN
    SELECT RAISE(ABORT, 'a filed improvement plan keeps its cause and plan: add a follow-up');
END;
CREATE TRIGGER improvement_plans_closed_never_change BEFORE UPDATE ON improvement_plans
WHEN OLD.closed_at IS NOT NULL
 AND (NEW.closed_at IS NOT OLD.closed_at OR NEW.outcome IS NOT OLD.outcome
      OR NEW.closed_by IS NOT OLD.closed_by)
BEGIN
    SELECT RAISE(ABORT, 'a closed improvement plan never changes');
END;
CREATE TRIGGER improvement_plans_keep_who_and_when BEFORE UPDATE ON improvement_plans
WHEN NEW.month IS NOT OLD.month OR NEW.person IS NOT OLD.person OR NEW.composite IS NOT OLD.composite
  OR NEW.rank IS NOT OLD.rank OR NEW.due_on IS NOT OLD.due_on
  OR NEW.publication_id IS NOT OLD.publication_id
BEGIN
    SELECT RAISE(ABORT, 'an improvement plan keeps the place and due date it was opened with');
END;
CREATE TRIGGER improvement_plans_not_deleted BEFORE DELETE ON improvement_plans
BEGIN
    SELECT RAISE(ABORT, 'an improvement plan is never deleted');
END;

CREATE TABLE improvement_followups (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES improvement_plans(id),
    at      INTEGER NOT NULL,
    by_user INTEGER REFERENCES users(id),
    note    TEXT NOT NULL CHECK (length(trim(note)) > 0)
);
CREATE INDEX improvement_followups_by_plan ON improvement_followups(plan_id, id);
CREATE TRIGGER improvement_followups_not_edited BEFORE UPDATE ON improvement_followups
BEGIN
    SELECT RAISE(ABORT, 'a follow-up entry cannot be changed');
END;
CREATE TRIGGER improvement_followups_not_deleted BEFORE DELETE ON improvement_followups
BEGIN
    SELECT RAISE(ABORT, 'a follow-up entry cannot be deleted');
END;
CREATE TRIGGER improvement_followups_not_after_close BEFORE INSERT ON improvement_followups
WHEN (SELECT closed_at FROM improvement_plans WHERE id = NEW.plan_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a closed improvement plan takes no more follow-ups');
END;
