//! Parsing the structure of a pattern: disjunctions, alternatives, terms, groups and
//! quantifiers.

use super::{MAX_DEPTH, Node, ParseError, Parser};
use crate::pattern::charset::{CharSet, dot_set};

/// Whether a quantifier may follow an atom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quantifiable {
    Yes,
    /// A zero-width assertion: Java quantifies any (and Annex B a lookahead); repeating it at
    /// one position changes nothing, so `A{0,n}` is the empty pattern and `A{m,n}` (m ≥ 1) is `A`.
    Assertion {
        lookahead: bool,
    },
    No,
}

impl Parser {
    pub(super) fn disjunction(&mut self) -> Result<Node, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the pattern nests too deeply".into());
        }
        // Java's inline flags last to the end of the group that sets them.
        let flags = self.flags;
        let mut alternatives = vec![self.alternative()?];
        while self.eat('|') {
            alternatives.push(self.alternative()?);
        }
        self.flags = flags;
        self.depth -= 1;
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alt(alternatives)
        })
    }

    fn alternative(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            items.push(self.term()?);
        }
        Ok(Node::Concat(items))
    }

    fn term(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        let c = self.next().ok_or("unexpected end of pattern")?;
        let (atom, quantifiable) = self.atom(c, start)?;
        let Some((min, max)) = self.quantifier()? else {
            return Ok(atom);
        };
        let lazy = self.eat('?');
        let possessive = !lazy && self.java && self.eat('+');
        match quantifiable {
            Quantifiable::Yes => {}
            Quantifiable::Assertion { lookahead } if self.java || (lookahead && !self.unicode) => {
                return Ok(if min == 0 {
                    Node::Concat(Vec::new())
                } else {
                    atom
                });
            }
            _ => return Err(format!("quantified assertion at offset {start}").into()),
        }
        let repeat = Node::Repeat {
            body: Box::new(atom),
            min,
            max,
            lazy,
        };
        Ok(if possessive {
            Node::Atomic(Box::new(repeat))
        } else {
            repeat
        })
    }

    /// The atom or assertion that starts with `c` (consumed, at offset `start`), and whether a
    /// quantifier may follow it.
    fn atom(&mut self, c: char, start: usize) -> Result<(Node, Quantifiable), ParseError> {
        let assertion = Quantifiable::Assertion { lookahead: false };
        Ok(match c {
            '^' if self.flags.multiline => (self.line_start(), assertion),
            '$' if self.flags.multiline => (self.line_end(), assertion),
            '^' => (Node::Start, assertion),
            '$' => (Node::End, assertion),
            '\\' if self.java => self.java_atom_escape()?,
            '\\' if self.peek() == Some('b') => {
                self.pos += 1;
                (Node::WordBoundary { negated: false }, assertion)
            }
            '\\' if self.peek() == Some('B') => {
                self.pos += 1;
                (Node::WordBoundary { negated: true }, assertion)
            }
            '\\' => (self.atom_escape()?, Quantifiable::Yes),
            '(' => self.group()?,
            '.' if self.java => (Node::Set(self.java_dot()), Quantifiable::Yes),
            '.' => (Node::Set(dot_set()), Quantifiable::Yes),
            '[' if self.java => (Node::Set(self.java_class()?), Quantifiable::Yes),
            '[' => (Node::Set(self.class()?), Quantifiable::Yes),
            '*' | '+' | '?' => return Err(format!("nothing to repeat at offset {start}").into()),
            // Java: a counted quantifier with nothing before it (`{3}`, or the second of
            // `X{11}{0,1011}`) repeats the empty string.
            '{' if self.java => {
                self.pos = start;
                (Node::Concat(Vec::new()), Quantifiable::Yes)
            }
            '{' => (self.literal_brace(start)?, Quantifiable::Yes),
            '}' | ']' if self.unicode => {
                return Err(format!("lone {c:?} at offset {start}").into());
            }
            ')' | '|' => return Err(format!("unexpected {c:?} at offset {start}").into()),
            c => (
                Node::Set(self.fold_literal(CharSet::single(u32::from(c)))),
                Quantifiable::Yes,
            ),
        })
    }

    /// Annex B: a `{` (consumed, at offset `start`) that does not start a quantifier is a
    /// literal; Unicode mode has no such literal.
    fn literal_brace(&mut self, start: usize) -> Result<Node, ParseError> {
        if self.unicode {
            return Err(format!("lone '{{' at offset {start}").into());
        }
        self.pos = start;
        if self.quantifier()?.is_some() {
            return Err(format!("nothing to repeat at offset {start}").into());
        }
        self.pos = start + 1;
        Ok(Node::Set(CharSet::single(u32::from('{'))))
    }

    /// A quantifier at the current position, consumed; `None` (nothing consumed) when there is
    /// none. A `{` that does not start a well-formed quantifier is an error in Unicode mode and
    /// in Java, and a literal in Annex B.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, ParseError> {
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
                    None if self.unicode || self.java => {
                        return Err(format!("incomplete quantifier at offset {start}").into());
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
        let min = repetition_count(min)?;
        let max = max.map(repetition_count).transpose()?;
        if max.is_some_and(|max| max < min) {
            return Err(format!("quantifier out of order at offset {start}").into());
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

    /// After `(`.
    fn group(&mut self) -> Result<(Node, Quantifiable), ParseError> {
        let start = self.pos - 1;
        if !self.eat('?') {
            return Ok((self.capturing_group(None)?, Quantifiable::Yes));
        }
        if self.java {
            return self.java_group(start);
        }
        let kind = self.group_kind(start)?;
        let node = match kind {
            GroupKind::Named(name) => {
                return Ok((self.capturing_group(Some(name))?, Quantifiable::Yes));
            }
            GroupKind::NonCapturing => Node::group(self.group_body()?),
            GroupKind::Look { behind, negated } => Node::Look {
                behind,
                negated,
                body: Box::new(self.group_body()?),
            },
        };
        let quantifiable = match node {
            Node::Look { behind, .. } => Quantifiable::Assertion { lookahead: !behind },
            _ => Quantifiable::Yes,
        };
        Ok((node, quantifiable))
    }

    /// A capturing group's number, body and `)`; the group is open from its `(`.
    pub(super) fn capturing_group(&mut self, name: Option<String>) -> Result<Node, ParseError> {
        self.opened += 1;
        let capture = self.opened;
        if self.java {
            self.group_names.push(name);
        }
        let body = self.group_body()?;
        Ok(Node::Group {
            body: Box::new(body),
            capture: Some(capture),
        })
    }

    /// A group's body and its closing `)`.
    pub(super) fn group_body(&mut self) -> Result<Node, ParseError> {
        let body = self.disjunction()?;
        self.expect(')')?;
        Ok(body)
    }

    /// After `(?` of the ECMA-262 group at offset `start`.
    fn group_kind(&mut self, start: usize) -> Result<GroupKind, ParseError> {
        Ok(match self.next() {
            Some(':') => GroupKind::NonCapturing,
            Some('=') => GroupKind::Look {
                behind: false,
                negated: false,
            },
            Some('!') => GroupKind::Look {
                behind: false,
                negated: true,
            },
            Some('<') if self.eat('=') => GroupKind::Look {
                behind: true,
                negated: false,
            },
            Some('<') if self.eat('!') => GroupKind::Look {
                behind: true,
                negated: true,
            },
            Some('<') => {
                let mut name = String::new();
                while let Some(c) = self.next() {
                    if c == '>' {
                        break;
                    }
                    name.push(c);
                }
                GroupKind::Named(name)
            }
            _ => {
                return Err(format!(
                    "group syntax other than (?: (?= (?! (?<= (?<! (?<name> at offset {start}, such as a modifier"
                )
                .into());
            }
        })
    }
}

/// What a `(?` starts.
pub(super) enum GroupKind {
    NonCapturing,
    Named(String),
    Look { behind: bool, negated: bool },
}

fn repetition_count(count: u64) -> Result<u32, ParseError> {
    u32::try_from(count).map_err(|_| "repetition count too large".into())
}
