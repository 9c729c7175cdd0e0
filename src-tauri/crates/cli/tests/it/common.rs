#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `floordesk-cli --db DB ARGS…` as a script would, without FLOORDESK_DB leaking in.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floordesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FLOORDESK_DB")
        .output()
        .unwrap()
}

pub fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../assets/demo")
        .join(name)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Asserts a run refused bad data: exit 2, and stderr names each of `expected` (row, field …).
pub fn refused(o: &Output, expected: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    for e in expected {
        assert!(err.contains(e), "{e}: {err}");
    }
}
