//! Shared helpers for tests that generate a crate from a fixture model and build it with cargo.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{Config, Files, Model, OperationSelection, RuntimeDependency};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A fixture model under `codegen/tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Loads a model file, panicking with the loader's message if it is invalid.
pub fn load(path: &Path) -> Model {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    Model::from_json(&text).unwrap_or_else(|e| panic!("loading {}: {e}", path.display()))
}

/// A configuration generating every operation of the model's only service.
pub fn config_all(package_name: &str, label: &str) -> Config {
    Config {
        package_name: package_name.to_owned(),
        model_label: label.to_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported: false,
        strict_patterns: false,
        protocol_tests: false,
        runtime: scratch_runtime(),
    }
}

/// The runtime dependency of a crate written by [`scratch_crate`]: a relative path from
/// `target/scratch-crates/<name>` to `codegen/runtime`.
pub fn scratch_runtime() -> RuntimeDependency {
    RuntimeDependency::Path("../../../codegen/runtime".to_owned())
}

/// `file` in the folder named by `UPSTREAM_MODELS`. Tests that call it are ignored unless the
/// variable is set (`cfg(upstream_models)`, see `codegen/build.rs`), so a missing variable or
/// file here is a failure, not a skip.
pub fn upstream(file: &str) -> PathBuf {
    let dir = std::env::var_os("UPSTREAM_MODELS")
        .unwrap_or_else(|| panic!("UPSTREAM_MODELS is not set (needed for {file})"));
    let path = Path::new(&dir).join(file);
    assert!(
        path.is_file(),
        "UPSTREAM_MODELS is set but {} does not exist",
        path.display()
    );
    path
}

/// Writes `files` (plus `extra` hand-written files, `(path, contents)`) as a crate under
/// `target/scratch-crates/<name>`, removing whatever an earlier run left there. The crate gets its
/// own `[workspace]` (it sits inside ours without being a member) and a copy of the workspace's
/// `Cargo.lock`, so it builds with the dependency versions CI pins.
pub fn scratch_crate(name: &str, files: &Files, extra: &[(&str, String)]) -> PathBuf {
    let dir = workspace_root().join("target/scratch-crates").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let generated = files.iter().map(|(p, t)| (p.as_str(), t));
    for (path, text) in generated.chain(extra.iter().map(|(p, t)| (*p, t))) {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        if path == "Cargo.toml" {
            std::fs::write(full, format!("{text}\n[workspace]\n")).unwrap();
        } else {
            std::fs::write(full, text).unwrap();
        }
    }
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

/// Runs cargo in `dir` with a target directory shared by every scratch build (so dependencies
/// compile once), failing the test with cargo's output when it fails. Returns stderr.
pub fn cargo(dir: &Path, args: &[&str]) -> String {
    run_cargo(dir, args).1
}

/// [`cargo`], returning stdout and stderr.
pub fn run_cargo(dir: &Path, args: &[&str]) -> (String, String) {
    let target = workspace_root().join("target/scratch");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        stdout,
        stderr
    );
    (stdout, stderr)
}

/// Writes `files` as the scratch crate `name` with the hand-written test file `fixtures/<test>`
/// (as `tests/<test>`), and checks the crate: clippy with `-D warnings` and rustdoc, then its
/// tests, with the feature `server` (its server's side included).
pub fn check_fixture_crate(name: &str, files: &Files, test: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture(test)).unwrap();
    let path = format!("tests/{test}");
    let dir = scratch_crate(name, files, &[(path.as_str(), text)]);
    clippy_with_server(&dir);
    cargo(&dir, &["doc", "--quiet", "--no-deps"]);
    cargo(&dir, &["test", "--quiet", "--features", "server"]);
    dir
}

/// `cargo clippy --all-targets --features server -D warnings` in `dir`: the crate with its
/// server's side, and its tests.
pub fn clippy_with_server(dir: &Path) {
    cargo(
        dir,
        &[
            "clippy",
            "--quiet",
            "--all-targets",
            "--features",
            "server",
            "--",
            "-D",
            "warnings",
        ],
    );
}
