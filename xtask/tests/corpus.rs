//! `cargo xtask corpus` on a folder of tiny models (without `--check`, which would build them).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::PathBuf;

use xtask::corpus::{CorpusOptions, Outcome, model_files, run};
use xtask::{RuntimeChoice, runtime_dependency, target_dir, workspace_root};

const GOOD: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Tiny": {"type": "service", "version": "1", "operations": [{"target": "ex#Ping"}],
        "traits": {"aws.protocols#restJson1": {}}},
    "ex#Ping": {"type": "operation", "input": {"target": "ex#PingInput"},
        "traits": {"smithy.api#http": {"method": "POST", "uri": "/ping"}}},
    "ex#PingInput": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}}}
}}"#;

const BAD: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Broken": {"type": "service", "version": "1", "traits": {"aws.protocols#restJson1": {}}},
    "ex#S": {"type": "structure", "members": {"a": {"target": "ex#Missing"}, "b": {"target": "ex#Gone"}}}
}}"#;

const OTHER_PROTOCOL: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Json": {"type": "service", "version": "1", "traits": {"aws.protocols#awsJson1_0": {}}}
}}"#;

fn scratch(name: &str) -> PathBuf {
    let dir = target_dir().join("xtask-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn generates_each_model_and_reports_the_failures() {
    let root = scratch("corpus");
    let models = root.join("models");
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("good.json"), GOOD).unwrap();
    std::fs::write(models.join("bad.json"), BAD).unwrap();
    std::fs::write(models.join("json10.json"), OTHER_PROTOCOL).unwrap();
    std::fs::write(models.join("notes.txt"), "not a model").unwrap();
    let options = CorpusOptions {
        dirs: vec![models],
        check: false,
        clippy: false,
        client: false,
        scratch: root.join("out"),
        root: workspace_root(),
    };
    let report = run(&options).unwrap();

    let rows: Vec<(&str, &Outcome)> = report
        .rows
        .iter()
        .map(|r| (r.model.as_str(), &r.outcome))
        .collect();
    assert_eq!(rows[0], ("bad", &Outcome::GenerateFailed));
    assert_eq!(rows[1], ("good", &Outcome::Ok));
    assert_eq!(rows[2].0, "json10");
    assert!(matches!(rows[2].1, Outcome::Skipped(_)));
    assert_eq!(
        report.rows[0].first_error.as_deref(),
        Some("`ex#S$a` targets `ex#Missing`, which the model does not define (+1 more)")
    );
    assert_eq!(
        report.rows[2].first_error.as_deref(),
        Some("no aws.protocols#restJson1 service: `ex#Json` speaks aws.protocols#awsJson1_0")
    );
    let good = &report.rows[1];
    assert_eq!(
        (good.operations, good.service.as_deref()),
        (1, Some("ex#Tiny"))
    );
    assert!(good.types >= 1);
    assert_eq!(
        report.summary(),
        "corpus: 1/2 generate, compile not checked (pass --check); \
         1 skipped (no aws.protocols#restJson1 service)"
    );
    assert!(!report.passed());

    // The crate stands alone: its own workspace, the workspace's lock file, and the runtime by a
    // relative path.
    let krate = options.scratch.join("corpus-good");
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(manifest.ends_with("\n[workspace]\n"), "{manifest}");
    if let codegen::RuntimeDependency::Path(path) =
        runtime_dependency(&RuntimeChoice::Auto, &krate, &workspace_root())
    {
        assert!(
            manifest.contains(&format!("path = \"{path}\"")),
            "{manifest}"
        );
    }
    assert!(krate.join("Cargo.lock").is_file());
    assert!(krate.join("src/lib.rs").is_file());

    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(options.scratch.join("report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["summary"], report.summary());
    assert_eq!(json["rows"].as_array().unwrap().len(), 3);
    assert_eq!(json["rows"][1]["result"], "ok");
}

#[test]
fn a_missing_corpus_directory_is_an_error_naming_it() {
    let missing = scratch("corpus-missing").join("nowhere");
    let error = model_files(std::slice::from_ref(&missing)).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the corpus directory {} does not exist; pass the folders (or files) of the models \
             to run: cargo xtask corpus [--check] DIR...",
            missing.display()
        )
    );
}
