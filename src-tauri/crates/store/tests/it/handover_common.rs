//! What the handover tests share: the handover floor of 2026-11-23 and `Floor`, the same floor
//! run through a handover by its people; the raw-SQL log of the schema and seal tests; Shanghai
//! times and log keys; a board state event; a signer with the fixture's PIN; and a store's error
//! as its code and params. Here so that no test file reaches into another for its set-up.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::floor::{AgentState, StateEvent};
use floordesk_domain::handover::item::{Channel, ItemChange};
use floordesk_store::floor::EventSource;
use floordesk_store::handover::LogKey;
use floordesk_store::handover::items::{NewItem, NewItemFields};
use floordesk_store::handover::leads::DesignationInput;
use floordesk_store::handover::sign::{SignInput, Signer};
use floordesk_store::import::events::EventLine;
use floordesk_store::roster::CellInput;
use floordesk_store::{Actor, Store, StoreError};
use rusqlite::Connection;

use crate::common::{actor, demo_asset, fresh, ten_rostered, write};

/// Every user of `handover_floor` has this PIN.
pub const PIN: &str = "1357";

/// A Shanghai local time in 2026: "11-23 16:00".
pub fn at(local: &str) -> DateTime<Utc> {
    let (date, time) = local.split_once(' ').unwrap();
    DateTime::parse_from_rfc3339(&format!("2026-{date}T{time}:00+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

/// A day in 2026: "11-24".
pub fn date(d: &str) -> NaiveDate {
    format!("2026-{d}").parse().unwrap()
}

/// The fixture's day, 2026-11-23.
pub fn day() -> NaiveDate {
    date("11-23")
}

/// A Shanghai time on the fixture's day, to the second: "16:14:59".
pub fn day_at(time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-23T{time}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

/// The log of a team's shift on a day in 2026 ("11-24").
pub fn key_on(team_id: i64, day: &str, shift: &str) -> LogKey {
    LogKey {
        team_id,
        date: date(day),
        shift: shift.into(),
    }
}

/// The log of a team's shift on the fixture's day.
pub fn key(team_id: i64, shift: &str) -> LogKey {
    key_on(team_id, "11-23", shift)
}

/// A store error as the caller sees it: its code and params.
pub fn problem(err: StoreError) -> (ErrorCode, BTreeMap<String, String>) {
    let p = err.to_problem();
    (p.code, p.params)
}

/// A user of the fixture signing with their PIN.
pub fn signer(user_id: i64) -> Signer {
    Signer {
        user_id,
        pin: PIN.into(),
    }
}

/// A second connection to the store's file, for what the API does not show.
pub fn conn(store: &Store) -> Connection {
    Connection::open(store.path().unwrap()).unwrap()
}

/// An agent's state as the board reports it at `when`, ingested by the system.
pub fn ingest_state(store: &mut Store, agent: &str, when: DateTime<Utc>, state: AgentState) {
    let e = StateEvent {
        at: when,
        agent: agent.into(),
        state,
        reason: None,
    };
    store
        .ingest_events(
            "test",
            &EventLine::numbered([e]),
            EventSource::Board,
            true,
            Actor::system(when),
        )
        .unwrap();
}

/// The refund a customer asked for on 千牛, order TB-1001: "{customer}（千牛）TB-1001：客户要求退款".
pub fn refund_item(customer: &str) -> NewItem {
    NewItem {
        fields: NewItemFields::Customer {
            customer: customer.into(),
            channel: Channel::Qianniu,
            order_no: Some("TB-1001".into()),
            problem: "客户要求退款".into(),
            promised: None,
            progress: None,
        },
    }
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
    use floordesk_store::users::UserInput;

    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let date = day();
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
                    pin: Some(PIN.into()),
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

/// The handover floor run through the API by its people: logs of 售前一组 opened by the system,
/// items written by the lead 2001 and changed by the supervisor, sign-offs with PINs.
pub struct Floor {
    pub f: HandoverFloor,
}

impl Floor {
    /// The fixture floor, its roster repeated on 11-24 for 售前一组 (D 2001–2003, N 2004–2005), 2004
    /// designated the 交接班长 of 售前一组's N, and the floor's sign-ins and sign-outs of both days:
    /// D at 08:20, N at 15:58 (16:05 and 23:35 out).
    pub fn new(dir: &Path) -> Floor {
        let mut floor = Floor::designated(
            dir,
            &[
                ("2001", "D"),
                ("2002", "D"),
                ("2003", "D"),
                ("2004", "N"),
                ("2005", "N"),
            ],
        );
        for day in ["11-23", "11-24"] {
            for (time, who, state) in [
                (
                    "08:20",
                    ["2001", "2002", "2003"].as_slice(),
                    AgentState::Ready,
                ),
                ("15:58", ["2004", "2005"].as_slice(), AgentState::Ready),
                (
                    "16:05",
                    ["2001", "2002", "2003"].as_slice(),
                    AgentState::SignedOut,
                ),
                ("23:35", ["2004", "2005"].as_slice(), AgentState::SignedOut),
            ] {
                for no in who {
                    floor.state(no, &format!("{day} {time}"), state);
                }
            }
        }
        floor
    }

    /// The fixture floor with `on_11_24` — (工号, cell) — rostered on 11-24 for 售前一组, and 2004
    /// designated the 交接班长 of 售前一组's N from 11-23; nobody signed in yet.
    pub fn designated(dir: &Path, on_11_24: &[(&str, &str)]) -> Floor {
        let mut f = handover_floor(dir);
        let system = Actor::system(at("11-23 08:00"));
        let cells: Vec<CellInput> = on_11_24
            .iter()
            .map(|&(no, cell)| CellInput {
                employee_no: no.into(),
                date: date("11-24"),
                cell: cell.into(),
            })
            .collect();
        f.store.put_roster_cells(&cells, None, system).unwrap();
        f.store
            .designate_handover_lead(
                &DesignationInput {
                    team_id: f.presale,
                    shift: "N".into(),
                    from: date("11-23"),
                    to: None,
                    employee_no: "2004".into(),
                },
                system,
            )
            .unwrap();
        Floor { f }
    }

    pub fn store(&mut self) -> &mut Store {
        &mut self.f.store
    }

    /// An agent's board state at a local time ("11-23 08:20").
    pub fn state(&mut self, agent: &str, local: &str, state: AgentState) {
        ingest_state(self.store(), agent, at(local), state);
    }

    /// Opens 售前一组's log of `shift` on `day` ("11-23"), as the system at 08:00 that day.
    pub fn open(&mut self, day: &str, shift: &str) -> i64 {
        let key = key_on(self.f.presale, day, shift);
        let actor = Actor::system(at(&format!("{day} 08:00")));
        self.store().open_handover_log(&key, actor).unwrap()
    }

    /// 售前一组's log of `shift` on `day` ("11-23"), if it is open.
    pub fn log_id(&self, day: &str, shift: &str) -> Option<i64> {
        let key = key_on(self.f.presale, day, shift);
        self.f.store.handover_log_id(&key).unwrap()
    }

    /// The team lead 2001 at a local time.
    pub fn lead(&self, local: &str) -> Actor {
        Actor::user(self.f.lead_2001, at(local))
    }

    /// The lead writes a customer's refund (`refund_item`) into a log.
    pub fn add_item(&mut self, log_id: i64, customer: &str, local: &str) -> i64 {
        let actor = self.lead(local);
        self.store()
            .add_handover_item(log_id, &refund_item(customer), actor)
            .unwrap()
    }

    /// The lead writes a note into a log.
    pub fn add_note(&mut self, log_id: i64, text: &str, local: &str) -> i64 {
        let input = NewItem {
            fields: NewItemFields::Note { text: text.into() },
        };
        let actor = self.lead(local);
        self.store()
            .add_handover_item(log_id, &input, actor)
            .unwrap()
    }

    /// Opens 售前一组's D of 11-23 with two refunds written in it: 张女士's at 10:00, left open,
    /// and 李先生's at 10:05, closed by the supervisor at 11:00 as 已退款. Returns (D, 张女士's,
    /// 李先生's).
    pub fn d_with_an_open_and_a_closed_refund(&mut self) -> (i64, i64, i64) {
        let d = self.open("11-23", "D");
        let open = self.add_item(d, "张女士", "11-23 10:00");
        let closed = self.add_item(d, "李先生", "11-23 10:05");
        self.change(
            closed,
            ItemChange::Close {
                outcome: "已退款".into(),
            },
            "11-23 11:00",
        );
        (d, open, closed)
    }

    /// The supervisor changes an item.
    pub fn change(&mut self, item: i64, change: ItemChange, local: &str) {
        let actor = Actor::user(self.f.supervisor, at(local));
        self.store()
            .change_handover_item(item, &change, actor)
            .unwrap();
    }

    /// Signs a log off: the outgoing user, the incoming one if the shifts meet, a supervisor's
    /// override reason, and who operates the desk.
    pub fn sign(
        &mut self,
        log_id: i64,
        outgoing: i64,
        incoming: Option<i64>,
        reason: Option<&str>,
        operator: i64,
        local: &str,
    ) -> floordesk_store::Result<i64> {
        let input = SignInput {
            log_id,
            outgoing: signer(outgoing),
            incoming: incoming.map(signer),
            override_reason: reason.map(str::to_owned),
        };
        let now = at(local);
        self.store()
            .sign_handover(&input, now, Actor::user(operator, now))
    }

    pub fn conn(&self) -> Connection {
        conn(&self.f.store)
    }
}

/// The file of `ten_rostered` with two users, one handover log of 2026-11-23 D (agent 2001 on its
/// roll call, seat-less), an item with its created event, and nothing signed yet.
pub fn a_log(dir: &Path) -> Connection {
    drop(ten_rostered(dir, "08:30", "16:00"));
    let conn = Connection::open(dir.join("floor.sqlite")).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute_batch(
        "INSERT INTO users (id, display_name, role, pin_hash, created_at, own_employee_no) VALUES
             (91, '交班班长', 'team_lead', 'x', 0, 'E91'), (92, '接班班长', 'team_lead', 'x', 0, 'E92');
         INSERT INTO handover_logs (id, team_id, team_name, shift_date, shift_key, shift_name,
                 shift_start, shift_end, opened_at)
             SELECT 1, id, name, '2026-11-23', 'D', '白班', 1, 2, 0 FROM teams ORDER BY id LIMIT 1;
         INSERT INTO handover_roll_call (log_id, agent_id, employee_no, name, rostered, status, updated_at)
             SELECT 1, id, employee_no, name, 1, 'present', 0 FROM agents WHERE employee_no = '2001';
         INSERT INTO handover_items (id, kind, origin_log_id, created_at) VALUES (1, 'note', 1, 0);
         INSERT INTO handover_item_events (id, item_id, log_id, at, kind, fields)
             VALUES (1, 1, 1, 0, 'created', '{\"kind\":\"note\",\"text\":\"客户要求退款\"}');",
    )
    .unwrap();
    conn
}
