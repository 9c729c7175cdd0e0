#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use floordesk_store::{Actor, Store};

pub fn now() -> DateTime<Utc> {
    "2026-11-23T02:00:00Z".parse().unwrap()
}

pub fn actor() -> Actor {
    Actor::system(now())
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub fn demo_asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../assets/demo")
        .join(name)
}

/// A fresh database file with the site set up.
pub fn fresh(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("floor.sqlite")).unwrap();
    let site = floordesk_store::site::SiteInput {
        name: "测试中心".into(),
        time_zone: "Asia/Shanghai".into(),
        channel: None,
    };
    store.init_site(&site, false, actor()).unwrap();
    store
}

/// agents-import.csv's ten agents (2001–2010), each rostered `start`–`end` on 2026-11-23.
pub fn ten_rostered(dir: &Path, start: &str, end: &str) -> Store {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let mut csv = String::from("date,employee_no,start,end\n");
    for no in 2001..=2010 {
        csv.push_str(&format!("2026-11-23,{no},{start},{end}\n"));
    }
    store
        .import_shifts(&write(dir, "rostered.csv", &csv), None, actor())
        .unwrap();
    store
}
