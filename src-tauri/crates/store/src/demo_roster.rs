//! The demo's rosters, made as a lead would make them. Each team has a requirement per half
//! hour for every kind of day (Monday to Sunday, and holidays): a morning ramp, a lunch dip, an
//! evening tail, lighter weekends and holidays, and two agents through the night for 售后组,
//! which works round the clock. 售前一组's comes from Erlang C (its expected calls per half hour;
//! 4-minute calls, 80% answered within 20 s, 30% shrinkage; the calls and the inputs kept beside
//! the agents), the others' were typed. Each asks for at least 70% of the paid hours the team's
//! agents can work, and generation covers at least 95% of it (tests/it/demo_roster.rs).
//!
//! The rest days come first, as a 轮休 rota over the whole period (`rota`): everyone rests one
//! weekend day a week, so weekend shifts are shared out within one. Then every month from the
//! first day of the previous quarter to the end of this one is generated from the requirement
//! around them (自动排班: which shift each day, nights shared out, the requirement covered) and
//! published; a month whose nights or weekend shifts came out more than one apart is generated
//! again from another seed. Next month is a draft: generated for 售前二组 and 售后组, left to plan
//! for 售前一组 (the roster E2E builds a week in it by hand, the generation E2E generates it).
//!
//! Kept as the rest of the demo reads them (pinned while generating, unpinned after): today and
//! yesterday as the live floor was loaded with them (shifts.csv; nothing for 1010 and 1021, who
//! have no usual shift), 1008's two days of approved annual leave next week (left empty), 1012's
//! half day approved with nobody to cover (she works her usual shift that day; the roster's check
//! counts any day of leave as one without a shift and flags it), and the pending swap of 1002's
//! shift tomorrow with 1003's the day after (each works their own day). After a night shift the
//! morning starts when the night ends (`dawn_after_nights`), as the demo's handover book expects.

mod rota;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveTime};
use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::roster::{Cell, LeaveKind, RosterPolicy, fair_share, month_days};

use crate::import::{Columns, read_table_bytes};
use crate::leave::LeaveInput;
use crate::people::Team;
use crate::requirement::{
    DAY_KINDS, ErlangInputs, RequirementDay, RequirementSource, SLOTS as SLOTS_PER_DAY,
    day_kind_of, erlang_agents,
};
use crate::roster::CellInput;
use crate::swaps::SwapInput;
use crate::{Actor, Result, Store};
use rota::{Fixed, RotaAgent, plan_rest_days};

/// Generation's seed: the same rosters for the same day.
const SEED: u64 = 2026;
/// The search's length for a team's month: the greedy start and the whole-month re-plans do most
/// of the work, and a short search makes the shifts steadier. A team that works through the
/// night searches longer: its night shifts come in runs that must end on a rest day, and sharing
/// them out evenly takes more moves. (The demo is loaded on a first start, in a debug build too.)
const SEARCH_STEPS: u64 = 1_000;
const NIGHT_TEAM_SEARCH_STEPS: u64 = 5_000;
/// How many other seeds a team's month may be generated from when its nights or weekend shifts
/// are more than one apart.
const RESEEDS: u64 = 3;
/// The team whose next month is left for the user to plan.
const UNPLANNED_TEAM: &str = "售前一组";
/// Erlang C's inputs for it: 4-minute calls, 80% answered within 20 s, 30% shrinkage.
const DEMO_ERLANG: ErlangInputs = ErlangInputs {
    aht_sec: 240,
    sl_pct: 80,
    answer_sec: 20,
    shrinkage_pct: 30,
};

/// A day's profile as steps: from each `HH:MM` (a half hour's start) the value holds until the
/// next step; the first step's value also holds before it, the last one's to midnight.
type Steps = &'static [(&'static str, u32)];

/// A team's profile for a weekday, a weekend day and a holiday (Erlang C: calls; otherwise
/// agents).
struct Profile {
    weekday: Steps,
    weekend: Steps,
    holiday: Steps,
    erlang: bool,
    /// The fewest agents that cover a weekday, a weekend day and a holiday: the others may rest
    /// (the rota's room).
    heads: (usize, usize, usize),
}

/// 售前一组 (phone): expected calls per half hour. Erlang C makes of a weekday the work of all
/// twelve agents (3 白班, 6 常日班, 3 晚班), of a weekend day five, of a holiday six: each rests
/// one weekend day a week (做六休一).
const PRESALE_CALLS: Profile = Profile {
    weekday: &[
        ("00:00", 0),
        ("08:30", 4),
        ("09:00", 10),
        ("09:30", 25),
        ("12:00", 15),
        ("13:30", 26),
        ("16:00", 20),
        ("18:00", 5),
        ("22:00", 3),
        ("23:30", 0),
    ],
    weekend: &[
        ("00:00", 0),
        ("08:30", 1),
        ("09:00", 3),
        ("18:00", 1),
        ("23:30", 0),
    ],
    holiday: &[
        ("00:00", 0),
        ("08:30", 2),
        ("09:00", 5),
        ("18:00", 2),
        ("23:30", 0),
    ],
    erlang: true,
    heads: (12, 5, 6),
};
/// 售前二组 (phone): agents, the work of all twelve on a weekday (4 白班, 4 常日班, 4 晚班),
/// five on a weekend day, six on a holiday.
const PRESALE_AGENTS: Profile = Profile {
    weekday: &[
        ("00:00", 0),
        ("08:30", 3),
        ("09:00", 6),
        ("09:30", 7),
        ("10:00", 8),
        ("12:00", 6),
        ("13:30", 8),
        ("18:00", 4),
        ("21:00", 3),
        ("23:30", 0),
    ],
    weekend: &[
        ("00:00", 0),
        ("08:30", 2),
        ("09:00", 3),
        ("12:00", 2),
        ("13:30", 3),
        ("18:00", 2),
        ("21:00", 1),
        ("23:30", 0),
    ],
    holiday: &[
        ("00:00", 0),
        ("08:30", 2),
        ("09:00", 3),
        ("09:30", 4),
        ("18:00", 2),
        ("23:30", 0),
    ],
    erlang: false,
    heads: (12, 5, 6),
};
/// 售后组 (chat, round the clock): agents, two through the night (夜班); the work of ten on a
/// weekday, five on a weekend day, seven on a holiday (it had ten agents until mid-August, twelve
/// from September).
const AFTERSALE_AGENTS: Profile = Profile {
    weekday: &[
        ("00:00", 2),
        ("08:30", 3),
        ("09:00", 5),
        ("12:00", 4),
        ("13:30", 5),
        ("18:00", 3),
        ("23:30", 2),
    ],
    weekend: &[
        ("00:00", 2),
        ("08:30", 1),
        ("09:00", 2),
        ("18:00", 1),
        ("23:30", 2),
    ],
    holiday: &[
        ("00:00", 2),
        ("08:30", 2),
        ("09:00", 3),
        ("18:00", 2),
        ("23:30", 2),
    ],
    erlang: false,
    heads: (10, 5, 7),
};

/// How busy a kind of day's calls are against its profile, in percent: Monday a little more,
/// Friday a little less.
fn day_factor(kind: &str) -> u32 {
    match kind {
        "1" => 105,
        "5" => 95,
        _ => 100,
    }
}

fn slot_of(time: &str) -> usize {
    NaiveTime::parse_from_str(time, "%H:%M").map_or(0, |t| {
        (t.signed_duration_since(NaiveTime::MIN).num_minutes() / 30) as usize
    })
}

/// The 48 half hours of a profile.
fn expand(steps: Steps) -> [u32; SLOTS_PER_DAY] {
    let mut out = [steps.first().map_or(0, |s| s.1); SLOTS_PER_DAY];
    for (i, (from, value)) in steps.iter().enumerate() {
        let to = steps.get(i + 1).map_or(SLOTS_PER_DAY, |s| slot_of(s.0));
        for slot in out.iter_mut().take(to).skip(slot_of(from)) {
            *slot = *value;
        }
    }
    out
}

/// `value × percent`, rounded half up, never below 1 when `value` is not 0.
fn scaled(value: u32, percent: u32) -> u32 {
    if value == 0 {
        return 0;
    }
    ((value * percent + 50) / 100).max(1)
}

/// One team's requirement for every kind of day: Erlang C's agents for the calls, or the agents
/// typed.
fn demo_requirement(team_id: i64, profile: &Profile) -> Vec<RequirementDay> {
    DAY_KINDS
        .iter()
        .map(|kind| {
            let base = expand(match *kind {
                "6" | "7" => profile.weekend,
                "holiday" => profile.holiday,
                _ => profile.weekday,
            });
            let factor = if profile.erlang {
                day_factor(kind)
            } else {
                100
            };
            let values: Vec<u32> = base.iter().map(|v| scaled(*v, factor)).collect();
            if profile.erlang {
                let agents = erlang_agents(&values, &DEMO_ERLANG);
                RequirementDay {
                    team_id,
                    day_kind: (*kind).to_owned(),
                    source: RequirementSource::Erlang,
                    agents,
                    contacts: Some(values),
                    erlang: Some(DEMO_ERLANG),
                    updated_at: None,
                }
            } else {
                RequirementDay {
                    team_id,
                    day_kind: (*kind).to_owned(),
                    source: RequirementSource::Typed,
                    agents: values
                        .iter()
                        .map(|a| u16::try_from(*a).unwrap_or(u16::MAX))
                        .collect(),
                    contacts: None,
                    erlang: None,
                    updated_at: None,
                }
            }
        })
        .collect()
}

/// The search's length for a team's month (see [`SEARCH_STEPS`]).
fn search_steps(team: &str) -> u64 {
    let at_night = team_profile(team).is_some_and(|p| expand(p.weekday)[6] > 0);
    if at_night {
        NIGHT_TEAM_SEARCH_STEPS
    } else {
        SEARCH_STEPS
    }
}

/// The profile of a demo team by name.
fn team_profile(name: &str) -> Option<&'static Profile> {
    match name {
        "售前一组" => Some(&PRESALE_CALLS),
        "售前二组" => Some(&PRESALE_AGENTS),
        "售后组" => Some(&AFTERSALE_AGENTS),
        _ => None,
    }
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

impl Store {
    /// Writes the demo's rosters around `today` (see the module); `today` and the day before
    /// keep the shifts the live floor was loaded with.
    pub(crate) fn load_demo_roster(
        &mut self,
        today: NaiveDate,
        shifts_csv: &str,
        actor: Actor,
    ) -> Result<()> {
        // Some hundred small transactions (a month of a team written at a time): a demo being
        // loaded need not wait for the disk after each, as for the handover book's; the store's
        // FULL sync comes back whatever happens.
        self.conn().pragma_update(None, "synchronous", "NORMAL")?;
        let written = self.write_demo_roster(today, shifts_csv, actor);
        self.conn().pragma_update(None, "synchronous", "FULL")?;
        written
    }

    fn write_demo_roster(
        &mut self,
        today: NaiveDate,
        shifts_csv: &str,
        actor: Actor,
    ) -> Result<()> {
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        let Some((_, last)) = month_days(today.year(), today.month()) else {
            return Ok(());
        };
        let next = last + Days::new(1);
        let first = demo_roster_start(today);
        let teams = self.list_teams()?;

        // 1. The requirement.
        let mut requirement = Vec::new();
        for team in &teams {
            if let Some(profile) = team_profile(&team.name) {
                requirement.extend(demo_requirement(team.id, profile));
            }
        }
        self.put_requirement_days(&requirement, actor)?;

        // 2. The leave, before generating: generation leaves 1008's days empty.
        let leave = LeaveInput {
            employee_no: "1008".into(),
            from: today + Days::new(7),
            to: today + Days::new(8),
            kind: LeaveKind::Annual,
            half_day: false,
            reason: Some("回老家探亲".into()),
            cover: Some("1009".into()),
        };
        // 1012 takes a half day next week, approved with nobody arranged to cover (seed 004).
        let no_cover = LeaveInput {
            employee_no: "1012".into(),
            from: today + Days::new(9),
            to: today + Days::new(9),
            kind: LeaveKind::Personal,
            half_day: true,
            reason: Some("办理证件".into()),
            cover: None,
        };
        self.write(|tx| {
            Store::insert_leave(tx, &leave, true, actor)?;
            Store::insert_leave(tx, &no_cover, true, actor).map(|_| ())
        })?;

        // 3. The cells kept, pinned while generating: today and yesterday as the live floor has
        // them (an agent with no usual shift has nothing written, and keeps nothing), the two
        // shifts of the swap and 1012's shift on her half day.
        let usual = usual_shifts(self, shifts_csv)?;
        let mut kept: BTreeMap<(String, NaiveDate), Option<String>> = BTreeMap::new();
        for agent in self.list_agents(false)? {
            for date in [yesterday, today] {
                kept.insert(
                    (agent.employee_no.clone(), date),
                    usual.get(&agent.employee_no).cloned(),
                );
            }
        }
        let usual_of = |no: &str| Some(usual.get(no).cloned().unwrap_or_else(|| "D".to_owned()));
        let (swap_a, swap_b) = (today + Days::new(1), today + Days::new(2));
        kept.insert(("1002".into(), swap_a), usual_of("1002"));
        kept.insert(("1003".into(), swap_b), usual_of("1003"));
        kept.insert(("1012".into(), no_cover.from), usual_of("1012"));
        let cells: Vec<CellInput> = kept
            .iter()
            .filter_map(|((no, date), cell)| {
                Some(CellInput {
                    employee_no: no.clone(),
                    date: *date,
                    cell: cell.clone()?,
                })
            })
            .collect();
        self.put_roster_cells(&cells, None, actor)?;
        let pins: Vec<(String, NaiveDate)> = kept.keys().cloned().collect();
        self.pin_roster_cells(&pins, true, actor)?;

        // 4. The rest days, one weekend day a week for everyone (see `rota`), pinned too.
        let calendar: BTreeMap<NaiveDate, HolidayKind> = self
            .list_holidays()?
            .into_iter()
            .map(|h| (h.date, h.kind))
            .collect();
        let policy = RosterPolicy::from_settings(&self.policy_at(actor.at)?);
        let mut fixed: BTreeMap<(String, NaiveDate), Fixed> = kept
            .iter()
            .map(|(key, cell)| {
                let day = if cell.is_some() {
                    Fixed::Work
                } else {
                    Fixed::Off
                };
                (key.clone(), day)
            })
            .collect();
        for day in [leave.from, leave.to] {
            fixed
                .entry((leave.employee_no.clone(), day))
                .or_insert(Fixed::Off);
        }
        let agents = self.list_agents(false)?;
        let mut rests = Vec::new();
        for team in &teams {
            let Some(profile) = team_profile(&team.name) else {
                continue;
            };
            let members: Vec<RotaAgent> = agents
                .iter()
                .filter(|a| a.team_id == team.id)
                .map(|a| RotaAgent {
                    employee_no: a.employee_no.clone(),
                    joined_on: a.hired_on,
                    left_on: a.left_on,
                })
                .collect();
            let room = |date: NaiveDate| {
                let employed = members
                    .iter()
                    .filter(|a| a.joined_on.is_none_or(|d| d <= date))
                    .filter(|a| a.left_on.is_none_or(|d| date <= d))
                    .count();
                let kind = day_kind_of(date, calendar.get(&date).copied(), true);
                let heads = match kind.as_str() {
                    "6" | "7" => profile.heads.1,
                    "holiday" => profile.heads.2,
                    _ => profile.heads.0,
                };
                employed.saturating_sub(heads)
            };
            let until = if team.name == UNPLANNED_TEAM {
                last
            } else {
                month_days(next.year(), next.month()).map_or(last, |m| m.1)
            };
            let planned = plan_rest_days(first, until, &members, &fixed, &calendar, &room, &policy);
            for (no, days) in planned {
                rests.extend(days.into_iter().map(|date| CellInput {
                    employee_no: no.clone(),
                    date,
                    cell: "休".to_owned(),
                }));
            }
        }
        // Generation judges the rest between two shifts within its month only: a kept shift on
        // a month's first day is preceded, when that agent works the day before, by the same
        // shift (a day apart, whatever it is), not by a night ending too close to it.
        let resting: BTreeSet<(String, NaiveDate)> = rests
            .iter()
            .map(|c| (c.employee_no.clone(), c.date))
            .collect();
        for ((no, date), cell) in &kept {
            let before = *date - Duration::days(1);
            let key = (no.clone(), before);
            if let Some(cell) = cell
                && date.day() == 1
                && before >= first
                && !kept.contains_key(&key)
                && !resting.contains(&key)
            {
                rests.push(CellInput {
                    employee_no: no.clone(),
                    date: before,
                    cell: cell.clone(),
                });
            }
        }
        self.put_roster_cells(&rests, None, actor)?;
        let rest_pins: Vec<(String, NaiveDate)> = rests
            .iter()
            .map(|c| (c.employee_no.clone(), c.date))
            .collect();
        self.pin_roster_cells(&rest_pins, true, actor)?;

        // 5. Every month generated in order (each reads the end of the one before), published
        // up to this one; next month a draft.
        let months: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= next)
            .filter(|d| d.day() == 1)
            .collect();
        for (i, month) in months.iter().enumerate() {
            let key = month_key(*month);
            let draft = *month == next;
            let planned: Vec<&Team> = teams
                .iter()
                .filter(|t| !(draft && t.name == UNPLANNED_TEAM))
                .collect();
            let seed = |team_id: i64, attempt: u64| {
                SEED + 100 * team_id.unsigned_abs() + i as u64 + 1_000 * attempt
            };
            // The teams' months at once: each reads only its own team's cells.
            let jobs = planned
                .iter()
                .map(|t| {
                    let seed = seed(t.id, 0);
                    let steps = Some(search_steps(&t.name));
                    self.generation_job(t.id, &key, seed, *month, steps, actor)
                })
                .collect::<Result<Vec<_>>>()?;
            let generated: Vec<_> = std::thread::scope(|scope| {
                let running: Vec<_> = jobs
                    .iter()
                    .map(|job| scope.spawn(move || job.run(&mut |_| true)))
                    .collect();
                running
                    .into_iter()
                    .map(|run| run.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            for ((team, job), generated) in planned.iter().zip(&jobs).zip(generated) {
                // Never cancelled: the progress callback always answers to go on.
                if let Ok(generated) = generated {
                    self.write_generation(job, &generated, actor)?;
                }
                self.dawn_after_nights(team.id, *month, actor)?;
                self.rest_before_kept_shifts(team.id, *month, actor)?;
                // A search that leaves nights or weekends more than one apart is run again
                // from another seed (the first that shares them out, else the best).
                let mut best = (self.demo_spread(team.id, *month)?, 0);
                for attempt in 1..=RESEEDS {
                    if best.0 <= 1 {
                        break;
                    }
                    self.generate_demo_month(team, *month, seed(team.id, attempt), actor)?;
                    let spread = self.demo_spread(team.id, *month)?;
                    if spread < best.0 {
                        best = (spread, attempt);
                    }
                    if spread <= 1 {
                        break;
                    }
                    if attempt == RESEEDS && best.1 != attempt {
                        self.generate_demo_month(team, *month, seed(team.id, best.1), actor)?;
                    }
                }
                if !draft {
                    self.publish_roster(team.id, &key, None, actor)?;
                }
            }
        }
        // The pins served generation. In a published month they mean nothing more; next month
        // keeps only those of the swap and the half day (the rota's rest days are the draft's).
        let unpin: Vec<(String, NaiveDate)> = pins
            .into_iter()
            .filter(|(_, date)| *date < next)
            .chain(rest_pins)
            .collect();
        self.pin_roster_cells(&unpin, false, actor)?;

        self.request_swap(
            &SwapInput {
                employee_no_a: "1002".into(),
                date_a: swap_a,
                employee_no_b: "1003".into(),
                date_b: Some(swap_b),
                reason: "孩子开家长会，与张伟换班".into(),
            },
            actor,
        )?;
        Ok(())
    }
}

impl Store {
    /// Generates one team's month from its first day, then lets the morning after a night start
    /// when the night ends.
    fn generate_demo_month(
        &mut self,
        team: &Team,
        month: NaiveDate,
        seed: u64,
        actor: Actor,
    ) -> Result<()> {
        // Never cancelled: the progress callback always answers to go on.
        let _ = self.generate_roster_from(
            team.id,
            &month_key(month),
            seed,
            month,
            Some(search_steps(&team.name)),
            actor,
            &mut |_| true,
        )?;
        self.dawn_after_nights(team.id, month, actor)?;
        self.rest_before_kept_shifts(team.id, month, actor)
    }

    /// Generation judges the rest between two shifts on the later one's date, within its month
    /// only: a night (夜班) on the month's last day could end too close to a shift the demo keeps
    /// on the next day (the live floor's yesterday, the swap's shift). That night goes to a
    /// teammate it suits, who takes it for their own shift that day (the one with the fewest
    /// nights); failing that, the day becomes a rest day (one more than the month owes, which no
    /// rule forbids).
    fn rest_before_kept_shifts(
        &mut self,
        team_id: i64,
        month: NaiveDate,
        actor: Actor,
    ) -> Result<()> {
        let Some((first, last)) = month_days(month.year(), month.month()) else {
            return Ok(());
        };
        let (before, next) = (last - Duration::days(1), last + Duration::days(1));
        let templates = self.shift_templates()?;
        let policy = self.policy_at(actor.at)?;
        let min_rest = Duration::hours(
            policy
                .get("min_rest_between_shifts_h")
                .copied()
                .unwrap_or(8),
        );
        let nos: BTreeSet<String> = self
            .list_agents(false)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .map(|a| a.employee_no)
            .collect();
        let pins = self.roster_pins(last, last)?;
        let mut cells: BTreeMap<(String, NaiveDate), Cell> = BTreeMap::new();
        let mut nights: BTreeMap<String, usize> = BTreeMap::new();
        for c in self.roster_cells_among(first, next, Some(&nos))? {
            if let Ok(cell) = Cell::parse(&c.cell, &templates) {
                if c.date <= last && cell.times(c.date, &templates).is_some_and(|t| t.night) {
                    *nights.entry(c.employee_no.clone()).or_default() += 1;
                }
                cells.insert((c.employee_no, c.date), cell);
            }
        }
        let times = |no: &str, date: NaiveDate, cells: &BTreeMap<(String, NaiveDate), Cell>| {
            cells
                .get(&(no.to_owned(), date))
                .and_then(|c| c.times(date, &templates))
        };
        // Whether `no` may work `cell` on the last day, between their own days around it.
        let fits = |no: &str, cell: &Cell, cells: &BTreeMap<(String, NaiveDate), Cell>| {
            let Some(t) = cell.times(last, &templates) else {
                return true;
            };
            times(no, before, cells).is_none_or(|y| y.end + min_rest <= t.start)
                && times(no, next, cells).is_none_or(|n| t.end + min_rest <= n.start)
        };
        let mut changes = Vec::new();
        for no in &nos {
            let Some(own) = cells.get(&(no.clone(), last)).cloned() else {
                continue;
            };
            if fits(no, &own, &cells) || pins.contains(&(no.clone(), last)) {
                continue;
            }
            let partner = nos
                .iter()
                .filter(|x| *x != no && !pins.contains(&((*x).clone(), last)))
                .filter_map(|x| Some((x, cells.get(&(x.clone(), last))?.clone())))
                .filter(|(x, theirs)| {
                    theirs.is_work() && fits(no, theirs, &cells) && fits(x, &own, &cells)
                })
                .min_by_key(|(x, _)| nights.get(*x).copied().unwrap_or(0));
            let (mine, partner) = match partner {
                Some((x, theirs)) => (theirs, Some((x.clone(), own))),
                None => (Cell::Rest, None),
            };
            changes.push(CellInput {
                employee_no: no.clone(),
                date: last,
                cell: mine.text(),
            });
            cells.insert((no.clone(), last), mine);
            if let Some((x, cell)) = partner {
                changes.push(CellInput {
                    employee_no: x.clone(),
                    date: last,
                    cell: cell.text(),
                });
                cells.insert((x, last), cell);
            }
        }
        if !changes.is_empty() {
            self.put_roster_cells(&changes, None, actor)?;
        }
        Ok(())
    }

    /// The wider of the team's spreads of nights and of weekend shifts in the month (fewest to
    /// most, over its agents with a cell in it), as the roster's fairness counts them.
    fn demo_spread(&self, team_id: i64, month: NaiveDate) -> Result<u32> {
        let Some((first, last)) = month_days(month.year(), month.month()) else {
            return Ok(0);
        };
        let templates = self.shift_templates()?;
        let calendar: HashMap<NaiveDate, HolidayKind> = self
            .list_holidays()?
            .into_iter()
            .map(|h| (h.date, h.kind))
            .collect();
        let nos: BTreeSet<String> = self
            .list_agents(false)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .map(|a| a.employee_no)
            .collect();
        let mut cells: BTreeMap<String, BTreeMap<NaiveDate, Cell>> = BTreeMap::new();
        for c in self.roster_cells_among(first, last, Some(&nos))? {
            if let Ok(cell) = Cell::parse(&c.cell, &templates) {
                cells.entry(c.employee_no).or_default().insert(c.date, cell);
            }
        }
        let shares: Vec<_> = cells
            .iter()
            .map(|(no, cells)| fair_share(no, cells, &templates, &calendar))
            .collect();
        let spread = |count: &dyn Fn(&floordesk_domain::roster::FairShare) -> u32| {
            let counts = shares.iter().map(count);
            counts.clone().max().unwrap_or(0) - counts.min().unwrap_or(0)
        };
        Ok(spread(&|s| s.nights).max(spread(&|s| s.weekend_shifts)))
    }

    /// After a night shift (夜班 ends 08:30), the team's morning starts when the night ends: when
    /// generation left the morning to a later shift only (常日班 09:00), one of those agents takes
    /// the shift that starts at the night's end instead (白班 08:30, a lawful change: it starts
    /// later than eight hours after any shift that lets one start at 09:00 and ends earlier). The
    /// demo's handover book signs a night face to face with the next shift when it starts within
    /// the policy's gap, and opens that shift's log at its roll call.
    fn dawn_after_nights(&mut self, team_id: i64, month: NaiveDate, actor: Actor) -> Result<()> {
        let Some((first, last)) = month_days(month.year(), month.month()) else {
            return Ok(());
        };
        let templates = self.shift_templates()?;
        let policy = self.policy_at(actor.at)?;
        let gap = Duration::minutes(policy.get("handover_gap_min").copied().unwrap_or(60));
        let min_rest = Duration::hours(
            policy
                .get("min_rest_between_shifts_h")
                .copied()
                .unwrap_or(8),
        );
        let nos: BTreeSet<String> = self
            .list_agents(false)?
            .into_iter()
            .filter(|a| a.team_id == team_id)
            .map(|a| a.employee_no)
            .collect();
        let pins = self.roster_pins(first, last)?;
        let mut by_day: BTreeMap<NaiveDate, Vec<(String, Cell)>> = BTreeMap::new();
        for c in self.roster_cells_among(first - Duration::days(1), last, Some(&nos))? {
            if let Ok(cell) = Cell::parse(&c.cell, &templates) {
                by_day
                    .entry(c.date)
                    .or_default()
                    .push((c.employee_no, cell));
            }
        }
        let times = |date: NaiveDate, cell: &Cell| cell.times(date, &templates);
        let mut changes = Vec::new();
        for date in first.iter_days().take_while(|d| *d <= last) {
            let before = date - Duration::days(1);
            let empty = Vec::new();
            let (yesterday, today) = (
                by_day.get(&before).unwrap_or(&empty),
                by_day.get(&date).unwrap_or(&empty),
            );
            // The latest night ending this morning.
            let Some(dawn) = yesterday
                .iter()
                .filter_map(|(_, c)| times(before, c))
                .map(|t| t.end)
                .filter(|end| end.date() == date)
                .max()
            else {
                continue;
            };
            let starts: Vec<_> = today
                .iter()
                .filter_map(|(_, c)| times(date, c))
                .map(|t| t.start)
                .collect();
            if starts.contains(&dawn) || !starts.iter().any(|s| *s > dawn && *s <= dawn + gap) {
                continue;
            }
            let Some(early) = templates
                .iter()
                .find(|t| !t.night && date.and_time(t.start) == dawn)
            else {
                continue;
            };
            let early_cell = Cell::Shift(early.code.clone());
            let Some(early_times) = times(date, &early_cell) else {
                continue;
            };
            let swap = today.iter().find(|(no, c)| {
                let Some(t) = times(date, c) else {
                    return false;
                };
                let rested = yesterday
                    .iter()
                    .filter(|(other, _)| other == no)
                    .filter_map(|(_, c)| times(before, c))
                    .all(|y| y.end + min_rest <= early_times.start);
                t.start > dawn
                    && t.start <= dawn + gap
                    && early_times.end <= t.end
                    && rested
                    && !pins.contains(&(no.clone(), date))
            });
            if let Some((no, _)) = swap {
                changes.push(CellInput {
                    employee_no: no.clone(),
                    date,
                    cell: early.code.clone(),
                });
            }
        }
        if !changes.is_empty() {
            self.put_roster_cells(&changes, None, actor)?;
        }
        Ok(())
    }
}

/// Each agent's usual shift in shifts.csv, as a cell's text.
fn usual_shifts(store: &Store, shifts_csv: &str) -> Result<BTreeMap<String, String>> {
    let templates = store.shift_templates()?;
    let table = read_table_bytes("shifts.csv", "csv", shifts_csv.as_bytes().to_vec())?;
    let cols = Columns::new(&table.headers);
    let (no, start, end) = (
        cols.find(&["employee_no"]),
        cols.find(&["start"]),
        cols.find(&["end"]),
    );
    let mut out = BTreeMap::new();
    for r in &table.rows {
        let time = |c: Option<(usize, &str)>| {
            NaiveTime::parse_from_str(r.cell(c.map(|c| c.0)), "%H:%M").ok()
        };
        let (Some(s), Some(e)) = (time(start), time(end)) else {
            continue;
        };
        out.insert(
            r.cell(no.map(|c| c.0)).to_owned(),
            Cell::from_times(s, e, &templates).text(),
        );
    }
    Ok(out)
}

/// The first day of the quarter before `today`'s: the demo's rosters and history start there.
pub(crate) fn demo_roster_start(today: NaiveDate) -> NaiveDate {
    let quarter_month = (today.month() - 1) / 3 * 3 + 1;
    let (year, month) = if quarter_month > 3 {
        (today.year(), quarter_month - 3)
    } else {
        (today.year() - 1, quarter_month + 9)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today)
}
