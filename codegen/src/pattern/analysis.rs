//! Facts about a parsed pattern: whether it can match at all, and which characters what follows
//! a node can start with (which decides whether a possessive quantifier can be read as a greedy
//! one).

use super::charset::{CharSet, MAX_CODE_POINT};
use super::parse::Node;

/// The abstract position of a partial match, as a bit in a [`States`] mask: whether it has
/// consumed a character (so it is past the start of the input) and whether a `$` has asserted
/// the end of the input (so it can consume nothing more).
type States = u8;

const fn state(consumed: bool, at_end: bool) -> States {
    1 << ((consumed as u8) * 2 + at_end as u8)
}

const ALL_STATES: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// Whether no string at all can match `node`. Conservative: `false` unless the pattern is
/// impossible for a reason this analysis sees (an empty class, a character after `$`, a `^`
/// after a character, a positive lookahead that is itself impossible).
pub(super) fn never_matches(node: &Node) -> bool {
    transfer(node, state(false, false)) == 0
}

fn each(states: States, f: impl Fn(bool, bool) -> States) -> States {
    ALL_STATES
        .iter()
        .filter(|&&(c, e)| states & state(c, e) != 0)
        .fold(0, |acc, &(c, e)| acc | f(c, e))
}

/// The states a match can be in after `node`, from `states`. Pointwise, so it distributes over
/// unions, which makes the fixed point of a repetition exact enough.
fn transfer(node: &Node, states: States) -> States {
    match node {
        Node::Set(set) if set.ranges().is_empty() => 0,
        Node::Set(_) => each(
            states,
            |_, at_end| if at_end { 0 } else { state(true, false) },
        ),
        Node::Start => each(states, |c, e| if c { 0 } else { state(c, e) }),
        Node::End => each(states, |c, _| state(c, true)),
        Node::WordBoundary { .. } => states,
        Node::Look {
            behind: false,
            negated: false,
            body,
        } => each(states, |c, e| {
            if transfer(body, state(c, e)) == 0 {
                0
            } else {
                state(c, e)
            }
        }),
        Node::Look { .. } => states,
        Node::Backreference(_) => {
            states | each(states, |_, e| if e { 0 } else { state(true, false) })
        }
        Node::Group { body, .. } | Node::Atomic(body) => transfer(body, states),
        Node::Concat(items) => items.iter().fold(states, |s, item| transfer(item, s)),
        Node::Alt(alternatives) => alternatives
            .iter()
            .fold(0, |acc, a| acc | transfer(a, states)),
        Node::Repeat { body, min, max, .. } => {
            if *max == Some(0) {
                return states;
            }
            let start = if *min == 0 {
                states
            } else {
                transfer(body, states)
            };
            let mut reached = start;
            loop {
                let next = reached | transfer(body, reached);
                if next == reached {
                    return reached;
                }
                reached = next;
            }
        }
    }
}

/// What can come next at some point of a pattern: the characters a match of the rest can
/// start with, and whether the rest can match without consuming one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Follow {
    pub(super) chars: CharSet,
    pub(super) empty: Empty,
}

/// Whether (and where) the rest of a pattern can match the empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Empty {
    /// It must consume a character.
    Never,
    /// Only at the end of the input (it asserts `$` first).
    AtEnd,
    /// Possibly anywhere.
    Anywhere,
    /// The rest is the end of the pattern: it matches wherever it is reached.
    Accept,
}

impl Follow {
    pub(super) fn accept() -> Follow {
        Follow {
            chars: CharSet::default(),
            empty: Empty::Accept,
        }
    }

    pub(super) fn unknown() -> Follow {
        Follow {
            chars: CharSet::from_ranges(vec![(0, MAX_CODE_POINT)]),
            empty: Empty::Anywhere,
        }
    }
}

/// What can follow the end of `items`, which `outer` follows.
pub(super) fn follow_of(items: &[Node], outer: &Follow) -> Follow {
    let mut chars = CharSet::default();
    // Whether an assertion stands between here and the end: then reaching the end is no
    // longer certain to match.
    let mut guarded = false;
    for item in items {
        let (first, empty) = first(item);
        chars = chars.union(&first);
        guarded |= item.has_zero_width();
        match empty {
            Empty::Never | Empty::AtEnd => return Follow { chars, empty },
            Empty::Anywhere | Empty::Accept => {}
        }
    }
    Follow {
        chars: chars.union(&outer.chars),
        empty: match outer.empty {
            Empty::Accept if guarded => Empty::Anywhere,
            empty => empty,
        },
    }
}

/// The characters a match of `node` can start with, and whether it can match empty.
fn first(node: &Node) -> (CharSet, Empty) {
    match node {
        Node::Set(set) => (set.clone(), Empty::Never),
        Node::End => (CharSet::default(), Empty::AtEnd),
        Node::Start | Node::WordBoundary { .. } | Node::Look { .. } => {
            (CharSet::default(), Empty::Anywhere)
        }
        Node::Backreference(_) => (Follow::unknown().chars, Empty::Anywhere),
        Node::Group { body, .. } | Node::Atomic(body) => first(body),
        Node::Concat(items) => {
            let follow = follow_of(
                items,
                &Follow {
                    chars: CharSet::default(),
                    empty: Empty::Anywhere,
                },
            );
            (follow.chars, follow.empty)
        }
        Node::Alt(alternatives) => {
            let mut chars = CharSet::default();
            let mut empty = Empty::Never;
            for alternative in alternatives {
                let (c, e) = first(alternative);
                chars = chars.union(&c);
                empty = match (empty, e) {
                    (Empty::Anywhere, _) | (_, Empty::Anywhere | Empty::Accept) => Empty::Anywhere,
                    (Empty::AtEnd, _) | (_, Empty::AtEnd) => Empty::AtEnd,
                    _ => Empty::Never,
                };
            }
            (chars, empty)
        }
        Node::Repeat { body, min, .. } => {
            let (chars, empty) = first(body);
            (chars, if *min == 0 { Empty::Anywhere } else { empty })
        }
    }
}
