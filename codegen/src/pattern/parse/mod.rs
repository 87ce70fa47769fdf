//! The parser of ECMA-262 pattern syntax, in the dialect [`plan`](super::plan) chose: a
//! [`Node`] tree whose characters and classes are explicit sets of code points.
//!
//! This file holds the tree, the parser's state and its cursor; `groups` parses the structure
//! (alternatives, terms, groups, quantifiers) and `atoms` the escapes and character classes.

mod atoms;
mod groups;

use super::Dialect;
use super::charset::CharSet;

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

    pub(super) fn has_lookaround(&self) -> bool {
        self.any(&|n| matches!(n, Node::Look { .. }))
    }

    pub(super) fn has_backreference(&self) -> bool {
        self.any(&|n| matches!(n, Node::Backreference))
    }

    pub(super) fn is_zero_width_item(&self) -> bool {
        matches!(
            self,
            Node::Start | Node::End | Node::WordBoundary { .. } | Node::Look { .. }
        )
    }
}

const MAX_DEPTH: usize = 200;

/// The state of one parse: the pattern, the position in it, and the facts of the grammar it is
/// read in.
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

/// Parses a pattern `regress` accepted in `dialect`. Any error is syntax the translator does not
/// rewrite (the caller falls back to `regress`).
pub(super) fn parse(pattern: &str, dialect: Dialect) -> Result<Node, String> {
    let mut parser = Parser::new(pattern, dialect);
    let node = parser.disjunction()?;
    match parser.peek() {
        None => Ok(node),
        Some(c) => Err(format!("unexpected {c:?} at offset {}", parser.pos)),
    }
}

impl Parser {
    fn new(pattern: &str, dialect: Dialect) -> Parser {
        let chars: Vec<char> = pattern.chars().collect();
        let (capture_count, named_groups) = count_groups(&chars);
        Parser {
            chars,
            pos: 0,
            unicode: dialect == Dialect::Unicode,
            named_groups: named_groups || dialect == Dialect::Unicode,
            capture_count,
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
