//! Model features the generator does not support yet, found per operation so that callers can
//! leave such operations out (`Config::skip_unsupported`) instead of failing.

use crate::model::{Model, ShapeId, ShapeKind};

/// Why the operation cannot be generated yet, or `None` when it can.
pub(super) fn operation(model: &Model, id: &ShapeId) -> Option<String> {
    let Some(ShapeKind::Operation(_)) = model.shape(id).map(|s| &s.kind) else {
        return None;
    };
    if model.shape(id)?.traits.http.is_none() {
        return Some("no `smithy.api#http` trait, which restJson1 needs".to_owned());
    }
    None
}
