//! The change report, pinned over a corpus of spec changes (`tests/spec-changes/<kind>/before.yaml` and
//! `after.yaml`): each kind of change is classified for the Rust API and the wire, and bumps the version
//! as semver demands. Also: a regeneration extends the changelog, and an unchanged one changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::path::Path;

use cloudgen::{History, LoadedSpec};
use cloudgen_tests::workspace_root;

fn load(path: &Path) -> LoadedSpec {
    let text = fs::read_to_string(path).unwrap();
    cloudgen::load_source("specs/vendor/demo.yaml", &text).unwrap_or_else(|d| panic!("{}: {d}", path.display()))
}

/// Generates `before` into a scratch folder, then `after` against what that left; returns the report.
fn regenerate(before: &LoadedSpec, after: &LoadedSpec, scratch: &Path) -> cloudgen::Generation {
    let _ = fs::remove_dir_all(scratch);
    let first = cloudgen::generate_with_history(std::slice::from_ref(before), &History::default()).unwrap();
    cloudgen::write::apply(scratch, &cloudgen::write::plan(scratch, &first.files).unwrap()).unwrap();
    cloudgen::generate_with_history(std::slice::from_ref(after), &History::read(scratch)).unwrap()
}

#[test]
fn every_kind_of_spec_change_is_classified() {
    let corpus = workspace_root().join("tests/spec-changes");
    let mut kinds: Vec<_> = fs::read_dir(&corpus).unwrap().flatten().map(|e| e.path()).collect();
    kinds.sort();
    assert!(kinds.len() >= 20, "the corpus covers at least 20 kinds of change");
    let scratch = std::env::temp_dir().join(format!("cloudgen-changes-{}", std::process::id()));
    for kind in kinds {
        let name = kind.file_name().unwrap().to_string_lossy().into_owned();
        let generation = regenerate(&load(&kind.join("before.yaml")), &load(&kind.join("after.yaml")), &scratch);
        assert_eq!(generation.reports.len(), 1, "{name}: one crate changed");
        let report = &generation.reports[0];
        let json = serde_json::to_string_pretty(report).unwrap();
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("change_report", format!("{}\n{json}", report.render()));
        });
    }
    let _ = fs::remove_dir_all(&scratch);
}

#[test]
fn a_breaking_change_bumps_the_version_and_extends_the_changelog_once() {
    let kind = workspace_root().join("tests/spec-changes/enum-value-removed");
    let scratch = std::env::temp_dir().join(format!("cloudgen-changelog-{}", std::process::id()));
    let after = load(&kind.join("after.yaml"));
    let generation = regenerate(&load(&kind.join("before.yaml")), &after, &scratch);
    assert_eq!(generation.reports[0].new_version, "0.2.0");
    cloudgen::write::apply(&scratch, &cloudgen::write::plan(&scratch, &generation.files).unwrap()).unwrap();
    let changelog = fs::read_to_string(scratch.join("huaweicloud-demo/CHANGELOG.md")).unwrap();
    let newest = changelog.find("## 0.2.0 (pages updated 2026-05-21)").expect("a section for 0.2.0");
    assert!(newest < changelog.find("## 0.1.0").unwrap(), "newest first:\n{changelog}");
    assert!(changelog.contains("ThingStatus::Deleted"), "{changelog}");
    let manifest = fs::read_to_string(scratch.join("huaweicloud-demo/Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"0.2.0\""), "{manifest}");
    // Regenerating the same spec again changes nothing: same version, no new section.
    let again = cloudgen::generate_with_history(&[after], &History::read(&scratch)).unwrap();
    assert!(again.reports.is_empty());
    assert!(cloudgen::write::plan(&scratch, &again.files).unwrap().is_empty());
    let _ = fs::remove_dir_all(&scratch);
}

#[test]
fn semver_steps_follow_cargo_before_and_after_one_point_zero() {
    use cloudgen::changes::Bump;
    assert_eq!(Bump::Major.apply("0.1.3"), "0.2.0");
    assert_eq!(Bump::Minor.apply("0.1.3"), "0.1.4");
    assert_eq!(Bump::Patch.apply("0.1.3"), "0.1.4");
    assert_eq!(Bump::Major.apply("1.4.2"), "2.0.0");
    assert_eq!(Bump::Minor.apply("1.4.2"), "1.5.0");
    assert_eq!(Bump::Patch.apply("1.4.2"), "1.4.3");
    assert_eq!(Bump::None.apply("1.4.2"), "1.4.2");
}
