//! Checks a JSON value (a page's example) against a type and the constraints of its field, using the
//! same constraint functions the generated `validate()` methods call.

use std::collections::HashMap;

use cloudgen_runtime::constraints::{self as rules, PasswordPolicy, Violations};
use regex::Regex;
use serde_json::Value;

use crate::spec::{Constraints, EnumType, Field, ObjectType, Primitive, SpecFile, TypeDef, TypeKind, TypeRef};

/// Where a value breaks the spec (`body/items/0/server_id`) and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Slash-separated path in the vocabulary of [`crate::spec::Deviation::at`].
    pub at: String,
    /// What is wrong.
    pub message: String,
}

/// Every pattern of a spec, compiled once: compiling Unicode classes such as `\p{L}` costs far more than
/// matching, and the same pattern is checked against many examples.
#[derive(Default)]
pub struct Patterns(HashMap<String, Result<Regex, regex::Error>>);

impl Patterns {
    pub fn compile(spec: &SpecFile) -> Self {
        let mut patterns = HashMap::new();
        for (_, field) in super::types::all_fields(spec) {
            if let Some(pattern) = field.constraints.as_ref().and_then(|c| c.pattern.as_ref()) {
                patterns.entry(pattern.regex.clone()).or_insert_with(|| Regex::new(&pattern.regex));
            }
        }
        Self(patterns)
    }

    /// The compiled pattern; `None` only for a pattern the spec does not contain.
    pub fn get(&self, source: &str) -> Option<&Result<Regex, regex::Error>> {
        self.0.get(source)
    }
}

/// Collects mismatches while walking a value.
pub struct ValueChecker<'s> {
    spec: &'s SpecFile,
    patterns: &'s Patterns,
    /// Everything found so far.
    pub found: Vec<Mismatch>,
}

impl<'s> ValueChecker<'s> {
    pub fn new(spec: &'s SpecFile, patterns: &'s Patterns) -> Self {
        Self { spec, patterns, found: Vec::new() }
    }

    fn push(&mut self, at: &str, message: impl Into<String>) {
        self.found.push(Mismatch { at: at.to_owned(), message: message.into() });
    }

    /// Checks `value` as the value of `field`.
    pub fn field(&mut self, at: &str, field: &Field, value: &Value) {
        if value.is_null() {
            if !field.nullable {
                self.push(at, "is null, but the field is not nullable");
            }
            return;
        }
        self.typed(at, &field.type_ref, value);
        if let Some(constraints) = &field.constraints {
            self.constraints(at, constraints, value);
        }
    }

    /// Checks `value` against a type reference (no field-level constraints).
    pub fn typed(&mut self, at: &str, type_ref: &TypeRef, value: &Value) {
        match type_ref {
            TypeRef::Primitive(primitive) => self.primitive(at, *primitive, value),
            TypeRef::Array(inner) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.typed(&format!("{at}/{i}"), inner, item);
                    }
                }
                None => self.push(at, format!("expected an array, found {}", describe(value))),
            },
            TypeRef::Named(name) => match self.spec.types.get(name).and_then(TypeDef::kind) {
                Some(TypeKind::Object(object)) => self.object(at, object, value),
                Some(TypeKind::Enum(enumeration)) => self.enumeration(at, enumeration, value),
                None => {} // reported by the type checks
            },
        }
    }

    fn primitive(&mut self, at: &str, primitive: Primitive, value: &Value) {
        let ok = match primitive {
            Primitive::String => value.is_string(),
            Primitive::Integer => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            Primitive::Long => value.is_i64() || value.is_u64(),
            Primitive::Number => value.is_number(),
            Primitive::Boolean => value.is_boolean(),
        };
        if !ok {
            self.push(at, format!("expected {}, found {}", primitive.as_str(), describe(value)));
        }
    }

    fn object(&mut self, at: &str, object: &ObjectType, value: &Value) {
        let Some(map) = value.as_object() else {
            self.push(at, format!("expected an object, found {}", describe(value)));
            return;
        };
        for (name, field) in &object.fields {
            let child = format!("{at}/{name}");
            match map.get(name) {
                Some(v) => self.field(&child, field, v),
                None if field.required => self.push(&child, "is required but missing"),
                None => {}
            }
        }
        for name in map.keys().filter(|name| !object.fields.contains_key(*name)) {
            self.push(&format!("{at}/{name}"), "is not a documented field");
        }
    }

    fn enumeration(&mut self, at: &str, enumeration: &EnumType, value: &Value) {
        let Some(text) = value.as_str() else {
            self.push(at, format!("expected a string, found {}", describe(value)));
            return;
        };
        if !enumeration.open && !enumeration.values.iter().any(|v| v.value == text) {
            let known: Vec<&str> = enumeration.values.iter().map(|v| v.value.as_str()).collect();
            self.push(at, format!("`{text}` is not one of the documented values: {}", known.join(", ")));
        }
    }

    fn constraints(&mut self, at: &str, c: &Constraints, value: &Value) {
        let mut out = Violations::new();
        if let Some(text) = value.as_str() {
            check_text(&mut out, at, text, c, self.patterns);
        }
        if let Some(items) = value.as_array() {
            rules::check_items(&mut out, at, items.len(), c.min_items, c.max_items);
        }
        if let Some(number) = value.as_i64() {
            rules::check_range(&mut out, at, number, c.minimum, c.maximum);
        }
        for violation in out.as_slice() {
            self.push(&violation.path, violation.message.clone());
        }
    }
}

/// The string constraints, through the runtime's functions.
fn check_text(out: &mut Violations, at: &str, text: &str, c: &Constraints, patterns: &Patterns) {
    rules::check_length(out, at, text, c.min_length, c.max_length);
    if let Some(pattern) = c.pattern.as_ref().filter(|p| p.enforce) {
        // A pattern that does not compile is reported once, by the constraint checks.
        if let Some(compiled @ Ok(_)) = patterns.get(&pattern.regex) {
            rules::check_pattern(out, at, text, compiled, &pattern.description);
        }
    }
    rules::check_forbidden_prefixes(out, at, text, &strs(&c.forbidden_prefixes));
    rules::check_forbidden_suffixes(out, at, text, &strs(&c.forbidden_suffixes));
    rules::check_forbidden_substrings(out, at, text, &strs(&c.forbidden_substrings));
    if let Some(rule) = c.rule.as_ref().and_then(|r| r.password.as_ref()) {
        let words = strs(&rule.forbidden_words);
        let policy = PasswordPolicy {
            min_char_classes: rule.min_char_classes,
            special_chars: &rule.special_chars,
            reject_other_chars: rule.reject_other_chars,
            forbidden_words: &words,
            forbid_reversed_words: rule.forbid_reversed_words,
        };
        rules::check_password(out, at, text, &policy);
    }
}

fn strs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

/// A short description of a JSON value's kind, for messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Reads a query or path value (always text on the wire) as the JSON value its type expects.
pub(crate) fn from_text(spec: &SpecFile, type_ref: &TypeRef, text: &str) -> Value {
    let parsed = match type_ref {
        TypeRef::Primitive(Primitive::Integer | Primitive::Long) => text.parse::<i64>().ok().map(Value::from),
        TypeRef::Primitive(Primitive::Number) => text.parse::<f64>().ok().map(Value::from),
        TypeRef::Primitive(Primitive::Boolean) => text.parse::<bool>().ok().map(Value::from),
        TypeRef::Named(name) if matches!(spec.types.get(name).and_then(TypeDef::kind), Some(TypeKind::Object(_))) => {
            serde_json::from_str(text).ok()
        }
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

/// An example's query read back into one value per parameter: scalars by their type, lists gathered into
/// arrays as their `list` style flattens them (`Tag.1.Key` → `Tag[0].Key`, `Status=a,b` → `[a, b]`).
/// Pairs that fit no parameter are returned as mismatches, at `query/<key>`.
pub(crate) fn query_values(
    spec: &SpecFile,
    params: &indexmap::IndexMap<String, Field>,
    pairs: &[(String, String)],
) -> (Vec<(String, Value)>, Vec<Mismatch>) {
    use crate::spec::ListStyle;
    let mut values: Vec<(String, Value)> = Vec::new();
    let mut found = Vec::new();
    let slot = |values: &mut Vec<(String, Value)>, name: &str, empty: Value| -> usize {
        match values.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                values.push((name.to_owned(), empty));
                values.len() - 1
            }
        }
    };
    for (key, text) in pairs {
        if let Some(field) = params.get(key) {
            match (field.list, &field.type_ref) {
                (Some(ListStyle::Comma), TypeRef::Array(item)) => {
                    let items = text.split(',').map(|t| from_text(spec, item, t)).collect();
                    values.push((key.clone(), Value::Array(items)));
                }
                (Some(ListStyle::Repeated), TypeRef::Array(item)) => {
                    let i = slot(&mut values, key, Value::Array(Vec::new()));
                    if let Value::Array(items) = &mut values[i].1 {
                        items.push(from_text(spec, item, text));
                    }
                }
                _ => values.push((key.clone(), from_text(spec, &field.type_ref, text))),
            }
            continue;
        }
        match indexed_item(spec, params, key) {
            Some((name, index, item_field, item_type)) => {
                let i = slot(&mut values, name, Value::Array(Vec::new()));
                let Value::Array(items) = &mut values[i].1 else { continue };
                if index != items.len() && index + 1 != items.len() {
                    found.push(Mismatch {
                        at: format!("query/{key}"),
                        message: format!(
                            "list items are numbered from 1 without gaps; expected `{name}.{}`",
                            items.len() + 1
                        ),
                    });
                    continue;
                }
                match item_field {
                    None => items.push(from_text(spec, item_type, text)),
                    Some((field_name, field_type)) => {
                        if index == items.len() {
                            items.push(Value::Object(serde_json::Map::new()));
                        }
                        if let Some(Value::Object(item)) = items.last_mut() {
                            item.insert(field_name.to_owned(), from_text(spec, field_type, text));
                        }
                    }
                }
            }
            None => found
                .push(Mismatch { at: format!("query/{key}"), message: "is not a documented query parameter".into() }),
        }
    }
    (values, found)
}

/// One `Name.N` or `Name.N.Field` key of an indexed list parameter: the parameter, the 0-based index,
/// the item field (for object items) and the item type.
type IndexedItem<'a> = (&'a str, usize, Option<(&'a str, &'a TypeRef)>, &'a TypeRef);

fn indexed_item<'a>(
    spec: &'a SpecFile,
    params: &'a indexmap::IndexMap<String, Field>,
    key: &'a str,
) -> Option<IndexedItem<'a>> {
    params.iter().find_map(|(name, field)| {
        let TypeRef::Array(item) = &field.type_ref else { return None };
        if field.list != Some(crate::spec::ListStyle::Indexed) {
            return None;
        }
        let rest = key.strip_prefix(name.as_str())?.strip_prefix('.')?;
        let (number, member) = match rest.split_once('.') {
            Some((number, member)) => (number, Some(member)),
            None => (rest, None),
        };
        let index = number.parse::<usize>().ok().filter(|n| *n >= 1)? - 1;
        match (member, item.as_ref()) {
            (None, item) => Some((name.as_str(), index, None, item)),
            (Some(member), TypeRef::Named(type_name)) => {
                let object = spec.types.get(type_name)?.object.as_ref()?;
                let member_field = object.fields.get(member)?;
                Some((name.as_str(), index, Some((member, &member_field.type_ref)), item.as_ref()))
            }
            _ => None,
        }
    })
}
