//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

/// The workspace root, where `specs/` and `generated/` live.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Checks, with `cargo check` and warnings denied, that generated crates compile against this workspace's
/// runtime: `files` are written to a scratch workspace under `scratch`, built in `target/generated-check`
/// (kept between runs, so only the generated crates are rebuilt). Returns cargo's errors.
pub fn check_generated_crates(
    scratch: &std::path::Path,
    files: &[cloudgen::render::GeneratedFile],
) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(scratch);
    let out = scratch.join("generated");
    let plan = cloudgen::write::plan(&out, files).map_err(|e| e.join("\n"))?;
    cloudgen::write::apply(&out, &plan).map_err(|e| e.to_string())?;
    let runtime = workspace_root().join("runtime");
    let mut members = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with("/Cargo.toml")) {
        let manifest = out.join(&file.path);
        let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
        std::fs::write(&manifest, text.replace("../../runtime", &runtime.display().to_string()))
            .map_err(|e| e.to_string())?;
        members.push(format!("\"generated/{}\"", file.path.trim_end_matches("/Cargo.toml")));
    }
    let workspace = format!(
        concat!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            "[workspace.dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
            "[workspace.package]\nedition = \"2024\"\nrust-version = \"1.85\"\nlicense = \"MIT\"\npublish = false\n",
            "[workspace.lints.rust]\nmissing_docs = \"deny\"\nwarnings = \"deny\"\n",
        ),
        members.join(", ")
    );
    std::fs::write(scratch.join("Cargo.toml"), workspace).map_err(|e| e.to_string())?;
    std::fs::copy(workspace_root().join("Cargo.lock"), scratch.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--all-targets"])
        .env("CARGO_TARGET_DIR", workspace_root().join("target/generated-check"))
        .current_dir(scratch)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}
