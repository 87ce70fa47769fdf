//! The `@pattern`s the crate's validators use, each planned for evaluation once.

use std::collections::{BTreeMap, BTreeSet};

use super::problems::Problems;
use super::{Constraints, PatternDef, TypeDef};
use crate::error::Error;
use crate::model::{Model, ShapeId};
use crate::pattern::{BacktrackReason, PatternPlan};

/// Every distinct pattern the types' constraints use, with the closure's shapes and members
/// that carry it, planned for evaluation (an invalid pattern is a problem naming its shape id).
pub(super) fn patterns(
    model: &Model,
    closure: &BTreeSet<ShapeId>,
    types: &[TypeDef],
    problems: &mut Problems,
) -> Vec<PatternDef> {
    fn walk(c: &Constraints, used: &mut BTreeSet<String>) {
        if let Some(p) = &c.pattern {
            used.insert(p.clone());
        }
        for inner in [&c.member, &c.key, &c.value].into_iter().flatten() {
            walk(inner, used);
        }
    }
    let mut used = BTreeSet::new();
    for t in types {
        match t {
            TypeDef::Structure(s) => s
                .fields
                .iter()
                .for_each(|f| walk(&f.constraints, &mut used)),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .for_each(|v| walk(&v.constraints, &mut used)),
            TypeDef::Enum(_) => {}
        }
    }
    let mut owners: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for id in closure {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if let Some(p) = &shape.traits.pattern {
            owners.entry(p).or_default().insert(id.to_string());
        }
        for member in shape.kind.members() {
            if let Some(p) = &member.traits.pattern {
                owners.entry(p).or_default().insert(id.member(&member.name));
            }
        }
    }
    let mut defs = Vec::with_capacity(used.len());
    for source in used {
        let owners: Vec<String> = owners
            .get(source.as_str())
            .map(|o| o.iter().cloned().collect())
            .unwrap_or_default();
        if let Some(def) = problems.take(planned(defs.len(), source, owners)) {
            defs.push(def);
        }
    }
    defs
}

/// The pattern `source`, the `index`th of the crate's, planned for evaluation, or why it cannot
/// be used (naming the first of its `owners`).
fn planned(index: usize, source: String, owners: Vec<String>) -> Result<PatternDef, Error> {
    let id = owners.first().cloned().unwrap_or_default();
    let invalid = |reason: String| Error::InvalidPattern {
        id: id.clone(),
        pattern: source.clone(),
        reason,
    };
    let plan = crate::pattern::plan(&source).map_err(|e| invalid(e.to_string()))?;
    // Untrusted input meets these patterns: only a backreference or an unpinned lookaround
    // may leave the linear-time engines; anything else the backtracking engine would take
    // is reported rather than risk catastrophic backtracking.
    if let PatternPlan::Backtracking { reason, .. } = &plan
        && !matches!(
            reason,
            BacktrackReason::Backreference | BacktrackReason::Lookaround
        )
    {
        return Err(invalid(format!(
            "it needs no lookaround or backreference, yet it cannot be evaluated in linear time: {reason}"
        )));
    }
    Ok(PatternDef {
        static_name: crate::naming::pattern_static_name(index),
        source,
        owners,
        plan,
    })
}
