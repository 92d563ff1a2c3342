//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

/// The workspace root, where `specs/` and `generated/` live.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
