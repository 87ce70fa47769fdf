//! `cargo xtask protocol-tests [--model FILE] [--expected-failures FILE]`: the official Smithy
//! restJson1 protocol compliance suite (`restJson1.json`, service
//! `aws.protocoltests.restjson#RestJson`), generated with every operation and its
//! `smithy.test` cases as tests (`--protocol-tests`) into `target/protocol-tests/`, then run by
//! `cargo test`. Prints the count per category and a closing line
//! `protocol tests: P/T pass (...)`.
//!
//! With an expected-failures list, a failure that is not listed, or a listed test that passes
//! (or no longer exists), fails the run, so the list can only shrink. A list line is a test's
//! path under `protocol_tests::` (`operation::category::case`), then its reason; `#` starts a
//! comment.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use codegen::{Config, Model, OperationSelection, ShapeId};

use crate::{RuntimeChoice, runtime_dependency, write_standalone};

/// The suite's service.
pub const SERVICE: &str = "aws.protocoltests.restjson#RestJson";

/// The categories of the generated tests (the second part of a test's path), in report order.
pub const CATEGORIES: [&str; 7] = [
    "client_request",
    "client_response",
    "server_request",
    "server_response",
    "server_malformed",
    "client_event_stream",
    "server_event_stream",
];

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The suite's model (`restJson1.json`).
    pub model: PathBuf,
    /// Where the crate and its target directory go (`target/protocol-tests`).
    pub scratch: PathBuf,
    /// The workspace root (`Cargo.lock`, `codegen/runtime`).
    pub root: PathBuf,
}

/// The configuration of the suite's crate, written to `out`.
pub fn config(out: &Path, root: &Path) -> Result<Config> {
    Ok(Config {
        package_name: "protocol-tests-rest-json".to_owned(),
        model_label: "restJson1.json".to_owned(),
        service: Some(ShapeId::parse(SERVICE).context("the suite's service id")?),
        operations: OperationSelection::All,
        skip_unsupported: false,
        strict_patterns: true,
        protocol_tests: true,
        runtime: runtime_dependency(&RuntimeChoice::Auto, out, root),
    })
}

/// One test's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Passed.
    pub passed: bool,
    /// For a failure, the first lines of its panic message.
    pub message: String,
}

/// Every test's result, by path under `protocol_tests::`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The results.
    pub tests: BTreeMap<String, Outcome>,
}

/// Generates the suite's crate, runs its tests and reads the results.
pub fn run(options: &Options) -> Result<Report> {
    let text = std::fs::read_to_string(&options.model)
        .with_context(|| format!("reading {}", options.model.display()))?;
    let model =
        Model::from_json(&text).with_context(|| format!("loading {}", options.model.display()))?;
    let dir = options.scratch.join("crate");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    let config = config(&dir, &options.root)?;
    let generated = codegen::generate_with_report(&model, &config)
        .with_context(|| format!("generating from {}", options.model.display()))?;
    write_standalone(&dir, &generated.files, &options.root)?;
    println!(
        "generated {} operations ({} left out) into {}; running its tests",
        generated.operations,
        generated.skipped.len(),
        dir.display()
    );
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["test", "--lib", "--no-fail-fast", "--features", "server"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", crate::target_dir().join("scratch"))
        .env("RUST_BACKTRACE", "0")
        .output()
        .context("running cargo test")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = parse(&stdout);
    if report.tests.is_empty() {
        bail!(
            "cargo test ran no test:\n{}\n{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(report)
}

/// Reads libtest's output: `test protocol_tests::PATH ... ok|FAILED` lines, and the panic
/// message of each failure from its `---- NAME stdout ----` section.
pub fn parse(stdout: &str) -> Report {
    let mut report = Report::default();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test protocol_tests::") else {
            continue;
        };
        let Some((path, result)) = rest.split_once(" ... ") else {
            continue;
        };
        report.tests.insert(
            path.to_owned(),
            Outcome {
                passed: result.trim() == "ok",
                message: String::new(),
            },
        );
    }
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- protocol_tests::")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_owned());
            continue;
        }
        if line.starts_with("failures:") || line.starts_with("---- ") {
            current = None;
            continue;
        }
        if let Some(outcome) = current.as_ref().and_then(|n| report.tests.get_mut(n)) {
            let line = line.trim();
            if !line.is_empty() && !line.starts_with("thread ") && !line.starts_with("note:") {
                if !outcome.message.is_empty() {
                    outcome.message.push_str(" | ");
                }
                outcome.message.push_str(line);
            }
        }
    }
    report
}

/// A known failure: the test's path and why it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFailure {
    /// The path under `protocol_tests::`.
    pub test: String,
    /// Why.
    pub reason: String,
}

/// Reads an expected-failures list; a line without a reason is an error naming its number.
pub fn parse_expected(text: &str) -> Result<Vec<ExpectedFailure>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (test, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let reason = reason.trim();
        if reason.is_empty() {
            bail!(
                "line {}: every expected failure needs a reason: {line:?}",
                i + 1
            );
        }
        out.push(ExpectedFailure {
            test: test.to_owned(),
            reason: reason.to_owned(),
        });
    }
    Ok(out)
}

impl Report {
    /// Passed and total tests of a category.
    pub fn count(&self, category: &str) -> (usize, usize) {
        let mut passed = 0;
        let mut total = 0;
        for (path, outcome) in &self.tests {
            if path.split("::").nth(1) == Some(category) {
                total += 1;
                passed += usize::from(outcome.passed);
            }
        }
        (passed, total)
    }

    /// The table of counts and the closing line.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let mut parts = Vec::new();
        for category in CATEGORIES {
            let (passed, total) = self.count(category);
            let _ = writeln!(
                out,
                "  {:<20} {passed:>4}/{total}",
                category.replace('_', " ")
            );
            parts.push(format!("{} {passed}/{total}", category.replace('_', " ")));
        }
        let passed = self.tests.values().filter(|o| o.passed).count();
        let _ = writeln!(
            out,
            "protocol tests: {passed}/{} pass ({})",
            self.tests.len(),
            parts.join(", ")
        );
        out
    }

    /// What fails the run against the expected failures: failures not listed, and listed tests
    /// that pass or do not exist.
    pub fn unexpected(&self, expected: &[ExpectedFailure]) -> Vec<String> {
        let mut problems = Vec::new();
        for (path, outcome) in &self.tests {
            if !outcome.passed && !expected.iter().any(|e| e.test == *path) {
                problems.push(format!(
                    "{path}: fails, and is not an expected failure: {}",
                    outcome.message
                ));
            }
        }
        for e in expected {
            match self.tests.get(&e.test) {
                Some(outcome) if outcome.passed => problems.push(format!(
                    "{}: passes: remove it from the expected failures",
                    e.test
                )),
                Some(_) => {}
                None => problems.push(format!(
                    "{}: listed as an expected failure, and no such test",
                    e.test
                )),
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\
running 3 tests
test protocol_tests::op::client_request::a ... ok
test protocol_tests::op::client_request::b ... FAILED
test protocol_tests::op::server_malformed::c ... ok

failures:

---- protocol_tests::op::client_request::b stdout ----

thread 'protocol_tests::op::client_request::b' (1) panicked at src/protocol_tests/op.rs:1:1:
the request differs from the test case:
  - body: expected \"\", got \"{}\"
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    protocol_tests::op::client_request::b

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
";

    #[test]
    fn results_and_messages_are_read_from_libtest_output() {
        let report = parse(OUTPUT);
        assert_eq!(report.tests.len(), 3);
        assert_eq!(report.count("client_request"), (1, 2));
        assert_eq!(report.count("server_malformed"), (1, 1));
        assert_eq!(
            report.tests["op::client_request::b"].message,
            "the request differs from the test case: | - body: expected \"\", got \"{}\""
        );
        assert!(report.summary().ends_with(
            "protocol tests: 2/3 pass (client request 1/2, client response 0/0, server request 0/0, server response 0/0, server malformed 1/1, client event stream 0/0, server event stream 0/0)\n"
        ));
    }

    #[test]
    fn the_expected_failures_can_only_shrink() {
        let report = parse(OUTPUT);
        let listed = parse_expected("# known\nop::client_request::b  needs a fix\n").unwrap();
        assert!(report.unexpected(&listed).is_empty());
        let problems = report.unexpected(&[]);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("op::client_request::b: fails, and is not an expected failure")
        );
        let stale =
            parse_expected("op::client_request::a fixed since\nop::gone::x reason\n").unwrap();
        assert_eq!(
            report.unexpected(&stale)[1..],
            [
                "op::client_request::a: passes: remove it from the expected failures",
                "op::gone::x: listed as an expected failure, and no such test",
            ]
        );
        assert!(parse_expected("op::client_request::b").is_err());
    }
}
