//! The UI's tests use small per-test fakes that return realistic data. That data is written here,
//! from the real store on the demo floor at a fixed instant, into `ui/src/test/fixtures/`, and
//! checked fresh like the bindings: a change to a type or to the demo floor reaches the fixtures,
//! and the UI's tests see what the backend really sends.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_app::Operator;
use floordesk_domain::access::Role;
use floordesk_domain::floor::{AgentState, Notice, NoticeKind, StateEvent};
use floordesk_store::live::LiveFloor;
use floordesk_store::{Actor, Store};
use serde::Serialize;

const DAY: &str = "2026-11-23";

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{DAY}T{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn demo_asset(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/demo")
        .join(name)
}

fn json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    text
}

fn set(
    floor: &mut LiveFloor,
    store: &mut Store,
    agent: &str,
    when: DateTime<Utc>,
    state: AgentState,
    reason: Option<&str>,
) {
    let event = StateEvent {
        at: when,
        agent: agent.to_owned(),
        state,
        reason: reason.map(str::to_owned),
    };
    floor.set_state(store, event, Actor::user(1, when)).unwrap();
}

/// The demo floor at 10:00 on 2026-11-23: the day shift signed in at 08:25 / 08:55 (but 1005
/// 陈晨, absent without notice; 1014, who phoned in sick at 08:10; and 1022, who phoned at 09:05
/// and came at 09:12), a few agents on a break, at a meal, on a call or away for a reason, and
/// 1027 of the chat team 挂起.
fn morning_floor(store: &mut Store) -> LiveFloor {
    let day: NaiveDate = DAY.parse().unwrap();
    // The floor without the demo's history: the fixture writes its own morning.
    store
        .load_demo_floor(&[day], Actor::system(at("07:00:00")))
        .unwrap();
    let (mut floor, _) = LiveFloor::load(store, at("08:00:00")).unwrap();
    let mut spans = store.shift_spans(day, day).unwrap();
    spans.sort_by(|a, b| (a.start, &a.agent).cmp(&(b.start, &b.agent)));
    let notice =
        |floor: &mut LiveFloor, store: &mut Store, agent: &str, when, kind, reason: &str| {
            let notice = Notice {
                at: when,
                agent: agent.to_owned(),
                kind,
                reason: Some(reason.to_owned()),
            };
            floor
                .record_notice(store, notice, Actor::user(1, when))
                .unwrap();
        };
    notice(
        &mut floor,
        store,
        "1014",
        at("08:10:00"),
        NoticeKind::Absent,
        "发烧请假",
    );
    for span in spans.iter().filter(|s| s.start <= at("10:00:00")) {
        if !["1005", "1014", "1022"].contains(&span.agent.as_str()) {
            let signed_in = span.start - chrono::Duration::minutes(5);
            set(
                &mut floor,
                store,
                &span.agent,
                signed_in,
                AgentState::Ready,
                None,
            );
        }
    }
    notice(
        &mut floor,
        store,
        "1022",
        at("09:05:00"),
        NoticeKind::Late,
        "地铁故障",
    );
    set(
        &mut floor,
        store,
        "1022",
        at("09:12:00"),
        AgentState::Ready,
        None,
    );
    set(
        &mut floor,
        store,
        "1003",
        at("09:40:00"),
        AgentState::Meal,
        None,
    );
    set(
        &mut floor,
        store,
        "1007",
        at("09:50:00"),
        AgentState::Other,
        Some("设备故障"),
    );
    set(
        &mut floor,
        store,
        "1002",
        at("09:57:00"),
        AgentState::SmallBreak,
        None,
    );
    set(
        &mut floor,
        store,
        "1027",
        at("09:58:00"),
        AgentState::Suspended,
        None,
    );
    set(
        &mut floor,
        store,
        "1004",
        at("09:59:00"),
        AgentState::Busy,
        None,
    );
    floor.tick(store, at("10:00:00")).unwrap();
    floor
}

fn generate() -> BTreeMap<&'static str, String> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fixtures.sqlite")).unwrap();
    let mut floor = morning_floor(&mut store);
    let now = at("10:00:00");
    let day: NaiveDate = DAY.parse().unwrap();
    let tz = store.require_site().unwrap().tz();

    let mut out = BTreeMap::new();
    let operators: BTreeMap<&str, Operator> = Role::ALL
        .into_iter()
        .map(|role| {
            let user = store
                .list_users()
                .unwrap()
                .into_iter()
                .find(|u| u.role == role)
                .unwrap();
            (role.as_str(), Operator::from(user))
        })
        .collect();
    out.insert("operators", json(&operators));
    out.insert("site", json(&store.require_site().unwrap()));
    out.insert("login-users", json(&store.list_login_users().unwrap()));
    out.insert("users", json(&store.list_users().unwrap()));
    out.insert("agents", json(&store.list_agents(true).unwrap()));
    out.insert("teams", json(&store.list_teams().unwrap()));
    out.insert("seats", json(&store.list_seats().unwrap()));
    out.insert("holidays", json(&store.list_holidays().unwrap()));
    out.insert("policy", json(&store.list_policy(now).unwrap()));
    out.insert("board", json(&floor.board(&store, now).unwrap()));
    out.insert("alerts", json(&store.alerts_on(day, tz, now).unwrap()));
    // Previewed where a user would keep the file, whatever this checkout's path.
    let preview = |name: &str| {
        let mut p = store.preview_agents_import(&demo_asset(name)).unwrap();
        p.file = format!("C:\\Users\\客服中心\\Desktop\\{name}");
        json(&p)
    };
    out.insert("import-preview-good", preview("agents-import.csv"));
    out.insert("import-preview-bad", preview("agents-bad.csv"));

    // Line full: all but three of the ready agents take calls; then 1006 杨帆 asks for a small
    // break and waits in the queue.
    let mut busy = 0;
    for agent in floor.board(&store, now).unwrap().agents {
        let ready = floor.state_of(&agent.employee_no, now) == Some(AgentState::Ready);
        if ready && agent.employee_no != "1006" && floor.ready_count() > 3 {
            let event = StateEvent {
                at: now,
                agent: agent.employee_no.clone(),
                state: AgentState::Busy,
                reason: None,
            };
            floor
                .set_state(&mut store, event, Actor::user(1, now))
                .unwrap();
            busy += 1;
        }
    }
    assert!(busy > 0 && floor.line_full(), "the floor is line full");
    let later = now + chrono::Duration::seconds(30);
    let (request, _) = floor
        .request_break(&mut store, "1006", Actor::user(1, later))
        .unwrap();
    assert!(request.queued, "1006's request waits");
    floor.tick(&mut store, at("10:02:00")).unwrap();
    out.insert(
        "board-line-full",
        json(&floor.board(&store, at("10:02:00")).unwrap()),
    );
    out.insert(
        "break-requests",
        json(&store.break_requests_on(day, tz).unwrap()),
    );

    // November's roster: 售前一组 on 做六休一 (白班, 晚班 every other week), but 1002 works
    // seven days in a row from 11-09; 1003 takes 11-23 off. The month is not published.
    let team: Vec<String> = store
        .list_agents(false)
        .unwrap()
        .into_iter()
        .filter(|a| a.team_name == "售前一组")
        .map(|a| a.employee_no)
        .collect();
    let mut cells = Vec::new();
    for (i, no) in team.iter().enumerate() {
        for d in 1..=30u32 {
            let date = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
            let rest =
                (d as usize + i).is_multiple_of(7) && !(no == "1002" && (9..=15).contains(&d));
            let code = if rest {
                "休"
            } else if (d - 1) / 7 % 2 == 1 && i % 2 == 1 {
                "N"
            } else {
                "D"
            };
            let code = if no == "1003" && d == 23 { "休" } else { code };
            cells.push(floordesk_store::roster::CellInput {
                employee_no: no.clone(),
                date,
                cell: code.to_owned(),
            });
        }
    }
    store
        .put_roster_cells(&cells, None, Actor::user(1, at("10:05:00")))
        .unwrap();
    out.insert(
        "roster-month",
        json(&store.roster_month("2026-11", at("10:05:00")).unwrap()),
    );
    out
}

#[test]
fn ui_fixtures_are_current() {
    let stale: Vec<_> = generate()
        .into_iter()
        .filter(|(name, text)| {
            crate::refresh_generated(&format!("ui/src/test/fixtures/{name}.json"), text)
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        stale.is_empty(),
        "UI fixtures {stale:?} were stale; they have been regenerated: review and commit them"
    );
}
