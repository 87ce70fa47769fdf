//! Deciding which members are boxed.
//!
//! A structure or union that contains itself without a `Vec` or map in between has infinite
//! size, so one member of every such cycle is boxed. The rule is deterministic: shapes are
//! visited in shape-id order and members in model order; a member is boxed when its target can
//! reach the member's own shape again through direct (not collection, not already boxed) edges.
//! Cycles through a list or map are left alone: the collection already adds the indirection.
//!
//! "The target reaches the owner" is the same as "owner and target are in one strongly connected
//! component" (the member's own edge closes the loop), so components are computed once, and again
//! only after each boxing decision: linear time per boxed member instead of a search per member.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, ShapeId, ShapeKind};

/// `(shape, member name)` for every member to box.
pub(super) fn boxed_members(
    model: &Model,
    shapes: &BTreeSet<ShapeId>,
) -> BTreeSet<(ShapeId, String)> {
    let graph = Graph::new(model, shapes);
    let mut boxed = BTreeSet::new();
    let mut component = graph.components(&boxed);
    for (node, edges) in graph.edges.iter().enumerate() {
        for (member, target) in edges {
            let closes_cycle = *target == node || component[*target] == component[node];
            if closes_cycle && !boxed.contains(&(node, member.clone())) {
                boxed.insert((node, member.clone()));
                component = graph.components(&boxed);
            }
        }
    }
    boxed
        .into_iter()
        .map(|(node, member)| (graph.ids[node].clone(), member))
        .collect()
}

/// Structures and unions of the closure, indexed in shape-id order, with their direct edges.
struct Graph {
    ids: Vec<ShapeId>,
    /// For each node, `(member name, target node)` in model order.
    edges: Vec<Vec<(String, usize)>>,
}

impl Graph {
    fn new(model: &Model, shapes: &BTreeSet<ShapeId>) -> Graph {
        let members_of = |id: &ShapeId| match model.shape(id).map(|s| &s.kind) {
            Some(ShapeKind::Structure(m) | ShapeKind::Union(m)) => Some(m),
            _ => None,
        };
        let ids: Vec<ShapeId> = shapes
            .iter()
            .filter(|id| members_of(id).is_some())
            .cloned()
            .collect();
        let index: BTreeMap<&ShapeId, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let edges = ids
            .iter()
            .map(|id| {
                members_of(id)
                    .into_iter()
                    .flatten()
                    .filter_map(|m| Some((m.name.clone(), *index.get(&m.target)?)))
                    .collect()
            })
            .collect();
        Graph { ids, edges }
    }

    /// The strongly connected component of every node, ignoring boxed edges (Tarjan's
    /// algorithm, iterative so deep chains cannot overflow the stack).
    fn components(&self, boxed: &BTreeSet<(usize, String)>) -> Vec<usize> {
        const UNSEEN: usize = usize::MAX;
        let n = self.ids.len();
        let (mut index, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
        let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
        let (mut next_index, mut next_component) = (0, 0);
        for root in 0..n {
            if index[root] != UNSEEN {
                continue;
            }
            // Each frame: a node and how many of its edges have been looked at.
            let mut frames = vec![(root, 0usize)];
            index[root] = next_index;
            low[root] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
                if let Some((member, target)) = self.edges[node].get(*edge) {
                    *edge += 1;
                    let target = *target;
                    if boxed.contains(&(node, member.clone())) {
                        continue;
                    }
                    if index[target] == UNSEEN {
                        index[target] = next_index;
                        low[target] = next_index;
                        next_index += 1;
                        stack.push(target);
                        on_stack[target] = true;
                        frames.push((target, 0));
                    } else if on_stack[target] {
                        low[node] = low[node].min(index[target]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(&(parent, _)) = frames.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }
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
