//! The UI's `ui/src/bindings.ts` is generated from the Rust commands. This test regenerates it
//! and fails when the committed copy was stale, so a changed command cannot go unnoticed.

#[test]
fn typescript_bindings_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    floordesk_app::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    assert!(
        !crate::refresh_generated("ui/src/bindings.ts", &fresh),
        "ui/src/bindings.ts was stale; it has been regenerated: review and commit it"
    );
}
