-- Schema 12: the roster against the floor. Each team's requirement (agents needed per half
-- hour, per weekday, with a holiday's own), how it was made (typed, imported, or Erlang C with
-- its inputs kept beside the result), the cells a supervisor pinned so generation keeps them,
-- and the rest days agents asked for (their wishes).

-- A team's requirement for one kind of day: '1'–'7' Monday–Sunday, or 'holiday'.
CREATE TABLE requirement_days (
    team_id       INTEGER NOT NULL REFERENCES teams(id),
    day_kind      TEXT NOT NULL CHECK (day_kind IN ('1','2','3','4','5','6','7','holiday')),
    source        TEXT NOT NULL CHECK (source IN ('typed','import','erlang')),
    -- Erlang C's inputs, when the day was computed: handling time, the service-level target
    -- (percent answered within answer_sec seconds) and shrinkage.
    aht_sec       INTEGER CHECK (aht_sec > 0),
    sl_pct        INTEGER CHECK (sl_pct > 0 AND sl_pct < 100),
    answer_sec    INTEGER CHECK (answer_sec > 0),
    shrinkage_pct INTEGER CHECK (shrinkage_pct >= 0 AND shrinkage_pct < 100),
    updated_at    INTEGER NOT NULL,
    updated_by    INTEGER REFERENCES users(id),
    PRIMARY KEY (team_id, day_kind),
    CHECK ((source = 'erlang') = (aht_sec IS NOT NULL AND sl_pct IS NOT NULL
                                  AND answer_sec IS NOT NULL AND shrinkage_pct IS NOT NULL))
);

-- Agents needed in one half hour (slot 0 = 00:00–00:30 … 47 = 23:30–24:00) of a day kind;
-- `contacts` is the Erlang C input the number was computed from. No row: none needed.
CREATE TABLE requirement_slots (
    team_id  INTEGER NOT NULL,
    day_kind TEXT NOT NULL,
    slot     INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 47),
    agents   INTEGER NOT NULL CHECK (agents >= 0),
    contacts INTEGER CHECK (contacts >= 0),
    PRIMARY KEY (team_id, day_kind, slot),
    FOREIGN KEY (team_id, day_kind) REFERENCES requirement_days(team_id, day_kind) ON DELETE CASCADE
) WITHOUT ROWID;

-- A cell the supervisor pinned: generation never rewrites it.
CREATE TABLE roster_pins (
    agent_id  INTEGER NOT NULL REFERENCES agents(id),
    date      TEXT NOT NULL,
    pinned_at INTEGER NOT NULL,
    pinned_by INTEGER REFERENCES users(id),
    PRIMARY KEY (agent_id, date)
) WITHOUT ROWID;

-- A rest day an agent asked for, entered by their lead: honoured where the rules and the
-- requirement allow.
CREATE TABLE roster_wishes (
    agent_id   INTEGER NOT NULL REFERENCES agents(id),
    date       TEXT NOT NULL,
    note       TEXT,
    entered_at INTEGER NOT NULL,
    entered_by INTEGER REFERENCES users(id),
    PRIMARY KEY (agent_id, date)
) WITHOUT ROWID;
