//! Writing `generated/` as one transaction: after a run, or after a run killed at any moment and the
//! recovery the next run starts with, the folder holds either the old tree or the new one, never a mix.
//!
//! A run writes every changed file to a temp file beside its target, then records a journal, then moves
//! the old files aside (`.old`) and the temp files into place, then drops the journal and the old files. A
//! failure midway undoes what was moved; a run that finds a journal left by a killed one restores the old
//! tree (or, when every new file was already in place, finishes the new one); a run that finds temp files
//! without a journal removes them. It never follows a symlink, never writes outside the folder, and
//! touches only files it generated: a file must carry our header to be replaced, and must also be listed
//! in the manifest of the previous run (`.cloudgen-manifest`) to be deleted.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::render::{GeneratedFile, HEADER_MARK};

/// The list of files the last run generated, one path per line after a header line.
pub const MANIFEST: &str = ".cloudgen-manifest";
/// The journal of a run in progress.
const JOURNAL: &str = ".cloudgen-journal";
/// The mark of our temp and set-aside files: `.<name>.cloudgen-<pid>.tmp` / `.old`.
const TEMP_MARK: &str = ".cloudgen-";

/// What a run would change.
#[derive(Debug, Default)]
pub struct Plan {
    /// New or changed files (the manifest among them when it changes).
    pub writes: Vec<GeneratedFile>,
    /// Generated files no spec produces any more (paths relative to the output folder).
    pub deletes: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files in the folder that we did not generate and leave alone.
    pub foreign: Vec<String>,
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

/// Whether a file's bytes were written by us: the first line carries our header mark.
pub fn is_generated(bytes: &[u8]) -> bool {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    first.windows(HEADER_MARK.len()).any(|w| w == HEADER_MARK.as_bytes())
}

fn manifest_text(files: &[GeneratedFile]) -> String {
    let mut text = format!("# {HEADER_MARK}: the files it wrote, so a later run deletes only those.\n");
    for file in files {
        text.push_str(&file.path);
        text.push('\n');
    }
    text
}

/// Compares `files` with the content of `out_dir`. Fails, naming each, when a file we would write exists
/// without our header, or when a symlink or a folder stands where a generated file or folder goes.
pub fn plan(out_dir: &Path, files: &[GeneratedFile]) -> Result<Plan, Vec<String>> {
    let mut plan = Plan::default();
    let mut refused = Vec::new();
    let mut all = files.to_vec();
    all.push(GeneratedFile { path: MANIFEST.to_owned(), content: manifest_text(files) });
    for file in &all {
        let target = out_dir.join(&file.path);
        if let Some(problem) = symlink_on_the_way(out_dir, &file.path) {
            refused.push(problem);
            continue;
        }
        match fs::symlink_metadata(&target) {
            Err(_) => plan.writes.push(file.clone()),
            Ok(meta) if !meta.is_file() => refused.push(format!(
                "refusing to write {}: something that is not a regular file is there; move it out of the way",
                target.display()
            )),
            Ok(_) => match fs::read(&target) {
                Ok(existing) if existing == file.content.as_bytes() => plan.unchanged += 1,
                Ok(existing) if !is_generated(&existing) => refused.push(format!(
                    "refusing to overwrite {}: it has no `{HEADER_MARK}` header, so it was written by hand; move it out of the way",
                    target.display()
                )),
                Ok(_) => plan.writes.push(file.clone()),
                Err(error) => refused.push(format!("cannot read {}: {error}", target.display())),
            },
        }
    }
    let previous = previous_manifest(out_dir);
    let produced: BTreeSet<&str> = all.iter().map(|f| f.path.as_str()).collect();
    for existing in walk(out_dir) {
        let relative = relative_path(out_dir, &existing);
        if produced.contains(relative.as_str()) || is_ours_in_flight(&relative) {
            continue;
        }
        // Only regular files are read: a FIFO would block, a link to a device never end.
        let regular = fs::symlink_metadata(&existing).is_ok_and(|m| m.is_file());
        let ours = regular && fs::read(&existing).is_ok_and(|bytes| is_generated(&bytes));
        if ours && previous.contains(&relative) {
            plan.deletes.push(relative);
        } else {
            plan.foreign.push(relative);
        }
    }
    plan.deletes.sort();
    plan.foreign.sort();
    if refused.is_empty() { Ok(plan) } else { Err(refused) }
}

/// A symlink at `out_dir` itself or at any folder or file on the way to `relative`.
fn symlink_on_the_way(out_dir: &Path, relative: &str) -> Option<String> {
    let mut path = out_dir.to_path_buf();
    let steps = std::iter::once("").chain(relative.split('/'));
    for step in steps {
        if !step.is_empty() {
            path.push(step);
        }
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(format!(
                "refusing to write through {}: it is a symlink, which codegen never follows; replace it with a real folder or remove it",
                path.display()
            ));
        }
    }
    None
}

fn previous_manifest(out_dir: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(out_dir.join(MANIFEST)).unwrap_or_default();
    text.lines().skip(1).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Our own temp, set-aside and journal files.
fn is_ours_in_flight(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name == JOURNAL
        || (name.starts_with('.') && name.contains(TEMP_MARK) && (name.ends_with(".tmp") || name.ends_with(".old")))
}

/// One file of the transaction: where it goes, its temp file and the place the old one is set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Move {
    target: PathBuf,
    temp: Option<PathBuf>,
    /// Where the old file goes; `None` when there was no old file (a new file).
    aside: Option<PathBuf>,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_MARK}{}.{suffix}", std::process::id()))
}

/// Carries out `plan` as one transaction (see the module docs). On error, the old tree is restored.
pub fn apply(out_dir: &Path, plan: &Plan) -> io::Result<()> {
    let mut moves = Vec::new();
    let staged = stage(out_dir, plan, &mut moves);
    if let Err(error) = staged {
        discard_temps(&moves);
        return Err(error);
    }
    write_journal(out_dir, &moves)?;
    match commit(&moves) {
        Ok(()) => {
            finish(&moves);
            let _ = fs::remove_file(out_dir.join(JOURNAL));
            for relative in &plan.deletes {
                remove_empty_parents(out_dir, &out_dir.join(relative));
            }
            Ok(())
        }
        Err(error) => {
            // The journal stays when a restore failed: the next run's recovery tries again.
            if roll_back(&moves) {
                let _ = fs::remove_file(out_dir.join(JOURNAL));
            }
            Err(error)
        }
    }
}

/// Writes every new file to its temp file (synced); nothing visible changes yet.
fn stage(out_dir: &Path, plan: &Plan, moves: &mut Vec<Move>) -> io::Result<()> {
    for file in &plan.writes {
        let target = out_dir.join(&file.path);
        let temp = sibling(&target, "tmp");
        let aside = fs::symlink_metadata(&target).is_ok().then(|| sibling(&target, "old"));
        moves.push(Move { aside, target, temp: Some(temp.clone()) });
        if let Some(dir) = temp.parent() {
            fs::create_dir_all(dir)?;
        }
        // A new file, never an existing one (a symlink planted at the temp name is not followed).
        let mut handle = fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        handle.write_all(file.content.as_bytes())?;
        handle.sync_all()?;
    }
    for relative in &plan.deletes {
        let target = out_dir.join(relative);
        moves.push(Move { aside: Some(sibling(&target, "old")), target, temp: None });
    }
    Ok(())
}

fn write_journal(out_dir: &Path, moves: &[Move]) -> io::Result<()> {
    let mut text = String::new();
    let relative = |p: &Path| relative_path(out_dir, p);
    for m in moves {
        let temp = m.temp.as_deref().map_or_else(|| "-".to_owned(), relative);
        let aside = m.aside.as_deref().map_or_else(|| "-".to_owned(), relative);
        text.push_str(&format!("{}\t{temp}\t{aside}\n", relative(&m.target)));
    }
    let journal = out_dir.join(JOURNAL);
    let temp = sibling(&journal, "tmp");
    fs::create_dir_all(out_dir)?;
    let mut handle = fs::File::create(&temp)?;
    handle.write_all(text.as_bytes())?;
    handle.sync_all()?;
    fs::rename(&temp, &journal)
}

/// The journal's moves; `None` when there is no journal, `Some(Err)` when it cannot be trusted (then
/// nothing is touched).
fn read_journal(out_dir: &Path) -> Option<Result<Vec<Move>, String>> {
    let bytes = fs::read(out_dir.join(JOURNAL)).ok()?;
    let Ok(text) = String::from_utf8(bytes) else { return Some(Err("the journal is not text".to_owned())) };
    // Only relative paths that stay inside the folder and pass no symlink: a tampered journal cannot make
    // recovery touch anything else.
    let safe = |p: &str| {
        !p.is_empty()
            && Path::new(p).components().all(|c| matches!(c, std::path::Component::Normal(_)))
            && symlink_on_the_way(out_dir, p).is_none()
    };
    let optional = |p: &str| match p {
        "-" => Ok(None),
        _ if safe(p) => Ok(Some(out_dir.join(p))),
        _ => Err(()),
    };
    let mut moves = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let [target, temp, aside] = parts[..] else { return Some(Err(format!("unreadable journal line {line:?}"))) };
        match (safe(target), optional(temp), optional(aside)) {
            (true, Ok(temp), Ok(aside)) => moves.push(Move { target: out_dir.join(target), temp, aside }),
            _ => return Some(Err(format!("unsafe journal line {line:?}"))),
        }
    }
    Some(Ok(moves))
}

/// The renames of a commit, in order: every old file aside, then every new file in.
fn commit_steps(moves: &[Move]) -> Vec<(PathBuf, PathBuf)> {
    let aside = moves.iter().filter_map(|m| m.aside.clone().map(|aside| (m.target.clone(), aside)));
    let into_place = moves.iter().filter_map(|m| m.temp.clone().map(|temp| (temp, m.target.clone())));
    aside.chain(into_place).collect()
}

/// Sets the old files aside, then moves the new ones in. Only regular files are ever moved: anything else
/// that appeared at a target since planning (a folder, a symlink) fails the commit, which is then undone.
fn commit(moves: &[Move]) -> io::Result<()> {
    for (from, to) in commit_steps(moves) {
        if fs::symlink_metadata(&from).is_ok_and(|m| !m.is_file()) {
            return Err(io::Error::other(format!("{} is not a regular file; not moved", from.display())));
        }
        fs::rename(from, to)?;
    }
    Ok(())
}

/// For tests of recovery: does what [`apply`] does up to `renames` renames of the commit, then stops as if
/// the process had been killed there. Returns how many renames a whole commit has.
#[doc(hidden)]
pub fn apply_interrupted(out_dir: &Path, plan: &Plan, renames: usize) -> io::Result<usize> {
    let mut moves = Vec::new();
    stage(out_dir, plan, &mut moves)?;
    write_journal(out_dir, &moves)?;
    let steps = commit_steps(&moves);
    for (from, to) in steps.iter().take(renames) {
        fs::rename(from, to)?;
    }
    Ok(steps.len())
}

/// Restores the old tree from what a commit moved: each set-aside file back in place (a rename, which
/// replaces the new one), each new file without an old one removed once its temp is gone, temps removed.
/// Safe to repeat after being interrupted: a restored file has no set-aside copy left to act on. Returns
/// whether every step succeeded.
fn roll_back(moves: &[Move]) -> bool {
    let mut complete = true;
    for m in moves {
        match &m.aside {
            Some(aside) if fs::symlink_metadata(aside).is_ok() => complete &= fs::rename(aside, &m.target).is_ok(),
            Some(_) => {}
            None => {
                let new_in_place = m.temp.as_ref().is_some_and(|t| fs::symlink_metadata(t).is_err());
                if new_in_place && fs::symlink_metadata(&m.target).is_ok() {
                    complete &= fs::remove_file(&m.target).is_ok();
                }
            }
        }
    }
    discard_temps(moves);
    complete
}

fn discard_temps(moves: &[Move]) {
    for temp in moves.iter().filter_map(|m| m.temp.as_ref()) {
        let _ = fs::remove_file(temp);
    }
}

/// Drops the set-aside old files once the new tree is in place.
fn finish(moves: &[Move]) {
    for aside in moves.iter().filter_map(|m| m.aside.as_ref()) {
        let _ = fs::remove_file(aside);
    }
}

/// Cleans up after a run that was killed: with a journal, finishes the new tree when every new file is
/// already in place and restores the old one otherwise; without one, removes stray temp files. Returns
/// what it did, one line each, for the user.
pub fn recover(out_dir: &Path) -> Vec<String> {
    let mut said = Vec::new();
    match read_journal(out_dir) {
        None => {}
        Some(Err(problem)) => {
            // Touch nothing, the set-aside files included: they may be the only copies of the old ones.
            said.push(format!(
                "left {} alone: {problem}; check generated/ by hand, then delete the journal",
                out_dir.join(JOURNAL).display()
            ));
            return said;
        }
        Some(Ok(moves)) => {
            let all_in_place = moves.iter().all(|m| m.temp.as_ref().is_none_or(|t| fs::symlink_metadata(t).is_err()))
                && moves.iter().filter(|m| m.temp.is_some()).all(|m| fs::symlink_metadata(&m.target).is_ok());
            let done = if all_in_place {
                finish(&moves);
                said.push(format!(
                    "finished an interrupted regeneration of {} ({} files)",
                    out_dir.display(),
                    moves.len()
                ));
                true
            } else {
                let restored = roll_back(&moves);
                said.push(format!(
                    "undid an interrupted regeneration of {}: the previous files are back{}",
                    out_dir.display(),
                    if restored { "" } else { " as far as possible; the journal is kept for another try" }
                ));
                restored
            };
            if !done {
                return said;
            }
            let _ = fs::remove_file(out_dir.join(JOURNAL));
        }
    }
    // Without a journal, temp files are half-written new files: remove them. Set-aside `.old` files are
    // never removed here: without a journal nobody knows whether they are the only copy.
    let in_flight: Vec<PathBuf> =
        walk(out_dir).into_iter().filter(|p| is_ours_in_flight(&relative_path(out_dir, p))).collect();
    let (old, temps): (Vec<&PathBuf>, Vec<&PathBuf>) =
        in_flight.iter().partition(|p| p.extension().is_some_and(|e| e == "old"));
    for temp in &temps {
        let _ = fs::remove_file(temp);
    }
    if !temps.is_empty() {
        said.push(format!("removed {} leftover temp files of an interrupted run", temps.len()));
    }
    for path in old {
        said.push(format!(
            "kept {}: a set-aside file of an interrupted run; delete it once generated/ is right",
            path.display()
        ));
    }
    said
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

/// Every file under `dir`, never following a symlink (a symlink is listed, not entered), skipping build
/// output.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    if path.file_name().is_some_and(|n| n != "target") {
                        pending.push(path);
                    }
                }
                Ok(_) => files.push(path),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files
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
        assert_eq!(next.writes.len(), 2, "the file and the manifest");
        assert_eq!(next.deletes, ["old/src/lib.rs"]);
        assert_eq!(next.foreign, ["old/notes.md"]);
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
