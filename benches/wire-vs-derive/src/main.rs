//! Generated serde impls versus serde derive on one StartChatContact document: prints ns per
//! call and the ratios (the generated code should stay within 1.1x).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Instant;

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Req {
    instance_id: String,
    contact_flow_id: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    attributes: Option<BTreeMap<String, String>>,
    participant_details: Pd,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    participant_configuration: Option<Pc>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    initial_message: Option<Msg>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    client_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    chat_duration_in_minutes: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    supported_messaging_content_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    persistent_chat: Option<Persist>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    related_contact_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    segment_attributes: Option<BTreeMap<String, Sav>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    customer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    disconnect_on_customer_exit: Option<Vec<String>>,
}
#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Pd {
    display_name: String,
}
#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Pc {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    response_mode: Option<String>,
}
#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Msg {
    content_type: String,
    content: String,
}
#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Persist {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    rehydration_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    source_contact_id: Option<String>,
}
#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename_all = "PascalCase")]
struct Sav {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value_string: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value_map: Option<BTreeMap<String, Sav>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value_integer: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value_list: Option<Vec<Sav>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value_arn: Option<String>,
}

fn doc() -> String {
    let mut segs = String::new();
    for i in 0..20 {
        if i > 0 {
            segs.push(',');
        }
        segs.push_str(&format!(r#""seg{i}": {{"ValueString": "value {i}", "ValueMap": {{"a": {{"ValueInteger": {i}}}, "b": {{"ValueList": [{{"ValueArn": "arn:aws:x:{i}"}}, {{"ValueString": "s"}}]}}}}}}"#));
    }
    let mut attrs = String::new();
    for i in 0..30 {
        if i > 0 {
            attrs.push(',');
        }
        attrs.push_str(&format!(r#""key{i}": "some attribute value {i}""#));
    }
    format!(
        r#"{{"InstanceId": "12345678-1234-1234-1234-123456789012", "ContactFlowId": "abcdef01-2345-6789-abcd-ef0123456789",
      "Attributes": {{{attrs}}}, "ParticipantDetails": {{"DisplayName": "Customer Name"}},
      "ParticipantConfiguration": {{"ResponseMode": "INCREMENTAL"}},
      "InitialMessage": {{"ContentType": "text/plain", "Content": "Hello, I need help with my order please"}},
      "ClientToken": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "ChatDurationInMinutes": 1440,
      "SupportedMessagingContentTypes": ["text/plain", "text/markdown", "application/json"],
      "PersistentChat": {{"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": "prev"}},
      "SegmentAttributes": {{{segs}}}, "CustomerId": "cust", "DisconnectOnCustomerExit": ["AGENT"]}}"#
    )
}

fn time<T>(label: &str, n: usize, mut f: impl FnMut() -> T) -> f64 {
    for _ in 0..n / 10 {
        std::hint::black_box(f());
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(f());
        }
        best = best.min(start.elapsed().as_secs_f64() / n as f64 * 1e9);
    }
    println!("{label:40} {best:10.0} ns");
    best
}

fn main() {
    let text = doc();
    let bytes = text.as_bytes();
    let a: connect_chat::types::StartChatContactRequest = serde_json::from_slice(bytes).unwrap();
    let b: Req = serde_json::from_slice(bytes).unwrap();
    let ja: serde_json::Value = serde_json::from_slice(&serde_json::to_vec(&a).unwrap()).unwrap();
    let jb: serde_json::Value = serde_json::from_slice(&serde_json::to_vec(&b).unwrap()).unwrap();
    assert_eq!(ja, jb);
    println!("document: {} bytes", bytes.len());
    let n = 20000;
    let g = time("generated: from_slice", n, || {
        serde_json::from_slice::<connect_chat::types::StartChatContactRequest>(bytes).unwrap()
    });
    let d = time("serde derive: from_slice", n, || {
        serde_json::from_slice::<Req>(bytes).unwrap()
    });
    println!("deserialize ratio generated/derive: {:.3}", g / d);
    let g = time("generated: to_vec", n, || serde_json::to_vec(&a).unwrap());
    let d = time("serde derive: to_vec", n, || {
        serde_json::to_vec(&b).unwrap()
    });
    println!("serialize ratio generated/derive: {:.3}", g / d);
}
