//! Semantic checks of a parsed spec. Every check adds to one accumulator, so a run reports every mistake
//! in every file at once, each at the `file:line:column` of the node it is about.

mod examples;
pub(crate) mod flows;
pub(crate) mod operations;
mod rules;
mod service;
mod types;
pub(crate) mod values;

use crate::diagnostic::{Diagnostic, Diagnostics, closest};
use crate::spec::SpecFile;
use crate::yaml::{Segment, SourceMap};

/// A path into the spec document, built as the checks walk it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }
}

/// Whether a diagnostic points at a node's key or at its value.
#[derive(Debug, Clone, Copy)]
pub enum At {
    /// The key naming the node (`name:` in `name: x`).
    Key,
    /// The node's value (`x` in `name: x`).
    Value,
}

/// The accumulator the checks report into.
pub struct Checker<'a> {
    file: &'a str,
    map: &'a SourceMap,
    diagnostics: Diagnostics,
    /// The spec's patterns, compiled once.
    patterns: values::Patterns,
    /// The repository root that `source.page` paths are relative to, when the files can be checked.
    pages_root: Option<std::path::PathBuf>,
}

impl<'a> Checker<'a> {
    fn new(
        file: &'a str,
        map: &'a SourceMap,
        patterns: values::Patterns,
        pages_root: Option<&std::path::Path>,
    ) -> Self {
        Self { file, map, diagnostics: Diagnostics::default(), patterns, pages_root: pages_root.map(Into::into) }
    }

    /// Reports a mistake at `path`.
    pub fn error(&mut self, path: &Path, at: At, message: impl Into<String>, help: impl Into<String>) {
        let location = match at {
            At::Key => self.map.key(&path.0),
            At::Value => self.map.value(&path.0),
        };
        let help = help.into();
        self.diagnostics.push(Diagnostic {
            file: self.file.to_owned(),
            location,
            message: message.into(),
            help: (!help.is_empty()).then_some(help),
        });
    }

    /// Reports an unknown name, suggesting the closest known one.
    pub fn unknown<'n>(
        &mut self,
        path: &Path,
        what: &str,
        found: &str,
        known: impl IntoIterator<Item = &'n str> + Clone,
        otherwise: &str,
    ) {
        let help = match closest(found, known.clone()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => {
                let all: Vec<&str> = known.into_iter().collect();
                if all.is_empty() { otherwise.to_owned() } else { format!("{otherwise}; known: {}", all.join(", ")) }
            }
        };
        self.error(path, At::Value, format!("unknown {what} `{found}`"), help);
    }
}

/// Checks one parsed spec file; `file` is the name diagnostics carry, `pages_root` the folder page paths
/// are relative to (`None`: their files are not looked for).
pub fn check_spec(file: &str, spec: &SpecFile, map: &SourceMap, pages_root: Option<&std::path::Path>) -> Diagnostics {
    let mut checker = Checker::new(file, map, values::Patterns::compile(spec), pages_root);
    service::check(&mut checker, spec);
    types::check(&mut checker, spec);
    operations::check(&mut checker, spec);
    rules::check(&mut checker, spec);
    flows::check(&mut checker, spec);
    examples::check(&mut checker, spec);
    checker.diagnostics
}
