-- Foundation: the site, its policy, people, places, users and calendar.
-- Instants are INTEGER milliseconds since the Unix epoch, UTC. Dates are TEXT 'YYYY-MM-DD' in
-- the site's time zone (a shift belongs to the date it starts on).

CREATE TABLE site (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    is_demo     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);

-- What each setting is; seeded from the domain catalogue at every open, so new keys appear.
CREATE TABLE policy_settings (
    key           TEXT PRIMARY KEY,
    label_zh      TEXT NOT NULL,
    label_en      TEXT NOT NULL,
    unit          TEXT NOT NULL,
    min_value     INTEGER NOT NULL,
    max_value     INTEGER NOT NULL,
    default_value INTEGER NOT NULL
);

-- Every value a setting ever had, from the instant it took effect: a change never rewrites the past.
CREATE TABLE policy_values (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL REFERENCES policy_settings(key),
    value          INTEGER NOT NULL,
    effective_from INTEGER NOT NULL,
    set_by         INTEGER REFERENCES users(id),
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX policy_values_by_key ON policy_values(key, effective_from);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

CREATE TABLE seats (
    id     INTEGER PRIMARY KEY,
    code   TEXT NOT NULL UNIQUE,
    x      INTEGER NOT NULL DEFAULT 0,
    y      INTEGER NOT NULL DEFAULT 0,
    zone   TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agents (
    id          INTEGER PRIMARY KEY,
    employee_no TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    team_id     INTEGER NOT NULL REFERENCES teams(id),
    level       TEXT NOT NULL CHECK (level IN ('junior','intermediate','senior','lead','supervisor')),
    seat_id     INTEGER REFERENCES seats(id),
    hired_on    TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- A seat is held by at most one active agent.
CREATE UNIQUE INDEX agents_one_per_seat ON agents(seat_id) WHERE active = 1 AND seat_id IS NOT NULL;
CREATE INDEX agents_by_team ON agents(team_id);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    display_name    TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('supervisor','team_lead','manager','agent')),
    agent_id        INTEGER UNIQUE REFERENCES agents(id),
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL
);

CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
    name TEXT NOT NULL DEFAULT ''
);

-- One agent's shift on one date (the date it starts on); [start_at, end_at) may cross midnight.
CREATE TABLE shifts (
    id         INTEGER PRIMARY KEY,
    agent_id   INTEGER NOT NULL REFERENCES agents(id),
    shift_date TEXT NOT NULL,
    start_at   INTEGER NOT NULL,
    end_at     INTEGER NOT NULL CHECK (end_at > start_at),
    UNIQUE (agent_id, start_at)
);
CREATE INDEX shifts_by_date ON shifts(shift_date);

-- Who changed what, when: never lose track of a record.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    user_id   INTEGER REFERENCES users(id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    detail    TEXT
);
