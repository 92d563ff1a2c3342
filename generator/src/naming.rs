//! The one place where wire names become Rust names.
//!
//! Wire names stay beside the Rust names everywhere (the IR keeps both), so serde renames are emitted only
//! where the two differ. Every function here is total over valid identifiers and returns an error message
//! when a wire name has nothing a Rust identifier can be made of.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, 2024 edition) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The field of every model struct that keeps undocumented JSON fields.
pub const UNKNOWN_FIELDS: &str = "unknown_fields";

/// An HTTP status as a variant name (`400` → `BadRequest`), after its reason phrase.
pub fn status_name(status: u16) -> String {
    let known = [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (409, "Conflict"),
        (429, "TooManyRequests"),
        (500, "InternalServerError"),
        (502, "BadGateway"),
        (503, "ServiceUnavailable"),
        (504, "GatewayTimeout"),
    ];
    known
        .iter()
        .find(|(code, _)| *code == status)
        .map_or_else(|| format!("Status{status}"), |(_, name)| (*name).to_owned())
}

/// A type or enum variant name: `Red Hat` → `RedHat`, `/__support_kvm` → `SupportKvm`, `32` → `V32`.
pub fn type_name(wire: &str) -> Result<String, String> {
    let name = ascii_words(wire).to_upper_camel_case();
    finish(wire, name, "V")
}

/// A field, parameter or method name: `__os_bit` → `os_bit`, `Features.NvmeSupport` →
/// `features_nvme_support`, `type` → `type_`.
pub fn field_name(wire: &str) -> Result<String, String> {
    let name = ascii_words(wire).to_snake_case();
    finish(wire, name, "n")
}

/// The Rust names of one struct's members (wire name, deprecated?), in order. A deprecated member whose
/// name a current one already takes gets a `_deprecated` suffix, so a page's `Tag.N.key` can stand beside
/// its replacement `Tag.N.Key`.
pub fn member_names<'a>(members: impl IntoIterator<Item = (&'a str, bool)> + Clone) -> Vec<Result<String, String>> {
    let current: std::collections::HashSet<String> = members
        .clone()
        .into_iter()
        .filter(|(_, deprecated)| !deprecated)
        .filter_map(|(w, _)| field_name(w).ok())
        .collect();
    members
        .into_iter()
        .map(|(wire, deprecated)| {
            field_name(wire)
                .map(|name| if deprecated && current.contains(&name) { format!("{name}_deprecated") } else { name })
        })
        .collect()
}

/// The setter of a field named `field` in Rust: `with_image_name`; a keyword's `_` suffix is dropped
/// (`type_` → `with_type`).
pub fn setter_name(field: &str) -> String {
    format!("with_{}", field.trim_end_matches('_'))
}

/// A `SCREAMING_SNAKE_CASE` constant name.
pub fn const_name(wire: &str) -> Result<String, String> {
    field_name(wire).map(|name| name.trim_end_matches('_').to_uppercase())
}

/// The crate generated for a service: `huaweicloud-ims`.
pub fn crate_name(vendor: &str, service: &str) -> String {
    format!("{}-{}", vendor.to_kebab_case(), service.to_kebab_case())
}

/// The crate's name as Rust code refers to it: `huaweicloud_ims`.
pub fn crate_ident(vendor: &str, service: &str) -> String {
    crate_name(vendor, service).replace('-', "_")
}

/// Keeps ASCII letters and digits; everything else separates words.
fn ascii_words(wire: &str) -> String {
    wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

fn finish(wire: &str, name: String, digit_prefix: &str) -> Result<String, String> {
    if name.is_empty() {
        return Err(format!("`{wire}` has no letters or digits to make a Rust name from"));
    }
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) { format!("{digit_prefix}{name}") } else { name };
    Ok(if KEYWORDS.contains(&name.as_str()) { format!("{name}_") } else { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        for (wire, rust) in [
            ("Red Hat", "RedHat"),
            ("/__support_kvm", "SupportKvm"),
            ("zvhd2", "Zvhd2"),
            ("BIOS", "Bios"),
            ("32", "V32"),
            ("Oracle Linux", "OracleLinux"),
            ("Self", "Self_"),
        ] {
            assert_eq!(type_name(wire).as_deref(), Ok(rust), "{wire}");
        }
    }

    #[test]
    fn field_names() {
        for (wire, rust) in [
            ("__os_bit", "os_bit"),
            ("__system__cmkid", "system_cmkid"),
            ("ImageId", "image_id"),
            ("Features.NvmeSupport", "features_nvme_support"),
            ("X-Auth-Token", "x_auth_token"),
            ("type", "type_"),
            ("1st", "n1st"),
        ] {
            assert_eq!(field_name(wire).as_deref(), Ok(rust), "{wire}");
        }
    }

    #[test]
    fn names_without_letters_are_errors() {
        assert!(type_name("/__").is_err());
        assert!(field_name("中文").is_err());
    }

    #[test]
    fn crate_names() {
        assert_eq!(crate_name("huaweicloud", "ims"), "huaweicloud-ims");
        assert_eq!(crate_ident("alibabacloud", "ecs"), "alibabacloud_ecs");
    }
}
