//! Query strings as the vendors' SDKs flatten them: scalars as text, lists numbered from 1 (`Tag.1.Key`,
//! Alibaba RPC), repeated (`tag=a&tag=b`) or joined with commas (`Status=a,b`).

use std::borrow::Cow;

/// How booleans are written: the Huawei SDK sends `true`, the Alibaba SDK Python's `str()`, `True`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolText {
    /// `true` / `false`.
    Lowercase,
    /// `True` / `False`.
    Capitalized,
}

/// A query value: one text per scalar.
pub trait QueryValue {
    /// The value as the SDKs write it.
    fn query_text(&self, bools: BoolText) -> String;
}

impl QueryValue for String {
    fn query_text(&self, _: BoolText) -> String {
        self.clone()
    }
}

impl QueryValue for bool {
    fn query_text(&self, bools: BoolText) -> String {
        match (bools, self) {
            (BoolText::Lowercase, true) => "true",
            (BoolText::Lowercase, false) => "false",
            (BoolText::Capitalized, true) => "True",
            (BoolText::Capitalized, false) => "False",
        }
        .to_owned()
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn query_text(&self, _: BoolText) -> String {
                self.to_string()
            }
        }
    )*};
}
numbers!(i32, i64, f64);

impl<T: crate::enums::WireEnum> QueryValue for T {
    fn query_text(&self, _: BoolText) -> String {
        self.as_str().to_owned()
    }
}

/// An object sent as numbered list items: each set field becomes `<prefix>.<Field>`.
pub trait QueryObject {
    /// Adds the object's set fields under `prefix` (`Tag.1`).
    fn flatten_into(&self, prefix: &str, query: &mut Query);
}

/// One query parameter: its declared name (for ordering), its wire name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    declared: &'static str,
    name: Cow<'static, str>,
    value: String,
}

/// The query parameters of one request, in the page's order, as the SDKs flatten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    bools: BoolText,
    entries: Vec<Entry>,
    /// The parameter being flattened, so items keep their parameter's name for ordering.
    current: &'static str,
}

impl Query {
    /// An empty query writing booleans as `bools`.
    pub fn new(bools: BoolText) -> Self {
        Self { bools, entries: Vec::new(), current: "" }
    }

    /// `name=value`.
    pub fn push(&mut self, name: &'static str, value: &impl QueryValue) {
        let value = value.query_text(self.bools);
        self.entries.push(Entry { declared: name, name: Cow::Borrowed(name), value });
    }

    /// `name=value` under a computed name (a flattened item field).
    pub fn push_named(&mut self, name: String, value: &impl QueryValue) {
        let value = value.query_text(self.bools);
        self.entries.push(Entry { declared: self.current, name: Cow::Owned(name), value });
    }

    /// `name.1=a&name.2=b`.
    pub fn push_indexed<T: QueryValue>(&mut self, name: &'static str, items: &[T]) {
        self.current = name;
        for (i, item) in items.iter().enumerate() {
            self.push_named(format!("{name}.{}", i + 1), item);
        }
    }

    /// `name.1.Field=x&name.1.Other=y&name.2.Field=z`.
    pub fn push_indexed_objects<T: QueryObject>(&mut self, name: &'static str, items: &[T]) {
        self.current = name;
        for (i, item) in items.iter().enumerate() {
            item.flatten_into(&format!("{name}.{}", i + 1), self);
        }
    }

    /// `name=a&name=b`.
    pub fn push_repeated<T: QueryValue>(&mut self, name: &'static str, items: &[T]) {
        for item in items {
            self.push(name, item);
        }
    }

    /// `name=a,b`.
    pub fn push_comma<T: QueryValue>(&mut self, name: &'static str, items: &[T]) {
        let joined: Vec<String> = items.iter().map(|item| item.query_text(self.bools)).collect();
        self.entries.push(Entry { declared: name, name: Cow::Borrowed(name), value: joined.join(",") });
    }

    /// Sorts by declared parameter name, keeping each list's items in order: the order in which the
    /// Alibaba SDKs' generated code inserts parameters.
    pub fn sort_by_declared_name(&mut self) {
        self.entries.sort_by(|a, b| a.declared.cmp(b.declared));
    }

    /// The pairs, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.entries.iter().map(|e| (e.name.clone().into_owned(), e.value.clone())).collect()
    }

    /// Whether the query is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of the first parameter called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries.iter().find(|e| e.name == name).map(|e| e.value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tag {
        key: Option<String>,
        value: Option<String>,
    }

    impl QueryObject for Tag {
        fn flatten_into(&self, prefix: &str, query: &mut Query) {
            if let Some(key) = &self.key {
                query.push_named(format!("{prefix}.Key"), key);
            }
            if let Some(value) = &self.value {
                query.push_named(format!("{prefix}.Value"), value);
            }
        }
    }

    #[test]
    fn lists_flatten_as_the_sdks_do_and_sort_by_parameter() {
        let mut query = Query::new(BoolText::Capitalized);
        query.push("RegionId", &"cn-hangzhou".to_owned());
        let tags: Vec<Tag> = (1..=11).map(|n| Tag { key: Some(format!("k{n}")), value: None }).collect();
        query.push_indexed_objects("Tag", &tags);
        query.push_comma("Status", &["Available".to_owned(), "Creating".to_owned()]);
        query.push("DryRun", &false);
        query.push_repeated("id", &[1, 2]);
        query.sort_by_declared_name();
        let names: Vec<String> = query.pairs().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        let tags: Vec<String> = (1..=11).map(|n| format!("Tag.{n}.Key=k{n}")).collect();
        let mut expected =
            vec!["DryRun=False".to_owned(), "RegionId=cn-hangzhou".into(), "Status=Available,Creating".into()];
        expected.extend(tags);
        expected.extend(["id=1".to_owned(), "id=2".into()]);
        assert_eq!(names, expected);
    }
}
