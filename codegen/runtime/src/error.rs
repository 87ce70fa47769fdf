//! Errors of the generated crate.

use std::fmt;

pub use crate::__private::json::JsonError;
pub use crate::__private::protocol::{RequestRejection, SerializeError, UnhandledError};
pub use crate::validation::{ValidationError, Violation};

/// A builder's `build()` was called without every required member set.
///
/// Names every missing member at once, by its Rust setter name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// Builds the error from `(setter name, is missing)` pairs, in member order.
    #[doc(hidden)] // generated code only
    pub fn missing_members(type_name: &'static str, members: &[(&'static str, bool)]) -> Self {
        BuildError {
            type_name,
            missing: members
                .iter()
                .filter(|(_, missing)| *missing)
                .map(|(name, _)| *name)
                .collect(),
        }
    }

    /// The type whose builder failed, e.g. `StartChatContactRequest`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The setter names of the required members that were not set, in member order.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(
            f,
            "cannot build `{}`: missing required member{plural} ",
            self.type_name
        )?;
        for (i, name) in self.missing.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
