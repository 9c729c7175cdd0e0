//! A month's results from its raters' sheets, in exact decimals:
//! - a rater's score is 100 × the sum of their item scores ÷ the maximum points of the items
//!   their role scores; a rater who left an item blank is not counted;
//! - a role's score is its counted raters' mean, rounded half up to 2 places;
//! - the composite is Σ weight × role score ÷ Σ weight over the roles the template has items
//!   for, rounded half up to 2 places;
//! - a person with a role missing is incomplete and not graded, unless a supervisor signed an
//!   exception: then the present roles' weights are rescaled and the result is marked;
//! - ranks are among graded people on the same template, and within the team on it; ties share
//!   a rank (1, 2, 2, 4).

use std::collections::HashMap;

use super::{Centipoints, Grade, GradeLines, RaterRole, RoleSet, Weights};
use rust_decimal::{Decimal, RoundingStrategy};

/// One item of a template version, as the computation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpec {
    pub item: i64,
    /// Whole points.
    pub max_points: i64,
    pub roles: RoleSet,
}

/// What one rater entered for one person in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterSheet {
    pub role: RaterRole,
    /// The rater's person key.
    pub rater: String,
    pub scores: Vec<(i64, Centipoints)>,
}

/// One person's month: their template, team, every sheet written for them, and whether a
/// supervisor signed an exception for a missing role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMonth {
    pub person: String,
    pub template: i64,
    pub team: Option<i64>,
    pub exception: bool,
    pub sheets: Vec<RaterSheet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreRules {
    pub weights: Weights,
    pub lines: GradeLines,
}

/// How one role stands for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleTally {
    /// The template has items this role scores.
    pub expected: bool,
    /// Raters whose sheet is full (counted in the mean).
    pub counted: u32,
    /// Raters who began but left an item blank (not counted).
    pub partial: u32,
    pub score: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonResult {
    pub person: String,
    pub template: i64,
    pub team: Option<i64>,
    /// Indexed by role: self, superior, peer.
    pub roles: [RoleTally; 3],
    /// Graded: every expected role has a score, or an exception covers the missing ones.
    pub complete: bool,
    /// Graded on an exception: a role was missing and the weights were rescaled.
    pub exception: bool,
    pub composite: Option<Decimal>,
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
    pub team_rank: Option<u32>,
}

impl PersonResult {
    pub fn role(&self, role: RaterRole) -> &RoleTally {
        &self.roles[role.index()]
    }

    /// The expected roles without a score.
    pub fn missing(&self) -> Vec<RaterRole> {
        RaterRole::ALL
            .into_iter()
            .filter(|r| self.role(*r).expected && self.role(*r).score.is_none())
            .collect()
    }
}

/// Half up at 2 places (scores are never negative, so away from zero is half up).
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A template's items keyed for lookup, with each role's item count and maximum.
struct Template {
    items: HashMap<i64, ItemSpec>,
    count: [u32; 3],
    max: [i64; 3],
}

impl Template {
    fn new(items: &[ItemSpec]) -> Template {
        let mut count = [0; 3];
        let mut max = [0; 3];
        for item in items {
            for role in item.roles.roles() {
                count[role.index()] += 1;
                max[role.index()] += item.max_points;
            }
        }
        Template {
            items: items.iter().map(|i| (i.item, *i)).collect(),
            count,
            max,
        }
    }

    /// A rater's score, or `None` if an item of their role is blank.
    fn rater_score(&self, sheet: &RaterSheet) -> Option<Decimal> {
        let r = sheet.role.index();
        let mut filled = 0;
        let mut sum: i64 = 0;
        for (item, points) in &sheet.scores {
            if self
                .items
                .get(item)
                .is_some_and(|spec| spec.roles.contains(sheet.role))
            {
                filled += 1;
                sum += points;
            }
        }
        (filled == self.count[r] && self.max[r] > 0)
            // sum is in hundredths: 100 × (sum / 100) ÷ max = sum ÷ max.
            .then(|| Decimal::from(sum) / Decimal::from(self.max[r]))
    }
}

/// The results of one month for every person given, ranked.
pub fn month_results(
    templates: &HashMap<i64, Vec<ItemSpec>>,
    people: &[PersonMonth],
    rules: &ScoreRules,
) -> Vec<PersonResult> {
    let prepared: HashMap<i64, Template> = templates
        .iter()
        .map(|(id, items)| (*id, Template::new(items)))
        .collect();
    let empty = Template::new(&[]);
    let mut results: Vec<PersonResult> = people
        .iter()
        .map(|p| person_result(prepared.get(&p.template).unwrap_or(&empty), p, rules))
        .collect();
    rank(&mut results);
    results
}

fn person_result(template: &Template, person: &PersonMonth, rules: &ScoreRules) -> PersonResult {
    let mut sums = [Decimal::ZERO; 3];
    let mut counted = [0u32; 3];
    let mut partial = [0u32; 3];
    for sheet in &person.sheets {
        let r = sheet.role.index();
        match template.rater_score(sheet) {
            Some(score) => {
                sums[r] += score;
                counted[r] += 1;
            }
            None if !sheet.scores.is_empty() => partial[r] += 1,
            None => {}
        }
    }
    let roles = RaterRole::ALL.map(|role| {
        let r = role.index();
        RoleTally {
            expected: template.count[r] > 0,
            counted: counted[r],
            partial: partial[r],
            score: (template.count[r] > 0 && counted[r] > 0)
                .then(|| round2(sums[r] / Decimal::from(counted[r]))),
        }
    });
    let expected = roles.iter().filter(|t| t.expected).count();
    let present = roles.iter().filter(|t| t.score.is_some()).count();
    let missing = expected - present;
    let graded = expected > 0 && (missing == 0 || (person.exception && present > 0));
    let composite = graded.then(|| {
        let mut weighted = Decimal::ZERO;
        let mut weight = Decimal::ZERO;
        for role in RaterRole::ALL {
            if let Some(score) = roles[role.index()].score {
                let w = Decimal::from(rules.weights.of(role));
                weighted += w * score;
                weight += w;
            }
        }
        if weight.is_zero() {
            Decimal::ZERO
        } else {
            round2(weighted / weight)
        }
    });
    PersonResult {
        person: person.person.clone(),
        template: person.template,
        team: person.team,
        roles,
        complete: graded,
        exception: graded && missing > 0,
        grade: composite.map(|c| rules.lines.grade(c)),
        composite,
        rank: None,
        team_rank: None,
    }
}

/// Competition ranking (1, 2, 2, 4) by composite, highest first, among graded people on the
/// same template; and again within each team on it.
fn rank(results: &mut [PersonResult]) {
    let mut groups: HashMap<(i64, Option<Option<i64>>), Vec<usize>> = HashMap::new();
    for (i, r) in results.iter().enumerate() {
        if r.composite.is_some() {
            groups.entry((r.template, None)).or_default().push(i);
            groups
                .entry((r.template, Some(r.team)))
                .or_default()
                .push(i);
        }
    }
    for ((_, team), mut members) in groups {
        members.sort_by(|a, b| results[*b].composite.cmp(&results[*a].composite));
        let mut place = 0;
        let mut previous: Option<Decimal> = None;
        for (n, i) in members.iter().enumerate() {
            if previous != results[*i].composite {
                place = n as u32 + 1;
                previous = results[*i].composite;
            }
            if team.is_some() {
                results[*i].team_rank = Some(place);
            } else {
                results[*i].rank = Some(place);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Seed 002's shape: two items per role, each role its own focus, 100 points in all.
    fn template() -> HashMap<i64, Vec<ItemSpec>> {
        let item = |item, max_points, role| ItemSpec {
            item,
            max_points,
            roles: RoleSet::only(role),
        };
        HashMap::from([(
            1,
            vec![
                item(1, 10, RaterRole::SelfRating),
                item(2, 10, RaterRole::SelfRating),
                item(3, 30, RaterRole::Superior),
                item(4, 20, RaterRole::Superior),
                item(5, 20, RaterRole::Peer),
                item(6, 10, RaterRole::Peer),
            ],
        )])
    }

    fn sheet(role: RaterRole, rater: &str, scores: &[(i64, i64)]) -> RaterSheet {
        RaterSheet {
            role,
            rater: rater.into(),
            scores: scores.iter().map(|(i, p)| (*i, p * 100)).collect(),
        }
    }

    fn person(name: &str, team: i64, sheets: Vec<RaterSheet>) -> PersonMonth {
        PersonMonth {
            person: name.into(),
            template: 1,
            team: Some(team),
            exception: false,
            sheets,
        }
    }

    fn rules() -> ScoreRules {
        ScoreRules {
            weights: Weights::default(),
            lines: GradeLines::default(),
        }
    }

    fn full(
        name: &str,
        team: i64,
        s: (i64, i64),
        sup: (i64, i64),
        peer: (i64, i64),
    ) -> PersonMonth {
        person(
            name,
            team,
            vec![
                sheet(RaterRole::SelfRating, name, &[(1, s.0), (2, s.1)]),
                sheet(RaterRole::Superior, "lead", &[(3, sup.0), (4, sup.1)]),
                sheet(RaterRole::Peer, "p1", &[(5, peer.0), (6, peer.1)]),
            ],
        )
    }

    #[test]
    fn each_role_is_scored_on_its_own_items_and_weighed() {
        // self 18/20 = 90, superior 45/50 = 90, peer 27/30 = 90 → 90.
        let r = month_results(
            &template(),
            &[full("a", 1, (9, 9), (27, 18), (18, 9))],
            &rules(),
        );
        assert_eq!(r[0].composite, Some(dec("90.00")));
        assert_eq!(r[0].grade, Some(Grade::Excellent));
        // self 20/20 = 100, superior 40/50 = 80, peer 30/30 = 100:
        // 15 × 100 + 60 × 80 + 25 × 100 = 8800 → 88.
        let r = month_results(
            &template(),
            &[full("b", 1, (10, 10), (24, 16), (20, 10))],
            &rules(),
        );
        assert_eq!(r[0].role(RaterRole::Superior).score, Some(dec("80")));
        assert_eq!(r[0].composite, Some(dec("88")));
        assert_eq!(r[0].grade, Some(Grade::Good));
    }

    #[test]
    fn role_scores_round_before_the_composite_does() {
        // Peers 0/30, 0/30 and 7/30: mean 7.777… → 7.78. Self 13/20 → 65; superior 30/50 → 60.
        // (15 × 65 + 60 × 60 + 25 × 7.78) / 100 = 47.695 → 47.70; with the peers' mean unrounded
        // it would be 47.694… → 47.69.
        let p = person(
            "a",
            1,
            vec![
                sheet(RaterRole::SelfRating, "a", &[(1, 7), (2, 6)]),
                sheet(RaterRole::Superior, "l1", &[(3, 18), (4, 12)]),
                sheet(RaterRole::Peer, "p1", &[(5, 0), (6, 0)]),
                sheet(RaterRole::Peer, "p2", &[(5, 0), (6, 0)]),
                sheet(RaterRole::Peer, "p3", &[(5, 7), (6, 0)]),
            ],
        );
        let r = &month_results(&template(), &[p], &rules())[0];
        assert_eq!(r.role(RaterRole::SelfRating).score, Some(dec("65")));
        assert_eq!(r.role(RaterRole::Superior).score, Some(dec("60")));
        assert_eq!(r.role(RaterRole::Peer).score, Some(dec("7.78")));
        assert_eq!(r.composite, Some(dec("47.70")));
        assert_eq!(r.grade, Some(Grade::Fail));
    }

    #[test]
    fn a_raters_score_is_against_the_maximum_of_their_roles_items() {
        // Two superiors: 33/50 → 66 and 34/50 → 68; the role's score is their mean, 67.
        let mut p = full("a", 1, (7, 6), (0, 0), (20, 10));
        p.sheets.retain(|s| s.role != RaterRole::Superior);
        p.sheets
            .push(sheet(RaterRole::Superior, "l1", &[(3, 20), (4, 13)]));
        p.sheets
            .push(sheet(RaterRole::Superior, "l2", &[(3, 20), (4, 14)]));
        let r = &month_results(&template(), &[p], &rules())[0];
        assert_eq!(r.role(RaterRole::Superior).score, Some(dec("67")));
        assert_eq!(r.role(RaterRole::Superior).counted, 2);
        // (15 × 65 + 60 × 67 + 25 × 100) / 100 = 74.95.
        assert_eq!(r.composite, Some(dec("74.95")));
    }

    #[test]
    fn half_a_hundredth_rounds_up() {
        assert_eq!(round2(dec("89.995")), dec("90.00"));
        assert_eq!(round2(dec("89.994999")), dec("89.99"));
        assert_eq!(round2(dec("0.005")), dec("0.01"));
    }

    #[test]
    fn a_rater_with_a_blank_item_is_not_counted() {
        let mut p = full("a", 1, (10, 10), (30, 20), (20, 10));
        p.sheets.push(sheet(RaterRole::Peer, "p2", &[(5, 0)]));
        let r = &month_results(&template(), &[p], &rules())[0];
        assert_eq!(r.role(RaterRole::Peer).counted, 1);
        assert_eq!(r.role(RaterRole::Peer).partial, 1);
        assert_eq!(r.composite, Some(dec("100")));
    }

    #[test]
    fn items_outside_the_raters_role_do_not_count() {
        let mut p = full("a", 1, (10, 10), (30, 20), (20, 10));
        // A superior's score for a self item (the store refuses it; the rule ignores it).
        p.sheets[1].scores.push((1, 0));
        let r = &month_results(&template(), &[p], &rules())[0];
        assert_eq!(r.role(RaterRole::Superior).score, Some(dec("100")));
    }

    #[test]
    fn a_missing_role_leaves_the_person_ungraded_until_an_exception() {
        let mut p = full("a", 1, (10, 10), (27, 18), (20, 10));
        p.sheets.retain(|s| s.role != RaterRole::Peer);
        let r = &month_results(&template(), std::slice::from_ref(&p), &rules())[0];
        assert!(!r.complete);
        assert_eq!(r.missing(), vec![RaterRole::Peer]);
        assert_eq!(
            (r.composite, r.grade, r.rank, r.team_rank),
            (None, None, None, None)
        );

        p.exception = true;
        let r = &month_results(&template(), &[p], &rules())[0];
        assert!(r.complete && r.exception);
        // (15 × 100 + 60 × 90) / 75 = 92.
        assert_eq!(r.composite, Some(dec("92")));
        assert_eq!(r.rank, Some(1));
    }

    #[test]
    fn an_exception_is_moot_once_every_role_is_in() {
        let mut p = full("a", 1, (10, 10), (27, 18), (20, 10));
        p.exception = true;
        let r = &month_results(&template(), &[p], &rules())[0];
        assert!(r.complete && !r.exception);
    }

    #[test]
    fn a_role_without_items_is_not_expected() {
        let mut templates = template();
        templates.insert(
            2,
            vec![ItemSpec {
                item: 9,
                max_points: 100,
                roles: RoleSet::from_roles([RaterRole::Superior, RaterRole::Peer]),
            }],
        );
        let p = PersonMonth {
            person: "s".into(),
            template: 2,
            team: None,
            exception: false,
            sheets: vec![
                sheet(RaterRole::Superior, "m", &[(9, 80)]),
                sheet(RaterRole::Peer, "x", &[(9, 100)]),
            ],
        };
        let r = &month_results(&templates, &[p], &rules())[0];
        assert!(r.complete && !r.exception);
        // (60 × 80 + 25 × 100) / 85 = 85.882… → 85.88.
        assert_eq!(r.composite, Some(dec("85.88")));
    }

    #[test]
    fn ties_share_a_rank_overall_and_within_the_team() {
        let people = [
            full("a", 1, (10, 10), (30, 20), (20, 10)), // 100
            full("b", 2, (9, 9), (27, 18), (18, 9)),    // 90
            full("c", 1, (9, 9), (27, 18), (18, 9)),    // 90
            full("d", 1, (8, 8), (24, 16), (16, 8)),    // 80
            person("e", 1, vec![]),                     // ungraded
        ];
        let r = month_results(&template(), &people, &rules());
        let ranks: Vec<_> = r.iter().map(|p| (p.rank, p.team_rank)).collect();
        assert_eq!(
            ranks,
            vec![
                (Some(1), Some(1)),
                (Some(2), Some(1)),
                (Some(2), Some(2)),
                (Some(4), Some(3)),
                (None, None)
            ]
        );
    }
}
