//! The only module that knows which YAML crates we use.
//!
//! `serde_yaml` deserializes the typed spec; `yaml-rust2`'s event parser, which reports a position for
//! every node, builds a [`SourceMap`] so later phases can point at `file:line:column`, and catches
//! duplicate keys (which `serde_yaml` would let the last one win for our ordered maps). Swapping the YAML
//! crate means rewriting this file only.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

impl From<&str> for Segment {
    fn from(key: &str) -> Self {
        Segment::Key(key.to_owned())
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Segment::Index(index)
    }
}

/// Positions of every node of a document: a tree of nodes, each found from its parent by one segment, so
/// building it is linear in the document's size whatever its depth.
#[derive(Debug)]
pub struct SourceMap {
    /// Node 0 is the document root.
    nodes: Vec<NodePosition>,
    children: HashMap<(usize, Segment), usize>,
}

#[derive(Debug, Clone, Copy)]
struct NodePosition {
    /// For a mapping entry: the key's position; for a sequence item: the item's; none for the root.
    key: Option<Location>,
    /// The position of the node's value.
    value: Location,
}

impl Default for SourceMap {
    fn default() -> Self {
        let start = Location { line: 1, column: 1 };
        Self { nodes: vec![NodePosition { key: None, value: start }], children: HashMap::new() }
    }
}

impl SourceMap {
    /// Where the node at `path` is named (its key), or the nearest enclosing node that exists.
    pub fn key(&self, path: &[Segment]) -> Location {
        self.along(path).filter_map(|node| node.key).last().unwrap_or(Location { line: 1, column: 1 })
    }

    /// Where the value at `path` starts, or the nearest enclosing node that exists.
    pub fn value(&self, path: &[Segment]) -> Location {
        self.along(path).map(|node| node.value).last().unwrap_or(Location { line: 1, column: 1 })
    }

    /// The nodes from the root down `path`, as far as they exist.
    fn along<'m>(&'m self, path: &'m [Segment]) -> impl Iterator<Item = NodePosition> + 'm {
        let mut current = Some(0);
        std::iter::once(self.nodes[0]).chain(path.iter().map_while(move |segment| {
            let next = *self.children.get(&(current?, segment.clone()))?;
            current = Some(next);
            Some(self.nodes[next])
        }))
    }

    fn add(&mut self, parent: usize, segment: Segment, key: Location, value: Location) -> usize {
        self.nodes.push(NodePosition { key: Some(key), value });
        let id = self.nodes.len() - 1;
        self.children.insert((parent, segment), id);
        id
    }
}

/// A YAML mistake with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the mistake is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

/// Parses `text` into `T`, with the positions of every node.
///
/// Returns every duplicate key found, or else the first error `serde_yaml` reports.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, SourceMap), Vec<YamlError>> {
    parse_checked(text, |_| Vec::new())
}

/// [`parse`], and when typed parsing fails, every further mistake `shape` finds in the document (as JSON,
/// map keys as strings): serde stops at the first one.
pub fn parse_checked<T: DeserializeOwned>(
    text: &str,
    shape: impl Fn(&serde_json::Value) -> Vec<crate::shape::ShapeError>,
) -> Result<(T, SourceMap), Vec<YamlError>> {
    // A byte-order mark is valid YAML, but serde_yaml reads it as content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = SourceMapBuilder::default();
    let mut parser = Parser::new_from_str(text);
    // Event by event rather than `Parser::load`, which recurses once per level: a deep document must end
    // in a located error, not a stack overflow.
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, marker)) => {
                builder.on_event(event, marker);
                if builder.too_deep {
                    break;
                }
            }
            Err(error) => {
                return Err(vec![YamlError {
                    location: location(error.marker()),
                    message: format!("invalid YAML: {}", error.info()),
                    help: Some("check the indentation and quoting around this position".to_owned()),
                }]);
            }
        }
    }
    if !builder.errors.is_empty() {
        return Err(builder.errors);
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok((value, builder.map)),
        Err(error) => {
            let mut errors = vec![serde_error(&error)];
            let document = serde_yaml::from_str::<serde_yaml::Value>(text).map(|v| to_json(&v)).unwrap_or_default();
            for found in shape(&document) {
                let location = if found.at_key { builder.map.key(&found.path) } else { builder.map.value(&found.path) };
                // serde's own report of the same mistake comes first and stays; the rest are added.
                if !errors.iter().any(|e| e.location.line == location.line) {
                    errors.push(YamlError { location, message: found.message, help: Some(found.help) });
                }
            }
            errors.sort_by_key(|e| e.location);
            Err(errors)
        }
    }
}

/// A YAML document as JSON (map keys as strings), or `None` when it is not YAML: for tools and tests that
/// transform specs structurally without naming a YAML crate.
pub fn to_json_document(text: &str) -> Option<serde_json::Value> {
    serde_yaml::from_str::<serde_yaml::Value>(text).ok().map(|v| to_json(&v))
}

/// A YAML value as JSON, map keys as strings (`200:` becomes `"200"`), as the JSON Schema sees it.
fn to_json(value: &serde_yaml::Value) -> serde_json::Value {
    use serde_yaml::Value as Yaml;
    match value {
        Yaml::Null => serde_json::Value::Null,
        Yaml::Bool(b) => serde_json::Value::Bool(*b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Yaml::String(s) => serde_json::Value::String(s.clone()),
        Yaml::Sequence(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Yaml::Mapping(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Number(n) => n.to_string(),
                        Yaml::Bool(b) => b.to_string(),
                        _ => "<complex key>".to_owned(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Yaml::Tagged(tagged) => to_json(&tagged.value),
    }
}

fn location(marker: &Marker) -> Location {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Location { line: marker.line(), column: marker.col() + 1 }
}

fn serde_error(error: &serde_yaml::Error) -> YamlError {
    let location = error
        .location()
        .map(|l| Location { line: l.line(), column: l.column() })
        .unwrap_or(Location { line: 1, column: 1 });
    let text = error.to_string();
    // serde_yaml appends " at line L column C"; the diagnostic carries the position itself.
    let message = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    let help = did_you_mean(&message)
        .unwrap_or_else(|| "specs/README.md lists every key and the values it accepts".to_owned());
    YamlError { location, message, help: Some(help) }
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a suggestion.
fn did_you_mean(message: &str) -> Option<String> {
    let (found, expected) = unknown_and_expected(message)?;
    let candidates: Vec<&str> = expected.split(", ").map(|c| c.trim_matches('`')).collect();
    match crate::diagnostic::closest(found, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("expected one of: {}", candidates.join(", "))),
    }
}

fn unknown_and_expected(message: &str) -> Option<(&str, &str)> {
    let rest = message.split_once("unknown field `").or_else(|| message.split_once("unknown variant `"))?.1;
    let (found, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected one of ").or_else(|| rest.split_once("expected "))?.1;
    Some((found, expected))
}

/// How deep a spec may nest. Real specs need about ten levels; the bound keeps every later, recursive
/// phase (serde's deserializer, the checks) far from the stack's end.
pub const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct SourceMapBuilder {
    map: SourceMap,
    stack: Vec<Frame>,
    errors: Vec<YamlError>,
    /// The node ids from the root to the current node (the root, 0, is implied).
    path: Vec<usize>,
    /// Set once the document nests too deep: the rest is not mapped.
    too_deep: bool,
}

enum Frame {
    Mapping { pending_key: Option<(String, Location)>, seen: HashMap<String, Location> },
    Sequence { next: usize },
}

impl SourceMapBuilder {
    fn current(&self) -> usize {
        self.path.last().copied().unwrap_or(0)
    }

    /// Opens the node that starts at `at`; returns false when the node is a mapping key.
    fn enter_node(&mut self, at: Location, key_text: Option<&str>) -> bool {
        let parent = self.current();
        match self.stack.last_mut() {
            None => true,
            Some(Frame::Sequence { next }) => {
                let index = *next;
                *next += 1;
                let id = self.map.add(parent, Segment::Index(index), at, at);
                self.path.push(id);
                true
            }
            Some(Frame::Mapping { pending_key, seen }) => match pending_key.take() {
                Some((key, key_at)) => {
                    let id = self.map.add(parent, Segment::Key(key), key_at, at);
                    self.path.push(id);
                    true
                }
                None => {
                    let key = key_text.unwrap_or("<complex key>").to_owned();
                    if let Some(first) = seen.get(&key) {
                        self.errors.push(YamlError {
                            location: at,
                            message: format!("duplicate key `{key}`"),
                            help: Some(format!(
                                "`{key}` is already defined at line {}; merge the two entries or rename one",
                                first.line
                            )),
                        });
                    } else {
                        seen.insert(key.clone(), at);
                    }
                    *pending_key = Some((key, at));
                    false
                }
            },
        }
    }

    /// Closes a scalar value or a finished collection: pops its path segment.
    fn leave_node(&mut self) {
        if !self.stack.is_empty() {
            self.path.pop();
        }
    }

    fn open(&mut self, at: Location, frame: Frame) {
        self.enter_node(at, None);
        self.stack.push(frame);
        if self.stack.len() > MAX_DEPTH {
            self.too_deep = true;
            self.errors.push(YamlError {
                location: at,
                message: format!("the document nests more than {MAX_DEPTH} levels deep"),
                help: Some("specs need about ten levels; look for an indentation or generator mistake here".to_owned()),
            });
        }
    }
}

impl MarkedEventReceiver for SourceMapBuilder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        if self.too_deep {
            return;
        }
        let at = location(&marker);
        match event {
            Event::Scalar(text, ..) if self.enter_node(at, Some(&text)) => self.leave_node(),
            Event::Alias(_) if self.enter_node(at, None) => self.leave_node(),
            Event::MappingStart(..) => self.open(at, Frame::Mapping { pending_key: None, seen: HashMap::new() }),
            Event::SequenceStart(..) => self.open(at, Frame::Sequence { next: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.leave_node();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        value: u32,
    }

    #[test]
    fn positions_of_keys_and_values() {
        let text = "name: x\nitems:\n  - value: 1\n  - value: 2\n";
        let (_, map) = parse::<Doc>(text).unwrap();
        let path = [Segment::from("items"), Segment::from(1), Segment::from("value")];
        assert_eq!(map.key(&path), Location { line: 4, column: 5 });
        assert_eq!(map.value(&path), Location { line: 4, column: 12 });
        assert_eq!(map.key(&[Segment::from("name")]), Location { line: 1, column: 1 });
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_parent() {
        let (_, map) = parse::<Doc>("name: x\nitems: []\n").unwrap();
        let path = [Segment::from("items"), Segment::from(7)];
        assert_eq!(map.key(&path), Location { line: 2, column: 1 });
    }

    #[test]
    fn unknown_field_gets_a_suggestion_and_position() {
        let errors = parse::<Doc>("name: x\nitems:\n  - valeu: 1\n").unwrap_err();
        assert_eq!(errors[0].location, Location { line: 3, column: 5 });
        assert!(errors[0].message.contains("unknown field `valeu`"), "{}", errors[0].message);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `value`?"));
    }

    #[test]
    fn duplicate_keys_are_all_reported() {
        let errors = parse::<Doc>("name: x\nname: y\nitems: []\nitems: []\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].location, Location { line: 4, column: 1 });
    }
}
