//! Property tests over generated values, bounded so the suite stays fast. Values come from a
//! fixed-seed xorshift generator (failures reproduce), biased towards the edges: astral-plane
//! and control characters, empty and maximal strings, `i32::MIN`/`MAX`, empty collections and
//! deep `SegmentAttributeValue` trees. `wire_round_trip.rs` covers the common shapes; this file
//! adds every type of the closure on its own, the edges, an independent validation oracle and
//! the sensitive-data checks.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

// These tests take the server's side too (parsing requests, writing responses).
#[cfg(not(feature = "server"))]
compile_error!(
    "these tests need the crate's `server` feature: `cargo test -p connect-chat --features server`"
);

use std::collections::BTreeMap;
use std::fmt::Debug;

use connect_chat::error::RequestRejection;
use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::types::{
    AttachedFileInvalidRequestExceptionReason, ChatMessage,
    DisconnectOnCustomerExitParticipantType, InternalServiceException, InvalidParameterException,
    InvalidRequestException, InvalidRequestExceptionReason, LimitExceededException,
    ParticipantConfiguration, ParticipantDetails, PersistentChat, RehydrationType,
    ResourceNotFoundException, ResponseMode, SegmentAttributeValue, StartChatContactRequest,
    StartChatContactResponse,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

struct Rng(u64);

/// Characters of every UTF-8 width and the ones JSON must escape; `\u{10FFFF}` and the emoji are
/// astral (two UTF-16 units, four UTF-8 bytes).
const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    ' ',
    '"',
    '\\',
    '/',
    '~',
    '\n',
    '\u{0}',
    '\u{1f}',
    '\u{7f}',
    'é',
    '€',
    '\u{FEFF}',
    '\u{FFFF}',
    '😀',
    '\u{10000}',
    '\u{10FFFF}',
];

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn coin(&mut self) -> bool {
        self.below(2) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    fn chars(&mut self, n: usize) -> String {
        (0..n).map(|_| self.pick(CHARS)).collect()
    }

    /// Mostly short, sometimes empty, sometimes long.
    fn string(&mut self) -> String {
        let n = match self.below(10) {
            0 => 0,
            1 => 300 + self.below(2000) as usize,
            _ => self.below(8) as usize,
        };
        self.chars(n)
    }

    fn int(&mut self) -> i32 {
        match self.below(3) {
            0 => self.pick(&[i32::MIN, i32::MIN + 1, -1, 0, 1, i32::MAX - 1, i32::MAX]),
            1 => self.pick(&[59, 60, 61, 10_079, 10_080, 10_081]),
            _ => self.next() as i32,
        }
    }

    fn maybe<T>(&mut self, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
        if self.coin() { Some(f(self)) } else { None }
    }

    fn enum_value<T: From<String>>(&mut self, known: &[&str]) -> T {
        if self.below(4) == 0 {
            T::from(self.string())
        } else {
            T::from(self.pick(known).to_owned())
        }
    }

    /// Collections are empty a quarter of the time.
    fn count(&mut self, max: u64) -> u64 {
        if self.below(4) == 0 {
            0
        } else {
            self.below(max + 1)
        }
    }

    fn segment_value(&mut self, depth: u32) -> SegmentAttributeValue {
        let mut b = SegmentAttributeValue::builder()
            .set_value_string(self.maybe(Rng::string))
            .set_value_integer(self.maybe(Rng::int))
            .set_value_arn(self.maybe(Rng::string));
        if depth > 0 {
            b = b
                .set_value_map(self.maybe(|r| {
                    (0..r.count(2))
                        .map(|_| (r.string(), r.segment_value(depth - 1)))
                        .collect::<BTreeMap<_, _>>()
                }))
                .set_value_list(self.maybe(|r| {
                    (0..r.count(2))
                        .map(|_| r.segment_value(depth - 1))
                        .collect::<Vec<_>>()
                }));
        }
        b.build()
    }

    /// A chain `depth` levels deep through `ValueMap` or `ValueList`, alternating at random.
    fn deep_segment_value(&mut self, depth: u32) -> SegmentAttributeValue {
        let mut value = self.segment_value(0);
        for _ in 0..depth {
            let b = SegmentAttributeValue::builder().set_value_string(self.maybe(Rng::string));
            value = if self.coin() {
                b.set_value_map(Some(BTreeMap::from([(self.string(), value)])))
            } else {
                b.set_value_list(Some(vec![value]))
            }
            .build();
        }
        value
    }

    fn chat_message(&mut self) -> ChatMessage {
        ChatMessage::builder()
            .content_type(self.string())
            .content(self.string())
            .build()
            .unwrap()
    }

    fn persistent_chat(&mut self) -> PersistentChat {
        PersistentChat::builder()
            .set_rehydration_type(self.maybe(|r| {
                r.enum_value::<RehydrationType>(&["ENTIRE_PAST_SESSION", "FROM_SEGMENT"])
            }))
            .set_source_contact_id(self.maybe(Rng::string))
            .build()
    }

    fn participant_configuration(&mut self) -> ParticipantConfiguration {
        ParticipantConfiguration::builder()
            .set_response_mode(
                self.maybe(|r| r.enum_value::<ResponseMode>(&["INCREMENTAL", "COMPLETE"])),
            )
            .build()
    }

    fn input(&mut self) -> StartChatContactRequest {
        StartChatContactRequest::builder()
            .instance_id(self.string())
            .contact_flow_id(self.string())
            .set_attributes(self.maybe(|r| {
                (0..r.count(3))
                    .map(|_| (r.string(), r.string()))
                    .collect::<BTreeMap<_, _>>()
            }))
            .participant_details(
                ParticipantDetails::builder()
                    .display_name(self.string())
                    .build()
                    .unwrap(),
            )
            .set_participant_configuration(self.maybe(Rng::participant_configuration))
            .set_initial_message(self.maybe(Rng::chat_message))
            .set_client_token(self.maybe(Rng::string))
            .set_chat_duration_in_minutes(self.maybe(Rng::int))
            .set_supported_messaging_content_types(
                self.maybe(|r| (0..r.count(3)).map(|_| r.string()).collect::<Vec<_>>()),
            )
            .set_persistent_chat(self.maybe(Rng::persistent_chat))
            .set_related_contact_id(self.maybe(Rng::string))
            .set_segment_attributes(self.maybe(|r| {
                (0..r.count(2))
                    .map(|_| {
                        let value = if r.below(8) == 0 {
                            r.deep_segment_value(50)
                        } else {
                            r.segment_value(3)
                        };
                        (r.string(), value)
                    })
                    .collect::<Vec<_>>()
            }))
            .set_customer_id(self.maybe(Rng::string))
            .set_disconnect_on_customer_exit(self.maybe(|r| {
                (0..r.count(2))
                    .map(|_| r.enum_value::<DisconnectOnCustomerExitParticipantType>(&["AGENT"]))
                    .collect::<Vec<_>>()
            }))
            .build()
            .unwrap()
    }

    fn output(&mut self) -> StartChatContactResponse {
        StartChatContactResponse::builder()
            .set_contact_id(self.maybe(Rng::string))
            .set_participant_id(self.maybe(Rng::string))
            .set_participant_token(self.maybe(Rng::string))
            .set_continued_from_contact_id(self.maybe(Rng::string))
            .build()
    }

    fn reason(&mut self) -> InvalidRequestExceptionReason {
        InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(self.enum_value(
            &[
                "INVALID_FILE_SIZE",
                "INVALID_FILE_TYPE",
                "INVALID_FILE_NAME",
            ],
        ))
    }
}

/// Serializes with serde, checks the text is JSON by `serde_json::Value`'s judgement, and
/// reads it back, both from the text and from the `Value`.
fn serde_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let text = serde_json::to_vec(value).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&text)));
    let back: T = serde_json::from_slice(&text).unwrap();
    assert_eq!(&back, value);
    let again: T = serde_json::from_value(parsed).unwrap();
    assert_eq!(&again, value);
}

const CASES: usize = 300;

#[test]
fn every_type_of_the_closure_round_trips_through_serde() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..CASES {
        serde_round_trip(&rng.input());
        serde_round_trip(&rng.output());
        serde_round_trip(&rng.segment_value(4));
        serde_round_trip(&rng.chat_message());
        serde_round_trip(&rng.persistent_chat());
        serde_round_trip(&rng.participant_configuration());
        serde_round_trip(
            &ParticipantDetails::builder()
                .display_name(rng.string())
                .build()
                .unwrap(),
        );
        serde_round_trip(&rng.reason());
        serde_round_trip(&rng.enum_value::<ResponseMode>(&["INCREMENTAL", "COMPLETE"]));
        serde_round_trip(&rng.enum_value::<RehydrationType>(&["FROM_SEGMENT"]));
        serde_round_trip(&rng.enum_value::<DisconnectOnCustomerExitParticipantType>(&["AGENT"]));
        serde_round_trip(
            &rng.enum_value::<AttachedFileInvalidRequestExceptionReason>(&["INVALID_FILE_NAME"]),
        );
        let message = rng.maybe(Rng::string);
        serde_round_trip(
            &InternalServiceException::builder()
                .set_message(message.clone())
                .build(),
        );
        serde_round_trip(
            &InvalidParameterException::builder()
                .set_message(message.clone())
                .build(),
        );
        serde_round_trip(
            &LimitExceededException::builder()
                .set_message(message.clone())
                .build(),
        );
        serde_round_trip(
            &ResourceNotFoundException::builder()
                .set_message(message.clone())
                .build(),
        );
        let reason = rng.maybe(Rng::reason);
        serde_round_trip(
            &InvalidRequestException::builder()
                .set_message(message)
                .set_reason(reason)
                .build(),
        );
    }
}

/// The wire in both directions, with the edges above: a valid request comes back equal, an
/// invalid one is rejected with exactly `validate()`'s violations; responses and every modeled
/// error come back equal.
#[test]
fn edge_values_round_trip_over_the_wire() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let (mut valid, mut deep) = (0, 0);
    for _ in 0..CASES {
        let input = rng.input();
        let request = StartChatContact::serialize_request(&input, "https://example.com").unwrap();
        serde_json::from_slice::<serde_json::Value>(request.body()).unwrap();
        let parsed = StartChatContact::parse_request(&request);
        match input.validate() {
            Ok(()) => {
                valid += 1;
                assert_eq!(parsed.unwrap(), input);
            }
            Err(expected) => match parsed {
                Err(RequestRejection::Validation(got)) => assert_eq!(got, expected),
                other => panic!("expected {expected}, got {other:?}"),
            },
        }
        if request
            .body()
            .windows(10)
            .filter(|w| w == b"ValueList\"" || w == b"\"ValueMap\"")
            .count()
            > 40
        {
            deep += 1;
        }
        let output = rng.output();
        let response = StartChatContact::serialize_response(&output);
        assert_eq!(StartChatContact::parse_response(&response).unwrap(), output);
        let message = rng.maybe(Rng::string);
        let error = StartChatContactError::InvalidRequestException(
            InvalidRequestException::builder()
                .set_message(message)
                .set_reason(rng.maybe(Rng::reason))
                .build(),
        );
        let response = StartChatContact::serialize_error(&error);
        assert_eq!(
            StartChatContact::parse_response(&response).unwrap_err(),
            error
        );
    }
    assert!(valid > 5 && deep > 5, "{valid} valid, {deep} deep");
}

// ---------------------------------------------------------------------------------------------
// Validation against an independent oracle

fn pointer(base: &str, segment: &str) -> String {
    format!("{base}/{}", segment.replace('~', "~0").replace('/', "~1"))
}

fn length(out: &mut Vec<String>, path: &str, n: usize, min: usize, max: usize) {
    if !(min..=max).contains(&n) {
        out.push(format!(
            "Value with length {n} at '{path}' failed to satisfy constraint: Member must have length between {min} and {max}, inclusive"
        ));
    }
}

fn text(out: &mut Vec<String>, path: &str, s: &str, min: usize, max: usize) {
    length(out, path, s.chars().count(), min, max);
}

fn enumeration(out: &mut Vec<String>, path: &str, value: &str, known: &[&str]) {
    if !known.contains(&value) {
        out.push(format!(
            "Value at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            known.join(", ")
        ));
    }
}

fn segment_oracle(out: &mut Vec<String>, base: &str, v: &SegmentAttributeValue) {
    if let Some(s) = &v.value_string {
        text(out, &format!("{base}/ValueString"), s, 0, 1024);
    }
    if let Some(map) = &v.value_map {
        for (k, item) in map {
            text(out, &format!("{base}/ValueMap"), k, 1, 128);
            segment_oracle(out, &pointer(&format!("{base}/ValueMap"), k), item);
        }
    }
    if let Some(list) = &v.value_list {
        for (i, item) in list.iter().enumerate() {
            segment_oracle(out, &format!("{base}/ValueList/{i}"), item);
        }
    }
    if let Some(s) = &v.value_arn {
        text(out, &format!("{base}/ValueArn"), s, 0, 1024);
    }
}

/// Every violation message the model's constraints predict, computed without the crate.
fn oracle(r: &StartChatContactRequest) -> Vec<String> {
    let mut out = Vec::new();
    text(&mut out, "/InstanceId", &r.instance_id, 1, 100);
    text(&mut out, "/ContactFlowId", &r.contact_flow_id, 0, 500);
    for (k, v) in r.attributes.iter().flatten() {
        text(&mut out, "/Attributes", k, 1, 32767);
        text(&mut out, &pointer("/Attributes", k), v, 0, 32767);
    }
    text(
        &mut out,
        "/ParticipantDetails/DisplayName",
        &r.participant_details.display_name,
        1,
        256,
    );
    if let Some(mode) = r
        .participant_configuration
        .as_ref()
        .and_then(|c| c.response_mode.as_ref())
    {
        enumeration(
            &mut out,
            "/ParticipantConfiguration/ResponseMode",
            mode.as_str(),
            &["INCREMENTAL", "COMPLETE"],
        );
    }
    if let Some(m) = &r.initial_message {
        text(
            &mut out,
            "/InitialMessage/ContentType",
            &m.content_type,
            1,
            100,
        );
        text(&mut out, "/InitialMessage/Content", &m.content, 1, 16384);
    }
    if let Some(token) = &r.client_token {
        text(&mut out, "/ClientToken", token, 0, 500);
    }
    if let Some(minutes) = r.chat_duration_in_minutes
        && !(60..=10080).contains(&minutes)
    {
        out.push("Value at '/ChatDurationInMinutes' failed to satisfy constraint: Member must be between 60 and 10080, inclusive".to_owned());
    }
    for (i, t) in r
        .supported_messaging_content_types
        .iter()
        .flatten()
        .enumerate()
    {
        text(
            &mut out,
            &format!("/SupportedMessagingContentTypes/{i}"),
            t,
            1,
            100,
        );
    }
    if let Some(p) = &r.persistent_chat {
        if let Some(t) = &p.rehydration_type {
            enumeration(
                &mut out,
                "/PersistentChat/RehydrationType",
                t.as_str(),
                &["ENTIRE_PAST_SESSION", "FROM_SEGMENT"],
            );
        }
        if let Some(id) = &p.source_contact_id {
            text(&mut out, "/PersistentChat/SourceContactId", id, 1, 256);
        }
    }
    if let Some(id) = &r.related_contact_id {
        text(&mut out, "/RelatedContactId", id, 1, 256);
    }
    for (k, v) in r.segment_attributes.iter().flatten() {
        text(&mut out, "/SegmentAttributes", k, 1, 128);
        segment_oracle(&mut out, &pointer("/SegmentAttributes", k), v);
    }
    if let Some(id) = &r.customer_id {
        text(&mut out, "/CustomerId", id, 1, 128);
    }
    if let Some(list) = &r.disconnect_on_customer_exit {
        length(&mut out, "/DisconnectOnCustomerExit", list.len(), 1, 1);
        for (i, t) in list.iter().enumerate() {
            enumeration(
                &mut out,
                &format!("/DisconnectOnCustomerExit/{i}"),
                t.as_str(),
                &["AGENT"],
            );
        }
    }
    out.sort();
    out
}

impl Rng {
    /// A string whose length (in characters, of mixed UTF-8 widths) is at or next to a bound.
    fn near(&mut self, min: usize, max: usize) -> String {
        let n = match self.below(6) {
            0 => min.saturating_sub(1),
            1 => min,
            2 => min + 1,
            3 => max - 1,
            4 => max,
            _ => max + 1,
        };
        self.chars(n)
    }

    fn near_segment_value(&mut self, depth: u32) -> SegmentAttributeValue {
        let mut b = SegmentAttributeValue::builder()
            .set_value_string(self.maybe(|r| r.near(0, 1024)))
            .set_value_integer(self.maybe(Rng::int))
            .set_value_arn(self.maybe(|r| r.near(0, 1024)));
        if depth > 0 {
            b = b
                .set_value_map(self.maybe(|r| {
                    (0..r.count(2))
                        .map(|_| (r.near(1, 128), r.near_segment_value(depth - 1)))
                        .collect::<BTreeMap<_, _>>()
                }))
                .set_value_list(self.maybe(|r| {
                    (0..r.count(2))
                        .map(|_| r.near_segment_value(depth - 1))
                        .collect::<Vec<_>>()
                }));
        }
        b.build()
    }

    /// A request with every constrained member at or next to one of its bounds (or absent).
    fn near_input(&mut self) -> StartChatContactRequest {
        StartChatContactRequest::builder()
            .instance_id(self.near(1, 100))
            .contact_flow_id(self.near(0, 500))
            .set_attributes(self.maybe(|r| {
                (0..r.count(2))
                    .map(|_| (r.near(1, 32767), r.near(0, 32767)))
                    .collect::<BTreeMap<_, _>>()
            }))
            .participant_details(
                ParticipantDetails::builder()
                    .display_name(self.near(1, 256))
                    .build()
                    .unwrap(),
            )
            .set_participant_configuration(self.maybe(Rng::participant_configuration))
            .set_initial_message(self.maybe(|r| {
                ChatMessage::builder()
                    .content_type(r.near(1, 100))
                    .content(r.near(1, 16384))
                    .build()
                    .unwrap()
            }))
            .set_client_token(self.maybe(|r| r.near(0, 500)))
            .set_chat_duration_in_minutes(self.maybe(Rng::int))
            .set_supported_messaging_content_types(
                self.maybe(|r| (0..r.count(3)).map(|_| r.near(1, 100)).collect::<Vec<_>>()),
            )
            .set_persistent_chat(self.maybe(|r| {
                PersistentChat::builder()
                    .set_rehydration_type(r.maybe(|r| {
                        r.enum_value::<RehydrationType>(&["ENTIRE_PAST_SESSION", "FROM_SEGMENT"])
                    }))
                    .set_source_contact_id(r.maybe(|r| r.near(1, 256)))
                    .build()
            }))
            .set_related_contact_id(self.maybe(|r| r.near(1, 256)))
            .set_segment_attributes(self.maybe(|r| {
                (0..r.count(2))
                    .map(|_| (r.near(1, 128), r.near_segment_value(2)))
                    .collect::<std::collections::BTreeMap<_, _>>()
            }))
            .set_customer_id(self.maybe(|r| r.near(1, 128)))
            .set_disconnect_on_customer_exit(self.maybe(|r| {
                (0..r.count(2))
                    .map(|_| r.enum_value::<DisconnectOnCustomerExitParticipantType>(&["AGENT"]))
                    .collect::<Vec<_>>()
            }))
            .build()
            .unwrap()
    }
}

#[test]
fn validation_agrees_with_an_independent_oracle_near_every_boundary() {
    let mut rng = Rng(0x05EE_D0F0_AC1E);
    let (mut valid, mut violations) = (0, 0);
    for _ in 0..200 {
        let request = rng.near_input();
        let expected = oracle(&request);
        let mut got: Vec<String> = match request.validate() {
            Ok(()) => Vec::new(),
            Err(error) => error
                .violations()
                .iter()
                .map(|v| v.message.clone())
                .collect(),
        };
        got.sort();
        assert_eq!(got, expected);
        if expected.is_empty() {
            valid += 1;
        }
        violations += expected.len();
    }
    assert!(
        valid > 0 && violations > 200,
        "{valid} valid, {violations} violations"
    );
}

// ---------------------------------------------------------------------------------------------
// Sensitive data

/// `CustomerId` is `@sensitive`: its value never shows in `Debug` output (of the request, its
/// builder or a rejection) nor in validation messages, whatever it is; the wire carries it.
#[test]
fn sensitive_values_never_leak_into_debug_output_or_messages() {
    let mut rng = Rng(0x05EC_12E7);
    for i in 0..CASES {
        let n = rng.below(200) as usize;
        let secret = format!("SECRET{i}-{}", rng.chars(n));
        let mut request = rng.input();
        request.customer_id = Some(secret.clone());
        let leaks = |text: &str| text.contains(&secret) || text.contains("SECRET");
        assert!(!leaks(&format!("{request:?}")));
        assert!(!leaks(&format!("{request:#?}")));
        let builder = StartChatContactRequest::builder().customer_id(secret.clone());
        assert!(!leaks(&format!("{builder:?}")));
        if let Err(error) = request.validate() {
            for text in [error.to_string(), error.to_json(), format!("{error:?}")] {
                assert!(!leaks(&text), "{text}");
            }
        }
        let http = StartChatContact::serialize_request(&request, "https://example.com").unwrap();
        let body: serde_json::Value = serde_json::from_slice(http.body()).unwrap();
        assert_eq!(body["CustomerId"], secret.as_str());
        if let Err(rejection) = StartChatContact::parse_request(&http) {
            let text = format!("{rejection} {rejection:?}");
            assert!(!leaks(&text), "{text}");
            let response = rejection.into_http_response();
            assert!(!leaks(&String::from_utf8_lossy(response.body())));
        }
    }
}

/// A sensitive member sent with the wrong JSON type: serde's message would quote the value
/// (`invalid type: integer `987654321``); the error names the member and redacts the value.
#[test]
fn sensitive_values_of_the_wrong_type_are_not_quoted_in_errors() {
    for value in ["987654321", "-987654321", "9876.54321", "true"] {
        let body = format!(
            r#"{{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {{"DisplayName": "a"}}, "CustomerId": {value}}}"#
        );
        let request = http::Request::builder()
            .method("PUT")
            .uri("/contact/chat")
            .header("content-type", "application/json")
            .body(body.clone().into_bytes())
            .unwrap();
        let rejection = StartChatContact::parse_request(&request).unwrap_err();
        let client = serde_json::from_str::<StartChatContactRequest>(&body).unwrap_err();
        for text in [
            rejection.to_string(),
            format!("{rejection:?}"),
            client.to_string(),
        ] {
            assert!(!text.contains(value), "{text}");
            assert!(text.contains("/CustomerId"), "{text}");
        }
        let response = rejection.into_http_response();
        assert!(!String::from_utf8_lossy(response.body()).contains(value));
    }
}
