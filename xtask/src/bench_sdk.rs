//! `cargo xtask bench --only-sdk`: build times against the AWS SDK for Rust, measured in one
//! run on one machine. Two comparisons, each a pair of clean builds run back to back:
//!
//! - a small app doing the whole StartChatContact call (`xtask/sdk-bench/app-ours`, on
//!   `connect-chat` with the feature `hyper`) against the same app on `aws-config` and
//!   `aws-sdk-connect` (`xtask/sdk-bench/app-sdk`): clean debug builds;
//! - the crate generated from the whole upstream Connect model (`--all-operations`) against
//!   `aws-sdk-connect` with `default-features = false` (`xtask/sdk-bench/connect-sdk`):
//!   clean debug builds and clean `cargo check`s.
//!
//! Every dependency is fetched before anything is timed (the SDK comes from crates.io, so this
//! part needs the network once); each build gets a fresh target directory.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::bench::{BenchOptions, Figure, Report, artifacts, cargo, run_command};
use crate::{Options, target_dir, workspace_root};

/// The pinned SDK release the comparison is made against.
pub const SDK_VERSION: &str = "1.220.0";

/// One side of a comparison: a package to build.
struct Side {
    /// What the figures call it.
    label: &'static str,
    /// Its directory (holding `Cargo.toml` and `Cargo.lock`).
    dir: PathBuf,
}

/// One comparison: ours against the SDK's, by one cargo command.
struct Pair {
    /// The figure's name (`app: clean debug build`).
    name: &'static str,
    ours: Side,
    theirs: Side,
    /// `build` or `check`.
    command: &'static str,
    /// The target the ratio should meet, if any.
    target: Option<&'static str>,
}

/// Measures the comparisons and adds their figures and facts to `report`.
///
/// # Errors
///
/// A build fails, a download fails, or the whole Connect model cannot be generated.
pub fn figures(options: &BenchOptions, report: &mut Report) -> Result<()> {
    let bench = workspace_root().join("xtask/sdk-bench");
    let scratch = target_dir().join("bench/sdk");
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let side = |label, dir: PathBuf| Side { label, dir };
    let mut pairs = Vec::new();
    if !options.sdk_whole_only {
        pairs.push(Pair {
            name: "app doing the whole call: clean debug build",
            ours: side("connect-chat (hyper)", bench.join("app-ours")),
            theirs: side("aws-sdk-connect + aws-config", bench.join("app-sdk")),
            command: "build",
            target: None,
        });
    }
    match &options.upstream {
        Some(upstream) => {
            let whole = generate_whole_connect(upstream, &scratch.join("connect-all"), report)?;
            for (name, command) in [
                ("whole Connect: clean debug build", "build"),
                ("whole Connect: clean cargo check", "check"),
            ] {
                pairs.push(Pair {
                    name,
                    ours: side("generated (all operations)", whole.clone()),
                    theirs: side(
                        "aws-sdk-connect (no default features)",
                        bench.join("connect-sdk"),
                    ),
                    command,
                    target: Some(">= 5x"),
                });
            }
            report.fact(
                "sdk aws-sdk-connect",
                format!(
                    "{SDK_VERSION}: {} lines of Rust in its src/",
                    sdk_lines(&bench.join("connect-sdk"))?
                ),
            );
        }
        None if options.sdk_whole_only => bail!(
            "--sdk-whole-only measures only the whole Connect service, which needs \
             UPSTREAM_MODELS (the folder of upstream models, with connect-2017-08-08.json)"
        ),
        None => report.fact(
            "sdk whole Connect",
            "skipped: set UPSTREAM_MODELS for the whole Connect model",
        ),
    }
    for pair in &pairs {
        for side in [&pair.ours, &pair.theirs] {
            eprintln!("bench: fetching the dependencies of {}", side.dir.display());
            run_command(cargo().current_dir(&side.dir).args(["fetch", "--locked"]))?;
        }
    }
    let runs = options.sdk_runs.max(1);
    let mut samples: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); pairs.len()];
    for run in 0..runs {
        for (pair, (ours, theirs)) in pairs.iter().zip(&mut samples) {
            for (side, into) in [(&pair.ours, &mut *ours), (&pair.theirs, &mut *theirs)] {
                eprintln!(
                    "bench: {} of {} ({}/{runs})",
                    pair.name,
                    side.label,
                    run + 1
                );
                let target = scratch.join("target");
                let (seconds, crates, proc_macros) = clean_build(&side.dir, &target, pair.command)?;
                into.push(seconds);
                if run > 0 {
                    continue;
                }
                report.fact(
                    &format!("sdk {}: {}", pair.name, side.label),
                    format!(
                        "{crates} crates, proc macros: {}",
                        if proc_macros.is_empty() {
                            "none".to_owned()
                        } else {
                            proc_macros.join(", ")
                        }
                    ),
                );
            }
        }
    }
    for (pair, (ours, theirs)) in pairs.iter().zip(&samples) {
        report.figures.push(Figure::new(
            format!("sdk {}: {}", pair.name, pair.ours.label),
            "s",
            ours,
        ));
        report.figures.push(Figure::new(
            format!("sdk {}: {}", pair.name, pair.theirs.label),
            "s",
            theirs,
        ));
        // Both builds of a run ran back to back: their ratio cancels most of the drift.
        let ratios: Vec<f64> = ours.iter().zip(theirs).map(|(a, b)| b / a).collect();
        let figure = Figure::new(
            format!("sdk ratio {}: aws-sdk-connect / ours", pair.name),
            "x",
            &ratios,
        );
        report.figures.push(match pair.target {
            Some(target) => figure.with_target(target),
            None => figure,
        });
    }
    let _ = std::fs::remove_dir_all(scratch.join("target"));
    Ok(())
}

/// Generates the whole upstream Connect model into `out` as a standalone crate (the
/// workspace's lock file, settled before any timing) and reports its size.
fn generate_whole_connect(upstream: &Path, out: &Path, report: &mut Report) -> Result<PathBuf> {
    let _ = std::fs::remove_dir_all(out);
    let generated = crate::generate(&Options {
        model: upstream.join("connect-2017-08-08.json"),
        all_operations: true,
        crate_name: "connect-all".to_owned(),
        out: out.to_owned(),
        ..Options::default()
    })?;
    crate::write_standalone(out, &generated.files, &workspace_root())?;
    run_command(
        cargo()
            .current_dir(out)
            .args(["metadata", "--quiet", "--format-version", "1"]),
    )?;
    let lines: usize = generated
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
    let operations = generated
        .files
        .keys()
        .filter(|path| path.starts_with("src/operation/") && !path.ends_with("/mod.rs"))
        .count();
    report.fact(
        "sdk whole Connect generated",
        format!("{operations} operations, {lines} lines of Rust"),
    );
    Ok(out.to_owned())
}

/// A clean `cargo <command>` of the package in `dir` into a fresh `target`: seconds, crates
/// compiled, and the proc-macro crates among them.
///
/// Incremental compilation is off for both sides: cargo turns it on only for path packages,
/// which would make our generated crate (the package being built) pay for the incremental
/// cache (about a fifth of its `cargo check`, measured) while the SDK, a registry dependency,
/// does not. A crate depending on ours from a registry or git builds it without the cache too.
fn clean_build(dir: &Path, target: &Path, command: &str) -> Result<(f64, usize, Vec<String>)> {
    let _ = std::fs::remove_dir_all(target);
    let start = Instant::now();
    let stdout = run_command(
        cargo()
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", "0")
            .args([command, "--locked", "--offline", "--message-format", "json"]),
    )?;
    let seconds = start.elapsed().as_secs_f64();
    let (crates, proc_macros) = artifacts(&stdout);
    Ok((seconds, crates, proc_macros))
}

/// The lines of Rust under `aws-sdk-connect`'s `src/`, found through `cargo metadata`.
fn sdk_lines(package: &Path) -> Result<usize> {
    let stdout = run_command(cargo().current_dir(package).args([
        "metadata",
        "--format-version",
        "1",
        "--locked",
    ]))?;
    let metadata: Value = serde_json::from_str(&stdout).context("reading cargo metadata")?;
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|p| p["name"] == "aws-sdk-connect" && p["version"] == SDK_VERSION)
        })
        .and_then(|p| p["manifest_path"].as_str())
        .context("aws-sdk-connect is not in the metadata")?;
    let src = Path::new(manifest)
        .parent()
        .context("a manifest path without a parent")?
        .join("src");
    let mut lines = 0;
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                lines += std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?
                    .lines()
                    .count();
            }
        }
    }
    if lines == 0 {
        bail!("no Rust source found for aws-sdk-connect");
    }
    Ok(lines)
}
