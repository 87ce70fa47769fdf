//! The block structure of hand-written CommonMark, as far as escaping needs it: which lines are
//! code (kept as written, fenced as `text`), and which keep a list, heading or quote marker in
//! front of text to escape.

use super::{Seg, indent_of};
use crate::docs::escape::code_fence;

/// Classifies the lines, tracking just enough block structure (fenced code, list item
/// content columns, paragraph continuation) to find code blocks and the line starts that
/// rustdoc will read as block markers.
pub(super) fn classify(lines: &[String]) -> Vec<Seg> {
    let mut blocks = Blocks {
        lines,
        segs: Vec::new(),
        fence: None,
        items: Vec::new(),
        in_para: false,
        empty_item: false,
    };
    let mut k = 0;
    while k < lines.len() {
        k = blocks.line(k);
    }
    // Close a fence left open at the end (rustdoc's backtick lint misreads unclosed ones).
    if let Some(fence) = blocks.fence {
        blocks.segs.push(Seg::Verbatim(format!(
            "{}{}",
            " ".repeat(fence.col),
            fence_run(fence.ch, fence.len)
        )));
    }
    blocks.segs
}

/// An open fenced code block.
#[derive(Clone, Copy)]
struct Fence {
    /// The fence character, `` ` `` or `~`.
    ch: char,
    /// How many of them opened the block (a closing fence has at least as many).
    len: usize,
    /// The content column of the list item holding it (a less indented line ends the item and
    /// so the block).
    col: usize,
}

/// The block structure [`classify`] has seen so far, and the lines it has classified.
struct Blocks<'a> {
    lines: &'a [String],
    segs: Vec<Seg>,
    fence: Option<Fence>,
    /// Content columns of the open list items, innermost last (increasing).
    items: Vec<usize>,
    /// Whether the previous line is paragraph text (so this one may continue it).
    in_para: bool,
    /// Whether the previous line is a list marker with nothing after it.
    empty_item: bool,
}

impl Blocks<'_> {
    /// Classifies line `k` (and, for an indented code block, the lines after it that belong to
    /// the block); returns the index of the next line to classify.
    fn line(&mut self, k: usize) -> usize {
        let lines = self.lines;
        let line = lines[k].as_str();
        let indent = indent_of(line);
        if self.in_fence(line, indent) {
            return k + 1;
        }
        if line.is_empty() {
            self.blank_line();
            return k + 1;
        }
        self.empty_item = false;
        // The list items this line's indentation continues, and its column inside them.
        let matched = self.items.iter().take_while(|&&col| col <= indent).count();
        let base = if matched == 0 {
            0
        } else {
            self.items[matched - 1]
        };
        let t = &line[indent..];
        if indent >= base + 4 {
            if self.in_para {
                // A lazy continuation line (an indented block cannot interrupt a paragraph).
                self.segs.push(text(line, indent, false));
                return k + 1;
            }
            self.items.truncate(matched);
            return self.indented_code(k, base);
        }
        if let Some(open) = fence_open(t) {
            self.items.truncate(matched);
            self.open_fence(&line[..indent], open, base);
            return k + 1;
        }
        if is_thematic_break(t) {
            self.items.truncate(matched);
            self.segs.push(Seg::Verbatim(line.to_owned()));
            self.in_para = false;
            return k + 1;
        }
        if let Some(width) = list_marker(t) {
            if self.list_item(line, indent, width, matched) {
                return k + 1;
            }
        }
        if let Some(level) = heading_level(t) {
            self.items.truncate(matched);
            let split = indent + level;
            self.segs.push(Seg::Text {
                prefix: line[..split].to_owned(),
                body: line[split..].to_owned(),
                starts: true,
            });
            self.in_para = false;
            return k + 1;
        }
        if t.starts_with('>') {
            self.items.truncate(matched);
            self.block_quote(line, indent);
            return k + 1;
        }
        self.paragraph_text(k, line, indent, matched);
        k + 1
    }

    /// Inside an open fenced code block, keeps `line` as written (closing the block at its
    /// closing fence) and returns true. A line less indented than the list item holding the
    /// block ends the item and the block with it: then it returns false.
    fn in_fence(&mut self, line: &str, indent: usize) -> bool {
        let Some(fence) = self.fence else {
            return false;
        };
        if !line.is_empty() && indent < fence.col {
            self.fence = None;
            return false;
        }
        let t = &line[indent..];
        if indent < fence.col + 4 && t.len() >= fence.len && t.chars().all(|c| c == fence.ch) {
            self.fence = None;
        }
        self.segs.push(Seg::Verbatim(line.to_owned()));
        true
    }

    fn blank_line(&mut self) {
        self.segs.push(Seg::Verbatim(String::new()));
        self.in_para = false;
        // An item that starts with a blank line and has none of its own content ends at a
        // second blank line.
        if std::mem::take(&mut self.empty_item) {
            self.items.pop();
        }
    }

    /// The indented code block starting at line `k`, in list items whose content starts at
    /// column `base`: fenced as text so rustdoc does not compile it. Returns the index of the
    /// line after it.
    fn indented_code(&mut self, k: usize, base: usize) -> usize {
        let lines = self.lines;
        let pad = " ".repeat(base);
        let mut end = k + 1;
        while end < lines.len() && (lines[end].is_empty() || indent_of(&lines[end]) >= base + 4) {
            end += 1;
        }
        while end > k + 1 && lines[end - 1].is_empty() {
            end -= 1;
        }
        let body: Vec<&str> = lines[k..end]
            .iter()
            .map(|l| l.get(base + 4..).unwrap_or(""))
            .collect();
        let fence = code_fence(&body.join("\n"));
        self.segs.push(Seg::Verbatim(format!("{pad}{fence}text")));
        for l in body {
            self.segs.push(Seg::Verbatim(if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }));
        }
        self.segs.push(Seg::Verbatim(format!("{pad}{fence}")));
        end
    }

    /// Opens a fenced code block whose opening fence follows `prefix`, holding content from
    /// column `col`; the fence is marked with a language rustdoc does not compile.
    fn open_fence(&mut self, prefix: &str, (ch, len, info): (char, usize, &str), col: usize) {
        self.segs.push(Seg::Verbatim(format!(
            "{prefix}{}{}",
            fence_run(ch, len),
            fence_language(info)
        )));
        self.fence = Some(Fence { ch, len, col });
        self.in_para = false;
    }

    /// A line whose text (after `indent` columns) starts with a list marker `width` bytes wide,
    /// in the first `matched` open items: opens the item and returns true, or returns false
    /// when the marker cannot start an item here.
    fn list_item(&mut self, line: &str, indent: usize, width: usize, matched: usize) -> bool {
        let t = &line[indent..];
        let body = &t[width..];
        let empty = body.trim().is_empty();
        // Only a bullet or `1.` item with content may interrupt a paragraph that is
        // still open in this container; otherwise the line is paragraph text.
        let interrupts = self.in_para && matched == self.items.len();
        let ordered_not_one = t.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && t[..width - 1].trim_start_matches('0') != "1";
        if interrupts && (empty || ordered_not_one) {
            return false;
        }
        self.items.truncate(matched);
        let spaces = body.len() - body.trim_start_matches(' ').len();
        // Five or more spaces would start an indented code block in the item: keep
        // one, so the content is a paragraph.
        let (content, prefix) = if empty || spaces > 4 {
            (width + 1, format!("{} ", &line[..indent + width]))
        } else {
            (width + spaces, line[..indent + width + spaces].to_owned())
        };
        let split = (indent + width + spaces).min(line.len());
        self.items.push(indent + content);
        let body = &line[split..];
        if let Some(open) = fence_open(body) {
            self.open_fence(&prefix, open, indent + content);
            return true;
        }
        self.segs.push(Seg::Text {
            prefix,
            body: body.to_owned(),
            starts: true,
        });
        self.in_para = !empty;
        self.empty_item = empty;
        true
    }

    /// A block quote line, flattened to one level of markers followed by a paragraph line: no
    /// code blocks or fences can start inside it.
    fn block_quote(&mut self, line: &str, indent: usize) {
        let t = &line[indent..];
        let markers = t
            .bytes()
            .take_while(|&c| c == b'>' || c == b' ')
            .collect::<Vec<_>>();
        let depth = markers.iter().filter(|&&c| c == b'>').count();
        let body = &t[markers.len()..];
        let body = if fence_open(body).is_some() {
            format!("\\{body}")
        } else {
            body.to_owned()
        };
        self.segs.push(Seg::Text {
            prefix: format!("{}{}", &line[..indent], "> ".repeat(depth)),
            body,
            starts: true,
        });
        self.in_para = true;
    }

    /// Line `k`, paragraph text in the first `matched` open items: it continues the paragraph
    /// above, if there is one, unless it breaks the unit.
    fn paragraph_text(&mut self, k: usize, line: &str, indent: usize, matched: usize) {
        if !self.in_para {
            self.items.truncate(matched);
        }
        // Units also break at lines that could start an HTML block or belong to a table,
        // so that code spans are matched the way rustdoc will match them.
        let t = &line[indent..];
        let prev_pipe = k >= 1 && self.lines[k - 1].contains('|');
        let starts = !self.in_para || t.starts_with('<') || t.contains('|') || prev_pipe;
        self.segs.push(text(line, indent, starts));
        self.in_para = true;
    }
}

fn text(line: &str, indent: usize, starts: bool) -> Seg {
    Seg::Text {
        prefix: line[..indent].to_owned(),
        body: line[indent..].to_owned(),
        starts,
    }
}

fn fence_run(ch: char, len: usize) -> String {
    std::iter::repeat_n(ch, len).collect()
}

/// The width of the list marker (`-`, `*`, `+`, `1.`, `1)`) starting `t`, if any.
fn list_marker(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let width = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        c if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(width) {
        None | Some(b' ') => Some(width),
        _ => None,
    }
}

fn fence_open(t: &str) -> Option<(char, usize, &str)> {
    let ch = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = t.chars().take_while(|&c| c == ch).count();
    let info = t[len..].trim();
    (len >= 3 && !(ch == '`' && info.contains('`'))).then_some((ch, len, info))
}

/// The language to mark a fenced code block with: the author's language when it is a plain
/// word naming something other than Rust, else `text` (rustdoc would compile Rust blocks as
/// doctests against the generated crate, and warns about odd info strings).
fn fence_language(info: &str) -> &str {
    let word = info.split([' ', '\t', ',']).next().unwrap_or("");
    let plain = word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    let lower = word.to_ascii_lowercase();
    let rustish = lower == "rust"
        || lower.starts_with("edition")
        || [
            "ignore",
            "should",
            "no_run",
            "no-run",
            "norun",
            "compile",
            "test_harness",
            "test-harness",
            "testharness",
            "allow_fail",
            "standalone",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
    if plain && !rustish { word } else { "text" }
}

fn is_thematic_break(t: &str) -> bool {
    let mut chars = t.chars().filter(|c| *c != ' ');
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_')
        && t.chars().filter(|&c| c == first).count() >= 3
        && chars.all(|c| c == first)
}

fn heading_level(t: &str) -> Option<usize> {
    let level = t.bytes().take_while(|&c| c == b'#').count();
    ((1..=6).contains(&level) && matches!(t.as_bytes().get(level), None | Some(b' ')))
        .then_some(level)
}
