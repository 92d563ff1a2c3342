//! `cloudgen`: turns YAML transcriptions of cloud API documentation pages into Rust crates.
//!
//! The pipeline, one module per phase:
//! [`yaml`] (parse, with positions) → [`spec`] (the typed spec language) → [`validate`] (semantic checks,
//! all errors at once) → [`load`] (ties the three together over a folder of specs).

pub mod diagnostic;
pub mod load;
pub mod naming;
pub mod schema;
pub mod spec;
pub mod validate;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::{LoadedSpec, load_dir, load_source};
