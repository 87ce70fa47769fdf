//! A Smithy 2.0 JSON AST to Rust code generator.
//!
//! Layers, in one direction: [`model`] (the JSON AST as typed Rust, validated on load) →
//! [`closure`] (the shapes the chosen operations reach) → [`ir`] (Rust names, wire names,
//! Option-ness, boxing, docs, decided once) → `emit` (one pure function per concern, building
//! token streams) → `render` (prettyplease and the header) → [`generate`], which returns the files
//! of the crate as a sorted map. Only the caller touches the file system.
//!
//! Generated crates depend on the runtime crate `restjson-runtime` (`codegen/runtime/`, see
//! [`RuntimeDependency`]): everything every generated crate needs is written and tested there
//! once, and generated code is declarations over it.

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

pub use error::{Error, Warning};
pub use model::{LoadError, Model, ModelError, ShapeId};

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
    /// Where the generated crate finds the runtime crate every generated crate shares.
    pub runtime: RuntimeDependency,
    /// Fail on a `@pattern` the generated validator cannot check as written (one that cannot
    /// be compiled, that can never match, or that needs the backtracking engine for want of a
    /// linear translation) instead of generating the crate with a [`Warning`].
    pub strict_patterns: bool,
    /// Generate the protocol compliance tests the model carries (`smithy.test` traits on the
    /// chosen operations and their errors) as `#[cfg(test)]` tests of the crate.
    pub protocol_tests: bool,
}

/// How the generated crate depends on the runtime crate (`restjson-runtime`), whose version
/// it pins exactly: the generator and the runtime change together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path dependency, written into the manifest as given: relative to the generated crate's
    /// root (`../codegen/runtime` for the checked-in crate), so the output names no absolute
    /// path.
    Path(String),
    /// A copy of the runtime crate inside the generated crate, at [`VENDORED_RUNTIME`], so the
    /// crate builds wherever it is put.
    Vendored,
}

/// Where [`RuntimeDependency::Vendored`] puts the runtime crate, relative to the generated
/// crate's root.
pub const VENDORED_RUNTIME: &str = "vendor/restjson-runtime";

/// The runtime crate's package name and version, as generated manifests name them.
pub const RUNTIME_PACKAGE: (&str, &str) = (emit::RUNTIME_PACKAGE, emit::RUNTIME_VERSION);

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
    /// How many operations the crate has.
    pub operations: usize,
    /// How many types (structures, unions, enums, ...) the crate has.
    pub types: usize,
    /// What the user should know about the crate, such as patterns left out (see
    /// [`Config::strict_patterns`]).
    pub warnings: Vec<Warning>,
}

/// Generates the crate and reports the operations `Config::skip_unsupported` left out and the
/// warnings:
/// [`ir::build`], then emitting and rendering ([`Work`], [`render`]) file by file on
/// [`thread_count`] threads. The files come out in a sorted map, so the result does not depend
/// on the threads; should several files fail to render, the error is the one that sorts first.
pub fn generate_with_report(model: &Model, config: &Config) -> Result<Generated, Error> {
    let krate = ir::build(model, config)?;
    let work = Work::new(&krate);
    let render_all = || -> Vec<Result<(String, String), Error>> {
        work.emitter()
            .map(|file| render(file, &krate.model_label))
            .collect()
    };
    let count = thread_count(&krate);
    let results: Vec<Result<(String, String), Error>> = if count == 1 {
        render_all()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..count).map(|_| scope.spawn(render_all)).collect();
            let mut all = render_all();
            for handle in handles {
                match handle.join() {
                    Ok(results) => all.extend(results),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    };
    let mut files = Files::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((path, text)) => {
                files.insert(path, text);
            }
            Err(error) => errors.push(error),
        }
    }
    if let Some(error) = errors
        .into_iter()
        .min_by(|a, b| a.to_string().cmp(&b.to_string()))
    {
        return Err(error);
    }
    Ok(Generated {
        files,
        skipped: krate.skipped.clone(),
        operations: krate.operations.len(),
        types: krate.types.len(),
        warnings: krate.warnings.clone(),
    })
}

/// How many threads [`generate_with_report`] renders with: one per available CPU, at most 8,
/// and one for a crate of fewer than 64 types (threads would cost more than they save).
pub fn thread_count(krate: &ir::Crate) -> usize {
    if krate.types.len() < 64 {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// One generated file before formatting: a Rust file as a token stream, or text.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    path: String,
    body: render::Unrendered,
}

impl EmittedFile {
    /// The path relative to the crate root.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// The files of a crate to emit, shared by the threads that emit and render them: each
/// [`Emitter`] takes the next file no thread has taken yet, so threads stay busy to the end
/// whatever the sizes of the files. The first half of [`generate_with_report`], public so that
/// benchmarks can time emitting and formatting apart.
pub struct Work<'a>(emit::Work<'a>);

impl<'a> Work<'a> {
    /// The work of emitting every file of `krate`.
    pub fn new(krate: &'a ir::Crate) -> Self {
        Work(emit::Work::new(krate))
    }

    /// An iterator over files not taken yet, emitted one at a time when asked for (so only the
    /// files being worked on are alive at once); use one per thread.
    pub fn emitter(&self) -> Emitter<'_, 'a> {
        Emitter(emit::Emitter::new(&self.0))
    }
}

/// The files one thread takes from a [`Work`], unformatted.
pub struct Emitter<'w, 'a>(emit::Emitter<'w, 'a>);

impl Iterator for Emitter<'_, '_> {
    type Item = EmittedFile;

    fn next(&mut self) -> Option<EmittedFile> {
        self.0.next().map(|(path, body)| EmittedFile { path, body })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// Formats one emitted file (`syn` and `prettyplease`, then the header): the second half of
/// [`generate_with_report`]. Returns the path and the text. `model_label` is the crate's
/// [`ir::Crate::model_label`].
pub fn render(file: EmittedFile, model_label: &str) -> Result<(String, String), Error> {
    let text = render::file(file.body, &file.path, model_label)?;
    Ok((file.path, text))
}

/// The library name for a package name: `connect-chat` → `connect_chat`.
pub fn library_name(package_name: &str) -> String {
    package_name.replace('-', "_")
}
