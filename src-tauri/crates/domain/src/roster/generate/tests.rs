use super::*;
use crate::roster::{AgentMonth, check_month, seeded_templates};
use proptest::prelude::*;

fn nov(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Duration::days(i64::from(day) - 1)
}

/// `day` agents 08:30–16:00 and `evening` agents 16:00–23:30.
fn need(day: u16, evening: u16) -> [u16; SLOTS_PER_DAY] {
    let mut slots = [0; SLOTS_PER_DAY];
    slots[17..32].iter_mut().for_each(|s| *s = day);
    slots[32..47].iter_mut().for_each(|s| *s = evening);
    slots
}

fn weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// November 2026: 3 + 2 agents on weekdays, 2 + 1 at weekends (scaled by `times`).
fn requirement(times: u16) -> BTreeMap<NaiveDate, [u16; SLOTS_PER_DAY]> {
    (1..=30)
        .map(nov)
        .map(|d| {
            let slots = if weekend(d) { need(2, 1) } else { need(3, 2) };
            (d, slots.map(|s| s * times))
        })
        .collect()
}

/// What agent `a` worked on `date` before the generator ran: day or evening shifts with a
/// rest every fifth day, staggered.
fn history(a: usize, date: NaiveDate) -> Cell {
    let offset = (date - nov(1)).num_days() + 35;
    if (offset as usize + a).is_multiple_of(5) {
        Cell::Rest
    } else if a.is_multiple_of(3) {
        Cell::Shift("N".into())
    } else {
        Cell::Shift("D".into())
    }
}

/// Agents `1001…` with the last six days of October as worked.
fn team(n: usize) -> Vec<GenAgent> {
    (0..n)
        .map(|a| {
            let mut agent = GenAgent::new(&format!("{}", 1001 + a));
            for back in 1..=6 {
                let date = nov(1) - Duration::days(back);
                agent.fixed.insert(date, history(a, date));
            }
            agent
        })
        .collect()
}

fn input<'a>(templates: &'a [ShiftTemplate], agents: Vec<GenAgent>) -> GenerateInput<'a> {
    GenerateInput {
        month: (2026, 11),
        agents,
        templates,
        usable: Vec::new(),
        requirement: requirement(1),
        calendar: BTreeMap::new(),
        policy: RosterPolicy::default(),
        seed: 7,
        first_free: nov(1),
        steps: None,
    }
}

fn run(input: &GenerateInput) -> Generated {
    generate(input, &mut |_| true).expect("not cancelled")
}

/// Each agent's month for `check_month`: the fixed cells and `written` (or every free cell
/// resting, for the rules the fixed cells alone break).
fn months(
    input: &GenerateInput,
    written: &BTreeMap<(String, NaiveDate), Cell>,
    all_rest: bool,
) -> Vec<AgentMonth> {
    input
        .agents
        .iter()
        .map(|a| {
            let mut cells = a.fixed.clone();
            for ((no, date), cell) in written {
                if *no == a.employee_no {
                    let cell = if all_rest { Cell::Rest } else { cell.clone() };
                    cells.insert(*date, cell);
                }
            }
            AgentMonth {
                employee_no: a.employee_no.clone(),
                joined_on: a.joined_on,
                left_on: a.left_on,
                cells,
                leave: a.leave.clone(),
            }
        })
        .collect()
}

fn violations(input: &GenerateInput, out: &Generated, all_rest: bool) -> Vec<Violation> {
    check_month(
        input.month,
        &months(input, &out.cells, all_rest),
        input.templates,
        &input.policy,
    )
}

/// The cells the generator may write: the month from `first_free`, employed, not on leave,
/// not fixed.
fn free_cells(input: &GenerateInput) -> BTreeSet<(String, NaiveDate)> {
    let (first, last) = month_days(input.month.0, input.month.1).unwrap();
    let mut out = BTreeSet::new();
    for a in &input.agents {
        for date in first.iter_days().take_while(|d| *d <= last) {
            let employed =
                a.joined_on.is_none_or(|j| j <= date) && a.left_on.is_none_or(|l| date <= l);
            if date >= input.first_free
                && employed
                && !a.leave.contains(&date)
                && !a.fixed.contains_key(&date)
            {
                out.insert((a.employee_no.clone(), date));
            }
        }
    }
    out
}

/// Every rule broken in the result is one the fixed cells break however the free cells are
/// filled (the same violation, figures and all).
fn assert_no_new_violations(input: &GenerateInput, out: &Generated) {
    let base = violations(input, out, true);
    for v in violations(input, out, false) {
        assert!(base.contains(&v), "generated cells break a rule: {v:?}");
    }
}

/// The most of `agent`'s wished days off any lawful month grants, with exactly the rest
/// days owed, whatever the coverage: streaks of at most the policy's days (counting the
/// fixed days before the month), every other day worked.
fn most_wishes_lawful(agent: &GenAgent, policy: &RosterPolicy) -> usize {
    let limit = policy.max_consecutive_work_days as usize;
    let rests = policy.rest_days_per_month as usize;
    let mut streak = 0;
    while agent
        .fixed
        .get(&(nov(1) - Duration::days(streak as i64 + 1)))
        .is_some_and(Cell::is_work)
    {
        streak += 1;
    }
    // best[s][r]: most wishes granted with a streak of s and r rest days so far.
    let mut best = vec![vec![None::<usize>; rests + 1]; limit + 1];
    best[streak.min(limit)][0] = Some(0);
    for day in 1..=30 {
        let wish = usize::from(agent.wishes.contains(&nov(day)));
        let mut next = vec![vec![None::<usize>; rests + 1]; limit + 1];
        for (s, row) in best.iter().enumerate() {
            for (r, g) in row.iter().enumerate() {
                let Some(g) = *g else { continue };
                let mut keep = |s: usize, r: usize, g: usize| {
                    next[s][r] = next[s][r].max(Some(g));
                };
                if r < rests {
                    keep(0, r + 1, g + wish);
                }
                if s < limit {
                    keep(s + 1, r, g);
                }
            }
        }
        best = next;
    }
    (0..=limit)
        .filter_map(|s| best[s][rests])
        .max()
        .unwrap_or(0)
}

#[test]
fn a_team_of_ten_gets_a_month_that_keeps_every_rule() {
    let templates = seeded_templates();
    let mut agents = team(10);
    // Two wished days off each, some on busy weekdays, some clashing.
    for (a, agent) in agents.iter_mut().enumerate() {
        agent.wishes.insert(nov(1 + (a as u32 * 3) % 30));
        agent.wishes.insert(nov(1 + (a as u32 * 7 + 11) % 30));
    }
    let input = input(&templates, agents);
    let out = run(&input);

    assert_eq!(violations(&input, &out, false), []);
    assert_eq!(
        out.cells.keys().cloned().collect::<BTreeSet<_>>(),
        free_cells(&input)
    );
    let needed = out.needed_slot_agents;
    assert_eq!(needed, 21 * 75 + 9 * 45); // November 2026: 21 weekdays, 9 weekend days
    assert!(
        out.uncovered_slot_agents * 20 <= needed,
        "uncovered {} of {needed}",
        out.uncovered_slot_agents
    );
    assert!(out.nights.max - out.nights.min <= 1, "{:?}", out.nights);
    // Every agent rests exactly the month's four days.
    for a in &input.agents {
        let rests = out
            .cells
            .iter()
            .filter(|((no, _), c)| *no == a.employee_no && **c == Cell::Rest)
            .count();
        assert_eq!(rests, 4, "{}", a.employee_no);
    }
    assert_eq!(out.wishes_asked, 20);
    // 做六休一 with four rest days in thirty leaves little room: count what the rules allow.
    let lawful: usize = input
        .agents
        .iter()
        .map(|a| most_wishes_lawful(a, &input.policy))
        .sum();
    assert!(
        out.wishes_granted + 1 >= lawful,
        "granted {} of {lawful} lawful: {:?}",
        out.wishes_granted,
        out.unmet
    );
    eprintln!(
        "10 agents: needed {needed}, uncovered {}, over {}, wishes {}/{} ({lawful} lawful), \
         nights {:?}, weekends {:?}, template changes {}, unmet {:?}",
        out.uncovered_slot_agents,
        out.over_slot_agents,
        out.wishes_granted,
        out.wishes_asked,
        out.nights,
        out.weekend_shifts,
        out.template_changes,
        out.unmet
    );
}

#[test]
fn wishes_are_granted_when_rules_and_coverage_allow() {
    // Eight rest days a month (双休): room for most wishes.
    let templates = seeded_templates();
    let mut agents = team(10);
    for (a, agent) in agents.iter_mut().enumerate() {
        agent.wishes.insert(nov(1 + (a as u32 * 3) % 30));
        agent.wishes.insert(nov(1 + (a as u32 * 7 + 11) % 30));
    }
    let mut input = input(&templates, agents);
    input.policy.rest_days_per_month = 8;
    let out = run(&input);
    assert_eq!(violations(&input, &out, false), []);
    let lawful: usize = input
        .agents
        .iter()
        .map(|a| most_wishes_lawful(a, &input.policy))
        .sum();
    assert_eq!(out.wishes_asked, 20);
    assert!(out.wishes_granted >= 18 && out.wishes_granted + 1 >= lawful);
    assert!(out.uncovered_slot_agents * 20 <= out.needed_slot_agents);
    eprintln!(
        "eight rest days: wishes {}/{} ({lawful} lawful), uncovered {}, nights {:?}",
        out.wishes_granted, out.wishes_asked, out.uncovered_slot_agents, out.nights
    );
}

#[test]
fn a_tight_month_is_still_covered_and_lawful() {
    // 5 + 3 on weekdays, 3 + 2 at weekends: 216 of the 260 shifts ten agents can work.
    let templates = seeded_templates();
    let mut input = input(&templates, team(10));
    input.requirement = (1..=30)
        .map(nov)
        .map(|d| (d, if weekend(d) { need(3, 2) } else { need(5, 3) }))
        .collect();
    let out = run(&input);
    assert_eq!(violations(&input, &out, false), []);
    assert!(
        out.uncovered_slot_agents * 20 <= out.needed_slot_agents,
        "uncovered {} of {}",
        out.uncovered_slot_agents,
        out.needed_slot_agents
    );
    assert!(out.nights.max - out.nights.min <= 1, "{:?}", out.nights);
    eprintln!(
        "tight: needed {}, uncovered {}, nights {:?}, weekends {:?}, changes {}",
        out.needed_slot_agents,
        out.uncovered_slot_agents,
        out.nights,
        out.weekend_shifts,
        out.template_changes
    );
}

#[test]
fn pins_leave_and_judged_days_are_kept() {
    let templates = seeded_templates();
    let mut agents = team(10);
    // The floor judged November 1–7 already.
    for (a, agent) in agents.iter_mut().enumerate() {
        for day in 1..=7 {
            agent.fixed.insert(nov(day), history(a, nov(day)));
        }
    }
    agents[0].fixed.insert(nov(10), Cell::Shift("N".into()));
    agents[0].fixed.insert(nov(20), Cell::Rest);
    agents[2].fixed.insert(nov(15), Cell::Shift("M".into()));
    agents[1].leave.extend([nov(12), nov(13), nov(14)]);
    agents[3].night_ok = false;
    let mut input = input(&templates, agents);
    input.first_free = nov(8);
    let out = run(&input);

    assert_eq!(violations(&input, &out, false), []);
    assert_eq!(
        out.cells.keys().cloned().collect::<BTreeSet<_>>(),
        free_cells(&input)
    );
    for (no, date) in out.cells.keys() {
        assert!(*date >= nov(8));
        let agent = input.agents.iter().find(|a| a.employee_no == *no).unwrap();
        assert!(!agent.fixed.contains_key(date) && !agent.leave.contains(date));
    }
    // No night for the agent who may not work nights.
    let nights = ["N", "O"];
    assert!(
        out.cells
            .iter()
            .filter(|((no, _), _)| no == "1004")
            .all(|(_, c)| !matches!(c, Cell::Shift(code) if nights.contains(&code.as_str())))
    );
    assert!(out.uncovered_slot_agents * 20 <= out.needed_slot_agents);
}

#[test]
fn wishes_beyond_coverage_are_refused_with_a_reason() {
    // Three agents, three needed every weekday daytime: a wish on a weekday can only be
    // granted by leaving the day short.
    let templates = seeded_templates();
    let mut agents = team(3);
    for agent in &mut agents {
        agent.wishes.insert(nov(4));
    }
    let mut input = input(&templates, agents);
    input.requirement = (1..=30).map(nov).map(|d| (d, need(3, 0))).collect();
    let out = run(&input);
    assert_no_new_violations(&input, &out);
    assert_eq!(out.wishes_asked, 3);
    // Rest days are owed anyway (4 each of 30), so someone is short every day someone
    // rests; the wishes are cheap to grant because a rest is owed somewhere.
    assert!(out.wishes_granted >= 1);
    assert!(!out.uncovered.is_empty());
    assert!(
        out.unmet
            .iter()
            .any(|u| u.employee_no.is_none() && u.reason == UnmetReason::RuleLimit)
    );
}

#[test]
fn an_impossible_requirement_reports_gaps_instead_of_breaking_rules() {
    let templates = seeded_templates();
    let mut input = input(&templates, team(3));
    input.requirement = requirement(3); // 9 + 6 needed of 3 agents
    let out = run(&input);
    assert_eq!(violations(&input, &out, false), []);
    assert!(out.uncovered_slot_agents > out.needed_slot_agents / 2);
    let first = &out.uncovered[0];
    assert!(first.rostered < first.needed && first.slot_from < first.slot_to);
    assert!(
        out.unmet
            .iter()
            .any(|u| u.date.is_some() && u.reason == UnmetReason::TooFewAgents)
    );
    // Each still rests exactly the days owed, no more, no fewer.
    for a in &input.agents {
        let rests = out
            .cells
            .iter()
            .filter(|((no, _), c)| *no == a.employee_no && **c == Cell::Rest)
            .count();
        assert_eq!(rests, 4);
    }
}

#[test]
fn fixed_cells_that_break_a_rule_are_reported_and_not_made_worse() {
    let templates = seeded_templates();
    let mut agents = team(4);
    // Seven pinned day shifts in a row, and an overnight followed by a pinned day shift.
    for day in 3..=9 {
        agents[0].fixed.insert(nov(day), Cell::Shift("D".into()));
    }
    agents[1].fixed.insert(nov(20), Cell::Shift("O".into()));
    agents[1].fixed.insert(nov(21), Cell::Shift("D".into()));
    let input = input(&templates, agents);
    let out = run(&input);
    assert_no_new_violations(&input, &out);
    let rules: Vec<_> = out
        .unmet
        .iter()
        .filter_map(|u| match u.reason {
            UnmetReason::FixedBreaksRule(rule) => Some((u.employee_no.clone(), rule)),
            _ => None,
        })
        .collect();
    assert!(rules.contains(&(Some("1001".into()), RosterRule::MaxConsecutiveWorkDays)));
    assert!(rules.contains(&(Some("1002".into()), RosterRule::MinRestBetweenShifts)));
    assert_eq!(violations(&input, &out, false).len(), rules.len());
}

#[test]
fn progress_is_reported_often_and_cancel_stops() {
    let templates = seeded_templates();
    let mut input = input(&templates, team(10));
    input.steps = Some(20_000);
    let mut seen = Vec::new();
    generate(&input, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(seen.first(), Some(&0));
    assert_eq!(seen.last(), Some(&100));
    // Monotone, and every percent of the search told (jumps only where no work is left).
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    let told: BTreeSet<u8> = seen.iter().copied().collect();
    assert!((10..90).all(|p| told.contains(&p)), "{told:?}");

    assert_eq!(generate(&input, &mut |_| false), Err(Cancelled));
    let mut calls = 0;
    let cancelled = generate(&input, &mut |_| {
        calls += 1;
        calls < 40
    });
    assert_eq!(cancelled, Err(Cancelled));
}

#[test]
fn the_same_seed_gives_the_same_roster() {
    let templates = seeded_templates();
    let mut input = input(&templates, team(6));
    input.steps = Some(20_000);
    assert_eq!(run(&input), run(&input));
    input.seed = 8;
    assert_no_new_violations(&input, &run(&input));
}

#[test]
fn nothing_to_fill_writes_nothing() {
    let templates = seeded_templates();
    let mut input = input(&templates, team(3));
    input.first_free = nov(1) + Duration::days(40);
    let out = run(&input);
    assert!(out.cells.is_empty() && out.uncovered.is_empty());
    input.first_free = nov(1);
    input.month = (2026, 13);
    assert!(run(&input).cells.is_empty());
}

// ---- random rosters -------------------------------------------------------------------

const CODES: [&str; 8] = ["D", "N", "M", "O", "休", "", "09:00-12:00+14:00-18:00", "X"];

fn cell(code: &str, templates: &[ShiftTemplate]) -> Cell {
    match code {
        "X" => Cell::Shift("X".into()),
        other => Cell::parse(other, templates).unwrap(),
    }
}

#[derive(Debug, Clone)]
struct RandomAgent {
    /// (day offset from Nov 1, −7..37; code index)
    fixed: Vec<(i64, usize)>,
    leave: Vec<i64>,
    wishes: Vec<i64>,
    night_ok: bool,
    joined: Option<i64>,
    left: Option<i64>,
}

fn random_agent() -> impl Strategy<Value = RandomAgent> {
    (
        prop::collection::vec((-7i64..37, 0usize..CODES.len()), 0..12),
        prop::collection::vec(0i64..30, 0..4),
        prop::collection::vec(0i64..30, 0..5),
        prop::bool::weighted(0.8),
        prop::option::weighted(0.15, 0i64..30),
        prop::option::weighted(0.15, 0i64..30),
    )
        .prop_map(
            |(fixed, leave, wishes, night_ok, joined, left)| RandomAgent {
                fixed,
                leave,
                wishes,
                night_ok,
                joined,
                left,
            },
        )
}

fn random_input(
    templates: &[ShiftTemplate],
    agents: Vec<RandomAgent>,
    needs: Vec<(u16, u16, u16)>,
    policy: (i64, i64, i64),
    first_free: i64,
    seed: u64,
) -> GenerateInput<'_> {
    let at = |o: i64| nov(1) + Duration::days(o);
    let agents = agents
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let mut a = GenAgent::new(&format!("{}", 2001 + n));
            for (o, c) in r.fixed {
                a.fixed.insert(at(o), cell(CODES[c], templates));
            }
            a.leave = r.leave.into_iter().map(at).collect();
            a.wishes = r.wishes.into_iter().map(at).collect();
            a.night_ok = r.night_ok;
            a.joined_on = r.joined.map(at);
            a.left_on = r.left.map(at);
            a
        })
        .collect();
    let requirement = needs
        .into_iter()
        .enumerate()
        .map(|(o, (day, evening, night))| {
            let mut slots = need(day, evening);
            slots[47] = night;
            slots[..17].iter_mut().for_each(|s| *s = night);
            (at(o as i64), slots)
        })
        .collect();
    GenerateInput {
        month: (2026, 11),
        agents,
        templates,
        usable: vec!["D".into(), "N".into(), "M".into(), "O".into()],
        requirement,
        calendar: [
            (nov(11), HolidayKind::Holiday),
            (nov(14), HolidayKind::Workday),
        ]
        .into_iter()
        .collect(),
        policy: RosterPolicy {
            max_consecutive_work_days: policy.0,
            rest_days_per_month: policy.1,
            min_rest_between_shifts_h: policy.2,
        },
        seed,
        first_free: at(first_free),
        steps: Some(4_000),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_rosters_never_break_a_rule_the_fixed_cells_keep(
        agents in prop::collection::vec(random_agent(), 3..=12),
        needs in prop::collection::vec((0u16..5, 0u16..4, 0u16..2), 30),
        policy in (3i64..=7, 2i64..=8, 6i64..=12),
        first_free in -3i64..=32,
        seed in any::<u64>(),
    ) {
        let templates = seeded_templates();
        let input = random_input(&templates, agents, needs, policy, first_free, seed);
        let out = run(&input);
        assert_no_new_violations(&input, &out);
        prop_assert_eq!(
            out.cells.keys().cloned().collect::<BTreeSet<_>>(),
            free_cells(&input)
        );
        for a in input.agents.iter().filter(|a| !a.night_ok) {
            for ((no, _), c) in &out.cells {
                if *no == a.employee_no {
                    prop_assert!(!matches!(c, Cell::Shift(k) if k == "N" || k == "O"));
                }
            }
        }
        prop_assert!(out.wishes_granted <= out.wishes_asked);
        prop_assert_eq!(&out, &run(&input));
    }

    /// The generator's own check reads a roster exactly as `check_month` does.
    #[test]
    fn the_fast_check_agrees_with_check_month(
        agents in prop::collection::vec(
            (prop::collection::vec(0usize..CODES.len(), 44), random_agent()), 1..=4),
        policy in (0i64..=7, 0i64..=8, 0i64..=16),
    ) {
        let templates = seeded_templates();
        let mut input = random_input(&templates, Vec::new(), Vec::new(), policy, 60, 0);
        for (n, (codes, r)) in agents.into_iter().enumerate() {
            let mut a = GenAgent::new(&format!("{}", 3001 + n));
            for (o, c) in codes.into_iter().enumerate() {
                a.fixed.insert(nov(1) + Duration::days(o as i64 - 7), cell(CODES[c], &templates));
            }
            a.leave = r.leave.into_iter().map(|o| nov(1) + Duration::days(o)).collect();
            a.joined_on = r.joined.map(|o| nov(1) + Duration::days(o));
            a.left_on = r.left.map(|o| nov(1) + Duration::days(o));
            input.agents.push(a);
        }
        let engine = Engine::new(&input).unwrap();
        let mut ours = engine.base_violations();
        ours.sort();
        let theirs = violations(&input, &Generated::empty(), false);
        prop_assert_eq!(ours, theirs);
    }
}
