//! Writing a parsed pattern back as an ECMA-262 regular expression (`u` flag) for `regress`:
//! how a Java pattern that needs backtracking is evaluated, since `regress` reads no Java syntax.
//! Every set is spelled as an explicit class, captures keep their order (renumbered around the
//! groups atomic constructs add), and `(?>X)` becomes `(?=(X))\N`: a lookahead is atomic in
//! ECMA-262, and the backreference consumes what it matched.

use super::charset::CharSet;
use super::parse::Node;

/// The ECMA-262 (`u`) text of `node`.
pub(super) fn ecma(node: &Node) -> String {
    let mut numbers = Vec::new();
    let mut next = 0;
    number_groups(node, &mut numbers, &mut next);
    let mut writer = Writer {
        numbers,
        next: 0,
        out: String::new(),
    };
    writer.emit(node);
    writer.out
}

/// The new number of each original capture (index = original number - 1), in the order the
/// writer opens groups.
fn number_groups(node: &Node, numbers: &mut Vec<u32>, next: &mut u32) {
    match node {
        Node::Group { body, capture } => {
            if let Some(original) = capture {
                *next += 1;
                let index = (*original as usize).saturating_sub(1);
                if numbers.len() <= index {
                    numbers.resize(index + 1, 0);
                }
                numbers[index] = *next;
            }
            number_groups(body, numbers, next);
        }
        Node::Atomic(body) => {
            *next += 1;
            number_groups(body, numbers, next);
        }
        Node::Look { body, .. } | Node::Repeat { body, .. } => number_groups(body, numbers, next),
        Node::Concat(items) | Node::Alt(items) => {
            items.iter().for_each(|n| number_groups(n, numbers, next));
        }
        _ => {}
    }
}

struct Writer {
    numbers: Vec<u32>,
    /// Groups opened so far (the number of the next atomic group's capture, less one).
    next: u32,
    out: String,
}

impl Writer {
    fn emit(&mut self, node: &Node) {
        match node {
            Node::Set(set) => self.set(set),
            Node::Start => self.out.push('^'),
            Node::End => self.out.push('$'),
            Node::WordBoundary { negated: false } => self.out.push_str(r"\b"),
            Node::WordBoundary { negated: true } => self.out.push_str(r"\B"),
            Node::Look {
                behind,
                negated,
                body,
            } => {
                self.out.push_str(match (behind, negated) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                self.emit(body);
                self.out.push(')');
            }
            Node::Backreference(original) => {
                let index = (*original as usize).saturating_sub(1);
                match self.numbers.get(index) {
                    Some(&n) if n > 0 => self.out.push_str(&format!(r"\{n}(?:)")),
                    _ => self.out.push_str("[]"),
                }
            }
            Node::Group { body, capture } => {
                if capture.is_some() {
                    self.next += 1;
                    self.out.push('(');
                } else {
                    self.out.push_str("(?:");
                }
                self.emit(body);
                self.out.push(')');
            }
            Node::Atomic(body) => {
                self.next += 1;
                let n = self.next;
                self.out.push_str("(?=(");
                self.emit(body);
                self.out.push_str(&format!(r"))\{n}(?:)"));
            }
            Node::Concat(items) => {
                for item in items {
                    if matches!(item, Node::Alt(_)) {
                        self.out.push_str("(?:");
                        self.emit(item);
                        self.out.push(')');
                    } else {
                        self.emit(item);
                    }
                }
            }
            Node::Alt(alternatives) => {
                for (i, alternative) in alternatives.iter().enumerate() {
                    if i > 0 {
                        self.out.push('|');
                    }
                    self.emit(alternative);
                }
            }
            Node::Repeat {
                body,
                min,
                max,
                lazy,
            } => {
                self.out.push_str("(?:");
                self.emit(body);
                self.out.push(')');
                match max {
                    None => self.out.push_str(&format!("{{{min},}}")),
                    Some(max) => self.out.push_str(&format!("{{{min},{max}}}")),
                }
                if *lazy {
                    self.out.push('?');
                }
            }
        }
    }

    fn set(&mut self, set: &CharSet) {
        self.out.push('[');
        for &(lo, hi) in set.ranges() {
            push_code_point(lo, &mut self.out);
            if hi > lo {
                self.out.push('-');
                push_code_point(hi, &mut self.out);
            }
        }
        self.out.push(']');
    }
}

/// A code point inside an ECMA-262 `u` class: letters and digits as themselves, everything
/// else as `\u{..}`.
fn push_code_point(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => out.push(ch),
        _ => out.push_str(&format!(r"\u{{{c:X}}}")),
    }
}
