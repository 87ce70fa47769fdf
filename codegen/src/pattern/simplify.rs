//! Rewrites of a parsed pattern that keep which strings it matches and let more patterns take a
//! linear plan:
//!
//! * a lookaround of one character beside a character it tests is folded into that
//!   character's set: `(?!\.)[^/]+` is `[^/.][^/]*`, `[a-z]+(?<!-)` is `[a-z]*[a-z]` less `-`;
//! * a possessive quantifier (or atomic group) over one character set is read as greedy where
//!   nothing after it can start with a character of its set (nor match empty before one), or
//!   where nothing comes after it at all: then the only split a backtracking match could use
//!   is the longest one, which is the split the possessive quantifier takes.
//!
//! Capture groups are never removed, so a backtracking plan can use the rewritten tree too.

use super::analysis::{Empty, Follow, follow_of};
use super::charset::CharSet;
use super::parse::Node;

/// `node` rewritten; see the module docs.
pub(super) fn simplify(node: Node) -> Node {
    rewrite(node, &Follow::accept())
}

/// `node` rewritten, knowing what can follow it.
fn rewrite(node: Node, follow: &Follow) -> Node {
    match node {
        Node::Concat(items) => Node::Concat(rewrite_sequence(items, follow)),
        Node::Alt(alternatives) => Node::Alt(
            alternatives
                .into_iter()
                .map(|a| rewrite(a, follow))
                .collect(),
        ),
        Node::Group { body, capture } => Node::Group {
            body: Box::new(rewrite(*body, follow)),
            capture,
        },
        Node::Look {
            behind,
            negated,
            body,
        } => Node::Look {
            behind,
            negated,
            // Whether a lookaround holds depends only on its body having some match.
            body: Box::new(rewrite(*body, &Follow::accept())),
        },
        Node::Repeat {
            body,
            min,
            max,
            lazy,
        } => Node::Repeat {
            // The body repeats: what follows one iteration may be another.
            body: Box::new(rewrite(*body, &Follow::unknown())),
            min,
            max,
            lazy,
        },
        Node::Atomic(body) => {
            let body = rewrite(*body, &Follow::unknown());
            match single_set_repeat(&body) {
                Some(set) if can_be_greedy(set, follow) => body,
                _ => Node::Atomic(Box::new(body)),
            }
        }
        other => other,
    }
}

fn rewrite_sequence(items: Vec<Node>, follow: &Follow) -> Vec<Node> {
    let items = fold_lookarounds(items);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let after = follow_of(&items[i + 1..], follow);
        out.push(rewrite(item.clone(), &after));
    }
    out
}

/// Whether `S{m,n}+` may be read as `S{m,n}` when `follow` comes after it.
fn can_be_greedy(set: &CharSet, follow: &Follow) -> bool {
    match follow.empty {
        Empty::Accept => true,
        Empty::Never | Empty::AtEnd => follow.chars.intersection(set).ranges().is_empty(),
        Empty::Anywhere => false,
    }
}

/// The set of a greedy repetition of one character set (`S*`, `(?:S){2,5}`), if `node` is one.
fn single_set_repeat(node: &Node) -> Option<&CharSet> {
    match node {
        Node::Group {
            body,
            capture: None,
        } => single_set_repeat(body),
        Node::Concat(items) if items.len() == 1 => single_set_repeat(&items[0]),
        Node::Repeat {
            body, lazy: false, ..
        } => single_set(body),
        _ => None,
    }
}

/// The set of `node` if it is one character set (possibly in non-capturing groups).
fn single_set(node: &Node) -> Option<&CharSet> {
    match node {
        Node::Set(set) => Some(set),
        Node::Group {
            body,
            capture: None,
        } => single_set(body),
        Node::Concat(items) if items.len() == 1 => single_set(&items[0]),
        _ => None,
    }
}

/// Folds each one-character lookaround into the character beside it that it tests.
fn fold_lookarounds(items: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(items.len());
    let mut items = items.into_iter().peekable();
    while let Some(item) = items.next() {
        let Node::Look {
            behind,
            negated,
            body,
        } = &item
        else {
            out.push(item);
            continue;
        };
        let Some(tested) = single_set(body).cloned() else {
            out.push(item);
            continue;
        };
        let apply = |set: &CharSet| {
            if *negated {
                set.difference(&tested)
            } else {
                set.intersection(&tested)
            }
        };
        let neighbour = if *behind { out.pop() } else { items.next() };
        match neighbour.map(split) {
            Some(Ok((set, rest))) => {
                let folded = Node::Set(apply(&set));
                if *behind {
                    out.extend(rest);
                    out.push(folded);
                } else {
                    out.push(folded);
                    out.extend(rest);
                }
            }
            Some(Err(n)) => {
                if *behind {
                    out.push(n);
                    out.push(item);
                } else {
                    out.push(item);
                    out.push(n);
                }
            }
            None => out.push(item),
        }
    }
    out
}

/// A node that surely consumes exactly one character of a known set at its first (and at its
/// last) step: that set, and what matches the rest of it. Any other node comes back unchanged.
fn split(node: Node) -> Result<(CharSet, Option<Node>), Node> {
    match node {
        Node::Set(set) => Ok((set, None)),
        Node::Repeat {
            body,
            min,
            max,
            lazy,
        } if min >= 1 && single_set(&body).is_some() => {
            let set = single_set(&body).cloned().unwrap_or_default();
            let rest = Node::Repeat {
                body,
                min: min - 1,
                max: max.map(|m| m - 1),
                lazy,
            };
            Ok((set, Some(rest)))
        }
        other => Err(other),
    }
}
