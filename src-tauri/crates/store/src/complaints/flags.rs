//! 调岗提示 (seed 000: 「若被客戶有理投訴超過 5 次(含),公司有權決定調動員工工作崗位」): agents
//! with `complaint_reassign_count` valid complaints or more over the rolling window of
//! `complaint_reassign_days` days ending today. A flag is a prompt for the company's decision;
//! nothing is moved by it.

use chrono::{DateTime, NaiveDate, Utc};
use floordesk_domain::complaints::{reassignment, window_start};
use serde::Serialize;

use crate::incidents::{local_date, site_tz};
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ComplaintFlag {
    pub employee_no: String,
    pub name: String,
    pub team_name: Option<String>,
    pub valid_count: u32,
    /// The first counted complaint's date.
    pub since: NaiveDate,
}

impl Store {
    /// Every agent flagged for reassignment at `now`, sorted by 工号.
    pub fn complaint_flags(&self, now: DateTime<Utc>) -> Result<Vec<ComplaintFlag>> {
        let policy = super::policy_at(self.conn(), now)?;
        let today = local_date(site_tz(self.conn())?, now);
        let from = window_start(today, policy.reassign_days);
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.person, c.employee_no, c.name, t.name, c.local_date
             FROM complaints c
             LEFT JOIN agents a ON c.person = 'a' || a.id
             LEFT JOIN teams t ON t.id = a.team_id
             WHERE c.valid = 1 AND c.person IS NOT NULL AND c.local_date BETWEEN ?1 AND ?2
             ORDER BY c.employee_no, c.local_date",
        )?;
        let rows = stmt
            .query_map([from.to_string(), today.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        /// One person's valid complaints in the window.
        struct Counted {
            person: String,
            employee_no: String,
            name: String,
            team_name: Option<String>,
            dates: Vec<NaiveDate>,
        }
        let mut people: Vec<Counted> = Vec::new();
        for (person, employee_no, name, team_name, date) in rows {
            let Ok(date) = date.parse::<NaiveDate>() else {
                continue;
            };
            match people.last_mut() {
                Some(last) if last.person == person => last.dates.push(date),
                _ => people.push(Counted {
                    person,
                    employee_no,
                    name,
                    team_name,
                    dates: vec![date],
                }),
            }
        }
        let mut flags: Vec<ComplaintFlag> = people
            .into_iter()
            .filter_map(|p| {
                reassignment(&p.dates, today, &policy).map(|f| ComplaintFlag {
                    employee_no: p.employee_no,
                    name: p.name,
                    team_name: p.team_name,
                    valid_count: f.valid_count,
                    since: f.since,
                })
            })
            .collect();
        flags.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        Ok(flags)
    }
}
