//! The parser of pattern syntax, in the dialect [`plan`](super::plan) chose (ECMA-262 with or
//! without the `u` flag, or Java's `java.util.regex`): a [`Node`] tree whose characters and
//! classes are explicit sets of code points, and whose Java-only constructs are already spelled
//! in the vocabulary both engines share (lookarounds for `\Z` and multiline anchors, collapsed
//! quantified assertions, `Atomic` for possessive quantifiers).
//!
//! This file holds the tree, the parser's state and its cursor; `groups` parses the structure
//! (alternatives, terms, groups, quantifiers), `atoms` the escapes and character classes, and
//! `java` what only Java's grammar has (inline flags, nested classes, its escapes and property
//! names).

mod atoms;
mod groups;
mod java;

use super::Dialect;
use super::charset::CharSet;

/// Why a pattern was not parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ParseError {
    /// Not valid in the dialect's grammar (for Java, what `java.util.regex` rejects).
    Invalid(String),
    /// Valid Java syntax this translator does not implement (the text says which).
    Unsupported(String),
}

impl From<String> for ParseError {
    fn from(message: String) -> Self {
        ParseError::Invalid(message)
    }
}

impl From<&str> for ParseError {
    fn from(message: &str) -> Self {
        ParseError::Invalid(message.to_owned())
    }
}

impl ParseError {
    pub(super) fn message(&self) -> &str {
        match self {
            ParseError::Invalid(m) | ParseError::Unsupported(m) => m,
        }
    }
}

/// A parsed pattern. Literal characters are single-element sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
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
    /// `\N` or `\k<name>`: the number of the group it refers to. Only a Java pattern may refer
    /// to a group it does not have (such a reference never matches).
    Backreference(u32),
    /// A group; `capture` is its number when it is a capturing group.
    Group {
        body: Box<Node>,
        capture: Option<u32>,
    },
    /// Java's atomic group `(?>..)`, and a possessive quantifier (`X*+` is `(?>X*)`): once the
    /// body has matched, the match never backtracks into it.
    Atomic(Box<Node>),
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
            Node::Look { body, .. }
            | Node::Group { body, .. }
            | Node::Atomic(body)
            | Node::Repeat { body, .. } => body.any(pred),
            Node::Concat(items) | Node::Alt(items) => items.iter().any(|n| n.any(pred)),
            _ => false,
        }
    }

    pub(super) fn has_lookaround(&self) -> bool {
        self.any(&|n| matches!(n, Node::Look { .. }))
    }

    pub(super) fn has_backreference(&self) -> bool {
        self.any(&|n| matches!(n, Node::Backreference(_)))
    }

    /// Whether `self` holds an assertion or a backreference: something whose success depends on
    /// more than the characters it consumes.
    pub(super) fn has_zero_width(&self) -> bool {
        self.any(&|n| n.is_zero_width_item() || matches!(n, Node::Backreference(_)))
    }

    pub(super) fn has_atomic(&self) -> bool {
        self.any(&|n| matches!(n, Node::Atomic(_)))
    }

    /// A group that does not capture.
    pub(super) fn group(body: Node) -> Node {
        Node::Group {
            body: Box::new(body),
            capture: None,
        }
    }

    pub(super) fn is_zero_width_item(&self) -> bool {
        matches!(
            self,
            Node::Start | Node::End | Node::WordBoundary { .. } | Node::Look { .. }
        )
    }
}

const MAX_DEPTH: usize = 200;

/// Java's inline flags in effect (`(?i)`, `(?s)`, `(?m)`, `(?d)`); never set in ECMA.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Flags {
    /// `i`: ASCII case-insensitive (Java's default without `u`).
    ignore_case: bool,
    /// `s`: `.` matches every character.
    dot_all: bool,
    /// `m`: `^` and `$` match at line terminators too.
    multiline: bool,
    /// `d`: `\n` is the only line terminator.
    unix_lines: bool,
}

/// The state of one parse: the pattern, the position in it, and the facts of the grammar it is
/// read in.
struct Parser {
    chars: Vec<char>,
    pos: usize,
    unicode: bool,
    /// Java's grammar (`java.util.regex`) rather than ECMA-262's.
    java: bool,
    flags: Flags,
    /// Whether the pattern has a named group (the spec's `N` grammar parameter).
    named_groups: bool,
    /// How many capturing groups the whole pattern has (decides `\N` in Annex B).
    capture_count: u64,
    /// The names of the named groups, by number (1-based; `None` for unnamed ones): ECMA
    /// resolves `\k<name>` against the whole pattern, Java against the groups opened so far.
    group_names: Vec<Option<String>>,
    /// How many capturing groups have been opened so far.
    opened: u32,
    depth: usize,
}

/// Parses `pattern` in `dialect`. For the ECMA dialects `regress` has accepted the pattern
/// already and an error is syntax the translator does not rewrite (the caller falls back to
/// `regress`); for Java, this parser is the one that decides validity.
pub(super) fn parse(pattern: &str, dialect: Dialect) -> Result<Node, ParseError> {
    let mut parser = Parser::new(pattern, dialect);
    let node = parser.disjunction()?;
    match parser.peek() {
        None => Ok(node),
        Some(c) => Err(format!("unexpected {c:?} at offset {}", parser.pos).into()),
    }
}

impl Parser {
    fn new(pattern: &str, dialect: Dialect) -> Parser {
        let java = dialect == Dialect::Java;
        let chars: Vec<char> = pattern.chars().collect();
        let chars = if java {
            java::remove_quoting(&chars)
        } else {
            chars
        };
        let (capture_count, group_names) = if java {
            (0, Vec::new())
        } else {
            count_groups(&chars)
        };
        let named_groups = group_names.iter().any(Option::is_some);
        Parser {
            chars,
            pos: 0,
            unicode: dialect == Dialect::Unicode,
            java,
            flags: Flags::default(),
            named_groups: named_groups || dialect != Dialect::Legacy,
            capture_count,
            group_names,
            opened: 0,
            depth: 0,
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

    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let mut value = 0;
        for offset in 0..count {
            value = value * 16 + self.peek_at(offset)?.to_digit(16)?;
        }
        self.pos += count;
        Some(value)
    }
}

/// How many capturing groups `chars` (ECMA-262 syntax) has, and their names by number.
fn count_groups(chars: &[char]) -> (u64, Vec<Option<String>>) {
    let mut names = Vec::new();
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) != Some(&'?') {
                    names.push(None);
                } else if chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=') | Some('!'))
                {
                    let name: String = chars[i + 3..].iter().take_while(|&&c| c != '>').collect();
                    names.push(Some(name));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (names.len() as u64, names)
}
