//! Support for generated enums: the forward-compatible fallback value.

use std::fmt;

/// A wire value an enum does not document (yet), kept exactly as received so it re-serializes unchanged.
///
/// Generated enums hold it in their `Unknown` variant. It cannot be built by hand, so a documented value
/// always parses to its own variant: construct enums with `From<&str>` / `str::parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For generated code only: `value` must not be one of the enum's documented values.
    #[doc(hidden)]
    pub fn __new(value: String) -> Self {
        Self(value)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
