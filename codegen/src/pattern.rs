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

use std::fmt;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

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
    let node = match Parser::parse(pattern, dialect) {
        Ok(node) => node,
        Err(why) => return Ok(backtracking(BacktrackReason::Untranslatable(why))),
    };
    let plan = match linear_plan(&node) {
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

// ---------------------------------------------------------------------------------------------
// Character sets
// ---------------------------------------------------------------------------------------------

const MAX_CODE_POINT: u32 = 0x10_FFFF;
const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);

/// A set of Unicode scalar values: sorted, disjoint, non-adjacent inclusive ranges, never
/// containing a surrogate (no `&str` holds one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    fn from_ranges(mut ranges: Vec<(u32, u32)>) -> CharSet {
        ranges.retain(|&(lo, hi)| lo <= hi);
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let mut out = Vec::with_capacity(merged.len() + 1);
        for (lo, hi) in merged {
            if hi < SURROGATES.0 || lo > SURROGATES.1 {
                out.push((lo, hi));
                continue;
            }
            if lo < SURROGATES.0 {
                out.push((lo, SURROGATES.0 - 1));
            }
            if hi > SURROGATES.1 {
                out.push((SURROGATES.1 + 1, hi));
            }
        }
        CharSet { ranges: out }
    }

    fn single(c: u32) -> CharSet {
        CharSet::from_ranges(vec![(c, c)])
    }

    fn union(&self, other: &CharSet) -> CharSet {
        let mut ranges = self.ranges.clone();
        ranges.extend_from_slice(&other.ranges);
        CharSet::from_ranges(ranges)
    }

    fn complement(&self) -> CharSet {
        let mut ranges = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = 0u32;
        for &(lo, hi) in &self.ranges {
            if lo > next {
                ranges.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= MAX_CODE_POINT {
            ranges.push((next, MAX_CODE_POINT));
        }
        CharSet::from_ranges(ranges)
    }

    fn is_full(&self) -> bool {
        self.complement().ranges.is_empty()
    }

    #[cfg(test)]
    fn contains(&self, c: u32) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
    }
}

fn set_of(ranges: &[(u32, u32)]) -> CharSet {
    CharSet::from_ranges(ranges.to_vec())
}

/// ECMA-262 `\d`.
fn digit_set() -> CharSet {
    set_of(&[(0x30, 0x39)])
}

/// ECMA-262 `\w` (no `i` flag, so no extra Unicode case-folding characters).
fn word_set() -> CharSet {
    set_of(&[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
}

/// ECMA-262 `\s`: WhiteSpace (TAB, VT, FF, ZWNBSP U+FEFF, the Zs category) and LineTerminator.
fn space_set() -> CharSet {
    set_of(&[
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ])
}

/// ECMA-262 `.` without the `s` flag: anything but a LineTerminator.
fn dot_set() -> CharSet {
    set_of(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]).complement()
}

/// Every Unicode scalar value in order, the haystack [`property_set`] probes.
static ALL_SCALARS: LazyLock<String> =
    LazyLock::new(|| (0..=MAX_CODE_POINT).filter_map(char::from_u32).collect());

/// A property set being probed or probed already: threads asking for the same property wait
/// for the first one's answer instead of probing again.
type PropertySlot = Arc<OnceLock<Result<CharSet, String>>>;

/// Property sets already probed in this process (or being probed), by property text (`L`,
/// `Script=Greek`).
static PROPERTY_CACHE: Mutex<Vec<(String, PropertySlot)>> = Mutex::new(Vec::new());

/// The set `\p{name}` denotes in Unicode mode, exactly as `regress` (the ECMA-262 engine the
/// generator trusts for syntax) defines it: its Unicode tables decide, by running `[\p{name}]+`
/// over every scalar value. The Linear and Backtracking plans thus agree on every character.
/// Probing takes ~10 ms per property, once per process (see [`warm_properties`]).
fn property_set(name: &str) -> Result<CharSet, String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
    {
        return Err(format!("unsupported property escape \\p{{{name}}}"));
    }
    let slot = {
        let mut cache = PROPERTY_CACHE
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match cache.iter().find(|(key, _)| key == name) {
            Some((_, slot)) => Arc::clone(slot),
            None => {
                let slot = PropertySlot::default();
                cache.push((name.to_owned(), Arc::clone(&slot)));
                slot
            }
        }
    };
    slot.get_or_init(|| probe_property(name)).clone()
}

fn probe_property(name: &str) -> Result<CharSet, String> {
    let probe = regress::Regex::with_flags(&format!("[\\p{{{name}}}]+"), "u")
        .map_err(|e| format!("property escape \\p{{{name}}}: {e}"))?;
    let all = ALL_SCALARS.as_str();
    let mut ranges = Vec::new();
    for m in probe.find_iter(all) {
        let first = all.get(m.start()..).and_then(|s| s.chars().next());
        let last = all.get(..m.end()).and_then(|s| s.chars().next_back());
        if let (Some(first), Some(last)) = (first, last) {
            ranges.push((u32::from(first), u32::from(last)));
        }
    }
    Ok(CharSet::from_ranges(ranges))
}

/// The property names (`L` in `\p{L}`, `\P{L}`) the pattern sources mention, sorted and
/// deduplicated; a cheap textual scan that may also list names a pattern only seems to use
/// (`\\p{L}`), which costs a probe, never a wrong answer.
pub fn property_names<'a>(sources: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for source in sources {
        let mut rest = source;
        while let Some(at) = rest.find(['p', 'P']) {
            let after = &rest[at + 1..];
            if at > 0
                && rest.as_bytes()[at - 1] == b'\\'
                && let Some(body) = after.strip_prefix('{')
                && let Some(end) = body.find('}')
            {
                names.insert(body[..end].to_owned());
            }
            rest = after;
        }
    }
    names.into_iter().collect()
}

/// Probes the sets of these properties now (each once per process), so that planning patterns
/// later finds them ready: [`crate::ir::build`] runs this on a second thread while it builds the
/// rest of the IR. Names that are not properties are ignored here (planning reports them).
pub fn warm_properties(names: &[String]) {
    for name in names {
        let _ = property_set(name);
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing ECMA-262 pattern syntax
// ---------------------------------------------------------------------------------------------

/// A parsed pattern. Literal characters are single-element sets.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Set(CharSet),
    /// `^` (no multiline: the start of the input).
    Start,
    /// `$` (no multiline: the end of the input).
    End,
    WordBoundary {
        negated: bool,
    },
    Look {
        behind: bool,
        negated: bool,
        body: Box<Node>,
    },
    Backreference,
    Group(Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        body: Box<Node>,
        min: u32,
        max: Option<u32>,
        lazy: bool,
    },
}

impl Node {
    fn any(&self, pred: &dyn Fn(&Node) -> bool) -> bool {
        if pred(self) {
            return true;
        }
        match self {
            Node::Look { body, .. } | Node::Group(body) | Node::Repeat { body, .. } => {
                body.any(pred)
            }
            Node::Concat(items) | Node::Alt(items) => items.iter().any(|n| n.any(pred)),
            _ => false,
        }
    }

    fn has_lookaround(&self) -> bool {
        self.any(&|n| matches!(n, Node::Look { .. }))
    }

    fn has_backreference(&self) -> bool {
        self.any(&|n| matches!(n, Node::Backreference))
    }

    fn is_zero_width_item(&self) -> bool {
        matches!(
            self,
            Node::Start | Node::End | Node::WordBoundary { .. } | Node::Look { .. }
        )
    }
}

/// A class atom: one character (which may form a range) or a set escape.
enum ClassAtom {
    Char(u32),
    Set(CharSet),
}

const MAX_DEPTH: usize = 200;

struct Parser {
    chars: Vec<char>,
    pos: usize,
    unicode: bool,
    /// Whether the pattern has a named group (the spec's `N` grammar parameter).
    named_groups: bool,
    /// How many capturing groups the whole pattern has (decides `\N` in Annex B).
    capture_count: u64,
    depth: usize,
}

impl Parser {
    /// Parses a pattern `regress` accepted in `dialect`. Any error is syntax the translator does
    /// not rewrite (the caller falls back to `regress`).
    fn parse(pattern: &str, dialect: Dialect) -> Result<Node, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let (capture_count, named_groups) = count_groups(&chars);
        let mut parser = Parser {
            chars,
            pos: 0,
            unicode: dialect == Dialect::Unicode,
            named_groups: named_groups || dialect == Dialect::Unicode,
            capture_count,
            depth: 0,
        };
        let node = parser.disjunction()?;
        match parser.peek() {
            None => Ok(node),
            Some(c) => Err(format!("unexpected {c:?} at offset {}", parser.pos)),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected {c:?} at offset {}", self.pos))
        }
    }

    fn disjunction(&mut self) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the pattern nests too deeply".to_owned());
        }
        let mut alternatives = vec![self.alternative()?];
        while self.eat('|') {
            alternatives.push(self.alternative()?);
        }
        self.depth -= 1;
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alt(alternatives)
        })
    }

    fn alternative(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            items.push(self.term()?);
        }
        Ok(Node::Concat(items))
    }

    fn term(&mut self) -> Result<Node, String> {
        let start = self.pos;
        let c = self.next().ok_or("unexpected end of pattern")?;
        let (atom, quantifiable) = match c {
            '^' => (Node::Start, false),
            '$' => (Node::End, false),
            '\\' if self.peek() == Some('b') => {
                self.pos += 1;
                (Node::WordBoundary { negated: false }, false)
            }
            '\\' if self.peek() == Some('B') => {
                self.pos += 1;
                (Node::WordBoundary { negated: true }, false)
            }
            '\\' => (self.atom_escape()?, true),
            '(' => {
                let node = self.group()?;
                let quantifiable = !matches!(node, Node::Look { .. });
                (node, quantifiable)
            }
            '.' => (Node::Set(dot_set()), true),
            '[' => (Node::Set(self.class()?), true),
            '*' | '+' | '?' => return Err(format!("nothing to repeat at offset {start}")),
            '{' => {
                if self.unicode {
                    return Err(format!("lone '{{' at offset {start}"));
                }
                self.pos = start;
                if self.quantifier()?.is_some() {
                    return Err(format!("nothing to repeat at offset {start}"));
                }
                self.pos = start + 1;
                (Node::Set(CharSet::single(u32::from('{'))), true)
            }
            '}' | ']' if self.unicode => return Err(format!("lone {c:?} at offset {start}")),
            ')' | '|' => return Err(format!("unexpected {c:?} at offset {start}")),
            c => (Node::Set(CharSet::single(u32::from(c))), true),
        };
        let Some((min, max)) = self.quantifier()? else {
            return Ok(atom);
        };
        if !quantifiable {
            return Err(format!("quantified assertion at offset {start}"));
        }
        let lazy = self.eat('?');
        Ok(Node::Repeat {
            body: Box::new(atom),
            min,
            max,
            lazy,
        })
    }

    /// A quantifier at the current position, consumed; `None` (nothing consumed) when there is
    /// none. A `{` that does not start a well-formed quantifier is an error in Unicode mode and
    /// a literal in Annex B.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.pos;
        let bounds = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let braced = self.braced_bounds();
                match braced {
                    // The position is on the `}`, which the common `+= 1` below consumes.
                    Some(bounds) => bounds,
                    None if self.unicode => {
                        return Err(format!("incomplete quantifier at offset {start}"));
                    }
                    None => {
                        self.pos = start;
                        return Ok(None);
                    }
                }
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        let (min, max) = bounds;
        let min = u32::try_from(min).map_err(|_| "repetition count too large".to_owned())?;
        let max = match max {
            Some(max) => {
                Some(u32::try_from(max).map_err(|_| "repetition count too large".to_owned())?)
            }
            None => None,
        };
        if max.is_some_and(|max| max < min) {
            return Err(format!("quantifier out of order at offset {start}"));
        }
        Ok(Some((min, max)))
    }

    /// After a `{`: `n}`, `n,}` or `n,m}`, leaving the position on the `}`.
    fn braced_bounds(&mut self) -> Option<(u64, Option<u64>)> {
        let min = self.decimal()?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.decimal()?)
            }
        } else {
            Some(min)
        };
        (self.peek() == Some('}')).then_some((min, max))
    }

    fn decimal(&mut self) -> Option<u64> {
        let mut value: Option<u64> = None;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            value = Some(
                value
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(u64::from(d)),
            );
        }
        value
    }

    /// After `(`.
    fn group(&mut self) -> Result<Node, String> {
        let start = self.pos - 1;
        if !self.eat('?') {
            let body = self.disjunction()?;
            self.expect(')')?;
            return Ok(Node::Group(Box::new(body)));
        }
        let look = |behind, negated| (behind, negated);
        let kind = match self.next() {
            Some(':') => None,
            Some('=') => Some(look(false, false)),
            Some('!') => Some(look(false, true)),
            Some('<') if self.eat('=') => Some(look(true, false)),
            Some('<') if self.eat('!') => Some(look(true, true)),
            Some('<') => {
                while let Some(c) = self.next() {
                    if c == '>' {
                        break;
                    }
                }
                None
            }
            _ => {
                return Err(format!(
                    "group syntax other than (?: (?= (?! (?<= (?<! (?<name> at offset {start}, such as a modifier"
                ));
            }
        };
        let body = Box::new(self.disjunction()?);
        self.expect(')')?;
        Ok(match kind {
            None => Node::Group(body),
            Some((behind, negated)) => Node::Look {
                behind,
                negated,
                body,
            },
        })
    }

    /// After a `\` outside a class (`\b` and `\B` are handled by the caller).
    fn atom_escape(&mut self) -> Result<Node, String> {
        let start = self.pos - 1;
        let c = self.next().ok_or("trailing backslash")?;
        let set = match c {
            '1'..='9' => {
                self.pos -= 1;
                let n = self.decimal().unwrap_or(0);
                if n <= self.capture_count {
                    return Ok(Node::Backreference);
                }
                if self.unicode {
                    return Err(format!(
                        "backreference to a missing group at offset {start}"
                    ));
                }
                self.pos = start + 2;
                CharSet::single(self.legacy_octal_or_digit(c))
            }
            '0' if self.peek().is_some_and(|d| d.is_ascii_digit()) => {
                if self.unicode {
                    return Err(format!("invalid escape at offset {start}"));
                }
                CharSet::single(self.legacy_octal_or_digit(c))
            }
            'k' if self.named_groups => {
                if self.peek() == Some('<') && self.chars[self.pos..].contains(&'>') {
                    return Ok(Node::Backreference);
                }
                return Err(format!("invalid named reference at offset {start}"));
            }
            _ => match self.set_escape(c)? {
                Some(set) => set,
                None => CharSet::single(self.character_escape(c, false)?),
            },
        };
        Ok(Node::Set(set))
    }

    /// `\d \D \s \S \w \W`, and `\p{..} \P{..}` in Unicode mode; `None` for anything else.
    fn set_escape(&mut self, c: char) -> Result<Option<CharSet>, String> {
        Ok(Some(match c {
            'd' => digit_set(),
            'D' => digit_set().complement(),
            's' => space_set(),
            'S' => space_set().complement(),
            'w' => word_set(),
            'W' => word_set().complement(),
            'p' | 'P' if self.unicode => {
                self.expect('{')?;
                let mut name = String::new();
                loop {
                    match self.next() {
                        Some('}') => break,
                        Some(ch) => name.push(ch),
                        None => return Err("unterminated property escape".to_owned()),
                    }
                }
                let set = property_set(&name)?;
                if c == 'P' { set.complement() } else { set }
            }
            _ => return Ok(None),
        }))
    }

    /// Annex B: after a consumed digit `first` that is not a backreference: a legacy octal
    /// escape (`\0`-`\377`), or `8`/`9` as themselves.
    fn legacy_octal_or_digit(&mut self, first: char) -> u32 {
        let Some(mut value) = first.to_digit(8) else {
            return u32::from(first);
        };
        if let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
            self.pos += 1;
            value = value * 8 + d;
            if first <= '3' {
                if let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
                    self.pos += 1;
                    value = value * 8 + d;
                }
            }
        }
        value
    }

    /// A CharacterEscape after its `\` and first character `c` (consumed). Returns a code point,
    /// which may be a lone surrogate (then it matches nothing in a `&str`).
    fn character_escape(&mut self, c: char, in_class: bool) -> Result<u32, String> {
        let start = self.pos - 2;
        Ok(match c {
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            '0' => 0,
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                Some(l) if in_class && !self.unicode && (l.is_ascii_digit() || l == '_') => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                _ if self.unicode => return Err(format!("invalid \\c escape at offset {start}")),
                _ => {
                    // Annex B: the backslash is a literal and `c` is read again as a character.
                    self.pos -= 1;
                    u32::from('\\')
                }
            },
            'x' => match self.hex_digits(2) {
                Some(v) => v,
                None if self.unicode => {
                    return Err(format!("invalid \\x escape at offset {start}"));
                }
                None => u32::from('x'),
            },
            'u' => self.unicode_escape(start)?,
            '1'..='9' if in_class => {
                if self.unicode {
                    return Err(format!("invalid class escape at offset {start}"));
                }
                self.legacy_octal_or_digit(c)
            }
            'k' if self.named_groups => {
                return Err(format!("invalid \\k escape at offset {start}"));
            }
            c if self.unicode => {
                if "^$\\.*+?()[]{}|/".contains(c) || (in_class && c == '-') {
                    u32::from(c)
                } else {
                    return Err(format!("invalid escape at offset {start}"));
                }
            }
            c => u32::from(c),
        })
    }

    /// After `\u`.
    fn unicode_escape(&mut self, start: usize) -> Result<u32, String> {
        if self.unicode && self.eat('{') {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.pos += 1;
                digits += 1;
                value = value.saturating_mul(16).saturating_add(d);
            }
            if digits == 0 || value > MAX_CODE_POINT || !self.eat('}') {
                return Err(format!("invalid \\u{{..}} escape at offset {start}"));
            }
            return Ok(value);
        }
        if !self.unicode && self.peek() == Some('{') {
            let digits = self.chars[self.pos + 1..]
                .iter()
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            if digits > 0 && self.peek_at(1 + digits) == Some('}') {
                // Annex B reads `\u{41}` as `u` 41 times; `regress` reads U+0041. Leave it to
                // `regress` rather than pick one.
                return Err(format!(
                    "\\u{{..}} without the u flag (regress reads a code point, Annex B a repeated u) at offset {start}"
                ));
            }
        }
        let Some(value) = self.hex_digits(4) else {
            if self.unicode {
                return Err(format!("invalid \\u escape at offset {start}"));
            }
            return Ok(u32::from('u'));
        };
        if !(SURROGATES.0..=SURROGATES.1).contains(&value) {
            return Ok(value);
        }
        if !self.unicode {
            // Annex B reads surrogate escapes as UTF-16 code units; `regress` on `&str` decodes
            // whole characters, so leave these to it.
            return Err(format!(
                "surrogate escape without the u flag at offset {start}"
            ));
        }
        if value <= 0xDBFF && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let save = self.pos;
            self.pos += 2;
            match self.hex_digits(4) {
                Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                    return Ok(0x10000 + ((value - 0xD800) << 10) + (trail - 0xDC00));
                }
                _ => self.pos = save,
            }
        }
        Ok(value)
    }

    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let mut value = 0;
        for offset in 0..count {
            value = value * 16 + self.peek_at(offset)?.to_digit(16)?;
        }
        self.pos += count;
        Some(value)
    }

    /// After `[`.
    fn class(&mut self) -> Result<CharSet, String> {
        let start = self.pos - 1;
        let negated = self.eat('^');
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut sets: Vec<CharSet> = Vec::new();
        let mut add = |atom: ClassAtom, ranges: &mut Vec<(u32, u32)>| match atom {
            ClassAtom::Char(c) => ranges.push((c, c)),
            ClassAtom::Set(set) => sets.push(set),
        };
        loop {
            match self.peek() {
                None => return Err(format!("unterminated class at offset {start}")),
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None);
            if !is_range {
                add(first, &mut ranges);
                continue;
            }
            self.pos += 1;
            let second = self.class_atom()?;
            match (first, second) {
                (ClassAtom::Char(lo), ClassAtom::Char(hi)) => {
                    if lo > hi {
                        return Err(format!("class range out of order at offset {start}"));
                    }
                    ranges.push((lo, hi));
                }
                (first, second) => {
                    if self.unicode {
                        return Err(format!("class escape in a range at offset {start}"));
                    }
                    // Annex B: `[\d-x]` is the union of `\d`, `-` and `x`.
                    add(first, &mut ranges);
                    ranges.push((u32::from('-'), u32::from('-')));
                    add(second, &mut ranges);
                }
            }
        }
        let mut set = CharSet::from_ranges(ranges);
        for other in &sets {
            set = set.union(other);
        }
        Ok(if negated { set.complement() } else { set })
    }

    fn class_atom(&mut self) -> Result<ClassAtom, String> {
        let c = self.next().ok_or("unterminated class")?;
        if c != '\\' {
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        let start = self.pos - 1;
        let e = self.next().ok_or("unterminated class")?;
        if let Some(set) = self.set_escape(e)? {
            return Ok(ClassAtom::Set(set));
        }
        Ok(ClassAtom::Char(match e {
            'b' => 0x08,
            '-' => u32::from('-'),
            '0' if self.peek().is_some_and(|d| d.is_ascii_digit()) => {
                if self.unicode {
                    return Err(format!("invalid class escape at offset {start}"));
                }
                self.legacy_octal_or_digit(e)
            }
            e => self.character_escape(e, true)?,
        }))
    }
}

/// How many capturing groups `chars` has, and whether any is named.
fn count_groups(chars: &[char]) -> (u64, bool) {
    let mut count = 0;
    let mut named = false;
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) != Some(&'?') {
                    count += 1;
                } else if chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=') | Some('!'))
                {
                    count += 1;
                    named = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, named)
}

// ---------------------------------------------------------------------------------------------
// Planning and emitting regex-lite syntax
// ---------------------------------------------------------------------------------------------

fn linear_plan(node: &Node) -> Result<PatternPlan, BacktrackReason> {
    if node.has_backreference() {
        return Err(BacktrackReason::Backreference);
    }
    if !node.has_lookaround() {
        let mut translated = String::new();
        emit(node, &mut translated)?;
        return Ok(PatternPlan::Linear { translated });
    }
    let alternatives: Vec<&Node> = match node {
        Node::Alt(alternatives) => alternatives.iter().collect(),
        other => vec![other],
    };
    let mut any_of = Vec::with_capacity(alternatives.len());
    for alternative in alternatives {
        any_of.push(decompose(alternative)?);
    }
    Ok(PatternPlan::LinearCombination { any_of })
}

/// One alternative as linear tests: its items with pinned lookarounds removed (must match),
/// then one test per pinned lookaround.
fn decompose(alternative: &Node) -> Result<Vec<LinearTest>, BacktrackReason> {
    let mut items = Vec::new();
    flatten(alternative, &mut items);
    let mut core: Vec<&Node> = Vec::new();
    let mut tests = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !items[i].is_zero_width_item() {
            if items[i].has_lookaround() {
                return Err(BacktrackReason::Lookaround);
            }
            core.push(items[i]);
            i += 1;
            continue;
        }
        let end = items[i..]
            .iter()
            .position(|n| !n.is_zero_width_item())
            .map_or(items.len(), |p| i + p);
        let run = &items[i..end];
        let at_start = run.iter().any(|n| matches!(n, Node::Start));
        let at_end = run.iter().any(|n| matches!(n, Node::End));
        for item in run {
            let Node::Look {
                behind,
                negated,
                body,
            } = item
            else {
                core.push(item);
                continue;
            };
            if body.has_lookaround() {
                return Err(BacktrackReason::Lookaround);
            }
            let mut b = String::new();
            emit(body, &mut b)?;
            // A lookaround in a run holding `^` is evaluated at 0, one holding `$` at the end.
            let regex = match (at_start, at_end, *behind) {
                (true, _, false) => format!(r"\A(?:{b})"),
                (true, _, true) => format!(r"\A(?:{b})\A"),
                (false, true, false) => format!(r"\z(?:{b})"),
                (false, true, true) => format!(r"(?:{b})\z"),
                (false, false, _) => return Err(BacktrackReason::Lookaround),
            };
            tests.push(LinearTest {
                regex,
                must_match: !*negated,
            });
        }
        i = end;
    }
    let mut regex = String::new();
    emit_sequence(&core, &mut regex)?;
    tests.insert(
        0,
        LinearTest {
            regex,
            must_match: true,
        },
    );
    Ok(tests)
}

/// The items of a sequence, splicing in non-quantified groups of a single alternative.
fn flatten<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Concat(items) => items.iter().for_each(|item| flatten(item, out)),
        Node::Group(inner) if !matches!(**inner, Node::Alt(_)) => flatten(inner, out),
        other => out.push(other),
    }
}

fn emit_sequence(items: &[&Node], out: &mut String) -> Result<(), BacktrackReason> {
    for item in items {
        if let Node::Alt(_) = item {
            out.push_str("(?:");
            emit(item, out)?;
            out.push(')');
        } else {
            emit(item, out)?;
        }
    }
    Ok(())
}

fn emit(node: &Node, out: &mut String) -> Result<(), BacktrackReason> {
    match node {
        Node::Set(set) => emit_set(set, out),
        Node::Start => out.push_str(r"\A"),
        Node::End => out.push_str(r"\z"),
        Node::WordBoundary { negated: false } => out.push_str(r"\b"),
        Node::WordBoundary { negated: true } => out.push_str(r"\B"),
        Node::Look { .. } => return Err(BacktrackReason::Lookaround),
        Node::Backreference => return Err(BacktrackReason::Backreference),
        Node::Group(inner) => {
            out.push_str("(?:");
            emit(inner, out)?;
            out.push(')');
        }
        Node::Concat(items) => {
            let items: Vec<&Node> = items.iter().collect();
            emit_sequence(&items, out)?;
        }
        Node::Alt(alternatives) => {
            for (i, alternative) in alternatives.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(alternative, out)?;
            }
        }
        Node::Repeat {
            body,
            min,
            max,
            lazy,
        } => {
            // A set is emitted as one literal or one class; a group as `(?:..)`.
            let atomic = matches!(&**body, Node::Set(_) | Node::Group(_));
            if atomic {
                emit(body, out)?;
            } else {
                out.push_str("(?:");
                emit(body, out)?;
                out.push(')');
            }
            match (min, max) {
                (0, None) => out.push('*'),
                (1, None) => out.push('+'),
                (0, Some(1)) => out.push('?'),
                (min, None) => out.push_str(&format!("{{{min},}}")),
                (min, Some(max)) if min == max => out.push_str(&format!("{{{min}}}")),
                (min, Some(max)) => out.push_str(&format!("{{{min},{max}}}")),
            }
            if *lazy {
                out.push('?');
            }
        }
    }
    Ok(())
}

/// A set as one regex-lite atom: a literal, a class, or a class that never matches.
fn emit_set(set: &CharSet, out: &mut String) {
    match set.ranges.as_slice() {
        [] => out.push_str(r"[^\x{0}-\x{10FFFF}]"),
        [(lo, hi)] if lo == hi => push_char(*lo, out),
        _ if set.is_full() => out.push_str(r"[\x{0}-\x{10FFFF}]"),
        ranges => {
            let complement = set.complement();
            let (negated, ranges) = if complement.ranges.len() < ranges.len() {
                (true, complement.ranges.as_slice())
            } else {
                (false, ranges)
            };
            out.push('[');
            if negated {
                out.push('^');
            }
            for &(lo, hi) in ranges {
                push_char(lo, out);
                if hi > lo {
                    if hi > lo + 1 {
                        out.push('-');
                    }
                    push_char(hi, out);
                }
            }
            out.push(']');
        }
    }
}

/// One code point in regex-lite syntax: printable ASCII as itself, except regex-lite's
/// metacharacters (and its class set operators `&`, `-`, `~`), which are escaped (never `<` or
/// `>`: regex-lite reads `\<` and `\>` as word boundaries); everything else as `\x{..}`.
fn push_char(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() || ch == '<' || ch == '>' || ch == '_' => {
            out.push(ch);
        }
        Some(' ') => out.push(' '),
        Some(ch) if r"\.+*?()|[]{}^$#&-~".contains(ch) => {
            out.push('\\');
            out.push(ch);
        }
        Some(ch) if ch.is_ascii_graphic() => out.push(ch),
        _ => out.push_str(&format!(r"\x{{{c:X}}}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use restjson_runtime::__private::pattern::Pattern;
    use std::path::PathBuf;
    use std::time::Instant;

    fn translated(pattern: &str) -> String {
        match plan(pattern) {
            Ok(PatternPlan::Linear { translated }) => translated,
            other => panic!("{pattern}: expected a linear plan, got {other:?}"),
        }
    }

    fn leak(s: &str) -> &'static str {
        Box::leak(s.to_owned().into_boxed_str())
    }

    /// The runtime `Pattern` the generated crate would build for `pattern`.
    fn runtime_pattern(pattern: &str, plan: &PatternPlan) -> Pattern {
        let source = leak(pattern);
        match plan {
            PatternPlan::Linear { translated } => Pattern::linear(source, translated),
            PatternPlan::LinearCombination { any_of } => {
                let clauses: Vec<Vec<(&str, bool)>> = any_of
                    .iter()
                    .map(|clause| {
                        clause
                            .iter()
                            .map(|t| (t.regex.as_str(), t.must_match))
                            .collect()
                    })
                    .collect();
                let clauses: Vec<&[(&str, bool)]> = clauses.iter().map(Vec::as_slice).collect();
                Pattern::linear_combination(source, &clauses)
            }
            PatternPlan::Backtracking { flags, .. } => Pattern::backtracking(source, flags),
        }
    }

    // -- character sets -----------------------------------------------------------------------

    #[test]
    fn charset_normalizes_and_complements_without_surrogates() {
        let set = CharSet::from_ranges(vec![(5, 9), (0, 3), (4, 4), (0xD000, 0xE100)]);
        assert_eq!(set.ranges, vec![(0, 9), (0xD000, 0xD7FF), (0xE000, 0xE100)]);
        let complement = set.complement();
        assert_eq!(
            complement.ranges,
            vec![(10, 0xCFFF), (0xE101, MAX_CODE_POINT)]
        );
        assert!(CharSet::default().complement().is_full());
        assert!(CharSet::single(0xD800).ranges.is_empty());
        assert!(set.contains(0xE000) && !set.contains(0xDFFF));
    }

    /// The characters `regress` (Unicode mode) finds runs of with `run` (such as `[\d]+`),
    /// over every scalar value.
    fn regress_set(run: &str) -> CharSet {
        let probe = regress::Regex::with_flags(run, "u").unwrap();
        let all = ALL_SCALARS.as_str();
        let ranges = probe
            .find_iter(all)
            .map(|m| {
                let first = all[m.start()..].chars().next().unwrap();
                let last = all[..m.end()].chars().next_back().unwrap();
                (u32::from(first), u32::from(last))
            })
            .collect();
        CharSet::from_ranges(ranges)
    }

    #[test]
    fn builtin_classes_equal_regress_on_every_scalar_value() {
        assert_eq!(digit_set(), regress_set(r"\d+"));
        assert_eq!(digit_set().complement(), regress_set(r"\D+"));
        assert_eq!(word_set(), regress_set(r"\w+"));
        assert_eq!(word_set().complement(), regress_set(r"[\W]+"));
        assert_eq!(space_set(), regress_set(r"\s+"));
        assert_eq!(space_set().complement(), regress_set(r"[\S]+"));
        assert_eq!(dot_set(), regress_set(r".+"));
        // ECMA `\s` holds U+FEFF and the Zs category but not U+0085 (Rust whitespace) or U+180E.
        assert!(space_set().contains(0xFEFF) && space_set().contains(0x3000));
        assert!(!space_set().contains(0x85) && !space_set().contains(0x180E));
    }

    #[test]
    fn property_names_are_found_for_warming() {
        assert_eq!(
            property_names([
                r"^[\p{L}\p{Z}]+$",
                r"\P{N}x\p{L}",
                "p{X} \\q{Y}",
                r"\p{Open"
            ]),
            ["L", "N", "Z"]
        );
        assert!(property_names(["^[a-z]+$"]).is_empty());
    }

    #[test]
    fn property_sets_come_from_regress_and_are_cached() {
        let letters = property_set("L").unwrap();
        assert!(letters.contains(u32::from('é')) && letters.contains(u32::from('ж')));
        assert!(!letters.contains(u32::from('1')));
        assert_eq!(letters, property_set("L").unwrap());
        let separators = property_set("Z").unwrap();
        assert!(separators.contains(0x3000) && separators.contains(0x2028));
        assert!(property_set("NoSuchProperty").is_err());
        assert!(property_set("L}|x").is_err());
    }

    // -- translation --------------------------------------------------------------------------

    #[test]
    fn translates_anchors_escapes_and_quantifiers() {
        assert_eq!(translated("^[0-9]+$"), r"\A[0-9]+\z");
        assert_eq!(translated("^([0-9]+)+$"), r"\A(?:[0-9]+)+\z");
        assert_eq!(translated(r"^\d{4}-\d{2}$"), r"\A[0-9]{4}\-[0-9]{2}\z");
        assert_eq!(
            translated(r"a{2,}b{3,5}?c*?d+?e??"),
            r"a{2,}b{3,5}?c*?d+?e??"
        );
        assert_eq!(translated(r"\w\W"), r"[0-9A-Z_a-z][^0-9A-Z_a-z]");
        assert_eq!(
            translated(r"\s"),
            r"[\x{9}-\x{D} \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]"
        );
        assert_eq!(translated("."), r"[^\x{A}\x{D}\x{2028}\x{2029}]");
        assert_eq!(translated(r"\bx\B"), r"\bx\B");
        assert_eq!(translated(r"(?:a|b)(?<n>c)|"), r"(?:a|b)(?:c)|");
        assert_eq!(
            translated(r"\x41\u0042\u{43}\cJ\0\t"),
            r"ABC\x{A}\x{0}\x{9}"
        );
        assert_eq!(translated(r"\uD83D\uDE00"), r"\x{1F600}");
        assert_eq!(
            translated(r"[\uD83D\uDE00-\u{1F64F}]"),
            r"[\x{1F600}-\x{1F64F}]"
        );
        assert_eq!(translated(r"\uD83D"), r"[^\x{0}-\x{10FFFF}]");
        assert_eq!(translated(r"[]"), r"[^\x{0}-\x{10FFFF}]");
        assert_eq!(translated(r"[^]"), r"[\x{0}-\x{10FFFF}]");
        assert_eq!(translated(r"[\s\S]"), r"[\x{0}-\x{10FFFF}]");
        assert_eq!(translated(r"[a-c-e]"), r"[\-a-ce]");
        assert_eq!(translated(r"[<>\]\\^]"), r"[<>\\-\^]");
        assert_eq!(translated(r"[\b]"), r"\x{8}");
        assert_eq!(translated(r"\/\.\*:"), r"/\.\*:");
        assert_eq!(translated("é😀"), r"\x{E9}\x{1F600}");
    }

    #[test]
    fn translates_unicode_properties_to_explicit_ranges() {
        let t = translated(r"^[\p{L}\p{N}]+$");
        assert!(t.starts_with(r"\A[") && t.ends_with(r"]+\z"));
        assert!(!t.contains(r"\p"), "regex-lite has no \\p: {t}");
        let t = translated(r"\P{C}");
        assert!(t.starts_with('['));
    }

    #[test]
    fn annex_b_patterns_use_the_legacy_grammar() {
        assert_eq!(dialect(r"^[a-zA-Z0-9\_\-:\/$]+$"), Ok(Dialect::Legacy));
        assert_eq!(dialect(r"^\p{L}$"), Ok(Dialect::Unicode));
        assert_eq!(
            translated(r"^[a-zA-Z0-9\_\-:\/$]+$"),
            r"\A[\$\-/-:A-Z_a-z]+\z"
        );
        // Without `u`, `{L}` and `]` are literals, `\8` is 8, `\1` without groups is octal,
        // `\c1` is a backslash then `c1`.
        assert_eq!(translated(r"\_{L}]"), r"_\{L\}\]");
        // `\p{..}` is meant as a property: never read as the literal `p{..}`.
        assert!(plan(r"\_\p{L}").is_err());
        assert!(plan(r"\p{NoSuchProperty}").is_err());
        assert_eq!(dialect(r"\_\\p{L}"), Ok(Dialect::Legacy));
        assert_eq!(translated(r"\_\8\1\101\0"), r"_8\x{1}A\x{0}");
        assert_eq!(translated(r"\_\c1"), r"_\\c1");
        assert_eq!(translated(r"\_[\c1\c_]"), r"_[\x{11}\x{1F}]");
        assert_eq!(translated(r"\_[\d-x]"), r"_[\-0-9x]");
        assert_eq!(translated(r"\_a{,5}"), r"_a\{,5\}");
    }

    #[test]
    fn plans_lookarounds_pinned_to_an_end_as_linear_combinations() {
        let Ok(PatternPlan::LinearCombination { any_of }) = plan(r"^(?!aws:)[a-z:]+$") else {
            panic!("expected a combination");
        };
        assert_eq!(
            any_of,
            vec![vec![
                LinearTest {
                    regex: r"\A[:a-z]+\z".to_owned(),
                    must_match: true
                },
                LinearTest {
                    regex: r"\A(?:aws:)".to_owned(),
                    must_match: false
                },
            ]]
        );
        let Ok(PatternPlan::LinearCombination { any_of }) = plan(r"^[a-z.]*(?<!\.)$") else {
            panic!("expected a combination");
        };
        assert_eq!(any_of[0][1].regex, r"(?:\.)\z");
        // A lookaround inside a single-alternative group is still pinned by the `^` before it.
        assert!(matches!(
            plan(r"^(^(?!(system\x2e)))(^[_a-zA-Z0-9])([^$]*)$"),
            Ok(PatternPlan::LinearCombination { .. })
        ));
    }

    #[test]
    fn plans_backtracking_only_when_needed() {
        let reason = |p: &str| match plan(p) {
            Ok(PatternPlan::Backtracking { reason, .. }) => reason,
            other => panic!("{p}: expected backtracking, got {other:?}"),
        };
        assert_eq!(reason(r"(a)\1"), BacktrackReason::Backreference);
        assert_eq!(reason(r"(?<x>a)\k<x>"), BacktrackReason::Backreference);
        assert_eq!(reason(r"a(?=b)"), BacktrackReason::Lookaround);
        assert_eq!(reason(r"^(?:(?!a)b|c)$"), BacktrackReason::Lookaround);
        assert!(matches!(
            reason(r"(?i:a)"),
            BacktrackReason::Untranslatable(_)
        ));
        assert!(matches!(
            reason(r"\_\uD83D"),
            BacktrackReason::Untranslatable(_)
        ));
        assert!(matches!(
            reason(r"a{4294967295}"),
            BacktrackReason::Untranslatable(_) | BacktrackReason::LinearEngineRejected(_)
        ));
        assert!(matches!(
            reason(r"(?:a{1000}){1000}"),
            BacktrackReason::LinearEngineRejected(_)
        ));
        let Ok(PatternPlan::Backtracking { flags, .. }) = plan(r"\_(a)\1") else {
            panic!("expected backtracking");
        };
        assert_eq!(flags, "");
    }

    #[test]
    fn invalid_patterns_are_errors() {
        for bad in ["[", "(", "a**", "[z-a]", r"\", "(?<n>a)(?<n>b)"] {
            let error = plan(bad).unwrap_err();
            let text = error.to_string();
            assert!(text.starts_with("pattern "), "{text}");
            assert!(!text.ends_with('.'), "{text}");
            assert_eq!(error.pattern(), bad);
        }
    }

    #[test]
    fn dollar_is_the_end_of_input_only() {
        assert_eq!(translated("a$"), r"a\z");
        let plan = plan("a$").unwrap();
        let compiled = runtime_pattern("a$", &plan);
        assert!(compiled.is_match("ba") && !compiled.is_match("a\n"));
    }

    #[test]
    fn hostile_nested_quantifier_is_linear() {
        let pattern = "^([0-9]+)+$";
        let plan = plan(pattern).unwrap();
        assert!(matches!(plan, PatternPlan::Linear { .. }), "{plan:?}");
        let compiled = runtime_pattern(pattern, &plan);
        let input = format!("{}!", "0".repeat(10_000));
        let started = Instant::now();
        assert!(!compiled.is_match(&input));
        eprintln!(
            "^([0-9]+)+$ against 10000 digits and '!': {:?} (regex-lite, this build profile)",
            started.elapsed()
        );
        assert!(compiled.is_match(&"0".repeat(10_000)));
    }

    // -- differential testing against regress -------------------------------------------------

    /// Deterministic xorshift64* generator.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            if n == 0 {
                0
            } else {
                (self.next() % n as u64) as usize
            }
        }
    }

    /// ASCII (letters, digits, punctuation that AWS patterns use), line terminators, spaces
    /// ECMA and Rust disagree on, letters with diacritics, CJK, astral characters.
    const ALPHABET: &[char] = &[
        'a',
        'b',
        'c',
        'd',
        'e',
        'k',
        'p',
        's',
        'u',
        'w',
        'x',
        'z',
        'A',
        'B',
        'L',
        'Z',
        '0',
        '1',
        '2',
        '5',
        '7',
        '9',
        '-',
        '_',
        '.',
        ':',
        '/',
        '$',
        '@',
        '+',
        '=',
        '*',
        '!',
        '{',
        '}',
        '[',
        ']',
        '\\',
        '|',
        '(',
        ')',
        '\'',
        '"',
        ',',
        ' ',
        '\t',
        '\n',
        '\r',
        '\u{b}',
        '\u{c}',
        '\u{0}',
        '\u{8}',
        '\u{1f}',
        '\u{7f}',
        '\u{85}',
        '\u{a0}',
        '\u{ad}',
        '\u{2028}',
        '\u{2029}',
        '\u{200b}',
        '\u{202f}',
        '\u{3000}',
        '\u{feff}',
        'é',
        'ü',
        'ñ',
        'Ω',
        'ж',
        'ſ',
        'K',
        '٣',
        '中',
        '\u{1F600}',
        '\u{10348}',
        '\u{E000}',
        '\u{FFFF}',
        '\u{10FFFF}',
    ];

    fn random_char(rng: &mut Rng) -> char {
        ALPHABET[rng.below(ALPHABET.len())]
    }

    fn sample_set(set: &CharSet, noisy: bool, rng: &mut Rng, out: &mut String) {
        if set.ranges.is_empty() || (noisy && rng.below(5) == 0) {
            out.push(random_char(rng));
            return;
        }
        let in_set: Vec<char> = ALPHABET
            .iter()
            .copied()
            .filter(|&c| set.contains(u32::from(c)))
            .collect();
        if !in_set.is_empty() && rng.below(2) == 0 {
            out.push(in_set[rng.below(in_set.len())]);
            return;
        }
        let (lo, hi) = set.ranges[rng.below(set.ranges.len())];
        let c = lo + rng.below((hi - lo + 1) as usize) as u32;
        out.push(char::from_u32(c).unwrap_or('?'));
    }

    /// A string the pattern is likely to match: a walk of its syntax tree.
    /// A string the pattern is likely to match: a walk of its syntax tree, which `noisy` makes
    /// pick an arbitrary character now and then.
    fn sample(node: &Node, noisy: bool, rng: &mut Rng, out: &mut String) {
        match node {
            Node::Set(set) => sample_set(set, noisy, rng, out),
            Node::Group(inner) => sample(inner, noisy, rng, out),
            Node::Look { body, .. } => {
                if rng.below(4) == 0 {
                    sample(body, noisy, rng, out);
                }
            }
            Node::Concat(items) => items.iter().for_each(|item| sample(item, noisy, rng, out)),
            Node::Alt(alternatives) => sample(
                &alternatives[rng.below(alternatives.len())],
                noisy,
                rng,
                out,
            ),
            Node::Repeat { body, min, max, .. } => {
                let min = (*min as usize).min(70);
                let max = max.map_or(min + 4, |m| (m as usize).min(min + 4));
                for _ in 0..min + rng.below(max - min + 1) {
                    sample(body, noisy, rng, out);
                }
            }
            Node::Start | Node::End | Node::WordBoundary { .. } | Node::Backreference => {}
        }
    }

    fn mutate(input: &str, rng: &mut Rng) -> String {
        let mut chars: Vec<char> = input.chars().collect();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 => chars.insert(at, random_char(rng)),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = random_char(rng),
                _ => chars.push(random_char(rng)),
            }
        }
        chars.into_iter().collect()
    }

    /// Deterministic inputs for `pattern`: in turn a random string over [`ALPHABET`], a faithful
    /// walk of the pattern, a faithful walk with one to three random edits, and a noisy walk
    /// with random characters around it.
    fn inputs(pattern: &str, dialect: Dialect, rng: &mut Rng, count: usize) -> Vec<String> {
        let node = Parser::parse(pattern, dialect).ok();
        let mut inputs = vec![String::new()];
        while inputs.len() < count {
            let kind = inputs.len() % 4;
            let generated = match &node {
                Some(node) if kind != 0 => {
                    let mut s = String::new();
                    if kind == 3 && rng.below(2) == 0 {
                        s.push(random_char(rng));
                    }
                    sample(node, kind == 3, rng, &mut s);
                    if kind == 3 && rng.below(2) == 0 {
                        s.push(random_char(rng));
                    }
                    if kind == 2 { mutate(&s, rng) } else { s }
                }
                _ => (0..rng.below(16)).map(|_| random_char(rng)).collect(),
            };
            inputs.push(generated);
        }
        inputs
    }

    /// Patterns exercising ECMA-262 corners; each is planned and compared against `regress`.
    const TRICKY: &[&str] = &[
        r"^\s+$",
        r"\S",
        r"^\w+$",
        r"\W",
        r"^\d+$",
        r"\D",
        r"^.$",
        r"^.*$",
        r"^.+$",
        r"a$",
        r"^$",
        r"^a",
        r"\ba",
        r"a\b",
        r"\Bb\B",
        r"\b\B",
        r"^[^]$",
        r"[]",
        r"^[]*$",
        r"^[\s\S]$",
        r"\u00A0",
        r"\u{1F600}",
        r"^\uD83D\uDE00$",
        r"^[\uD83D\uDE00]$",
        r"[\uD800-\uDFFF]",
        r"^[\u0000-\uFFFF]*$",
        r"\x41",
        r"\cJ",
        r"[\cj]",
        r"\0",
        r"a{2,3}?",
        r"a{2,}",
        r"^a{0}$",
        r"(a|b)*c",
        r"(?<name>x)y",
        r"(?:)",
        r"a|",
        r"|",
        r"^(|a)+$",
        r"^([0-9]+)+$",
        r"^(a+)+b$",
        r"^(a|aa)*$",
        r"\p{L}+",
        r"^\P{L}$",
        r"^[\p{Lu}\p{Nd}]+$",
        r"\p{Script=Greek}",
        r"^[^\p{L}\d]+$",
        r"^[\W\d]+$",
        r"^[^\W]+$",
        r"[^\S\n]",
        r"^(?!a)b",
        r"^(?=a)",
        r"(?<!a)$",
        r"^(?<=a)",
        r"^(?<!a)b",
        r"$(?=a)",
        r"a$(?!b)",
        r"(?=a)^a",
        r"^(?!.*\n)",
        r"^(?!.*\d$).*$|^7",
        r"(?!a)",
        r"a(?=b)",
        r"(a)\1",
        r"(?<x>.)\k<x>",
        r"(?i:a)b",
        r"\_",
        r"[\_]",
        r"\_a{",
        r"\_a{,5}",
        r"\_\8",
        r"\_\1",
        r"(a)\_\2",
        r"\_\0123",
        r"\_[\1]",
        r"\_\c1",
        r"\_[\c1]",
        r"\_[\c_]",
        r"\_\c",
        r"\_]",
        r"\_}",
        r"\_[\d-x]",
        r"\_\u{2}",
        r"\_\x4",
        r"\_\k",
        r"\_\a\e\z",
        r"^[\x20-\x7E]*$",
        r"\t\n\v\f\r",
        r"[\b]",
        r"\/",
        r"[a-z-9]+",
        r"[--0]",
        r"$^",
        r"^^a$$",
        r"(?:^a|b$)",
        r"(^a|b)+$",
        r"x*$",
        r"^$|^a",
        r"(?:a|^)+b",
        r"[a-c-e]",
        r"^[\d-]+$",
        r"^[-\w]+$",
        r"[\u{10000}-\u{10FFFF}]",
        r"^\S+@\S+$",
        r"(?:\d{3}-)?\d{4}",
        r"^[^\n\r\u2028\u2029]*$",
        r"[\s\u{1F600}]",
        r"\s\S\s",
        r"^(a|b|)+$",
        r"^\b$",
        r"\B",
        r"^(?:\b[a-z]+\b ?)+$",
        r"^a{1,3}b{2}$",
        r"[\^]",
        r"^\^+$",
        r"\$\(\)\[\]\{\}\|",
        r"[.*+?]",
        r"\u00e9|e\u0301",
        r"[é-ü]",
        r"^[ -~]+$",
        r"[\]]",
        r"[a\-z]",
        r"[\-]",
        r"[^-]",
        r"[-]",
        r"\\",
        r"[\\]",
        r"\_a{3}{",
        r"\_{",
        r"\_(?=a)*",
        r"\_\1(a)",
        r"\_\2(a)",
        r"\_[\k]",
        r"\_\B\b",
        r"\u{10FFFF}",
        r"^[\u{0}-\u{10FFFF}]$",
        r"^(?:a|b|c){2,3}$",
        r"^(a*)*b$",
        r"^(a?){3}$",
        r"^(?:)+$",
        r"^(|)+x$",
        r"^[\d\D]{3}$",
        r"(?<=^a)b",
        r"^(?=.{3})[a-z]+$",
        r"^(?!.*--)[a-z-]+$",
        r"[\cA-\cZ]",
        r"\cz",
        r"[\0-\x1F]",
        r"\_[\0-\07]",
        r"\p{Lu}",
        r"\p{General_Category=Decimal_Number}",
        r"\p{sc=Latn}",
        r"^\p{ASCII}+$",
        r"\P{Any}",
        r"^\p{Assigned}$",
        r"\p{White_Space}",
        r"\_\u0041\x41",
        r"^[^\d\s]$",
        r"^(?:\s|\S)$",
        r"\W\b\w",
        r"^(?:a(?:b(?:c)?)?)?$",
    ];

    /// The upstream models folder named by `UPSTREAM_MODELS`, if set (tests skip without it).
    fn find_models() -> Option<PathBuf> {
        let dir = PathBuf::from(std::env::var_os("UPSTREAM_MODELS")?);
        if dir.join("lambda-2015-03-31.json").is_file() {
            Some(dir)
        } else {
            eprintln!(
                "UPSTREAM_MODELS={} holds no lambda-2015-03-31.json",
                dir.display()
            );
            None
        }
    }

    fn collect_patterns(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("smithy.api#pattern", serde_json::Value::String(p)) => out.push(p.clone()),
                        _ => collect_patterns(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|item| collect_patterns(item, out))
            }
            _ => {}
        }
    }

    /// Every `smithy.api#pattern` of the surveyed models, with the count per model.
    /// Distinct patterns, and the number of pattern traits per model file.
    type Survey = (Vec<String>, Vec<(&'static str, usize)>);

    fn upstream_patterns() -> Option<Survey> {
        let Some(dir) = find_models() else {
            eprintln!("skipped: UPSTREAM_MODELS is not set");
            return None;
        };
        let mut all = Vec::new();
        let mut counts = Vec::new();
        for file in [
            "connect-2017-08-08.json",
            "connectparticipant-2018-09-07.json",
            "lambda-2015-03-31.json",
        ] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut found = Vec::new();
            collect_patterns(&json, &mut found);
            counts.push((file, found.len()));
            all.extend(found);
        }
        all.sort();
        all.dedup();
        Some((all, counts))
    }

    #[test]
    fn upstream_patterns_all_plan_linear() {
        let Some((patterns, counts)) = upstream_patterns() else {
            return;
        };
        eprintln!(
            "pattern traits per model: {counts:?}; distinct: {}",
            patterns.len()
        );
        let mut linear = 0;
        let mut combined = Vec::new();
        let mut legacy = Vec::new();
        for pattern in &patterns {
            match plan(pattern).unwrap() {
                PatternPlan::Linear { .. } => linear += 1,
                PatternPlan::LinearCombination { .. } => combined.push(pattern),
                other => panic!("{pattern}: {other:?}"),
            }
            if dialect(pattern).unwrap() == Dialect::Legacy {
                legacy.push(pattern);
            }
        }
        eprintln!("linear: {linear}; lookarounds decomposed: {combined:#?}; legacy: {legacy:#?}");
    }

    /// Compares the runtime `Pattern` of every linear plan with `regress` on `per_pattern`
    /// deterministic inputs each; returns (linear patterns, inputs compared, matches).
    fn differential(patterns: &[String], seed: u64, per_pattern: usize) -> (usize, usize, usize) {
        let mut rng = Rng(seed);
        let (mut compared, mut matched, mut linear_patterns) = (0usize, 0usize, 0usize);
        let mut failures = Vec::new();
        for pattern in patterns {
            let plan = plan(pattern).unwrap_or_else(|e| panic!("{e}"));
            if !plan.needs_linear_engine() {
                continue;
            }
            linear_patterns += 1;
            let dialect = dialect(pattern).unwrap();
            let oracle = regress::Regex::with_flags(pattern, dialect.flags()).unwrap();
            let compiled = runtime_pattern(pattern, &plan);
            assert!(compiled.is_compiled(), "{pattern}");
            let mut matched_here = 0;
            for input in inputs(pattern, dialect, &mut rng, per_pattern) {
                let expected = oracle.find(&input).is_some();
                compared += 1;
                matched_here += usize::from(expected);
                if compiled.is_match(&input) != expected && failures.len() < 20 {
                    failures.push(format!("{pattern:?} on {input:?}: regress says {expected}"));
                }
            }
            if matched_here == 0 || matched_here == per_pattern {
                eprintln!("{pattern:?}: every input gave {}", matched_here > 0);
            }
            matched += matched_here;
        }
        assert!(failures.is_empty(), "{failures:#?}");
        (linear_patterns, compared, matched)
    }

    #[test]
    fn differential_upstream_patterns_agree_with_regress() {
        let Some((patterns, _)) = upstream_patterns() else {
            return;
        };
        let (linear, compared, matched) = differential(&patterns, 0x9E37_79B9_7F4A_7C15, 1500);
        assert_eq!(linear, patterns.len());
        eprintln!(
            "differential, upstream: {linear} patterns, {compared} inputs, {matched} matched"
        );
    }

    #[test]
    fn differential_tricky_patterns_agree_with_regress() {
        let patterns: Vec<String> = TRICKY.iter().map(|p| (*p).to_owned()).collect();
        let (linear, compared, matched) = differential(&patterns, 0xD1B5_4A32_D192_ED03, 1500);
        eprintln!(
            "differential, tricky: {linear} of {} patterns planned linear, {compared} inputs, \
             {matched} matched",
            patterns.len()
        );
    }
}
