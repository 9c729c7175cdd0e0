//! Opening files of every schema version, and refusing the ones we must not touch.

use floordesk_store::migrations::{LATEST_VERSION, migrate_to, user_version};
use floordesk_store::{Store, StoreError};
use rusqlite::Connection;

#[test]
fn a_new_file_gets_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/floor.sqlite");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn every_older_schema_upgrades_and_keeps_its_data() {
    for from in 1..=LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, from).unwrap();
        conn.execute(
            "INSERT INTO teams (name, created_at) VALUES ('老班组', 0)",
            [],
        )
        .unwrap();
        drop(conn);

        let store = Store::open(&path).unwrap();
        let teams = store.list_teams().unwrap();
        assert_eq!(teams.len(), 1, "data survives the upgrade from v{from}");
        assert_eq!(teams[0].name, "老班组");
        drop(store);
        assert_eq!(
            user_version(&Connection::open(&path).unwrap()).unwrap(),
            LATEST_VERSION
        );
    }
}

#[test]
fn a_file_from_a_newer_floordesk_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();

    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert_eq!(err.to_problem().code, "db.newer_schema");
    assert!(err.to_string().contains("newer FloorDesk"));
    assert_eq!(
        user_version(&Connection::open(&path).unwrap()).unwrap(),
        LATEST_VERSION + 1
    );
}

#[test]
fn another_programs_database_is_not_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute("CREATE TABLE invoices (id INTEGER)", [])
        .unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert_eq!(err.to_problem().code, "db.not_floordesk");
    let conn = Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), 0);
}

#[test]
fn the_upgrade_to_v4_gives_every_user_a_employee_no_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (1, '售前一组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'lead', 0, 0), (2, 'S001', '重号', 1, 'junior', 0, 0);
         INSERT INTO users (id, display_name, role, agent_id, pin_hash, created_at) VALUES
             (1, '沈丽华', 'supervisor', NULL, 'x', 0),
             (2, '江涛', 'manager', NULL, 'x', 0),
             (3, '王静', 'team_lead', 1, 'x', 0),
             (4, '第二主管', 'supervisor', NULL, 'x', 0);",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap();
    let users: Vec<_> = store
        .list_users()
        .unwrap()
        .into_iter()
        .map(|u| (u.display_name, u.employee_no, u.employee_no_confirmed))
        .collect();
    let find = |name: &str| users.iter().find(|u| u.0 == name).unwrap().clone();
    // S001 is an agent's: the supervisors get the next free numbers, in the order they were made.
    assert_eq!(find("沈丽华"), ("沈丽华".into(), "S002".into(), false));
    assert_eq!(find("第二主管"), ("第二主管".into(), "S003".into(), false));
    assert_eq!(find("江涛"), ("江涛".into(), "M001".into(), false));
    // A user on the floor keeps their agent's 工号, nothing to confirm.
    assert_eq!(find("王静"), ("王静".into(), "1001".into(), true));
}

#[test]
fn the_upgrade_to_v6_keeps_every_event_and_its_break_request_and_accepts_suspended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 5).unwrap();
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (1, '售后组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'junior', 0, 0);
         INSERT INTO state_events (id, agent_id, at, state, reason, recorded_at, source)
             VALUES (7, 1, 1000, 'ready', NULL, 1000, 'cli'), (9, 1, 2000, 'small_break', '洗手间', 2000, 'break_request');
         INSERT INTO break_requests (agent_id, requested_at, status, decided_at, event_id)
             VALUES (1, 1500, 'granted', 2000, 9);",
    )
    .unwrap();
    let refused = conn.execute(
        "INSERT INTO state_events (agent_id, at, state, recorded_at, source) VALUES (1, 3000, 'suspended', 3000, 'cli')",
        [],
    );
    assert!(refused.is_err(), "v5 does not know 挂起");
    drop(conn);

    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let events: Vec<(i64, String, Option<String>, String)> = conn
        .prepare("SELECT id, state, reason, source FROM state_events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        events,
        [
            (7, "ready".into(), None, "cli".into()),
            (
                9,
                "small_break".into(),
                Some("洗手间".into()),
                "break_request".into()
            )
        ]
    );
    let event_of_request: i64 = conn
        .query_row(
            "SELECT e.at FROM break_requests r JOIN state_events e ON e.id = r.event_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(event_of_request, 2000);
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    conn.execute(
        "INSERT INTO state_events (agent_id, at, state, recorded_at, source) VALUES (1, 3000, 'suspended', 3000, 'cli')",
        [],
    )
    .unwrap();
    assert!(
        conn.execute(
            "INSERT INTO state_events (agent_id, at, state, recorded_at, source) VALUES (1, 4000, 'napping', 4000, 'cli')",
            [],
        )
        .is_err()
    );
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'state_events' AND name LIKE 'state_events_by_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 2);
}

#[test]
fn the_upgrade_to_v10_keeps_the_floor_and_seeds_the_rule_book_and_price_list() {
    use floordesk_domain::floor::RuleCode;
    use floordesk_store::incidents::{IncidentInput, IncidentSource};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 9).unwrap();
    assert_eq!(user_version(&conn).unwrap(), 9);
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (1, '售前一组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'junior', 0, 0), (2, '1002', '李明', 1, 'senior', 0, 0);",
    )
    .unwrap();
    let no_rules: bool = conn
        .query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'incident_rules')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(no_rules);
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    let agents: Vec<(String, String)> = store
        .list_agents(true)
        .unwrap()
        .into_iter()
        .map(|a| (a.employee_no, a.name))
        .collect();
    assert_eq!(
        agents,
        [
            ("1001".into(), "王静".into()),
            ("1002".into(), "李明".into())
        ]
    );
    let rules = store.incident_rules().unwrap();
    let codes: Vec<&str> = rules.iter().map(|r| r.body.code.as_str()).collect();
    for code in [
        "non_work_activity",
        "valid_complaint",
        "quarter_reward",
        "meeting_late",
        "data_inconsistent",
        "equipment_damage",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    for alert in RuleCode::ALL {
        assert_eq!(
            rules
                .iter()
                .filter(|r| r.body.alert_rule == Some(alert))
                .count(),
            1,
            "{alert:?}"
        );
    }
    assert!(rules.iter().all(|r| r.version == 1 && !r.retired));
    let items: Vec<String> = store
        .equipment_items()
        .unwrap()
        .into_iter()
        .map(|i| i.code)
        .collect();
    assert_eq!(
        items,
        ["mouse", "headset", "keyboard", "badge", "monitor", "phone"]
    );
    // The old floor's people can be recorded against at once.
    let preview = store
        .preview_incident(&IncidentInput {
            ts: "2026-11-03T02:00:00Z".parse().unwrap(),
            employee_no: Some("1001".into()),
            rule_code: "meeting_late".into(),
            ..IncidentInput::default()
        })
        .unwrap();
    assert_eq!(preview.lines[0].line.amount_fen, 2_000);
    store
        .record_incident(
            &IncidentInput {
                ts: "2026-11-03T02:00:00Z".parse().unwrap(),
                employee_no: Some("1001".into()),
                rule_code: "meeting_late".into(),
                ..IncidentInput::default()
            },
            IncidentSource::App,
            floordesk_store::Actor::system("2026-11-03T03:00:00Z".parse().unwrap()),
        )
        .unwrap();
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(report.ledger_records, 0);
    drop(store);

    let conn = Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
    let pay: Vec<Option<i64>> = conn
        .prepare("SELECT base_pay_fen FROM agents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        pay,
        [None, None],
        "no base pay on record until one is entered"
    );
    // Opening again seeds nothing twice.
    let versions: i64 = conn
        .query_row("SELECT count(*) FROM incident_rule_versions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(versions, rules.len() as i64);
    drop(conn);
    drop(Store::open(&path).unwrap());
    let versions_again: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM incident_rule_versions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(versions_again, versions);
}

#[test]
fn the_upgrade_to_v11_seeds_the_complaint_causes_for_the_old_floor() {
    use floordesk_store::Actor;
    use floordesk_store::complaints::{ComplaintAction, ComplaintChannel, ComplaintInput};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 10).unwrap();
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (1, '售前一组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'junior', 0, 0);",
    )
    .unwrap();
    drop(conn);
    let at: chrono::DateTime<chrono::Utc> = "2026-11-03T02:00:00Z".parse().unwrap();
    let mut store = Store::open(&path).unwrap();
    let causes: Vec<(String, String)> = store
        .complaint_causes()
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.name_zh))
        .collect();
    assert_eq!(
        causes,
        [
            ("attitude".into(), "服务态度".into()),
            ("knowledge".into(), "业务知识".into()),
            ("process".into(), "流程".into()),
            ("system".into(), "系统".into()),
            ("logistics".into(), "物流".into()),
            ("other".into(), "其他".into()),
        ]
    );
    // The old floor's people can be complained about at once.
    let id = store
        .register_complaint(
            &ComplaintInput {
                received_at: at,
                customer: "王女士".into(),
                channel: ComplaintChannel::Phone,
                order_no: None,
                content: "回复慢".into(),
            },
            Actor::system(at),
        )
        .unwrap();
    store
        .advance_complaint(
            id,
            &ComplaintAction::Route {
                employee_no: Some("1001".into()),
                team_id: None,
                deadline_at: None,
            },
            Actor::system(at),
        )
        .unwrap();
    assert_eq!(
        store.complaint(id, at).unwrap().team_name.as_deref(),
        Some("售前一组")
    );
}

#[test]
fn the_upgrade_to_v12_keeps_the_roster_and_holds_requirements_pins_and_wishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 11).unwrap();
    conn.execute_batch(
        "INSERT INTO teams (id, name, created_at) VALUES (1, '售前一组', 0);
         INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
             VALUES (1, '1001', '王静', 1, 'junior', 0, 0);",
    )
    .unwrap();
    drop(conn);
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert!(user_version(&conn).unwrap() >= 12);
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO requirement_days (team_id, day_kind, source, updated_at) VALUES (1, '1', 'typed', 0);
         INSERT INTO requirement_slots (team_id, day_kind, slot, agents) VALUES (1, '1', 17, 3);
         INSERT INTO requirement_days (team_id, day_kind, source, aht_sec, sl_pct, answer_sec, shrinkage_pct, updated_at)
             VALUES (1, 'holiday', 'erlang', 180, 80, 20, 30, 0);
         INSERT INTO roster_pins (agent_id, date, pinned_at) VALUES (1, '2026-12-05', 0);
         INSERT INTO roster_wishes (agent_id, date, note, entered_at) VALUES (1, '2026-12-24', '孩子家长会', 0);",
    )
    .unwrap();
    // What the schema refuses whatever program writes: an Erlang day without its inputs, a
    // typed day with them, an unknown day kind, a slot past 23:30, a slot of no day.
    for bad in [
        "INSERT INTO requirement_days (team_id, day_kind, source, updated_at) VALUES (1, '2', 'erlang', 0)",
        "INSERT INTO requirement_days (team_id, day_kind, source, aht_sec, sl_pct, answer_sec, shrinkage_pct, updated_at)
             VALUES (1, '3', 'typed', 180, 80, 20, 30, 0)",
        "INSERT INTO requirement_days (team_id, day_kind, source, updated_at) VALUES (1, '8', 'typed', 0)",
        "INSERT INTO requirement_slots (team_id, day_kind, slot, agents) VALUES (1, '1', 48, 1)",
        "INSERT INTO requirement_slots (team_id, day_kind, slot, agents) VALUES (1, '6', 10, 1)",
    ] {
        assert!(conn.execute(bad, []).is_err(), "accepted: {bad}");
    }
    // Deleting a day's requirement takes its half hours with it.
    conn.execute("DELETE FROM requirement_days WHERE day_kind = '1'", [])
        .unwrap();
    let slots: i64 = conn
        .query_row("SELECT count(*) FROM requirement_slots", [], |r| r.get(0))
        .unwrap();
    assert_eq!(slots, 0);
}

#[test]
fn the_upgrade_to_v13_keeps_the_templates_as_entered_items_and_locks_computed_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 12).unwrap();
    conn.execute_batch(
        "INSERT INTO score_templates (id, name, cycle, created_at) VALUES (1, '月度考核', 'monthly', 0);
         INSERT INTO score_template_versions (id, template_id, version, created_at) VALUES (1, 1, 1, 0);
         INSERT INTO score_items (version_id, position, group_name, name, max_points, roles)
             VALUES (1, 1, '', '服务', 100, 'superior');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let t = store.score_template_by_name("月度考核").unwrap().unwrap();
    assert_eq!(t.items.len(), 1);
    assert!(!t.items[0].computed && t.items[0].formula.is_none());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert!(user_version(&conn).unwrap() >= 13);
    // A blank formula, and a computed value of no publication, are refused whatever writes them.
    for bad in [
        "UPDATE score_items SET formula = '  '",
        "INSERT INTO score_computed_values (publication_id, person, item_id, points, inputs)
             VALUES (1, 'a1', 1, 100, '{}')",
    ] {
        assert!(conn.execute(bad, []).is_err(), "accepted: {bad}");
    }
}

#[test]
fn the_upgrade_to_v14_adds_improvement_plans_that_are_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v13.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 13).unwrap();
    drop(conn);
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert!(user_version(&conn).unwrap() >= 14);
    conn.execute_batch(
        "INSERT INTO score_templates (id, name, cycle, created_at) VALUES (1, '月度考核', 'monthly', 0);
         INSERT INTO score_publications (id, month, action, at) VALUES (1, '2026-11', 'publish', 0);
         INSERT INTO improvement_plans (month, person, employee_no, name, template_id, composite, rank,
             ranked, publication_id, due_on)
             VALUES ('2026-11', 'a1', '1001', '王静', 1, '61.00', 10, 10, 1, '2026-12-09');",
    )
    .unwrap();
    for bad in [
        "DELETE FROM improvement_plans",
        "UPDATE improvement_plans SET rank = 1",
        "UPDATE improvement_plans SET cause = '只写原因'",
    ] {
        assert!(conn.execute(bad, []).is_err(), "accepted: {bad}");
    }
}

#[test]
fn the_upgrade_to_v15_seeds_the_qa_form_and_keeps_spot_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v14.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    migrate_to(&mut conn, 14).unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let forms = store.qa_forms().unwrap();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].max_points, 100);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    assert!(user_version(&conn).unwrap() >= 15);
    conn.execute_batch(
        "INSERT INTO spot_checks (form_id, person, employee_no, name, local_date, sample, points,
             max_points, checked_at) VALUES (1, 'a1', '1001', '王静', '2026-11-02', '订单 1', 9000, 100, 0);",
    )
    .unwrap();
    for bad in [
        "DELETE FROM spot_checks",
        "UPDATE spot_checks SET points = 100",
        "INSERT INTO spot_checks (form_id, person, employee_no, name, local_date, sample, points,
             max_points, checked_at) VALUES (1, 'a1', '1001', '王静', '2026-11-02', '订单 2', 10001, 100, 0)",
        "DELETE FROM qa_form_items",
    ] {
        assert!(conn.execute(bad, []).is_err(), "accepted: {bad}");
    }
}
