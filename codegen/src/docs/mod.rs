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
//!
//! The two readers are the private modules `html` (AWS-style HTML fragments) and `markdown`
//! (hand-written CommonMark); `escape` holds the helpers both share.

mod escape;
mod html;
mod markdown;

use escape::{code_span, fenced};

/// Converts one Smithy `smithy.api#documentation` value (CommonMark that may contain HTML, as AWS
/// models do) into rustdoc Markdown lines: one returned `String` per output line, without the
/// leading `///`.
///
/// Paragraphs are separated by one empty line; there are no leading or trailing empty lines and
/// no line has trailing whitespace. Lines are not wrapped. An empty or blank value gives no lines.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let doc = normalize_controls(doc);
    let lines = if html::looks_like_html(&doc) {
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
    code_span(&visible_controls(&text))
}

/// A Markdown code span holding `text` exactly as written: fenced with more backticks than any
/// run inside it, and padded with a space only where `text` starts or ends with a backtick.
///
/// The IR's member facts (wire name, default, pattern) and the docs of the generated pattern
/// statics use it, as they did before it moved here. It differs from [`code`] in three cases: a
/// line break is shown as `\n` (instead of becoming a space), empty text gives two backticks
/// (instead of a span of one space), and text that starts and ends with a space around other
/// characters is not padded (so rustdoc strips one space at each end). FIXME: switching those
/// callers to [`code`] fixes the three cases, but changes the generated docs of every model with
/// such a pattern or wire name (some AWS models have patterns with a line break in them).
///
/// Control characters are shown as escapes (`\t`, `\r`, `\n`, `\u0085`), which also mean
/// those characters in a regular expression: rustdoc rejects a bare carriage return in a doc
/// comment, clippy a tab, and the others would be invisible.
pub(crate) fn code_as_written(text: &str) -> String {
    fenced(&visible_controls(text), false)
}

/// `text` with each control character (C0, DEL, C1, and the line and paragraph separators
/// U+2028 and U+2029) written as an escape: `\n`, `\r`, `\t`, else `\uXXXX`.
fn visible_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_hidden = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(is_hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.into()
}

/// Line breaks made `\n` (`\r\n`, `\r`, NEL, U+2028, U+2029), a tab four spaces (CommonMark's
/// tab stop; clippy rejects tabs in doc comments), and every other control character a space:
/// rustdoc rejects a bare carriage return in a doc comment, and the others have no place in
/// Markdown text.
fn normalize_controls(doc: &str) -> String {
    let doc = doc.replace("\r\n", "\n").replace('\t', "    ");
    doc.chars()
        .map(|c| match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            '\n' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
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

/// [`to_rustdoc`]'s lines joined by line breaks: what the readers' tests compare.
#[cfg(test)]
fn conv(doc: &str) -> String {
    to_rustdoc(doc).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank() {
        assert!(to_rustdoc("").is_empty());
        assert!(to_rustdoc("   \n\n \t ").is_empty());
        assert!(to_rustdoc("<p></p>").is_empty());
        assert!(to_rustdoc("<p> </p>\n<ul><li> </li></ul>").is_empty());
    }

    #[test]
    fn crlf_input() {
        assert_eq!(conv("a\r\n\r\nb\rc"), "a\n\nb\nc");
    }

    /// Control characters never reach a doc line (rustdoc rejects a bare carriage return in a
    /// doc comment, such as the EMR Serverless model's documentation and patterns hold).
    #[test]
    fn control_characters_become_valid_rustdoc() {
        assert_eq!(conv("a\u{85}b\u{2028}c\u{2029}d"), "a\nb\nc\nd");
        assert_eq!(conv("a\u{0}b\u{1b}c\u{7f}d\te"), "a b c d    e");
        // In HTML a line break is white space.
        assert_eq!(conv("<p>a\rb</p><p>c\u{85}</p>"), "a b\n\nc");
        let pattern = "^([\t\n\r -~\u{85}\u{a0}-\u{d7ff}]+)$";
        assert_eq!(
            code_as_written(pattern),
            "`^([\\t\\n\\r -~\\u0085\u{a0}-\u{d7ff}]+)$`"
        );
        assert_eq!(code("a\u{0}\u{2028}b\rc"), "`a\\u0000\\u2028b c`");
        for line in to_rustdoc("x\ry\u{0}z")
            .iter()
            .chain([&code_as_written(pattern)])
        {
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }

    #[test]
    fn code_spans_of_text() {
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("^[a-z]+$"), "`^[a-z]+$`");
        assert_eq!(code(""), "` `");
        assert_eq!(code("a\nb"), "`a b`");
    }

    /// Today's output of `code_as_written`, where it differs from `code` and where it does not
    /// (see its FIXME).
    #[test]
    fn code_as_written_keeps_text_as_written() {
        assert_eq!(code_as_written("a``b"), "```a``b```");
        assert_eq!(code_as_written("`x"), "`` `x ``");
        assert_eq!(code_as_written("^[a-z]+$"), "`^[a-z]+$`");
        assert_eq!(code_as_written("  "), "`  `");
        assert_eq!(code_as_written(""), "``");
        assert_eq!(code_as_written("a\nb"), "`a\\nb`");
        assert_eq!(code_as_written(" a "), "` a `");
        assert_eq!(code(" a "), "`  a  `");
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
