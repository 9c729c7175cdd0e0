//! Complaints whose next step is past its due time: listed on the board, and announced once
//! per step as a desktop notification by the app's tick.

use chrono::{DateTime, Utc};
use floordesk_domain::complaints::ComplaintStep;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::list::ComplaintQuery;
use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OverdueComplaint {
    pub id: i64,
    pub customer: String,
    pub step: ComplaintStep,
    pub due_at: DateTime<Utc>,
    pub employee_no: Option<String>,
    pub name: Option<String>,
    pub team_name: Option<String>,
}

impl Store {
    /// Open complaints with their next step overdue at `now`, the longest overdue first.
    pub fn overdue_complaints(&self, now: DateTime<Utc>) -> Result<Vec<OverdueComplaint>> {
        let query = ComplaintQuery {
            open_only: true,
            overdue_only: true,
            ..ComplaintQuery::default()
        };
        let mut out: Vec<OverdueComplaint> = self
            .complaints(&query, now)?
            .into_iter()
            .filter_map(|c| {
                Some(OverdueComplaint {
                    id: c.id,
                    customer: c.customer,
                    step: c.next_step?,
                    due_at: c.due_at?,
                    employee_no: c.employee_no,
                    name: c.name,
                    team_name: c.team_name,
                })
            })
            .collect();
        out.sort_by_key(|c| (c.due_at, c.id));
        Ok(out)
    }

    /// The overdue steps not announced before, marked announced: each is notified once.
    pub fn complaints_tick(&mut self, now: DateTime<Utc>) -> Result<Vec<OverdueComplaint>> {
        let mut overdue = self.overdue_complaints(now)?;
        let mut noticed = self
            .conn()
            .prepare_cached("SELECT overdue_noticed IS ?2 FROM complaints WHERE id = ?1")?;
        overdue.retain(|c| {
            !noticed
                .query_row(params![c.id, c.step.as_str()], |r| r.get::<_, bool>(0))
                .unwrap_or(true)
        });
        drop(noticed);
        if overdue.is_empty() {
            return Ok(overdue);
        }
        self.write(|tx| {
            let mut fresh = Vec::new();
            for c in overdue {
                let changed = tx.execute(
                    "UPDATE complaints SET overdue_noticed = ?2
                     WHERE id = ?1 AND overdue_noticed IS NOT ?2 AND status <> 'closed'",
                    params![c.id, c.step.as_str()],
                )?;
                if changed > 0 {
                    fresh.push(c);
                }
            }
            Ok(fresh)
        })
    }
}
