-- Schema 10: 违规与奖惩, the rule book as data and the fines ledger (seeds 000, 003, 004).
-- Rules keep every version (a record keeps the version it was judged by); incidents are what
-- was seen, editable only while proposed; the ledger is what was decided: records (a
-- confirmation, a void, an appeal's change) with their lines, chained by SHA-256 and never
-- updated or deleted. Acknowledgements, publications (公示), appeals' filings and the fund's
-- entries are insert-only too.

-- Base pay (基本工资), in fen: what a pay percentage and the legal cap are priced on.
ALTER TABLE agents ADD COLUMN base_pay_fen INTEGER CHECK (base_pay_fen IS NULL OR base_pay_fen >= 0);

CREATE TABLE incident_rules (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    -- A retired rule takes no new incidents; its records stay.
    retired_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE incident_rule_versions (
    id             INTEGER PRIMARY KEY,
    rule_id        INTEGER NOT NULL REFERENCES incident_rules(id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    -- The site-local date from which incidents are judged by this version.
    effective_from TEXT NOT NULL,
    -- The RuleBody as JSON (names, category, period, ladder, co-penalties).
    body           TEXT NOT NULL CHECK (json_valid(body)),
    created_at     INTEGER NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    UNIQUE (rule_id, version)
);

CREATE TRIGGER incident_rules_not_deleted BEFORE DELETE ON incident_rules
BEGIN SELECT RAISE(ABORT, 'a rule is retired, never deleted'); END;
CREATE TRIGGER incident_rules_only_retired BEFORE UPDATE ON incident_rules
WHEN NEW.code IS NOT OLD.code OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a rule''s code never changes'); END;
CREATE TRIGGER incident_rule_versions_not_updated BEFORE UPDATE ON incident_rule_versions
BEGIN SELECT RAISE(ABORT, 'a rule version never changes: add a version'); END;
CREATE TRIGGER incident_rule_versions_not_deleted BEFORE DELETE ON incident_rule_versions
BEGIN SELECT RAISE(ABORT, 'a rule version is never deleted'); END;

-- The equipment price list (价格赔偿表).
CREATE TABLE equipment_items (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    name_zh    TEXT NOT NULL CHECK (length(trim(name_zh)) > 0),
    name_en    TEXT NOT NULL,
    price_fen  INTEGER NOT NULL CHECK (price_fen >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at INTEGER NOT NULL
);

-- What was seen. `person` is a score_people key ('a' || agents.id or 'u' || users.id); NULL
-- for equipment nobody can be charged for, split across `team_id`'s shift. The name, 工号 and
-- prices are kept as they were.
CREATE TABLE incidents (
    id              INTEGER PRIMARY KEY,
    ts              INTEGER NOT NULL,
    local_date      TEXT NOT NULL,
    person          TEXT,
    employee_no     TEXT,
    name            TEXT,
    team_id         INTEGER REFERENCES teams(id),
    rule_id         INTEGER NOT NULL REFERENCES incident_rules(id),
    rule_version_id INTEGER NOT NULL REFERENCES incident_rule_versions(id),
    rule_code       TEXT NOT NULL,
    severity        INTEGER CHECK (severity BETWEEN 1 AND 5),
    quantity        INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    item_code       TEXT,
    item_price_fen  INTEGER CHECK (item_price_fen >= 0),
    stated_fen      INTEGER CHECK (stated_fen > 0),
    -- The one co-penalised person the recorder named (the lead who did not act, the manager).
    co_person       TEXT,
    co_employee_no  TEXT,
    place           TEXT,
    witness         TEXT,
    note            TEXT,
    -- From the board: '<工号>|<rule>|<instant ms>' of the alert it came from.
    alert_ref       TEXT,
    source          TEXT NOT NULL CHECK (source IN ('app', 'board', 'import', 'demo', 'scores')),
    status          TEXT NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'confirmed', 'discarded')),
    recorded_at     INTEGER NOT NULL,
    recorded_by     INTEGER REFERENCES users(id),
    CHECK (person IS NOT NULL OR team_id IS NOT NULL)
);
CREATE INDEX incidents_by_person ON incidents(person, rule_code, ts);
CREATE INDEX incidents_by_date ON incidents(local_date);
CREATE UNIQUE INDEX incidents_from_one_alert ON incidents(alert_ref)
    WHERE alert_ref IS NOT NULL AND status <> 'discarded';

CREATE TRIGGER incidents_not_deleted BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'an incident is never deleted: discard a proposal, void a record'); END;
CREATE TRIGGER incidents_frozen_once_decided BEFORE UPDATE ON incidents
WHEN OLD.status <> 'proposed'
BEGIN SELECT RAISE(ABORT, 'a confirmed or discarded incident never changes'); END;

-- Evidence files, copied into the data folder beside the database.
CREATE TABLE incident_evidence (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    file_name   TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    added_at    INTEGER NOT NULL,
    added_by    INTEGER REFERENCES users(id)
);
CREATE TRIGGER incident_evidence_not_updated BEFORE UPDATE ON incident_evidence
BEGIN SELECT RAISE(ABORT, 'evidence never changes'); END;
CREATE TRIGGER incident_evidence_not_deleted BEFORE DELETE ON incident_evidence
BEGIN SELECT RAISE(ABORT, 'evidence is never deleted'); END;

-- The ledger: what was decided. A confirmation judges an incident; a void or an appeal's change
-- (amend) supersedes a record, once, with a reason and the approver; the original stays.
CREATE TABLE ledger_records (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    kind         TEXT NOT NULL CHECK (kind IN ('confirm', 'void', 'amend')),
    offence_no   INTEGER CHECK (offence_no >= 1),
    supersedes   INTEGER REFERENCES ledger_records(id),
    reason       TEXT,
    approved_by  INTEGER NOT NULL REFERENCES users(id),
    approved_at  INTEGER NOT NULL,
    hash_version INTEGER NOT NULL DEFAULT 1,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE,
    CHECK ((kind = 'confirm') = (supersedes IS NULL)),
    CHECK (kind = 'confirm' OR length(trim(reason)) > 0)
);
CREATE UNIQUE INDEX ledger_records_superseded_once ON ledger_records(supersedes)
    WHERE supersedes IS NOT NULL;
CREATE UNIQUE INDEX ledger_records_one_confirmation ON ledger_records(incident_id)
    WHERE kind = 'confirm';

CREATE TABLE ledger_lines (
    id            INTEGER PRIMARY KEY,
    record_id     INTEGER NOT NULL REFERENCES ledger_records(id),
    line_no       INTEGER NOT NULL,
    person        TEXT NOT NULL,
    employee_no   TEXT NOT NULL,
    name          TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('verbal_warning', 'written_warning', 'self_review',
                  'fine', 'pay_percent', 'reassign', 'dismissal_proposal', 'reward', 'compensation')),
    kind          TEXT NOT NULL CHECK (kind IN ('penalty', 'reward', 'compensation')),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
    percent       INTEGER CHECK (percent BETWEEN 1 AND 100),
    -- NULL on an equipment split's lines.
    offence_no    INTEGER,
    -- The offender's 工号 on a co-penalty line.
    co_penalty_of TEXT,
    UNIQUE (record_id, line_no)
);
CREATE INDEX ledger_lines_by_person ON ledger_lines(person);

CREATE TRIGGER ledger_records_chain BEFORE INSERT ON ledger_records
WHEN NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM ledger_records ORDER BY id DESC LIMIT 1), lower(hex(zeroblob(32))))
  OR NEW.id <= coalesce((SELECT max(id) FROM ledger_records), 0)
BEGIN SELECT RAISE(ABORT, 'a ledger record must follow the last one in the chain'); END;
CREATE TRIGGER ledger_records_not_updated BEFORE UPDATE ON ledger_records
BEGIN SELECT RAISE(ABORT, 'a ledger record never changes: void it or decide an appeal'); END;
CREATE TRIGGER ledger_records_not_deleted BEFORE DELETE ON ledger_records
BEGIN SELECT RAISE(ABORT, 'a ledger record is never deleted'); END;
-- Lines belong to the newest record, written in its transaction.
CREATE TRIGGER ledger_lines_only_on_the_newest BEFORE INSERT ON ledger_lines
WHEN NEW.record_id IS NOT (SELECT max(id) FROM ledger_records)
BEGIN SELECT RAISE(ABORT, 'ledger lines are written with their record'); END;
CREATE TRIGGER ledger_lines_not_updated BEFORE UPDATE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'a ledger line never changes'); END;
CREATE TRIGGER ledger_lines_not_deleted BEFORE DELETE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'a ledger line is never deleted'); END;

-- The person's acknowledgement (their own PIN), or their refusal witnessed by a lead.
CREATE TABLE incident_acknowledgements (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id),
    mode        TEXT NOT NULL CHECK (mode IN ('signed', 'refused')),
    person      TEXT NOT NULL,
    witness_by  INTEGER REFERENCES users(id),
    at          INTEGER NOT NULL,
    CHECK ((mode = 'refused') = (witness_by IS NOT NULL))
);
CREATE TRIGGER incident_acknowledgements_not_updated BEFORE UPDATE ON incident_acknowledgements
BEGIN SELECT RAISE(ABORT, 'an acknowledgement never changes'); END;
CREATE TRIGGER incident_acknowledgements_not_deleted BEFORE DELETE ON incident_acknowledgements
BEGIN SELECT RAISE(ABORT, 'an acknowledgement is never deleted'); END;

-- 公示: a team's month of records published, with the appeal deadline. Publishing again (after
-- later records) adds a row; the newest gives the deadline.
CREATE TABLE ledger_publications (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    month           TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    published_at    INTEGER NOT NULL,
    published_by    INTEGER NOT NULL REFERENCES users(id),
    appeal_deadline INTEGER NOT NULL,
    -- The newest ledger record the list showed.
    through_record  INTEGER NOT NULL
);
CREATE INDEX ledger_publications_by_month ON ledger_publications(month, team_id);
CREATE TRIGGER ledger_publications_not_updated BEFORE UPDATE ON ledger_publications
BEGIN SELECT RAISE(ABORT, 'a publication never changes'); END;
CREATE TRIGGER ledger_publications_not_deleted BEFORE DELETE ON ledger_publications
BEGIN SELECT RAISE(ABORT, 'a publication is never deleted'); END;

-- An appeal against a record; decided once (rejected, or upheld with a void or a change).
CREATE TABLE incident_appeals (
    id              INTEGER PRIMARY KEY,
    record_id       INTEGER NOT NULL REFERENCES ledger_records(id),
    filed_at        INTEGER NOT NULL,
    filed_by        TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    decision        TEXT CHECK (decision IN ('rejected', 'voided', 'changed')),
    decided_at      INTEGER,
    decided_by      INTEGER REFERENCES users(id),
    decision_reason TEXT,
    result_record   INTEGER REFERENCES ledger_records(id)
);
CREATE UNIQUE INDEX incident_appeals_one_open ON incident_appeals(record_id) WHERE decision IS NULL;
CREATE TRIGGER incident_appeals_decided_once BEFORE UPDATE ON incident_appeals
WHEN OLD.decision IS NOT NULL OR NEW.record_id IS NOT OLD.record_id OR NEW.text IS NOT OLD.text
  OR NEW.filed_at IS NOT OLD.filed_at OR NEW.filed_by IS NOT OLD.filed_by
BEGIN SELECT RAISE(ABORT, 'an appeal is decided once and never changed'); END;
CREATE TRIGGER incident_appeals_not_deleted BEFORE DELETE ON incident_appeals
BEGIN SELECT RAISE(ABORT, 'an appeal is never deleted'); END;

-- The fund the fines go to (部门活动经费, seed 003: 所有罚款作为部门活动经费): fines in and
-- rewards out come from the ledger; these are the other movements (a team dinner paid out, cash
-- put in).
CREATE TABLE fund_entries (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('payout', 'deposit')),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    note       TEXT NOT NULL CHECK (length(trim(note)) > 0),
    by_user    INTEGER NOT NULL REFERENCES users(id)
);
CREATE TRIGGER fund_entries_not_updated BEFORE UPDATE ON fund_entries
BEGIN SELECT RAISE(ABORT, 'a fund entry never changes: enter a correction'); END;
CREATE TRIGGER fund_entries_not_deleted BEFORE DELETE ON fund_entries
BEGIN SELECT RAISE(ABORT, 'a fund entry is never deleted'); END;
