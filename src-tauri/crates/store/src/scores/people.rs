//! Who can be assessed or rate: agents, and users with a 工号 of their own (the `score_people`
//! view), with the user role and level a template assignment goes by.

use floordesk_domain::access::Role;
use floordesk_domain::people::Level;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ScorePerson {
    /// `a<agent id>` or `u<user id>`.
    pub person: String,
    pub agent_id: Option<i64>,
    pub user_id: Option<i64>,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub level: Option<Level>,
    /// The user's role (none: an agent without a login).
    pub role: Option<Role>,
    pub active: bool,
}

const SELECT: &str = "SELECT p.person, p.agent_id, p.user_id, p.employee_no, p.name, p.team_id, t.name, \
                      p.level, p.role, p.active \
                      FROM score_people p LEFT JOIN teams t ON t.id = p.team_id";

fn read(r: &Row<'_>) -> rusqlite::Result<ScorePerson> {
    let level: Option<String> = r.get(7)?;
    let role: Option<String> = r.get(8)?;
    Ok(ScorePerson {
        person: r.get(0)?,
        agent_id: r.get(1)?,
        user_id: r.get(2)?,
        employee_no: r.get(3)?,
        name: r.get(4)?,
        team_id: r.get(5)?,
        team_name: r.get(6)?,
        level: level.as_deref().and_then(Level::parse),
        role: role.as_deref().and_then(Role::parse),
        active: r.get(9)?,
    })
}

/// `not_found` for a person key or 工号 that names nobody.
pub(crate) fn unknown_person(who: &str) -> crate::StoreError {
    floordesk_domain::Problem::new(
        floordesk_domain::ErrorCode::NotFound,
        format!("no person {who}"),
    )
    .with("entity", "person")
    .with("id", who)
    .into()
}

/// Every person, active or not, sorted by 工号.
pub(crate) fn all_people(conn: &Connection) -> Result<Vec<ScorePerson>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY p.employee_no"))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn person_by_employee_no(
    conn: &Connection,
    employee_no: &str,
) -> Result<Option<ScorePerson>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE p.employee_no = ?1"))?
        .query_row(params![employee_no.trim()], read)
        .optional()?)
}

pub(crate) fn person_by_key(conn: &Connection, person: &str) -> Result<Option<ScorePerson>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE p.person = ?1"))?
        .query_row(params![person], read)
        .optional()?)
}

/// The person a logged-in user is: their agent, or themselves when they have a 工号 of their own.
pub(crate) fn person_of_user(conn: &Connection, user_id: i64) -> Result<Option<ScorePerson>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE p.user_id = ?1"))?
        .query_row(params![user_id], read)
        .optional()?)
}

impl Store {
    pub fn score_people(&self) -> Result<Vec<ScorePerson>> {
        all_people(self.conn())
    }

    pub fn score_person_by_employee_no(&self, employee_no: &str) -> Result<Option<ScorePerson>> {
        person_by_employee_no(self.conn(), employee_no)
    }

    pub fn score_person_of_user(&self, user_id: i64) -> Result<Option<ScorePerson>> {
        person_of_user(self.conn(), user_id)
    }
}
