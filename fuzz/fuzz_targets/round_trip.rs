//! Round trips over arbitrary typed values, in both directions and through the serde
//! document form: `parse_request(serialize_request(x)) == x` for valid `x` (and the
//! validator's exact violations otherwise), `parse_response(serialize_response(y)) == y`, and
//! the same for every modeled error.
#![no_main]

use arbitrary::Unstructured;
use connect_chat::error::RequestRejection;
use connect_chat::operation::StartChatContact;
use connect_chat::types::StartChatContactRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    match u.int_in_range(0..=2u8) {
        Ok(0) => {
            let Ok(input) = connect_chat_fuzz::input(&mut u) else {
                return;
            };
            let request = match StartChatContact::serialize_request(&input, "https://example.com") {
                Ok(request) => request,
                Err(e) => panic!("cannot serialize {input:?}: {e}"),
            };
            let parsed = StartChatContact::parse_request(&request);
            match input.validate() {
                Ok(()) => assert_eq!(parsed.as_ref().ok(), Some(&input), "{parsed:?}"),
                Err(expected) => match parsed {
                    Err(RequestRejection::Validation(got)) => assert_eq!(got, expected),
                    other => panic!("expected {expected}, got {other:?}"),
                },
            }
            let text = serde_json::to_vec(&input).unwrap_or_else(|e| panic!("{e}"));
            let back: StartChatContactRequest =
                serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, input);
        }
        Ok(1) => {
            let Ok(output) = connect_chat_fuzz::output(&mut u) else {
                return;
            };
            let response = StartChatContact::serialize_response(&output);
            let parsed = StartChatContact::parse_response(&response);
            assert_eq!(parsed.as_ref().ok(), Some(&output), "{parsed:?}");
        }
        Ok(_) => {
            let Ok(error) = connect_chat_fuzz::error(&mut u) else {
                return;
            };
            let response = StartChatContact::serialize_error(&error);
            let parsed = StartChatContact::parse_response(&response);
            assert_eq!(parsed.as_ref().err(), Some(&error), "{parsed:?}");
        }
        Err(_) => {}
    }
});
