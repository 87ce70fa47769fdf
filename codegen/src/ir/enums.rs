//! Building enums (enum and intEnum shapes, and Smithy 1.0 strings with the `enum` trait), and
//! the name of the variant that keeps the values an enum or union does not know.

use std::collections::BTreeSet;

use super::facts::{self, docs_of};
use super::problems::Problems;
use super::{EnumDef, EnumVariant, TypeCommon};
use crate::error::Error;
use crate::model::traits::EnumValue;
use crate::model::{Member, Shape, ShapeId, ShapeKind};
use crate::naming;

/// The value set of an enum shape or a string with the `enum` trait, in model order.
pub(super) fn enum_values(shape: &Shape) -> Option<Vec<String>> {
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            Some(members.iter().map(wire_value).collect())
        }
        _ => shape
            .traits
            .enum_definitions
            .as_ref()
            .map(|defs| defs.iter().map(|d| d.value.clone()).collect()),
    }
}

/// The values of an enum shape or a string with the `enum` trait that validation messages do
/// not list (`@internal` members, `enum` values tagged `internal`), in model order.
pub(super) fn internal_values(shape: &Shape) -> Vec<String> {
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => members
            .iter()
            .filter(|m| m.traits.internal)
            .map(wire_value)
            .collect(),
        _ => shape
            .traits
            .enum_definitions
            .iter()
            .flatten()
            .filter(|d| d.internal)
            .map(|d| d.value.clone())
            .collect(),
    }
}

/// An enum member's wire value: its `@enumValue` (an intEnum's as decimal text), or its name.
fn wire_value(member: &Member) -> String {
    match &member.traits.enum_value {
        Some(EnumValue::String(s)) => s.clone(),
        Some(EnumValue::Int(i)) => i.to_string(),
        None => member.name.clone(),
    }
}

/// The first of `candidates` that no variant takes: the name of the variant for values this
/// crate does not know.
pub(super) fn unused_name<'a>(
    variants: impl Iterator<Item = &'a str>,
    candidates: &[&str],
    id: &ShapeId,
) -> Result<String, Error> {
    let taken: BTreeSet<&str> = variants.collect();
    candidates
        .iter()
        .find(|c| !taken.contains(**c))
        .map(|c| (*c).to_owned())
        .ok_or_else(|| Error::NameCollision {
            rust_name: candidates.join(" / "),
            first: id.to_string(),
            second: "the variant for unknown values".to_owned(),
        })
}

/// An enum, an intEnum or a string with the `enum` trait.
pub(super) fn enumeration(shape: &Shape, common: TypeCommon, problems: &mut Problems) -> EnumDef {
    let mut variants = Vec::new();
    let mut int = false;
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            int = matches!(shape.kind, ShapeKind::IntEnum(_));
            for member in members {
                let value = wire_value(member);
                variants.push(EnumVariant {
                    internal: member.traits.internal,
                    member_name: member.name.clone(),
                    rust_name: naming::variant_name(&member.name),
                    docs: facts::with_facts(
                        docs_of(&member.traits.documentation),
                        facts::enum_value(&value),
                    ),
                    value,
                });
            }
        }
        _ => {
            for definition in shape.traits.enum_definitions.iter().flatten() {
                let name = definition.name.as_deref().unwrap_or(&definition.value);
                variants.push(EnumVariant {
                    member_name: name.to_owned(),
                    rust_name: naming::variant_name(name),
                    value: definition.value.clone(),
                    internal: definition.internal,
                    docs: facts::with_facts(
                        docs_of(&definition.documentation),
                        facts::enum_value(&definition.value),
                    ),
                });
            }
        }
    }
    let unknown_variant = unused_name(
        variants.iter().map(|v| v.rust_name.as_str()),
        &["Unknown", "UnknownValue"],
        &shape.id,
    );
    EnumDef {
        common,
        int,
        variants,
        unknown_variant: problems.take(unknown_variant).unwrap_or_default(),
    }
}
