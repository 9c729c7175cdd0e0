//! Users who operate the app, their roles and PINs. A PIN is stored only as an argon2 hash;
//! wrong PINs count toward a lockout that survives a restart.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use chrono::{DateTime, Utc};
use floordesk_domain::Problem;
use floordesk_domain::access::Role;
use floordesk_domain::people::{check_employee_no, check_name};
use floordesk_domain::pin::{FREE_ATTEMPTS, check_pin_format, lockout_after, seconds_locked};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::error::not_found;
use crate::{Actor, Result, Store, from_ms, to_ms};
use floordesk_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct User {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    /// 工号: the agent's when the user is on the floor, else the user's own.
    pub employee_no: String,
    /// False when an upgrade gave the 工号 and nobody has confirmed it yet.
    pub employee_no_confirmed: bool,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LoginUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    /// 工号: the login list finds people by it too.
    pub employee_no: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct UserInput {
    pub id: Option<i64>,
    pub display_name: String,
    pub role: Role,
    /// 工号: an agent's links the user to them (team leads and agents must be agents); a
    /// supervisor or manager who is not on the floor has their own.
    pub employee_no: String,
    /// Required when creating; None keeps the current PIN when editing.
    pub pin: Option<String>,
}

const USER_SELECT: &str = "SELECT u.id, u.display_name, u.role,
            coalesce(a.employee_no, u.own_employee_no), u.active, u.employee_no_assigned
     FROM users u LEFT JOIN agents a ON a.id = u.agent_id";

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        id: r.get(0)?,
        display_name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Agent),
        employee_no: r.get(3)?,
        active: r.get(4)?,
        employee_no_confirmed: !r.get::<_, bool>(5)?,
    })
}

pub fn hash_pin(pin: &str) -> Result<String> {
    check_pin_format(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            Problem::new(ErrorCode::Internal, format!("could not hash the PIN: {e}")).into()
        })
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn locked_problem(seconds: i64) -> Problem {
    Problem::new(
        ErrorCode::AuthLocked,
        format!("too many wrong PINs; try again in {seconds} s"),
    )
    .with("seconds", seconds)
}

impl Store {
    pub fn user_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }

    pub fn list_users(&self) -> Result<Vec<User>> {
        let sql = format!("{USER_SELECT} ORDER BY u.active DESC, u.role, u.display_name");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Who can be chosen on the login screen.
    pub fn list_login_users(&self) -> Result<Vec<LoginUser>> {
        Ok(self
            .list_users()?
            .into_iter()
            .filter(|u| u.active)
            .map(|u| LoginUser {
                id: u.id,
                display_name: u.display_name,
                role: u.role,
                employee_no: u.employee_no,
            })
            .collect())
    }

    pub fn user(&self, id: i64) -> Result<User> {
        let sql = format!("{USER_SELECT} WHERE u.id = ?1");
        self.conn()
            .query_row(&sql, [id], user_from_row)
            .optional()?
            .ok_or_else(|| not_found("user", id))
    }

    /// The first-run wizard's supervisor: only while no user exists yet.
    pub fn create_first_supervisor(
        &mut self,
        display_name: &str,
        employee_no: &str,
        pin: &str,
        actor: Actor,
    ) -> Result<User> {
        if self.user_count()? > 0 {
            return Err(Problem::new(
                ErrorCode::SetupAlreadyDone,
                "the site already has users; log in instead",
            )
            .into());
        }
        self.save_user(
            &UserInput {
                id: None,
                display_name: display_name.to_owned(),
                role: Role::Supervisor,
                employee_no: employee_no.to_owned(),
                pin: Some(pin.to_owned()),
            },
            actor,
        )
    }

    pub fn save_user(&mut self, input: &UserInput, actor: Actor) -> Result<User> {
        let name = check_name("display_name", &input.display_name)?;
        let pin_hash = match (&input.pin, input.id) {
            (Some(pin), _) => Some(hash_pin(pin)?),
            (None, None) => {
                return Err(
                    Problem::new(ErrorCode::ValidationRequired, "a new user needs a PIN")
                        .with("field", "pin")
                        .into(),
                );
            }
            (None, Some(_)) => None,
        };
        let employee_no = check_employee_no(&input.employee_no)?;
        let id = self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM users WHERE display_name = ?1", [&name], |r| r.get(0))
                .optional()?;
            if taken.is_some() && taken != input.id {
                return Err(Problem::new(ErrorCode::UserDuplicateName, format!("a user called {name} exists"))
                    .with("name", &name)
                    .into());
            }
            let (agent_id, own_no) = match agent_for_user(tx, &employee_no, input.id)? {
                Some(agent_id) => (Some(agent_id), None),
                None if matches!(input.role, Role::Agent | Role::TeamLead) => {
                    return Err(Problem::new(
                        ErrorCode::UserUnknownEmployeeNo,
                        format!("no agent has 工号 {employee_no}; agents and team leads are on the floor"),
                    )
                    .with("employee_no", &employee_no)
                    .into());
                }
                None => {
                    own_number_is_free(tx, &employee_no, input.id)?;
                    (None, Some(employee_no.as_str()))
                }
            };
            if let Some(id) = input.id
                && input.role != Role::Supervisor
            {
                require_another_supervisor(tx, id)?;
            }
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO users (display_name, role, agent_id, own_employee_no, pin_hash, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![name, input.role.as_str(), agent_id, own_no, pin_hash, to_ms(actor.at)],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE users SET display_name = ?2, role = ?3, agent_id = ?4, own_employee_no = ?6,
                         employee_no_assigned = 0, pin_hash = coalesce(?5, pin_hash),
                         failed_attempts = CASE WHEN ?5 IS NULL THEN failed_attempts ELSE 0 END,
                         locked_until = CASE WHEN ?5 IS NULL THEN locked_until ELSE NULL END
                         WHERE id = ?1",
                        params![id, name, input.role.as_str(), agent_id, pin_hash, own_no],
                    )?;
                    if n == 0 {
                        return Err(not_found("user", id));
                    }
                    id
                }
            };
            actor.audit("save", "user", Some(id), Some(format!("{name} {}", input.role.as_str()))).record(tx)?;
            Ok(id)
        })?;
        self.user(id)
    }

    /// The last active supervisor cannot be deactivated: nobody could administer the site. Nor
    /// can a user deactivate themselves (they would be locked out mid-session).
    pub fn set_user_active(&mut self, id: i64, active: bool, actor: Actor) -> Result<()> {
        if !active && actor.user_id == Some(id) {
            return Err(Problem::new(
                ErrorCode::UserCannotDeactivateSelf,
                "you cannot deactivate yourself",
            )
            .into());
        }
        self.write(|tx| {
            if !active {
                require_another_supervisor(tx, id)?;
            }
            if tx.execute(
                "UPDATE users SET active = ?2 WHERE id = ?1",
                params![id, active],
            )? == 0
            {
                return Err(not_found("user", id));
            }
            actor
                .audit(
                    if active { "activate" } else { "deactivate" },
                    "user",
                    Some(id),
                    None,
                )
                .record(tx)
        })
    }

    /// Checks a PIN. Wrong PINs are counted in the database, so restarting the app does not
    /// reset them; from the fifth, the user is locked out for a growing while.
    pub fn authenticate(&mut self, user_id: i64, pin: &str, now: DateTime<Utc>) -> Result<User> {
        let (hash, active, failures, locked_until): (String, bool, u32, Option<i64>) = self
            .conn()
            .query_row(
                "SELECT pin_hash, active, failed_attempts, locked_until FROM users WHERE id = ?1",
                [user_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("user", user_id))?;
        if !active {
            return Err(Problem::new(ErrorCode::AuthInactive, "this user is deactivated").into());
        }
        if let Some(seconds) = seconds_locked(locked_until.map(from_ms), now) {
            return Err(locked_problem(seconds).into());
        }
        if pin_matches(pin, &hash) {
            self.write(|tx| {
                tx.execute(
                    "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
                    [user_id],
                )?;
                Actor::user(user_id, now)
                    .audit("login", "user", Some(user_id), None)
                    .record(tx)
            })?;
            return self.user(user_id);
        }
        let failures = failures + 1;
        let lock = lockout_after(failures);
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1",
                params![user_id, failures, lock.map(|d| to_ms(now + d))],
            )?;
            Actor::system(now)
                .audit("wrong_pin", "user", Some(user_id), None)
                .record(tx)
        })?;
        Err(match lock {
            Some(d) => locked_problem(d.num_seconds()),
            None => {
                let remaining = FREE_ATTEMPTS - failures;
                Problem::new(
                    ErrorCode::AuthWrongPin,
                    format!("wrong PIN; {remaining} tries left"),
                )
                .with("remaining", remaining)
            }
        }
        .into())
    }

    pub fn change_pin(
        &mut self,
        user_id: i64,
        old_pin: &str,
        new_pin: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.authenticate(user_id, old_pin, now)?;
        let hash = hash_pin(new_pin)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET pin_hash = ?2 WHERE id = ?1",
                params![user_id, hash],
            )?;
            Actor::user(user_id, now)
                .audit("change_pin", "user", Some(user_id), None)
                .record(tx)
        })
    }
}

/// Someone must always be able to administer the site: the last active supervisor can be
/// neither deactivated nor given another role.
fn require_another_supervisor(tx: &Transaction<'_>, user_id: i64) -> Result<()> {
    let is_supervisor: bool = tx
        .query_row(
            "SELECT role = 'supervisor' AND active = 1 FROM users WHERE id = ?1",
            [user_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false);
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM users WHERE role = 'supervisor' AND active = 1 AND id <> ?1",
        [user_id],
        |r| r.get(0),
    )?;
    if is_supervisor && others == 0 {
        return Err(Problem::new(
            ErrorCode::UserLastSupervisor,
            "the site's last active supervisor must stay one",
        )
        .into());
    }
    Ok(())
}

/// The agent with this 工号, to link the user to (None: no agent has it); one agent is at most
/// one user.
fn agent_for_user(
    tx: &Transaction<'_>,
    employee_no: &str,
    user_id: Option<i64>,
) -> Result<Option<i64>> {
    let Some(agent_id) = tx
        .query_row(
            "SELECT id FROM agents WHERE employee_no = ?1",
            [employee_no],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let linked: Option<i64> = tx
        .query_row(
            "SELECT id FROM users WHERE agent_id = ?1",
            [agent_id],
            |r| r.get(0),
        )
        .optional()?;
    if linked.is_some() && linked != user_id {
        return Err(Problem::new(
            ErrorCode::UserAgentLinked,
            format!("工号 {employee_no} already has a user"),
        )
        .with("employee_no", employee_no)
        .into());
    }
    Ok(Some(agent_id))
}

/// A user's own 工号 (not on the floor) is no other user's.
fn own_number_is_free(tx: &Transaction<'_>, employee_no: &str, user_id: Option<i64>) -> Result<()> {
    let holder: Option<i64> = tx
        .query_row(
            "SELECT id FROM users WHERE own_employee_no = ?1",
            [employee_no],
            |r| r.get(0),
        )
        .optional()?;
    if holder.is_some() && holder != user_id {
        return Err(Problem::new(
            ErrorCode::UserDuplicateEmployeeNo,
            format!("工号 {employee_no} already belongs to another user"),
        )
        .with("employee_no", employee_no)
        .into());
    }
    Ok(())
}
