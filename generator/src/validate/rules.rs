//! Checks of cross-field rules (`rules:` on object types and requests): each declares exactly one kind,
//! names fields of its own scope, and reads values the fields can hold.

use super::{At, Checker, Path};
use crate::spec::{Condition, Field, Primitive, Rule, SpecFile, TypeDef, TypeKind, TypeRef};

/// The fields a rule may name: wire name and field.
pub type Scope<'a> = Vec<(&'a str, &'a Field)>;

/// Every rule of the file with its path and the fields it may name.
pub fn all_rules(spec: &SpecFile) -> Vec<(Path, &Rule, Scope<'_>)> {
    let mut found = Vec::new();
    for (name, def) in &spec.types {
        if let Some(TypeKind::Object(object)) = def.kind() {
            let path = Path::root().key("types").key(name).key("object").key("rules");
            let scope: Scope<'_> = object.fields.iter().map(|(w, f)| (w.as_str(), f)).collect();
            found.extend(object.rules.iter().enumerate().map(|(i, rule)| (path.index(i), rule, scope.clone())));
        }
    }
    for (name, op) in &spec.operations {
        let path = Path::root().key("operations").key(name).key("request").key("rules");
        let scope: Scope<'_> = super::operations::request_params(op)
            .filter(|(_, _, f)| f.supplied_by.is_none())
            .map(|(_, w, f)| (w, f))
            .collect();
        found.extend(op.request.rules.iter().enumerate().map(|(i, rule)| (path.index(i), rule, scope.clone())));
    }
    found
}

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    for (path, rule, scope) in all_rules(spec) {
        check_rule(checker, spec, &path, rule, &scope);
    }
}

fn check_rule(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, rule: &Rule, scope: &Scope<'_>) {
    let kinds = [
        ("requires", rule.requires.is_some()),
        ("conflicts", !rule.conflicts.is_empty()),
        ("exactly_one_of", !rule.exactly_one_of.is_empty()),
        ("at_most_one_of", !rule.at_most_one_of.is_empty()),
        ("at_least_one_of", !rule.at_least_one_of.is_empty()),
        ("precedence", !rule.precedence.is_empty()),
        ("required_when", rule.required_when.is_some()),
        ("range_when", rule.range_when.is_some()),
    ];
    if kinds.iter().filter(|(_, set)| *set).count() != 1 {
        checker.error(
            path,
            At::Key,
            "a rule must declare exactly one of requires, conflicts, exactly_one_of, at_most_one_of, at_least_one_of, precedence, required_when or range_when",
            "split it into one rule per kind",
        );
        return;
    }
    if rule.description.trim().is_empty() {
        checker.error(path, At::Key, "rule has an empty description", "copy the page's words for the rule");
    }
    let lists = [
        ("conflicts", &rule.conflicts),
        ("exactly_one_of", &rule.exactly_one_of),
        ("at_most_one_of", &rule.at_most_one_of),
        ("at_least_one_of", &rule.at_least_one_of),
        ("precedence", &rule.precedence),
    ];
    for (key, names) in lists.into_iter().filter(|(_, names)| !names.is_empty()) {
        if names.len() < 2 {
            checker.error(
                &path.key(key),
                At::Key,
                format!("`{key}` names one field"),
                "a rule between fields names two or more",
            );
        }
        for (i, name) in names.iter().enumerate() {
            resolve(checker, &path.key(key).index(i), name, scope);
        }
    }
    if let Some(requires) = &rule.requires {
        let at = path.key("requires");
        resolve(checker, &at.key("field"), &requires.field, scope);
        if requires.needs.is_empty() {
            checker.error(&at.key("needs"), At::Key, "`needs` names no field", "list the fields it needs");
        }
        for (i, name) in requires.needs.iter().enumerate() {
            resolve(checker, &at.key("needs").index(i), name, scope);
        }
    }
    if let Some(required_when) = &rule.required_when {
        let at = path.key("required_when");
        if let Some(field) = resolve(checker, &at.key("field"), &required_when.field, scope) {
            if field.required {
                checker.error(
                    &at.key("field"),
                    At::Value,
                    format!("`{}` is always required", required_when.field),
                    "a conditional requirement applies to optional fields; remove the rule or `required: true`",
                );
            }
        }
        check_condition(checker, spec, &at.key("when"), &required_when.when, scope);
    }
    if let Some(range) = &rule.range_when {
        let at = path.key("range_when");
        if let Some(field) = resolve(checker, &at.key("field"), &range.field, scope) {
            let numeric = matches!(field.type_ref, TypeRef::Primitive(Primitive::Integer | Primitive::Long));
            if !numeric {
                checker.error(
                    &at.key("field"),
                    At::Value,
                    format!("`{}` is not an integer, so it has no range", range.field),
                    "name an `integer` or `long` field",
                );
            }
        }
        match (range.minimum, range.maximum) {
            (None, None) => {
                checker.error(&at, At::Key, "`range_when` sets no bound", "add `minimum`, `maximum` or both")
            }
            (Some(min), Some(max)) if min > max => checker.error(
                &at.key("minimum"),
                At::Value,
                format!("`minimum` ({min}) is greater than `maximum` ({max}): no value can satisfy both"),
                "check the page's numbers",
            ),
            _ => {}
        }
        check_condition(checker, spec, &at.key("when"), &range.when, scope);
    }
}

fn check_condition(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, when: &Condition, scope: &Scope<'_>) {
    let kinds = usize::from(!when.equals.is_empty()) + usize::from(when.present) + usize::from(when.absent);
    if kinds != 1 {
        checker.error(
            path,
            At::Key,
            "a condition needs exactly one of `equals`, `present: true` or `absent: true`",
            "",
        );
    }
    let Some(field) = resolve(checker, &path.key("field"), &when.field, scope) else { return };
    let documented = match &field.type_ref {
        TypeRef::Named(name) => match spec.types.get(name).and_then(TypeDef::kind) {
            Some(TypeKind::Enum(e)) if !e.open => Some(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>()),
            _ => None,
        },
        _ => None,
    };
    if let Some(values) = documented {
        for (i, value) in when.equals.iter().enumerate().filter(|(_, v)| !values.contains(&v.as_str())) {
            checker.unknown(
                &path.key("equals").index(i),
                "value",
                value,
                values.iter().copied(),
                "use a documented value",
            );
        }
    }
}

/// The field `name` of the scope, reporting an unknown one.
fn resolve<'a>(checker: &mut Checker<'_>, path: &Path, name: &str, scope: &Scope<'a>) -> Option<&'a Field> {
    let found = scope.iter().find(|(wire, _)| *wire == name).map(|(_, f)| *f);
    if found.is_none() {
        checker.unknown(
            path,
            "field",
            name,
            scope.iter().map(|(w, _)| *w),
            "name a field of the same object or request",
        );
    }
    found
}
