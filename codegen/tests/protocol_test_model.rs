//! The official Smithy restJson1 protocol-test model (`smithy-aws-protocol-tests`, as the Smithy
//! CLI writes it, with mixins, `apply`, `rename` and defaults of every kind) loads as published,
//! and its `aws.protocoltests.restjson#RestJson` service with every operation generates a crate
//! (with its `smithy.test` cases as tests, which `cargo xtask protocol-tests` runs) that passes
//! clippy with `-D warnings`, tests included, and rustdoc with `-D warnings`. Run when
//! `PROTOCOL_TESTS` names the folder holding `restJson1.json` (`.ci/run` sets it); it is
//! ignored, with its reason in the test output, when it is unset.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::path::Path;

use codegen::{Config, OperationSelection, ShapeId};
use support::{cargo, load, scratch_crate};

#[test]
#[cfg_attr(
    not(protocol_tests),
    ignore = "needs PROTOCOL_TESTS, the folder of the Smithy protocol-test models (.ci/run sets it)"
)]
fn the_rest_json_service_generates_a_crate_clean_under_clippy_and_rustdoc() {
    let dir = std::env::var_os("PROTOCOL_TESTS").expect("PROTOCOL_TESTS is not set");
    let model = load(&Path::new(&dir).join("restJson1.json"));
    let config = Config {
        package_name: "protocol-tests-rest-json".to_owned(),
        model_label: "restJson1.json".to_owned(),
        service: Some(ShapeId::parse("aws.protocoltests.restjson#RestJson").unwrap()),
        operations: OperationSelection::All,
        skip_unsupported: false,
        strict_patterns: true,
        protocol_tests: true,
        runtime: support::scratch_runtime(),
    };
    let generated = codegen::generate_with_report(&model, &config).unwrap();
    let skipped: Vec<String> = generated
        .skipped
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    // Event-stream operations included (seven of them).
    assert_eq!(skipped, Vec::<String>::new());
    let event_operations = generated
        .files
        .iter()
        .filter(|(path, text)| {
            path.starts_with("src/operation/")
                && (text.contains("fn output_event_reader()")
                    || text.contains("fn input_event_writer()"))
        })
        .count();
    assert_eq!(event_operations, 7);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert!(
        generated.operations > 100,
        "{} operations",
        generated.operations
    );
    let again = codegen::generate_with_report(&model, &config).unwrap();
    assert!(again == generated, "two runs differ");
    let dir = scratch_crate("protocol-tests-rest-json", &generated.files, &[]);
    support::clippy_with_server(&dir);
    cargo(&dir, &["doc", "--quiet", "--no-deps"]);
}
