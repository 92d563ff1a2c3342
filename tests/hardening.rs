//! Hostile input gets a clear error and loses nothing: specs that nest too deep, are too large, loop
//! through symlinks, block or never end; recursive types; page text that would break doc comments;
//! regenerations killed at any moment; foreign and symlinked files in `generated/`; responses that are
//! huge or ask to wait forever; endpoints that carry passwords.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use cloudgen::render::{GeneratedFile, HEADER_MARK};
use cloudgen::write;
use cloudgen_tests::workspace_root;

/// A fresh folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cloudgen-hardening-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn minimal_spec() -> String {
    fs::read_to_string(workspace_root().join("tests/valid-minimal.yaml")).unwrap()
}

/// A spec folder with the minimal spec and its page, under `root/specs` and `root/pages`.
fn spec_folder(root: &Path) -> PathBuf {
    let specs = root.join("specs/vendor");
    fs::create_dir_all(&specs).unwrap();
    fs::create_dir_all(root.join("pages/huaweicloud/ims")).unwrap();
    fs::write(root.join("pages/huaweicloud/ims/UpdateImage.txt"), "the page").unwrap();
    fs::write(specs.join("demo.yaml"), minimal_spec()).unwrap();
    root.join("specs")
}

fn load(root: &Path) -> Result<Vec<cloudgen::LoadedSpec>, String> {
    cloudgen::load_dir(&root.join("specs"), "specs").map_err(|d| d.to_string())
}

mod loader {
    use super::*;

    #[test]
    fn a_spec_nested_thousands_deep_is_refused_with_a_located_error_not_a_crash() {
        let mut text = String::from("service:\n");
        for depth in 1..4000 {
            text.push_str(&" ".repeat(depth));
            text.push_str("a:\n");
        }
        let report = cloudgen::load_source("specs/deep.yaml", &text).unwrap_err().to_string();
        assert!(report.starts_with("specs/deep.yaml:"), "{report}");
        assert!(report.contains("nests more than 64 levels deep"), "{report}");
        assert!(report.contains("help:"), "{report}");
    }

    #[test]
    fn a_spec_larger_than_the_limit_is_refused_without_reading_it_all() {
        let root = Scratch::new("large");
        let specs = spec_folder(&root.0);
        let huge = fs::File::create(specs.join("vendor/huge.yaml")).unwrap();
        huge.set_len(cloudgen::load::MAX_SPEC_BYTES + 1).unwrap();
        let report = load(&root.0).unwrap_err();
        assert!(report.contains("specs/vendor/huge.yaml:1:1: error: the file is larger than 32 MiB"), "{report}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_in_the_spec_folder_is_reported_not_followed() {
        let root = Scratch::new("loop");
        let specs = spec_folder(&root.0);
        std::os::unix::fs::symlink(&specs, specs.join("vendor/again")).unwrap();
        std::os::unix::fs::symlink("b.yaml", specs.join("vendor/a.yaml")).unwrap();
        std::os::unix::fs::symlink("a.yaml", specs.join("vendor/b.yaml")).unwrap();
        let report = load(&root.0).unwrap_err();
        assert!(report.contains("specs/vendor/again:1:1: error: a symlinked folder, not followed"), "{report}");
        assert!(report.contains("specs/vendor/a.yaml:1:1: error: a symlink that loops or leads nowhere"), "{report}");
    }

    #[cfg(unix)]
    #[test]
    fn a_spec_linked_to_a_device_outside_the_folder_is_refused() {
        let root = Scratch::new("zero");
        let specs = spec_folder(&root.0);
        std::os::unix::fs::symlink("/dev/zero", specs.join("vendor/zero.yaml")).unwrap();
        let report = load(&root.0).unwrap_err();
        assert!(
            report.contains("specs/vendor/zero.yaml:1:1: error: a symlink that leaves the spec folder"),
            "{report}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_a_spec_is_refused_without_blocking() {
        let root = Scratch::new("fifo");
        let specs = spec_folder(&root.0);
        let fifo = specs.join("vendor/pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine: nothing to test
        }
        let report = load(&root.0).unwrap_err();
        assert!(report.contains("specs/vendor/pipe.yaml:1:1: error: not a regular file"), "{report}");
    }

    #[test]
    fn a_spec_starting_with_a_byte_order_mark_loads() {
        let text = format!("\u{feff}{}", minimal_spec());
        assert!(cloudgen::load_source("specs/bom.yaml", &text).is_ok());
    }

    #[test]
    fn a_required_field_of_its_own_type_is_refused_where_it_is() {
        let text = minimal_spec().replace(
            "        status:\n          type: ThingStatus\n",
            "        parent:\n          type: Thing\n          required: true\n          description: The parent.\n        status:\n          type: ThingStatus\n",
        );
        let report = cloudgen::load_source("specs/self.yaml", &text).unwrap_err().to_string();
        assert!(report.contains("`Thing.parent` is a required `Thing`, which requires a `Thing` again"), "{report}");
    }
}

/// A spec whose types recurse (optional self and A -> B -> A) and whose page text carries a text-direction
/// override and bare carriage returns: it must generate a crate that compiles.
fn hostile_but_valid_spec() -> String {
    minimal_spec()
        .replace("description: The status.", "description: \"The status \\u202E of\\r the thing.\\rReally.\"")
        .replace(
            "        status:\n          type: ThingStatus\n",
            concat!(
                "        parent:\n          type: Thing\n          description: The parent thing.\n",
                "        owner:\n          type: Owner\n          description: Who owns it.\n",
                "        status:\n          type: ThingStatus\n",
            ),
        )
        .replace(
            "  ThingStatus:\n",
            concat!(
                "  Owner:\n    object:\n      fields:\n",
                "        things:\n          type: array<Thing>\n          description: Owned things.\n",
                "        favourite:\n          type: Thing\n          required: true\n          description: The favourite.\n",
                "  ThingStatus:\n",
            ),
        )
}

#[test]
fn recursive_types_are_boxed_and_hostile_doc_text_is_written_safely() {
    let loaded = cloudgen::load_source("specs/vendor/demo.yaml", &hostile_but_valid_spec()).unwrap();
    let files = cloudgen::generate(&[loaded]).unwrap();
    let models = files.iter().find(|f| f.path.ends_with("src/models.rs")).unwrap();
    assert!(models.content.contains("::std::option::Option<::std::boxed::Box<crate::models::Thing>>"));
    assert!(models.content.contains("pub favourite: ::std::boxed::Box<crate::models::Thing>"));
    assert!(!models.content.contains('\u{202E}') && !models.content.contains('\r'));
    assert!(models.content.contains("(U+202E)"));
}

/// Compiles the crate generated from [`hostile_but_valid_spec`] (the one test here that runs cargo).
#[test]
fn the_crate_of_a_recursive_spec_with_hostile_text_compiles() {
    let root = Scratch::new("compile");
    let loaded = cloudgen::load_source("specs/vendor/demo.yaml", &hostile_but_valid_spec()).unwrap();
    let files = cloudgen::generate(&[loaded]).unwrap();
    cloudgen_tests::check_generated_crates(&root.0.join("workspace"), &files).unwrap_or_else(|e| panic!("{e}"));
}

mod writer {
    use super::*;

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile { path: path.to_owned(), content: format!("// {HEADER_MARK} from specs/x.yaml\n{body}") }
    }

    /// Every file under `dir` with its content, our manifest included.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut found = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            for entry in fs::read_dir(&current).unwrap().flatten() {
                let path = entry.path();
                if entry.file_type().unwrap().is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    found.push((relative, fs::read(&path).unwrap()));
                }
            }
        }
        found.sort();
        found
    }

    fn old_files() -> Vec<GeneratedFile> {
        vec![file("a/src/lib.rs", "old a"), file("a/src/models.rs", "old models"), file("gone/src/lib.rs", "old")]
    }

    fn new_files() -> Vec<GeneratedFile> {
        vec![file("a/src/lib.rs", "new a"), file("a/src/models.rs", "new models"), file("b/src/lib.rs", "new b")]
    }

    #[test]
    fn a_regeneration_killed_at_any_moment_leaves_the_old_or_the_new_tree_after_recovery() {
        let scratch = Scratch::new("kill");
        let (old_dir, new_dir) = (scratch.0.join("old"), scratch.0.join("new"));
        write::apply(&old_dir, &write::plan(&old_dir, &old_files()).unwrap()).unwrap();
        write::apply(&new_dir, &write::plan(&new_dir, &old_files()).unwrap()).unwrap();
        write::apply(&new_dir, &write::plan(&new_dir, &new_files()).unwrap()).unwrap();
        let (old, new) = (tree(&old_dir), tree(&new_dir));
        let dir = scratch.0.join("generated");
        let total = {
            write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
            let plan = write::plan(&dir, &new_files()).unwrap();
            let total = write::apply_interrupted(&dir, &plan, 0).unwrap();
            assert!(!write::recover(&dir).is_empty(), "the next run says what it cleaned up");
            total
        };
        assert!(total >= 6);
        for killed_after in 0..=total {
            let _ = fs::remove_dir_all(&dir);
            write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
            let plan = write::plan(&dir, &new_files()).unwrap();
            write::apply_interrupted(&dir, &plan, killed_after).unwrap();
            let journal = fs::read(dir.join(".cloudgen-journal")).unwrap();
            let said = write::recover(&dir);
            let after = tree(&dir);
            assert!(after == old || after == new, "killed after {killed_after} renames: {said:?}\n{after:?}");
            assert_eq!(after == new, killed_after == total, "only a finished commit counts as new");
            // Killed again while recovering, before the journal was removed: recovering twice changes nothing.
            fs::write(dir.join(".cloudgen-journal"), &journal).unwrap();
            write::recover(&dir);
            assert_eq!(tree(&dir), after, "recovery is safe to repeat (killed after {killed_after})");
        }
    }

    #[test]
    fn leftover_temp_files_without_a_journal_are_removed_and_reported() {
        let scratch = Scratch::new("temps");
        let dir = scratch.0.join("generated");
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        fs::write(dir.join("a/src/.lib.rs.cloudgen-4242.tmp"), "half").unwrap();
        fs::write(dir.join("a/src/.models.rs.cloudgen-4242.old"), "maybe the only copy").unwrap();
        let said = write::recover(&dir);
        assert_eq!(said[0], "removed 1 leftover temp files of an interrupted run");
        assert!(said[1].contains("kept") && said[1].contains(".models.rs.cloudgen-4242.old"), "{said:?}");
        assert!(!dir.join("a/src/.lib.rs.cloudgen-4242.tmp").exists());
        assert!(dir.join("a/src/.models.rs.cloudgen-4242.old").exists(), "a set-aside file is never deleted blind");
    }

    #[test]
    fn a_write_that_fails_midway_restores_the_old_tree() {
        let scratch = Scratch::new("midway");
        let dir = scratch.0.join("generated");
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        let before = tree(&dir);
        let plan = write::plan(&dir, &new_files()).unwrap();
        // Something appears where a new file goes after planning: the commit cannot finish.
        fs::create_dir_all(dir.join("b/src/lib.rs/blocker")).unwrap();
        assert!(write::apply(&dir, &plan).is_err());
        fs::remove_dir_all(dir.join("b")).unwrap();
        assert_eq!(tree(&dir), before);
    }

    #[test]
    fn a_tampered_journal_is_refused_and_nothing_is_touched() {
        let scratch = Scratch::new("tampered");
        let dir = scratch.0.join("generated");
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        let before = tree(&dir);
        fs::write(dir.join(".cloudgen-journal"), "../outside\t-\ta/src/lib.rs\n").unwrap();
        let said = write::recover(&dir);
        assert!(said[0].contains("unsafe journal line"), "{said:?}");
        let mut after = tree(&dir);
        after.retain(|(path, _)| path != ".cloudgen-journal");
        assert_eq!(after, before);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_inside_generated_is_listed_not_read() {
        let scratch = Scratch::new("fifo-out");
        let dir = scratch.0.join("generated");
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        let made = std::process::Command::new("mkfifo").arg(dir.join("a/pipe")).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let plan = write::plan(&dir, &old_files()).unwrap();
        assert_eq!(plan.foreign, ["a/pipe"]);
    }

    #[test]
    fn a_hand_written_non_utf8_file_is_never_overwritten() {
        let scratch = Scratch::new("binary");
        let dir = scratch.0.join("generated");
        fs::create_dir_all(dir.join("a/src")).unwrap();
        fs::write(dir.join("a/src/lib.rs"), [0xff, 0xfe, b'x']).unwrap();
        let refused = write::plan(&dir, &new_files()).unwrap_err();
        assert!(refused[0].contains("refusing to overwrite"), "{refused:?}");
        assert_eq!(fs::read(dir.join("a/src/lib.rs")).unwrap(), [0xff, 0xfe, b'x']);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_folder_inside_generated_is_never_written_through() {
        let scratch = Scratch::new("symlinked");
        let (dir, elsewhere) = (scratch.0.join("generated"), scratch.0.join("elsewhere"));
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(elsewhere.join("src")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("a")).unwrap();
        let refused = write::plan(&dir, &new_files()).unwrap_err();
        assert!(refused.iter().any(|r| r.contains("is a symlink, which codegen never follows")), "{refused:?}");
        assert!(fs::read_dir(elsewhere.join("src")).unwrap().next().is_none(), "nothing written outside");
    }

    #[cfg(unix)]
    #[test]
    fn a_generated_file_behind_a_symlink_and_a_symlink_loop_are_left_alone() {
        let scratch = Scratch::new("behind");
        let (dir, elsewhere) = (scratch.0.join("generated"), scratch.0.join("elsewhere"));
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("lib.rs"), file("x", "ours, but outside").content).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("linked")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
        let plan = write::plan(&dir, &old_files()).unwrap();
        assert!(plan.deletes.is_empty(), "{:?}", plan.deletes);
        assert_eq!(plan.foreign, ["linked", "loop"]);
        assert!(elsewhere.join("lib.rs").exists());
    }

    #[test]
    fn a_copy_of_a_generated_file_is_kept_and_listed_as_foreign() {
        let scratch = Scratch::new("bak");
        let dir = scratch.0.join("generated");
        write::apply(&dir, &write::plan(&dir, &old_files()).unwrap()).unwrap();
        fs::copy(dir.join("a/src/lib.rs"), dir.join("a/src/lib.rs.bak")).unwrap();
        let plan = write::plan(&dir, &new_files()).unwrap();
        assert_eq!(plan.deletes, ["gone/src/lib.rs"]);
        assert_eq!(plan.foreign, ["a/src/lib.rs.bak"]);
        write::apply(&dir, &plan).unwrap();
        assert!(dir.join("a/src/lib.rs.bak").exists());
    }
}

mod clients {
    use std::sync::Arc;

    use cloudgen_runtime::Error;
    use cloudgen_runtime::client::huawei::{HuaweiAuth, HuaweiCredentials};
    use cloudgen_runtime::client::{ClientConfig, RetryPolicy};
    use huaweicloud_ims::*;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;

    fn client(endpoint: &str, configure: impl FnOnce(&mut ClientConfig)) -> ImsClient {
        let mut config = ClientConfig::new(endpoint);
        config.clock = Arc::new(std::time::SystemTime::now);
        configure(&mut config);
        let auth = HuaweiAuth::AkSk(HuaweiCredentials::new("AK", "SK").with_project_id("p"));
        ImsClient::with_config(config, auth).unwrap()
    }

    fn request() -> UpdateImageRequest {
        UpdateImageRequest::new("img", vec![ImagePatchOperation::new(PatchOp::Replace, ImagePatchPath::Name, "n1")])
    }

    #[tokio::test]
    async fn a_response_body_over_the_cap_fails_the_call_instead_of_filling_memory() {
        let server = MockServer::start().await;
        let body = vec![b'x'; 2 * 1024 * 1024];
        Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_bytes(body)).mount(&server).await;
        let client = client(&server.uri(), |c| c.max_response_bytes = 1024 * 1024);
        let error = client.update_image(request()).await.unwrap_err();
        assert!(matches!(&error, Error::Transport(_)), "{error:?}");
        assert!(error.to_string().contains("larger than 1048576 bytes"), "{error}");
    }

    #[tokio::test]
    async fn an_undocumented_response_keeps_only_a_bounded_prefix_of_its_body() {
        let server = MockServer::start().await;
        let body = "é".repeat(1024 * 1024);
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(418).set_body_string(body))
            .mount(&server)
            .await;
        let error = client(&server.uri(), |_| {}).update_image(request()).await.unwrap_err();
        let Error::Unexpected(unexpected) = &error else { panic!("{error:?}") };
        assert_eq!(unexpected.body_len, 2 * 1024 * 1024);
        assert!(unexpected.body.len() <= cloudgen_runtime::UnexpectedResponse::KEPT_BODY_BYTES);
        assert!(format!("{error:?}").len() < 20 * 1024);
    }

    #[tokio::test]
    async fn a_retry_after_beyond_any_integer_ends_the_retries() {
        let server = MockServer::start().await;
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "99999999999999999999"))
            .mount(&server)
            .await;
        let retry = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
        let client = client(&server.uri(), |c| c.retry = retry);
        assert!(client.update_image(request()).await.is_err());
        assert_eq!(server.received_requests().await.unwrap().len(), 1, "not retried on backoff");
    }

    #[test]
    fn an_endpoint_password_never_appears_in_errors_or_debug() {
        let config = ClientConfig::new("http://user:hunter2@127.0.0.1:1");
        assert!(!format!("{config:?}").contains("hunter2"));
        let auth = HuaweiAuth::AkSk(HuaweiCredentials::new("AK", "SK"));
        let error = ImsClient::with_config(config, auth).unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
        assert!(error.to_string().contains("<redacted>@127.0.0.1:1"), "{error}");
    }
}
