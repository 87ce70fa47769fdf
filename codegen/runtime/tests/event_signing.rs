//! SigV4 signing of event-stream messages against vectors derived independently of the runtime
//! by `tests/data/event_signing_vectors.py` (Python's hashlib, hmac and zlib, and a frame
//! encoder of its own), from the event-stream signing rules: the expected strings to sign,
//! signatures and whole signed frames below are that script's output.
#![cfg(all(feature = "sigv4", feature = "event-stream"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use restjson_runtime::event_stream::Message;
use restjson_runtime::sigv4::{Credentials, EventSigner, Signer, SigningError};

const SEED: &str = "e1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b";
const START_MS: u64 = 1_577_836_800_250; // 2020-01-01T00:00:00.250Z

/// (string to sign, signature, signed frame in hex) of the two events and the end.
const VECTORS: [(&str, &str, &str); 3] = [
    (
        "AWS4-HMAC-SHA256-PAYLOAD\n20200101T000000Z\n20200101/us-west-2/transcribe/aws4_request\ne1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b\ne82ef5e0bad60cf2426d38a9e9ab55a328bb9f016c00157dc1ed384a609e24e3\n4698f4c44b4615ab74682be7dc57ad72382f9aa99d29cdefeca4df40e4dfc392",
        "b50e1fedfede2a38d4e5f8bae7b0e162e8fae1ecd6f3776c3a1d70d5156d68e5",
        "000000cb0000004314321689053a64617465080000016f5e66e8fa103a6368756e6b2d7369676e6174757265060020b50e1fedfede2a38d4e5f8bae7b0e162e8fae1ecd6f3776c3a1d70d5156d68e50000007800000058c930ada10d3a6d6573736167652d747970650700056576656e740b3a6576656e742d7479706507000a417564696f4576656e740d3a636f6e74656e742d747970650700186170706c69636174696f6e2f6f637465742d73747265616d000102030405060708090a0b0c0d0e0f5c3d915b51b722dc",
    ),
    (
        "AWS4-HMAC-SHA256-PAYLOAD\n20200101T000001Z\n20200101/us-west-2/transcribe/aws4_request\nb50e1fedfede2a38d4e5f8bae7b0e162e8fae1ecd6f3776c3a1d70d5156d68e5\nf26296a6d667cbd216c1381e1ebfd6e0d61632ea777f050e35cb3dbf208defd3\nd61df7f5ea29afed9642a01fa5531040bb4dfa7caff768aef353274eb52c7163",
        "956de80d9aff7d651f1e5b76dcf07234ae05218576d4b9e4539e2eca8690b056",
        "000000be0000004325007936053a64617465080000016f5e66ece2103a6368756e6b2d7369676e6174757265060020956de80d9aff7d651f1e5b76dcf07234ae05218576d4b9e4539e2eca8690b0560000006b00000058ee7040f30d3a6d6573736167652d747970650700056576656e740b3a6576656e742d7479706507000a417564696f4576656e740d3a636f6e74656e742d747970650700186170706c69636174696f6e2f6f637465742d73747265616dffffff73c2bb301ffd809d",
    ),
    (
        "AWS4-HMAC-SHA256-PAYLOAD\n20200101T000002Z\n20200101/us-west-2/transcribe/aws4_request\n956de80d9aff7d651f1e5b76dcf07234ae05218576d4b9e4539e2eca8690b056\nf477e95c532b0b8cdfcc7a769d2cfbfd2f46a980fec57df424a3e16245b24e2f\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "3a9e5d513fe88b9820c9c0e021f7a12d9c59bc31528e7837bb8f32a20001ea9b",
        "0000005300000043f5447a58053a64617465080000016f5e66f0ca103a6368756e6b2d7369676e61747572650600203a9e5d513fe88b9820c9c0e021f7a12d9c59bc31528e7837bb8f32a20001ea9bb876f3eb",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn audio_event(payload: &[u8]) -> Message {
    Message::new(payload.to_vec())
        .with_header(":message-type", "event")
        .with_header(":event-type", "AudioEvent")
        .with_header(":content-type", "application/octet-stream")
}

fn at(second: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(START_MS + 1000 * second)
}

fn signer() -> EventSigner {
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    EventSigner::new(&Signer::new("transcribe", "us-west-2"), credentials, SEED)
}

#[test]
fn each_message_is_signed_over_the_one_before_and_the_end_closes_the_chain() {
    let mut signer = signer();
    assert_eq!(signer.prior_signature(), SEED);
    let inner = [
        audio_event(&(0u8..16).collect::<Vec<_>>())
            .encode()
            .unwrap(),
        audio_event(&[0xff; 3]).encode().unwrap(),
        Vec::new(),
    ];
    for (i, (payload, (string_to_sign, signature, frame))) in inner.iter().zip(VECTORS).enumerate()
    {
        let signed = signer.sign_payload(payload, at(i as u64)).unwrap();
        assert_eq!(signed.string_to_sign, string_to_sign, "message {i}");
        assert_eq!(signed.signature, signature, "message {i}");
        assert_eq!(hex(&signed.message.encode().unwrap()), frame, "message {i}");
        assert_eq!(signer.prior_signature(), signature);
    }
}

#[test]
fn sign_and_sign_end_wrap_messages_the_same_way() {
    let mut signer = signer();
    let first = signer
        .sign(&audio_event(&(0u8..16).collect::<Vec<_>>()), at(0))
        .unwrap();
    assert_eq!(hex(&first.encode().unwrap()), VECTORS[0].2);
    let second = signer.sign(&audio_event(&[0xff; 3]), at(1)).unwrap();
    assert_eq!(hex(&second.encode().unwrap()), VECTORS[1].2);
    let end = signer.sign_end(at(2)).unwrap();
    assert_eq!(hex(&end.encode().unwrap()), VECTORS[2].2);
}

#[test]
fn expired_credentials_and_times_before_1970_are_refused_without_moving_the_chain() {
    let expired = Credentials::new("AKID", "secret").with_expiry(at(0));
    let mut signer = EventSigner::new(&Signer::new("transcribe", "us-west-2"), expired, SEED);
    let error = signer.sign_end(at(0)).unwrap_err();
    assert!(
        matches!(error, SigningError::ExpiredCredentials { .. }),
        "{error:?}"
    );
    assert_eq!(signer.prior_signature(), SEED);

    let mut signer = self::signer();
    let before = UNIX_EPOCH - Duration::from_secs(1);
    assert!(matches!(
        signer.sign_end(before),
        Err(SigningError::InvalidTime)
    ));
    assert_eq!(signer.prior_signature(), SEED);
}

#[test]
fn debug_keeps_the_secret_out() {
    let printed = format!("{:?}", signer());
    assert!(!printed.contains("wJalrXUtnFEMI"), "{printed}");
    assert!(printed.contains("transcribe"), "{printed}");
}

#[test]
fn the_initial_request_seeds_the_chain_with_its_streaming_payload_hash() {
    use restjson_runtime::sigv4::{PayloadHash, STREAMING_EVENTS_PAYLOAD, SigningSettings};
    let signer = Signer::new("transcribe", "us-west-2").with_settings(
        SigningSettings::default()
            .payload(PayloadHash::Precomputed(
                STREAMING_EVENTS_PAYLOAD.to_owned(),
            ))
            .content_sha256_header(true),
    );
    let mut request = http::Request::builder()
        .method("POST")
        .uri("https://transcribestreaming.us-west-2.amazonaws.com/stream-transcription")
        .header("content-type", "application/vnd.amazon.eventstream")
        .body(Vec::<u8>::new())
        .unwrap();
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let output = signer.sign(&mut request, &credentials, at(0)).unwrap();
    assert_eq!(
        request.headers()["x-amz-content-sha256"],
        STREAMING_EVENTS_PAYLOAD
    );
    assert!(
        output
            .canonical_request
            .ends_with(&format!("\n{STREAMING_EVENTS_PAYLOAD}")),
        "{}",
        output.canonical_request
    );
    let events = EventSigner::new(&signer, credentials, output.signature.clone());
    assert_eq!(events.prior_signature(), output.signature);
}
