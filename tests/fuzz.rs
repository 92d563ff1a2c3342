//! Structure-aware fuzzing of load and generate: every checked-in spec, as a tree, with nodes deleted,
//! duplicated, retyped, nested deep or replaced by unusual scalars. Whatever comes in, the loader answers
//! with a spec or located diagnostics (no panic, no hang), and every spec that loads generates code; a
//! sample of those crates is compiled. `cargo xtask fuzz` runs the same with more cases and compiles more.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::sync::Mutex;

use cloudgen_tests::workspace_root;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Every checked-in spec and the minimal one, as JSON trees (JSON is YAML, so they load as they are),
/// read once.
fn corpus() -> &'static [Value] {
    static CORPUS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<Value> {
    let mut texts = vec![fs::read_to_string(workspace_root().join("tests/valid-minimal.yaml")).unwrap()];
    let mut pending = vec![workspace_root().join("specs")];
    while let Some(dir) = pending.pop() {
        for path in fs::read_dir(dir).unwrap().flatten().map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                texts.push(fs::read_to_string(path).unwrap());
            }
        }
    }
    texts.sort();
    texts.iter().filter_map(|t| cloudgen::yaml::to_json_document(t)).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete,
    Duplicate,
    Retype(u8),
    Nest(u16),
    Scalar(u8),
    SwapWithSibling,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        Just(Mutation::Duplicate),
        any::<u8>().prop_map(Mutation::Retype),
        (1..300u16).prop_map(Mutation::Nest),
        any::<u8>().prop_map(Mutation::Scalar),
        Just(Mutation::SwapWithSibling),
    ]
}

fn unusual_scalar(pick: u8) -> Value {
    let values = [
        json!(""),
        json!("\u{202E}gnp.exe"),
        json!("line\rbreak"),
        json!("%s %s"),
        json!("array<"),
        json!("{region}"),
        json!(u64::MAX),
        json!(-9_223_372_036_854_775_807i64),
        json!(1e300),
        json!("x".repeat(5000)),
        json!("日本語 テキスト"),
        json!(null),
        json!(true),
        json!("`"),
        json!("</doc>"),
    ];
    values[usize::from(pick) % values.len()].clone()
}

/// Every node's path (object keys and array indexes), in document order.
fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                prefix.push(json!(key));
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                prefix.push(json!(i));
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn parent_mut<'v>(root: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
    let mut current = root;
    for step in path {
        current = match (current, step) {
            (Value::Object(map), Value::String(key)) => map.get_mut(key)?,
            (Value::Array(items), Value::Number(n)) => items.get_mut(usize::try_from(n.as_u64()?).ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn mutate(document: &mut Value, at: &[Value], mutation: &Mutation) {
    let Some((last, parent_path)) = at.split_last() else { return };
    let Some(parent) = parent_mut(document, parent_path) else { return };
    match (parent, last) {
        (Value::Object(map), Value::String(key)) => {
            let Some(node) = map.get(key).cloned() else { return };
            match mutation {
                Mutation::Delete => {
                    map.shift_remove(key);
                }
                Mutation::Duplicate => {
                    map.insert(format!("{key}2"), node);
                }
                Mutation::SwapWithSibling => {
                    let other = map.keys().find(|k| *k != key).cloned();
                    if let Some(other) = other {
                        let theirs = map.get(&other).cloned().unwrap_or_default();
                        map.insert(other, node);
                        map.insert(key.clone(), theirs);
                    }
                }
                other => {
                    map.insert(key.clone(), replacement(node, other));
                }
            }
        }
        (Value::Array(items), Value::Number(n)) => {
            let Some(i) = n.as_u64().and_then(|i| usize::try_from(i).ok()).filter(|i| *i < items.len()) else { return };
            match mutation {
                Mutation::Delete => {
                    items.remove(i);
                }
                Mutation::Duplicate => items.insert(i, items[i].clone()),
                Mutation::SwapWithSibling => {
                    let j = (i + 1) % items.len();
                    items.swap(i, j);
                }
                other => items[i] = replacement(items[i].clone(), other),
            }
        }
        _ => {}
    }
}

fn replacement(node: Value, mutation: &Mutation) -> Value {
    match mutation {
        Mutation::Retype(pick) => match pick % 6 {
            0 => json!(node.to_string()),
            1 => json!(42),
            2 => json!(false),
            3 => json!([node]),
            4 => json!({ "value": node }),
            _ => Value::Null,
        },
        Mutation::Nest(depth) => (0..*depth).fold(node, |inner, _| json!({ "a": inner })),
        Mutation::Scalar(pick) => unusual_scalar(*pick),
        _ => node,
    }
}

/// Generated crates of mutants that loaded, kept for compiling a sample after the cases ran.
static LOADED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn cases() -> u32 {
    std::env::var("CLOUDGEN_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Load answers every mutant with a spec or located diagnostics; a spec that loads generates code.
    #[test]
    fn structurally_mutated_specs_load_or_fail_cleanly_and_generate(
        seed in any::<prop::sample::Index>(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..4),
    ) {
        let corpus = corpus();
        let mut document = corpus[seed.index(corpus.len())].clone();
        for (pick, mutation) in &picks {
            let mut all = Vec::new();
            paths(&document, &mut Vec::new(), &mut all);
            let at = all[pick.index(all.len())].clone();
            mutate(&mut document, &at, mutation);
        }
        let text = serde_json::to_string_pretty(&document).unwrap();
        match cloudgen::load_source("specs/vendor/mutant.yaml", &text) {
            Err(diagnostics) => {
                for diagnostic in diagnostics.into_sorted() {
                    prop_assert!(diagnostic.location.line >= 1 && diagnostic.location.column >= 1);
                    prop_assert!(!diagnostic.message.is_empty());
                }
            }
            Ok(loaded) => {
                let generated = cloudgen::generate(&[loaded]);
                prop_assert!(generated.is_ok(), "a spec that loads must generate: {:?}", generated.err());
                let mut kept = LOADED.lock().unwrap_or_else(|e| e.into_inner());
                if kept.len() < 64 && !corpus.contains(&document) {
                    kept.push(text);
                }
            }
        }
    }
}

/// How many loaded mutants to compile (each is a crate: a few seconds each on top of one warm build).
fn compiled_sample() -> usize {
    std::env::var("CLOUDGEN_FUZZ_COMPILE").ok().and_then(|n| n.parse().ok()).unwrap_or(2)
}

#[test]
fn a_sample_of_mutants_that_load_compiles() {
    // Mutants of our own, independent of the proptest run's order, so this test stands alone.
    let corpus = corpus();
    let minimal = &corpus[0];
    let mut texts = Vec::new();
    for (i, mutation) in
        [Mutation::Scalar(1), Mutation::Scalar(2), Mutation::Scalar(9), Mutation::Retype(0)].iter().enumerate()
    {
        let mut document = minimal.clone();
        let mut all = Vec::new();
        paths(&document, &mut Vec::new(), &mut all);
        let descriptions: Vec<&Vec<Value>> = all.iter().filter(|p| p.last() == Some(&json!("description"))).collect();
        let at = descriptions[i % descriptions.len()].clone();
        mutate(&mut document, &at, mutation);
        texts.push(serde_json::to_string_pretty(&document).unwrap());
    }
    texts.extend(LOADED.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned());
    let loaded: Vec<cloudgen::LoadedSpec> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, text)| {
            let renamed = text.replacen("\"name\": \"demo\"", &format!("\"name\": \"demo{i}\""), 1);
            cloudgen::load_source(&format!("specs/vendor/mutant{i}.yaml"), &renamed)
                .inspect_err(|d| eprintln!("{d}"))
                .ok()
        })
        .filter(|spec| spec.spec.service.vendor.name == "huaweicloud" && spec.spec.service.name.starts_with("demo"))
        .take(compiled_sample())
        .collect();
    assert!(!loaded.is_empty(), "mutated descriptions still load");
    let files = cloudgen::generate(&loaded).unwrap();
    let scratch = std::env::temp_dir().join(format!("cloudgen-fuzz-compile-{}", std::process::id()));
    let result = cloudgen_tests::check_generated_crates(&scratch, &files);
    let _ = fs::remove_dir_all(&scratch);
    result.unwrap_or_else(|e| panic!("{e}"));
}
