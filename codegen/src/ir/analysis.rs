//! Facts about the whole crate, decided once from the IR so that no emitter re-derives them.

use super::{
    OperationDef, PatternDef, Presence, RuntimeFeatures, RustType, StructureDef, TypeDef, TypeRef,
};

/// The runtime crate's optional parts the crate needs: the pattern engines its patterns' plans
/// use, lossless big numbers when the closure holds any (`has_big_numbers`), and idempotency
/// tokens when an operation's client fills one.
pub fn runtime_features(
    types: &[TypeDef],
    patterns: &[PatternDef],
    operations: &[OperationDef],
    has_big_numbers: bool,
) -> RuntimeFeatures {
    RuntimeFeatures {
        pattern_linear: patterns.iter().any(|p| p.plan.needs_linear_engine()),
        pattern_backtracking: patterns.iter().any(|p| p.plan.needs_backtracking_engine()),
        big_numbers: has_big_numbers,
        idempotency_token: operations.iter().any(|op| {
            op.input.is_some_and(|input| match &types[input.0] {
                TypeDef::Structure(input) => !filled_tokens(input).is_empty(),
                _ => false,
            })
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

/// Clears `eq_hash` on every type that holds a float or a document, directly or through other
/// types. A worklist walks the "is held by" edges backwards from the types that hold a float
/// directly, so it takes linear time however deep the nesting is.
pub(super) fn mark_eq_hash(types: &mut [TypeDef]) {
    fn walk(ty: &RustType, named: &mut Vec<TypeRef>) -> bool {
        match ty {
            RustType::F32 | RustType::F64 | RustType::Document => false,
            RustType::Named(r) => {
                named.push(*r);
                true
            }
            RustType::List { item: t, .. } | RustType::Map { value: t, .. } => walk(t, named),
            _ => true,
        }
    }
    let mut held_by: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    let mut worklist = Vec::new();
    for (i, t) in types.iter().enumerate() {
        let mut named = Vec::new();
        let mut plain = true;
        for ty in values(t) {
            plain &= walk(ty, &mut named);
        }
        for held in named {
            held_by[held.0].push(i);
        }
        if !plain {
            worklist.push(i);
        }
    }
    let mut cleared = vec![false; types.len()];
    while let Some(i) = worklist.pop() {
        if std::mem::replace(&mut cleared[i], true) {
            continue;
        }
        worklist.extend(held_by[i].iter().copied().filter(|&h| !cleared[h]));
    }
    for (t, cleared) in types.iter_mut().zip(cleared) {
        if cleared {
            match t {
                TypeDef::Structure(s) => s.common.eq_hash = false,
                TypeDef::Union(u) => u.common.eq_hash = false,
                TypeDef::Enum(e) => e.common.eq_hash = false,
            }
        }
    }
}

/// The types of the values a type holds directly: its fields' or its variants'.
fn values(def: &TypeDef) -> Box<dyn Iterator<Item = &RustType> + '_> {
    match def {
        TypeDef::Structure(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
        TypeDef::Union(u) => Box::new(u.variants.iter().filter_map(|v| v.ty.as_ref())),
        TypeDef::Enum(_) => Box::new(std::iter::empty()),
    }
}
