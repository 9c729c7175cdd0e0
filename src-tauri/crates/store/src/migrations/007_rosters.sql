-- Schema 7: the roster as the record. Shift templates; one cell per agent and date (the date a
-- shift starts on) as people write it; which team-months are published; and every change made
-- to a published month, with who, when and why. The live floor still reads `shifts`, which a
-- cell's write keeps in step (the spans of that agent and date). Today's `shifts` rows become
-- cells in the step's second half (it needs the site's time zone).

CREATE TABLE shift_templates (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    -- Local wall-clock HH:MM; an end at or before the start is the next day.
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    night        INTEGER NOT NULL DEFAULT 0 CHECK (night IN (0, 1)),
    paid_minutes INTEGER NOT NULL,
    colour       TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO shift_templates (code, name, start_time, end_time, night, paid_minutes, colour) VALUES
    ('D', '白班', '08:30', '16:00', 0, 450, '#e6f4ff'),
    ('N', '晚班', '16:00', '23:30', 1, 450, '#f9f0ff'),
    ('M', '常日班', '09:00', '18:00', 0, 540, '#f6ffed'),
    ('O', '夜班', '23:30', '08:30', 1, 540, '#fff1f0');

CREATE TABLE roster_cells (
    agent_id   INTEGER NOT NULL REFERENCES agents(id),
    date       TEXT NOT NULL,
    -- As people write it: a template code, 休, spans joined by '+', or '' (emptied). No row: an
    -- empty cell never written.
    cell       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    PRIMARY KEY (agent_id, date)
) WITHOUT ROWID;
CREATE INDEX roster_cells_by_date ON roster_cells(date);

-- A team's month once published: locked. Publishing is a record of its own and is never undone
-- or edited.
CREATE TABLE roster_months (
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    month           TEXT NOT NULL,
    published_at    INTEGER NOT NULL,
    published_by    INTEGER REFERENCES users(id),
    -- Set when it was published despite violations.
    override_reason TEXT,
    PRIMARY KEY (team_id, month)
);
CREATE TRIGGER roster_months_are_not_edited BEFORE UPDATE ON roster_months
BEGIN
    SELECT RAISE(ABORT, 'a published month stays published');
END;
CREATE TRIGGER roster_months_are_not_deleted BEFORE DELETE ON roster_months
BEGIN
    SELECT RAISE(ABORT, 'a published month stays published');
END;

-- Every change to a cell of a published month: the cell's history.
CREATE TABLE roster_changes (
    id         INTEGER PRIMARY KEY,
    agent_id   INTEGER NOT NULL REFERENCES agents(id),
    date       TEXT NOT NULL,
    old_cell   TEXT NOT NULL,
    new_cell   TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    changed_by INTEGER REFERENCES users(id),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0)
);
CREATE INDEX roster_changes_by_cell ON roster_changes(agent_id, date);
CREATE TRIGGER roster_changes_are_not_edited BEFORE UPDATE ON roster_changes
BEGIN
    SELECT RAISE(ABORT, 'a recorded roster change cannot be altered');
END;
CREATE TRIGGER roster_changes_are_not_deleted BEFORE DELETE ON roster_changes
BEGIN
    SELECT RAISE(ABORT, 'a recorded roster change cannot be deleted');
END;

-- A cell of a published month changes only together with its recorded change (same agent,
-- date, new text and instant), so no write can slip past the history, not even raw SQL.
CREATE TRIGGER roster_cells_locked_on_insert BEFORE INSERT ON roster_cells
WHEN EXISTS (SELECT 1 FROM roster_months m JOIN agents a ON a.team_id = m.team_id
             WHERE a.id = NEW.agent_id AND m.month = substr(NEW.date, 1, 7))
 AND NOT EXISTS (SELECT 1 FROM roster_changes c WHERE c.agent_id = NEW.agent_id
                 AND c.date = NEW.date AND c.new_cell = NEW.cell AND c.changed_at = NEW.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'this month is published: a change needs a recorded reason');
END;
CREATE TRIGGER roster_cells_locked_on_update BEFORE UPDATE ON roster_cells
WHEN EXISTS (SELECT 1 FROM roster_months m JOIN agents a ON a.team_id = m.team_id
             WHERE a.id = NEW.agent_id AND m.month = substr(NEW.date, 1, 7))
 AND NOT EXISTS (SELECT 1 FROM roster_changes c WHERE c.agent_id = NEW.agent_id
                 AND c.date = NEW.date AND c.new_cell = NEW.cell AND c.changed_at = NEW.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'this month is published: a change needs a recorded reason');
END;
CREATE TRIGGER roster_cells_locked_on_delete BEFORE DELETE ON roster_cells
WHEN EXISTS (SELECT 1 FROM roster_months m JOIN agents a ON a.team_id = m.team_id
             WHERE a.id = OLD.agent_id AND m.month = substr(OLD.date, 1, 7))
BEGIN
    SELECT RAISE(ABORT, 'this month is published: a cell is emptied by a recorded change, not deleted');
END;

-- 离职日期: the last day employed (rest days are pro-rated for a month left mid-way).
ALTER TABLE agents ADD COLUMN left_on TEXT;

-- 请假: leave asked for and decided. Approved leave marks the roster (a shift on a day of leave
-- is a violation). A decided request is a record: never edited or deleted.
CREATE TABLE leave_requests (
    id            INTEGER PRIMARY KEY,
    agent_id      INTEGER NOT NULL REFERENCES agents(id),
    from_date     TEXT NOT NULL,
    to_date       TEXT NOT NULL CHECK (to_date >= from_date),
    kind          TEXT NOT NULL CHECK (kind IN ('sick', 'personal', 'annual', 'in_lieu', 'other')),
    half_day      INTEGER NOT NULL DEFAULT 0 CHECK (half_day IN (0, 1)),
    reason        TEXT,
    -- The cover arranged: who takes the shifts (an agent), if anyone.
    cover_agent_id INTEGER REFERENCES agents(id),
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at  INTEGER NOT NULL,
    requested_by  INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    decided_by    INTEGER REFERENCES users(id),
    decision_note TEXT
);
CREATE INDEX leave_requests_by_agent ON leave_requests(agent_id, from_date);
CREATE TRIGGER leave_decided_is_not_edited BEFORE UPDATE ON leave_requests
WHEN OLD.status <> 'pending'
BEGIN
    SELECT RAISE(ABORT, 'a decided leave request is a record and cannot be changed');
END;
CREATE TRIGGER leave_is_not_deleted BEFORE DELETE ON leave_requests
BEGIN
    SELECT RAISE(ABORT, 'a leave request is a record and cannot be deleted');
END;

-- 换班/代班: two agents trade their cells on one date or two (代班: one date, the other agent
-- usually resting). Nothing changes until a supervisor or manager approves and signs with their
-- PIN (seed 003: 须先填好换班记录表,经管理人员签字方可换班). The cells as they stood when
-- approved are kept for the printed record. A decided request is never changed.
CREATE TABLE swap_requests (
    id            INTEGER PRIMARY KEY,
    agent_a       INTEGER NOT NULL REFERENCES agents(id),
    agent_b       INTEGER NOT NULL REFERENCES agents(id) CHECK (agent_b <> agent_a),
    date_a        TEXT NOT NULL,
    -- NULL: 代班, the one date.
    date_b        TEXT,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at  INTEGER NOT NULL,
    requested_by  INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    -- The approver who signed with their PIN.
    decided_by    INTEGER REFERENCES users(id),
    decision_note TEXT,
    -- A's and B's cells on date_a and date_b before the swap: 'a_on_a|b_on_a|a_on_b|b_on_b'.
    cells_before  TEXT
);
CREATE INDEX swap_requests_by_date ON swap_requests(date_a);
CREATE TRIGGER swap_decided_is_not_edited BEFORE UPDATE ON swap_requests
WHEN OLD.status <> 'pending'
BEGIN
    SELECT RAISE(ABORT, 'a decided swap is a record and cannot be changed');
END;
CREATE TRIGGER swap_is_not_deleted BEFORE DELETE ON swap_requests
BEGIN
    SELECT RAISE(ABORT, 'a swap request is a record and cannot be deleted');
END;
