-- Every person has a 工号. A user linked to an agent uses the agent's; every other user (a
-- supervisor or manager who is not on the floor) has their own, unique across people. Files,
-- CLI output and JSON name people only by 工号.

ALTER TABLE users ADD COLUMN own_employee_no TEXT;
-- 1 when this upgrade gave the number: the users page asks a supervisor to confirm it.
ALTER TABLE users ADD COLUMN employee_no_assigned INTEGER NOT NULL DEFAULT 0;

-- Users without one get S001… (supervisors), M001… (managers), L001… (team leads), U001…
-- (others), numbered by when they were created; a number an agent already holds is skipped.
WITH RECURSIVE
    candidates(role, n) AS (
        SELECT role, 1 FROM users WHERE agent_id IS NULL GROUP BY role
        UNION ALL
        SELECT role, n + 1 FROM candidates WHERE n < 999
    ),
    free AS (
        SELECT c.role,
               (CASE c.role WHEN 'supervisor' THEN 'S' WHEN 'manager' THEN 'M'
                            WHEN 'team_lead' THEN 'L' ELSE 'U' END) || printf('%03d', c.n) AS no,
               row_number() OVER (PARTITION BY c.role ORDER BY c.n) AS k
        FROM candidates c
        WHERE (CASE c.role WHEN 'supervisor' THEN 'S' WHEN 'manager' THEN 'M'
                           WHEN 'team_lead' THEN 'L' ELSE 'U' END) || printf('%03d', c.n)
              NOT IN (SELECT employee_no FROM agents)
    ),
    numbered AS (
        SELECT id, role, row_number() OVER (PARTITION BY role ORDER BY id) AS k
        FROM users WHERE agent_id IS NULL
    )
UPDATE users
SET own_employee_no = (SELECT f.no FROM numbered u JOIN free f ON f.role = u.role AND f.k = u.k
                       WHERE u.id = users.id),
    employee_no_assigned = 1
WHERE agent_id IS NULL;

CREATE UNIQUE INDEX users_own_employee_no ON users(own_employee_no)
    WHERE own_employee_no IS NOT NULL;

-- Exactly one 工号 per user: the agent's or their own.
CREATE TRIGGER users_one_employee_no_on_insert BEFORE INSERT ON users
WHEN (NEW.agent_id IS NULL) = (NEW.own_employee_no IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a user has exactly one 工号: their agent''s or their own');
END;
CREATE TRIGGER users_one_employee_no_on_update BEFORE UPDATE OF agent_id, own_employee_no ON users
WHEN (NEW.agent_id IS NULL) = (NEW.own_employee_no IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a user has exactly one 工号: their agent''s or their own');
END;

-- One 工号, one person: a user's own number is no agent's, and the other way round.
CREATE TRIGGER users_own_employee_no_is_no_agents_on_insert BEFORE INSERT ON users
WHEN NEW.own_employee_no IN (SELECT employee_no FROM agents)
BEGIN
    SELECT RAISE(ABORT, 'this 工号 belongs to an agent');
END;
CREATE TRIGGER users_own_employee_no_is_no_agents_on_update BEFORE UPDATE OF own_employee_no ON users
WHEN NEW.own_employee_no IN (SELECT employee_no FROM agents)
BEGIN
    SELECT RAISE(ABORT, 'this 工号 belongs to an agent');
END;
CREATE TRIGGER agents_employee_no_is_no_users_on_insert BEFORE INSERT ON agents
WHEN NEW.employee_no IN (SELECT own_employee_no FROM users WHERE own_employee_no IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'this 工号 belongs to a user who is not on the floor');
END;
CREATE TRIGGER agents_employee_no_is_no_users_on_update BEFORE UPDATE OF employee_no ON agents
WHEN NEW.employee_no IN (SELECT own_employee_no FROM users WHERE own_employee_no IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'this 工号 belongs to a user who is not on the floor');
END;
