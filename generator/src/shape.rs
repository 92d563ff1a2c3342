//! Shape checks against the spec language's JSON Schema (`specs/spec.schema.json`, derived from
//! [`crate::spec`]): every unknown key, wrong type, missing key and unknown value of a file at once.
//!
//! Typed parsing (serde) stops at the first such mistake; this walk runs only when it did, so a file with
//! several mistakes gets them all in one run. It understands the parts of JSON Schema that schemars emits
//! for our types: `$ref`, `type`, `properties`, `additionalProperties`, `required`, `items`, `anyOf`,
//! `oneOf`, `enum` and `const`.

use std::sync::OnceLock;

use serde_json::Value;

use crate::yaml::Segment;

/// One mistake: where (a path in the document, at its key or its value), what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// The node the mistake is about.
    pub path: Vec<Segment>,
    /// Whether to point at the node's key (an unknown key) rather than its value.
    pub at_key: bool,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(&crate::schema::spec_schema_json()).unwrap_or(Value::Null))
}

/// Every shape mistake of a spec document (converted to JSON, map keys as strings).
pub fn check(document: &Value) -> Vec<ShapeError> {
    let mut out = Vec::new();
    let root = schema();
    walk(root, root, document, &mut Vec::new(), &mut out);
    out
}

fn resolve<'s>(root: &'s Value, schema: &'s Value) -> &'s Value {
    let mut current = schema;
    for _ in 0..16 {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else { break };
        let name = reference.rsplit('/').next().unwrap_or_default();
        match root.get("$defs").and_then(|defs| defs.get(name)) {
            Some(target) => current = target,
            None => break,
        }
    }
    current
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(expected: &str, value: &Value) -> bool {
    match expected {
        "number" => value.is_number(),
        "integer" => value.as_i64().is_some() || value.as_u64().is_some(),
        other => kind(value) == other,
    }
}

fn walk(root: &Value, schema: &Value, value: &Value, path: &mut Vec<Segment>, out: &mut Vec<ShapeError>) {
    let schema = resolve(root, schema);
    let error =
        |message: String, help: &str| ShapeError { path: path.clone(), at_key: false, message, help: help.to_owned() };
    if let Some(branches) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) {
        walk_branches(root, branches, value, path, out);
        return;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !types.iter().any(|t| type_matches(t, value)) {
        out.push(error(
            format!("expected {}, found {}", types.join(" or "), kind(value)),
            "see specs/README.md for this key",
        ));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            out.push(unknown_value(path, value, &names));
        }
        return;
    }
    if let Some(constant) = schema.get("const") {
        if constant != value {
            out.push(error(format!("expected {constant}"), "see specs/README.md for this key"));
        }
        return;
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern").and_then(Value::as_str), value.as_str()) {
        if regex::Regex::new(pattern).is_ok_and(|re| !re.is_match(text)) {
            let expected = schema.get("description").and_then(Value::as_str).unwrap_or("a value of another form");
            out.push(error(
                format!("`{text}` is not valid here: expected {expected}"),
                "see specs/README.md for this key",
            ));
        }
    }
    match value {
        Value::Object(map) => walk_object(root, schema, map, path, out),
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    walk(root, item_schema, item, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// `anyOf`/`oneOf`: fine when a branch fits; otherwise the mistakes of the branch that fits best, or, for
/// a choice of constants (a closed set of words), one "unknown value" error.
fn walk_branches(root: &Value, branches: &[Value], value: &Value, path: &mut Vec<Segment>, out: &mut Vec<ShapeError>) {
    let constants: Vec<&str> = branches.iter().filter_map(|b| resolve(root, b).get("const")?.as_str()).collect();
    if !constants.is_empty() && constants.len() == branches.len() {
        if !value.as_str().is_some_and(|v| constants.contains(&v)) {
            out.push(unknown_value(path, value, &constants));
        }
        return;
    }
    let mut best: Option<Vec<ShapeError>> = None;
    for branch in branches {
        let mut found = Vec::new();
        walk(root, branch, value, path, &mut found);
        if found.is_empty() {
            return;
        }
        let null_branch = value.is_null() || resolve(root, branch).get("type") == Some(&Value::String("null".into()));
        if !null_branch && best.as_ref().is_none_or(|b| found.len() < b.len()) {
            best = Some(found);
        }
    }
    out.extend(best.unwrap_or_default());
}

fn unknown_value(path: &[Segment], value: &Value, allowed: &[&str]) -> ShapeError {
    let found = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
    let help = match crate::diagnostic::closest(&found, allowed.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of: {}", allowed.join(", ")),
    };
    ShapeError { path: path.to_vec(), at_key: false, message: format!("unknown value `{found}`"), help }
}

/// The schema of `key` under `patternProperties` (numeric status codes), if any pattern matches it.
fn pattern_property<'s>(schema: &'s Value, key: &str) -> Option<&'s Value> {
    let patterns = schema.get("patternProperties")?.as_object()?;
    patterns.iter().find_map(|(pattern, item)| regex::Regex::new(pattern).ok()?.is_match(key).then_some(item))
}

fn walk_object(
    root: &Value,
    schema: &Value,
    map: &serde_json::Map<String, Value>,
    path: &mut Vec<Segment>,
    out: &mut Vec<ShapeError>,
) {
    let properties = schema.get("properties").and_then(Value::as_object);
    let extra = schema.get("additionalProperties");
    let known: Vec<&str> = properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
    let mut meant = Vec::new();
    for (key, item) in map {
        path.push(Segment::Key(key.clone()));
        match (properties.and_then(|p| p.get(key)), extra) {
            (Some(item_schema), _) => walk(root, item_schema, item, path, out),
            (None, _) if pattern_property(schema, key).is_some() => {
                if let Some(item_schema) = pattern_property(schema, key) {
                    walk(root, item_schema, item, path, out);
                }
            }
            (None, Some(Value::Bool(false))) => {
                let best = crate::diagnostic::closest(key, known.iter().copied());
                let help = match best {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if schema.get("patternProperties").is_some() => "keys here are numbers".to_owned(),
                    None => format!("expected one of: {}", known.join(", ")),
                };
                meant.extend(best.map(str::to_owned));
                out.push(ShapeError {
                    path: path.clone(),
                    at_key: true,
                    message: format!("unknown key `{key}`"),
                    help,
                });
            }
            (None, Some(item_schema)) if item_schema.is_object() => walk(root, item_schema, item, path, out),
            _ => {}
        }
        path.pop();
    }
    for required in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        // A misspelt key was reported with the right name as its suggestion: not missing as well.
        if !map.contains_key(required) && !meant.iter().any(|m| m == required) {
            out.push(ShapeError {
                path: path.clone(),
                at_key: true,
                message: format!("missing key `{required}`"),
                help: "see specs/README.md for what it holds".to_owned(),
            });
        }
    }
}
