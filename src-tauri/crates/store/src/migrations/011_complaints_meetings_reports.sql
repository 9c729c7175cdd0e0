-- Schema 11: the workflows that end in the rule book (seeds 000, 001, 003, 004): customer
-- complaints from registration to close, meetings and training with their attendance, and the
-- reports each person owes. Each outcome proposes an incident through the book; the link is
-- kept here (`incident_id`), the incident itself is the ledger's.
--
-- People are the `score_people` keys (`a<agent id>` or `u<user id>`), with the 工号 and name
-- they had when written, as in the incidents.

-- 投诉原因: the editable list a closed complaint names (analysis groups by it).
CREATE TABLE complaint_causes (
    code     TEXT PRIMARY KEY CHECK (length(trim(code)) BETWEEN 1 AND 32),
    name_zh  TEXT NOT NULL CHECK (length(trim(name_zh)) > 0),
    name_en  TEXT NOT NULL DEFAULT '',
    sort     INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO complaint_causes (code, name_zh, name_en, sort) VALUES
    ('attitude', '服务态度', 'Attitude', 1),
    ('knowledge', '业务知识', 'Knowledge', 2),
    ('process', '流程', 'Process', 3),
    ('system', '系统', 'System', 4),
    ('logistics', '物流', 'Logistics', 5),
    ('other', '其他', 'Other', 6);
CREATE TRIGGER complaint_causes_not_deleted BEFORE DELETE ON complaint_causes
BEGIN SELECT RAISE(ABORT, 'a cause is never deleted: retire it'); END;
CREATE TRIGGER complaint_causes_code_kept BEFORE UPDATE OF code ON complaint_causes
BEGIN SELECT RAISE(ABORT, 'a cause keeps its code: closed complaints name it'); END;

CREATE TABLE complaints (
    id              INTEGER PRIMARY KEY,
    -- When the customer complained, and its site-local date.
    received_at     INTEGER NOT NULL,
    local_date      TEXT NOT NULL,
    customer        TEXT NOT NULL CHECK (length(trim(customer)) > 0),
    channel         TEXT NOT NULL
                    CHECK (channel IN ('phone', 'chat', 'email', 'platform', 'letter', 'visit', 'other')),
    order_no        TEXT,
    content         TEXT NOT NULL CHECK (length(trim(content)) > 0),
    status          TEXT NOT NULL DEFAULT 'registered'
                    CHECK (status IN ('registered', 'routed', 'ruled', 'replied', 'visited', 'closed')),
    source          TEXT NOT NULL CHECK (source IN ('app', 'import', 'demo')),
    registered_at   INTEGER NOT NULL,
    registered_by   INTEGER REFERENCES users(id),
    -- 分流: the agent (a person key) or the team it went to, and the handling deadline.
    person          TEXT,
    employee_no     TEXT,
    name            TEXT,
    team_id         INTEGER REFERENCES teams(id),
    deadline_at     INTEGER,
    routed_at       INTEGER,
    routed_by       INTEGER REFERENCES users(id),
    -- 调查与判定.
    findings        TEXT,
    valid           INTEGER CHECK (valid IN (0, 1)),
    severity        INTEGER CHECK (severity BETWEEN 1 AND 5),
    ruled_at        INTEGER,
    ruled_by        INTEGER REFERENCES users(id),
    -- The valid_complaint incident the ruling proposed.
    incident_id     INTEGER REFERENCES incidents(id),
    -- 答复.
    reply           TEXT,
    replied_at      INTEGER,
    replied_by      INTEGER REFERENCES users(id),
    -- 回访.
    visit_note      TEXT,
    satisfied       INTEGER CHECK (satisfied IN (0, 1)),
    visited_at      INTEGER,
    visited_by      INTEGER REFERENCES users(id),
    -- 结案.
    cause_code      TEXT REFERENCES complaint_causes(code),
    close_note      TEXT,
    closed_at       INTEGER,
    closed_by       INTEGER REFERENCES users(id),
    -- The step whose lateness was last announced (a notification once per step).
    overdue_noticed TEXT,
    CHECK (status = 'registered' OR ((person IS NOT NULL OR team_id IS NOT NULL) AND deadline_at IS NOT NULL)),
    CHECK (status IN ('registered', 'routed') OR valid IS NOT NULL),
    CHECK (valid IS NOT 1 OR severity IS NOT NULL),
    CHECK (status <> 'closed' OR (cause_code IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX complaints_by_date ON complaints(local_date);
CREATE INDEX complaints_by_person ON complaints(person, valid, local_date);
CREATE INDEX complaints_open ON complaints(status) WHERE status <> 'closed';

CREATE TRIGGER complaints_not_deleted BEFORE DELETE ON complaints
BEGIN SELECT RAISE(ABORT, 'a complaint is never deleted'); END;
CREATE TRIGGER complaints_closed_frozen BEFORE UPDATE ON complaints
WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed complaint never changes'); END;
-- A ruling stands: the facts of what was complained and how it was judged do not change.
CREATE TRIGGER complaints_ruling_kept BEFORE UPDATE ON complaints
WHEN OLD.valid IS NOT NULL AND (NEW.valid IS NOT OLD.valid OR NEW.severity IS NOT OLD.severity
    OR NEW.person IS NOT OLD.person OR NEW.received_at IS NOT OLD.received_at
    OR NEW.content IS NOT OLD.content OR NEW.customer IS NOT OLD.customer)
BEGIN SELECT RAISE(ABORT, 'a ruled complaint keeps its facts and its ruling'); END;

-- Contacts handled per team and month (typed on the analysis page): the complaint rate's base.
CREATE TABLE complaint_contacts (
    month     TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    team_id   INTEGER NOT NULL REFERENCES teams(id),
    contacts  INTEGER NOT NULL CHECK (contacts >= 0),
    PRIMARY KEY (month, team_id)
);

-- 会议与培训.
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('meeting', 'training')),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts_at   INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    place       TEXT,
    note        TEXT,
    -- A training with a test: attendees get a score 0–100.
    has_test    INTEGER NOT NULL DEFAULT 0 CHECK (has_test IN (0, 1)),
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    -- Attendance taken: final from then on.
    taken_at    INTEGER,
    taken_by    INTEGER REFERENCES users(id),
    CHECK (kind = 'training' OR has_test = 0)
);
CREATE INDEX meetings_by_date ON meetings(local_date);
CREATE TRIGGER meetings_not_deleted_once_taken BEFORE DELETE ON meetings
WHEN OLD.taken_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a meeting whose attendance was taken is never deleted'); END;
CREATE TRIGGER meetings_frozen_once_taken BEFORE UPDATE ON meetings
WHEN OLD.taken_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a meeting whose attendance was taken never changes'); END;

CREATE TABLE meeting_attendees (
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person      TEXT NOT NULL,
    employee_no TEXT NOT NULL,
    name        TEXT NOT NULL,
    team_id     INTEGER REFERENCES teams(id),
    attendance  TEXT NOT NULL DEFAULT 'expected'
                CHECK (attendance IN ('expected', 'present', 'late', 'absent', 'excused')),
    late_min    INTEGER CHECK (late_min >= 1),
    test_score  INTEGER CHECK (test_score BETWEEN 0 AND 100),
    -- The meeting_late / meeting_absent incident proposed for it.
    incident_id INTEGER REFERENCES incidents(id),
    PRIMARY KEY (meeting_id, person),
    CHECK ((attendance = 'late') = (late_min IS NOT NULL)),
    CHECK (test_score IS NULL OR attendance IN ('present', 'late'))
);
CREATE TRIGGER meeting_attendees_frozen_once_taken BEFORE UPDATE ON meeting_attendees
WHEN (SELECT taken_at FROM meetings WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'attendance once taken never changes'); END;
CREATE TRIGGER meeting_attendees_kept_once_taken BEFORE DELETE ON meeting_attendees
WHEN (SELECT taken_at FROM meetings WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'attendance once taken never changes'); END;

-- 报表: the reports a person owes (a duty), and what happened to each period's report.
CREATE TABLE report_duties (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind                TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly')),
    person              TEXT NOT NULL,
    employee_no         TEXT NOT NULL,
    name                TEXT NOT NULL,
    -- 客服经理 (or 店长): fined alongside a late report.
    manager_person      TEXT,
    manager_employee_no TEXT,
    manager_name        TEXT,
    -- The first period owed (its start), and the day the duty ended (none: still owed).
    starts_on           TEXT NOT NULL,
    ends_on             TEXT,
    created_at          INTEGER NOT NULL,
    created_by          INTEGER REFERENCES users(id),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE TRIGGER report_duties_not_deleted BEFORE DELETE ON report_duties
BEGIN SELECT RAISE(ABORT, 'a report duty is never deleted: end it'); END;

CREATE TABLE report_submissions (
    duty_id          INTEGER NOT NULL REFERENCES report_duties(id),
    period_start     TEXT NOT NULL,
    due_at           INTEGER NOT NULL,
    -- 提前声明: a delay announced, with when and why.
    announced_at     INTEGER,
    announce_reason  TEXT,
    announced_by     INTEGER REFERENCES users(id),
    submitted_at     INTEGER,
    submitted_by     INTEGER REFERENCES users(id),
    recorded_at      INTEGER,
    timeliness       TEXT CHECK (timeliness IN ('on_time', 'late', 'announced')),
    -- The report_late incident proposed for it.
    incident_id      INTEGER REFERENCES incidents(id),
    PRIMARY KEY (duty_id, period_start),
    CHECK ((submitted_at IS NULL) = (timeliness IS NULL)),
    CHECK ((announced_at IS NULL) = (announce_reason IS NULL))
);
CREATE TRIGGER report_submissions_not_deleted BEFORE DELETE ON report_submissions
BEGIN SELECT RAISE(ABORT, 'a report''s record is never deleted'); END;
CREATE TRIGGER report_submissions_frozen_once_sent BEFORE UPDATE ON report_submissions
WHEN OLD.submitted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a report marked submitted never changes'); END;
CREATE TRIGGER report_announcement_kept BEFORE UPDATE ON report_submissions
WHEN OLD.announced_at IS NOT NULL AND (NEW.announced_at IS NOT OLD.announced_at
    OR NEW.announce_reason IS NOT OLD.announce_reason)
BEGIN SELECT RAISE(ABORT, 'an announcement is never changed'); END;
