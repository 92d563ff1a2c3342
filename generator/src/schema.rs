//! The JSON Schema of the spec language, produced from the spec types themselves so it cannot drift.

use crate::spec::SpecFile;

/// The schema as pretty-printed JSON with a trailing newline (the content of `specs/spec.schema.json`).
pub fn spec_schema_json() -> String {
    let schema = schemars::schema_for!(SpecFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
