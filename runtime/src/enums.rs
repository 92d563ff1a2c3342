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

/// What every generated enum offers: its documented values and a lossless wire form.
pub trait WireEnum: Sized + serde::Serialize + serde::de::DeserializeOwned {
    /// The documented wire values, in the page's order.
    const VALUES: &'static [&'static str];

    /// The wire value.
    fn as_str(&self) -> &str;

    /// Whether the value is one the page documents.
    fn is_documented(&self) -> bool;
}

/// Checks that every documented value of `T` parses to a documented variant and serializes back
/// unchanged, and that an undocumented value survives a round trip too. Used by the generated tests.
pub fn check_round_trips<T: WireEnum>() -> Result<(), String> {
    let undocumented = "Not Documented/2 ü";
    for value in T::VALUES.iter().copied().chain([undocumented]) {
        let json = serde_json::Value::from(value);
        let parsed: T = serde_json::from_value(json.clone()).map_err(|e| format!("{value}: {e}"))?;
        if parsed.is_documented() != (value != undocumented) {
            return Err(format!("{value}: documented is {}", parsed.is_documented()));
        }
        let back = serde_json::to_value(&parsed).map_err(|e| format!("{value}: {e}"))?;
        if back != json || parsed.as_str() != value {
            return Err(format!("{value}: re-serialized as {back}"));
        }
    }
    Ok(())
}
