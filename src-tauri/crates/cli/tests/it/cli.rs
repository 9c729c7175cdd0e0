//! The CLI as scripts use it: exit codes, messages, and what is in the file afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::{cli, stderr};

use floordesk_store::Store;

fn asset_str(name: &str) -> String {
    crate::common::asset(name).display().to_string()
}

fn agents_in(db: &Path) -> usize {
    Store::open(db).unwrap().list_agents(true).unwrap().len()
}

#[test]
fn init_is_idempotent_and_usage_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    assert_eq!(
        cli(&db, &["init", "--name", "一号中心"]).status.code(),
        Some(0)
    );
    let again = cli(&db, &["init", "--name", "别的名字"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("一号中心"));
    assert_eq!(cli(&db, &["frobnicate"]).status.code(), Some(1));
    assert_eq!(cli(&db, &["import", "agents"]).status.code(), Some(1));
    assert_eq!(cli(&db, &["--help"]).status.code(), Some(0));
    let version = cli(&db, &["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
    let missing = cli(&db, &["import", "agents", "/nonexistent/agents.csv"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
}

#[test]
fn a_bad_agents_file_exits_2_naming_row_and_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    assert_eq!(
        cli(&db, &["import", "agents", &asset_str("agents-import.csv")])
            .status
            .code(),
        Some(0)
    );
    let bad = asset_str("agents-bad.csv");
    let out = cli(&db, &["import", "agents", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{bad}: row 7, field 职级")), "{err}");
    assert!(err.contains("row 9, field 工号"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(agents_in(&db), 10);
}

#[test]
fn export_backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("floor.sqlite");
    cli(&db, &["import", "agents", &asset_str("agents-import.csv")]);
    let xlsx = dir.path().join("人员.xlsx");
    let out = cli(&db, &["export", "agents", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let other = dir.path().join("other.sqlite");
    assert_eq!(
        cli(&other, &["import", "agents", xlsx.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(agents_in(&other), 10);

    let backup = dir.path().join("backup.sqlite");
    assert_eq!(
        cli(&db, &["backup", backup.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    cli(&db, &["import", "agents", &asset_str("agents-gbk.csv")]);
    assert_eq!(agents_in(&db), 15);
    let out = cli(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(agents_in(&db), 10);
    assert_eq!(
        cli(&db, &["restore", "/nonexistent.sqlite"]).status.code(),
        Some(1)
    );
}

#[test]
fn the_demo_loads_into_a_fresh_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    let out = cli(&db, &["demo", "--date", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(agents_in(&db), 36);
    assert!(Store::open(&db).unwrap().site().unwrap().unwrap().is_demo);
}

fn big_agents_file(dir: &Path, rows: usize) -> PathBuf {
    let mut text = String::from("工号,姓名,班组,职级,台席,入职日期\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{},坐席{i},第{}组,中级,S{i},2024-01-01\n",
            100_000 + i,
            i % 20
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Killing the process at any moment of an import leaves all of it or none of it.
#[test]
fn killing_an_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_agents_file(dir.path(), 20_000);
    // Time one whole import, then kill others at points spread across that span and past it.
    let timed = dir.path().join("timed.sqlite");
    let started = std::time::Instant::now();
    assert_eq!(
        cli(&timed, &["import", "agents", file.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let full_ms = started.elapsed().as_millis() as u64;
    let mut outcomes = (0, 0);
    for (i, percent) in [2u64, 20, 40, 60, 75, 85, 95, 110, 150]
        .into_iter()
        .enumerate()
    {
        let delay_ms = full_ms * percent / 100;
        let db = dir.path().join(format!("kill{i}.sqlite"));
        assert_eq!(
            cli(&db, &["import", "agents", &asset_str("agents-import.csv")])
                .status
                .code(),
            Some(0)
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_floordesk-cli"))
            .arg("--db")
            .arg(&db)
            .args(["import", "agents"])
            .arg(&file)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();

        let store = Store::open(&db).unwrap();
        let n = store.list_agents(true).unwrap().len();
        assert!(
            n == 10 || n == 20_010,
            "after a kill at {delay_ms} ms: {n} agents"
        );
        if n == 10 {
            outcomes.0 += 1
        } else {
            outcomes.1 += 1
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    eprintln!(
        "import takes {full_ms} ms; killed before commit: {}, after: {}",
        outcomes.0, outcomes.1
    );
}
