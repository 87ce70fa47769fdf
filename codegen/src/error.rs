//! The generator's errors. Messages name the shape (and member and trait), say what is wrong,
//! start lowercase and end without a period.
//!
//! The errors of loading a model live with the model ([`crate::model::ModelError`],
//! [`crate::model::LoadError`]); they are re-exported here and at the crate root.

pub use crate::model::{LoadError, ModelError};

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
        /// The service searched (its shape id).
        service: String,
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
    /// Two shapes that define types become the same Rust type name (after the service's
    /// `rename`).
    #[error(
        "`{first}` and `{second}` both become the Rust type name `{rust_name}`; rename one of them in the model, or for this service with its `rename` property"
    )]
    TypeNameCollision {
        /// The Rust name both map to (the type's, or its module's).
        rust_name: String,
        /// The first shape (in Rust name order, then id order).
        first: String,
        /// The second shape.
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
    /// A trait whose value does not fit the shapes it refers to (an `@endpoint` host prefix
    /// naming a label the input does not bind with `@hostLabel`).
    #[error("`{id}`: trait `{trait_id}` {reason}")]
    InvalidTrait {
        /// The shape carrying the trait.
        id: String,
        /// The trait.
        trait_id: String,
        /// What is wrong, and what to do.
        reason: String,
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
    /// A service's endpoint rule set or its test cases do not check.
    #[error("service `{service}`: trait `{trait_id}` is invalid: {reason}")]
    InvalidEndpointRules {
        /// The service.
        service: String,
        /// `smithy.rules#endpointRuleSet` or `smithy.rules#endpointTests`.
        trait_id: String,
        /// What is wrong, and where (`rules[2].conditions[0]: unknown function `foo``).
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
    /// A `smithy.test` protocol test case that does not fit the model or the trait's form.
    #[error("`{id}`: trait `{trait_id}`, case `{case}`: {reason}")]
    InvalidProtocolTest {
        /// The operation or error structure carrying the case.
        id: String,
        /// The trait (`smithy.test#httpRequestTests`).
        trait_id: String,
        /// The case's id.
        case: String,
        /// What is wrong.
        reason: String,
    },
    /// Several problems, in the order they were found (one problem is reported as itself).
    #[error("cannot generate the crate: {} problems{}", problems.len(), bullets(problems))]
    Problems {
        /// The problems (never fewer than two).
        problems: Vec<Error>,
    },
    /// The generator produced tokens that do not parse: a generator bug.
    #[error(
        "internal error: generated code for `{file}` does not parse ({reason}); please report it with the model"
    )]
    Render {
        /// The file being rendered.
        file: String,
        /// syn's message.
        reason: String,
    },
}

/// One `\n  - problem` line per problem.
fn bullets<T: std::fmt::Display>(problems: &[T]) -> String {
    problems.iter().map(|p| format!("\n  - {p}")).collect()
}

/// Something the user should know about a crate that was generated all the same. The xtask
/// prints each on stderr; [`crate::Config::strict_patterns`] turns pattern warnings into
/// [`Error::InvalidPattern`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// A `@pattern` the generated validator does not check as the model states it.
    #[error(
        "{}: trait `smithy.api#pattern` value {pattern:?} {problem}; {consequence}",
        owners.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
    )]
    Pattern {
        /// The shapes and members carrying it, sorted.
        owners: Vec<String>,
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        problem: String,
        /// What the generated validator does instead.
        consequence: String,
    },
}
