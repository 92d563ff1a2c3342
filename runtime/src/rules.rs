//! Cross-field rules of generated `validate()`: requires, conflicts, one-of, precedence (a warning),
//! conditional requirements and ranges. Each takes the fields' wire names and whether they are set.

use crate::constraints::{Violations, join};

/// A field of a cross-field rule: its wire name and whether it is set.
pub type RuleField<'a> = (&'a str, bool);

fn set_names<'a>(fields: &[RuleField<'a>]) -> Vec<&'a str> {
    fields.iter().filter(|(_, set)| *set).map(|(name, _)| *name).collect()
}

/// `requires`: when `field` is set, every field of `needs` must be set too.
pub fn check_requires(out: &mut Violations, path: &str, field: RuleField<'_>, needs: &[RuleField<'_>], rule: &str) {
    if !field.1 {
        return;
    }
    for (name, _) in needs.iter().filter(|(_, set)| !set) {
        out.push(&join(path, name), format!("must be set because `{}` is: {rule}", field.0));
    }
}

/// `conflicts`: never two of `fields` at once.
pub fn check_conflicts(out: &mut Violations, path: &str, fields: &[RuleField<'_>], rule: &str) {
    let set = set_names(fields);
    if set.len() > 1 {
        out.push(&join(path, set[1]), format!("must not be set together with `{}`: {rule}", set[0]));
    }
}

/// `exactly_one_of`: one of `fields`, no more, no less.
pub fn check_exactly_one(out: &mut Violations, path: &str, fields: &[RuleField<'_>], rule: &str) {
    let set = set_names(fields);
    let all: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    match set.len() {
        1 => {}
        0 => out.push(path, format!("exactly one of `{}` must be set, none is: {rule}", all.join("`, `"))),
        _ => out.push(
            path,
            format!("exactly one of `{}` must be set, not `{}`: {rule}", all.join("`, `"), set.join("` and `")),
        ),
    }
}

/// `at_most_one_of`: one of `fields` or none.
pub fn check_at_most_one(out: &mut Violations, path: &str, fields: &[RuleField<'_>], rule: &str) {
    let set = set_names(fields);
    if set.len() > 1 {
        out.push(path, format!("at most one of `{}` may be set: {rule}", set.join("`, `")));
    }
}

/// `at_least_one_of`: one of `fields` or more.
pub fn check_at_least_one(out: &mut Violations, path: &str, fields: &[RuleField<'_>], rule: &str) {
    if set_names(fields).is_empty() {
        let all: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        out.push(path, format!("at least one of `{}` must be set: {rule}", all.join("`, `")));
    }
}

/// `precedence`: when several of `fields` (highest priority first) are set, the service uses the first;
/// a warning, since the request is valid.
pub fn check_precedence(out: &mut Violations, path: &str, fields: &[RuleField<'_>], rule: &str) {
    let set = set_names(fields);
    if set.len() > 1 {
        out.warn(
            path,
            format!("`{}` are all set; the service uses `{}` and ignores the rest: {rule}", set.join("`, `"), set[0]),
        );
    }
}

/// `required_when`: `field` must be set when `condition` holds.
pub fn check_required_when(out: &mut Violations, path: &str, field: RuleField<'_>, condition: bool, rule: &str) {
    if condition && !field.1 {
        out.push(&join(path, field.0), format!("is required here: {rule}"));
    }
}

/// `range_when`: `value` lies in `min..=max` when `condition` holds.
pub fn check_range_when(
    out: &mut Violations,
    path: &str,
    field: &str,
    value: Option<i64>,
    condition: bool,
    bounds: (Option<i64>, Option<i64>),
    rule: &str,
) {
    let Some(value) = value.filter(|_| condition) else { return };
    let (min, max) = bounds;
    if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
        let range = match (min, max) {
            (Some(min), Some(max)) => format!("{min} to {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => String::new(),
        };
        out.push(&join(path, field), format!("must be {range} here (got {value}): {rule}"));
    }
}
