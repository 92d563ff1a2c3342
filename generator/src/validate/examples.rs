//! Every example on a page is checked against the spec: field examples and defaults, request examples
//! (method, path, query, body) and response examples. Where the page's own example breaks the page's own
//! rule, the spec acknowledges it with a `deviation`; unacknowledged mismatches and stale deviations are
//! errors.

use serde_json::Value;

use super::types::all_fields;
use super::values::{Mismatch, ValueChecker, from_text, query_values};
use super::{At, Checker, Path};
use crate::spec::{Deviation, Operation, RequestExample, SpecFile, SuppliedBy};

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    check_field_values(checker, spec);
    for (name, op) in &spec.operations {
        let path = Path::root().key("operations").key(name);
        for (i, example) in op.examples.iter().enumerate() {
            let mut values = ValueChecker::new(spec, &checker.patterns);
            check_request_example(&mut values, spec, op, example);
            settle(checker, &path.key("examples").index(i), values.found, &example.deviations);
        }
        for (status, response) in &op.responses {
            let response_path = path.key("responses").key(&status.to_string());
            for (i, example) in response.examples.iter().enumerate() {
                let mut values = ValueChecker::new(spec, &checker.patterns);
                let media = example.content_type.as_deref().unwrap_or("application/json");
                match (&response.body, media) {
                    (None, _) => values
                        .found
                        .push(Mismatch { at: "body".into(), message: "the response documents no body".into() }),
                    (Some(body), m) if m.starts_with("application/json") => {
                        match serde_json::from_str::<Value>(&example.body) {
                            Ok(value) => values.typed("body", &body.type_ref, &value),
                            Err(error) => values
                                .found
                                .push(Mismatch { at: "body".into(), message: format!("is not valid JSON: {error}") }),
                        }
                    }
                    (Some(body), "text/plain") => {
                        values.typed("body", &body.type_ref, &Value::String(example.body.clone()))
                    }
                    // Other media (the XML rendering of an RPC response) are kept verbatim for the docs.
                    _ => {}
                }
                settle(checker, &response_path.key("examples").index(i), values.found, &example.deviations);
            }
        }
    }
}

/// `example:` and `default:` values of fields are checked strictly: no deviations.
fn check_field_values(checker: &mut Checker<'_>, spec: &SpecFile) {
    for (path, field) in all_fields(spec) {
        for (key, value) in [("example", &field.example), ("default", &field.default)] {
            let Some(value) = value else { continue };
            let mut values = ValueChecker::new(spec, &checker.patterns);
            values.field("", field, value);
            for mismatch in values.found {
                let inner = mismatch.at.trim_start_matches('/');
                let place = if inner.is_empty() { String::new() } else { format!(" at `{inner}`") };
                checker.error(
                    &path.key(key),
                    At::Value,
                    format!("the field's {key}{place} breaks its own spec: {}", mismatch.message),
                    "fix the transcription; if the page really states this value, record the contradiction in a note",
                );
            }
        }
    }
}

fn check_request_example(values: &mut ValueChecker<'_>, spec: &SpecFile, op: &Operation, example: &RequestExample) {
    if let Some(method) = example.method.as_deref().filter(|m| *m != op.method.as_str()) {
        values.found.push(Mismatch {
            at: "method".into(),
            message: format!("the example uses {method}, the operation {}", op.method.as_str()),
        });
    }
    let url = example.split_url();
    check_example_path(values, spec, op, &url.path);
    check_example_query(values, spec, op, &url.query);
    check_example_body(values, op, example.body.as_deref());
}

fn check_example_path(values: &mut ValueChecker<'_>, spec: &SpecFile, op: &Operation, path: &str) {
    let Some(params) = op.match_path(path) else {
        values.found.push(Mismatch {
            at: "path".into(),
            message: format!("`{path}` does not match the template `{}`", op.path),
        });
        return;
    };
    for (name, text) in params {
        if let Some(field) = op.request.path.get(&name) {
            values.field(&format!("path/{name}"), field, &from_text(spec, &field.type_ref, &text));
        }
    }
}

fn check_example_query(values: &mut ValueChecker<'_>, spec: &SpecFile, op: &Operation, query: &[(String, String)]) {
    let (params, unknown) = query_values(spec, &op.request.query, query);
    values.found.extend(unknown);
    for (name, value) in &params {
        let at = format!("query/{name}");
        let Some(field) = op.request.query.get(name) else { continue };
        match &field.supplied_by {
            Some(SuppliedBy::Constant(constant)) if value.as_str() != Some(constant) => {
                values.found.push(Mismatch { at, message: format!("must be `{constant}`") });
            }
            _ => values.field(&at, field, value),
        }
    }
    let present = |name: &str| params.iter().any(|(key, _)| key == name);
    for (name, _) in op.request.query.iter().filter(|(name, f)| f.required && !present(name)) {
        values.found.push(Mismatch { at: format!("query/{name}"), message: "is required but missing".into() });
    }
}

fn check_example_body(values: &mut ValueChecker<'_>, op: &Operation, body: Option<&str>) {
    match (&op.request.body, body) {
        (None, None) => {}
        (None, Some(_)) => {
            values.found.push(Mismatch { at: "body".into(), message: "the operation takes no body".into() })
        }
        (Some(spec_body), None) if spec_body.required => {
            values.found.push(Mismatch {
                at: "body".into(),
                message: "the example has no body, but the operation requires one".into(),
            });
        }
        (Some(_), None) => {}
        (Some(spec_body), Some(text)) => match serde_json::from_str::<Value>(text) {
            Ok(value) => values.typed("body", &spec_body.type_ref, &value),
            Err(error) => {
                values.found.push(Mismatch { at: "body".into(), message: format!("is not valid JSON: {error}") })
            }
        },
    }
}

/// Accepts mismatches acknowledged by a deviation; reports the rest, and deviations that match nothing.
fn settle(checker: &mut Checker<'_>, example: &Path, found: Vec<Mismatch>, deviations: &[Deviation]) {
    for mismatch in &found {
        if !deviations.iter().any(|d| d.at == mismatch.at) {
            checker.error(
                example,
                At::Key,
                format!("example breaks the spec at `{}`: {}", mismatch.at, mismatch.message),
                format!(
                    "fix the transcription; if the page itself is inconsistent, add `deviations: [{{at: \"{}\", reason: ...}}]` to the example and a note to the operation",
                    mismatch.at
                ),
            );
        }
    }
    for (i, deviation) in deviations.iter().enumerate() {
        if !found.iter().any(|m| m.at == deviation.at) {
            checker.error(
                &example.key("deviations").index(i),
                At::Key,
                format!("deviation at `{}` matches nothing: the example agrees with the spec there", deviation.at),
                "remove the deviation (and its note) if the page was fixed; otherwise correct `at`",
            );
        }
    }
}
