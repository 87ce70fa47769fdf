// Runtime support for Smithy `@pattern` constraints (ECMA-262 regular expressions), copied
// verbatim into the generated crate.
//
// Assembly: the generated crate's pattern module is this file, then `pattern_linear.rs` when
// some pattern's plan is `Linear` or `LinearCombination` (the crate then depends on
// `regex-lite`), then `pattern_backtracking.rs` when some plan is `Backtracking` (the crate then
// depends on `regress`). The files are concatenated as text: none has inner attributes or `use`
// items, and the engine files only add constructors to `Pattern`.
//
// Generated code compiles each pattern once per process and tests values against it:
//
//     static NAME_PATTERN: std::sync::LazyLock<crate::pattern::Pattern> =
//         std::sync::LazyLock::new(|| crate::pattern::Pattern::linear("^[a-z]+$", r"\A[a-z]+\z"));
//     if !NAME_PATTERN.is_match(value) { /* constraint violation citing NAME_PATTERN.source() */ }
//
// Compiling cannot fail for a pattern the generator planned: it compiled the same text with the
// same engines. Should it fail anyway (say another engine version were resolved), nothing is
// unwrapped: the pattern matches nothing, so validation fails closed instead of panicking, and
// `is_compiled` reports it (a generated test can assert it for every pattern).

/// A compiled Smithy `@pattern`: an ECMA-262 regular expression, not implicitly anchored.
pub(crate) struct Pattern {
    source: &'static str,
    matcher: Option<PatternMatcher>,
}

type PatternMatcher = Box<dyn Fn(&str) -> bool + Send + Sync>;

#[allow(dead_code)] // a generated crate need not call every accessor
impl Pattern {
    /// The pattern as the model wrote it, for error messages.
    #[must_use]
    pub(crate) const fn source(&self) -> &'static str {
        self.source
    }

    /// Whether some substring of `value` matches the pattern (ECMA-262 `RegExp.prototype.test`
    /// semantics). A pattern that failed to compile matches nothing.
    #[must_use]
    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.matcher.as_ref().is_some_and(|matcher| matcher(value))
    }

    /// Whether the pattern compiled (see the comment at the top of this file).
    #[must_use]
    pub(crate) const fn is_compiled(&self) -> bool {
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
