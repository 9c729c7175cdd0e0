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
