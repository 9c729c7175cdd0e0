//! Roster-check benchmarks: `cargo bench -p floordesk-domain --bench roster`.

use chrono::{Duration, NaiveDate};
use floordesk_domain::roster::{AgentMonth, Cell, RosterPolicy, check_month, seeded_templates};

fn main() {
    divan::main();
}

/// 300 agents on a month and six days either side, mixed shifts, some rule broken now and then.
fn floor(agents: usize) -> Vec<AgentMonth> {
    let from = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
    let codes = ["D", "N", "M", "O", "休", "D", "D", "N", ""];
    let templates = seeded_templates();
    (0..agents)
        .map(|n| AgentMonth {
            employee_no: format!("{}", 1001 + n),
            cells: (0..43)
                .map(|i| {
                    let code = codes[(n * 7 + i * (n % 5 + 1)) % codes.len()];
                    (
                        from + Duration::days(i as i64),
                        Cell::parse(code, &templates).unwrap(),
                    )
                })
                .collect(),
            ..AgentMonth::default()
        })
        .collect()
}

/// The whole month rechecked, as the grid does after any single-cell edit.
#[divan::bench]
fn check_300_agents_31_days(bencher: divan::Bencher) {
    let agents = floor(300);
    let templates = seeded_templates();
    let policy = RosterPolicy::default();
    bencher.bench_local(|| check_month((2026, 11), &agents, &templates, &policy).len());
}

// Roster generation: `cargo bench -p floordesk-domain --bench roster -- generate`.

use floordesk_domain::roster::generate::{GenAgent, GenerateInput, generate};

/// December 2026 (31 days) for `teams` teams of ten: 3 + 2 agents a team on weekdays
/// (08:30–16:00, 16:00–23:30), 2 + 1 at weekends; the six days before as worked.
fn generation(teams: u16) -> (Vec<GenAgent>, Need) {
    let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let requirement = (0..31)
        .map(|i| {
            let date = first + Duration::days(i);
            let weekend = chrono::Datelike::weekday(&date).number_from_monday() >= 6;
            let (day, evening) = if weekend { (2, 1) } else { (3, 2) };
            let mut slots = [0u16; 48];
            slots[17..32].iter_mut().for_each(|s| *s = day * teams);
            slots[32..47].iter_mut().for_each(|s| *s = evening * teams);
            (date, slots)
        })
        .collect();
    let agents = (0..usize::from(teams) * 10)
        .map(|a| {
            let mut agent = GenAgent::new(&format!("{}", 1001 + a));
            for back in 1..=6i64 {
                let cell = if (back as usize + a).is_multiple_of(5) {
                    Cell::Rest
                } else if a.is_multiple_of(3) {
                    Cell::Shift("N".into())
                } else {
                    Cell::Shift("D".into())
                };
                agent.fixed.insert(first - Duration::days(back), cell);
            }
            if a.is_multiple_of(4) {
                agent
                    .wishes
                    .insert(first + Duration::days((a * 7 % 31) as i64));
            }
            agent
        })
        .collect();
    (agents, requirement)
}

/// Agents needed per half hour, by date.
type Need = std::collections::BTreeMap<NaiveDate, [u16; 48]>;

fn generate_month(teams: u16) -> usize {
    let templates = seeded_templates();
    let (agents, requirement) = generation(teams);
    let input = GenerateInput {
        month: (2026, 12),
        agents,
        templates: &templates,
        usable: Vec::new(),
        requirement,
        calendar: Default::default(),
        policy: RosterPolicy::default(),
        seed: 1,
        first_free: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        steps: None,
    };
    let out = generate(&input, &mut |_| true).expect("not cancelled");
    out.cells.len()
}

/// A team of ten filled for a month: greedy start, local search, polish.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn generate_10_agents_31_days() -> usize {
    generate_month(1)
}

/// 300 agents in one call, the requirement ×30.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn generate_300_agents_31_days() -> usize {
    generate_month(30)
}
