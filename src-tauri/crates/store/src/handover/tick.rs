//! The handover tick the app runs every 10 s: logs open themselves at their roll-call time
//! (`start − roll_call_before_start_min`), unsigned logs' roll calls follow the floor, and
//! reminders are raised once each and resolved when their cause is gone
//! (docs/design/handover.md §5.2 "Tick").

use chrono::{DateTime, Days, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::LogKey;
use super::logs::open_log;
use super::record::{LOG_SELECT, log_from_row, policy_in, site_tz, team_shifts_in};
use super::reminders::{HandoverReminder, raise_reminders};
use super::roll_call::sync_roll_call;
use crate::{Actor, Result, Store, to_ms};

/// What one handover tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HandoverTick {
    /// Logs opened (their roll call begun).
    pub opened: u32,
    /// Roll-call rows whose reading changed.
    pub refreshed: u32,
    /// Reminders raised by this tick (not the ones raised before), by due time.
    pub reminders: Vec<HandoverReminder>,
}

impl HandoverTick {
    /// Whether anything the handover page or the board shows changed.
    pub fn changed(&self) -> bool {
        self.opened > 0 || self.refreshed > 0 || !self.reminders.is_empty()
    }
}

impl Store {
    /// One transaction: opens every team shift of yesterday…tomorrow (site dates) whose roll
    /// call has begun (`start − roll_call_before_start_min ≤ now`) and which ended less than
    /// 24 h ago, then re-reads the roll call of every unsigned log that ended less than 24 h ago;
    /// then resolves the reminders whose cause is gone (the log signed, the item closed, its due
    /// time changed) and raises, once each, every reminder `due_reminders` finds due. An audit
    /// row only for each log opened.
    pub fn handover_tick(&mut self, now: DateTime<Utc>) -> Result<HandoverTick> {
        self.write(|tx| {
            let tz = site_tz(tx)?;
            let today = now.with_timezone(&tz).date_naive();
            let policy = policy_in(tx, now)?;
            let early = Duration::minutes(policy.roll_call_before_start_min);
            let recent = now - Duration::hours(24);
            let first = today.checked_sub_days(Days::new(1)).unwrap_or(today);
            let last = today.checked_add_days(Days::new(1)).unwrap_or(today);
            let mut opened = 0;
            for shift in team_shifts_in(tx, None, first, last)? {
                if shift.start - early <= now && shift.end > recent {
                    let key = LogKey {
                        team_id: shift.team_id,
                        date: shift.date,
                        shift: shift.key,
                    };
                    if open_log(tx, &key, Actor::system(now))?.1 {
                        opened += 1;
                    }
                }
            }
            let logs = {
                let mut stmt = tx.prepare_cached(&format!(
                    "{LOG_SELECT} WHERE l.shift_end > ?1
                       AND NOT EXISTS (SELECT 1 FROM handover_signatures s WHERE s.log_id = l.id)
                     ORDER BY l.shift_start, l.id"
                ))?;
                let rows = stmt.query_map([to_ms(recent)], log_from_row)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            let mut refreshed = 0;
            for log in &logs {
                refreshed += sync_roll_call(tx, log, now)?;
            }
            let reminders = raise_reminders(tx, &policy, now)?;
            Ok(HandoverTick {
                opened,
                refreshed,
                reminders,
            })
        })
    }
}
