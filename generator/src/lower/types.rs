//! Lowering of types, fields, constraints and request wrappers.

use super::docs::{code, escape, paragraphs};
use crate::ir::{BoolText, Check, Enum, Field, Model, ParamLocation, Presence, Struct, Ty, Variant};
use crate::naming;
use crate::spec::{self, Constraints, Family, ListStyle, Primitive, SpecFile, TypeDef, TypeKind, TypeRef};

/// The Rust type of a spec type reference.
pub fn ty_of(spec: &SpecFile, type_ref: &TypeRef) -> Ty {
    match type_ref {
        TypeRef::Primitive(Primitive::String) => Ty::String,
        TypeRef::Primitive(Primitive::Integer) => Ty::I32,
        TypeRef::Primitive(Primitive::Long) => Ty::I64,
        TypeRef::Primitive(Primitive::Number) => Ty::F64,
        TypeRef::Primitive(Primitive::Boolean) => Ty::Bool,
        TypeRef::Array(inner) => Ty::Vec(Box::new(ty_of(spec, inner))),
        TypeRef::Named(name) => {
            let rust = naming::type_name(name).unwrap_or_else(|_| name.clone());
            match spec.types.get(name).and_then(TypeDef::kind) {
                Some(TypeKind::Enum(_)) => Ty::Enum(rust),
                _ => Ty::Struct(rust),
            }
        }
    }
}

pub fn lower_model(spec: &SpecFile, name: &str, def: &TypeDef) -> Model {
    let rust = naming::type_name(name).unwrap_or_else(|_| name.to_owned());
    match def.kind() {
        Some(TypeKind::Enum(enumeration)) => Model::Enum(lower_enum(&rust, enumeration)),
        Some(TypeKind::Object(object)) => {
            let mut docs = object.description.as_deref().map(paragraphs).unwrap_or_default();
            if docs.is_empty() {
                docs.push(format!("The `{name}` object."));
            }
            let members = object.fields.iter().map(|(wire, field)| (wire.as_str(), field, None)).collect();
            let fields = lower_fields(spec, &rust, Some(name), members);
            let rules = super::rules::lower_rules(&object.rules, &fields);
            let query_object = indexed_item_types(spec).contains(&name);
            Model::Struct(Struct {
                name: rust,
                docs,
                fields,
                keeps_unknown_fields: true,
                serde: true,
                query_object,
                rules,
                bool_text: bool_text(spec),
            })
        }
        // Ruled out by the checks; an empty struct keeps lowering total.
        None => Model::Struct(Struct {
            name: rust,
            docs: vec![],
            fields: vec![],
            keeps_unknown_fields: true,
            serde: true,
            query_object: false,
            rules: vec![],
            bool_text: bool_text(spec),
        }),
    }
}

/// How the family's SDK writes booleans in a query: Alibaba's Python `str()` gives `True`.
fn bool_text(spec: &SpecFile) -> BoolText {
    match spec.service.vendor.family {
        Family::Huawei => BoolText::Lowercase,
        Family::Alibaba => BoolText::Capitalized,
    }
}

/// Object types that travel as numbered query list items (`Tag.N.Key`).
fn indexed_item_types(spec: &SpecFile) -> Vec<&str> {
    spec.operations
        .values()
        .flat_map(|op| op.request.query.values())
        .filter(|field| field.list == Some(ListStyle::Indexed))
        .filter_map(|field| field.type_ref.named())
        .collect()
}

/// Fields of one struct, named together so a deprecated twin gets its suffix; `owner_type` is the spec type
/// they belong to (`None` for a request), to box recursive fields.
fn lower_fields(
    spec: &SpecFile,
    owner: &str,
    owner_type: Option<&str>,
    members: Vec<(&str, &spec::Field, Option<ParamLocation>)>,
) -> Vec<Field> {
    let names = naming::member_names(members.iter().map(|(wire, field, _)| (*wire, field.deprecated.is_some())));
    members
        .into_iter()
        .zip(names)
        .map(|((wire, field, location), name)| {
            let mut lowered =
                lower_field(spec, owner, wire, name.unwrap_or_else(|_| "field".to_owned()), field, location);
            lowered.boxed = match (&field.type_ref, owner_type) {
                (TypeRef::Named(target), Some(owner_type)) => {
                    target == owner_type || spec.holds_directly(target, owner_type, false)
                }
                _ => false,
            };
            lowered
        })
        .collect()
}

fn lower_enum(rust: &str, enumeration: &spec::EnumType) -> Enum {
    let variants: Vec<Variant> = enumeration
        .values
        .iter()
        .map(|value| {
            let mut docs = value.description.as_deref().map(paragraphs).unwrap_or_default();
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(format!("Wire value: {}.", code(&value.value)));
            Variant { name: naming::type_name(&value.value).unwrap_or_default(), wire_value: value.value.clone(), docs }
        })
        .collect();
    let fallback = fallback_name(&variants);
    let mut docs =
        enumeration.description.as_deref().map(paragraphs).unwrap_or_else(|| vec![format!("The `{rust}` values.")]);
    docs.push(String::new());
    docs.push(format!(
        "Values the page does not document are kept in [`{rust}::{fallback}`] and re-serialized unchanged{}.",
        if enumeration.open { "; the page says the set can grow, so they are valid in requests" } else { "" }
    ));
    Enum { name: rust.to_owned(), docs, variants, fallback, open: enumeration.open, error_rows: None }
}

/// How a field's absence and `null` are represented: nullable wins over required (`Option<Option<T>>`).
pub fn presence_of(field: &spec::Field) -> Presence {
    match (field.required, field.nullable) {
        (_, true) => Presence::Nullable,
        (true, false) => Presence::Required,
        (false, false) => Presence::Optional,
    }
}

/// Lowers a field or parameter named `name` in Rust; `location` is set for request parameters.
fn lower_field(
    spec: &SpecFile,
    owner: &str,
    wire: &str,
    name: String,
    field: &spec::Field,
    location: Option<ParamLocation>,
) -> Field {
    let presence = presence_of(field);
    let static_prefix =
        format!("{}_{}", naming::const_name(owner).unwrap_or_default(), naming::const_name(wire).unwrap_or_default());
    Field {
        docs: field_docs(wire, &name, field),
        name,
        wire_name: wire.to_owned(),
        ty: ty_of(spec, &field.type_ref),
        presence,
        sensitive: field.sensitive,
        checks: field.constraints.as_ref().map(|c| checks_of(&static_prefix, c)).unwrap_or_default(),
        location,
        list: field.list,
        deprecated: field.deprecated.as_ref().map(|d| d.note.clone()),
        boxed: false,
    }
}

fn field_docs(wire: &str, rust: &str, field: &spec::Field) -> Vec<String> {
    let mut lines = paragraphs(&field.description);
    let mut facts = Vec::new();
    if wire != rust {
        facts.push(format!("Wire name: {}.", code(wire)));
    }
    if field.required {
        facts.push("Mandatory.".to_owned());
    }
    if let Some(constraints) = &field.constraints {
        facts.extend(constraint_docs(constraints));
    }
    if let (Some(example), false) = (&field.example, field.sensitive) {
        facts.push(format!("Example: {}.", code(&example.to_string())));
    }
    if let Some(default) = &field.default {
        facts.push(format!("Default: {}.", code(&default.to_string())));
    }
    if field.sensitive {
        facts.push("Sensitive: never shown in `Debug` output.".to_owned());
    }
    match field.list {
        Some(ListStyle::Indexed) if field.type_ref.named().is_some() => facts.push(format!(
            "Sent as numbered items: {}, {}, ...",
            code(&format!("{wire}.1.<Field>")),
            code(&format!("{wire}.2.<Field>"))
        )),
        Some(ListStyle::Indexed) => facts.push(format!(
            "Sent as numbered items: {}, {}, ...",
            code(&format!("{wire}.1")),
            code(&format!("{wire}.2"))
        )),
        Some(ListStyle::Repeated) => {
            facts.push(format!("Sent with the key repeated: {}.", code(&format!("{wire}=a&{wire}=b"))))
        }
        Some(ListStyle::Comma) => {
            facts.push(format!("Sent as one value joined by commas: {}.", code(&format!("{wire}=a,b"))))
        }
        None => {}
    }
    if let Some(deprecated) = &field.deprecated {
        let replaced =
            deprecated.replaced_by.as_deref().map(|r| format!(" Replaced by {}.", code(r))).unwrap_or_default();
        facts.push(format!("Deprecated: {}{replaced}", escape(&deprecated.note)));
    }
    for fact in facts {
        lines.push(String::new());
        lines.push(fact);
    }
    lines
}

fn constraint_docs(c: &Constraints) -> Vec<String> {
    let mut lines = Vec::new();
    let range = |what: &str, min: Option<String>, max: Option<String>| match (min, max) {
        (Some(min), Some(max)) => Some(format!("{what}: {min} to {max}.")),
        (Some(min), None) => Some(format!("{what}: at least {min}.")),
        (None, Some(max)) => Some(format!("{what}: at most {max}.")),
        (None, None) => None,
    };
    let s = |n: Option<u64>| n.map(|n| n.to_string());
    lines.extend(range("Length in characters", s(c.min_length), s(c.max_length)));
    lines.extend(range("Items", s(c.min_items), s(c.max_items)));
    lines.extend(range("Range", c.minimum.map(|n| n.to_string()), c.maximum.map(|n| n.to_string())));
    if let Some(pattern) = &c.pattern {
        let enforced = if pattern.enforce { "" } else { " (documented, not checked: the page contradicts it)" };
        lines.push(format!("Pattern {}: {}{enforced}.", code(&pattern.regex), escape(&pattern.description)));
    }
    for (what, list) in [
        ("Must not start with", &c.forbidden_prefixes),
        ("Must not end with", &c.forbidden_suffixes),
        ("Must not contain", &c.forbidden_substrings),
    ] {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|s| code(&format!("{s:?}"))).collect();
            lines.push(format!("{what}: {}.", items.join(", ")));
        }
    }
    if let Some(rule) = c.rule.as_ref().and_then(|r| r.password.as_ref()) {
        lines.push(format!(
            "Password rule: at least {} of uppercase, lowercase, digits and special characters {}; must not contain {}{}.",
            rule.min_char_classes,
            code(&rule.special_chars),
            rule.forbidden_words.iter().map(|w| code(w)).collect::<Vec<_>>().join(", "),
            if rule.forbid_reversed_words { " or their reverse" } else { "" }
        ));
    }
    lines
}

fn checks_of(static_prefix: &str, c: &Constraints) -> Vec<Check> {
    let mut checks = Vec::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        checks.push(Check::Length { min: c.min_length, max: c.max_length });
    }
    if let Some(pattern) = c.pattern.as_ref().filter(|p| p.enforce) {
        checks.push(Check::Pattern {
            static_name: format!("{static_prefix}_PATTERN"),
            regex: pattern.regex.clone(),
            description: pattern.description.clone(),
            doc: escape(pattern.description.trim_end_matches('.')) + ".",
        });
    }
    if !c.forbidden_prefixes.is_empty() {
        checks.push(Check::ForbiddenPrefixes(c.forbidden_prefixes.clone()));
    }
    if !c.forbidden_suffixes.is_empty() {
        checks.push(Check::ForbiddenSuffixes(c.forbidden_suffixes.clone()));
    }
    if !c.forbidden_substrings.is_empty() {
        checks.push(Check::ForbiddenSubstrings(c.forbidden_substrings.clone()));
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        checks.push(Check::Items { min: c.min_items, max: c.max_items });
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        checks.push(Check::Range { min: c.minimum, max: c.maximum });
    }
    if let Some(rule) = c.rule.as_ref().and_then(|r| r.password.as_ref()) {
        checks.push(Check::Password {
            min_char_classes: rule.min_char_classes,
            special_chars: rule.special_chars.clone(),
            reject_other_chars: rule.reject_other_chars,
            forbidden_words: rule.forbidden_words.clone(),
            forbid_reversed_words: rule.forbid_reversed_words,
        });
    }
    checks
}

/// The request wrapper: caller-supplied parameters (path, query, headers) and the body.
pub fn lower_request(spec: &SpecFile, op_name: &str, op: &spec::Operation) -> Struct {
    let name = format!("{op_name}Request");
    let groups = [
        (ParamLocation::Path, &op.request.path),
        (ParamLocation::Query, &op.request.query),
        (ParamLocation::Header, &op.request.headers),
    ];
    let members = groups
        .into_iter()
        .flat_map(|(location, params)| {
            params
                .iter()
                .filter(|(_, field)| field.supplied_by.is_none())
                .map(move |(wire, field)| (wire.as_str(), field, Some(location)))
        })
        .collect();
    let mut fields = lower_fields(spec, op_name, None, members);
    let rules = super::rules::lower_rules(&op.request.rules, &fields);
    if let Some(body) = &op.request.body {
        let mut docs = vec!["The request body.".to_owned()];
        if let Some(description) = &body.description {
            docs.push(String::new());
            docs.extend(paragraphs(description));
        }
        fields.push(Field {
            name: "body".to_owned(),
            wire_name: "body".to_owned(),
            docs,
            ty: ty_of(spec, &body.type_ref),
            presence: if body.required { Presence::Required } else { Presence::Optional },
            sensitive: false,
            checks: Vec::new(),
            location: Some(ParamLocation::Body),
            list: None,
            deprecated: None,
            boxed: false,
        });
    }
    let docs = vec![
        format!("Request of {}: {}", code(op_name), escape(&op.summary)),
        String::new(),
        "Build it with `new` (every mandatory value) and the `with_*` setters; `validate` checks every documented constraint."
            .to_owned(),
    ];
    Struct {
        name,
        docs,
        fields,
        keeps_unknown_fields: false,
        serde: false,
        query_object: false,
        rules,
        bool_text: bool_text(spec),
    }
}

/// The vendor's error-code table as an open enum, so callers can match codes without typos. A code listed
/// under several statuses or messages is one variant that keeps every row.
pub fn lower_error_codes(op_name: &str, op: &spec::Operation) -> Option<Enum> {
    if op.errors.is_empty() {
        return None;
    }
    let mut variants: Vec<Variant> = Vec::new();
    let mut rows: Vec<Vec<(u16, String)>> = Vec::new();
    for error in &op.errors {
        let row = vec![
            format!("HTTP {}: {}", error.status, escape(&error.message)),
            String::new(),
            escape(&error.description),
        ];
        match variants.iter().position(|v| v.wire_value == error.code) {
            Some(i) => {
                variants[i].docs.push(String::new());
                variants[i].docs.extend(row);
                rows[i].push((error.status, error.message.clone()));
            }
            None => {
                variants.push(Variant {
                    name: naming::type_name(&error.code).unwrap_or_default(),
                    wire_value: error.code.clone(),
                    docs: row,
                });
                rows.push(vec![(error.status, error.message.clone())]);
            }
        }
    }
    let mut docs = vec![
        format!("The error codes the {} page documents (`ServiceError::code`).", code(op_name)),
        String::new(),
        "Other codes are kept in the fallback variant. `documented_rows` gives each code's rows of the page's table; `matching_row` tells which row a status and message are (`%s` stands for text the service fills in).".to_owned(),
    ];
    let mut statuses: Vec<u16> = op.errors.iter().map(|e| e.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    for status in statuses {
        let mut codes: Vec<String> = op.errors.iter().filter(|e| e.status == status).map(|e| code(&e.code)).collect();
        codes.dedup();
        docs.push(String::new());
        docs.push(format!("HTTP {status}: {}.", codes.join(", ")));
    }
    let fallback = fallback_name(&variants);
    Some(Enum { name: format!("{op_name}ErrorCode"), docs, variants, fallback, open: true, error_rows: Some(rows) })
}

/// `Unknown`, or `UnknownValue` when a documented value already takes `Unknown`.
fn fallback_name(variants: &[Variant]) -> String {
    if variants.iter().any(|v| v.name == "Unknown") { "UnknownValue" } else { "Unknown" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_arrays_of_named_types() {
        let spec: SpecFile = serde_yaml_free_spec();
        let ty = ty_of(&spec, &"array<array<string>>".parse().unwrap_or(TypeRef::Primitive(Primitive::String)));
        assert_eq!(ty, Ty::Vec(Box::new(Ty::Vec(Box::new(Ty::String)))));
    }

    fn serde_yaml_free_spec() -> SpecFile {
        serde_json::from_value(serde_json::json!({
            "service": {
                "vendor": {"name": "huaweicloud", "title": "Huawei Cloud", "family": "huawei"}, "name": "x", "title": "X", "description": "X", "style": "rest-json",
                "endpoints": {"regional": "https://x.{region}.com", "example_region": "r", "source": "s"},
                "auth": {}
            },
            "operations": {}
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }
}
