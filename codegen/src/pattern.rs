//! Planning how a generated crate evaluates a Smithy `@pattern` (an ECMA-262 regular expression).

use std::fmt;

/// How a pattern is evaluated by the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// The `regex` crate, in time linear in the input, on this faithful translation.
    Linear {
        /// The translated pattern in `regex` syntax.
        translated: String,
    },
    /// `regress`, an ECMA-262 backtracking engine: the pattern needs a feature no linear-time
    /// engine has.
    Backtracking {
        /// The feature (`lookahead`, `lookbehind`, `a backreference`).
        reason: String,
    },
}

/// A planned pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternPlan {
    /// The pattern as the model writes it.
    pub source: String,
    /// How it is evaluated.
    pub engine: Engine,
}

/// A pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for PatternError {}

/// Plans a pattern.
pub fn plan(source: &str) -> Result<PatternPlan, PatternError> {
    Ok(PatternPlan {
        source: source.to_owned(),
        engine: Engine::Backtracking {
            reason: "stub".to_owned(),
        },
    })
}
