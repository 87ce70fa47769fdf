//! The escaping helpers both readers share: code spans and fences, the code spans already in a
//! text, bare URLs and autolinks, and line starts that Markdown would read as block markers.

use std::collections::BTreeMap;

/// The longest run of bytes scanned ahead for the end of a tag, link or autolink.
pub(super) const MAX_SCAN: usize = 4096;

/// A code span for `text` (which must not be empty and holds no line breaks).
pub(super) fn code_span(text: &str) -> String {
    let pad = text.starts_with(' ') && text.ends_with(' ') && text.chars().any(|c| c != ' ');
    fenced(text, pad)
}

/// `text` between backtick fences one longer than the longest backtick run inside it, padded
/// with a space at each end when `pad` is set or when `text` starts or ends with a backtick
/// (which would otherwise join the fence).
pub(super) fn fenced(text: &str, pad: bool) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = pad || text.starts_with('`') || text.ends_with('`');
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// A fence for a code block holding `body`: backticks, longer than any run of backticks inside.
pub(super) fn code_fence(body: &str) -> String {
    "`".repeat((longest_run(body, '`') + 1).max(3))
}

/// The byte ranges of the backtick code spans in `s`, following CommonMark: an opening run
/// (outside escapes) closes at the next run of exactly the same length.
pub(super) fn code_spans(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    // Every maximal run of backticks, by length, in order: the closer candidates.
    let mut runs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let n = run_len(b, i);
            runs.entry(n).or_default().push(i);
            i += n;
        } else {
            i += 1;
        }
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
            b'`' => {
                let n = run_len(b, i);
                let close = runs.get(&n).and_then(|starts| {
                    let k = starts.partition_point(|&p| p < i + n);
                    starts.get(k).copied()
                });
                match close {
                    Some(c) => {
                        spans.push((i, c + n));
                        i = c + n;
                    }
                    None => i += n,
                }
            }
            _ => i += 1,
        }
    }
    spans
}

fn run_len(b: &[u8], i: usize) -> usize {
    b[i..].iter().take_while(|&&c| c == b'`').count()
}

/// The bare `http://` / `https://` URL starting at byte `i` of `s`, if any: its byte length, with
/// trailing punctuation (and an unbalanced closing parenthesis) left out.
pub(super) fn bare_url_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let scheme = if rest.starts_with("https://") {
        8
    } else if rest.starts_with("http://") {
        7
    } else {
        return None;
    };
    if s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let mut end = rest
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
        .map_or(rest.len(), |(k, _)| k);
    // Counted once: only trailing characters are dropped, and only these two kinds change.
    let mut close_paren = rest[..end].matches(')').count();
    let mut close_bracket = rest[..end].matches(']').count();
    let open_paren = rest[..end].matches('(').count();
    let open_bracket = rest[..end].matches('[').count();
    while let Some(last) = rest[..end].chars().next_back() {
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' => open_paren < close_paren,
            ']' => open_bracket < close_bracket,
            _ => false,
        };
        if !drop {
            break;
        }
        match last {
            ')' => close_paren -= 1,
            ']' => close_bracket -= 1,
            _ => {}
        }
        end -= last.len_utf8();
    }
    (end > scheme).then_some(end)
}

/// Whether a `<` at the start of `s` opens a CommonMark URI autolink (`<scheme:...>`); if so,
/// its byte length.
pub(super) fn autolink_at(s: &str) -> Option<usize> {
    let body = s.get(1..)?;
    let colon = body.bytes().take(33).position(|c| c == b':')?;
    let scheme = &body[..colon];
    let scheme_ok = scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    if !scheme_ok {
        return None;
    }
    for (k, c) in body.char_indices().skip(colon + 1).take(MAX_SCAN) {
        match c {
            '>' => return Some(k + 2),
            '<' => return None,
            c if c.is_whitespace() || c.is_control() => return None,
            _ => {}
        }
    }
    None
}

/// Backslash-escapes the start of a paragraph line where Markdown would otherwise read a block
/// marker: `#` headings, `-`/`+`/`*` bullets, `=` underlines, `1.`/`1)` ordered list items.
pub(super) fn escape_line_start(line: &str) -> String {
    let bullet_star =
        line.starts_with('*') && matches!(line.as_bytes().get(1), None | Some(b' ' | b'\t'));
    if bullet_star || line.starts_with(['#', '-', '+', '=', '>', '|']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}
