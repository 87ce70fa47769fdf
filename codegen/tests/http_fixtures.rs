//! Generates fixture models into scratch crates (see `support::scratch_crate`), adds their
//! hand-written tests, and runs them in the target directory every scratch build shares.
//!
//! The whole upstream models, Lambda's wire smoke tests among them, are in `whole_models.rs`.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

mod support;

use std::path::Path;

use codegen::{Config, Model, OperationSelection};
use support::{cargo, fixture, scratch_crate};

#[test]
fn http_bindings_fixture_passes_its_wire_tests() {
    let model = support::load(&fixture("http_bindings.json"));
    let config = support::config_all("http-fixture", "http_bindings.json");
    let generated = codegen::generate_with_report(&model, &config).unwrap();
    assert!(generated.skipped.is_empty());
    let test = std::fs::read_to_string(fixture("http_bindings_test.rs")).unwrap();
    let dir = scratch_crate("http-fixture", &generated.files, &[("tests/wire.rs", test)]);
    let manifest = &generated.files["Cargo.toml"];
    // Big numbers but no idempotency token and no pattern: one runtime feature.
    assert!(
        manifest.contains(r#"path = "../../../codegen/runtime", features = ["big-numbers"] }"#),
        "{manifest}"
    );
    cargo(&dir, &["test", "--quiet", "--features", "server"]);
}

#[test]
fn wire_rules_fixture_passes_its_wire_tests() {
    let model = support::load(&fixture("wire_rules.json"));
    let config = support::config_all("wire-rules", "wire_rules.json");
    let generated = codegen::generate_with_report(&model, &config).unwrap();
    assert!(generated.skipped.is_empty());
    let test = std::fs::read_to_string(fixture("wire_rules_test.rs")).unwrap();
    let dir = scratch_crate("wire-rules", &generated.files, &[("tests/wire.rs", test)]);
    let manifest = &generated.files["Cargo.toml"];
    // `@httpChecksumRequired` and `@requestCompression`: their two runtime features, no other.
    assert!(
        manifest.contains(r#"path = "../../../codegen/runtime", features = ["content-md5", "request-compression"] }"#),
        "{manifest}"
    );
    cargo(&dir, &["test", "--quiet", "--features", "server"]);
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
        strict_patterns: false,
        protocol_tests: false,
        runtime: codegen::RuntimeDependency::Path("../codegen/runtime".to_owned()),
    };
    let first = codegen::generate(&model, &config).unwrap();
    let second = codegen::generate(&model, &config).unwrap();
    assert_eq!(first, second);
}

#[test]
fn event_streams_generate_and_a_member_that_is_no_event_is_reported() {
    let model_with = |member: &str| {
        Model::from_json(&format!(
            r#"{{"smithy": "2.0", "shapes": {{
            "ex#S": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Sub"}}, {{"target": "ex#Get"}}],
                     "traits": {{"aws.protocols#restJson1": {{}}}}}},
            "ex#Sub": {{"type": "operation", "input": {{"target": "smithy.api#Unit"}}, "output": {{"target": "ex#SubOut"}},
                       "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/sub"}}}}}},
            "ex#SubOut": {{"type": "structure", "members": {{"Events": {{"target": "ex#Events", "traits": {{"smithy.api#httpPayload": {{}}}}}}}}}},
            "ex#Events": {{"type": "union", "members": {{"A": {{"target": "{member}"}}}}, "traits": {{"smithy.api#streaming": {{}}}}}},
            "ex#Tick": {{"type": "structure", "members": {{"n": {{"target": "smithy.api#Integer", "traits": {{"smithy.api#eventHeader": {{}}}}}}}}}},
            "ex#Get": {{"type": "operation", "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/get"}}}}}}
        }}}}"#
        ))
        .unwrap()
    };
    let config = Config {
        package_name: "x".to_owned(),
        model_label: "x.json".to_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported: false,
        strict_patterns: false,
        protocol_tests: false,
        runtime: codegen::RuntimeDependency::Path("../codegen/runtime".to_owned()),
    };
    let error = codegen::generate(&model_with("smithy.api#String"), &config)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "`ex#Events` uses an event stream member targeting `smithy.api#String`, which is not a \
         structure, which the generator does not support yet"
    );
    let generated = codegen::generate_with_report(&model_with("ex#Tick"), &config).unwrap();
    assert!(generated.skipped.is_empty());
    let sub = &generated.files["src/operation/sub.rs"];
    assert!(sub.contains("pub fn output_event_reader()"), "{sub}");
    assert!(!sub.contains("input_event_writer"));
    let manifest = &generated.files["Cargo.toml"];
    assert!(
        manifest.contains("default = [\"event-stream\"]"),
        "{manifest}"
    );
    // The stream member is not a field of the output: the output is the initial response.
    let output = &generated.files["src/types/sub_out.rs"];
    assert!(!output.contains("pub events:"), "{output}");
    assert!(output.contains("is an event stream: it is not a field"));
}
