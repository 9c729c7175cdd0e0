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
