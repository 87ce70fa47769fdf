//! Planning how a generated crate evaluates a Smithy `@pattern`.
//!
//! Smithy patterns are ECMA-262 regular expressions, not anchored unless they anchor
//! themselves. We read them with the `u` flag (as code points, with Unicode property classes
//! such as `\p{L}`), since Rust strings are code points and models use `\p{..}` meaning
//! properties; no other flag applies.
//!
//! One leniency: `\` before a character that is neither a letter nor a digit nor one the `u`
//! mode allows escaping (for example `\_`, which the upstream Connect models use) means that
//! character, as it does without the `u` flag (ECMA-262 Annex B) and in Java, whose engine
//! checks patterns for Smithy itself. [`plan`] rewrites such escapes as `\u{..}` first.
//!
//! Patterns are evaluated on untrusted input, so catastrophic backtracking would be a
//! denial-of-service bug. [`plan`] therefore:
//!
//! 1. checks the pattern with `regress`, an ECMA-262 engine, so exactly ECMA-262's syntax is
//!    accepted (an invalid pattern is an error naming why);
//! 2. when the pattern needs no lookaround and no backreference (the only ECMA-262 features
//!    beyond regular languages), translates it into `regex` syntax with the same meaning and
//!    compiles that: the `regex` crate runs in time linear in the input ([`Engine::Linear`]);
//! 3. otherwise keeps it for `regress` ([`Engine::Backtracking`]), saying which feature forced it.
//!
//! The translation writes out what the two dialects define differently: ECMA-262's `.` (any
//! code point but `\n`, `\r`, U+2028, U+2029), `\d` and `\w` (ASCII), `\s` (its WhiteSpace and
//! LineTerminator sets), `\b`/`\B` (ASCII word boundaries), and writes every other literal as a
//! `\x{..}` escape, so no character can take on a `regex`-only meaning. Groups become
//! non-capturing: only whether the pattern matches is ever asked. Escapes of lone surrogates
//! (which no Rust string contains) match nothing. Unicode property tables are those of each
//! crate's Unicode version.

use std::fmt;

/// How a pattern is evaluated by the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// The `regex` crate, in time linear in the input, on this faithful translation.
    Linear {
        /// The translated pattern in `regex` syntax.
        translated: String,
    },
    /// `regress`, an ECMA-262 backtracking engine: the pattern needs a feature no linear-time
    /// engine has.
    Backtracking {
        /// The feature (`lookahead`, `lookbehind`, `a backreference`).
        reason: String,
        /// The pattern `regress` compiles with the `u` flag (lenient identity escapes
        /// rewritten, see the module docs).
        pattern: String,
    },
}

/// A planned pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternPlan {
    /// The pattern as the model writes it.
    pub source: String,
    /// How it is evaluated.
    pub engine: Engine,
}

/// A pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for PatternError {}

/// Rewrites identity escapes the `u` mode rejects (`\_`) as `\u{..}` escapes of the same
/// character (see the module docs); everything else is kept as written.
pub fn normalize(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e) if !e.is_alphanumeric() && !"^$\\.*+?()[]{}|/".contains(e) => {
                out.push_str(&format!("\\u{{{:X}}}", u32::from(e)));
            }
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Checks that a pattern is a valid ECMA-262 regular expression (with the `u` flag, after
/// [`normalize`]).
pub fn check_syntax(source: &str) -> Result<(), PatternError> {
    match regress::Regex::with_flags(&normalize(source), "u") {
        Ok(_) => Ok(()),
        Err(e) => Err(PatternError {
            reason: format!("not a valid ECMA-262 regular expression: {e}"),
        }),
    }
}

/// Plans a pattern: checks it is valid ECMA-262 and picks the engine (see the module docs).
pub fn plan(source: &str) -> Result<PatternPlan, PatternError> {
    check_syntax(source)?;
    let normalized = normalize(source);
    let mut translator = Translator {
        chars: normalized.chars().collect(),
        pos: 0,
        out: String::with_capacity(source.len() * 2),
        backtracking: None,
    };
    translator.disjunction()?;
    if translator.pos != translator.chars.len() {
        return Err(translator.unexpected());
    }
    let engine = match translator.backtracking {
        Some(reason) => Engine::Backtracking {
            reason: reason.to_owned(),
            pattern: normalized,
        },
        None => {
            let translated = translator.out;
            if let Err(e) = regex::RegexBuilder::new(&translated)
                .size_limit(LINEAR_SIZE_LIMIT)
                .build()
            {
                return Err(PatternError {
                    reason: format!(
                        "its linear-time translation `{translated}` does not compile: {e}"
                    ),
                });
            }
            Engine::Linear { translated }
        }
    };
    Ok(PatternPlan {
        source: source.to_owned(),
        engine,
    })
}

/// The `regex` crate's compiled-size limit for translated patterns, in bytes (the crate's
/// default is 10 MiB). Counted repetitions of large Unicode classes (the Connect model's
/// `^[\P{C}\r\n\t]{1,250}$`) need more; the generated crate uses the same limit.
pub const LINEAR_SIZE_LIMIT: usize = 64 << 20;

/// ECMA-262 `\s`: WhiteSpace (TAB, VT, FF, ZWNBSP, and every `Zs` code point) and
/// LineTerminator (LF, CR, U+2028, U+2029), as class items.
const SPACE_ITEMS: &str = r"\x{9}-\x{D}\x{FEFF}\x{2028}\x{2029}\p{Zs}";
const DIGIT_ITEMS: &str = "0-9";
const WORD_ITEMS: &str = "0-9A-Za-z_";
/// Matches no code point.
const NOTHING: &str = r"[^\x{0}-\x{10FFFF}]";

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    /// The first feature that needs the backtracking engine.
    backtracking: Option<&'static str>,
}

/// One item of a character class.
enum ClassItem {
    /// A code point (`None` for a lone surrogate, which no Rust string holds).
    Char(Option<u32>),
    /// A set, already written as class items (`0-9`) or a nested class (`[^0-9]`).
    Set(String),
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn looking_at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn unexpected(&self) -> PatternError {
        let at = self.pos;
        PatternError {
            reason: match self.peek() {
                Some(c) => format!("unsupported syntax at {c:?} (offset {at})"),
                None => "unexpected end of the pattern".to_owned(),
            },
        }
    }

    fn needs_backtracking(&mut self, reason: &'static str) {
        self.backtracking.get_or_insert(reason);
    }

    fn disjunction(&mut self) -> Result<(), PatternError> {
        self.alternative()?;
        while self.eat('|') {
            self.out.push('|');
            self.alternative()?;
        }
        Ok(())
    }

    fn alternative(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.term()?;
        }
        Ok(())
    }

    fn term(&mut self) -> Result<(), PatternError> {
        let quantifiable = self.atom()?;
        if quantifiable {
            self.quantifier()?;
        }
        Ok(())
    }

    /// Translates one atom or assertion; `true` when a quantifier may follow.
    fn atom(&mut self) -> Result<bool, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.unexpected());
        };
        self.pos += 1;
        match c {
            '^' => self.out.push('^'),
            '$' => self.out.push('$'),
            '.' => self.out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '[' => self.class()?,
            '(' => return self.group(),
            '\\' => return self.atom_escape(),
            '*' | '+' | '?' | '{' | '}' | ']' | ')' | '|' => {
                self.pos -= 1;
                return Err(self.unexpected());
            }
            c => self.literal(u32::from(c)),
        }
        Ok(!matches!(c, '^' | '$'))
    }

    fn literal(&mut self, c: u32) {
        match char::from_u32(c) {
            Some(ch) if ch.is_ascii_alphanumeric() => self.out.push(ch),
            Some(_) => self.out.push_str(&format!(r"\x{{{c:X}}}")),
            None => self.out.push_str(NOTHING),
        }
    }

    fn group(&mut self) -> Result<bool, PatternError> {
        let mut quantifiable = true;
        if self.eat('?') {
            if self.eat(':') {
            } else if self.eat('=') || self.eat('!') {
                self.needs_backtracking("lookahead");
                quantifiable = false;
            } else if self.looking_at("<=") || self.looking_at("<!") {
                self.pos += 2;
                self.needs_backtracking("lookbehind");
                quantifiable = false;
            } else if self
                .peek()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
            {
                return Err(PatternError {
                    reason: "pattern modifiers such as `(?i:...)` are not supported yet; \
                             rewrite the group without them"
                        .to_owned(),
                });
            } else if self.eat('<') {
                // A named group: only its grouping matters here.
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '>' {
                        break;
                    }
                }
            } else {
                return Err(self.unexpected());
            }
        }
        self.out.push_str("(?:");
        self.disjunction()?;
        if !self.eat(')') {
            return Err(self.unexpected());
        }
        self.out.push(')');
        Ok(quantifiable)
    }

    fn quantifier(&mut self) -> Result<(), PatternError> {
        match self.peek() {
            Some(c @ ('*' | '+' | '?')) => {
                self.pos += 1;
                self.out.push(c);
            }
            Some('{') => {
                let start = self.pos;
                self.pos += 1;
                let mut text = String::from("{");
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    text.push(c);
                    if c == '}' {
                        break;
                    }
                    if !(c.is_ascii_digit() || c == ',') {
                        self.pos = start;
                        return Err(self.unexpected());
                    }
                }
                self.out.push_str(&text);
            }
            _ => return Ok(()),
        }
        if self.eat('?') {
            self.out.push('?');
        }
        Ok(())
    }

    /// After a `\` outside a class.
    fn atom_escape(&mut self) -> Result<bool, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.unexpected());
        };
        match c {
            'b' => {
                self.pos += 1;
                self.out.push_str(r"(?-u:\b)");
                return Ok(false);
            }
            'B' => {
                self.pos += 1;
                self.out.push_str(r"(?-u:\B)");
                return Ok(false);
            }
            '1'..='9' => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
                self.needs_backtracking("a backreference");
                return Ok(true);
            }
            'k' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '>' {
                        break;
                    }
                }
                self.needs_backtracking("a backreference");
                return Ok(true);
            }
            _ => {}
        }
        match self.class_escape()? {
            ClassItem::Char(Some(c)) => self.literal(c),
            ClassItem::Char(None) => self.out.push_str(NOTHING),
            ClassItem::Set(items) => {
                self.out.push('[');
                self.out.push_str(&items);
                self.out.push(']');
            }
        }
        Ok(true)
    }

    /// After a `\` (inside or outside a class, but not `b`, `B` or a backreference outside).
    fn class_escape(&mut self) -> Result<ClassItem, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.unexpected());
        };
        self.pos += 1;
        Ok(match c {
            'd' => ClassItem::Set(DIGIT_ITEMS.to_owned()),
            'D' => ClassItem::Set(format!("[^{DIGIT_ITEMS}]")),
            'w' => ClassItem::Set(WORD_ITEMS.to_owned()),
            'W' => ClassItem::Set(format!("[^{WORD_ITEMS}]")),
            's' => ClassItem::Set(SPACE_ITEMS.to_owned()),
            'S' => ClassItem::Set(format!("[^{SPACE_ITEMS}]")),
            'p' | 'P' => {
                if !self.eat('{') {
                    return Err(self.unexpected());
                }
                let mut name = String::new();
                while let Some(n) = self.peek() {
                    self.pos += 1;
                    if n == '}' {
                        break;
                    }
                    if !(n.is_ascii_alphanumeric() || n == '_' || n == '=') {
                        self.pos -= 1;
                        return Err(self.unexpected());
                    }
                    name.push(n);
                }
                ClassItem::Set(format!(r"\{c}{{{name}}}"))
            }
            'f' => ClassItem::Char(Some(0x0C)),
            'n' => ClassItem::Char(Some(0x0A)),
            'r' => ClassItem::Char(Some(0x0D)),
            't' => ClassItem::Char(Some(0x09)),
            'v' => ClassItem::Char(Some(0x0B)),
            '0' => ClassItem::Char(Some(0)),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    ClassItem::Char(Some(u32::from(l) % 32))
                }
                _ => return Err(self.unexpected()),
            },
            'x' => ClassItem::Char(Some(self.hex(2)?)),
            'u' => ClassItem::Char(self.unicode_escape()?),
            c if c.is_ascii_alphanumeric() => {
                self.pos -= 1;
                return Err(self.unexpected());
            }
            c => ClassItem::Char(Some(u32::from(c))),
        })
    }

    fn hex(&mut self, digits: usize) -> Result<u32, PatternError> {
        let mut value = 0;
        for _ in 0..digits {
            let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                return Err(self.unexpected());
            };
            self.pos += 1;
            value = value * 16 + d;
        }
        Ok(value)
    }

    /// After `\u`: `XXXX`, a surrogate pair `XXXX\uXXXX`, or `{X...}`. `None` for a lone
    /// surrogate.
    fn unicode_escape(&mut self) -> Result<Option<u32>, PatternError> {
        if self.eat('{') {
            let mut value: u32 = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.pos += 1;
                value = value.saturating_mul(16).saturating_add(d);
            }
            if !self.eat('}') || value > 0x10FFFF {
                return Err(self.unexpected());
            }
            return Ok(char::from_u32(value).map(u32::from));
        }
        let first = self.hex(4)?;
        if (0xD800..0xDC00).contains(&first) && self.looking_at("\\u") {
            let save = self.pos;
            self.pos += 2;
            match self.hex(4) {
                Ok(second) if (0xDC00..0xE000).contains(&second) => {
                    return Ok(Some(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)));
                }
                _ => self.pos = save,
            }
        }
        Ok(char::from_u32(first).map(u32::from))
    }

    /// After `[`.
    fn class(&mut self) -> Result<(), PatternError> {
        let negated = self.eat('^');
        let mut items = String::new();
        let mut any = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unexpected());
            };
            if c == ']' {
                self.pos += 1;
                break;
            }
            let first = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let second = self.class_atom()?;
                match (first, second) {
                    (ClassItem::Char(lo), ClassItem::Char(hi)) => {
                        if let Some(range) = char_range(lo, hi) {
                            items.push_str(&range);
                            any = true;
                        }
                    }
                    _ => return Err(self.unexpected()),
                }
                continue;
            }
            match first {
                ClassItem::Char(Some(c)) => {
                    items.push_str(&format!(r"\x{{{c:X}}}"));
                    any = true;
                }
                ClassItem::Char(None) => {}
                ClassItem::Set(set) => {
                    items.push_str(&set);
                    any = true;
                }
            }
        }
        match (negated, any) {
            (false, false) => self.out.push_str(NOTHING),
            (true, false) => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
            (false, true) => {
                self.out.push('[');
                self.out.push_str(&items);
                self.out.push(']');
            }
            (true, true) => {
                self.out.push_str("[^");
                self.out.push_str(&items);
                self.out.push(']');
            }
        }
        Ok(())
    }

    fn class_atom(&mut self) -> Result<ClassItem, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.unexpected());
        };
        self.pos += 1;
        if c != '\\' {
            return Ok(ClassItem::Char(Some(u32::from(c))));
        }
        match self.peek() {
            Some('b') => {
                self.pos += 1;
                Ok(ClassItem::Char(Some(0x08)))
            }
            Some('-') => {
                self.pos += 1;
                Ok(ClassItem::Char(Some(u32::from('-'))))
            }
            _ => self.class_escape(),
        }
    }
}

/// A class range between two code points, without the surrogates no Rust string holds;
/// `None` when nothing is left.
fn char_range(lo: Option<u32>, hi: Option<u32>) -> Option<String> {
    // A lone surrogate endpoint still bounds the range: clamp past the surrogate block.
    let (lo, hi) = (lo?, hi?);
    let lo = if (0xD800..0xE000).contains(&lo) {
        0xE000
    } else {
        lo
    };
    let hi = if (0xD800..0xE000).contains(&hi) {
        0xD7FF
    } else {
        hi
    };
    (lo <= hi).then(|| format!(r"\x{{{lo:X}}}-\x{{{hi:X}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(source: &str) -> String {
        match plan(source).unwrap().engine {
            Engine::Linear { translated } => translated,
            other => panic!("{source}: {other:?}"),
        }
    }

    fn backtracking(source: &str) -> String {
        match plan(source).unwrap().engine {
            Engine::Backtracking { reason, .. } => reason,
            other => panic!("{source}: {other:?}"),
        }
    }

    /// The translation agrees with regress (the ECMA-262 reference here) on every input.
    fn agrees(source: &str, inputs: &[&str]) {
        let ecma = regress::Regex::with_flags(&normalize(source), "u").unwrap();
        let ours = regex::Regex::new(&linear(source)).unwrap();
        for input in inputs {
            assert_eq!(
                ours.is_match(input),
                ecma.find(input).is_some(),
                "{source:?} on {input:?} (translated {:?})",
                ours.as_str()
            );
        }
    }

    #[test]
    fn translations_keep_ecma_semantics() {
        let inputs = [
            "",
            "a",
            "abc",
            "ABC",
            "a.b",
            "a\nb",
            "a\rb",
            "a\u{2028}b",
            "é",
            "👍",
            "٣",
            "_",
            " ",
            "\u{a0}",
            "\u{85}",
            "\u{feff}",
            "\t",
            "x-y",
            "aws:x",
            "{}",
            "[a]",
            "a/b",
            "$",
            "^",
            "1234",
            "a1_",
            "ä ö",
            "\u{1F600}",
        ];
        for source in [
            "^[a-z]+$",
            "a.b",
            "^.$",
            r"\d",
            r"^\d+$",
            r"^\w+$",
            r"\s",
            r"^\S+$",
            r"\bx",
            r"a\B",
            r"^[\w-]+$",
            r"^[^\s]*$",
            r"^[\D]$",
            r"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]+",
            r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
            r"^[\\p{L}]+$",
            r"^\p{Lu}",
            r"^\P{L}+$",
            r"^(a|b|)+$",
            r"^(?:ab)*?$",
            r"^(?<name>a)b$",
            r"^a{2,3}$",
            r"^[]$",
            r"^[^]$",
            r"\$",
            r"\^",
            r"[\]\[]",
            r"\/",
            r"\u{1F600}",
            r"^\uD83D\uDE00$",
            r"^[\uD83D]$",
            r"^[a-zA-Z+-=._:/]+$",
            r"\x2e",
            r"\cJ",
            r"\0",
            r"^[\b]$",
            "#&~ ",
            r"^[a-zA-Z0-9\_\-:\/$]+$",
            r"\_\:\ \,",
        ] {
            agrees(source, &inputs);
        }
    }

    #[test]
    fn catastrophic_patterns_run_in_linear_time() {
        let re = regex::Regex::new(&linear(r"^([0-9]+)+$")).unwrap();
        let input = format!("{}!", "1".repeat(10_000));
        let start = std::time::Instant::now();
        assert!(!re.is_match(&input));
        assert!(start.elapsed() < std::time::Duration::from_millis(200));
    }

    #[test]
    fn lookaround_and_backreferences_need_backtracking() {
        assert_eq!(backtracking("^(?!aws:).*$"), "lookahead");
        assert_eq!(backtracking("^(?=a)"), "lookahead");
        assert_eq!(backtracking(r"^[a-z]*(?<!\.)$"), "lookbehind");
        assert_eq!(backtracking(r"^(a)\1$"), "a backreference");
        assert_eq!(backtracking(r"^(?<x>a)\k<x>$"), "a backreference");
    }

    #[test]
    fn lenient_identity_escapes_mean_the_character() {
        assert_eq!(normalize(r"^[\_\-\/]\\_$"), r"^[\u{5F}\u{2D}\/]\\_$");
        assert_eq!(linear(r"^\_$"), r"^\x{5F}$");
        for source in [r"\a", r"\q"] {
            assert!(plan(source).is_err(), "{source}");
        }
    }

    #[test]
    fn patterns_beyond_the_linear_engine_are_errors() {
        assert_eq!(
            plan("^(?:a{1,1000}){1,1000}$").unwrap_err().reason,
            "its linear-time translation `^(?:a{1,1000}){1,1000}$` does not compile: \
             Compiled regex exceeds size limit of 67108864 bytes."
        );
        // FIXME: ES2025 modifiers are valid ECMA-262 but not translated yet.
        assert_eq!(
            plan("(?i:abc)").unwrap_err().reason,
            "pattern modifiers such as `(?i:...)` are not supported yet; rewrite the group without them"
        );
    }

    #[test]
    fn invalid_patterns_are_errors() {
        for source in ["(", "[a", "a{2,1}", r"\p{NotAProperty}", "a**", r"\k", "}"] {
            let error = plan(source).unwrap_err();
            assert!(
                error
                    .reason
                    .starts_with("not a valid ECMA-262 regular expression"),
                "{source}: {error}"
            );
        }
    }
}
