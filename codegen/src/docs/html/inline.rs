//! Inline HTML (code, links, emphasis, text) rendered as one line of Markdown.

use super::tree::{Node, raw_text};
use crate::docs::escape::{bare_url_at, code_span};

/// The formatting the text being rendered is already inside (so it is not applied again).
#[derive(Clone, Copy, Default)]
pub(super) struct Ctx {
    pub(super) link: bool,
    pub(super) bold: bool,
    pub(super) italic: bool,
}

enum Piece {
    Text(String),
    /// Emphasis to wrap in `_`/`*` (italic) or `**` (bold), if the neighbours allow.
    Emph {
        bold: bool,
        inner: String,
    },
}

pub(super) fn render_inline(nodes: &[&Node], ctx: Ctx) -> String {
    let pieces: Vec<Piece> = nodes.iter().map(|n| piece(n, ctx)).collect();
    let mut out = String::new();
    for (k, p) in pieces.iter().enumerate() {
        match p {
            Piece::Text(s) => push_inline(&mut out, s),
            Piece::Emph { bold, inner } => {
                let trimmed = inner.trim_matches(' ');
                if trimmed.is_empty() {
                    if !inner.is_empty() {
                        out.push(' ');
                    }
                    continue;
                }
                let lead = inner.starts_with(' ');
                let trail = inner.ends_with(' ');
                if lead {
                    out.push(' ');
                }
                let prev = out.chars().next_back();
                let next = if trail {
                    Some(' ')
                } else {
                    match pieces.get(k + 1) {
                        Some(Piece::Text(s)) => s.chars().next(),
                        Some(Piece::Emph { .. }) => Some('*'),
                        None => None,
                    }
                };
                let markers: &[&str] = if *bold { &["**"] } else { &["_", "*"] };
                match markers.iter().find(|m| emphasis_ok(m, prev, trimmed, next)) {
                    Some(m) => {
                        out.push_str(m);
                        out.push_str(trimmed);
                        out.push_str(m);
                    }
                    None => push_inline(&mut out, trimmed),
                }
                if trail {
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// Appends inline Markdown, keeping a code span from touching a backtick before it (the two
/// backtick runs would merge into one).
fn push_inline(out: &mut String, s: &str) {
    if out.ends_with('`') && s.starts_with('`') {
        out.push(' ');
    }
    out.push_str(s);
}

/// Whether `marker inner marker` between `prev` and `next` is read as emphasis (CommonMark's
/// flanking rules, with non-alphanumeric non-space characters counted as punctuation).
fn emphasis_ok(marker: &str, prev: Option<char>, inner: &str, next: Option<char>) -> bool {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let first = inner.chars().next();
    let last = inner.chars().next_back();
    let opens = !space(first) && (!punct(first) || space(prev) || punct(prev));
    let closes = !space(last) && (!punct(last) || space(next) || punct(next));
    if marker == "_" {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        opens && closes && !alnum(prev) && !alnum(next)
    } else {
        opens && closes
    }
}

fn piece(node: &Node, ctx: Ctx) -> Piece {
    let e = match node {
        Node::Text(t) => return Piece::Text(escape_text(&collapse_ws(t), ctx.link)),
        Node::Elem(e) => e,
    };
    let children: Vec<&Node> = e.children.iter().collect();
    match e.name.as_str() {
        "code" | "tt" | "kbd" | "samp" => {
            let mut raw = String::new();
            raw_text(&e.children, &mut raw, " ");
            let text = collapse_ws(&raw);
            let trimmed = text.trim_matches(' ');
            if trimmed.is_empty() {
                return Piece::Text(if text.is_empty() {
                    String::new()
                } else {
                    " ".to_owned()
                });
            }
            let lead = if text.starts_with(' ') { " " } else { "" };
            let trail = if text.ends_with(' ') { " " } else { "" };
            Piece::Text(format!("{lead}{}{trail}", code_span(trimmed)))
        }
        "a" => {
            let url = e.href.as_deref().filter(|u| {
                u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:")
            });
            match url {
                Some(url) if !ctx.link => {
                    let url = encode_url(url);
                    let text = render_inline(&children, Ctx { link: true, ..ctx });
                    let trimmed = text.trim_matches(' ');
                    if trimmed.is_empty() {
                        Piece::Text(format!("<{url}>"))
                    } else {
                        let lead = if text.starts_with(' ') { " " } else { "" };
                        let trail = if text.ends_with(' ') { " " } else { "" };
                        Piece::Text(format!("{lead}[{trimmed}]({url}){trail}"))
                    }
                }
                _ => Piece::Text(render_inline(&children, ctx)),
            }
        }
        "i" | "em" | "var" | "cite" | "dfn" if !ctx.italic => Piece::Emph {
            bold: false,
            inner: render_inline(
                &children,
                Ctx {
                    italic: true,
                    ..ctx
                },
            ),
        },
        "b" | "strong" if !ctx.bold => Piece::Emph {
            bold: true,
            inner: render_inline(&children, Ctx { bold: true, ..ctx }),
        },
        _ => Piece::Text(render_inline(&children, ctx)),
    }
}

/// Percent-encodes the characters that would end or confuse a Markdown link destination.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Collapses every whitespace run to one space (HTML whitespace rules).
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

pub(super) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Escapes HTML text for Markdown: the characters that would start code, emphasis, links or
/// raw HTML are backslash-escaped, and bare URLs (outside links) become autolinks.
fn escape_text(s: &str, in_link: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == 'h' && !in_link {
            if let Some(len) = bare_url_at(s, i) {
                out.push('<');
                out.push_str(&s[i..i + len]);
                out.push('>');
                while iter.peek().is_some_and(|&(k, _)| k < i + len) {
                    iter.next();
                }
                prev = s[..i + len].chars().next_back();
                continue;
            }
        }
        let next = iter.peek().map(|&(_, c)| c);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            '&' if looks_like_entity(&s[i..]) => out.push_str("\\&"),
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

fn looks_like_entity(s: &str) -> bool {
    let body = s.get(1..).unwrap_or("");
    let body = body.strip_prefix('#').unwrap_or(body);
    let len = body.chars().take_while(char::is_ascii_alphanumeric).count();
    len > 0 && body[len..].starts_with(';')
}
