//! Assessment benchmarks: `cargo bench -p floordesk-domain --bench scores`.

use std::collections::HashMap;

use floordesk_domain::scores::{
    GradeLines, ItemSpec, PersonMonth, RaterRole, RaterSheet, RoleSet, ScoreRules, Weights,
    month_results,
};

fn main() {
    divan::main();
}

const ITEMS: i64 = 20;

/// One template of 20 items worth 5 points each, scored by a mix of roles: every role has 16
/// of them (all three, self and superior, superior and 小组, self and 小组, in turn).
fn template() -> HashMap<i64, Vec<ItemSpec>> {
    use RaterRole::*;
    let mixes = [
        RoleSet::ALL,
        RoleSet::from_roles([SelfRating, Superior]),
        RoleSet::from_roles([Superior, Peer]),
        RoleSet::from_roles([SelfRating, Peer]),
        RoleSet::ALL,
    ];
    let items = (0..ITEMS)
        .map(|i| ItemSpec {
            item: i + 1,
            max_points: 5,
            roles: mixes[i as usize % mixes.len()],
        })
        .collect();
    HashMap::from([(1, items)])
}

/// `people` people on 20 teams, each rated by themselves, 3 superiors and 3 小组 raters on every
/// item of their role, in half points that vary by person, rater and item.
fn month(people: usize, template: &HashMap<i64, Vec<ItemSpec>>) -> Vec<PersonMonth> {
    let items = &template[&1];
    let raters = [
        (RaterRole::SelfRating, 1),
        (RaterRole::Superior, 3),
        (RaterRole::Peer, 3),
    ];
    (0..people)
        .map(|n| {
            let person = format!("a{}", n + 1);
            let sheets = raters
                .iter()
                .flat_map(|&(role, count)| (0..count).map(move |k| (role, k)))
                .map(|(role, k)| RaterSheet {
                    role,
                    rater: if role == RaterRole::SelfRating {
                        person.clone()
                    } else {
                        format!("a{}", (n + 1 + k * 37) % people + 1)
                    },
                    scores: items
                        .iter()
                        .filter(|i| i.roles.contains(role))
                        .map(|i| {
                            (
                                i.item,
                                300 + ((n * 7 + k * 3 + i.item as usize) % 5) as i64 * 50,
                            )
                        })
                        .collect(),
                })
                .collect();
            PersonMonth {
                person,
                template: 1,
                team: Some((n % 20) as i64 + 1),
                exception: false,
                sheets,
            }
        })
        .collect()
}

/// A month's results as the results page and publishing compute them: 1,000 people × 7 raters
/// (1 self, 3 superiors, 3 小组) × a 20-item template, ranked overall and by team.
#[divan::bench]
fn month_results_1000_people_7_raters_20_items(bencher: divan::Bencher) {
    let template = template();
    let people = month(1000, &template);
    let rules = ScoreRules {
        weights: Weights::default(),
        lines: GradeLines::default(),
    };
    assert!(
        month_results(&template, &people, &rules)
            .iter()
            .all(|r| r.complete && r.rank.is_some()),
        "everyone graded"
    );
    bencher.bench_local(|| month_results(&template, &people, &rules).len());
}
