//! Round trips over generated values, in both directions:
//! `parse_request(serialize_request(x)) == x` and `parse_response(serialize_response(y)) == y`,
//! plus errors and the serde document form. Values come from a small deterministic generator
//! (a fixed-seed xorshift), so failures reproduce.

// These tests take the server's side too (parsing requests, writing responses).
#[cfg(not(feature = "server"))]
compile_error!(
    "these tests need the crate's `server` feature: `cargo test -p connect-chat --features server`"
);

use std::collections::BTreeMap;

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

struct Rng(u64);

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

    fn string(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "é", "✓", "😀", "{", "}",
            ":", ",", "%", "+", "~",
        ];
        let len = self.below(12);
        (0..len)
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }

    fn maybe<T>(&mut self, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
        if self.coin() { Some(f(self)) } else { None }
    }

    fn enum_value<T: From<String>>(&mut self, known: &[&str]) -> T {
        if self.below(5) == 0 {
            T::from(format!("NEW_{}", self.below(100)))
        } else {
            T::from(known[self.below(known.len() as u64) as usize].to_owned())
        }
    }

    fn segment_value(&mut self, depth: u32) -> SegmentAttributeValue {
        let mut b = SegmentAttributeValue::builder()
            .set_value_string(self.maybe(Rng::string))
            .set_value_integer(self.maybe(|r| r.next() as i32))
            .set_value_arn(self.maybe(Rng::string));
        if depth > 0 {
            b = b
                .set_value_map(self.maybe(|r| {
                    (0..r.below(3))
                        .map(|_| (r.string(), r.segment_value(depth - 1)))
                        .collect::<std::collections::BTreeMap<_, _>>()
                }))
                .set_value_list(self.maybe(|r| {
                    (0..r.below(3))
                        .map(|_| r.segment_value(depth - 1))
                        .collect::<Vec<_>>()
                }));
        }
        b.build()
    }

    fn input(&mut self) -> StartChatContactRequest {
        StartChatContactRequest::builder()
            .instance_id(self.string())
            .contact_flow_id(self.string())
            .set_attributes(self.maybe(|r| {
                (0..r.below(4))
                    .map(|_| (r.string(), r.string()))
                    .collect::<BTreeMap<_, _>>()
            }))
            .participant_details(
                ParticipantDetails::builder()
                    .display_name(self.string())
                    .build()
                    .unwrap(),
            )
            .set_participant_configuration(self.maybe(|r| {
                ParticipantConfiguration::builder()
                    .set_response_mode(
                        r.maybe(|r| r.enum_value::<ResponseMode>(&["INCREMENTAL", "COMPLETE"])),
                    )
                    .build()
            }))
            .set_initial_message(self.maybe(|r| {
                ChatMessage::builder()
                    .content_type(r.string())
                    .content(r.string())
                    .build()
                    .unwrap()
            }))
            .client_token(self.string())
            .set_chat_duration_in_minutes(self.maybe(|r| {
                // In range (60 to 10080) half the time, anything the other half.
                if r.coin() {
                    60 + r.below(10_021) as i32
                } else {
                    r.next() as i32
                }
            }))
            .set_supported_messaging_content_types(
                self.maybe(|r| (0..r.below(3)).map(|_| r.string()).collect::<Vec<_>>()),
            )
            .set_persistent_chat(self.maybe(|r| {
                PersistentChat::builder()
                    .set_rehydration_type(r.maybe(|r| {
                        r.enum_value::<RehydrationType>(&["ENTIRE_PAST_SESSION", "FROM_SEGMENT"])
                    }))
                    .set_source_contact_id(r.maybe(Rng::string))
                    .build()
            }))
            .set_related_contact_id(self.maybe(Rng::string))
            .set_segment_attributes(self.maybe(|r| {
                (0..r.below(3))
                    .map(|_| (r.string(), r.segment_value(3)))
                    .collect::<std::collections::BTreeMap<_, _>>()
            }))
            .set_customer_id(self.maybe(Rng::string))
            .set_disconnect_on_customer_exit(self.maybe(|r| {
                (0..r.below(2))
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

    fn error(&mut self) -> StartChatContactError {
        let message = self.maybe(Rng::string);
        match self.below(5) {
            0 => StartChatContactError::InternalServiceException(
                InternalServiceException::builder()
                    .set_message(message)
                    .build(),
            ),
            1 => StartChatContactError::InvalidParameterException(
                InvalidParameterException::builder()
                    .set_message(message)
                    .build(),
            ),
            2 => StartChatContactError::InvalidRequestException(
                InvalidRequestException::builder()
                    .set_message(message)
                    .set_reason(self.maybe(|r| {
                        InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
                            r.enum_value::<AttachedFileInvalidRequestExceptionReason>(&[
                                "INVALID_FILE_SIZE",
                                "INVALID_FILE_TYPE",
                                "INVALID_FILE_NAME",
                            ]),
                        )
                    }))
                    .build(),
            ),
            3 => StartChatContactError::LimitExceededException(
                LimitExceededException::builder()
                    .set_message(message)
                    .build(),
            ),
            _ => StartChatContactError::ResourceNotFoundException(
                ResourceNotFoundException::builder()
                    .set_message(message)
                    .build(),
            ),
        }
    }
}

const CASES: usize = 500;

/// The server side parses back exactly what the client sent when the value is valid, and
/// otherwise rejects it with exactly the violations the client's `validate()` reports. The
/// generator makes both kinds (random strings break length limits, random integers ranges).
#[test]
fn requests_round_trip() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..CASES {
        let input = rng.input();
        let request = StartChatContact::serialize_request(&input, "https://example.com").unwrap();
        let parsed = StartChatContact::parse_request(&request);
        match input.validate() {
            Ok(()) => {
                valid += 1;
                assert_eq!(parsed.unwrap(), input);
            }
            Err(expected) => {
                invalid += 1;
                match parsed {
                    Err(RequestRejection::Validation(got)) => assert_eq!(got, expected),
                    other => panic!("expected {expected}, got {other:?}"),
                }
            }
        }
    }
    eprintln!("{valid} valid and {invalid} invalid requests");
    assert!(
        valid > CASES / 10 && invalid > CASES / 10,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn requests_without_a_token_round_trip_without_one() {
    let mut rng = Rng(42);
    for _ in 0..100 {
        let mut input = rng.input();
        if input.validate().is_err() {
            continue;
        }
        input.client_token = None;
        let request = StartChatContact::serialize_request(&input, "https://example.com").unwrap();
        let parsed = StartChatContact::parse_request(&request).unwrap();
        assert_eq!(parsed.client_token, None);
        assert_eq!(parsed, input);
    }
}

#[test]
fn responses_round_trip() {
    let mut rng = Rng(7);
    for _ in 0..CASES {
        let output = rng.output();
        let response = StartChatContact::serialize_response(&output);
        assert_eq!(StartChatContact::parse_response(&response).unwrap(), output);
    }
}

#[test]
fn errors_round_trip() {
    let mut rng = Rng(99);
    for _ in 0..CASES {
        let error = rng.error();
        let response = StartChatContact::serialize_error(&error);
        assert_eq!(
            StartChatContact::parse_response(&response).unwrap_err(),
            error
        );
    }
}

#[test]
fn serde_document_form_round_trips() {
    let mut rng = Rng(2024);
    for _ in 0..CASES {
        let input = rng.input();
        let text = serde_json::to_vec(&input).unwrap();
        let back: StartChatContactRequest = serde_json::from_slice(&text).unwrap();
        assert_eq!(back, input);
        let value: serde_json::Value = serde_json::from_slice(&text).unwrap();
        let again: StartChatContactRequest = serde_json::from_value(value).unwrap();
        assert_eq!(again, input);
    }
}
