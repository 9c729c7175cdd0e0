//! Store benchmarks: `cargo bench -p floordesk-store`. Each runs against a real file in a temp
//! folder (WAL, synchronous=FULL), as the app does.

use chrono::Utc;
use floordesk_domain::people::Level;
use floordesk_store::people::{AgentInput, TeamInput};
use floordesk_store::{Actor, Store};
use rust_xlsxwriter::Workbook;

fn main() {
    divan::main();
}

fn store_in(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("bench.sqlite")).unwrap()
}

/// 1,000 agents added one by one, each in its own transaction (as the form does).
#[divan::bench(sample_count = 5)]
fn insert_1000_agents_one_by_one(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = store_in(&dir);
            let team = store
                .save_team(
                    &TeamInput {
                        id: None,
                        name: "一组".into(),
                        channel: None,
                    },
                    Actor::system(test_instant()),
                )
                .unwrap();
            (dir, store, team.id)
        })
        .bench_local_values(|(dir, mut store, team_id)| {
            for i in 0..1000 {
                let input = AgentInput {
                    id: None,
                    employee_no: format!("{}", 10_000 + i),
                    name: format!("坐席{i}"),
                    team_id,
                    level: Level::Intermediate,
                    seat_id: None,
                    hired_on: None,
                    left_on: None,
                    base_pay_fen: None,
                };
                store
                    .save_agent(&input, Actor::system(test_instant()))
                    .unwrap();
            }
            (dir, store)
        });
}

fn agents_csv(rows: usize) -> String {
    let mut text = String::from("工号,姓名,班组,职级,台席,入职日期\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{},坐席{i},第{}组,中级,S{i},2024-01-01\n",
            10_000 + i,
            i % 10
        ));
    }
    text
}

/// Listing 1,000 agents with their teams and seats (the people table's query).
#[divan::bench]
fn list_1000_agents(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(&dir);
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, agents_csv(1000)).unwrap();
    store
        .import_agents(&csv, Actor::system(test_instant()))
        .unwrap();
    bencher.bench_local(|| store.list_agents(true).unwrap().len());
}

fn agents_xlsx(path: &std::path::Path, rows: u32) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["工号", "姓名", "班组", "职级", "台席", "入职日期"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i + 1;
        sheet.write_number(r, 0, f64::from(10_000 + i)).unwrap();
        sheet.write_string(r, 1, format!("坐席{i}")).unwrap();
        sheet.write_string(r, 2, format!("第{}组", i % 10)).unwrap();
        sheet.write_string(r, 3, "高级").unwrap();
        sheet.write_string(r, 4, format!("S{i}")).unwrap();
        sheet.write_string(r, 5, "2023-06-01").unwrap();
    }
    book.save(path).unwrap();
}

/// Importing a 1,000-row xlsx into an empty database: read, validate, write in one transaction.
#[divan::bench(sample_count = 10)]
fn import_1000_row_xlsx(bencher: divan::Bencher) {
    let files = tempfile::tempdir().unwrap();
    let xlsx = files.path().join("people.xlsx");
    agents_xlsx(&xlsx, 1000);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = store_in(&dir);
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let summary = store
                .import_agents(&xlsx, Actor::system(test_instant()))
                .unwrap();
            assert_eq!(summary.created, 1000);
            (dir, store)
        });
}

/// Previewing the same file (what the import dialog shows before anything is written).
#[divan::bench(sample_count = 10)]
fn preview_1000_row_xlsx(bencher: divan::Bencher) {
    let files = tempfile::tempdir().unwrap();
    let xlsx = files.path().join("people.xlsx");
    agents_xlsx(&xlsx, 1000);
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    bencher.bench_local(|| store.preview_agents_import(&xlsx).unwrap().rows.len());
}

/// Ingesting a busy day's events in one batch (1,000 agents × ~200 events): the CLI's `ingest`.
#[divan::bench(sample_count = 5)]
fn ingest_busy_day_200k_events(bencher: divan::Bencher) {
    use floordesk_domain::floor::sim::busy_day;
    use floordesk_store::floor::EventSource;
    use floordesk_store::import::events::EventLine;
    use floordesk_store::import::{Table, TableRow};

    let day_start = "2026-11-22T16:00:00Z".parse().unwrap();
    let (_, events) = busy_day(1000, 200, 7, day_start);
    let lines = EventLine::numbered(events);
    let agents = Table {
        headers: ["工号", "姓名", "班组", "职级"].map(String::from).to_vec(),
        rows: (0..1000)
            .map(|i| TableRow {
                row: i + 2,
                cells: vec![
                    (1001 + i).to_string(),
                    format!("坐席{i}"),
                    "一组".into(),
                    "中级".into(),
                ],
            })
            .collect(),
    };
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = store_in(&dir);
            store
                .import_agents_table("agents", &agents, Actor::system(test_instant()))
                .unwrap();
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let n = store
                .ingest_events(
                    "bench",
                    &lines,
                    EventSource::Cli,
                    false,
                    Actor::system(test_instant()),
                )
                .unwrap();
            assert_eq!(n, lines.len());
            (dir, store)
        });
}

/// A fixed instant: what the benchmarks measure does not depend on the date.
fn test_instant() -> chrono::DateTime<Utc> {
    "2026-11-23T02:00:00Z".parse().unwrap()
}

/// A site with 300 agents in 10 teams and December 2026 rostered for all of them (做六休一).
fn rostered_300(dir: &tempfile::TempDir) -> Store {
    use floordesk_store::roster::CellInput;
    use floordesk_store::site::SiteInput;
    let mut store = store_in(dir);
    let actor = Actor::system(test_instant());
    let site = SiteInput {
        name: "bench".into(),
        time_zone: "Asia/Shanghai".into(),
        channel: None,
    };
    store.init_site(&site, false, actor).unwrap();
    let table = floordesk_store::import::read_table_bytes(
        "agents.csv",
        "csv",
        agents_csv(300).into_bytes(),
    )
    .unwrap();
    store
        .import_agents_table("agents.csv", &table, actor)
        .unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let cells: Vec<CellInput> = (0..300)
        .flat_map(|i| {
            first
                .iter_days()
                .take(31)
                .enumerate()
                .map(move |(d, date)| CellInput {
                    employee_no: (10_000 + i).to_string(),
                    date,
                    cell: if (d + i).is_multiple_of(7) {
                        "休"
                    } else {
                        "D"
                    }
                    .into(),
                })
        })
        .collect();
    store.put_roster_cells(&cells, None, actor).unwrap();
    store
}

/// One cell typed into a 300 × 31 month, as the grid sends it (the write keeps the floor's
/// shifts in step).
#[divan::bench(sample_count = 20)]
fn roster_edit_one_cell_300x31(bencher: divan::Bencher) {
    use floordesk_store::roster::CellInput;
    let dir = tempfile::tempdir().unwrap();
    let mut store = rostered_300(&dir);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        let cell = CellInput {
            employee_no: "10007".into(),
            date,
            cell: if n.is_multiple_of(2) { "N" } else { "D" }.into(),
        };
        store
            .put_roster_cells(&[cell], None, Actor::system(test_instant()))
            .unwrap()
    });
}

/// The month the grid reloads after an edit: 300 agents × 31 days with the rules checked,
/// fairness and leave flags.
#[divan::bench(sample_count = 20)]
fn roster_month_300x31(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = rostered_300(&dir);
    bencher.bench_local(|| store.roster_month("2026-12", test_instant()).unwrap());
}

/// The demo floor at 15:40 on 2026-11-23: a week of signed handover logs and today's open ones.
fn demo_at_1540(dir: &tempfile::TempDir) -> (Store, chrono::DateTime<Utc>) {
    let now: chrono::DateTime<Utc> = "2026-11-23T07:40:00Z".parse().unwrap();
    let mut store = store_in(dir);
    store.load_demo(now, Actor::system(now)).unwrap();
    (store, now)
}

/// Loading the demo floor with its handover week (the wizard's demo box), on a file.
#[divan::bench(sample_count = 3)]
fn load_demo_with_handover_week(bencher: divan::Bencher) {
    let now: chrono::DateTime<Utc> = "2026-11-23T07:40:00Z".parse().unwrap();
    bencher.bench_local(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_in(&dir);
        store.load_demo(now, Actor::system(now)).unwrap()
    });
}

/// The handover page's read of the running log: roll call, items as a sign-off would freeze
/// them, the incoming shift and the blockers.
#[divan::bench(sample_count = 20)]
fn handover_log_open(bencher: divan::Bencher) {
    use floordesk_store::handover::LogKey;
    let dir = tempfile::tempdir().unwrap();
    let (store, now) = demo_at_1540(&dir);
    let team = store
        .list_teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == "售前一组")
        .unwrap();
    let key = LogKey {
        team_id: team.id,
        date: "2026-11-23".parse().unwrap(),
        shift: "D".into(),
    };
    bencher.bench_local(|| store.handover_log(&key, now, Actor::system(now)).unwrap());
}

/// The day's shift cards of every team.
#[divan::bench(sample_count = 20)]
fn handover_day_all_teams(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (store, now) = demo_at_1540(&dir);
    let date = "2026-11-23".parse().unwrap();
    bencher.bench_local(|| {
        store
            .handover_day(date, None, now, Actor::system(now))
            .unwrap()
    });
}

/// The 10-s handover tick with nothing new to do (the common case).
#[divan::bench(sample_count = 20)]
fn handover_tick_quiet(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, now) = demo_at_1540(&dir);
    store.handover_tick(now).unwrap();
    bencher.bench_local(|| store.handover_tick(now).unwrap());
}

/// `verify` over the demo's chain (140 signatures).
#[divan::bench(sample_count = 10)]
fn verify_demo_chain(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_at_1540(&dir);
    bencher.bench_local(|| store.verify().unwrap());
}

/// 1,000 agents in 10 teams on a 20-item template every role scores (5 points each).
fn assessed_1000(dir: &tempfile::TempDir, agents: &std::path::Path) -> Store {
    use floordesk_domain::scores::{RoleSet, ScoreCycle};
    use floordesk_store::scores::{AssignTarget, ScoreItemInput, TemplateInput};
    let actor = Actor::system(test_instant());
    let mut store = store_in(dir);
    store.import_agents(agents, actor).unwrap();
    let template = TemplateInput {
        name: "二十项".into(),
        cycle: ScoreCycle::Monthly,
        items: (1..=20)
            .map(|i| ScoreItemInput {
                group: "综合".into(),
                name: format!("项目{i:02}"),
                max_points: 5,
                roles: RoleSet::ALL,
                computed: false,
                standard: String::new(),
                formula: None,
            })
            .collect(),
    };
    store.save_score_template(None, &template, actor).unwrap();
    for team in store.list_teams().unwrap() {
        let target = AssignTarget::Team { team_id: team.id };
        store
            .assign_score_template("二十项", &target, actor)
            .unwrap();
    }
    store
}

/// 2026-11's scores for 1,000 people × 7 raters (self, 2 superiors, 4 小组) × 20 items.
fn scores_csv() -> String {
    let mut text = String::from("月份,工号,评分角色,评分人,考核项目,得分\n");
    for i in 0..1000 {
        let no = 10_000 + i;
        let raters = [
            ("自评", 0),
            ("上级", 1),
            ("上级", 2),
            ("小组", 3),
            ("小组", 4),
            ("小组", 5),
            ("小组", 6),
        ];
        for (role, offset) in raters {
            let rater = 10_000 + (i + offset) % 1000;
            for item in 1..=20 {
                let score = (i + offset + item) % 11;
                text.push_str(&format!(
                    "2026-11,{no},{role},{rater},项目{item:02},{}.{}\n",
                    score / 2,
                    if score % 2 == 1 { 5 } else { 0 }
                ));
            }
        }
    }
    text
}

/// Importing 140,000 score rows (1,000 people × 7 raters × 20 items) into an empty month: read,
/// check against the people and templates, write in one transaction.
#[divan::bench(sample_count = 5)]
fn import_scores_140k_rows(bencher: divan::Bencher) {
    let files = tempfile::tempdir().unwrap();
    let agents = files.path().join("agents.csv");
    std::fs::write(&agents, agents_csv(1000)).unwrap();
    let scores = files.path().join("scores.csv");
    std::fs::write(&scores, scores_csv()).unwrap();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = assessed_1000(&dir, &agents);
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let summary = store
                .import_scores(&scores, Actor::system(test_instant()))
                .unwrap();
            assert_eq!((summary.rows, summary.sheets), (140_000, 7_000));
            (dir, store)
        });
}

/// The demo floor with a year of confirmed incidents (2,016: 36 agents × 56), as an import writes
/// them, spread over 2026 before the demo's own incidents (October on).
fn incidents_year(dir: &tempfile::TempDir) -> (Store, chrono::DateTime<Utc>) {
    use floordesk_store::incidents::{IncidentInput, IncidentSource};
    let (mut store, now) = demo_at_1540(dir);
    let start: chrono::DateTime<Utc> = "2026-01-05T02:00:00Z".parse().unwrap();
    let mut inputs = Vec::new();
    for n in 0..56i64 {
        for agent in 1001..=1036 {
            let ts = start + chrono::Duration::hours(n * 110 + (agent - 1001) * 3);
            let (rule, severity) = match (n + agent) % 4 {
                0 => ("non_work_activity", None),
                1 => ("meeting_late", None),
                2 => ("valid_complaint", Some(((n % 5) + 1) as u8)),
                _ => ("badge_not_worn", None),
            };
            inputs.push(IncidentInput {
                ts,
                employee_no: Some(agent.to_string()),
                rule_code: rule.into(),
                severity,
                ..IncidentInput::default()
            });
        }
    }
    store
        .record_confirmed_incidents(&inputs, IncidentSource::Import, Actor::system(now))
        .map_err(|(row, e)| format!("row {row}: {e}"))
        .unwrap();
    (store, now)
}

/// The record form's proposal for an agent with a year of history.
#[divan::bench(sample_count = 20)]
fn incident_preview_year_of_history(bencher: divan::Bencher) {
    use floordesk_store::incidents::IncidentInput;
    let dir = tempfile::tempdir().unwrap();
    let (store, now) = incidents_year(&dir);
    let input = IncidentInput {
        ts: now,
        employee_no: Some("1008".into()),
        rule_code: "non_work_activity".into(),
        ..IncidentInput::default()
    };
    bencher.bench_local(|| store.preview_incident(&input).unwrap());
}

/// Recording and confirming one incident (the board's one click), on a year of history.
#[divan::bench(sample_count = 20)]
fn incident_record_confirmed(bencher: divan::Bencher) {
    use floordesk_store::incidents::{Confirmation, IncidentInput, IncidentSource};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, now) = incidents_year(&dir);
    let supervisor = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.employee_no == "S001")
        .unwrap()
        .id;
    let mut minute = 0;
    bencher.bench_local(|| {
        minute += 1;
        let input = IncidentInput {
            ts: now - chrono::Duration::days(40) + chrono::Duration::minutes(minute),
            employee_no: Some("1020".into()),
            rule_code: "badge_not_worn".into(),
            ..IncidentInput::default()
        };
        store
            .record_confirmed_incident(
                &input,
                IncidentSource::App,
                &Confirmation {
                    accept_renumber: true,
                    ..Confirmation::default()
                },
                Actor::user(supervisor, now),
            )
            .unwrap()
    });
}

/// The ledger page's month: every line in force of every agent.
#[divan::bench(sample_count = 20)]
fn ledger_month_lines(bencher: divan::Bencher) {
    use floordesk_store::incidents::LedgerQuery;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = incidents_year(&dir);
    let query = LedgerQuery {
        month: Some("2026-08".into()),
        ..LedgerQuery::default()
    };
    bencher.bench_local(|| store.ledger_lines(&query).unwrap());
}

/// `verify` with the demo's handover chain and a year of ledger records.
#[divan::bench(sample_count = 5)]
fn verify_year_of_ledger(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = incidents_year(&dir);
    bencher.bench_local(|| store.verify().unwrap());
}

/// A month of a 100-agent online shop, as its tools export it: 2.4 million chat messages
/// (300,000 receptions of 8 messages, agents answering within the minute) and 100,000 paid
/// orders, a third of buyers paying 10 minutes after their consultation.
fn shop_month(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::fmt::Write as _;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut chats = String::with_capacity(120 << 20);
    let mut orders = String::from("order_no,buyer,paid_at,amount\n");
    chats.push_str("ts,buyer,employee_no,sender\n");
    for reception in 0..300_000u32 {
        let agent = 10_000 + reception % 100;
        let buyer = reception % 250_000;
        let day = i64::from(reception / 10_000);
        let minute = i64::from(reception % 10_000) * 13 / 200;
        let at = start + chrono::Duration::days(day) + chrono::Duration::minutes(minute);
        for m in 0..8i64 {
            let ts = at + chrono::Duration::seconds(m * 20);
            let sender = if m % 2 == 0 { "buyer" } else { "agent" };
            let _ = writeln!(
                chats,
                "{},b{buyer},{agent},{sender}",
                ts.format("%Y-%m-%d %H:%M:%S")
            );
        }
        if reception % 3 == 0 {
            let paid = at + chrono::Duration::minutes(10);
            let _ = writeln!(
                orders,
                "T{reception},b{buyer},{},{}.{:02}",
                paid.format("%Y-%m-%d %H:%M:%S"),
                50 + reception % 900,
                reception % 100
            );
        }
    }
    let chats_path = dir.join("chats.csv");
    let orders_path = dir.join("orders.csv");
    std::fs::write(&chats_path, chats).unwrap();
    std::fs::write(&orders_path, orders).unwrap();
    (chats_path, orders_path)
}

/// Import the month's chat log and orders, build the receptions and attribute the orders, then
/// read the month's commission: the whole of what a supervisor waits for (target < 10 s).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn commission_month_of_a_100_agent_shop(bencher: divan::Bencher) {
    let files = tempfile::tempdir().unwrap();
    let (chats, orders) = shop_month(files.path());
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = store_in(&dir);
            let agents = dir.path().join("agents.csv");
            std::fs::write(&agents, agents_csv(100)).unwrap();
            store
                .import_agents(&agents, Actor::system(test_instant()))
                .unwrap();
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let actor = Actor::system(test_instant());
            let chat = store.import_chats(&chats, actor).unwrap();
            assert_eq!(chat.messages_added, 2_400_000);
            store.import_orders(&orders, actor).unwrap();
            let month = store.commission_month("2026-11").unwrap();
            assert_eq!(month.orders, 100_000);
            (dir, store, month)
        });
}
