//! The Smithy prelude shapes models reference without defining them.

use super::{Shape, ShapeId, ShapeKind, Traits};

/// A prelude shape: its name, its kind, and its `@default` as JSON text, if it has one.
type PreludeEntry = (&'static str, fn() -> ShapeKind, Option<&'static str>);

/// Every prelude simple shape.
const PRELUDE: &[PreludeEntry] = &[
    ("String", || ShapeKind::String, None),
    ("Blob", || ShapeKind::Blob, None),
    ("BigInteger", || ShapeKind::BigInteger, None),
    ("BigDecimal", || ShapeKind::BigDecimal, None),
    ("Timestamp", || ShapeKind::Timestamp, None),
    ("Document", || ShapeKind::Document, None),
    ("Boolean", || ShapeKind::Boolean, None),
    ("PrimitiveBoolean", || ShapeKind::Boolean, Some("false")),
    ("Byte", || ShapeKind::Byte, None),
    ("PrimitiveByte", || ShapeKind::Byte, Some("0")),
    ("Short", || ShapeKind::Short, None),
    ("PrimitiveShort", || ShapeKind::Short, Some("0")),
    ("Integer", || ShapeKind::Integer, None),
    ("PrimitiveInteger", || ShapeKind::Integer, Some("0")),
    ("Long", || ShapeKind::Long, None),
    ("PrimitiveLong", || ShapeKind::Long, Some("0")),
    ("Float", || ShapeKind::Float, None),
    ("PrimitiveFloat", || ShapeKind::Float, Some("0")),
    ("Double", || ShapeKind::Double, None),
    ("PrimitiveDouble", || ShapeKind::Double, Some("0")),
    ("Unit", || ShapeKind::Structure(Vec::new()), None),
];

/// The prelude shapes, each with its `smithy.api#default` where the prelude declares one.
pub fn shapes() -> Vec<Shape> {
    PRELUDE
        .iter()
        .filter_map(|(name, kind, default)| {
            let id = ShapeId::parse(&format!("smithy.api#{name}"))?;
            let mut traits = Traits::default();
            if let Some(default) = default {
                let value: serde_json::Value = serde_json::from_str(default).ok()?;
                traits.default = Some(value.clone());
                traits
                    .raw
                    .insert(super::traits::ids::DEFAULT.to_owned(), value);
            }
            Some(Shape {
                id,
                kind: kind(),
                traits,
            })
        })
        .collect()
}

/// Whether `id` names the prelude's Unit shape.
pub fn is_unit(id: &ShapeId) -> bool {
    id.as_str() == "smithy.api#Unit"
}
