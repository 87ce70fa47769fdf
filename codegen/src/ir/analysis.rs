//! Facts about the whole crate, decided once from the IR so that no emitter re-derives them.

use std::collections::BTreeMap;

use super::{OperationDef, PatternDef, Presence, RuntimeFeatures, RustType, StructureDef, TypeDef};

/// The runtime crate's optional parts the crate needs: the pattern engines its patterns' plans
/// use, lossless big numbers when the closure holds any (`has_big_numbers`), and idempotency
/// tokens when an operation's client fills one.
pub fn runtime_features(
    types: &[TypeDef],
    patterns: &[PatternDef],
    operations: &[OperationDef],
    has_big_numbers: bool,
) -> RuntimeFeatures {
    let structures: BTreeMap<&str, &StructureDef> = types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Structure(s) => Some((s.common.rust_name.as_str(), s)),
            _ => None,
        })
        .collect();
    RuntimeFeatures {
        pattern_linear: patterns.iter().any(|p| p.plan.needs_linear_engine()),
        pattern_backtracking: patterns.iter().any(|p| p.plan.needs_backtracking_engine()),
        big_numbers: has_big_numbers,
        idempotency_token: operations.iter().any(|op| {
            structures
                .get(op.input.as_str())
                .is_some_and(|input| !filled_tokens(input).is_empty())
        }),
    }
}

/// The members of an operation input that a client fills with a fresh idempotency token when
/// they are unset: `@idempotencyToken` strings that are optional.
pub fn filled_tokens(input: &StructureDef) -> Vec<&super::Field> {
    input
        .fields
        .iter()
        .filter(|f| {
            f.idempotency_token && f.presence == Presence::Optional && f.ty == RustType::String
        })
        .collect()
}
