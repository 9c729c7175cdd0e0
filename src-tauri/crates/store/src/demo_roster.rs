//! The demo's rosters: every team from the first day of last month to the end of this month, on
//! its usual shifts with a rest day in seven (做六休一) staggered across agents, both months
//! published; one approved annual leave and one pending swap, so the roster opens on a real
//! month.

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
        let this_month = month_days(today.year(), today.month());
        let last_month_day = this_month.map(|(first, _)| first.pred_opt().unwrap_or(first));
        let (Some((_, last)), Some(previous)) = (this_month, last_month_day) else {
            return Ok(());
        };
        let first =
            NaiveDate::from_ymd_opt(previous.year(), previous.month(), 1).unwrap_or(previous);
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
        self.write(|tx| Store::insert_leave(tx, &leave, true, actor).map(|_| ()))?;
        for team in self.list_teams()? {
            for month in [previous, today] {
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
