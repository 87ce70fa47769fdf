//! The element tree of an HTML fragment, built the forgiving way browsers do: implied end
//! tags, stray end tags ignored, nesting capped.

use super::tokens::{Tag, VOID, decode_entities, is_known, parse_tag};

/// How deep HTML elements may nest; deeper start tags are dropped (their text is kept).
const MAX_DEPTH: usize = 48;

/// A node of the tree: text with its character references decoded, or an element.
#[derive(Clone)]
pub(super) enum Node {
    Text(String),
    Elem(Elem),
}

/// An element the reader knows, with the attributes it uses.
#[derive(Clone)]
pub(super) struct Elem {
    /// The tag name, in lower case (the root's is empty).
    pub(super) name: String,
    /// The trimmed `href` of a link.
    pub(super) href: Option<String>,
    /// The `start` number of an ordered list.
    pub(super) start: Option<u64>,
    pub(super) children: Vec<Node>,
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

/// The nodes of an HTML fragment. Unknown tags (`<region>`) and malformed ones are text.
pub(super) fn parse(doc: &str) -> Vec<Node> {
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

/// Concatenates the text of `nodes`, with `br` (and any block boundary) as `brk`.
pub(super) fn raw_text(nodes: &[Node], out: &mut String, brk: &str) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Elem(e) if e.name == "br" => out.push_str(brk),
            Node::Elem(e) => raw_text(&e.children, out, brk),
        }
    }
}
