//! A Smithy 2.0 JSON AST to Rust code generator.
//!
//! Layers, in one direction: [`model`] (the JSON AST as typed Rust, validated on load) →
//! [`closure`] (the shapes the chosen operations reach) → [`ir`] (Rust names, wire names,
//! Option-ness, boxing, docs, decided once) → `emit` (one pure function per concern, building
//! token streams) → `render` (prettyplease and the header) → [`generate`], which returns the files
//! of the crate as a sorted map. Only the caller touches the file system.

pub mod closure;
pub mod docs;
mod emit;
pub mod error;
pub mod ir;
pub mod model;
pub mod naming;
pub mod pattern;
mod render;

use std::collections::BTreeMap;

pub use error::{Error, LoadError, ModelError};
pub use model::{Model, ShapeId};

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationSelection {
    /// Every operation of the service (bound directly or through resources).
    All,
    /// The operations with these names (`StartChatContact`) or absolute shape ids.
    Named(Vec<String>),
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The Cargo package name of the generated crate (`connect-chat`).
    pub package_name: String,
    /// How the generated headers name the model file: a path relative to the workspace, or a
    /// file name. Never an absolute path, so output is identical on every machine.
    pub model_label: String,
    /// The service to generate; `None` picks the model's only service.
    pub service: Option<ShapeId>,
    /// The operations to generate.
    pub operations: OperationSelection,
    /// Leave out (and list in the crate docs) operations that use features the generator does
    /// not support yet, such as event streams, instead of failing on them.
    pub skip_unsupported: bool,
}

/// The generated crate: file contents by path relative to the crate root, in sorted order.
pub type Files = BTreeMap<String, String>;

/// Generates the crate for `config` from a loaded model.
pub fn generate(model: &Model, config: &Config) -> Result<Files, Error> {
    generate_with_report(model, config).map(|g| g.files)
}

/// The generated files, and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files of the crate.
    pub files: Files,
    /// Operations left out under [`Config::skip_unsupported`]: shape id and the feature.
    pub skipped: Vec<(ShapeId, String)>,
}

/// Generates the crate and reports the operations `Config::skip_unsupported` left out.
pub fn generate_with_report(model: &Model, config: &Config) -> Result<Generated, Error> {
    let krate = ir::build(model, config)?;
    Ok(Generated {
        files: emit::files(&krate)?,
        skipped: krate.skipped.clone(),
    })
}

/// The library name for a package name: `connect-chat` → `connect_chat`.
pub fn library_name(package_name: &str) -> String {
    package_name.replace('-', "_")
}
