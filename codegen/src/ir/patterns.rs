//! The `@pattern`s the crate's validators use, each planned for evaluation once.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::problems::Problems;
use super::{Constraints, PatternDef, PatternRef, TypeDef};
use crate::error::{Error, Warning};
use crate::model::{Model, ShapeId};
use crate::pattern::PatternPlan;

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
/// shapes and members that carry it, planned for evaluation (see [`planned`] for the patterns
/// left out, with a warning or, when strict, a problem); the constraints of `types` then refer
/// to these.
pub(super) fn patterns(
    model: &Model,
    closure: &BTreeSet<ShapeId>,
    uses: PatternUses,
    types: &mut [TypeDef],
    problems: &mut Problems,
    (strict, warnings): (bool, &mut Vec<Warning>),
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
        let planned = planned(defs.len(), source, owners, strict, warnings);
        if let Some(def) = problems.take(planned).flatten() {
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

/// The pattern `source`, the `index`th of the crate's, planned for evaluation; `None` when the
/// validator leaves it out. A pattern that cannot be checked as written (it cannot be compiled,
/// can never match, or needs the backtracking engine only because the translation fell short)
/// is a warning naming its `owners` and what the validator does instead, or under `strict` an
/// error.
fn planned(
    index: usize,
    source: String,
    owners: Vec<String>,
    strict: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Option<PatternDef>, Error> {
    let (plan, problem) = match crate::pattern::plan(&source) {
        Err(e) => (
            None,
            Some((e.reason(), "the generated validator leaves this check out")),
        ),
        Ok(plan) => {
            let problem = match &plan {
                PatternPlan::Backtracking { reason, .. } if !reason.is_inherent() => Some((
                    format!("cannot be evaluated in linear time: {reason}"),
                    "the generated validator evaluates it with the backtracking engine, whose \
                     running time can grow faster than linearly with the input",
                )),
                _ => None,
            };
            (Some(plan), problem)
        }
    };
    if let Some((problem, consequence)) = problem {
        if strict {
            return Err(Error::InvalidPattern {
                id: owners.first().cloned().unwrap_or_default(),
                pattern: source,
                reason: format!("it {problem} (an error under `--strict-patterns`)"),
            });
        }
        warnings.push(Warning::Pattern {
            owners: owners.clone(),
            pattern: source.clone(),
            problem,
            consequence: consequence.to_owned(),
        });
    }
    Ok(plan.map(|plan| PatternDef {
        static_name: crate::naming::pattern_static_name(index),
        source,
        owners,
        plan,
    }))
}
