//! Constraint validation results.
//!
//! PLACEHOLDER written by the wire branch so it compiles before the validators branch merges;
//! that branch's version replaces this file wholesale.

use std::fmt;

/// Every constraint violation found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations, in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The standard ValidationException body: `{"message": "...", "fieldList": [{"message": "...", "path": "..."}]}`.
    pub fn to_json(&self) -> String {
        let fields: Vec<serde_json::Value> = self
            .violations
            .iter()
            .map(|v| serde_json::json!({"message": v.message, "path": v.path}))
            .collect();
        serde_json::json!({"message": self.to_string(), "fieldList": fields}).to_string()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.violations.iter().map(|v| v.message.as_str()).collect();
        match messages.len() {
            1 => write!(f, "1 validation error detected. {}", messages[0]),
            n => write!(f, "{n} validation errors detected. {}", messages.join("; ")),
        }
    }
}

impl std::error::Error for ValidationError {}

/// One constraint violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The JSON Pointer of the offending value.
    pub path: String,
    /// What is wrong.
    pub message: String,
}
