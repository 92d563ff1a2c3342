//! Constraint checks shared by every generated `validate()` and by the generator's own check of the pages'
//! examples, so a rule is implemented exactly once.
//!
//! Messages never echo the checked value: the value may be a password.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A regular expression compiled on first use, for `static` items in generated code.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Result<Regex, regex::Error>>,
}

impl Pattern {
    /// A pattern from its source; compiled lazily (the generator has already checked that it compiles).
    pub const fn new(source: &'static str) -> Self {
        Self { source, compiled: OnceLock::new() }
    }

    /// The compiled expression, or why it does not compile.
    pub fn compiled(&self) -> &Result<Regex, regex::Error> {
        self.compiled.get_or_init(|| Regex::new(self.source))
    }
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where the value sits in the request, by wire names (`body.instance_id_set`, `ImageName`).
    pub path: String,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// All constraints a request breaks; returned by every generated `validate()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Every violation found, in field order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request: ")?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Collects violations, and warnings (a request the service accepts but may not read as meant), while a
/// value is checked.
#[derive(Debug, Default)]
pub struct Violations {
    errors: Vec<Violation>,
    warnings: Vec<Violation>,
}

impl Violations {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation at `path`.
    pub fn push(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(Violation { path: path.to_owned(), message: message.into() });
    }

    /// Records a warning at `path`: not an error, but worth telling the caller (several parameters set
    /// where the service uses only the one with the highest precedence).
    pub fn warn(&mut self, path: &str, message: impl Into<String>) {
        self.warnings.push(Violation { path: path.to_owned(), message: message.into() });
    }

    /// The violations found so far.
    pub fn as_slice(&self) -> &[Violation] {
        &self.errors
    }

    /// The warnings found so far.
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }

    /// `Ok` when nothing was broken; warnings do not count.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ValidationError { violations: self.errors }) }
    }
}

/// The warnings of a value: what `validate()` accepts but the caller should know (see [`Violations::warn`]).
pub fn warnings(value: &impl Validate) -> Vec<Violation> {
    let mut out = Violations::new();
    value.validate_into("", &mut out);
    out.warnings
}

/// Joins a parent path and a child name: `join("body", "name") == "body.name"`.
pub fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() { child.to_owned() } else { format!("{parent}.{child}") }
}

/// Length in characters (Unicode scalar values), the unit the pages count in.
pub fn check_length(out: &mut Violations, path: &str, value: &str, min: Option<u64>, max: Option<u64>) {
    let len = value.chars().count() as u64;
    if let Some(min) = min.filter(|min| len < *min) {
        out.push(path, format!("must be at least {min} characters long (got {len})"));
    }
    if let Some(max) = max.filter(|max| len > *max) {
        out.push(path, format!("must be at most {max} characters long (got {len})"));
    }
}

/// The whole value must match `pattern`; `rule` is the page's wording of it. A pattern that failed to
/// compile is reported as a violation rather than a panic.
pub fn check_pattern(out: &mut Violations, path: &str, value: &str, pattern: &Result<Regex, regex::Error>, rule: &str) {
    match pattern {
        Ok(regex) if regex.is_match(value) => {}
        Ok(_) => out.push(path, format!("must satisfy: {rule}")),
        Err(error) => out.push(path, format!("cannot be checked: invalid pattern ({error})")),
    }
}

/// The value must not start with any of `forbidden`.
pub fn check_forbidden_prefixes(out: &mut Violations, path: &str, value: &str, forbidden: &[&str]) {
    for prefix in forbidden.iter().filter(|p| value.starts_with(**p)) {
        out.push(path, format!("must not start with {prefix:?}"));
    }
}

/// The value must not end with any of `forbidden`.
pub fn check_forbidden_suffixes(out: &mut Violations, path: &str, value: &str, forbidden: &[&str]) {
    for suffix in forbidden.iter().filter(|s| value.ends_with(**s)) {
        out.push(path, format!("must not end with {suffix:?}"));
    }
}

/// The value must not contain any of `forbidden`.
pub fn check_forbidden_substrings(out: &mut Violations, path: &str, value: &str, forbidden: &[&str]) {
    for needle in forbidden.iter().filter(|n| value.contains(**n)) {
        out.push(path, format!("must not contain {needle:?}"));
    }
}

/// Number of array items.
pub fn check_items(out: &mut Violations, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
    let len = len as u64;
    if let Some(min) = min.filter(|min| len < *min) {
        out.push(path, format!("must have at least {min} items (got {len})"));
    }
    if let Some(max) = max.filter(|max| len > *max) {
        out.push(path, format!("must have at most {max} items (got {len})"));
    }
}

/// Numeric range, inclusive.
pub fn check_range(out: &mut Violations, path: &str, value: i64, min: Option<i64>, max: Option<i64>) {
    if let Some(min) = min.filter(|min| value < *min) {
        out.push(path, format!("must be at least {min} (got {value})"));
    }
    if let Some(max) = max.filter(|max| value > *max) {
        out.push(path, format!("must be at most {max} (got {value})"));
    }
}

/// Numeric range for floating-point values, inclusive.
pub fn check_range_f64(out: &mut Violations, path: &str, value: f64, min: Option<i64>, max: Option<i64>) {
    if let Some(min) = min.filter(|min| value < *min as f64) {
        out.push(path, format!("must be at least {min} (got {value})"));
    }
    if let Some(max) = max.filter(|max| value > *max as f64) {
        out.push(path, format!("must be at most {max} (got {value})"));
    }
}

/// Types whose values can break documented constraints: every generated struct and enum.
pub trait Validate {
    /// Records every violation of `self` and its nested values, with paths below `path`.
    fn validate_into(&self, path: &str, out: &mut Violations);
}

impl<T: Validate> Validate for Box<T> {
    fn validate_into(&self, path: &str, out: &mut Violations) {
        T::validate_into(self, path, out);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &str, out: &mut Violations) {
        for (i, item) in self.iter().enumerate() {
            item.validate_into(&format!("{path}[{i}]"), out);
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &str, out: &mut Violations) {
        if let Some(value) = self {
            value.validate_into(path, out);
        }
    }
}

/// A password policy as the pages state it.
#[derive(Debug, Clone, Copy)]
pub struct PasswordPolicy<'a> {
    /// How many of uppercase, lowercase, digit and special must appear.
    pub min_char_classes: u8,
    /// The characters that count as special.
    pub special_chars: &'a str,
    /// Reject characters outside ASCII letters, digits and `special_chars`.
    pub reject_other_chars: bool,
    /// Words that must not appear, compared case-insensitively.
    pub forbidden_words: &'a [&'a str],
    /// Also reject each forbidden word spelled backwards.
    pub forbid_reversed_words: bool,
}

/// Checks a password against `policy` without ever echoing it.
pub fn check_password(out: &mut Violations, path: &str, value: &str, policy: &PasswordPolicy<'_>) {
    let mut classes = [false; 4];
    let mut rejected = false;
    for c in value.chars() {
        match c {
            'A'..='Z' => classes[0] = true,
            'a'..='z' => classes[1] = true,
            '0'..='9' => classes[2] = true,
            c if policy.special_chars.contains(c) => classes[3] = true,
            _ => rejected = true,
        }
    }
    if rejected && policy.reject_other_chars {
        out.push(
            path,
            format!("may contain only ASCII letters, digits and the special characters {}", policy.special_chars),
        );
    }
    let found = classes.iter().filter(|present| **present).count();
    if found < usize::from(policy.min_char_classes) {
        out.push(
            path,
            format!(
                "must contain at least {} of: uppercase letters, lowercase letters, digits, special characters ({}); found {found}",
                policy.min_char_classes, policy.special_chars
            ),
        );
    }
    check_forbidden_words(out, path, value, policy);
}

fn check_forbidden_words(out: &mut Violations, path: &str, value: &str, policy: &PasswordPolicy<'_>) {
    let haystack = value.to_lowercase();
    let found = policy.forbidden_words.iter().any(|word| {
        let word = word.to_lowercase();
        let reversed: String = word.chars().rev().collect();
        haystack.contains(&word) || (policy.forbid_reversed_words && haystack.contains(&reversed))
    });
    if found {
        // Which word matched is not said: that would reveal part of the password.
        let words = policy.forbidden_words.join(", ");
        let reversed = if policy.forbid_reversed_words { ", forwards or backwards" } else { "" };
        out.push(path, format!("must not contain any of {words} (in any case{reversed})"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: PasswordPolicy<'static> = PasswordPolicy {
        min_char_classes: 3,
        special_chars: "!@$%^-_=+[{}]:,./?",
        reject_other_chars: false,
        forbidden_words: &["root", "Administrator"],
        forbid_reversed_words: true,
    };

    fn password_messages(value: &str) -> Vec<String> {
        let mut out = Violations::new();
        check_password(&mut out, "password", value, &POLICY);
        out.as_slice().iter().map(|v| v.message.clone()).collect()
    }

    #[test]
    fn password_with_three_classes_passes() {
        assert!(password_messages("Test@Passw0rd").is_empty());
    }

    #[test]
    fn password_failures_name_the_rule_not_the_value() {
        let messages = password_messages("toorpass");
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("at least 3 of"));
        assert_eq!(messages[1], "must not contain any of root, Administrator (in any case, forwards or backwards)");
        assert!(messages.iter().all(|m| !m.contains("toor")));
    }

    #[test]
    fn other_characters_count_for_no_class_and_are_rejected_only_on_request() {
        assert!(password_messages("Abc#12345").is_empty());
        assert_eq!(password_messages("abc#12345").len(), 1, "`#` is not one of the special characters");
        let mut out = Violations::new();
        check_password(&mut out, "p", "Abc#12345", &PasswordPolicy { reject_other_chars: true, ..POLICY });
        assert!(out.as_slice()[0].message.starts_with("may contain only"));
    }

    #[test]
    fn forbidden_words_are_case_insensitive() {
        assert_eq!(password_messages("xADMINISTRATOR1a").len(), 1);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut out = Violations::new();
        check_length(&mut out, "name", "中文", Some(2), Some(2));
        assert!(out.as_slice().is_empty());
        check_length(&mut out, "name", "x", Some(2), None);
        assert_eq!(out.as_slice()[0].to_string(), "name: must be at least 2 characters long (got 1)");
    }

    #[test]
    fn invalid_pattern_is_a_violation_not_a_panic() {
        let mut out = Violations::new();
        let unclosed = String::from("(");
        check_pattern(&mut out, "p", "x", &Regex::new(&unclosed), "anything");
        assert!(out.as_slice()[0].message.starts_with("cannot be checked"));
    }
}
