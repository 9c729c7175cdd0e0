//! docs/rules.md is the rule book for supervisors: every policy setting and every floor rule the
//! product applies, with the regulation it comes from. A new key or rule must be written there.

use floordesk_domain::floor::RuleCode;
use floordesk_domain::policy::CATALOGUE;

fn rule_book() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/rules.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_policy_key_is_in_the_rule_book() {
    let book = rule_book();
    let missing: Vec<_> = CATALOGUE
        .iter()
        .map(|d| d.key)
        .filter(|key| !book.contains(&format!("`{key}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/rules.md does not explain {missing:?}"
    );
}

#[test]
fn every_floor_rule_is_in_the_rule_book() {
    let book = rule_book();
    let missing: Vec<_> = RuleCode::ALL
        .iter()
        .map(|r| {
            serde_json::to_value(r)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .filter(|code| !book.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/rules.md does not explain {missing:?}"
    );
}
