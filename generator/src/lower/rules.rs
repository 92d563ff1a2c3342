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
    type Build = fn(Vec<RuleField>, String) -> RuleCheck;
    let lists: [(&Vec<String>, Build); 5] = [
        (&rule.conflicts, |fields, description| RuleCheck::Conflicts { fields, description }),
        (&rule.exactly_one_of, |fields, description| RuleCheck::ExactlyOne { fields, description }),
        (&rule.at_most_one_of, |fields, description| RuleCheck::AtMostOne { fields, description }),
        (&rule.at_least_one_of, |fields, description| RuleCheck::AtLeastOne { fields, description }),
        (&rule.precedence, |fields, description| RuleCheck::Precedence { fields, description }),
    ];
    let (names, build) = lists.into_iter().find(|(names, _)| !names.is_empty())?;
    Some(build(list(names)?, description))
}
