//! Erlang C: how many agents one half hour needs so that a share of contacts is answered within
//! a target time (e.g. 80% within 20 s), from the contacts expected and the average handling
//! time; then grossed up by shrinkage (breaks, meals, meetings: the time agents are rostered
//! but not taking contacts). The queue model is M/M/N without abandonment, the industry's
//! standard first estimate; a real queue with abandonment needs a little less.

use serde::{Deserialize, Serialize};

/// The inputs for one interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ErlangInput {
    /// Contacts offered in the interval.
    pub contacts: f64,
    /// The interval's length (1,800 s for a half hour).
    pub interval_sec: u32,
    /// Average handling time (talk and wrap-up).
    pub aht_sec: u32,
    /// Percent of contacts to answer within `answer_sec`.
    pub target_pct: u8,
    pub answer_sec: u32,
    /// Percent of rostered time not on contacts.
    pub shrinkage_pct: u8,
}

/// Offered load in Erlangs: contacts × handling time ÷ interval.
pub fn traffic_erlangs(contacts: f64, aht_sec: u32, interval_sec: u32) -> f64 {
    if interval_sec == 0 {
        return 0.0;
    }
    contacts.max(0.0) * f64::from(aht_sec) / f64::from(interval_sec)
}

/// The probability that a contact waits (Erlang C) with `agents` taking `traffic` Erlangs.
/// Computed through the Erlang B recursion, which stays finite where factorials overflow. With
/// no more agents than the load the queue never empties: every contact waits.
pub fn erlang_c(agents: u32, traffic: f64) -> f64 {
    if traffic <= 0.0 {
        return 0.0;
    }
    let n = f64::from(agents);
    if n <= traffic {
        return 1.0;
    }
    let mut b = 1.0;
    for k in 1..=agents {
        b = traffic * b / (f64::from(k) + traffic * b);
    }
    (n * b / (n - traffic * (1.0 - b))).clamp(0.0, 1.0)
}

/// The share of contacts answered within `answer_sec`: 1 − C · e^(−(N − A)·t / AHT).
pub fn service_level(agents: u32, traffic: f64, aht_sec: u32, answer_sec: u32) -> f64 {
    if traffic <= 0.0 {
        return 1.0;
    }
    let n = f64::from(agents);
    if n <= traffic || aht_sec == 0 {
        return 0.0;
    }
    let wait = erlang_c(agents, traffic);
    (1.0 - wait * (-(n - traffic) * f64::from(answer_sec) / f64::from(aht_sec)).exp())
        .clamp(0.0, 1.0)
}

/// Average speed of answer in seconds: C · AHT / (N − A).
pub fn average_speed_of_answer(agents: u32, traffic: f64, aht_sec: u32) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return f64::INFINITY;
    }
    erlang_c(agents, traffic) * f64::from(aht_sec) / (n - traffic)
}

/// The fewest agents taking contacts that meet the target (0 when none are expected).
pub fn agents_on_contacts(input: &ErlangInput) -> u32 {
    let traffic = traffic_erlangs(input.contacts, input.aht_sec, input.interval_sec);
    if traffic <= 0.0 {
        return 0;
    }
    let target = f64::from(input.target_pct.min(100)) / 100.0;
    // Above the load, the service level rises with every agent; the loop ends well before
    // this bound for any load a floor sees.
    let mut n = traffic.floor() as u32 + 1;
    while service_level(n, traffic, input.aht_sec, input.answer_sec) < target && n < 100_000 {
        n += 1;
    }
    n
}

/// Agents to roster: those taking contacts grossed up by shrinkage, rounded up.
pub fn agents_needed(input: &ErlangInput) -> u32 {
    let on = agents_on_contacts(input);
    let shrinkage = f64::from(input.shrinkage_pct.min(90)) / 100.0;
    (f64::from(on) / (1.0 - shrinkage) - 1e-9)
        .ceil()
        .max(f64::from(on)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn half_hour(contacts: f64, aht_sec: u32, target_pct: u8, answer_sec: u32) -> ErlangInput {
        ErlangInput {
            contacts,
            interval_sec: 1800,
            aht_sec,
            target_pct,
            answer_sec,
            shrinkage_pct: 0,
        }
    }

    /// The step-by-step Erlang-C example published by Mitan Ltd ("The Erlang-C formula",
    /// mitan.co.uk) and reproduced in many WFM primers: 360 calls per half hour, 4-minute
    /// calls, 55 agents, a 15-second target. Published: traffic 48 Erlangs, occupancy 87.3%,
    /// probability of waiting 24%, average speed of answer 8.2 s, 84.6% answered in 15 s.
    #[test]
    fn the_published_worked_example() {
        let a = traffic_erlangs(360.0, 240, 1800);
        assert!((a - 48.0).abs() < 1e-9);
        assert!((a / 55.0 - 0.873).abs() < 0.0005);
        let wait = erlang_c(55, a);
        assert!((wait - 0.2387).abs() < 0.0005, "{wait}");
        let asa = average_speed_of_answer(55, a, 240);
        assert!((asa - 8.2).abs() < 0.05, "{asa}");
        let sl = service_level(55, a, 240, 15);
        assert!((sl - 0.846).abs() < 0.0005, "{sl}");
        // 55 meets an 84% target and 54 does not.
        assert_eq!(agents_on_contacts(&half_hour(360.0, 240, 84, 15)), 55);
    }

    /// 100 contacts in half an hour at 3 minutes: 10 Erlangs. 80/20 needs 14 (13 give 79.6%).
    #[test]
    fn eighty_in_twenty_at_ten_erlangs() {
        let sl13 = service_level(13, 10.0, 180, 20);
        let sl14 = service_level(14, 10.0, 180, 20);
        assert!(sl13 < 0.80 && (sl13 - 0.7956).abs() < 0.0005, "{sl13}");
        assert!((sl14 - 0.8884).abs() < 0.0005, "{sl14}");
        assert_eq!(agents_on_contacts(&half_hour(100.0, 180, 80, 20)), 14);
    }

    #[test]
    fn at_or_over_the_load_every_contact_waits() {
        assert_eq!(erlang_c(10, 10.0), 1.0);
        assert_eq!(erlang_c(9, 10.0), 1.0);
        assert_eq!(service_level(10, 10.0, 180, 20), 0.0);
        assert!(average_speed_of_answer(10, 10.0, 180).is_infinite());
        assert!(erlang_c(11, 10.0) < 1.0);
    }

    #[test]
    fn no_contacts_need_nobody_and_shrinkage_rounds_up() {
        assert_eq!(agents_needed(&half_hour(0.0, 180, 80, 20)), 0);
        let mut input = half_hour(100.0, 180, 80, 20);
        input.shrinkage_pct = 30;
        // 14 on contacts ÷ 0.7 = 20 exactly; 25% would be 18.67 → 19.
        assert_eq!(agents_needed(&input), 20);
        input.shrinkage_pct = 25;
        assert_eq!(agents_needed(&input), 19);
    }

    proptest! {
        #[test]
        fn more_agents_never_serve_worse(a in 0.1f64..200.0, n in 1u32..260, aht in 30u32..900, t in 0u32..120) {
            let wait = erlang_c(n, a);
            prop_assert!((0.0..=1.0).contains(&wait));
            prop_assert!(erlang_c(n + 1, a) <= wait + 1e-12);
            prop_assert!(service_level(n + 1, a, aht, t) + 1e-12 >= service_level(n, a, aht, t));
        }

        #[test]
        fn the_staffing_meets_the_target_and_one_fewer_does_not(contacts in 1.0f64..600.0, aht in 30u32..900, target in 50u8..99, t in 5u32..60) {
            let input = half_hour(contacts, aht, target, t);
            let a = traffic_erlangs(contacts, aht, 1800);
            let n = agents_on_contacts(&input);
            prop_assert!(service_level(n, a, aht, t) >= f64::from(target) / 100.0);
            prop_assert!(service_level(n - 1, a, aht, t) < f64::from(target) / 100.0);
        }
    }
}
