//! The demo floor's 绩效考核, so the results page opens on a history: the seeds' templates
//! (电商客服月度考核 on every team, 客服主管季度考核 for the supervisors), and for the six months
//! before last month every sheet filled — 自评, the default 上级 (the team's 班长; the supervisors
//! and the manager for a 班长; the manager for a supervisor, in quarter-end months) and two 小组
//! raters from the person's own team — and published at the end of its window. Last month is
//! still open: about two thirds of the people fully rated, the rest waiting on a superior's
//! half-filled sheet or on 小组 raters who have not started, one appeal and one confirmation.
//!
//! Deterministic: each person has a standing (from their 工号 and level) that drifts a little
//! from month to month, so ranks differ and stay plausible; self-assessments are a little
//! generous, 小组 raters close to the superior; every score is a whole or half point. Each
//! published month has at least one exact tie (one person's sheets copy those of their
//! neighbour in standing), and a few people below 70 so every grade appears.
//!
//! Who rates whom is read back from the store (`month_raters`) after the 小组 raters are
//! assigned, never assumed; each rater's cells of a month go in one `enter_scores` call.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use floordesk_domain::ErrorCode;
use floordesk_domain::access::Role;
use floordesk_domain::calendar::{HolidayKind, is_working_day};
use floordesk_domain::floor::sim::XorShift;
use floordesk_domain::people::Level;
use floordesk_domain::scores::{Centipoints, RaterRole, RoleSet, ScoreMonth};

use crate::scores::{
    ScoreEntry, ScoreItemInput, ScoreItemRow, ScorePerson, ScoreResponseKind, TemplateInput,
    WindowRule,
};
use crate::time::local_at as local;
use crate::{Actor, Result, Store, StoreError};

/// Published months before last month.
const PUBLISHED_MONTHS: usize = 6;
/// 小组 raters per person.
const PEERS: usize = 2;
const DEMO_TEMPLATE: &str = "电商客服月度考核";
const APPEAL_NOTE: &str = "客单价统计漏了退款订单，请核实";

/// FNV-1a over the parts, `/` between them, mixed (splitmix64's finish) so that 工号 differing
/// in their last digit draw far apart: the seed of one person's (or sheet's) draws.
fn seed(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash = (hash ^ u64::from(b'/')).wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    hash ^ (hash >> 31)
}

pub(crate) fn rng(parts: &[&str]) -> XorShift {
    XorShift::new(seed(parts))
}

/// Uniform in lo..=hi, in tenths.
fn tenths(rng: &mut XorShift, lo: i64, hi: i64) -> f64 {
    rng.between(lo, hi) as f64 / 10.0
}

/// The lowest standing at each share of the ranked floor: a few below 70, most 74–92.
const STANDING: [(f64, f64); 6] = [
    (0.0, 64.0),
    (0.07, 69.0),
    (0.15, 73.0),
    (0.5, 82.5),
    (0.8, 89.0),
    (1.0, 95.0),
];

fn standing_at(share: f64) -> f64 {
    for pair in STANDING.windows(2) {
        let ((u0, v0), (u1, v1)) = (pair[0], pair[1]);
        if share <= u1 {
            return v0 + (v1 - v0) * (share - u0) / (u1 - u0);
        }
    }
    STANDING[STANDING.len() - 1].1
}

/// Each person's standing: where they rank by their 工号's draw and their level (班长 and 高级
/// tend higher, 初级 lower), and a small drift per month (newcomers improve).
struct Standing {
    base: HashMap<String, f64>,
    drift: HashMap<String, f64>,
}

impl Standing {
    fn new(people: &HashMap<String, ScorePerson>) -> Standing {
        let mut keyed: Vec<(f64, &ScorePerson)> = people
            .values()
            .filter(|p| p.role != Some(Role::Manager))
            .map(|p| {
                let draw = (seed(&["standing", &p.employee_no]) % 1000) as f64 / 1000.0;
                let level = match (p.role, p.level) {
                    (Some(Role::Supervisor), _) | (_, Some(Level::Supervisor)) => 0.4,
                    (Some(Role::TeamLead), _) | (_, Some(Level::Lead)) => 0.35,
                    (_, Some(Level::Senior)) => 0.25,
                    (_, Some(Level::Intermediate)) => 0.12,
                    _ => 0.0,
                };
                (draw * 0.6 + level, p)
            })
            .collect();
        keyed.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then_with(|| a.1.employee_no.cmp(&b.1.employee_no))
        });
        let last = keyed.len().saturating_sub(1).max(1) as f64;
        let mut base = HashMap::new();
        let mut drift = HashMap::new();
        for (rank, (_, p)) in keyed.iter().enumerate() {
            base.insert(p.person.clone(), standing_at(rank as f64 / last));
            let mut r = rng(&["drift", &p.employee_no]);
            let newcomer = if p.level == Some(Level::Junior) {
                0.3
            } else {
                0.0
            };
            drift.insert(p.person.clone(), tenths(&mut r, -4, 4) + newcomer);
        }
        Standing { base, drift }
    }

    /// The person's standing in the `index`-th month of the demo's seven (0 is the oldest).
    fn of(&self, person: &ScorePerson, month: ScoreMonth, index: usize) -> f64 {
        let base = self.base.get(&person.person).copied().unwrap_or(80.0);
        let drift = self.drift.get(&person.person).copied().unwrap_or(0.0);
        let mut r = rng(&["month", &month.to_string(), &person.employee_no]);
        (base + drift * (index as f64 - 3.0) + tenths(&mut r, -20, 20)).clamp(50.0, 97.0)
    }
}

/// One rater's sheet for one person: each item of the role at about `target` percent of its
/// maximum, in whole or half points.
fn sheet_points(items: &[&ScoreItemRow], target: f64, r: &mut XorShift) -> Vec<(i64, Centipoints)> {
    items
        .iter()
        .map(|item| {
            let pct = (target + tenths(r, -70, 70)).clamp(35.0, 100.0);
            let halves = (item.max_points as f64 * pct / 100.0 * 2.0).round() as i64;
            (item.id, (halves * 50).clamp(0, item.max_points * 100))
        })
        .collect()
}

/// What a month's sheets are drawn from, beside the store.
struct MonthPlan<'a> {
    month: ScoreMonth,
    index: usize,
    people: &'a HashMap<String, ScorePerson>,
    standing: &'a Standing,
    /// Person whose sheets copy another's (an exact tie) → the one copied.
    twins: HashMap<String, String>,
}

impl MonthPlan<'_> {
    /// The target percent a rater in `role` (the `slot`-th of that role) gives `ratee`, and the
    /// draws of the items, both following `ratee`'s twin when they have one.
    fn sheet(
        &self,
        ratee: &ScorePerson,
        role: RaterRole,
        slot: usize,
        superior_no: &str,
        items: &[&ScoreItemRow],
    ) -> Vec<(i64, Centipoints)> {
        let source = self
            .twins
            .get(&ratee.person)
            .and_then(|p| self.people.get(p))
            .unwrap_or(ratee);
        let month = self.month.to_string();
        let slot = slot.to_string();
        let quality = self.standing.of(source, self.month, self.index);
        let mut r = rng(&[&month, &source.employee_no, role.as_str(), &slot]);
        let target = match role {
            // A little generous with themselves.
            RaterRole::SelfRating => (quality + tenths(&mut r, 20, 60)).min(99.0),
            // Each superior a touch stricter or kinder than the next.
            RaterRole::Superior => {
                let mut b = rng(&["strictness", superior_no]);
                quality + tenths(&mut b, -20, 10) + tenths(&mut r, -15, 15)
            }
            RaterRole::Peer => quality + 0.5 + tenths(&mut r, -25, 25),
        };
        sheet_points(items, target, &mut r)
    }
}

/// How an unfinished person of last month stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unfinished {
    /// Their superior filled half the items.
    SuperiorHalf,
    /// Neither 小组 rater has started.
    PeersNotStarted,
    /// One 小组 rater filled half, the other has not started.
    PeerHalf,
}

impl Store {
    /// The demo's scores (see the module), for `today` in the site's zone. Writes nothing when
    /// the file already has scores; returns how many score cells it entered.
    pub(crate) fn load_demo_scores(&mut self, today: NaiveDate, now: DateTime<Utc>) -> Result<u32> {
        let existing: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM scores", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        // Some 850 small transactions (a month: ~70 小组 raters assigned, ~45 raters' sheets,
        // the publication), as demo_handover: the store's FULL sync comes back whatever happens.
        self.conn().pragma_update(None, "synchronous", "NORMAL")?;
        let written = self.write_demo_scores(today, now);
        self.conn().pragma_update(None, "synchronous", "FULL")?;
        written
    }

    fn write_demo_scores(&mut self, today: NaiveDate, now: DateTime<Utc>) -> Result<u32> {
        let tz = self.require_site()?.tz();
        let last = ScoreMonth::of(today).previous();
        let mut months = vec![last];
        for _ in 0..PUBLISHED_MONTHS {
            let before = months[months.len() - 1].previous();
            months.push(before);
        }
        months.reverse();
        let seeded = local(tz, months[0].first_day(), 9, 0).min(now);
        self.seed_score_templates(Actor::system(seeded))?;
        self.demo_computed_items(Actor::system(seeded))?;
        let holidays: HashMap<NaiveDate, HolidayKind> = self
            .list_holidays()?
            .into_iter()
            .map(|h| (h.date, h.kind))
            .collect();
        let people: HashMap<String, ScorePerson> = self
            .score_people()?
            .into_iter()
            .map(|p| (p.person.clone(), p))
            .collect();
        let standing = Standing::new(&people);
        for (index, month) in months.iter().enumerate() {
            let plan = MonthPlan {
                month: *month,
                index,
                people: &people,
                standing: &standing,
                twins: HashMap::new(),
            };
            let window = self.assessment_window(*month, now)?;
            let mut days: Vec<NaiveDate> = window
                .opens_on
                .iter_days()
                .take_while(|d| *d <= window.closes_on)
                .filter(|d| is_working_day(*d, holidays.get(d).copied()))
                .collect();
            if days.is_empty() {
                days.push(window.closes_on);
            }
            // Never later than now (last month's window may not be over).
            let stamp = |day: usize, minutes: i64| {
                let date = days[day.min(days.len() - 1)];
                (local(tz, date, 9, 0) + Duration::minutes(minutes)).min(now - Duration::minutes(1))
            };
            self.demo_score_month(plan, *month == last, &stamp)?;
        }
        self.demo_improvement_plans(now)?;
        self.demo_spot_checks(today, now)?;
        let cells: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM scores", [], |r| r.get(0))?;
        Ok(cells as u32)
    }

    /// The site's first active supervisor, who keeps the demo's plans and spot checks.
    fn demo_supervisor(&self) -> Option<i64> {
        self.conn()
            .query_row(
                "SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok()
    }

    /// Spot checks (seed 004: each team at least twice a month) for the last three months and
    /// this one so far: two or three a team a month, on agents drawn in turn; this month one team
    /// has had only one yet, so the scores page flags it.
    fn demo_spot_checks(&mut self, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
        let tz = self.require_site()?.tz();
        let Some(form) = self.qa_forms()?.into_iter().next() else {
            return Ok(());
        };
        let supervisor = self.demo_supervisor();
        let people = self.score_people()?;
        let mut teams: BTreeMap<i64, Vec<&ScorePerson>> = BTreeMap::new();
        for p in people
            .iter()
            .filter(|p| p.active && p.agent_id.is_some() && p.role != Some(Role::TeamLead))
        {
            if let Some(team) = p.team_id {
                teams.entry(team).or_default().push(p);
            }
        }
        let this = ScoreMonth::of(today);
        let months = [
            this.previous().previous().previous(),
            this.previous().previous(),
            this.previous(),
            this,
        ];
        for month in months {
            for (t, (_, agents)) in teams.iter().enumerate() {
                let count = if month == this {
                    if t == 0 { 1 } else { 2 }
                } else {
                    2 + (month.month() as usize + t) % 2
                };
                for k in 0..count {
                    let day = 3 + (k as u32) * 9 + t as u32;
                    let Some(date) =
                        NaiveDate::from_ymd_opt(month.year(), month.month(), day.min(28))
                    else {
                        continue;
                    };
                    if date >= today {
                        continue;
                    }
                    let agent = agents[(month.month() as usize * 3 + k * 5 + t) % agents.len()];
                    let mut r =
                        rng(&["qa", &month.to_string(), &agent.employee_no, &k.to_string()]);
                    let target = 70.0 + tenths(&mut r, 0, 280);
                    let scores = form
                        .items
                        .iter()
                        .map(|i| {
                            let pct = (target + tenths(&mut r, -80, 80)).clamp(40.0, 100.0);
                            let halves = (i.max_points as f64 * pct / 100.0 * 2.0).round() as i64;
                            (i.id, (halves * 50).clamp(0, i.max_points * 100))
                        })
                        .collect();
                    let at = local(tz, date, 16, 0).min(now - Duration::minutes(10));
                    self.record_spot_check(
                        &crate::scores::SpotCheckInput {
                            form_id: form.id,
                            employee_no: agent.employee_no.clone(),
                            date,
                            sample: format!(
                                "订单 {}{:02}{:02}-{}",
                                month.year() % 100,
                                month.month(),
                                day,
                                100 + k * 37 + t
                            ),
                            note: None,
                            scores,
                        },
                        Actor {
                            user_id: supervisor,
                            at,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The published months' improvement plans as a 客服部主管 would have kept them: older months'
    /// filed, followed up and closed; the newest month's filed and followed up, except one left
    /// unfiled past its due date (overdue).
    fn demo_improvement_plans(&mut self, now: DateTime<Utc>) -> Result<()> {
        let tz = self.require_site()?.tz();
        let supervisor = self.demo_supervisor();
        let Some(supervisor) = supervisor else {
            return Ok(());
        };
        let plans = self.improvement_plans(None, now)?;
        let Some(newest) = plans.first().map(|p| p.month.clone()) else {
            return Ok(());
        };
        const CAUSES: [(&str, &str); 4] = [
            (
                "新人业务不熟，客户问题答复慢",
                "每周跟听录音两次，班长逐条点评；月底复测业务知识",
            ),
            (
                "迟到、旷工拉低了出勤纪律分",
                "排班前确认可出勤日；迟到当日由班长面谈并记录",
            ),
            (
                "有理投诉一起，服务用语不规范",
                "服务用语专项培训一次；质检抽查加倍一个月",
            ),
            (
                "咨询转化率偏低，促销规则掌握不足",
                "活动前一天参加促销规则培训；班长每日抽查三单",
            ),
        ];
        let mut left_overdue = false;
        for (i, p) in plans.iter().enumerate() {
            if p.month == newest && !left_overdue {
                left_overdue = true;
                continue;
            }
            let filed =
                local(tz, p.due_on - Duration::days(3), 10, 0).min(now - Duration::hours(2));
            let by = Actor::user(supervisor, filed);
            let (cause, plan) = CAUSES[i % CAUSES.len()];
            self.file_improvement_plan(p.id, cause, plan, by)?;
            let followed = (filed + Duration::days(7)).min(now - Duration::hours(1));
            self.add_improvement_followup(
                p.id,
                "第一周：已按计划跟进，班长点评两次",
                Actor::user(supervisor, followed),
            )?;
            if p.month != newest {
                let closed = (filed + Duration::days(21)).min(now - Duration::minutes(30));
                self.close_improvement_plan(
                    p.id,
                    "复测通过，次月考核回到合格以上",
                    Actor::user(supervisor, closed),
                )?;
            }
        }
        Ok(())
    }

    /// The demo shop's own version of 电商客服月度考核: 投诉比 counted from the valid complaints,
    /// and a 纪律类 group the floor fills (出勤纪律 from attendance, 现场纪律 from alerts and
    /// incidents), its 10 points taken from the 小组's two items (10 → 5 each).
    fn demo_computed_items(&mut self, actor: Actor) -> Result<()> {
        let Some(t) = self.score_template_by_name(DEMO_TEMPLATE)? else {
            return Ok(());
        };
        let formula = |name: &str| match name {
            "投诉比" => Some("max(0, 5 - 2.5 * complaints_valid)"),
            _ => None,
        };
        let mut items: Vec<ScoreItemInput> = t
            .items
            .iter()
            .map(|i| ScoreItemInput {
                group: i.group.clone(),
                name: i.name.clone(),
                max_points: if i.roles == RoleSet::only(RaterRole::Peer) {
                    5
                } else {
                    i.max_points
                },
                roles: i.roles,
                computed: formula(&i.name).is_some(),
                standard: i.standard.clone(),
                formula: formula(&i.name).map(str::to_owned),
            })
            .collect();
        for (name, formula, standard) in [
            (
                "出勤纪律",
                "max(0, 5 - late_count - early_count - 2 * absences)",
                "按考勤自动计算：迟到、早退每次扣 1 分，旷工每天扣 2 分，扣完为止",
            ),
            (
                "现场纪律",
                "max(0, 5 - alerts_total / 4 - 2 * incidents_floor_discipline)",
                "按现场告警与违规记录自动计算：每 4 条告警扣 1 分，每条已确认的现场纪律违规扣 2 分",
            ),
        ] {
            items.push(ScoreItemInput {
                group: "纪律类".into(),
                name: name.into(),
                max_points: 5,
                roles: RoleSet::only(RaterRole::Superior),
                computed: true,
                standard: standard.into(),
                formula: Some(formula.into()),
            });
        }
        let input = TemplateInput {
            name: t.name.clone(),
            cycle: t.cycle,
            items,
        };
        self.save_score_template(Some(t.id), &input, actor)?;
        Ok(())
    }

    /// One month: 小组 raters assigned, every rater's cells entered, then published or (last
    /// month) left open with an appeal and a confirmation.
    fn demo_score_month(
        &mut self,
        mut plan: MonthPlan<'_>,
        open: bool,
        stamp: &dyn Fn(usize, i64) -> DateTime<Utc>,
    ) -> Result<()> {
        let month = plan.month;
        let people = plan.people;
        let templates = self.score_templates_of_people(month)?;
        let mut items: HashMap<i64, Vec<ScoreItemRow>> = HashMap::new();
        for template in templates.values().collect::<HashSet<_>>() {
            items.insert(*template, self.score_template(*template)?.items);
        }
        let has_role = |person: &str, role: RaterRole| {
            templates
                .get(person)
                .and_then(|t| items.get(t))
                .is_some_and(|items| items.iter().any(|i| i.roles.contains(role)))
        };

        // 小组 raters: the next colleague by 工号 and one more that changes month to month, from
        // the person's team (not its 班长); someone without a team is rated by the 班长 and
        // supervisors.
        let mut ratees: Vec<&ScorePerson> =
            templates.keys().filter_map(|p| people.get(p)).collect();
        ratees.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        let assigned_at = stamp(0, -30);
        for ratee in &ratees {
            if !has_role(&ratee.person, RaterRole::Peer) {
                continue;
            }
            let mut pool: Vec<&ScorePerson> = ratees
                .iter()
                .copied()
                .filter(|p| p.person != ratee.person)
                .filter(|p| match ratee.team_id {
                    Some(team) => p.team_id == Some(team) && p.role != Some(Role::TeamLead),
                    None => matches!(p.role, Some(Role::TeamLead | Role::Supervisor)),
                })
                .collect();
            // From the next 工号 on, round the team.
            let split = pool
                .iter()
                .position(|p| p.employee_no > ratee.employee_no)
                .unwrap_or(pool.len());
            pool.rotate_left(split);
            let chosen: Vec<&ScorePerson> = if pool.len() <= PEERS {
                pool
            } else {
                let second = 1 + month.month() as usize % (pool.len() - 1);
                vec![pool[0], pool[second]]
            };
            for peer in chosen {
                self.assign_rater(
                    month,
                    &ratee.person,
                    RaterRole::Peer,
                    &peer.person,
                    Actor::system(assigned_at),
                )?;
            }
        }

        // Who rates whom, as the store has it now.
        let mut raters: BTreeMap<(String, RaterRole), Vec<String>> = BTreeMap::new();
        for a in self.month_raters(month)? {
            raters.entry((a.ratee, a.role)).or_default().push(a.rater);
        }
        let superior_no = |ratee: &str, slot: usize| -> String {
            raters
                .get(&(ratee.to_owned(), RaterRole::Superior))
                .and_then(|list| list.get(slot))
                .and_then(|r| people.get(r))
                .map_or_else(String::new, |p| p.employee_no.clone())
        };

        // An exact tie in a published month: two neighbours in standing on the same template,
        // each with one superior and two 小组 raters, the second's sheets copying the first's.
        if !open {
            let count = |p: &str, role| raters.get(&(p.to_owned(), role)).map_or(0, Vec::len);
            let mut alike: Vec<&ScorePerson> = ratees
                .iter()
                .copied()
                .filter(|p| p.role != Some(Role::TeamLead) && p.team_id.is_some())
                .filter(|p| {
                    count(&p.person, RaterRole::Superior) == 1
                        && count(&p.person, RaterRole::Peer) == PEERS
                        && count(&p.person, RaterRole::SelfRating) == 1
                })
                .collect();
            let common = alike
                .first()
                .and_then(|p| templates.get(&p.person))
                .copied();
            alike.retain(|p| templates.get(&p.person).copied() == common);
            alike.sort_by(|a, b| {
                plan.standing
                    .of(a, month, plan.index)
                    .total_cmp(&plan.standing.of(b, month, plan.index))
                    .then_with(|| a.employee_no.cmp(&b.employee_no))
            });
            if alike.len() >= 2 {
                // Twins need the same computed items too (those come from the floor, not the
                // sheets): the first such neighbours from the month's draw on.
                let values = self.computed_items(month, stamp(0, 0))?;
                let same = |a: &ScorePerson, b: &ScorePerson| {
                    let points = |p: &ScorePerson| {
                        values
                            .of(&p.person)
                            .iter()
                            .map(|c| c.points)
                            .collect::<Vec<_>>()
                    };
                    points(a) == points(b)
                };
                let start = (month.month() as usize * 7) % (alike.len() - 1);
                let j = (0..alike.len() - 1)
                    .map(|k| (start + k) % (alike.len() - 1))
                    .find(|&k| same(alike[k], alike[k + 1]))
                    .unwrap_or(start);
                plan.twins
                    .insert(alike[j + 1].person.clone(), alike[j].person.clone());
            }
        }

        // Last month: the last third by a draw of the month is unfinished.
        let mut unfinished: HashMap<String, Unfinished> = HashMap::new();
        if open {
            let m = month.to_string();
            let mut drawn: Vec<&ScorePerson> = ratees.clone();
            drawn.sort_by_key(|p| (seed(&["open", &m, &p.employee_no]), p.employee_no.clone()));
            let kinds = [
                Unfinished::SuperiorHalf,
                Unfinished::PeersNotStarted,
                Unfinished::PeerHalf,
            ];
            for (k, p) in drawn.iter().skip(drawn.len() - drawn.len() / 3).enumerate() {
                unfinished.insert(p.person.clone(), kinds[k % kinds.len()]);
            }
        }

        // Every rater's cells, by rater.
        let mut cells: BTreeMap<String, Vec<ScoreEntry>> = BTreeMap::new();
        for ((ratee, role), list) in &raters {
            let (Some(person), Some(template)) = (people.get(ratee), templates.get(ratee)) else {
                continue;
            };
            let role_items: Vec<&ScoreItemRow> = items[template]
                .iter()
                .filter(|i| i.roles.contains(*role) && !i.computed)
                .collect();
            if role_items.is_empty() {
                continue;
            }
            let half = role_items.len().div_ceil(2);
            // A twin is rated as strictly as the one they copy.
            let source = plan.twins.get(ratee).unwrap_or(ratee);
            for (slot, rater) in list.iter().enumerate() {
                let mut points =
                    plan.sheet(person, *role, slot, &superior_no(source, slot), &role_items);
                match (unfinished.get(ratee), role) {
                    (Some(Unfinished::SuperiorHalf), RaterRole::Superior) => points.truncate(half),
                    (Some(Unfinished::PeersNotStarted), RaterRole::Peer) => points.clear(),
                    (Some(Unfinished::PeerHalf), RaterRole::Peer) if slot == 0 => {
                        points.truncate(half)
                    }
                    (Some(Unfinished::PeerHalf), RaterRole::Peer) => points.clear(),
                    // Some finished people's second 小组 rater has not started either.
                    (None, RaterRole::Peer)
                        if open && slot == 1 && seed(&["late", ratee]).is_multiple_of(4) =>
                    {
                        points.clear()
                    }
                    _ => {}
                }
                cells
                    .entry(rater.clone())
                    .or_default()
                    .extend(points.into_iter().map(|(item_id, p)| ScoreEntry {
                        ratee: ratee.clone(),
                        role: *role,
                        item_id,
                        points: Some(p),
                    }));
            }
        }

        // Agents type theirs on the window's first working day, 班长 on the second, supervisors
        // and managers on the third; each rater's cells of the month in one go.
        let mut order: Vec<(usize, &String, &Vec<ScoreEntry>)> = cells
            .iter()
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(rater, entries)| {
                let day = match people.get(rater).and_then(|p| p.role) {
                    Some(Role::Supervisor | Role::Manager) => 2,
                    Some(Role::TeamLead) => 1,
                    _ => 0,
                };
                (day, rater, entries)
            })
            .collect();
        order.sort_by_key(|(day, rater, _)| (*day, people.get(*rater).map(|p| &p.employee_no)));
        for (n, (day, rater, entries)) in order.into_iter().enumerate() {
            let at = stamp(day, 5 * n as i64);
            let user_id = people.get(rater).and_then(|p| p.user_id);
            self.enter_scores(
                month,
                rater,
                entries,
                &WindowRule::Ignore,
                Actor { user_id, at },
            )?;
        }

        if !open {
            let at = stamp(usize::MAX, 7 * 60 + 30); // 16:30 on the window's last working day
            return match self.publish_scores(month, Actor::system(at)) {
                // A file whose people lack a rater in some role (no manager for a supervisor)
                // keeps the month open rather than failing the demo.
                Err(StoreError::Problem(p)) if p.code == ErrorCode::ScoresIncomplete => Ok(()),
                other => other.map(|_| ()),
            };
        }

        // One agent appeals and one confirms, among the fully rated with a login.
        let mut answering: Vec<&ScorePerson> = ratees
            .iter()
            .copied()
            .filter(|p| p.role == Some(Role::Agent) && p.user_id.is_some())
            .filter(|p| !unfinished.contains_key(&p.person))
            .collect();
        answering.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
        let answers = [
            (ScoreResponseKind::Appeal, Some(APPEAL_NOTE)),
            (ScoreResponseKind::Confirm, None),
        ];
        for (k, (p, (kind, note))) in answering.iter().zip(answers).enumerate() {
            let at = stamp(3, 6 * 60 + 20 * k as i64);
            let user = p.user_id.unwrap_or_default();
            self.respond_to_score(month, &p.person, kind, note, Actor::user(user, at))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_runs_from_a_few_below_70_to_the_mid_90s() {
        assert_eq!(standing_at(0.0), 64.0);
        assert_eq!(standing_at(1.0), 95.0);
        assert!((standing_at(0.11) - 71.0).abs() < 1e-9);
        assert!(standing_at(0.3) < standing_at(0.31));
    }

    #[test]
    fn sheets_are_whole_or_half_points_within_each_items_maximum() {
        let item = |id, max_points| ScoreItemRow {
            id,
            position: id,
            group: String::new(),
            name: format!("i{id}"),
            max_points,
            roles: floordesk_domain::scores::RoleSet::ALL,
            computed: false,
            standard: String::new(),
            formula: None,
        };
        let items = [item(1, 5), item(2, 10), item(3, 15)];
        let refs: Vec<&ScoreItemRow> = items.iter().collect();
        for target in [40.0, 75.0, 99.0, 120.0] {
            let mut r = rng(&["t", &target.to_string()]);
            for (id, points) in sheet_points(&refs, target, &mut r) {
                let max = items[id as usize - 1].max_points * 100;
                assert!((0..=max).contains(&points) && points % 50 == 0, "{points}");
            }
        }
        assert_eq!(seed(&["a", "b"]), seed(&["a", "b"]));
        assert_ne!(seed(&["ab"]), seed(&["a", "b"]));
    }
}
