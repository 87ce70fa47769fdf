//! The backtracking engine for `Pattern` (`regress`, ECMA-262 syntax and semantics), for the
//! patterns whose plan is `Backtracking`: a backreference, a lookaround not pinned to the start
//! or end of the input, a possessive quantifier, or syntax the generator does not translate.
//! Its worst case is exponential in the input length, so the generated validator checks
//! `@length` first.

use super::{Pattern, PatternMatcher};

impl Pattern {
    /// A pattern evaluated by `regress` with `flags` (`"u"`, or `""` for a pattern valid only
    /// in the Annex B grammar), as the generator decided.
    #[must_use]
    pub fn backtracking(source: &'static str, flags: &str) -> Self {
        let matcher = regress::Regex::with_flags(source, flags).ok().map(|regex| {
            Box::new(move |value: &str| regex.find(value).is_some()) as PatternMatcher
        });
        Self { source, matcher }
    }

    /// A Java pattern (the model's text, `source`) evaluated by `regress` as the generator's
    /// ECMA-262 translation `translated`, in Unicode mode: `regress` reads no Java syntax.
    #[must_use]
    pub fn backtracking_translated(source: &'static str, translated: &str) -> Self {
        let matcher = regress::Regex::with_flags(translated, "u")
            .ok()
            .map(|regex| {
                Box::new(move |value: &str| regex.find(value).is_some()) as PatternMatcher
            });
        Self { source, matcher }
    }
}
