//! Pins the loader's diagnostics over a folder of specs that are each one mistake away from valid.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::path::Path;

use cloudgen_tests::workspace_root;

/// Diagnostics as a user sees them, for one file named as the user names it.
fn diagnostics_for(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let name = format!("tests/broken-specs/{}", path.file_name().unwrap_or_default().to_string_lossy());
    match cloudgen::load_source(&name, &text) {
        Ok(_) => "no diagnostics: the spec loaded".to_owned(),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

#[test]
fn broken_specs_report_located_actionable_errors() {
    insta::glob!("broken-specs/*.yaml", |path| {
        let report = diagnostics_for(path);
        assert!(report.contains(": error: "), "{} loaded without error", path.display());
        assert!(report.contains("help: "), "{}: every diagnostic says what to do", path.display());
        insta::assert_snapshot!(report);
    });
}

#[test]
fn the_minimal_spec_the_broken_ones_derive_from_is_valid() {
    let path = workspace_root().join("tests/valid-minimal.yaml");
    assert_eq!(diagnostics_for(&path), "no diagnostics: the spec loaded");
}

#[test]
fn every_file_of_a_folder_is_checked_and_errors_are_sorted() {
    let root = std::env::temp_dir().join(format!("cloudgen-two-broken-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let dir = root.join("specs");
    fs::create_dir_all(dir.join("vendor")).unwrap();
    fs::create_dir_all(root.join("pages/huaweicloud/ims")).unwrap();
    fs::write(root.join("pages/huaweicloud/ims/UpdateImage.txt"), "the page").unwrap();
    let broken = workspace_root().join("tests/broken-specs");
    fs::copy(broken.join("unknown-type.yaml"), dir.join("vendor/b.yaml")).unwrap();
    fs::copy(broken.join("unknown-key.yaml"), dir.join("vendor/a.yaml")).unwrap();
    let report = cloudgen::load_dir(&dir, "specs").unwrap_err().to_string();
    fs::remove_dir_all(&root).unwrap();
    let a = report.find("specs/vendor/a.yaml:").expect("a.yaml reported");
    let b = report.find("specs/vendor/b.yaml:").expect("b.yaml reported");
    assert!(a < b, "sorted by file:\n{report}");
    assert!(report.ends_with("2 errors"), "{report}");
}

#[test]
fn a_spec_naming_a_missing_page_file_is_refused_at_the_page_key() {
    let root = std::env::temp_dir().join(format!("cloudgen-missing-page-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("specs/vendor")).unwrap();
    fs::copy(workspace_root().join("tests/valid-minimal.yaml"), root.join("specs/vendor/demo.yaml")).unwrap();
    let report = cloudgen::load_dir(&root.join("specs"), "specs").unwrap_err().to_string();
    fs::remove_dir_all(&root).unwrap();
    assert_eq!(
        report,
        "specs/vendor/demo.yaml:21:13: error: page file `pages/huaweicloud/ims/UpdateImage.txt` does not exist\n  help: copy the page's text there, or fix the path\n1 error"
    );
}
