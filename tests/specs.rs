//! The checked-in specs load cleanly, the JSON Schema matches the spec types, and no input makes the
//! loader panic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;

use cloudgen_tests::workspace_root;
use proptest::prelude::*;

#[test]
fn checked_in_specs_load_without_diagnostics() {
    let specs = cloudgen::load_dir(&workspace_root().join("specs"), "specs").unwrap_or_else(|d| panic!("{d}"));
    // Every spec file under specs/ loaded, each with its operations; adding a page needs no edit here.
    let files = spec_files(&workspace_root().join("specs"));
    assert_eq!(specs.len(), files.len());
    assert!(specs.iter().all(|s| !s.spec.operations.is_empty()));
}

#[test]
fn json_schema_is_in_sync_with_the_spec_types() {
    let on_disk = fs::read_to_string(workspace_root().join("specs/spec.schema.json")).unwrap_or_default();
    assert!(
        on_disk == cloudgen::schema::spec_schema_json(),
        "specs/spec.schema.json is stale; run `cargo xtask schema`"
    );
}

#[test]
fn every_spec_names_the_schema_for_editors() {
    for spec in cloudgen::load_dir(&workspace_root().join("specs"), "specs").unwrap_or_default() {
        let text = fs::read_to_string(workspace_root().join(&spec.file)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../spec.schema.json"), "{}", spec.file);
    }
}

/// Every `*.yaml` file below `dir`, sorted.
fn spec_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for path in fs::read_dir(&current).unwrap().flatten().map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The seed texts the mutations start from: every checked-in spec and every broken one.
fn corpus() -> Vec<String> {
    let root = workspace_root();
    let paths = spec_files(&root.join("specs")).into_iter().chain(spec_files(&root.join("tests/broken-specs")));
    paths.filter_map(|p| fs::read_to_string(p).ok()).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteRange(usize, usize),
    Insert(usize, String),
    SwapLines(usize, usize),
    DuplicateLine(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        Just(": ".to_owned()),
        Just("\n  - ".to_owned()),
        Just("{".to_owned()),
        Just("array<".to_owned()),
        Just("'".to_owned()),
        Just("*anchor".to_owned()),
        Just("&a ".to_owned()),
        Just("\t".to_owned()),
        Just("null".to_owned()),
        Just("\u{feff}".to_owned()),
        "[ -~]{1,8}",
    ];
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::DeleteRange(at, len)),
        (any::<usize>(), snippet).prop_map(|(at, text)| Mutation::Insert(at, text)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let boundary = |at: usize| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let mut lines: Vec<&str> = text.lines().collect();
    match mutation {
        Mutation::DeleteRange(at, len) => {
            let start = boundary(*at);
            let end = boundary(start + len);
            format!("{}{}", &text[..start], &text[end.max(start)..])
        }
        Mutation::Insert(at, snippet) => {
            let at = boundary(*at);
            format!("{}{snippet}{}", &text[..at], &text[at..])
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
        Mutation::DuplicateLine(a) if !lines.is_empty() => {
            let a = a % lines.len();
            lines.insert(a, lines[a]);
            lines.join("\n")
        }
        Mutation::Truncate(at) => text[..boundary(*at)].to_owned(),
        _ => text.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Whatever the mutation, the loader answers with a spec or diagnostics, never a panic, and every
    /// diagnostic has a real position.
    #[test]
    fn mutated_specs_never_panic_the_loader(seed in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let corpus = corpus();
        let mut text = corpus[seed.index(corpus.len())].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        if let Err(diagnostics) = cloudgen::load_source("specs/mutated.yaml", &text) {
            for diagnostic in diagnostics.into_sorted() {
                prop_assert!(diagnostic.location.line >= 1 && diagnostic.location.column >= 1);
                prop_assert!(!diagnostic.message.is_empty());
            }
        }
    }
}
