//! The generator's errors. Messages name the shape (and member and trait), say what is wrong,
//! start lowercase and end without a period.

use std::fmt;

use crate::model::ShapeId;

/// One problem found in a model while loading it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file is not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// The top level is not a Smithy JSON AST.
    #[error("not a Smithy JSON AST model: {reason}")]
    NotAModel {
        /// What is missing or wrong.
        reason: String,
    },
    /// The `smithy` version is one we cannot read.
    #[error("unsupported Smithy IDL version {version:?}; expected \"1.0\" or \"2.0\"")]
    UnsupportedVersion {
        /// The version the model declares.
        version: String,
    },
    /// A shape key or target is not an absolute shape id.
    #[error("`{id}` is not a valid absolute shape id (expected `namespace#Name`){context}")]
    InvalidShapeId {
        /// The text that failed to parse.
        id: String,
        /// Where it was found, as `, referenced from X`, or empty.
        context: String,
    },
    /// The `type` of a shape is not a Smithy shape type.
    #[error("shape `{id}` has unknown type {type_name:?}")]
    UnknownShapeType {
        /// The shape.
        id: String,
        /// The type as written.
        type_name: String,
    },
    /// A shape's structure is wrong (a missing `member`, a field of the wrong JSON type...).
    #[error("shape `{id}`: {reason}")]
    InvalidShape {
        /// The shape or member.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A reference to a shape the model does not define.
    #[error("`{referenced_from}` targets `{id}`, which the model does not define")]
    UnknownShape {
        /// The missing shape.
        id: String,
        /// The shape or member that refers to it.
        referenced_from: String,
    },
    /// A trait's value has the wrong form.
    #[error("`{id}`: trait `{trait_id}` has an invalid value: {reason}")]
    InvalidTraitValue {
        /// The shape or member carrying the trait.
        id: String,
        /// The trait.
        trait_id: String,
        /// What is wrong with the value.
        reason: String,
    },
    /// A trait is applied where it has no meaning.
    #[error("`{id}`: trait `{trait_id}` cannot be applied here: {reason}")]
    TraitNotApplicable {
        /// The shape or member carrying the trait.
        id: String,
        /// The trait.
        trait_id: String,
        /// Why it does not apply.
        reason: String,
    },
    /// An operation's input, output or error is not a structure.
    #[error("operation `{id}`: its {role} `{target}` is a {kind}, but must be a structure")]
    NotAStructure {
        /// The operation.
        id: String,
        /// `input`, `output` or `error`.
        role: &'static str,
        /// The offending target.
        target: String,
        /// The target's type.
        kind: &'static str,
    },
}

/// Every problem found while loading a model (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in the order they were found (shapes in id order).
    pub problems: Vec<ModelError>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid model: {one}"),
            many => write!(f, "invalid model: {} problems{}", many.len(), bullets(many)),
        }
    }
}

impl std::error::Error for LoadError {}

/// An error while generating code from a loaded model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The model defines no service shape, or several and none was chosen.
    #[error("{reason}")]
    Service {
        /// What is wrong.
        reason: String,
    },
    /// An operation name or id that the service does not have.
    #[error("service `{service}` has no operation named `{name}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownOperation {
        /// The name asked for.
        name: String,
        /// The service searched.
        service: ShapeId,
        /// The closest existing operation name, if any is close.
        suggestion: Option<String>,
    },
    /// Two model names become the same Rust name.
    #[error(
        "`{first}` and `{second}` both become the Rust name `{rust_name}`; rename one of them in the model"
    )]
    NameCollision {
        /// The Rust name both map to.
        rust_name: String,
        /// The first shape or member (in id order).
        first: String,
        /// The second shape or member.
        second: String,
    },
    /// Two things the generator names, at least one of them a name it derives (an operation's
    /// error enum, a builder, a variant it adds), take one Rust name in one scope.
    #[error(
        "{first} and {second} both take the Rust name `{rust_name}` in {scope}; rename one of them in the model"
    )]
    DerivedNameCollision {
        /// The Rust name both take.
        rust_name: String,
        /// Where the name is defined (`` `crate::operation` ``, `` the error enum of `ex#Op` ``).
        scope: String,
        /// What took it first (`` the error enum of `ex#Op` ``, or a shape id in backticks).
        first: String,
        /// What takes it second.
        second: String,
    },
    /// A model feature the generator does not support.
    #[error("`{id}` uses {feature}, which the generator does not support yet")]
    Unsupported {
        /// The shape or member.
        id: String,
        /// The feature.
        feature: String,
    },
    /// A `@default` value that does not fit its member's type.
    #[error(
        "`{id}`: trait `{trait_id}` has the value {value}, which does not fit the member's type: it takes {expected}"
    )]
    InvalidDefault {
        /// The member.
        id: String,
        /// The trait (`smithy.api#default`).
        trait_id: String,
        /// The value, as JSON.
        value: String,
        /// What the member's type takes.
        expected: String,
    },
    /// A `@pattern` that is not a valid ECMA-262 regular expression (or that the generated
    /// crate's engines cannot evaluate).
    #[error("`{id}`: trait `smithy.api#pattern` has an invalid value {pattern:?}: {reason}")]
    InvalidPattern {
        /// The shape or member carrying the pattern.
        id: String,
        /// The pattern as written.
        pattern: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// An operation uses a feature the generator does not support yet; it can be skipped.
    #[error(
        "operation `{id}` uses {feature}, which the generator does not support yet; pass \
         `--skip-unsupported` (`Config::skip_unsupported`) to leave such operations out"
    )]
    UnsupportedOperation {
        /// The operation.
        id: String,
        /// The feature, naming the shapes that use it.
        feature: String,
    },
    /// Several problems, in the order they were found (one problem is reported as itself).
    #[error("cannot generate the crate: {} problems{}", problems.len(), bullets(problems))]
    Problems {
        /// The problems (never fewer than two).
        problems: Vec<Error>,
    },
    /// The generator produced tokens that do not parse: a generator bug.
    #[error(
        "internal error: generated code for `{file}` does not parse ({reason}); tokens: {tokens}"
    )]
    Render {
        /// The file being rendered.
        file: String,
        /// syn's message.
        reason: String,
        /// The offending tokens (truncated).
        tokens: String,
    },
}

/// One `\n  - problem` line per problem.
fn bullets<T: fmt::Display>(problems: &[T]) -> String {
    problems.iter().map(|p| format!("\n  - {p}")).collect()
}
