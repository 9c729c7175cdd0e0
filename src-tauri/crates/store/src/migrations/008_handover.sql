-- Schema 8: shift handover (交接班). Seed 003: 交接记录本 (移交客户, 要赶紧处理的事情, 潜在客户),
-- 当面履行交接手续, 交接班长点名 and 安排座位, 严格交接班手续.
-- A log per team and roster shift (the cell: a template code or spans) on the date the shift
-- starts; its roll call (点名) with the seats the 交接班长 assigned; items (交接事项) as
-- append-only timelines that move from log to log until closed; signatures that freeze a log and
-- form one SHA-256 chain; addenda (补充说明) in a chain of their own. Records are immutable in the
-- database itself; the search index and the item index are derived and can be rebuilt.

CREATE TABLE handover_logs (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams(id),
    -- Copied when the log opens: the sheet and the seal show these, whatever is renamed later.
    team_name    TEXT NOT NULL,
    shift_date   TEXT NOT NULL,
    -- The roster cell: a template code ('D') or spans ('09:00-12:00+14:00-18:00').
    shift_key    TEXT NOT NULL CHECK (length(shift_key) > 0),
    -- 白班 … (the template's name) or the spans again.
    shift_name   TEXT NOT NULL,
    shift_start  INTEGER NOT NULL,
    shift_end    INTEGER NOT NULL CHECK (shift_end > shift_start),
    opened_at    INTEGER NOT NULL,
    opened_by    INTEGER REFERENCES users(id),
    -- 工号 of who opened it (NULL: the handover tick, the demo, the CLI).
    opened_by_employee_no TEXT,
    UNIQUE (team_id, shift_date, shift_key)
);
CREATE INDEX handover_logs_by_date ON handover_logs(shift_date);
CREATE INDEX handover_logs_by_end ON handover_logs(shift_end);

-- A supervisor names the 交接班长 of a team's shift when no 班长 works it: from a date, until a
-- date or for good; the newest designation covering a date wins. Never edited: a new one
-- supersedes.
CREATE TABLE handover_lead_designations (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER NOT NULL REFERENCES teams(id),
    shift_key     TEXT NOT NULL,
    from_date     TEXT NOT NULL,
    to_date       TEXT CHECK (to_date IS NULL OR to_date >= from_date),
    agent_id      INTEGER NOT NULL REFERENCES agents(id),
    designated_at INTEGER NOT NULL,
    designated_by INTEGER REFERENCES users(id)
);
CREATE INDEX handover_lead_designations_by_shift
    ON handover_lead_designations(team_id, shift_key, from_date);

-- 点名: one row per agent of the log. While the log is open the floor's reading is refreshed
-- (rows with corrected_at NULL); a lead's correction sticks. Frozen at the first signature.
CREATE TABLE handover_roll_call (
    log_id       INTEGER NOT NULL REFERENCES handover_logs(id),
    agent_id     INTEGER NOT NULL REFERENCES agents(id),
    -- Copied: the sheet and the seal name people as they were.
    employee_no  TEXT NOT NULL,
    name         TEXT NOT NULL,
    -- 1: rostered on this shift; 0: on leave with no shift that day, or added by the lead.
    rostered     INTEGER NOT NULL CHECK (rostered IN (0, 1)),
    status       TEXT NOT NULL
                 CHECK (status IN ('present', 'late', 'absent', 'on_leave', 'excused')),
    late_min     INTEGER CHECK (late_min IS NULL OR late_min > 0),
    notified     INTEGER NOT NULL DEFAULT 0 CHECK (notified IN (0, 1)),
    -- 1 while the floor cannot tell yet (before the absence threshold): shown 未到.
    pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
    arrived_at   INTEGER,
    -- The seat the 交接班长 assigned for this shift (NULL: the agent's home seat).
    seat_id      INTEGER REFERENCES seats(id),
    seat_code    TEXT,
    note         TEXT,
    corrected_at INTEGER,
    corrected_by INTEGER REFERENCES users(id),
    corrected_by_employee_no TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (log_id, agent_id),
    CHECK ((seat_id IS NULL) = (seat_code IS NULL)),
    CHECK (corrected_at IS NOT NULL OR corrected_by_employee_no IS NULL)
) WITHOUT ROWID;
-- Within one shift a seat holds one agent; agents of different shifts may share it.
CREATE UNIQUE INDEX handover_roll_call_one_per_seat
    ON handover_roll_call(log_id, seat_id) WHERE seat_id IS NOT NULL;

-- Who assigned which seat to whom, when: every assignment, in order (seed 003: 统一听从交接班长
-- 安排). NULL seat: back to the home seat.
CREATE TABLE handover_seat_moves (
    id          INTEGER PRIMARY KEY,
    log_id      INTEGER NOT NULL REFERENCES handover_logs(id),
    agent_id    INTEGER NOT NULL REFERENCES agents(id),
    seat_id     INTEGER REFERENCES seats(id),
    seat_code   TEXT,
    assigned_at INTEGER NOT NULL,
    assigned_by INTEGER REFERENCES users(id),
    assigned_by_employee_no TEXT
);
CREATE INDEX handover_seat_moves_by_log ON handover_seat_moves(log_id, agent_id);

-- 交接事项: an item's identity. Everything that happens to it is an event below.
CREATE TABLE handover_items (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL
                       CHECK (kind IN ('customer', 'urgent', 'prospect', 'notice', 'note')),
    origin_log_id      INTEGER NOT NULL REFERENCES handover_logs(id),
    -- The agent whose 交接记录本 entry this is (NULL: written for the team by a lead).
    author_agent_id    INTEGER REFERENCES agents(id),
    author_employee_no TEXT,
    created_at         INTEGER NOT NULL,
    created_by         INTEGER REFERENCES users(id),
    CHECK ((author_agent_id IS NULL) = (author_employee_no IS NULL))
);
CREATE INDEX handover_items_by_origin ON handover_items(origin_log_id);

-- An item's timeline, append-only. `log_id` is the log the item was in when it happened (for
-- 'carried' and 'handed_to_team': the log it moved to).
CREATE TABLE handover_item_events (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES handover_items(id),
    log_id          INTEGER NOT NULL REFERENCES handover_logs(id),
    at              INTEGER NOT NULL,
    by_user_id      INTEGER REFERENCES users(id),
    -- Copied (NULL: the system, e.g. a carry-over at sign-off).
    by_employee_no  TEXT,
    by_name         TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'note', 'query', 'answer',
                                                  'accepted', 'handed_to_team', 'carried', 'closed')),
    -- query: 'incoming'; answer: 'outgoing'; accepted: 'incoming'.
    side            TEXT CHECK (side IS NULL OR side IN ('outgoing', 'incoming')),
    -- note, query, answer, handed_to_team: the words; closed: the outcome.
    text            TEXT,
    -- created: every field; updated: the changed ones (canonical JSON, see §3.3).
    fields          TEXT,
    -- answer / accepted: the query they settle.
    ref_event_id    INTEGER REFERENCES handover_item_events(id),
    -- carried / handed_to_team: the log it left.
    from_log_id     INTEGER REFERENCES handover_logs(id),
    to_team_id      INTEGER REFERENCES teams(id),
    to_team_name    TEXT,
    -- carried from a log nobody signed (未交接).
    not_handed_over INTEGER NOT NULL DEFAULT 0 CHECK (not_handed_over IN (0, 1)),
    CHECK (kind NOT IN ('note', 'query', 'answer', 'closed') OR length(trim(coalesce(text, ''))) > 0),
    CHECK (kind NOT IN ('created', 'updated') OR fields IS NOT NULL),
    CHECK (kind NOT IN ('answer', 'accepted') OR ref_event_id IS NOT NULL),
    CHECK (kind <> 'handed_to_team' OR (to_team_id IS NOT NULL AND to_team_name IS NOT NULL)),
    CHECK (kind NOT IN ('carried', 'handed_to_team') OR from_log_id IS NOT NULL)
);
CREATE INDEX handover_item_events_by_item ON handover_item_events(item_id, id);
CREATE INDEX handover_item_events_by_log ON handover_item_events(log_id);

-- The frozen snapshot: at a log's first signature, each item it shows as it stood then.
CREATE TABLE handover_log_items (
    log_id             INTEGER NOT NULL REFERENCES handover_logs(id),
    item_id            INTEGER NOT NULL REFERENCES handover_items(id),
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    -- The fields as they stood (canonical JSON).
    fields             TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    outcome            TEXT,
    shifts_open        INTEGER NOT NULL CHECK (shifts_open >= 1),
    -- 工号 of everyone who touched it, in order of first touch, joined by ','.
    touched_by         TEXT NOT NULL,
    -- Shown here from a log nobody signed (未交接).
    not_handed_over    INTEGER NOT NULL CHECK (not_handed_over IN (0, 1)),
    -- The item's last event when frozen: the seal covers its timeline up to here.
    last_event_id      INTEGER NOT NULL REFERENCES handover_item_events(id),
    -- Where the sign-off moved it (NULL: closed, or no later shift to move to).
    carried_to_log_id  INTEGER REFERENCES handover_logs(id),
    PRIMARY KEY (log_id, item_id),
    CHECK ((status = 'closed') = (outcome IS NOT NULL)),
    CHECK (status = 'open' OR carried_to_log_id IS NULL)
) WITHOUT ROWID;

-- Signatures: one chain across all logs. A log is frozen from its first signature on.
CREATE TABLE handover_signatures (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    log_id             INTEGER NOT NULL REFERENCES handover_logs(id),
    side               TEXT NOT NULL CHECK (side IN ('outgoing', 'incoming')),
    -- face_to_face: both 交接班长 at one PC (当面履行交接手续); alone: the shifts do not meet and
    -- the outgoing signs alone; received: the incoming signs at the start of their shift.
    mode               TEXT NOT NULL CHECK (mode IN ('face_to_face', 'alone', 'received')),
    signer_user_id     INTEGER NOT NULL REFERENCES users(id),
    signer_employee_no TEXT NOT NULL,
    signer_name        TEXT NOT NULL,
    -- Why they may sign: the shift's 班长, the agent a supervisor named, or a supervisor/manager.
    basis              TEXT NOT NULL CHECK (basis IN ('team_lead', 'designated', 'stand_in')),
    -- Seed 003's check (an agent of the incoming shift is signed in) overridden: why and by whom.
    override_reason    TEXT,
    override_by_employee_no TEXT,
    -- The incoming shift's log when signed (NULL: no later shift of the team in the roster).
    incoming_log_id    INTEGER REFERENCES handover_logs(id),
    signed_at          INTEGER NOT NULL,
    hash_version       INTEGER NOT NULL DEFAULT 1 CHECK (hash_version = 1),
    content_hash       TEXT NOT NULL CHECK (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
    prev_hash          TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
    hash               TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
    UNIQUE (log_id, side),
    CHECK (mode <> 'received' OR side = 'incoming'),
    CHECK (mode <> 'alone' OR side = 'outgoing'),
    CHECK ((override_reason IS NULL) = (override_by_employee_no IS NULL)),
    CHECK (override_reason IS NULL OR length(trim(override_reason)) > 0)
);
CREATE INDEX handover_signatures_by_log ON handover_signatures(log_id);

-- 补充说明: later facts about a signed log, with author and time; a chain of their own, each
-- bound to the log's first signature.
CREATE TABLE handover_addenda (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    log_id             INTEGER NOT NULL REFERENCES handover_logs(id),
    author_user_id     INTEGER REFERENCES users(id),
    author_employee_no TEXT NOT NULL,
    author_name        TEXT NOT NULL,
    at                 INTEGER NOT NULL,
    text               TEXT NOT NULL CHECK (length(trim(text)) > 0),
    log_seal           TEXT NOT NULL CHECK (length(log_seal) = 64),
    hash_version       INTEGER NOT NULL DEFAULT 1 CHECK (hash_version = 1),
    prev_hash          TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
    hash               TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
);
CREATE INDEX handover_addenda_by_log ON handover_addenda(log_id, at);

-- 交接提醒: raised once each (like alerts), acknowledged by a lead. Not a record: the ack
-- columns change.
CREATE TABLE handover_reminders (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('unsigned', 'urgent_due', 'prospect_due')),
    log_id          INTEGER NOT NULL REFERENCES handover_logs(id),
    item_id         INTEGER REFERENCES handover_items(id),
    -- When it fell due: the log's end + handover_unsigned_after_min, or the item's due time.
    due_at          INTEGER NOT NULL,
    raised_at       INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by INTEGER REFERENCES users(id),
    ack_note        TEXT,
    CHECK ((kind = 'unsigned') = (item_id IS NULL))
);
CREATE UNIQUE INDEX handover_reminders_once
    ON handover_reminders(kind, log_id, coalesce(item_id, 0), due_at);
CREATE INDEX handover_reminders_open ON handover_reminders(acknowledged_at);

-- What a user has typed and not yet added (the entry row, a note or an outcome being written):
-- saved as they type, so closing or killing the app loses nothing. Not a record.
CREATE TABLE handover_drafts (
    user_id    INTEGER NOT NULL REFERENCES users(id),
    log_id     INTEGER NOT NULL REFERENCES handover_logs(id),
    -- 'new' (the entry row) or 'item:<id>:<what>' (e.g. 'item:42:close').
    slot       TEXT NOT NULL,
    -- The form as typed, JSON, at most 8 KiB (the store refuses more).
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, log_id, slot)
) WITHOUT ROWID;

-- Derived from the events (Store::reindex_handover rebuilds both): lists, filters, search.
CREATE TABLE handover_item_index (
    item_id     INTEGER PRIMARY KEY REFERENCES handover_items(id),
    team_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    log_id      INTEGER NOT NULL,
    first_date  TEXT NOT NULL,
    last_date   TEXT NOT NULL,
    customer    TEXT,
    order_no    TEXT,
    due_at      INTEGER,
    title       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX handover_item_index_by_log ON handover_item_index(log_id);
CREATE INDEX handover_item_index_by_team ON handover_item_index(team_id, last_date);
CREATE INDEX handover_item_index_due ON handover_item_index(status, due_at);
CREATE INDEX handover_item_index_order ON handover_item_index(order_no);
-- FTS5's default tokenizer does not find 退款 inside 客户要求退款 (it makes one token of a run
-- of CJK); trigram indexes every three characters. Queries shorter than three characters use
-- LIKE on the same table (FTS5 scans for them). rowid = the item's id for an item's document,
-- minus the addendum's id for an addendum, so a rewrite deletes by rowid.
CREATE VIRTUAL TABLE handover_fts USING fts5(
    body, item_id UNINDEXED, addendum_id UNINDEXED, log_id UNINDEXED,
    tokenize = 'trigram'
);

-- ---- Immutability: records refuse to change, whoever writes to the file ----

CREATE TRIGGER handover_logs_not_updated_once_signed BEFORE UPDATE ON handover_logs
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: it cannot be changed (add an addendum)'); END;
CREATE TRIGGER handover_logs_not_deleted BEFORE DELETE ON handover_logs
BEGIN SELECT RAISE(ABORT, 'a handover log is a record and cannot be deleted'); END;

CREATE TRIGGER handover_lead_designations_not_updated BEFORE UPDATE ON handover_lead_designations
BEGIN SELECT RAISE(ABORT, 'a designation is a record: name the lead again instead'); END;
CREATE TRIGGER handover_lead_designations_not_deleted BEFORE DELETE ON handover_lead_designations
BEGIN SELECT RAISE(ABORT, 'a designation is a record and cannot be deleted'); END;

CREATE TRIGGER handover_roll_call_frozen_insert BEFORE INSERT ON handover_roll_call
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its roll call cannot be changed'); END;
CREATE TRIGGER handover_roll_call_frozen_update BEFORE UPDATE ON handover_roll_call
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id IN (OLD.log_id, NEW.log_id))
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its roll call cannot be changed'); END;
CREATE TRIGGER handover_roll_call_frozen_delete BEFORE DELETE ON handover_roll_call
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = OLD.log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its roll call cannot be changed'); END;

CREATE TRIGGER handover_seat_moves_frozen_insert BEFORE INSERT ON handover_seat_moves
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its seats cannot be changed'); END;
CREATE TRIGGER handover_seat_moves_not_updated BEFORE UPDATE ON handover_seat_moves
BEGIN SELECT RAISE(ABORT, 'a seat assignment is a record and cannot be changed'); END;
CREATE TRIGGER handover_seat_moves_not_deleted BEFORE DELETE ON handover_seat_moves
BEGIN SELECT RAISE(ABORT, 'a seat assignment is a record and cannot be deleted'); END;

CREATE TRIGGER handover_items_not_in_signed_log BEFORE INSERT ON handover_items
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.origin_log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: add an addendum instead'); END;
CREATE TRIGGER handover_items_not_updated BEFORE UPDATE ON handover_items
BEGIN SELECT RAISE(ABORT, 'a handover item is a record: add to its timeline instead'); END;
CREATE TRIGGER handover_items_not_deleted BEFORE DELETE ON handover_items
BEGIN SELECT RAISE(ABORT, 'a handover item is a record and cannot be deleted'); END;

CREATE TRIGGER handover_item_events_not_in_signed_log BEFORE INSERT ON handover_item_events
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: add an addendum instead'); END;
CREATE TRIGGER handover_item_events_created_first BEFORE INSERT ON handover_item_events
WHEN (NEW.kind = 'created') = EXISTS (SELECT 1 FROM handover_item_events e WHERE e.item_id = NEW.item_id)
BEGIN SELECT RAISE(ABORT, 'an item''s timeline starts with one created event'); END;
CREATE TRIGGER handover_item_events_not_after_close BEFORE INSERT ON handover_item_events
WHEN EXISTS (SELECT 1 FROM handover_item_events e WHERE e.item_id = NEW.item_id AND e.kind = 'closed')
BEGIN SELECT RAISE(ABORT, 'a closed handover item stays closed'); END;
CREATE TRIGGER handover_item_events_not_updated BEFORE UPDATE ON handover_item_events
BEGIN SELECT RAISE(ABORT, 'an item''s timeline is append-only'); END;
CREATE TRIGGER handover_item_events_not_deleted BEFORE DELETE ON handover_item_events
BEGIN SELECT RAISE(ABORT, 'an item''s timeline is append-only'); END;

CREATE TRIGGER handover_log_items_frozen_insert BEFORE INSERT ON handover_log_items
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id)
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its snapshot cannot be changed'); END;
CREATE TRIGGER handover_log_items_not_updated BEFORE UPDATE ON handover_log_items
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its snapshot cannot be changed'); END;
CREATE TRIGGER handover_log_items_not_deleted BEFORE DELETE ON handover_log_items
BEGIN SELECT RAISE(ABORT, 'handover log is signed: its snapshot cannot be changed'); END;

CREATE TRIGGER handover_signatures_not_updated BEFORE UPDATE ON handover_signatures
BEGIN SELECT RAISE(ABORT, 'a handover signature is a record and cannot be changed'); END;
CREATE TRIGGER handover_signatures_not_deleted BEFORE DELETE ON handover_signatures
BEGIN SELECT RAISE(ABORT, 'a handover signature is a record and cannot be deleted'); END;
-- One chain: each signature names the newest one before it (the first names 64 zeros).
CREATE TRIGGER handover_signatures_chain BEFORE INSERT ON handover_signatures
WHEN NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM handover_signatures ORDER BY id DESC LIMIT 1), lower(hex(zeroblob(32))))
BEGIN SELECT RAISE(ABORT, 'a handover signature must follow the last one in the chain'); END;
-- Nobody signs both sides.
CREATE TRIGGER handover_signatures_two_people BEFORE INSERT ON handover_signatures
WHEN EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id
             AND (s.signer_user_id = NEW.signer_user_id OR s.signer_employee_no = NEW.signer_employee_no))
BEGIN SELECT RAISE(ABORT, 'nobody signs both sides of a handover'); END;
-- The incoming side signs after the outgoing one.
CREATE TRIGGER handover_signatures_outgoing_first BEFORE INSERT ON handover_signatures
WHEN NEW.side = 'incoming'
 AND NOT EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = NEW.log_id AND s.side = 'outgoing')
BEGIN SELECT RAISE(ABORT, 'the outgoing side signs first'); END;

CREATE TRIGGER handover_addenda_not_updated BEFORE UPDATE ON handover_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum is a record and cannot be changed'); END;
CREATE TRIGGER handover_addenda_not_deleted BEFORE DELETE ON handover_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum is a record and cannot be deleted'); END;
CREATE TRIGGER handover_addenda_signed_log BEFORE INSERT ON handover_addenda
WHEN NEW.log_seal IS NOT (SELECT hash FROM handover_signatures s WHERE s.log_id = NEW.log_id
                          ORDER BY s.id LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'an addendum belongs to a signed log and names its first signature'); END;
CREATE TRIGGER handover_addenda_chain BEFORE INSERT ON handover_addenda
WHEN NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM handover_addenda ORDER BY id DESC LIMIT 1), lower(hex(zeroblob(32))))
BEGIN SELECT RAISE(ABORT, 'an addendum must follow the last one in the chain'); END;
