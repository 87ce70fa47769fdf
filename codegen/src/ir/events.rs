//! Event streams (restJson1): which operations have one, and how each event structure's
//! members make a message.
//!
//! An operation's input or output member targeting a `@streaming` union is its event stream.
//! That member leaves the structure's fields: for restJson1 the structure's other members are
//! the initial request or response (HTTP-bound as usual), and the events follow in the body,
//! written and read through the operation's event writer and reader. Each member of the union
//! targets a structure: an `@error` one is a modeled exception (its JSON as the payload), any
//! other an event whose `@eventHeader` members are headers and whose `@eventPayload` member,
//! or else the JSON object of its other members, is the payload.

use std::collections::BTreeMap;

use super::problems::Problems;
use super::{BodyHolder, EventDef, EventPayload, OperationDef, RustType, TypeDef, TypeRef};
use crate::error::Error;
use crate::model::{Model, ShapeId, ShapeKind};

/// Finds the event streams of `ops`, takes their members out of the messages, and describes
/// the events of every `@streaming` union of the closure.
pub(super) fn bind(
    model: &Model,
    types: &mut [TypeDef],
    ops: &mut [OperationDef],
    refs: &BTreeMap<ShapeId, TypeRef>,
    problems: &mut Problems,
) {
    for op in ops.iter_mut() {
        op.input_events = op.input.and_then(|r| take_stream(model, types, r, refs));
        op.output_events = op.output.and_then(|r| take_stream(model, types, r, refs));
    }
    let unions: Vec<(ShapeId, Vec<(ShapeId, bool)>)> = types
        .iter()
        .filter_map(|def| match def {
            TypeDef::Union(u) if u.event_stream => {
                let members = model.shape(&u.common.id).map(|s| s.kind.members());
                let targets = members
                    .into_iter()
                    .flatten()
                    .map(|m| {
                        let error = model
                            .shape(&m.target)
                            .is_some_and(|t| t.traits.error.is_some());
                        (m.target.clone(), error)
                    })
                    .collect();
                Some((u.common.id.clone(), targets))
            }
            _ => None,
        })
        .collect();
    for (union, targets) in unions {
        for (target, error) in targets {
            if crate::model::prelude::is_unit(&target) {
                continue;
            }
            let def = match refs.get(&target).map(|r| &mut types[r.0]) {
                Some(TypeDef::Structure(def)) => def,
                _ => {
                    problems.push(Error::Unsupported {
                        id: union.to_string(),
                        feature: format!(
                            "an event stream member targeting `{target}`, which is not a structure"
                        ),
                    });
                    continue;
                }
            };
            if error || def.event.is_some() {
                continue;
            }
            match event_def(model, def) {
                Ok(event) => def.event = Some(Box::new(event)),
                Err(e) => problems.push(e),
            }
        }
    }
}

/// The `@streaming` union of the message `r`, if one of its members targets one: the member
/// leaves the fields and is recorded as the message's event stream.
fn take_stream(
    model: &Model,
    types: &mut [TypeDef],
    r: TypeRef,
    refs: &BTreeMap<ShapeId, TypeRef>,
) -> Option<TypeRef> {
    let TypeDef::Structure(def) = &mut types[r.0] else {
        return None;
    };
    let index = def.fields.iter().position(|f| {
        model
            .shape(&f.target)
            .is_some_and(|t| t.traits.streaming && matches!(t.kind, ShapeKind::Union(_)))
    })?;
    let field = def.fields.remove(index);
    let union = *refs.get(&field.target)?;
    def.common.docs.push(String::new());
    def.common.docs.push(format!(
        "Its member `{}` is an event stream: it is not a field. This structure is the initial \
         message (its members travel in the HTTP message as usual), and the events follow in \
         the body, written and read with the operation's event writer and reader \
         (feature `event-stream`).",
        field.member_name
    ));
    def.event_stream = Some((field.member_name, union));
    Some(union)
}

/// How the members of the event structure `def` make a message.
fn event_def(model: &Model, def: &super::StructureDef) -> Result<EventDef, Error> {
    let shape = model.shape(&def.common.id);
    let member_traits = |name: &str| {
        shape
            .into_iter()
            .flat_map(|s| s.kind.members())
            .find(|m| m.name == name)
            .map(|m| (m.traits.event_header, m.traits.event_payload))
            .unwrap_or((false, false))
    };
    let unsupported = |member: &str, feature: String| Error::Unsupported {
        id: def.common.id.member(member).to_string(),
        feature,
    };
    let mut headers = Vec::new();
    let mut payload = None;
    let mut body = Vec::new();
    for (i, f) in def.fields.iter().enumerate() {
        let (header, explicit) = member_traits(&f.member_name);
        if header {
            if !header_type(&f.ty, model, f) {
                return Err(unsupported(
                    &f.member_name,
                    "an `@eventHeader` member that is not a boolean, byte, short, integer, \
                     long, blob, string, string enum or timestamp"
                        .to_owned(),
                ));
            }
            headers.push(i);
        } else if explicit {
            let fits = match &f.ty {
                RustType::Blob | RustType::String => true,
                RustType::Named(_) => model.shape(&f.target).is_some_and(|t| {
                    matches!(t.kind, ShapeKind::Structure(_) | ShapeKind::Union(_))
                }),
                _ => false,
            };
            if !fits {
                return Err(unsupported(
                    &f.member_name,
                    "an `@eventPayload` member that is not a blob, string, structure or union"
                        .to_owned(),
                ));
            }
            payload = Some(i);
        } else {
            body.push(i);
        }
    }
    let payload = match payload {
        Some(i) => EventPayload::Member(i),
        None if body.is_empty() => EventPayload::Empty,
        None => EventPayload::Body {
            fields: body,
            holder: BodyHolder {
                owned: format!("__{}EventBody", def.common.rust_name),
                borrowed: format!("__{}EventBodyRef", def.common.rust_name),
            },
        },
    };
    Ok(EventDef { headers, payload })
}

/// Whether a value of `ty` has a header type.
fn header_type(ty: &RustType, model: &Model, f: &super::Field) -> bool {
    match ty {
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::Blob
        | RustType::String
        | RustType::Timestamp => true,
        RustType::Named(_) => model
            .shape(&f.target)
            .is_some_and(|t| matches!(t.kind, ShapeKind::Enum(_) | ShapeKind::String)),
        _ => false,
    }
}
