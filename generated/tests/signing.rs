//! The service's signing facts from the model, and (with `--features sigv4`) a request built
//! by the crate signed with the runtime's signer through the crate's re-export.

#[test]
fn signing_name_and_endpoint_prefix_come_from_the_model() {
    // models/connect.json: `aws.auth#sigv4` `name` and `aws.api#service` `endpointPrefix`.
    assert_eq!(connect_chat::SIGNING_NAME, "connect");
    assert_eq!(connect_chat::ENDPOINT_PREFIX, "connect");
}

#[cfg(not(feature = "sigv4"))]
#[test]
fn signing_a_request() {
    println!("SKIPPED: signing_a_request needs `--features sigv4` (.ci/run passes it)");
}

#[cfg(feature = "sigv4")]
#[test]
fn signing_a_request() {
    use connect_chat::operation::StartChatContact;
    use connect_chat::sigv4::{Credentials, Signer};
    use connect_chat::types::{ParticipantDetails, StartChatContactRequest};
    use std::time::{Duration, UNIX_EPOCH};

    let request = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Ana")
                .build()
                .unwrap(),
        )
        .client_token("token")
        .build()
        .unwrap();
    let endpoint = format!(
        "https://{}.us-east-1.amazonaws.com",
        connect_chat::ENDPOINT_PREFIX
    );
    let mut http_request = StartChatContact::serialize_request(&request, &endpoint).unwrap();
    let credentials = Credentials::new("AKIDEXAMPLE", "secret").with_session_token("TOKEN");
    let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
    let out = Signer::new(connect_chat::SIGNING_NAME, "us-east-1")
        .sign(&mut http_request, &credentials, time)
        .unwrap();
    let headers = http_request.headers();
    assert_eq!(headers["host"], "connect.us-east-1.amazonaws.com");
    assert_eq!(headers["x-amz-security-token"], "TOKEN");
    let authorization = headers["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/connect/aws4_request, "
        ),
        "{authorization}"
    );
    assert!(authorization.ends_with(&format!("Signature={}", out.signature)));
    assert!(
        out.canonical_request.starts_with("PUT\n/contact/chat\n\n"),
        "{}",
        out.canonical_request
    );
    // The body is covered: its hash ends the canonical request.
    let body_hash = out.canonical_request.lines().last().unwrap();
    assert_eq!(body_hash.len(), 64);
    assert_ne!(
        body_hash,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}
