//! Serde support for fields that may be absent, `null`, or a value: `Option<Option<T>>`.
//!
//! Absent is `None`, `null` is `Some(None)`, a value is `Some(Some(v))`, so a response re-serializes to
//! exactly what the service sent. Use with `#[serde(default, skip_serializing_if = "Option::is_none",
//! with = "cloudgen_runtime::nullable")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes `Some(None)` as `null` (pair with `skip_serializing_if = "Option::is_none"`).
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Deserializes a present field: `null` becomes `Some(None)` (pair with `default` for absence).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
