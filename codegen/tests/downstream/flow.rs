//! A downstream application's whole flow with `connect-chat`, written against nothing but the
//! crate (its only dependency: `http` comes re-exported): build a StartChatContact request
//! with nested SegmentAttributes, validate, serialize and sign it (SigV4, feature `sigv4`), send
//! it to a mock server made with the crate's server direction, and parse the reply (success, a
//! modeled error, a rejection).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::collections::BTreeMap;

use connect_chat::http::{Request, Response};
use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::sigv4::{Credentials, Signer};
use connect_chat::types::{
    ChatMessage, ParticipantDetails, PersistentChat, RehydrationType, ResourceNotFoundException,
    SegmentAttributeValue, StartChatContactRequest, StartChatContactResponse,
};

const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";
const INSTANCE: &str = "12345678-aaaa-bbbb-cccc-123456789012";

/// The mock: one known instance; it parses (and validates) each request, answers with a typed
/// output, a modeled error or the rejection a Smithy server sends, and records the tokens.
#[derive(Default)]
struct MockConnect {
    tokens: Vec<Option<String>>,
}

impl MockConnect {
    fn handle(&mut self, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
        let input = match StartChatContact::parse_request(request) {
            Ok(input) => input,
            Err(rejection) => return rejection.into_http_response(),
        };
        self.tokens.push(input.client_token.clone());
        if input.instance_id != INSTANCE {
            let error = ResourceNotFoundException::builder()
                .message(format!("no instance {}", input.instance_id))
                .build();
            return StartChatContact::serialize_error(
                &StartChatContactError::ResourceNotFoundException(error),
            );
        }
        let subtype = input
            .segment_attributes
            .as_ref()
            .and_then(|s| s.get("connect:Subtype"))
            .and_then(|v| v.value_string.clone());
        let output = StartChatContactResponse::builder()
            .contact_id(format!("contact-for-{}", subtype.unwrap_or_default()))
            .participant_id("participant-1")
            .participant_token("token-1")
            .set_continued_from_contact_id(
                input
                    .persistent_chat
                    .and_then(|p| p.source_contact_id),
            )
            .build();
        StartChatContact::serialize_response(&output)
    }
}

fn request(instance: &str) -> StartChatContactRequest {
    let account = SegmentAttributeValue::builder()
        .value_map(
            "tier",
            SegmentAttributeValue::builder().value_string("gold").build(),
        )
        .value_map(
            "age_days",
            SegmentAttributeValue::builder().value_integer(42).build(),
        )
        .build();
    StartChatContactRequest::builder()
        .instance_id(instance)
        .contact_flow_id("87654321-aaaa-bbbb-cccc-210987654321")
        .participant_details(ParticipantDetails::builder().display_name("Ana").build().unwrap())
        .initial_message(
            ChatMessage::builder()
                .content_type("text/plain")
                .content("Hello")
                .build()
                .unwrap(),
        )
        .attributes("order", "1234")
        .attributes("channel", "web")
        .segment_attributes(
            "connect:Subtype",
            SegmentAttributeValue::builder().value_string("connect:Guide").build(),
        )
        .segment_attributes("account", account)
        .supported_messaging_content_types("text/plain")
        .supported_messaging_content_types("text/markdown")
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("previous-contact")
                .build(),
        )
        .chat_duration_in_minutes(90)
        .customer_id("customer-42")
        .build()
        .unwrap()
}

#[test]
fn the_whole_flow_from_builder_to_parsed_reply() {
    let mut mock = MockConnect::default();
    let input = request(INSTANCE);
    input.validate().unwrap();
    assert!(!format!("{input:?}").contains("customer-42"), "CustomerId is redacted");

    let mut http_request = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    assert_eq!(http_request.method(), "PUT");
    // Signed as the service's signing name says, at a fixed time: complete as sent (its `Host`
    // is the one it was signed for).
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    let signed = Signer::new(connect_chat::SIGNING_NAME, "us-east-1")
        .sign(&mut http_request, &credentials, time)
        .unwrap();
    assert_eq!(http_request.headers()["host"], "connect.us-east-1.amazonaws.com");
    assert_eq!(http_request.headers()["x-amz-date"], "20231114T221320Z");
    let authorization = http_request.headers()["authorization"].to_str().unwrap();
    assert!(authorization.starts_with(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/connect/aws4_request, SignedHeaders="
    ));
    assert!(authorization.ends_with(&format!("Signature={}", signed.signature)));
    assert_eq!(
        http_request.uri().to_string(),
        "https://connect.us-east-1.amazonaws.com/contact/chat"
    );
    let body: serde_json::Value = serde_json::from_slice(http_request.body()).unwrap();
    assert_eq!(
        body["SegmentAttributes"]["account"]["ValueMap"]["tier"],
        serde_json::json!({"ValueString": "gold"})
    );
    assert_eq!(
        body["SupportedMessagingContentTypes"],
        serde_json::json!(["text/plain", "text/markdown"])
    );

    let response = mock.handle(&http_request);
    assert_eq!(response.status(), 200);
    let output = StartChatContact::parse_response(&response).unwrap();
    assert_eq!(output.contact_id.as_deref(), Some("contact-for-connect:Guide"));
    assert_eq!(output.continued_from_contact_id.as_deref(), Some("previous-contact"));

    // A retry serializes the same value again: the service sees the same idempotency token.
    let retry = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    mock.handle(&retry);
    assert_eq!(mock.tokens.len(), 2);
    assert!(mock.tokens[0].is_some());
    assert_eq!(mock.tokens[0], mock.tokens[1]);
    assert_eq!(mock.tokens[0], input.client_token);
}

#[test]
fn errors_come_back_typed() {
    let mut mock = MockConnect::default();
    // A modeled error.
    let unknown = request("00000000-0000-0000-0000-000000000000");
    let response = mock.handle(&StartChatContact::serialize_request(&unknown, ENDPOINT).unwrap());
    assert_eq!(response.status(), 404);
    match StartChatContact::parse_response(&response) {
        Err(StartChatContactError::ResourceNotFoundException(e)) => {
            assert_eq!(
                e.message.as_deref(),
                Some("no instance 00000000-0000-0000-0000-000000000000")
            );
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    // A request the client did not validate: the mock rejects it as a Smithy server does, and
    // the client sees an unmodeled `ValidationException`.
    let mut invalid = request(INSTANCE);
    invalid.chat_duration_in_minutes = Some(5);
    invalid.attributes = Some(BTreeMap::new());
    assert_eq!(invalid.validate().unwrap_err().violations().len(), 1);
    let response = mock.handle(&StartChatContact::serialize_request(&invalid, ENDPOINT).unwrap());
    assert_eq!(response.status(), 400);
    let error = StartChatContact::parse_response(&response).unwrap_err();
    assert!(matches!(error, StartChatContactError::Unhandled(_)));
    assert_eq!(error.code(), Some("ValidationException"));
    assert!(mock.tokens.len() == 1, "the rejected request never reached the handler's body");
}
