//! Reading the floor's events as JSON Lines, one a line: a state change
//! `{"ts": "2026-11-23T08:27:00+08:00", "agent": "1001", "state": "ready", "reason": "optional"}`
//! or a notice (报备) `{"ts": …, "agent": "1001", "notice": "late" | "absent", "reason": "…"}`.
//! Problems name the line (numbered from 1).

use std::path::Path;

use chrono::{DateTime, Utc};
use floordesk_domain::floor::{AgentState, FloorEvent, Notice, NoticeKind, StateEvent};
use serde::Deserialize;

use super::ImportIssue;
use crate::{Result, StoreError};
use floordesk_domain::ErrorCode;

/// One event and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine {
    pub line: u32,
    pub event: FloorEvent,
}

impl EventLine {
    /// Events that come from no file (the demo simulator, a generator), numbered from line 1.
    pub fn numbered<E: Into<FloorEvent>>(events: impl IntoIterator<Item = E>) -> Vec<EventLine> {
        (1..)
            .zip(events)
            .map(|(line, event)| EventLine {
                line,
                event: event.into(),
            })
            .collect()
    }
}

#[derive(Deserialize)]
struct RawEvent {
    ts: Option<String>,
    agent: Option<serde_json::Value>,
    state: Option<String>,
    notice: Option<String>,
    reason: Option<String>,
}

enum Kind {
    State(AgentState),
    Notice(NoticeKind),
}

fn issue(line: u32, field: &str, code: ErrorCode, message: String, value: &str) -> ImportIssue {
    ImportIssue {
        row: line,
        field: field.into(),
        code,
        message,
        value: value.into(),
    }
}

pub fn read_events(path: &Path) -> Result<Vec<EventLine>> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_event_bytes(&path.display().to_string(), &bytes)
}

/// Like [`parse_events`], for a file's bytes: a line that is not UTF-8 is a problem naming the
/// line, like any other bad line, and the other lines are still checked.
pub fn parse_event_bytes(file: &str, bytes: &[u8]) -> Result<Vec<EventLine>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return parse_events(file, text);
    }
    let mut issues = Vec::new();
    let mut text = String::with_capacity(bytes.len());
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(_) => issues.push(issue(
                i as u32 + 1,
                "",
                ErrorCode::EventsNotUtf8,
                "this line is not UTF-8 text (save the file as UTF-8)".to_owned(),
                &String::from_utf8_lossy(line),
            )),
        }
        text.push('\n');
    }
    if let Err(StoreError::Import { issues: more, .. }) = parse_events(file, &text) {
        issues.extend(more);
    }
    issues.sort_by_key(|i| i.row);
    Err(StoreError::Import {
        file: file.to_owned(),
        issues,
    })
}

/// Parses every line; fails with every problem found (bad JSON, a missing field, an instant
/// without an offset, an unknown state, a line earlier than the line before it).
pub fn parse_events(file: &str, text: &str) -> Result<Vec<EventLine>> {
    let mut events = Vec::new();
    let mut issues = Vec::new();
    let mut previous: Option<DateTime<Utc>> = None;
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawEvent = match serde_json::from_str(line) {
            Ok(raw) => raw,
            Err(e) => {
                issues.push(issue(
                    n,
                    "",
                    ErrorCode::EventsBadJson,
                    format!("not a JSON object: {e}"),
                    line,
                ));
                continue;
            }
        };
        let before = issues.len();
        let ts = raw.ts.unwrap_or_default();
        let at = match DateTime::parse_from_rfc3339(&ts) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                issues.push(issue(
                    n,
                    "ts",
                    ErrorCode::EventsBadTs,
                    format!("'{ts}' is not an RFC 3339 instant with an offset, like 2026-11-23T08:27:00+08:00"),
                    &ts,
                ));
                None
            }
        };
        let agent = match raw.agent {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => {
                issues.push(issue(
                    n,
                    "agent",
                    ErrorCode::EventsRequired,
                    "agent (工号) is missing".into(),
                    "",
                ));
                String::new()
            }
        };
        let kind = match (&raw.notice, &raw.state) {
            (Some(notice), None) => {
                let kind = NoticeKind::parse(notice);
                if kind.is_none() {
                    issues.push(issue(
                        n,
                        "notice",
                        ErrorCode::EventsBadNotice,
                        format!("unknown notice '{notice}' (late or absent)"),
                        notice,
                    ));
                }
                kind.map(Kind::Notice)
            }
            (Some(notice), Some(_)) => {
                issues.push(issue(
                    n,
                    "notice",
                    ErrorCode::EventsBadNotice,
                    "a line is a state change or a notice, not both".into(),
                    notice,
                ));
                None
            }
            (None, state_text) => {
                let state_text = state_text.as_deref().unwrap_or_default();
                let state = AgentState::parse(state_text);
                if state.is_none() {
                    issues.push(issue(
                        n,
                        "state",
                        ErrorCode::EventsBadState,
                        format!("unknown state '{state_text}'"),
                        state_text,
                    ));
                }
                state.map(Kind::State)
            }
        };
        if let (Some(at), Some(prev)) = (at, previous)
            && at < prev
        {
            issues.push(issue(
                n,
                "ts",
                ErrorCode::EventsOutOfOrder,
                format!("{ts} is earlier than the line before it; lines must be in time order"),
                &ts,
            ));
        }
        if let Some(at) = at {
            previous = Some(previous.map_or(at, |p| p.max(at)));
        }
        if issues.len() == before
            && let (Some(at), Some(kind)) = (at, kind)
        {
            let reason = raw
                .reason
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty());
            let event = match kind {
                Kind::State(state) => FloorEvent::State(StateEvent {
                    at,
                    agent,
                    state,
                    reason,
                }),
                Kind::Notice(kind) => FloorEvent::Notice(Notice {
                    at,
                    agent,
                    kind,
                    reason,
                }),
            };
            events.push(EventLine { line: n, event });
        }
    }
    if issues.is_empty() {
        Ok(events)
    } else {
        Err(StoreError::Import {
            file: file.to_owned(),
            issues,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_problems_name_their_line() {
        let good = "{\"ts\": \"2026-11-23T08:27:00+08:00\", \"agent\": \"1001\", \"state\": \"ready\"}\n\n{\"ts\": \"2026-11-23T08:27:00+08:00\", \"agent\": 1002, \"state\": \"small_break\", \"reason\": \"洗手间\"}\n";
        let events = parse_events("e.jsonl", good).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].line, 3);
        assert_eq!(events[1].event.agent(), "1002");
        assert_eq!(
            events[0].event.at().to_rfc3339(),
            "2026-11-23T00:27:00+00:00"
        );

        let bad = "{\"ts\": \"2026-11-23T08:27:00\", \"agent\": \"1001\", \"state\": \"ready\"}\n{\"ts\": \"2026-11-23T08:28:00+08:00\", \"agent\": \"1001\", \"state\": \"napping\"}\nnot json\n{\"ts\": \"2026-11-23T08:29:00+08:00\", \"agent\": \"1001\", \"state\": \"busy\"}\n{\"ts\": \"2026-11-23T08:20:00+08:00\", \"agent\": \"1001\", \"state\": \"busy\"}\n";
        let StoreError::Import { issues, .. } = parse_events("e.jsonl", bad).unwrap_err() else {
            panic!()
        };
        let got: Vec<(u32, &str)> = issues.iter().map(|i| (i.row, i.code.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "events.bad_ts"),
                (2, "events.bad_state"),
                (3, "events.bad_json"),
                (5, "events.out_of_order")
            ]
        );
    }

    #[test]
    fn a_notice_is_a_line_of_its_own_kind() {
        let text = "{\"ts\": \"2026-11-23T08:10:00+08:00\", \"agent\": \"1001\", \"notice\": \"absent\", \"reason\": \"孩子发烧\"}\n{\"ts\": \"2026-11-23T08:11:00+08:00\", \"agent\": \"1002\", \"notice\": \"迟到\"}\n";
        let events = parse_events("e.jsonl", text).unwrap();
        let FloorEvent::Notice(notice) = &events[0].event else {
            panic!("a notice line reads as a notice")
        };
        assert_eq!(notice.kind, NoticeKind::Absent);
        assert_eq!(notice.reason.as_deref(), Some("孩子发烧"));
        assert!(matches!(&events[1].event, FloorEvent::Notice(n) if n.kind == NoticeKind::Late));

        let bad = "{\"ts\": \"2026-11-23T08:10:00+08:00\", \"agent\": \"1001\", \"notice\": \"sick\"}\n{\"ts\": \"2026-11-23T08:11:00+08:00\", \"agent\": \"1001\", \"notice\": \"late\", \"state\": \"ready\"}\n";
        let StoreError::Import { issues, .. } = parse_events("e.jsonl", bad).unwrap_err() else {
            panic!()
        };
        let got: Vec<(u32, &str, &str)> = issues
            .iter()
            .map(|i| (i.row, i.field.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "notice", "events.bad_notice"),
                (2, "notice", "events.bad_notice")
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_and_the_others_still_checked() {
        let mut bytes =
            b"{\"ts\": \"2026-11-23T08:27:00+08:00\", \"agent\": \"1001\", \"state\": \"ready\"}\n"
                .to_vec();
        // "小休" in GBK, as Excel in China saves a file.
        bytes.extend_from_slice(b"{\"ts\": \"2026-11-23T08:28:00+08:00\", \"agent\": \"1001\", \"state\": \"busy\", \"reason\": \"\xd0\xa1\xd0\xdd\"}\n");
        bytes.extend_from_slice(b"{\"ts\": \"2026-11-23T08:29:00+08:00\", \"agent\": \"1001\", \"state\": \"napping\"}\n");
        let StoreError::Import { issues, .. } = parse_event_bytes("e.jsonl", &bytes).unwrap_err()
        else {
            panic!()
        };
        let got: Vec<(u32, &str)> = issues.iter().map(|i| (i.row, i.code.as_str())).collect();
        assert_eq!(got, [(2, "events.not_utf8"), (3, "events.bad_state")]);
        assert!(
            parse_event_bytes("e.jsonl", b"{\"ts\": \"2026-11-23T08:27:00+08:00\", \"agent\": \"1001\", \"state\": \"ready\"}\n")
                .is_ok()
        );
    }
}
