//! Parsing the atoms of a pattern: escapes (character, set, property, backreference) and
//! character classes.

use super::{Node, Parser};
use crate::pattern::charset::{
    CharSet, MAX_CODE_POINT, SURROGATES, class_escape_set, property_set,
};

/// A class atom: one character (which may form a range) or a set escape.
enum ClassAtom {
    Char(u32),
    Set(CharSet),
}

/// What a class holds so far: character ranges, and the sets of its set escapes.
#[derive(Default)]
struct ClassMembers {
    ranges: Vec<(u32, u32)>,
    sets: Vec<CharSet>,
}

impl ClassMembers {
    fn add(&mut self, atom: ClassAtom) {
        match atom {
            ClassAtom::Char(c) => self.ranges.push((c, c)),
            ClassAtom::Set(set) => self.sets.push(set),
        }
    }

    fn into_set(self) -> CharSet {
        let mut set = CharSet::from_ranges(self.ranges);
        for other in &self.sets {
            set = set.union(other);
        }
        set
    }
}

impl Parser {
    /// After a `\` outside a class (`\b` and `\B` are handled by the caller).
    pub(super) fn atom_escape(&mut self) -> Result<Node, String> {
        let start = self.pos - 1;
        let c = self.next().ok_or("trailing backslash")?;
        let set = match c {
            '1'..='9' => return self.decimal_escape(c, start),
            '0' if self.peek().is_some_and(|d| d.is_ascii_digit()) => {
                if self.unicode {
                    return Err(format!("invalid escape at offset {start}"));
                }
                CharSet::single(self.legacy_octal_or_digit(c))
            }
            'k' if self.named_groups => {
                if self.eat('<') {
                    let name: String = self.chars[self.pos..]
                        .iter()
                        .take_while(|&&c| c != '>')
                        .collect();
                    let index = self
                        .group_names
                        .iter()
                        .position(|n| n.as_deref() == Some(name.as_str()));
                    if let (Some(index), true) = (index, self.chars[self.pos..].contains(&'>')) {
                        self.pos += name.chars().count() + 1;
                        return Ok(Node::Backreference(group_number(index)));
                    }
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

    /// After `\` (at offset `start`) and a digit `c` from 1 to 9: a backreference, or, in Annex B
    /// when the pattern has fewer groups, a legacy octal escape or the digit itself.
    fn decimal_escape(&mut self, c: char, start: usize) -> Result<Node, String> {
        self.pos -= 1;
        let n = self.decimal().unwrap_or(0);
        if n <= self.capture_count {
            return Ok(Node::Backreference(u32::try_from(n).unwrap_or(u32::MAX)));
        }
        if self.unicode {
            return Err(format!(
                "backreference to a missing group at offset {start}"
            ));
        }
        self.pos = start + 2;
        Ok(Node::Set(CharSet::single(self.legacy_octal_or_digit(c))))
    }

    /// `\d \D \s \S \w \W`, and `\p{..} \P{..}` in Unicode mode; `None` for anything else.
    fn set_escape(&mut self, c: char) -> Result<Option<CharSet>, String> {
        if let Some(set) = class_escape_set(c) {
            return Ok(Some(set));
        }
        Ok(match c {
            'p' | 'P' if self.unicode => Some(self.property_escape(c == 'P')?),
            _ => None,
        })
    }

    /// After `\p` or `\P` (`negated`) in Unicode mode: `{name}`, and the property's set.
    fn property_escape(&mut self, negated: bool) -> Result<CharSet, String> {
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
        Ok(if negated { set.complement() } else { set })
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
    pub(super) fn character_escape(&mut self, c: char, in_class: bool) -> Result<u32, String> {
        let start = self.pos - 2;
        Ok(match c {
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            '0' => 0,
            'c' => self.control_escape(in_class, start)?,
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

    /// After `\c` (at offset `start`): a control letter, and in an Annex B class a digit or `_`
    /// too; otherwise Annex B reads the backslash as a literal.
    pub(super) fn control_escape(&mut self, in_class: bool, start: usize) -> Result<u32, String> {
        Ok(match self.peek() {
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
        })
    }

    /// After `\u`.
    pub(super) fn unicode_escape(&mut self, start: usize) -> Result<u32, String> {
        if self.unicode && self.eat('{') {
            return self.braced_code_point(start);
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
        Ok(self.surrogate_pair(value))
    }

    /// After `\u{` (at offset `start`) in Unicode mode: hex digits of a code point, then `}`.
    fn braced_code_point(&mut self, start: usize) -> Result<u32, String> {
        self.braced_hex()
            .ok_or_else(|| format!("invalid \\u{{..}} escape at offset {start}"))
    }

    /// After a `{`: the hex digits of a code point, then `}`.
    pub(super) fn braced_hex(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        let mut digits = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
            self.pos += 1;
            digits += 1;
            value = value.saturating_mul(16).saturating_add(d);
        }
        (digits > 0 && value <= MAX_CODE_POINT && self.eat('}')).then_some(value)
    }

    /// In Unicode mode (and Java), after a `\uXXXX` that is the surrogate `value`: a leading surrogate and
    /// a `\uXXXX` trailing one after it are the pair's code point; anything else leaves the lone
    /// surrogate.
    pub(super) fn surrogate_pair(&mut self, value: u32) -> u32 {
        if value <= 0xDBFF && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let save = self.pos;
            self.pos += 2;
            match self.hex_digits(4) {
                Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                    return 0x10000 + ((value - 0xD800) << 10) + (trail - 0xDC00);
                }
                _ => self.pos = save,
            }
        }
        value
    }

    /// After `[`.
    pub(super) fn class(&mut self) -> Result<CharSet, String> {
        let start = self.pos - 1;
        let negated = self.eat('^');
        let mut members = ClassMembers::default();
        loop {
            match self.peek() {
                None => return Err(format!("unterminated class at offset {start}")),
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            self.class_member(start, &mut members)?;
        }
        let set = members.into_set();
        Ok(if negated { set.complement() } else { set })
    }

    /// One atom or range of the class at offset `start`, added to `members`.
    fn class_member(&mut self, start: usize, members: &mut ClassMembers) -> Result<(), String> {
        let first = self.class_atom()?;
        let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None);
        if !is_range {
            members.add(first);
            return Ok(());
        }
        self.pos += 1;
        let second = self.class_atom()?;
        match (first, second) {
            (ClassAtom::Char(lo), ClassAtom::Char(hi)) => {
                if lo > hi {
                    return Err(format!("class range out of order at offset {start}"));
                }
                members.ranges.push((lo, hi));
            }
            (first, second) => {
                if self.unicode {
                    return Err(format!("class escape in a range at offset {start}"));
                }
                // Annex B: `[\d-x]` is the union of `\d`, `-` and `x`.
                members.add(first);
                members.ranges.push((u32::from('-'), u32::from('-')));
                members.add(second);
            }
        }
        Ok(())
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

/// The 1-based number of the group at `index` in a list of groups.
pub(super) fn group_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}
