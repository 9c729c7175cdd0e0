//! The demo floor (assets/demo, compiled in): three teams, 36 agents, a seat grid, users whose
//! PIN is 1234, yesterday's and today's shifts around the clock (some team works at any hour),
//! each team's staffing requirement and its rosters generated from it, published from the
//! previous quarter's start to the end of this month, with next month a draft (demo_roster.rs),
//! the holiday calendar, and a believable history of the floor up to now, so the board is alive
//! whenever it is opened. Loading it twice changes nothing more.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::calendar::HolidayKind;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::import::{Columns, Table, read_table_bytes};
use crate::site::{DEFAULT_TIME_ZONE, SiteInput};
use crate::users::UserInput;
use crate::{Actor, Result, Store};

/// Every demo user's PIN.
pub const DEMO_PIN: &str = "1234";
pub const DEMO_SITE_NAME: &str = "演示客服中心";

const AGENTS: &str = include_str!("../../../../assets/demo/agents.csv");
const SEATS: &str = include_str!("../../../../assets/demo/seats.csv");
const SHIFTS: &str = include_str!("../../../../assets/demo/shifts.csv");
const USERS: &str = include_str!("../../../../assets/demo/users.csv");
const HOLIDAYS: &str = include_str!("../../../../assets/demo/holidays-2026-2027.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DemoSummary {
    pub agents: u32,
    pub seats: u32,
    pub users: u32,
    pub shifts: u32,
    /// State changes written as the floor's history up to now (0 when it already had some).
    pub events: u32,
    /// Handover logs of the week before today and today's started shifts (0 when it already had
    /// its history).
    pub handover_logs: u32,
    /// Score cells of the 绩效考核 months before this one (0 when it already had scores).
    pub scores: u32,
    /// Incidents of last month and this one (0 when it already had some).
    pub incidents: u32,
    /// Complaints of last month and this one (0 when it already had some); with them a meeting,
    /// a training and the reports three leads owe.
    pub complaints: u32,
    /// Chat messages of the demo shop's three months (0 when it already had a chat log).
    pub chat_messages: u32,
}

/// The demo history's seed: the same floor every time for the same instant.
const HISTORY_SEED: u64 = 2026;

fn table(name: &str, text: &str) -> Result<Table> {
    read_table_bytes(name, "csv", text.as_bytes().to_vec())
}

impl Store {
    /// The demo floor as it would be at `now`: people, seats, users, yesterday's and today's
    /// shifts (in the site's zone), and — when the file has no state events yet — the floor's
    /// history up to `now`, judged, so the board opens on agents at work and real alerts.
    /// Creates the site (as a demo site) when there is none yet.
    pub fn load_demo(&mut self, now: DateTime<Utc>, actor: Actor) -> Result<DemoSummary> {
        let tz = self.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
        let today = now.with_timezone(&tz).date_naive();
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        let mut summary = self.load_demo_floor(&[yesterday, today], actor)?;
        if self.last_event_id()? == 0 {
            self.load_demo_roster(today, SHIFTS, actor)?;
            let spans = self.shift_spans(crate::demo_roster::demo_roster_start(today), today)?;
            let history = floordesk_domain::floor::sim::demo_history(&spans, now, HISTORY_SEED);
            let notice = floordesk_domain::floor::sim::demo_notice(&spans, &history, now);
            let mut events: Vec<floordesk_domain::floor::FloorEvent> =
                history.into_iter().map(Into::into).collect();
            events.extend(notice.map(Into::into));
            let lines = crate::import::events::EventLine::numbered(events);
            summary.events = self.ingest_events(
                "demo",
                &lines,
                crate::floor::EventSource::Demo,
                true,
                Actor::system(now),
            )? as u32;
            if let Some(first) = lines.first() {
                self.rejudge_since(first.event.at(), now)?;
            }
            // Earlier shifts' leads handled their alerts; the board opens on the last few hours'.
            let handled_before = now - chrono::Duration::hours(6);
            loop {
                let handled: Vec<i64> = self
                    .open_alerts(5_000, now)?
                    .into_iter()
                    .filter(|stored| stored.alert.at < handled_before)
                    .map(|stored| stored.id)
                    .collect();
                if handled.is_empty() {
                    break;
                }
                self.acknowledge_alerts(&handled, "交班前已处理", Actor::system(now))?;
            }
            summary.handover_logs = self.load_demo_handover(today, now, actor)?;
            summary.incidents = self.load_demo_incidents(today, now)?;
            summary.complaints = self.load_demo_workflows(today, now)?;
            // Last: the computed items of the months it publishes read the incidents, complaints
            // and meetings above.
            summary.scores = self.load_demo_scores(today, now)?;
            // After the scores: the month before last's published grades give the coefficients.
            summary.chat_messages = self.load_demo_commission(today)?;
            let (mut floor, _) = crate::live::LiveFloor::load(self, now)?;
            floor.demo_break_request(self, now)?;
        }
        Ok(summary)
    }

    /// The demo floor without its history: people, seats, users, the shifts of `days`, the
    /// holiday calendar. Creates the site (as a demo site) when there is none yet.
    pub fn load_demo_floor(&mut self, days: &[NaiveDate], actor: Actor) -> Result<DemoSummary> {
        let site_input = SiteInput {
            name: DEMO_SITE_NAME.into(),
            time_zone: DEFAULT_TIME_ZONE.into(),
            channel: None,
        };
        self.init_site(&site_input, true, actor)?;
        self.write(|tx| Ok(tx.execute("UPDATE site SET is_demo = 1 WHERE id = 1", [])?))?;

        let seats = table("seats.csv", SEATS)?;
        let cols = Columns::new(&seats.headers);
        let (code, x, y, zone) = (
            cols.find(&["code"]),
            cols.find(&["x"]),
            cols.find(&["y"]),
            cols.find(&["zone"]),
        );
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO seats (code, x, y, zone) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(code) DO NOTHING",
            )?;
            for r in &seats.rows {
                let num = |c: Option<(usize, &str)>| r.cell(c.map(|c| c.0)).parse::<i64>().unwrap_or(0);
                stmt.execute(params![r.cell(code.map(|c| c.0)), num(x), num(y), r.cell(zone.map(|c| c.0))])?;
            }
            Ok(())
        })?;

        let agents =
            self.import_agents_table("agents.csv", &table("agents.csv", AGENTS)?, actor)?;
        // 售后组 and 售前二组 answer in chat (an online shop's 在线客服); 售前一组 works the phone,
        // whatever channel the wizard chose for the site.
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE teams SET channel = CASE WHEN name IN ('售后组', '售前二组') THEN 'chat' ELSE 'phone' END",
                [],
            )?)
        })?;

        let users = table("users.csv", USERS)?;
        let cols = Columns::new(&users.headers);
        let (name, role, no) = (
            cols.find(&["display_name"]),
            cols.find(&["role"]),
            cols.find(&["employee_no"]),
        );
        let existing: Vec<(String, String)> = self
            .list_users()?
            .into_iter()
            .map(|u| (u.display_name, u.employee_no))
            .collect();
        let mut users_added = 0;
        for r in &users.rows {
            let display_name = r.cell(name.map(|c| c.0)).to_owned();
            let employee_no = r.cell(no.map(|c| c.0)).to_owned();
            // The wizard's own supervisor may already hold a demo name or 工号.
            if existing
                .iter()
                .any(|(n, no)| *n == display_name || *no == employee_no)
            {
                continue;
            }
            let role = Role::parse(r.cell(role.map(|c| c.0))).unwrap_or(Role::Agent);
            self.save_user(
                &UserInput {
                    id: None,
                    display_name,
                    role,
                    employee_no,
                    pin: Some(DEMO_PIN.into()),
                },
                actor,
            )?;
            users_added += 1;
        }

        let templates = self.shift_templates()?;
        let shifts_table = table("shifts.csv", SHIFTS)?;
        let cols = Columns::new(&shifts_table.headers);
        let (no, start, end) = (
            cols.find(&["employee_no"]),
            cols.find(&["start"]),
            cols.find(&["end"]),
        );
        let mut shifts = Vec::new();
        for r in &shifts_table.rows {
            let time = |c: Option<(usize, &str)>| {
                NaiveTime::parse_from_str(r.cell(c.map(|c| c.0)), "%H:%M").ok()
            };
            let (Some(agent), Some(s), Some(e)) = (
                self.agent_by_employee_no(r.cell(no.map(|c| c.0)))?,
                time(start),
                time(end),
            ) else {
                continue;
            };
            for &day in days {
                shifts.push(crate::roster::CellInput {
                    employee_no: agent.employee_no.clone(),
                    date: day,
                    cell: floordesk_domain::roster::Cell::from_times(s, e, &templates).text(),
                });
            }
        }
        self.put_roster_cells(&shifts, None, actor)?;

        let holidays = table("holidays.csv", HOLIDAYS)?;
        self.import_holidays_table("holidays.csv", &holidays, actor)?;
        debug_assert!(
            self.list_holidays()?
                .iter()
                .any(|h| h.kind == HolidayKind::Holiday)
        );

        Ok(DemoSummary {
            agents: agents.created + agents.updated,
            seats: seats.rows.len() as u32,
            users: users_added,
            shifts: shifts.len() as u32,
            events: 0,
            handover_logs: 0,
            scores: 0,
            incidents: 0,
            complaints: 0,
            chat_messages: 0,
        })
    }
}
