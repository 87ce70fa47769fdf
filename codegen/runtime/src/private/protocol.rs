//! restJson1 over `http` messages: the `Operation` trait, the errors of both directions, and
//! the helpers the generated conversions call (percent-encoding, header lists, error codes);
//! the generic operation glue is in `protocol_operation`, re-exported here. No I/O: any HTTP
//! client or server can carry the messages.

use std::fmt;
use std::time::SystemTime;

use ::http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::__private::json::JsonError;
use crate::validation::ValidationError;

// The generic operation glue lives in `protocol_operation`; generated code reaches it here.

pub use crate::__private::protocol_operation::{
    Message, read_request, read_response, unconstrained, unhandled_response, write_error,
    write_request, write_response, write_unit_response,
};

/// One restJson1 operation: its types and the four conversions between typed values and HTTP
/// messages, so generic code (a signing-and-sending helper, a test server) can work over any
/// operation.
pub trait Operation {
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error enum.
    type Error: std::error::Error;
    /// The operation name (`StartChatContact`).
    const NAME: &'static str;
    /// The HTTP method (`PUT`).
    const METHOD: &'static str;
    /// The `@http` URI template (`/contact/chat`).
    const URI_TEMPLATE: &'static str;
    /// The status code of a successful response.
    const SUCCESS_CODE: u16;

    /// Client: the request for `input`, sent to `endpoint` (a base URL such as
    /// `https://connect.us-east-1.amazonaws.com`, possibly with a path prefix). Unset
    /// `@idempotencyToken` members are filled with a fresh UUID v4.
    fn serialize_request(
        input: &Self::Input,
        endpoint: &str,
    ) -> Result<::http::Request<Vec<u8>>, SerializeError>;

    /// Client: the output of a 2xx response, or the error of any other response. A response
    /// that cannot be parsed becomes the error enum's `Unhandled` variant.
    fn parse_response<B: AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Result<Self::Output, Self::Error>;

    /// Server: the input of a request, deserialized and then validated.
    fn parse_request<B: AsRef<[u8]>>(
        request: &::http::Request<B>,
    ) -> Result<Self::Input, RequestRejection>;

    /// Server: the response carrying `output`. A value that cannot be written (a header value
    /// with control characters, an unknown union member) gives a 500 `InternalFailure`.
    fn serialize_response(output: &Self::Output) -> ::http::Response<Vec<u8>>;

    /// Server: the response carrying `error`, with its `@httpError` status.
    fn serialize_error(error: &Self::Error) -> ::http::Response<Vec<u8>>;
}

/// A value that cannot be written as an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    message: String,
}

impl SerializeError {
    pub fn new(message: impl Into<String>) -> Self {
        SerializeError {
            message: message.into(),
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot serialize the message: {}", self.message)
    }
}

impl std::error::Error for SerializeError {}

impl From<JsonError> for SerializeError {
    fn from(error: JsonError) -> Self {
        SerializeError::new(error.to_string())
    }
}

/// An error response this crate does not model, or one it could not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct UnhandledError {
    code: Option<String>,
    message: Option<String>,
    status: ::http::StatusCode,
    headers: HeaderMap,
}

impl UnhandledError {
    /// An error with this code, message, status and headers.
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        status: ::http::StatusCode,
        headers: HeaderMap,
    ) -> Self {
        UnhandledError {
            code,
            message,
            status,
            headers,
        }
    }

    /// The error code (the shape name of the error), when the response named one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, when the response carried one (or why it could not be parsed).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> ::http::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unhandled error (HTTP {}): {}",
            self.status.as_u16(),
            self.code.as_deref().unwrap_or("no error code")
        )?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// Why a server refuses a request before the operation runs.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestRejection {
    /// Constraint violations, missing required members included: 400 `ValidationException`.
    Validation(ValidationError),
    /// A body that is not valid JSON or has the wrong types, or a header, label or query value
    /// of the wrong form: 400 `SerializationException`.
    Serialization(String),
    /// A `Content-Type` the operation does not accept: 415.
    UnsupportedMediaType(Option<String>),
    /// A method other than the operation's: 405.
    MethodNotAllowed(String),
    /// A path that does not match the operation's URI template: 404.
    NotFound(String),
}

impl RequestRejection {
    /// The response a Smithy server gives for this rejection.
    pub fn into_http_response(self) -> ::http::Response<Vec<u8>> {
        let (status, code, body) = match &self {
            RequestRejection::Validation(error) => (400, "ValidationException", error.to_json()),
            RequestRejection::Serialization(message) => (
                400,
                "SerializationException",
                serde_json::json!({ "message": message }).to_string(),
            ),
            RequestRejection::UnsupportedMediaType(_) => {
                (415, "UnsupportedMediaTypeException", "{}".to_owned())
            }
            RequestRejection::MethodNotAllowed(_) => {
                (405, "UnknownOperationException", "{}".to_owned())
            }
            RequestRejection::NotFound(_) => (404, "UnknownOperationException", "{}".to_owned()),
        };
        error_response(status, code, body.into_bytes())
    }
}

impl fmt::Display for RequestRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestRejection::Validation(error) => error.fmt(f),
            RequestRejection::Serialization(m) => write!(f, "malformed request: {m}"),
            RequestRejection::UnsupportedMediaType(t) => write!(
                f,
                "unsupported Content-Type {}",
                t.as_deref().unwrap_or("(none)")
            ),
            RequestRejection::MethodNotAllowed(m) => write!(f, "method {m} not allowed"),
            RequestRejection::NotFound(p) => write!(f, "no operation at {p}"),
        }
    }
}

impl std::error::Error for RequestRejection {}

/// A server's `X-Amzn-ErrorType` response with a JSON body.
pub fn error_response(status: u16, code: &str, body: Vec<u8>) -> ::http::Response<Vec<u8>> {
    let mut response = ::http::Response::new(body);
    *response.status_mut() =
        ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        ::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(code) {
        headers.insert("x-amzn-errortype", value);
    }
    response
}

// ---------------------------------------------------------------------------------------------
// Outgoing and incoming message parts

/// The parts of a message that a structure writes (the operation adds method, path and status).
#[derive(Debug, Default)]
pub struct Outgoing {
    /// Headers.
    pub headers: HeaderMap,
    /// Query parameters, already percent-encoded, in order.
    pub query: Vec<(String, String)>,
    /// Label values by label name, not yet encoded.
    pub labels: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The `@httpResponseCode` value.
    pub status: Option<u16>,
}

impl Outgoing {
    /// Adds a header (its value must be a valid header value).
    pub fn header(&mut self, name: &str, value: &str) -> Result<(), SerializeError> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| SerializeError::new(format!("`{name}` is not a valid header name")))?;
        let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
            SerializeError::new(format!(
                "the value of header `{name}` has characters HTTP does not allow"
            ))
        })?;
        self.headers.append(header, value);
        Ok(())
    }

    /// Sets the `Content-Type`.
    pub fn content_type(&mut self, value: &str) -> Result<(), SerializeError> {
        self.header("content-type", value)
    }

    /// Adds a query parameter (encoded here).
    pub fn query(&mut self, name: &str, value: &str) {
        self.query.push((encode(name, false), encode(value, false)));
    }

    /// Whether a query parameter with this (unencoded) name is already set.
    pub fn has_query(&self, name: &str) -> bool {
        let name = encode(name, false);
        self.query.iter().any(|(k, _)| *k == name)
    }

    /// Sets a label value.
    pub fn label(&mut self, name: &'static str, value: String) {
        self.labels.push((name, value));
    }
}

/// The parts of a received message a structure reads.
pub struct Incoming<'a> {
    /// The status (0 for a request).
    pub status: u16,
    /// Headers.
    pub headers: &'a HeaderMap,
    /// Decoded query parameters, in order.
    pub query: &'a [(String, String)],
    /// Decoded label values by label name.
    pub labels: &'a [(&'static str, String)],
    /// The body.
    pub body: &'a [u8],
    /// Whether a server is reading a request (missing required members are collected).
    pub server: bool,
}

impl Incoming<'_> {
    /// The values of a header joined with `,` (a header may be sent on several lines); `None`
    /// when absent. Values that are not UTF-8 are an error.
    pub fn header(&self, name: &str) -> Result<Option<String>, String> {
        let mut joined: Option<String> = None;
        for value in self.headers.get_all(name) {
            let text = std::str::from_utf8(value.as_bytes())
                .map_err(|_| format!("header `{name}` is not UTF-8"))?;
            match &mut joined {
                Some(j) => {
                    j.push_str(", ");
                    j.push_str(text);
                }
                None => joined = Some(text.to_owned()),
            }
        }
        Ok(joined)
    }

    /// `(suffix, value)` for every header starting with `prefix` (case-insensitive); header
    /// names are lower case.
    pub fn prefixed_headers(&self, prefix: &str) -> Result<Vec<(String, String)>, String> {
        let prefix = prefix.to_ascii_lowercase();
        let mut found = Vec::new();
        for name in self.headers.keys() {
            if let Some(suffix) = name.as_str().strip_prefix(prefix.as_str())
                && let Some(value) = self.header(name.as_str())?
            {
                found.push((suffix.to_owned(), value));
            }
        }
        Ok(found)
    }

    /// The first value of a query parameter.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a query parameter, in order (`None` when absent).
    pub fn query_values(&self, name: &str) -> Option<Vec<&str>> {
        let values: Vec<&str> = self
            .query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// A label's value.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body, or `{}` when it has no JSON payload (see [`Self::has_json_payload`]).
    pub fn json_body(&self) -> &[u8] {
        if self.has_json_payload() {
            self.body
        } else {
            b"{}"
        }
    }

    /// Whether the body holds more than JSON whitespace (space, tab, line feed, carriage
    /// return; not form feed, which `u8::is_ascii_whitespace` would accept but JSON does not):
    /// the one rule for "the body is absent" of JSON bodies and JSON `@httpPayload` members.
    pub fn has_json_payload(&self) -> bool {
        !self
            .body
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }
}

/// Why a message part could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The JSON body.
    Json(JsonError),
    /// A header, label, query value or payload.
    Binding(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Json(e) => e.fmt(f),
            ReadError::Binding(m) => f.write_str(m),
        }
    }
}

/// Reads a JSON body (an empty one reads as `{}`) as a client or a server.
pub fn read_json<'a, T: serde::Deserialize<'a>>(
    body: &'a [u8],
    server: bool,
    missing: &mut Vec<String>,
) -> Result<T, ReadError> {
    if server {
        let (value, found) =
            crate::__private::json::from_slice_server(body).map_err(ReadError::Json)?;
        missing.extend(found);
        Ok(value)
    } else {
        crate::__private::json::from_slice(body).map_err(ReadError::Json)
    }
}

/// A required member bound to a header, label or query parameter is absent.
pub fn missing_binding<T: crate::__private::json::Placeholder>(
    member: &str,
    location: &str,
    server: bool,
    missing: &mut Vec<String>,
) -> Result<T, ReadError> {
    if server {
        missing.push(format!("/{member}"));
        Ok(T::placeholder())
    } else {
        Err(ReadError::Binding(format!(
            "missing required member `{member}` ({location})"
        )))
    }
}

// ---------------------------------------------------------------------------------------------
// Text forms of values (labels, query parameters, headers)

/// Percent-encodes everything but the unreserved characters (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes; with `plus_is_space`, `+` is a space (query strings).
pub fn decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Decoded `(name, value)` pairs of a query string.
pub fn parse_query(query: Option<&str>) -> Result<Vec<(String, String)>, RequestRejection> {
    let mut pairs = Vec::new();
    for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let bad = || {
            RequestRejection::Serialization(format!(
                "invalid percent-encoding in query parameter `{part}`"
            ))
        };
        pairs.push((
            decode(k, true).ok_or_else(bad)?,
            decode(v, true).ok_or_else(bad)?,
        ));
    }
    Ok(pairs)
}

/// One segment of a URI template's path.
pub enum PathSegment {
    /// Literal text.
    Literal(&'static str),
    /// A label.
    Label(&'static str),
    /// A greedy label.
    Greedy(&'static str),
}

/// Builds the path of a request from the template and the label values.
pub fn build_path(
    template: &[PathSegment],
    labels: &[(&'static str, String)],
) -> Result<String, SerializeError> {
    let mut path = String::new();
    for segment in template {
        path.push('/');
        let (name, greedy) = match segment {
            PathSegment::Literal(text) => {
                path.push_str(text);
                continue;
            }
            PathSegment::Label(name) => (name, false),
            PathSegment::Greedy(name) => (name, true),
        };
        let value = labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| SerializeError::new(format!("the label `{name}` is not set")))?;
        let value = if greedy {
            value.trim_start_matches('/')
        } else {
            value
        };
        if value.is_empty() {
            return Err(SerializeError::new(format!("the label `{name}` is empty")));
        }
        path.push_str(&encode(value, greedy));
    }
    if path.is_empty() {
        path.push('/');
    }
    Ok(path)
}

/// Matches a request path against the template; the decoded label values.
pub fn match_path(template: &[PathSegment], path: &str) -> Option<Vec<(&'static str, String)>> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let segments: &[&str] = if segments == [""] { &[] } else { &segments };
    let greedy_at = template
        .iter()
        .position(|s| matches!(s, PathSegment::Greedy(_)));
    let mut labels = Vec::new();
    let one = |t: &PathSegment, s: &str, labels: &mut Vec<(&'static str, String)>| -> Option<()> {
        match t {
            PathSegment::Literal(text) => (*text == s).then_some(()),
            PathSegment::Label(name) => {
                let value = decode(s, false)?;
                (!value.is_empty()).then(|| labels.push((*name, value)))
            }
            PathSegment::Greedy(_) => None,
        }
    };
    match greedy_at {
        None => {
            if segments.len() != template.len() {
                return None;
            }
            for (t, s) in template.iter().zip(segments) {
                one(t, s, &mut labels)?;
            }
        }
        Some(g) => {
            let after = template.len() - g - 1;
            if segments.len() < template.len() {
                return None;
            }
            for (t, s) in template[..g].iter().zip(segments) {
                one(t, s, &mut labels)?;
            }
            let tail = &segments[segments.len() - after..];
            for (t, s) in template[g + 1..].iter().zip(tail) {
                one(t, s, &mut labels)?;
            }
            let middle = &segments[g..segments.len() - after];
            let mut value = Vec::with_capacity(middle.len());
            for s in middle {
                value.push(decode(s, false)?);
            }
            let value = value.join("/");
            if let PathSegment::Greedy(name) = &template[g]
                && !value.is_empty()
            {
                labels.push((*name, value));
            } else {
                return None;
            }
        }
    }
    Some(labels)
}

/// The text of a float: `NaN`, `Infinity`, `-Infinity` or the shortest decimal.
pub fn f64_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// The text of an `f32`.
pub fn f32_text(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        f64_text(f64::from(value))
    }
}

/// Parses a float's text, `NaN` and the infinities included.
pub fn parse_f64(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ if text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) =>
        {
            text.parse().ok()
        }
        _ => None,
    }
}

/// Parses an `f32`'s text.
pub fn parse_f32(text: &str) -> Option<f32> {
    match text {
        "NaN" => Some(f32::NAN),
        "Infinity" => Some(f32::INFINITY),
        "-Infinity" => Some(f32::NEG_INFINITY),
        _ => parse_f64(text).and_then(|_| text.parse().ok()),
    }
}

/// Parses `true` or `false`.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The timestamp formats of the text locations.
#[derive(Debug, Clone, Copy)]
pub enum TimeFormat {
    /// RFC 3339.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
    /// Epoch seconds.
    EpochSeconds,
}

/// A timestamp as text.
pub fn time_text(value: SystemTime, format: TimeFormat) -> Result<String, SerializeError> {
    match format {
        TimeFormat::DateTime => crate::__private::json::format_date_time(value),
        TimeFormat::HttpDate => crate::__private::json::format_http_date(value),
        TimeFormat::EpochSeconds => crate::__private::json::format_epoch_seconds(value),
    }
    .ok_or_else(|| SerializeError::new("a timestamp is out of the range that can be written"))
}

/// Parses a timestamp's text.
pub fn parse_time(text: &str, format: TimeFormat) -> Option<SystemTime> {
    match format {
        TimeFormat::DateTime => crate::__private::json::parse_date_time(text),
        TimeFormat::HttpDate => crate::__private::json::parse_http_date(text),
        TimeFormat::EpochSeconds => crate::__private::json::parse_epoch_seconds(text),
    }
}

/// A header list item: quoted (with `"` and `\` escaped) when it holds a comma or a quote.
pub fn quote_list_item(item: &str) -> String {
    if item.contains([',', '"']) || item.starts_with(' ') || item.ends_with(' ') {
        let escaped = item.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    } else {
        item.to_owned()
    }
}

/// Splits a header list on commas outside quoted strings, trimming unquoted items and
/// unquoting quoted ones (`\"` and `\\` escapes).
pub fn split_header_list(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut current = String::new();
    // 0: unquoted, 1: inside quotes, 2: after the closing quote.
    let mut state = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (state, c) {
            (1, '"') => state = 2,
            (1, '\\') => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            (1, c) => current.push(c),
            (0, '"') if current.trim().is_empty() => {
                current.clear();
                state = 1;
            }
            (_, ',') => {
                items.push(if state == 0 {
                    current.trim().to_owned()
                } else {
                    current.clone()
                });
                current.clear();
                state = 0;
            }
            (2, c) if c.is_whitespace() => {}
            (_, c) => current.push(c),
        }
    }
    items.push(if state == 0 {
        current.trim().to_owned()
    } else {
        current
    });
    items
}

/// Splits a list of HTTP dates (each of which holds a comma) on every second comma.
pub fn split_http_dates(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(',').collect();
    parts
        .chunks(2)
        .map(|pair| pair.join(",").trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Errors on the wire

/// The error code of a response: the `X-Amzn-ErrorType` header, else the body's `code`, else
/// its `__type`, sanitized; and the message from `message`, `Message` or `errorMessage`.
pub fn error_code_and_message(
    headers: &HeaderMap,
    body: &[u8],
) -> (Option<String>, Option<String>) {
    let envelope: ErrorEnvelope = crate::__private::json::from_slice(body).unwrap_or_default();
    let header = headers
        .get("x-amzn-errortype")
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
        .map(str::to_owned);
    let code = header
        .or(envelope.code)
        .or(envelope.type_)
        .map(|c| sanitize_error_code(&c).to_owned());
    (code, envelope.message)
}

/// Keeps what precedes the first `:`, then what follows the last `#`.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

#[derive(Default)]
struct ErrorEnvelope {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
}

impl<'de> serde::Deserialize<'de> for ErrorEnvelope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ErrorEnvelope;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ErrorEnvelope, A::Error> {
                let mut envelope = ErrorEnvelope::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<StringOrOther>()?.0;
                    let slot = match key.as_str() {
                        "code" => &mut envelope.code,
                        "__type" => &mut envelope.type_,
                        "message" | "Message" | "errorMessage" => &mut envelope.message,
                        _ => continue,
                    };
                    if slot.is_none() {
                        *slot = value;
                    }
                }
                Ok(envelope)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// A string, or anything else (ignored).
struct StringOrOther(Option<String>);

impl<'de> serde::Deserialize<'de> for StringOrOther {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = StringOrOther;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StringOrOther, E> {
                Ok(StringOrOther(Some(v.to_owned())))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StringOrOther, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(StringOrOther(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StringOrOther, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(StringOrOther(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}
