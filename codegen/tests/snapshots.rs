//! Every fixture's whole generated crate, checked in under `tests/snapshots/<fixture>/` with the
//! real directory layout, so that a change to an emitter shows as a reviewable diff (the
//! fixtures' scratch-crate builds and tests run elsewhere: `fixture_crates.rs`,
//! `http_fixtures.rs`, `constraints.rs`). A snapshot's manifest names the runtime crate by its
//! path from the snapshot's folder (`../../../runtime`), as a crate generated there would.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots` rewrites the snapshots (and
//! removes files the generator no longer writes); review the diff before committing it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::{Files, RuntimeDependency};
use support::{config_all, fixture, load};

/// (snapshot folder, fixture model, package name).
const FIXTURES: &[(&str, &str, &str)] = &[
    ("constraints", "constraints.json", "constraints"),
    ("defaults", "defaults.json", "defaults"),
    (
        "enum_constraints",
        "enum_constraints.json",
        "enum-constraints",
    ),
    ("http_bindings", "http_bindings.json", "http-fixture"),
    ("obstacle_course", "obstacle_course.json", "obstacle-course"),
    ("rename", "rename.json", "rename"),
    ("snapshot", "snapshot.json", "snap"),
    ("wire_rules", "wire_rules.json", "wire-rules"),
];

fn generated(model: &str, package: &str) -> Files {
    let mut config = config_all(package, model);
    config.runtime = RuntimeDependency::Path("../../../runtime".to_owned());
    codegen::generate(&load(&fixture(model)), &config).unwrap()
}

/// Every file below `dir`, by path relative to it with `/` separators.
fn on_disk(dir: &Path) -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn update(dir: &Path, files: &Files) {
    for path in on_disk(dir) {
        if !files.contains_key(&path) {
            std::fs::remove_file(dir.join(&path)).unwrap();
        }
    }
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// The differences between `files` and the snapshot in `dir`, one line each.
fn drift(dir: &Path, files: &Files) -> Vec<String> {
    let existing = on_disk(dir);
    let mut problems = Vec::new();
    for (path, text) in files {
        match std::fs::read_to_string(dir.join(path)) {
            Ok(want) if &want == text => {}
            Ok(_) => problems.push(format!("changed: {path}")),
            Err(_) => problems.push(format!("missing: {path}")),
        }
    }
    for path in existing.iter().filter(|p| !files.contains_key(*p)) {
        problems.push(format!("orphaned: {path}"));
    }
    problems
}

#[test]
fn every_fixture_matches_its_reviewed_snapshot() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut problems = Vec::new();
    for (folder, model, package) in FIXTURES {
        let files = generated(model, package);
        let dir = root.join(folder);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            update(&dir, &files);
            continue;
        }
        problems.extend(
            drift(&dir, &files)
                .into_iter()
                .map(|p| format!("{folder}: {p}")),
        );
    }
    // Snapshot folders of fixtures that no longer exist.
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !FIXTURES.iter().any(|(folder, _, _)| *folder == name) {
            problems.push(format!("orphaned snapshot folder: {name}"));
        }
    }
    assert!(
        problems.is_empty(),
        "the generated fixtures differ from their snapshots:\n{}\n\
         Review the change, then run: UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots",
        problems.join("\n")
    );
}

#[test]
fn a_changed_file_an_orphan_and_a_missing_file_are_all_reported() {
    let dir = support::workspace_root().join("target/scratch-crates/snapshot-drift");
    let _ = std::fs::remove_dir_all(&dir);
    let files = generated("snapshot.json", "snap");
    update(&dir, &files);
    assert!(drift(&dir, &files).is_empty());
    std::fs::write(dir.join("src/lib.rs"), "// edited\n").unwrap();
    std::fs::write(dir.join("src/stale.rs"), "").unwrap();
    std::fs::remove_file(dir.join("src/types/mod.rs")).unwrap();
    assert_eq!(
        drift(&dir, &files),
        [
            "changed: src/lib.rs",
            "missing: src/types/mod.rs",
            "orphaned: src/stale.rs"
        ]
    );
}
