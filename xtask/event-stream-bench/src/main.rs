//! Decoding throughput of the runtime's event-stream decoder next to `aws-smithy-eventstream`,
//! over the same frames fed in the same chunks, timed alternately in one process.
//!
//! Prints one JSON object (read by `cargo xtask bench`): per case, the stream's size and the
//! nanoseconds per pass of each decoder, one number per sample. Arguments: `--samples N`
//! (default 30) and `--sample-ms MS`, the time one decoder's sample should take (default 50).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly by design

use std::hint::black_box;
use std::time::Instant;

use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
use bytes::{Buf, Bytes, BytesMut};
use bytes_utils::SegmentedBuf;
use restjson_runtime::event_stream::{Decoder, Message};
use serde_json::json;

/// Bytes fed at a time: the size of a TLS record, a common HTTP body chunk.
const CHUNK: usize = 16 * 1024;

/// `count` events with a JSON payload of `payload_len` bytes and the three headers of a
/// restJson1 event.
fn stream(count: usize, payload_len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..count {
        let mut payload = format!(r#"{{"sequence":{i},"text":""#).into_bytes();
        while payload.len() < payload_len - 2 {
            payload.push(b'a' + (payload.len() % 26) as u8);
        }
        payload.extend_from_slice(b"\"}");
        Message::new(payload)
            .with_header(":message-type", "event")
            .with_header(":event-type", "chunk")
            .with_header(":content-type", "application/json")
            .encode_into(&mut out)
            .expect("encoding the benchmark's events");
    }
    out
}

/// The runtime's decoder: feed each chunk (as a `Bytes`, as the baseline gets it), take every
/// complete message. Returns the payload bytes seen, so the work cannot be optimised away.
fn ours(chunks: &[Bytes]) -> usize {
    let mut decoder = Decoder::new();
    let mut seen = 0;
    for chunk in chunks {
        decoder.feed_bytes(chunk.clone());
        while let Some(message) = decoder.next_message().expect("our decoder") {
            seen += black_box(&message).payload.len();
        }
    }
    decoder.finish().expect("our decoder at the end");
    seen
}

/// `aws-smithy-eventstream`, fed as smithy-rs's own event receiver feeds it: each body chunk
/// (a `Bytes`, as an HTTP body yields them: no copy) pushed onto a `SegmentedBuf`, which the
/// frame decoder consumes as a `Buf`. (Appending the chunks to one `BytesMut` instead was
/// measured too and is much slower for small events: `reserve` keeps moving the buffer.)
fn baseline(chunks: &[Bytes]) -> usize {
    let mut decoder = MessageFrameDecoder::new();
    let mut buffer = SegmentedBuf::new();
    let mut seen = 0;
    for chunk in chunks {
        buffer.push(chunk.clone());
        while let DecodedFrame::Complete(message) =
            decoder.decode_frame(&mut buffer).expect("the baseline")
        {
            seen += black_box(&message).payload().len();
        }
    }
    assert_eq!(buffer.remaining(), 0, "the baseline left bytes undecoded");
    seen
}

/// Both decoders see the same messages: headers (name and string value) and payloads.
fn check_same(stream: &[u8]) -> usize {
    let mut ours_seen = Vec::new();
    let mut decoder = Decoder::new();
    decoder.feed(stream);
    while let Some(m) = decoder.next_message().unwrap() {
        let headers: Vec<(String, String)> = m
            .headers
            .iter()
            .map(|h| (h.name.to_string(), h.value.as_str().unwrap().to_owned()))
            .collect();
        ours_seen.push((headers, m.payload.to_vec()));
    }
    let mut theirs_seen = Vec::new();
    let mut buffer = BytesMut::from(stream);
    let mut decoder = MessageFrameDecoder::new();
    while let DecodedFrame::Complete(m) = decoder.decode_frame(&mut buffer).unwrap() {
        let headers: Vec<(String, String)> = m
            .headers()
            .iter()
            .map(|h| {
                let value = h.value().as_string().unwrap().as_str().to_owned();
                (h.name().as_str().to_owned(), value)
            })
            .collect();
        theirs_seen.push((headers, m.payload().to_vec()));
    }
    assert_eq!(ours_seen, theirs_seen, "the decoders disagree");
    ours_seen.len()
}

fn time(f: fn(&[Bytes]) -> usize, stream: &[Bytes], passes: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..passes {
        black_box(f(black_box(stream)));
    }
    start.elapsed().as_nanos() as f64 / f64::from(passes)
}

fn main() {
    let mut samples = 30usize;
    let mut sample_ms = 50.0f64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().expect("a value after each flag");
        match arg.as_str() {
            "--samples" => samples = value.parse().expect("--samples N"),
            "--sample-ms" => sample_ms = value.parse().expect("--sample-ms MS"),
            other => panic!("unknown argument {other}"),
        }
    }
    let cases = [
        ("small", stream(5000, 100)),
        ("64KiB", stream(16, 64 * 1024)),
    ];
    let mut out = Vec::new();
    for (name, bytes) in &cases {
        let events = check_same(bytes);
        let whole = Bytes::copy_from_slice(bytes);
        let chunks: Vec<Bytes> = (0..bytes.len())
            .step_by(CHUNK)
            .map(|at| whole.slice(at..(at + CHUNK).min(bytes.len())))
            .collect();
        let bytes = &chunks[..];
        // Passes per sample, from the fastest of five passes of the slower decoder (the
        // machine may be busy: one pass alone can take many times its real cost).
        assert_eq!(ours(bytes), baseline(bytes));
        let fastest = |f: fn(&[Bytes]) -> usize| {
            (0..5)
                .map(|_| time(f, bytes, 1))
                .fold(f64::INFINITY, f64::min)
        };
        let one = fastest(ours).max(fastest(baseline));
        let passes = ((sample_ms * 1e6 / one) as u32).max(1);
        let (mut ours_ns, mut baseline_ns) = (Vec::new(), Vec::new());
        for sample in 0..samples {
            // Alternate which goes first, so that neither always runs on a warmer cache.
            if sample % 2 == 0 {
                ours_ns.push(time(ours, bytes, passes));
                baseline_ns.push(time(baseline, bytes, passes));
            } else {
                baseline_ns.push(time(baseline, bytes, passes));
                ours_ns.push(time(ours, bytes, passes));
            }
        }
        out.push(json!({
            "name": name, "bytes": whole.len(), "events": events, "chunk": CHUNK,
            "passes_per_sample": passes, "ours_ns": ours_ns, "baseline_ns": baseline_ns,
        }));
    }
    println!(
        "{}",
        json!({ "baseline": "aws-smithy-eventstream 0.61", "cases": out })
    );
}
