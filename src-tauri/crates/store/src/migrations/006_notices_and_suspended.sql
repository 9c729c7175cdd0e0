-- Schema 6: notices (报备), the 挂起 state for chat desks, and the site's usual channel.

-- 报备: an agent phoned in to say they will be late or away. Seed 000: a notice before the shift
-- starts excuses, one after counts as lateness, none is 旷工. A notice is a record: corrections
-- are new notices, never edits.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES agents(id),
    -- When the agent gave notice (the lead may type it in later).
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('late','absent')),
    reason      TEXT,
    -- The shift it is about (the agent's earliest shift not yet over at `at`), and whether it
    -- came before that shift started.
    shift_date  TEXT NOT NULL,
    shift_start INTEGER NOT NULL,
    shift_end   INTEGER NOT NULL,
    before_start INTEGER NOT NULL CHECK (before_start IN (0, 1)),
    recorded_at INTEGER NOT NULL,
    source      TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id)
);
CREATE INDEX notices_by_agent_shift ON notices(agent_id, shift_date);
CREATE INDEX notices_by_time ON notices(at);
CREATE TRIGGER notices_are_not_edited BEFORE UPDATE ON notices
BEGIN
    SELECT RAISE(ABORT, 'a notice is a record: record a new one instead of changing it');
END;
CREATE TRIGGER notices_are_not_deleted BEFORE DELETE ON notices
BEGIN
    SELECT RAISE(ABORT, 'a notice is a record and cannot be deleted');
END;

-- 挂起 (online, taking no new chats) joins the states. SQLite cannot widen a CHECK in place, so
-- the table is rebuilt with the same rows and ids. Break requests point at those ids: the old
-- table is renamed aside in legacy mode (foreign keys are off while a step runs), which leaves
-- their references naming `state_events`, so they find the rebuilt table; the step checks every
-- reference before it commits.
PRAGMA legacy_alter_table = ON;
ALTER TABLE state_events RENAME TO state_events_v5;
CREATE TABLE state_events (
    id          INTEGER PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES agents(id),
    -- When the change takes effect.
    at          INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('signed_out','ready','busy','wrap_up','suspended','small_break','meal','meeting','training','other')),
    reason      TEXT,
    -- When it was recorded: later than `at` for a late correction.
    recorded_at INTEGER NOT NULL,
    -- Who reported it: 'board', 'cli', 'demo', 'break_request', later the agent pad and telephony.
    source      TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id)
);
INSERT INTO state_events (id, agent_id, at, state, reason, recorded_at, source, recorded_by)
    SELECT id, agent_id, at, state, reason, recorded_at, source, recorded_by FROM state_events_v5;
DROP TABLE state_events_v5;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX state_events_by_agent ON state_events(agent_id, at);
CREATE INDEX state_events_by_time ON state_events(at);

-- The channel most of the site's teams work (chosen in the set-up wizard); a new team starts
-- with it, and each team can differ.
ALTER TABLE site ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'chat'));
