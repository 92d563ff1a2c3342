//! Keeps secrets out of `Debug` output and logs.

use std::fmt;

/// Stands in for a sensitive value in `Debug` output.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// What a generated `Debug` impl shows for a sensitive field: `Some("<redacted>")`, `None`, or
/// `"<redacted>"`, so a reader still sees whether a value was set.
pub fn redact_option<T>(value: &Option<T>) -> Option<Redacted> {
    value.as_ref().map(|_| Redacted)
}
