-- The live floor: every state change as an append-only event, the alerts the rules raised,
-- and the monitor's 'line full' announcements. A correction is a new event, never an edit.

CREATE TABLE state_events (
    id          INTEGER PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES agents(id),
    -- When the change takes effect.
    at          INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('signed_out','ready','busy','wrap_up','small_break','meal','meeting','training','other')),
    reason      TEXT,
    -- When it was recorded: later than `at` for a late correction.
    recorded_at INTEGER NOT NULL,
    -- Who reported it: 'board', 'cli', 'demo', later the agent pad and telephony feeds.
    source      TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id)
);
CREATE INDEX state_events_by_agent ON state_events(agent_id, at, id);
CREATE INDEX state_events_by_time ON state_events(at, id);

CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    agent_id        INTEGER NOT NULL REFERENCES agents(id),
    rule            TEXT NOT NULL,
    -- When the rule was broken.
    at              INTEGER NOT NULL,
    shift_date      TEXT,
    -- The numbers it was judged by: a later policy change does not rewrite it.
    detail          TEXT NOT NULL,
    raised_at       INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by INTEGER REFERENCES users(id),
    ack_note        TEXT,
    UNIQUE (agent_id, rule, at)
);
CREATE INDEX alerts_by_time ON alerts(at);
CREATE INDEX alerts_by_shift_date ON alerts(shift_date);

CREATE TABLE line_full_marks (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    is_on       INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    recorded_by INTEGER REFERENCES users(id)
);
