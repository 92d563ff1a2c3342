#!/usr/bin/env python3
"""Checks the change report's Rust classification against an independent oracle, cargo-semver-checks.

For every case of tests/spec-changes/ it generates the crate before and after the change with
`cargo xtask codegen --specs ... --out ...`, asks our report whether the change breaks the Rust API, asks
cargo-semver-checks the same about the two generated crates, and prints one line per case and the
agreement. Needs `cargo install cargo-semver-checks`; takes minutes, so it is a maintainer's tool, not a test.

    python3 tools/semver-oracle/compare.py [scratch-dir]
"""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CASES = os.path.join(ROOT, "tests", "spec-changes")
SCRATCH = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cloudgen-semver-oracle")

WORKSPACE = """[workspace]
members = ["generated/huaweicloud-demo"]
resolver = "3"
[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
[workspace.package]
edition = "2024"
rust-version = "1.85"
license = "MIT"
publish = false
[workspace.lints.rust]
missing_docs = "warn"
[patch.crates-io]
cloudgen-runtime = { path = "%s" }
"""


def xtask(*args):
    return subprocess.run(["cargo", "xtask", *args], cwd=ROOT, capture_output=True, text=True)


def generate(case, side, out):
    """Generates the crate of `case`/`side`.yaml into `out` (a workspace cargo can build)."""
    specs = os.path.join(out, "specs", "vendor")
    os.makedirs(specs, exist_ok=True)
    shutil.copy(os.path.join(CASES, case, side + ".yaml"), os.path.join(specs, "demo.yaml"))
    pages = os.path.join(out, "pages", "huaweicloud", "ims")
    os.makedirs(pages, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "pages", "huaweicloud", "ims", "UpdateImage.txt"), pages)
    run = xtask("codegen", "--specs", os.path.join(out, "specs"), "--out", os.path.join(out, "generated"))
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    manifest = os.path.join(out, "generated", "huaweicloud-demo", "Cargo.toml")
    text = open(manifest).read().replace("../../runtime", os.path.join(ROOT, "runtime"))
    open(manifest, "w").write(text)
    open(os.path.join(out, "Cargo.toml"), "w").write(WORKSPACE % os.path.join(ROOT, "runtime"))
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), out)


def ours(case, before):
    """Our report for the change: regenerate `after` into a copy of the `before` output."""
    copy = before + "-report"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(before, copy)
    after_specs = os.path.join(copy, "specs", "vendor", "demo.yaml")
    shutil.copy(os.path.join(CASES, case, "after.yaml"), after_specs)
    run = xtask("codegen", "--specs", os.path.join(copy, "specs"), "--out", os.path.join(copy, "generated"), "--report", "json")
    reports = json.loads(run.stdout)
    changes = reports[0]["changes"] if reports else []
    return any(c["rust"] == "breaking" for c in changes), sorted({c["rule"] for c in changes if c["rust"] == "breaking"})


def oracle(before, after):
    run = subprocess.run(
        ["cargo", "semver-checks", "check-release", "--manifest-path", os.path.join(after, "Cargo.toml"),
         "--baseline-root", before, "--package", "huaweicloud-demo"],
        capture_output=True, text=True, env={**os.environ, "CARGO_TARGET_DIR": os.path.join(SCRATCH, "target")},
    )
    text = run.stdout + run.stderr
    lints = sorted({line.split("--- failure ")[1].split(":")[0] for line in text.splitlines() if "--- failure " in line})
    # A failed check exits non-zero and names its lints; any other non-zero exit is an error of the tool.
    if run.returncode != 0 and not lints:
        return None, [text.strip().splitlines()[-1] if text.strip() else "error"]
    return run.returncode != 0, lints


def main():
    agree = 0
    cases = sorted(os.listdir(CASES))
    for case in cases:
        base = os.path.join(SCRATCH, case)
        shutil.rmtree(base, ignore_errors=True)
        generate(case, "before", os.path.join(base, "before"))
        generate(case, "after", os.path.join(base, "after"))
        ours_breaking, our_rules = ours(case, os.path.join(base, "before"))
        their_breaking, lints = oracle(os.path.join(base, "before"), os.path.join(base, "after"))
        same = ours_breaking == their_breaking
        agree += same
        print(f"{case:32} ours={'breaking' if ours_breaking else 'compatible':10} "
              f"cargo-semver-checks={'breaking' if their_breaking else 'compatible' if their_breaking is False else 'error':10} "
              f"{'agree' if same else 'DIFFER'}  ours: {','.join(our_rules) or '-'}  theirs: {','.join(lints) or '-'}", flush=True)
    print(f"{agree} of {len(cases)} agree")


main()
