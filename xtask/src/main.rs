//! `cargo xtask`: the project's command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use codegen::{Config, Model, OperationSelection, ShapeId};
use xtask::{model_label, sync, workspace_root};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen(&args),
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
    let root = workspace_root();
    let model_path = args
        .model
        .clone()
        .unwrap_or_else(|| root.join("models/connect.json"));
    let out = args.out.clone().unwrap_or_else(|| root.join("generated"));
    if !is_package_name(&args.crate_name) {
        bail!(
            "invalid --crate-name {:?}: use lowercase ASCII letters, digits, `-` and `_`, starting with a letter",
            args.crate_name
        );
    }
    let service = match &args.service {
        None => None,
        Some(text) => Some(
            ShapeId::parse(text)
                .with_context(|| format!("invalid --service {text:?}: expected an absolute shape id such as `com.example#Service`"))?,
        ),
    };
    let text = std::fs::read_to_string(&model_path)
        .with_context(|| format!("reading the model {}", model_path.display()))?;
    let model =
        Model::from_json(&text).with_context(|| format!("loading {}", model_path.display()))?;
    let config = Config {
        package_name: args.crate_name.clone(),
        model_label: model_label(&model_path, &root),
        service,
        operations: if args.all_operations {
            OperationSelection::All
        } else if args.operations.is_empty() {
            OperationSelection::Named(vec!["StartChatContact".to_owned()])
        } else {
            OperationSelection::Named(args.operations.clone())
        },
        skip_unsupported: args.skip_unsupported,
    };
    let generated = codegen::generate_with_report(&model, &config)
        .with_context(|| format!("generating from {}", model_path.display()))?;
    for (id, reason) in &generated.skipped {
        eprintln!("warning: skipped operation `{id}`: it uses {reason}");
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
    if args.crate_name != "connect-chat" {
        command.push_str(&format!(" --crate-name {}", args.crate_name));
    }
    command
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
