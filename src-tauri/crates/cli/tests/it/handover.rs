//! `handover show` and `handover export` through the binary (public contracts,
//! docs/design/handover.md §7.1–7.2): the JSON of a day with a signed and an open log, key for
//! key and in the contract's order; `[]` for a day with none; an unknown team refused with exit 2;
//! the xlsx written with its row count.

use std::fmt;
use std::path::Path;

use floordesk_domain::handover::seal::{SealAddendumV1, ZERO_HASH, addendum_hash};
use rusqlite::{Connection, params};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::json;

use crate::common::{cli, shanghai_ms, signed_handover_log_with, stderr};

/// JSON as printed, objects keeping their keys in order (serde_json's `Value` sorts them).
#[derive(Debug)]
enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    Scalar,
}

impl Ordered {
    fn keys(&self) -> Vec<&str> {
        match self {
            Ordered::Object(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn get(&self, key: &str) -> &Ordered {
        match self {
            Ordered::Object(fields) => &fields.iter().find(|(k, _)| k == key).unwrap().1,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn at(&self, i: usize) -> &Ordered {
        match self {
            Ordered::Array(items) => &items[i],
            other => panic!("not an array: {other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ordered, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Ordered>()? {
                    fields.push((k, v));
                }
                Ok(Ordered::Object(fields))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Ordered::Array(items))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
        }
        d.deserialize_any(V)
    }
}

/// The verify tests' signed log 17 (售前一组 2026-11-23 D, one note, E91 signed alone at 16:04)
/// with a roll call of 2001 (present) and 2002 (late 12 min, 报备) sealed in it, then a 补充说明
/// by E91 the next morning, and an open log 18 (N, 16:00–23:30) whose roll call has 2003 (a team
/// lead's agent) and which holds one note (item 2).
fn day_with_a_signed_and_an_open_log(db: &Path) {
    signed_handover_log_with(db, |conn| {
        conn.execute_batch(
            "INSERT INTO agents (id, employee_no, name, team_id, level, created_at, updated_at)
                 VALUES (1, '2001', '贺一鸣', 7, 'lead', 0, 0),
                        (2, '2002', '汪俊杰', 7, 'junior', 0, 0),
                        (3, '2003', '范诗琪', 7, 'lead', 0, 0);
             INSERT INTO users (id, display_name, role, agent_id, pin_hash, created_at)
                 VALUES (92, '范诗琪', 'team_lead', 3, 'x', 0);
             INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered, status,
                     late_min, notified, updated_at)
                 VALUES (17, 2, '2002', '汪俊杰', 1, 'late', 12, 1, 0),
                        (17, 1, '2001', '贺一鸣', 1, 'present', NULL, 0, 0);",
        )
        .unwrap();
    });
    let conn = Connection::open(db).unwrap();
    let log_seal: String = conn
        .query_row(
            "SELECT hash FROM handover_signatures WHERE log_id = 17",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let addendum = SealAddendumV1 {
        log_id: 17,
        author_employee_no: "E91".into(),
        author_name: "交班班长".into(),
        at: shanghai_ms("2026-11-24 09:10"),
        text: "补充：快递已找回，客户撤销退款申请".into(),
    };
    conn.execute(
        "INSERT INTO handover_addenda (log_id, author_user_id, author_employee_no, author_name,
             at, text, log_seal, prev_hash, hash)
         VALUES (17, 91, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            addendum.author_employee_no,
            addendum.author_name,
            addendum.at,
            addendum.text,
            log_seal,
            ZERO_HASH,
            addendum_hash(ZERO_HASH, &log_seal, &addendum)
        ],
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO handover_logs (id, team_id, team_name, shift_date, shift_key, shift_name,
                 shift_start, shift_end, opened_at)
             VALUES (18, 7, '售前一组', '2026-11-23', 'N', '晚班', {start}, {end}, {start});
         INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered, status,
                 notified, updated_at)
             VALUES (18, 3, '2003', '范诗琪', 1, 'present', 0, 0);
         INSERT INTO handover_items (id, kind, origin_log_id, created_at) VALUES (2, 'note', 18, 0);
         INSERT INTO handover_item_events (id, item_id, log_id, at, kind, fields)
             VALUES (2, 2, 18, {start}, 'created',
                     '{{\"kind\":\"note\",\"text\":\"晚班系统升级，提前保存工单\"}}');",
        start = shanghai_ms("2026-11-23 16:00"),
        end = shanghai_ms("2026-11-23 23:30"),
    ))
    .unwrap();
}

fn stdout(o: &std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn show_prints_the_days_logs_with_exactly_the_contracts_fields_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    day_with_a_signed_and_an_open_log(&db);

    let out = stdout(&cli(
        &db,
        &[
            "handover",
            "show",
            "--date",
            "2026-11-23",
            "--team",
            "售前一组",
        ],
    ));
    assert!(out.starts_with("[\n  {\n    \"shift\": \"D\",\n"), "{out}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value,
        json!([
            {
                "shift": "D",
                "status": "signed",
                "outgoing_lead": "E91",
                "incoming_lead": null,
                "signed_at": "2026-11-23T16:04:00+08:00",
                "roll_call": [
                    {"employee_no": "2001", "status": "present", "late_min": null, "notified": false},
                    {"employee_no": "2002", "status": "late", "late_min": 12, "notified": true}
                ],
                "items": [
                    {"id": 1, "kind": "note", "title": "客户要求退款", "status": "open", "shifts_open": 1, "outcome": null}
                ],
                "addenda": [
                    {"author": "E91", "at": "2026-11-24T09:10:00+08:00", "text": "补充：快递已找回，客户撤销退款申请"}
                ]
            },
            {
                "shift": "N",
                "status": "open",
                "outgoing_lead": "2003",
                "incoming_lead": null,
                "signed_at": null,
                "roll_call": [
                    {"employee_no": "2003", "status": "present", "late_min": null, "notified": false}
                ],
                "items": [
                    {"id": 2, "kind": "note", "title": "晚班系统升级，提前保存工单", "status": "open", "shifts_open": 1, "outcome": null}
                ],
                "addenda": []
            }
        ])
    );

    // Key order, as the contract writes it (serde_json's Value above does not keep it).
    let ordered: Ordered = serde_json::from_str(&out).unwrap();
    let log_keys = [
        "shift",
        "status",
        "outgoing_lead",
        "incoming_lead",
        "signed_at",
        "roll_call",
        "items",
        "addenda",
    ];
    for i in 0..2 {
        assert_eq!(ordered.at(i).keys(), log_keys);
    }
    let signed = ordered.at(0);
    assert_eq!(
        signed.get("items").at(0).keys(),
        ["id", "kind", "title", "status", "shifts_open", "outcome"]
    );
    assert_eq!(
        signed.get("roll_call").at(1).keys(),
        ["employee_no", "status", "late_min", "notified"]
    );
    assert_eq!(signed.get("addenda").at(0).keys(), ["author", "at", "text"]);

    // A day with no log: an empty array.
    let none = stdout(&cli(
        &db,
        &[
            "handover",
            "show",
            "--date",
            "2026-11-22",
            "--team",
            "售前一组",
        ],
    ));
    assert_eq!(none, "[]\n");

    // A team nobody is called: bad data, exit 2, one error line.
    let unknown = cli(
        &db,
        &[
            "handover",
            "show",
            "--date",
            "2026-11-23",
            "--team",
            "无此组",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(unknown.stdout.is_empty());
    assert_eq!(stderr(&unknown), "error: no team is called 无此组\n");

    // The day is a sealed record as sign-off leaves one.
    assert_eq!(
        stdout(&cli(&db, &["verify"])),
        "verify: ok (1 handover signatures, 1 addenda, 0 ledger records, integrity ok)\n"
    );
}

#[test]
fn export_writes_the_sheet_and_says_how_many_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    day_with_a_signed_and_an_open_log(&db);

    let file = dir.path().join("交接记录.xlsx");
    let out = stdout(&cli(
        &db,
        &[
            "handover",
            "export",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-23",
            file.to_str().unwrap(),
        ],
    ));
    assert_eq!(out, format!("{}: 2 rows written\n", file.display()));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip file");

    let empty = dir.path().join("空.xlsx");
    let out = stdout(&cli(
        &db,
        &[
            "handover",
            "export",
            "--from",
            "2026-11-24",
            "--to",
            "2026-11-30",
            empty.to_str().unwrap(),
        ],
    ));
    assert_eq!(out, format!("{}: 0 rows written\n", empty.display()));
    assert!(empty.exists());
}
