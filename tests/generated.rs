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

#[test]
fn a_spec_without_named_types_generates_no_models_module() {
    let text = std::fs::read_to_string(workspace_root().join("specs/opentelekomcloud/ims.yaml")).unwrap();
    // The delete operation without its optional body needs no named type at all.
    let cut = text.find("\ntypes:\n").unwrap();
    let without_types = text[..cut].replace(
        "      body:\n        type: GlanceDeleteImageRequestBody\n        description: Request parameters (the body is optional; its only parameter, delete_backup, is not mandatory).\n",
        "",
    );
    let without_types = without_types.replace("          {\n              \"delete_backup\": true\n          }\n", "");
    let without_types = without_types.replace("        body: |\n", "");
    let without_types = without_types.replace("      content_type: application/json;charset=utf-8\n", "");
    let loaded =
        cloudgen::load_source("specs/opentelekomcloud/ims.yaml", &without_types).unwrap_or_else(|d| panic!("{d}"));
    assert!(loaded.spec.types.is_empty());
    let files = cloudgen::generate(&[loaded]).unwrap();
    assert!(!files.iter().any(|f| f.path.ends_with("src/models.rs")));
    let lib = files.iter().find(|f| f.path.ends_with("src/lib.rs")).unwrap();
    assert!(!lib.content.contains("models"), "{}", lib.content);
}
