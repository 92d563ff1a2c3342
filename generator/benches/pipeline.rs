//! The generator's own time, per phase, over the checked-in specs, and its growth with the number of
//! operations. Run with `cargo xtask bench` (or `cargo bench -p cloudgen --bench pipeline`).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // a benchmark fails loudly by design

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn phases(c: &mut Criterion) {
    let specs = cloudgen::load_dir(&specs_dir(), "specs").unwrap();
    let crates: Vec<_> = specs.iter().map(cloudgen::lower::lower).collect();
    let files = cloudgen::generate(&specs).unwrap();
    let mut group = c.benchmark_group("five_specs");
    group.bench_function("load_and_validate", |b| {
        b.iter(|| cloudgen::load_dir(black_box(&specs_dir()), "specs").unwrap())
    });
    group.bench_function("lower", |b| b.iter(|| specs.iter().map(cloudgen::lower::lower).collect::<Vec<_>>()));
    group.bench_function("emit_and_format", |b| {
        b.iter(|| crates.iter().map(|k| cloudgen::emit::emit_crate(k).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("write_into_empty_dir", |b| {
        b.iter_batched(
            fresh_dir,
            |dir| {
                let plan = cloudgen::write::plan(&dir.0, &files).unwrap();
                cloudgen::write::apply(&dir.0, &plan).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("all_phases", |b| {
        b.iter_batched(
            fresh_dir,
            |dir| {
                let specs = cloudgen::load_dir(&specs_dir(), "specs").unwrap();
                let files = cloudgen::generate(&specs).unwrap();
                let plan = cloudgen::write::plan(&dir.0, &files).unwrap();
                cloudgen::write::apply(&dir.0, &plan).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    // A regeneration as `cargo xtask codegen` runs it over the checked-in tree: read the history (surfaces,
    // versions, changelogs), generate, classify, plan against what is on disk.
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    group.bench_function("regenerate_with_change_report", |b| {
        b.iter(|| {
            let specs = cloudgen::load_dir(&specs_dir(), "specs").unwrap();
            let history = cloudgen::History::read(&generated);
            let generation = cloudgen::generate_with_history(&specs, &history).unwrap();
            cloudgen::write::plan(&generated, &generation.files).unwrap()
        })
    });
    group.finish();
}

/// An empty output folder, removed when dropped (criterion drops routine outputs outside the timing).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fresh_dir() -> TempDir {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cloudgen-bench-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    TempDir(dir)
}

/// The IMS spec with its operation copied `n` times under new names: time per operation should stay flat.
fn scaled_spec(n: usize) -> String {
    let text = std::fs::read_to_string(specs_dir().join("huaweicloud/ims.yaml")).unwrap();
    let (head, rest) = text.split_once("\noperations:\n").unwrap();
    let (operation, types) = rest.split_once("\ntypes:\n").unwrap();
    let mut out = format!("{head}\noperations:\n");
    for i in 0..n {
        out.push_str(&operation.replacen("  UpdateImage:", &format!("  UpdateImage{i}:"), 1));
        out.push('\n');
    }
    out.push_str("\ntypes:\n");
    out.push_str(types);
    out
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for n in [10, 100, 1000] {
        let text = scaled_spec(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load_and_generate", n), &text, |b, text| {
            b.iter(|| {
                let spec = cloudgen::load_source("specs/huaweicloud/ims.yaml", text).unwrap();
                cloudgen::generate(std::slice::from_ref(&spec)).unwrap()
            })
        });
    }
    group.finish();
}

/// Loading alone at 1x, 10x and 100x the text: time per byte must stay flat (linear loading).
fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("loading");
    group.sample_size(10);
    for n in [10, 100, 1000] {
        let text = scaled_spec(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("load_source", format!("{}x", n / 10)), &text, |b, text| {
            b.iter(|| cloudgen::load_source("specs/huaweicloud/ims.yaml", text).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, phases, scaling, loading);
criterion_main!(benches);
