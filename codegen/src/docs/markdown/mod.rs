//! The reader of hand-written CommonMark documentation: [`blocks`] finds the block structure
//! (code blocks to fence as text, list, heading and quote markers to keep), [`inline`] escapes
//! the text of each paragraph.

mod blocks;
mod inline;

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

/// Converts CommonMark to Markdown lines, before [`super::to_rustdoc`] tidies them.
pub(super) fn convert(doc: &str) -> Vec<String> {
    let lines = dedent(doc);
    let segs = blocks::classify(&lines);
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
                let escaped = inline::inline(&bodies.join("\n"), false);
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

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use crate::docs::conv;

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
}
