//! Loading: find the spec files, parse each one, check each one, then check them against each other.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::spec::SpecFile;
use crate::validate;
use crate::yaml::{self, Location};

/// A spec file that parsed and passed every check.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The file as diagnostics and generated headers name it (`specs/huaweicloud/ims.yaml`).
    pub file: String,
    /// The parsed spec.
    pub spec: SpecFile,
}

/// Loads every `*.yaml` file under `dir` (sorted by path). `display_root` is how the user names `dir`
/// (`specs`), so diagnostics read `specs/huaweicloud/ims.yaml:12:5`.
pub fn load_dir(dir: &Path, display_root: &str) -> Result<Vec<LoadedSpec>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let files = match find_specs(dir) {
        Ok(files) => files,
        Err(error) => {
            diagnostics.push(at_start(
                display_root,
                format!("cannot read the spec folder: {error}"),
                "run from the project root",
            ));
            return Err(diagnostics);
        }
    };
    if files.is_empty() {
        diagnostics.push(at_start(
            display_root,
            "no spec files (*.yaml) found".into(),
            "add a spec, see specs/README.md",
        ));
    }
    let mut loaded = Vec::new();
    for path in files {
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        let shown = format!("{display_root}/{}", relative.to_string_lossy().replace('\\', "/"));
        match fs::read_to_string(&path) {
            Ok(text) => match load_file(&shown, &text, dir.parent()) {
                Ok(spec) => loaded.push(spec),
                Err(found) => diagnostics.extend(found),
            },
            Err(error) => diagnostics.push(at_start(
                &shown,
                format!("cannot read the file: {error}"),
                "check its permissions and encoding (UTF-8)",
            )),
        }
    }
    diagnostics.extend(check_across(&loaded));
    if diagnostics.is_empty() { Ok(loaded) } else { Err(diagnostics) }
}

/// Parses and checks one spec's text; `file` is the name diagnostics carry. Page files are not looked
/// for (there is no repository around the text).
pub fn load_source(file: &str, text: &str) -> Result<LoadedSpec, Diagnostics> {
    load_file(file, text, None)
}

/// Parses and checks one spec's text, looking for its page files under `pages_root` when given.
fn load_file(file: &str, text: &str, pages_root: Option<&Path>) -> Result<LoadedSpec, Diagnostics> {
    let (spec, map) = yaml::parse::<SpecFile>(text).map_err(|errors| {
        let mut diagnostics = Diagnostics::default();
        for error in errors {
            diagnostics.push(Diagnostic {
                file: file.to_owned(),
                location: error.location,
                message: error.message,
                help: error.help,
            });
        }
        diagnostics
    })?;
    let diagnostics = validate::check_spec(file, &spec, &map, pages_root);
    if diagnostics.is_empty() { Ok(LoadedSpec { file: file.to_owned(), spec }) } else { Err(diagnostics) }
}

/// Two files must not generate the same crate.
fn check_across(specs: &[LoadedSpec]) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut crates: BTreeMap<String, &str> = BTreeMap::new();
    for loaded in specs {
        let name = crate::naming::crate_name(&loaded.spec.service.vendor.name, &loaded.spec.service.name);
        if let Some(first) = crates.insert(name.clone(), &loaded.file) {
            diagnostics.push(at_start(
                &loaded.file,
                format!("this service generates the crate `{name}`, as does {first}"),
                "one service per file: merge the operations into one spec",
            ));
        }
    }
    diagnostics
}

fn at_start(file: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        location: Location { line: 1, column: 1 },
        message,
        help: Some(help.to_owned()),
    }
}

fn find_specs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
