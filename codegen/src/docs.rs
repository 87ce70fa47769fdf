//! Smithy documentation → rustdoc Markdown.
//!
//! A `smithy.api#documentation` value is CommonMark, but AWS models write it as HTML fragments
//! (`<p>`, `<code>`, `<a href>`, `<ul><li>`, `<note>`, ...). [`to_rustdoc`] turns either kind into
//! Markdown lines that rustdoc renders as intended and that trip none of its lints: no accidental
//! intra-doc links (`[`/`]` are escaped), no raw HTML (`<`/`>` are escaped), no bare URLs (they
//! become `<autolinks>`), no unbalanced backticks, and no code blocks that rustdoc would compile
//! as Rust doctests (code blocks are fenced as `text` unless their author named a language other
//! than Rust).
//!
//! A value is read as HTML when it contains at least one tag this module knows (outside backtick
//! code spans); otherwise it is read as CommonMark and kept as written apart from those escapes.
//! The conversion never panics, is deterministic, and bounds its work on hostile input (tag
//! nesting is capped, look-ahead scans are capped).

use std::collections::BTreeMap;

/// Converts one Smithy `smithy.api#documentation` value (CommonMark that may contain HTML, as AWS
/// models do) into rustdoc Markdown lines: one returned `String` per output line, without the
/// leading `///`.
///
/// Paragraphs are separated by one empty line; there are no leading or trailing empty lines and
/// no line has trailing whitespace. Lines are not wrapped. An empty or blank value gives no lines.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let doc = normalize_newlines(doc);
    let lines = if looks_like_html(&doc) {
        html::convert(&doc)
    } else {
        markdown::convert(&doc)
    };
    finish(lines)
}

/// A Markdown code span showing `text` verbatim (line breaks become spaces), fenced with more
/// backticks than any run inside it. Empty text gives a code span of one space.
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if text.is_empty() {
        return "` `".to_owned();
    }
    code_span(&text)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// How deep HTML elements may nest; deeper start tags are dropped (their text is kept).
const MAX_DEPTH: usize = 48;
/// The longest run of bytes scanned ahead for the end of a tag, link or autolink.
const MAX_SCAN: usize = 4096;

fn normalize_newlines(doc: &str) -> String {
    doc.replace("\r\n", "\n").replace('\r', "\n")
}

/// Trims line ends, collapses runs of empty lines into one and drops leading and trailing empty
/// lines. Any stray line break inside a line (there should be none) becomes a space.
fn finish(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let line = if line.contains(['\n', '\r']) {
            line.replace(['\n', '\r'], " ")
        } else {
            line
        };
        let line = line.trim_end();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line.to_owned());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// A code span for `text` (which must not be empty and holds no line breaks).
fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && text.chars().any(|c| c != ' '));
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
fn code_fence(body: &str) -> String {
    "`".repeat((longest_run(body, '`') + 1).max(3))
}

/// The byte ranges of the backtick code spans in `s`, following CommonMark: an opening run
/// (outside escapes) closes at the next run of exactly the same length.
fn code_spans(s: &str) -> Vec<(usize, usize)> {
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
fn bare_url_at(s: &str, i: usize) -> Option<usize> {
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
fn autolink_at(s: &str) -> Option<usize> {
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
fn escape_line_start(line: &str) -> String {
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

/// Whether a known HTML tag occurs in `doc` outside backtick code spans.
fn looks_like_html(doc: &str) -> bool {
    let spans = code_spans(doc);
    let mut spans = spans.iter().peekable();
    for (i, _) in doc.match_indices('<') {
        while spans.peek().is_some_and(|&&(_, end)| end <= i) {
            spans.next();
        }
        if spans.peek().is_some_and(|&&(start, _)| start <= i) {
            continue;
        }
        if html::parse_tag(&doc[i..]).is_some_and(|(tag, _)| html::is_known(&tag.name)) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// HTML documentation (AWS style)
// ---------------------------------------------------------------------------------------------

mod html {
    use super::{MAX_DEPTH, MAX_SCAN, bare_url_at, code_fence, code_span, escape_line_start};

    const BLOCK: &[&str] = &[
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
    const INLINE: &[&str] = &[
        "a", "code", "tt", "kbd", "samp", "var", "i", "em", "cite", "dfn", "b", "strong", "u",
        "span", "sup", "sub", "small", "big", "s", "strike", "del", "ins", "mark", "abbr", "q",
        "font", "nobr", "wbr", "img",
    ];
    const VOID: &[&str] = &["br", "hr", "img", "wbr"];

    pub(super) fn is_known(name: &str) -> bool {
        BLOCK.contains(&name) || INLINE.contains(&name)
    }

    pub(super) fn convert(doc: &str) -> Vec<String> {
        let nodes = parse(doc);
        let mut blocks = Vec::new();
        blocks_of(&nodes, &mut blocks);
        let mut lines = Vec::new();
        layout(&blocks, 0, false, None, &mut lines);
        lines
    }

    // --- Tokens ------------------------------------------------------------------------------

    pub(super) struct Tag {
        pub(super) name: String,
        end: bool,
        self_closing: bool,
        attrs: Vec<(String, String)>,
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
        while at(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
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

    // --- Tree --------------------------------------------------------------------------------

    enum Node {
        Text(String),
        Elem(Elem),
    }

    struct Elem {
        name: String,
        href: Option<String>,
        start: Option<u64>,
        children: Vec<Node>,
    }

    impl Elem {
        fn new(name: &str, attrs: &[(String, String)]) -> Self {
            let attr = |key: &str| {
                attrs
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.trim().to_owned())
            };
            Elem {
                name: name.to_owned(),
                href: attr("href"),
                start: attr("start").and_then(|v| v.parse().ok()),
                children: Vec::new(),
            }
        }
    }

    struct Builder {
        /// Open elements; `stack[0]` is the root and never pops.
        stack: Vec<Elem>,
        /// Raw (still entity-encoded) text not yet added.
        text: String,
    }

    impl Builder {
        fn top(&mut self) -> &mut Elem {
            let last = self.stack.len() - 1;
            &mut self.stack[last]
        }

        fn flush_text(&mut self) {
            if self.text.is_empty() {
                return;
            }
            let text = decode_entities(&std::mem::take(&mut self.text));
            let top = self.top();
            if let Some(Node::Text(prev)) = top.children.last_mut() {
                prev.push_str(&text);
            } else {
                top.children.push(Node::Text(text));
            }
        }

        /// Closes the open elements down to and including `stack[depth]` (`depth >= 1`).
        fn close_to(&mut self, depth: usize) {
            while self.stack.len() > depth.max(1) {
                if let Some(elem) = self.stack.pop() {
                    self.top().children.push(Node::Elem(elem));
                }
            }
        }

        /// The depth of the innermost open element named in `names`, searching outwards but not
        /// past an element named in `stop`.
        fn find_open(&self, names: &[&str], stop: &[&str]) -> Option<usize> {
            for depth in (1..self.stack.len()).rev() {
                let name = self.stack[depth].name.as_str();
                if names.contains(&name) {
                    return Some(depth);
                }
                if stop.contains(&name) {
                    return None;
                }
            }
            None
        }

        fn tag(&mut self, tag: &Tag) {
            self.flush_text();
            let name = tag.name.as_str();
            if tag.end {
                if !VOID.contains(&name) {
                    if let Some(depth) = self.find_open(&[name], &[]) {
                        self.close_to(depth);
                    }
                }
                return;
            }
            // Implied end tags, as HTML has them for these elements.
            let implied = match name {
                "li" => self.find_open(&["li"], &["ul", "ol", "dl"]),
                "dt" | "dd" => self.find_open(&["dt", "dd"], &["dl", "ul", "ol"]),
                "p" => self.find_open(
                    &["p"],
                    &[
                        "li",
                        "dt",
                        "dd",
                        "ul",
                        "ol",
                        "dl",
                        "note",
                        "important",
                        "warning",
                        "caution",
                        "tip",
                        "div",
                        "blockquote",
                        "td",
                        "th",
                        "pre",
                    ],
                ),
                _ => None,
            };
            if let Some(depth) = implied {
                self.close_to(depth);
            }
            let elem = Elem::new(name, &tag.attrs);
            if VOID.contains(&name) || tag.self_closing {
                self.top().children.push(Node::Elem(elem));
            } else if self.stack.len() <= MAX_DEPTH {
                self.stack.push(elem);
            }
        }
    }

    fn parse(doc: &str) -> Vec<Node> {
        let mut b = Builder {
            stack: vec![Elem::new("", &[])],
            text: String::new(),
        };
        let mut i = 0;
        while i < doc.len() {
            let rest = &doc[i..];
            let Some(lt) = rest.find('<') else {
                b.text.push_str(rest);
                break;
            };
            b.text.push_str(&rest[..lt]);
            i += lt;
            let rest = &doc[i..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                b.flush_text();
                i += comment.find("-->").map_or(rest.len(), |k| k + 7);
                continue;
            }
            match parse_tag(rest) {
                Some((tag, len)) if is_known(&tag.name) => {
                    b.tag(&tag);
                    i += len;
                }
                // An unknown tag (`<region>`, `<Expression 1>`) is text: AWS uses them as
                // placeholders.
                Some((_, len)) => {
                    b.text.push_str(&rest[..len]);
                    i += len;
                }
                None => {
                    b.text.push('<');
                    i += 1;
                }
            }
        }
        b.flush_text();
        b.close_to(1);
        b.stack.pop().map(|root| root.children).unwrap_or_default()
    }

    // --- Blocks ------------------------------------------------------------------------------

    enum Block {
        /// One paragraph: a single line of inline Markdown, its start already escaped.
        Para(String),
        /// A code block's text (no trailing whitespace, no leading or trailing blank lines).
        Code(String),
        List(List),
    }

    struct List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    }

    fn is_block_name(name: &str) -> bool {
        BLOCK.contains(&name)
    }

    /// Whether the node must be laid out as blocks: a block element, or an inline element with a
    /// block inside (then its own formatting is dropped).
    fn is_blockish(node: &Node) -> bool {
        match node {
            Node::Text(_) => false,
            Node::Elem(e) => is_block_name(&e.name) || e.children.iter().any(is_blockish),
        }
    }

    /// Lays out a sequence of nodes as blocks: runs of inline nodes become paragraphs.
    fn blocks_of(nodes: &[Node], out: &mut Vec<Block>) {
        let mut run: Vec<&Node> = Vec::new();
        for node in nodes {
            if is_blockish(node) {
                paragraph(&run, out);
                run.clear();
                if let Node::Elem(e) = node {
                    element_blocks(e, out);
                }
            } else {
                run.push(node);
            }
        }
        paragraph(&run, out);
    }

    fn paragraph(run: &[&Node], out: &mut Vec<Block>) {
        let text = render_inline(run, Ctx::default());
        let text = collapse_spaces(&text);
        let text = text.trim();
        if !text.is_empty() {
            out.push(Block::Para(escape_line_start(text)));
        }
    }

    fn element_blocks(e: &Elem, out: &mut Vec<Block>) {
        match e.name.as_str() {
            "ul" | "ol" => {
                let items = list_items(&e.children);
                if !items.is_empty() {
                    let start = e.start.filter(|&s| s < 100_000_000).unwrap_or(1);
                    out.push(Block::List(List {
                        ordered: e.name == "ol",
                        start,
                        items,
                    }));
                }
            }
            "dl" => {
                let items = definition_items(&e.children);
                if !items.is_empty() {
                    out.push(Block::List(List {
                        ordered: false,
                        start: 1,
                        items,
                    }));
                }
            }
            "pre" => {
                let text = pre_text(&e.children);
                if !text.is_empty() {
                    out.push(Block::Code(text));
                }
            }
            name @ ("note" | "important" | "warning" | "caution" | "tip") => {
                let mut inner = Vec::new();
                blocks_of(&e.children, &mut inner);
                if inner.is_empty() {
                    return;
                }
                let label = match name {
                    "note" => "**Note:**",
                    "important" => "**Important:**",
                    "warning" => "**Warning:**",
                    "caution" => "**Caution:**",
                    _ => "**Tip:**",
                };
                match inner.first_mut() {
                    Some(Block::Para(text)) => *text = format!("{label} {text}"),
                    _ => inner.insert(0, Block::Para(label.to_owned())),
                }
                out.append(&mut inner);
            }
            _ => blocks_of(&e.children, out),
        }
    }

    /// The items of a `<ul>`/`<ol>`. Content outside `<li>` (a nested list written directly
    /// inside its parent list, say) joins the previous item.
    fn list_items(children: &[Node]) -> Vec<Vec<Block>> {
        let mut items: Vec<Vec<Block>> = Vec::new();
        let mut stray: Vec<Node> = Vec::new();
        let take_stray = |stray: &mut Vec<Node>, items: &mut Vec<Vec<Block>>| {
            let mut blocks = Vec::new();
            blocks_of(stray, &mut blocks);
            stray.clear();
            if blocks.is_empty() {
                return;
            }
            match items.last_mut() {
                Some(last) => last.append(&mut blocks),
                None => items.push(blocks),
            }
        };
        for child in children {
            match child {
                Node::Elem(li) if li.name == "li" => {
                    take_stray(&mut stray, &mut items);
                    let mut blocks = Vec::new();
                    blocks_of(&li.children, &mut blocks);
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                }
                Node::Text(t) if t.trim().is_empty() => {}
                Node::Text(t) => stray.push(Node::Text(t.clone())),
                Node::Elem(e) => stray.push(Node::Elem(clone_elem(e))),
            }
        }
        take_stray(&mut stray, &mut items);
        items
    }

    /// The items of a `<dl>`: each `<dt>` starts an item (its term in bold when possible), the
    /// following `<dd>`s add paragraphs to it.
    fn definition_items(children: &[Node]) -> Vec<Vec<Block>> {
        let mut items: Vec<Vec<Block>> = Vec::new();
        let mut open = false;
        for child in children {
            let mut blocks = Vec::new();
            let term = match child {
                Node::Elem(dt) if dt.name == "dt" => {
                    if dt.children.iter().any(is_blockish) {
                        blocks_of(&dt.children, &mut blocks);
                    } else {
                        let refs: Vec<&Node> = dt.children.iter().collect();
                        let text = collapse_spaces(&render_inline(&refs, Ctx::default()));
                        let text = text.trim();
                        if !text.is_empty() {
                            let text = if text.contains("**") {
                                escape_line_start(text)
                            } else {
                                let refs: Vec<&Node> = dt.children.iter().collect();
                                let bold = render_inline(
                                    &refs,
                                    Ctx {
                                        bold: true,
                                        ..Ctx::default()
                                    },
                                );
                                format!("**{}**", collapse_spaces(&bold).trim())
                            };
                            blocks.push(Block::Para(text));
                        }
                    }
                    true
                }
                Node::Elem(dd) if dd.name == "dd" => {
                    blocks_of(&dd.children, &mut blocks);
                    false
                }
                Node::Text(t) if t.trim().is_empty() => continue,
                node => {
                    blocks_of(std::slice::from_ref(node), &mut blocks);
                    false
                }
            };
            if blocks.is_empty() {
                continue;
            }
            match items.last_mut() {
                Some(last) if open && !term => last.append(&mut blocks),
                _ => items.push(blocks),
            }
            open = true;
        }
        items
    }

    fn clone_elem(e: &Elem) -> Elem {
        Elem {
            name: e.name.clone(),
            href: e.href.clone(),
            start: e.start,
            children: e
                .children
                .iter()
                .map(|n| match n {
                    Node::Text(t) => Node::Text(t.clone()),
                    Node::Elem(e) => Node::Elem(clone_elem(e)),
                })
                .collect(),
        }
    }

    /// The text of a `<pre>`: tags dropped, whitespace kept, common indentation removed.
    fn pre_text(children: &[Node]) -> String {
        let mut raw = String::new();
        raw_text(children, &mut raw, "\n");
        let raw = raw
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ");
        let raw = raw.strip_prefix('\n').unwrap_or(&raw);
        let lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
        let first = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        let last = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(first, |k| k + 1);
        let lines = &lines[first..last.max(first)];
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Concatenates the text of `nodes`, with `br` (and any block boundary) as `brk`.
    fn raw_text(nodes: &[Node], out: &mut String, brk: &str) {
        for node in nodes {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Elem(e) if e.name == "br" => out.push_str(brk),
                Node::Elem(e) => raw_text(&e.children, out, brk),
            }
        }
    }

    // --- Inline ------------------------------------------------------------------------------

    #[derive(Clone, Copy, Default)]
    struct Ctx {
        link: bool,
        bold: bool,
        italic: bool,
    }

    enum Piece {
        Text(String),
        /// Emphasis to wrap in `_`/`*` (italic) or `**` (bold), if the neighbours allow.
        Emph {
            bold: bool,
            inner: String,
        },
    }

    fn render_inline(nodes: &[&Node], ctx: Ctx) -> String {
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
                    u.starts_with("https://")
                        || u.starts_with("http://")
                        || u.starts_with("mailto:")
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

    fn collapse_spaces(s: &str) -> String {
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

    // --- Layout ------------------------------------------------------------------------------

    /// Writes `blocks` at `indent` columns. Inside a list item (`in_item`), a paragraph directly
    /// followed by a list stays tight. `prev` is the block already written before these.
    fn layout(
        blocks: &[Block],
        indent: usize,
        in_item: bool,
        prev: Option<&Block>,
        out: &mut Vec<String>,
    ) {
        let pad = " ".repeat(indent);
        let mut prev = prev;
        let mut alt = false;
        for block in blocks {
            if let Some(p) = prev {
                let tight = in_item
                    && matches!(p, Block::Para(_))
                    && matches!(block, Block::List(l) if starts_tight(l));
                if !tight {
                    out.push(String::new());
                }
            }
            // Two lists in a row would merge into one: alternate their markers.
            alt = matches!((prev, block), (Some(Block::List(_)), Block::List(_))) && !alt;
            match block {
                Block::Para(text) => out.push(format!("{pad}{text}")),
                Block::Code(text) => {
                    let fence = code_fence(text);
                    out.push(format!("{pad}{fence}text"));
                    for line in text.split('\n') {
                        out.push(if line.is_empty() {
                            String::new()
                        } else {
                            format!("{pad}{line}")
                        });
                    }
                    out.push(format!("{pad}{fence}"));
                }
                Block::List(list) => layout_list(list, indent, alt, out),
            }
            prev = Some(block);
        }
    }

    /// Whether the list may directly follow a paragraph line: CommonMark lets only bullet lists
    /// and lists starting at 1 interrupt a paragraph, and only with a non-empty first item.
    fn starts_tight(list: &List) -> bool {
        let first = list.items.first().and_then(|item| item.first());
        (!list.ordered || list.start == 1) && matches!(first, Some(Block::Para(_)))
    }

    fn layout_list(list: &List, indent: usize, alt: bool, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        for (n, item) in list.items.iter().enumerate() {
            let marker = if list.ordered {
                let number = list.start.saturating_add(n as u64);
                format!("{number}{}", if alt { ')' } else { '.' })
            } else {
                (if alt { "*" } else { "-" }).to_owned()
            };
            let inner = indent + marker.len() + 1;
            match item.split_first() {
                Some((first @ Block::Para(text), rest)) => {
                    out.push(format!("{pad}{marker} {text}"));
                    layout(rest, inner, true, Some(first), out);
                }
                _ => {
                    out.push(format!("{pad}{marker}"));
                    layout(item, inner, true, None, out);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CommonMark documentation (hand-written)
// ---------------------------------------------------------------------------------------------

mod markdown {
    use super::{MAX_SCAN, autolink_at, bare_url_at, code_fence, code_spans};
    use std::collections::BTreeMap;

    /// One classified input line.
    enum Seg {
        /// Emitted exactly as given.
        Verbatim(String),
        /// A line of inline text: `prefix` (indentation, list or quote marker) is kept, `body`
        /// is escaped. `starts` is false for a continuation line of the paragraph above.
        Text {
            prefix: String,
            body: String,
            starts: bool,
        },
    }

    pub(super) fn convert(doc: &str) -> Vec<String> {
        let lines = dedent(doc);
        let segs = classify(&lines);
        let mut out = Vec::new();
        let mut k = 0;
        while k < segs.len() {
            match &segs[k] {
                Seg::Verbatim(line) => {
                    out.push(line.clone());
                    k += 1;
                }
                Seg::Text { .. } => {
                    // A paragraph unit: this line and its continuation lines, escaped together
                    // so that code spans may cross line breaks.
                    let mut end = k + 1;
                    while matches!(segs.get(end), Some(Seg::Text { starts: false, .. })) {
                        end += 1;
                    }
                    let mut prefixes = Vec::new();
                    let mut bodies = Vec::new();
                    for seg in &segs[k..end] {
                        if let Seg::Text { prefix, body, .. } = seg {
                            prefixes.push(prefix.as_str());
                            bodies.push(body.as_str());
                        }
                    }
                    let escaped = inline(&bodies.join("\n"), false);
                    for (prefix, body) in prefixes.iter().zip(escaped.split('\n')) {
                        out.push(format!("{prefix}{body}"));
                    }
                    k = end;
                }
            }
        }
        out
    }

    /// Lines with trailing whitespace trimmed, leading tabs expanded and the indentation common
    /// to all non-blank lines removed.
    fn dedent(doc: &str) -> Vec<String> {
        let lines: Vec<String> = doc
            .split('\n')
            .map(|l| {
                let body = l.trim_start_matches([' ', '\t']);
                let lead = &l[..l.len() - body.len()];
                let width: usize = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
                let body = body.trim_end();
                if body.is_empty() {
                    String::new()
                } else {
                    format!("{}{body}", " ".repeat(width))
                }
            })
            .collect();
        let common = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| indent_of(l))
            .min()
            .unwrap_or(0);
        lines
            .into_iter()
            .map(|l| l.get(common..).unwrap_or("").to_owned())
            .collect()
    }

    fn indent_of(line: &str) -> usize {
        line.len() - line.trim_start_matches(' ').len()
    }

    /// Classifies the lines, tracking just enough block structure (fenced code, list item
    /// content columns, paragraph continuation) to find code blocks and the line starts that
    /// rustdoc will read as block markers.
    fn classify(lines: &[String]) -> Vec<Seg> {
        let mut segs = Vec::new();
        // Open fenced code block: fence character, fence length, and the content column of the
        // list item holding it (a less indented line ends the item and so the block).
        let mut fence: Option<(char, usize, usize)> = None;
        // Content columns of the open list items, innermost last (increasing).
        let mut items: Vec<usize> = Vec::new();
        // Whether the previous line is paragraph text (so this one may continue it).
        let mut in_para = false;
        // Whether the previous line is a list marker with nothing after it.
        let mut empty_item = false;
        let mut k = 0;
        while k < lines.len() {
            let line = lines[k].as_str();
            let indent = indent_of(line);
            if let Some((ch, len, col)) = fence {
                if line.is_empty() || indent >= col {
                    let t = &line[indent..];
                    if indent < col + 4 && t.len() >= len && t.chars().all(|c| c == ch) {
                        fence = None;
                    }
                    segs.push(Seg::Verbatim(line.to_owned()));
                    k += 1;
                    continue;
                }
                // The list item holding the block ends here, and the block with it.
                fence = None;
            }
            k += 1;
            if line.is_empty() {
                segs.push(Seg::Verbatim(String::new()));
                in_para = false;
                // An item that starts with a blank line and has none of its own content ends
                // at a second blank line.
                if std::mem::take(&mut empty_item) {
                    items.pop();
                }
                continue;
            }
            empty_item = false;
            // The list items this line's indentation continues, and its column inside them.
            let matched = items.iter().take_while(|&&col| col <= indent).count();
            let base = if matched == 0 { 0 } else { items[matched - 1] };
            let t = &line[indent..];
            if indent >= base + 4 {
                if in_para {
                    // A lazy continuation line (an indented block cannot interrupt a paragraph).
                    segs.push(text(line, indent, false));
                    continue;
                }
                // An indented code block: fence it as text so rustdoc does not compile it.
                items.truncate(matched);
                let pad = " ".repeat(base);
                let start = k - 1;
                let mut end = k;
                while end < lines.len()
                    && (lines[end].is_empty() || indent_of(&lines[end]) >= base + 4)
                {
                    end += 1;
                }
                while end > start + 1 && lines[end - 1].is_empty() {
                    end -= 1;
                }
                let body: Vec<&str> = lines[start..end]
                    .iter()
                    .map(|l| l.get(base + 4..).unwrap_or(""))
                    .collect();
                let fence = code_fence(&body.join("\n"));
                segs.push(Seg::Verbatim(format!("{pad}{fence}text")));
                for l in body {
                    segs.push(Seg::Verbatim(if l.is_empty() {
                        String::new()
                    } else {
                        format!("{pad}{l}")
                    }));
                }
                segs.push(Seg::Verbatim(format!("{pad}{fence}")));
                k = end;
                continue;
            }
            if let Some((ch, len, info)) = fence_open(t) {
                items.truncate(matched);
                segs.push(Seg::Verbatim(format!(
                    "{}{}{}",
                    &line[..indent],
                    fence_run(ch, len),
                    fence_language(info)
                )));
                fence = Some((ch, len, base));
                in_para = false;
                continue;
            }
            if is_thematic_break(t) {
                items.truncate(matched);
                segs.push(Seg::Verbatim(line.to_owned()));
                in_para = false;
                continue;
            }
            if let Some(width) = list_marker(t) {
                let body = &t[width..];
                let empty = body.trim().is_empty();
                // Only a bullet or `1.` item with content may interrupt a paragraph that is
                // still open in this container; otherwise the line is paragraph text.
                let interrupts = in_para && matched == items.len();
                let ordered_not_one = t.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    && t[..width - 1].trim_start_matches('0') != "1";
                if !(interrupts && (empty || ordered_not_one)) {
                    items.truncate(matched);
                    let spaces = body.len() - body.trim_start_matches(' ').len();
                    // Five or more spaces would start an indented code block in the item: keep
                    // one, so the content is a paragraph.
                    let (content, split, prefix) = if empty || spaces > 4 {
                        (
                            width + 1,
                            indent + width + spaces,
                            format!("{} ", &line[..indent + width]),
                        )
                    } else {
                        (
                            width + spaces,
                            indent + width + spaces,
                            line[..indent + width + spaces].to_owned(),
                        )
                    };
                    let split = split.min(line.len());
                    items.push(indent + content);
                    let body = &line[split..];
                    if let Some((ch, len, info)) = fence_open(body) {
                        segs.push(Seg::Verbatim(format!(
                            "{prefix}{}{}",
                            fence_run(ch, len),
                            fence_language(info)
                        )));
                        fence = Some((ch, len, indent + content));
                        in_para = false;
                        continue;
                    }
                    segs.push(Seg::Text {
                        prefix,
                        body: body.to_owned(),
                        starts: true,
                    });
                    in_para = !empty;
                    empty_item = empty;
                    continue;
                }
            }
            if let Some(level) = heading_level(t) {
                items.truncate(matched);
                let split = indent + level;
                segs.push(Seg::Text {
                    prefix: line[..split].to_owned(),
                    body: line[split..].to_owned(),
                    starts: true,
                });
                in_para = false;
                continue;
            }
            if t.starts_with('>') {
                // Block quotes are flattened to one level of markers followed by a paragraph
                // line: no code blocks or fences can start inside them.
                items.truncate(matched);
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
                segs.push(Seg::Text {
                    prefix: format!("{}{}", &line[..indent], "> ".repeat(depth)),
                    body,
                    starts: true,
                });
                in_para = true;
                continue;
            }
            if !in_para {
                items.truncate(matched);
            }
            // Units also break at lines that could start an HTML block or belong to a table,
            // so that code spans are matched the way rustdoc will match them.
            let prev_pipe = k >= 2 && lines[k - 2].contains('|');
            let starts = !in_para || t.starts_with('<') || t.contains('|') || prev_pipe;
            segs.push(text(line, indent, starts));
            in_para = true;
        }
        // Close a fence left open at the end (rustdoc's backtick lint misreads unclosed ones).
        if let Some((ch, len, col)) = fence {
            segs.push(Seg::Verbatim(format!(
                "{}{}",
                " ".repeat(col),
                fence_run(ch, len)
            )));
        }
        segs
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

    /// Escapes inline text: code spans, autolinks, backslash escapes and absolute inline links
    /// are kept; other `[`, `]`, `<` and unmatched backticks are escaped; bare URLs are wrapped.
    fn inline(s: &str, in_link: bool) -> String {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(doc: &str) -> String {
        to_rustdoc(doc).join("\n")
    }

    // --- plain CommonMark ----------------------------------------------------------------------

    #[test]
    fn empty_and_blank() {
        assert!(to_rustdoc("").is_empty());
        assert!(to_rustdoc("   \n\n \t ").is_empty());
        assert!(to_rustdoc("<p></p>").is_empty());
        assert!(to_rustdoc("<p> </p>\n<ul><li> </li></ul>").is_empty());
    }

    #[test]
    fn plain_paragraphs_and_code_spans() {
        assert_eq!(
            conv("The `name` of the widget.\n\n\n\nSecond paragraph,\nsame paragraph.  \n"),
            "The `name` of the widget.\n\nSecond paragraph,\nsame paragraph."
        );
    }

    #[test]
    fn plain_bullet_lists_are_kept() {
        assert_eq!(
            conv("Choices:\n\n- `A`: first\n- `B`: second\n  - nested [x]\n\nDone."),
            "Choices:\n\n- `A`: first\n- `B`: second\n  - nested \\[x\\]\n\nDone."
        );
    }

    #[test]
    fn plain_brackets_escaped_outside_code() {
        assert_eq!(
            conv("See [Foo] and `[bar]` and [a][b]."),
            "See \\[Foo\\] and `[bar]` and \\[a\\]\\[b\\]."
        );
        // Absolute inline links stay links; relative ones (intra-doc candidates) do not.
        assert_eq!(
            conv("Read [the `guide`](https://example.com/a_(b)) or [this](Foo)."),
            "Read [the `guide`](https://example.com/a_(b)) or \\[this\\](Foo)."
        );
    }

    #[test]
    fn plain_angle_brackets_and_urls() {
        assert_eq!(
            conv("A Vec<String> at <https://a.example/x> or https://b.example/y."),
            "A Vec\\<String> at <https://a.example/x> or <https://b.example/y>."
        );
        assert_eq!(conv("`Vec<T>` stays"), "`Vec<T>` stays");
    }

    #[test]
    fn plain_unmatched_backticks_escaped() {
        assert_eq!(
            conv("one ` tick and ``two`` and ```"),
            "one \\` tick and ``two`` and \\`\\`\\`"
        );
        assert_eq!(conv("span `across\nlines` ok"), "span `across\nlines` ok");
        // A line that could start an HTML block or a table row ends the code span search.
        assert_eq!(conv("a `b\n</p> `c`"), "a \\`b\n\\</p> `c`");
        assert_eq!(conv("a `b\nc | d`"), "a \\`b\nc | d\\`");
        assert_eq!(conv("already \\` escaped"), "already \\` escaped");
    }

    #[test]
    fn plain_code_blocks_become_text() {
        assert_eq!(
            conv("Example:\n\n```\nlet x = [1];\n```"),
            "Example:\n\n```text\nlet x = [1];\n```"
        );
        assert_eq!(
            conv("```json\n{\"a\": [1]}\n```"),
            "```json\n{\"a\": [1]}\n```"
        );
        assert_eq!(
            conv("Example:\n\n    a [b] <c>\n\n    d\n\nAfter."),
            "Example:\n\n```text\na [b] <c>\n\nd\n```\n\nAfter."
        );
        // Rust (doctest) and odd info strings become text.
        assert_eq!(conv("```rust\nx\n```"), "```text\nx\n```");
        assert_eq!(conv("```should_panic\nx\n```"), "```text\nx\n```");
        assert_eq!(conv("~~~ {.a} [b]\nx\n~~~"), "~~~text\nx\n~~~");
        assert_eq!(conv("```sh,extra\nx\n```"), "```sh\nx\n```");
        // Unclosed fence: everything after it is code, and the fence gets closed.
        assert_eq!(conv("```\n[x]"), "```text\n[x]\n```");
        assert_eq!(conv("- ~~~~\n  `"), "- ~~~~text\n  `\n  ~~~~");
        // Indented continuation of a paragraph is not a code block.
        assert_eq!(conv("para\n    [more]"), "para\n    \\[more\\]");
        // Common indentation is removed first.
        assert_eq!(conv("    indented\n    doc"), "indented\ndoc");
    }

    #[test]
    fn plain_list_item_code_block() {
        assert_eq!(
            conv("- item\n\n  ```\n  x\n  ```\n- next"),
            "- item\n\n  ```text\n  x\n  ```\n- next"
        );
        assert_eq!(
            conv("- item\n\n      code\n- next"),
            "- item\n\n  ```text\n  code\n  ```\n- next"
        );
    }

    #[test]
    fn plain_headings_and_quotes_keep_markers() {
        assert_eq!(
            conv("# Title [x]\n\n> quoted [y]\n\n---"),
            "# Title \\[x\\]\n\n> quoted \\[y\\]\n\n---"
        );
    }

    #[test]
    fn plain_block_structure_edge_cases() {
        // A fence opening a list item.
        assert_eq!(
            conv("- ```\n  x\n  ```\n- ~~~\n  y"),
            "- ```text\n  x\n  ```\n- ~~~text\n  y\n  ~~~"
        );
        // A fence in a list item ends with the item.
        assert_eq!(conv("- ```\n  x\n[z]"), "- ```text\n  x\n\\[z\\]");
        // A fence after a list item paragraph closes the list.
        assert_eq!(
            conv("- a\n```\nx\n```\n\n    y"),
            "- a\n```text\nx\n```\n\n```text\ny\n```"
        );
        // Five spaces after a marker would make an indented code block.
        assert_eq!(conv("-     [code]"), "- \\[code\\]");
        // An empty item ends at a blank line; what follows is not inside it.
        assert_eq!(conv("-\n\n    [c]"), "-\n\n```text\n[c]\n```");
        assert_eq!(conv("-\n  [c]"), "-\n  \\[c\\]");
        // Only `1.` or bullet items with content interrupt a paragraph; otherwise it is text,
        // and a following indented block is code.
        assert_eq!(conv("para\n2. x\n\n    y"), "para\n2. x\n\n```text\ny\n```");
        assert_eq!(
            conv("1. a\n2. b\n\n    c\n\n       d"),
            "1. a\n2. b\n\n    c\n\n   ```text\n   d\n   ```"
        );
        // Quotes are flattened: no code blocks or fences inside.
        assert_eq!(conv(">     [x]\n> ~~~"), "> \\[x\\]\n> \\~~~");
    }

    #[test]
    fn crlf_input() {
        assert_eq!(conv("a\r\n\r\nb\rc"), "a\n\nb\nc");
    }

    // --- HTML ----------------------------------------------------------------------------------

    #[test]
    fn html_paragraphs() {
        assert_eq!(
            conv("<p>First   one.</p>\n   <p>Second\n  one.</p>"),
            "First one.\n\nSecond one."
        );
        assert_eq!(
            conv("Lead text <p>para</p> tail"),
            "Lead text\n\npara\n\ntail"
        );
    }

    #[test]
    fn html_code() {
        assert_eq!(conv("<p>Use <code>Foo</code>.</p>"), "Use `Foo`.");
        assert_eq!(
            conv("<p><code>a`b</code> <code>`x</code></p>"),
            "``a`b`` `` `x ``"
        );
        assert_eq!(
            conv("<p><code>[x] &lt;y&gt; *z*</code></p>"),
            "`[x] <y> *z*`"
        );
        assert_eq!(conv("<p>x<code> y </code>z</p>"), "x `y` z");
        assert_eq!(conv("<p><code><i>arn</i>:<b>id</b></code></p>"), "`arn:id`");
        assert_eq!(
            conv("<p><code><region>.example</code></p>"),
            "`<region>.example`"
        );
        // Adjacent code spans must not merge their backtick runs.
        assert_eq!(conv("<p><code>a</code><code>b</code></p>"), "`a` `b`");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("^[a-z]+$"), "`^[a-z]+$`");
        assert_eq!(code(""), "` `");
        assert_eq!(code("a\nb"), "`a b`");
    }

    #[test]
    fn html_links() {
        assert_eq!(
            conv(r#"<p>See <a href="https://example.com/x?a=1&amp;b=2">the guide</a>.</p>"#),
            "See [the guide](https://example.com/x?a=1&b=2)."
        );
        assert_eq!(
            conv(r#"<p><a href="https://e.com/a b(c)"><code>Op</code> docs</a></p>"#),
            "[`Op` docs](https://e.com/a%20b%28c%29)"
        );
        assert_eq!(
            conv(r#"<p><a href="https://e.com/"></a></p>"#),
            "<https://e.com/>"
        );
        // Relative or missing targets keep the text only.
        assert_eq!(
            conv(r#"<p><a href="API_Foo.html">Foo</a> <a>bar</a></p>"#),
            "Foo bar"
        );
        assert_eq!(
            conv(r#"<p><a href="https://e.com"> spaced </a>x</p>"#),
            "[spaced](https://e.com) x"
        );
    }

    #[test]
    fn html_emphasis() {
        assert_eq!(
            conv("<p>An <i>italic</i> and <b>bold</b> word.</p>"),
            "An _italic_ and **bold** word."
        );
        assert_eq!(conv("<p><em>e</em> <strong>s</strong></p>"), "_e_ **s**");
        assert_eq!(conv("<p>Guide<i> Name </i>.</p>"), "Guide _Name_ .");
        // Intraword italics use `*`; nested same emphasis is not doubled.
        assert_eq!(
            conv("<p>pre<i>fix</i>ed <b>x <b>y</b></b></p>"),
            "pre*fix*ed **x y**"
        );
        assert_eq!(conv("<p><b> </b>x<i></i></p>"), "x");
        assert_eq!(conv("<p><b>bold <i>both</i></b></p>"), "**bold _both_**");
    }

    #[test]
    fn html_lists() {
        assert_eq!(
            conv(
                "<p>Values:</p><ul><li><p>one</p></li><li>two <code>2</code></li></ul><p>After.</p>"
            ),
            "Values:\n\n- one\n- two `2`\n\nAfter."
        );
        assert_eq!(conv("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
        assert_eq!(
            conv("<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"),
            "- a\n  - b\n    - c\n- d"
        );
        // Multi-paragraph items.
        assert_eq!(
            conv("<ul><li><p>a</p><p>b</p></li><li>c</li></ul>"),
            "- a\n\n  b\n- c"
        );
        // Unclosed <li>s and a nested list written directly inside its parent.
        assert_eq!(conv("<ul><li>a<li>b<ul><li>c</ul></ul>"), "- a\n- b\n  - c");
        assert_eq!(conv("<ul><li>a</li><ul><li>b</li></ul></ul>"), "- a\n  - b");
        // Consecutive lists get different markers so they stay separate.
        assert_eq!(conv("<ul><li>a</li></ul><ul><li>b</li></ul>"), "- a\n\n* b");
        // An item starting with a list; such a list cannot interrupt a paragraph.
        assert_eq!(conv("<ul><li><ul><li>x</li></ul></li></ul>"), "-\n  - x");
        assert_eq!(
            conv("<ul><li>a<ul><li><ol><li>x</li></ol></li></ul></li></ul>"),
            "- a\n\n  -\n    1. x"
        );
        assert_eq!(
            conv("<ul><li>a<ol start=\"2\"><li>x</li></ol></li></ul>"),
            "- a\n\n  2. x"
        );
        // Items whose text looks like a marker are escaped.
        assert_eq!(
            conv("<ul><li>- dash</li><li>2. two</li></ul>"),
            "- \\- dash\n- 2\\. two"
        );
        assert_eq!(conv(r#"<ol start="3"><li>c</li></ol>"#), "3. c");
    }

    #[test]
    fn html_note_and_important() {
        assert_eq!(
            conv("<p>Text.</p><note><p>Careful.</p></note>"),
            "Text.\n\n**Note:** Careful."
        );
        assert_eq!(
            conv("<important>Do <b>not</b>.</important>"),
            "**Important:** Do **not**."
        );
        assert_eq!(conv("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(conv("<note> </note>"), "");
    }

    #[test]
    fn html_definition_lists() {
        assert_eq!(
            conv(
                "<dl><dt>TERM_ONE</dt><dd><p>Unit: COUNT</p><p>More</p></dd><dt><code>T2</code></dt><dd>Two</dd></dl>"
            ),
            "- **TERM_ONE**\n\n  Unit: COUNT\n\n  More\n- **`T2`**\n\n  Two"
        );
        assert_eq!(
            conv("<dl><dt><b>x</b> y</dt><dd>z</dd></dl>"),
            "- **x** y\n\n  z"
        );
    }

    #[test]
    fn html_pre_and_br() {
        assert_eq!(
            conv("<p>Example:</p><pre>\n  {\n    \"a\": [1]\n  }\n</pre>"),
            "Example:\n\n```text\n{\n  \"a\": [1]\n}\n```"
        );
        assert_eq!(
            conv("<pre><code>x ``` y</code></pre>"),
            "````text\nx ``` y\n````"
        );
        assert_eq!(
            conv("<ul><li>a<pre>b</pre></li></ul>"),
            "- a\n\n  ```text\n  b\n  ```"
        );
        assert_eq!(
            conv("<p>line one<br/>line two<br>three</p>"),
            "line one\n\nline two\n\nthree"
        );
    }

    #[test]
    fn html_entities() {
        assert_eq!(
            conv(
                "<p>&amp; &lt;tag&gt; &quot;q&quot; &#39;s&#39; a&nbsp;b &#x263A; &#9731; &bogus; &#0; &#xFFFFFFFFF;</p>"
            ),
            "& \\<tag\\> \"q\" 's' a b \u{263A} \u{2603} \\&bogus; \u{FFFD} \\&#xFFFFFFFFF;"
        );
        // A decoded entity that spells an entity is not decoded twice by rustdoc.
        assert_eq!(conv("<p>&amp;lt;</p>"), "\\&lt;");
    }

    #[test]
    fn html_text_escapes() {
        assert_eq!(
            conv(
                "<p>Brackets [a] and *stars* and _under_ and snake_case and `tick` and ~x~ and \\.</p>"
            ),
            "Brackets \\[a\\] and \\*stars\\* and \\_under\\_ and snake_case and \\`tick\\` and \\~x\\~ and \\\\."
        );
        assert_eq!(
            conv("<p>See https://example.com/a_b).</p>"),
            "See <https://example.com/a_b>)."
        );
        assert_eq!(
            conv("<p>(https://example.com/(x))</p>"),
            "(<https://example.com/(x)>)"
        );
    }

    #[test]
    fn html_line_starts_escaped() {
        assert_eq!(conv("<p># not heading</p>"), "\\# not heading");
        assert_eq!(conv("<p>- not list</p>"), "\\- not list");
        assert_eq!(
            conv("<p>+ x</p><p>2024. Year</p><p>1) x</p>"),
            "\\+ x\n\n2024\\. Year\n\n1\\) x"
        );
        assert_eq!(conv("<p>&gt; not quote</p>"), "\\> not quote");
        assert_eq!(conv("<p>    four spaces</p>"), "four spaces");
        assert_eq!(conv("<p>= x</p>"), "\\= x");
    }

    #[test]
    fn html_unknown_unbalanced_and_stray() {
        // Unknown tags are text.
        assert_eq!(conv("<p>Set <region> here.</p>"), "Set \\<region\\> here.");
        // Stray < and > in text.
        assert_eq!(
            conv("<p>if a < b and c > d or a<b</p>"),
            "if a \\< b and c \\> d or a\\<b"
        );
        // Unclosed and unmatched tags.
        assert_eq!(conv("<p>open <b>bold <i>both"), "open **bold _both_**");
        assert_eq!(conv("</b>x</p></ul>y"), "xy");
        assert_eq!(conv("<p>a</i>b</p>"), "ab");
        assert_eq!(conv("<p>a<p>b"), "a\n\nb");
        // Comments are dropped; malformed tags are text.
        assert_eq!(
            conv("<p>a<!-- hidden -->b <a href=\"x>c</p>"),
            "ab \\<a href=\"x\\>c"
        );
        assert_eq!(conv("<P CLASS=\"title\"><B>Up</B></P>"), "**Up**");
    }

    #[test]
    fn html_block_inside_inline() {
        assert_eq!(conv("<b>x<p>y</p></b>"), "x\n\ny");
        assert_eq!(conv(r#"<a href="https://e.com"><p>t</p></a>"#), "t");
    }

    #[test]
    fn html_fullname() {
        assert_eq!(
            conv("<fullname>Svc</fullname> <p>Does things.</p>"),
            "Svc\n\nDoes things."
        );
    }

    #[test]
    fn html_code_in_backticks_is_not_html() {
        // Tags inside backtick code spans do not switch to HTML reading.
        assert_eq!(conv("Wrap it in `<p>` tags."), "Wrap it in `<p>` tags.");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let doc = "<b><i>".repeat(5000) + "x";
        assert_eq!(conv(&doc), "**_x_**");
        let doc = "<ul><li>".repeat(3000) + "x";
        let lines = to_rustdoc(&doc);
        assert!(lines.iter().any(|l| l.trim_start() == "- x"));
    }

    // --- robustness ----------------------------------------------------------------------------

    /// A tiny deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[(self.next() % xs.len() as u64) as usize]
        }
    }

    fn random_doc(rng: &mut Rng) -> String {
        const PARTS: &[&str] = &[
            "<p>",
            "</p>",
            "<code>",
            "</code>",
            "<a href=\"https://e.com/x\">",
            "<a href='y'>",
            "</a>",
            "<ul>",
            "</ul>",
            "<ol>",
            "</ol>",
            "<li>",
            "</li>",
            "<i>",
            "</i>",
            "<b>",
            "</b>",
            "<em>",
            "<strong>",
            "<note>",
            "</note>",
            "<important>",
            "<br/>",
            "<dl>",
            "<dt>",
            "</dt>",
            "<dd>",
            "<pre>",
            "</pre>",
            "&amp;",
            "&lt;",
            "&gt;",
            "&#39;",
            "&nbsp;",
            "&#x1F600;",
            "&",
            "<",
            ">",
            "<<",
            "</",
            "<x>",
            "<foo bar>",
            "[",
            "]",
            "`",
            "``",
            "*",
            "_",
            "~",
            "#",
            "-",
            "+",
            "1.",
            "\\",
            "\n",
            "\n\n",
            "    ",
            " ",
            "\t",
            "\r",
            "word",
            "snake_case",
            "https://e.com/a_b.",
            "http://x.y/(z)",
            "é",
            "日本",
            "\u{a0}",
            "\u{2028}",
            "!",
            "|",
            "=",
            "---",
            "```",
            "~~~",
            "<!--",
            "-->",
            "\"",
            "'",
            "(",
            ")",
            "<https://a.b/c>",
            "[t](https://e.com)",
            "- ",
            "> ",
            "<fullname>",
            "<p class=\"title\">",
            "<span>",
            "</span>",
            "<sup>",
            "\u{0}",
            "\u{7}",
        ];
        let n = (rng.next() % 40) as usize;
        (0..n).map(|_| rng.pick(PARTS)).collect()
    }

    #[test]
    fn random_input_invariants() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let doc = random_doc(&mut rng);
            let lines = to_rustdoc(&doc);
            assert_eq!(lines, to_rustdoc(&doc), "deterministic: {doc:?}");
            assert!(
                lines.first().is_none_or(|l| !l.is_empty()),
                "leading empty line: {doc:?}"
            );
            assert!(
                lines.last().is_none_or(|l| !l.is_empty()),
                "trailing empty line: {doc:?}"
            );
            for pair in lines.windows(2) {
                assert!(
                    !(pair[0].is_empty() && pair[1].is_empty()),
                    "double empty line: {doc:?}"
                );
            }
            for line in &lines {
                assert!(!line.contains(['\n', '\r']), "line break in line: {doc:?}");
                assert_eq!(line.trim_end(), line, "trailing whitespace: {doc:?}");
            }
        }
    }

    #[test]
    fn arbitrary_unicode_does_not_panic() {
        let mut rng = Rng(12345);
        for _ in 0..5_000 {
            let n = rng.next() % 30;
            let doc: String = (0..n)
                .map(|_| {
                    let r = rng.next();
                    match r % 4 {
                        0 => char::from_u32((r >> 8) as u32 % 0x11_0000).unwrap_or('x'),
                        1 => ['<', '>', '&', ';', '#', '`', '[', ']', '\\', '/', '"', '=']
                            [(r >> 8) as usize % 12],
                        2 => char::from_u32((r >> 8) as u32 % 128).unwrap_or('x'),
                        _ => ['a', 'p', 'b', 'i', ' ', '\n', 'h', 't', 's', ':']
                            [(r >> 8) as usize % 10],
                    }
                })
                .collect();
            let _ = to_rustdoc(&doc);
        }
    }
}
