//! Importing a requirement: `team,weekday,from,to,agents` (班组,星期,开始,结束,人数). `weekday` is
//! 1–7 (Monday–Sunday; 周一…周日 and 星期一…星期日 too) or `holiday` (节假日); `from` and `to`
//! are on the half hour (`24:00` ends the day); `agents` is how many are needed in every half
//! hour between them. Each team and day kind in the file replaces that day's requirement, which
//! is recorded as imported; later rows overwrite earlier ones where they overlap.

use std::collections::BTreeMap;
use std::path::Path;

use floordesk_domain::ErrorCode;

use super::{Columns, Issues, read_table};
use crate::requirement::{RequirementDay, RequirementSource, SLOTS};
use crate::{Actor, Result, Store};

/// `1`–`7` or `holiday` from the ways people write a day.
pub fn parse_day_kind(text: &str) -> Option<&'static str> {
    const NAMES: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let t = text.trim();
    if let Ok(n) = t.parse::<u8>()
        && (1..=7).contains(&n)
    {
        return Some(["1", "2", "3", "4", "5", "6", "7"][usize::from(n - 1)]);
    }
    if t.eq_ignore_ascii_case("holiday") || t == "节假日" || t == "假日" {
        return Some("holiday");
    }
    let day = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("周"))?
        .replace('天', "日");
    NAMES
        .iter()
        .position(|n| *n == day)
        .map(|i| ["1", "2", "3", "4", "5", "6", "7"][i])
}

/// The half hour an `HH:MM` on the half hour starts (`24:00` is 48, the day's end).
pub fn parse_slot(text: &str) -> Option<usize> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (usize, usize) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(SLOTS),
        (0..=23, 0 | 30) => Some(h * 2 + m / 30),
        _ => None,
    }
}

impl Store {
    /// All or nothing. Returns how many day kinds were written.
    pub fn import_requirement(&mut self, path: &Path, actor: Actor) -> Result<u32> {
        let file = path.display().to_string();
        let table = read_table(path)?;
        let cols = Columns::new(&table.headers);
        let team_col = cols.find(&["team", "班组"]);
        let day_col = cols.find(&["weekday", "星期"]);
        let from_col = cols.find(&["from", "开始"]);
        let to_col = cols.find(&["to", "结束"]);
        let agents_col = cols.find(&["agents", "人数"]);
        let mut issues = Issues::default();
        issues.require(&[
            (team_col, "team/班组"),
            (day_col, "weekday/星期"),
            (from_col, "from/开始"),
            (to_col, "to/结束"),
            (agents_col, "agents/人数"),
        ]);
        let teams: BTreeMap<String, i64> = self
            .list_teams()?
            .into_iter()
            .map(|t| (t.name, t.id))
            .collect();
        let mut days: BTreeMap<(i64, &'static str), Vec<u16>> = BTreeMap::new();
        if let (Some(tc), Some(dc), Some(fc), Some(oc), Some(ac)) =
            (team_col, day_col, from_col, to_col, agents_col)
        {
            for r in &table.rows {
                let raw_team = r.cell(Some(tc.0)).trim();
                let team = teams.get(raw_team).copied();
                if team.is_none() {
                    issues.add(
                        r.row,
                        tc.1,
                        ErrorCode::ImportInvalidValue,
                        format!("no team is called '{raw_team}'"),
                        raw_team,
                    );
                }
                let raw_day = r.cell(Some(dc.0)).trim();
                let day = parse_day_kind(raw_day);
                if day.is_none() {
                    issues.add(
                        r.row,
                        dc.1,
                        ErrorCode::ImportInvalidValue,
                        format!("'{raw_day}' is not a weekday 1–7 (周一…周日) or holiday (节假日)"),
                        raw_day,
                    );
                }
                let mut slot = |c: (usize, &str)| {
                    let raw = r.cell(Some(c.0)).trim();
                    let s = parse_slot(raw);
                    if s.is_none() {
                        issues.add(
                            r.row,
                            c.1,
                            ErrorCode::ImportBadTime,
                            format!("'{raw}' is not a time on the half hour like 08:30 (24:00 ends the day)"),
                            raw,
                        );
                    }
                    s
                };
                let (from, to) = (slot(fc), slot(oc));
                if let (Some(from), Some(to)) = (from, to)
                    && (from >= to || from == SLOTS)
                {
                    issues.add(
                        r.row,
                        oc.1,
                        ErrorCode::ImportBadTime,
                        "the end is not after the start",
                        r.cell(Some(oc.0)).trim(),
                    );
                }
                let raw_agents = r.cell(Some(ac.0)).trim();
                let agents = raw_agents.parse::<u16>().ok().filter(|n| *n <= 999);
                if agents.is_none() {
                    issues.add(
                        r.row,
                        ac.1,
                        ErrorCode::ImportInvalidValue,
                        format!("'{raw_agents}' is not a number of agents from 0 to 999"),
                        raw_agents,
                    );
                }
                if let (Some(team), Some(day), Some(from), Some(to), Some(agents)) =
                    (team, day, from, to, agents)
                    && from < to
                {
                    let slots = days.entry((team, day)).or_insert_with(|| vec![0; SLOTS]);
                    slots[from..to.min(SLOTS)].fill(agents);
                }
            }
        }
        issues.check(&file)?;
        let count = days.len() as u32;
        let days: Vec<RequirementDay> = days
            .into_iter()
            .map(|((team_id, day_kind), agents)| RequirementDay {
                team_id,
                day_kind: day_kind.into(),
                source: RequirementSource::Import,
                agents,
                contacts: None,
                erlang: None,
                updated_at: None,
            })
            .collect();
        self.put_requirement_days(&days, actor)?;
        Ok(count)
    }
}
