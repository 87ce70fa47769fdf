//! The event-stream codec against frames built here byte by byte from the specification's
//! layout, with CRCs from a bitwise CRC-32 written in this file (checked against the
//! algorithm's published check value), and against the frames of the official protocol tests
//! (`smithy.test#eventStreamTests` in `$PROTOCOL_TESTS/restJson1.json`).
#![cfg(feature = "event-stream")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use bytes::Bytes;
use restjson_runtime::event_stream::{
    DecodeError, Decoder, EncodeError, Encoder, Header, HeaderValue, Limits, Message, TextKind,
};
use serde_json::Value;

/// CRC-32 (ISO-HDLC: reflected, polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), one
/// bit at a time: independent of the `crc32fast` the codec uses.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A frame assembled from raw header bytes and a payload, lengths and CRCs computed here.
fn frame(headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = (16 + headers.len() + payload.len()) as u32;
    frame_with_lengths(total, headers.len() as u32, headers, payload)
}

/// A frame with these prelude lengths whatever the bytes, both CRCs correct.
fn frame_with_lengths(total: u32, headers_len: u32, headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&total.to_be_bytes());
    out.extend_from_slice(&headers_len.to_be_bytes());
    out.extend_from_slice(&crc32(&out).to_be_bytes());
    out.extend_from_slice(headers);
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32(&out).to_be_bytes());
    out
}

/// One header's bytes: name length, name, type byte, value bytes.
fn raw_header(name: &str, type_byte: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![name.len() as u8];
    out.extend_from_slice(name.as_bytes());
    out.push(type_byte);
    out.extend_from_slice(value);
    out
}

fn sized(bytes: &[u8]) -> Vec<u8> {
    let mut out = (bytes.len() as u16).to_be_bytes().to_vec();
    out.extend_from_slice(bytes);
    out
}

/// How a test feeds its chunks.
#[derive(Clone, Copy, Debug)]
enum Feed {
    Slices,
    Bytes,
    /// `Bytes` and slices in turn.
    Mixed,
}

/// Every message of `bytes`, fed in the given chunks one way; then `finish`.
fn decode_fed<'a>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
    feed: Feed,
) -> Result<Vec<Message>, DecodeError> {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    for (i, chunk) in chunks.into_iter().enumerate() {
        match (feed, i % 2) {
            (Feed::Slices, _) | (Feed::Mixed, 1) => decoder.feed(chunk),
            (Feed::Bytes, _) | (Feed::Mixed, _) => {
                decoder.feed_bytes(Bytes::copy_from_slice(chunk))
            }
        }
        while let Some(message) = decoder.next_message()? {
            out.push(message);
        }
    }
    decoder.finish()?;
    Ok(out)
}

/// Every message of `bytes`, fed in the given chunks; then `finish`. Fed as slices, as
/// `Bytes` and both in turn, with the same outcome each way.
fn decode_chunks<'a>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<Vec<Message>, DecodeError> {
    let chunks: Vec<&[u8]> = chunks.into_iter().collect();
    let slices = decode_fed(chunks.iter().copied(), Feed::Slices);
    for feed in [Feed::Bytes, Feed::Mixed] {
        assert_eq!(
            decode_fed(chunks.iter().copied(), feed),
            slices,
            "fed {feed:?}"
        );
    }
    slices
}

fn decode_all(bytes: &[u8]) -> Result<Vec<Message>, DecodeError> {
    decode_chunks([bytes])
}

fn decode_one(bytes: &[u8]) -> Result<Message, DecodeError> {
    let mut messages = decode_all(bytes)?;
    assert_eq!(messages.len(), 1);
    Ok(messages.remove(0))
}

#[test]
fn the_test_crc_gives_the_published_check_value() {
    // The check value of CRC-32/ISO-HDLC (the CRC of gzip, zlib and PNG) over "123456789".
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn an_empty_message_is_sixteen_bytes() {
    let bytes = Message::new(Bytes::new()).encode().unwrap();
    // Total length 16, headers length 0, then the two CRCs (also computed by hand here).
    let expected = frame(&[], &[]);
    assert_eq!(bytes, expected);
    assert_eq!(
        bytes,
        [
            0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98,
            0xc8, 0xff
        ]
    );
    assert_eq!(decode_one(&bytes).unwrap(), Message::default());
}

/// Every value type with edge values, and the bytes the specification's table gives each.
fn every_type() -> (Message, Vec<u8>) {
    let uuid = *b"\x01\x23\x45\x67\x89\xab\xcd\xef\xfe\xdc\xba\x98\x76\x54\x32\x10";
    let long_text = "é".repeat(Limits::SPEC_MAX_HEADER_VALUE_LEN / 2); // 32,766 bytes
    let message = Message::new(&b"payload \x00\xff"[..])
        .with_header("t", true)
        .with_header("f", false)
        .with_header("byte-min", i8::MIN)
        .with_header("byte", 7i8)
        .with_header("short", -2i16)
        .with_header("int", i32::MAX)
        .with_header("long", i64::MIN)
        .with_header("bytes", vec![0u8, 1, 255])
        .with_header("empty-bytes", Vec::new())
        .with_header("string", "snow ☃")
        .with_header("empty-string", "")
        .with_header("long-string", long_text.clone())
        .with_header("time", HeaderValue::Timestamp(1_730_384_114_000))
        .with_header("before-epoch", HeaderValue::Timestamp(-1))
        .with_header("uuid", uuid)
        .with_header("n".repeat(255), 0i32);
    let mut headers = Vec::new();
    headers.extend(raw_header("t", 0, &[]));
    headers.extend(raw_header("f", 1, &[]));
    headers.extend(raw_header("byte-min", 2, &[0x80]));
    headers.extend(raw_header("byte", 2, &[7]));
    headers.extend(raw_header("short", 3, &[0xff, 0xfe]));
    headers.extend(raw_header("int", 4, &[0x7f, 0xff, 0xff, 0xff]));
    headers.extend(raw_header("long", 5, &[0x80, 0, 0, 0, 0, 0, 0, 0]));
    headers.extend(raw_header("bytes", 6, &[0, 3, 0, 1, 255]));
    headers.extend(raw_header("empty-bytes", 6, &[0, 0]));
    headers.extend(raw_header("string", 7, &sized("snow ☃".as_bytes())));
    headers.extend(raw_header("empty-string", 7, &[0, 0]));
    headers.extend(raw_header("long-string", 7, &sized(long_text.as_bytes())));
    headers.extend(raw_header(
        "time",
        8,
        &[0x00, 0x00, 0x01, 0x92, 0xe2, 0xee, 0x31, 0x50],
    ));
    headers.extend(raw_header("before-epoch", 8, &[0xff; 8]));
    headers.extend(raw_header("uuid", 9, &uuid));
    headers.extend(raw_header(&"n".repeat(255), 4, &[0, 0, 0, 0]));
    (message, frame(&headers, b"payload \x00\xff"))
}

#[test]
fn every_header_type_encodes_as_the_specification_says_and_round_trips() {
    let (message, expected) = every_type();
    let bytes = message.encode().unwrap();
    assert_eq!(bytes.len(), expected.len());
    assert_eq!(bytes, expected);
    let decoded = decode_one(&bytes).unwrap();
    assert_eq!(decoded, message);
    assert_eq!(decoded.header("t"), Some(&HeaderValue::Bool(true)));
    assert_eq!(decoded.header("f"), Some(&HeaderValue::Bool(false)));
    assert_eq!(decoded.string_header("string"), Some("snow ☃"));
    assert_eq!(decoded.header("time").unwrap().type_byte(), 8);
    assert_eq!(
        decoded
            .header("bytes")
            .unwrap()
            .as_bytes()
            .unwrap()
            .as_ref(),
        [0, 1, 255]
    );
    let mut appended = b"prefix".to_vec();
    message.encode_into(&mut appended).unwrap();
    assert_eq!(&appended[6..], &bytes[..]);
}

/// Three frames of different shapes, back to back.
fn three_frames() -> (Vec<Message>, Vec<u8>) {
    let messages = vec![
        Message::new(&br#"{"a":1}"#[..])
            .with_header(":message-type", "event")
            .with_header(":event-type", "first")
            .with_header(":content-type", "application/json"),
        Message::new(Bytes::new()).with_header("only", 1i64),
        Message::new(vec![0xAB; 40]),
    ];
    let mut bytes = Vec::new();
    for m in &messages {
        m.encode_into(&mut bytes).unwrap();
    }
    (messages, bytes)
}

#[test]
fn frames_split_at_every_offset_decode_the_same() {
    let (messages, bytes) = three_frames();
    assert_eq!(decode_all(&bytes).unwrap(), messages);
    for i in 0..=bytes.len() {
        let (a, b) = bytes.split_at(i);
        assert_eq!(decode_chunks([a, b]).unwrap(), messages, "split at {i}");
    }
    // Two cuts anywhere: the middle chunk may be empty, inside one frame or span several.
    for i in 0..=bytes.len() {
        for j in i..=bytes.len() {
            let chunks = [&bytes[..i], &bytes[i..j], &bytes[j..]];
            assert_eq!(decode_chunks(chunks).unwrap(), messages, "cuts {i} {j}");
        }
    }
    assert_eq!(decode_chunks(bytes.chunks(1)).unwrap(), messages);
}

#[test]
fn messages_come_out_as_soon_as_their_last_byte_is_fed() {
    let (messages, bytes) = three_frames();
    let first_len = messages[0].encode().unwrap().len();
    let mut decoder = Decoder::new();
    decoder.feed(&bytes[..first_len - 1]);
    assert_eq!(decoder.next_message(), Ok(None));
    assert_eq!(decoder.buffered_len(), first_len - 1);
    decoder.feed(&bytes[first_len - 1..first_len + 3]);
    assert_eq!(decoder.next_message(), Ok(Some(messages[0].clone())));
    assert_eq!(decoder.next_message(), Ok(None));
    assert_eq!(decoder.buffered_len(), 3);
}

#[test]
fn input_ending_inside_a_frame_is_truncated() {
    let (_, bytes) = three_frames();
    let mut decoder = Decoder::new();
    decoder.feed(&bytes[..5]);
    assert_eq!(decoder.next_message(), Ok(None));
    let error = decoder.finish().unwrap_err();
    assert_eq!(
        error,
        DecodeError::Truncated {
            received: 5,
            frame_len: None
        }
    );
    assert_eq!(
        error.to_string(),
        "event stream ended inside a frame's prelude: 5 of its 12 bytes received"
    );
    let first_len = u32::from_be_bytes(bytes[..4].try_into().unwrap());
    for cut in 12..first_len as usize {
        let error = decode_all(&bytes[..cut]).unwrap_err();
        assert_eq!(
            error,
            DecodeError::Truncated {
                received: cut,
                frame_len: Some(first_len)
            }
        );
    }
    assert_eq!(
        decode_all(&bytes[..20]).unwrap_err().to_string(),
        format!("event stream ended inside a frame: 20 of its {first_len} bytes received")
    );
}

#[test]
fn a_corrupt_prelude_fails_before_the_frame_arrives() {
    let mut bytes = Message::new(vec![1u8; 100]).encode().unwrap();
    bytes[3] ^= 0x01;
    let mut decoder = Decoder::new();
    decoder.feed(&bytes[..12]);
    let error = decoder.next_message().unwrap_err();
    let DecodeError::PreludeCrc { expected, computed } = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        expected,
        u32::from_be_bytes(bytes[8..12].try_into().unwrap())
    );
    assert_eq!(computed, crc32(&bytes[..8]));
    assert!(
        error
            .to_string()
            .starts_with("event-stream prelude CRC mismatch: the frame says 0x"),
        "{error}"
    );
    // The decoder is spent: the same error again, whatever is fed.
    decoder.feed(&Message::default().encode().unwrap());
    assert_eq!(decoder.next_message(), Err(error.clone()));
    assert_eq!(decoder.finish(), Err(error));
}

#[test]
fn a_corrupt_body_fails_the_message_crc() {
    let (_, mut bytes) = every_type();
    let last = bytes.len() - 5;
    bytes[last] ^= 0x40;
    let error = decode_all(&bytes).unwrap_err();
    assert_eq!(
        error,
        DecodeError::MessageCrc {
            expected: u32::from_be_bytes(bytes[bytes.len() - 4..].try_into().unwrap()),
            computed: crc32(&bytes[..bytes.len() - 4]),
        }
    );
}

#[test]
fn inconsistent_lengths_are_rejected() {
    // Below the 16-byte minimum (with a correct prelude CRC).
    let short = frame_with_lengths(15, 0, &[], &[]);
    assert_eq!(
        decode_all(&short[..12]),
        Err(DecodeError::FrameTooShort { total_len: 15 })
    );
    // Headers longer than the frame can hold.
    let headers = raw_header("a", 0, &[]);
    let over = frame_with_lengths(16 + 3, 4, &headers, &[]);
    assert_eq!(
        decode_all(&over),
        Err(DecodeError::HeadersExceedFrame {
            headers_len: 4,
            total_len: 19
        })
    );
    // A header that claims more bytes than the headers block has.
    let mut cut = raw_header("abc", 7, &sized(b"long value"));
    cut.truncate(cut.len() - 3);
    let frame_bytes = frame(&cut, b"payload");
    assert_eq!(
        decode_all(&frame_bytes),
        Err(DecodeError::HeaderOverrun { offset: 12 })
    );
    // The same for a fixed-size value and for the name.
    let mut two = raw_header("ok", 1, &[]);
    let second_at = 12 + two.len();
    two.extend(raw_header("i", 4, &[0, 0]));
    assert_eq!(
        decode_all(&frame(&two, &[])),
        Err(DecodeError::HeaderOverrun { offset: second_at })
    );
    assert_eq!(
        decode_all(&frame(&[5, b'a', b'b'], &[])),
        Err(DecodeError::HeaderOverrun { offset: 12 })
    );
    // A zero-length name.
    assert_eq!(
        decode_all(&frame(&[0, 0], &[])),
        Err(DecodeError::EmptyHeaderName { offset: 12 })
    );
}

#[test]
fn unknown_types_invalid_text_and_repeated_names_are_rejected() {
    let error = decode_all(&frame(&raw_header("weird", 10, &[]), &[])).unwrap_err();
    assert_eq!(
        error,
        DecodeError::UnknownHeaderType {
            name: "weird".into(),
            type_byte: 10,
            offset: 18
        }
    );
    assert_eq!(
        error.to_string(),
        "event-stream header `weird` has unknown value type 10 (at byte 18)"
    );
    assert_eq!(
        decode_all(&frame(&raw_header("\u{e9}", 255, &[]), &[])).unwrap_err(),
        DecodeError::UnknownHeaderType {
            name: "é".into(),
            type_byte: 255,
            offset: 15
        }
    );
    assert_eq!(
        decode_all(&frame(&[2, b'a', 0xff, 0], &[])),
        Err(DecodeError::InvalidUtf8 {
            kind: TextKind::Name,
            offset: 13
        })
    );
    let error = decode_all(&frame(&raw_header("s", 7, &sized(b"ok\xc3")), &[])).unwrap_err();
    assert_eq!(
        error,
        DecodeError::InvalidUtf8 {
            kind: TextKind::StringValue,
            offset: 17
        }
    );
    assert_eq!(
        error.to_string(),
        "event-stream string header value at byte 17 is not UTF-8"
    );
    // Byte arrays are bytes: the same value is fine there.
    let ok = decode_one(&frame(&raw_header("s", 6, &sized(b"ok\xc3")), &[])).unwrap();
    assert_eq!(ok.header("s"), Some(&HeaderValue::from(b"ok\xc3".to_vec())));
    let mut twice = raw_header("x", 0, &[]);
    twice.extend(raw_header("y", 0, &[]));
    twice.extend(raw_header("x", 1, &[]));
    let error = decode_all(&frame(&twice, &[])).unwrap_err();
    assert_eq!(error, DecodeError::DuplicateHeader { name: "x".into() });
    assert_eq!(
        error.to_string(),
        "event-stream header `x` appears twice in one message"
    );
}

#[test]
fn limits_bound_frames_headers_and_values_both_ways() {
    let mut limits = Limits::default();
    assert_eq!(limits.max_frame_len, 16 + 128 * 1024 + 24 * 1024 * 1024);
    limits.max_frame_len = 64;
    limits.max_headers_len = 20;
    limits.max_header_value_len = 4;
    let encoder = Encoder::with_limits(limits.clone());
    let decode_limited = |bytes: &[u8]| {
        let mut decoder = Decoder::with_limits(limits.clone());
        decoder.feed(bytes);
        decoder.next_message()
    };

    // Frames: 64 bytes pass, 65 do not, and fail on the prelude alone.
    let fits = Message::new(vec![0u8; 48]);
    assert_eq!(encoder.encode(&fits).unwrap().len(), 64);
    assert_eq!(
        decode_limited(&fits.encode().unwrap()),
        Ok(Some(fits.clone()))
    );
    let too_big = Message::new(vec![0u8; 49]);
    assert_eq!(
        encoder.encode(&too_big),
        Err(EncodeError::FrameTooLarge { len: 65, max: 64 })
    );
    assert_eq!(
        decode_limited(&too_big.encode().unwrap()[..12]),
        Err(DecodeError::FrameTooLarge {
            total_len: 65,
            max: 64
        })
    );

    // Values: 4 bytes pass, 5 do not.
    let long_value = Message::new(Bytes::new()).with_header("v", "12345");
    assert_eq!(
        encoder.encode(&long_value),
        Err(EncodeError::HeaderValueTooLong {
            name: "v".into(),
            len: 5,
            max: 4
        })
    );
    assert_eq!(
        decode_limited(&long_value.encode().unwrap()),
        Err(DecodeError::HeaderValueTooLong {
            name: "v".into(),
            len: 5,
            max: 4
        })
    );

    assert_eq!(
        encoder.encode(&long_value).unwrap_err().to_string(),
        "event-stream header `v` has a value of 5 bytes, above the limit of 4"
    );

    // Headers block: 21 bytes do not pass.
    let many = Message::new(Bytes::new())
        .with_header("aaaaaaa", 1i32) // 2 + 7 + 4 = 13
        .with_header("bbbbbb", false); // 2 + 6 = 8
    assert_eq!(
        encoder.encode(&many),
        Err(EncodeError::HeadersTooLarge { len: 21, max: 20 })
    );
    assert_eq!(
        decode_limited(&many.encode().unwrap()),
        Err(DecodeError::HeadersTooLarge {
            headers_len: 21,
            max: 20
        })
    );

    // The defaults: the specification's 2^15 - 1 bytes per value.
    let at_limit = Message::new(Bytes::new()).with_header("v", vec![7u8; 32_767]);
    assert!(decode_one(&at_limit.encode().unwrap()).is_ok());
    let over = Message::new(Bytes::new()).with_header("v", vec![7u8; 32_768]);
    assert_eq!(
        over.encode(),
        Err(EncodeError::HeaderValueTooLong {
            name: "v".into(),
            len: 32_768,
            max: 32_767
        })
    );
    let raw = frame(&raw_header("v", 6, &sized(&[7u8; 32_768])), &[]);
    assert!(matches!(
        decode_all(&raw),
        Err(DecodeError::HeaderValueTooLong { len: 32_768, .. })
    ));
}

#[test]
fn the_encoder_rejects_what_the_format_cannot_say() {
    let empty = Message::new(Bytes::new()).with_header("", 1i32);
    let error = empty.encode().unwrap_err();
    assert_eq!(error, EncodeError::HeaderNameLength { name: "".into() });
    assert_eq!(
        error.to_string(),
        "event-stream header name `` has 0 bytes; names have 1 to 255"
    );
    let long = Message::new(Bytes::new()).with_header("n".repeat(256), 1i32);
    assert!(matches!(
        long.encode(),
        Err(EncodeError::HeaderNameLength { name }) if name.len() == 256
    ));
    let mut twice = Message::new(Bytes::new());
    twice.headers.push(Header::new("dup", true));
    twice.headers.push(Header::new("dup", 2i8));
    assert_eq!(
        twice.encode(),
        Err(EncodeError::DuplicateHeader { name: "dup".into() })
    );
    // Many headers take the sorted duplicate check; a repeat among them is still found.
    let mut many = Message::new(Bytes::new());
    for i in 0..40 {
        many.headers.push(Header::new(format!("h{i}"), i));
    }
    assert!(many.encode().is_ok());
    many.headers.push(Header::new("h17", 0));
    assert_eq!(
        many.encode(),
        Err(EncodeError::DuplicateHeader { name: "h17".into() })
    );
    let mut out = b"kept".to_vec();
    assert!(many.encode_into(&mut out).is_err());
    assert_eq!(out, b"kept");
}

/// A small deterministic generator (xorshift64*), so the property tests below are
/// reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Up to `max` random bytes.
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn random_message(rng: &mut Rng) -> Message {
    let mut message = Message::new(rng.bytes(300));
    for i in 0..rng.below(6) {
        let name = format!("{}{i}", ["a", ":event-type", "é", "x-y"][rng.below(4)]);
        let value = match rng.below(10) {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(rng.next() as i8),
            3 => HeaderValue::Short(rng.next() as i16),
            4 => HeaderValue::Integer(rng.next() as i32),
            5 => HeaderValue::Long(rng.next() as i64),
            6 => HeaderValue::from(rng.bytes(40)),
            7 => HeaderValue::from(["event", "ü", "", "application/json"][rng.below(4)]),
            8 => HeaderValue::Timestamp(rng.next() as i64),
            _ => HeaderValue::Uuid(std::array::from_fn(|_| rng.next() as u8)),
        };
        message.headers.push(Header::new(name, value));
    }
    message
}

#[test]
fn random_messages_round_trip_in_random_chunks() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..300 {
        let messages: Vec<Message> = (0..1 + rng.below(4))
            .map(|_| random_message(&mut rng))
            .collect();
        let mut bytes = Vec::new();
        for m in &messages {
            m.encode_into(&mut bytes).unwrap();
        }
        let mut chunks = Vec::new();
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            let (chunk, tail) = rest.split_at(rng.below(rest.len() + 1).max(1).min(rest.len()));
            chunks.push(chunk);
            rest = tail;
        }
        assert_eq!(decode_chunks(chunks).unwrap(), messages);
    }
}

#[test]
fn corrupted_frames_never_panic_and_what_decodes_re_encodes_exactly() {
    let mut rng = Rng(0x5EED_0002);
    let (_, typed) = every_type();
    let mut accepted = 0;
    for round in 0..3000 {
        let mut bytes = if round % 2 == 0 {
            random_message(&mut rng).encode().unwrap()
        } else {
            typed.clone()
        };
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len());
            bytes[at] = rng.next() as u8;
        }
        // Half the time, fix the CRCs so the corruption reaches the header parser.
        if rng.below(2) == 0 && bytes.len() >= 16 {
            let prelude = crc32(&bytes[..8]);
            bytes[8..12].copy_from_slice(&prelude.to_be_bytes());
            let end = bytes.len() - 4;
            let whole = crc32(&bytes[..end]);
            bytes[end..].copy_from_slice(&whole.to_be_bytes());
        }
        let mut decoder = Decoder::new();
        decoder.feed(&bytes);
        let mut consumed = Vec::new();
        while let Ok(Some(message)) = decoder.next_message() {
            accepted += 1;
            message.encode_into(&mut consumed).unwrap();
        }
        assert_eq!(consumed, bytes[..consumed.len()], "round {round}");
    }
    assert!(accepted > 100, "only {accepted} corrupted frames decoded");
}

// The official protocol tests: their frames decode to the headers and body they list, and
// encode back to the same bytes.

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// `2024-10-31T14:15:14Z` (whole seconds, UTC) in milliseconds since the epoch.
fn rfc3339_millis(text: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().expect(text);
    assert!(text.len() == 20 && text.ends_with('Z'), "{text}");
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Days from 1970-01-01 to y-m-d (proleptic Gregorian, the civil-from-days inverse).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + n(11..13)) * 60 + n(14..16)) * 60_000 + n(17..19) * 1000
}

fn expected_value(typed: &Value) -> HeaderValue {
    let (kind, value) = typed.as_object().unwrap().iter().next().unwrap();
    match kind.as_str() {
        "boolean" => HeaderValue::Bool(value.as_bool().unwrap()),
        "byte" => HeaderValue::Byte(value.as_i64().unwrap() as i8),
        "short" => HeaderValue::Short(value.as_i64().unwrap() as i16),
        "integer" => HeaderValue::Integer(value.as_i64().unwrap() as i32),
        "long" => HeaderValue::Long(value.as_i64().unwrap()),
        "blob" => HeaderValue::from(base64(value.as_str().unwrap())),
        "string" => HeaderValue::from(value.as_str().unwrap().to_owned()),
        "timestamp" => HeaderValue::Timestamp(rfc3339_millis(value.as_str().unwrap())),
        other => panic!("a header type this test does not know: {other}"),
    }
}

#[test]
fn protocol_test_frames_decode_to_their_headers_and_encode_back() {
    let Some(dir) = std::env::var_os("PROTOCOL_TESTS") else {
        eprintln!(
            "skipped: set PROTOCOL_TESTS (e.g. ../shared/protocol-tests) to decode the official event-stream frames"
        );
        return;
    };
    let path = std::path::Path::new(&dir).join("restJson1.json");
    let model: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut frames = 0;
    for shape in model["shapes"].as_object().unwrap().values() {
        let Some(cases) = shape["traits"]["smithy.test#eventStreamTests"].as_array() else {
            continue;
        };
        for case in cases {
            let id = case["id"].as_str().unwrap();
            for event in case["events"].as_array().into_iter().flatten() {
                let Some(encoded) = event["bytes"].as_str() else {
                    continue;
                };
                let bytes = base64(encoded);
                let message = decode_one(&bytes).unwrap_or_else(|e| panic!("{id}: {e}"));
                let expected = event["headers"].as_object().unwrap();
                assert_eq!(message.headers.len(), expected.len(), "{id}");
                for (name, typed) in expected {
                    assert_eq!(
                        message.header(name),
                        Some(&expected_value(typed)),
                        "{id}: {name}"
                    );
                }
                let body = event["body"].as_str().unwrap_or("");
                assert_eq!(message.payload.as_ref(), body.as_bytes(), "{id}");
                assert_eq!(message.encode().unwrap(), bytes, "{id}: re-encoded");
                frames += 1;
            }
        }
    }
    // The suite of smithy-aws-protocol-tests 1.71.0 has 92 events with encoded bytes.
    assert!(
        frames >= 92,
        "only {frames} frames found in {}",
        path.display()
    );
    eprintln!("{frames} protocol-test frames decoded and re-encoded");
}

#[test]
fn a_frame_inside_one_chunk_is_not_copied_and_one_across_chunks_is_copied_once() {
    let first = Message::new(vec![7u8; 100]).encode().unwrap();
    let second = Message::new(vec![9u8; 300]).encode().unwrap();
    let mut stream = first.clone();
    stream.extend_from_slice(&second);
    // The first frame and a part of the second in one chunk, the rest in another.
    let split = first.len() + 50;
    let chunk = Bytes::copy_from_slice(&stream[..split]);
    let chunk_range = chunk.as_ptr() as usize..chunk.as_ptr() as usize + chunk.len();
    let mut decoder = Decoder::new();
    decoder.feed_bytes(chunk);
    let message = decoder
        .next_message()
        .unwrap()
        .expect("the first frame is whole");
    assert!(
        chunk_range.contains(&(message.payload.as_ptr() as usize)),
        "a slice of the chunk"
    );
    assert_eq!(message.payload, vec![7u8; 100]);
    assert_eq!(decoder.next_message(), Ok(None));
    assert_eq!(decoder.buffered_len(), 50);
    decoder.feed_bytes(Bytes::copy_from_slice(&stream[split..]));
    let message = decoder
        .next_message()
        .unwrap()
        .expect("the second frame is whole");
    assert_eq!(message.payload, vec![9u8; 300]);
    assert_eq!(decoder.buffered_len(), 0);
    assert_eq!(decoder.finish(), Ok(()));
    // Empty chunks change nothing.
    decoder.feed_bytes(Bytes::new());
    decoder.feed(&[]);
    assert_eq!(decoder.next_message(), Ok(None));
    assert_eq!(decoder.finish(), Ok(()));
}
