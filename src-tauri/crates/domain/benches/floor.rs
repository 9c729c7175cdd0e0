//! Rule-engine benchmarks: `cargo bench -p floordesk-domain`.

use chrono::{DateTime, Duration, Utc};
use floordesk_domain::floor::{FloorEngine, FloorPolicy, judge, sim::busy_day};

fn main() {
    divan::main();
}

fn day_start() -> DateTime<Utc> {
    // Local midnight in Asia/Shanghai.
    "2026-11-22T16:00:00Z".parse().unwrap()
}

/// Replaying a busy day: 1,000 agents × ~200 events, timers to the end of the day.
#[divan::bench(sample_count = 10)]
fn replay_busy_day_1000_agents(bencher: divan::Bencher) {
    let (shifts, events) = busy_day(1000, 200, 7, day_start());
    let until = day_start() + Duration::hours(24);
    bencher.bench_local(|| {
        let initial = std::iter::empty();
        judge(
            FloorPolicy::default(),
            shifts.clone(),
            initial,
            &events,
            until,
        )
        .unwrap()
        .len()
    });
}

/// The live board's tick: advancing 1,000 agents by one second, 3,600 times (an hour).
#[divan::bench(sample_count = 10)]
fn live_ticks_one_hour_1000_agents(bencher: divan::Bencher) {
    let (shifts, events) = busy_day(1000, 200, 7, day_start());
    let nine = day_start() + Duration::hours(9);
    bencher
        .with_inputs(|| {
            let mut engine =
                FloorEngine::new(FloorPolicy::default(), shifts.clone(), std::iter::empty());
            for e in events.iter().take_while(|e| e.at < nine) {
                engine.apply(e).unwrap();
            }
            engine
        })
        .bench_local_values(|mut engine| {
            let mut raised = 0;
            for s in 0..3600 {
                raised += engine.advance_to(nine + Duration::seconds(s)).len();
            }
            raised
        });
}
