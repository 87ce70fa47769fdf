//! The project's tasks, as a library so tests can drive them without spawning processes.

pub mod bench;
pub mod fuzz_seeds;
pub mod sync;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use codegen::{Config, Generated, Model, OperationSelection, ShapeId};

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
        }
    }
}

/// Reads the model and generates the crate's files (and the operations left out under
/// `skip_unsupported`): the one code path behind every entry point.
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
    })
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

/// Compiles and runs the README's Rust examples as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
