//! Per-agent shift assignments: the date a shift starts on and its [start, end) span in UTC.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use floordesk_domain::Problem;
use serde::{Deserialize, Serialize};

use crate::{Result, Store, from_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Shift {
    pub agent_id: i64,
    pub employee_no: String,
    pub shift_date: NaiveDate,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
}

/// The span of a shift given in local wall-clock times: an end at or before the start means the
/// shift runs past midnight into the next day.
pub fn local_span(
    tz: Tz,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let end_date = if end <= start {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let at = |d: NaiveDate, t: NaiveTime| {
        tz.from_local_datetime(&d.and_time(t))
            .earliest()
            .map(|x| x.with_timezone(&Utc))
            .ok_or_else(|| {
                Problem::new(
                    ErrorCode::ValidationLocalTime,
                    format!("{d} {t} does not exist in {tz}"),
                )
            })
    };
    Ok((at(date, start)?, at(end_date, end)?))
}

impl Store {
    pub fn shifts_on(&self, date: NaiveDate) -> Result<Vec<Shift>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.agent_id, a.employee_no, s.shift_date, s.start_at, s.end_at FROM shifts s
             JOIN agents a ON a.id = s.agent_id WHERE s.shift_date = ?1 ORDER BY s.start_at, a.employee_no",
        )?;
        let rows = stmt.query_map([date.to_string()], |r| {
            let d: String = r.get(2)?;
            Ok(Shift {
                agent_id: r.get(0)?,
                employee_no: r.get(1)?,
                shift_date: d.parse().unwrap_or(date),
                start_at: from_ms(r.get(3)?),
                end_at: from_ms(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_end_before_the_start_crosses_midnight() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let (s, e) = local_span(tz, d, t(23, 0), t(7, 30)).unwrap();
        assert_eq!(s.to_rfc3339(), "2026-11-23T15:00:00+00:00");
        assert_eq!(e.to_rfc3339(), "2026-11-23T23:30:00+00:00");
        let (s, e) = local_span(tz, d, t(8, 30), t(16, 0)).unwrap();
        assert_eq!((e - s).num_minutes(), 450);
    }
}
