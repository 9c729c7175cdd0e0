//! One roster cell: what an agent works on a date (the date a shift starts on).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::template::{REST_CODES, ShiftTemplate, span_minutes};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing rostered: neither work nor rest.
    Empty,
    /// 休: a rest day.
    Rest,
    /// A shift by its template's code.
    Shift(String),
    /// Ad-hoc spans, e.g. `09:00-12:00+14:00-18:00`; each may cross midnight.
    Spans(Vec<(NaiveTime, NaiveTime)>),
}

/// Why a cell's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    UnknownCode(String),
    BadSpan(String),
}

/// When a working cell's shift runs, in the site's local time: from the first span's start to
/// the last span's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShiftTimes {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub paid_minutes: i64,
    pub night: bool,
}

impl Cell {
    /// Reads a cell as people type it: empty, 休 or R, a template code (any case), or spans
    /// joined by `+`.
    pub fn parse(text: &str, templates: &[ShiftTemplate]) -> Result<Cell, CellError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Cell::Empty);
        }
        if REST_CODES.iter().any(|c| c.eq_ignore_ascii_case(text)) {
            return Ok(Cell::Rest);
        }
        if let Some(t) = templates.iter().find(|t| t.code.eq_ignore_ascii_case(text)) {
            return Ok(Cell::Shift(t.code.clone()));
        }
        if text.contains('-') {
            let spans = text
                .split('+')
                .map(|part| {
                    parse_span(part).ok_or_else(|| CellError::BadSpan(part.trim().to_owned()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Cell::Spans(spans));
        }
        Err(CellError::UnknownCode(text.to_owned()))
    }

    /// The cell as people write it (the inverse of [`Cell::parse`]).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Rest => REST_CODES[0].to_owned(),
            Cell::Shift(code) => code.clone(),
            Cell::Spans(spans) => spans
                .iter()
                .map(|(s, e)| format!("{}-{}", s.format("%H:%M"), e.format("%H:%M")))
                .collect::<Vec<_>>()
                .join("+"),
        }
    }

    pub fn is_work(&self) -> bool {
        matches!(self, Cell::Shift(_) | Cell::Spans(_))
    }

    /// Each span of a working cell in local time, in order, each starting at or after the
    /// previous one's end (the next day if its clock time is earlier). Empty for rest, empty, or
    /// a code no template has.
    pub fn local_spans(
        &self,
        date: NaiveDate,
        templates: &[ShiftTemplate],
    ) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let spans = match self {
            Cell::Shift(code) => match templates.iter().find(|t| &t.code == code) {
                Some(t) => vec![(t.start, t.end)],
                None => return Vec::new(),
            },
            Cell::Spans(s) => s.clone(),
            Cell::Empty | Cell::Rest => return Vec::new(),
        };
        let mut out = Vec::with_capacity(spans.len());
        let mut at = date.and_time(spans.first().map_or(NaiveTime::MIN, |s| s.0));
        for (s, e) in spans {
            let mut start = at.date().and_time(s);
            if start < at {
                start += Duration::days(1);
            }
            at = start + Duration::minutes(span_minutes(s, e));
            out.push((start, at));
        }
        out
    }

    /// When the cell's shift runs if it is a working cell: from the first span's start to the
    /// last span's end (None for rest, empty, or a code no template has).
    pub fn times(&self, date: NaiveDate, templates: &[ShiftTemplate]) -> Option<ShiftTimes> {
        let spans = self.local_spans(date, templates);
        let (first, last) = (spans.first()?, spans.last()?);
        let template = match self {
            Cell::Shift(code) => templates.iter().find(|t| &t.code == code),
            _ => None,
        };
        let worked: i64 = spans.iter().map(|(s, e)| (*e - *s).num_minutes()).sum();
        Some(ShiftTimes {
            start: first.0,
            end: last.1,
            paid_minutes: template.map_or(worked, |t| t.paid_minutes),
            night: template.is_some_and(|t| t.night),
        })
    }

    /// The cell for one shift given by its local times: the template with exactly those times,
    /// else a span.
    pub fn from_times(start: NaiveTime, end: NaiveTime, templates: &[ShiftTemplate]) -> Cell {
        templates
            .iter()
            .find(|t| t.start == start && t.end == end)
            .map_or_else(
                || Cell::Spans(vec![(start, end)]),
                |t| Cell::Shift(t.code.clone()),
            )
    }
}

fn parse_span(text: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (start, end) = text.trim().split_once('-')?;
    let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
    let (start, end) = (time(start)?, time(end)?);
    (start != end).then_some((start, end))
}
