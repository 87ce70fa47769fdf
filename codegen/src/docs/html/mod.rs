//! The reader of AWS-style HTML documentation: [`tokens`] reads tags and character references,
//! [`tree`] builds the element tree, [`blocks`] turns it into paragraphs, code blocks and lists
//! and lays them out as Markdown lines, with [`inline`] rendering the text inside a block.

mod blocks;
mod inline;
mod tokens;
mod tree;

use crate::docs::escape::code_spans;
use tokens::{is_known, parse_tag};

/// Whether a known HTML tag occurs in `doc` outside backtick code spans.
pub(super) fn looks_like_html(doc: &str) -> bool {
    let spans = code_spans(doc);
    let mut spans = spans.iter().peekable();
    for (i, _) in doc.match_indices('<') {
        while spans.peek().is_some_and(|&&(_, end)| end <= i) {
            spans.next();
        }
        if spans.peek().is_some_and(|&&(start, _)| start <= i) {
            continue;
        }
        if parse_tag(&doc[i..]).is_some_and(|(tag, _)| is_known(&tag.name)) {
            return true;
        }
    }
    false
}

/// Converts an HTML fragment to Markdown lines, before [`super::to_rustdoc`] tidies them.
pub(super) fn convert(doc: &str) -> Vec<String> {
    blocks::lines(&tree::parse(doc))
}

#[cfg(test)]
mod tests {
    use crate::docs::{conv, to_rustdoc};

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
}
