//! Whole upstream models at scale, run when `UPSTREAM_MODELS` names the folder holding them
//! (`.ci/run` sets it); ignored, with its reason in the test output, when it is unset.
//!
//! Every operation of the Connect, ConnectParticipant and Lambda models is generated (Lambda's
//! event-stream operation included: nothing is skipped) into a scratch crate, and each
//! crate is checked once: `cargo clippy --all-targets -D warnings` and `cargo test` (which runs the
//! generated `every_pattern_compiles` test and, for Lambda, the hand-written wire smoke tests in
//! `fixtures/upstream_lambda_test.rs`); Connect's docs build with `-D warnings` too. The three
//! builds share one target directory (`target/scratch`), so dependencies compile once.
//!
//! The properties that must hold at scale are checked on the way: generation succeeds (names
//! that collide after casing are an error, so success proves them unique) and every type and
//! operation has a file of its own; the output is deterministic (generated twice, compared).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::path::Path;

use codegen::{Config, OperationSelection};
use support::{cargo, load, scratch_crate, upstream};

struct Case {
    file: &'static str,
    package: &'static str,
    /// Operations the generator cannot support yet, left out under `skip_unsupported`.
    skipped: &'static [&'static str],
    /// Hand-written tests added to the crate, from `fixtures/`.
    tests: Option<&'static str>,
    /// Whether to build the docs as well (the biggest model has the most doc text).
    doc: bool,
}

const CASES: &[Case] = &[
    Case {
        file: "connect-2017-08-08.json",
        package: "connect-all",
        skipped: &[],
        tests: None,
        doc: true,
    },
    Case {
        file: "connectparticipant-2018-09-07.json",
        package: "upstream-connectparticipant",
        skipped: &[],
        tests: None,
        doc: false,
    },
    Case {
        file: "lambda-2015-03-31.json",
        package: "upstream-lambda",
        skipped: &[],
        tests: Some("upstream_lambda_test.rs"),
        doc: false,
    },
];

/// The hand-written test file of a case, as an extra file of its scratch crate.
fn extra_tests(tests: Option<&str>) -> Vec<(&'static str, String)> {
    tests
        .map(|name| {
            let source = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name);
            ("tests/wire.rs", std::fs::read_to_string(source).unwrap())
        })
        .into_iter()
        .collect()
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn whole_upstream_models_generate_deterministically_and_pass_clippy_and_their_tests() {
    for case in CASES {
        let path = upstream(case.file);
        let model = load(&path);
        let config = Config {
            package_name: case.package.to_owned(),
            model_label: case.file.to_owned(),
            service: None,
            operations: OperationSelection::All,
            skip_unsupported: false,
            strict_patterns: false,
            protocol_tests: false,
            runtime: support::scratch_runtime(),
        };
        let generated = codegen::generate_with_report(&model, &config)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        let skipped: Vec<String> = generated
            .skipped
            .iter()
            .map(|(id, _)| id.to_string())
            .collect();
        assert_eq!(skipped, case.skipped, "{}: skipped operations", case.file);

        // Deterministic: a second run in the same process gives the same bytes.
        let again = codegen::generate_with_report(&model, &config).unwrap();
        assert!(again == generated, "{}: two runs differ", case.file);

        // One file per type and per operation: module names are unique too.
        let krate = codegen::ir::build(&model, &config).unwrap();
        let count = |dir: &str| {
            generated
                .files
                .keys()
                .filter(|p| p.starts_with(dir) && !p.ends_with("/mod.rs"))
                .count()
        };
        assert_eq!(
            count("src/types/"),
            krate.types.len(),
            "{}: type files",
            case.file
        );
        assert_eq!(
            count("src/operation/"),
            krate.operations.len(),
            "{}: operation files",
            case.file
        );
        eprintln!(
            "{}: {} operations, {} types, {} patterns, {} files",
            case.file,
            krate.operations.len(),
            krate.types.len(),
            krate.patterns.len(),
            generated.files.len()
        );
        if !krate.patterns.is_empty() {
            assert!(generated.files["src/patterns.rs"].contains("fn every_pattern_compiles()"));
        }

        let dir = scratch_crate(case.package, &generated.files, &extra_tests(case.tests));
        // The default build (a client, no server's side) and, with its tests, the server's.
        cargo(
            &dir,
            &["clippy", "--quiet", "--lib", "--", "-D", "warnings"],
        );
        support::clippy_with_server(&dir);
        if case.doc {
            cargo(&dir, &["doc", "--quiet", "--no-deps"]);
        }
        cargo(&dir, &["test", "--quiet", "--features", "server"]);
    }
}
