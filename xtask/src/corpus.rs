//! `cargo xtask corpus [--check] [DIR...]`: every model of a corpus generated with every
//! operation (none left out: an operation the generator cannot take fails its row) into scratch crates
//! under `target/corpus/`, and with `--check` each crate `cargo check`ed in one shared target
//! directory (`target/corpus/target`). Prints a table and a closing line
//! `corpus: N/M generate, K/M compile`, and writes the same as `target/corpus/report.json`.
//!
//! A DIR is a folder (its `*.json` files, in name order) or one model file; the default is
//! `../shared/corpus/restJson1` and `../shared/models`, relative to the workspace root. Each
//! model's services with the `aws.protocols#restJson1` trait are generated, one row each (named
//! `file (Service)` when a file has several); a model with no such service is listed as skipped
//! and left out of the counts, since the generator only speaks restJson1.
//!
//! Every service's endpoint test cases (`smithy.rules#endpointTests`) run in-process against
//! its rule set with the runtime's evaluator (the one generated crates call, without compiling
//! them), closing with `endpoint tests: N/T pass (M models)`; each failing case is listed with
//! its reason, and fails the run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use codegen::{Config, Model, OperationSelection, ShapeId};
use serde_json::{Value, json};

use crate::{RuntimeChoice, runtime_dependency, write_standalone};

/// The protocol trait a service needs for the generator.
const REST_JSON: &str = "aws.protocols#restJson1";

/// The default corpus, relative to the workspace root.
pub const DEFAULT_DIRS: &[&str] = &["../shared/corpus/restJson1", "../shared/models"];

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Folders of models, or model files.
    pub dirs: Vec<PathBuf>,
    /// `cargo check` each generated crate.
    pub check: bool,
    /// With `check`, run `cargo clippy --all-targets -- -D warnings` instead of `cargo check`.
    pub clippy: bool,
    /// With `check`, enable the feature `client` of each crate that has one (a service with a
    /// SigV4 signing name), so its `Client` is compiled too.
    pub client: bool,
    /// Where the crates, the shared target directory and the report go (`target/corpus`).
    pub scratch: PathBuf,
    /// The workspace root: it holds `Cargo.lock` and `codegen/runtime`.
    pub root: PathBuf,
}

/// How one row ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Generated (and, with `--check`, checked) without error.
    Ok,
    /// Loading or generating failed.
    GenerateFailed,
    /// Generated, but `cargo check` failed.
    CheckFailed,
    /// Not attempted, for the reason given (no restJson1 service).
    Skipped(String),
    /// Only in an [`ExpectedFailure`]: the endpoint test case with this index fails.
    EndpointTestFailed(usize),
}

impl Outcome {
    fn label(&self) -> &str {
        match self {
            Outcome::Ok => "ok",
            Outcome::GenerateFailed => "generate failed",
            Outcome::CheckFailed => "check failed",
            Outcome::Skipped(_) => "skipped",
            Outcome::EndpointTestFailed(_) => "endpoint test failed",
        }
    }
}

/// One model (or one service of a model with several).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The model file's name without `.json`, with ` (Service)` for a file with several services.
    pub model: String,
    /// The service's shape id, once known.
    pub service: Option<String>,
    /// Operations generated.
    pub operations: usize,
    /// Operations left out as unsupported.
    pub skipped_operations: usize,
    /// Types generated.
    pub types: usize,
    /// Loading and generating, in milliseconds.
    pub generate_ms: Option<f64>,
    /// `cargo check`, in seconds.
    pub check_s: Option<f64>,
    /// How it ended.
    pub outcome: Outcome,
    /// The first line of the first error, if it failed (or why it was skipped).
    pub first_error: Option<String>,
    /// The service's endpoint test cases, when it has a rule set.
    pub endpoint: Option<EndpointTests>,
}

/// How a service's endpoint test cases went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointTests {
    /// How many cases the model has.
    pub total: usize,
    /// The failing ones, or why the rule set did not load (every case then failing).
    pub failures: Vec<EndpointFailure>,
}

/// A failing endpoint test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointFailure {
    /// The case's index in the model; `None` when the rule set did not load.
    pub case: Option<usize>,
    /// `case N (documentation): reason`, or why the rule set did not load.
    pub message: String,
}

impl EndpointTests {
    /// Runs the test cases of `service` in `model`; `None` when it has no rule set.
    pub fn run(model: &Model, service: &ShapeId) -> Option<EndpointTests> {
        use codegen::ir::endpoint;
        let traits = &model.shape(service)?.traits.raw;
        let rules = traits.get(endpoint::RULE_SET_TRAIT)?;
        let tests = traits.get(endpoint::TESTS_TRAIT);
        let def = match endpoint::load(service.as_str(), rules, tests) {
            Ok(def) => def,
            Err(error) => {
                let total = tests
                    .and_then(|t| t["testCases"].as_array())
                    .map_or(0, Vec::len);
                return Some(EndpointTests {
                    total,
                    failures: vec![EndpointFailure {
                        case: None,
                        message: format!("the rule set does not load: {error}"),
                    }],
                });
            }
        };
        let failures = def
            .tests
            .iter()
            .enumerate()
            .filter_map(|(i, case)| {
                let reason = case.check(&def.rule_set).err()?;
                let doc = case.documentation.as_deref().unwrap_or("no documentation");
                Some(EndpointFailure {
                    case: Some(i),
                    message: format!("case {i} ({doc}): {reason}"),
                })
            })
            .collect();
        Some(EndpointTests {
            total: def.tests.len(),
            failures,
        })
    }

    /// How many cases passed (none when the rule set did not load).
    pub fn passed(&self) -> usize {
        if self.failures.iter().any(|f| f.case.is_none()) {
            0
        } else {
            self.total - self.failures.len()
        }
    }
}

impl Row {
    fn new(model: String) -> Row {
        Row {
            model,
            service: None,
            operations: 0,
            skipped_operations: 0,
            types: 0,
            generate_ms: None,
            check_s: None,
            outcome: Outcome::Ok,
            first_error: None,
            endpoint: None,
        }
    }

    fn failed(mut self, outcome: Outcome, error: String) -> Row {
        self.outcome = outcome;
        self.first_error = Some(error);
        self
    }

    fn generated(&self) -> bool {
        matches!(self.outcome, Outcome::Ok | Outcome::CheckFailed)
    }

    fn counted(&self) -> bool {
        !matches!(self.outcome, Outcome::Skipped(_))
    }

    fn json(&self) -> Value {
        json!({
            "model": self.model,
            "service": self.service,
            "operations": self.operations,
            "skipped_operations": self.skipped_operations,
            "types": self.types,
            "generate_ms": self.generate_ms,
            "check_s": self.check_s,
            "result": self.outcome.label(),
            "first_error": self.first_error,
            "endpoint_tests": self.endpoint.as_ref().map(|e| json!({
                "total": e.total,
                "passed": e.passed(),
                "failures": e.failures.iter().map(|f| &f.message).collect::<Vec<_>>(),
            })),
        })
    }
}

/// Everything one run found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The rows, in the order of the directories and file names.
    pub rows: Vec<Row>,
    /// Whether the crates were `cargo check`ed.
    pub checked: bool,
}

/// The longest first-error text the table shows (the JSON keeps it whole).
const ERROR_WIDTH: usize = 120;

impl Report {
    /// The table: one line per row, then the summary line.
    pub fn table(&self) -> String {
        let width = self
            .rows
            .iter()
            .map(|r| r.model.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:width$}  {:>10} {:>6} {:>12} {:>9}  {:15}  first error",
            "model", "operations", "types", "generate ms", "check s", "result"
        );
        for row in &self.rows {
            let operations = if row.skipped_operations > 0 {
                format!("{} (-{})", row.operations, row.skipped_operations)
            } else {
                row.operations.to_string()
            };
            let line = format!(
                "{:width$}  {:>10} {:>6} {:>12} {:>9}  {:15}  {}",
                row.model,
                operations,
                row.types,
                row.generate_ms
                    .map_or("-".to_owned(), |ms| format!("{ms:.0}")),
                row.check_s.map_or("-".to_owned(), |s| format!("{s:.1}")),
                row.outcome.label(),
                shorten(row.first_error.as_deref().unwrap_or(""), ERROR_WIDTH),
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out.push_str(&self.summary());
        out.push('\n');
        if let Some(line) = self.endpoint_summary() {
            for (model, failure) in self.endpoint_failures() {
                let _ = writeln!(out, "endpoint test failed: {model}: {}", failure.message);
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// `endpoint tests: N/T pass (M models)`, when some service has a rule set.
    pub fn endpoint_summary(&self) -> Option<String> {
        let runs: Vec<&EndpointTests> = self
            .rows
            .iter()
            .filter_map(|r| r.endpoint.as_ref())
            .collect();
        if runs.is_empty() {
            return None;
        }
        let total: usize = runs.iter().map(|e| e.total).sum();
        let passed: usize = runs.iter().map(|e| e.passed()).sum();
        Some(format!(
            "endpoint tests: {passed}/{total} pass ({} models)",
            runs.len()
        ))
    }

    /// Every failing endpoint test case, with its row's model.
    pub fn endpoint_failures(&self) -> Vec<(&str, &EndpointFailure)> {
        self.rows
            .iter()
            .flat_map(|r| {
                let failures = r.endpoint.iter().flat_map(|e| e.failures.iter());
                failures.map(move |f| (r.model.as_str(), f))
            })
            .collect()
    }

    /// `corpus: N/M generate, K/M compile`, M counting the rows attempted; without `--check`
    /// the compile half says it was not run. Skipped rows are counted apart.
    pub fn summary(&self) -> String {
        let total = self.rows.iter().filter(|r| r.counted()).count();
        let generated = self.rows.iter().filter(|r| r.generated()).count();
        let mut line = if self.checked {
            let compiled = self
                .rows
                .iter()
                .filter(|r| r.outcome == Outcome::Ok)
                .count();
            format!("corpus: {generated}/{total} generate, {compiled}/{total} compile")
        } else {
            format!("corpus: {generated}/{total} generate, compile not checked (pass --check)")
        };
        let skipped = self.rows.len() - total;
        if skipped > 0 {
            let _ = write!(line, "; {skipped} skipped (no {REST_JSON} service)");
        }
        line
    }

    /// Whether every attempted row generated (and compiled, when checked), and every endpoint
    /// test case passed.
    pub fn passed(&self) -> bool {
        self.endpoint_failures().is_empty()
            && self
                .rows
                .iter()
                .all(|r| matches!(r.outcome, Outcome::Ok | Outcome::Skipped(_)))
    }

    /// The report as JSON (what `target/corpus/report.json` holds).
    pub fn json(&self) -> Value {
        json!({
            "summary": self.summary(),
            "endpoint_summary": self.endpoint_summary(),
            "checked": self.checked,
            "rows": self.rows.iter().map(Row::json).collect::<Vec<_>>(),
        })
    }
}

/// A known failure a run accepts (`--expected-failures FILE`): the row's model, the stage it
/// fails at (`generate`, `check`, or `endpoint:N` for its endpoint test case N) and why, each
/// line of the file being `MODEL STAGE REASON...`; blank lines and lines starting with `#` are
/// ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFailure {
    /// The row's model name, as the table shows it.
    pub model: String,
    /// [`Outcome::GenerateFailed`], [`Outcome::CheckFailed`] or
    /// [`Outcome::EndpointTestFailed`].
    pub outcome: Outcome,
    /// Why it fails today (the class of the failure and the issue that will fix it).
    pub reason: String,
}

/// Reads an expected-failures list; a malformed line is an error naming its number.
pub fn parse_expected(text: &str) -> Result<Vec<ExpectedFailure>> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.splitn(3, char::is_whitespace);
        let (model, stage, reason) = (words.next(), words.next(), words.next().map(str::trim));
        let outcome = match stage {
            Some("generate") => Outcome::GenerateFailed,
            Some("check") => Outcome::CheckFailed,
            Some(stage) if stage.starts_with("endpoint:") => {
                match stage["endpoint:".len()..].parse() {
                    Ok(case) => Outcome::EndpointTestFailed(case),
                    Err(_) => bail!(
                        "line {}: expected `endpoint:N`, found {stage:?}",
                        number + 1
                    ),
                }
            }
            _ => bail!(
                "line {}: expected `MODEL generate|check|endpoint:N REASON`, found {line:?}",
                number + 1
            ),
        };
        match (model, reason) {
            (Some(model), Some(reason)) if !reason.is_empty() => out.push(ExpectedFailure {
                model: model.to_owned(),
                outcome,
                reason: reason.to_owned(),
            }),
            _ => bail!(
                "line {}: every expected failure needs a reason: {line:?}",
                number + 1
            ),
        }
    }
    Ok(out)
}

impl Report {
    /// What makes the run fail against the expected failures: a failure that is not listed
    /// (or fails at another stage than listed), and a listed failure that no longer happens,
    /// so the list can only shrink. A `check` entry is judged only when the run checked.
    /// Endpoint test cases are judged one by one the same way.
    pub fn unexpected(&self, expected: &[ExpectedFailure]) -> Vec<String> {
        let mut problems = Vec::new();
        let failures = self.endpoint_failures();
        for (model, failure) in &failures {
            let listed = expected.iter().any(|e| {
                e.model == *model
                    && failure
                        .case
                        .is_some_and(|c| e.outcome == Outcome::EndpointTestFailed(c))
            });
            if !listed {
                problems.push(format!(
                    "{model}: endpoint test failed but not listed as an expected failure: {}",
                    failure.message
                ));
            }
        }
        for e in expected {
            if let Outcome::EndpointTestFailed(case) = e.outcome {
                let fails = failures
                    .iter()
                    .any(|(model, f)| *model == e.model && f.case == Some(case));
                if !fails && self.rows.iter().any(|r| r.model == e.model) {
                    problems.push(format!(
                        "{}: listed as `endpoint:{case}` ({}), but the case passes; update the list",
                        e.model, e.reason
                    ));
                }
            }
        }
        for row in self.rows.iter().filter(|r| r.counted()) {
            let listed = expected.iter().find(|e| {
                e.model == row.model && !matches!(e.outcome, Outcome::EndpointTestFailed(_))
            });
            match (&row.outcome, listed) {
                (Outcome::Ok, None) => {}
                (Outcome::Ok, Some(e)) if e.outcome == Outcome::CheckFailed && !self.checked => {}
                (Outcome::GenerateFailed, Some(e)) if e.outcome == Outcome::GenerateFailed => {}
                (Outcome::CheckFailed, Some(e)) if e.outcome == Outcome::CheckFailed => {}
                (outcome, None) => problems.push(format!(
                    "{}: {} but not listed as an expected failure: {}",
                    row.model,
                    outcome.label(),
                    row.first_error.as_deref().unwrap_or("")
                )),
                (outcome, Some(e)) => problems.push(format!(
                    "{}: listed as `{}` ({}), but the result is {}; update the list",
                    row.model,
                    if e.outcome == Outcome::GenerateFailed {
                        "generate"
                    } else {
                        "check"
                    },
                    e.reason,
                    outcome.label()
                )),
            }
        }
        for e in expected {
            if !self.rows.iter().any(|r| r.model == e.model) {
                problems.push(format!(
                    "{}: listed as an expected failure but not in the corpus",
                    e.model
                ));
            }
        }
        problems
    }
}

/// At most `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// The model files of `dirs`: each folder's `*.json` in name order, or the file itself. A path
/// that does not exist is an error naming it.
pub fn model_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            files.push(dir.clone());
            continue;
        }
        if !dir.is_dir() {
            bail!(
                "the corpus directory {} does not exist; pass the folders (or files) of the \
                 models to run: cargo xtask corpus [--check] DIR...",
                dir.display()
            );
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Runs the corpus and writes `report.json` into the scratch directory.
pub fn run(options: &CorpusOptions) -> Result<Report> {
    let files = model_files(&options.dirs)?;
    std::fs::create_dir_all(&options.scratch)
        .with_context(|| format!("creating {}", options.scratch.display()))?;
    let mut report = Report {
        rows: Vec::new(),
        checked: options.check,
    };
    for (i, file) in files.iter().enumerate() {
        eprintln!("corpus: [{}/{}] {}", i + 1, files.len(), file.display());
        for (row, krate) in generate_model(options, file) {
            let row = match krate {
                Some(dir) if options.check => check(options, row, &dir),
                _ => row,
            };
            report.rows.push(row);
        }
    }
    let path = options.scratch.join("report.json");
    let text = serde_json::to_string_pretty(&report.json())?;
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(report)
}

/// The rows of one model file, each with the directory of the crate written for it (if any).
fn generate_model(options: &CorpusOptions, file: &Path) -> Vec<(Row, Option<PathBuf>)> {
    let stem = file
        .file_stem()
        .map_or_else(|| "model".to_owned(), |s| s.to_string_lossy().into_owned());
    let start = Instant::now();
    let loaded = std::fs::read_to_string(file)
        .map_err(|e| format!("reading {}: {e}", file.display()))
        .and_then(|text| Model::from_json(&text).map_err(|e| first_problem(&e)));
    let model = match loaded {
        Ok(model) => model,
        Err(error) => {
            let mut row = Row::new(stem).failed(Outcome::GenerateFailed, error);
            row.generate_ms = Some(start.elapsed().as_secs_f64() * 1e3);
            return vec![(row, None)];
        }
    };
    let load_ms = start.elapsed().as_secs_f64() * 1e3;
    let services = rest_json_services(&model);
    if services.is_empty() {
        let reason = no_service_reason(&model);
        let row = Row::new(stem).failed(Outcome::Skipped(reason.clone()), reason);
        return vec![(row, None)];
    }
    let several = services.len() > 1;
    services
        .into_iter()
        .map(|service| {
            let (model_name, package) = if several {
                let name = format!("{stem} ({})", service.name());
                (name, package_name(&format!("{stem}-{}", service.name())))
            } else {
                (stem.clone(), package_name(&stem))
            };
            let mut row = Row::new(model_name);
            row.service = Some(service.to_string());
            row.endpoint = EndpointTests::run(&model, &service);
            let dir = options.scratch.join(&package);
            let started = Instant::now();
            let result = generate_one(options, &model, &service, &package, &dir);
            row.generate_ms = Some(load_ms + started.elapsed().as_secs_f64() * 1e3);
            match result {
                Ok(generated) => {
                    row.operations = generated.operations;
                    row.skipped_operations = generated.skipped.len();
                    row.types = generated.types;
                    (row, Some(dir))
                }
                Err(error) => (
                    row.failed(Outcome::GenerateFailed, first_line(&format!("{error:#}"))),
                    None,
                ),
            }
        })
        .collect()
}

/// The model's services with the restJson1 trait, in id order.
fn rest_json_services(model: &Model) -> Vec<ShapeId> {
    model
        .services()
        .filter(|(shape, _)| shape.traits.has(REST_JSON))
        .map(|(shape, _)| shape.id.clone())
        .collect()
}

fn no_service_reason(model: &Model) -> String {
    let services: Vec<String> = model
        .services()
        .map(|(shape, _)| {
            let protocols: Vec<&str> = shape
                .traits
                .raw
                .keys()
                .filter(|t| t.starts_with("aws.protocols#"))
                .map(String::as_str)
                .collect();
            if protocols.is_empty() {
                format!("`{}` has no protocol trait", shape.id)
            } else {
                format!("`{}` speaks {}", shape.id, protocols.join(", "))
            }
        })
        .collect();
    if services.is_empty() {
        "the model has no service".to_owned()
    } else {
        format!("no {REST_JSON} service: {}", services.join("; "))
    }
}

/// Generates one service's crate into `dir` (cleared first), as a crate of its own: its own
/// `[workspace]` table and a copy of the workspace's lock file.
fn generate_one(
    options: &CorpusOptions,
    model: &Model,
    service: &ShapeId,
    package: &str,
    dir: &Path,
) -> Result<codegen::Generated> {
    let config = Config {
        package_name: package.to_owned(),
        model_label: format!("{package}.json"),
        service: Some(service.clone()),
        operations: OperationSelection::All,
        skip_unsupported: false,
        runtime: runtime_dependency(&RuntimeChoice::Auto, dir, &options.root),
        strict_patterns: false,
        protocol_tests: false,
    };
    let generated = codegen::generate_with_report(model, &config)?;
    let _ = std::fs::remove_dir_all(dir);
    write_standalone(dir, &generated.files, &options.root)?;
    Ok(generated)
}

/// `cargo check`s one crate in the shared target directory.
fn check(options: &CorpusOptions, mut row: Row, dir: &Path) -> Row {
    let start = Instant::now();
    let has_client = std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.lines().any(|line| line.starts_with("client = ")));
    let features: &[&str] = if options.client && has_client {
        &["--features", "client"]
    } else {
        &[]
    };
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", options.scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .args(if options.clippy {
            &[
                "clippy",
                "--offline",
                "--quiet",
                "--message-format",
                "short",
                "--all-targets",
            ][..]
        } else {
            &["check", "--offline", "--quiet", "--message-format", "short"][..]
        })
        .args(features)
        .args(if options.clippy {
            &["--", "-D", "warnings"][..]
        } else {
            &[]
        })
        .output();
    row.check_s = Some(start.elapsed().as_secs_f64());
    match output {
        Ok(output) if output.status.success() => row,
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let error = stderr
                .lines()
                .find(|l| l.contains("error"))
                .or_else(|| stderr.lines().next())
                .unwrap_or("cargo check failed without a message")
                .to_owned();
            row.failed(Outcome::CheckFailed, error)
        }
        Err(error) => row.failed(Outcome::CheckFailed, format!("running cargo: {error}")),
    }
}

/// The first problem of a load error, with how many more there are.
fn first_problem(error: &codegen::LoadError) -> String {
    match error.problems.as_slice() {
        [] => error.to_string(),
        [one] => first_line(&one.to_string()),
        [first, rest @ ..] => format!("{} (+{} more)", first_line(&first.to_string()), rest.len()),
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_owned()
}

/// A Cargo package name for a model file: lowercase letters, digits and `-`, after `corpus-`.
pub fn package_name(stem: &str) -> String {
    let mut name = String::from("corpus-");
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(model: &str, outcome: Outcome, error: Option<&str>) -> Row {
        Row {
            model: model.to_owned(),
            service: Some(format!("ex#{model}")),
            operations: 3,
            skipped_operations: 0,
            types: 12,
            generate_ms: Some(41.6),
            check_s: None,
            outcome,
            first_error: error.map(str::to_owned),
            endpoint: None,
        }
    }

    #[test]
    fn the_table_lists_every_row_and_ends_with_the_summary() {
        let mut good = row("good", Outcome::Ok, None);
        good.skipped_operations = 2;
        let report = Report {
            rows: vec![
                good,
                row(
                    "bad",
                    Outcome::GenerateFailed,
                    Some("`ex#S`: trait `smithy.api#pattern` has an invalid value"),
                ),
                Row::new("json10".to_owned()).failed(
                    Outcome::Skipped("no restJson1".to_owned()),
                    "no aws.protocols#restJson1 service: `ex#J` speaks aws.protocols#awsJson1_0"
                        .to_owned(),
                ),
            ],
            checked: false,
        };
        assert_eq!(
            report.table(),
            "\
model   operations  types  generate ms   check s  result           first error
good        3 (-2)     12           42         -  ok
bad              3     12           42         -  generate failed  `ex#S`: trait `smithy.api#pattern` has an invalid value
json10           0      0            -         -  skipped          no aws.protocols#restJson1 service: `ex#J` speaks aws.protocols#awsJson1_0
corpus: 1/2 generate, compile not checked (pass --check); 1 skipped (no aws.protocols#restJson1 service)
"
        );
        assert!(!report.passed());
    }

    #[test]
    fn the_summary_counts_compiled_crates_when_checked() {
        let mut checked = row("a", Outcome::Ok, None);
        checked.check_s = Some(12.34);
        let report = Report {
            rows: vec![
                checked,
                row(
                    "b",
                    Outcome::CheckFailed,
                    Some("src/lib.rs:1:1: error: oops"),
                ),
                row("c", Outcome::GenerateFailed, Some("boom")),
            ],
            checked: true,
        };
        assert_eq!(report.summary(), "corpus: 2/3 generate, 1/3 compile");
        assert_eq!(
            report.table().lines().nth(1),
            Some("a               3     12           42      12.3  ok")
        );
        let json = report.json();
        assert_eq!(json["summary"], "corpus: 2/3 generate, 1/3 compile");
        assert_eq!(json["rows"][1]["result"], "check failed");
        assert_eq!(json["rows"][0]["check_s"], 12.34);
        let all_ok = Report {
            rows: vec![row("a", Outcome::Ok, None)],
            checked: true,
        };
        assert!(all_ok.passed());
    }

    #[test]
    fn long_errors_are_cut_in_the_table_only() {
        let long = "x".repeat(300);
        let report = Report {
            rows: vec![row("m", Outcome::GenerateFailed, Some(&long))],
            checked: false,
        };
        let line = report.table().lines().nth(1).unwrap().to_owned();
        assert!(line.ends_with(&format!("{}…", "x".repeat(ERROR_WIDTH - 1))));
        assert_eq!(report.json()["rows"][0]["first_error"], long);
    }

    #[test]
    fn expected_failures_are_accepted_and_the_list_can_only_shrink() {
        let expected = parse_expected(
            "# known gaps\n\nbad generate Java regex (issue 11)\nslow check rustdoc: bare CR\nfixed generate now passes\n",
        )
        .unwrap();
        assert_eq!(expected.len(), 3);
        let report = Report {
            rows: vec![
                row("bad", Outcome::GenerateFailed, Some("pattern")),
                row("slow", Outcome::Ok, None),
                row("fixed", Outcome::Ok, None),
                row("new", Outcome::GenerateFailed, Some("boom")),
            ],
            checked: false,
        };
        assert_eq!(
            report.unexpected(&expected),
            [
                "fixed: listed as `generate` (now passes), but the result is ok; update the list",
                "new: generate failed but not listed as an expected failure: boom",
            ]
        );
        // Checked, the `check` entry must fail at `check`.
        let checked = Report {
            checked: true,
            ..report
        };
        assert!(
            checked
                .unexpected(&expected)
                .contains(&"slow: listed as `check` (rustdoc: bare CR), but the result is ok; update the list".to_owned())
        );
        let gone = parse_expected("gone generate reason").unwrap();
        assert_eq!(
            Report {
                rows: Vec::new(),
                checked: false
            }
            .unexpected(&gone),
            ["gone: listed as an expected failure but not in the corpus"]
        );
        assert!(parse_expected("x generate").is_err());
        assert!(parse_expected("x compile because").is_err());
    }

    #[test]
    fn endpoint_tests_are_summed_listed_and_judged_case_by_case() {
        let failure = |case: usize| EndpointFailure {
            case: Some(case),
            message: format!("case {case} (doc): expected the URL \"a\", got \"b\""),
        };
        let mut a = row("a", Outcome::Ok, None);
        a.endpoint = Some(EndpointTests {
            total: 10,
            failures: vec![failure(3), failure(7)],
        });
        let mut b = row("b", Outcome::Ok, None);
        b.endpoint = Some(EndpointTests {
            total: 5,
            failures: Vec::new(),
        });
        let report = Report {
            rows: vec![a, b, row("c", Outcome::Ok, None)],
            checked: false,
        };
        assert_eq!(
            report.endpoint_summary().as_deref(),
            Some("endpoint tests: 13/15 pass (2 models)")
        );
        assert!(report.table().ends_with(
            "endpoint test failed: a: case 7 (doc): expected the URL \"a\", got \"b\"\n\
             endpoint tests: 13/15 pass (2 models)\n"
        ));
        assert!(!report.passed());
        let expected =
            parse_expected("a endpoint:3 older partitions\nb endpoint:1 fixed since\n").unwrap();
        assert_eq!(
            report.unexpected(&expected),
            [
                "a: endpoint test failed but not listed as an expected failure: case 7 (doc): expected the URL \"a\", got \"b\"",
                "b: listed as `endpoint:1` (fixed since), but the case passes; update the list",
            ]
        );
        assert!(parse_expected("a endpoint:x reason").is_err());
        let none = Report {
            rows: vec![row("c", Outcome::Ok, None)],
            checked: false,
        };
        assert_eq!(none.endpoint_summary(), None);
    }

    #[test]
    fn package_names_are_valid_cargo_names() {
        assert_eq!(package_name("api-gateway"), "corpus-api-gateway");
        assert_eq!(
            package_name("connect-2017-08-08.2025-04"),
            "corpus-connect-2017-08-08-2025-04"
        );
        assert_eq!(
            package_name("restJson1-RestJson"),
            "corpus-restjson1-restjson"
        );
        assert_eq!(package_name("a__b."), "corpus-a-b");
    }
}
