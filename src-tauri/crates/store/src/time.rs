use chrono::{DateTime, NaiveDate, Utc};
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
