//! The app crate's integration tests, one binary (each file under tests/ would be its own
//! binary to link): generated files the UI reads, checked fresh.

mod bindings;
mod fixtures;
mod permissions;

use std::path::Path;

/// Writes `fresh` over the committed file at `path` (relative to the repository's root) when they
/// differ, and says so: the caller fails the test so the change is reviewed and committed.
pub fn refresh_generated(path: &str, fresh: &str) -> bool {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    if committed == fresh {
        return false;
    }
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&full, fresh).unwrap();
    true
}
