//! The app's second, read-only connection: it sees every commit of the writer and of other
//! processes at once, and cannot write.

use crate::common::{actor, fresh};
use floordesk_store::people::TeamInput;
use floordesk_store::{Store, StoreError};

#[test]
fn the_reader_sees_commits_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh(dir.path());
    let reader = Store::open_reader(&dir.path().join("floor.sqlite")).unwrap();
    assert!(reader.list_teams().unwrap().is_empty());

    let team = TeamInput {
        id: None,
        name: "售前一组".into(),
        channel: None,
    };
    writer.save_team(&team, actor()).unwrap();
    let names: Vec<_> = reader
        .list_teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["售前一组"]);

    // A write through the reader fails and leaves the file as it was.
    let mut reader = reader;
    let err = reader
        .save_team(
            &TeamInput {
                id: None,
                name: "售后组".into(),
                channel: None,
            },
            actor(),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    assert_eq!(writer.list_teams().unwrap().len(), 1);
}

#[test]
fn a_reader_needs_a_file_brought_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0;")
        .unwrap();
    assert!(Store::open_reader(&path).is_err());
}
