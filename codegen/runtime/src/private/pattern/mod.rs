//! Smithy `@pattern` constraints (ECMA-262 regular expressions), compiled by the engine the
//! generator planned for each pattern: `regex-lite` on a translation with ECMA semantics (linear
//! time, feature `pattern-linear`), or `regress` (backtracking, feature `pattern-backtracking`)
//! for what truly needs it. A generated crate enables the features its patterns need.
//!
//! Generated code compiles each pattern once per process and tests values against it:
//!
//! ```text
//! static NAME_PATTERN: std::sync::LazyLock<Pattern> =
//!     std::sync::LazyLock::new(|| Pattern::linear("^[a-z]+$", r"\A[a-z]+\z"));
//! if !NAME_PATTERN.is_match(value) { /* constraint violation citing NAME_PATTERN.source() */ }
//! ```
//!
//! Compiling cannot fail for a pattern the generator planned: it compiled the same text with the
//! same engines. Should it fail anyway (say another engine version were resolved), nothing is
//! unwrapped: the pattern matches nothing, so validation fails closed instead of panicking, and
//! `is_compiled` reports it (a generated test asserts it for every pattern).

#[cfg(feature = "pattern-backtracking")]
mod backtracking;
#[cfg(feature = "pattern-linear")]
mod linear;

/// A compiled Smithy `@pattern`: an ECMA-262 regular expression, not implicitly anchored.
pub struct Pattern {
    source: &'static str,
    matcher: Option<PatternMatcher>,
}

type PatternMatcher = Box<dyn Fn(&str) -> bool + Send + Sync>;

impl Pattern {
    /// The pattern as the model wrote it, for error messages.
    #[must_use]
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// Whether some substring of `value` matches the pattern (ECMA-262 `RegExp.prototype.test`
    /// semantics). A pattern that failed to compile matches nothing.
    #[must_use]
    pub fn is_match(&self, value: &str) -> bool {
        self.matcher.as_ref().is_some_and(|matcher| matcher(value))
    }

    /// Whether the pattern compiled (see the comment at the top of this file).
    #[must_use]
    pub const fn is_compiled(&self) -> bool {
        self.matcher.is_some()
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("compiled", &self.matcher.is_some())
            .finish()
    }
}
