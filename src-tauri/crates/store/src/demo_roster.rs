//! The demo's rosters: every team from the first day of the previous quarter to the end of this
//! month, on its usual shifts with a rest day in seven (做六休一) staggered across agents, every
//! month published; one approved annual leave, one approved without cover, and one pending
//! swap, so the roster opens on a real month and later pages have a quarter of history.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use floordesk_domain::roster::{Cell, LeaveKind, month_days};

use crate::import::{Columns, read_table_bytes};
use crate::leave::LeaveInput;
use crate::roster::CellInput;
use crate::swaps::SwapInput;
use crate::{Actor, Result, Store};

impl Store {
    /// Writes the demo's rosters around `today`; `today` and the day before keep the shifts the
    /// live floor was loaded with.
    pub(crate) fn load_demo_roster(
        &mut self,
        today: NaiveDate,
        shifts_csv: &str,
        actor: Actor,
    ) -> Result<()> {
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        let Some((_, last)) = month_days(today.year(), today.month()) else {
            return Ok(());
        };
        let first = demo_roster_start(today);
        let templates = self.shift_templates()?;
        let table = read_table_bytes("shifts.csv", "csv", shifts_csv.as_bytes().to_vec())?;
        let cols = Columns::new(&table.headers);
        let (no, start, end) = (
            cols.find(&["employee_no"]),
            cols.find(&["start"]),
            cols.find(&["end"]),
        );
        let mut cells = Vec::new();
        for (i, r) in table.rows.iter().enumerate() {
            let time = |c: Option<(usize, &str)>| {
                NaiveTime::parse_from_str(r.cell(c.map(|c| c.0)), "%H:%M").ok()
            };
            let (Some(s), Some(e)) = (time(start), time(end)) else {
                continue;
            };
            let employee_no = r.cell(no.map(|c| c.0)).to_owned();
            let shift = Cell::from_times(s, e, &templates).text();
            for date in first.iter_days().take_while(|d| *d <= last) {
                if date == today || date == yesterday {
                    continue;
                }
                let rest = (date.num_days_from_ce() as usize + i).is_multiple_of(7);
                cells.push(CellInput {
                    employee_no: employee_no.clone(),
                    date,
                    cell: if rest {
                        "休".to_owned()
                    } else {
                        shift.clone()
                    },
                });
            }
        }
        // 1008 takes two days of annual leave next week: those days are not rostered.
        let leave_from = today + Days::new(7);
        let leave_to = today + Days::new(8);
        for date in [leave_from, leave_to] {
            if date <= last {
                cells.push(CellInput {
                    employee_no: "1008".into(),
                    date,
                    cell: String::new(),
                });
            }
        }
        self.put_roster_cells(&cells, None, actor)?;
        let leave = LeaveInput {
            employee_no: "1008".into(),
            from: leave_from,
            to: leave_to,
            kind: LeaveKind::Annual,
            half_day: false,
            reason: Some("回老家探亲".into()),
            cover: Some("1009".into()),
        };
        // 1012 takes a half day next week, approved with nobody arranged to cover (seed 004).
        let no_cover = LeaveInput {
            employee_no: "1012".into(),
            from: today + Days::new(9),
            to: today + Days::new(9),
            kind: LeaveKind::Personal,
            half_day: true,
            reason: Some("办理证件".into()),
            cover: None,
        };
        self.write(|tx| {
            Store::insert_leave(tx, &leave, true, actor)?;
            Store::insert_leave(tx, &no_cover, true, actor).map(|_| ())
        })?;
        let months: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| d.day() == 1)
            .collect();
        for team in self.list_teams()? {
            for month in &months {
                let key = format!("{:04}-{:02}", month.year(), month.month());
                self.publish_roster(team.id, &key, None, actor)?;
            }
        }
        self.request_swap(
            &SwapInput {
                employee_no_a: "1002".into(),
                date_a: today + Days::new(1),
                employee_no_b: "1003".into(),
                date_b: Some(today + Days::new(2)),
                reason: "孩子开家长会，与张伟换班".into(),
            },
            actor,
        )?;
        Ok(())
    }
}

/// The first day of the quarter before `today`'s: the demo's rosters and history start there.
pub(crate) fn demo_roster_start(today: NaiveDate) -> NaiveDate {
    let quarter_month = (today.month() - 1) / 3 * 3 + 1;
    let (year, month) = if quarter_month > 3 {
        (today.year(), quarter_month - 3)
    } else {
        (today.year() - 1, quarter_month + 9)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today)
}
