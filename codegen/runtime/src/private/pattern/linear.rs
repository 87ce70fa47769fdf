//! The linear-time engine for `Pattern` (`regex-lite`, a Pike VM: `O(m * n)` for every search,
//! whatever the input). Compiled when some pattern's plan is `Linear` or
//! `LinearCombination`; the regexes are the generator's translations, ECMA-262 semantics spelled
//! out in `regex-lite` syntax.

use super::{Pattern, PatternMatcher};

impl Pattern {
    /// A pattern whose translation is the single regex `translated`.
    #[must_use]
    pub fn linear(source: &'static str, translated: &str) -> Self {
        let matcher = regex_lite::Regex::new(translated)
            .ok()
            .map(|regex| Box::new(move |value: &str| regex.is_match(value)) as PatternMatcher);
        Self { source, matcher }
    }

    /// A pattern with lookarounds pinned to the start or the end of the input, translated to
    /// clauses of `(regex, must_match)` tests: it matches when all tests of some clause hold.
    #[must_use]
    pub fn linear_combination(source: &'static str, any_of: &[&[(&str, bool)]]) -> Self {
        let mut clauses: Vec<Vec<(regex_lite::Regex, bool)>> = Vec::with_capacity(any_of.len());
        for clause in any_of {
            let mut tests = Vec::with_capacity(clause.len());
            for &(regex, must_match) in *clause {
                match regex_lite::Regex::new(regex) {
                    Ok(regex) => tests.push((regex, must_match)),
                    Err(_) => {
                        return Self {
                            source,
                            matcher: None,
                        };
                    }
                }
            }
            clauses.push(tests);
        }
        let matcher: PatternMatcher = Box::new(move |value: &str| {
            clauses.iter().any(|clause| {
                clause
                    .iter()
                    .all(|(regex, must_match)| regex.is_match(value) == *must_match)
            })
        });
        Self {
            source,
            matcher: Some(matcher),
        }
    }
}
