//! The project's tasks, as a library so tests can drive them without spawning processes.

pub mod bench;
pub mod bench_sdk;
pub mod corpus;
pub mod fuzz_seeds;
pub mod protocol_tests;
pub mod sync;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use codegen::{Config, Generated, Model, OperationSelection, RuntimeDependency, ShapeId};

/// What to generate; the defaults are the checked-in crate's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The model file.
    pub model: PathBuf,
    /// Operation names or ids; empty means `StartChatContact` unless `all_operations`.
    pub operations: Vec<String>,
    /// Generate every operation of the service.
    pub all_operations: bool,
    /// The service shape id, when the model has several.
    pub service: Option<String>,
    /// The generated package's name.
    pub crate_name: String,
    /// Leave out operations the generator cannot support yet instead of failing.
    pub skip_unsupported: bool,
    /// Fail on a `@pattern` the generated validator cannot check as written, instead of warning.
    pub strict_patterns: bool,
    /// Generate the model's protocol compliance tests (`--protocol-tests`).
    pub protocol_tests: bool,
    /// The directory the crate is written to (it decides the runtime dependency's path).
    pub out: PathBuf,
    /// How the crate depends on the runtime crate.
    pub runtime: RuntimeChoice,
}

/// The `--runtime` flag: how a generated crate finds the runtime crate (`codegen/runtime`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeChoice {
    /// A relative path dependency on this repository's `codegen/runtime` when the output lies
    /// inside the repository; a vendored copy otherwise.
    Auto,
    /// `path=DIR`: a path dependency on `DIR`, written as given (relative to the output).
    Path(String),
    /// `vendor`: a copy of the runtime crate inside the output (`vendor/restjson-runtime`).
    Vendor,
}

impl std::str::FromStr for RuntimeChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "auto" => Ok(RuntimeChoice::Auto),
            "vendor" => Ok(RuntimeChoice::Vendor),
            _ => match text.strip_prefix("path=") {
                Some(path) if !path.is_empty() => Ok(RuntimeChoice::Path(path.to_owned())),
                _ => Err(format!(
                    "expected `auto`, `vendor` or `path=DIR` (the runtime crate's directory, \
                     relative to the output), found {text:?}"
                )),
            },
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            model: workspace_root().join("models/connect.json"),
            operations: Vec::new(),
            all_operations: false,
            service: None,
            crate_name: "connect-chat".to_owned(),
            skip_unsupported: false,
            strict_patterns: false,
            protocol_tests: false,
            out: workspace_root().join("generated"),
            runtime: RuntimeChoice::Auto,
        }
    }
}

/// Reads the model and generates the crate's files (with the operations left out under
/// `skip_unsupported` and the warnings): the one code path behind every entry point.
pub fn generate(options: &Options) -> Result<Generated> {
    let config = config(options)?;
    let path = &options.model;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the model {}", path.display()))?;
    let model = Model::from_json(&text).with_context(|| format!("loading {}", path.display()))?;
    codegen::generate_with_report(&model, &config)
        .with_context(|| format!("generating from {}", path.display()))
}

/// The generator's configuration for `options` (checking the crate name and service id).
pub fn config(options: &Options) -> Result<Config> {
    if !is_package_name(&options.crate_name) {
        anyhow::bail!(
            "invalid --crate-name {:?}: use lowercase ASCII letters, digits, `-` and `_`, starting with a letter",
            options.crate_name
        );
    }
    let service = match &options.service {
        None => None,
        Some(text) => Some(ShapeId::parse(text).with_context(|| {
            format!("invalid --service {text:?}: expected an absolute shape id such as `com.example#Service`")
        })?),
    };
    Ok(Config {
        package_name: options.crate_name.clone(),
        model_label: model_label(&options.model, &workspace_root()),
        service,
        operations: if options.all_operations {
            OperationSelection::All
        } else if options.operations.is_empty() {
            OperationSelection::Named(vec!["StartChatContact".to_owned()])
        } else {
            OperationSelection::Named(options.operations.clone())
        },
        skip_unsupported: options.skip_unsupported,
        strict_patterns: options.strict_patterns,
        protocol_tests: options.protocol_tests,
        runtime: runtime_dependency(&options.runtime, &options.out, &workspace_root()),
    })
}

/// The runtime dependency for `choice` when the crate is written to `out`: with
/// [`RuntimeChoice::Auto`], the relative path from `out` to `ROOT/codegen/runtime` when `out`
/// lies inside the repository `root`, else a vendored copy. Never an absolute path.
pub fn runtime_dependency(choice: &RuntimeChoice, out: &Path, root: &Path) -> RuntimeDependency {
    match choice {
        RuntimeChoice::Path(path) => RuntimeDependency::Path(path.clone()),
        RuntimeChoice::Vendor => RuntimeDependency::Vendored,
        RuntimeChoice::Auto => {
            let (out, root) = (resolved(out), resolved(root));
            match out.strip_prefix(&root) {
                Ok(inside) => {
                    let mut path: Vec<String> =
                        inside.components().map(|_| "..".to_owned()).collect();
                    path.extend(["codegen".to_owned(), "runtime".to_owned()]);
                    RuntimeDependency::Path(path.join("/"))
                }
                Err(_) => RuntimeDependency::Vendored,
            }
        }
    }
}

/// `path` made absolute, with `.` and `..` resolved and symbolic links resolved as far as the
/// path exists (the output directory need not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut full = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    full.extend(rest.iter().rev());
    full
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Writes a generated crate into `dir` as a crate of its own, outside the workspace: the manifest
/// gains an empty `[workspace]` table and the workspace's `Cargo.lock` (from `root`) is copied
/// beside it, so it builds with the versions the workspace pins.
pub fn write_standalone(dir: &Path, files: &codegen::Files, root: &Path) -> Result<()> {
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        let text = if path == "Cargo.toml" {
            format!("{text}\n[workspace]\n")
        } else {
            text.clone()
        };
        std::fs::write(&full, text).with_context(|| format!("writing {}", full.display()))?;
    }
    let lock = root.join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock"))
        .with_context(|| format!("copying {}", lock.display()))?;
    Ok(())
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else `target/` under the workspace root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// How generated headers name a model file: its path relative to the workspace root when it
/// lies inside it (with `/` separators), else its file name. Never absolute, so the output is
/// the same on every machine.
pub fn model_label(model: &Path, root: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (model, root) = (absolute(model), absolute(root));
    match model.strip_prefix(&root) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model.json".to_owned()),
    }
}
