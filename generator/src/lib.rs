//! `cloudgen`: turns YAML transcriptions of cloud API documentation pages into Rust crates.
//!
//! The pipeline, one module per phase:
//! [`yaml`] (parse, with positions) → [`spec`] (the typed spec language) → [`validate`] (semantic checks,
//! all errors at once; [`load`] runs these three over a folder) → [`lower`] (every decision, into the
//! [`ir`]) → [`emit`] (tokens) → [`render`] (prettyplease, headers) → [`write`](mod@write) (atomic, only our files).

pub mod changes;
pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod release;
pub mod render;
pub mod schema;
pub mod shape;
pub mod spec;
pub mod surface;
pub mod validate;
pub mod write;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::{LoadedSpec, load_dir, load_source};

/// What an earlier run left in the output folder, per package: its version, public surface and changelog.
#[derive(Debug, Clone, Default)]
pub struct History {
    crates: std::collections::BTreeMap<String, Previous>,
}

/// One crate as an earlier run generated it.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// Its version (`Cargo.toml`).
    pub version: String,
    /// Its public surface (`API.md`).
    pub surface: surface::Surface,
    /// Its changelog (`CHANGELOG.md`).
    pub changelog: String,
}

impl History {
    /// Reads every crate folder of `out_dir` (nothing when it does not exist).
    pub fn read(out_dir: &std::path::Path) -> Self {
        let mut crates = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(out_dir).into_iter().flatten().flatten() {
            let dir = entry.path();
            if !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            let manifest = read("Cargo.toml");
            let field = |key: &str| {
                manifest.lines().find_map(|l| {
                    l.strip_prefix(key)?.trim().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"')
                })
            };
            let (Some(name), Some(version)) = (field("name"), field("version")) else { continue };
            let previous = Previous {
                version: version.to_owned(),
                surface: surface::parse(&read("API.md")),
                changelog: read("CHANGELOG.md"),
            };
            crates.insert(name.to_owned(), previous);
        }
        Self { crates }
    }
}

/// The generated files and, for every crate whose public surface changed, its change report.
#[derive(Debug, Clone, Default)]
pub struct Generation {
    /// Every file, sorted by path.
    pub files: Vec<render::GeneratedFile>,
    /// One report per changed crate.
    pub reports: Vec<changes::CrateReport>,
}

/// Lowers and emits every loaded spec: the full content of `generated/`, in a stable order, as a first
/// generation (no history: every crate at 0.1.0).
pub fn generate(specs: &[LoadedSpec]) -> Result<Vec<render::GeneratedFile>, String> {
    generate_with_history(specs, &History::default()).map(|g| g.files)
}

/// Lowers and emits every loaded spec against what an earlier run left: each crate's changes are
/// classified against its checked-in surface, its version bumped as they demand and its changelog
/// extended.
///
/// Crates are independent, so each is lowered and emitted on its own thread; the files are sorted
/// afterwards, so the output does not depend on scheduling.
pub fn generate_with_history(specs: &[LoadedSpec], history: &History) -> Result<Generation, String> {
    type Crate = Result<(Vec<render::GeneratedFile>, Option<changes::CrateReport>), String>;
    let crates: Vec<Crate> = std::thread::scope(|scope| {
        let workers: Vec<_> = specs.iter().map(|loaded| scope.spawn(move || generate_crate(loaded, history))).collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_else(|_| Err("internal error: code generation panicked".to_owned())))
            .collect()
    });
    let mut generation = Generation::default();
    for generated in crates {
        let (files, report) = generated?;
        generation.files.extend(files);
        generation.reports.extend(report);
    }
    generation.files.sort_by(|a, b| a.path.cmp(&b.path));
    generation.reports.sort_by(|a, b| a.package.cmp(&b.package));
    Ok(generation)
}

fn generate_crate(
    loaded: &LoadedSpec,
    history: &History,
) -> Result<(Vec<render::GeneratedFile>, Option<changes::CrateReport>), String> {
    let mut krate = lower::lower(loaded);
    let facts = surface::surface(&krate);
    let known = history.crates.get(&krate.package);
    let previous = known.filter(|p| !p.surface.is_empty());
    let (report, changelog) = match previous {
        // No surface to compare with (a first run, or an API.md that went missing): keep the version the
        // crate already has and its changelog, never restart at 0.1.0.
        None => {
            if let Some(known) = known {
                krate.version = known.version.clone();
            }
            let changelog = known.map(|k| k.changelog.clone()).filter(|c| !c.is_empty());
            (None, changelog.unwrap_or_else(|| release::first_changelog(&krate)))
        }
        Some(previous) => {
            let found = changes::classify(&previous.surface, &facts);
            let bump = changes::Bump::of(&found);
            let report = changes::CrateReport {
                package: krate.package.clone(),
                old_version: previous.version.clone(),
                new_version: bump.apply(&previous.version),
                bump,
                pages: release::changed_pages(&previous.surface, &facts),
                changes: found,
            };
            krate.version = report.new_version.clone();
            if report.changes.is_empty() {
                (None, previous.changelog.clone())
            } else {
                let changelog = release::extend_changelog(&krate, &previous.changelog, &report);
                (Some(report), changelog)
            }
        }
    };
    let mut files = emit::emit_crate(&krate)?;
    let dir = &krate.package;
    files.push(render::GeneratedFile {
        path: format!("{dir}/API.md"),
        content: surface::render(&krate, &krate.version, &facts),
    });
    files.push(render::GeneratedFile { path: format!("{dir}/CHANGELOG.md"), content: changelog });
    files.push(render::GeneratedFile { path: format!("{dir}/README.md"), content: release::readme(&krate) });
    Ok((files, report))
}
