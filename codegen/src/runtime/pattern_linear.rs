//! Patterns evaluated in time linear in the input by the `regex` crate.
//!
//! The generator translated each ECMA-262 pattern into `regex` syntax with the same meaning
//! (ECMA-262's `.`, `\d`, `\w`, `\s` and `\b` sets written out explicitly) and compiled it, so
//! compilation here cannot fail in practice; if it ever did, every value would be reported as
//! not matching (failing closed) rather than panicking.

use std::sync::OnceLock;

/// A pattern compiled on first use, once per process.
pub(crate) struct LinearPattern {
    translated: &'static str,
    size_limit: usize,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl LinearPattern {
    /// A pattern in `regex` syntax, compiled with the generator's size limit (bytes).
    pub(crate) const fn new(translated: &'static str, size_limit: usize) -> Self {
        LinearPattern {
            translated,
            size_limit,
            compiled: OnceLock::new(),
        }
    }

    /// Whether the pattern matches somewhere in `value`.
    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| {
                regex::RegexBuilder::new(self.translated)
                    .size_limit(self.size_limit)
                    .build()
                    .ok()
            })
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }
}
