//! Differential: the generated crate's JSON reading agrees with `serde_json::Value` on whether
//! a document is well-formed JSON. `primitives::Document` (the crate's own JSON-like type and
//! visitor) accepts exactly what `Value` accepts, with the same content; a body that is not
//! well-formed JSON is never accepted by `parse_request` or `parse_response`, except the empty
//! body (nothing but JSON whitespace), which restJson1 reads as `{}`.
#![no_main]

use connect_chat::operation::StartChatContact;
use connect_chat::primitives::Document;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let value = serde_json::from_slice::<Value>(data);
    let document = serde_json::from_slice::<Document>(data);
    match (&value, &document) {
        (Ok(value), Ok(document)) => {
            let written = serde_json::to_value(document).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&written, value, "Document and Value disagree");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("well-formedness differs: Value {value:?}, Document {document:?}"),
    }
    let empty = data
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if value.is_err() && !empty {
        let request = http::Request::builder()
            .method("PUT")
            .uri("/contact/chat")
            .header("content-type", "application/json")
            .body(data);
        if let Ok(request) = request {
            assert!(StartChatContact::parse_request(&request).is_err());
        }
        let response = http::Response::builder().status(200).body(data);
        if let Ok(response) = response {
            assert!(StartChatContact::parse_response(&response).is_err());
        }
    }
});
