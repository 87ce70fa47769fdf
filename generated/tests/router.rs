//! The service's router: requests reach their operation, unknown routes are refused as a
//! Smithy server refuses them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

// These tests take the server's side too (parsing requests, writing responses).
#[cfg(not(feature = "server"))]
compile_error!(
    "these tests need the crate's `server` feature: `cargo test -p connect-chat --features server`"
);

use connect_chat::operation::StartChatContact;
use connect_chat::router::{self, OperationName, ServiceRequest};
use connect_chat::types::{ParticipantDetails, StartChatContactRequest};

fn request() -> http::Request<Vec<u8>> {
    let input = StartChatContactRequest::builder()
        .instance_id("inst")
        .contact_flow_id("flow")
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Ana")
                .build()
                .unwrap(),
        )
        .client_token("token-1")
        .build()
        .unwrap();
    StartChatContact::serialize_request(&input, "https://example.com").unwrap()
}

#[test]
fn a_request_reaches_its_operation() {
    let request = request();
    assert_eq!(
        router::route(&request).unwrap(),
        OperationName::StartChatContact
    );
    assert_eq!(OperationName::StartChatContact.as_str(), "StartChatContact");
    let parsed = router::parse_request(&request).unwrap();
    assert_eq!(parsed.operation(), OperationName::StartChatContact);
    let ServiceRequest::StartChatContact(input) = parsed else {
        panic!("routed elsewhere: {parsed:?}");
    };
    assert_eq!(input, StartChatContact::parse_request(&request).unwrap());
}

#[test]
fn unknown_paths_and_methods_are_refused_as_a_smithy_server_does() {
    let mut request = request();
    *request.method_mut() = http::Method::POST;
    let refused = router::route(&request).unwrap_err().into_http_response();
    assert_eq!(refused.status(), 405);
    assert_eq!(
        refused.headers()["x-amzn-errortype"],
        "UnknownOperationException"
    );
    *request.method_mut() = http::Method::PUT;
    *request.uri_mut() = "https://example.com/contact/chats".parse().unwrap();
    let refused = router::parse_request(&request)
        .unwrap_err()
        .into_http_response();
    assert_eq!(refused.status(), 404);
    assert_eq!(
        refused.headers()["x-amzn-errortype"],
        "UnknownOperationException"
    );
}
