//! 交接事项 through the store on a real file: adding each kind (due times read against the log's
//! start), a timeline of note, query, answer, accept and close, nothing after close, a signed log
//! refusing, who may write what, and search (two-character LIKE, trigram MATCH, filters) that a
//! rebuild of the derived tables answers alike.

use chrono::{DateTime, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::{
    Channel, ItemChange, ItemEventKind, ItemFields, ItemKind, ItemPatch, ItemStatus, NoticeCategory,
};
use floordesk_store::handover::items::{NewItem, NewItemFields};
use floordesk_store::handover::search::{HandoverSearch, SearchHit};
use floordesk_store::users::UserInput;
use floordesk_store::{Actor, Store};
use rusqlite::{Connection, params};

use crate::common::ten_rostered;

const D: i64 = 1; // 售前一组 2026-11-23 D 08:30–16:00
const N: i64 = 2; // 售前一组 2026-11-23 N 16:00–23:30
const AFTER: i64 = 3; // 售后组 2026-11-23 D 08:30–16:00

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// 10:00 in Shanghai, during D.
fn now() -> DateTime<Utc> {
    at("2026-11-23T02:00:00Z")
}

fn system() -> Actor {
    Actor::system(now())
}

fn code<T: std::fmt::Debug>(result: floordesk_store::Result<T>) -> String {
    result.unwrap_err().to_problem().code.as_str().to_owned()
}

struct Floor {
    store: Store,
    conn: Connection,
    lead: Actor,
    other_lead: Actor,
    agent: Actor,
    supervisor: Actor,
}

/// `ten_rostered`'s floor with users (贺一鸣 2001 leads 售前一组, 魏国栋 2007 leads 售后组,
/// 姜雨欣 2002 is an agent, 周主管 S01 supervises), and three open logs: 售前一组 D and N, 售后组 D; 2002 and 2003 are
/// on D's roll call.
fn floor(dir: &std::path::Path) -> Floor {
    let mut store = ten_rostered(dir, "08:30", "16:00");
    let mut user = |name: &str, role: Role, no: &str| {
        let input = UserInput {
            id: None,
            display_name: name.into(),
            role,
            employee_no: no.into(),
            pin: Some("2468".into()),
        };
        Actor::user(store.save_user(&input, system()).unwrap().id, now())
    };
    let lead = user("贺一鸣", Role::TeamLead, "2001");
    let other_lead = user("魏国栋", Role::TeamLead, "2007");
    let agent = user("姜雨欣", Role::Agent, "2002");
    let supervisor = user("周主管", Role::Supervisor, "S01");
    let conn = Connection::open(dir.join("floor.sqlite")).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let log = |id: i64, team: &str, key: &str, name: &str, start: &str, end: &str| {
        conn.execute(
            "INSERT INTO handover_logs (id, team_id, team_name, shift_date, shift_key, shift_name,
                 shift_start, shift_end, opened_at)
             SELECT ?1, id, name, '2026-11-23', ?3, ?4, ?5, ?6, 0 FROM teams WHERE name = ?2",
            params![
                id,
                team,
                key,
                name,
                at(start).timestamp_millis(),
                at(end).timestamp_millis()
            ],
        )
        .unwrap();
    };
    log(
        D,
        "售前一组",
        "D",
        "白班",
        "2026-11-23T00:30:00Z",
        "2026-11-23T08:00:00Z",
    );
    log(
        N,
        "售前一组",
        "N",
        "晚班",
        "2026-11-23T08:00:00Z",
        "2026-11-23T15:30:00Z",
    );
    log(
        AFTER,
        "售后组",
        "D",
        "白班",
        "2026-11-23T00:30:00Z",
        "2026-11-23T08:00:00Z",
    );
    conn.execute(
        "INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered, status, updated_at)
         SELECT ?1, id, employee_no, name, 1, 'present', 0 FROM agents WHERE employee_no IN ('2002', '2003')",
        [D],
    )
    .unwrap();
    Floor {
        store,
        conn,
        lead,
        other_lead,
        agent,
        supervisor,
    }
}

fn refund() -> NewItem {
    NewItem {
        fields: NewItemFields::Customer {
            customer: " 张女士 ".into(),
            channel: Channel::Qianniu,
            order_no: Some("TB3920118842".into()),
            problem: "客户要求退款".into(),
            promised: Some("今天下班前回电".into()),
            progress: Some("  ".into()),
        },
    }
}

fn urgent(due: &str) -> NewItem {
    NewItem {
        fields: NewItemFields::Urgent {
            what: "核对退货单".into(),
            due: Some(due.into()),
        },
    }
}

/// Signs a log with raw SQL (the chain's next link), naming its incoming log.
fn sign(conn: &Connection, log: i64, incoming: Option<i64>, by: Actor) {
    let prev: String = conn
        .query_row(
            "SELECT coalesce((SELECT hash FROM handover_signatures ORDER BY id DESC LIMIT 1), ?1)",
            ["0".repeat(64)],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO handover_signatures (log_id, side, mode, signer_user_id, signer_employee_no,
             signer_name, basis, incoming_log_id, signed_at, content_hash, prev_hash, hash)
         VALUES (?1, 'outgoing', 'alone', ?2, '2001', '贺一鸣', 'team_lead', ?3, 5, ?4, ?5, ?6)",
        params![
            log,
            by.user_id,
            incoming,
            "c".repeat(64),
            prev,
            format!("{:064x}", log)
        ],
    )
    .unwrap();
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn each_kind_is_added_with_its_created_event_index_row_and_search_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let notice = NewItem {
        fields: NewItemFields::Notice {
            category: NoticeCategory::Equipment,
            text: "B07 耳机故障".into(),
        },
    };
    let prospect = NewItem {
        fields: NewItemFields::Prospect {
            who: "李小姐".into(),
            why: "咨询团购 50 件".into(),
            due: Some("11-24 10:00".into()),
        },
    };
    let note = NewItem {
        fields: NewItemFields::Note {
            text: "今日来电高峰 10:00–11:30".into(),
        },
    };
    let mut ids = Vec::new();
    for input in [&refund(), &urgent("17:00"), &prospect, &notice, &note] {
        ids.push(f.store.add_handover_item(D, input, f.lead).unwrap());
    }
    // 01:00 typed in D (08:30 start) is the next day's 01:00.
    let late = f
        .store
        .add_handover_item(D, &urgent("0100"), f.lead)
        .unwrap();

    let rows = f.store.handover_items_of_log(D, now()).unwrap();
    assert_eq!(rows.len(), 6);
    let kinds: Vec<ItemKind> = rows.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ItemKind::Customer,
            ItemKind::Urgent,
            ItemKind::Prospect,
            ItemKind::Notice,
            ItemKind::Note,
            ItemKind::Urgent
        ]
    );
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "张女士（千牛）TB3920118842：客户要求退款",
            "核对退货单（截止 11-23 17:00）",
            "李小姐：咨询团购 50 件（11-24 10:00 前联系）",
            "[设备] B07 耳机故障",
            "今日来电高峰 10:00–11:30",
            "核对退货单（截止 11-24 01:00）",
        ]
    );
    // Trimmed, blanks absent; the due times in UTC.
    assert_eq!(
        rows[0].fields,
        ItemFields::Customer {
            customer: "张女士".into(),
            channel: Channel::Qianniu,
            order_no: Some("TB3920118842".into()),
            problem: "客户要求退款".into(),
            promised: Some("今天下班前回电".into()),
            progress: None,
        }
    );
    assert_eq!(rows[1].due_at, Some(at("2026-11-23T09:00:00Z")));
    assert_eq!(rows[2].due_at, Some(at("2026-11-24T02:00:00Z")));
    assert_eq!(rows[5].due_at, Some(at("2026-11-23T17:00:00Z")));
    assert!(!rows[1].overdue);
    let evening = f
        .store
        .handover_items_of_log(D, at("2026-11-23T09:30:00Z"))
        .unwrap();
    assert!(evening[1].overdue && !evening[2].overdue);
    for row in &rows {
        assert_eq!(row.status, ItemStatus::Open);
        assert_eq!(row.shifts_open, 1);
        assert!(!row.carried_in && !row.not_handed_over);
        assert_eq!(row.team_name, "售前一组");
        assert_eq!(row.touched_by.len(), 1);
        assert_eq!(row.touched_by[0].employee_no, "2001");
        assert_eq!(row.touched_by[0].name, "贺一鸣");
        assert_eq!(row.author, None, "a lead writes for the team");
    }

    // The created event holds the canonical fields JSON, the copies of who wrote it.
    let (fields, by_no, by_name): (String, String, String) = f
        .conn
        .query_row(
            "SELECT fields, by_employee_no, by_name FROM handover_item_events WHERE item_id = ?1",
            [ids[0]],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(fields, serde_json::to_string(&rows[0].fields).unwrap());
    assert_eq!((by_no.as_str(), by_name.as_str()), ("2001", "贺一鸣"));
    assert_eq!(
        count(
            &f.conn,
            "SELECT count(*) FROM handover_item_index WHERE log_id = 1"
        ),
        6
    );
    assert_eq!(count(&f.conn, "SELECT count(*) FROM handover_fts"), 6);
    assert_eq!(
        count(
            &f.conn,
            "SELECT count(*) FROM audit_log WHERE action = 'add' AND entity = 'handover_item'"
        ),
        6
    );
    let (order_no, due): (String, Option<i64>) = f
        .conn
        .query_row(
            "SELECT order_no, (SELECT due_at FROM handover_item_index WHERE item_id = ?2)
             FROM handover_item_index WHERE item_id = ?1",
            [ids[0], late],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(order_no, "TB3920118842");
    assert_eq!(due, Some(at("2026-11-23T17:00:00Z").timestamp_millis()));
    // The other logs hold none.
    assert!(f.store.handover_items_of_log(N, now()).unwrap().is_empty());
}

#[test]
fn a_bad_due_or_a_missing_field_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let result = f.store.add_handover_item(D, &urgent("明天下午"), f.lead);
    let problem = result.unwrap_err().to_problem();
    assert_eq!(problem.code.as_str(), "handover.bad_due");
    assert_eq!(problem.params["value"], "明天下午");
    let blank = NewItem {
        fields: NewItemFields::Note { text: "  ".into() },
    };
    assert_eq!(
        code(f.store.add_handover_item(D, &blank, f.lead)),
        "validation.required"
    );
    assert_eq!(
        code(f.store.add_handover_item(99, &blank, f.lead)),
        "not_found"
    );
    assert_eq!(count(&f.conn, "SELECT count(*) FROM handover_items"), 0);
    assert_eq!(count(&f.conn, "SELECT count(*) FROM handover_fts"), 0);
}

#[test]
fn a_timeline_of_note_query_answer_accept_and_close_and_nothing_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let id = f.store.add_handover_item(D, &refund(), f.lead).unwrap();
    let change =
        |store: &mut Store, c: ItemChange, by: Actor| store.change_handover_item(id, &c, by);

    change(
        &mut f.store,
        ItemChange::Note {
            text: " 已联系仓库 ".into(),
        },
        f.lead,
    )
    .unwrap();
    // An edit that changes nothing records nothing; one that does records only what changed.
    let same = ItemPatch {
        customer: Some(Some("张女士".into())),
        ..ItemPatch::default()
    };
    change(
        &mut f.store,
        ItemChange::Update {
            patch: Box::new(same),
        },
        f.lead,
    )
    .unwrap();
    let progress = ItemPatch {
        customer: Some(Some("张女士".into())),
        progress: Some(Some("退款单已提交".into())),
        ..ItemPatch::default()
    };
    change(
        &mut f.store,
        ItemChange::Update {
            patch: Box::new(progress),
        },
        f.lead,
    )
    .unwrap();
    change(
        &mut f.store,
        ItemChange::Query {
            text: "退款金额多少？".into(),
        },
        f.supervisor,
    )
    .unwrap();
    let queries = f.store.handover_items_of_log(D, now()).unwrap()[0]
        .open_queries
        .clone();
    assert_eq!(queries.len(), 1);
    assert_eq!(queries[0].text, "退款金额多少？");
    assert_eq!(queries[0].by.as_ref().unwrap().name, "周主管");
    let first = queries[0].id;
    change(
        &mut f.store,
        ItemChange::Answer {
            query_id: first,
            text: "全额 199 元".into(),
        },
        f.lead,
    )
    .unwrap();
    assert_eq!(
        code(change(
            &mut f.store,
            ItemChange::Accept { query_id: first },
            f.lead
        )),
        "handover.query_resolved"
    );
    change(
        &mut f.store,
        ItemChange::Query {
            text: "客户何时回电？".into(),
        },
        f.supervisor,
    )
    .unwrap();
    let second = f.store.handover_items_of_log(D, now()).unwrap()[0].open_queries[0].id;
    change(
        &mut f.store,
        ItemChange::Accept { query_id: second },
        f.supervisor,
    )
    .unwrap();
    assert_eq!(
        code(change(
            &mut f.store,
            ItemChange::Close {
                outcome: " ".into()
            },
            f.lead
        )),
        "validation.required"
    );
    change(
        &mut f.store,
        ItemChange::Close {
            outcome: "已退款".into(),
        },
        f.lead,
    )
    .unwrap();

    let timeline = f.store.handover_item(id, now(), f.lead).unwrap();
    let kinds: Vec<ItemEventKind> = timeline.events.iter().map(|e| e.kind).collect();
    use ItemEventKind as K;
    assert_eq!(
        kinds,
        [
            K::Created,
            K::Note,
            K::Updated,
            K::Query,
            K::Answer,
            K::Query,
            K::Accepted,
            K::Closed
        ]
    );
    let e = &timeline.events;
    assert!(e[0].fields.is_some() && e[0].patch.is_none());
    assert_eq!(
        e[2].patch,
        Some(ItemPatch {
            progress: Some(Some("退款单已提交".into())),
            ..ItemPatch::default()
        })
    );
    assert_eq!(e[1].text.as_deref(), Some("已联系仓库"));
    assert_eq!(e[3].side, Some(Side::Incoming));
    assert_eq!(e[4].side, Some(Side::Outgoing));
    assert_eq!(e[6].side, Some(Side::Incoming));
    assert_eq!(e[7].text.as_deref(), Some("已退款"));
    assert!(
        e.iter()
            .all(|e| e.log.log_id == D && e.log.shift_key == "D")
    );
    assert_eq!(timeline.placements.len(), 1);
    assert_eq!(timeline.placements[0].team_name, "售前一组");
    let item = &timeline.item;
    assert_eq!(item.status, ItemStatus::Closed);
    assert_eq!(item.outcome.as_deref(), Some("已退款"));
    assert!(item.open_queries.is_empty());
    let touched: Vec<&str> = item
        .touched_by
        .iter()
        .map(|p| p.employee_no.as_str())
        .collect();
    assert_eq!(touched, ["2001", "S01"]);
    match &item.fields {
        ItemFields::Customer { progress, .. } => {
            assert_eq!(progress.as_deref(), Some("退款单已提交"))
        }
        other => panic!("{other:?}"),
    }
    // The answer names the query it settles.
    let refs: i64 = f
        .conn
        .query_row(
            "SELECT ref_event_id FROM handover_item_events WHERE kind = 'answer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(refs, first);

    // Closed: nothing follows, and nothing was written by the refusal.
    let problem = change(
        &mut f.store,
        ItemChange::Note {
            text: "又来电".into(),
        },
        f.lead,
    )
    .unwrap_err()
    .to_problem();
    assert_eq!(problem.code.as_str(), "handover.item_closed");
    assert_eq!(problem.params["id"], id.to_string());
    assert_eq!(
        count(&f.conn, "SELECT count(*) FROM handover_item_events"),
        8
    );
    assert_eq!(
        count(
            &f.conn,
            "SELECT count(*) FROM handover_item_index WHERE status = 'closed'"
        ),
        1
    );
    // Still listed in the log it closed in.
    assert_eq!(f.store.handover_items_of_log(D, now()).unwrap().len(), 1);
}

#[test]
fn a_signed_log_refuses_new_items_and_its_open_items_change_in_the_next_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let open = f.store.add_handover_item(D, &refund(), f.lead).unwrap();
    let closed = f
        .store
        .add_handover_item(D, &urgent("17:00"), f.lead)
        .unwrap();
    f.store
        .change_handover_item(
            closed,
            &ItemChange::Close {
                outcome: "已核对".into(),
            },
            f.lead,
        )
        .unwrap();
    // Signed alone with no later shift in the roster: nowhere to carry to.
    sign(&f.conn, D, None, f.lead);
    let problem = f
        .store
        .add_handover_item(D, &refund(), f.lead)
        .unwrap_err()
        .to_problem();
    assert_eq!(problem.code.as_str(), "handover.signed");
    assert_eq!(problem.params["date"], "2026-11-23");
    assert_eq!(problem.params["team"], "售前一组");
    assert_eq!(problem.params["shift"], "白班 D");
    let note = ItemChange::Note { text: "补".into() };
    assert_eq!(
        code(f.store.change_handover_item(open, &note, f.lead)),
        "handover.signed"
    );
    assert_eq!(
        code(f.store.change_handover_item(closed, &note, f.lead)),
        "handover.signed"
    );
    assert_eq!(count(&f.conn, "SELECT count(*) FROM handover_items"), 2);

    // A log signed into N (unsigned): the open item's change goes there, the item with it.
    let dir2 = tempfile::tempdir().unwrap();
    let mut g = floor(dir2.path());
    let open = g.store.add_handover_item(D, &refund(), g.lead).unwrap();
    sign(&g.conn, D, Some(N), g.lead);
    g.store.change_handover_item(open, &note, g.lead).unwrap();
    let timeline = g.store.handover_item(open, now(), g.lead).unwrap();
    let last: Vec<(ItemEventKind, i64)> = timeline
        .events
        .iter()
        .map(|e| (e.kind, e.log.log_id))
        .collect();
    assert_eq!(
        last,
        [
            (ItemEventKind::Created, D),
            (ItemEventKind::Carried, N),
            (ItemEventKind::Note, N)
        ]
    );
    assert_eq!(timeline.events[1].from_log.as_ref().unwrap().log_id, D);
    assert_eq!(timeline.placements.len(), 2);
    let rows = g.store.handover_items_of_log(N, now()).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].carried_in);
    assert_eq!(rows[0].shifts_open, 2);
    assert!(g.store.handover_items_of_log(D, now()).unwrap().is_empty());
}

#[test]
fn leads_write_their_team_and_agents_their_own_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    assert_eq!(
        code(f.store.add_handover_item(D, &refund(), f.other_lead)),
        "handover.not_your_team"
    );
    // The agent writes into a log whose roll call has them; the entry is theirs.
    let mine = f.store.add_handover_item(D, &refund(), f.agent).unwrap();
    assert_eq!(
        code(f.store.add_handover_item(N, &refund(), f.agent)),
        "handover.not_on_roll_call"
    );
    let theirs = f
        .store
        .add_handover_item(D, &urgent("17:00"), f.lead)
        .unwrap();
    let row = &f.store.handover_items_of_log(D, now()).unwrap()[0];
    let author = row.author.as_ref().unwrap();
    assert_eq!(
        (author.employee_no.as_str(), author.name.as_str()),
        ("2002", "姜雨欣")
    );
    let note = ItemChange::Note {
        text: "已回电".into(),
    };
    f.store.change_handover_item(mine, &note, f.agent).unwrap();
    assert_eq!(
        code(f.store.change_handover_item(theirs, &note, f.agent)),
        "handover.not_your_entry"
    );
    let query = ItemChange::Query { text: "?".into() };
    assert_eq!(
        code(f.store.change_handover_item(mine, &query, f.agent)),
        "handover.not_your_entry"
    );
    // Handed to 售后组: the item moves to its running log; its lead may then change it.
    let hand = ItemChange::HandToTeam {
        team_id: count(&f.conn, "SELECT id FROM teams WHERE name = '售后组'"),
        text: "请售后跟进".into(),
    };
    f.store.change_handover_item(mine, &hand, f.lead).unwrap();
    let moved = f.store.handover_items_of_log(AFTER, now()).unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].team_name, "售后组");
    f.store
        .change_handover_item(mine, &note, f.other_lead)
        .unwrap();
    assert_eq!(
        code(f.store.change_handover_item(mine, &note, f.lead)),
        "handover.not_your_team"
    );
    // Both teams see it (it has been in both); the timeline names the team it went to.
    let timeline = f.store.handover_item(mine, now(), f.lead).unwrap();
    assert_eq!(timeline.events[2].to_team_name.as_deref(), Some("售后组"));
    assert_eq!(timeline.events[2].from_log.as_ref().unwrap().log_id, D);
    assert_eq!(
        code(f.store.handover_item(theirs, now(), f.other_lead)),
        "handover.not_your_team"
    );
}

fn found(store: &Store, q: &HandoverSearch, by: Actor) -> Vec<i64> {
    store
        .search_handover(q, now(), by)
        .unwrap()
        .into_iter()
        .filter_map(|hit| match hit {
            SearchHit::Item { item, .. } => Some(item.id),
            SearchHit::Addendum { .. } => None,
        })
        .collect()
}

fn text(t: &str) -> HandoverSearch {
    HandoverSearch {
        text: Some(t.into()),
        ..HandoverSearch::default()
    }
}

#[test]
fn search_finds_words_inside_chinese_text_and_filters_and_a_rebuild_answers_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = floor(dir.path());
    let refund_id = f.store.add_handover_item(D, &refund(), f.lead).unwrap();
    let urgent_id = f
        .store
        .add_handover_item(D, &urgent("17:00"), f.lead)
        .unwrap();
    let other = NewItem {
        fields: NewItemFields::Customer {
            customer: "王先生".into(),
            channel: Channel::Phone,
            order_no: Some("JD77_01".into()),
            problem: "物流延误 50%".into(),
            promised: None,
            progress: None,
        },
    };
    let after_id = f
        .store
        .add_handover_item(AFTER, &other, f.other_lead)
        .unwrap();
    // A minute later: the urgent item is the most recently changed.
    let later = Actor {
        at: now() + chrono::Duration::minutes(1),
        ..f.lead
    };
    f.store
        .change_handover_item(
            urgent_id,
            &ItemChange::Note {
                text: "仓库说明天到".into(),
            },
            later,
        )
        .unwrap();

    let queries = |store: &Store| {
        let by_order = HandoverSearch {
            order_no: Some("3920118".into()),
            ..HandoverSearch::default()
        };
        let open_refunds = HandoverSearch {
            text: Some("退".into()),
            status: Some(ItemStatus::Open),
            ..HandoverSearch::default()
        };
        let lead = f.lead;
        vec![
            found(store, &text("退款"), system()),
            found(store, &text("要求退款"), system()),
            found(store, &text("款"), system()),
            found(store, &text("退货"), system()),
            found(store, &text("要求退货"), system()),
            found(store, &text("说明天"), system()),
            found(store, &text("50%"), system()),
            found(store, &text("张女士 退款"), system()),
            found(store, &by_order, system()),
            found(store, &open_refunds, system()),
            found(store, &HandoverSearch::default(), lead),
            found(store, &HandoverSearch::default(), system()),
        ]
    };
    let before = queries(&f.store);
    assert_eq!(before[0], [refund_id], "退款: two characters, LIKE");
    assert_eq!(before[1], [refund_id], "要求退款: trigram MATCH");
    assert_eq!(before[2], [refund_id]);
    assert_eq!(
        before[3],
        [urgent_id],
        "退货 is the urgent item's, not the refund's"
    );
    assert!(before[4].is_empty());
    assert_eq!(before[5], [urgent_id], "an event's text is searched");
    assert_eq!(before[6], [after_id], "% is a character, not a wildcard");
    assert_eq!(before[7], [refund_id]);
    assert_eq!(before[8], [refund_id]);
    // Newest first: the urgent item changed last.
    assert_eq!(before[9], [urgent_id, refund_id]);
    assert_eq!(
        before[10],
        [urgent_id, refund_id],
        "a lead sees their team's"
    );
    assert_eq!(before[11], [urgent_id, after_id, refund_id]);

    // Filters by status, kind, team, dates and limit.
    f.store
        .change_handover_item(
            refund_id,
            &ItemChange::Close {
                outcome: "已退款".into(),
            },
            f.lead,
        )
        .unwrap();
    let by = |q: HandoverSearch| found(&f.store, &q, system());
    assert_eq!(
        by(HandoverSearch {
            text: Some("退款".into()),
            status: Some(ItemStatus::Open),
            ..HandoverSearch::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        by(HandoverSearch {
            status: Some(ItemStatus::Closed),
            ..HandoverSearch::default()
        }),
        [refund_id]
    );
    assert_eq!(
        by(HandoverSearch {
            kind: Some(ItemKind::Urgent),
            ..HandoverSearch::default()
        }),
        [urgent_id]
    );
    let after_team = count(&f.conn, "SELECT id FROM teams WHERE name = '售后组'");
    assert_eq!(
        by(HandoverSearch {
            team_id: Some(after_team),
            customer: Some("王".into()),
            ..HandoverSearch::default()
        }),
        [after_id]
    );
    let day = |d: &str| Some(d.parse().unwrap());
    assert_eq!(
        by(HandoverSearch {
            from: day("2026-11-24"),
            ..HandoverSearch::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        by(HandoverSearch {
            from: day("2026-11-23"),
            to: day("2026-11-23"),
            limit: Some(2),
            ..HandoverSearch::default()
        })
        .len(),
        2
    );
    let hit = f
        .store
        .search_handover(&text("要求退款"), now(), system())
        .unwrap();
    match &hit[0] {
        SearchHit::Item { item, first, last } => {
            assert_eq!(item.status, ItemStatus::Closed);
            assert_eq!((first.log_id, last.log_id), (D, D));
        }
        other => panic!("an item first, not {other:?}"),
    }

    // The derived tables rebuilt from the timelines answer every query alike.
    let before = queries(&f.store);
    let index = |conn: &Connection| -> Vec<(i64, String, String, String)> {
        conn.prepare("SELECT item_id, status, title, (SELECT body FROM handover_fts WHERE rowid = item_id) FROM handover_item_index ORDER BY item_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let rows_before = index(&f.conn);
    f.conn
        .execute_batch("DELETE FROM handover_item_index; DELETE FROM handover_fts;")
        .unwrap();
    assert!(found(&f.store, &text("退款"), system()).is_empty());
    f.store.reindex_handover().unwrap();
    assert_eq!(index(&f.conn), rows_before);
    assert_eq!(queries(&f.store), before);
}
