use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

pub fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The instant a local day starts in `tz` (the earlier one when midnight repeats; None when it
/// does not exist).
pub(crate) fn local_midnight(day: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0)?
        .and_local_timezone(tz)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// `h:m` on a local `date` in `tz` as an instant (the earlier one when the hour repeats; read as
/// UTC when it does not exist): the demos' wall-clock times.
pub(crate) fn local_at(tz: Tz, date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    date.and_time(time)
        .and_local_timezone(tz)
        .earliest()
        .map_or_else(|| date.and_time(time).and_utc(), |t| t.to_utc())
}
