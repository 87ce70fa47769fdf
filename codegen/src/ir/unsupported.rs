//! Model features the generator does not support yet, found per operation so that callers can
//! leave such operations out (`Config::skip_unsupported`) instead of failing.

use crate::model::{Model, ShapeId, ShapeKind};

/// Why the operation cannot be generated yet, or `None` when it can.
pub(super) fn operation(model: &Model, id: &ShapeId) -> Option<String> {
    let Some(ShapeKind::Operation(op)) = model.shape(id).map(|s| &s.kind) else {
        return None;
    };
    for (role, structure) in [("input", &op.input), ("output", &op.output)] {
        let Some(ShapeKind::Structure(members)) = model.shape(structure).map(|s| &s.kind) else {
            continue;
        };
        for member in members {
            let Some(target) = model.shape(&member.target) else {
                continue;
            };
            if target.traits.streaming && matches!(target.kind, ShapeKind::Union(_)) {
                return Some(format!(
                    "an event stream: its {role} member `{}` targets the @streaming union `{}`",
                    structure.member(&member.name),
                    target.id
                ));
            }
        }
    }
    if model.shape(id)?.traits.http.is_none() {
        return Some("no `smithy.api#http` trait, which restJson1 needs".to_owned());
    }
    None
}
