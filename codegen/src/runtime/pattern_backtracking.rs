//! Patterns evaluated by `regress`, an ECMA-262 backtracking engine: only those that need
//! lookaround or backreferences, which no linear-time engine supports. Their running time can
//! grow faster than linearly with the input, so keep such patterns on length-bounded members.
//!
//! Patterns are compiled with the `u` flag (code points, Unicode property classes). The
//! generator compiled each one, so compilation here cannot fail in practice; if it ever did,
//! every value would be reported as not matching (failing closed) rather than panicking.

use std::sync::OnceLock;

/// A pattern compiled on first use, once per process.
pub(crate) struct BacktrackingPattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl BacktrackingPattern {
    /// An ECMA-262 pattern.
    pub(crate) const fn new(source: &'static str) -> Self {
        BacktrackingPattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether the pattern matches somewhere in `value`.
    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regress::Regex::with_flags(self.source, "u").ok())
            .as_ref()
            .is_some_and(|re| re.find(value).is_some())
    }
}
