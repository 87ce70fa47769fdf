//! Traits: typed values for the traits the generator uses, raw JSON kept for every trait.
//!
//! Every typed trait is parsed while the model loads, so a trait of the wrong form is reported
//! with its shape and trait id before anything is generated.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ModelError;

/// `smithy.api#length`: bounds on a string's characters, a blob's bytes or a collection's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    /// Inclusive lower bound.
    pub min: Option<u64>,
    /// Inclusive upper bound.
    pub max: Option<u64>,
}

/// A number as the model writes it: the value and its text, so messages print `2.2` as `2.2`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelNumber {
    /// The number's text as serde_json renders it (integers without a fraction).
    pub text: String,
    /// The value as a float, for comparisons in the generator.
    pub value: f64,
}

/// `smithy.api#range`: inclusive numeric bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Inclusive lower bound.
    pub min: Option<ModelNumber>,
    /// Inclusive upper bound.
    pub max: Option<ModelNumber>,
}

/// The value of `smithy.api#enumValue`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    /// On `enum` members.
    String(String),
    /// On `intEnum` members.
    Int(i64),
}

/// One entry of the Smithy 1.0 `smithy.api#enum` trait on a string shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDefinition {
    /// The wire value.
    pub value: String,
    /// The optional constant name, used for the Rust variant when present.
    pub name: Option<String>,
    /// Documentation of the value.
    pub documentation: Option<String>,
    /// Whether the value is tagged `internal` (left out of validation messages).
    pub internal: bool,
}

/// `smithy.api#error`: who is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    /// `"client"`.
    Client,
    /// `"server"`.
    Server,
}

/// `smithy.api#http` on an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The HTTP method, e.g. `PUT`.
    pub method: String,
    /// The URI pattern, e.g. `/contact/chat`.
    pub uri: String,
    /// The success status code (200 when the model omits it).
    pub code: u16,
}

/// `smithy.api#timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `date-time`: RFC 3339.
    DateTime,
    /// `http-date`: RFC 7231 IMF-fixdate.
    HttpDate,
    /// `epoch-seconds`: seconds since the Unix epoch, with an optional fraction.
    EpochSeconds,
}

/// Known trait ids.
pub mod ids {
    #![allow(missing_docs)]
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const LENGTH: &str = "smithy.api#length";
    pub const RANGE: &str = "smithy.api#range";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ENUM: &str = "smithy.api#enum";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const HTTP: &str = "smithy.api#http";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
    pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const BOX: &str = "smithy.api#box";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const ADDED_DEFAULT: &str = "smithy.api#addedDefault";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const TITLE: &str = "smithy.api#title";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const INTERNAL: &str = "smithy.api#internal";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const AWS_SERVICE: &str = "aws.api#service";
}

/// The traits applied to a shape or member.
///
/// The typed fields are filled while loading; `raw` keeps every trait, known or not, as JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits {
    /// `smithy.api#documentation`.
    pub documentation: Option<String>,
    /// `smithy.api#required`.
    pub required: bool,
    /// `smithy.api#sensitive`.
    pub sensitive: bool,
    /// `smithy.api#length`.
    pub length: Option<Length>,
    /// `smithy.api#range`.
    pub range: Option<Range>,
    /// `smithy.api#pattern`.
    pub pattern: Option<String>,
    /// `smithy.api#enumValue`.
    pub enum_value: Option<EnumValue>,
    /// The Smithy 1.0 `smithy.api#enum` trait.
    pub enum_definitions: Option<Vec<EnumDefinition>>,
    /// `smithy.api#default`, as JSON (`null` included: it removes a target's default).
    pub default: Option<Value>,
    /// `smithy.api#error`.
    pub error: Option<ErrorFault>,
    /// `smithy.api#httpError`.
    pub http_error: Option<u16>,
    /// `smithy.api#http`.
    pub http: Option<Http>,
    /// `smithy.api#jsonName`.
    pub json_name: Option<String>,
    /// `smithy.api#idempotencyToken`.
    pub idempotency_token: bool,
    /// `smithy.api#uniqueItems`.
    pub unique_items: bool,
    /// `smithy.api#timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#httpLabel`.
    pub http_label: bool,
    /// `smithy.api#httpQuery`: the query parameter name.
    pub http_query: Option<String>,
    /// `smithy.api#httpQueryParams`.
    pub http_query_params: bool,
    /// `smithy.api#httpHeader`: the header name.
    pub http_header: Option<String>,
    /// `smithy.api#httpPrefixHeaders`: the header prefix.
    pub http_prefix_headers: Option<String>,
    /// `smithy.api#httpPayload`.
    pub http_payload: bool,
    /// `smithy.api#httpResponseCode`.
    pub http_response_code: bool,
    /// `smithy.api#mediaType`.
    pub media_type: Option<String>,
    /// `smithy.api#streaming`.
    pub streaming: bool,
    /// `smithy.api#eventHeader`.
    pub event_header: bool,
    /// `smithy.api#eventPayload`.
    pub event_payload: bool,
    /// `smithy.api#deprecated`: the message, if any (empty when the trait has none).
    pub deprecated: Option<String>,
    /// `smithy.api#internal`.
    pub internal: bool,
    /// `smithy.api#endpoint`: the host prefix template (`{label}.data.`).
    pub host_prefix: Option<String>,
    /// `smithy.api#hostLabel`.
    pub host_label: bool,
    /// `smithy.api#httpChecksumRequired`.
    pub http_checksum_required: bool,
    /// `smithy.api#requestCompression`: the encodings, lower case, in the model's order of
    /// preference.
    pub request_compression: Option<Vec<String>>,
    /// `smithy.api#retryable`: `Some(true)` when it says `throttling: true`.
    pub retryable: Option<bool>,
    /// Every trait as written in the model, by trait id.
    pub raw: BTreeMap<String, Value>,
}

impl Traits {
    /// The string property `key` of the object trait `trait_id` (for example the `name` of
    /// `aws.auth#sigv4`), when the trait is present and the property is a string.
    pub fn string_property(&self, trait_id: &str, key: &str) -> Option<&str> {
        self.raw.get(trait_id)?.get(key)?.as_str()
    }

    /// Parses a `traits` object; problems are pushed to `errors` naming `owner` (a shape or member id).
    pub(crate) fn parse(
        owner: &str,
        raw: &serde_json::Map<String, Value>,
        errors: &mut Vec<ModelError>,
    ) -> Traits {
        let mut traits = Traits::default();
        for (trait_id, value) in raw {
            let mut bad = |reason: String| {
                errors.push(ModelError::InvalidTraitValue {
                    id: owner.to_owned(),
                    trait_id: trait_id.clone(),
                    reason,
                })
            };
            match apply(&mut traits, trait_id, value) {
                Ok(()) => {}
                Err(reason) => bad(reason),
            }
            traits.raw.insert(trait_id.clone(), value.clone());
        }
        traits
    }

    /// Whether a trait with this id is applied.
    pub fn has(&self, trait_id: &str) -> bool {
        self.raw.contains_key(trait_id)
    }
}

/// Sets the typed field for one trait; `Err` says why the value has the wrong form.
fn apply(t: &mut Traits, trait_id: &str, value: &Value) -> Result<(), String> {
    match trait_id {
        ids::DOCUMENTATION => t.documentation = Some(string(value)?),
        ids::REQUIRED => t.required = annotation(value)?,
        ids::SENSITIVE => t.sensitive = annotation(value)?,
        ids::IDEMPOTENCY_TOKEN => t.idempotency_token = annotation(value)?,
        ids::UNIQUE_ITEMS => t.unique_items = annotation(value)?,
        ids::HTTP_LABEL => t.http_label = annotation(value)?,
        ids::HTTP_QUERY_PARAMS => t.http_query_params = annotation(value)?,
        ids::HTTP_PAYLOAD => t.http_payload = annotation(value)?,
        ids::HTTP_RESPONSE_CODE => t.http_response_code = annotation(value)?,
        ids::STREAMING => t.streaming = annotation(value)?,
        ids::EVENT_HEADER => t.event_header = annotation(value)?,
        ids::EVENT_PAYLOAD => t.event_payload = annotation(value)?,
        ids::INTERNAL => t.internal = annotation(value)?,
        ids::HOST_LABEL => t.host_label = annotation(value)?,
        ids::HTTP_CHECKSUM_REQUIRED => t.http_checksum_required = annotation(value)?,
        ids::ENDPOINT => t.host_prefix = Some(endpoint(value)?),
        ids::REQUEST_COMPRESSION => t.request_compression = Some(request_compression(value)?),
        ids::RETRYABLE => t.retryable = Some(retryable(value)?),
        ids::LENGTH => t.length = Some(length(value)?),
        ids::RANGE => t.range = Some(range(value)?),
        // Not checked as a regular expression here: a pattern the generated validator cannot
        // evaluate is a warning of generation (see `crate::pattern`), never a failed model.
        ids::PATTERN => t.pattern = Some(string(value)?),
        ids::ENUM_VALUE => t.enum_value = Some(enum_value(value)?),
        ids::ENUM => t.enum_definitions = Some(enum_definitions(value)?),
        ids::DEFAULT => t.default = Some(value.clone()),
        ids::ERROR => {
            t.error = Some(match value.as_str() {
                Some("client") => ErrorFault::Client,
                Some("server") => ErrorFault::Server,
                _ => {
                    return Err(format!(
                        "expected \"client\" or \"server\", found {}",
                        kind(value)
                    ));
                }
            })
        }
        ids::HTTP_ERROR => t.http_error = Some(status_code(value)?),
        ids::HTTP => t.http = Some(http(value)?),
        ids::JSON_NAME => t.json_name = Some(string(value)?),
        ids::TIMESTAMP_FORMAT => {
            t.timestamp_format = Some(match value.as_str() {
                Some("date-time") => TimestampFormat::DateTime,
                Some("http-date") => TimestampFormat::HttpDate,
                Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                _ => {
                    return Err(format!(
                        "expected \"date-time\", \"http-date\" or \"epoch-seconds\", found {}",
                        kind(value)
                    ));
                }
            })
        }
        ids::HTTP_QUERY => t.http_query = Some(non_empty_string(value)?),
        ids::HTTP_HEADER => t.http_header = Some(non_empty_string(value)?),
        ids::HTTP_PREFIX_HEADERS => t.http_prefix_headers = Some(string(value)?),
        ids::MEDIA_TYPE => t.media_type = Some(string(value)?),
        // Mixins are flattened away before the model is built; the value is only checked.
        ids::MIXIN => mixin(value)?,
        ids::DEPRECATED => {
            let object = value
                .as_object()
                .ok_or_else(|| format!("expected an object, found {}", kind(value)))?;
            let message = match object.get("message") {
                None => String::new(),
                Some(m) => string(m).map_err(|e| format!("`message`: {e}"))?,
            };
            t.deprecated = Some(message);
        }
        _ => {}
    }
    Ok(())
}

/// Describes a JSON value's kind for messages: `a string`, `the number 3`, ...
pub(crate) fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn string(value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("expected a string, found {}", kind(value)))
}

fn non_empty_string(value: &Value) -> Result<String, String> {
    let s = string(value)?;
    if s.is_empty() {
        return Err("expected a non-empty string".to_owned());
    }
    Ok(s)
}

fn annotation(value: &Value) -> Result<bool, String> {
    match value {
        Value::Object(o) if o.is_empty() => Ok(true),
        // Smithy 1.0 wrote annotation traits as `true`.
        Value::Bool(true) => Ok(true),
        _ => Err(format!("expected an empty object, found {}", kind(value))),
    }
}

/// `@retryable`: an object whose optional `throttling` is a boolean; whether it is set.
fn retryable(value: &Value) -> Result<bool, String> {
    let object = value
        .as_object()
        .ok_or_else(|| format!("expected an object, found {}", kind(value)))?;
    match object.get("throttling") {
        None => Ok(false),
        Some(Value::Bool(throttling)) => Ok(*throttling),
        Some(other) => Err(format!(
            "`throttling`: expected a boolean, found {}",
            kind(other)
        )),
    }
}

fn status_code(value: &Value) -> Result<u16, String> {
    value
        .as_u64()
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| (100..=599).contains(n))
        .ok_or_else(|| {
            format!(
                "expected an HTTP status code between 100 and 599, found {}",
                kind(value)
            )
        })
}

fn object(value: &Value) -> Result<&serde_json::Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("expected an object, found {}", kind(value)))
}

fn length(value: &Value) -> Result<Length, String> {
    let o = object(value)?;
    let bound = |name: &str| -> Result<Option<u64>, String> {
        match o.get(name) {
            None => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                format!("`{name}` must be a non-negative integer, found {}", kind(v))
            }),
        }
    };
    let length = Length {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let Some(unknown) = o.keys().find(|k| !matches!(k.as_str(), "min" | "max")) {
        return Err(format!(
            "unknown property `{unknown}`; expected `min` and/or `max`"
        ));
    }
    if let (Some(min), Some(max)) = (length.min, length.max)
        && min > max
    {
        return Err(format!("`min` ({min}) is greater than `max` ({max})"));
    }
    Ok(length)
}

fn range(value: &Value) -> Result<Range, String> {
    let o = object(value)?;
    let bound = |name: &str| -> Result<Option<ModelNumber>, String> {
        match o.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                let value = n
                    .as_f64()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("`{name}` is not a finite number"))?;
                Ok(Some(ModelNumber {
                    text: n.to_string(),
                    value,
                }))
            }
            Some(v) => Err(format!("`{name}` must be a number, found {}", kind(v))),
        }
    };
    let range = Range {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let Some(unknown) = o.keys().find(|k| !matches!(k.as_str(), "min" | "max")) {
        return Err(format!(
            "unknown property `{unknown}`; expected `min` and/or `max`"
        ));
    }
    if let (Some(min), Some(max)) = (&range.min, &range.max)
        && min.value > max.value
    {
        return Err(format!(
            "`min` ({}) is greater than `max` ({})",
            min.text, max.text
        ));
    }
    Ok(range)
}

fn enum_value(value: &Value) -> Result<EnumValue, String> {
    match value {
        Value::String(s) if !s.is_empty() => Ok(EnumValue::String(s.clone())),
        Value::Number(n) => n
            .as_i64()
            .filter(|v| i32::try_from(*v).is_ok())
            .map(EnumValue::Int)
            .ok_or_else(|| format!("expected a 32-bit integer, found {}", kind(value))),
        _ => Err(format!(
            "expected a non-empty string or an integer, found {}",
            kind(value)
        )),
    }
}

fn enum_definitions(value: &Value) -> Result<Vec<EnumDefinition>, String> {
    let entries = value
        .as_array()
        .ok_or_else(|| format!("expected an array, found {}", kind(value)))?;
    if entries.is_empty() {
        return Err("expected at least one enum definition".to_owned());
    }
    let mut definitions = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let o = object(entry).map_err(|e| format!("entry {i}: {e}"))?;
        let field = |name: &str| -> Result<Option<String>, String> {
            match o.get(name) {
                None => Ok(None),
                Some(v) => string(v)
                    .map(Some)
                    .map_err(|e| format!("entry {i}: `{name}`: {e}")),
            }
        };
        let value = field("value")?.ok_or_else(|| format!("entry {i}: missing `value`"))?;
        let internal = match o.get("tags") {
            None => false,
            Some(tags) => tags
                .as_array()
                .filter(|tags| tags.iter().all(Value::is_string))
                .ok_or_else(|| format!("entry {i}: `tags` must be an array of strings"))?
                .iter()
                .any(|tag| tag.as_str() == Some("internal")),
        };
        definitions.push(EnumDefinition {
            value,
            name: field("name")?,
            documentation: field("documentation")?,
            internal,
        });
    }
    Ok(definitions)
}

/// `smithy.api#mixin`: `{}` or `{"localTraits": ["ns#trait", ...]}`.
fn mixin(value: &Value) -> Result<(), String> {
    let o = object(value)?;
    if let Some(unknown) = o.keys().find(|k| *k != "localTraits") {
        return Err(format!(
            "unknown property `{unknown}`; expected only `localTraits`"
        ));
    }
    let Some(local) = o.get("localTraits") else {
        return Ok(());
    };
    let items = local
        .as_array()
        .ok_or_else(|| format!("`localTraits` must be an array, found {}", kind(local)))?;
    for item in items {
        if item.as_str().and_then(super::ShapeId::parse).is_none() {
            return Err(format!(
                "`localTraits` must hold absolute trait ids (`namespace#name`), found {}",
                kind(item)
            ));
        }
    }
    Ok(())
}

fn http(value: &Value) -> Result<Http, String> {
    let o = object(value)?;
    let method = o
        .get("method")
        .ok_or("missing `method`")?
        .as_str()
        .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()))
        .ok_or("`method` must be an upper-case HTTP method name")?
        .to_owned();
    let uri = o
        .get("uri")
        .ok_or("missing `uri`")?
        .as_str()
        .filter(|u| u.starts_with('/'))
        .ok_or("`uri` must be a string starting with `/`")?
        .to_owned();
    let code = match o.get("code") {
        None => 200,
        Some(c) => status_code(c).map_err(|e| format!("`code`: {e}"))?,
    };
    Ok(Http { method, uri, code })
}

/// `smithy.api#endpoint`: `{"hostPrefix": "..."}`; the template's labels are checked against
/// the input when the operation is built.
fn endpoint(value: &Value) -> Result<String, String> {
    let o = object(value)?;
    let prefix = o.get("hostPrefix").ok_or("missing `hostPrefix`")?;
    let prefix = string(prefix).map_err(|e| format!("`hostPrefix`: {e}"))?;
    if prefix.is_empty() {
        return Err("`hostPrefix` must not be empty".to_owned());
    }
    Ok(prefix)
}

/// `smithy.api#requestCompression`: `{"encodings": ["gzip", ...]}`, at least one encoding.
fn request_compression(value: &Value) -> Result<Vec<String>, String> {
    let o = object(value)?;
    let encodings = o
        .get("encodings")
        .ok_or("missing `encodings`")?
        .as_array()
        .ok_or("`encodings` must be an array of strings")?;
    let mut out = Vec::with_capacity(encodings.len());
    for e in encodings {
        let e = e
            .as_str()
            .ok_or("`encodings` must be an array of strings")?;
        out.push(e.to_ascii_lowercase());
    }
    if out.is_empty() {
        return Err("`encodings` must not be empty".to_owned());
    }
    Ok(out)
}
