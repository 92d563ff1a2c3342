//! Checks of named types and of every field: references resolve, every type is used, names convert to
//! distinct Rust names, enum values are unique, and constraints fit their type and each other.

use std::collections::{BTreeSet, HashMap};

use super::{At, Checker, Path};
use crate::naming;
use crate::spec::{Constraints, EnumType, Field, ObjectType, Primitive, SpecFile, TypeDef, TypeKind, TypeRef};

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    for (path, field) in all_fields(spec) {
        check_field(checker, spec, &path, field);
    }
    for (path, type_ref) in operation_type_refs(spec) {
        check_reference(checker, spec, &path, type_ref);
    }
    let types = Path::root().key("types");
    let type_names = spec.types.keys().map(|name| (name.as_str(), naming::type_name(name))).collect();
    check_distinct_names(checker, &types, type_names, "type");
    for (name, def) in &spec.types {
        let path = types.key(name);
        if naming::type_name(name).ok().as_deref() != Some(name.as_str()) {
            checker.error(
                &path,
                At::Key,
                format!("type name `{name}` is not UpperCamelCase"),
                "name types like `ServerJobInfo`",
            );
        }
        match def.kind() {
            Some(TypeKind::Object(object)) => {
                check_object(checker, &path.key("object"), object);
                check_recursion(checker, spec, name, &path.key("object"), object);
            }
            Some(TypeKind::Enum(enumeration)) => check_enum(checker, &path.key("enum"), enumeration),
            None => checker.error(
                &path,
                At::Key,
                format!("type `{name}` must declare exactly one of `object` or `enum`"),
                "write `object: {fields: ...}` for a table of fields, `enum: {values: ...}` for a list of values",
            ),
        }
    }
    // An unresolved reference usually means a typo'd name; its intended type would be reported as
    // unused too. Report the cause alone.
    let unresolved = all_fields(spec)
        .iter()
        .map(|(_, f)| &f.type_ref)
        .chain(operation_type_refs(spec).into_iter().map(|(_, t)| t))
        .filter_map(TypeRef::named)
        .any(|name| !spec.types.contains_key(name));
    if !unresolved {
        check_unused(checker, spec);
    }
}

/// Every field and parameter of the file, with its path.
pub fn all_fields(spec: &SpecFile) -> Vec<(Path, &Field)> {
    let mut fields = Vec::new();
    for (op_name, op) in &spec.operations {
        let request = Path::root().key("operations").key(op_name).key("request");
        for (group, params) in
            [("path", &op.request.path), ("query", &op.request.query), ("headers", &op.request.headers)]
        {
            fields.extend(params.iter().map(|(name, f)| (request.key(group).key(name), f)));
        }
    }
    for (type_name, def) in &spec.types {
        if let Some(TypeKind::Object(object)) = def.kind() {
            let base = Path::root().key("types").key(type_name).key("object").key("fields");
            fields.extend(object.fields.iter().map(|(name, f)| (base.key(name), f)));
        }
    }
    fields
}

/// Type references of bodies (request and response), with the path of their `type` key.
fn operation_type_refs(spec: &SpecFile) -> Vec<(Path, &TypeRef)> {
    let mut refs = Vec::new();
    for (op_name, op) in &spec.operations {
        let op_path = Path::root().key("operations").key(op_name);
        if let Some(body) = &op.request.body {
            refs.push((op_path.key("request").key("body").key("type"), &body.type_ref));
        }
        for (status, response) in &op.responses {
            if let Some(body) = &response.body {
                refs.push((op_path.key("responses").key(&status.to_string()).key("body").key("type"), &body.type_ref));
            }
        }
    }
    refs
}

fn check_reference(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, type_ref: &TypeRef) {
    if let Some(name) = type_ref.named().filter(|name| !spec.types.contains_key(*name)) {
        let known = spec.types.keys().map(String::as_str);
        checker.unknown(path, "type", name, known, "declare it under `types:`");
    }
}

fn check_field(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, field: &Field) {
    check_reference(checker, spec, &path.key("type"), &field.type_ref);
    if field.description.trim().is_empty() {
        checker.error(path, At::Key, "field has an empty description", "copy the page's description of the field");
    }
    if field.sensitive && field.type_ref != TypeRef::Primitive(Primitive::String) {
        checker.error(&path.key("sensitive"), At::Key, "only string fields can be sensitive", "remove `sensitive`");
    }
    if let Some(constraints) = &field.constraints {
        check_constraints(checker, spec, &path.key("constraints"), &field.type_ref, constraints);
    }
}

/// What kind of value a type reference holds, for constraint applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Text,
    Number,
    List,
    Other,
}

fn value_kind(spec: &SpecFile, type_ref: &TypeRef) -> ValueKind {
    match type_ref {
        TypeRef::Primitive(Primitive::String) => ValueKind::Text,
        TypeRef::Primitive(Primitive::Integer | Primitive::Long | Primitive::Number) => ValueKind::Number,
        TypeRef::Array(_) => ValueKind::List,
        TypeRef::Named(name) if matches!(spec.types.get(name).and_then(TypeDef::kind), Some(TypeKind::Enum(_))) => {
            ValueKind::Text
        }
        _ => ValueKind::Other,
    }
}

fn check_constraints(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, type_ref: &TypeRef, c: &Constraints) {
    let kind = value_kind(spec, type_ref);
    let text_keys = [
        ("min_length", c.min_length.is_some()),
        ("max_length", c.max_length.is_some()),
        ("pattern", c.pattern.is_some()),
        ("forbidden_prefixes", !c.forbidden_prefixes.is_empty()),
        ("forbidden_suffixes", !c.forbidden_suffixes.is_empty()),
        ("forbidden_substrings", !c.forbidden_substrings.is_empty()),
        ("rule", c.rule.is_some()),
    ];
    let list_keys = [("min_items", c.min_items.is_some()), ("max_items", c.max_items.is_some())];
    let number_keys = [("minimum", c.minimum.is_some()), ("maximum", c.maximum.is_some())];
    for (keys, wanted, what) in [
        (&text_keys[..], ValueKind::Text, "strings"),
        (&list_keys[..], ValueKind::List, "arrays"),
        (&number_keys[..], ValueKind::Number, "numbers"),
    ] {
        for (key, _) in keys.iter().filter(|(_, set)| *set) {
            if kind != wanted {
                checker.error(
                    &path.key(key),
                    At::Key,
                    format!("`{key}` applies to {what}, but the field's type is `{type_ref}`"),
                    "remove the constraint or fix the field's type",
                );
            }
        }
    }
    check_bounds(checker, path, ("min_length", c.min_length), ("max_length", c.max_length));
    check_bounds(checker, path, ("min_items", c.min_items), ("max_items", c.max_items));
    check_bounds(checker, path, ("minimum", c.minimum), ("maximum", c.maximum));
    if let Some(pattern) = &c.pattern {
        if let Some(Err(error)) = checker.patterns.get(&pattern.regex) {
            let text = error.to_string();
            let last_line = text.lines().last().unwrap_or_default();
            let first_line = last_line.trim_start_matches("error: ");
            checker.error(
                &path.key("pattern").key("regex"),
                At::Value,
                format!("invalid regular expression: {first_line}"),
                "patterns use Rust `regex` syntax; escape literal characters such as `.` and `(`",
            );
        }
    }
    let lists = [
        ("forbidden_prefixes", &c.forbidden_prefixes),
        ("forbidden_suffixes", &c.forbidden_suffixes),
        ("forbidden_substrings", &c.forbidden_substrings),
    ];
    for (key, list) in lists {
        for (i, _) in list.iter().enumerate().filter(|(_, item)| item.is_empty()) {
            checker.error(
                &path.key(key).index(i),
                At::Value,
                "an empty string is forbidden everywhere",
                "remove the empty entry",
            );
        }
    }
    if let Some(rule) = c.rule.as_ref().and_then(|r| r.password.as_ref()) {
        let rule_path = path.key("rule").key("password");
        if !(1..=4).contains(&rule.min_char_classes) {
            checker.error(
                &rule_path.key("min_char_classes"),
                At::Value,
                format!("`min_char_classes` is {}, but there are only 4 classes", rule.min_char_classes),
                "use a number from 1 to 4",
            );
        }
        if rule.special_chars.is_empty() || rule.special_chars.chars().any(char::is_alphanumeric) {
            checker.error(
                &rule_path.key("special_chars"),
                At::Value,
                "`special_chars` must list at least one character and no letters or digits",
                "copy the page's list of special characters",
            );
        }
    }
}

fn check_bounds<T: PartialOrd + std::fmt::Display + Copy>(
    checker: &mut Checker<'_>,
    path: &Path,
    (min_key, min): (&str, Option<T>),
    (max_key, max): (&str, Option<T>),
) {
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            checker.error(
                &path.key(min_key),
                At::Value,
                format!("`{min_key}` ({min}) is greater than `{max_key}` ({max}): no value can satisfy both"),
                "check the page's numbers; one of the bounds is mistyped",
            );
        }
    }
}

/// A required field whose type requires the owner again has no finite value: refuse it. (Optional ones
/// are boxed by the lowering.)
fn check_recursion(checker: &mut Checker<'_>, spec: &SpecFile, owner: &str, path: &Path, object: &ObjectType) {
    for (name, field) in object.fields.iter().filter(|(_, f)| f.required && !f.nullable) {
        let TypeRef::Named(target) = &field.type_ref else { continue };
        if target == owner || spec.holds_directly(target, owner, true) {
            checker.error(
                &path.key("fields").key(name).key("type"),
                At::Value,
                format!(
                    "`{owner}.{name}` is a required `{target}`, which requires a `{owner}` again: no value can end"
                ),
                "make a field of the cycle optional (or a list), as the page must mean",
            );
        }
    }
}

fn check_object(checker: &mut Checker<'_>, path: &Path, object: &ObjectType) {
    if object.fields.is_empty() {
        checker.error(path, At::Key, "object type has no fields", "list the fields of the page's table");
    }
    let fields = path.key("fields");
    let members = object.fields.iter().map(|(wire, f)| (wire.as_str(), f.deprecated.is_some()));
    let names = object.fields.keys().map(String::as_str).zip(naming::member_names(members)).collect();
    check_distinct_names(checker, &fields, names, "field");
    for (name, field) in &object.fields {
        let replacement = field.deprecated.as_ref().and_then(|d| d.replaced_by.as_deref());
        if let Some(replacement) = replacement.filter(|r| !object.fields.contains_key(*r)) {
            let known = object.fields.keys().map(String::as_str);
            checker.unknown(
                &fields.key(name).key("deprecated").key("replaced_by"),
                "field",
                replacement,
                known,
                "name a field of this object",
            );
        }
        if naming::field_name(name).is_ok_and(|rust| rust == naming::UNKNOWN_FIELDS) {
            checker.error(
                &fields.key(name),
                At::Key,
                format!("field `{name}` clashes with `{}`, which keeps undocumented fields", naming::UNKNOWN_FIELDS),
                "this wire name cannot be generated yet; report it as an issue",
            );
        }
    }
}

fn check_enum(checker: &mut Checker<'_>, path: &Path, enumeration: &EnumType) {
    if enumeration.values.is_empty() {
        checker.error(path, At::Key, "enum has no values", "list the values the page documents");
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut rust_names: HashMap<String, &str> = HashMap::new();
    for (i, value) in enumeration.values.iter().enumerate() {
        let value_path = path.key("values").index(i).key("value");
        if let Some(first) = seen.insert(value.value.as_str(), i) {
            checker.error(
                &value_path,
                At::Value,
                format!("duplicate enum value `{}` (also value #{})", value.value, first + 1),
                "remove the repeated value",
            );
            continue;
        }
        match naming::type_name(&value.value) {
            Err(error) => {
                checker.error(&value_path, At::Value, error, "enum values need a letter or digit to name their variant")
            }
            Ok(rust) => {
                if let Some(other) = rust_names.insert(rust.clone(), value.value.as_str()) {
                    checker.error(
                        &value_path,
                        At::Value,
                        format!("enum values `{other}` and `{}` both become the Rust variant `{rust}`", value.value),
                        "values that differ only in case or punctuation cannot share an enum; model the field as `string`",
                    );
                }
            }
        }
    }
}

/// Names within one scope must stay distinct after conversion to Rust.
fn check_distinct_names(
    checker: &mut Checker<'_>,
    scope: &Path,
    names: Vec<(&str, Result<String, String>)>,
    what: &str,
) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (name, converted) in names {
        match converted {
            Err(error) => checker.error(&scope.key(name), At::Key, error, format!("rename the {what}")),
            Ok(rust) => {
                if let Some(other) = seen.insert(rust.clone(), name) {
                    checker.error(
                        &scope.key(name),
                        At::Key,
                        format!("{what}s `{other}` and `{name}` both become `{rust}` in Rust"),
                        format!("rename one of the {what}s"),
                    );
                }
            }
        }
    }
}

/// Types no operation reaches are dead transcription: probably a typo in a reference.
fn check_unused(checker: &mut Checker<'_>, spec: &SpecFile) {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<&str> = operation_type_refs(spec).into_iter().filter_map(|(_, t)| t.named()).collect();
    for op in spec.operations.values() {
        for params in [&op.request.path, &op.request.query, &op.request.headers] {
            pending.extend(params.values().filter_map(|f| f.type_ref.named()));
        }
    }
    while let Some(name) = pending.pop() {
        if !reached.insert(name) {
            continue;
        }
        if let Some(TypeKind::Object(object)) = spec.types.get(name).and_then(TypeDef::kind) {
            pending.extend(object.fields.values().filter_map(|f| f.type_ref.named()));
        }
    }
    for name in spec.types.keys().filter(|name| !reached.contains(name.as_str())) {
        checker.error(
            &Path::root().key("types").key(name),
            At::Key,
            format!("type `{name}` is not used by any operation"),
            "reference it from a field or body, or remove it",
        );
    }
}
