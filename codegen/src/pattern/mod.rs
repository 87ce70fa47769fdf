//! How a Smithy `@pattern` constraint is evaluated by the generated crate.
//!
//! Smithy says patterns are ECMA-262 regular expressions, unanchored unless they anchor
//! themselves; but AWS models are checked by Smithy's Java tooling (`java.util.regex`), so Java
//! constructs appear in them (`(?s)`, `\p{XDigit}`, `\A..\z`, `X{11}{0,1011}`, `${1,4096}`). The
//! generated crate tests untrusted strings against them. [`plan`] decides, once per pattern at
//! generation time, how it is read ([`Dialect`]) and which engine evaluates it, and verifies
//! that it compiles there:
//!
//! * [`PatternPlan::Linear`]: the pattern has no lookaround, backreference or possessive
//!   quantifier that matters (after the rewrites of `simplify`: a one-character lookaround
//!   folded into the class beside it, as in the EFS model's `(\/(?!\.)+[^..]+)`; a possessive
//!   quantifier that cannot change the answer read as greedy). It is rewritten by a real parser
//!   into the syntax of `regex-lite`, whose searches are `O(m * n)` (a Pike VM, no
//!   backtracking), with every meaning spelled out explicitly: each character class becomes an
//!   explicit list of code point ranges (`\d`, `\w` ASCII; `\s` with U+FEFF and the Zs set; `.`
//!   without only `\n \r U+2028 U+2029`; `\p{..}` as the backtracking engine defines it),
//!   `^`/`$` become `\A`/`\z`, `\b`/`\B` stay ASCII word boundaries, groups become
//!   non-capturing.
//! * [`PatternPlan::LinearCombination`]: the pattern has lookarounds, but each sits where its
//!   position is pinned by a `^` (the start of the input) or a `$` (the end) in the same run of
//!   zero-width items, as in `^(?!aws:)[a-z:]+$` or `^[a-z.]*(?<!\.)$`. Such a lookaround is a
//!   fixed yes/no property of the whole input, so the alternative is the conjunction of the
//!   pattern without it and one anchored linear regex per lookaround (`\A(?:aws:)` must not
//!   match). The pattern matches when any alternative's tests all hold. Still `O(m * n)`.
//! * [`PatternPlan::Backtracking`]: everything else (backreferences, lookarounds in the middle
//!   of a pattern, Java's `\Z` and `(?m)` anchors, which are lookarounds, possessive
//!   quantifiers that can change the answer, legacy surrogate escapes, or a translation
//!   `regex-lite` refuses, such as a counted repetition past its size limit). `regress` is a
//!   backtracking engine: its worst case is exponential in the input length. That is acceptable
//!   only because such patterns are rare (4 of the 1,239 distinct patterns of the surveyed AWS
//!   models) and because the generated validator checks `@length` before `@pattern`. An
//!   ECMA-262 pattern is given to `regress` as written; a Java pattern as its ECMA-262
//!   translation (`ecma`), since `regress` reads no Java syntax.
//!
//! A pattern that cannot be read ([`PatternProblem::Invalid`]), that uses Java syntax the
//! generator does not translate ([`PatternProblem::Unsupported`]: Unicode blocks `\p{InGreek}`,
//! `java*` properties, `(?x)`, `(?u)`, `(?U)`, `\R`, `\X`, `\G`, `\V`, `\N{..}`, `\b{g}`) or
//! that can never match ([`PatternProblem::NeverMatches`], such as `^\P{C}*$}$` or a JavaScript
//! literal `/^[0-9]{12}$/` written as a pattern) is a [`PatternError`]. The generator then
//! leaves the check out and warns, naming the shapes and members (or fails, under
//! `--strict-patterns`): enforcing a pattern no value can satisfy would make the member
//! unusable, and the service, which evidently does not enforce it, remains the judge.
//!
//! # Dialect
//!
//! A pattern is read in the first grammar that accepts it:
//!
//! 1. **ECMA-262 with the `u` flag** ([`Dialect::Unicode`]), when `regress` accepts it that way,
//!    because only then do `\p{L}`, `\u{1F600}` and surrogate pairs mean what AWS models intend.
//!    Such a pattern means exactly what ECMA-262 says, with three exceptions read as Java (the
//!    names and syntax are Java's first, and AWS tooling checked them as Java): an inline flag
//!    group `(?i:..)` (ES2025 modifiers fold case by Unicode rules, Java by ASCII), a POSIX class
//!    name ECMA-262 also knows as a property alias (`\p{Alpha}`, `\p{Upper}`, `\p{Lower}`,
//!    Unicode in ECMA-262, ASCII in Java), and `&&` in a class (an intersection in Java and in
//!    ECMA-262's `v` mode; two literal `&` in `u` mode).
//! 2. **Java** ([`Dialect::Java`]), when Java's grammar accepts it: this module's parser decides
//!    that, following `java.util.regex` (tested against Java itself, see below). This is where
//!    the AWS patterns that are not valid ECMA-262 land, including Lambda's
//!    `^[a-zA-Z0-9\_\-:\/$]+$` (`\_` is a syntax error under `u`), which Java and Annex B read
//!    alike. Where they do not, Java's reading is taken: `\A` is an anchor, not `A`.
//! 3. **ECMA-262 Annex B** ([`Dialect::Legacy`], no flags), when `regress` accepts it without
//!    flags and Java does not (`\_a{,5}`, `\0`, `a{`): identity escapes, octal escapes, `\c`
//!    oddities and literal `{`/`}`/`]` follow Annex B. A pattern with a `\p{..}` escape is never
//!    read this way: its author meant a property, never the literal `p{..}`. Where `regress`
//!    departs from Annex B (it reads `\u{41}` without `u` as U+0041, not as `u` 41 times) the
//!    pattern is left to `regress`, so both plans of one crate always agree.
//!
//! Matching is over Unicode scalar values in every dialect, since the generated crate tests
//! `&str` values (this is what `regress` does on `&str`; a lone surrogate matches nothing).
//!
//! # Semantics of the Java constructs
//!
//! Java's meaning for what only Java has; ECMA-262's where the two share a construct, so that
//! one construct means one thing in every pattern of a crate whatever the rest of the pattern
//! is:
//!
//! | construct | meaning chosen |
//! | --- | --- |
//! | `(?s)` `(?s:..)` | `.` matches every character |
//! | `(?i)` `(?i:..)` | Java's default: ASCII letters match either case; a `\P`, `[^..]` negates after folding; `\p{Lu}` `\p{Ll}` `\p{Lt}` become all cased letters and `\p{Lower}` `\p{Upper}` all ASCII letters, as Java widens them; other classes are unchanged (Java 17 and later) |
//! | `(?m)` | Java's line anchors: `^` at the start and after a line terminator but never at the end of the input, `$` at the end and before a line terminator; terminators `\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029 (lookarounds, so `regress` evaluates them) |
//! | `(?d)` | `\n` is the only line terminator (for `.`, `(?m)` and `\Z`) |
//! | `(?-i)` `(?i)` scope | to the end of the enclosing group, across `\|`, as in Java |
//! | `(?x)` `(?u)` `(?U)` | not translated: the check is left out with a warning |
//! | `\A` `\z` | the start and the end of the input (ECMA's `^` `$`) |
//! | `\Z` | the end, or before a final line terminator (not between `\r` and `\n`) |
//! | `$` | **ECMA-262: the end of the input only.** Java also matches before a final line terminator. Smithy specifies ECMA-262, the other Smithy code generators (JavaScript, Rust) agree, and the strict reading does not let `"name\n"` pass for `^[a-z]+$`; AWS models that want Java's reading write `\Z` |
//! | `.` `\s` `\b` `\v` | ECMA-262's (`.` excludes U+0085 in Java, `\s` is ASCII in Java, `\v` is vertical whitespace in Java) |
//! | `\p{Alnum}` `\p{Alpha}` `\p{Digit}` `\p{XDigit}` `\p{Punct}` `\p{Graph}` `\p{Print}` `\p{Blank}` `\p{Cntrl}` `\p{Space}` `\p{Upper}` `\p{Lower}` `\p{ASCII}` | Java's POSIX classes, US-ASCII only (Java's default without `(?U)`) |
//! | `\p{IsAlphabetic}` `\p{IsWhitespace}` `\p{IsLetter}` `\p{IsDigit}` ... | Java's Unicode properties after `Is` (case-insensitive), each the ECMA-262 property of the same definition (`IsWhite_Space` is `White_Space`; `IsHex_Digit` is Java's: every decimal digit and the ASCII and fullwidth `A-F`); `\p{IsAlpha}`, `\p{IsPunct}` ... are the Unicode forms Java gives them |
//! | `\p{all}` `\pL` `\p{IsLu}` `\p{gc=Lu}` `\p{IsLatin}` `\p{sc=Greek}` `\p{L1}` `\p{LD}` | every character; categories; scripts; Latin-1; letters and digits |
//! | `X*+` `X++` `X?+` `X{n,m}+` `(?>X)` | possessive/atomic. They can change whether a match exists (`^a*+a` never matches), so they are read as greedy only where that cannot happen: `X` is one character class and what follows can neither start with a character of it nor match empty short of the end, or nothing follows at all (then the longest split, the one a possessive quantifier takes, is as good as any). Otherwise `regress` evaluates `(?=(X))\1`, which ECMA-262 makes atomic |
//! | `X{11}{0,1011}`, `{3}` | a counted quantifier with no atom before it repeats the empty string, as in Java: `X{11}{0,1011}` is `X{11}` (`*`, `+`, `?` there are errors, as in Java) |
//! | `${2,64}` `\b+` `(?=a)*` `^*` | a quantified assertion: itself when the minimum is at least one, nothing when it is zero (Annex B allows this for lookaheads too, as in the EFS model's `(?!\.)+`) |
//! | `$}$` | a literal after the end of the input: can never match, so the check is left out |
//! | `[a-z&&[^aeiou]]` `[a[b]]` `[^a[b]]` `[]a]` | Java's classes: intersections, nested unions, `^` negating the whole class, `]` first as a literal |
//! | `\x{h..h}` `\0oo` `\e` `\a` `\cX` `\h` `\H` `\Q..\E` | code point, octal, ESC, BEL, `X ^ 64`, horizontal whitespace, quoting |
//! | `\1`.. `\k<n>` | backreferences; Java reads more digits while they name an opened group; a group not opened yet never matches (Java). A group that did not take part matches empty (ECMA-262; Java fails) |
//!
//! Unicode property sets come from `regress`'s tables in every dialect, so a Java property and
//! its ECMA-262 twin are the same set.
//!
//! Pattern semantics are decided by existence of a match, so capture groups, greediness and the
//! ECMA-262 empty-iteration check have no influence on the result of a linear plan.
//!
//! # Tests
//!
//! `tests::differential` compares every linear plan with `regress` (the oracle for ECMA-262)
//! on deterministic inputs; `tests::java` compares the Java dialect with Java itself (a table
//! `java.util.regex` wrote, Java 25) and with hand-written ECMA-262 equivalents under the
//! semantics above, evaluated by `regress`.
//!
//! # In the generator
//!
//! For each `@pattern` (on a shape or a member), the IR calls [`plan`] and turns a
//! [`PatternError`] into a warning naming the shapes and members. The runtime crate's `pattern`
//! module evaluates the plans: the generated crate enables its `pattern-linear` feature
//! (`regex-lite`) when some plan is linear and `pattern-backtracking` (`regress`) only when a
//! plan needs backtracking (see [`PatternPlan::needs_linear_engine`]). Each pattern becomes one
//! static compiled on first use:
//!
//! ```text
//! static NAME_PATTERN: LazyLock<Pattern> = LazyLock::new(|| Pattern::linear(SOURCE, TRANSLATED));
//! static ID_PATTERN: LazyLock<Pattern> = LazyLock::new(|| {
//!     Pattern::linear_combination(SOURCE, &[&[(REGEX, true), (REGEX, false)]])
//! });
//! static REF_PATTERN: LazyLock<Pattern> = LazyLock::new(|| Pattern::backtracking(SOURCE, "u"));
//! static JAVA_PATTERN: LazyLock<Pattern> =
//!     LazyLock::new(|| Pattern::backtracking_translated(SOURCE, ECMA_TRANSLATION));
//! ```
//!
//! with `SOURCE` the model's pattern (kept for error messages) and the other strings from the
//! plan, all emitted as string literals. Validation calls `NAME_PATTERN.is_match(value)`.

mod analysis;
mod charset;
mod ecma;
mod java_classes;
mod parse;
mod simplify;
#[cfg(test)]
mod tests;
mod translate;

use std::fmt;

pub use charset::{property_names, warm_properties};

/// How the generated crate evaluates one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternPlan {
    /// Evaluated by `regex-lite` (linear time); `translated` is the pattern rewritten into its
    /// syntax with the semantics the module docs give. Generated code:
    /// `Pattern::linear(source, translated)`.
    Linear { translated: String },
    /// Evaluated by `regex-lite` (linear time) as a disjunction of conjunctions: the pattern
    /// matches when, for some clause of `any_of`, every test's `regex` matches exactly when its
    /// `must_match` says so. Generated code:
    /// `Pattern::linear_combination(source, &[&[(regex, must_match), ..], ..])`.
    LinearCombination { any_of: Vec<Vec<LinearTest>> },
    /// Evaluated by `regress` (backtracking). An ECMA-262 pattern is compiled as written with
    /// `flags` (`"u"` or `""`): `Pattern::backtracking(source, flags)`. A Java pattern is
    /// compiled as its ECMA-262 translation `translated` (flags `"u"`):
    /// `Pattern::backtracking_translated(source, translated)`. See the module docs for why
    /// this is acceptable.
    Backtracking {
        flags: &'static str,
        reason: BacktrackReason,
        /// The ECMA-262 text `regress` compiles instead of the source (Java patterns only).
        translated: Option<String>,
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
    /// The pattern has a lookaround whose position is not pinned to the input's start or end
    /// (Java's `\Z` and `(?m)` anchors are lookarounds too).
    Lookaround,
    /// The pattern has a possessive quantifier or an atomic group (Java) that may change
    /// whether a match exists.
    Atomic,
    /// The pattern uses syntax the translator does not rewrite (the text says which).
    Untranslatable(String),
    /// `regex-lite` refused the translation (the text is its error), e.g. a size limit.
    LinearEngineRejected(String),
}

impl BacktrackReason {
    /// Whether the pattern needs backtracking by its nature (a backreference, a lookaround, an
    /// atomic group), rather than because the translation to a linear engine fell short.
    pub fn is_inherent(&self) -> bool {
        matches!(
            self,
            BacktrackReason::Backreference | BacktrackReason::Lookaround | BacktrackReason::Atomic
        )
    }
}

impl fmt::Display for BacktrackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BacktrackReason::Backreference => f.write_str("the pattern has a backreference"),
            BacktrackReason::Lookaround => f.write_str(
                "the pattern has a lookaround not pinned to the start or the end of the input",
            ),
            BacktrackReason::Atomic => f.write_str(
                "the pattern has a possessive quantifier or an atomic group that may change \
                 whether a match exists",
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

/// Which grammar a pattern is read in (see the module docs for how it is chosen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// ECMA-262 with the `u` flag.
    Unicode,
    /// ECMA-262 without flags, in the Annex B (web-legacy) grammar.
    Legacy,
    /// Java's `java.util.regex`, for a pattern ECMA-262 cannot read with the `u` flag (or that
    /// uses a construct whose Java meaning wins, see the module docs).
    Java,
}

impl Dialect {
    /// The flags to give `regress` for this dialect (a Java pattern is given to `regress` as
    /// its translation, in Unicode mode).
    pub fn flags(self) -> &'static str {
        match self {
            Dialect::Unicode | Dialect::Java => "u",
            Dialect::Legacy => "",
        }
    }
}

/// A pattern the generated crate cannot check: it is invalid, uses Java syntax this generator
/// does not translate, or can never match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pattern: String,
    problem: PatternProblem,
    message: String,
}

/// What is wrong with a pattern (see [`PatternError`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternProblem {
    /// Neither ECMA-262 nor Java reads it.
    Invalid,
    /// Java reads it, but it uses a construct the generator does not translate.
    Unsupported,
    /// No string matches it (such as `^\P{C}*$}$`: nothing follows the end of the input).
    NeverMatches,
}

impl PatternError {
    /// The offending pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// What is wrong with it.
    pub fn problem(&self) -> PatternProblem {
        self.problem
    }

    fn new(pattern: &str, problem: PatternProblem, message: String) -> Self {
        PatternError {
            pattern: pattern.to_owned(),
            problem,
            message,
        }
    }
}

impl PatternError {
    /// What is wrong, without the pattern: `can never match`, `uses Java regular expression
    /// syntax the generator does not translate: ..`.
    pub fn reason(&self) -> String {
        let message = &self.message;
        match self.problem {
            PatternProblem::Invalid => format!(
                "is neither a valid ECMA-262 nor a valid Java regular expression: {message}"
            ),
            PatternProblem::Unsupported => format!(
                "uses Java regular expression syntax the generator does not translate: {message}"
            ),
            PatternProblem::NeverMatches => "can never match any string".to_owned(),
        }
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern {:?} {}", self.pattern, self.reason())
    }
}

impl std::error::Error for PatternError {}

/// Decides the dialect of `pattern`: ECMA-262 Unicode mode when `regress` accepts it with `u`
/// (and it names no construct whose Java meaning wins), else Java when Java's grammar reads
/// it, else the Annex B grammar when `regress` accepts it without flags.
pub fn dialect(pattern: &str) -> Result<Dialect, PatternError> {
    let unicode_error = match regress::Regex::with_flags(pattern, "u") {
        Ok(_) if !java_wins(pattern) => return Ok(Dialect::Unicode),
        Ok(_) => None,
        Err(e) => Some(e.to_string()),
    };
    let java_error = match parse::parse(pattern, Dialect::Java) {
        Ok(_) => return Ok(Dialect::Java),
        Err(parse::ParseError::Unsupported(why)) => {
            return Err(PatternError::new(pattern, PatternProblem::Unsupported, why));
        }
        Err(parse::ParseError::Invalid(why)) => why,
    };
    if regress::Regex::with_flags(pattern, "").is_ok() && !has_property_escape(pattern) {
        return Ok(Dialect::Legacy);
    }
    let message = match unicode_error {
        Some(e) => format!("{} (ECMA-262); {java_error} (Java)", lowercase_first(&e)),
        None => format!("{java_error} (Java)"),
    };
    Err(PatternError::new(pattern, PatternProblem::Invalid, message))
}

/// Whether a pattern ECMA-262 accepts with `u` uses a construct that is read as Java's all
/// the same: an inline flag group (`(?i:..)`, which ECMA-262 gained only in 2025, with Unicode
/// case folding where Java folds ASCII) or a POSIX class name ECMA-262 also has as a
/// property alias (`\p{Alpha}`, `\p{Upper}`, `\p{Lower}`).
fn java_wins(pattern: &str) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => in_class = true,
            ']' => in_class = false,
            '&' if in_class && chars.get(i + 1) == Some(&'&') => return true,
            '\\' => {
                if matches!(chars.get(i + 1), Some('p' | 'P')) && chars.get(i + 2) == Some(&'{') {
                    let name: String = chars[i + 3..].iter().take_while(|&&c| c != '}').collect();
                    if java_classes::POSIX_NAMES_ECMA_ALSO_HAS.contains(&name.as_str()) {
                        return true;
                    }
                }
                i += 2;
                continue;
            }
            '(' if chars.get(i + 1) == Some(&'?')
                && chars
                    .get(i + 2)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == '-') =>
            {
                return true;
            }
            _ => {}
        }
        i += 1;
    }
    false
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
/// linear plans, that every translated regex compiles with `regex-lite`. A pattern that can
/// never match is an error too ([`PatternProblem::NeverMatches`]).
pub fn plan(pattern: &str) -> Result<PatternPlan, PatternError> {
    let dialect = dialect(pattern)?;
    let node = match parse::parse(pattern, dialect) {
        Ok(node) => node,
        Err(why) if dialect == Dialect::Java => {
            return Err(PatternError::new(
                pattern,
                PatternProblem::Unsupported,
                why.message().to_owned(),
            ));
        }
        Err(why) => {
            return Ok(PatternPlan::Backtracking {
                flags: dialect.flags(),
                reason: BacktrackReason::Untranslatable(why.message().to_owned()),
                translated: None,
            });
        }
    };
    if analysis::never_matches(&node) {
        return Err(PatternError::new(
            pattern,
            PatternProblem::NeverMatches,
            "no string matches it".to_owned(),
        ));
    }
    let node = simplify::simplify(node);
    let backtracking = |reason| -> Result<PatternPlan, PatternError> {
        let translated = (dialect == Dialect::Java).then(|| ecma::ecma(&node));
        if let Some(translated) = &translated
            && let Err(e) = regress::Regex::with_flags(translated, "u")
        {
            return Err(PatternError::new(
                pattern,
                PatternProblem::Unsupported,
                format!("its ECMA-262 translation does not compile: {e}"),
            ));
        }
        Ok(PatternPlan::Backtracking {
            flags: dialect.flags(),
            reason,
            translated,
        })
    };
    let plan = match translate::linear_plan(&node) {
        Ok(plan) => plan,
        Err(reason) => return backtracking(reason),
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
            return backtracking(BacktrackReason::LinearEngineRejected(lowercase_first(
                &e.to_string(),
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
