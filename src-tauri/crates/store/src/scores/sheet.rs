//! What a month's sheets stand on, shared by entry, results and computed items: the items a
//! template's sheets have this month, whether the month is published, and an item's range.

use std::collections::HashMap;

use floordesk_domain::scores::{Centipoints, ScoreMonth, format_points};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};

use super::sheet_version;
use super::templates::{ScoreItemRow, version_items};
use crate::Result;

/// The items a person's sheet has this month (by the version the month fixed, or the newest).
pub(crate) struct SheetItems {
    pub version_id: i64,
    pub items: Vec<ScoreItemRow>,
}

pub(crate) fn sheet_items(
    conn: &Connection,
    month: ScoreMonth,
    template_id: i64,
    fix: bool,
    cache: &mut HashMap<i64, SheetItems>,
) -> Result<()> {
    // A cache is used with one `fix` throughout, so a cached template is already fixed if asked.
    if let std::collections::hash_map::Entry::Vacant(slot) = cache.entry(template_id) {
        let version_id = sheet_version(conn, month, template_id, fix)?;
        let items = version_items(conn, version_id)?;
        slot.insert(SheetItems { version_id, items });
    }
    Ok(())
}

pub(crate) fn current_publication(
    conn: &Connection,
    month: ScoreMonth,
) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached("SELECT publication_id, at FROM score_published_months WHERE month = ?1")?
        .query_row(params![month.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// `scores.out_of_range` unless `points` (hundredths) lie within 0 and `max_points`.
pub(crate) fn within_maximum(item: &str, max_points: i64, points: Centipoints) -> Result<()> {
    if (0..=max_points * 100).contains(&points) {
        return Ok(());
    }
    Err(Problem::new(
        ErrorCode::ScoresOutOfRange,
        format!(
            "{item} takes 0 to {max_points} points, not {}",
            format_points(points)
        ),
    )
    .with("item", item)
    .with("max", max_points)
    .with("value", format_points(points))
    .into())
}
