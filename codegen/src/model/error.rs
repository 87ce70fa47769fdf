//! The errors of loading a model: each problem found, and all of them together. Messages name
//! the shape (and member and trait), say what is wrong, start lowercase and end without a
//! period.

use std::fmt;

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
    /// An entry of a service's `rename` that Smithy does not allow.
    #[error("service `{service}` cannot rename `{shape}` to {name:?}: {reason}")]
    InvalidRename {
        /// The service.
        service: String,
        /// The renamed shape, as the `rename` key writes it.
        shape: String,
        /// The new name.
        name: String,
        /// Why not.
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
    /// A reference to a mixin from anywhere but another shape's `mixins`.
    #[error(
        "`{referenced_from}` targets `{id}`, which is a mixin: mixins are only mixed into other shapes, never targeted"
    )]
    TargetsMixin {
        /// The mixin.
        id: String,
        /// The shape or member that refers to it.
        referenced_from: String,
    },
    /// A shape's `mixins` names a shape that cannot be mixed into it.
    #[error("shape `{id}` cannot mix in `{mixin}`: {reason}")]
    InvalidMixin {
        /// The shape (or member) mixing in.
        id: String,
        /// The mixin.
        mixin: String,
        /// Why it cannot.
        reason: String,
    },
    /// An `"type": "apply"` entry whose trait cannot be applied.
    #[error("`{id}`: cannot apply trait `{trait_id}`: {reason}")]
    InvalidApply {
        /// The shape or member the entry names.
        id: String,
        /// The trait.
        trait_id: String,
        /// Why not.
        reason: String,
    },
    /// A trait both declared on a shape and applied to it by an `apply` entry, with values that
    /// do not merge (only equal values and lists merge).
    #[error(
        "`{id}`: trait `{trait_id}` is declared and applied with different values; keep one, or make both lists (lists are concatenated)"
    )]
    TraitConflict {
        /// The shape or member.
        id: String,
        /// The trait.
        trait_id: String,
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
            many => {
                write!(f, "invalid model: {} problems", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}
