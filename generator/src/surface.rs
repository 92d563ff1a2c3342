//! A crate's public surface as facts: every public item with its shape (fields, types, constructor
//! arguments, variants and their wire values) and every wire fact a caller relies on (method, path,
//! parameters, statuses, error codes, constraints). Checked in as `generated/<crate>/API.md`, one fact a
//! line and sorted, so a review of a regeneration reads the API change in a few lines, and the change
//! report (`crate::changes`) compares the new facts with the checked-in ones without git.

use std::collections::BTreeMap;

use crate::ir::{Check, Crate, Enum, Model, Operation, Presence, RuleCheck, Struct, Ty};

/// The surface: fact key → value (`field Image.name` → `Option<String> wire=name`).
pub type Surface = BTreeMap<String, String>;

/// The first line of a fenced block of facts in `API.md`, and its last.
const FENCE: &str = "```text";

/// The facts of one crate.
pub fn surface(krate: &Crate) -> Surface {
    let mut facts = Surface::new();
    for model in &krate.models {
        match model {
            Model::Struct(s) => struct_facts(&mut facts, s),
            Model::Enum(e) => enum_facts(&mut facts, e),
        }
    }
    for op in &krate.operations {
        operation_facts(&mut facts, op);
    }
    facts.insert(format!("trait {}", krate.trait_name), String::new());
    facts.insert(format!("client {}", krate.client_name), krate.regional_endpoint.clone());
    facts
}

/// A short, stable digest of doc lines: a doc change shows as one changed fact.
fn digest(lines: &[String]) -> String {
    // FNV-1a: deterministic across runs and platforms, which `DefaultHasher` does not promise.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in lines.join("\n").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn ty_text(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::I32 => "i32".to_owned(),
        Ty::I64 => "i64".to_owned(),
        Ty::F64 => "f64".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::Struct(name) | Ty::Enum(name) => name.clone(),
        Ty::Vec(inner) => format!("Vec<{}>", ty_text(inner)),
    }
}

/// A field's full Rust type, as users write it.
pub fn field_type(ty: &Ty, presence: Presence, boxed: bool) -> String {
    let inner = if boxed { format!("Box<{}>", ty_text(ty)) } else { ty_text(ty) };
    match presence {
        Presence::Required => inner,
        Presence::Optional => format!("Option<{inner}>"),
        Presence::Nullable => format!("Option<Option<{inner}>>"),
    }
}

fn struct_facts(facts: &mut Surface, s: &Struct) {
    facts.insert(format!("struct {}", s.name), String::new());
    facts.insert(format!("doc {}", s.name), digest(&s.docs));
    let mut arguments = Vec::new();
    for field in &s.fields {
        let key = format!("{}.{}", s.name, field.name);
        let mut value = format!("{} wire={}", field_type(&field.ty, field.presence, field.boxed), field.wire_name);
        if let Some(location) = field.location {
            value.push_str(&format!(" in={location:?}").to_lowercase());
        }
        if let Some(list) = field.list {
            value.push_str(&format!(" list={list:?}").to_lowercase());
        }
        if field.deprecated.is_some() {
            value.push_str(" deprecated");
        }
        facts.insert(format!("field {key}"), value);
        facts.insert(format!("doc {key}"), digest(&field.docs));
        if field.presence == Presence::Required {
            arguments.push(ty_text(&field.ty));
        }
        for check in &field.checks {
            let (kind, value) = check_text(check);
            facts.insert(format!("check {key} {kind}"), value);
        }
    }
    facts.insert(format!("new {}", s.name), format!("({})", arguments.join(", ")));
    for rule in &s.rules {
        let (key, value) = rule_text(rule);
        facts.insert(format!("rule {} {key}", s.name), value);
    }
}

fn bounds<T: std::fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    let side = |n: &Option<T>| n.as_ref().map(ToString::to_string).unwrap_or_default();
    format!("{}..={}", side(min), side(max))
}

fn check_text(check: &Check) -> (&'static str, String) {
    match check {
        Check::Length { min, max } => ("length", bounds(min, max)),
        Check::Items { min, max } => ("items", bounds(min, max)),
        Check::Range { min, max } => ("range", bounds(min, max)),
        Check::Pattern { regex, .. } => ("pattern", regex.clone()),
        Check::ForbiddenPrefixes(list) => ("forbidden-prefixes", list.join(" | ")),
        Check::ForbiddenSuffixes(list) => ("forbidden-suffixes", list.join(" | ")),
        Check::ForbiddenSubstrings(list) => ("forbidden-substrings", list.join(" | ")),
        Check::Password { min_char_classes, special_chars, reject_other_chars, forbidden_words, .. } => (
            "password",
            format!(
                "classes>={min_char_classes} special={special_chars} strict={reject_other_chars} words={}",
                forbidden_words.join("|")
            ),
        ),
    }
}

fn rule_text(rule: &RuleCheck) -> (String, String) {
    let names =
        |fields: &[crate::ir::RuleField]| fields.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>().join(",");
    match rule {
        RuleCheck::Requires { field, needs, .. } => (format!("requires {}", field.wire_name), names(needs)),
        RuleCheck::Conflicts { fields, .. } => (format!("conflicts {}", names(fields)), String::new()),
        RuleCheck::ExactlyOne { fields, .. } => (format!("exactly-one-of {}", names(fields)), String::new()),
        RuleCheck::AtMostOne { fields, .. } => (format!("at-most-one-of {}", names(fields)), String::new()),
        RuleCheck::AtLeastOne { fields, .. } => (format!("at-least-one-of {}", names(fields)), String::new()),
        RuleCheck::Precedence { fields, .. } => (format!("precedence {}", names(fields)), String::new()),
        RuleCheck::RequiredWhen { field, when, .. } => {
            (format!("required-when {}", field.wire_name), condition_text(when))
        }
        RuleCheck::RangeWhen { field, when, min, max, .. } => {
            (format!("range-when {}", field.wire_name), format!("{} if {}", bounds(min, max), condition_text(when)))
        }
    }
}

fn condition_text(when: &crate::ir::Condition) -> String {
    match when {
        crate::ir::Condition::Equals(field, values) => format!("{} in {}", field.wire_name, values.join("|")),
        crate::ir::Condition::Present(field) => format!("{} present", field.wire_name),
        crate::ir::Condition::Absent(field) => format!("{} absent", field.wire_name),
    }
}

fn enum_facts(facts: &mut Surface, e: &Enum) {
    facts.insert(format!("enum {}", e.name), if e.open { "open" } else { "closed" }.to_owned());
    facts.insert(format!("doc {}", e.name), digest(&e.docs));
    for variant in &e.variants {
        facts.insert(format!("variant {}::{}", e.name, variant.name), format!("{:?}", variant.wire_value));
    }
}

fn operation_facts(facts: &mut Surface, op: &Operation) {
    let info = &op.info;
    let name = &op.name;
    let content_type = info.content_type.as_deref().unwrap_or("-");
    facts.insert(format!("operation {name}"), format!("{} {} {content_type}", info.method, info.path_template));
    facts.insert(
        format!("fn {}", op.method_name),
        format!("({}) -> {}", op.request.name, op.output.as_ref().map_or("()".to_owned(), ty_text)),
    );
    facts.insert(format!("doc {name}"), digest(&op.docs));
    let page = info
        .source_updated
        .as_deref()
        .map_or_else(|| info.source_page.clone(), |d| format!("{} {d}", info.source_page));
    facts.insert(format!("source {name}"), page);
    for parameter in &info.parameters {
        let location = format!("{:?}", parameter.location).to_lowercase();
        let required = if parameter.required { "required" } else { "optional" };
        facts.insert(format!("param {name} {location} {}", parameter.wire_name), required.to_owned());
    }
    for status in &info.success_statuses {
        facts.insert(format!("status {name} {status}"), "success".to_owned());
    }
    for variant in &op.errors.variants {
        let body = variant.body.as_ref().map_or("text".to_owned(), ty_text);
        facts.insert(format!("status {name} {}", variant.status), format!("error {} body={body}", variant.name));
    }
    if let Some(codes) = &op.error_codes {
        for variant in &codes.variants {
            facts.insert(format!("error-code {name} {}", variant.wire_value), variant.name.clone());
        }
    }
    facts.insert(format!("idempotent {name}"), info.idempotent.to_string());
    if let Some(paging) = &op.paging {
        facts.insert(format!("paging {name}"), format!("{:?} items={}", paging.style, paging.items).to_lowercase());
    }
    for waiter in &op.waiters {
        facts.insert(
            format!("waiter {name} {}", waiter.method_name),
            format!("status={} success={}", waiter.status, waiter.success.join("|")),
        );
    }
    struct_facts(facts, &op.request);
}

/// `API.md`: a short explanation and the facts, one a line, in a fenced block.
pub fn render(krate: &Crate, version: &str, surface: &Surface) -> String {
    let mut text = format!(
        "<!-- {} from {} — do not edit. -->\n\n# The public surface of `{}` {version}\n\nEvery public item and every wire fact \
         the crate relies on, one a line, sorted. `cargo xtask codegen` compares a regeneration with this file to \
         classify the change (see `CHANGELOG.md`).\n\n{FENCE}\n",
        crate::render::HEADER_MARK,
        krate.spec_file,
        krate.package,
    );
    for (key, value) in surface {
        if value.is_empty() {
            text.push_str(key);
        } else {
            text.push_str(&format!("{key} = {value}"));
        }
        text.push('\n');
    }
    text.push_str("```\n");
    text
}

/// The facts of a checked-in `API.md` (empty when there is none or it is not ours).
pub fn parse(text: &str) -> Surface {
    let mut facts = Surface::new();
    let mut inside = false;
    for line in text.lines() {
        match line {
            FENCE => inside = true,
            "```" => inside = false,
            _ if inside => {
                let (key, value) = line.split_once(" = ").unwrap_or((line, ""));
                facts.insert(key.to_owned(), value.to_owned());
            }
            _ => {}
        }
    }
    facts
}
