//! Endpoint resolution from a Smithy endpoint rule set (`smithy.rules#endpointRuleSet`),
//! feature `endpoints`.
//!
//! A generated crate whose service has a rule set holds it as static data ([`rules`]) in its
//! `endpoint` module, with a typed `Params` struct and a `resolve` function that calls
//! [`resolve`] here. The rule set yields an [`Endpoint`] (the URL, its properties such as
//! `authSchemes`, and headers) or an [`EndpointError`], usually the rule set's own message
//! (`Invalid Configuration: Missing Region`).
//!
//! The functions rule sets call are those of the rules engine's standard library (`isSet`,
//! `not`, `booleanEquals`, `stringEquals`, `getAttr`, `substring`, `uriEncode`, `parseURL`,
//! `isValidHostLabel`) and the AWS extensions (`aws.partition`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`). `aws.partition` consults [`Partitions`]: the AWS
//! partitions embedded here ([`Partitions::aws`]) or your own.

use std::collections::BTreeMap;

use crate::primitives::Document;

mod auth;
mod eval;
mod partition;
pub mod rules;
pub mod stdlib;

pub use auth::{AuthScheme, AuthSchemeError};
pub use partition::{Partition, PartitionOutputs, Partitions, PartitionsError};

/// A resolved endpoint.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The URL requests go to (`https://connect.us-east-1.amazonaws.com`).
    pub url: String,
    /// Properties the rule set attaches, by name (`authSchemes`: how to sign).
    pub properties: BTreeMap<String, Document>,
    /// Headers to send, by name, each with its values in order.
    pub headers: BTreeMap<String, Vec<String>>,
}

/// Why no endpoint was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The rule set's own error for these parameters (its message, as written).
    Rule(String),
    /// A required parameter has no value and no default.
    MissingParameter {
        /// The parameter's name in the rule set (`Region`).
        name: String,
    },
    /// A parameter's value has the wrong type (only possible through [`resolve`] called by
    /// hand: a generated `Params` is typed).
    InvalidParameter {
        /// The parameter's name in the rule set.
        name: String,
        /// The type it takes.
        expected: &'static str,
    },
    /// No rule matched: a gap in the rule set.
    NoRuleMatched,
    /// The rule set could not be evaluated for these parameters (a value of the wrong type, an
    /// unset value in a template): a defect of the rule set or of the evaluator's input.
    Evaluation(String),
}

impl std::fmt::Display for EndpointError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EndpointError::Rule(message) => f.write_str(message),
            EndpointError::MissingParameter { name } => {
                write!(
                    f,
                    "endpoint parameter `{name}` is required and has no value"
                )
            }
            EndpointError::InvalidParameter { name, expected } => {
                write!(f, "endpoint parameter `{name}` takes a {expected}")
            }
            EndpointError::NoRuleMatched => {
                f.write_str("no rule of the endpoint rule set matches these parameters")
            }
            EndpointError::Evaluation(reason) => {
                write!(f, "cannot evaluate the endpoint rule set: {reason}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

/// A value during evaluation: a parameter's, a function's result or a literal's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An array (a `stringArray` parameter, `resourceId`).
    Array(Vec<Value>),
    /// A record (`PartitionResult`, a parsed URL or ARN, an object literal).
    Record(BTreeMap<String, Value>),
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<&[String]> for Value {
    fn from(value: &[String]) -> Self {
        Value::Array(value.iter().map(|s| Value::String(s.clone())).collect())
    }
}

/// Resolves an endpoint: `values` holds one entry per parameter of `rules`, in order (`None`
/// for a parameter without a value, which then takes its default). `aws.partition` consults
/// `partitions`.
pub fn resolve(
    rules: &rules::RuleSet,
    values: Vec<Option<Value>>,
    partitions: &Partitions,
) -> Result<Endpoint, EndpointError> {
    eval::resolve(rules, values, partitions)
}
