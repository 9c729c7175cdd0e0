-- Commission and pay for e-commerce service teams (seed 003's 有效接待 and 客服提成, seed 000's
-- after-sales form). The chat log and the paid orders are imported; receptions and the orders'
-- attributions are derived from them by the rules in floordesk_domain::commission and rebuilt
-- whenever a buyer's messages or orders, or the rules, change.

-- A buyer as the shop's tools name them (a 旺旺 nickname), stored once.
CREATE TABLE buyers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE chat_messages (
    id       INTEGER PRIMARY KEY,
    -- UTC milliseconds.
    ts       INTEGER NOT NULL,
    buyer_id INTEGER NOT NULL REFERENCES buyers(id),
    agent_id INTEGER NOT NULL REFERENCES agents(id),
    sender   TEXT NOT NULL CHECK (sender IN ('buyer', 'agent'))
);
CREATE INDEX chat_messages_by_buyer ON chat_messages(buyer_id, ts);

CREATE TABLE orders (
    order_no    TEXT PRIMARY KEY,
    buyer_id    INTEGER NOT NULL REFERENCES buyers(id),
    -- UTC milliseconds.
    paid_at     INTEGER NOT NULL,
    -- The site-local date of the payment: the month a sale belongs to.
    local_date  TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    imported_at INTEGER NOT NULL
);
CREATE INDEX orders_by_buyer ON orders(buyer_id, paid_at);
CREATE INDEX orders_by_date ON orders(local_date);

-- Daily totals from tools that already aggregate; for an agent's date they stand instead of
-- what the chat log says.
CREATE TABLE daily_sales (
    agent_id         INTEGER NOT NULL REFERENCES agents(id),
    date             TEXT NOT NULL,
    receptions       INTEGER NOT NULL CHECK (receptions >= 0),
    valid_receptions INTEGER NOT NULL CHECK (valid_receptions BETWEEN 0 AND receptions),
    sales_fen        INTEGER NOT NULL CHECK (sales_fen >= 0),
    imported_at      INTEGER NOT NULL,
    PRIMARY KEY (agent_id, date)
) WITHOUT ROWID;

-- Derived: rebuilt per buyer, never edited.
CREATE TABLE receptions (
    id             INTEGER PRIMARY KEY,
    buyer_id       INTEGER NOT NULL REFERENCES buyers(id),
    agent_id       INTEGER NOT NULL REFERENCES agents(id),
    first_ts       INTEGER NOT NULL,
    last_ts        INTEGER NOT NULL,
    -- The site-local date of the first message: the month a reception belongs to.
    local_date     TEXT NOT NULL,
    messages       INTEGER NOT NULL,
    buyer_messages INTEGER NOT NULL,
    initiator      TEXT NOT NULL CHECK (initiator IN ('buyer', 'agent')),
    ended          TEXT NOT NULL CHECK (ended IN ('wait_timeout', 'idle', 'last_message')),
    valid          INTEGER NOT NULL CHECK (valid IN (0, 1)),
    invalid_reason TEXT CHECK (invalid_reason IN ('too_few_messages', 'agent_after_payment')),
    -- The payment an agent-started contact came after (invalid_reason 'agent_after_payment').
    after_order_no TEXT
);
CREATE INDEX receptions_by_agent ON receptions(agent_id, local_date);
CREATE INDEX receptions_by_buyer ON receptions(buyer_id, first_ts);

CREATE TABLE order_attributions (
    order_no     TEXT PRIMARY KEY REFERENCES orders(order_no),
    reception_id INTEGER NOT NULL REFERENCES receptions(id),
    agent_id     INTEGER NOT NULL REFERENCES agents(id),
    rule         TEXT NOT NULL CHECK (rule IN ('consulted_before', 'buyer_after'))
) WITHOUT ROWID;
CREATE INDEX order_attributions_by_agent ON order_attributions(agent_id);
CREATE INDEX order_attributions_by_reception ON order_attributions(reception_id);

-- The tier table: the month's whole sales at the rate of the tier the total falls in. A set
-- stands from its month until a later set; editing writes a new set, the old one stays.
CREATE TABLE commission_tiers (
    effective_month TEXT NOT NULL,
    from_fen        INTEGER NOT NULL CHECK (from_fen >= 0),
    -- A decimal percentage, e.g. '0.8'.
    rate_pct        TEXT NOT NULL,
    changed_by      INTEGER REFERENCES users(id),
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (effective_month, from_fen)
) WITHOUT ROWID;

-- The composite coefficient of each grade (综合考评比例), versioned like the tiers.
CREATE TABLE grade_coefficients (
    effective_month TEXT NOT NULL,
    grade           TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'pass', 'fail', 'ungraded')),
    coefficient     TEXT NOT NULL,
    changed_by      INTEGER REFERENCES users(id),
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (effective_month, grade)
) WITHOUT ROWID;

-- Product defaults, not from the seeds (seed 003's 提成表 is not in the text): stated as such on
-- the settings page.
INSERT INTO commission_tiers (effective_month, from_fen, rate_pct, changed_at) VALUES
    ('2000-01', 0, '0.5', 0),
    ('2000-01', 5000000, '0.8', 0),
    ('2000-01', 10000000, '1.0', 0),
    ('2000-01', 20000000, '1.2', 0);
INSERT INTO grade_coefficients (effective_month, grade, coefficient, changed_at) VALUES
    ('2000-01', 'excellent', '1.2', 0),
    ('2000-01', 'good', '1.0', 0),
    ('2000-01', 'pass', '0.8', 0),
    ('2000-01', 'fail', '0.5', 0),
    ('2000-01', 'ungraded', '1.0', 0);

-- How a team is paid: sales (tier × grade coefficient) or seed 000's after-sales form (order
-- value × rate + a target bonus lost entirely when one target is missed). A team without a row
-- is paid by sales.
CREATE TABLE team_commission (
    team_id              INTEGER PRIMARY KEY REFERENCES teams(id),
    scheme               TEXT NOT NULL CHECK (scheme IN ('sales', 'after_sales')),
    after_sales_rate_pct TEXT NOT NULL DEFAULT '0.3',
    target_bonus_fen     INTEGER NOT NULL DEFAULT 0 CHECK (target_bonus_fen >= 0),
    changed_by           INTEGER REFERENCES users(id),
    changed_at           INTEGER NOT NULL
);

-- An after-sales team's targets (退款率, 退款时长, 纠纷, DSR评分, 店铺内部投诉) and each month's
-- actual figures.
CREATE TABLE after_sales_targets (
    team_id   INTEGER NOT NULL REFERENCES teams(id),
    key       TEXT NOT NULL,
    label_zh  TEXT NOT NULL,
    unit      TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('at_most', 'at_least')),
    target    TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (team_id, key)
) WITHOUT ROWID;

CREATE TABLE after_sales_actuals (
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    month      TEXT NOT NULL,
    key        TEXT NOT NULL,
    actual     TEXT NOT NULL,
    entered_by INTEGER REFERENCES users(id),
    entered_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, month, key)
) WITHOUT ROWID;
