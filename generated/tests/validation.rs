//! Validation of the StartChatContact closure: boundary tables for every constraint, nested
//! violations inside `SegmentAttributes`, several violations at once, and sensitive values.

use std::collections::BTreeMap;

use connect_chat::error::{ValidationError, Violation};
use connect_chat::types::{
    ChatMessage, DisconnectOnCustomerExitParticipantType, ParticipantConfiguration,
    ParticipantDetails, PersistentChat, RehydrationType, ResponseMode, SegmentAttributeValue,
    StartChatContactRequest,
};

/// A request with every member set to a valid value, recursion included.
fn full() -> StartChatContactRequest {
    let leaf = SegmentAttributeValue::builder()
        .value_string("leaf")
        .value_integer(7)
        .value_arn("arn:aws:connect:us-east-1:1:instance/i")
        .build();
    let nested = SegmentAttributeValue::builder()
        .value_string("chat")
        .set_value_map(Some(BTreeMap::from([("k".to_owned(), leaf.clone())])))
        .set_value_list(Some(vec![leaf.clone(), leaf]))
        .build();
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .set_attributes(Some(BTreeMap::from([(
            "name".to_owned(),
            "value".to_owned(),
        )])))
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Customer")
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
                .content("Hello")
                .build()
                .unwrap(),
        )
        .client_token("token-1")
        .chat_duration_in_minutes(60)
        .supported_messaging_content_types("text/plain")
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("contact-1")
                .build(),
        )
        .related_contact_id("contact-0")
        .set_segment_attributes(Some(BTreeMap::from([(
            "connect:Subtype".to_owned(),
            nested,
        )])))
        .customer_id("customer-1")
        .disconnect_on_customer_exit(DisconnectOnCustomerExitParticipantType::Agent)
        .build()
        .unwrap()
}

fn paths(error: &ValidationError) -> Vec<&str> {
    error.violations().iter().map(|v| v.path.as_str()).collect()
}

fn messages(error: &ValidationError) -> Vec<&str> {
    error
        .violations()
        .iter()
        .map(|v| v.message.as_str())
        .collect()
}

fn length_message(n: usize, path: &str, min: usize, max: usize) -> String {
    format!(
        "Value with length {n} at '{path}' failed to satisfy constraint: Member must have length between {min} and {max}, inclusive"
    )
}

fn nested_value(
    f: impl FnOnce(&mut SegmentAttributeValue),
) -> impl FnOnce(&mut StartChatContactRequest) {
    move |r| {
        let outer = r.segment_attributes.as_mut().unwrap();
        let nested = outer.get_mut("connect:Subtype").unwrap();
        f(nested.value_map.as_mut().unwrap().get_mut("k").unwrap());
    }
}

type Setter = fn(&mut StartChatContactRequest, String);

/// Every string length constraint of the closure: (where, JSON Pointer, min, max, setter).
fn string_cases() -> Vec<(&'static str, &'static str, usize, usize, Setter)> {
    vec![
        ("InstanceId", "/InstanceId", 1, 100, |r, s| {
            r.instance_id = s
        }),
        ("ContactFlowId", "/ContactFlowId", 0, 500, |r, s| {
            r.contact_flow_id = s
        }),
        ("Attributes key", "/Attributes", 1, 32767, |r, s| {
            r.attributes = Some(BTreeMap::from([(s, "v".to_owned())]))
        }),
        ("Attributes value", "/Attributes/k", 0, 32767, |r, s| {
            r.attributes = Some(BTreeMap::from([("k".to_owned(), s)]))
        }),
        (
            "DisplayName",
            "/ParticipantDetails/DisplayName",
            1,
            256,
            |r, s| r.participant_details.display_name = s,
        ),
        (
            "ContentType",
            "/InitialMessage/ContentType",
            1,
            100,
            |r, s| r.initial_message.as_mut().unwrap().content_type = s,
        ),
        ("Content", "/InitialMessage/Content", 1, 16384, |r, s| {
            r.initial_message.as_mut().unwrap().content = s
        }),
        ("ClientToken", "/ClientToken", 0, 500, |r, s| {
            r.client_token = Some(s)
        }),
        (
            "SupportedMessagingContentTypes item",
            "/SupportedMessagingContentTypes/1",
            1,
            100,
            |r, s| r.supported_messaging_content_types = Some(vec!["text/plain".to_owned(), s]),
        ),
        (
            "SourceContactId",
            "/PersistentChat/SourceContactId",
            1,
            256,
            |r, s| r.persistent_chat.as_mut().unwrap().source_contact_id = Some(s),
        ),
        ("RelatedContactId", "/RelatedContactId", 1, 256, |r, s| {
            r.related_contact_id = Some(s)
        }),
        (
            "SegmentAttributes key",
            "/SegmentAttributes",
            1,
            128,
            |r, s| {
                let value = SegmentAttributeValue::builder().build();
                r.segment_attributes = Some(BTreeMap::from([(s, value)]))
            },
        ),
        (
            "ValueString",
            "/SegmentAttributes/connect:Subtype/ValueString",
            0,
            1024,
            |r, s| {
                r.segment_attributes
                    .as_mut()
                    .unwrap()
                    .get_mut("connect:Subtype")
                    .unwrap()
                    .value_string = Some(s)
            },
        ),
        (
            "ValueMap key",
            "/SegmentAttributes/connect:Subtype/ValueMap",
            1,
            128,
            |r, s| {
                let value = SegmentAttributeValue::builder().build();
                r.segment_attributes
                    .as_mut()
                    .unwrap()
                    .get_mut("connect:Subtype")
                    .unwrap()
                    .value_map = Some(BTreeMap::from([(s, value)]))
            },
        ),
        (
            "nested ValueArn",
            "/SegmentAttributes/connect:Subtype/ValueMap/k/ValueArn",
            0,
            1024,
            |r, s| nested_value(|v| v.value_arn = Some(s))(r),
        ),
        (
            "ValueList item ValueString",
            "/SegmentAttributes/connect:Subtype/ValueList/1/ValueString",
            0,
            1024,
            |r, s| {
                let list = r
                    .segment_attributes
                    .as_mut()
                    .unwrap()
                    .get_mut("connect:Subtype")
                    .unwrap();
                list.value_list.as_mut().unwrap()[1].value_string = Some(s)
            },
        ),
        ("CustomerId", "/CustomerId", 1, 128, |r, s| {
            r.customer_id = Some(s)
        }),
    ]
}

#[test]
fn a_fully_populated_request_is_valid() {
    assert_eq!(full().validate(), Ok(()));
}

#[test]
fn string_lengths_count_unicode_scalar_values_at_every_boundary() {
    let mut checked = 0;
    for (name, path, min, max, set) in string_cases() {
        // ASCII, two-byte, three-byte and astral-plane (four-byte, two UTF-16 units) characters.
        for c in ['a', 'é', '€', '👍'] {
            let lengths = [min.checked_sub(1), Some(min), Some(max), Some(max + 1)];
            for n in lengths.into_iter().flatten() {
                let mut request = full();
                set(&mut request, c.to_string().repeat(n));
                let result = request.validate();
                if (min..=max).contains(&n) {
                    assert_eq!(result, Ok(()), "{name}: {n} × {c:?}");
                } else {
                    let error = result.expect_err(name);
                    assert_eq!(paths(&error), [path], "{name}: {n} × {c:?}");
                    assert_eq!(
                        messages(&error),
                        [length_message(n, path, min, max)],
                        "{name}: {n} × {c:?}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn chat_duration_range_boundaries() {
    let message = "Value at '/ChatDurationInMinutes' failed to satisfy constraint: Member must be between 60 and 10080, inclusive";
    for (minutes, ok) in [
        (i32::MIN, false),
        (-1, false),
        (59, false),
        (60, true),
        (10080, true),
        (10081, false),
        (i32::MAX, false),
    ] {
        let mut request = full();
        request.chat_duration_in_minutes = Some(minutes);
        match request.validate() {
            Ok(()) => assert!(ok, "{minutes}"),
            Err(error) => {
                assert!(!ok, "{minutes}");
                assert_eq!(paths(&error), ["/ChatDurationInMinutes"]);
                assert_eq!(messages(&error), [message]);
            }
        }
    }
}

#[test]
fn list_length_and_enum_items() {
    let path = "/DisconnectOnCustomerExit";
    let agent = DisconnectOnCustomerExitParticipantType::Agent;
    for (items, expected) in [
        (vec![], Some(length_message(0, path, 1, 1))),
        (vec![agent.clone()], None),
        (
            vec![agent.clone(), agent.clone()],
            Some(length_message(2, path, 1, 1)),
        ),
    ] {
        let mut request = full();
        request.disconnect_on_customer_exit = Some(items);
        match expected {
            None => assert_eq!(request.validate(), Ok(())),
            Some(message) => assert_eq!(messages(&request.validate().unwrap_err()), [message]),
        }
    }
    let mut request = full();
    request.disconnect_on_customer_exit =
        Some(vec![DisconnectOnCustomerExitParticipantType::from(
            "CUSTOMER",
        )]);
    let error = request.validate().unwrap_err();
    assert_eq!(paths(&error), ["/DisconnectOnCustomerExit/0"]);
    assert_eq!(
        messages(&error),
        [
            "Value at '/DisconnectOnCustomerExit/0' failed to satisfy constraint: Member must satisfy enum value set: [AGENT]"
        ]
    );
}

#[test]
fn unknown_enum_values_are_rejected() {
    let mut request = full();
    request.persistent_chat.as_mut().unwrap().rehydration_type =
        Some(RehydrationType::from("LATEST"));
    request
        .participant_configuration
        .as_mut()
        .unwrap()
        .response_mode = Some(ResponseMode::from("incremental"));
    let error = request.validate().unwrap_err();
    assert_eq!(
        messages(&error),
        [
            "Value at '/ParticipantConfiguration/ResponseMode' failed to satisfy constraint: Member must satisfy enum value set: [INCREMENTAL, COMPLETE]",
            "Value at '/PersistentChat/RehydrationType' failed to satisfy constraint: Member must satisfy enum value set: [ENTIRE_PAST_SESSION, FROM_SEGMENT]",
        ]
    );
}

#[test]
fn nested_violations_inside_segment_attributes_recursion() {
    let mut request = full();
    let long = "x".repeat(1025);
    nested_value(|v| {
        v.value_string = Some(long.clone());
        let deeper = SegmentAttributeValue::builder()
            .set_value_list(Some(vec![
                SegmentAttributeValue::builder()
                    .value_arn(long.clone())
                    .build(),
            ]))
            .build();
        v.value_map = Some(BTreeMap::from([
            (String::new(), SegmentAttributeValue::builder().build()),
            ("a/b~c".to_owned(), deeper),
        ]));
    })(&mut request);
    let error = request.validate().unwrap_err();
    let base = "/SegmentAttributes/connect:Subtype/ValueMap/k";
    assert_eq!(
        paths(&error),
        [
            format!("{base}/ValueString"),
            format!("{base}/ValueMap"),
            format!("{base}/ValueMap/a~1b~0c/ValueList/0/ValueArn"),
        ]
    );
    assert_eq!(
        messages(&error),
        [
            length_message(1025, &format!("{base}/ValueString"), 0, 1024),
            length_message(0, &format!("{base}/ValueMap"), 1, 128),
            length_message(
                1025,
                &format!("{base}/ValueMap/a~1b~0c/ValueList/0/ValueArn"),
                0,
                1024
            ),
        ]
    );
    // The nested value validates on its own, with paths from itself.
    let nested = &request.segment_attributes.as_ref().unwrap()["connect:Subtype"];
    assert_eq!(
        paths(&nested.validate().unwrap_err())[0],
        "/ValueMap/k/ValueString"
    );
}

#[test]
fn several_violations_are_reported_at_once_in_model_order() {
    let mut request = full();
    request.instance_id = String::new();
    request.participant_details.display_name = String::new();
    request.chat_duration_in_minutes = Some(1);
    request.supported_messaging_content_types =
        Some(vec![String::new(), "ok".to_owned(), String::new()]);
    request.customer_id = Some(String::new());
    let error = request.validate().unwrap_err();
    assert_eq!(
        paths(&error),
        [
            "/InstanceId",
            "/ParticipantDetails/DisplayName",
            "/ChatDurationInMinutes",
            "/SupportedMessagingContentTypes/0",
            "/SupportedMessagingContentTypes/2",
            "/CustomerId",
        ]
    );
    let text = error.to_string();
    assert!(text.starts_with(
        "6 validation errors detected. Value with length 0 at '/InstanceId' failed to satisfy constraint: Member must have length between 1 and 100, inclusive; Value with length 0 at '/ParticipantDetails/DisplayName'"
    ), "{text}");
    assert_eq!(text.matches("; ").count(), 5);
}

#[test]
fn display_and_json_body_of_one_violation() {
    let mut request = full();
    request.chat_duration_in_minutes = Some(10081);
    let error = request.validate().unwrap_err();
    let message = "Value at '/ChatDurationInMinutes' failed to satisfy constraint: Member must be between 60 and 10080, inclusive";
    assert_eq!(
        error.to_string(),
        format!("1 validation error detected. {message}")
    );
    assert_eq!(
        error.to_json(),
        format!(
            r#"{{"message":"1 validation error detected. {message}","fieldList":[{{"message":"{message}","path":"/ChatDurationInMinutes"}}]}}"#
        )
    );
}

#[test]
fn json_body_escapes_keys() {
    let mut request = full();
    request.attributes = Some(BTreeMap::from([("q\"\\\n".to_owned(), "x".repeat(32768))]));
    let json = request.validate().unwrap_err().to_json();
    assert!(json.contains(r#""path":"/Attributes/q\"\\\n""#), "{json}");
}

#[test]
fn sensitive_customer_id_never_appears_in_violations() {
    let secret = "SECRET-🔑-".repeat(20);
    let mut request = full();
    request.customer_id = Some(secret.clone());
    let error = request.validate().unwrap_err();
    assert_eq!(paths(&error), ["/CustomerId"]);
    assert_eq!(
        messages(&error),
        [length_message(180, "/CustomerId", 1, 128)]
    );
    for text in [error.to_string(), error.to_json(), format!("{error:?}")] {
        assert!(!text.contains("SECRET"), "{text}");
    }
}

#[test]
fn required_members_are_reported_by_the_deserializer_helper() {
    let violation = Violation::required("/ParticipantDetails/DisplayName");
    assert_eq!(violation.path, "/ParticipantDetails/DisplayName");
    assert_eq!(
        violation.message,
        "Value at '/ParticipantDetails/DisplayName' failed to satisfy constraint: Member must not be null"
    );
    let mut pointer = String::from("/SegmentAttributes");
    connect_chat::validation::push_segment(&mut pointer, "a/b~c");
    assert_eq!(pointer, "/SegmentAttributes/a~1b~0c");
    assert_eq!(ValidationError::from_violations(vec![]), None);
    let error = ValidationError::from_violations(vec![violation.clone(), violation]).unwrap();
    assert!(
        error
            .to_string()
            .starts_with("2 validation errors detected. Value at ")
    );
}

// A client validates what it sends; `validate()` on what it only receives (this response) is
// the server's, behind its feature.
#[cfg(feature = "server")]
#[test]
fn structures_without_constraints_are_always_valid() {
    let response = connect_chat::types::StartChatContactResponse::builder().build();
    assert_eq!(response.validate(), Ok(()));
}
