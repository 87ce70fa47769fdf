//! Client direction: arbitrary status, headers and body into `parse_response`, which covers
//! error dispatch (header, `code` and `__type` error codes). It must not panic; a parsed output
//! or modeled error must survive a server round trip.
#![no_main]

use arbitrary::Unstructured;
use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::types::InvalidRequestExceptionReason;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(status) = (if u.arbitrary().unwrap_or(false) {
        u.choose(&[200u16, 400, 404, 429, 500]).copied()
    } else {
        u.int_in_range(100u16..=999)
    }) else {
        return;
    };
    let Ok(headers) = connect_chat_fuzz::headers(&mut u) else {
        return;
    };
    let body = u.take_rest();
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let Ok(response) = builder.body(body) else {
        return;
    };
    let parsed = StartChatContact::parse_response(&response);
    match parsed {
        Ok(output) => {
            let again = StartChatContact::serialize_response(&output);
            let back = StartChatContact::parse_response(&again)
                .unwrap_or_else(|e| panic!("re-serialized output not parsed: {e:?}"));
            assert_eq!(back, output);
        }
        Err(StartChatContactError::Unhandled(_)) => {}
        // A union member this crate does not know is kept as `Unknown`, which cannot be
        // written back: documented, the server answers 500 `InternalFailure`.
        Err(ref error @ StartChatContactError::InvalidRequestException(ref e))
            if matches!(e.reason, Some(InvalidRequestExceptionReason::Unknown)) =>
        {
            let again = StartChatContact::serialize_error(error);
            assert_eq!(again.status(), 500);
        }
        Err(ref error) => {
            let again = StartChatContact::serialize_error(error);
            match StartChatContact::parse_response(&again) {
                Err(back) => assert_eq!(&back, error),
                Ok(output) => panic!("re-serialized error parsed as output {output:?}"),
            }
        }
    }
});
