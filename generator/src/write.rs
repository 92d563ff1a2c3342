//! Writing `generated/`: only files whose content changed, each atomically (temp file + rename), stale
//! generated files removed, and nothing without our header ever overwritten or deleted.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::{GeneratedFile, HEADER_MARK};

/// What a run would change.
#[derive(Debug, Default)]
pub struct Plan {
    /// New or changed files.
    pub writes: Vec<GeneratedFile>,
    /// Generated files no spec produces any more (paths relative to the output folder).
    pub deletes: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl Plan {
    /// True when `generated/` already matches the specs.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.deletes.is_empty()
    }

    /// One line per change, for `--check` and for the report after a run.
    pub fn describe(&self, root: &str) -> Vec<String> {
        let mut lines: Vec<String> = self.writes.iter().map(|f| format!("{root}/{} (out of date)", f.path)).collect();
        lines.extend(self.deletes.iter().map(|p| format!("{root}/{p} (no longer generated)")));
        lines
    }
}

/// Whether a file's text was written by us.
pub fn is_generated(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(HEADER_MARK))
}

/// Compares `files` with the content of `out_dir`. Fails, naming each file, when a file we would write
/// exists without our header.
pub fn plan(out_dir: &Path, files: &[GeneratedFile]) -> Result<Plan, Vec<String>> {
    let mut plan = Plan::default();
    let mut refused = Vec::new();
    for file in files {
        match fs::read_to_string(out_dir.join(&file.path)) {
            Ok(existing) if existing == file.content => plan.unchanged += 1,
            Ok(existing) if !is_generated(&existing) => refused.push(format!(
                "refusing to overwrite {}: it has no `{HEADER_MARK}` header, so it was written by hand; move it out of the way",
                out_dir.join(&file.path).display()
            )),
            _ => plan.writes.push(file.clone()),
        }
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for existing in walk(out_dir).unwrap_or_default() {
        let relative = relative_path(out_dir, &existing);
        let produced = produced.contains(relative.as_str());
        let ours = fs::read_to_string(&existing).is_ok_and(|text| is_generated(&text));
        if !produced && ours {
            plan.deletes.push(relative);
        }
    }
    plan.deletes.sort();
    if refused.is_empty() { Ok(plan) } else { Err(refused) }
}

/// Carries out `plan`: atomic writes first, then deletions, then empty folders left behind.
pub fn apply(out_dir: &Path, plan: &Plan) -> io::Result<()> {
    for file in &plan.writes {
        write_atomically(&out_dir.join(&file.path), &file.content)?;
    }
    for relative in &plan.deletes {
        let path = out_dir.join(relative);
        fs::remove_file(&path)?;
        remove_empty_parents(out_dir, &path);
    }
    Ok(())
}

fn write_atomically(path: &Path, content: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.cloudgen-{}.tmp", std::process::id()));
    fs::write(&temp, content)?;
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

fn remove_empty_parents(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(current) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(current).is_err() {
            break; // not empty: it holds something we did not generate, or more of ours
        }
        dir = current.parent();
    }
}

fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Every file under `dir`, skipping build output.
fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else { continue };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    pending.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile { path: path.to_owned(), content: format!("// {HEADER_MARK} from specs/x.yaml\n{body}") }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cloudgen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_changes_and_removes_only_stale_generated_files() {
        let dir = temp_dir("stale");
        apply(&dir, &plan(&dir, &[file("a/src/lib.rs", "1"), file("old/src/lib.rs", "x")]).unwrap()).unwrap();
        fs::write(dir.join("old/notes.md"), "hand-written").unwrap();
        let next = plan(&dir, &[file("a/src/lib.rs", "2")]).unwrap();
        assert_eq!(next.writes.len(), 1);
        assert_eq!(next.deletes, ["old/src/lib.rs"]);
        apply(&dir, &next).unwrap();
        assert!(!dir.join("old/src").exists(), "empty folders are removed");
        assert_eq!(fs::read_to_string(dir.join("old/notes.md")).unwrap(), "hand-written");
        assert!(plan(&dir, &[file("a/src/lib.rs", "2")]).unwrap().is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_a_file_without_the_header() {
        let dir = temp_dir("refuse");
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/Cargo.toml"), "[package]\n").unwrap();
        let errors = plan(&dir, &[file("a/Cargo.toml", "")]).unwrap_err();
        assert!(errors[0].contains("refusing to overwrite"), "{errors:?}");
        assert_eq!(fs::read_to_string(dir.join("a/Cargo.toml")).unwrap(), "[package]\n");
        fs::remove_dir_all(&dir).unwrap();
    }
}
