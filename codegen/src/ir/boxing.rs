//! Deciding which members are boxed.
//!
//! A structure or union that contains itself without a `Vec` or map in between has infinite
//! size, so one member of every such cycle is boxed. The rule is deterministic: shapes are
//! visited in shape-id order and members in model order; a member is boxed when its target can
//! reach the member's own shape again through direct (not collection, not already boxed) edges.
//! Cycles through a list or map are left alone: the collection already adds the indirection.

use std::collections::BTreeSet;

use crate::model::{Model, ShapeId, ShapeKind};

/// `(shape, member name)` for every member to box.
pub(super) fn boxed_members(
    model: &Model,
    shapes: &BTreeSet<ShapeId>,
) -> BTreeSet<(ShapeId, String)> {
    let mut boxed = BTreeSet::new();
    for id in shapes {
        for (member, target) in direct_edges(model, id) {
            if reaches(model, &target, id, &boxed) {
                boxed.insert((id.clone(), member));
            }
        }
    }
    boxed
}

/// Members of a structure or union whose target is itself a structure or union.
fn direct_edges(model: &Model, id: &ShapeId) -> Vec<(String, ShapeId)> {
    let members = match model.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Structure(m) | ShapeKind::Union(m)) => m,
        _ => return Vec::new(),
    };
    members
        .iter()
        .filter(|m| {
            matches!(
                model.shape(&m.target).map(|s| &s.kind),
                Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
            ) && !crate::model::prelude::is_unit(&m.target)
        })
        .map(|m| (m.name.clone(), m.target.clone()))
        .collect()
}

fn reaches(
    model: &Model,
    from: &ShapeId,
    goal: &ShapeId,
    boxed: &BTreeSet<(ShapeId, String)>,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.clone()];
    while let Some(id) = stack.pop() {
        if &id == goal {
            return true;
        }
        if !seen.insert(id.clone()) {
            continue;
        }
        for (member, target) in direct_edges(model, &id) {
            if !boxed.contains(&(id.clone(), member)) {
                stack.push(target);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_one_member_per_direct_cycle_and_none_through_collections() {
        let model = Model::from_json(
            r#"{"smithy": "2.0", "shapes": {
                "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B"}, "self": {"target": "ex#A"}}},
                "ex#B": {"type": "union", "members": {"a": {"target": "ex#A"}, "n": {"target": "smithy.api#Unit"}}},
                "ex#Tree": {"type": "structure", "members": {"children": {"target": "ex#Trees"}}},
                "ex#Trees": {"type": "list", "member": {"target": "ex#Tree"}}
            }}"#,
        )
        .unwrap();
        let all: BTreeSet<ShapeId> = model.shapes.keys().cloned().collect();
        let got: Vec<String> = boxed_members(&model, &all)
            .into_iter()
            .map(|(id, m)| id.member(&m))
            .collect();
        assert_eq!(got, ["ex#A$b", "ex#A$self"]);
    }
}
