//! The event-stream decoder over arbitrary bytes in arbitrary chunks: never a panic, the same
//! messages and the same outcome whatever the chunking, and every decoded message encodes back
//! to exactly the bytes it came from.
//!
//! Input: the first byte's low 3 bits say how many chunk-size bytes follow (0 to 7); each is a
//! chunk length (the byte plus one: 1 to 256, used in turn and cycled); the rest is the byte stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restjson_runtime::event_stream::{DecodeError, Decoder, Limits, Message};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let count = (first & 7) as usize;
    let (sizes, stream) = rest.split_at(count.min(rest.len()));
    // Bit 3 picks small limits, so that the limit checks are reached too.
    let limits = if first & 8 == 0 {
        Limits::default()
    } else {
        let mut small = Limits::default();
        small.max_frame_len = 200;
        small.max_headers_len = 64;
        small.max_header_value_len = 16;
        small
    };

    let chunked = decode(stream, sizes, &limits);
    let whole = decode(stream, &[], &limits);
    assert_eq!(chunked, whole, "the chunking changed the outcome");

    let (messages, _) = whole;
    let encoder = restjson_runtime::event_stream::Encoder::with_limits(limits);
    let mut encoded = Vec::new();
    for message in &messages {
        if let Err(e) = encoder.encode_into(message, &mut encoded) {
            panic!("a decoded message does not encode: {e}: {message:?}");
        }
    }
    assert!(
        stream.starts_with(&encoded),
        "decoded messages do not encode back to their bytes"
    );
});

/// Every message of `stream` fed in chunks of `sizes` (cycled; none: one chunk), and how the
/// stream ended: `Ok` after `finish`, or the first error.
fn decode(stream: &[u8], sizes: &[u8], limits: &Limits) -> (Vec<Message>, Result<(), DecodeError>) {
    let mut decoder = Decoder::with_limits(limits.clone());
    let mut messages = Vec::new();
    let mut rest = stream;
    let mut size = sizes.iter().cycle();
    loop {
        let n = match size.next() {
            Some(&n) => (n as usize + 1).min(rest.len()),
            None => rest.len(),
        };
        let (chunk, tail) = rest.split_at(n);
        // Odd sizes feed a slice, even ones a `Bytes` chunk: both paths, interleaved.
        if n % 2 == 1 {
            decoder.feed(chunk);
        } else {
            decoder.feed_bytes(restjson_runtime::event_stream::Bytes::copy_from_slice(
                chunk,
            ));
        }
        rest = tail;
        loop {
            match decoder.next_message() {
                Ok(Some(message)) => messages.push(message),
                Ok(None) => break,
                Err(e) => return (messages, Err(e)),
            }
        }
        if rest.is_empty() {
            return (messages, decoder.finish());
        }
    }
}
