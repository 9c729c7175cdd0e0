//! 会议与培训 (schema 11): a meeting or training session with who must attend (teams and
//! people, fixed when scheduled), then its attendance, taken once: late and absent attendees are
//! proposed under `meeting_late` / `meeting_absent` for a supervisor to confirm (seed 000). A
//! training's test scores are kept for the month's assessment.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use floordesk_domain::limits::{WORKFLOW_FIELD_MAX_LEN, WORKFLOW_TEXT_MAX_LEN};
use floordesk_domain::meetings::{Attendance, MeetingKind, check_attendance};
use floordesk_domain::{ErrorCode, Problem};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::Audit;
use crate::error::not_found;
use crate::incidents::{IncidentInput, local_date, propose_in, site_tz};
use crate::reach::Reach;
use crate::scores::people::{ScorePerson, all_people, person_by_employee_no, unknown_person};
use crate::{Actor, Result, Store, StoreError, from_ms, to_ms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MeetingInput {
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    pub place: Option<String>,
    pub note: Option<String>,
    /// A training with a test (scores 0–100 when attendance is taken).
    pub has_test: bool,
    /// Everyone active on these teams must attend…
    pub team_ids: Vec<i64>,
    /// …and these people (工号).
    pub employee_nos: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Attendee {
    pub employee_no: String,
    pub name: String,
    pub team_name: Option<String>,
    pub attendance: Attendance,
    pub late_min: Option<u32>,
    pub test_score: Option<u32>,
    /// The `meeting_late` / `meeting_absent` proposal.
    pub incident_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MeetingRow {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub local_date: NaiveDate,
    pub minutes: u32,
    pub place: Option<String>,
    pub note: Option<String>,
    pub has_test: bool,
    pub created_by_name: Option<String>,
    /// Attendance taken (final).
    pub taken_at: Option<DateTime<Utc>>,
    pub taken_by_name: Option<String>,
    pub attendees: Vec<Attendee>,
}

/// One attendee's attendance as taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AttendanceInput {
    pub employee_no: String,
    pub attendance: Attendance,
    pub late_min: Option<u32>,
    pub test_score: Option<u32>,
}

/// A training test score (the assessment's input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TrainingScore {
    pub meeting_id: i64,
    pub title: String,
    pub local_date: NaiveDate,
    pub employee_no: String,
    pub score: u32,
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    Problem::new(ErrorCode::MeetingsInvalid, message)
        .with("field", field)
        .into()
}

fn text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > max => Err(Problem::new(
            ErrorCode::ValidationTooLong,
            format!("{field} is longer than {max} characters"),
        )
        .with("field", field)
        .with("max", max)
        .into()),
        other => Ok(other.map(str::to_owned)),
    }
}

const SELECT: &str = "SELECT m.id, m.kind, m.title, m.starts_at, m.local_date, m.minutes, m.place, m.note,
        m.has_test, cu.display_name, m.taken_at, tu.display_name
     FROM meetings m LEFT JOIN users cu ON cu.id = m.created_by LEFT JOIN users tu ON tu.id = m.taken_by";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingRow> {
    let starts_at = from_ms(r.get(3)?);
    Ok(MeetingRow {
        id: r.get(0)?,
        kind: MeetingKind::parse(&r.get::<_, String>(1)?).unwrap_or(MeetingKind::Meeting),
        title: r.get(2)?,
        starts_at,
        local_date: r
            .get::<_, String>(4)?
            .parse()
            .unwrap_or_else(|_| starts_at.date_naive()),
        minutes: r.get(5)?,
        place: r.get(6)?,
        note: r.get(7)?,
        has_test: r.get(8)?,
        created_by_name: r.get(9)?,
        taken_at: r.get::<_, Option<i64>>(10)?.map(from_ms),
        taken_by_name: r.get(11)?,
        attendees: Vec::new(),
    })
}

fn attendees(conn: &Connection, meeting: i64) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.employee_no, a.name, t.name, a.attendance, a.late_min, a.test_score, a.incident_id
         FROM meeting_attendees a LEFT JOIN teams t ON t.id = a.team_id
         WHERE a.meeting_id = ?1 ORDER BY a.employee_no",
    )?;
    let rows = stmt
        .query_map([meeting], |r| {
            Ok(Attendee {
                employee_no: r.get(0)?,
                name: r.get(1)?,
                team_name: r.get(2)?,
                attendance: Attendance::parse(&r.get::<_, String>(3)?)
                    .unwrap_or(Attendance::Expected),
                late_min: r.get(4)?,
                test_score: r.get(5)?,
                incident_id: r.get(6)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

/// Who must attend: the active people of the teams, and the people named, each once.
fn expected(conn: &Connection, input: &MeetingInput) -> Result<Vec<ScorePerson>> {
    let mut out: Vec<ScorePerson> = Vec::new();
    if !input.team_ids.is_empty() {
        for team in &input.team_ids {
            let known: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1)",
                [team],
                |r| r.get(0),
            )?;
            if !known {
                return Err(not_found("team", team));
            }
        }
        for p in all_people(conn)? {
            if p.active
                && p.agent_id.is_some()
                && p.team_id.is_some_and(|t| input.team_ids.contains(&t))
            {
                out.push(p);
            }
        }
    }
    for no in &input.employee_nos {
        let p = person_by_employee_no(conn, no)?.ok_or_else(|| unknown_person(no))?;
        if !out.iter().any(|o| o.person == p.person) {
            out.push(p);
        }
    }
    Ok(out)
}

impl Store {
    /// Schedules a meeting or training; returns its id.
    pub fn schedule_meeting(&mut self, input: &MeetingInput, actor: Actor) -> Result<i64> {
        let title = text("title", Some(&input.title), WORKFLOW_FIELD_MAX_LEN)?
            .ok_or_else(|| invalid("title", "a meeting needs a title"))?;
        let place = text("place", input.place.as_deref(), WORKFLOW_FIELD_MAX_LEN)?;
        let note = text("note", input.note.as_deref(), WORKFLOW_TEXT_MAX_LEN)?;
        if !(1..=1440).contains(&input.minutes) {
            return Err(invalid("minutes", "a meeting lasts 1 to 1440 minutes"));
        }
        if input.has_test && input.kind != MeetingKind::Training {
            return Err(invalid("has_test", "only a training has a test"));
        }
        self.write(|tx| {
            let people = expected(tx, input)?;
            if people.is_empty() {
                return Err(invalid("attendees", "nobody is expected at the meeting"));
            }
            let tz = site_tz(tx)?;
            tx.execute(
                "INSERT INTO meetings (kind, title, starts_at, local_date, minutes, place, note, has_test, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    input.kind.as_str(),
                    title,
                    to_ms(input.starts_at),
                    local_date(tz, input.starts_at).to_string(),
                    input.minutes,
                    place,
                    note,
                    input.has_test,
                    to_ms(actor.at),
                    actor.user_id
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut add = tx.prepare_cached(
                "INSERT INTO meeting_attendees (meeting_id, person, employee_no, name, team_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for p in &people {
                add.execute(params![id, p.person, p.employee_no, p.name, p.team_id])?;
            }
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "schedule",
                entity: "meeting",
                entity_id: Some(id),
                detail: Some(title),
            }
            .record(tx)?;
            Ok(id)
        })
    }

    /// Meetings starting on `from..=to` (site dates), newest first, with their attendees.
    pub fn meetings(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<MeetingRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE m.local_date BETWEEN ?1 AND ?2 ORDER BY m.starts_at DESC, m.id DESC"
        ))?;
        let mut rows = stmt
            .query_map([from.to_string(), to.to_string()], read)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for m in &mut rows {
            m.attendees = attendees(self.conn(), m.id)?;
        }
        Ok(rows)
    }

    /// [`Store::meetings`] as `actor` may see them: a lead or agent those they are expected at
    /// or that their team is expected at (a lead), each with every attendee.
    pub fn meetings_seen_by(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        actor: Actor,
    ) -> Result<Vec<MeetingRow>> {
        let all = self.meetings(from, to)?;
        let reach = self.reach_of(actor)?;
        let team_of = |no: &str| -> Option<i64> {
            person_by_employee_no(self.conn(), no)
                .ok()
                .flatten()
                .and_then(|p| p.team_id)
        };
        Ok(all
            .into_iter()
            .filter(|m| match &reach {
                Reach::Everyone => true,
                Reach::Team {
                    team_id,
                    employee_no,
                } => m.attendees.iter().any(|a| {
                    a.employee_no == *employee_no
                        || (team_id.is_some() && team_of(&a.employee_no) == *team_id)
                }),
                Reach::Own { employee_no } => {
                    m.attendees.iter().any(|a| a.employee_no == *employee_no)
                }
            })
            .collect())
    }

    pub fn meeting(&self, id: i64) -> Result<MeetingRow> {
        let mut m = self
            .conn()
            .prepare_cached(&format!("{SELECT} WHERE m.id = ?1"))?
            .query_row([id], read)
            .optional()?
            .ok_or_else(|| not_found("meeting", id))?;
        m.attendees = attendees(self.conn(), id)?;
        Ok(m)
    }

    /// Cancels a meeting whose attendance was not taken (it is removed).
    pub fn cancel_meeting(&mut self, id: i64, actor: Actor) -> Result<()> {
        let m = self.meeting(id)?;
        if m.taken_at.is_some() {
            return Err(Problem::new(
                ErrorCode::MeetingsAttendanceTaken,
                "attendance was taken: the meeting stays on record",
            )
            .into());
        }
        self.write(|tx| {
            tx.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "cancel",
                entity: "meeting",
                entity_id: Some(id),
                detail: Some(m.title),
            }
            .record(tx)
        })
    }

    /// Takes the attendance of every expected person, once: it is final, and each late or
    /// absent attendee is proposed under the book's meeting rules at the meeting's start.
    /// Returns the proposals' incident ids.
    pub fn take_attendance(
        &mut self,
        id: i64,
        taken: &[AttendanceInput],
        actor: Actor,
    ) -> Result<Vec<i64>> {
        let meeting = self.meeting(id)?;
        if meeting.taken_at.is_some() {
            return Err(Problem::new(
                ErrorCode::MeetingsAttendanceTaken,
                "the attendance of this meeting was already taken",
            )
            .into());
        }
        if actor.at < meeting.starts_at - Duration::minutes(1) {
            return Err(invalid(
                "starts_at",
                "attendance is taken once the meeting has started",
            ));
        }
        let bad = |no: &str, field: &str, message: String| -> StoreError {
            Problem::new(ErrorCode::MeetingsBadAttendance, message)
                .with("employee_no", no)
                .with("field", field)
                .into()
        };
        for t in taken {
            if !meeting
                .attendees
                .iter()
                .any(|a| a.employee_no == t.employee_no)
            {
                return Err(bad(
                    &t.employee_no,
                    "employee_no",
                    format!("{} was not expected at the meeting", t.employee_no),
                ));
            }
            if t.attendance == Attendance::Expected {
                return Err(bad(
                    &t.employee_no,
                    "attendance",
                    format!("say how {} attended", t.employee_no),
                ));
            }
            if t.test_score.is_some() && !meeting.has_test {
                return Err(bad(
                    &t.employee_no,
                    "test_score",
                    "this meeting has no test".into(),
                ));
            }
            check_attendance(t.attendance, t.late_min, t.test_score).map_err(|field| {
                bad(
                    &t.employee_no,
                    field,
                    format!("{}: {field} does not fit the attendance", t.employee_no),
                )
            })?;
        }
        for a in &meeting.attendees {
            if !taken.iter().any(|t| t.employee_no == a.employee_no) {
                return Err(bad(
                    &a.employee_no,
                    "attendance",
                    format!("say how {} attended", a.employee_no),
                ));
            }
        }
        self.write(|tx| {
            let mut proposals = Vec::new();
            for t in taken {
                let incident = match t.attendance.rule_code() {
                    Some(rule) => {
                        let note = match t.late_min {
                            Some(min) => format!("{}：迟到 {min} 分钟", meeting.title),
                            None => format!("{}：缺席", meeting.title),
                        };
                        let id = propose_in(
                            tx,
                            &IncidentInput {
                                ts: meeting.starts_at,
                                employee_no: Some(t.employee_no.clone()),
                                rule_code: rule.into(),
                                place: meeting.place.clone(),
                                note: Some(note),
                                ..IncidentInput::default()
                            },
                            actor,
                        )?;
                        proposals.push(id);
                        Some(id)
                    }
                    None => None,
                };
                tx.execute(
                    "UPDATE meeting_attendees SET attendance = ?3, late_min = ?4, test_score = ?5, incident_id = ?6
                     WHERE meeting_id = ?1 AND employee_no = ?2",
                    params![
                        id,
                        t.employee_no,
                        t.attendance.as_str(),
                        t.late_min,
                        t.test_score,
                        incident
                    ],
                )?;
            }
            tx.execute(
                "UPDATE meetings SET taken_at = ?2, taken_by = ?3 WHERE id = ?1",
                params![id, to_ms(actor.at), actor.user_id],
            )?;
            Audit {
                at_ms: to_ms(actor.at),
                user_id: actor.user_id,
                action: "take_attendance",
                entity: "meeting",
                entity_id: Some(id),
                detail: Some(format!("{} proposal(s)", proposals.len())),
            }
            .record(tx)?;
            Ok(proposals)
        })
    }

    /// Training test scores of the month `first..next` (site dates), by 工号 and date: what the
    /// assessment reads.
    pub fn training_scores(&self, first: NaiveDate, next: NaiveDate) -> Result<Vec<TrainingScore>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id, m.title, m.local_date, a.employee_no, a.test_score
             FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
             WHERE m.taken_at IS NOT NULL AND a.test_score IS NOT NULL
               AND m.local_date >= ?1 AND m.local_date < ?2
             ORDER BY a.employee_no, m.local_date, m.id",
        )?;
        let rows = stmt
            .query_map([first.to_string(), next.to_string()], |r| {
                Ok(TrainingScore {
                    meeting_id: r.get(0)?,
                    title: r.get(1)?,
                    local_date: r.get::<_, String>(2)?.parse().unwrap_or(first),
                    employee_no: r.get(3)?,
                    score: r.get(4)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows)
    }
}
