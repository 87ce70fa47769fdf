//! Facts about the whole crate, decided once from the IR so that no emitter re-derives them:
//! per type whether it is `Eq + Hash`, needs validation, is recursive and may miss a required
//! member; per structure where it is an operation's message (and so its body holders and an
//! error's message member); per crate the runtime features.

use super::{
    BodyHolder, Constraints, Directions, HttpBinding, OperationDef, PatternDef, Roles,
    RuntimeFeatures, RustType, StructureDef, TypeDef, TypeRef, WireFacts,
};
use crate::naming;

/// Decides the facts of every type of `types`, the operations' messages among them.
pub(super) fn analyze(types: &mut [TypeDef], operations: &[OperationDef]) {
    mark_eq_hash(types);
    let needs_validation = fixed_point(types, |t, needs| match t {
        TypeDef::Structure(s) => s
            .fields
            .iter()
            .any(|f| value_needs_validation(&f.ty, &f.constraints, &|r| needs[r.0])),
        TypeDef::Union(u) => u.variants.iter().any(|v| {
            v.ty.as_ref()
                .is_some_and(|ty| value_needs_validation(ty, &v.constraints, &|r| needs[r.0]))
        }),
        TypeDef::Enum(_) => true,
    });
    let may_miss = fixed_point(types, |t, may_miss| {
        let nests = |ty: &RustType| named(ty).is_some_and(|r| may_miss[r.0]);
        match t {
            TypeDef::Structure(s) => s
                .fields
                .iter()
                .any(|f| f.presence.server_requires() || nests(&f.ty)),
            TypeDef::Union(u) => u.variants.iter().any(|v| v.ty.as_ref().is_some_and(nests)),
            TypeDef::Enum(_) => false,
        }
    });
    let recursive = recursive(types);
    for (i, t) in types.iter_mut().enumerate() {
        let common = t.common_mut();
        common.needs_validation = needs_validation[i];
        common.may_miss = may_miss[i];
        common.recursive = recursive[i];
    }
    directions(types, operations);
    messages(types, operations);
}

/// Which way each type crosses the wire (see [`Directions`]): the types reachable from the
/// operations' inputs are sent, from their outputs and errors received; the types reachable
/// from an event stream, or from no operation, are both, and so is everything they hold.
fn directions(types: &mut [TypeDef], operations: &[OperationDef]) {
    let reach = |types: &[TypeDef], roots: Vec<usize>| {
        let mut seen = vec![false; types.len()];
        let mut stack = roots;
        while let Some(n) = stack.pop() {
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(values(&types[n]).filter_map(named).map(|r| r.0));
            }
        }
        seen
    };
    let indices = |refs: &mut dyn Iterator<Item = TypeRef>| refs.map(|r| r.0).collect::<Vec<_>>();
    let inputs = indices(&mut operations.iter().filter_map(|op| op.input));
    let responses = indices(
        &mut operations
            .iter()
            .flat_map(|op| op.output.into_iter().chain(op.errors.iter().copied())),
    );
    let events = indices(
        &mut operations
            .iter()
            .flat_map(|op| op.input_events.into_iter().chain(op.output_events)),
    );
    let held = reach(types, [&inputs[..], &responses, &events].concat());
    let mut both: Vec<usize> = (0..types.len()).filter(|&i| !held[i]).collect();
    both.extend(events);
    let sent = reach(types, [inputs, both.clone()].concat());
    let received = reach(types, [responses, both].concat());
    for (i, t) in types.iter_mut().enumerate() {
        t.common_mut().directions = Directions {
            sent: sent[i],
            received: received[i],
        };
    }
}

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
        content_md5: operations.iter().any(|op| op.checksum_required),
        request_compression: operations.iter().any(|op| op.gzip_request),
    }
}

/// The wire-format situations the crate's types meet (see [`WireFacts`]); run after
/// `analyze`, whose recursion facts it reads.
pub fn wire_facts(types: &[TypeDef]) -> WireFacts {
    fn walk(ty: &RustType, wire: &mut WireFacts) {
        match ty {
            RustType::Timestamp => wire.timestamps = true,
            RustType::List {
                item: inner,
                sparse,
            }
            | RustType::Map {
                value: inner,
                sparse,
            } => {
                if *sparse {
                    wire.sparse_collections = true;
                } else {
                    wire.dense_collections = true;
                }
                walk(inner, wire);
            }
            _ => {}
        }
    }
    let mut wire = WireFacts::default();
    for t in types {
        wire.recursive |= t.common().recursive;
        match t {
            TypeDef::Structure(s) => {
                for f in &s.fields {
                    walk(&f.ty, &mut wire);
                    wire.required_members |= f.presence.server_requires();
                    if s.roles.message() {
                        wire.prefix_headers |= matches!(f.http, HttpBinding::PrefixHeaders(_));
                        wire.query_lists |= matches!(f.http, HttpBinding::Query(_))
                            && matches!(f.ty, RustType::List { .. });
                        wire.streaming_blobs |= f.encoding.streaming;
                    }
                }
            }
            TypeDef::Union(u) => u
                .variants
                .iter()
                .flat_map(|v| &v.ty)
                .for_each(|ty| walk(ty, &mut wire)),
            TypeDef::Enum(_) => {}
        }
    }
    wire
}

/// The members of an operation input that a client fills with a fresh idempotency token when
/// they are unset: `@idempotencyToken` strings that are optional.
pub fn filled_tokens(input: &StructureDef) -> Vec<&super::Field> {
    input
        .fields
        .iter()
        .filter(|f| f.idempotency_token && f.presence.is_option() && f.ty == RustType::String)
        .collect()
}

/// Clears `eq_hash` on every type that holds a float or a document, directly or through other
/// types. A worklist walks the "is held by" edges backwards from the types that hold a float
/// directly, so it takes linear time however deep the nesting is.
fn mark_eq_hash(types: &mut [TypeDef]) {
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
        t.common_mut().eq_hash = !cleared;
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

/// Whether a value of `ty` under the constraints `c` can break a constraint, given which named
/// types `need` validation.
pub fn value_needs_validation(
    ty: &RustType,
    c: &Constraints,
    need: &dyn Fn(TypeRef) -> bool,
) -> bool {
    let own = c.length.is_some()
        || c.range.is_some()
        || c.pattern.is_some()
        || c.unique_items
        || (c.enum_values.is_some() && matches!(ty, RustType::String));
    let none = Constraints::default();
    own || match ty {
        RustType::Named(r) => need(*r),
        RustType::List { item, .. } => {
            value_needs_validation(item, c.member.as_deref().unwrap_or(&none), need)
        }
        RustType::Map { value, .. } => {
            value_needs_validation(&RustType::String, c.key.as_deref().unwrap_or(&none), need)
                || value_needs_validation(value, c.value.as_deref().unwrap_or(&none), need)
        }
        _ => false,
    }
}

/// The least set of types for which `holds(type, known)` is true, `known` being the set found
/// so far (a type's fact can follow from those of the types it holds, recursion included).
fn fixed_point(types: &[TypeDef], holds: impl Fn(&TypeDef, &[bool]) -> bool) -> Vec<bool> {
    let mut known = vec![false; types.len()];
    loop {
        let mut changed = false;
        for (i, t) in types.iter().enumerate() {
            if !known[i] && holds(t, &known) {
                known[i] = true;
                changed = true;
            }
        }
        if !changed {
            return known;
        }
    }
}

/// The named type a value of `ty` holds, through lists and maps.
fn named(ty: &RustType) -> Option<TypeRef> {
    match ty {
        RustType::Named(r) => Some(*r),
        RustType::List { item: t, .. } | RustType::Map { value: t, .. } => named(t),
        _ => None,
    }
}

/// Per type: whether it can contain itself (through any path).
fn recursive(types: &[TypeDef]) -> Vec<bool> {
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| values(t).filter_map(named).map(|r| r.0).collect())
        .collect();
    (0..edges.len())
        .map(|start| {
            let mut seen = vec![false; edges.len()];
            let mut stack: Vec<usize> = edges[start].clone();
            while let Some(n) = stack.pop() {
                if n == start {
                    return true;
                }
                if !std::mem::replace(&mut seen[n], true) {
                    stack.extend(&edges[n]);
                }
            }
            false
        })
        .collect()
}

/// Marks the structures that are operations' inputs, outputs and errors, and decides what a
/// message needs: body holders when only some members are in the body, and an error's
/// message member.
fn messages(types: &mut [TypeDef], operations: &[OperationDef]) {
    for (index, op) in operations.iter().enumerate() {
        let mut mark = |r: TypeRef, role: fn(&mut Roles)| {
            if let TypeDef::Structure(s) = &mut types[r.0] {
                role(&mut s.roles);
                if s.operations.last() != Some(&index) {
                    s.operations.push(index);
                }
            }
        };
        op.input
            .into_iter()
            .for_each(|r| mark(r, |roles| roles.input = true));
        op.output
            .into_iter()
            .for_each(|r| mark(r, |roles| roles.output = true));
        op.errors
            .iter()
            .for_each(|&r| mark(r, |roles| roles.error = true));
    }
    for t in types {
        let TypeDef::Structure(s) = t else {
            continue;
        };
        // Request-only bindings mean nothing in a response: an output's or error's `@httpQuery`,
        // `@httpQueryParams` or `@httpLabel` member is an ordinary body member (Smithy's
        // `HttpBindingTraitIgnored`). A structure that is also an input keeps its bindings.
        if s.roles.response() && !s.roles.input {
            for f in &mut s.fields {
                if matches!(
                    f.http,
                    HttpBinding::Query(_) | HttpBinding::QueryParams | HttpBinding::Label
                ) {
                    f.http = HttpBinding::Body;
                }
            }
        }
        let body = s
            .fields
            .iter()
            .filter(|f| f.http == HttpBinding::Body)
            .count();
        if s.roles.message() && body > 0 && body < s.fields.len() {
            s.body_holder = Some(BodyHolder {
                owned: naming::body_holder_name(&s.common.rust_name),
                borrowed: naming::body_ref_name(&s.common.rust_name),
            });
        }
        if s.roles.error {
            s.error_message = s.fields.iter().position(|f| {
                (f.member_name.eq_ignore_ascii_case("message")
                    || f.member_name.eq_ignore_ascii_case("errorMessage"))
                    && f.ty == RustType::String
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_follow_the_types_and_the_operations() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#Foo"}, "errors": [{"target": "ex#Oops"}]"#,
            r#""ex#Foo": {"type": "structure", "members": {
                   "Id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                   "Next": {"target": "ex#Node"},
                   "Tag": {"target": "ex#Tag", "traits": {"smithy.api#httpHeader": "x-tag"}}}},
               "ex#Node": {"type": "structure", "members": {
                   "Child": {"target": "ex#Node"}, "Score": {"target": "smithy.api#Float"}}},
               "ex#Tag": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
               "ex#Oops": {"type": "structure", "members": {
                   "Code": {"target": "smithy.api#Integer"}, "message": {"target": "smithy.api#String"}},
                   "traits": {"smithy.api#error": "client"}}"#,
        );
        let structure = |name: &str| {
            krate
                .types
                .iter()
                .find_map(|t| match t {
                    TypeDef::Structure(s) if s.common.rust_name == name => Some(s),
                    _ => None,
                })
                .unwrap()
        };
        let (foo, node, oops) = (structure("Foo"), structure("Node"), structure("Oops"));
        let facts = |s: &StructureDef| {
            let c = &s.common;
            (c.eq_hash, c.needs_validation, c.recursive, c.may_miss)
        };
        assert_eq!(facts(foo), (false, true, false, true));
        assert_eq!(facts(node), (false, false, true, false));
        assert_eq!(facts(oops), (true, false, false, false));
        assert!(foo.roles.input && !foo.roles.response());
        assert!(oops.roles.error && oops.roles.response());
        assert!(!node.roles.message());
        assert_eq!(
            foo.body_holder.as_ref().map(|h| h.owned.as_str()),
            Some("__FooBody")
        );
        assert_eq!(oops.body_holder, None);
        assert_eq!(oops.error_message, Some(1));
        assert_eq!(foo.error_message, None);
        assert_eq!(
            (foo.operations.as_slice(), oops.operations.as_slice()),
            (&[0][..], &[0][..])
        );
        assert!(node.operations.is_empty());
        // Only what the model uses: a required member and recursion, no collection or
        // timestamp, no prefix headers, query lists or streaming blobs.
        assert_eq!(
            krate.wire,
            WireFacts {
                required_members: true,
                recursive: true,
                ..WireFacts::default()
            }
        );
    }

    #[test]
    fn directions_follow_inputs_outputs_and_errors_through_what_they_hold() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#In"}, "output": {"target": "ex#Out"},
               "errors": [{"target": "ex#Oops"}]"#,
            r#""ex#In": {"type": "structure", "members": {
                   "Shared": {"target": "ex#Shared"}, "Mine": {"target": "ex#SentOnly"}}},
               "ex#Out": {"type": "structure", "members": {
                   "Shared": {"target": "ex#Shared"}}},
               "ex#Oops": {"type": "structure", "members": {
                   "Detail": {"target": "ex#Detail"}}, "traits": {"smithy.api#error": "client"}},
               "ex#Shared": {"type": "structure", "members": {
                   "N": {"target": "smithy.api#Integer"}}},
               "ex#SentOnly": {"type": "structure", "members": {
                   "N": {"target": "smithy.api#Integer"}}},
               "ex#Detail": {"type": "structure", "members": {
                   "N": {"target": "smithy.api#Integer"}}}"#,
        );
        let directions = |name: &str| {
            let d = krate
                .types
                .iter()
                .find(|t| t.common().rust_name == name)
                .map(|t| t.common().directions)
                .unwrap();
            (d.sent, d.received)
        };
        assert_eq!(directions("In"), (true, false));
        assert_eq!(directions("SentOnly"), (true, false));
        assert_eq!(directions("Out"), (false, true));
        assert_eq!(directions("Oops"), (false, true));
        assert_eq!(directions("Detail"), (false, true));
        assert_eq!(directions("Shared"), (true, true));
    }

    #[test]
    fn wire_facts_see_collections_timestamps_and_bindings() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#In"}"#,
            r#""ex#In": {"type": "structure", "members": {
                   "Tags": {"target": "ex#Tags", "traits": {"smithy.api#httpQuery": "tag"}},
                   "Meta": {"target": "ex#Meta", "traits": {"smithy.api#httpPrefixHeaders": "x-m-"}},
                   "When": {"target": "smithy.api#Timestamp"}}},
               "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
               "ex#Meta": {"type": "map", "key": {"target": "smithy.api#String"},
                   "value": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}}"#,
        );
        assert_eq!(
            krate.wire,
            WireFacts {
                dense_collections: true,
                sparse_collections: true,
                timestamps: true,
                prefix_headers: true,
                query_lists: true,
                ..WireFacts::default()
            }
        );
    }
}
