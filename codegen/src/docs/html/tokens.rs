//! HTML tokens: the tag names the reader knows, tags with their attributes, and character
//! references.

use crate::docs::escape::MAX_SCAN;

/// The block elements the reader knows.
pub(super) const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "figure",
    "figcaption",
    "blockquote",
    "center",
    "details",
    "summary",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "pre",
    "note",
    "important",
    "warning",
    "caution",
    "tip",
    "fullname",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "br",
    "hr",
];

/// The inline elements the reader knows.
const INLINE: &[&str] = &[
    "a", "code", "tt", "kbd", "samp", "var", "i", "em", "cite", "dfn", "b", "strong", "u", "span",
    "sup", "sub", "small", "big", "s", "strike", "del", "ins", "mark", "abbr", "q", "font", "nobr",
    "wbr", "img",
];

/// The elements that have no content and no end tag.
pub(super) const VOID: &[&str] = &["br", "hr", "img", "wbr"];

/// Whether the reader knows the element (a lower-case tag name); other tags are text.
pub(super) fn is_known(name: &str) -> bool {
    BLOCK.contains(&name) || INLINE.contains(&name)
}

/// A start or end tag.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) end: bool,
    pub(super) self_closing: bool,
    pub(super) attrs: Vec<(String, String)>,
}

/// Parses the tag at the start of `s` (which starts with `<`): `<name attr="v">`, `</name>`,
/// `<name/>`. Returns the tag and its byte length, or `None` when `s` does not start with a
/// well-formed tag (then the `<` is text).
pub(super) fn parse_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    let limit = b.len().min(MAX_SCAN);
    let at = |i: usize| if i < limit { b.get(i).copied() } else { None };
    let mut i = 1;
    let end = at(i) == Some(b'/');
    if end {
        i += 1;
    }
    if !at(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_start = i;
    while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        match at(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'/' if at(i + 1) == Some(b'>') => {
                self_closing = true;
                i += 2;
                break;
            }
            b'/' => i += 1,
            c if c.is_ascii_whitespace() => i += 1,
            b'<' | b'"' | b'\'' | b'=' => return None,
            _ => {
                let name_start = i;
                while at(i).is_some_and(|c| {
                    !c.is_ascii_whitespace()
                        && !matches!(c, b'=' | b'>' | b'/' | b'<' | b'"' | b'\'')
                }) {
                    i += 1;
                }
                let attr = s[name_start..i].to_ascii_lowercase();
                while at(i).is_some_and(|c| c.is_ascii_whitespace()) {
                    i += 1;
                }
                let mut value = String::new();
                if at(i) == Some(b'=') {
                    i += 1;
                    while at(i).is_some_and(|c| c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    match at(i)? {
                        q @ (b'"' | b'\'') => {
                            let start = i + 1;
                            i = start;
                            // A `<` inside a quoted value is taken as malformed markup:
                            // this also keeps every scan short of the next `<`.
                            loop {
                                match at(i)? {
                                    c if c == q => break,
                                    b'<' => return None,
                                    _ => i += 1,
                                }
                            }
                            value = decode_entities(&s[start..i]);
                            i += 1;
                        }
                        _ => {
                            let start = i;
                            while at(i).is_some_and(|c| !c.is_ascii_whitespace() && c != b'>') {
                                if matches!(at(i), Some(b'<' | b'"' | b'\'' | b'=' | b'`')) {
                                    return None;
                                }
                                i += 1;
                            }
                            value = decode_entities(&s[start..i]);
                        }
                    }
                }
                attrs.push((attr, value));
            }
        }
    }
    Some((
        Tag {
            name,
            end,
            self_closing,
            attrs,
        },
        i,
    ))
}

/// Decodes HTML character references; unknown or malformed ones stay as written.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `s` (which starts with `&`) and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s
        .get(1..)?
        .char_indices()
        .take(34)
        .find(|&(_, c)| c == ';')
        .map(|(k, _)| k + 1)?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        match char::from_u32(code) {
            Some(c) if code != 0 => c,
            _ => '\u{FFFD}',
        }
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "ldquo" => '\u{201C}',
            "rdquo" => '\u{201D}',
            "bull" => '\u{2022}',
            "middot" => '\u{B7}',
            "copy" => '\u{A9}',
            "reg" => '\u{AE}',
            "trade" => '\u{2122}',
            "times" => '\u{D7}',
            "deg" => '\u{B0}',
            "larr" => '\u{2190}',
            "rarr" => '\u{2192}',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}
