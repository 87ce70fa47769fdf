//! The closure of a set of operations: every shape they reach along directed edges.

use std::collections::BTreeSet;

use crate::model::{Model, ShapeId, ShapeKind};

/// Every shape reachable from `operations`: the operations themselves, their input, output and
/// errors, `service_errors` (errors the service adds to every operation), and transitively every
/// member target, list member and map key and value. Prelude shapes are included when reached.
///
/// The result is a sorted set, so iteration order never depends on traversal order.
pub fn closure(
    model: &Model,
    operations: &[ShapeId],
    service_errors: &[ShapeId],
) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&ShapeId> = operations.iter().collect();
    if !operations.is_empty() {
        stack.extend(service_errors);
    }
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shape(id) else {
            continue;
        };
        match &shape.kind {
            ShapeKind::Operation(op) => {
                stack.push(&op.input);
                stack.push(&op.output);
                stack.extend(&op.errors);
            }
            kind => stack.extend(kind.members().into_iter().map(|m| &m.target)),
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> ShapeId {
        ShapeId::parse(text).unwrap()
    }

    const MODEL: &str = r#"{
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}, {"target": "ex#Other"}],
                        "errors": [{"target": "ex#SvcError"}]},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "errors": [{"target": "ex#OpError"}]},
            "ex#Other": {"type": "operation", "input": {"target": "ex#Unrelated"}},
            "ex#In": {"type": "structure", "members": {
                "list": {"target": "ex#List"}, "map": {"target": "ex#Map"}}},
            "ex#List": {"type": "list", "member": {"target": "ex#Node"}},
            "ex#Map": {"type": "map", "key": {"target": "ex#Key"}, "value": {"target": "smithy.api#Integer"}},
            "ex#Key": {"type": "string"},
            "ex#Node": {"type": "structure", "members": {"children": {"target": "ex#List"}}},
            "ex#OpError": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
            "ex#SvcError": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}},
            "ex#Unrelated": {"type": "structure", "members": {}}
        }
    }"#;

    #[test]
    fn follows_every_edge_kind_and_stops_at_cycles() {
        let model = Model::from_json(MODEL).unwrap();
        let got = closure(&model, &[id("ex#Op")], &[id("ex#SvcError")]);
        let names: Vec<&str> = got.iter().map(ShapeId::as_str).collect();
        assert_eq!(
            names,
            [
                "ex#In",
                "ex#Key",
                "ex#List",
                "ex#Map",
                "ex#Node",
                "ex#Op",
                "ex#OpError",
                "ex#SvcError",
                "smithy.api#Integer",
                "smithy.api#Unit",
            ]
        );
    }

    #[test]
    fn no_operations_means_an_empty_closure() {
        let model = Model::from_json(MODEL).unwrap();
        assert!(closure(&model, &[], &[id("ex#SvcError")]).is_empty());
    }
}
