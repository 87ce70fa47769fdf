//! Server direction: arbitrary method, path, headers and body into `parse_request`. It must
//! not panic; an accepted request must be valid and must survive a client round trip; every
//! rejection must become a well-formed JSON response.
#![no_main]

use arbitrary::Unstructured;
use connect_chat::operation::StartChatContact;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(method) = u.choose(&["PUT", "PUT", "PUT", "POST", "GET"]).copied() else {
        return;
    };
    let Ok(uri) = u
        .choose(&[
            "/contact/chat",
            "/contact/chat/",
            "/contact/chat?x=1",
            "/contact",
            "/",
        ])
        .copied()
    else {
        return;
    };
    let Ok(headers) = connect_chat_fuzz::headers(&mut u) else {
        return;
    };
    let body = u.take_rest();
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let Ok(request) = builder.body(body) else {
        return;
    };
    match StartChatContact::parse_request(&request) {
        Ok(input) => {
            assert_eq!(input.validate(), Ok(()), "accepted an invalid request");
            let again = StartChatContact::serialize_request(&input, "https://example.com")
                .unwrap_or_else(|e| panic!("cannot serialize an accepted request: {e}"));
            // Serializing invents nothing (no idempotency token either): the value comes back.
            let back = StartChatContact::parse_request(&again)
                .unwrap_or_else(|e| panic!("re-serialized request rejected: {e:?}"));
            assert_eq!(back, input);
        }
        Err(rejection) => {
            let response = rejection.into_http_response();
            if !response.body().is_empty() {
                let parsed = serde_json::from_slice::<serde_json::Value>(response.body());
                assert!(parsed.is_ok(), "rejection body is not JSON");
            }
        }
    }
});
