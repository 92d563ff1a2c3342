//! `cargo xtask <task>`: the project's own commands.
//!
//! - `cargo xtask codegen [--check]`: load and check every spec under `specs/`, generate `generated/`
//!   (`--check` changes nothing and fails when `generated/` is out of date).
//! - `cargo xtask schema [--check]`: write `specs/spec.schema.json` from the spec types.
//! - `cargo xtask test`: formatting, clippy with warnings denied, rustdoc with warnings denied, every test.
//! - `cargo xtask bench`: the criterion benchmarks: the generator (per phase, and scaling with
//!   operations) and the clients' per-request overhead (build, validate, serialize, sign).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

/// The command line: every task and flag declared, so a typo is an error with a suggestion, never a
/// silently different run. Exit codes: 0 success, 1 the task failed (bad specs, stale output, failing
/// tests), 2 the command line is wrong.
fn cli() -> Command {
    let check = |what: &'static str| Arg::new("check").long("check").action(ArgAction::SetTrue).help(what);
    Command::new("xtask")
        .bin_name("cargo xtask")
        .about("The project's own tasks.")
        .after_help("Exit codes: 0 success, 1 the task failed, 2 the command line is wrong.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("codegen")
                .about("Check every spec and regenerate the crates")
                .arg(check("Change nothing; fail when the output is out of date"))
                .arg(Arg::new("specs").long("specs").value_name("DIR").default_value("specs").help("The spec folder"))
                .arg(Arg::new("out").long("out").value_name("DIR").default_value("generated").help("The output folder"))
                .arg(
                    Arg::new("report")
                        .long("report")
                        .value_name("FORMAT")
                        .value_parser(["text", "json"])
                        .default_value("text")
                        .help("How to print the change report: text for people, json for CI"),
                ),
        )
        .subcommand(
            Command::new("schema")
                .about("Write specs/spec.schema.json from the spec types")
                .arg(check("Change nothing; fail when the schema is stale")),
        )
        .subcommand(
            Command::new("package")
                .about("Package the runtime and every generated crate, and build the packages together"),
        )
        .subcommand(Command::new("test").about("fmt, clippy and rustdoc with warnings denied, then every test"))
        .subcommand(
            Command::new("fuzz")
                .about("Structure-aware fuzzing of load and generate, longer than the test suite runs it")
                .arg(
                    Arg::new("cases")
                        .long("cases")
                        .value_name("N")
                        .default_value("50000")
                        .value_parser(clap::value_parser!(u32))
                        .help("Mutated specs to load and generate"),
                )
                .arg(
                    Arg::new("compile")
                        .long("compile")
                        .value_name("N")
                        .default_value("20")
                        .value_parser(clap::value_parser!(u32))
                        .help("Mutants that load to compile with cargo check"),
                ),
        )
        .subcommand(
            Command::new("bench")
                .about("The criterion benchmarks (generator phases and scaling, client overhead)")
                .arg(Arg::new("criterion").num_args(0..).trailing_var_arg(true).allow_hyphen_values(true)),
        )
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let root = root();
    let result = match matches.subcommand() {
        Some(("codegen", args)) => codegen(&root, args),
        Some(("schema", args)) => schema(&root, args.get_flag("check")),
        Some(("test", _)) => test(&root),
        Some(("package", _)) => package(&root),
        Some(("bench", args)) => bench(&root, args),
        Some(("fuzz", args)) => fuzz(&root, args),
        _ => Err("no task given; see `cargo xtask --help`".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn fuzz(root: &Path, args: &ArgMatches) -> Result<(), String> {
    let number = |name: &str| args.get_one::<u32>(name).copied().unwrap_or_default().to_string();
    let (cases, compile) = (number("cases"), number("compile"));
    let env = [("CLOUDGEN_FUZZ_CASES", cases.as_str()), ("CLOUDGEN_FUZZ_COMPILE", compile.as_str())];
    cargo(root, &["test", "--locked", "-p", "cloudgen-tests", "--test", "fuzz", "--", "--nocapture"], &[], &env)?;
    println!("fuzzed {cases} mutated specs and compiled up to {compile} of those that load");
    Ok(())
}

fn bench(root: &Path, args: &ArgMatches) -> Result<(), String> {
    let extra: Vec<String> = args.get_many::<String>("criterion").map(|v| v.cloned().collect()).unwrap_or_default();
    cargo(root, &["bench", "-p", "cloudgen", "--bench", "pipeline", "--"], &extra, &[])?;
    cargo(root, &["bench", "-p", "cloudgen-tests", "--bench", "client_overhead", "--"], &extra, &[])
}

/// Every gate a change must pass, cheapest first; the test run comes last so its summary closes the output.
fn test(root: &Path) -> Result<(), String> {
    cargo(root, &["fmt", "--all", "--check"], &[], &[])?;
    cargo(root, &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"], &[], &[])?;
    cargo(root, &["doc", "--workspace", "--no-deps", "--locked"], &[], &[("RUSTDOCFLAGS", "-D warnings")])?;
    package(root)?;
    test_with_summary(root)
}

/// Packages the runtime and every generated crate as `cargo publish` would (`publish` stays off), then
/// builds the packaged sources together, the generated crates against the packaged runtime: what a user
/// who depends on them by version would compile.
fn package(root: &Path) -> Result<(), String> {
    let mut crates = vec!["cloudgen-runtime".to_owned()];
    for entry in std::fs::read_dir(root.join("generated")).map_err(|e| e.to_string())?.flatten() {
        if entry.path().join("Cargo.toml").is_file() {
            crates.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    crates.sort();
    // The generated crates depend on the runtime by version too, which no registry has yet: point that
    // version at the runtime folder while packaging (`publish` stays off, so nothing can be uploaded).
    let patch = format!("patch.crates-io.cloudgen-runtime.path={:?}", root.join("runtime").display().to_string());
    let mut args = vec!["package", "--locked", "--no-verify", "--allow-dirty", "--quiet", "--config", patch.as_str()];
    for name in &crates {
        args.extend(["-p", name]);
    }
    cargo(root, &args, &[], &[])?;
    let verify = root.join("target/package-verify");
    let _ = std::fs::remove_dir_all(&verify);
    std::fs::create_dir_all(&verify).map_err(|e| e.to_string())?;
    let mut members = Vec::new();
    for name in &crates {
        let folder = if name == "cloudgen-runtime" { root.join("runtime") } else { root.join("generated").join(name) };
        let manifest = std::fs::read_to_string(folder.join("Cargo.toml")).map_err(|e| e.to_string())?;
        let version = manifest
            .lines()
            .find_map(|l| {
                l.strip_prefix("version")?.trim().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"')
            })
            .ok_or_else(|| format!("no version in {}", folder.join("Cargo.toml").display()))?;
        let archive = root.join("target/package").join(format!("{name}-{version}.crate"));
        let unpacked = std::process::Command::new("tar")
            .arg("xzf")
            .arg(&archive)
            .arg("-C")
            .arg(&verify)
            .status()
            .map_err(|e| format!("cannot run tar: {e}"))?;
        if !unpacked.success() {
            return Err(format!("cannot unpack {}", archive.display()));
        }
        let dir = archive.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        members.push(dir);
    }
    let runtime = members.iter().find(|m| m.starts_with("cloudgen-runtime-")).cloned().unwrap_or_default();
    let listed: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nmembers = [{}]\nresolver = \"3\"\n\n[patch.crates-io]\ncloudgen-runtime = {{ path = {runtime:?} }}\n",
        listed.join(", ")
    );
    std::fs::write(verify.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), verify.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo_bin)
        .args(["build", "--offline", "--quiet", "--workspace"])
        .env("CARGO_TARGET_DIR", root.join("target/generated-check"))
        .current_dir(&verify)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("the packaged crates do not build together (see above)".to_owned());
    }
    println!("packaged and built {} crates: {}", crates.len(), crates.join(", "));
    Ok(())
}

/// Runs the workspace's tests, passing their output through, and closes with one line that sums every
/// test binary's result (`tests: 112 passed, 0 failed`), so the total is the last thing printed.
fn test_with_summary(root: &Path) -> Result<(), String> {
    use std::io::{BufRead, BufReader};

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut child = std::process::Command::new(cargo)
        .args(["test", "--workspace", "--locked"])
        .current_dir(root)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let (mut passed, mut failed) = (0u64, 0u64);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(result) = line.strip_prefix("test result: ") {
                passed += count_before(result, " passed");
                failed += count_before(result, " failed");
            }
        }
    }
    let status = child.wait().map_err(|e| format!("cannot wait for cargo: {e}"))?;
    println!("tests: {passed} passed, {failed} failed");
    if status.success() { Ok(()) } else { Err("`cargo test --workspace --locked` failed".to_owned()) }
}

/// The number just before `label` in a cargo test summary (`ok. 3 passed; 0 failed; ...`).
fn count_before(summary: &str, label: &str) -> u64 {
    summary
        .split_once(label)
        .and_then(|(head, _)| head.rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Runs cargo with `args` then `extra` and the environment `env`, from the workspace root.
fn cargo(root: &Path, args: &[&str], extra: &[String], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo)
        .args(args)
        .args(extra)
        .envs(env.iter().copied())
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`cargo {}` failed", args.join(" "))) }
}

/// The workspace root: xtask lives one level below it.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A folder given on the command line, relative to the workspace root unless absolute.
fn folder(root: &Path, args: &ArgMatches, name: &str) -> (PathBuf, String) {
    let given = args.get_one::<String>(name).cloned().unwrap_or_default();
    (root.join(&given), given.trim_end_matches('/').to_owned())
}

fn codegen(root: &Path, args: &ArgMatches) -> Result<(), String> {
    let check = args.get_flag("check");
    let (specs_dir, specs_shown) = folder(root, args, "specs");
    let (out_dir, out_shown) = folder(root, args, "out");
    let json = args.get_one::<String>("report").is_some_and(|f| f == "json");
    if !check {
        for line in cloudgen::write::recover(&out_dir) {
            // With `--report json`, stdout carries only the JSON.
            if json { eprintln!("{line}") } else { println!("{line}") }
        }
    }
    let specs = cloudgen::load_dir(&specs_dir, &specs_shown).map_err(|d| d.to_string())?;
    let history = cloudgen::History::read(&out_dir);
    let generation = cloudgen::generate_with_history(&specs, &history)?;
    let files = &generation.files;
    let plan = cloudgen::write::plan(&out_dir, files).map_err(|refused| refused.join("\n"))?;
    if check {
        if plan.is_empty() {
            println!("{out_shown}/ is up to date ({} files from {} specs)", files.len(), specs.len());
            return Ok(());
        }
        print_reports(&generation.reports, json);
        let stale = plan.describe(&out_shown).join("\n  ");
        let bumps: Vec<String> = generation
            .reports
            .iter()
            .map(|r| {
                format!("{} must go from {} to {} ({:?} bump)", r.package, r.old_version, r.new_version, r.bump)
                    .to_lowercase()
            })
            .collect();
        let bumps = if bumps.is_empty() { String::new() } else { format!("\n  {}", bumps.join("\n  ")) };
        return Err(format!(
            "{out_shown}/ is out of date:\n  {stale}{bumps}\nrun `cargo xtask codegen` and commit the result"
        ));
    }
    cloudgen::write::apply(&out_dir, &plan)
        .map_err(|e| format!("cannot write {out_shown}/ (nothing was changed): {e}"))?;
    print_reports(&generation.reports, json);
    // With `--report json`, stdout carries only the JSON; the summary goes to stderr.
    let say = |line: String| if json { eprintln!("{line}") } else { println!("{line}") };
    for line in summary(&specs, files, &plan) {
        say(line);
    }
    for foreign in &plan.foreign {
        say(format!("left alone (not generated): {out_shown}/{foreign}"));
    }
    let crates_changed = plan
        .writes
        .iter()
        .map(|f| f.path.as_str())
        .chain(plan.deletes.iter().map(String::as_str))
        .any(|p| p.ends_with("/Cargo.toml"));
    if crates_changed && out_dir == root.join("generated") {
        // Generated crates are workspace members: record added or removed ones in Cargo.lock now, so the
        // `--locked` builds that follow see an up-to-date lock file.
        cargo(root, &["update", "--workspace", "--offline", "--quiet"], &[], &[])
            .map_err(|e| format!("{e}: Cargo.lock could not be updated"))?;
    }
    Ok(())
}

/// The change report: a few lines a changed crate, or one JSON document for CI.
fn print_reports(reports: &[cloudgen::changes::CrateReport], json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(reports).unwrap_or_default());
    } else {
        for report in reports {
            print!("{}", report.render());
        }
    }
}

fn summary(
    specs: &[cloudgen::LoadedSpec],
    files: &[cloudgen::render::GeneratedFile],
    plan: &cloudgen::write::Plan,
) -> Vec<String> {
    let mut lines = Vec::new();
    for loaded in specs {
        let spec = &loaded.spec;
        let enums = spec.types.values().filter(|t| t.enumeration.is_some()).count();
        lines.push(format!(
            "{}: {} operations ({}), {} object types, {enums} enums",
            loaded.file,
            spec.operations.len(),
            spec.operations.keys().cloned().collect::<Vec<_>>().join(", "),
            spec.types.len() - enums,
        ));
    }
    let count: usize = files.iter().map(|f| f.content.lines().count()).sum();
    lines.push(format!(
        "{} files, {count} lines: {} written, {} unchanged, {} removed",
        files.len(),
        plan.writes.len(),
        plan.unchanged,
        plan.deletes.len()
    ));
    lines
}

fn schema(root: &Path, check: bool) -> Result<(), String> {
    let path = root.join("specs/spec.schema.json");
    let wanted = cloudgen::schema::spec_schema_json();
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == wanted {
        println!("specs/spec.schema.json is up to date");
        return Ok(());
    }
    if check {
        return Err("specs/spec.schema.json is out of date; run `cargo xtask schema`".to_owned());
    }
    std::fs::write(&path, wanted).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote specs/spec.schema.json");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<ArgMatches, clap::Error> {
        cli().try_get_matches_from(std::iter::once("xtask").chain(args.iter().copied()))
    }

    #[test]
    fn a_mistyped_flag_is_an_error_with_a_suggestion_not_a_write() {
        let error = parse(&["codegen", "--chek"]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("a similar argument exists: '--check'"), "{error}");
    }

    #[test]
    fn a_mistyped_task_is_an_error_with_a_suggestion() {
        let error = parse(&["codegn"]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("a similar subcommand exists: 'codegen'"), "{error}");
    }

    #[test]
    fn help_works_for_every_task_and_succeeds() {
        for task in
            [&["--help"][..], &["codegen", "--help"], &["schema", "--help"], &["fuzz", "--help"], &["bench", "--help"]]
        {
            let help = parse(task).unwrap_err();
            assert_eq!(help.exit_code(), 0, "{task:?}");
            assert!(help.to_string().contains("Usage: cargo xtask"), "{task:?}: {help}");
        }
    }

    #[test]
    fn codegen_takes_folders() {
        let args = parse(&["codegen", "--specs", "elsewhere/specs", "--out", "/tmp/out", "--check"]).unwrap();
        let (_, codegen) = args.subcommand().unwrap();
        assert_eq!(codegen.get_one::<String>("specs").map(String::as_str), Some("elsewhere/specs"));
        assert_eq!(codegen.get_one::<String>("out").map(String::as_str), Some("/tmp/out"));
        assert!(codegen.get_flag("check"));
    }
}
