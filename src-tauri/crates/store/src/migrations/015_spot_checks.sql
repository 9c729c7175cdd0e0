-- Schema 15: spot checks (质检, seed 004: 集团客服部每月每个店必须抽查2次或以上). A supervisor scores
-- a sampled reception or call of an agent on a QA form (items and points, like a template); a
-- form in use keeps its items; a check is never changed or deleted, only voided with a reason
-- (a correction is a new check). The month's mean feeds the computed item input
-- spot_check_mean; a team below spot_checks_per_month_min is flagged on the scores page.
CREATE TABLE qa_forms (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE qa_form_items (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES qa_forms(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    max_points INTEGER NOT NULL CHECK (max_points BETWEEN 1 AND 100),
    standard   TEXT NOT NULL DEFAULT '',
    UNIQUE (form_id, name)
);

CREATE TABLE spot_checks (
    id          INTEGER PRIMARY KEY,
    form_id     INTEGER NOT NULL REFERENCES qa_forms(id),
    person      TEXT NOT NULL,
    employee_no TEXT NOT NULL,
    name        TEXT NOT NULL,
    team_id     INTEGER REFERENCES teams(id),
    -- The site-local date of the reception or call sampled.
    local_date  TEXT NOT NULL,
    -- What was sampled: an order number, a call id, a chat.
    sample      TEXT NOT NULL CHECK (length(trim(sample)) > 0),
    note        TEXT,
    -- Hundredths of a point, and the form's maximum in whole points.
    points      INTEGER NOT NULL CHECK (points >= 0),
    max_points  INTEGER NOT NULL CHECK (max_points > 0 AND points <= max_points * 100),
    checked_at  INTEGER NOT NULL,
    checked_by  INTEGER REFERENCES users(id),
    voided_at   INTEGER,
    voided_by   INTEGER REFERENCES users(id),
    void_reason TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
    CHECK (void_reason IS NULL OR length(trim(void_reason)) > 0)
);
CREATE INDEX spot_checks_by_date ON spot_checks(local_date);

CREATE TABLE spot_check_scores (
    check_id INTEGER NOT NULL REFERENCES spot_checks(id),
    item_id  INTEGER NOT NULL REFERENCES qa_form_items(id),
    points   INTEGER NOT NULL CHECK (points >= 0),
    PRIMARY KEY (check_id, item_id)
) WITHOUT ROWID;

CREATE TRIGGER qa_form_items_frozen_on_insert BEFORE INSERT ON qa_form_items
WHEN EXISTS (SELECT 1 FROM spot_checks WHERE form_id = NEW.form_id)
BEGIN SELECT RAISE(ABORT, 'this QA form is in use by spot checks: copy it as a new form'); END;
CREATE TRIGGER qa_form_items_frozen_on_update BEFORE UPDATE ON qa_form_items
WHEN EXISTS (SELECT 1 FROM spot_checks WHERE form_id = OLD.form_id)
BEGIN SELECT RAISE(ABORT, 'this QA form is in use by spot checks: copy it as a new form'); END;
CREATE TRIGGER qa_form_items_frozen_on_delete BEFORE DELETE ON qa_form_items
WHEN EXISTS (SELECT 1 FROM spot_checks WHERE form_id = OLD.form_id)
BEGIN SELECT RAISE(ABORT, 'this QA form is in use by spot checks: copy it as a new form'); END;

CREATE TRIGGER spot_checks_not_deleted BEFORE DELETE ON spot_checks
BEGIN SELECT RAISE(ABORT, 'a spot check is never deleted: void it'); END;
CREATE TRIGGER spot_checks_only_voided BEFORE UPDATE ON spot_checks
WHEN OLD.voided_at IS NOT NULL
  OR NEW.form_id IS NOT OLD.form_id OR NEW.person IS NOT OLD.person
  OR NEW.local_date IS NOT OLD.local_date OR NEW.sample IS NOT OLD.sample
  OR NEW.note IS NOT OLD.note OR NEW.points IS NOT OLD.points
  OR NEW.max_points IS NOT OLD.max_points OR NEW.checked_at IS NOT OLD.checked_at
  OR NEW.checked_by IS NOT OLD.checked_by
BEGIN SELECT RAISE(ABORT, 'a spot check never changes: void it and record a new one'); END;
CREATE TRIGGER spot_check_scores_not_updated BEFORE UPDATE ON spot_check_scores
BEGIN SELECT RAISE(ABORT, 'a spot check never changes: void it and record a new one'); END;
CREATE TRIGGER spot_check_scores_not_deleted BEFORE DELETE ON spot_check_scores
BEGIN SELECT RAISE(ABORT, 'a spot check never changes: void it and record a new one'); END;

-- Seed 001 (四、客服工作规范): the default form.
INSERT INTO qa_forms (id, name, created_at) VALUES (1, '服务质检表', 0);
INSERT INTO qa_form_items (form_id, position, name, max_points, standard) VALUES
    (1, 1, '服务态度', 25, '使用文明礼貌用语，热情、耐心、周到，不与客户争吵'),
    (1, 2, '响应及时', 20, '在规定时间内回复客户咨询；投诉和紧急问题立即响应'),
    (1, 3, '问题处理', 35, '准确理解客户问题，依流程及时有效解决；无法当场解决的说明原因并跟进'),
    (1, 4, '信息保密与规范', 20, '不泄露客户信息和公司机密，工作记录完整');
