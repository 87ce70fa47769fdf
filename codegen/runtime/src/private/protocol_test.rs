//! What the protocol compliance tests generated from a model's `smithy.test` traits check
//! (feature `protocol-test`, which generated crates enable for their own tests only): the
//! messages a test builds from a case, and the comparisons of an HTTP message, or of a typed
//! value, with what the case expects. Every check reports every difference it finds at once,
//! in the panic of the test that made it.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde_json::Value;

use crate::primitives::{BigDecimal, BigInteger, Document, Number};

/// What a `smithy.test#httpRequestTests` case expects of the request a client sends.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExpectedRequest<'a> {
    /// The method.
    pub method: &'a str,
    /// The path (without the query string).
    pub uri: &'a str,
    /// `resolvedHost`: the host the request is sent to, when the case says.
    pub resolved_host: Option<&'a str>,
    /// `queryParams`: `key=value` pairs as sent (percent-encoded).
    pub query_params: &'a [&'a str],
    /// `forbidQueryParams`: keys that must not be sent.
    pub forbid_query_params: &'a [&'a str],
    /// `requireQueryParams`: keys that must be sent, whatever their values.
    pub require_query_params: &'a [&'a str],
    /// `headers`: names and values (a list as its comma-joined text).
    pub headers: &'a [(&'a str, &'a str)],
    /// `forbidHeaders`.
    pub forbid_headers: &'a [&'a str],
    /// `requireHeaders`.
    pub require_headers: &'a [&'a str],
    /// `body`, when the case says (empty means no body).
    pub body: Option<&'a str>,
    /// `bodyMediaType`: how to compare the body (JSON media types as JSON values, others as
    /// bytes).
    pub body_media_type: Option<&'a str>,
}

/// What a `smithy.test#httpResponseTests` case expects of the response a server writes, or
/// what a `smithy.test#httpMalformedRequestTests` case expects of a server's rejection.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExpectedResponse<'a> {
    /// The status code.
    pub code: u16,
    /// `headers`: names and values.
    pub headers: &'a [(&'a str, &'a str)],
    /// `forbidHeaders`.
    pub forbid_headers: &'a [&'a str],
    /// `requireHeaders`.
    pub require_headers: &'a [&'a str],
    /// `body`, when the case says (empty means no body).
    pub body: Option<&'a str>,
    /// `bodyMediaType`.
    pub body_media_type: Option<&'a str>,
    /// A malformed-request case's `messageRegex`: the body's `message` must match it.
    pub message_regex: Option<&'a str>,
}

/// The request a server test sends: the case's method, path, query parameters (as sent),
/// headers and body.
pub fn request(
    method: &str,
    uri: &str,
    query_params: &[&str],
    headers: &[(&str, &str)],
    body: &str,
) -> ::http::Request<Vec<u8>> {
    let uri = if query_params.is_empty() {
        uri.to_owned()
    } else {
        format!("{uri}?{}", query_params.join("&"))
    };
    let mut builder = ::http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    match builder.body(body.as_bytes().to_vec()) {
        Ok(request) => request,
        Err(error) => panic!("the test case's request is not a valid HTTP request: {error}"),
    }
}

/// The response a client test parses: the case's status, headers and body.
pub fn response(code: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<Vec<u8>> {
    let mut builder = ::http::Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    match builder.body(body.as_bytes().to_vec()) {
        Ok(response) => response,
        Err(error) => panic!("the test case's response is not a valid HTTP response: {error}"),
    }
}

/// Checks a request a client made against the case; panics listing every difference.
#[track_caller]
pub fn assert_request<B: AsRef<[u8]>>(
    request: &::http::Request<B>,
    expected: &ExpectedRequest<'_>,
) {
    let mut problems = Vec::new();
    if request.method().as_str() != expected.method {
        problems.push(format!(
            "method: expected {}, got {}",
            expected.method,
            request.method()
        ));
    }
    if request.uri().path() != expected.uri {
        problems.push(format!(
            "path: expected {:?}, got {:?}",
            expected.uri,
            request.uri().path()
        ));
    }
    if let Some(host) = expected.resolved_host {
        let actual = request
            .uri()
            .host()
            .map(str::to_owned)
            .or_else(|| header_text(request.headers(), "host"));
        if actual.as_deref() != Some(host) {
            problems.push(format!("host: expected {host:?}, got {actual:?}"));
        }
    }
    check_query(request.uri().query(), expected, &mut problems);
    check_headers(
        request.headers(),
        (
            expected.headers,
            expected.forbid_headers,
            expected.require_headers,
        ),
        &mut problems,
    );
    if let Some(body) = expected.body {
        check_body(
            request.body().as_ref(),
            body,
            expected.body_media_type,
            &mut problems,
        );
    }
    report("request", &problems);
}

/// Checks a response a server wrote (or a rejection it answered with) against the case;
/// panics listing every difference.
#[track_caller]
pub fn assert_response<B: AsRef<[u8]>>(
    response: &::http::Response<B>,
    expected: &ExpectedResponse<'_>,
) {
    let mut problems = Vec::new();
    if response.status().as_u16() != expected.code {
        problems.push(format!(
            "status: expected {}, got {}",
            expected.code,
            response.status().as_u16()
        ));
    }
    check_headers(
        response.headers(),
        (
            expected.headers,
            expected.forbid_headers,
            expected.require_headers,
        ),
        &mut problems,
    );
    let body = response.body().as_ref();
    if let Some(expected_body) = expected.body {
        check_body(body, expected_body, expected.body_media_type, &mut problems);
    }
    if let Some(pattern) = expected.message_regex {
        check_message(body, pattern, &mut problems);
    }
    report("response", &problems);
}

/// What a `smithy.test#eventStreamTests` event expects of the message a side writes.
#[cfg(feature = "event-stream")]
#[derive(Debug, Clone, Copy, Default)]
pub struct ExpectedEvent<'a> {
    /// Headers that must be present with these typed values.
    pub headers: &'a [(&'a str, crate::event_stream::HeaderValue)],
    /// Headers that must be absent.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must be present, with any value.
    pub require_headers: &'a [&'a str],
    /// The payload, when the case gives one (compared as JSON for JSON media types).
    pub body: Option<&'a str>,
    /// The payload's media type.
    pub body_media_type: Option<&'a str>,
}

/// Checks a message an event writer made against the case; panics listing every difference.
/// The message must also encode (within the default limits).
#[cfg(feature = "event-stream")]
#[track_caller]
pub fn assert_event(message: &crate::event_stream::Message, expected: &ExpectedEvent<'_>) {
    let mut problems = Vec::new();
    for (name, value) in expected.headers {
        match message.header(name) {
            Some(got) if got == value => {}
            Some(got) => problems.push(format!("header `{name}`: expected {value:?}, got {got:?}")),
            None => problems.push(format!("header `{name}`: missing, expected {value:?}")),
        }
    }
    for name in expected.forbid_headers {
        if message.header(name).is_some() {
            problems.push(format!("header `{name}`: present, and forbidden"));
        }
    }
    for name in expected.require_headers {
        if message.header(name).is_none() {
            problems.push(format!("header `{name}`: missing, and required"));
        }
    }
    if let Some(body) = expected.body {
        check_body(
            message.payload(),
            body,
            expected.body_media_type,
            &mut problems,
        );
    }
    if let Err(e) = message.encode() {
        problems.push(format!("the message does not encode: {e}"));
    }
    report("event", &problems);
}

#[track_caller]
fn report(what: &str, problems: &[String]) {
    if !problems.is_empty() {
        panic!(
            "the {what} differs from the test case:\n  - {}",
            problems.join("\n  - ")
        );
    }
}

/// The query parameters of `query` as (key, value) pairs, percent-decoded (`+` is kept: the
/// protocol encodes a space as `%20`), in order.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    crate::__private::protocol::decode(text, false).unwrap_or_else(|| text.to_owned())
}

fn check_query(query: Option<&str>, expected: &ExpectedRequest<'_>, problems: &mut Vec<String>) {
    let actual = query_pairs(query.unwrap_or(""));
    let wanted = query_pairs(&expected.query_params.join("&"));
    // Each expected key must carry exactly the expected values, in order (a list is sent as
    // repeated keys); keys the case does not name are free.
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, value) in &wanted {
        by_key.entry(key).or_default().push(value);
    }
    for (key, values) in by_key {
        let got: Vec<&str> = actual
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect();
        if got != values {
            problems.push(format!(
                "query parameter {key:?}: expected {values:?}, got {got:?} (query {query:?})"
            ));
        }
    }
    for key in expected.forbid_query_params {
        let key = percent_decode(key);
        if actual.iter().any(|(k, _)| *k == key) {
            problems.push(format!(
                "query parameter {key:?} is sent, and must not be (query {query:?})"
            ));
        }
    }
    for key in expected.require_query_params {
        let key = percent_decode(key);
        if !actual.iter().any(|(k, _)| *k == key) {
            problems.push(format!(
                "query parameter {key:?} is required, and not sent (query {query:?})"
            ));
        }
    }
}

/// A header's values joined as one list (`a, b`), or `None` when it is absent.
fn header_text(headers: &::http::HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

type HeaderRules<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], &'a [&'a str]);

fn check_headers(
    headers: &::http::HeaderMap,
    (listed, forbidden, required): HeaderRules<'_>,
    problems: &mut Vec<String>,
) {
    for (name, value) in listed {
        let actual = header_text(headers, name);
        if actual.as_deref() != Some(*value) {
            problems.push(format!("header {name}: expected {value:?}, got {actual:?}"));
        }
    }
    for name in forbidden {
        if let Some(actual) = header_text(headers, name) {
            problems.push(format!(
                "header {name} is sent ({actual:?}), and must not be"
            ));
        }
    }
    for name in required {
        if header_text(headers, name).is_none() {
            problems.push(format!("header {name} is required, and not sent"));
        }
    }
}

/// Whether `media_type` is JSON (`application/json`, or any `+json` type).
fn is_json(media_type: Option<&str>) -> bool {
    let Some(media_type) = media_type else {
        return false;
    };
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

fn check_body(actual: &[u8], expected: &str, media_type: Option<&str>, problems: &mut Vec<String>) {
    let shown = String::from_utf8_lossy(actual);
    if expected.is_empty() || !is_json(media_type) {
        if actual != expected.as_bytes() {
            problems.push(format!("body: expected {expected:?}, got {shown:?}"));
        }
        return;
    }
    let wanted: Value = match serde_json::from_str(expected) {
        Ok(value) => value,
        Err(error) => {
            problems.push(format!(
                "the case's body is not JSON ({error}): {expected:?}"
            ));
            return;
        }
    };
    match serde_json::from_slice::<Value>(actual) {
        Ok(got) if json_eq(&got, &wanted) => {}
        Ok(got) => problems.push(format!("body: expected the JSON {wanted}, got {got}")),
        Err(error) => problems.push(format!(
            "body: expected the JSON {wanted}, got {shown:?} ({error})"
        )),
    }
}

fn check_message(body: &[u8], pattern: &str, problems: &mut Vec<String>) {
    let message = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned));
    match (regex_lite::Regex::new(pattern), message) {
        (Err(error), _) => problems.push(format!(
            "messageRegex {pattern:?} does not compile: {error}"
        )),
        (Ok(_), None) => problems.push(format!(
            "body: expected a JSON object with a message matching {pattern:?}, got {:?}",
            String::from_utf8_lossy(body)
        )),
        (Ok(regex), Some(message)) if !regex.is_match(&message) => {
            problems.push(format!("message {message:?} does not match {pattern:?}"))
        }
        (Ok(_), Some(_)) => {}
    }
}

/// JSON values compared as the protocol means them: numbers by value (`1` equals `1.0`),
/// objects whatever their key order.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Equality as the protocol tests mean it: as `PartialEq`, except that a float NaN equals NaN
/// (the suite sends and expects NaN). Generated crates implement it for their own types in their
/// protocol tests.
pub trait ProtocolEq {
    /// Whether `self` and `other` are the same value.
    fn protocol_eq(&self, other: &Self) -> bool;
}

macro_rules! exact {
    ($($t:ty),*) => {$(
        impl ProtocolEq for $t {
            fn protocol_eq(&self, other: &Self) -> bool {
                self == other
            }
        }
    )*};
}

exact!(
    (),
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    String,
    SystemTime,
    BigInteger,
    BigDecimal
);

impl ProtocolEq for f32 {
    fn protocol_eq(&self, other: &Self) -> bool {
        self == other || (self.is_nan() && other.is_nan())
    }
}

impl ProtocolEq for f64 {
    fn protocol_eq(&self, other: &Self) -> bool {
        self == other || (self.is_nan() && other.is_nan())
    }
}

impl ProtocolEq for Document {
    fn protocol_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Document::Number(Number::Float(x)), Document::Number(Number::Float(y))) => {
                x.protocol_eq(y)
            }
            (Document::Array(x), Document::Array(y)) => x.protocol_eq(y),
            (Document::Object(x), Document::Object(y)) => x.protocol_eq(y),
            _ => self == other,
        }
    }
}

impl<T: ProtocolEq> ProtocolEq for Option<T> {
    fn protocol_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.protocol_eq(b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: ProtocolEq + ?Sized> ProtocolEq for Box<T> {
    fn protocol_eq(&self, other: &Self) -> bool {
        (**self).protocol_eq(other)
    }
}

impl<T: ProtocolEq> ProtocolEq for Vec<T> {
    fn protocol_eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.protocol_eq(b))
    }
}

impl<T: ProtocolEq> ProtocolEq for BTreeMap<String, T> {
    fn protocol_eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other)
                .all(|((k, v), (l, w))| k == l && v.protocol_eq(w))
    }
}

/// Checks a typed value against the one the case's `params` describe; panics showing both.
#[track_caller]
pub fn assert_value<T: ProtocolEq + std::fmt::Debug>(actual: &T, expected: &T) {
    if !actual.protocol_eq(expected) {
        panic!(
            "the value differs from the test case's params:\n  expected {expected:?}\n  got      {actual:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_compare_by_value_and_objects_ignore_key_order() {
        let a: Value =
            serde_json::from_str(r#"{"a": 1, "b": [1.5, {"c": 2}]}"#).unwrap_or_default();
        let b: Value =
            serde_json::from_str(r#"{"b": [1.5, {"c": 2.0}], "a": 1.0}"#).unwrap_or_default();
        assert!(json_eq(&a, &b));
        let c: Value =
            serde_json::from_str(r#"{"a": 1, "b": [1.5, {"c": 3}]}"#).unwrap_or_default();
        assert!(!json_eq(&a, &c));
        let d: Value = serde_json::from_str(r#"{"a": 1}"#).unwrap_or_default();
        assert!(!json_eq(&a, &d) && !json_eq(&d, &a));
    }

    #[test]
    fn nan_equals_nan_and_nothing_else() {
        assert!(f64::NAN.protocol_eq(&f64::NAN));
        assert!(!f64::NAN.protocol_eq(&1.0));
        assert!(Some(vec![f32::NAN]).protocol_eq(&Some(vec![f32::NAN])));
        assert!(!Some(1.0f32).protocol_eq(&None));
    }

    #[test]
    fn every_difference_of_a_request_is_reported() {
        let request = request(
            "POST",
            "/a",
            &["k=v%20w", "k=x", "other=1"],
            &[("X-A", "1"), ("X-B", "2")],
            r#"{"x": 1}"#,
        );
        // What the request is passes.
        assert_request(
            &request,
            &ExpectedRequest {
                method: "POST",
                uri: "/a",
                query_params: &["k=v w", "k=x"],
                forbid_query_params: &["nope"],
                require_query_params: &["other"],
                headers: &[("x-a", "1")],
                forbid_headers: &["x-c"],
                require_headers: &["x-b"],
                body: Some(r#"{"x": 1.0}"#),
                body_media_type: Some("application/json"),
                ..ExpectedRequest::default()
            },
        );
        let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assert_request(
                &request,
                &ExpectedRequest {
                    method: "PUT",
                    uri: "/b",
                    query_params: &["k=x"],
                    forbid_query_params: &["other"],
                    require_query_params: &["missing"],
                    headers: &[("x-a", "2")],
                    forbid_headers: &["x-b"],
                    require_headers: &["x-c"],
                    body: Some(r#"{"x": 2}"#),
                    body_media_type: Some("application/json"),
                    ..ExpectedRequest::default()
                },
            )
        }));
        let message = failure
            .err()
            .and_then(|p| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        for part in [
            "method: expected PUT, got POST",
            "path: expected \"/b\", got \"/a\"",
            "query parameter \"k\": expected [\"x\"], got [\"v w\", \"x\"]",
            "query parameter \"other\" is sent",
            "query parameter \"missing\" is required",
            "header x-a: expected \"2\", got Some(\"1\")",
            "header x-b is sent",
            "header x-c is required",
            "body: expected the JSON {\"x\":2}",
        ] {
            assert!(message.contains(part), "{part:?} not in {message}");
        }
    }

    #[test]
    fn bodies_of_other_media_types_compare_as_bytes() {
        let response = response(200, &[], "a b");
        assert_response(
            &response,
            &ExpectedResponse {
                code: 200,
                body: Some("a b"),
                body_media_type: Some("text/plain"),
                ..ExpectedResponse::default()
            },
        );
        for (body, media_type) in [("a  b", Some("text/plain")), ("", None)] {
            let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                assert_response(
                    &response,
                    &ExpectedResponse {
                        code: 200,
                        body: Some(body),
                        body_media_type: media_type,
                        ..ExpectedResponse::default()
                    },
                )
            }));
            assert!(failed.is_err(), "{body:?} passed");
        }
    }
}
