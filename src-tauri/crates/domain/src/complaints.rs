//! 投诉处理 (seeds 001, 003: 受理→调查→处理→分析改进; 登记、分流并设定处理时限、回访): a
//! complaint's steps in order, when each falls due, and the reassignment flag of seed 000
//! (「若被客戶有理投訴超過 5 次(含),公司有權決定調動員工工作崗位」). Every number is a policy
//! setting; the store passes them in.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a complaint stands: the last step taken.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// 已登记: received and written down.
    Registered,
    /// 已分流: given to an agent or a team with a deadline.
    Routed,
    /// 已判定: investigated and ruled valid (有理) or not.
    Ruled,
    /// 已答复: the customer was answered.
    Replied,
    /// 已回访: the follow-up visit was made.
    Visited,
    /// 已结案: closed with a cause; never changes again.
    Closed,
}

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 6] = [
        ComplaintStatus::Registered,
        ComplaintStatus::Routed,
        ComplaintStatus::Ruled,
        ComplaintStatus::Replied,
        ComplaintStatus::Visited,
        ComplaintStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Registered => "registered",
            ComplaintStatus::Routed => "routed",
            ComplaintStatus::Ruled => "ruled",
            ComplaintStatus::Replied => "replied",
            ComplaintStatus::Visited => "visited",
            ComplaintStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// The step that comes next; none once closed.
    pub fn next(self) -> Option<ComplaintStep> {
        match self {
            ComplaintStatus::Registered => Some(ComplaintStep::Route),
            ComplaintStatus::Routed => Some(ComplaintStep::Rule),
            ComplaintStatus::Ruled => Some(ComplaintStep::Reply),
            ComplaintStatus::Replied => Some(ComplaintStep::Visit),
            ComplaintStatus::Visited => Some(ComplaintStep::Close),
            ComplaintStatus::Closed => None,
        }
    }
}

/// One step of the workflow.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStep {
    Route,
    /// Investigate and rule (the findings are part of the ruling).
    Rule,
    Reply,
    Visit,
    Close,
}

impl ComplaintStep {
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStep::Route => "route",
            ComplaintStep::Rule => "rule",
            ComplaintStep::Reply => "reply",
            ComplaintStep::Visit => "visit",
            ComplaintStep::Close => "close",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ComplaintStep::Route => "分流",
            ComplaintStep::Rule => "调查判定",
            ComplaintStep::Reply => "答复客户",
            ComplaintStep::Visit => "回访",
            ComplaintStep::Close => "结案",
        }
    }

    /// The status the step leaves the complaint in.
    pub fn leads_to(self) -> ComplaintStatus {
        match self {
            ComplaintStep::Route => ComplaintStatus::Routed,
            ComplaintStep::Rule => ComplaintStatus::Ruled,
            ComplaintStep::Reply => ComplaintStatus::Replied,
            ComplaintStep::Visit => ComplaintStatus::Visited,
            ComplaintStep::Close => ComplaintStatus::Closed,
        }
    }

    /// Whether the step may be taken now: only the next one, in order. Routing again is
    /// allowed until the complaint is ruled (a wrong person, a new deadline).
    pub fn allowed_from(self, status: ComplaintStatus) -> bool {
        status.next() == Some(self)
            || (self == ComplaintStep::Route && status == ComplaintStatus::Routed)
    }
}

/// The clocks of the workflow (policy settings, in the incidents area).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ComplaintPolicy {
    /// A registered complaint is routed within this many hours.
    pub route_hours: u32,
    /// The deadline routing proposes: investigate, rule and reply within this many hours.
    pub handle_hours: u32,
    /// The follow-up visit within this many days of the reply.
    pub visit_days: u32,
    /// Valid complaints in the window that flag an agent for reassignment.
    pub reassign_count: u32,
    /// The rolling window of the count, in days (today included).
    pub reassign_days: u32,
}

impl Default for ComplaintPolicy {
    fn default() -> Self {
        ComplaintPolicy {
            route_hours: 4,
            handle_hours: 24,
            visit_days: 3,
            reassign_count: 5,
            reassign_days: 365,
        }
    }
}

/// The instants the due times are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintClock {
    pub status: ComplaintStatus,
    pub registered_at: DateTime<Utc>,
    /// Set when routed: the ruling and the reply are due by then.
    pub deadline_at: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
}

/// The next step and when it falls due; none once closed, and none for closing (it follows
/// the visit without a clock of its own).
pub fn next_due(
    clock: &ComplaintClock,
    policy: &ComplaintPolicy,
) -> Option<(ComplaintStep, DateTime<Utc>)> {
    let step = clock.status.next()?;
    let due = match step {
        ComplaintStep::Route => {
            clock.registered_at + Duration::hours(i64::from(policy.route_hours))
        }
        ComplaintStep::Rule | ComplaintStep::Reply => clock.deadline_at?,
        ComplaintStep::Visit => clock.replied_at? + Duration::days(i64::from(policy.visit_days)),
        ComplaintStep::Close => return None,
    };
    Some((step, due))
}

/// The step that is overdue at `now`, with its due time.
pub fn overdue(
    clock: &ComplaintClock,
    policy: &ComplaintPolicy,
    now: DateTime<Utc>,
) -> Option<(ComplaintStep, DateTime<Utc>)> {
    next_due(clock, policy).filter(|(_, due)| now > *due)
}

/// An agent with enough valid complaints in the window to be reassigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReassignFlag {
    pub valid_count: u32,
    /// The first counted complaint's date.
    pub since: NaiveDate,
}

/// The first day the rolling window of `days` days ending `today` holds.
pub fn window_start(today: NaiveDate, days: u32) -> NaiveDate {
    today - chrono::Days::new(u64::from(days.max(1)) - 1)
}

/// Seed 000: 有理投诉 `reassign_count` times or more (「超過 5 次(含)」) within the rolling
/// window of `reassign_days` days ending `today` flags the agent. `valid_dates` are the site-local
/// dates of the agent's valid complaints, in any order; future ones are not counted.
pub fn reassignment(
    valid_dates: &[NaiveDate],
    today: NaiveDate,
    policy: &ComplaintPolicy,
) -> Option<ReassignFlag> {
    let from = window_start(today, policy.reassign_days);
    let counted: Vec<NaiveDate> = valid_dates
        .iter()
        .copied()
        .filter(|d| (from..=today).contains(d))
        .collect();
    let valid_count = counted.len() as u32;
    (valid_count >= policy.reassign_count.max(1)).then(|| ReassignFlag {
        valid_count,
        since: counted.iter().copied().min().unwrap_or(today),
    })
}

/// Complaints per contact, in percent to two decimals (seed 003: 客户投诉率低于5%); none
/// without contacts.
pub fn complaint_rate_bp(complaints: u32, contacts: u64) -> Option<u32> {
    (contacts > 0).then(|| {
        let bp = (u64::from(complaints) * 10_000 + contacts / 2) / contacts;
        u32::try_from(bp).unwrap_or(u32::MAX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 3, h, 0, 0).unwrap()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn steps_go_in_order_and_routing_may_be_redone_until_ruled() {
        use ComplaintStatus::*;
        use ComplaintStep::*;
        assert!(Route.allowed_from(Registered));
        assert!(Route.allowed_from(Routed));
        assert!(!Route.allowed_from(Ruled));
        assert!(!Rule.allowed_from(Registered));
        assert!(Rule.allowed_from(Routed));
        assert!(Reply.allowed_from(Ruled));
        assert!(!Reply.allowed_from(Routed));
        assert!(Visit.allowed_from(Replied));
        assert!(Close.allowed_from(Visited));
        assert!(!Close.allowed_from(Replied));
        for step in [Route, Rule, Reply, Visit, Close] {
            assert!(!step.allowed_from(Closed));
        }
        let mut status = Registered;
        while let Some(step) = status.next() {
            status = step.leads_to();
        }
        assert_eq!(status, Closed);
    }

    #[test]
    fn each_step_falls_due_by_its_clock() {
        let policy = ComplaintPolicy::default();
        let mut clock = ComplaintClock {
            status: ComplaintStatus::Registered,
            registered_at: at(1),
            deadline_at: None,
            replied_at: None,
        };
        assert_eq!(
            next_due(&clock, &policy),
            Some((ComplaintStep::Route, at(5)))
        );
        assert_eq!(overdue(&clock, &policy, at(5)), None, "due is not overdue");
        assert_eq!(
            overdue(&clock, &policy, at(6)),
            Some((ComplaintStep::Route, at(5)))
        );

        clock.status = ComplaintStatus::Routed;
        clock.deadline_at = Some(at(20));
        assert_eq!(
            next_due(&clock, &policy),
            Some((ComplaintStep::Rule, at(20)))
        );
        clock.status = ComplaintStatus::Ruled;
        assert_eq!(
            next_due(&clock, &policy),
            Some((ComplaintStep::Reply, at(20)))
        );
        assert!(overdue(&clock, &policy, at(21)).is_some());

        clock.status = ComplaintStatus::Replied;
        clock.replied_at = Some(at(10));
        assert_eq!(
            next_due(&clock, &policy),
            Some((ComplaintStep::Visit, at(10) + Duration::days(3)))
        );
        clock.status = ComplaintStatus::Visited;
        assert_eq!(next_due(&clock, &policy), None);
        clock.status = ComplaintStatus::Closed;
        assert_eq!(overdue(&clock, &policy, at(23) + Duration::days(30)), None);
    }

    #[test]
    fn reassignment_at_its_edges() {
        let policy = ComplaintPolicy::default();
        let today = d(11, 30);
        let four = [d(1, 10), d(3, 1), d(6, 5), d(11, 2)];
        assert_eq!(
            reassignment(&four, today, &policy),
            None,
            "4 valid: no flag"
        );
        let five = [d(1, 10), d(3, 1), d(6, 5), d(11, 2), d(11, 29)];
        assert_eq!(
            reassignment(&five, today, &policy),
            Some(ReassignFlag {
                valid_count: 5,
                since: d(1, 10)
            })
        );
        // The window is 365 days ending today: 2025-12-01 ..= 2026-11-30.
        assert_eq!(window_start(today, 365), d(12, 1) - chrono::Days::new(365));
        let edge = window_start(today, 365);
        let mut at_edge = five;
        at_edge[0] = edge;
        assert!(reassignment(&at_edge, today, &policy).is_some());
        at_edge[0] = edge.pred_opt().unwrap();
        assert_eq!(
            reassignment(&at_edge, today, &policy),
            None,
            "the 5th fell out of the window"
        );
        // The same five, a day later: the oldest leaves when its day drops out.
        assert!(reassignment(&five, d(1, 9) + chrono::Days::new(365), &policy).is_some());
        assert_eq!(
            reassignment(&five, d(1, 10) + chrono::Days::new(365), &policy),
            None
        );
        // A complaint dated after today does not count yet.
        let future = [d(1, 10), d(3, 1), d(6, 5), d(11, 2), d(12, 1)];
        assert_eq!(reassignment(&future, today, &policy), None);
    }

    #[test]
    fn complaint_rate_in_basis_points() {
        assert_eq!(complaint_rate_bp(3, 0), None);
        assert_eq!(complaint_rate_bp(5, 100), Some(500));
        assert_eq!(complaint_rate_bp(1, 3), Some(3333));
    }

    proptest! {
        #[test]
        fn the_flag_counts_exactly_the_window(
            offsets in proptest::collection::vec(0u32..800, 0..30),
            count in 1u32..10,
            days in 1u32..500,
        ) {
            let today = d(11, 30);
            let dates: Vec<NaiveDate> =
                offsets.iter().map(|o| today - chrono::Days::new(u64::from(*o))).collect();
            let policy = ComplaintPolicy { reassign_count: count, reassign_days: days, ..ComplaintPolicy::default() };
            let inside = offsets.iter().filter(|o| **o < days).count() as u32;
            match reassignment(&dates, today, &policy) {
                Some(flag) => {
                    prop_assert!(inside >= count);
                    prop_assert_eq!(flag.valid_count, inside);
                    prop_assert!(flag.since >= window_start(today, days));
                }
                None => prop_assert!(inside < count),
            }
        }
    }
}
