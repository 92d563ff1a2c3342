//! Lowering of cross-field rules: each names fields by wire name; here they become the struct's Rust
//! fields, with what the emitter needs to read them.

use crate::ir::{Condition, Field, RuleCheck, RuleField};
use crate::spec;

/// The rules of one struct whose fields are `fields`. The checks guarantee that every name resolves; a
/// rule that does not is dropped rather than generated wrong.
pub fn lower_rules(rules: &[spec::Rule], fields: &[Field]) -> Vec<RuleCheck> {
    rules.iter().filter_map(|rule| lower_rule(rule, fields)).collect()
}

fn lower_rule(rule: &spec::Rule, fields: &[Field]) -> Option<RuleCheck> {
    let field = |wire: &str| {
        fields.iter().find(|f| f.wire_name == wire).map(|f| RuleField {
            name: f.name.clone(),
            wire_name: f.wire_name.clone(),
            presence: f.presence,
            ty: f.ty.clone(),
        })
    };
    let list = |names: &[String]| names.iter().map(|n| field(n)).collect::<Option<Vec<_>>>();
    let description = rule.description.trim().to_owned();
    let condition = |when: &spec::Condition| {
        let subject = field(&when.field)?;
        Some(if when.present {
            Condition::Present(subject)
        } else if when.absent {
            Condition::Absent(subject)
        } else {
            Condition::Equals(subject, when.equals.clone())
        })
    };
    if let Some(requires) = &rule.requires {
        return Some(RuleCheck::Requires {
            field: field(&requires.field)?,
            needs: list(&requires.needs)?,
            description,
        });
    }
    if let Some(required_when) = &rule.required_when {
        let when = condition(&required_when.when)?;
        return Some(RuleCheck::RequiredWhen { field: field(&required_when.field)?, when, description });
    }
    if let Some(range) = &rule.range_when {
        let when = condition(&range.when)?;
        let (min, max) = (range.minimum, range.maximum);
        return Some(RuleCheck::RangeWhen { field: field(&range.field)?, when, min, max, description });
    }
    let kinds = [
        (&rule.conflicts, 0),
        (&rule.exactly_one_of, 1),
        (&rule.at_most_one_of, 2),
        (&rule.at_least_one_of, 4),
        (&rule.precedence, 3),
    ];
    let (names, kind) = kinds.into_iter().find(|(names, _)| !names.is_empty())?;
    let fields = list(names)?;
    Some(match kind {
        0 => RuleCheck::Conflicts { fields, description },
        1 => RuleCheck::ExactlyOne { fields, description },
        2 => RuleCheck::AtMostOne { fields, description },
        4 => RuleCheck::AtLeastOne { fields, description },
        _ => RuleCheck::Precedence { fields, description },
    })
}
