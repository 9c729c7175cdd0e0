//! The three kinds of rater (seed 002: 自评 15%, 上级领导 60%, 小组考核 25%) and the set of them
//! an item is scored by.

use serde::{Deserialize, Serialize};

/// Who rates: the agent themselves, their superior, or a 小组 rater (seed 002's "相關部門人員",
/// people who work with the agent, any person with a 工号).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RaterRole {
    #[serde(rename = "self")]
    SelfRating,
    Superior,
    Peer,
}

impl RaterRole {
    pub const ALL: [RaterRole; 3] = [RaterRole::SelfRating, RaterRole::Superior, RaterRole::Peer];

    pub fn as_str(self) -> &'static str {
        match self {
            RaterRole::SelfRating => "self",
            RaterRole::Superior => "superior",
            RaterRole::Peer => "peer",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RaterRole::SelfRating => "自评",
            RaterRole::Superior => "上级",
            RaterRole::Peer => "小组",
        }
    }

    /// The English key or a Chinese word the seeds and the sheets use (小组 and 互评 both).
    pub fn parse(text: &str) -> Option<RaterRole> {
        match text.trim() {
            t if t.eq_ignore_ascii_case("self") => Some(RaterRole::SelfRating),
            t if t.eq_ignore_ascii_case("superior") => Some(RaterRole::Superior),
            t if t.eq_ignore_ascii_case("peer") => Some(RaterRole::Peer),
            "自评" | "本人" => Some(RaterRole::SelfRating),
            "上级" | "上级领导" | "上级评分" => Some(RaterRole::Superior),
            "小组" | "互评" | "小组考核" | "同事" => Some(RaterRole::Peer),
            _ => None,
        }
    }

    /// The policy setting that weighs this role's score in the composite.
    pub fn weight_key(self) -> &'static str {
        match self {
            RaterRole::SelfRating => "score_weight_self_pct",
            RaterRole::Superior => "score_weight_superior_pct",
            RaterRole::Peer => "score_weight_peer_pct",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Which rater roles score an item. Written `self|superior|peer` in files (any order, Chinese
/// words too); empty means all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct RoleSet {
    pub self_rating: bool,
    pub superior: bool,
    pub peer: bool,
}

impl RoleSet {
    pub const ALL: RoleSet = RoleSet {
        self_rating: true,
        superior: true,
        peer: true,
    };

    pub fn only(role: RaterRole) -> RoleSet {
        RoleSet::from_roles([role])
    }

    pub fn from_roles(roles: impl IntoIterator<Item = RaterRole>) -> RoleSet {
        let mut set = RoleSet {
            self_rating: false,
            superior: false,
            peer: false,
        };
        for role in roles {
            match role {
                RaterRole::SelfRating => set.self_rating = true,
                RaterRole::Superior => set.superior = true,
                RaterRole::Peer => set.peer = true,
            }
        }
        set
    }

    pub fn contains(self, role: RaterRole) -> bool {
        match role {
            RaterRole::SelfRating => self.self_rating,
            RaterRole::Superior => self.superior,
            RaterRole::Peer => self.peer,
        }
    }

    pub fn roles(self) -> impl Iterator<Item = RaterRole> {
        RaterRole::ALL
            .into_iter()
            .filter(move |r| self.contains(*r))
    }

    pub fn is_empty(self) -> bool {
        self.roles().next().is_none()
    }

    /// `self|superior|peer` or a subset, always in that order: the stored form.
    pub fn key(self) -> String {
        self.roles()
            .map(RaterRole::as_str)
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Parses `self|peer`, `自评|小组`, … (separators `|`, `,`, `、`, `/`); empty is all three.
    /// `Err` carries the word not understood.
    pub fn parse(text: &str) -> Result<RoleSet, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(RoleSet::ALL);
        }
        let mut roles = Vec::new();
        for word in text.split(['|', ',', '、', '/', '，']) {
            let word = word.trim();
            if word.is_empty() {
                continue;
            }
            roles.push(RaterRole::parse(word).ok_or_else(|| word.to_owned())?);
        }
        if roles.is_empty() {
            return Ok(RoleSet::ALL);
        }
        Ok(RoleSet::from_roles(roles))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_the_sheets_words() {
        assert_eq!(RaterRole::parse("互评"), Some(RaterRole::Peer));
        assert_eq!(RaterRole::parse("小组"), Some(RaterRole::Peer));
        assert_eq!(RaterRole::parse(" Self "), Some(RaterRole::SelfRating));
        assert_eq!(RaterRole::parse("上级"), Some(RaterRole::Superior));
        assert_eq!(RaterRole::parse("boss"), None);
    }

    #[test]
    fn a_role_set_has_one_stored_form() {
        let set = RoleSet::parse("peer|自评").unwrap();
        assert_eq!(set.key(), "self|peer");
        assert_eq!(RoleSet::parse(&set.key()), Ok(set));
        assert_eq!(RoleSet::parse(""), Ok(RoleSet::ALL));
        assert_eq!(RoleSet::parse("self|boss"), Err("boss".to_owned()));
        assert!(RoleSet::only(RaterRole::Peer).contains(RaterRole::Peer));
        assert!(!RoleSet::only(RaterRole::Peer).contains(RaterRole::Superior));
    }
}
