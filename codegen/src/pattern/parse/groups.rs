//! Parsing the structure of a pattern: disjunctions, alternatives, terms, groups and
//! quantifiers.

use super::{MAX_DEPTH, Node, Parser};
use crate::pattern::charset::{CharSet, dot_set};

impl Parser {
    pub(super) fn disjunction(&mut self) -> Result<Node, String> {
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
        let (atom, quantifiable) = self.atom(c, start)?;
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

    /// The atom or assertion that starts with `c` (consumed, at offset `start`), and whether a
    /// quantifier may follow it.
    fn atom(&mut self, c: char, start: usize) -> Result<(Node, bool), String> {
        Ok(match c {
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
            '{' => (self.literal_brace(start)?, true),
            '}' | ']' if self.unicode => return Err(format!("lone {c:?} at offset {start}")),
            ')' | '|' => return Err(format!("unexpected {c:?} at offset {start}")),
            c => (Node::Set(CharSet::single(u32::from(c))), true),
        })
    }

    /// Annex B: a `{` (consumed, at offset `start`) that does not start a quantifier is a
    /// literal; Unicode mode has no such literal.
    fn literal_brace(&mut self, start: usize) -> Result<Node, String> {
        if self.unicode {
            return Err(format!("lone '{{' at offset {start}"));
        }
        self.pos = start;
        if self.quantifier()?.is_some() {
            return Err(format!("nothing to repeat at offset {start}"));
        }
        self.pos = start + 1;
        Ok(Node::Set(CharSet::single(u32::from('{'))))
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
        let min = repetition_count(min)?;
        let max = max.map(repetition_count).transpose()?;
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

    /// After `(`.
    fn group(&mut self) -> Result<Node, String> {
        let start = self.pos - 1;
        if !self.eat('?') {
            let body = self.disjunction()?;
            self.expect(')')?;
            return Ok(Node::Group(Box::new(body)));
        }
        let kind = self.group_kind(start)?;
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

    /// After `(?` of the group at offset `start`: `None` for a non-capturing or a named group,
    /// `Some((behind, negated))` for a lookaround.
    fn group_kind(&mut self, start: usize) -> Result<Option<(bool, bool)>, String> {
        Ok(match self.next() {
            Some(':') => None,
            Some('=') => Some((false, false)),
            Some('!') => Some((false, true)),
            Some('<') if self.eat('=') => Some((true, false)),
            Some('<') if self.eat('!') => Some((true, true)),
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
        })
    }
}

fn repetition_count(count: u64) -> Result<u32, String> {
    u32::try_from(count).map_err(|_| "repetition count too large".to_owned())
}
