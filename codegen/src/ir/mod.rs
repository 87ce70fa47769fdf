//! The Rust-facing intermediate representation, decided once: Rust names beside wire names,
//! Option-ness, boxing, constraints and documentation. Emitters read it and never re-derive a name.

pub mod analysis;
mod boxing;
mod build;
mod unsupported;

use serde_json::Value;

pub use build::build;

use crate::model::ShapeId;
use crate::model::traits::{ErrorFault, Http, Length, Range, TimestampFormat};

/// The whole generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Crate {
    /// The Cargo package name, e.g. `connect-chat`.
    pub package_name: String,
    /// The model file as the header names it (a relative path or a file name; never absolute).
    pub model_label: String,
    /// The service the operations belong to.
    pub service: ServiceDef,
    /// The chosen operations, sorted by Rust name.
    pub operations: Vec<OperationDef>,
    /// One type per aggregate or enum shape in the closure, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Every distinct `@pattern` the closure's constraints use, sorted by pattern text, with how
    /// each is evaluated.
    pub patterns: Vec<PatternDef>,
    /// Operations left out because they use features the generator does not support yet
    /// (only with [`crate::Config::skip_unsupported`]): shape id and the reason.
    pub skipped: Vec<(ShapeId, String)>,
    /// What the user should know about the crate (patterns left out or evaluated by the
    /// backtracking engine for want of a linear translation), in pattern order.
    pub warnings: Vec<crate::error::Warning>,
    /// What the crate needs of the runtime crate beyond its default build.
    pub features: RuntimeFeatures,
    /// Where the crate finds the runtime crate (from [`crate::Config::runtime`]).
    pub runtime: crate::RuntimeDependency,
}

/// The optional parts of the runtime crate a generated crate needs, each a feature of the
/// runtime crate (and so a dependency) that only a model needing it pays for. Decided once, by
/// [`analysis`], from the whole closure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuntimeFeatures {
    /// Some pattern is evaluated by `regex-lite` (`pattern-linear`).
    pub pattern_linear: bool,
    /// Some pattern needs backtracking, evaluated by `regress` (`pattern-backtracking`).
    pub pattern_backtracking: bool,
    /// The closure holds `bigInteger` or `bigDecimal` values (`big-numbers`: serde_json's
    /// `raw_value` keeps their digits).
    pub big_numbers: bool,
    /// Some operation input has an `@idempotencyToken` member the client fills
    /// (`idempotency-token`: a UUID v4).
    pub idempotency_token: bool,
}

impl RuntimeFeatures {
    /// The runtime crate's feature names, in sorted order.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.big_numbers {
            names.push("big-numbers");
        }
        if self.idempotency_token {
            names.push("idempotency-token");
        }
        if self.pattern_backtracking {
            names.push("pattern-backtracking");
        }
        if self.pattern_linear {
            names.push("pattern-linear");
        }
        names
    }
}

/// A `@pattern` used by the generated validators.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternDef {
    /// The ECMA-262 pattern as the model writes it.
    pub source: String,
    /// The shapes and members carrying it, sorted.
    pub owners: Vec<String>,
    /// How the generated crate evaluates it.
    pub plan: crate::pattern::PatternPlan,
}

/// The service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDef {
    /// Its shape id.
    pub id: ShapeId,
    /// `smithy.api#title`, or the shape name.
    pub title: String,
    /// The API version.
    pub version: String,
    /// Documentation lines (rustdoc Markdown).
    pub docs: Vec<String>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationDef {
    /// Its shape id.
    pub id: ShapeId,
    /// The Rust name (`StartChatContact`).
    pub rust_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The input type's Rust name.
    pub input: String,
    /// The output type's Rust name.
    pub output: String,
    /// Errors (operation's, then the service's), as Rust type names, in model order.
    pub errors: Vec<String>,
    /// The `@http` binding, when present.
    pub http: Option<Http>,
    /// The `@http` URI's path, split into segments.
    pub uri_path: Vec<UriSegment>,
    /// The literal query parameters of the `@http` URI (`?key=value&flag`), in order.
    pub uri_query: Vec<(String, Option<String>)>,
}

/// One segment of an `@http` URI's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriSegment {
    /// Literal text.
    Literal(String),
    /// `{name}`: one segment from a label member.
    Label(String),
    /// `{name+}`: one or more segments from a label member, `/` kept.
    Greedy(String),
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A structure.
    Structure(StructureDef),
    /// An enum or intEnum (or a Smithy 1.0 string with the `enum` trait).
    Enum(EnumDef),
    /// A union.
    Union(UnionDef),
}

impl TypeDef {
    /// What every kind of type has.
    pub fn common(&self) -> &TypeCommon {
        match self {
            TypeDef::Structure(s) => &s.common,
            TypeDef::Enum(e) => &e.common,
            TypeDef::Union(u) => &u.common,
        }
    }
}

/// Names and docs of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeCommon {
    /// The shape id.
    pub id: ShapeId,
    /// The Rust type name (`ParticipantDetails`).
    pub rust_name: String,
    /// The module (file) under `src/types/`.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Whether all values can implement `Eq` and `Hash` (no floats or documents inside).
    pub eq_hash: bool,
}

/// A structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureDef {
    /// Names and docs.
    pub common: TypeCommon,
    /// Fields in model order.
    pub fields: Vec<Field>,
    /// Set when the structure is an error.
    pub error: Option<ErrorInfo>,
}

/// What an error structure declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    /// Client or server fault.
    pub fault: ErrorFault,
    /// `@httpError`, or the protocol default (400 client, 500 server).
    pub status: u16,
}

/// A structure member as a Rust field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The member name in the model.
    pub member_name: String,
    /// The name in JSON documents (`@jsonName` or the member name).
    pub wire_name: String,
    /// The Rust field and setter name.
    pub rust_name: String,
    /// The member's target shape.
    pub target: ShapeId,
    /// The Rust type of one value.
    pub ty: RustType,
    /// How the value is held in the structure.
    pub presence: Presence,
    /// Boxed to break a recursion without a collection in between.
    pub boxed: bool,
    /// Printed redacted in `Debug`: the target is sensitive, or a collection holds sensitive data.
    pub redacted: bool,
    /// Constraints from the member and its target (member traits win).
    pub constraints: Constraints,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// Documentation lines: the model's docs, then the facts (wire name, required, limits...).
    pub docs: Vec<String>,
    /// Where the member goes in an HTTP message (meaningful on operation inputs, outputs and
    /// errors; nested structures always use [`HttpBinding::Body`]).
    pub http: HttpBinding,
    /// Wire encodings that the Rust type does not say (timestamp formats, media types).
    pub encoding: Encoding,
}

/// Where a top-level member of an operation's input, output or error goes in an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// A member of the JSON body (the default).
    Body,
    /// `@httpLabel`: a segment of the path (the label name is the member name; whether it is
    /// greedy is the operation's URI template's business).
    Label,
    /// `@httpQuery`: the query parameter name.
    Query(String),
    /// `@httpQueryParams`: a map of query parameters.
    QueryParams,
    /// `@httpHeader`: the header name.
    Header(String),
    /// `@httpPrefixHeaders`: the header name prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`: the status code.
    ResponseCode,
}

/// Wire encodings beside a [`RustType`]: the explicit `@timestampFormat` and `@mediaType`, and
/// the same for a list's items or a map's values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoding {
    /// `@timestampFormat` on the member or its target (member wins); `None` means the
    /// location's default.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType` of the target.
    pub media_type: Option<String>,
    /// The target is a `@streaming` blob.
    pub streaming: bool,
    /// The encoding of a list's items or a map's values.
    pub item: Option<Box<Encoding>>,
}

/// How a structure holds a member.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `@required`: a plain `T`, the builder fails without it.
    Required,
    /// `@default`: a plain `T`, the builder fills the default.
    Default(Value),
    /// Everything else: `Option<T>`.
    Optional,
}

/// Constraint traits that apply to a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length`.
    pub length: Option<Length>,
    /// `@range`.
    pub range: Option<Range>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// The value set (in model order) when the target is an enum shape or a string with the
    /// `enum` trait; used where such a value is held as a plain string (map keys).
    pub enum_values: Option<Vec<String>>,
    /// For list values: the constraints on each item (from the list's member and its target).
    pub member: Option<Box<Constraints>>,
    /// For map values: the constraints on each key (from the map's key member and its target).
    pub key: Option<Box<Constraints>>,
    /// For map values: the constraints on each value (from the map's value member and its target).
    pub value: Option<Box<Constraints>>,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `bool`
    Bool,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `String`
    String,
    /// `Vec<u8>`
    Blob,
    /// `std::time::SystemTime`
    Timestamp,
    /// `crate::primitives::Document`
    Document,
    /// `crate::primitives::BigInteger`
    BigInteger,
    /// `crate::primitives::BigDecimal`
    BigDecimal,
    /// A generated type in `crate::types`.
    Named(String),
    /// `Vec<T>`, or `Vec<Option<T>>` when sparse.
    List {
        /// The item type.
        item: Box<RustType>,
        /// `@sparse`: items may be null.
        sparse: bool,
    },
    /// `BTreeMap<String, V>`, or `BTreeMap<String, Option<V>>` when sparse.
    Map {
        /// The value type.
        value: Box<RustType>,
        /// `@sparse`: values may be null.
        sparse: bool,
    },
}

/// An enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Names and docs.
    pub common: TypeCommon,
    /// Whether it is an intEnum (`i32` values).
    pub int: bool,
    /// The known values in model order.
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that keeps unknown values (`Unknown`, or `UnknownValue` when a
    /// member already takes `Unknown`).
    pub unknown_variant: String,
}

/// A known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The member name in the model.
    pub member_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// The wire value (an integer's decimal text for intEnums).
    pub value: String,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// A union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// Names and docs.
    pub common: TypeCommon,
    /// Variants in model order.
    pub variants: Vec<UnionVariant>,
    /// The variant for members this crate does not know (`Unknown`, or `UnknownMember`).
    pub unknown_variant: String,
}

/// A union member.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The member name in the model.
    pub member_name: String,
    /// The name in JSON documents.
    pub wire_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// The snake-case stem for accessors (`as_x`, `is_x`).
    pub accessor: String,
    /// The value type; `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    /// Boxed to break a recursion.
    pub boxed: bool,
    /// Printed redacted in `Debug`.
    pub redacted: bool,
    /// Constraints from the member and its target.
    pub constraints: Constraints,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Wire encodings that the Rust type does not say.
    pub encoding: Encoding,
}
