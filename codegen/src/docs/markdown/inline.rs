//! Inline CommonMark escaped for rustdoc: code spans, autolinks, backslash escapes and absolute
//! inline links are kept, everything that would read as an intra-doc link or raw HTML is escaped.

use std::collections::BTreeMap;

use crate::docs::escape::{MAX_SCAN, autolink_at, bare_url_at, code_spans};

/// Escapes inline text: code spans, autolinks, backslash escapes and absolute inline links
/// are kept; other `[`, `]`, `<` and unmatched backticks are escaped; bare URLs are wrapped.
pub(super) fn inline(s: &str, in_link: bool) -> String {
    let spans = code_spans(s);
    let brackets = if in_link {
        BTreeMap::new()
    } else {
        bracket_pairs(s, &spans)
    };
    let mut spans = spans.into_iter().peekable();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < s.len() {
        if let Some(&(start, end)) = spans.peek() {
            if start == i {
                out.push_str(&s[start..end]);
                i = end;
                spans.next();
                continue;
            }
        }
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        match c {
            '\\' => {
                let next = rest[1..].chars().next().filter(char::is_ascii_punctuation);
                out.push('\\');
                i += 1;
                if let Some(n) = next {
                    out.push(n);
                    i += 1;
                }
            }
            '`' => {
                // An unmatched backtick run (matched ones are code spans).
                let n = rest.bytes().take_while(|&b| b == b'`').count();
                out.push_str(&"\\`".repeat(n));
                i += n;
            }
            '<' => match autolink_at(rest) {
                Some(len) => {
                    out.push_str(&rest[..len]);
                    i += len;
                }
                None => {
                    out.push_str("\\<");
                    i += 1;
                }
            },
            '[' => match brackets
                .get(&i)
                .filter(|_| !in_link)
                .and_then(|&close| inline_link(s, close).map(|end| (close, end)))
            {
                Some((text_end, end)) => {
                    out.push('[');
                    out.push_str(&inline(&s[i + 1..text_end], true));
                    out.push_str(&s[text_end..end]);
                    // The link's own text and destination are done; skip spans inside.
                    while spans.peek().is_some_and(|&(start, _)| start < end) {
                        spans.next();
                    }
                    i = end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            'h' if !in_link => match bare_url_at(s, i) {
                Some(len) => {
                    out.push('<');
                    out.push_str(&s[i..i + len]);
                    out.push('>');
                    i += len;
                }
                None => {
                    out.push('h');
                    i += 1;
                }
            },
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The matching `]` of each `[` in `s` outside code spans and escapes (by byte offset).
fn bracket_pairs(s: &str, spans: &[(usize, usize)]) -> BTreeMap<usize, usize> {
    let b = s.as_bytes();
    let mut pairs = BTreeMap::new();
    let mut open = Vec::new();
    let mut spans = spans.iter().peekable();
    let mut k = 0;
    while k < b.len() {
        if let Some(&&(start, end)) = spans.peek() {
            if start <= k {
                spans.next();
                if start == k {
                    k = end;
                    continue;
                }
            }
        }
        match b[k] {
            b'\\' => k += 2,
            b'[' => {
                open.push(k);
                k += 1;
            }
            b']' => {
                if let Some(o) = open.pop() {
                    pairs.insert(o, k);
                }
                k += 1;
            }
            _ => k += 1,
        }
    }
    pairs
}

/// An inline link `[text](https://...)` whose `]` is at byte `close` of `s`: the end of the
/// link. Only absolute `http(s)`/`mailto` destinations without a title count; anything else
/// is left to be escaped.
fn inline_link(s: &str, close: usize) -> Option<usize> {
    let dest = s.get(close + 1..)?.strip_prefix('(')?;
    let absolute = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| dest.starts_with(p));
    if !absolute {
        return None;
    }
    let mut parens = 0usize;
    for (n, c) in dest.char_indices().take(MAX_SCAN) {
        match c {
            '(' => parens += 1,
            ')' if parens == 0 => return Some(close + 2 + n + 1),
            ')' => parens -= 1,
            '<' | '>' | '`' => return None,
            c if c.is_whitespace() || c.is_control() => return None,
            _ => {}
        }
    }
    None
}
