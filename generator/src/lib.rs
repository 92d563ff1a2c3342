//! `cloudgen`: turns YAML transcriptions of cloud API documentation pages into Rust crates.
//!
//! The pipeline, one module per phase:
//! [`yaml`] (parse, with positions) → [`spec`] (the typed spec language) → [`validate`] (semantic checks,
//! all errors at once; [`load`] runs these three over a folder) → [`lower`] (every decision, into the
//! [`ir`]) → [`emit`] (tokens) → [`render`] (prettyplease, headers) → [`write`](mod@write) (atomic, only our files).

pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod render;
pub mod schema;
pub mod shape;
pub mod spec;
pub mod validate;
pub mod write;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::{LoadedSpec, load_dir, load_source};

/// Lowers and emits every loaded spec: the full content of `generated/`, in a stable order.
///
/// Crates are independent, so each is lowered and emitted on its own thread; the files are sorted
/// afterwards, so the output does not depend on scheduling.
pub fn generate(specs: &[LoadedSpec]) -> Result<Vec<render::GeneratedFile>, String> {
    let crates: Vec<Result<Vec<render::GeneratedFile>, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            specs.iter().map(|loaded| scope.spawn(move || emit::emit_crate(&lower::lower(loaded)))).collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_else(|_| Err("internal error: code generation panicked".to_owned())))
            .collect()
    });
    let mut files = Vec::new();
    for generated in crates {
        files.extend(generated?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
