//! The site's holiday calendar. Entries are configuration, so they can be deleted.

use chrono::NaiveDate;
use floordesk_domain::calendar::HolidayKind;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{Actor, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
}

impl Store {
    pub fn list_holidays(&self) -> Result<Vec<Holiday>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT date, kind, name FROM holidays ORDER BY date")?;
        let rows = stmt.query_map([], |r| {
            let date: String = r.get(0)?;
            let kind: String = r.get(1)?;
            Ok((date, kind, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (date, kind, name) = row?;
            if let (Ok(date), Some(kind)) = (date.parse(), HolidayKind::parse(&kind)) {
                out.push(Holiday { date, kind, name });
            }
        }
        Ok(out)
    }

    pub fn save_holidays(&mut self, holidays: &[Holiday], actor: Actor) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO holidays (date, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
            )?;
            for h in holidays {
                stmt.execute(params![h.date.to_string(), h.kind.as_str(), h.name.trim()])?;
            }
            actor
                .audit(
                    "save",
                    "holiday",
                    None,
                    Some(format!("{} dates", holidays.len())),
                )
                .record(tx)
        })
    }

    pub fn delete_holiday(&mut self, date: NaiveDate, actor: Actor) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM holidays WHERE date = ?1", [date.to_string()])?;
            actor
                .audit("delete", "holiday", None, Some(date.to_string()))
                .record(tx)
        })
    }
}
