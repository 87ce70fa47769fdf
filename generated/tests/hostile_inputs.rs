//! Hostile bodies, as fixed tests: each gets a clear error (or the documented behaviour) in
//! bounded time and memory, from both the server (`parse_request`) and the client
//! (`parse_response`, plain serde). Deep nesting (100,000 levels) and a union with two members
//! are in `wire_start_chat_contact.rs`; the fuzz targets in `fuzz/` found the regressions at the
//! end of this file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

// These tests take the server's side too (parsing requests, writing responses).
#[cfg(not(feature = "server"))]
compile_error!(
    "these tests need the crate's `server` feature: `cargo test -p connect-chat --features server`"
);

use std::time::{Duration, Instant};

use connect_chat::error::RequestRejection;
use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::primitives::Document;
use connect_chat::types::{InvalidRequestException, StartChatContactRequest};

/// Generous for a debug build on a loaded machine; only catches quadratic behaviour.
const BOUND: Duration = Duration::from_secs(30);

const REQUIRED: &str =
    r#""InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"}"#;

fn put(body: &[u8]) -> http::Request<Vec<u8>> {
    http::Request::builder()
        .method("PUT")
        .uri("/contact/chat")
        .header("content-type", "application/json")
        .body(body.to_vec())
        .unwrap()
}

fn ok_response(body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .body(body.to_vec())
        .unwrap()
}

/// A request body with the required members and `extra` (`"Name": value`) after them.
fn request_with(extra: &[u8]) -> Vec<u8> {
    [b"{", REQUIRED.as_bytes(), b", ", extra, b"}"].concat()
}

fn serialization_error(body: &[u8]) -> String {
    match StartChatContact::parse_request(&put(body)) {
        Err(RequestRejection::Serialization(message)) => message,
        other => panic!("expected a SerializationException, got {other:?}"),
    }
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    assert!(elapsed < BOUND, "{what} took {elapsed:?}");
    out
}

#[test]
fn a_fifty_megabyte_body_is_read_in_linear_time() {
    // No size limit in the crate (the HTTP server in front of it should cap bodies): a 50 MB
    // unknown member is read, checked and dropped; a 50 MB known value is a validation error
    // whose message states the length, not the value.
    let big = "x".repeat(50 * 1024 * 1024);
    let body = request_with(format!(r#""Unknown": "{big}""#).as_bytes());
    let input = timed("50 MB unknown member", || {
        StartChatContact::parse_request(&put(&body)).unwrap()
    });
    assert_eq!(input.instance_id, "i");
    let body = format!(
        r#"{{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {{"DisplayName": "{big}"}}}}"#
    );
    let rejection = timed("50 MB display name", || {
        StartChatContact::parse_request(&put(body.as_bytes())).unwrap_err()
    });
    let text = rejection.to_string();
    assert!(text.len() < 1000, "{} bytes", text.len());
    assert!(
        text.contains("Value with length 52428800 at '/ParticipantDetails/DisplayName'"),
        "{text}"
    );
}

#[test]
fn a_one_megabyte_string_value_is_a_short_validation_error() {
    let value = "é".repeat(512 * 1024); // 1 MiB of UTF-8, 524,288 characters
    let body = request_with(format!(r#""RelatedContactId": "{value}""#).as_bytes());
    let rejection = timed("1 MB string", || {
        StartChatContact::parse_request(&put(&body)).unwrap_err()
    });
    let RequestRejection::Validation(error) = &rejection else {
        panic!("{rejection:?}")
    };
    assert_eq!(
        error.violations()[0].message,
        "Value with length 524288 at '/RelatedContactId' failed to satisfy constraint: Member must have length between 1 and 256, inclusive"
    );
    let response = rejection.into_http_response();
    assert!(response.body().len() < 1000);
    // A client reads the same value without complaint (clients do not validate).
    let value: StartChatContactRequest = serde_json::from_slice(&body).unwrap();
    assert_eq!(value.related_contact_id.unwrap().chars().count(), 524_288);
}

#[test]
fn a_million_entry_map_is_read_in_linear_time() {
    let mut entries = String::with_capacity(20_000_000);
    for i in 0..1_000_000 {
        if i > 0 {
            entries.push(',');
        }
        entries.push_str(&format!(r#""k{i}":"v""#));
    }
    let body = request_with(format!(r#""Attributes": {{{entries}}}"#).as_bytes());
    let input = timed("1,000,000 map entries", || {
        StartChatContact::parse_request(&put(&body)).unwrap()
    });
    assert_eq!(input.attributes.as_ref().map(|a| a.len()), Some(1_000_000));
    // Entries that are structures (100,000 here, to keep the suite fast) read alike.
    let entries: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}":{{}}"#)).collect();
    let body = request_with(
        format!(
            r#""SegmentAttributes": {{"s": {{"ValueMap": {{{}}}}}}}"#,
            entries.join(",")
        )
        .as_bytes(),
    );
    let value: StartChatContactRequest = timed("100,000 nested entries", || {
        serde_json::from_slice(&body).unwrap()
    });
    assert_eq!(
        value.segment_attributes.unwrap()["s"]
            .value_map
            .as_ref()
            .map(|m| m.len()),
        Some(100_000)
    );
}

#[test]
fn integer_and_float_overflow_are_errors_naming_the_member() {
    for (member, value, expected) in [
        (
            "ChatDurationInMinutes",
            "2147483648",
            "invalid value: integer `2147483648`, expected i32",
        ),
        (
            "ChatDurationInMinutes",
            "-2147483649",
            "invalid value: integer `-2147483649`, expected i32",
        ),
        (
            "ChatDurationInMinutes",
            "18446744073709551616",
            "invalid type: floating point",
        ),
        ("ChatDurationInMinutes", "1e400", "number out of range"),
        ("ChatDurationInMinutes", "-1e400", "number out of range"),
        (
            "ChatDurationInMinutes",
            "60.0",
            "invalid type: floating point `60.0`, expected i32",
        ),
        ("Unknown", "1e400", "number out of range"),
        ("Unknown", "[1, {\"a\": -1e999}]", "number out of range"),
    ] {
        let body = request_with(format!(r#""{member}": {value}"#).as_bytes());
        let message = serialization_error(&body);
        assert!(message.contains(expected), "{member}: {value}: {message}");
        if member != "Unknown" {
            assert!(message.contains(&format!("/{member}")), "{message}");
        }
        let client = serde_json::from_slice::<StartChatContactRequest>(&body).unwrap_err();
        assert!(client.to_string().contains(expected), "{client}");
    }
    let nested =
        request_with(br#""SegmentAttributes": {"k": {"ValueList": [{"ValueInteger": 1e999}]}}"#);
    assert!(
        serialization_error(&nested)
            .contains("/SegmentAttributes/k/ValueList/0/ValueInteger: number out of range")
    );
    // Underflow is not an error for JSON (`serde_json::Value` reads 1e-400 as 0.0 too).
    let tiny = request_with(br#""Unknown": 1e-400"#);
    assert!(StartChatContact::parse_request(&put(&tiny)).is_ok());
}

#[test]
fn invalid_utf8_is_rejected_wherever_it_is() {
    for extra in [
        &b"\"RelatedContactId\": \"a\xffb\""[..],
        b"\"Unknown\": \"\xc3\x28\"",
        b"\"Unknown\": [\"\xed\xa0\x80\"]", // an encoded surrogate: not UTF-8
        b"\"Unkn\xffown\": 1",
        b"\"Attributes\": {\"\xff\": \"v\"}",
    ] {
        let body = request_with(extra);
        let message = serialization_error(&body);
        assert!(message.contains("invalid unicode code point"), "{message}");
        assert!(StartChatContact::parse_response(&ok_response(&body)).is_err());
        assert!(serde_json::from_slice::<StartChatContactRequest>(&body).is_err());
    }
}

#[test]
fn lone_surrogate_escapes_are_rejected_and_pairs_decoded() {
    for (extra, expected) in [
        (
            r#""RelatedContactId": "\ud800""#,
            "unexpected end of hex escape",
        ),
        (
            r#""RelatedContactId": "\ud800x""#,
            "unexpected end of hex escape",
        ),
        (
            r#""RelatedContactId": "\udc00""#,
            "lone leading surrogate in hex escape",
        ),
        (
            r#""RelatedContactId": "\ud800\u0041""#,
            "lone leading surrogate in hex escape",
        ),
        (r#""Unknown": "\ud800""#, "unexpected end of hex escape"),
        (
            r#""Unknown": {"\udfff": 1}"#,
            "lone leading surrogate in hex escape",
        ),
    ] {
        let body = request_with(extra.as_bytes());
        let message = serialization_error(&body);
        assert!(message.contains(expected), "{extra}: {message}");
        assert!(StartChatContact::parse_response(&ok_response(&body)).is_err());
    }
    let pair = request_with(br#""RelatedContactId": "\ud83d\ude00""#);
    let input = StartChatContact::parse_request(&put(&pair)).unwrap();
    assert_eq!(input.related_contact_id.as_deref(), Some("😀"));
}

#[test]
fn duplicate_keys_last_wins_except_in_unions() {
    let body = request_with(
        br#""InstanceId": "second", "Attributes": {"a": "1", "a": "2"}, "RelatedContactId": null"#,
    );
    let input = StartChatContact::parse_request(&put(&body)).unwrap();
    assert_eq!(input.instance_id, "second");
    assert_eq!(input.attributes.unwrap()["a"], "2");
    assert_eq!(input.related_contact_id, None);
    // A union member given twice is two members: an error, as for two different members.
    let twice = r#"{"Reason": {"AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_SIZE",
        "AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_TYPE"}}"#;
    let error = serde_json::from_str::<InvalidRequestException>(twice).unwrap_err();
    assert!(error.to_string().contains("found 2"), "{error}");
    // Over the wire, a modeled error that cannot be read is `Unhandled`, keeping its code.
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "InvalidRequestException")
        .body(twice.as_bytes().to_vec())
        .unwrap();
    match StartChatContact::parse_response(&response) {
        Err(StartChatContactError::Unhandled(e)) => {
            assert_eq!(e.code(), Some("InvalidRequestException"));
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions found by the fuzz targets

/// `json_differential`: unknown members were skipped with `serde::de::IgnoredAny`, which
/// serde_json does not decode, so a response or request with invalid UTF-8, a lone surrogate
/// escape or an out-of-range number inside an unknown member was accepted although it is not
/// JSON. Found at the 45th execution, from a seed of `wire_start_chat_contact.rs`.
#[test]
fn fuzz_regression_malformed_unknown_members_are_not_json() {
    let body = b"{\"Message\": \"x\", \"Reason\": {\"a\": 1, \"b\xa4\xa4\": 2}}";
    assert!(serde_json::from_slice::<serde_json::Value>(body).is_err());
    assert!(serde_json::from_slice::<Document>(body).is_err());
    assert!(StartChatContact::parse_response(&ok_response(body)).is_err());
    for extra in [
        &b"\"X\": \"\\ud800\""[..],
        b"\"X\": 1e400",
        b"\"X\": \"\xff\"",
    ] {
        let body = request_with(extra);
        assert!(StartChatContact::parse_request(&put(&body)).is_err());
        assert!(StartChatContact::parse_response(&ok_response(&body)).is_err());
    }
}

/// `json_differential`: a body of only form feeds counted as empty (`u8::is_ascii_whitespace`
/// includes U+000C), so it read as `{}`; JSON whitespace is space, tab, line feed and carriage
/// return only.
#[test]
fn fuzz_regression_form_feed_is_not_json_whitespace() {
    for body in [&b"\x0c"[..], b" \x0c\n"] {
        assert!(serde_json::from_slice::<serde_json::Value>(body).is_err());
        assert!(StartChatContact::parse_response(&ok_response(body)).is_err());
        let rejection = StartChatContact::parse_request(&put(body)).unwrap_err();
        assert!(
            matches!(rejection, RequestRejection::Serialization(_)),
            "{rejection:?}"
        );
    }
    // Real JSON whitespace is an empty body: `{}`.
    let output = StartChatContact::parse_response(&ok_response(b" \t\r\n")).unwrap();
    assert_eq!(output.contact_id, None);
}
