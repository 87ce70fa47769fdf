//! Validating a valid value allocates nothing: paths are built only when a violation is found.
//! (A test binary of its own: the counting allocator is global to the binary.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use connect_chat::types::{
    ChatMessage, DisconnectOnCustomerExitParticipantType, ParticipantConfiguration,
    ParticipantDetails, PersistentChat, RehydrationType, ResponseMode, SegmentAttributeValue,
    StartChatContactRequest,
};

thread_local! {
    // Counted per thread so the test harness's own threads do not interfere.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a plain
// thread-local integer that never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (result, ALLOCATIONS.with(Cell::get) - before)
}

fn full() -> StartChatContactRequest {
    let leaf = SegmentAttributeValue::builder()
        .value_string("leaf")
        .value_integer(7)
        .value_arn("arn")
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
            "välue 👍".to_owned(),
        )])))
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Customer")
                .build()
                .unwrap(),
        )
        .participant_configuration(
            ParticipantConfiguration::builder()
                .response_mode(ResponseMode::Complete)
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
        .chat_duration_in_minutes(600)
        .set_supported_messaging_content_types(Some(vec![
            "text/plain".to_owned(),
            "text/markdown".to_owned(),
        ]))
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::FromSegment)
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

#[test]
fn validating_a_valid_request_does_not_allocate() {
    let request = full();
    let (result, allocations) = allocations_during(|| request.validate());
    assert_eq!(result, Ok(()));
    assert_eq!(allocations, 0);
}

#[test]
fn the_counter_sees_allocations_when_a_violation_is_found() {
    let mut request = full();
    request.instance_id = String::new();
    let (result, allocations) = allocations_during(|| request.validate());
    assert!(result.is_err());
    assert!(allocations > 0);
}
