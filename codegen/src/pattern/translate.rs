//! Translation of a parsed pattern into `regex-lite` syntax: one regex for a pattern without
//! lookarounds, or a disjunction of conjunctions of regexes for lookarounds pinned to the input's
//! start or end.

use super::charset::CharSet;
use super::parse::Node;
use super::{BacktrackReason, LinearTest, PatternPlan};

/// The linear plan of `node`, or why it needs the backtracking engine.
pub(super) fn linear_plan(node: &Node) -> Result<PatternPlan, BacktrackReason> {
    if node.has_backreference() {
        return Err(BacktrackReason::Backreference);
    }
    if node.has_atomic() {
        return Err(BacktrackReason::Atomic);
    }
    if !node.has_lookaround() {
        let mut translated = String::new();
        emit(node, &mut translated)?;
        return Ok(PatternPlan::Linear { translated });
    }
    let alternatives: Vec<&Node> = match node {
        Node::Alt(alternatives) => alternatives.iter().collect(),
        other => vec![other],
    };
    let mut any_of = Vec::with_capacity(alternatives.len());
    for alternative in alternatives {
        any_of.push(decompose(alternative)?);
    }
    Ok(PatternPlan::LinearCombination { any_of })
}

/// One alternative as linear tests: its items with pinned lookarounds removed (must match),
/// then one test per pinned lookaround.
fn decompose(alternative: &Node) -> Result<Vec<LinearTest>, BacktrackReason> {
    let mut items = Vec::new();
    flatten(alternative, &mut items);
    let mut core: Vec<&Node> = Vec::new();
    let mut tests = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !items[i].is_zero_width_item() {
            if items[i].has_lookaround() {
                return Err(BacktrackReason::Lookaround);
            }
            core.push(items[i]);
            i += 1;
            continue;
        }
        let end = items[i..]
            .iter()
            .position(|n| !n.is_zero_width_item())
            .map_or(items.len(), |p| i + p);
        let run = &items[i..end];
        let at_start = run.iter().any(|n| matches!(n, Node::Start));
        let at_end = run.iter().any(|n| matches!(n, Node::End));
        for item in run {
            let Node::Look {
                behind,
                negated,
                body,
            } = item
            else {
                core.push(item);
                continue;
            };
            tests.push(pinned_lookaround(
                body, *behind, *negated, at_start, at_end,
            )?);
        }
        i = end;
    }
    let mut regex = String::new();
    emit_sequence(&core, &mut regex)?;
    tests.insert(
        0,
        LinearTest {
            regex,
            must_match: true,
        },
    );
    Ok(tests)
}

/// A lookaround in a run of zero-width items as one test of the whole input: a run holding `^`
/// pins it to 0, one holding `$` to the end; in any other run it is not pinned.
fn pinned_lookaround(
    body: &Node,
    behind: bool,
    negated: bool,
    at_start: bool,
    at_end: bool,
) -> Result<LinearTest, BacktrackReason> {
    if body.has_lookaround() {
        return Err(BacktrackReason::Lookaround);
    }
    let mut b = String::new();
    emit(body, &mut b)?;
    let regex = match (at_start, at_end, behind) {
        (true, _, false) => format!(r"\A(?:{b})"),
        (true, _, true) => format!(r"\A(?:{b})\A"),
        (false, true, false) => format!(r"\z(?:{b})"),
        (false, true, true) => format!(r"(?:{b})\z"),
        (false, false, _) => return Err(BacktrackReason::Lookaround),
    };
    Ok(LinearTest {
        regex,
        must_match: !negated,
    })
}

/// The items of a sequence, splicing in non-quantified groups of a single alternative.
fn flatten<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Concat(items) => items.iter().for_each(|item| flatten(item, out)),
        Node::Group { body, .. } if !matches!(**body, Node::Alt(_)) => flatten(body, out),
        other => out.push(other),
    }
}

fn emit_sequence(items: &[&Node], out: &mut String) -> Result<(), BacktrackReason> {
    for item in items {
        if let Node::Alt(_) = item {
            out.push_str("(?:");
            emit(item, out)?;
            out.push(')');
        } else {
            emit(item, out)?;
        }
    }
    Ok(())
}

fn emit(node: &Node, out: &mut String) -> Result<(), BacktrackReason> {
    match node {
        Node::Set(set) => emit_set(set, out),
        Node::Start => out.push_str(r"\A"),
        Node::End => out.push_str(r"\z"),
        Node::WordBoundary { negated: false } => out.push_str(r"\b"),
        Node::WordBoundary { negated: true } => out.push_str(r"\B"),
        Node::Look { .. } => return Err(BacktrackReason::Lookaround),
        Node::Backreference(_) => return Err(BacktrackReason::Backreference),
        Node::Atomic(_) => return Err(BacktrackReason::Atomic),
        Node::Group { body, .. } => {
            out.push_str("(?:");
            emit(body, out)?;
            out.push(')');
        }
        Node::Concat(items) => {
            let items: Vec<&Node> = items.iter().collect();
            emit_sequence(&items, out)?;
        }
        Node::Alt(alternatives) => {
            for (i, alternative) in alternatives.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(alternative, out)?;
            }
        }
        Node::Repeat {
            body,
            min,
            max,
            lazy,
        } => emit_repeat(body, *min, *max, *lazy, out)?,
    }
    Ok(())
}

fn emit_repeat(
    body: &Node,
    min: u32,
    max: Option<u32>,
    lazy: bool,
    out: &mut String,
) -> Result<(), BacktrackReason> {
    // A set is emitted as one literal or one class; a group as `(?:..)`.
    let atomic = matches!(body, Node::Set(_) | Node::Group { .. });
    if atomic {
        emit(body, out)?;
    } else {
        out.push_str("(?:");
        emit(body, out)?;
        out.push(')');
    }
    match (min, max) {
        (0, None) => out.push('*'),
        (1, None) => out.push('+'),
        (0, Some(1)) => out.push('?'),
        (min, None) => out.push_str(&format!("{{{min},}}")),
        (min, Some(max)) if min == max => out.push_str(&format!("{{{min}}}")),
        (min, Some(max)) => out.push_str(&format!("{{{min},{max}}}")),
    }
    if lazy {
        out.push('?');
    }
    Ok(())
}

/// A set as one regex-lite atom: a literal, a class, or a class that never matches.
fn emit_set(set: &CharSet, out: &mut String) {
    match set.ranges() {
        [] => out.push_str(r"[^\x{0}-\x{10FFFF}]"),
        [(lo, hi)] if lo == hi => push_char(*lo, out),
        _ if set.is_full() => out.push_str(r"[\x{0}-\x{10FFFF}]"),
        ranges => {
            let complement = set.complement();
            let (negated, ranges) = if complement.ranges().len() < ranges.len() {
                (true, complement.ranges())
            } else {
                (false, ranges)
            };
            out.push('[');
            if negated {
                out.push('^');
            }
            for &(lo, hi) in ranges {
                push_char(lo, out);
                if hi > lo {
                    if hi > lo + 1 {
                        out.push('-');
                    }
                    push_char(hi, out);
                }
            }
            out.push(']');
        }
    }
}

/// One code point in regex-lite syntax: printable ASCII as itself, except regex-lite's
/// metacharacters (and its class set operators `&`, `-`, `~`), which are escaped (never `<` or
/// `>`: regex-lite reads `\<` and `\>` as word boundaries); everything else as `\x{..}`.
fn push_char(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() || ch == '<' || ch == '>' || ch == '_' => {
            out.push(ch);
        }
        Some(' ') => out.push(' '),
        Some(ch) if r"\.+*?()|[]{}^$#&-~".contains(ch) => {
            out.push('\\');
            out.push(ch);
        }
        Some(ch) if ch.is_ascii_graphic() => out.push(ch),
        _ => out.push_str(&format!(r"\x{{{c:X}}}")),
    }
}
