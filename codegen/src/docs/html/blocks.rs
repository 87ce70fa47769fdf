//! The blocks of an HTML fragment (paragraphs, code blocks, lists) and their layout as Markdown
//! lines.

use super::inline::{Ctx, collapse_spaces, render_inline};
use super::tokens::BLOCK;
use super::tree::{Elem, Node, raw_text};
use crate::docs::escape::{code_fence, escape_line_start};

/// The Markdown lines of an element tree.
pub(super) fn lines(nodes: &[Node]) -> Vec<String> {
    let mut blocks = Vec::new();
    blocks_of(nodes, &mut blocks);
    let mut lines = Vec::new();
    layout(&blocks, 0, false, None, &mut lines);
    lines
}

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
            node => stray.push(node.clone()),
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
