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

/// The handover floor of 2026-11-23 (Asia/Shanghai): agents-import.csv's ten agents — 售前一组
/// 2001–2006, 售后组 2007–2010, home seats D01–D08 — rostered 售前一组 D (2001 2002 2003, 08:30–16:00)
/// and N (2004 2005, 16:00–23:30), 2006 resting on approved leave; 售后组 M (2007 2008, 09:00–18:00),
/// N (2009) and O (2010, 23:30–08:30). Users: a supervisor (9001), 2001 a team lead, 2004 an agent.
/// Nothing is opened yet.
pub struct HandoverFloor {
    pub store: Store,
    pub presale: i64,
    pub aftersale: i64,
    pub supervisor: i64,
    pub lead_2001: i64,
    pub agent_2004: i64,
}

pub fn handover_floor(dir: &Path) -> HandoverFloor {
    use floordesk_domain::access::Role;
    use floordesk_store::roster::CellInput;
    use floordesk_store::users::UserInput;

    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let date = "2026-11-23".parse().unwrap();
    let cells: Vec<CellInput> = [
        ("2001", "D"),
        ("2002", "D"),
        ("2003", "D"),
        ("2004", "N"),
        ("2005", "N"),
        ("2006", "休"),
        ("2007", "M"),
        ("2008", "M"),
        ("2009", "N"),
        ("2010", "O"),
    ]
    .into_iter()
    .map(|(no, cell)| CellInput {
        employee_no: no.into(),
        date,
        cell: cell.into(),
    })
    .collect();
    store.put_roster_cells(&cells, None, actor()).unwrap();
    let leave = write(
        dir,
        "leave.csv",
        "employee_no,from,to,type\n2006,2026-11-23,2026-11-23,annual\n",
    );
    store.import_leave(&leave, actor()).unwrap();
    let mut user = |name: &str, role: Role, no: &str| {
        store
            .save_user(
                &UserInput {
                    id: None,
                    display_name: name.into(),
                    role,
                    employee_no: no.into(),
                    pin: Some("1357".into()),
                },
                actor(),
            )
            .unwrap()
            .id
    };
    let supervisor = user("主管", Role::Supervisor, "9001");
    let lead_2001 = user("贺一鸣", Role::TeamLead, "2001");
    let agent_2004 = user("范诗琪", Role::Agent, "2004");
    let teams = store.list_teams().unwrap();
    let team = |name: &str| teams.iter().find(|t| t.name == name).unwrap().id;
    HandoverFloor {
        presale: team("售前一组"),
        aftersale: team("售后组"),
        store,
        supervisor,
        lead_2001,
        agent_2004,
    }
}
