//! Carry-over: where a sign-off moves the open items (遗留事项), which earlier logs a log shows
//! open items of though nobody carried them (未交接), and how many shifts an item has been open.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

/// What carry-over needs to know of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFacts {
    pub id: i64,
    pub end: DateTime<Utc>,
    /// At least one signature: the log is frozen.
    pub signed: bool,
    /// The log of the team's next shift, if it is open.
    pub incoming: Option<i64>,
}

/// Where sign-off moves an open item of `from`: the first unsigned log along the incoming links,
/// or None when the links run out (or come round again). A linked log missing from `logs` counts
/// as unsigned: it was just opened.
pub fn carry_target(from: i64, logs: &HashMap<i64, LogFacts>) -> Option<i64> {
    let mut seen = HashSet::from([from]);
    let mut next = logs.get(&from)?.incoming;
    while let Some(id) = next {
        if !seen.insert(id) {
            return None;
        }
        match logs.get(&id) {
            Some(log) if log.signed => next = log.incoming,
            _ => return Some(id),
        }
    }
    None
}

/// The logs whose open items `target` shows though they were not carried to it, by id, with
/// whether they come to it past a log nobody signed (未交接). A predecessor P (P.incoming ==
/// target) counts when P is signed (it had nowhere to carry to when it was signed) or unsigned
/// and ended by `now`; the search goes on behind unsigned ended logs only, since a signed log
/// carried its predecessors' items on or kept them itself.
pub fn inherited_into(target: i64, logs: &[LogFacts], now: DateTime<Utc>) -> Vec<(i64, bool)> {
    let mut found = BTreeSet::new();
    let mut seen = HashSet::from([target]);
    let mut behind = vec![target];
    while let Some(successor) = behind.pop() {
        let past_unsigned = successor != target;
        for p in logs.iter().filter(|p| p.incoming == Some(successor)) {
            if !seen.insert(p.id) {
                continue;
            }
            if p.signed {
                found.insert((p.id, past_unsigned));
            } else if p.end <= now {
                found.insert((p.id, true));
                behind.push(p.id);
            }
        }
    }
    found.into_iter().collect()
}

/// 已开 N 个班次: the distinct logs an item has been in, counting the one showing it.
pub fn shifts_open(placements: &[i64], shown_in: Option<i64>) -> u32 {
    let logs: HashSet<i64> = placements.iter().copied().chain(shown_in).collect();
    u32::try_from(logs.len()).unwrap_or(u32::MAX)
}
