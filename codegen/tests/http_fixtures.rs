//! Generates fixture models into scratch crates outside the workspace (each with its own
//! `[workspace]` and a copy of the workspace's `Cargo.lock`), adds their hand-written tests, and
//! runs them with a shared `CARGO_TARGET_DIR` (`target/fixtures`).
//!
//! The whole upstream models, Lambda's wire smoke tests among them, are in `whole_models.rs`.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{Config, Model, OperationSelection};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

/// Generates `model` into `target/fixture-crates/<name>` and returns the crate directory.
fn generate(
    model_path: &Path,
    name: &str,
    skip_unsupported: bool,
) -> (PathBuf, codegen::Generated) {
    let text = std::fs::read_to_string(model_path).unwrap();
    let model = Model::from_json(&text).unwrap();
    let config = Config {
        package_name: name.to_owned(),
        model_label: model_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported,
    };
    let generated = codegen::generate_with_report(&model, &config).unwrap();
    let dir = target_dir().join("fixture-crates").join(name);
    let _ = std::fs::remove_dir_all(dir.join("src"));
    for (path, text) in &generated.files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        let text = if path == "Cargo.toml" {
            format!("{text}\n[workspace]\n")
        } else {
            text.clone()
        };
        std::fs::write(full, text).unwrap();
    }
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    (dir, generated)
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir().join("fixtures"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
}

#[test]
fn http_bindings_fixture_passes_its_wire_tests() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (dir, generated) = generate(&fixtures.join("http_bindings.json"), "http-fixture", false);
    assert!(generated.skipped.is_empty());
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::copy(
        fixtures.join("http_bindings_test.rs"),
        dir.join("tests/wire.rs"),
    )
    .unwrap();
    let manifest = &generated.files["Cargo.toml"];
    assert!(manifest.contains("serde_json = { version = \"1\", features = [\"raw_value\"] }"));
    assert!(!manifest.contains("uuid"), "no idempotency token, no uuid");
    cargo(&dir, &["test", "--quiet"]);
}

#[test]
fn generation_is_deterministic() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/http_bindings.json");
    let model = Model::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let config = Config {
        package_name: "http-fixture".to_owned(),
        model_label: "http_bindings.json".to_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported: false,
    };
    let first = codegen::generate(&model, &config).unwrap();
    let second = codegen::generate(&model, &config).unwrap();
    assert_eq!(first, second);
}

#[test]
fn event_streams_are_reported_by_shape_id_or_skipped() {
    let model = Model::from_json(
        r#"{"smithy": "2.0", "shapes": {
            "ex#S": {"type": "service", "version": "1", "operations": [{"target": "ex#Sub"}, {"target": "ex#Get"}],
                     "traits": {"aws.protocols#restJson1": {}}},
            "ex#Sub": {"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "ex#SubOut"},
                       "traits": {"smithy.api#http": {"method": "GET", "uri": "/sub"}}},
            "ex#SubOut": {"type": "structure", "members": {"Events": {"target": "ex#Events", "traits": {"smithy.api#httpPayload": {}}}}},
            "ex#Events": {"type": "union", "members": {"A": {"target": "smithy.api#String"}}, "traits": {"smithy.api#streaming": {}}},
            "ex#Get": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/get"}}}
        }}"#,
    )
    .unwrap();
    let mut config = Config {
        package_name: "x".to_owned(),
        model_label: "x.json".to_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported: false,
    };
    let error = codegen::generate(&model, &config).unwrap_err().to_string();
    assert_eq!(
        error,
        "operation `ex#Sub` uses an event stream: its output member `ex#SubOut$Events` targets the \
         @streaming union `ex#Events`, which the generator does not support yet; pass \
         `--skip-unsupported` (`Config::skip_unsupported`) to leave such operations out"
    );
    config.skip_unsupported = true;
    let generated = codegen::generate_with_report(&model, &config).unwrap();
    assert_eq!(generated.skipped.len(), 1);
    assert_eq!(generated.skipped[0].0.as_str(), "ex#Sub");
    assert!(generated.files.contains_key("src/operation/get.rs"));
    assert!(!generated.files.contains_key("src/operation/sub.rs"));
    assert!(generated.files["src/lib.rs"].contains("Left out: `ex#Sub`"));
}
