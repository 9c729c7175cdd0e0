//! Properties of the composite over generated months: it stays within 0–100, a better score never
//! lowers it, a grade follows its lines, and ranks agree with the order of composites.

use std::collections::HashMap;

use floordesk_domain::scores::{
    GradeLines, ItemSpec, PersonMonth, RaterRole, RaterSheet, RoleSet, ScoreRules, Weights,
    month_results,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Six items, two per role, with the maximum points given (adding up to whatever they add up to:
/// the composite is a percentage either way).
fn template(maxes: [i64; 6]) -> HashMap<i64, Vec<ItemSpec>> {
    let roles = [
        RaterRole::SelfRating,
        RaterRole::SelfRating,
        RaterRole::Superior,
        RaterRole::Superior,
        RaterRole::Peer,
        RaterRole::Peer,
    ];
    let items = (0..6)
        .map(|i| ItemSpec {
            item: i as i64 + 1,
            max_points: maxes[i],
            roles: RoleSet::only(roles[i]),
        })
        .collect();
    HashMap::from([(1, items)])
}

/// A person's sheets: for each role, raters' fractions (0–100 %) of each of the role's two items.
fn person(name: &str, maxes: [i64; 6], raters: &[(RaterRole, [u8; 2])]) -> PersonMonth {
    let first_item = |role: RaterRole| match role {
        RaterRole::SelfRating => 0,
        RaterRole::Superior => 2,
        RaterRole::Peer => 4,
    };
    PersonMonth {
        person: name.into(),
        template: 1,
        team: Some(1),
        exception: false,
        sheets: raters
            .iter()
            .enumerate()
            .map(|(n, (role, pct))| {
                let first = first_item(*role);
                RaterSheet {
                    role: *role,
                    rater: if *role == RaterRole::SelfRating {
                        name.into()
                    } else {
                        format!("r{n}")
                    },
                    scores: (0..2)
                        .map(|k| {
                            let max = maxes[first + k];
                            ((first + k) as i64 + 1, max * i64::from(pct[k]))
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

fn sheets() -> impl Strategy<Value = Vec<(RaterRole, [u8; 2])>> {
    (
        [0u8..=100, 0u8..=100],
        prop::collection::vec([0u8..=100, 0u8..=100], 1..4),
        prop::collection::vec([0u8..=100, 0u8..=100], 1..4),
    )
        .prop_map(|(own, superiors, peers)| {
            let mut all = vec![(RaterRole::SelfRating, own)];
            all.extend(superiors.into_iter().map(|p| (RaterRole::Superior, p)));
            all.extend(peers.into_iter().map(|p| (RaterRole::Peer, p)));
            all
        })
}

fn rules(weights: (i64, i64, i64)) -> ScoreRules {
    ScoreRules {
        weights: Weights {
            self_pct: weights.0,
            superior_pct: weights.1,
            peer_pct: weights.2,
        },
        lines: GradeLines::default(),
    }
}

fn weights() -> impl Strategy<Value = (i64, i64, i64)> {
    (0i64..=100, 1i64..=100, 0i64..=100)
}

proptest! {
    #[test]
    fn the_composite_stays_within_0_and_100_and_grades_by_its_lines(
        maxes in [1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30],
        raters in sheets(),
        w in weights(),
    ) {
        let r = &month_results(&template(maxes), &[person("a", maxes, &raters)], &rules(w))[0];
        let composite = r.composite.expect("every role is in");
        prop_assert!(composite >= Decimal::ZERO && composite <= Decimal::from(100));
        prop_assert_eq!(composite.scale() <= 2, true);
        prop_assert_eq!(r.grade, Some(GradeLines::default().grade(composite)));
    }

    #[test]
    fn a_better_score_never_lowers_the_composite(
        maxes in [1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30, 1i64..=30],
        raters in sheets(),
        which in any::<prop::sample::Index>(),
        item in 0usize..2,
        w in weights(),
    ) {
        let before = &month_results(&template(maxes), &[person("a", maxes, &raters)], &rules(w))[0];
        let mut better = raters.clone();
        let i = which.index(better.len());
        better[i].1[item] = 100;
        let after = &month_results(&template(maxes), &[person("a", maxes, &better)], &rules(w))[0];
        prop_assert!(after.composite >= before.composite, "{:?} < {:?}", after.composite, before.composite);
    }

    #[test]
    fn ranks_follow_the_order_of_composites(
        months in prop::collection::vec(sheets(), 2..12),
    ) {
        let maxes = [5, 10, 30, 20, 20, 15];
        let people: Vec<PersonMonth> = months
            .iter()
            .enumerate()
            .map(|(n, raters)| person(&format!("p{n}"), maxes, raters))
            .collect();
        let results = month_results(&template(maxes), &people, &rules((15, 60, 25)));
        for a in &results {
            // A rank is one more than the number of people strictly ahead.
            let ahead = results.iter().filter(|b| b.composite > a.composite).count() as u32;
            prop_assert_eq!(a.rank, Some(ahead + 1));
            prop_assert_eq!(a.team_rank, Some(ahead + 1));
        }
    }
}
