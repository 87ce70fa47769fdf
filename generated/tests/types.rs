//! Behaviour of the generated StartChatContact types: builders, enums, unions, redaction.

use std::collections::BTreeMap;

use connect_chat::error::BuildError;
use connect_chat::types::{
    ChatMessage, InvalidRequestException, InvalidRequestExceptionReason, ParticipantDetails,
    PersistentChat, RehydrationType, SegmentAttributeValue, StartChatContactRequest,
};

fn participant() -> ParticipantDetails {
    ParticipantDetails::builder()
        .display_name("Ana")
        .build()
        .unwrap()
}

#[test]
fn build_names_every_missing_required_member() {
    let err: BuildError = StartChatContactRequest::builder().build().unwrap_err();
    assert_eq!(err.type_name(), "StartChatContactRequest");
    assert_eq!(
        err.missing(),
        ["instance_id", "contact_flow_id", "participant_details"]
    );
    assert_eq!(
        err.to_string(),
        "cannot build `StartChatContactRequest`: missing required members `instance_id`, `contact_flow_id`, `participant_details`"
    );
    let err = StartChatContactRequest::builder()
        .instance_id("i")
        .participant_details(participant())
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot build `StartChatContactRequest`: missing required member `contact_flow_id`"
    );
    let err = ChatMessage::builder().content("hi").build().unwrap_err();
    assert_eq!(err.missing(), ["content_type"]);
}

#[test]
fn required_members_are_plain_and_optional_members_are_options() {
    let request = StartChatContactRequest::builder()
        .instance_id("instance")
        .contact_flow_id(String::from("flow"))
        .participant_details(participant())
        .chat_duration_in_minutes(90)
        .supported_messaging_content_types("text/plain")
        .build()
        .unwrap();
    let instance: &String = &request.instance_id;
    assert_eq!(instance, "instance");
    assert_eq!(request.participant_details.display_name, "Ana");
    assert_eq!(request.chat_duration_in_minutes, Some(90));
    // `build()` filled the idempotency token (a UUID v4: 36 characters).
    assert_eq!(request.client_token.as_ref().map(String::len), Some(36));
    assert_eq!(request.attributes, None);

    // `set_*` clears as well as sets.
    let cleared = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(participant())
        .customer_id("c")
        .set_customer_id(None)
        .build()
        .unwrap();
    assert_eq!(cleared.customer_id, None);
}

#[test]
fn enums_round_trip_known_and_unknown_values() {
    assert_eq!(
        RehydrationType::from("ENTIRE_PAST_SESSION"),
        RehydrationType::EntirePastSession
    );
    assert_eq!(RehydrationType::FromSegment.as_str(), "FROM_SEGMENT");
    assert_eq!(
        RehydrationType::values(),
        ["ENTIRE_PAST_SESSION", "FROM_SEGMENT"]
    );
    let future = RehydrationType::from("FROM_THE_FUTURE");
    assert!(matches!(future, RehydrationType::Unknown(_)));
    assert_eq!(future.as_str(), "FROM_THE_FUTURE");
    assert_eq!(RehydrationType::from(future.as_str()), future);
    assert_eq!(future.to_string(), "FROM_THE_FUTURE");
    let parsed: RehydrationType = "FROM_SEGMENT".parse().unwrap();
    assert_eq!(parsed, RehydrationType::FromSegment);
    // An unknown value equal to a known one cannot be made: From always picks the known variant.
    assert_eq!(
        RehydrationType::from(String::from("FROM_SEGMENT")),
        RehydrationType::FromSegment
    );
}

#[test]
fn recursive_segment_attributes_nest_through_maps_and_lists() {
    let leaf = SegmentAttributeValue::builder()
        .value_string("leaf")
        .build();
    let inner: BTreeMap<String, SegmentAttributeValue> = [("k".to_owned(), leaf.clone())].into();
    let value = SegmentAttributeValue::builder()
        .set_value_map(Some(inner))
        .set_value_list(Some(vec![leaf.clone(), leaf]))
        .value_integer(3)
        .build();
    assert_eq!(
        value.value_map.as_ref().unwrap()["k"]
            .value_string
            .as_deref(),
        Some("leaf")
    );
    assert_eq!(value.value_list.as_ref().unwrap().len(), 2);
    let request = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(participant())
        .segment_attributes("connect:Subtype", value.clone())
        .build()
        .unwrap();
    assert_eq!(
        request.segment_attributes.unwrap()["connect:Subtype"],
        value
    );
}

#[test]
fn unions_expose_their_member_and_errors_their_fields() {
    let reason = InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
        "INVALID_FILE_SIZE".into(),
    );
    assert!(reason.is_attached_file_invalid_request_exception_reason());
    assert_eq!(
        reason
            .as_attached_file_invalid_request_exception_reason()
            .unwrap()
            .as_str(),
        "INVALID_FILE_SIZE"
    );
    assert!(
        !InvalidRequestExceptionReason::Unknown.is_attached_file_invalid_request_exception_reason()
    );
    let error = InvalidRequestException::builder()
        .message("bad")
        .reason(reason.clone())
        .build();
    assert_eq!(error.message.as_deref(), Some("bad"));
    assert_eq!(error.reason, Some(reason));
}

#[test]
fn customer_id_is_redacted_in_debug_and_the_rest_is_printed() {
    let request = StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(participant())
        .customer_id("customer-secret-42")
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::FromSegment)
                .build(),
        )
        .build()
        .unwrap();
    let printed = format!("{request:?}");
    assert!(!printed.contains("customer-secret-42"), "{printed}");
    assert!(
        printed.contains("customer_id: *** Sensitive Data Redacted ***"),
        "{printed}"
    );
    assert!(printed.contains("instance_id: \"instance-1\""), "{printed}");
    assert!(
        printed.contains("rehydration_type: Some(FromSegment)"),
        "{printed}"
    );
    let builder = StartChatContactRequest::builder().customer_id("customer-secret-42");
    assert!(!format!("{builder:?}").contains("customer-secret-42"));
}

#[test]
#[allow(clippy::disallowed_types)] // Hash is what this test checks.
fn types_are_comparable_hashable_and_cloneable() {
    use std::collections::BTreeSet;
    use std::collections::HashSet;
    let a = participant();
    let set: HashSet<ParticipantDetails> = [a.clone(), a.clone()].into();
    assert_eq!(set.len(), 1);
    let ordered: BTreeSet<RehydrationType> = [
        RehydrationType::FromSegment,
        RehydrationType::EntirePastSession,
    ]
    .into();
    assert_eq!(ordered.len(), 2);
}

#[test]
fn error_structures_are_errors_that_print_their_name_and_message() {
    let with_message = InvalidRequestException::builder()
        .message("the flow is not published")
        .build();
    assert_eq!(
        with_message.to_string(),
        "InvalidRequestException: the flow is not published"
    );
    let without = InvalidRequestException::builder().build();
    assert_eq!(without.to_string(), "InvalidRequestException");
    // Usable wherever an error is expected, with `?` into a boxed error.
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(with_message);
    assert!(boxed.source().is_none());
    // The operation's error enum prints a modeled error the same way.
    let as_variant =
        connect_chat::operation::StartChatContactError::InvalidRequestException(without);
    assert_eq!(as_variant.to_string(), "InvalidRequestException");
}

#[test]
// A user's `HashMap` is what the test is about; its order does not matter to a `BTreeMap`.
#[allow(clippy::disallowed_types)]
fn collection_setters_append_insert_and_take_any_iterable() {
    use std::collections::HashMap;
    // One item or entry per call, with `&str` converted.
    let request = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(participant())
        .supported_messaging_content_types("text/plain")
        .supported_messaging_content_types("text/markdown")
        .attributes("a", "1")
        .attributes("b", "2")
        .attributes("a", "3")
        .build()
        .unwrap();
    assert_eq!(
        request.supported_messaging_content_types,
        Some(vec!["text/plain".to_owned(), "text/markdown".to_owned()])
    );
    let attributes = request.attributes.unwrap();
    assert_eq!(attributes.len(), 2);
    assert_eq!(attributes["a"], "3");
    // `set_*` takes any iterable of convertible items (a `HashMap`, an array of `&str`), and
    // replaces what the appender added; `None` clears.
    let request = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(participant())
        .attributes("gone", "x")
        .set_attributes(Some(HashMap::from([("k", "v")])))
        .supported_messaging_content_types("gone")
        .set_supported_messaging_content_types(Some(["text/plain"]))
        .segment_attributes("x", SegmentAttributeValue::builder().build())
        .set_segment_attributes(None::<Vec<(String, SegmentAttributeValue)>>)
        .build()
        .unwrap();
    assert_eq!(
        request.attributes,
        Some([("k".to_owned(), "v".to_owned())].into())
    );
    assert_eq!(
        request.supported_messaging_content_types,
        Some(vec!["text/plain".to_owned()])
    );
    assert_eq!(request.segment_attributes, None);
}

#[test]
fn build_is_infallible_without_required_members() {
    // No `?` or `unwrap()`: the type has no required member.
    let value: SegmentAttributeValue = SegmentAttributeValue::builder().value_string("s").build();
    assert_eq!(value.value_string.as_deref(), Some("s"));
}
