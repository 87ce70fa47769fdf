//! The freshness check and the `cargo xtask codegen` command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::sync::{Drift, sync};
use xtask::{Options, generate, workspace_root};

/// The checked-in crate is exactly what the generator produces (the test twin of `--check`).
#[test]
fn generated_crate_is_fresh() {
    let files = generate(&Options::default()).unwrap().files;
    let drift = sync(&workspace_root().join("generated"), &files, false).unwrap();
    assert!(
        drift.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{drift}"
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("xtask-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn sync_reports_changed_missing_and_orphaned_files_and_leaves_tests_alone() {
    let dir = scratch("drift");
    let files = generate(&Options::default()).unwrap().files;
    // A fresh directory: everything is missing, and writing creates it all.
    let drift = sync(&dir, &files, true).unwrap();
    assert_eq!(drift.missing.len(), files.len());
    assert!(sync(&dir, &files, false).unwrap().is_empty());

    std::fs::write(dir.join("src/types/chat_message.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(dir.join("src/lib.rs")).unwrap();
    std::fs::write(dir.join("src/types/stale.rs"), "// left over\n").unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("tests/mine.rs"), "// hand-written\n").unwrap();

    let drift = sync(&dir, &files, false).unwrap();
    assert_eq!(
        drift,
        Drift {
            changed: vec!["src/types/chat_message.rs".to_owned()],
            missing: vec!["src/lib.rs".to_owned()],
            orphaned: vec!["src/types/stale.rs".to_owned()],
        }
    );
    assert_eq!(
        drift.to_string(),
        "   changed: src/types/chat_message.rs\n   missing: src/lib.rs\n  orphaned: src/types/stale.rs\n"
    );
    // Check mode wrote nothing.
    assert!(dir.join("src/types/stale.rs").exists());

    sync(&dir, &files, true).unwrap();
    assert!(sync(&dir, &files, false).unwrap().is_empty());
    assert!(!dir.join("src/types/stale.rs").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("tests/mine.rs")).unwrap(),
        "// hand-written\n"
    );
}

fn xtask(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(workspace_root())
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_fails_listing_drift_and_prints_the_fixing_command() {
    let dir = scratch("cli-check");
    let out = path(&dir);
    let (ok, _, stderr) = xtask(&["codegen", "--check", "--out", out]);
    assert!(!ok);
    assert!(stderr.contains("does not match the generator"), "{stderr}");
    assert!(stderr.contains("   missing: src/lib.rs"), "{stderr}");
    assert!(
        stderr.contains(&format!("Fix it with: cargo xtask codegen --out {out}")),
        "{stderr}"
    );

    let (ok, stdout, _) = xtask(&["codegen", "--out", out]);
    assert!(ok);
    assert!(stdout.contains("missing: src/lib.rs"), "{stdout}");
    let (ok, stdout, _) = xtask(&["codegen", "--check", "--out", out]);
    assert!(ok, "{stdout}");
    assert!(stdout.contains("is up to date"), "{stdout}");
}

#[test]
fn bad_flags_and_inputs_get_helpful_errors() {
    let (ok, _, stderr) = xtask(&["codegen", "--operaton", "X"]);
    assert!(!ok);
    assert!(
        stderr.contains("unexpected argument '--operaton'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--operation"),
        "clap suggests the flag: {stderr}"
    );

    let (ok, _, stderr) = xtask(&["codegen", "--check", "--operation", "StartChatContct"]);
    assert!(!ok);
    assert!(
        stderr
            .contains("has no operation named `StartChatContct`; did you mean `StartChatContact`?"),
        "{stderr}"
    );

    let (ok, _, stderr) = xtask(&["codegen", "--check", "--model", "no/such/model.json"]);
    assert!(!ok);
    assert!(
        stderr.contains("error: reading the model no/such/model.json: No such file or directory"),
        "{stderr}"
    );

    let (ok, _, stderr) = xtask(&["codegen", "--check", "--crate-name", "Bad Name"]);
    assert!(!ok);
    assert!(
        stderr.contains("invalid --crate-name \"Bad Name\""),
        "{stderr}"
    );

    let (ok, _, stderr) = xtask(&["codegen", "--check", "--runtime", "crates-io"]);
    assert!(!ok);
    assert!(
        stderr.contains("invalid value 'crates-io' for '--runtime")
            && stderr.contains("expected `auto`, `vendor` or `path=DIR`"),
        "{stderr}"
    );

    let (ok, _, stderr) = xtask(&["codegen", "--check", "--all-operations", "--operation", "X"]);
    assert!(!ok);
    assert!(stderr.contains("cannot be used with"), "{stderr}");

    let bad = scratch("bad-model").join("bad.json");
    std::fs::write(
        &bad,
        "{\"smithy\": \"2.0\", \"shapes\": {\"ex#A\": {\"type\": \"nope\"}}}",
    )
    .unwrap();
    let (ok, _, stderr) = xtask(&["codegen", "--check", "--model", path(&bad)]);
    assert!(!ok);
    assert!(
        stderr.contains("invalid model: shape `ex#A` has unknown type \"nope\""),
        "{stderr}"
    );
}

#[test]
fn the_runtime_dependency_is_relative_inside_the_repository_and_vendored_outside() {
    use codegen::RuntimeDependency;
    use xtask::{RuntimeChoice, runtime_dependency};
    let root = workspace_root();
    let auto = |out: &Path| runtime_dependency(&RuntimeChoice::Auto, out, &root);
    assert_eq!(
        auto(&root.join("generated")),
        RuntimeDependency::Path("../codegen/runtime".to_owned())
    );
    // Not yet existing directories, `.` and `..` are fine: the path is worked out lexically.
    assert_eq!(
        auto(&root.join("target/./new/../scratch/a/b")),
        RuntimeDependency::Path("../../../../codegen/runtime".to_owned())
    );
    let outside = std::env::temp_dir().join("connect-chat-elsewhere");
    assert_eq!(auto(&outside), RuntimeDependency::Vendored);
    assert_eq!(
        runtime_dependency(&"path=../rt".parse().unwrap(), &outside, &root),
        RuntimeDependency::Path("../rt".to_owned())
    );
    assert_eq!(
        runtime_dependency(&"vendor".parse().unwrap(), &root.join("generated"), &root),
        RuntimeDependency::Vendored
    );
    assert!("path=".parse::<RuntimeChoice>().is_err());
}

#[test]
fn a_crate_generated_outside_the_repository_vendors_the_runtime() {
    let out = std::env::temp_dir().join(format!("xtask-vendored-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let (ok, stdout, stderr) = xtask(&["codegen", "--out", path(&out)]);
    assert!(ok, "{stdout}{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"path = "vendor/restjson-runtime""#),
        "{manifest}"
    );
    assert!(out.join("vendor/restjson-runtime/src/lib.rs").is_file());
    assert!(
        !manifest.contains(&*out.to_string_lossy()),
        "no absolute path: {manifest}"
    );
    let (ok, stdout, _) = xtask(&[
        "codegen",
        "--check",
        "--out",
        path(&out),
        "--runtime",
        "vendor",
    ]);
    assert!(ok, "{stdout}");
    std::fs::remove_dir_all(&out).unwrap();
}
