//! The change report: what a regeneration changes in a crate's public surface, each change classified by
//! a named rule for the Rust API (breaking or compatible) and for the wire contract (what the client sends
//! or accepts), and the semver bump that follows.
//!
//! Like cargo-semver-checks' lints and oasdiff's checks, each kind of change is one rule with a short,
//! stable message; the messages are read in pull requests and in `CHANGELOG.md`.

use serde::Serialize;

use crate::surface::Surface;

/// How a change affects users of the Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Code that compiled may not compile, or means something else.
    Breaking,
    /// New things; existing code keeps compiling.
    Compatible,
    /// Documentation only.
    Docs,
}

/// What a change does on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wire {
    /// Nothing the client sends or accepts changes.
    Unchanged,
    /// The client sends or accepts more than before; what worked still works.
    Widened,
    /// Requests or responses that worked before may now fail (rejected by validation, or sent differently).
    Breaking,
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule's stable name (`enum-value-removed`).
    pub rule: &'static str,
    /// The item (`ImagePatchPath::Name`, `UpdateImageRequest.image_id`).
    pub item: String,
    /// For the Rust API.
    pub rust: Impact,
    /// For the wire contract.
    pub wire: Wire,
    /// What happened and what a user does about it, one sentence.
    pub message: String,
}

impl Change {
    /// The bump this change alone demands: breaking in Rust or on the wire is major, additions minor, docs
    /// patch.
    pub fn bump(&self) -> Bump {
        match (self.rust, self.wire) {
            (Impact::Breaking, _) | (_, Wire::Breaking) => Bump::Major,
            (Impact::Compatible, _) | (_, Wire::Widened) => Bump::Minor,
            (Impact::Docs, Wire::Unchanged) => Bump::Patch,
        }
    }
}

/// The semver step a set of changes demands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// No change.
    None,
    /// Docs or fixes.
    Patch,
    /// Additions.
    Minor,
    /// Breaking changes.
    Major,
}

impl Bump {
    /// The bump `changes` demand: breaking in Rust or on the wire is major, additions minor, docs patch.
    pub fn of(changes: &[Change]) -> Bump {
        changes.iter().map(Change::bump).max().unwrap_or(Bump::None)
    }

    /// `version` bumped as Cargo reads semver: before 1.0 the minor number is the breaking one.
    pub fn apply(self, version: &str) -> String {
        let parts: Vec<u64> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
        let (major, minor, patch) = (
            parts.first().copied().unwrap_or(0),
            parts.get(1).copied().unwrap_or(0),
            parts.get(2).copied().unwrap_or(0),
        );
        let (major, minor, patch) = match (self, major) {
            (Bump::None, _) => (major, minor, patch),
            (Bump::Major, 0) => (0, minor + 1, 0),
            (Bump::Major, _) => (major + 1, 0, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
            (Bump::Minor, _) => (major, minor + 1, 0),
        };
        format!("{major}.{minor}.{patch}")
    }
}

/// Every change from `old` to `new`, classified, most severe first.
///
/// The parts of a type or operation that came or went whole are not listed again (a new request type's
/// mandatory field is no breaking change), nor is a doc change of an item that changed otherwise.
pub fn classify(old: &Surface, new: &Surface) -> Vec<Change> {
    let whole = |from: &Surface, to: &Surface| -> Vec<String> {
        from.keys()
            .filter(|k| !to.contains_key(*k))
            .filter_map(|k| {
                k.strip_prefix("struct ").or_else(|| k.strip_prefix("operation ")).or_else(|| k.strip_prefix("enum "))
            })
            .map(str::to_owned)
            .collect()
    };
    let (came, went) = (whole(new, old), whole(old, new));
    let part_of = |key: &str, owners: &[String]| {
        let (kind, item) = split(key);
        let owner = item.split(['.', ' ', ':']).next().unwrap_or(item);
        !matches!(kind, "struct" | "operation" | "enum") && owners.iter().any(|o| o == owner)
    };
    let mut changes = Vec::new();
    for (key, value) in new {
        match old.get(key) {
            None if !part_of(key, &came) => changes.extend(added(key, value)),
            Some(previous) if previous != value => changes.extend(changed(key, previous, value)),
            _ => {}
        }
    }
    for (key, value) in old {
        if !new.contains_key(key) && !part_of(key, &went) {
            changes.extend(removed(key, value));
        }
    }
    let otherwise_changed: Vec<String> =
        changes.iter().filter(|c| c.rust != Impact::Docs).map(|c| c.item.clone()).collect();
    // The same item, or a part of it (`Image.name`, `Image.name length`), not a longer name (`ImageStatus`).
    let covers = |other: &str, item: &str| {
        other == item || other.strip_prefix(item).is_some_and(|rest| rest.starts_with(['.', ' ', ':']))
    };
    changes.retain(|c| {
        c.rust != Impact::Docs || c.rule == "page-updated" || !otherwise_changed.iter().any(|i| covers(i, &c.item))
    });
    changes.sort_by(|a, b| (a.rust, &a.item, a.rule).cmp(&(b.rust, &b.item, b.rule)));
    changes
}

fn change(rule: &'static str, item: &str, rust: Impact, wire: Wire, message: String) -> Option<Change> {
    Some(Change { rule, item: item.to_owned(), rust, wire, message })
}

/// `field Image.name` → (`field`, `Image.name`).
fn split(key: &str) -> (&str, &str) {
    key.split_once(' ').unwrap_or((key, ""))
}

/// The wire name inside a field fact's value (`Option<String> wire=ImageName in=query`).
fn wire_of(value: &str) -> &str {
    value.split(' ').find_map(|part| part.strip_prefix("wire=")).unwrap_or("")
}

fn type_of(value: &str) -> &str {
    value.split(" wire=").next().unwrap_or(value)
}

/// Whether a field fact is a request parameter (it says where it travels).
fn is_parameter(value: &str) -> bool {
    value.contains(" in=")
}

fn added(key: &str, value: &str) -> Option<Change> {
    let (kind, item) = split(key);
    use Impact::{Breaking, Compatible, Docs};
    match kind {
        "struct" | "enum" => change("type-added", item, Compatible, Wire::Unchanged, format!("New type `{item}`.")),
        "field" if type_of(value).starts_with("Option<") => {
            let wire = wire_of(value);
            let what = if is_parameter(value) { "the request can now send" } else { "responses can now carry" };
            change(
                "optional-field-added",
                item,
                Compatible,
                Wire::Widened,
                format!("New optional field `{item}`: {what} `{wire}`."),
            )
        }
        "field" => change(
            "required-field-added",
            item,
            Breaking,
            Wire::Breaking,
            format!(
                "New mandatory field `{item}` (`{}`): pass it to `new`; the service now requires it.",
                wire_of(value)
            ),
        ),
        "variant" => change(
            "enum-value-added",
            item,
            Compatible,
            Wire::Widened,
            format!("New documented value {value} (`{item}`); it was kept in the fallback variant before."),
        ),
        "check" => change(
            "constraint-added",
            item,
            Compatible,
            Wire::Breaking,
            format!(
                "New constraint on `{}`: {value}; requests that break it are now rejected by `validate()`.",
                item.replace(' ', " (") + ")"
            ),
        ),
        "rule" => change(
            "rule-added",
            item,
            Compatible,
            Wire::Breaking,
            format!("New rule `{item}`; requests that break it are now rejected by `validate()`."),
        ),
        // Callers are unaffected, but the service trait gains a method: every implementation of it (a test
        // fake) must add one. cargo-semver-checks agrees (`trait_method_added`).
        "operation" => change(
            "operation-added",
            item,
            Breaking,
            Wire::Widened,
            format!(
                "New operation `{item}` ({value}); implementations of the service trait (test fakes) must add its method."
            ),
        ),
        "param" if value == "required" => change(
            "required-parameter-added",
            item,
            Compatible,
            Wire::Breaking,
            format!("New mandatory parameter {item}."),
        ),
        "status" if value == "success" => change(
            "success-status-added",
            item,
            Compatible,
            Wire::Widened,
            format!("Status {item} is now documented as a success."),
        ),
        "status" if value.starts_with("error") => change(
            "error-status-added",
            item,
            Compatible,
            Wire::Widened,
            format!("Status {item} is now documented ({value})."),
        ),
        "error-code" => {
            change("error-code-added", item, Compatible, Wire::Widened, format!("New documented error code {item}."))
        }
        "paging" => {
            change("paginator-added", item, Compatible, Wire::Unchanged, format!("New paginator for `{item}`."))
        }
        "waiter" => change("waiter-added", item, Compatible, Wire::Unchanged, format!("New waiter {item}.")),
        "doc" => change("docs-added", item, Docs, Wire::Unchanged, format!("Documentation of `{item}`.")),
        _ => None,
    }
}

fn removed(key: &str, value: &str) -> Option<Change> {
    let (kind, item) = split(key);
    use Impact::{Breaking, Compatible};
    match kind {
        "struct" | "enum" => {
            change("type-removed", item, Breaking, Wire::Unchanged, format!("Type `{item}` is gone: stop using it."))
        }
        "field" => change(
            "field-removed",
            item,
            Breaking,
            Wire::Breaking,
            format!(
                "Field `{item}` is gone: the page no longer documents `{}`; remove it from your code.",
                wire_of(value)
            ),
        ),
        "variant" => change(
            "enum-value-removed",
            item,
            Breaking,
            Wire::Breaking,
            format!(
                "Value {value} (`{item}`) is gone: match the fallback variant instead; requests with it are now rejected by `validate()`."
            ),
        ),
        "check" => change(
            "constraint-removed",
            item,
            Compatible,
            Wire::Widened,
            format!("Constraint `{item}` ({value}) is no longer checked."),
        ),
        "rule" => {
            change("rule-removed", item, Compatible, Wire::Widened, format!("Rule `{item}` is no longer checked."))
        }
        "operation" => change(
            "operation-removed",
            item,
            Breaking,
            Wire::Breaking,
            format!("Operation `{item}` is gone: the page no longer documents it."),
        ),
        "fn" => change("method-removed", item, Breaking, Wire::Unchanged, format!("Method `{item}` is gone.")),
        "param" => change(
            "parameter-removed",
            item,
            Compatible,
            Wire::Breaking,
            format!("Parameter {item} is no longer sent."),
        ),
        "status" => change(
            "status-removed",
            item,
            Breaking,
            Wire::Breaking,
            format!(
                "Status {item} ({value}) is no longer documented: its variant is gone and it is now an unexpected response."
            ),
        ),
        "error-code" => change(
            "error-code-removed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("Error code {item} is gone: match the fallback variant."),
        ),
        "paging" | "waiter" => {
            change("helper-removed", item, Breaking, Wire::Unchanged, format!("The {kind} {item} is gone."))
        }
        "new" | "doc" | "source" | "idempotent" => None,
        _ => change("item-removed", item, Breaking, Wire::Unchanged, format!("`{item}` ({kind}) is gone.")),
    }
}

fn changed(key: &str, old: &str, new: &str) -> Option<Change> {
    let (kind, item) = split(key);
    use Impact::{Breaking, Compatible, Docs};
    match kind {
        "field" => field_changed(item, old, new),
        "new" => change(
            "constructor-changed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("`{item}::new` now takes {new} (was {old})."),
        ),
        "enum" if new == "open" => change(
            "enum-opened",
            item,
            Compatible,
            Wire::Widened,
            format!("`{item}` is now open: undocumented values pass validation."),
        ),
        "enum" => change(
            "enum-closed",
            item,
            Compatible,
            Wire::Breaking,
            format!("`{item}` is now closed: undocumented values are rejected by `validate()`."),
        ),
        "variant" => change(
            "enum-wire-value-changed",
            item,
            Compatible,
            Wire::Breaking,
            format!("`{item}` is now sent as {new} (was {old})."),
        ),
        "check" => {
            let narrowed = narrows(item, old, new);
            let (rule, wire, what) = if narrowed {
                ("constraint-narrowed", Wire::Breaking, "requests valid before may now be rejected by `validate()`")
            } else {
                ("constraint-widened", Wire::Widened, "more values pass `validate()`")
            };
            change(rule, item, Compatible, wire, format!("Constraint `{item}` is now {new} (was {old}): {what}."))
        }
        "rule" => {
            change("rule-changed", item, Compatible, Wire::Breaking, format!("Rule `{item}` is now {new} (was {old})."))
        }
        "operation" => change(
            "operation-endpoint-changed",
            item,
            Compatible,
            Wire::Breaking,
            format!("`{item}` is now sent as {new} (was {old}); your code is unchanged, the request is not."),
        ),
        "fn" => change(
            "method-signature-changed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("`{item}` is now {new} (was {old})."),
        ),
        "param" => change(
            if new == "required" { "parameter-became-required" } else { "parameter-became-optional" },
            item,
            Compatible,
            if new == "required" { Wire::Breaking } else { Wire::Widened },
            format!("Parameter {item} is now {new}."),
        ),
        "status" => {
            change("status-changed", item, Breaking, Wire::Breaking, format!("Status {item} is now {new} (was {old})."))
        }
        "error-code" => change(
            "error-code-renamed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("Error code {item} is now the variant `{new}` (was `{old}`)."),
        ),
        "idempotent" => change(
            "retries-changed",
            item,
            Compatible,
            Wire::Widened,
            format!(
                "`{item}` is now {}idempotent: the client {} it after server errors and timeouts.",
                if new == "true" { "" } else { "not " },
                if new == "true" { "retries" } else { "no longer retries" }
            ),
        ),
        "paging" | "waiter" => change(
            "helper-changed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("The {kind} {item} is now {new} (was {old})."),
        ),
        "doc" => change("docs-changed", item, Docs, Wire::Unchanged, format!("Documentation of `{item}` changed.")),
        "source" => change(
            "page-updated",
            item,
            Docs,
            Wire::Unchanged,
            format!("The page of `{item}` is now {new} (was {old})."),
        ),
        "client" => change(
            "endpoint-changed",
            item,
            Compatible,
            Wire::Breaking,
            format!("`{item}` now calls {new} (was {old})."),
        ),
        _ => change(
            "item-changed",
            item,
            Breaking,
            Wire::Unchanged,
            format!("`{item}` ({kind}) changed: {new} (was {old})."),
        ),
    }
}

fn field_changed(item: &str, old: &str, new: &str) -> Option<Change> {
    use Impact::{Breaking, Compatible};
    let (old_type, new_type) = (type_of(old), type_of(new));
    if old_type != new_type {
        let became_required = old_type.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) == Some(new_type);
        let became_optional = new_type.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) == Some(old_type);
        return if became_required {
            change(
                "field-became-required",
                item,
                Breaking,
                Wire::Breaking,
                format!(
                    "`{item}` is now mandatory (`{new_type}`): pass it to `new`; requests without it were valid before."
                ),
            )
        } else if became_optional {
            change(
                "field-became-optional",
                item,
                Breaking,
                Wire::Widened,
                format!(
                    "`{item}` is now optional (`{new_type}`, was `{old_type}`): wrap values in `Some`, set it with its `with_` setter."
                ),
            )
        } else {
            change(
                "field-type-changed",
                item,
                Breaking,
                Wire::Breaking,
                format!("`{item}` is now `{new_type}` (was `{old_type}`)."),
            )
        };
    }
    if wire_of(old) != wire_of(new) {
        return change(
            "wire-name-changed",
            item,
            Compatible,
            Wire::Breaking,
            format!("`{item}` now travels as `{}` (was `{}`).", wire_of(new), wire_of(old)),
        );
    }
    let (old_rest, new_rest) = (old.trim_end_matches(" deprecated"), new.trim_end_matches(" deprecated"));
    if old_rest == new_rest {
        return if new.ends_with(" deprecated") {
            change(
                "field-deprecated",
                item,
                Compatible,
                Wire::Unchanged,
                format!("`{item}` is deprecated: see its docs for the replacement."),
            )
        } else {
            change(
                "field-undeprecated",
                item,
                Impact::Docs,
                Wire::Unchanged,
                format!("`{item}` is no longer deprecated."),
            )
        };
    }
    change("field-changed", item, Compatible, Wire::Breaking, format!("`{item}` is now {new} (was {old})."))
}

/// Whether a constraint now admits fewer values: a bound moved inwards, or any other rule changed (a new
/// pattern, new forbidden words: assume narrower, to be safe).
fn narrows(item: &str, old: &str, new: &str) -> bool {
    let bounds = |text: &str| {
        let (min, max) = text.split_once("..=")?;
        Some((min.parse::<f64>().ok(), max.parse::<f64>().ok()))
    };
    match (bounds(old), bounds(new)) {
        (Some((old_min, old_max)), Some((new_min, new_max)))
            if ["length", "items", "range"].iter().any(|k| item.ends_with(k)) =>
        {
            let min_up = match (old_min, new_min) {
                (None, Some(_)) => true,
                (Some(a), Some(b)) => b > a,
                _ => false,
            };
            let max_down = match (old_max, new_max) {
                (None, Some(_)) => true,
                (Some(a), Some(b)) => b < a,
                _ => false,
            };
            min_up || max_down
        }
        _ => true,
    }
}

/// What a regeneration changes in one crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrateReport {
    /// Package name.
    #[serde(rename = "crate")]
    pub package: String,
    /// The version before.
    pub old_version: String,
    /// The version the changes demand.
    pub new_version: String,
    /// The bump.
    pub bump: Bump,
    /// The pages whose operations changed, with their dates.
    pub pages: Vec<String>,
    /// Every change.
    pub changes: Vec<Change>,
}

impl CrateReport {
    /// The short human report, a few lines a crate.
    pub fn render(&self) -> String {
        let kind = match self.bump {
            Bump::Major => "breaking changes",
            Bump::Minor => "additions",
            Bump::Patch => "documentation changes",
            Bump::None => "no changes",
        };
        let mut text = format!("{} {} -> {} ({kind})\n", self.package, self.old_version, self.new_version);
        for change in &self.changes {
            let rust = format!("{:?}", change.rust).to_lowercase();
            let wire = match change.wire {
                Wire::Unchanged => String::new(),
                Wire::Widened => "; wire: widened".to_owned(),
                Wire::Breaking => "; wire: breaking".to_owned(),
            };
            text.push_str(&format!("  {rust}{wire} [{}] {}\n", change.rule, change.message));
        }
        text
    }
}
