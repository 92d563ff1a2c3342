//! The generated crate's `Cargo.toml`.

use crate::ir::Crate;

pub fn emit_manifest(krate: &Crate) -> String {
    // A JSON string is a valid TOML basic string for this text (no control characters besides escapes).
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    format!(
        r#"[package]
name = {name}
description = {description}
version = {version}
readme = "README.md"
documentation = {documentation}
keywords = ["cloud", "api", "sdk", {vendor}]
categories = ["api-bindings"]
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[dependencies]
cloudgen-runtime = {{ version = {runtime}, path = "../../runtime" }}
serde.workspace = true
serde_json.workspace = true

[lints]
workspace = true
"#,
        name = quote(&krate.package),
        description = quote(&krate.summary),
        version = quote(&krate.version),
        documentation = quote(&format!("https://docs.rs/{}", krate.package)),
        vendor = quote(krate.package.split('-').next().unwrap_or_default()),
        runtime = quote(cloudgen_runtime::VERSION),
    )
}
