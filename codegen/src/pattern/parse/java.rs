//! What only Java's grammar (`java.util.regex`) has: inline flags, atomic groups, nested and
//! intersected classes, its escapes (`\A`, `\z`, `\Z`, `\h`, `\x{..}`, `\Q..\E`, `\0nn`) and its
//! property names, and the anchors of `(?m)`. Every Java-only construct is spelled here in the
//! node vocabulary both engines share; see the module docs of [`crate::pattern`] for the meaning
//! chosen for each.

use super::atoms::group_number;
use super::groups::Quantifiable;
use super::{Node, ParseError, Parser};
use crate::pattern::charset::{CharSet, MAX_CODE_POINT, SURROGATES, class_escape_set, dot_set};
use crate::pattern::java_classes::{
    PropertyError, ascii_case_fold, horizontal_space_set, java_property_set, line_terminators,
};

fn look(behind: bool, negated: bool, body: Node) -> Node {
    Node::Look {
        behind,
        negated,
        body: Box::new(body),
    }
}

/// Java's `\Q..\E` quoting, removed up front as Java does: each quoted character becomes a
/// literal (escaped unless it is a letter or a digit), so a quantifier after `\E` repeats the
/// last quoted character.
pub(super) fn remove_quoting(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'Q') {
            i += 2;
            while i < chars.len() && !(chars[i] == '\\' && chars.get(i + 1) == Some(&'E')) {
                if !chars[i].is_ascii_alphanumeric() {
                    out.push('\\');
                }
                out.push(chars[i]);
                i += 1;
            }
            i += 2;
            continue;
        }
        if chars[i] == '\\' {
            out.push('\\');
            i += 1;
            if let Some(&c) = chars.get(i) {
                out.push(c);
            }
            i += 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

impl Parser {
    /// A literal's set under the flags in effect: `(?i)` folds ASCII letters.
    pub(super) fn fold_literal(&self, set: CharSet) -> CharSet {
        if self.flags.ignore_case {
            ascii_case_fold(&set)
        } else {
            set
        }
    }

    /// `.`: ECMA-262's set, everything under `(?s)`, anything but `\n` under `(?d)`.
    pub(super) fn java_dot(&self) -> CharSet {
        if self.flags.dot_all {
            CharSet::from_ranges(vec![(0, MAX_CODE_POINT)])
        } else if self.flags.unix_lines {
            CharSet::single(0x0A).complement()
        } else {
            dot_set()
        }
    }

    /// Not between the `\r` and the `\n` of a `\r\n` (one line terminator for Java).
    fn not_inside_crlf(&self) -> Option<Node> {
        (!self.flags.unix_lines).then(|| {
            look(
                false,
                true,
                Node::Concat(vec![
                    look(true, false, Node::Set(CharSet::single(0x0D))),
                    Node::Set(CharSet::single(0x0A)),
                ]),
            )
        })
    }

    /// `^` under `(?m)`: at the start or after a line terminator, but never at the end of the
    /// input (Java, like Perl, has no line start there).
    pub(super) fn line_start(&self) -> Node {
        let terminators = line_terminators(self.flags.unix_lines);
        let mut items = vec![
            look(false, true, Node::End),
            look(true, true, Node::Set(terminators.complement())),
        ];
        items.extend(self.not_inside_crlf());
        Node::Concat(items)
    }

    /// `$` under `(?m)`: at the end or before a line terminator.
    pub(super) fn line_end(&self) -> Node {
        let terminators = line_terminators(self.flags.unix_lines);
        let mut items = vec![look(false, true, Node::Set(terminators.complement()))];
        items.extend(self.not_inside_crlf());
        Node::Concat(items)
    }

    /// `\Z`: at the end, or before a line terminator that ends the input.
    fn end_before_final_terminator(&self) -> Node {
        let terminator = if self.flags.unix_lines {
            Node::Set(CharSet::single(0x0A))
        } else {
            Node::Alt(vec![
                Node::Concat(vec![
                    Node::Set(CharSet::single(0x0D)),
                    Node::Set(CharSet::single(0x0A)),
                ]),
                Node::Set(line_terminators(false)),
            ])
        };
        let optional = Node::Repeat {
            body: Box::new(Node::group(terminator)),
            min: 0,
            max: Some(1),
            lazy: false,
        };
        let mut items = vec![look(false, false, Node::Concat(vec![optional, Node::End]))];
        items.extend(self.not_inside_crlf());
        Node::Concat(items)
    }

    /// After a `\` outside a class.
    pub(super) fn java_atom_escape(&mut self) -> Result<(Node, Quantifiable), ParseError> {
        let start = self.pos - 1;
        let c = self.next().ok_or("trailing backslash")?;
        let assertion = Quantifiable::Assertion { lookahead: false };
        let node = match c {
            'A' => return Ok((Node::Start, assertion)),
            'z' => return Ok((Node::End, assertion)),
            'Z' => return Ok((self.end_before_final_terminator(), assertion)),
            'b' if self.chars[self.pos..].starts_with(&['{', 'g', '}']) => {
                return Err(unsupported(r"\b{g}", start));
            }
            'b' => return Ok((Node::WordBoundary { negated: false }, assertion)),
            'B' => return Ok((Node::WordBoundary { negated: true }, assertion)),
            'G' | 'R' | 'X' | 'N' | 'V' => return Err(unsupported(&format!("\\{c}"), start)),
            '1'..='9' => self.java_backreference(c),
            'k' => self.java_named_backreference(start)?,
            _ => Node::Set(self.java_escape_set(c, start)?),
        };
        Ok((node, Quantifiable::Yes))
    }

    /// After `\` and a digit `c`: Java reads more digits while they name a group opened so far.
    /// A group not opened yet never matches (Java); see the module docs.
    fn java_backreference(&mut self, c: char) -> Node {
        let mut number = c.to_digit(10).unwrap_or(0);
        while let Some(d) = self.peek().and_then(|d| d.to_digit(10)) {
            let longer = number.saturating_mul(10).saturating_add(d);
            if longer > self.opened {
                break;
            }
            number = longer;
            self.pos += 1;
        }
        if number > self.opened {
            Node::Set(CharSet::default())
        } else {
            Node::Backreference(number)
        }
    }

    /// After `\k`: `<name>` of a group opened so far.
    fn java_named_backreference(&mut self, start: usize) -> Result<Node, ParseError> {
        self.expect('<')?;
        let name = self.java_group_name(start)?;
        let index = self
            .group_names
            .iter()
            .position(|n| n.as_deref() == Some(name.as_str()))
            .ok_or_else(|| format!("named group <{name}> does not exist at offset {start}"))?;
        Ok(Node::Backreference(group_number(index)))
    }

    /// The set of the escape `\c` (after `\` at `start`) in or out of a class, with the flags
    /// applied.
    fn java_escape_set(&mut self, c: char, start: usize) -> Result<CharSet, ParseError> {
        if let Some(set) = class_escape_set(c) {
            return Ok(set);
        }
        Ok(match c {
            'h' => horizontal_space_set(),
            'H' => horizontal_space_set().complement(),
            'p' | 'P' => self.java_property(c == 'P', start)?,
            c => {
                let code = self.java_char_escape(c, start)?;
                self.fold_literal(CharSet::single(code))
            }
        })
    }

    /// After `\p` or `\P`: `{name}` or a one-letter name (`(?i)` widens the case classes
    /// before a `\P` complements them).
    fn java_property(&mut self, negated: bool, start: usize) -> Result<CharSet, ParseError> {
        let name = if self.eat('{') {
            let mut name = String::new();
            loop {
                match self.next() {
                    Some('}') => break,
                    Some(ch) => name.push(ch),
                    None => return Err("unclosed character family".into()),
                }
            }
            name
        } else {
            self.next().ok_or("illegal character family")?.to_string()
        };
        let set = java_property_set(&name, self.flags.ignore_case).map_err(|e| match e {
            PropertyError::Unknown(n) => {
                ParseError::Invalid(format!("unknown property \\p{{{n}}} at offset {start}"))
            }
            PropertyError::Unsupported(what) => unsupported(&what, start),
        })?;
        Ok(if negated { set.complement() } else { set })
    }

    /// A character escape `\c` (after `\` at `start`): one code point (a lone surrogate
    /// matches nothing in a `&str`).
    fn java_char_escape(&mut self, c: char, start: usize) -> Result<u32, ParseError> {
        Ok(match c {
            't' => 0x09,
            'n' => 0x0A,
            'r' => 0x0D,
            'f' => 0x0C,
            'a' => 0x07,
            'e' => 0x1B,
            // Java reads `\v` as vertical whitespace; ECMA-262 as U+000B (see the module docs).
            'v' => 0x0B,
            '0' => self.java_octal(start)?,
            'x' => self.java_hex(start)?,
            'u' => self.java_unicode_escape(start)?,
            'c' => {
                u32::from(
                    self.next()
                        .ok_or_else(|| invalid("control escape", start))?,
                ) ^ 64
            }
            c if c.is_ascii_alphanumeric() => return Err(invalid("escape", start)),
            c => u32::from(c),
        })
    }

    /// After `\0`: one to three octal digits (the first of three at most 3).
    fn java_octal(&mut self, start: usize) -> Result<u32, ParseError> {
        let digit = |p: &Parser, at: usize| p.peek_at(at).and_then(|c| c.to_digit(8));
        let Some(first) = digit(self, 0) else {
            return Err(invalid("octal escape", start));
        };
        let count = match (digit(self, 1), digit(self, 2)) {
            (Some(_), Some(_)) if first <= 3 => 3,
            (Some(_), _) => 2,
            _ => 1,
        };
        let value = (0..count).fold(0, |v, at| v * 8 + digit(self, at).unwrap_or(0));
        self.pos += count;
        Ok(value)
    }

    /// After `\x`: two hex digits, or `{hex}` of a code point.
    fn java_hex(&mut self, start: usize) -> Result<u32, ParseError> {
        if !self.eat('{') {
            return self
                .hex_digits(2)
                .ok_or_else(|| invalid("hexadecimal escape", start));
        }
        self.braced_hex()
            .ok_or_else(|| invalid("hexadecimal escape", start))
    }

    /// After `\u`: four hex digits; a leading surrogate followed by `\u` and a trailing one is
    /// the pair's code point.
    fn java_unicode_escape(&mut self, start: usize) -> Result<u32, ParseError> {
        let value = self
            .hex_digits(4)
            .ok_or_else(|| invalid("Unicode escape", start))?;
        Ok(if (SURROGATES.0..=SURROGATES.1).contains(&value) {
            self.surrogate_pair(value)
        } else {
            value
        })
    }

    /// After `(?` of the Java group at offset `start`.
    pub(super) fn java_group(&mut self, start: usize) -> Result<(Node, Quantifiable), ParseError> {
        let lookahead = Quantifiable::Assertion { lookahead: true };
        let lookbehind = Quantifiable::Assertion { lookahead: false };
        let (behind, negated, quantifiable) = match self.peek() {
            Some(':') => {
                self.pos += 1;
                return Ok((Node::group(self.group_body()?), Quantifiable::Yes));
            }
            Some('>') => {
                self.pos += 1;
                let body = self.group_body()?;
                return Ok((Node::Atomic(Box::new(Node::group(body))), Quantifiable::Yes));
            }
            Some('=') => (false, false, lookahead),
            Some('!') => (false, true, lookahead),
            Some('<') if self.peek_at(1) == Some('=') => (true, false, lookbehind),
            Some('<') if self.peek_at(1) == Some('!') => (true, true, lookbehind),
            Some('<') => {
                self.pos += 1;
                let name = self.java_group_name(start)?;
                if self
                    .group_names
                    .iter()
                    .any(|n| n.as_deref() == Some(name.as_str()))
                {
                    return Err(format!("named group <{name}> is defined twice").into());
                }
                return Ok((self.capturing_group(Some(name))?, Quantifiable::Yes));
            }
            _ => return self.java_flags(start),
        };
        self.pos += if behind { 2 } else { 1 };
        let body = self.group_body()?;
        Ok((look(behind, negated, body), quantifiable))
    }

    /// After `<` of a group name or a named reference: `[a-zA-Z][a-zA-Z0-9]*>`.
    fn java_group_name(&mut self, start: usize) -> Result<String, ParseError> {
        let mut name = String::new();
        while let Some(c) = self.next() {
            match c {
                '>' if !name.is_empty() => return Ok(name),
                c if c.is_ascii_alphabetic() || (c.is_ascii_digit() && !name.is_empty()) => {
                    name.push(c);
                }
                _ => break,
            }
        }
        Err(format!("invalid group name at offset {start}").into())
    }

    /// After `(?`: inline flags `idmsuxU`, optionally `-` and flags to clear, then `)` (they
    /// hold to the end of the enclosing group) or `:` (they hold inside this group).
    fn java_flags(&mut self, start: usize) -> Result<(Node, Quantifiable), ParseError> {
        let mut flags = self.flags;
        let mut on = true;
        loop {
            let c = self.next().ok_or_else(|| invalid("group", start))?;
            let slot = match c {
                'i' => &mut flags.ignore_case,
                's' => &mut flags.dot_all,
                'm' => &mut flags.multiline,
                'd' => &mut flags.unix_lines,
                'u' | 'x' | 'U' if on => {
                    return Err(unsupported(&format!("the inline flag ({c})"), start));
                }
                'u' | 'x' | 'U' => continue,
                '-' if on => {
                    on = false;
                    continue;
                }
                ')' => {
                    self.flags = flags;
                    return Ok((Node::Concat(Vec::new()), Quantifiable::No));
                }
                ':' => {
                    let outer = std::mem::replace(&mut self.flags, flags);
                    let body = self.group_body();
                    self.flags = outer;
                    return Ok((Node::group(body?), Quantifiable::Yes));
                }
                _ => return Err(invalid("group or inline flag", start)),
            };
            *slot = on;
        }
    }

    /// After `[`: Java's class, with nested classes (`[a[b]]` is a union), `&&` intersections,
    /// a `]` first in the class as a literal, and `^` negating the whole.
    pub(super) fn java_class(&mut self) -> Result<CharSet, ParseError> {
        let start = self.pos - 1;
        let negated = self.eat('^');
        let mut operands: Vec<CharSet> = Vec::new();
        let mut current = ClassOperand::default();
        let mut first = true;
        loop {
            match self.peek() {
                None => return Err(format!("unclosed class at offset {start}").into()),
                Some(']') if !first => {
                    self.pos += 1;
                    break;
                }
                Some('[') => {
                    self.pos += 1;
                    let nested = self.java_class()?;
                    current.add(nested);
                }
                Some('&') if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    operands.extend(std::mem::take(&mut current).finish());
                }
                Some(_) => self.java_class_member(&mut current)?,
            }
            first = false;
        }
        operands.extend(current.finish());
        let mut operands = operands.into_iter();
        let first = operands.next().unwrap_or_default();
        let set = operands.fold(first, |acc, operand| acc.intersection(&operand));
        Ok(if negated { set.complement() } else { set })
    }

    /// One character, range or escape of a Java class.
    fn java_class_member(&mut self, current: &mut ClassOperand) -> Result<(), ParseError> {
        let start = self.pos;
        let first = self.java_class_atom()?;
        let is_range = self.peek() == Some('-')
            && !matches!(self.peek_at(1), Some(']') | Some('[') | None)
            && !(self.peek_at(1) == Some('&') && self.peek_at(2) == Some('&'));
        match first {
            ClassAtom::Char(lo) if is_range => {
                self.pos += 1;
                let ClassAtom::Char(hi) = self.java_class_atom()? else {
                    return Err(format!("illegal character range at offset {start}").into());
                };
                if lo > hi {
                    return Err(format!("illegal character range at offset {start}").into());
                }
                current.add(self.fold_literal(CharSet::from_ranges(vec![(lo, hi)])));
            }
            ClassAtom::Char(c) => current.add(self.fold_literal(CharSet::single(c))),
            ClassAtom::Set(set) => current.add(set),
        }
        Ok(())
    }

    fn java_class_atom(&mut self) -> Result<ClassAtom, ParseError> {
        let start = self.pos;
        let c = self.next().ok_or("unclosed class")?;
        if c != '\\' {
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        let e = self.next().ok_or("unclosed class")?;
        Ok(match e {
            'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'h' | 'H' | 'p' | 'P' => {
                ClassAtom::Set(self.java_escape_set(e, start)?)
            }
            'N' => return Err(unsupported(r"\N{..}", start)),
            'V' => return Err(unsupported(r"\V", start)),
            e => ClassAtom::Char(self.java_char_escape(e, start)?),
        })
    }
}

enum ClassAtom {
    Char(u32),
    Set(CharSet),
}

/// One operand of a class's `&&`: the union of its members, and whether it had any.
#[derive(Default)]
struct ClassOperand {
    set: CharSet,
    any: bool,
}

impl ClassOperand {
    fn add(&mut self, set: CharSet) {
        self.set = self.set.union(&set);
        self.any = true;
    }

    /// The operand's set; `None` for an empty operand, which Java ignores (`[&&a]` is `[a]`).
    fn finish(self) -> Option<CharSet> {
        self.any.then_some(self.set)
    }
}

fn invalid(what: &str, start: usize) -> ParseError {
    ParseError::Invalid(format!("illegal {what} at offset {start}"))
}

fn unsupported(what: &str, start: usize) -> ParseError {
    ParseError::Unsupported(format!("{what} at offset {start}"))
}
