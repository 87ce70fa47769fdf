//! The Rust-facing intermediate representation, decided once: Rust names beside wire names,
//! Option-ness, boxing, constraints and documentation. Emitters read it and never re-derive a name.

pub mod analysis;
mod boxing;
mod build;
mod defaults;
pub mod endpoint;
mod enums;
mod events;
mod facts;
mod names;
mod operation;
mod patterns;
mod problems;
pub mod protocol_tests;
mod select;
mod types;
mod unsupported;
mod value;

pub use build::build;
#[cfg(test)]
pub(crate) use build::test_crate;

pub use value::{
    Constraints, DefaultValue, Encoding, EpochSeconds, HttpBinding, Presence, RustType, ServerRule,
};

use crate::model::ShapeId;
use crate::model::traits::{ErrorFault, Http};

/// A generated type: its index in [`Crate::types`]. The IR's references between types are
/// these indices, so that a reader finds the type, and what the analysis knows about it, in
/// one step; [`Crate::ty`] resolves one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef(pub usize);

/// A pattern: its index in [`Crate::patterns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternRef(pub usize);

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
    /// Which wire-format situations the crate meets, so its root docs describe only those.
    pub wire: WireFacts,
    /// Where the crate finds the runtime crate (from [`crate::Config::runtime`]).
    pub runtime: crate::RuntimeDependency,
    /// The protocol compliance tests of the operations, when [`crate::Config::protocol_tests`]
    /// asks for them, in operation order.
    pub protocol_tests: Vec<protocol_tests::OperationTests>,
    /// The service's endpoint rule set and its test cases, when it has one: the crate then
    /// gets an `endpoint` module, behind its default feature `endpoints`.
    pub endpoint: Option<endpoint::EndpointDef>,
}

/// The wire-format situations a crate meets (each decides a paragraph of its root docs), decided
/// once by [`analysis`] from the whole closure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WireFacts {
    /// Some list or map is dense (a `null` entry is skipped or rejected).
    pub dense_collections: bool,
    /// Some list or map is `@sparse`.
    pub sparse_collections: bool,
    /// Some type can contain itself (so serializing can hit the nesting limit).
    pub recursive: bool,
    /// Some structure has a `@required` member (which a server reports when missing).
    pub required_members: bool,
    /// Some value is a timestamp.
    pub timestamps: bool,
    /// Some message has `@httpPrefixHeaders`.
    pub prefix_headers: bool,
    /// Some message has an `@httpQuery` list.
    pub query_lists: bool,
    /// Some message has a `@streaming` blob.
    pub streaming_blobs: bool,
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
    /// Some operation has `@httpChecksumRequired` (`content-md5`: the `md-5` crate).
    pub content_md5: bool,
    /// Some operation gzips its requests (`request-compression`: `flate2`).
    pub request_compression: bool,
}

impl Crate {
    /// The type `r` refers to.
    pub fn ty(&self, r: TypeRef) -> &TypeDef {
        &self.types[r.0]
    }

    /// The structure `r` refers to, if it is one.
    pub fn structure(&self, r: TypeRef) -> Option<&StructureDef> {
        match self.ty(r) {
            TypeDef::Structure(s) => Some(s),
            _ => None,
        }
    }

    /// Whether some operation has an event stream (the crate then has a default feature
    /// `event-stream`).
    pub fn has_event_streams(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op.input_events.is_some() || op.output_events.is_some())
    }

    /// The pattern `r` refers to.
    pub fn pattern(&self, r: PatternRef) -> &PatternDef {
        &self.patterns[r.0]
    }
}

impl RuntimeFeatures {
    /// The runtime crate's feature names, in sorted order.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.big_numbers {
            names.push("big-numbers");
        }
        if self.content_md5 {
            names.push("content-md5");
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
        if self.request_compression {
            names.push("request-compression");
        }
        names
    }
}

/// A `@pattern` used by the generated validators.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternDef {
    /// The ECMA-262 pattern as the model writes it.
    pub source: String,
    /// The static holding it in the generated `patterns` module (`PATTERN_0`).
    pub static_name: String,
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
    /// The SigV4 signing name (`aws.auth#sigv4` `name`), when the model has one.
    pub signing_name: Option<String>,
    /// The endpoint prefix (`aws.api#service` `endpointPrefix`), when the model has one.
    pub endpoint_prefix: Option<String>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationDef {
    /// Its shape id.
    pub id: ShapeId,
    /// The Rust name (`StartChatContact`).
    pub rust_name: String,
    /// The module (file) under `src/operation/`.
    pub module: String,
    /// Its method on the generated `Client` (the module name, escaped where the client has
    /// a method of its own by that name: `config_`).
    pub client_method: String,
    /// The name of its error enum (`StartChatContactError`).
    pub error_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The input structure; `None` for `smithy.api#Unit`.
    pub input: Option<TypeRef>,
    /// The output structure; `None` for `smithy.api#Unit`.
    pub output: Option<TypeRef>,
    /// The error structures (the operation's, then the service's), in model order.
    pub errors: Vec<TypeRef>,
    /// The `@http` binding, when present.
    pub http: Option<Http>,
    /// The `@http` URI's path, split into segments.
    pub uri_path: Vec<UriSegment>,
    /// The literal query parameters of the `@http` URI (`?key=value&flag`), in order.
    pub uri_query: Vec<(String, Option<String>)>,
    /// The `@endpoint` host prefix template (`foo.{label}.`), its labels checked against the
    /// input's `@hostLabel` members.
    pub host_prefix: Option<String>,
    /// `@httpChecksumRequired`: a client sends `Content-MD5`.
    pub checksum_required: bool,
    /// `@requestCompression` listing `gzip`, the one encoding the runtime supports: a client
    /// gzips the request body.
    pub gzip_request: bool,
    /// The `@streaming` union of the input's event stream, when the operation has one.
    pub input_events: Option<TypeRef>,
    /// The `@streaming` union of the output's event stream, when the operation has one.
    pub output_events: Option<TypeRef>,
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

    fn common_mut(&mut self) -> &mut TypeCommon {
        match self {
            TypeDef::Structure(s) => &mut s.common,
            TypeDef::Enum(e) => &mut e.common,
            TypeDef::Union(u) => &mut u.common,
        }
    }
}

/// Names and docs of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeCommon {
    /// The shape id.
    pub id: ShapeId,
    /// The shape's name in the service: what the service's `rename` says, or the id's name.
    /// Docs and messages name the shape by it.
    pub shape_name: String,
    /// The Rust type name (`ParticipantDetails`), from the shape name.
    pub rust_name: String,
    /// The module (file) under `src/types/`.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Whether all values can implement `Eq` and `Hash` (no floats or documents inside);
    /// decided by the [`analysis`], as are the facts below.
    pub eq_hash: bool,
    /// Whether a value can break a constraint (every enum's can: its unknown values), so the
    /// type checks its values in `validate_at`.
    pub needs_validation: bool,
    /// Whether a value can contain a value of the same type (through any path).
    pub recursive: bool,
    /// Whether a value can miss a `@required` member somewhere inside.
    pub may_miss: bool,
    /// Which way values of the type cross the wire (see [`Directions`]).
    pub directions: Directions,
}

/// Which way a type's values cross the wire, from the operations that hold them: what a
/// client sends (inside an input) and what it receives (inside an output or an error). A
/// client writes the one and reads the other; a server (the generated crate's `server`
/// feature) does the opposite. A type no operation holds, and every type of an event stream
/// (whose events both sides write and read), counts as both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directions {
    /// Held by an operation's input.
    pub sent: bool,
    /// Held by an operation's output or error.
    pub received: bool,
}

impl Default for Directions {
    fn default() -> Self {
        Directions {
            sent: true,
            received: true,
        }
    }
}

impl Directions {
    /// Whether writing a value is needed only by a server: the type is received, never sent.
    pub fn write_server_only(&self) -> bool {
        !self.sent
    }

    /// Whether reading a value is needed only by a server: the type is sent, never received.
    pub fn read_server_only(&self) -> bool {
        !self.received
    }
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
    /// The name of its builder (`ParticipantDetailsBuilder`).
    pub builder_name: String,
    /// Which operations' messages it is (decided by the [`analysis`], as are the two below).
    pub roles: Roles,
    /// The structs that hold the body members of a message, set when the structure is a
    /// message with body members and members bound elsewhere (headers, labels...).
    pub body_holder: Option<BodyHolder>,
    /// For a structure an operation returns as an error: the index in `fields` of its message
    /// (the member named `message` or `errorMessage` in any case, holding a string), if it has
    /// one. It is read from any of the keys `message`, `Message` and `errorMessage`.
    pub error_message: Option<usize>,
    /// The operations (indices into [`Crate::operations`], ascending) whose input, output or
    /// error it is, so its docs can link to them.
    pub operations: Vec<usize>,
    /// For an event-stream operation's input or output: the member holding the event stream
    /// (a `@streaming` union). It is not a field: the message is the initial request or
    /// response, and the events go through the operation's event writer and reader.
    pub event_stream: Option<(String, TypeRef)>,
    /// For a structure that is an event of a `@streaming` union: where its members go in the
    /// event's message.
    pub event: Option<Box<EventDef>>,
}

/// How an event structure's members make a message (restJson1 event streams).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDef {
    /// The `@eventHeader` members (indices into the structure's fields), in model order.
    pub headers: Vec<usize>,
    /// What the payload holds.
    pub payload: EventPayload,
}

/// What an event's payload holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventPayload {
    /// Nothing: every member is a header (no `:content-type` either).
    Empty,
    /// The `@eventPayload` member (an index into the fields): a blob's bytes, a string's
    /// UTF-8, or a structure or union as JSON.
    Member(usize),
    /// The members that are not headers, as a JSON object, read and written through these
    /// private structs.
    Body {
        /// The members (indices into the fields), in model order.
        fields: Vec<usize>,
        /// The structs holding them.
        holder: BodyHolder,
    },
}

/// Where a structure is an operation's message. One structure can be several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    /// Some operation's input.
    pub input: bool,
    /// Some operation's output.
    pub output: bool,
    /// Some operation's error.
    pub error: bool,
}

impl Roles {
    /// Whether it is a message at all: it has HTTP bindings.
    pub fn message(&self) -> bool {
        self.input || self.response()
    }

    /// Whether it is a response (an output or an error), whose body is always a JSON object.
    pub fn response(&self) -> bool {
        self.output || self.error
    }
}

/// The private structs through which a message's body members are read and written, when the
/// message has members outside the body too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHolder {
    /// The struct the body is read into (`__StartChatContactRequestBody`).
    pub owned: String,
    /// The struct borrowing the message to write its body (`__StartChatContactRequestBodyRef`).
    pub borrowed: String,
}

/// What an error structure declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code on the wire (`__type`, `X-Amzn-Errortype`): the shape id's name, which
    /// is also its shape name, since a service cannot rename an error.
    pub code: String,
    /// Client or server fault.
    pub fault: ErrorFault,
    /// `@httpError`, or the protocol default (400 client, 500 server).
    pub status: u16,
    /// `@retryable`: whether a client may retry the error, and whether it is throttling.
    pub retry: Option<RetryClass>,
}

/// How a `@retryable` error is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// `@retryable`: a transient failure.
    Transient,
    /// `@retryable(throttling: true)`.
    Throttling,
}

/// A structure member as a Rust field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The member name in the model.
    pub member_name: String,
    /// The name in JSON documents (`@jsonName` or the member name).
    pub wire_name: String,
    /// The Rust field name, which is also the name of the builder method that sets it.
    pub rust_name: String,
    /// The builder method that sets or clears it (`set_instance_id`).
    pub setter_name: String,
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
    /// `@hostLabel`: on an operation input, the value also fills the label of the same name in
    /// the operation's `@endpoint` host prefix.
    pub host_label: bool,
    /// Documentation lines: the model's docs, then the facts (wire name, required, limits...).
    pub docs: Vec<String>,
    /// Where the member goes in an HTTP message (meaningful on operation inputs, outputs and
    /// errors; nested structures always use [`HttpBinding::Body`]).
    pub http: HttpBinding,
    /// Wire encodings that the Rust type does not say (timestamp formats, media types).
    pub encoding: Encoding,
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
    /// `@internal` (or, for the `enum` trait, tagged `internal`): a valid value that
    /// validation messages do not list.
    pub internal: bool,
    /// Documentation lines: the model's docs, then the wire value.
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
    /// `@streaming`: the union is the events of an event stream.
    pub event_stream: bool,
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
    /// The method telling whether a value is this member (`is_text`).
    pub is_fn: String,
    /// The method borrowing this member's value (`as_text`); `None` for unit members.
    pub as_fn: Option<String>,
    /// The value type; `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    /// Boxed to break a recursion.
    pub boxed: bool,
    /// Printed redacted in `Debug`.
    pub redacted: bool,
    /// Constraints from the member and its target.
    pub constraints: Constraints,
    /// Documentation lines: the member's (or its target's) docs, then the wire name.
    pub docs: Vec<String>,
    /// Wire encodings that the Rust type does not say.
    pub encoding: Encoding,
    /// In a `@streaming` union: the member targets an `@error` structure, so it is a modeled
    /// exception of the stream rather than an event.
    pub event_exception: bool,
}
