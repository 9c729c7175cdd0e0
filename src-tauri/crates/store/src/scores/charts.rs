//! What the results page draws beyond the month's table: one person's composite over twelve
//! months (published months as published, the month asked as it stands), and each item's mean
//! as a share of its maximum.

use chrono::{DateTime, Utc};
use floordesk_domain::scores::{Grade, ScoreMonth};
use rusqlite::params;
use serde::Serialize;

use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct TrendPoint {
    pub month: String,
    pub composite: Option<f64>,
    pub grade: Option<Grade>,
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ItemAverage {
    pub template_name: String,
    pub group: String,
    pub item: String,
    pub max_points: i64,
    /// The mean of every rater's score for the item, in points.
    pub mean_points: f64,
    /// The mean as a percentage of the maximum.
    pub mean_pct: f64,
    pub scores: u32,
}

impl Store {
    /// `employee_no`'s composite for the twelve months ending with `month`.
    pub fn score_trend(
        &self,
        employee_no: &str,
        month: ScoreMonth,
        at: DateTime<Utc>,
    ) -> Result<Vec<TrendPoint>> {
        let mut months = vec![month];
        for _ in 1..12 {
            months.push(months.last().expect("one month at least").previous());
        }
        months.reverse();
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT r.composite, r.grade FROM score_results r
             JOIN score_published_months p ON p.publication_id = r.publication_id
             WHERE p.month = ?1 AND r.employee_no = ?2",
        )?;
        let mut points = Vec::with_capacity(12);
        for m in months {
            let published: Option<(Option<String>, Option<String>)> = stmt
                .query_row(params![m.to_string(), employee_no], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .ok();
            let point = match published {
                Some((composite, grade)) => TrendPoint {
                    month: m.to_string(),
                    composite: composite.and_then(|c| c.parse().ok()),
                    grade: grade.as_deref().and_then(Grade::parse),
                    published: true,
                },
                None if m == month => {
                    let live = self.month_results(m, at)?;
                    let row = live.rows.iter().find(|r| r.employee_no == employee_no);
                    TrendPoint {
                        month: m.to_string(),
                        composite: row.and_then(|r| r.composite),
                        grade: row.and_then(|r| r.grade),
                        published: live.published,
                    }
                }
                None => TrendPoint {
                    month: m.to_string(),
                    composite: None,
                    grade: None,
                    published: false,
                },
            };
            points.push(point);
        }
        Ok(points)
    }

    /// Each item's mean over every score typed for the month, by template and item order.
    pub fn item_averages(&self, month: ScoreMonth) -> Result<Vec<ItemAverage>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.name, i.group_name, i.name, i.max_points, avg(s.points), count(*)
             FROM scores s
             JOIN score_items i ON i.id = s.item_id
             JOIN score_template_versions v ON v.id = i.version_id
             JOIN score_templates t ON t.id = v.template_id
             WHERE s.month = ?1
             GROUP BY i.id
             ORDER BY t.name, i.position",
        )?;
        let rows = stmt.query_map(params![month.to_string()], |r| {
            let max: i64 = r.get(3)?;
            let mean: f64 = r.get::<_, f64>(4)? / 100.0;
            Ok(ItemAverage {
                template_name: r.get(0)?,
                group: r.get(1)?,
                item: r.get(2)?,
                max_points: max,
                mean_points: (mean * 100.0).round() / 100.0,
                mean_pct: (mean / max as f64 * 10_000.0).round() / 100.0,
                scores: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
