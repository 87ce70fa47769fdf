//! restJson1 wire tests for StartChatContact: the exact request, the response, every modeled
//! error from each error-code location, unknown errors, hostile bodies, and the server side.

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
    DisconnectOnCustomerExitParticipantType, InvalidRequestExceptionReason,
    ParticipantConfiguration, ParticipantDetails, PersistentChat, RehydrationType, ResponseMode,
    SegmentAttributeValue, StartChatContactRequest, StartChatContactResponse,
};
use serde_json::{Value, json};

const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";

fn minimal(token: Option<&str>) -> StartChatContactRequest {
    StartChatContactRequest::builder()
        .instance_id("inst-1")
        .contact_flow_id("flow-1")
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Ana")
                .build()
                .unwrap(),
        )
        .set_client_token(token.map(str::to_owned))
        .build()
        .unwrap()
}

fn full() -> StartChatContactRequest {
    let nested = SegmentAttributeValue::builder()
        .set_value_map(Some(BTreeMap::from([(
            "inner".to_owned(),
            SegmentAttributeValue::builder().value_integer(7).build(),
        )])))
        .set_value_list(Some(vec![
            SegmentAttributeValue::builder()
                .value_arn("arn:aws:connect:x")
                .build(),
        ]))
        .build();
    StartChatContactRequest::builder()
        .instance_id("inst-1")
        .contact_flow_id("flow-1")
        .set_attributes(Some(BTreeMap::from([("k".to_owned(), "v".to_owned())])))
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Ana ✓")
                .build()
                .unwrap(),
        )
        .participant_configuration(
            ParticipantConfiguration::builder()
                .response_mode(ResponseMode::Incremental)
                .build(),
        )
        .initial_message(
            ChatMessage::builder()
                .content_type("text/plain")
                .content("hello \"world\"\n")
                .build()
                .unwrap(),
        )
        .client_token("token-1")
        .chat_duration_in_minutes(90)
        .supported_messaging_content_types("text/plain")
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("c-0")
                .build(),
        )
        .related_contact_id("c-1")
        .set_segment_attributes(Some(BTreeMap::from([
            (
                "connect:Subtype".to_owned(),
                SegmentAttributeValue::builder()
                    .value_string("connect:Guide")
                    .build(),
            ),
            ("nested".to_owned(), nested),
        ])))
        .customer_id("cust-1")
        .disconnect_on_customer_exit(DisconnectOnCustomerExitParticipantType::Agent)
        .build()
        .unwrap()
}

fn body_json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("body is JSON")
}

fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

fn is_uuid_v4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && text
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && parts[2].starts_with('4')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn minimal_request_with_token() {
    let request = StartChatContact::serialize_request(&minimal(Some("tok")), ENDPOINT).unwrap();
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(
        request.uri().to_string(),
        "https://connect.us-east-1.amazonaws.com/contact/chat"
    );
    assert_eq!(
        header(request.headers(), "content-type"),
        Some("application/json")
    );
    // Content-Type and Content-Length, the headers of every request with a body (Smithy's
    // `RestJsonTestBodyStructure` requires `Content-Length`).
    assert_eq!(request.headers().len(), 2);
    assert_eq!(
        header(request.headers(), "content-length"),
        Some(request.body().len().to_string().as_str())
    );
    assert_eq!(
        body_json(request.body()),
        json!({
            "InstanceId": "inst-1",
            "ContactFlowId": "flow-1",
            "ParticipantDetails": {"DisplayName": "Ana"},
            "ClientToken": "tok"
        })
    );
}

#[test]
fn the_builder_fills_the_token_once_and_serializing_reuses_it() {
    let input = minimal(None);
    let token = input.client_token.clone().unwrap();
    assert!(is_uuid_v4(&token), "{token}");
    // Serializing twice (a retry) sends the same token: the one the value holds.
    let first = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    let second = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    let mut body = body_json(first.body());
    assert_eq!(body["ClientToken"], json!(token));
    assert_eq!(body_json(second.body()), body);
    body.as_object_mut().unwrap().remove("ClientToken");
    assert_eq!(
        body,
        json!({"InstanceId": "inst-1", "ContactFlowId": "flow-1", "ParticipantDetails": {"DisplayName": "Ana"}})
    );
    // Each built value gets its own token.
    assert_ne!(minimal(None).client_token, input.client_token);
}

#[test]
fn fill_idempotency_tokens_fills_only_unset_tokens() {
    use connect_chat::idempotency::FixedToken;
    let mut input = minimal(Some("mine"));
    input.fill_idempotency_tokens(&FixedToken("fixed".to_owned()));
    assert_eq!(input.client_token.as_deref(), Some("mine"));
    input.client_token = None;
    input.fill_idempotency_tokens(&FixedToken("fixed".to_owned()));
    assert_eq!(input.client_token.as_deref(), Some("fixed"));
}

#[test]
fn full_request() {
    let request = StartChatContact::serialize_request(&full(), ENDPOINT).unwrap();
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().path(), "/contact/chat");
    assert_eq!(
        body_json(request.body()),
        json!({
            "InstanceId": "inst-1",
            "ContactFlowId": "flow-1",
            "Attributes": {"k": "v"},
            "ParticipantDetails": {"DisplayName": "Ana ✓"},
            "ParticipantConfiguration": {"ResponseMode": "INCREMENTAL"},
            "InitialMessage": {"ContentType": "text/plain", "Content": "hello \"world\"\n"},
            "ClientToken": "token-1",
            "ChatDurationInMinutes": 90,
            "SupportedMessagingContentTypes": ["text/plain"],
            "PersistentChat": {"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": "c-0"},
            "RelatedContactId": "c-1",
            "SegmentAttributes": {
                "connect:Subtype": {"ValueString": "connect:Guide"},
                "nested": {
                    "ValueMap": {"inner": {"ValueInteger": 7}},
                    "ValueList": [{"ValueArn": "arn:aws:connect:x"}]
                }
            },
            "CustomerId": "cust-1",
            "DisconnectOnCustomerExit": ["AGENT"]
        })
    );
}

#[test]
fn a_value_without_a_token_is_sent_without_one() {
    // `serialize_request` invents nothing: a value whose token was cleared is sent as it is.
    let mut input = full();
    input.client_token = None;
    let request = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    let body = body_json(request.body());
    assert_eq!(body.get("ClientToken"), None);
    let mut expected = body_json(
        StartChatContact::serialize_request(&full(), ENDPOINT)
            .unwrap()
            .body(),
    );
    expected.as_object_mut().unwrap().remove("ClientToken");
    assert_eq!(body, expected);
}

#[test]
fn endpoint_with_a_path_prefix() {
    for endpoint in ["https://example.com/prefix", "https://example.com/prefix/"] {
        let request = StartChatContact::serialize_request(&minimal(Some("t")), endpoint).unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://example.com/prefix/contact/chat"
        );
    }
    let error = StartChatContact::serialize_request(&minimal(Some("t")), "not a url").unwrap_err();
    assert!(error.to_string().contains("endpoint"), "{error}");
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn parses_the_response_ignoring_unknown_members_and_nulls() {
    let output = StartChatContact::parse_response(&response(
        200,
        &[("content-type", "application/json")],
        r#"{"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "tok",
            "ContinuedFromContactId": null, "Unknown": {"deep": [1, 2, {"x": null}]}}"#,
    ))
    .unwrap();
    assert_eq!(
        output,
        StartChatContactResponse::builder()
            .contact_id("c-1")
            .participant_id("p-1")
            .participant_token("tok")
            .build()
    );
    let empty = StartChatContact::parse_response(&response(200, &[], "")).unwrap();
    assert_eq!(empty, StartChatContactResponse::builder().build());
}

const ERRORS: [(&str, u16); 5] = [
    ("InternalServiceException", 500),
    ("InvalidParameterException", 400),
    ("InvalidRequestException", 400),
    ("LimitExceededException", 429),
    ("ResourceNotFoundException", 404),
];

fn check_modeled(error: &StartChatContactError, name: &str) {
    assert_eq!(error.code(), Some(name), "{error:?}");
    assert_eq!(error.message(), Some("it broke"), "{error:?}");
    let matched = match error {
        StartChatContactError::InternalServiceException(e) => {
            e.message.as_deref() == Some("it broke")
        }
        StartChatContactError::InvalidParameterException(e) => {
            e.message.as_deref() == Some("it broke")
        }
        StartChatContactError::InvalidRequestException(e) => {
            e.message.as_deref() == Some("it broke")
        }
        StartChatContactError::LimitExceededException(e) => {
            e.message.as_deref() == Some("it broke")
        }
        StartChatContactError::ResourceNotFoundException(e) => {
            e.message.as_deref() == Some("it broke")
        }
        other => panic!("not modeled: {other:?}"),
    };
    assert!(matched);
    assert_eq!(error.to_string(), format!("{name}: it broke"));
}

#[test]
fn every_modeled_error_from_every_code_location() {
    for (name, status) in ERRORS {
        let from_header = response(
            status,
            &[(
                "x-amzn-errortype",
                &format!("{name}:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            )],
            r#"{"Message": "it broke"}"#,
        );
        let from_code = response(
            status,
            &[],
            &format!(r#"{{"code": "com.amazonaws.connect#{name}", "Message": "it broke"}}"#),
        );
        let from_type = response(
            status,
            &[],
            &format!(
                r#"{{"__type": "aws.protocoltests.restjson#{name}:http://internal.amazon.com/coral/x", "Message": "it broke"}}"#
            ),
        );
        for r in [from_header, from_code, from_type] {
            let error = StartChatContact::parse_response(&r).unwrap_err();
            check_modeled(&error, name);
        }
    }
}

#[test]
fn header_wins_over_code_and_type() {
    let r = response(
        400,
        &[("X-Amzn-ErrorType", "InvalidParameterException")],
        r#"{"code": "LimitExceededException", "__type": "ResourceNotFoundException", "Message": "it broke"}"#,
    );
    check_modeled(
        &StartChatContact::parse_response(&r).unwrap_err(),
        "InvalidParameterException",
    );
    let r = response(
        400,
        &[],
        r#"{"__type": "ResourceNotFoundException", "code": "LimitExceededException", "Message": "it broke"}"#,
    );
    check_modeled(
        &StartChatContact::parse_response(&r).unwrap_err(),
        "LimitExceededException",
    );
}

#[test]
fn invalid_request_exception_keeps_its_reason() {
    let r = response(
        400,
        &[("x-amzn-errortype", "InvalidRequestException")],
        r#"{"Message": "bad file", "Reason": {"__type": "x", "AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_SIZE"}}"#,
    );
    match StartChatContact::parse_response(&r).unwrap_err() {
        StartChatContactError::InvalidRequestException(e) => {
            assert_eq!(e.message.as_deref(), Some("bad file"));
            assert_eq!(
                e.reason,
                Some(
                    InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
                        AttachedFileInvalidRequestExceptionReason::InvalidFileSize
                    )
                )
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_errors_are_unhandled_with_code_message_status_and_headers() {
    for (body, message) in [
        (r#"{"message": "slow down"}"#, "slow down"),
        (r#"{"Message": "slow down"}"#, "slow down"),
        (r#"{"errorMessage": "slow down"}"#, "slow down"),
    ] {
        let r = response(
            503,
            &[
                ("x-amzn-errortype", "ThrottlingException"),
                ("x-extra", "1"),
            ],
            body,
        );
        match StartChatContact::parse_response(&r).unwrap_err() {
            StartChatContactError::Unhandled(e) => {
                assert_eq!(e.code(), Some("ThrottlingException"));
                assert_eq!(e.message(), Some(message));
                assert_eq!(e.status().as_u16(), 503);
                assert_eq!(header(e.headers(), "x-extra"), Some("1"));
            }
            other => panic!("{other:?}"),
        }
    }
    let error = StartChatContact::parse_response(&response(502, &[], "<html>bad gateway</html>"))
        .unwrap_err();
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert!(matches!(error, StartChatContactError::Unhandled(ref e) if e.status().as_u16() == 502));
}

#[test]
fn unparseable_modeled_errors_and_outputs_are_unhandled() {
    let r = response(
        400,
        &[("x-amzn-errortype", "InvalidRequestException")],
        r#"{"Message": "x", "Reason": {"a": 1, "b": 2}}"#,
    );
    let error = StartChatContact::parse_response(&r).unwrap_err();
    assert_eq!(error.code(), Some("InvalidRequestException"));
    let message = error.message().unwrap();
    assert!(message.contains("/Reason"), "{message}");
    assert!(matches!(error, StartChatContactError::Unhandled(_)));

    let error =
        StartChatContact::parse_response(&response(200, &[], r#"{"ContactId": 5}"#)).unwrap_err();
    let message = error.message().unwrap();
    assert!(message.contains("/ContactId"), "{message}");
    assert!(message.contains("invalid type"), "{message}");
}

fn put(body: &str) -> http::Request<Vec<u8>> {
    http::Request::builder()
        .method("PUT")
        .uri("/contact/chat")
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

fn rejection_json(rejection: RequestRejection) -> (u16, Option<String>, Value) {
    let response = rejection.into_http_response();
    let code = header(response.headers(), "x-amzn-errortype").map(str::to_owned);
    (response.status().as_u16(), code, body_json(response.body()))
}

#[test]
fn server_parses_a_request() {
    let request = StartChatContact::serialize_request(&full(), ENDPOINT).unwrap();
    assert_eq!(StartChatContact::parse_request(&request).unwrap(), full());
}

/// Missing members are reported in the order they are found: a nested object's when that object
/// ends, then those of the enclosing object when it ends.
#[test]
fn server_reports_every_missing_required_member() {
    let rejection = StartChatContact::parse_request(&put(
        r#"{"ContactFlowId": "f", "ParticipantDetails": {}, "InitialMessage": {"Content": "x"}}"#,
    ))
    .unwrap_err();
    let (status, code, body) = rejection_json(rejection);
    assert_eq!(
        (status, code.as_deref()),
        (400, Some("ValidationException"))
    );
    let nul =
        |p: &str| format!("Value at '{p}' failed to satisfy constraint: Member must not be null");
    assert_eq!(
        body,
        json!({
            "message": format!("3 validation errors detected. {}; {}; {}",
                nul("/ParticipantDetails/DisplayName"), nul("/InitialMessage/ContentType"), nul("/InstanceId")),
            "fieldList": [
                {"message": nul("/ParticipantDetails/DisplayName"), "path": "/ParticipantDetails/DisplayName"},
                {"message": nul("/InitialMessage/ContentType"), "path": "/InitialMessage/ContentType"},
                {"message": nul("/InstanceId"), "path": "/InstanceId"},
            ]
        })
    );
    let (_, _, body) = rejection_json(StartChatContact::parse_request(&put("{}")).unwrap_err());
    assert_eq!(
        body["message"],
        json!(format!(
            "3 validation errors detected. {}; {}; {}",
            nul("/InstanceId"),
            nul("/ContactFlowId"),
            nul("/ParticipantDetails")
        ))
    );
}

#[test]
fn server_rejects_malformed_bodies_naming_the_path() {
    let cases = [
        ("{", "EOF"),
        ("[]", "invalid type"),
        (r#"{"InstanceId": 1}"#, "/InstanceId: invalid type"),
        (
            r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"}, "ChatDurationInMinutes": 99999999999}"#,
            "/ChatDurationInMinutes: invalid value",
        ),
        (
            r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"}} trailing"#,
            "trailing characters",
        ),
        (
            r#"{"SegmentAttributes": {"k": {"ValueList": [{"ValueInteger": "x"}]}}}"#,
            "/SegmentAttributes/k/ValueList/0/ValueInteger: invalid type",
        ),
        (
            r#"{"SegmentAttributes": {"a/b~c": {"ValueInteger": 1.5}}}"#,
            "/SegmentAttributes/a~1b~0c/ValueInteger: invalid type",
        ),
    ];
    for (body, expected) in cases {
        let rejection = StartChatContact::parse_request(&put(body)).unwrap_err();
        let text = rejection.to_string();
        assert!(text.contains(expected), "{body}: {text}");
        let (status, code, json) = rejection_json(rejection);
        assert_eq!(
            (status, code.as_deref()),
            (400, Some("SerializationException")),
            "{body}"
        );
        assert!(json["message"].as_str().unwrap().contains(expected));
    }
}

#[test]
fn server_checks_the_content_type() {
    let mut request = put(r#"{"InstanceId": "i"}"#);
    request
        .headers_mut()
        .insert("content-type", "text/plain".parse().unwrap());
    let (status, code, _) = rejection_json(StartChatContact::parse_request(&request).unwrap_err());
    assert_eq!(
        (status, code.as_deref()),
        (415, Some("UnsupportedMediaTypeException"))
    );
    request.headers_mut().insert(
        "content-type",
        "application/json; charset=utf-8".parse().unwrap(),
    );
    assert!(!matches!(
        StartChatContact::parse_request(&request),
        Err(RequestRejection::UnsupportedMediaType(_))
    ));
    // A body without any Content-Type is rejected too (Smithy's malformed-request test
    // RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders); no body needs none.
    request.headers_mut().remove("content-type");
    let (status, code, _) = rejection_json(StartChatContact::parse_request(&request).unwrap_err());
    assert_eq!(
        (status, code.as_deref()),
        (415, Some("UnsupportedMediaTypeException"))
    );
    *request.body_mut() = Vec::new();
    assert!(!matches!(
        StartChatContact::parse_request(&request),
        Err(RequestRejection::UnsupportedMediaType(_))
    ));
    let wrong_method = http::Request::builder()
        .method("POST")
        .uri("/contact/chat")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        rejection_json(StartChatContact::parse_request(&wrong_method).unwrap_err()).0,
        405
    );
    let wrong_path = http::Request::builder()
        .method("PUT")
        .uri("/contact/chats")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        rejection_json(StartChatContact::parse_request(&wrong_path).unwrap_err()).0,
        404
    );
}

/// `null` inside dense collections: a client skips the entry, a server rejects it.
#[test]
fn nulls_in_dense_collections() {
    let body = r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"},
        "SupportedMessagingContentTypes": ["text/plain", null], "Attributes": {"a": "1", "b": null}}"#;
    let rejection = StartChatContact::parse_request(&put(body)).unwrap_err();
    assert!(
        rejection
            .to_string()
            .contains("/SupportedMessagingContentTypes/1: null is not allowed in a dense list"),
        "{rejection}"
    );
    // The same document read by a client (serde_json, outside server mode) skips the nulls.
    let value: StartChatContactRequest = serde_json::from_str(body).unwrap();
    assert_eq!(
        value.supported_messaging_content_types,
        Some(vec!["text/plain".to_owned()])
    );
    assert_eq!(
        value.attributes,
        Some(BTreeMap::from([("a".to_owned(), "1".to_owned())]))
    );
    let map_body = r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"},
        "Attributes": {"a": "1", "b": null}}"#;
    let rejection = StartChatContact::parse_request(&put(map_body)).unwrap_err();
    assert!(
        rejection
            .to_string()
            .contains("/Attributes/b: null is not allowed in a dense map"),
        "{rejection}"
    );
    // Members that are null are absent, in both directions.
    let value: StartChatContactRequest = serde_json::from_str(
        r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"}, "Attributes": null}"#,
    )
    .unwrap();
    assert_eq!(value.attributes, None);
}

fn deep_segment_attributes(levels: usize) -> String {
    let mut body = String::from(
        r#"{"InstanceId": "i", "ContactFlowId": "f", "ParticipantDetails": {"DisplayName": "a"}, "SegmentAttributes": {"k": "#,
    );
    for _ in 0..levels {
        body.push_str(r#"{"ValueMap": {"k": "#);
    }
    body.push_str("{}");
    for _ in 0..levels {
        body.push_str("}}");
    }
    body.push_str("}}");
    body
}

#[test]
fn hostile_nesting_is_an_error_not_a_stack_overflow() {
    let body = deep_segment_attributes(100_000);
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let server = StartChatContact::parse_request(&put(&body))
                .unwrap_err()
                .to_string();
            let client = serde_json::from_str::<StartChatContactRequest>(&body)
                .unwrap_err()
                .to_string();
            (server, client)
        })
        .unwrap();
    let (server, client) = handle.join().unwrap();
    for text in [server, client] {
        assert!(text.contains("recursion limit exceeded"), "{text}");
        assert!(
            text.contains("/SegmentAttributes/k/ValueMap/k/ValueMap/k"),
            "{text}"
        );
    }
    // Deep *unknown* members are read like any value (every unknown value is checked for
    // well-formedness, see `hostile_inputs.rs`), so they hit the same recursion limit: an error,
    // not a stack overflow. The error's code still comes through for a client.
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let unknown = format!(r#"{{"InstanceId": "i", "Unknown": {deep_array}}}"#);
            let server = StartChatContact::parse_request(&put(&unknown))
                .unwrap_err()
                .to_string();
            let error = StartChatContact::parse_response(&response(
                400,
                &[],
                &format!(r#"{{"__type": "InvalidParameterException", "x": {deep_array}}}"#),
            ))
            .unwrap_err();
            (server, error.code().map(str::to_owned))
        })
        .unwrap();
    let (server, code) = handle.join().unwrap();
    assert!(server.contains("recursion limit exceeded"), "{server}");
    assert_eq!(code.as_deref(), Some("InvalidParameterException"));
    // Within the limit (serde_json's 128 nested arrays and objects) it parses.
    let ok = deep_segment_attributes(60);
    assert!(StartChatContact::parse_request(&put(&ok)).is_ok());
}

#[test]
fn unions_need_exactly_one_member() {
    for (body, found) in [
        (r#"{"Reason": {}}"#, 0),
        (r#"{"Reason": {"__type": "x"}}"#, 0),
    ] {
        let error = serde_json::from_str::<connect_chat::types::InvalidRequestException>(body)
            .unwrap_err()
            .to_string();
        assert!(error.contains(&format!("/Reason: a `InvalidRequestExceptionReason` union must have exactly one member set, found {found}")), "{error}");
    }
    let two = r#"{"Reason": {"AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_SIZE", "Other": 1}}"#;
    let error = serde_json::from_str::<connect_chat::types::InvalidRequestException>(two)
        .unwrap_err()
        .to_string();
    assert!(error.contains("found 2"), "{error}");
    // An unknown member alone is the Unknown variant; a null member is absent.
    let unknown: connect_chat::types::InvalidRequestException = serde_json::from_str(
        r#"{"Reason": {"NewReason": "x", "AttachedFileInvalidRequestExceptionReason": null}}"#,
    )
    .unwrap();
    assert_eq!(unknown.reason, Some(InvalidRequestExceptionReason::Unknown));
    assert!(serde_json::to_string(&unknown).is_err());
}

#[test]
fn server_serializes_response_and_errors() {
    let output = StartChatContactResponse::builder()
        .contact_id("c")
        .participant_token("t")
        .build();
    let served = StartChatContact::serialize_response(&output);
    assert_eq!(served.status(), 200);
    assert_eq!(
        header(served.headers(), "content-type"),
        Some("application/json")
    );
    assert_eq!(
        body_json(served.body()),
        json!({"ContactId": "c", "ParticipantToken": "t"})
    );
    for (name, status) in ERRORS {
        let r = response_for_error(name);
        let error = StartChatContact::parse_response(&r).unwrap_err();
        let served = StartChatContact::serialize_error(&error);
        assert_eq!(served.status().as_u16(), status);
        assert_eq!(header(served.headers(), "x-amzn-errortype"), Some(name));
        assert_eq!(body_json(served.body())["Message"], json!("it broke"));
        assert_eq!(
            StartChatContact::parse_response(&served).unwrap_err(),
            error
        );
    }
    let unhandled = StartChatContact::parse_response(&response(
        418,
        &[("x-amzn-errortype", "Teapot")],
        r#"{"message": "short and stout"}"#,
    ))
    .unwrap_err();
    let served = StartChatContact::serialize_error(&unhandled);
    assert_eq!(served.status().as_u16(), 418);
    assert_eq!(header(served.headers(), "x-amzn-errortype"), Some("Teapot"));
    assert_eq!(
        StartChatContact::parse_response(&served)
            .unwrap_err()
            .message(),
        Some("short and stout")
    );
}

fn response_for_error(name: &str) -> http::Response<Vec<u8>> {
    response(
        400,
        &[("x-amzn-errortype", name)],
        r#"{"Message": "it broke"}"#,
    )
}

#[test]
fn serde_document_form_round_trips() {
    let input = full();
    let text = serde_json::to_string(&input).unwrap();
    let back: StartChatContactRequest = serde_json::from_str(&text).unwrap();
    assert_eq!(back, input);
    let missing = serde_json::from_str::<StartChatContactRequest>(r#"{"InstanceId": "i"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("/ContactFlowId: missing required member `ContactFlowId`"),
        "{missing}"
    );
}

fn deep_value(levels: usize) -> SegmentAttributeValue {
    let mut value = SegmentAttributeValue::builder().build();
    for _ in 0..levels {
        value = SegmentAttributeValue::builder()
            .set_value_list(Some(vec![value]))
            .build();
    }
    value
}

#[test]
fn serializing_a_too_deep_value_is_an_error_not_a_stack_overflow() {
    let mut input = minimal(Some("t"));
    input.segment_attributes = Some(BTreeMap::from([("k".to_owned(), deep_value(1000))]));
    let error = StartChatContact::serialize_request(&input, ENDPOINT).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a value nests deeper than 128 levels"),
        "{error}"
    );
    assert!(serde_json::to_string(&input).is_err());
    // The counter is left at zero after the error: a shallow value still serializes.
    input.segment_attributes = Some(BTreeMap::from([("k".to_owned(), deep_value(60))]));
    let request = StartChatContact::serialize_request(&input, ENDPOINT).unwrap();
    assert_eq!(StartChatContact::parse_request(&request).unwrap(), input);
}
