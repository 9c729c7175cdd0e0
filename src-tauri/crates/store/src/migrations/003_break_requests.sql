-- Schema 3: break requests, and leaner state-event indexes.

-- Break requests (休息申请): who asked and when, whether the request had to wait behind the
-- line-full guard, and how it ended: granted (in turn by the queue, or out of turn by a lead
-- with a reason, pointing at the state event that started the break), dropped by the queue
-- (the agent signed out or went on break another way), or cancelled by a lead.
CREATE TABLE break_requests (
    id                 INTEGER PRIMARY KEY,
    agent_id           INTEGER NOT NULL REFERENCES agents(id),
    requested_at       INTEGER NOT NULL,
    requested_by       INTEGER REFERENCES users(id),
    status             TEXT NOT NULL DEFAULT 'waiting'
                       CHECK (status IN ('waiting','granted','dropped','cancelled')),
    -- 1 when it could not be granted at once and joined the queue.
    queued             INTEGER NOT NULL DEFAULT 0,
    decided_at         INTEGER,
    decided_by         INTEGER REFERENCES users(id),
    out_of_turn_reason TEXT,
    drop_reason        TEXT,
    event_id           INTEGER REFERENCES state_events(id)
);
-- An agent has at most one request waiting.
CREATE UNIQUE INDEX break_requests_one_waiting ON break_requests(agent_id) WHERE status = 'waiting';
CREATE INDEX break_requests_by_time ON break_requests(requested_at);

-- Every index entry already ends with the rowid, so naming `id` in these two stored it twice
-- per event: the same order, smaller indexes, faster ingest of a busy feed.
DROP INDEX state_events_by_agent;
DROP INDEX state_events_by_time;
CREATE INDEX state_events_by_agent ON state_events(agent_id, at);
CREATE INDEX state_events_by_time ON state_events(at);
