//! The UI's `ui/src/bindings.ts` is generated from the Rust commands. This test regenerates it
//! and fails when the committed copy was stale, so a changed command cannot go unnoticed.

use std::path::Path;

#[test]
fn typescript_bindings_are_current() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    floordesk_app::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    if fresh != committed {
        std::fs::write(&committed_path, &fresh).unwrap();
        panic!("ui/src/bindings.ts was stale; it has been regenerated: review and commit it");
    }
}
