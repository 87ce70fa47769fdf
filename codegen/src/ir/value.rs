//! What the IR says about one value: its Rust type, how a structure holds it (and its default),
//! its constraints, its wire encodings and where an HTTP message carries it.

use super::{PatternRef, TypeRef};
use crate::model::traits::{Length, Range, TimestampFormat};

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

/// How a structure holds a member, decided by Smithy's nullability rules (see
/// `ir/defaults.rs`). The generated types serve clients and servers alike, so a member is a
/// plain `T` only where a client may rely on a value, and `Option<T>` otherwise; a server, which
/// implements the model it was generated from, may still require or default what a client holds
/// as optional ([`Presence::ClientOptional`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `@required`: a plain `T`; the builder and every reader fail without it (a server records
    /// it as a missing member).
    Required,
    /// `@default`: a plain `T`; the builder and every reader fill the default.
    Default(DefaultValue),
    /// `Option<T>` for the builder and a client (absent is `None`), which a server reading a
    /// request requires or fills with the default: `@clientOptional` members, `@addedDefault`
    /// members and the defaulted members of `@input` structures.
    ClientOptional(ServerRule),
    /// Everything else: `Option<T>`.
    Optional,
}

impl Presence {
    /// Whether the field is an `Option<T>`.
    pub fn is_option(&self) -> bool {
        matches!(self, Presence::ClientOptional(_) | Presence::Optional)
    }

    /// Whether a server requires the member: `@required`, client-optional or not.
    pub fn server_requires(&self) -> bool {
        matches!(
            self,
            Presence::Required | Presence::ClientOptional(ServerRule::Required)
        )
    }
}

/// What a server reading a request does with an absent [`Presence::ClientOptional`] member.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerRule {
    /// It is `@required`: the request is rejected, naming the member.
    Required,
    /// It has a `@default`: the server fills it.
    Default(DefaultValue),
}

/// A `@default` value, typed by its member's Rust type: the IR reports a default that does not
/// fit, so each of these has a literal of the member's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A `bool`.
    Bool(bool),
    /// An integer, within the range of the member's integer type.
    Integer(i64),
    /// A float or a double.
    Float(f64),
    /// A `String`.
    String(String),
    /// A value of a string enum (or a string with the `enum` trait), one of its known values.
    StringEnum(TypeRef, String),
    /// A value of an intEnum, one of its known values.
    IntEnum(TypeRef, i32),
    /// A timestamp, as seconds since the Unix epoch.
    Timestamp(EpochSeconds),
    /// The bytes of a blob (the model writes them in base64); not empty.
    Blob(Vec<u8>),
    /// A document: any JSON value but `null` (which means no default).
    Document(serde_json::Value),
    /// A `bigInteger`, as its decimal text.
    BigInteger(String),
    /// A `bigDecimal`, as its text (a JSON number).
    BigDecimal(String),
    /// The type's empty value (an empty list, map or blob): its `Default`.
    Empty,
}

/// Seconds since the Unix epoch, as the model writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EpochSeconds {
    /// A whole number of seconds.
    Whole(u64),
    /// A fraction of seconds (finite, not negative).
    Fractional(f64),
}

/// Constraint traits that apply to a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length`.
    pub length: Option<Length>,
    /// `@range`.
    pub range: Option<Range>,
    /// `@pattern`.
    pub pattern: Option<PatternRef>,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// The value set (in model order) when the target is an enum shape or a string with the
    /// `enum` trait; used where such a value is held as a plain string (map keys).
    pub enum_values: Option<Vec<String>>,
    /// The values of `enum_values` that validation messages do not list (`@internal`).
    pub enum_internal: Vec<String>,
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
    Named(TypeRef),
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
