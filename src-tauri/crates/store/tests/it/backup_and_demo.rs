use crate::common::{actor, demo_asset, fresh, now};
use floordesk_store::Store;

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
