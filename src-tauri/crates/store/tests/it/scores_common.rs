//! The assessment floor the scores tests share: agents-import.csv's ten agents on two teams,
//! 贺一鸣 (2001) and 魏国栋 (2007) leading them, a supervisor 9001 and the agent 范诗琪 (2004) with
//! logins, and the seeds' templates (电商客服月度考核 on both teams). November 2026's window runs
//! Tuesday 1 to Monday 7 December.

use std::path::Path;

use chrono::{DateTime, Utc};
use floordesk_domain::access::Role;
use floordesk_domain::scores::{RaterRole, ScoreMonth};
use floordesk_store::scores::{ScoreEntry, ScoreItemRow, WindowRule};
use floordesk_store::users::UserInput;
use floordesk_store::{Actor, Store};

use crate::common::{actor, demo_asset, fresh};

pub const PIN: &str = "2468";
pub const TEMPLATE: &str = "电商客服月度考核";

pub fn november() -> ScoreMonth {
    ScoreMonth::parse("2026-11").unwrap()
}

/// Inside November's window.
pub fn in_window() -> DateTime<Utc> {
    "2026-12-02T02:00:00Z".parse().unwrap()
}

pub struct ScoreFloor {
    pub store: Store,
    pub supervisor: i64,
    pub lead_2001: i64,
    pub lead_2007: i64,
    pub agent_2004: i64,
}

impl ScoreFloor {
    pub fn person(&self, employee_no: &str) -> String {
        self.store
            .score_person_by_employee_no(employee_no)
            .unwrap()
            .unwrap_or_else(|| panic!("no person {employee_no}"))
            .person
    }

    pub fn items(&self) -> Vec<ScoreItemRow> {
        self.store
            .score_template_by_name(TEMPLATE)
            .unwrap()
            .unwrap()
            .items
    }

    pub fn item_by_id(&self, id: i64) -> String {
        self.items().into_iter().find(|i| i.id == id).unwrap().name
    }

    pub fn item(&self, name: &str) -> ScoreItemRow {
        self.items().into_iter().find(|i| i.name == name).unwrap()
    }

    /// Every item of `role` for `ratee`, each at `percent` of its maximum, typed by `rater`.
    pub fn fill(&mut self, ratee: &str, role: RaterRole, rater: &str, percent: i64) {
        self.fill_in(november(), ratee, role, rater, percent);
    }

    /// As [`fill`](Self::fill), for `month`.
    pub fn fill_in(
        &mut self,
        month: ScoreMonth,
        ratee: &str,
        role: RaterRole,
        rater: &str,
        percent: i64,
    ) {
        let ratee = self.person(ratee);
        let rater = self.person(rater);
        let entries: Vec<ScoreEntry> = self
            .items()
            .iter()
            .filter(|i| i.roles.contains(role) && !i.computed)
            .map(|i| ScoreEntry {
                ratee: ratee.clone(),
                role,
                item_id: i.id,
                points: Some(i.max_points * percent),
            })
            .collect();
        self.store
            .enter_scores(month, &rater, &entries, &WindowRule::Ignore, actor())
            .unwrap();
    }

    /// A 小组 rater for `ratee` in `month`.
    pub fn peer_in(&mut self, month: ScoreMonth, ratee: &str, rater: &str) {
        let (ratee, rater) = (self.person(ratee), self.person(rater));
        self.store
            .assign_rater(month, &ratee, RaterRole::Peer, &rater, actor())
            .unwrap();
    }

    /// Everyone of both teams fully rated: self at `percent`, their lead (or the supervisor for
    /// a lead) and one peer at the same.
    pub fn rate_everyone(&mut self, percent: i64) {
        self.rate_everyone_in(november(), |_| percent);
    }

    /// Everyone of both teams fully rated in `month`, each at `percent(工号)` by every rater.
    pub fn rate_everyone_in(&mut self, month: ScoreMonth, percent: impl Fn(&str) -> i64) {
        for no in 2001..=2010 {
            let no = no.to_string();
            let lead = match no.as_str() {
                "2001" | "2007" => "9001",
                n if n < "2007" => "2001",
                _ => "2007",
            };
            let peer = if no == "2010" { "2009" } else { "2010" };
            let p = percent(&no);
            self.fill_in(month, &no, RaterRole::SelfRating, &no, p);
            self.fill_in(month, &no, RaterRole::Superior, lead, p);
            self.peer_in(month, &no, peer);
            self.fill_in(month, &no, RaterRole::Peer, peer, p);
        }
    }

    pub fn as_user(&self, user_id: i64, at: DateTime<Utc>) -> Actor {
        Actor::user(user_id, at)
    }
}

pub fn score_floor(dir: &Path) -> ScoreFloor {
    let mut store = fresh(dir);
    store
        .import_agents(&demo_asset("agents-import.csv"), actor())
        .unwrap();
    let mut user = |name: &str, role: Role, no: &str| {
        store
            .save_user(
                &UserInput {
                    id: None,
                    display_name: name.into(),
                    role,
                    employee_no: no.into(),
                    pin: Some(PIN.into()),
                },
                actor(),
            )
            .unwrap()
            .id
    };
    let supervisor = user("主管", Role::Supervisor, "9001");
    let lead_2001 = user("贺一鸣", Role::TeamLead, "2001");
    let lead_2007 = user("魏国栋", Role::TeamLead, "2007");
    let agent_2004 = user("范诗琪", Role::Agent, "2004");
    store.seed_score_templates(actor()).unwrap();
    ScoreFloor {
        store,
        supervisor,
        lead_2001,
        lead_2007,
        agent_2004,
    }
}
