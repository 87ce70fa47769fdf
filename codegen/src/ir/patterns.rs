//! The `@pattern`s the crate's validators use, each planned for evaluation once.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::problems::Problems;
use super::{Constraints, PatternDef, PatternRef, TypeDef};
use crate::error::Error;
use crate::model::{Model, ShapeId};
use crate::pattern::{BacktrackReason, PatternPlan};

/// The patterns the types' constraints use while the types are built, each numbered when it
/// is first met; [`patterns`] renumbers them in the order of [`super::Crate::patterns`].
#[derive(Debug, Default)]
pub(super) struct PatternUses(RefCell<BTreeMap<String, PatternRef>>);

impl PatternUses {
    /// The (provisional) reference of the pattern `source`.
    pub(super) fn intern(&self, source: &str) -> PatternRef {
        let mut uses = self.0.borrow_mut();
        let next = PatternRef(uses.len());
        *uses.entry(source.to_owned()).or_insert(next)
    }
}

/// Every distinct pattern the types' constraints use, sorted by its text, with the closure's
/// shapes and members that carry it, planned for evaluation (an invalid pattern is a problem
/// naming its shape id); the constraints of `types` then refer to these.
pub(super) fn patterns(
    model: &Model,
    closure: &BTreeSet<ShapeId>,
    uses: PatternUses,
    types: &mut [TypeDef],
    problems: &mut Problems,
) -> Vec<PatternDef> {
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
    let uses = uses.0.into_inner();
    let mut renumbered = vec![None; uses.len()];
    let mut defs = Vec::with_capacity(uses.len());
    for (source, provisional) in uses {
        let owners: Vec<String> = owners
            .get(source.as_str())
            .map(|o| o.iter().cloned().collect())
            .unwrap_or_default();
        if let Some(def) = problems.take(planned(defs.len(), source, owners)) {
            renumbered[provisional.0] = Some(PatternRef(defs.len()));
            defs.push(def);
        }
    }
    renumber(types, &renumbered);
    defs
}

/// Replaces each provisional pattern reference in the constraints of `types` by its final one
/// (`None`: the pattern is invalid, which is a problem already).
fn renumber(types: &mut [TypeDef], to: &[Option<PatternRef>]) {
    fn walk(c: &mut Constraints, to: &[Option<PatternRef>]) {
        c.pattern = c.pattern.and_then(|p| to[p.0]);
        for inner in [&mut c.member, &mut c.key, &mut c.value]
            .into_iter()
            .flatten()
        {
            walk(inner, to);
        }
    }
    for t in types {
        match t {
            TypeDef::Structure(s) => s
                .fields
                .iter_mut()
                .for_each(|f| walk(&mut f.constraints, to)),
            TypeDef::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| walk(&mut v.constraints, to)),
            TypeDef::Enum(_) => {}
        }
    }
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
