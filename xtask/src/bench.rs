//! `cargo xtask bench`: generator speed and memory, compile time of the generated crate, and its
//! runtime cost against a serde-derive baseline, as a table and as JSON under `target/bench/`.
//!
//! Each figure is the median of several runs with their minimum and maximum. The generator is
//! timed in a release build of this binary, one child process per run (`bench-codegen-once`),
//! which reports its phases and its own peak resident memory (`VmHWM`). Compile times are clean
//! builds of a copy of `generated/` in a scratch target directory. The runtime figures come from
//! the divan harness in `xtask/benches/runtime.rs`; the event-stream decoding figures from the
//! scratch crate `xtask/event-stream-bench/`, which times the runtime's decoder and
//! `aws-smithy-eventstream` over the same frames in one process.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{Options, target_dir, workspace_root};

/// How much to measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchOptions {
    /// Runs per generator and compile figure.
    pub runs: usize,
    /// A smoke run: one generator run per model, one debug build, a short runtime benchmark, no
    /// release build.
    pub quick: bool,
    /// The folder of upstream models (`UPSTREAM_MODELS`), for the whole Connect model.
    pub upstream: Option<PathBuf>,
    /// Which parts to run.
    pub parts: Parts,
    /// Runs per build of the comparison with `aws-sdk-connect` (each takes minutes).
    pub sdk_runs: usize,
    /// Leave the app pair out of the comparison with `aws-sdk-connect`: only the whole
    /// service's build and check, for several runs in less time.
    pub sdk_whole_only: bool,
}

/// The parts of the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Generator time and memory.
    pub codegen: bool,
    /// Clean builds of the generated crate.
    pub compile: bool,
    /// The runtime harness.
    pub runtime: bool,
    /// Event-stream decoding throughput against `aws-smithy-eventstream`.
    pub event_stream: bool,
    /// Build times against `aws-sdk-connect` (downloads the SDK; about 20 minutes a run).
    pub sdk: bool,
}

/// A measured quantity: its samples, summarized as median, minimum and maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What was measured (`codegen/connect-all/total`).
    pub name: String,
    /// The unit of the samples (`ms`, `MB`, `s`, `ns`).
    pub unit: &'static str,
    /// The median.
    pub median: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
    /// How many samples.
    pub samples: usize,
    /// A target the figure should meet (`< 50 ms`), if any.
    pub target: Option<String>,
}

impl Figure {
    /// Summarizes `samples` (at least one).
    pub fn new(name: impl Into<String>, unit: &'static str, samples: &[f64]) -> Figure {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        Figure {
            name: name.into(),
            unit,
            median,
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
            samples: n,
            target: None,
        }
    }

    pub(crate) fn with_target(mut self, target: &str) -> Figure {
        self.target = Some(target.to_owned());
        self
    }

    fn json(&self) -> Value {
        json!({
            "name": self.name, "unit": self.unit, "median": self.median, "min": self.min,
            "max": self.max, "samples": self.samples, "target": self.target,
        })
    }
}

/// Everything one `cargo xtask bench` measured.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    /// The figures, in the order measured.
    pub figures: Vec<Figure>,
    /// Facts that are not timings (crate counts, file counts, the machine).
    pub facts: Vec<(String, String)>,
}

impl Report {
    /// The report as a table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let width = self
            .figures
            .iter()
            .map(|f| f.name.len())
            .max()
            .unwrap_or(0)
            .max(10);
        let _ = writeln!(
            out,
            "{:width$}  {:>12} {:>12} {:>12}  {:>4}  target",
            "figure", "median", "min", "max", "unit"
        );
        for f in &self.figures {
            let _ = writeln!(
                out,
                "{:width$}  {:>12} {:>12} {:>12}  {:>4}  {}",
                f.name,
                number(f.median),
                number(f.min),
                number(f.max),
                f.unit,
                f.target.as_deref().unwrap_or("")
            );
        }
        for (name, value) in &self.facts {
            let _ = writeln!(out, "{name}: {value}");
        }
        out
    }

    /// The report as JSON.
    pub fn json(&self) -> Value {
        let facts: serde_json::Map<String, Value> = self
            .facts
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        json!({
            "figures": self.figures.iter().map(Figure::json).collect::<Vec<_>>(),
            "facts": facts,
        })
    }

    pub(crate) fn fact(&mut self, name: &str, value: impl ToString) {
        self.facts.push((name.to_owned(), value.to_string()));
    }
}

fn number(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One generator run, timed phase by phase, as JSON (what `bench-codegen-once` prints).
pub fn codegen_once(options: &Options, write_to: Option<&Path>) -> Result<Value> {
    let config = crate::config(options)?;
    let start = Instant::now();
    let text = std::fs::read_to_string(&options.model)
        .with_context(|| format!("reading the model {}", options.model.display()))?;
    let model = codegen::Model::from_json(&text)
        .with_context(|| format!("loading {}", options.model.display()))?;
    let loaded = Instant::now();
    let krate = codegen::ir::build(&model, &config)?;
    let built = Instant::now();
    // The closure alone, for reference (`ir::build` computes it too).
    let ids: Vec<codegen::ShapeId> = krate.operations.iter().map(|op| op.id.clone()).collect();
    let service_errors = match model.shape(&krate.service.id).map(|s| &s.kind) {
        Some(codegen::model::ShapeKind::Service(service)) => service.errors.clone(),
        _ => Vec::new(),
    };
    let closure_start = Instant::now();
    let closure = codegen::closure::closure(&model, &ids, &service_errors);
    let closure_time = closure_start.elapsed();
    let emit_start = Instant::now();
    // Emitting and formatting alternate file by file on each thread, the threads taking files
    // from one `codegen::Work` as in `codegen::generate_with_report`; each call is timed on its
    // own and the times are summed over the threads (wall time inside each call: CPU time when
    // every thread has a core of its own, more when threads wait for one), next to the wall
    // time of the whole step.
    let work = codegen::Work::new(&krate);
    let thread = || -> Result<(Duration, Duration, codegen::Files)> {
        let (mut emit_time, mut format_time) = (Duration::ZERO, Duration::ZERO);
        let mut files = codegen::Files::new();
        let mut emitter = work.emitter();
        loop {
            let t = Instant::now();
            let Some(file) = emitter.next() else { break };
            let u = Instant::now();
            let (path, text) = codegen::render(file, &krate.model_label)?;
            emit_time += u - t;
            format_time += u.elapsed();
            files.insert(path, text);
        }
        Ok((emit_time, format_time, files))
    };
    let count = codegen::thread_count(&krate);
    let shards: Vec<Result<(Duration, Duration, codegen::Files)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..count).map(|_| scope.spawn(thread)).collect();
        let mut all = vec![thread()];
        for handle in handles {
            all.push(
                handle
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a shard panicked"))),
            );
        }
        all
    });
    let (mut emit_time, mut format_time) = (Duration::ZERO, Duration::ZERO);
    let mut files = codegen::Files::new();
    for result in shards {
        let (e, f, part) = result?;
        emit_time += e;
        format_time += f;
        files.extend(part);
    }
    let rendered = Instant::now();
    if let Some(dir) = write_to {
        crate::sync::sync(dir, &files, true)?;
    }
    let written = Instant::now();
    let bytes: usize = files.values().map(String::len).sum();
    Ok(json!({
        "load_ms": millis(loaded - start),
        "ir_ms": millis(built - loaded),
        "closure_ms": millis(closure_time),
        "emit_ms": millis(emit_time),
        "format_ms": millis(format_time),
        "write_ms": millis(written - rendered),
        "emit_format_wall_ms": millis(rendered - emit_start),
        "threads": count,
        "total_ms": millis(written - start) - millis(closure_time),
        "shapes": closure.len(),
        "types": krate.types.len(),
        "operations": krate.operations.len(),
        "files": files.len(),
        "bytes": bytes,
        "peak_rss_mb": peak_rss_mb(),
    }))
}

/// This process's peak resident set (`VmHWM`), in MB; `NaN` where `/proc` is absent.
pub fn peak_rss_mb() -> f64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return f64::NAN;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Runs the whole benchmark and writes `target/bench/report.json`.
pub fn run(options: &BenchOptions) -> Result<Report> {
    let mut report = Report::default();
    report.fact("machine", machine());
    if options.parts.codegen {
        codegen_figures(options, &mut report)?;
    }
    if options.parts.compile {
        compile_figures(options, &mut report)?;
    }
    if options.parts.runtime {
        runtime_figures(options, &mut report)?;
    }
    if options.parts.event_stream {
        event_stream_figures(options, &mut report)?;
    }
    if options.parts.sdk {
        crate::bench_sdk::figures(options, &mut report)?;
    }
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(if options.quick {
        "report-quick.json"
    } else {
        "report.json"
    });
    let text = serde_json::to_string_pretty(&report.json())?;
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    report.fact("json", path.display());
    Ok(report)
}

/// `nproc` and the CPU model.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    format!("{cpus} CPUs, {model}")
}

pub(crate) fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(workspace_root())
        .env_remove("RUSTFLAGS");
    command
}

pub(crate) fn run_command(command: &mut Command) -> Result<String> {
    let output = command
        .output()
        .with_context(|| format!("running {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{command:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn codegen_figures(options: &BenchOptions, report: &mut Report) -> Result<()> {
    eprintln!("bench: building the generator in release");
    run_command(cargo().args(["build", "--quiet", "--release", "--package", "xtask"]))?;
    let binary = target_dir().join("release/xtask");
    let mut cases = vec![(
        "slice",
        workspace_root().join("models/connect.json"),
        false,
        ("< 30 ms", "< 200 MB"),
    )];
    match &options.upstream {
        Some(dir) => cases.push((
            "connect-all",
            dir.join("connect-2017-08-08.json"),
            true,
            ("< 1000 ms", "< 200 MB"),
        )),
        None => report.fact(
            "connect-all",
            "skipped: set UPSTREAM_MODELS for the whole Connect model",
        ),
    }
    let runs = if options.quick { 1 } else { options.runs };
    for (name, model, all, (time_target, memory_target)) in cases {
        eprintln!("bench: generating {name} ({runs} runs)");
        let out = target_dir().join("bench/codegen").join(name);
        let mut samples: Vec<Value> = Vec::new();
        let mut process_ms = Vec::new();
        for _ in 0..runs {
            let mut command = Command::new(&binary);
            command
                .arg("bench-codegen-once")
                .arg("--model")
                .arg(&model)
                .arg("--out")
                .arg(&out);
            if all {
                command.args(["--all-operations", "--crate-name", "connect-all"]);
            }
            let start = Instant::now();
            let stdout = run_command(&mut command)?;
            process_ms.push(millis(start.elapsed()));
            samples
                .push(serde_json::from_str(stdout.trim()).context("reading bench-codegen-once")?);
        }
        let series =
            |key: &str| -> Vec<f64> { samples.iter().filter_map(|s| s[key].as_f64()).collect() };
        for (key, label) in [
            ("load_ms", "load"),
            ("closure_ms", "closure (alone)"),
            ("ir_ms", "ir (closure, names, boxing)"),
            ("emit_ms", "emit (summed over threads)"),
            ("format_ms", "format (summed over threads)"),
            ("emit_format_wall_ms", "emit + format (wall)"),
            ("write_ms", "write"),
        ] {
            report.figures.push(Figure::new(
                format!("codegen {name}: {label}"),
                "ms",
                &series(key),
            ));
        }
        let total = series("total_ms");
        report.figures.push(
            Figure::new(format!("codegen {name}: total"), "ms", &total).with_target(time_target),
        );
        report.figures.push(Figure::new(
            format!("codegen {name}: whole process"),
            "ms",
            &process_ms,
        ));
        report.figures.push(
            Figure::new(
                format!("codegen {name}: peak memory"),
                "MB",
                &series("peak_rss_mb"),
            )
            .with_target(memory_target),
        );
        let first = &samples[0];
        let shapes = first["shapes"].as_f64().unwrap_or(f64::NAN);
        let per_shape: Vec<f64> = total.iter().map(|t| t * 1e3 / shapes).collect();
        report.figures.push(Figure::new(
            format!("codegen {name}: per closure shape"),
            "us",
            &per_shape,
        ));
        report.fact(
            &format!("codegen {name}"),
            format!(
                "{} shapes in the closure, {} types, {} operations, {} files, {} bytes",
                first["shapes"],
                first["types"],
                first["operations"],
                first["files"],
                first["bytes"]
            ),
        );
    }
    Ok(())
}

fn compile_figures(options: &BenchOptions, report: &mut Report) -> Result<()> {
    // The checked-in crate generated again outside the workspace (its own `[workspace]`, with
    // the workspace's lock file), depending on the runtime crate by a relative path: a clean
    // build compiles the runtime crate too.
    let scratch = target_dir().join("bench/compile");
    let krate = scratch.join("connect-chat");
    let _ = std::fs::remove_dir_all(&krate);
    let generated = crate::generate(&Options {
        out: krate.clone(),
        ..Options::default()
    })?;
    crate::write_standalone(&krate, &generated.files, &workspace_root())?;
    // Settle the lock file (the workspace's, pruned to this crate) before any timing.
    run_command(cargo().current_dir(&krate).args([
        "metadata",
        "--quiet",
        "--format-version",
        "1",
    ]))?;
    let target = scratch.join("target");
    let profiles: &[(&str, &[&str], &str)] = if options.quick {
        &[("debug", &[], "< 15 s")]
    } else {
        &[("debug", &[], "< 15 s"), ("release", &["--release"], "")]
    };
    let runs = if options.quick { 1 } else { options.runs };
    for (profile, flags, target_text) in profiles {
        let mut samples = Vec::new();
        let mut crates = 0;
        for run in 0..runs {
            eprintln!(
                "bench: clean {profile} build of connect-chat ({}/{runs})",
                run + 1
            );
            let _ = std::fs::remove_dir_all(&target);
            let start = Instant::now();
            let stdout = run_command(
                cargo()
                    .current_dir(&krate)
                    .env("CARGO_TARGET_DIR", &target)
                    .args(["build", "--locked", "--offline", "--message-format", "json"])
                    .args(*flags),
            )?;
            samples.push(start.elapsed().as_secs_f64());
            let (count, proc_macros) = artifacts(&stdout);
            if !proc_macros.is_empty() {
                bail!(
                    "connect-chat pulls in proc-macro crates: {}",
                    proc_macros.join(", ")
                );
            }
            crates = count;
        }
        let mut figure = Figure::new(
            format!("compile connect-chat: clean {profile} build"),
            "s",
            &samples,
        );
        if !target_text.is_empty() {
            figure = figure.with_target(target_text);
        }
        report.figures.push(figure);
        report.fact(
            &format!("compile {profile}"),
            format!("{crates} crates (connect-chat and its dependencies), no proc macros"),
        );
    }
    let _ = std::fs::remove_dir_all(&target);
    Ok(())
}

/// The number of crates a `cargo build --message-format json` compiled (build scripts aside), and
/// the proc-macro crates among them.
pub fn artifacts(messages: &str) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut proc_macros = Vec::new();
    for line in messages.lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let kinds: Vec<&str> = message["target"]["kind"]
            .as_array()
            .map(|k| k.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if kinds.contains(&"custom-build") {
            continue;
        }
        count += 1;
        if kinds.contains(&"proc-macro") {
            proc_macros.push(message["target"]["name"].as_str().unwrap_or("?").to_owned());
        }
    }
    (count, proc_macros)
}

fn runtime_figures(options: &BenchOptions, report: &mut Report) -> Result<()> {
    eprintln!("bench: runtime (divan, xtask/benches/runtime.rs)");
    let (samples, time) = if options.quick {
        ("10", "0.05")
    } else {
        ("50", "1")
    };
    let stdout = run_command(cargo().args([
        "bench",
        "--quiet",
        "--package",
        "xtask",
        "--bench",
        "runtime",
        "--",
        "--sample-count",
        samples,
        "--min-time",
        time,
        "--color",
        "never",
    ]))?;
    let rows = parse_divan(&stdout);
    if rows.is_empty() {
        bail!("no figures in the runtime benchmark's output:\n{stdout}");
    }
    for row in &rows {
        report.figures.push(Figure {
            name: format!("runtime {}", row.name),
            unit: "ns",
            median: row.median_ns,
            min: row.fastest_ns,
            max: row.slowest_ns,
            samples: row.samples,
            target: None,
        });
    }
    let find = |name: &str| rows.iter().find(|r| r.name == name);
    // The ratios to the derive baseline come from a paired run of the same binary: divan times
    // one benchmark after the other, so drift on a shared machine would land in their ratio.
    let pairs = if options.quick { "21" } else { "201" };
    let stdout = run_command(cargo().args([
        "bench",
        "--quiet",
        "--package",
        "xtask",
        "--bench",
        "runtime",
        "--",
        "--pairs",
        pairs,
    ]))?;
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .context("no JSON from the paired runtime benchmark")?;
    let value: Value = serde_json::from_str(line).context("reading the paired benchmark")?;
    runtime_pairs_report(&value, report)?;
    // The allocation profiler prints no rows for a benchmark that allocates nothing.
    if rows.iter().any(|r| r.allocs.is_some()) {
        for name in [
            "validate_request",
            "build_request",
            "serialize_request",
            "parse_request",
        ] {
            if let Some(row) = find(name) {
                report.fact(
                    &format!("allocations per {name}"),
                    row.allocs.unwrap_or(0.0),
                );
            }
        }
    }
    Ok(())
}

fn event_stream_figures(options: &BenchOptions, report: &mut Report) -> Result<()> {
    eprintln!("bench: event-stream decoding (xtask/event-stream-bench, release build)");
    let manifest = workspace_root().join("xtask/event-stream-bench/Cargo.toml");
    let target = target_dir().join("bench/event-stream");
    run_command(
        cargo()
            .env("CARGO_TARGET_DIR", &target)
            .args([
                "build",
                "--quiet",
                "--release",
                "--locked",
                "--manifest-path",
            ])
            .arg(&manifest),
    )?;
    let (samples, sample_ms) = if options.quick {
        ("5", "10")
    } else {
        ("30", "50")
    };
    let stdout = run_command(
        Command::new(target.join("release/event-stream-bench")).args([
            "--samples",
            samples,
            "--sample-ms",
            sample_ms,
        ]),
    )?;
    let value: Value =
        serde_json::from_str(stdout.trim()).context("reading the event-stream benchmark")?;
    event_stream_report(&value, report)
}

/// A paired benchmark case's name and its samples, ours and the baseline's (`ours_ns`,
/// `baseline_ns`), of equal and non-zero length; `what` names the benchmark in the error.
fn paired_samples<'a>(case: &'a Value, what: &str) -> Result<(&'a str, Vec<f64>, Vec<f64>)> {
    let name = case["name"].as_str().unwrap_or("?");
    let series = |key: &str| -> Vec<f64> {
        case[key]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let (ours, theirs) = (series("ours_ns"), series("baseline_ns"));
    if ours.is_empty() || ours.len() != theirs.len() {
        bail!("the {what} case {name} has no paired samples");
    }
    Ok((name, ours, theirs))
}

/// The paired runtime comparisons (`benches/runtime.rs --pairs N`): per case the median of
/// the per-sample time ratios generated/derive (each sample timed both back to back), with
/// the smallest and largest ratio.
pub fn runtime_pairs_report(value: &Value, report: &mut Report) -> Result<()> {
    let cases = value["cases"]
        .as_array()
        .context("no cases in the paired runtime benchmark's output")?;
    for case in cases {
        let (name, ours, theirs) = paired_samples(case, "runtime")?;
        let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a / b).collect();
        report.figures.push(
            Figure::new(
                format!("runtime ratio generated/derive (paired): {name}"),
                "x",
                &ratios,
            )
            .with_target("<= 1.1"),
        );
        report.figures.push(Figure::new(
            format!("runtime paired {name}: generated"),
            "ns",
            &ours,
        ));
        report.figures.push(Figure::new(
            format!("runtime paired {name}: derive"),
            "ns",
            &theirs,
        ));
    }
    Ok(())
}

/// The figures of the event-stream benchmark's JSON: MB/s (10^6 bytes a second) of each
/// decoder per case, and the ratio of their times (below 1: the runtime's decoder is faster).
pub fn event_stream_report(value: &Value, report: &mut Report) -> Result<()> {
    let baseline = value["baseline"].as_str().unwrap_or("the baseline");
    let cases = value["cases"]
        .as_array()
        .context("no cases in the event-stream benchmark's output")?;
    for case in cases {
        let (name, ours, theirs) = paired_samples(case, "event-stream")?;
        let bytes = case["bytes"].as_f64().context("a case without its size")?;
        let mbps = |ns: &[f64]| -> Vec<f64> { ns.iter().map(|t| bytes / t * 1e3).collect() };
        report.figures.push(Figure::new(
            format!("event-stream decode {name}: restjson-runtime"),
            "MB/s",
            &mbps(&ours),
        ));
        report.figures.push(Figure::new(
            format!("event-stream decode {name}: {baseline}"),
            "MB/s",
            &mbps(&theirs),
        ));
        // Each sample pair ran back to back, so their ratios cancel most of the machine's drift.
        let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a / b).collect();
        report.figures.push(Figure::new(
            format!("event-stream ratio runtime/baseline time: {name}"),
            "x",
            &ratios,
        ));
        report.fact(
            &format!("event-stream {name}"),
            format!(
                "{} events, {} bytes, fed in chunks of {} bytes; {} passes per sample",
                case["events"], case["bytes"], case["chunk"], case["passes_per_sample"]
            ),
        );
    }
    Ok(())
}

/// One benchmark of divan's table.
#[derive(Debug, Clone, PartialEq)]
pub struct DivanRow {
    /// The path in the tree (`json::request_to_vec_derive`, `parse_error::Unhandled`).
    pub name: String,
    /// Fastest sample, ns per iteration.
    pub fastest_ns: f64,
    /// Slowest sample.
    pub slowest_ns: f64,
    /// Median sample.
    pub median_ns: f64,
    /// Samples taken.
    pub samples: usize,
    /// Median allocations per iteration, when the allocation profiler reported them.
    pub allocs: Option<f64>,
}

/// Reads divan's text table: a tree of names (`├─`, `╰─`) with columns fastest, slowest,
/// median, mean, samples and iterations, and under each benchmark the allocation profiler's
/// `alloc:` rows (count, then bytes).
pub fn parse_divan(output: &str) -> Vec<DivanRow> {
    let mut rows: Vec<DivanRow> = Vec::new();
    let mut groups: Vec<(usize, String)> = Vec::new();
    // Set by an `alloc:` row: the next numeric row is the allocation count.
    let mut count_next = false;
    for line in output.lines() {
        // The tree drawing (`│  ├─ `) before the name gives the depth.
        let Some(name_start) = line.find(|c: char| c.is_alphanumeric() || c == '_') else {
            continue;
        };
        let depth = line[..name_start].chars().count();
        let cells: Vec<&str> = line[name_start..].split('│').collect();
        if cells.len() < 4 {
            continue;
        }
        let rest = cells[0].trim_end();
        if rest.starts_with("max alloc:")
            || rest.starts_with("dealloc:")
            || rest.starts_with("grow:")
            || rest.starts_with("shrink:")
        {
            count_next = false;
            continue;
        }
        if rest.starts_with("alloc:") {
            count_next = true;
            continue;
        }
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            // A row of the allocation profiler: counts, then bytes.
            if std::mem::take(&mut count_next) {
                if let (Some(row), Ok(count)) = (rows.last_mut(), rest.parse::<f64>()) {
                    row.allocs = cells
                        .get(2)
                        .and_then(|c| c.trim().parse().ok())
                        .or(Some(count));
                }
            }
            continue;
        }
        let mut words = rest.split_whitespace();
        let Some(name) = words.next() else { continue };
        let value_text: Vec<&str> = words.collect();
        groups.retain(|(d, _)| *d < depth);
        if value_text.is_empty() {
            groups.push((depth, name.to_owned()));
            continue;
        }
        let (Some(fastest), Some(slowest), Some(median)) = (
            duration_ns(&value_text.join(" ")),
            duration_ns(cells[1]),
            duration_ns(cells[2]),
        ) else {
            continue;
        };
        let path: Vec<&str> = groups
            .iter()
            .map(|(_, n)| n.as_str())
            .chain([name])
            .collect();
        rows.push(DivanRow {
            name: path.join("::"),
            fastest_ns: fastest,
            slowest_ns: slowest,
            median_ns: median,
            samples: cells
                .get(4)
                .and_then(|c| c.trim().parse().ok())
                .unwrap_or(0),
            allocs: None,
        });
    }
    rows
}

/// `1.234 µs` → 1234.0.
fn duration_ns(text: &str) -> Option<f64> {
    let mut words = text.split_whitespace();
    let value: f64 = words.next()?.parse().ok()?;
    let scale = match words.next()? {
        "ps" => 1e-3,
        "ns" => 1.0,
        "µs" | "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return None,
    };
    Some(value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_median_min_and_max() {
        let f = Figure::new("x", "ms", &[3.0, 1.0, 2.0, 10.0]);
        assert_eq!((f.median, f.min, f.max, f.samples), (2.5, 1.0, 10.0, 4));
        assert_eq!(Figure::new("x", "ms", &[5.0, 1.0, 2.0]).median, 2.0);
    }

    #[test]
    fn divan_tables_are_read_with_groups_and_allocations() {
        let text = "\
Timer precision: 17 ns
runtime                 fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ build_request        11.98 µs      │ 156.8 µs      │ 13.5 µs       │ 13.82 µs      │ 2397    │ 2397
│                       max alloc:    │               │               │               │         │
│                         241         │ 241           │ 241           │ 241           │         │
│                         46.6 KB     │ 46.6 KB       │ 46.6 KB       │ 46.6 KB       │         │
│                       alloc:        │               │               │               │         │
│                         243         │ 243           │ 243           │ 243           │         │
│                         48.36 KB    │ 48.36 KB      │ 48.36 KB      │ 48.36 KB      │         │
├─ parse_error                        │               │               │               │         │
│  ├─ Internal          259.7 ns      │ 94.33 µs      │ 268.7 ns      │ 279.4 ns      │ 69745   │ 69745
│  ╰─ Unhandled         239.9 ns      │ 84.88 µs      │ 254.9 ns      │ 269.3 ns      │ 68236   │ 68236
╰─ validate_request     1.2 µs        │ 2 µs          │ 1.5 µs        │ 1.5 µs        │ 100     │ 1600
                        alloc:        │               │               │               │         │
                          0           │ 0             │ 0             │ 0             │         │
";
        let rows = parse_divan(text);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "build_request",
                "parse_error::Internal",
                "parse_error::Unhandled",
                "validate_request"
            ]
        );
        assert_eq!(rows[0].median_ns, 13_500.0);
        assert_eq!(rows[0].fastest_ns, 11_980.0);
        assert_eq!(rows[0].slowest_ns, 156_800.0);
        assert_eq!(rows[0].allocs, Some(243.0));
        assert_eq!(rows[1].allocs, None);
        assert_eq!(rows[1].median_ns, 268.7);
        assert_eq!(rows[3].allocs, Some(0.0));
        assert_eq!(rows[3].samples, 100);
    }

    #[test]
    fn paired_runtime_samples_become_median_ratios() {
        let value = json!({"cases": [{
            "name": "request to_vec", "iterations": 10,
            "ours_ns": [110.0, 100.0, 300.0], "baseline_ns": [100.0, 100.0, 100.0],
        }]});
        let mut report = Report::default();
        runtime_pairs_report(&value, &mut report).unwrap();
        let ratio = &report.figures[0];
        assert_eq!(
            ratio.name,
            "runtime ratio generated/derive (paired): request to_vec"
        );
        assert_eq!((ratio.median, ratio.min, ratio.max), (1.1, 1.0, 3.0));
        assert_eq!(ratio.target.as_deref(), Some("<= 1.1"));
        assert_eq!(report.figures[1].median, 110.0);
        let unpaired = json!({"cases": [{"name": "x", "ours_ns": [1.0], "baseline_ns": []}]});
        assert!(runtime_pairs_report(&unpaired, &mut Report::default()).is_err());
    }

    #[test]
    fn event_stream_samples_become_throughput_and_paired_ratios() {
        let value = json!({
            "baseline": "aws-smithy-eventstream 0.61",
            "cases": [{
                "name": "small", "bytes": 1000, "events": 5, "chunk": 16384,
                "passes_per_sample": 3,
                "ours_ns": [1000.0, 2000.0, 500.0], "baseline_ns": [2000.0, 2000.0, 2000.0],
            }],
        });
        let mut report = Report::default();
        event_stream_report(&value, &mut report).unwrap();
        let names: Vec<&str> = report.figures.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "event-stream decode small: restjson-runtime",
                "event-stream decode small: aws-smithy-eventstream 0.61",
                "event-stream ratio runtime/baseline time: small"
            ]
        );
        // 1000 bytes in 1000 ns is 1000 MB/s; in 2000 ns, 500; in 500 ns, 2000.
        let ours = &report.figures[0];
        assert_eq!((ours.median, ours.min, ours.max), (1000.0, 500.0, 2000.0));
        assert_eq!(report.figures[1].median, 500.0);
        let ratio = &report.figures[2];
        assert_eq!((ratio.median, ratio.min, ratio.max), (0.5, 0.25, 1.0));
        assert_eq!(
            report.facts[0].1,
            "5 events, 1000 bytes, fed in chunks of 16384 bytes; 3 passes per sample"
        );
        let unpaired =
            json!({"cases": [{"name": "x", "bytes": 1, "ours_ns": [1.0], "baseline_ns": []}]});
        assert!(event_stream_report(&unpaired, &mut Report::default()).is_err());
    }

    #[test]
    fn cargo_messages_count_crates_and_find_proc_macros() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"http"}}
{"reason":"compiler-artifact","target":{"kind":["custom-build"],"name":"build-script-build"}}
{"reason":"compiler-artifact","target":{"kind":["proc-macro"],"name":"serde_derive"}}
{"reason":"build-finished","success":true}
not json"#;
        assert_eq!(artifacts(messages), (2, vec!["serde_derive".to_owned()]));
    }

    #[test]
    fn one_generator_run_reports_every_phase() {
        let figures = codegen_once(&Options::default(), None).unwrap();
        for key in [
            "load_ms",
            "closure_ms",
            "ir_ms",
            "emit_ms",
            "format_ms",
            "write_ms",
            "total_ms",
        ] {
            assert!(
                figures[key].as_f64().is_some_and(|v| v >= 0.0),
                "{key}: {figures}"
            );
        }
        assert_eq!(figures["operations"], 1);
        assert_eq!(figures["shapes"].as_u64(), Some(43));
        assert!(figures["peak_rss_mb"].as_f64().is_some_and(|mb| mb > 0.0));
    }
}
