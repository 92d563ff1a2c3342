//! The generated code, locked: every generated file is an insta snapshot (review changes with
//! `cargo insta review`), and `generated/` on disk must equal what the specs produce now.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use cloudgen_tests::workspace_root;

/// What `cargo xtask codegen` generates now, against the checked-in history (versions, surfaces,
/// changelogs).
fn generate() -> Vec<cloudgen::render::GeneratedFile> {
    let specs = cloudgen::load_dir(&workspace_root().join("specs"), "specs").unwrap_or_else(|d| panic!("{d}"));
    let history = cloudgen::History::read(&workspace_root().join("generated"));
    cloudgen::generate_with_history(&specs, &history).unwrap().files
}

#[test]
fn generated_sources_match_their_snapshots() {
    for file in generate() {
        let name = file.path.replace('/', "__");
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("generated", file.content);
        });
    }
}

#[test]
fn generated_folder_is_up_to_date() {
    let files = generate();
    let plan = cloudgen::write::plan(&workspace_root().join("generated"), &files).unwrap();
    assert!(
        plan.is_empty(),
        "generated/ is out of date:\n  {}\nrun `cargo xtask codegen` and commit the result",
        plan.describe("generated").join("\n  ")
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
}
