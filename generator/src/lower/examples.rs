//! The page's examples become tests of the generated crate: a request example is rebuilt with the
//! generated constructors and must serialize to the example; a response example must survive a
//! deserialize/serialize round trip.

use serde_json::Value as Json;

use super::types::ty_of;
use crate::ir::{ExampleTest, ParamLocation, Presence, Ty, Value};
use crate::naming;
use crate::spec::{self, Primitive, SpecFile, TypeDef, TypeKind, TypeRef};

pub fn lower_examples(spec: &SpecFile, op_name: &str, op: &spec::Operation) -> Vec<ExampleTest> {
    let method = naming::field_name(op_name).unwrap_or_default();
    let mut tests = Vec::new();
    for (i, example) in op.examples.iter().enumerate() {
        if let Some(test) = request_test(spec, op_name, op, example, format!("{method}_request_example_{}", i + 1)) {
            tests.push(test);
        }
    }
    for (status, response) in &op.responses {
        let Some(body) = &response.body else { continue };
        for (i, example) in response.examples.iter().enumerate() {
            let json = example.content_type.as_deref().is_none_or(|m| m.starts_with("application/json"));
            if json {
                tests.push(ExampleTest::Response {
                    test_name: format!("{method}_response_{status}_example_{}", i + 1),
                    ty: ty_of(spec, &body.type_ref),
                    body: example.body.clone(),
                });
            }
        }
    }
    tests
}

/// The request rebuilt from the example's values; `None` when the example lacks a mandatory value (the
/// spec records that as a deviation).
fn request_test(
    spec: &SpecFile,
    op_name: &str,
    op: &spec::Operation,
    example: &spec::RequestExample,
    test_name: String,
) -> Option<ExampleTest> {
    let skipped: Vec<String> = example.deviations.iter().map(|d| d.at.clone()).collect();
    let url = example.split_url();
    let path_values = op.match_path(&url.path).unwrap_or_default();
    let (query_values, _) = crate::validate::values::query_values(spec, &op.request.query, &url.query);
    let groups = [
        (ParamLocation::Path, &op.request.path),
        (ParamLocation::Query, &op.request.query),
        (ParamLocation::Header, &op.request.headers),
    ];
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let mut params = Vec::new();
    for (location, fields) in groups {
        for (wire, field) in fields.iter().filter(|(_, f)| f.supplied_by.is_none()) {
            let group = if location == ParamLocation::Path { "path" } else { "query" };
            if skipped.contains(&format!("{group}/{wire}")) {
                push_argument(&mut required, &mut optional, wire, field.required, None)?;
                continue;
            }
            let json = match location {
                ParamLocation::Path => path_values
                    .iter()
                    .find(|(name, _)| name == wire)
                    .map(|(_, text)| crate::validate::values::from_text(spec, &field.type_ref, text)),
                ParamLocation::Query => query_values.iter().find(|(name, _)| name == wire).map(|(_, v)| v.clone()),
                _ => None,
            };
            let value = json.as_ref().and_then(|json| value_of(spec, &field.type_ref, json));
            push_argument(&mut required, &mut optional, wire, field.required, value.clone())?;
            if value.is_some() {
                params.extend(shown_pairs(location, wire, field.list.is_some(), &path_values, &url.query));
            }
        }
    }
    let compare_body = !skipped.iter().any(|at| at == "body" || at.starts_with("body/"));
    let body = example.body.as_ref().filter(|_| compare_body);
    if let Some(spec_body) = &op.request.body {
        let value = body
            .and_then(|text| serde_json::from_str::<Json>(text).ok())
            .and_then(|json| value_of(spec, &spec_body.type_ref, &json));
        push_argument(&mut required, &mut optional, "body", spec_body.required, value)?;
    }
    Some(ExampleTest::Request {
        test_name,
        construction: Value::Struct { name: format!("{op_name}Request"), required, optional },
        params,
        body: body.cloned(),
        skipped,
    })
}

/// The pairs of the example that carry parameter `wire` (all of a flattened list's).
fn shown_pairs(
    location: ParamLocation,
    wire: &str,
    is_list: bool,
    path: &[(String, String)],
    query: &[(String, String)],
) -> Vec<(ParamLocation, String, String)> {
    let pairs = if location == ParamLocation::Path { path } else { query };
    let item_prefix = format!("{wire}.");
    pairs
        .iter()
        .filter(|(key, _)| key == wire || (is_list && key.starts_with(&item_prefix)))
        .map(|(key, text)| (location, key.clone(), text.clone()))
        .collect()
}

/// Adds a constructor argument or setter; fails when a mandatory value is missing.
fn push_argument(
    required: &mut Vec<Value>,
    optional: &mut Vec<(String, Value, Presence)>,
    wire: &str,
    is_required: bool,
    value: Option<Value>,
) -> Option<()> {
    match (is_required, value) {
        (true, Some(value)) => required.push(value),
        (true, None) => return None,
        (false, Some(value)) => optional.push((naming::field_name(wire).ok()?, value, Presence::Optional)),
        (false, None) => {}
    }
    Some(())
}

/// A JSON example value as constructor calls of the generated types; `None` when the generated types
/// cannot express it (an undocumented field, a wrong type).
pub fn value_of(spec: &SpecFile, type_ref: &TypeRef, json: &Json) -> Option<Value> {
    match (type_ref, json) {
        (TypeRef::Primitive(Primitive::String), Json::String(s)) => Some(Value::Str(s.clone())),
        (TypeRef::Primitive(Primitive::Integer), Json::Number(n)) => Some(Value::Int(n.as_i64()?, Ty::I32)),
        (TypeRef::Primitive(Primitive::Long), Json::Number(n)) => Some(Value::Int(n.as_i64()?, Ty::I64)),
        (TypeRef::Primitive(Primitive::Number), Json::Number(n)) => Some(Value::Float(n.as_f64()?)),
        (TypeRef::Primitive(Primitive::Boolean), Json::Bool(b)) => Some(Value::Bool(*b)),
        (TypeRef::Array(inner), Json::Array(items)) => {
            items.iter().map(|item| value_of(spec, inner, item)).collect::<Option<Vec<_>>>().map(Value::List)
        }
        (TypeRef::Named(name), json) => named_value(spec, name, json),
        _ => None,
    }
}

fn named_value(spec: &SpecFile, name: &str, json: &Json) -> Option<Value> {
    let type_rust = naming::type_name(name).ok()?;
    match (spec.types.get(name).and_then(TypeDef::kind)?, json) {
        (TypeKind::Enum(enumeration), Json::String(wire)) => {
            let variant =
                enumeration.values.iter().find(|v| &v.value == wire).and_then(|v| naming::type_name(&v.value).ok());
            Some(Value::EnumValue { enum_name: type_rust, variant, wire: wire.clone() })
        }
        (TypeKind::Object(object), Json::Object(map)) => {
            if map.keys().any(|key| !object.fields.contains_key(key)) {
                return None;
            }
            let mut required = Vec::new();
            let mut optional = Vec::new();
            let names = naming::member_names(object.fields.iter().map(|(w, f)| (w.as_str(), f.deprecated.is_some())));
            for ((wire, field), rust) in object.fields.iter().zip(names) {
                let value = match map.get(wire) {
                    Some(Json::Null) if field.nullable => Some(Value::Null),
                    Some(json) => Some(value_of(spec, &field.type_ref, json)?),
                    None => None,
                };
                let presence = if field.nullable { Presence::Nullable } else { Presence::Optional };
                match (field.required && !field.nullable, value) {
                    (true, Some(value)) => required.push(value),
                    (true, None) => return None,
                    (false, Some(value)) => optional.push((rust.ok()?, value, presence)),
                    (false, None) => {}
                }
            }
            Some(Value::Struct { name: type_rust, required, optional })
        }
        _ => None,
    }
}
