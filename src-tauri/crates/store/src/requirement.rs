//! Each team's requirement (agents needed per half hour) by kind of day: Monday to Sunday
//! (`"1"`–`"7"`) and `"holiday"`, with how it was made (typed, imported, or Erlang C with its
//! inputs kept beside the result). A day kind with no row needs nobody.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use floordesk_domain::calendar::HolidayKind;
use floordesk_domain::roster::erlang::{ErlangInput, agents_needed};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::{Actor, Result, Store, from_ms, to_ms};

/// Half hours in a day: slot `i` is local time `i × 30 min` to `(i + 1) × 30 min`.
pub const SLOTS: usize = 48;

/// How a day's requirement was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RequirementSource {
    Typed,
    Import,
    Erlang,
}

impl RequirementSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementSource::Typed => "typed",
            RequirementSource::Import => "import",
            RequirementSource::Erlang => "erlang",
        }
    }

    fn parse(text: &str) -> RequirementSource {
        match text {
            "import" => RequirementSource::Import,
            "erlang" => RequirementSource::Erlang,
            _ => RequirementSource::Typed,
        }
    }
}

/// Erlang C's inputs besides the contacts: handling time, the service-level target (`sl_pct`
/// percent answered within `answer_sec` seconds) and shrinkage (breaks, meals, meetings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ErlangInputs {
    pub aht_sec: u32,
    pub sl_pct: u8,
    pub answer_sec: u32,
    pub shrinkage_pct: u8,
}

/// One team's requirement for one kind of day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RequirementDay {
    pub team_id: i64,
    /// `"1"`–`"7"` (Monday–Sunday) or `"holiday"`.
    pub day_kind: String,
    pub source: RequirementSource,
    /// Agents needed in each of the 48 half hours.
    pub agents: Vec<u16>,
    /// Expected contacts per half hour, when Erlang C computed `agents` from them.
    pub contacts: Option<Vec<u32>>,
    pub erlang: Option<ErlangInputs>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The kinds of day a requirement is kept for.
pub const DAY_KINDS: [&str; 8] = ["1", "2", "3", "4", "5", "6", "7", "holiday"];

/// The requirement a date follows: a holiday's own when there is one, else its weekday's. A
/// 调休 working day on a weekend works like a Monday.
pub fn day_kind_of(
    date: NaiveDate,
    calendar: Option<HolidayKind>,
    has_holiday_profile: bool,
) -> String {
    match calendar {
        Some(HolidayKind::Holiday) if has_holiday_profile => "holiday".into(),
        Some(HolidayKind::Workday) if date.weekday().number_from_monday() >= 6 => "1".into(),
        _ => date.weekday().number_from_monday().to_string(),
    }
}

/// Agents to roster in each half hour by Erlang C, from the contacts expected in each (at most
/// a day's 48 half hours).
pub fn erlang_agents(contacts: &[u32], inputs: &ErlangInputs) -> Vec<u16> {
    contacts
        .iter()
        .take(SLOTS)
        .map(|&c| {
            let needed = agents_needed(&ErlangInput {
                contacts: f64::from(c),
                interval_sec: 1800,
                aht_sec: inputs.aht_sec,
                target_pct: inputs.sl_pct,
                answer_sec: inputs.answer_sec,
                shrinkage_pct: inputs.shrinkage_pct,
            });
            u16::try_from(needed).unwrap_or(u16::MAX)
        })
        .collect()
}

/// Each date from `first` to `last` with the kind of day it follows and that kind's agents per
/// half hour (`None` when the team has no requirement for it).
pub fn requirement_by_date(
    profiles: &BTreeMap<String, RequirementDay>,
    calendar: &BTreeMap<NaiveDate, HolidayKind>,
    first: NaiveDate,
    last: NaiveDate,
) -> BTreeMap<NaiveDate, (String, Option<[u16; SLOTS]>)> {
    let has_holiday = profiles.contains_key("holiday");
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|date| {
            let kind = day_kind_of(date, calendar.get(&date).copied(), has_holiday);
            let slots = profiles.get(&kind).map(|day| {
                let mut slots = [0u16; SLOTS];
                for (slot, &n) in slots.iter_mut().zip(&day.agents) {
                    *slot = n;
                }
                slots
            });
            (date, (kind, slots))
        })
        .collect()
}

fn invalid(field: &str, message: impl Into<String>) -> crate::StoreError {
    Problem::new(ErrorCode::ValidationRequired, message.into())
        .with("field", field)
        .into()
}

impl Store {
    /// A team's requirement, by kind of day (only the kinds that have one).
    pub fn requirement(&self, team_id: i64) -> Result<BTreeMap<String, RequirementDay>> {
        let mut out = BTreeMap::new();
        let mut days = self.conn().prepare_cached(
            "SELECT day_kind, source, aht_sec, sl_pct, answer_sec, shrinkage_pct, updated_at
             FROM requirement_days WHERE team_id = ?1",
        )?;
        let rows = days.query_map([team_id], |r| {
            let erlang = match (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?) {
                (Some(aht_sec), Some(sl_pct), Some(answer_sec), Some(shrinkage_pct)) => {
                    Some(ErlangInputs {
                        aht_sec,
                        sl_pct,
                        answer_sec,
                        shrinkage_pct,
                    })
                }
                _ => None,
            };
            Ok(RequirementDay {
                team_id,
                day_kind: r.get(0)?,
                source: RequirementSource::parse(&r.get::<_, String>(1)?),
                agents: vec![0; SLOTS],
                contacts: erlang.map(|_| vec![0; SLOTS]),
                erlang,
                updated_at: Some(from_ms(r.get(6)?)),
            })
        })?;
        for day in rows {
            let day = day?;
            out.insert(day.day_kind.clone(), day);
        }
        let mut slots = self.conn().prepare_cached(
            "SELECT day_kind, slot, agents, contacts FROM requirement_slots WHERE team_id = ?1",
        )?;
        let rows = slots.query_map([team_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u16>(2)?,
                r.get::<_, Option<u32>>(3)?,
            ))
        })?;
        for row in rows {
            let (kind, slot, agents, contacts) = row?;
            if let (Some(day), Ok(slot)) = (out.get_mut(&kind), usize::try_from(slot))
                && slot < SLOTS
            {
                day.agents[slot] = agents;
                if let (Some(c), Some(all)) = (contacts, day.contacts.as_mut()) {
                    all[slot] = c;
                }
            }
        }
        Ok(out)
    }

    /// Replaces a team's requirement for one kind of day (no half hour needing anyone removes
    /// it).
    pub fn put_requirement_day(&mut self, day: &RequirementDay, actor: Actor) -> Result<()> {
        check_day(day)?;
        self.require_team_reach(day.team_id, actor)?;
        self.write(|tx| write_day(tx, day, actor))
    }

    /// Replaces several days at once, all or nothing.
    pub fn put_requirement_days(&mut self, days: &[RequirementDay], actor: Actor) -> Result<()> {
        for day in days {
            check_day(day)?;
            self.require_team_reach(day.team_id, actor)?;
        }
        self.write(|tx| days.iter().try_for_each(|day| write_day(tx, day, actor)))
    }

    /// Whether the team has any requirement.
    pub fn has_requirement(&self, team_id: i64) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM requirement_days WHERE team_id = ?1 LIMIT 1",
                [team_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

fn check_day(day: &RequirementDay) -> Result<()> {
    if !DAY_KINDS.contains(&day.day_kind.as_str()) {
        return Err(invalid("day_kind", "a day kind is 1–7 or holiday"));
    }
    if day.agents.len() != SLOTS {
        return Err(invalid("agents", "a day has 48 half hours"));
    }
    if (day.source == RequirementSource::Erlang) != day.erlang.is_some() {
        return Err(invalid(
            "erlang",
            "Erlang C's inputs go with an Erlang C day",
        ));
    }
    if day.contacts.as_ref().is_some_and(|c| c.len() != SLOTS) {
        return Err(invalid("contacts", "a day has 48 half hours"));
    }
    Ok(())
}

fn write_day(tx: &Transaction<'_>, day: &RequirementDay, actor: Actor) -> Result<()> {
    tx.execute(
        "DELETE FROM requirement_days WHERE team_id = ?1 AND day_kind = ?2",
        params![day.team_id, day.day_kind],
    )?;
    let empty = day.agents.iter().all(|&a| a == 0)
        && day
            .contacts
            .as_ref()
            .is_none_or(|c| c.iter().all(|&x| x == 0));
    if !empty {
        let e = day.erlang;
        tx.execute(
            "INSERT INTO requirement_days
             (team_id, day_kind, source, aht_sec, sl_pct, answer_sec, shrinkage_pct, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                day.team_id,
                day.day_kind,
                day.source.as_str(),
                e.map(|e| e.aht_sec),
                e.map(|e| e.sl_pct),
                e.map(|e| e.answer_sec),
                e.map(|e| e.shrinkage_pct),
                to_ms(actor.at),
                actor.user_id
            ],
        )?;
        let mut slot = tx.prepare_cached(
            "INSERT INTO requirement_slots (team_id, day_kind, slot, agents, contacts) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, &agents) in (0i64..).zip(&day.agents) {
            let contacts = day
                .contacts
                .as_ref()
                .and_then(|c| c.get(i as usize).copied());
            if agents > 0 || contacts.is_some_and(|c| c > 0) {
                slot.execute(params![day.team_id, day.day_kind, i, agents, contacts])?;
            }
        }
    }
    actor
        .audit(
            "put_requirement",
            "team",
            Some(day.team_id),
            Some(day.day_kind.clone()),
        )
        .record(tx)
}
