//! Shapes and members.

use std::collections::BTreeMap;

use super::{ShapeId, Traits};

/// A member of an aggregate shape (structure, union, list, map, enum).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name as written in the model (also its default wire name).
    pub name: String,
    /// The shape the member targets.
    pub target: ShapeId,
    /// Traits applied to the member itself.
    pub traits: Traits,
}

/// A service shape.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// The service version, e.g. `2017-08-08`.
    pub version: String,
    /// Operations bound directly to the service, in model order.
    pub operations: Vec<ShapeId>,
    /// Resources bound to the service, in model order.
    pub resources: Vec<ShapeId>,
    /// Errors every operation of the service can return.
    pub errors: Vec<ShapeId>,
    /// `rename`: the names some shapes take in this service instead of their ids' names, to
    /// tell apart shapes of different namespaces with the same name. A renamed shape keeps its
    /// id; its members keep their names (and so their wire names).
    pub rename: BTreeMap<ShapeId, String>,
}

/// An operation shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The input structure (`smithy.api#Unit` when the model omits it).
    pub input: ShapeId,
    /// The output structure (`smithy.api#Unit` when the model omits it).
    pub output: ShapeId,
    /// Errors the operation declares, in model order.
    pub errors: Vec<ShapeId>,
}

/// A resource shape: only its operation bindings matter to the generator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resource {
    /// Every operation bound to the resource (lifecycle operations, `operations`,
    /// `collectionOperations`), in a stable order.
    pub operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}

/// The kind of a shape and its kind-specific parts.
// Shapes are built once per load and never moved in bulk, so the size of the map variant
// (two members with their traits) does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// `blob`
    Blob,
    /// `boolean`
    Boolean,
    /// `string`
    String,
    /// `byte`
    Byte,
    /// `short`
    Short,
    /// `integer`
    Integer,
    /// `long`
    Long,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bigInteger`
    BigInteger,
    /// `bigDecimal`
    BigDecimal,
    /// `timestamp`
    Timestamp,
    /// `document`
    Document,
    /// `enum`: members target `smithy.api#Unit` and carry `enumValue`.
    Enum(Vec<Member>),
    /// `intEnum`
    IntEnum(Vec<Member>),
    /// `list` (and Smithy 1.0 `set`, loaded as a list with `uniqueItems`).
    List(Member),
    /// `map`
    Map {
        /// The key member (targets a string).
        key: Member,
        /// The value member.
        value: Member,
    },
    /// `structure`
    Structure(Vec<Member>),
    /// `union`
    Union(Vec<Member>),
    /// `service`
    Service(Service),
    /// `operation`
    Operation(Operation),
    /// `resource`
    Resource(Resource),
}

impl ShapeKind {
    /// The type name as the JSON AST writes it.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Service(_) => "service",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Resource(_) => "resource",
        }
    }

    /// Whether this is a number shape (the kinds `smithy.api#range` applies to).
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double
                | ShapeKind::BigInteger
                | ShapeKind::BigDecimal
                | ShapeKind::IntEnum(_)
        )
    }

    /// The members of an aggregate shape, in model order (none for other kinds).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::Enum(m)
            | ShapeKind::IntEnum(m)
            | ShapeKind::Structure(m)
            | ShapeKind::Union(m) => m.iter().collect(),
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }
}

/// One shape of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape's id.
    pub id: ShapeId,
    /// Its kind and kind-specific parts.
    pub kind: ShapeKind,
    /// Traits applied to the shape.
    pub traits: Traits,
}
