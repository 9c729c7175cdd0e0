//! PINs sign things (handovers, swaps, approvals), so guessing them must be slow: after a few
//! wrong tries the user is locked out for a while, longer each time.

use chrono::{DateTime, Duration, Utc};

use crate::ErrorCode;
use crate::Problem;

pub const PIN_MIN_LEN: usize = 4;
pub const PIN_MAX_LEN: usize = 8;
/// Wrong PINs allowed before the first lockout.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_LOCKOUT_SECS: i64 = 30;
const MAX_LOCKOUT_SECS: i64 = 15 * 60;

pub fn check_pin_format(pin: &str) -> Result<(), Problem> {
    let ok =
        (PIN_MIN_LEN..=PIN_MAX_LEN).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(
            Problem::new(ErrorCode::ValidationPin, "A PIN is 4 to 8 digits")
                .with("min", PIN_MIN_LEN)
                .with("max", PIN_MAX_LEN),
        )
    }
}

/// After `failures` consecutive wrong PINs, how long the account stays locked (none before the
/// fifth; then 30 s, doubling with each further failure, at most 15 min).
pub fn lockout_after(failures: u32) -> Option<Duration> {
    if failures < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(10);
    Some(Duration::seconds(
        (FIRST_LOCKOUT_SECS << doublings).min(MAX_LOCKOUT_SECS),
    ))
}

/// Whole seconds left of a lockout, rounded up, or None when it is over.
pub fn seconds_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<i64> {
    let left = locked_until? - now;
    (left > Duration::zero()).then(|| (left.num_milliseconds() + 999) / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(check_pin_format("1234").is_ok());
        assert!(check_pin_format("12345678").is_ok());
        assert!(check_pin_format("123").is_err());
        assert!(check_pin_format("123456789").is_err());
        assert!(check_pin_format("12a4").is_err());
    }

    #[test]
    fn lockouts_start_at_the_fifth_failure_and_grow() {
        assert_eq!(lockout_after(4), None);
        assert_eq!(lockout_after(5), Some(Duration::seconds(30)));
        assert_eq!(lockout_after(6), Some(Duration::seconds(60)));
        assert_eq!(lockout_after(50), Some(Duration::seconds(900)));
    }

    #[test]
    fn remaining_lockout_rounds_up() {
        let now = DateTime::from_timestamp(1_000, 0).unwrap();
        assert_eq!(
            seconds_locked(Some(now + Duration::milliseconds(1500)), now),
            Some(2)
        );
        assert_eq!(seconds_locked(Some(now), now), None);
        assert_eq!(seconds_locked(None, now), None);
    }
}
