use chrono::{Days, Duration, NaiveDate};
use floordesk_domain::handover::Side;
use floordesk_domain::handover::item::{ItemEventKind, ItemKind, ItemStatus};
use floordesk_domain::handover::lead::LeadBasis;
use floordesk_domain::handover::sign::SignMode;
use floordesk_store::handover::LogKey;
use floordesk_store::handover::logs::LogStatus;
use floordesk_store::handover::search::{HandoverSearch, SearchHit};
use floordesk_store::{Actor, Store};

use crate::common::{actor, demo_asset, fresh, now};

#[test]
fn a_backup_restores_what_was_there_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let backup = dir.path().join("backups/nightly.sqlite");
    store.backup_to(&backup).unwrap();
    store.backup_to(&backup).unwrap(); // replacing an older backup is fine

    store
        .import_agents(&demo_asset("agents-gbk.csv"), actor())
        .unwrap();
    assert_eq!(store.list_agents(true).unwrap().len(), 15);

    let kept = store
        .restore_from(&backup, now())
        .unwrap()
        .expect("a copy of the replaced data");
    assert_eq!(store.list_agents(true).unwrap().len(), 10);
    assert_eq!(
        Store::open(&kept).unwrap().list_agents(true).unwrap().len(),
        15
    );
    drop(store);
    assert_eq!(
        Store::open(&dir.path().join("floor.sqlite"))
            .unwrap()
            .list_agents(true)
            .unwrap()
            .len(),
        10
    );
}

#[test]
fn restoring_something_that_is_not_a_backup_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(dir.path());
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let junk = crate::common::write(
        dir.path(),
        "junk.sqlite",
        "this is not a database at all, just text",
    );
    assert!(store.restore_from(&junk, now()).is_err());
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute("CREATE TABLE t (x)", [])
        .unwrap();
    assert_eq!(
        store
            .restore_from(&empty, now())
            .unwrap_err()
            .to_problem()
            .code,
        "restore.bad_backup"
    );
    assert_eq!(store.list_agents(true).unwrap().len(), 10);
}

#[test]
fn the_demo_floor_loads_once_with_two_days_of_shifts_and_its_history() {
    let mut store = Store::open_in_memory().unwrap();
    let today = "2026-11-23".parse().unwrap();
    // 10:30 in Shanghai.
    let summary = store
        .load_demo(now() + chrono::Duration::minutes(30), actor())
        .unwrap();
    assert!(summary.events > 300, "{} events of history", summary.events);
    assert_eq!(summary.agents, 36);
    assert!(summary.users >= 5);
    let site = store.site().unwrap().unwrap();
    assert!(site.is_demo);
    assert_eq!(store.list_teams().unwrap().len(), 3);
    let shifts = store.shifts_on(today).unwrap();
    let yesterday = today.pred_opt().unwrap();
    assert_eq!(shifts.len(), store.shifts_on(yesterday).unwrap().len());
    assert_eq!(2 * shifts.len() as u32, summary.shifts);
    let local_end = |s: &floordesk_store::shifts::Shift| {
        s.end_at
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .date_naive()
    };
    assert!(
        shifts.iter().any(|s| local_end(s) > today),
        "an overnight shift"
    );
    let lead = store
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.role == floordesk_domain::access::Role::TeamLead)
        .unwrap();
    store
        .authenticate(lead.id, floordesk_store::demo::DEMO_PIN, now())
        .unwrap();

    let again = store
        .load_demo(now() + chrono::Duration::minutes(30), actor())
        .unwrap();
    assert_eq!(
        (
            again.users,
            again.events,
            store.list_agents(true).unwrap().len()
        ),
        (0, 0, 36)
    );
    assert_eq!(store.shifts_on(today).unwrap().len(), shifts.len());
    assert!(!store.list_holidays().unwrap().is_empty());
}

#[test]
fn the_demo_floor_has_a_signed_week_of_handover_and_todays_logs_open() {
    let mut store = Store::open_in_memory().unwrap();
    let today: NaiveDate = "2026-11-23".parse().unwrap();
    let at = now() + Duration::minutes(30); // 10:30 in Shanghai
    let system = Actor::system(at);
    let summary = store.load_demo(at, actor()).unwrap();

    // Every team shift of the seven days before today has its log, signed face to face, or
    // signed alone and received by the next lead; verify finds the chain intact.
    let week = store
        .team_shifts_between(None, today - Days::new(7), today - Days::new(1))
        .unwrap();
    assert_eq!(
        week.len(),
        70,
        "售前一组 D/M/N, 售前二组 D/M/N, 售后组 D/M/N/O, 7 days"
    );
    let mut bases = Vec::new();
    let mut addenda = Vec::new();
    for s in &week {
        let key = LogKey {
            team_id: s.team_id,
            date: s.date,
            shift: s.key.clone(),
        };
        let id = store
            .handover_log_id(&key)
            .unwrap()
            .unwrap_or_else(|| panic!("{} {} {}: no log", s.date, s.team_id, s.key));
        let signatures = store.handover_signatures_of(id).unwrap();
        let signed: Vec<(Side, SignMode)> = signatures.iter().map(|s| (s.side, s.mode)).collect();
        assert!(
            signed
                == [
                    (Side::Outgoing, SignMode::FaceToFace),
                    (Side::Incoming, SignMode::FaceToFace)
                ]
                || signed
                    == [
                        (Side::Outgoing, SignMode::Alone),
                        (Side::Incoming, SignMode::Received)
                    ],
            "{} {} {}: {signed:?}",
            s.date,
            s.team_id,
            s.key
        );
        bases.extend(signatures.iter().map(|s| s.basis));
        addenda.extend(store.handover_addenda_of(id).unwrap());
    }
    for basis in [
        LeadBasis::TeamLead,
        LeadBasis::Designated,
        LeadBasis::StandIn,
    ] {
        assert!(bases.contains(&basis), "someone signs as {basis:?}");
    }
    let report = store.verify().unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!((report.signatures, report.addenda), (140, 2));
    let words: Vec<(&str, &str)> = addenda
        .iter()
        .map(|a| (a.author.name.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(words.len(), 2);
    assert_eq!(
        words[0],
        (
            "王静",
            "补充：TB3920118842 快递已于次日找回，客户撤销退款申请"
        )
    );
    assert!(
        words[1].0 == "沈丽华"
            && words[1].1.starts_with("更正：")
            && words[1].1.ends_with("到岗，系统签入延误"),
        "{words:?}"
    );

    // The addenda are found by their words, a two-character word too (找回), with the log they
    // belong to; a filter only items have (the kind) leaves them out.
    let addenda_found = |text: &str, kind: Option<ItemKind>| {
        let search = HandoverSearch {
            text: Some(text.into()),
            kind,
            ..HandoverSearch::default()
        };
        store
            .search_handover(&search, at, system)
            .unwrap()
            .into_iter()
            .filter_map(|hit| match hit {
                SearchHit::Addendum { addendum, log } => {
                    Some((addendum.author.name, log.team_name))
                }
                SearchHit::Item { .. } => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        addenda_found("快递已于次日找回", None),
        [("王静".to_owned(), "售前一组".to_owned())]
    );
    assert_eq!(addenda_found("找回", None).len(), 1);
    assert!(addenda_found("找回", Some(ItemKind::Customer)).is_empty());

    // Items carried several shifts and closed with an outcome; one handed from 售前 to 售后; one
    // query answered and one accepted at a face-to-face handover.
    let all = |store: &Store| {
        let search = HandoverSearch {
            limit: Some(10_000),
            ..HandoverSearch::default()
        };
        store
            .search_handover(&search, at, system)
            .unwrap()
            .into_iter()
            .filter_map(|hit| match hit {
                SearchHit::Item { item, .. } => Some(item),
                SearchHit::Addendum { .. } => None,
            })
            .collect::<Vec<_>>()
    };
    let items = all(&store);
    assert!(items.len() > 100, "{} items", items.len());
    assert!(
        items.iter().any(|i| i.status == ItemStatus::Closed
            && i.shifts_open >= 3
            && i.outcome.as_deref().is_some_and(|o| !o.is_empty())),
        "an item open three shifts or more, closed with an outcome"
    );
    let mut events = Vec::new();
    for item in &items {
        let timeline = store.handover_item(item.id, at, system).unwrap();
        events.extend(timeline.events.iter().map(|e| e.kind));
    }
    let count = |kind: ItemEventKind| events.iter().filter(|k| **k == kind).count();
    assert_eq!(
        (
            count(ItemEventKind::Query),
            count(ItemEventKind::Answer),
            count(ItemEventKind::Accepted),
            count(ItemEventKind::HandedToTeam)
        ),
        (2, 1, 1, 1)
    );
    assert!(count(ItemEventKind::Carried) > 50);
    assert!(count(ItemEventKind::Note) + count(ItemEventKind::Updated) > 10);

    // Today: the started shifts' logs are open, nothing is signed; each team's first log holds
    // what yesterday carried into it, and every started log a new item.
    let mut started = 0;
    let day = store.handover_day(today, None, at, system).unwrap();
    for team in &day.teams {
        let mut carried_in = 0;
        for card in &team.shifts {
            if card.log_id.is_some() {
                assert_eq!(
                    card.status,
                    LogStatus::Open,
                    "{} {}",
                    team.team_name,
                    card.key.shift
                );
            }
            if card.start > at {
                continue;
            }
            started += 1;
            let rows = store
                .handover_items_of_log(card.log_id.unwrap(), at)
                .unwrap();
            assert!(
                rows.iter()
                    .any(|i| !i.carried_in && i.status == ItemStatus::Open),
                "{} {}: a new item",
                team.team_name,
                card.key.shift
            );
            carried_in += rows
                .iter()
                .filter(|i| i.carried_in && i.status == ItemStatus::Open)
                .count();
        }
        assert!(
            carried_in > 0,
            "{}: nothing carried from yesterday",
            team.team_name
        );
    }
    assert_eq!(started, 6, "D and M of each team by 10:30");
    assert_eq!(summary.handover_logs, 70 + started);

    // Loading the demo again adds nothing.
    let logs = |store: &Store| {
        (0..=7)
            .map(|back| {
                store
                    .handover_day(today - Days::new(back), None, at, system)
                    .unwrap()
                    .teams
                    .iter()
                    .flat_map(|t| &t.shifts)
                    .filter(|c| c.log_id.is_some())
                    .count()
            })
            .sum::<usize>()
    };
    let before = (logs(&store), items.len());
    assert_eq!(before.0 as u32, summary.handover_logs);
    let again = store.load_demo(at, actor()).unwrap();
    assert_eq!(again.handover_logs, 0);
    assert_eq!((logs(&store), all(&store).len()), before);
    let report = store.verify().unwrap();
    assert!(report.is_clean());
    assert_eq!((report.signatures, report.addenda), (140, 2));
}

#[test]
fn the_demo_floor_has_six_published_months_of_scores_and_last_month_open() {
    use floordesk_domain::scores::{Grade, ScoreMonth};
    use floordesk_store::scores::ScoreResponseKind;

    let mut store = Store::open_in_memory().unwrap();
    let at = now() + Duration::minutes(30); // 10:30 on 2026-11-23 in Shanghai
    let summary = store.load_demo(at, actor()).unwrap();
    assert!(summary.scores > 1_000, "{} score cells", summary.scores);
    let month = |text: &str| ScoreMonth::parse(text).unwrap();

    let statuses = store.score_months().unwrap();
    let listed: Vec<(&str, bool)> = statuses
        .iter()
        .map(|s| (s.month.as_str(), s.published))
        .collect();
    assert_eq!(
        listed,
        [
            ("2026-10", false),
            ("2026-09", true),
            ("2026-08", true),
            ("2026-07", true),
            ("2026-06", true),
            ("2026-05", true),
            ("2026-04", true),
        ]
    );

    let mut grades = Vec::new();
    let mut composites = Vec::new();
    for m in [
        "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    ] {
        let results = store.month_results(month(m), at).unwrap();
        assert!(results.published, "{m}");
        // The supervisor's quarterly sheet in June and September.
        let quarterly = results
            .rows
            .iter()
            .filter(|r| r.template_name == "客服主管季度考核")
            .count();
        assert_eq!(
            quarterly,
            usize::from(m == "2026-06" || m == "2026-09"),
            "{m}"
        );
        // Everyone employed that month: of the 36 agents, those hired by its last day.
        let last = month(m).last_day();
        let employed = store
            .list_agents(true)
            .unwrap()
            .iter()
            .filter(|a| a.hired_on.is_none_or(|d| d <= last))
            .count();
        assert!(employed < 36 || m > "2026-08", "{m}: someone joins later");
        assert_eq!(results.rows.len(), employed + quarterly, "{m}");
        for r in &results.rows {
            assert!(r.complete && !r.exception, "{m} {}", r.employee_no);
            assert!(
                r.grade.is_some() && r.rank.is_some(),
                "{m} {}",
                r.employee_no
            );
            composites.push(r.composite.unwrap());
        }
        grades.extend(results.rows.iter().filter_map(|r| r.grade));
        // An exact tie: two people share a rank.
        let mut ranks: Vec<(u32, i64)> = results
            .rows
            .iter()
            .map(|r| (r.rank.unwrap(), r.template_id))
            .collect();
        ranks.sort();
        assert!(ranks.windows(2).any(|w| w[0] == w[1]), "{m}: a tie");
    }
    for grade in Grade::ALL {
        assert!(grades.contains(&grade), "someone graded {grade:?}");
    }
    let plausible = composites
        .iter()
        .filter(|c| (70.0..=97.0).contains(*c))
        .count();
    assert!(
        plausible * 10 >= composites.len() * 8,
        "composites {composites:?}"
    );

    // Last month: open, partly rated, one appeal and one confirmation.
    let october = store.month_results(month("2026-10"), at).unwrap();
    assert!(!october.published);
    let complete = october.rows.iter().filter(|r| r.complete).count();
    assert!(complete > 0 && complete < october.rows.len());
    assert!(
        (18..=30).contains(&complete),
        "about two thirds complete: {complete} of {}",
        october.rows.len()
    );
    assert!(october.rows.iter().all(|r| !r.exception));
    let answers: Vec<(ScoreResponseKind, Option<&str>)> = october
        .rows
        .iter()
        .filter_map(|r| r.response.map(|k| (k, r.response_note.as_deref())))
        .collect();
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(answers.contains(&(
        ScoreResponseKind::Appeal,
        Some("客单价统计漏了退款订单，请核实")
    )));
    assert!(answers.iter().any(|a| a.0 == ScoreResponseKind::Confirm));

    // Scores part 2: the computed items fill the open month; Q3's top three are in the ledger;
    // the published months' improvement plans are closed, the newest filed but one overdue.
    let sheet_values = october.rows.iter().filter(|r| r.complete).count();
    assert!(sheet_values > 0);
    let rewarded = |q: &str| {
        store
            .quarter_ranking(floordesk_domain::scores::Quarter::parse(q).unwrap(), at)
            .unwrap()
            .iter()
            .filter(|r| r.reward_fen > 0)
            .count()
    };
    // April to September are published: Q2 and Q3 were both booked.
    let (q2, q3) = (rewarded("2026Q2"), rewarded("2026Q3"));
    assert!(q2 >= 3 && q3 >= 3, "{q2} {q3}");
    let booked = store
        .incidents(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.rule_code == "quarter_reward")
        .count();
    assert_eq!(booked, q2 + q3);
    use floordesk_store::scores::PlanStatus;
    let plans = store.improvement_plans(None, at).unwrap();
    let status = |m: &str, s: PlanStatus| {
        plans
            .iter()
            .filter(|p| p.month == m && p.status == s)
            .count()
    };
    assert_eq!(status("2026-09", PlanStatus::Overdue), 1);
    assert!(status("2026-09", PlanStatus::Filed) >= 2);
    assert!(status("2026-08", PlanStatus::Closed) >= 3);
    assert!(
        plans
            .iter()
            .filter(|p| p.status == PlanStatus::Overdue)
            .count()
            == 1
    );
    // Bottom places are agents': two supervisors on their own template are not "the bottom".
    assert!(
        plans.iter().all(|p| p.team_id.is_some() && p.ranked > 3),
        "{plans:?}"
    );

    let trend = store.score_trend("1002", month("2026-10"), at).unwrap();
    let published: Vec<_> = trend.iter().filter(|p| p.published).collect();
    assert_eq!(published.len(), 6);
    assert!(
        published
            .iter()
            .all(|p| p.composite.is_some() && p.grade.is_some())
    );

    let again = store.load_demo(at, actor()).unwrap();
    assert_eq!(again.scores, 0);
    assert_eq!(again.chat_messages, 0);
    assert_eq!(store.score_months().unwrap().len(), 7);

    // The demo shop: September's grades are published, so its coefficients are final; every
    // chat agent of 售前二组 and 售后组 has receptions and sales; some orders nobody got.
    assert!(
        summary.chat_messages > 20_000,
        "{} messages",
        summary.chat_messages
    );
    use floordesk_store::commission::settings::Scheme;
    let september = store.commission_month("2026-09").unwrap();
    assert!(september.grades_published);
    assert_eq!(september.rows.len(), 24);
    assert!(september.unattributed_orders > 0);
    assert!(september.unattributed_orders * 3 < september.orders);
    let sales: Vec<_> = september
        .rows
        .iter()
        .filter(|r| r.scheme == Scheme::Sales)
        .collect();
    assert!(
        sales
            .iter()
            .all(|r| r.valid_receptions > 0 && r.valid_receptions < r.receptions)
    );
    assert!(
        sales
            .iter()
            .any(|r| r.grade.is_some() && r.commission_fen > 0)
    );
    // 售后组 met every target in September and missed DSR in October: the whole bonus goes.
    let after = september
        .rows
        .iter()
        .find(|r| r.scheme == Scheme::AfterSales)
        .unwrap();
    assert_eq!(after.after_sales.as_ref().unwrap().bonus_fen, 50_000);
    let october = store.commission_month("2026-10").unwrap();
    assert!(!october.grades_published);
    let after = october
        .rows
        .iter()
        .find(|r| r.scheme == Scheme::AfterSales)
        .unwrap();
    let result = after.after_sales.as_ref().unwrap();
    assert_eq!(
        (result.bonus_fen, result.missed.as_slice()),
        (0, ["dsr".to_owned()].as_slice())
    );
    let november = store.commission_month("2026-11").unwrap();
    assert!(!november.rows.is_empty());
    // The pay sheet lists the whole floor with the commission on it.
    let sheet = store.pay_sheet("2026-09").unwrap();
    assert_eq!(
        sheet.commission_fen,
        september.rows.iter().map(|r| r.commission_fen).sum::<i64>()
    );
}
