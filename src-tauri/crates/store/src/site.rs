//! The site: one floor, its name and time zone.

use chrono_tz::Tz;
use floordesk_domain::Problem;
use floordesk_domain::people::ContactChannel;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Actor, Result, Store, to_ms};
use floordesk_domain::ErrorCode;

pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Site {
    pub name: String,
    pub time_zone: String,
    pub is_demo: bool,
    /// The channel most teams work; a new team starts with it.
    pub channel: ContactChannel,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SiteInput {
    pub name: String,
    pub time_zone: String,
    /// None keeps the site's channel (the phone for a new site).
    pub channel: Option<ContactChannel>,
}

impl Site {
    pub fn tz(&self) -> Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Asia::Shanghai)
    }
}

fn check(input: &SiteInput) -> Result<(String, String)> {
    let name = floordesk_domain::people::check_name("site name", &input.name)?;
    let tz = input.time_zone.trim();
    if tz.parse::<Tz>().is_err() {
        return Err(Problem::new(
            ErrorCode::ValidationTimeZone,
            format!("unknown time zone '{tz}'"),
        )
        .with("value", tz)
        .into());
    }
    Ok((name, tz.to_owned()))
}

impl Store {
    pub fn site(&self) -> Result<Option<Site>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT name, time_zone, is_demo, channel FROM site WHERE id = 1",
                [],
                |r| {
                    Ok(Site {
                        name: r.get(0)?,
                        time_zone: r.get(1)?,
                        is_demo: r.get(2)?,
                        channel: ContactChannel::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
                    })
                },
            )
            .optional()?)
    }

    /// The site, or an error telling the caller to run the first-run set-up.
    pub fn require_site(&self) -> Result<Site> {
        self.site()?.ok_or_else(|| {
            Problem::new(
                ErrorCode::SiteNotInitialized,
                "the site is not set up yet; run init first",
            )
            .into()
        })
    }

    /// Creates the site once; later calls leave it as it is (idempotent `init`).
    pub fn init_site(&mut self, input: &SiteInput, is_demo: bool, actor: Actor) -> Result<Site> {
        let (name, tz) = check(input)?;
        self.write(|tx| {
            let inserted = tx.execute(
                "INSERT INTO site (id, name, time_zone, is_demo, created_at, channel) VALUES (1, ?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO NOTHING",
                params![
                    name,
                    tz,
                    is_demo,
                    to_ms(actor.at),
                    input.channel.unwrap_or_default().as_str()
                ],
            )?;
            if inserted > 0 {
                actor.audit("create", "site", Some(1), Some(name.clone())).record(tx)?;
            }
            Ok(())
        })?;
        self.require_site()
    }

    pub fn update_site(&mut self, input: &SiteInput, actor: Actor) -> Result<Site> {
        let (name, tz) = check(input)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE site SET name = ?1, time_zone = ?2, channel = coalesce(?3, channel) WHERE id = 1",
                params![name, tz, input.channel.map(|c| c.as_str())],
            )?;
            if n == 0 {
                return Err(Problem::new(
                    ErrorCode::SiteNotInitialized,
                    "the site is not set up yet",
                )
                .into());
            }
            actor
                .audit("update", "site", Some(1), Some(format!("{name} {tz}")))
                .record(tx)
        })?;
        self.require_site()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_instant() -> chrono::DateTime<chrono::Utc> {
        "2026-11-23T02:00:00Z".parse().unwrap()
    }

    #[test]
    fn init_is_idempotent_and_time_zones_are_checked() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.site().unwrap(), None);
        let input = SiteInput {
            name: "一号中心".into(),
            time_zone: "Asia/Shanghai".into(),
            channel: None,
        };
        let site = store
            .init_site(&input, false, Actor::system(test_instant()))
            .unwrap();
        assert_eq!(site.name, "一号中心");
        let again = SiteInput {
            name: "别的".into(),
            time_zone: "Asia/Shanghai".into(),
            channel: None,
        };
        assert_eq!(
            store
                .init_site(&again, false, Actor::system(test_instant()))
                .unwrap()
                .name,
            "一号中心"
        );
        let bad = SiteInput {
            name: "x".into(),
            time_zone: "Mars/Base".into(),
            channel: None,
        };
        let err = store
            .update_site(&bad, Actor::system(test_instant()))
            .unwrap_err();
        assert_eq!(err.to_problem().code, "validation.time_zone");
    }
}
