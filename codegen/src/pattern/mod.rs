//! How a Smithy `@pattern` constraint is evaluated by the generated crate.
//!
//! Smithy patterns are ECMA-262 regular expressions, unanchored unless they anchor themselves,
//! and the generated crate tests untrusted strings against them. [`plan`] decides, once per
//! pattern at generation time, which engine evaluates it, and verifies that it compiles there:
//!
//! * [`PatternPlan::Linear`]: the pattern has no lookaround and no backreference. It is rewritten
//!   by a real ECMA-262 parser into the syntax of `regex-lite`, whose searches are `O(m * n)`
//!   (a Pike VM, no backtracking), with every ECMA-262 meaning spelled out explicitly: each
//!   character class becomes an explicit list of code point ranges (`\d`, `\w` ASCII; `\s` with
//!   U+FEFF and the Zs set; `.` without only `\n \r U+2028 U+2029`; `\p{..}` as the backtracking
//!   engine defines it), `^`/`$` become `\A`/`\z` (no multiline: `$` is the end of the input
//!   only), `\b`/`\B` stay ASCII word boundaries, groups become non-capturing.
//! * [`PatternPlan::LinearCombination`]: the pattern has lookarounds, but each sits where its
//!   position is pinned by a `^` (the start of the input) or a `$` (the end) in the same run of
//!   zero-width items, as in `^(?!aws:)[a-z:]+$` or `^[a-z.]*(?<!\.)$`. Such a lookaround is a
//!   fixed yes/no property of the whole input, so the alternative is the conjunction of the
//!   pattern without it and one anchored linear regex per lookaround (`\A(?:aws:)` must not
//!   match). The pattern matches when any alternative's tests all hold. Still `O(m * n)`.
//! * [`PatternPlan::Backtracking`]: everything else that `regress` accepts (backreferences,
//!   lookarounds in the middle of a pattern, `(?i:..)` modifiers, legacy surrogate escapes, or
//!   a translation `regex-lite` refuses, such as a counted repetition past its size limit).
//!   `regress` is a backtracking engine: its worst case is exponential in the input length. That
//!   is acceptable only because such patterns are rare (none of the surveyed AWS models has one
//!   after decomposition) and because the generated validator checks `@length` before
//!   `@pattern`; the generator should warn, naming the shape, when it emits one.
//!
//! # Dialect (the `u` flag)
//!
//! Smithy gives patterns no flags. A pattern is compiled with the `u` flag when `regress`
//! accepts it that way, because only then do `\p{L}`, `\u{1F600}` and surrogate pairs mean what
//! AWS models intend (without `u`, `\p{L}` is the literal text `p{L}`). A pattern that is invalid
//! with `u` but valid in the Annex B (web-legacy) grammar, such as `^[a-zA-Z0-9\_\-:\/$]+$`
//! from the Lambda model (`\_` is a syntax error under `u`), is compiled without it, so
//! identity escapes, octal escapes, `\c` oddities and literal `{`/`}`/`]` follow Annex B. Either
//! way matching is over Unicode scalar values, since the generated crate tests `&str` values
//! (this is what `regress` does on `&str`); no case-insensitivity is ever in effect. A pattern
//! neither grammar accepts is a [`PatternError`], and so is one with a `\p{..}` escape that is
//! invalid with `u`: its author meant a property, never the literal `p{..}` Annex B would read.
//! Where `regress` departs from Annex B (it reads `\u{41}` without `u` as U+0041, not as `u`
//! 41 times) the pattern is left to `regress`, so both plans of one crate always agree.
//!
//! Pattern semantics are decided by existence of a match, so capture groups, greediness and the
//! ECMA-262 empty-iteration check have no influence on the result of a linear plan.
//!
//! # In the generator
//!
//! For each `@pattern` (on a shape or a member), call [`plan`] and report a [`PatternError`]
//! with the shape id. The runtime crate's `pattern` module evaluates the plans: the generated
//! crate enables its `pattern-linear` feature (`regex-lite`) when some plan is linear and
//! `pattern-backtracking` (`regress`) only when a plan needs backtracking (see
//! [`PatternPlan::needs_linear_engine`]). Each pattern becomes one static compiled on first use:
//!
//! ```text
//! static NAME_PATTERN: LazyLock<Pattern> = LazyLock::new(|| Pattern::linear(SOURCE, TRANSLATED));
//! static ID_PATTERN: LazyLock<Pattern> = LazyLock::new(|| {
//!     Pattern::linear_combination(SOURCE, &[&[(REGEX, true), (REGEX, false)]])
//! });
//! static REF_PATTERN: LazyLock<Pattern> = LazyLock::new(|| Pattern::backtracking(SOURCE, "u"));
//! ```
//!
//! with `SOURCE` the model's pattern (kept for error messages) and the other strings from the
//! plan, all emitted as string literals. Validation calls `NAME_PATTERN.is_match(value)`.

mod charset;
mod parse;
#[cfg(test)]
mod tests;
mod translate;

use std::fmt;

pub use charset::{property_names, warm_properties};

/// How the generated crate evaluates one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternPlan {
    /// Evaluated by `regex-lite` (linear time); `translated` is the pattern rewritten into its
    /// syntax with ECMA-262 semantics. Generated code: `Pattern::linear(source, translated)`.
    Linear { translated: String },
    /// Evaluated by `regex-lite` (linear time) as a disjunction of conjunctions: the pattern
    /// matches when, for some clause of `any_of`, every test's `regex` matches exactly when its
    /// `must_match` says so. Generated code:
    /// `Pattern::linear_combination(source, &[&[(regex, must_match), ..], ..])`.
    LinearCombination { any_of: Vec<Vec<LinearTest>> },
    /// Evaluated by `regress` (backtracking) with `flags` (`"u"` or `""`). Generated code:
    /// `Pattern::backtracking(source, flags)`. See the module docs for why this is acceptable.
    Backtracking {
        flags: &'static str,
        reason: BacktrackReason,
    },
}

impl PatternPlan {
    /// Whether the generated crate needs the `regex-lite` dependency for this plan.
    pub fn needs_linear_engine(&self) -> bool {
        !matches!(self, PatternPlan::Backtracking { .. })
    }

    /// Whether the generated crate needs the `regress` dependency for this plan.
    pub fn needs_backtracking_engine(&self) -> bool {
        matches!(self, PatternPlan::Backtracking { .. })
    }
}

/// One linear regex test of a [`PatternPlan::LinearCombination`] clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinearTest {
    /// A `regex-lite` pattern.
    pub regex: String,
    /// Whether the input must match `regex` (a positive lookaround or the pattern's remainder)
    /// or must not (a negative lookaround).
    pub must_match: bool,
}

/// Why a pattern is evaluated by the backtracking engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BacktrackReason {
    /// The pattern has a backreference (`\1`, `\k<name>`).
    Backreference,
    /// The pattern has a lookaround whose position is not pinned to the input's start or end.
    Lookaround,
    /// The pattern uses syntax the translator does not rewrite (the text says which).
    Untranslatable(String),
    /// `regex-lite` refused the translation (the text is its error), e.g. a size limit.
    LinearEngineRejected(String),
}

impl fmt::Display for BacktrackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BacktrackReason::Backreference => f.write_str("the pattern has a backreference"),
            BacktrackReason::Lookaround => f.write_str(
                "the pattern has a lookaround not pinned to the start or the end of the input",
            ),
            BacktrackReason::Untranslatable(why) => {
                write!(f, "the pattern is not translated to a linear engine: {why}")
            }
            BacktrackReason::LinearEngineRejected(why) => {
                write!(
                    f,
                    "the linear engine rejected the translated pattern: {why}"
                )
            }
        }
    }
}

/// Which ECMA-262 grammar a pattern is compiled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The `u` flag: the pattern is valid as a Unicode-mode regular expression.
    Unicode,
    /// No flag: the pattern is valid only under the Annex B (web-legacy) grammar.
    Legacy,
}

impl Dialect {
    /// The flags to give `regress` for this dialect.
    pub fn flags(self) -> &'static str {
        match self {
            Dialect::Unicode => "u",
            Dialect::Legacy => "",
        }
    }
}

/// A pattern that is not a valid ECMA-262 regular expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pattern: String,
    message: String,
}

impl PatternError {
    /// The offending pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pattern {:?} is not a valid ECMA-262 regular expression: {}",
            self.pattern, self.message
        )
    }
}

impl std::error::Error for PatternError {}

/// Decides the dialect of `pattern`: Unicode mode when `regress` accepts it with `u`, else the
/// Annex B grammar when `regress` accepts it without.
pub fn dialect(pattern: &str) -> Result<Dialect, PatternError> {
    let unicode_error = match regress::Regex::with_flags(pattern, "u") {
        Ok(_) => return Ok(Dialect::Unicode),
        Err(e) => e.to_string(),
    };
    if regress::Regex::with_flags(pattern, "").is_ok() && !has_property_escape(pattern) {
        return Ok(Dialect::Legacy);
    }
    Err(PatternError {
        pattern: pattern.to_owned(),
        message: lowercase_first(&unicode_error),
    })
}

/// Whether `pattern` has a `\p{` or `\P{` escape: its author meant a Unicode property, which
/// only the `u` flag gives, so such a pattern is never read in the Annex B grammar (where it
/// would silently be the literal text `p{..}`).
fn has_property_escape(pattern: &str) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i + 2 < chars.len() {
        if chars[i] == '\\' {
            if matches!(chars[i + 1], 'p' | 'P') && chars[i + 2] == '{' {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Plans the evaluation of `pattern`, verifying that it compiles with `regress` and, for the
/// linear plans, that every translated regex compiles with `regex-lite`.
pub fn plan(pattern: &str) -> Result<PatternPlan, PatternError> {
    let dialect = dialect(pattern)?;
    let backtracking = |reason| PatternPlan::Backtracking {
        flags: dialect.flags(),
        reason,
    };
    let node = match parse::parse(pattern, dialect) {
        Ok(node) => node,
        Err(why) => return Ok(backtracking(BacktrackReason::Untranslatable(why))),
    };
    let plan = match translate::linear_plan(&node) {
        Ok(plan) => plan,
        Err(reason) => return Ok(backtracking(reason)),
    };
    let regexes: Vec<&str> = match &plan {
        PatternPlan::Linear { translated } => vec![translated.as_str()],
        PatternPlan::LinearCombination { any_of } => any_of
            .iter()
            .flatten()
            .map(|test| test.regex.as_str())
            .collect(),
        PatternPlan::Backtracking { .. } => Vec::new(),
    };
    for regex in regexes {
        if let Err(e) = regex_lite::Regex::new(regex) {
            return Ok(backtracking(BacktrackReason::LinearEngineRejected(
                lowercase_first(&e.to_string()),
            )));
        }
    }
    Ok(plan)
}

fn lowercase_first(message: &str) -> String {
    let trimmed = message.trim_end_matches('.');
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
