//! Runtime cost of the generated `connect-chat` crate for `StartChatContact`, next to a baseline
//! measured in the same run: `serde_json` with `#[derive]`d structs of the same shape, written by
//! hand below (what users would get writing the types themselves).
//!
//! Run through `cargo xtask bench`, which collects the figures into its table; directly:
//! `cargo bench -p xtask --bench runtime`. Before measuring, `main` checks that both sides read
//! and write the same JSON and that validating a valid request allocates nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly by design

use std::collections::BTreeMap;
use std::hint::black_box;

use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::types::{
    ChatMessage, DisconnectOnCustomerExitParticipantType, InternalServiceException,
    InvalidParameterException, InvalidRequestException, InvalidRequestExceptionReason,
    LimitExceededException, ParticipantConfiguration, ParticipantDetails, PersistentChat,
    RehydrationType, ResourceNotFoundException, ResponseMode, SegmentAttributeValue,
    StartChatContactRequest, StartChatContactResponse,
};
use divan::AllocProfiler;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";
const SEGMENTS: usize = 20;
const ATTRIBUTES: usize = 30;

/// The baseline: the same shapes as plain structs with serde's derive.
mod derived {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct Request {
        pub instance_id: String,
        pub contact_flow_id: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub attributes: Option<BTreeMap<String, String>>,
        pub participant_details: ParticipantDetails,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub participant_configuration: Option<ParticipantConfiguration>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub initial_message: Option<ChatMessage>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub client_token: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub chat_duration_in_minutes: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub supported_messaging_content_types: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub persistent_chat: Option<PersistentChat>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub related_contact_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub segment_attributes: Option<BTreeMap<String, SegmentAttributeValue>>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub customer_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub disconnect_on_customer_exit: Option<Vec<String>>,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct ParticipantDetails {
        pub display_name: String,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct ParticipantConfiguration {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub response_mode: Option<String>,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct ChatMessage {
        pub content_type: String,
        pub content: String,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct PersistentChat {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub rehydration_type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub source_contact_id: Option<String>,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct SegmentAttributeValue {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub value_string: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub value_map: Option<BTreeMap<String, SegmentAttributeValue>>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub value_integer: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub value_list: Option<Vec<SegmentAttributeValue>>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub value_arn: Option<String>,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "PascalCase")]
    pub struct Response {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub contact_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub participant_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub participant_token: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        pub continued_from_contact_id: Option<String>,
    }
}

fn segment(
    value: impl FnOnce(
        connect_chat::types::builders::SegmentAttributeValueBuilder,
    ) -> connect_chat::types::builders::SegmentAttributeValueBuilder,
) -> SegmentAttributeValue {
    value(SegmentAttributeValue::builder()).build()
}

/// A fully populated request: every member set, 30 attributes, 20 nested segment attributes.
fn request() -> StartChatContactRequest {
    let attributes = (0..ATTRIBUTES)
        .map(|i| (format!("key{i}"), format!("some attribute value {i}")))
        .collect::<BTreeMap<_, _>>();
    let segments = (0..SEGMENTS)
        .map(|i| {
            let inner = BTreeMap::from([
                ("a".to_owned(), segment(|b| b.value_integer(i as i32))),
                (
                    "b".to_owned(),
                    segment(|b| {
                        b.set_value_list(Some(vec![
                            segment(|b| b.value_arn(format!("arn:aws:x:{i}"))),
                            segment(|b| b.value_string("s")),
                        ]))
                    }),
                ),
            ]);
            let value = segment(|b| {
                b.value_string(format!("value {i}"))
                    .set_value_map(Some(inner))
            });
            (format!("seg{i}"), value)
        })
        .collect::<BTreeMap<_, _>>();
    StartChatContactRequest::builder()
        .instance_id("12345678-1234-1234-1234-123456789012")
        .contact_flow_id("abcdef01-2345-6789-abcd-ef0123456789")
        .set_attributes(Some(attributes))
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Customer Name")
                .build()
                .unwrap(),
        )
        .participant_configuration(
            ParticipantConfiguration::builder()
                .response_mode(ResponseMode::Incremental)
                .build(),
        )
        .initial_message(
            ChatMessage::builder()
                .content_type("text/plain")
                .content("Hello, I need help with my order please")
                .build()
                .unwrap(),
        )
        .client_token("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        .chat_duration_in_minutes(1440)
        .set_supported_messaging_content_types(Some(vec![
            "text/plain".to_owned(),
            "text/markdown".to_owned(),
            "application/json".to_owned(),
        ]))
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("prev")
                .build(),
        )
        .related_contact_id("related")
        .set_segment_attributes(Some(segments))
        .customer_id("cust")
        .disconnect_on_customer_exit(DisconnectOnCustomerExitParticipantType::Agent)
        .build()
        .unwrap()
}

fn response() -> StartChatContactResponse {
    StartChatContactResponse::builder()
        .contact_id("12345678-1234-1234-1234-123456789012")
        .participant_id("abcdef01-2345-6789-abcd-ef0123456789")
        .participant_token("QVFJREFIaGV4YW1wbGVwYXJ0aWNpcGFudHRva2VuZXhhbXBsZQ==")
        .continued_from_contact_id("prev")
        .build()
}

/// One error response per modeled error, as a server would send them, plus an unmodeled one.
fn error_responses() -> Vec<(&'static str, http::Response<Vec<u8>>)> {
    let errors = [
        (
            "InternalServiceException",
            StartChatContactError::InternalServiceException(
                InternalServiceException::builder().message("internal").build(),
            ),
        ),
        (
            "InvalidParameterException",
            StartChatContactError::InvalidParameterException(
                InvalidParameterException::builder().message("bad parameter").build(),
            ),
        ),
        (
            "InvalidRequestException",
            StartChatContactError::InvalidRequestException(
                InvalidRequestException::builder()
                    .message("bad request")
                    .reason(InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
                        connect_chat::types::AttachedFileInvalidRequestExceptionReason::InvalidFileSize,
                    ))
                    .build()
                    ,
            ),
        ),
        (
            "LimitExceededException",
            StartChatContactError::LimitExceededException(
                LimitExceededException::builder().message("slow down").build(),
            ),
        ),
        (
            "ResourceNotFoundException",
            StartChatContactError::ResourceNotFoundException(
                ResourceNotFoundException::builder().message("no such instance").build(),
            ),
        ),
    ];
    let mut responses: Vec<_> = errors
        .iter()
        .map(|(name, error)| (*name, StartChatContact::serialize_error(error)))
        .collect();
    let unknown = http::Response::builder()
        .status(503)
        .header("x-amzn-errortype", "ThrottlingException")
        .body(br#"{"message": "rate exceeded"}"#.to_vec())
        .unwrap();
    responses.push(("Unhandled", unknown));
    responses
}

fn main() {
    // Both sides read and write the same document, so the comparison is like for like.
    let ours = request();
    let body = serde_json::to_vec(&ours).unwrap();
    let theirs: derived::Request = serde_json::from_slice(&body).unwrap();
    let as_value = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
    assert_eq!(
        as_value(&body),
        as_value(&serde_json::to_vec(&theirs).unwrap())
    );
    let http_request = StartChatContact::serialize_request(&ours, ENDPOINT).unwrap();
    assert_eq!(
        StartChatContact::parse_request(&http_request).unwrap(),
        ours
    );
    let response = response();
    let theirs: derived::Response =
        serde_json::from_slice(&serde_json::to_vec(&response).unwrap()).unwrap();
    assert_eq!(
        as_value(&serde_json::to_vec(&response).unwrap()),
        as_value(&serde_json::to_vec(&theirs).unwrap())
    );
    for (name, error) in error_responses() {
        let parsed = StartChatContact::parse_response(&error).unwrap_err();
        assert_eq!(
            parsed.code(),
            Some(if name == "Unhandled" {
                "ThrottlingException"
            } else {
                name
            })
        );
    }
    // `--pairs N`: the paired comparison with the derive baseline instead of divan's table.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--pairs") {
        let samples = args
            .get(at + 1)
            .and_then(|n| n.parse().ok())
            .expect("--pairs takes a sample count");
        pairs::run(samples);
        return;
    }
    println!("request body: {} bytes", body.len());
    divan::main();
}

/// The JSON comparisons with the derive baseline, measured in pairs: each sample times a batch
/// of the generated side and a batch of the derived side back to back (in alternating order),
/// so that whatever else the machine does weighs on both alike, and the figure is the median of
/// the per-sample ratios. Prints one JSON document for `cargo xtask bench`.
mod pairs {
    use std::time::{Duration, Instant};

    use super::*;

    /// How long one side of one sample runs.
    const BATCH: Duration = Duration::from_millis(4);

    fn ns_per_iter(iterations: u64, f: &mut dyn FnMut()) -> f64 {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        start.elapsed().as_nanos() as f64 / iterations as f64
    }

    /// Iterations of `f` that take about [`BATCH`].
    fn calibrate(f: &mut dyn FnMut()) -> u64 {
        let mut iterations = 1;
        loop {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            if start.elapsed() >= BATCH / 4 {
                let per = start.elapsed().as_nanos() as f64 / iterations as f64;
                return ((BATCH.as_nanos() as f64 / per) as u64).max(1);
            }
            iterations *= 2;
        }
    }

    pub fn run(samples: usize) {
        let request = request();
        let request_body = serde_json::to_vec(&request).unwrap();
        let derived_request: derived::Request = serde_json::from_slice(&request_body).unwrap();
        let response = response();
        let response_body = serde_json::to_vec(&response).unwrap();
        let derived_response: derived::Response = serde_json::from_slice(&response_body).unwrap();
        type Side<'a> = Box<dyn FnMut() + 'a>;
        let mut cases: Vec<(&str, Side<'_>, Side<'_>)> = vec![
            (
                "request to_vec",
                Box::new(|| drop(black_box(serde_json::to_vec(black_box(&request)).unwrap()))),
                Box::new(|| {
                    drop(black_box(
                        serde_json::to_vec(black_box(&derived_request)).unwrap(),
                    ))
                }),
            ),
            (
                "request from_slice",
                Box::new(|| {
                    drop(black_box(
                        serde_json::from_slice::<StartChatContactRequest>(black_box(&request_body))
                            .unwrap(),
                    ))
                }),
                Box::new(|| {
                    drop(black_box(
                        serde_json::from_slice::<derived::Request>(black_box(&request_body))
                            .unwrap(),
                    ))
                }),
            ),
            (
                "response to_vec",
                Box::new(|| drop(black_box(serde_json::to_vec(black_box(&response)).unwrap()))),
                Box::new(|| {
                    drop(black_box(
                        serde_json::to_vec(black_box(&derived_response)).unwrap(),
                    ))
                }),
            ),
            (
                "response from_slice",
                Box::new(|| {
                    drop(black_box(
                        serde_json::from_slice::<StartChatContactResponse>(black_box(
                            &response_body,
                        ))
                        .unwrap(),
                    ))
                }),
                Box::new(|| {
                    drop(black_box(
                        serde_json::from_slice::<derived::Response>(black_box(&response_body))
                            .unwrap(),
                    ))
                }),
            ),
        ];
        let mut out = Vec::new();
        for (name, ours, theirs) in &mut cases {
            // Warm up, then one batch size for both sides: the larger of the two.
            let iterations = calibrate(ours.as_mut()).max(calibrate(theirs.as_mut()));
            let (mut ours_ns, mut theirs_ns) = (Vec::new(), Vec::new());
            for sample in 0..samples {
                if sample % 2 == 0 {
                    ours_ns.push(ns_per_iter(iterations, ours.as_mut()));
                    theirs_ns.push(ns_per_iter(iterations, theirs.as_mut()));
                } else {
                    theirs_ns.push(ns_per_iter(iterations, theirs.as_mut()));
                    ours_ns.push(ns_per_iter(iterations, ours.as_mut()));
                }
            }
            out.push(serde_json::json!({
                "name": name, "iterations": iterations,
                "ours_ns": ours_ns, "baseline_ns": theirs_ns,
            }));
        }
        println!("{}", serde_json::json!({ "cases": out }));
    }
}

#[divan::bench]
fn build_request() -> StartChatContactRequest {
    request()
}

#[divan::bench]
fn validate_request(bencher: divan::Bencher) {
    let request = request();
    bencher.bench_local(|| black_box(&request).validate().unwrap());
}

#[divan::bench]
fn serialize_request(bencher: divan::Bencher) {
    let request = request();
    bencher.bench_local(|| {
        StartChatContact::serialize_request(black_box(&request), ENDPOINT).unwrap()
    });
}

#[divan::bench]
fn parse_request(bencher: divan::Bencher) {
    let http_request = StartChatContact::serialize_request(&request(), ENDPOINT).unwrap();
    bencher.bench_local(|| StartChatContact::parse_request(black_box(&http_request)).unwrap());
}

#[divan::bench]
fn serialize_response(bencher: divan::Bencher) {
    let response = response();
    bencher.bench_local(|| StartChatContact::serialize_response(black_box(&response)));
}

#[divan::bench]
fn parse_response(bencher: divan::Bencher) {
    let http_response = StartChatContact::serialize_response(&response());
    bencher.bench_local(|| StartChatContact::parse_response(black_box(&http_response)).unwrap());
}

#[divan::bench(args = ["InternalServiceException", "InvalidParameterException", "InvalidRequestException", "LimitExceededException", "ResourceNotFoundException", "Unhandled"])]
fn parse_error(bencher: divan::Bencher, kind: &str) {
    let (_, http_response) = error_responses()
        .into_iter()
        .find(|(name, _)| *name == kind)
        .unwrap();
    bencher
        .bench_local(|| StartChatContact::parse_response(black_box(&http_response)).unwrap_err());
}

/// The JSON document alone, generated impls against derived ones.
mod json {
    use super::*;

    #[divan::bench]
    fn request_to_vec_generated(bencher: divan::Bencher) {
        let request = request();
        bencher.bench_local(|| serde_json::to_vec(black_box(&request)).unwrap());
    }

    #[divan::bench]
    fn request_to_vec_derive(bencher: divan::Bencher) {
        let request: derived::Request =
            serde_json::from_slice(&serde_json::to_vec(&super::request()).unwrap()).unwrap();
        bencher.bench_local(|| serde_json::to_vec(black_box(&request)).unwrap());
    }

    #[divan::bench]
    fn request_from_slice_generated(bencher: divan::Bencher) {
        let body = serde_json::to_vec(&request()).unwrap();
        bencher.bench_local(|| {
            serde_json::from_slice::<StartChatContactRequest>(black_box(&body)).unwrap()
        });
    }

    #[divan::bench]
    fn request_from_slice_derive(bencher: divan::Bencher) {
        let body = serde_json::to_vec(&request()).unwrap();
        bencher
            .bench_local(|| serde_json::from_slice::<derived::Request>(black_box(&body)).unwrap());
    }

    #[divan::bench]
    fn response_to_vec_generated(bencher: divan::Bencher) {
        let response = response();
        bencher.bench_local(|| serde_json::to_vec(black_box(&response)).unwrap());
    }

    #[divan::bench]
    fn response_to_vec_derive(bencher: divan::Bencher) {
        let response: derived::Response =
            serde_json::from_slice(&serde_json::to_vec(&super::response()).unwrap()).unwrap();
        bencher.bench_local(|| serde_json::to_vec(black_box(&response)).unwrap());
    }

    #[divan::bench]
    fn response_from_slice_generated(bencher: divan::Bencher) {
        let body = serde_json::to_vec(&response()).unwrap();
        bencher.bench_local(|| {
            serde_json::from_slice::<StartChatContactResponse>(black_box(&body)).unwrap()
        });
    }

    #[divan::bench]
    fn response_from_slice_derive(bencher: divan::Bencher) {
        let body = serde_json::to_vec(&response()).unwrap();
        bencher
            .bench_local(|| serde_json::from_slice::<derived::Response>(black_box(&body)).unwrap());
    }
}
