//! `cargo xtask`: the project's command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use xtask::{Options, bench, corpus, protocol_tests, sync, workspace_root};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Project tasks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the Rust crate from the Smithy model (by default `models/connect.json` into `generated/`).
    Codegen(CodegenArgs),
    /// Measure the generator, the generated crate's compile time and its runtime against a
    /// serde-derive baseline; prints a table and writes `target/bench/report.json`.
    Bench(BenchArgs),
    /// One timed generator run, printed as JSON (the child process of `bench`).
    #[command(hide = true)]
    BenchCodegenOnce(BenchCodegenOnceArgs),
    /// Write the seed corpora of the fuzz targets (`fuzz/corpus/`) from the tests' requests,
    /// responses and models.
    FuzzSeeds,
    /// Generate every model of a corpus (every operation, unsupported ones left out) into
    /// `target/corpus/`, optionally `cargo check` each crate; prints a table and writes
    /// `target/corpus/report.json`.
    Corpus(CorpusArgs),
    /// Generate the official Smithy restJson1 protocol compliance suite's service with its
    /// `smithy.test` cases as tests (into `target/protocol-tests/`), run them, and print the
    /// counts per category.
    ProtocolTests(ProtocolTestsArgs),
}

#[derive(Args, Debug)]
struct ProtocolTestsArgs {
    /// The suite's model; default `$PROTOCOL_TESTS/restJson1.json`, else
    /// `../shared/protocol-tests/restJson1.json` (relative to the workspace root).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Known failures (a test's path under `protocol_tests::` and its reason, one per line):
    /// any other failure, or a listed test that passes, fails the run.
    #[arg(long, value_name = "FILE")]
    expected_failures: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CorpusArgs {
    /// `cargo check` each generated crate (in one shared target directory,
    /// `target/corpus/target`).
    #[arg(long)]
    check: bool,
    /// With `--check`, run `cargo clippy --all-targets -- -D warnings` on each crate instead of
    /// `cargo check`.
    #[arg(long, requires = "check")]
    clippy: bool,
    /// With `--check`, enable each crate's feature `client` (where the service has a SigV4
    /// signing name), so the generated `Client` is compiled and linted too.
    #[arg(long, requires = "check")]
    client: bool,
    /// Folders of models (their `*.json` files) or model files. Defaults to
    /// `../shared/corpus/restJson1` and `../shared/models`, relative to the workspace root.
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// A list of known failures (`MODEL generate|check REASON` per line): the run fails on any
    /// other failure and on a listed one that passes, so the list can only shrink.
    #[arg(long, value_name = "FILE")]
    expected_failures: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// A fast smoke run: one run of each figure, a debug build only, a short runtime benchmark.
    #[arg(long)]
    quick: bool,
    /// Runs per generator and compile figure.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Measure only the generator.
    #[arg(long, conflicts_with_all = ["only_compile", "only_runtime", "only_event_stream", "only_sdk"])]
    only_codegen: bool,
    /// Measure only the generated crate's compile time.
    #[arg(long, conflicts_with_all = ["only_runtime", "only_event_stream", "only_sdk"])]
    only_compile: bool,
    /// Measure only the runtime benchmark.
    #[arg(long, conflicts_with_all = ["only_event_stream", "only_sdk"])]
    only_runtime: bool,
    /// Measure only event-stream decoding (the runtime's decoder and aws-smithy-eventstream).
    #[arg(long, conflicts_with = "only_sdk")]
    only_event_stream: bool,
    /// Measure only the build times against aws-sdk-connect (xtask/sdk-bench: an app doing
    /// the whole call, and the whole Connect service; needs the network once, and
    /// UPSTREAM_MODELS for the whole service). Left out of a full run: about 20 minutes.
    #[arg(long, conflicts_with = "quick")]
    only_sdk: bool,
    /// Runs per build of `--only-sdk`.
    #[arg(long, default_value_t = 1, value_name = "N")]
    sdk_runs: usize,
    /// With `--only-sdk`, only the whole Connect service (its build and its check), not the
    /// app: about half the time of a run, for more runs.
    #[arg(long, requires = "only_sdk")]
    sdk_whole_only: bool,
}

#[derive(Args, Debug)]
struct BenchCodegenOnceArgs {
    /// The model file.
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    /// Generate every operation of the service.
    #[arg(long)]
    all_operations: bool,
    /// The Cargo package name of the generated crate.
    #[arg(long, value_name = "NAME", default_value = "connect-chat")]
    crate_name: String,
    /// Write the crate here (timed as the `write` phase).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CodegenArgs {
    /// The Smithy 2.0 JSON AST model to read.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// An operation to generate, by name (`StartChatContact`) or shape id; repeatable.
    /// Defaults to `StartChatContact`.
    #[arg(
        long = "operation",
        value_name = "NAME",
        conflicts_with = "all_operations"
    )]
    operations: Vec<String>,
    /// Generate every operation of the service.
    #[arg(long)]
    all_operations: bool,
    /// The service shape id, when the model has more than one service.
    #[arg(long, value_name = "SHAPE_ID")]
    service: Option<String>,
    /// The directory of the generated crate.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The Cargo package name of the generated crate.
    #[arg(long, value_name = "NAME", default_value = "connect-chat")]
    crate_name: String,
    /// Write nothing; fail listing changed, missing and orphaned files if the crate is stale.
    #[arg(long)]
    check: bool,
    /// Leave out operations that use features the generator does not support yet (event
    /// streams, ...), listing each by shape id, instead of failing.
    #[arg(long)]
    skip_unsupported: bool,
    /// Fail on a `@pattern` the generated validator cannot check as written (one that cannot
    /// be compiled, that can never match, or that needs the backtracking engine for want of a
    /// linear translation) instead of warning and generating the crate.
    #[arg(long)]
    strict_patterns: bool,
    /// Generate the protocol compliance tests the model carries (`smithy.test` traits) as
    /// `#[cfg(test)]` tests of the crate, run by `cargo test`.
    #[arg(long)]
    protocol_tests: bool,
    /// How the crate depends on the runtime crate every generated crate shares: `auto` (a
    /// relative path to this repository's `codegen/runtime` when the output is inside the
    /// repository, else `vendor`), `vendor` (a copy inside the output, at
    /// `vendor/restjson-runtime`) or `path=DIR` (DIR relative to the output).
    #[arg(long, value_name = "auto|vendor|path=DIR", default_value = "auto")]
    runtime: xtask::RuntimeChoice,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen(&args),
        Command::Bench(args) => bench(&args),
        Command::BenchCodegenOnce(args) => bench_codegen_once(&args),
        Command::Corpus(args) => corpus(&args),
        Command::ProtocolTests(args) => run_protocol_tests(&args),
        Command::FuzzSeeds => xtask::fuzz_seeds::write(&workspace_root()).map(|n| {
            println!("wrote {n} seed files under fuzz/corpus/");
            ExitCode::SUCCESS
        }),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn codegen(args: &CodegenArgs) -> Result<ExitCode> {
    let defaults = Options::default();
    let options = Options {
        model: args.model.clone().unwrap_or(defaults.model),
        operations: args.operations.clone(),
        all_operations: args.all_operations,
        service: args.service.clone(),
        crate_name: args.crate_name.clone(),
        skip_unsupported: args.skip_unsupported,
        strict_patterns: args.strict_patterns,
        protocol_tests: args.protocol_tests,
        out: args.out.clone().unwrap_or(defaults.out),
        runtime: args.runtime.clone(),
    };
    let out = options.out.clone();
    let generated = xtask::generate(&options)?;
    for (id, reason) in &generated.skipped {
        eprintln!("warning: skipped operation `{id}`: it uses {reason}");
    }
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let files = generated.files;
    let drift = sync::sync(&out, &files, !args.check)?;
    if args.check {
        if drift.is_empty() {
            println!("{} is up to date ({} files)", out.display(), files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} does not match the generator:\n{drift}", out.display());
        eprintln!("Fix it with: {}", fix_command(args));
        return Ok(ExitCode::FAILURE);
    }
    if drift.is_empty() {
        println!("{} is up to date ({} files)", out.display(), files.len());
    } else {
        print!("updated {}:\n{drift}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn corpus(args: &CorpusArgs) -> Result<ExitCode> {
    let root = workspace_root();
    let dirs = if args.dirs.is_empty() {
        corpus::DEFAULT_DIRS.iter().map(|d| root.join(d)).collect()
    } else {
        args.dirs.clone()
    };
    let options = corpus::CorpusOptions {
        dirs,
        check: args.check,
        clippy: args.clippy,
        client: args.client,
        scratch: xtask::target_dir().join("corpus"),
        root,
    };
    let expected = match &args.expected_failures {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(corpus::parse_expected(&text).with_context(|| format!("in {}", path.display()))?)
        }
        None => None,
    };
    let report = corpus::run(&options)?;
    print!("{}", report.table());
    println!("report: {}", options.scratch.join("report.json").display());
    let Some(expected) = expected else {
        return Ok(if report.passed() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    };
    let problems = report.unexpected(&expected);
    println!(
        "expected failures: {} listed; {} unexpected result(s)",
        expected.len(),
        problems.len()
    );
    for problem in &problems {
        eprintln!("corpus: {problem}");
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn run_protocol_tests(args: &ProtocolTestsArgs) -> Result<ExitCode> {
    let root = workspace_root();
    let model = match (&args.model, std::env::var_os("PROTOCOL_TESTS")) {
        (Some(model), _) => model.clone(),
        (None, Some(dir)) => PathBuf::from(dir).join("restJson1.json"),
        (None, None) => root.join("../shared/protocol-tests/restJson1.json"),
    };
    let expected = match &args.expected_failures {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(
                protocol_tests::parse_expected(&text)
                    .with_context(|| format!("in {}", path.display()))?,
            )
        }
        None => None,
    };
    let options = protocol_tests::Options {
        model,
        scratch: xtask::target_dir().join("protocol-tests"),
        root,
    };
    let report = protocol_tests::run(&options)?;
    let problems = report.unexpected(expected.as_deref().unwrap_or(&[]));
    if let Some(expected) = &expected {
        println!("expected failures: {} listed", expected.len());
    }
    for problem in &problems {
        eprintln!("protocol tests: {problem}");
    }
    print!("{}", report.summary());
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn bench(args: &BenchArgs) -> Result<ExitCode> {
    let any_only = args.only_codegen
        || args.only_compile
        || args.only_runtime
        || args.only_event_stream
        || args.only_sdk;
    let options = bench::BenchOptions {
        runs: args.runs.max(1),
        quick: args.quick,
        upstream: std::env::var_os("UPSTREAM_MODELS").map(PathBuf::from),
        parts: bench::Parts {
            codegen: !any_only || args.only_codegen,
            compile: !any_only || args.only_compile,
            runtime: !any_only || args.only_runtime,
            event_stream: !any_only || args.only_event_stream,
            sdk: args.only_sdk,
        },
        sdk_runs: args.sdk_runs,
        sdk_whole_only: args.sdk_whole_only,
    };
    let report = bench::run(&options)?;
    print!("{}", report.table());
    Ok(ExitCode::SUCCESS)
}

fn bench_codegen_once(args: &BenchCodegenOnceArgs) -> Result<ExitCode> {
    let options = Options {
        model: args.model.clone(),
        all_operations: args.all_operations,
        crate_name: args.crate_name.clone(),
        out: args.out.clone().unwrap_or_else(|| Options::default().out),
        ..Options::default()
    };
    let figures = bench::codegen_once(&options, args.out.as_deref())?;
    println!("{figures}");
    Ok(ExitCode::SUCCESS)
}

/// The command that regenerates with the same flags, minus `--check`.
fn fix_command(args: &CodegenArgs) -> String {
    let mut command = "cargo xtask codegen".to_owned();
    if let Some(model) = &args.model {
        command.push_str(&format!(" --model {}", model.display()));
    }
    if let Some(service) = &args.service {
        command.push_str(&format!(" --service {service}"));
    }
    for op in &args.operations {
        command.push_str(&format!(" --operation {op}"));
    }
    if args.all_operations {
        command.push_str(" --all-operations");
    }
    if let Some(out) = &args.out {
        command.push_str(&format!(" --out {}", out.display()));
    }
    if args.skip_unsupported {
        command.push_str(" --skip-unsupported");
    }
    if args.strict_patterns {
        command.push_str(" --strict-patterns");
    }
    match &args.runtime {
        xtask::RuntimeChoice::Auto => {}
        xtask::RuntimeChoice::Vendor => command.push_str(" --runtime vendor"),
        xtask::RuntimeChoice::Path(path) => command.push_str(&format!(" --runtime path={path}")),
    }
    if args.crate_name != "connect-chat" {
        command.push_str(&format!(" --crate-name {}", args.crate_name));
    }
    command
}
