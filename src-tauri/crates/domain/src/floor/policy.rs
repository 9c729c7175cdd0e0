//! The numbers the floor rules are judged by. One value per judgement: a what-if replay judges
//! a past day by the policy in force now, so this is never a timeline.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FloorPolicy {
    pub ready_before_start_min: i64,
    pub absent_after_min: i64,
    pub early_leave_grace_min: i64,
    pub small_break_max_min: i64,
    pub small_break_total_max_min: i64,
    pub meal_max_min: i64,
    /// Line full when agents in ready are at most this many.
    pub line_full_max_idle: i64,
}

impl Default for FloorPolicy {
    /// The regulations' numbers (docs/rules.md, §1); the same as the settings catalogue.
    fn default() -> Self {
        FloorPolicy {
            ready_before_start_min: 3,
            absent_after_min: 30,
            early_leave_grace_min: 0,
            small_break_max_min: 10,
            small_break_total_max_min: 30,
            meal_max_min: 30,
            line_full_max_idle: 3,
        }
    }
}

impl FloorPolicy {
    /// From the stored settings (key → value); a missing key keeps its default. Ranges are checked
    /// when a setting is saved, not here.
    pub fn from_settings(settings: &BTreeMap<String, i64>) -> FloorPolicy {
        let mut policy = FloorPolicy::default();
        for (key, field) in [
            ("ready_before_start_min", &mut policy.ready_before_start_min),
            ("absent_after_min", &mut policy.absent_after_min),
            ("early_leave_grace_min", &mut policy.early_leave_grace_min),
            ("small_break_max_min", &mut policy.small_break_max_min),
            (
                "small_break_total_max_min",
                &mut policy.small_break_total_max_min,
            ),
            ("meal_max_min", &mut policy.meal_max_min),
            ("line_full_max_idle", &mut policy.line_full_max_idle),
        ] {
            if let Some(value) = settings.get(key) {
                *field = *value;
            }
        }
        policy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::definition;

    #[test]
    fn defaults_are_the_catalogue_defaults() {
        let p = FloorPolicy::default();
        let from_catalogue = |k| definition(k).unwrap().default;
        assert_eq!(
            p.ready_before_start_min,
            from_catalogue("ready_before_start_min")
        );
        assert_eq!(p.absent_after_min, from_catalogue("absent_after_min"));
        assert_eq!(
            p.early_leave_grace_min,
            from_catalogue("early_leave_grace_min")
        );
        assert_eq!(p.small_break_max_min, from_catalogue("small_break_max_min"));
        assert_eq!(
            p.small_break_total_max_min,
            from_catalogue("small_break_total_max_min")
        );
        assert_eq!(p.meal_max_min, from_catalogue("meal_max_min"));
        assert_eq!(p.line_full_max_idle, from_catalogue("line_full_max_idle"));
    }

    #[test]
    fn settings_override_only_their_own_keys() {
        let settings = BTreeMap::from([
            ("small_break_max_min".to_owned(), 15),
            ("line_full_max_idle".to_owned(), 5),
            ("daily_report_due_hour".to_owned(), 9),
        ]);
        let p = FloorPolicy::from_settings(&settings);
        assert_eq!(p.small_break_max_min, 15);
        assert_eq!(p.line_full_max_idle, 5);
        assert_eq!(
            p,
            FloorPolicy {
                small_break_max_min: 15,
                line_full_max_idle: 5,
                ..FloorPolicy::default()
            }
        );
        assert_eq!(
            FloorPolicy::from_settings(&BTreeMap::new()),
            FloorPolicy::default()
        );
    }
}
