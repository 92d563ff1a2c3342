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
    let (files, refused) = match find_specs(dir) {
        Ok(found) => found,
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
    let shown = |path: &Path| {
        let relative = path.strip_prefix(dir).unwrap_or(path);
        format!("{display_root}/{}", relative.to_string_lossy().replace('\\', "/"))
    };
    for (path, why, help) in refused {
        diagnostics.push(at_start(&shown(&path), why, help));
    }
    let mut loaded = Vec::new();
    for path in files {
        let shown = shown(&path);
        match read_spec(&path) {
            Ok(text) => match load_file(&shown, &text, dir.parent()) {
                Ok(spec) => loaded.push(spec),
                Err(found) => diagnostics.extend(found),
            },
            Err((why, help)) => diagnostics.push(at_start(&shown, why, help)),
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
    let (spec, map) = yaml::parse_checked::<SpecFile>(text, crate::shape::check).map_err(|errors| {
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

/// The largest spec file read. A whole vendor catalogue in one file stays far below it; anything larger is
/// a mistake (a generated file, a binary) that would only cost time and memory.
pub const MAX_SPEC_BYTES: u64 = 32 * 1024 * 1024;

/// A path refused by the walk, why, and what to do.
type Refused = (PathBuf, String, &'static str);

/// Every `*.yaml`/`*.yml` regular file under `dir`, sorted, and the entries refused: symlinks that leave
/// `dir` (or loop), symlinked folders, and spec-named entries that are not regular files (a FIFO would block
/// the read forever, a device never end).
fn find_specs(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<Refused>)> {
    let root = dir.canonicalize()?;
    let mut found = Vec::new();
    let mut refused = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    let is_spec = |path: &Path| path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_symlink() {
                match path.canonicalize() {
                    Err(_) if is_spec(&path) => {
                        refused.push((path, "a symlink that loops or leads nowhere".into(), "remove it"))
                    }
                    Err(_) => {}
                    Ok(target) if !target.starts_with(&root) && (is_spec(&path) || target.is_dir()) => refused.push((
                        path,
                        format!("a symlink that leaves the spec folder (to {})", target.display()),
                        "copy the spec into the folder instead of linking to it",
                    )),
                    Ok(target) if target.is_dir() => refused.push((
                        path,
                        "a symlinked folder, not followed".into(),
                        "move the specs into the folder itself",
                    )),
                    Ok(target) if target.is_file() && is_spec(&path) => found.push(path),
                    Ok(_) if is_spec(&path) => {
                        refused.push((path, "not a regular file".into(), "a spec is a regular YAML file"))
                    }
                    Ok(_) => {}
                }
            } else if is_spec(&path) {
                if kind.is_file() {
                    found.push(path);
                } else {
                    refused.push((path, "not a regular file".into(), "a spec is a regular YAML file"));
                }
            }
        }
    }
    found.sort();
    refused.sort();
    Ok((found, refused))
}

/// A spec file's text: at most [`MAX_SPEC_BYTES`], UTF-8.
fn read_spec(path: &Path) -> Result<String, (String, &'static str)> {
    use std::io::Read as _;
    let file = fs::File::open(path).map_err(|e| (format!("cannot read the file: {e}"), "check its permissions"))?;
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| (format!("cannot read the file: {e}"), "check its permissions"))?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err((
            format!("the file is larger than {} MiB", MAX_SPEC_BYTES / (1024 * 1024)),
            "split the service into several spec files, or check that this is a spec at all",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        (format!("the file is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()), "save it as UTF-8")
    })
}
