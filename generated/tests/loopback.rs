//! The client against a mock Connect on 127.0.0.1: the real transport (`hyper`), the crate's
//! own server direction (`router::parse_request`, `serialize_response`, `serialize_error`)
//! answering as each case scripts. Every case is bounded: a few requests, a timeout.
#![cfg(feature = "hyper")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

// These tests take the server's side too (parsing requests, writing responses).
#[cfg(not(feature = "server"))]
compile_error!(
    "these tests need the crate's `server` feature: `cargo test -p connect-chat --features server`"
);

use std::sync::{Arc, Mutex};
use std::time::Duration;

use connect_chat::client::{Client, ErrorKind, RetryConfig, TimeoutConfig};
use connect_chat::operation::{StartChatContact, StartChatContactError};
use connect_chat::router::{self, ServiceRequest};
use connect_chat::sigv4::Credentials;
use connect_chat::types::{
    InternalServiceException, InvalidParameterException, InvalidRequestException,
    LimitExceededException, ParticipantDetails, ResourceNotFoundException, StartChatContactRequest,
    StartChatContactResponse,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the mock saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    client_token: Option<String>,
    authorization: String,
    host: String,
    sdk_request: String,
}

/// The mock's answer to the `n`th request (0-based): a response, after a delay.
type Script = dyn Fn(usize, &ServiceRequest) -> (http::Response<Vec<u8>>, Duration) + Send + Sync;

/// Serves requests on a loopback port until the runtime ends; one request per connection.
async fn mock(script: Arc<Script>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let (script, log) = (script.clone(), log.clone());
            tokio::spawn(async move {
                let Some(request) = read_request(&mut socket).await else {
                    return;
                };
                let header = |name: &str| {
                    request
                        .headers()
                        .get(name)
                        .map(|v| v.to_str().unwrap().to_owned())
                        .unwrap_or_default()
                };
                let (response, delay) = match router::parse_request(&request) {
                    Ok(parsed) => {
                        let ServiceRequest::StartChatContact(input) = &parsed else {
                            panic!("routed elsewhere: {parsed:?}");
                        };
                        let n = {
                            let mut log = log.lock().unwrap();
                            log.push(Seen {
                                client_token: input.client_token.clone(),
                                authorization: header("authorization"),
                                host: header("host"),
                                sdk_request: header("amz-sdk-request"),
                            });
                            log.len() - 1
                        };
                        script(n, &parsed)
                    }
                    Err(rejection) => (rejection.into_http_response(), Duration::ZERO),
                };
                tokio::time::sleep(delay).await;
                let _ = socket.write_all(&write_response(&response)).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, seen)
}

/// Reads one HTTP/1.1 request with a `Content-Length` body.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<http::Request<Vec<u8>>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, target) = (start.next()?, start.next()?);
    let mut builder = http::Request::builder().method(method).uri(target);
    let mut length = 0;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().ok()?;
        }
        builder = builder.header(name.trim(), value.trim());
    }
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    builder.body(body).ok()
}

fn write_response(response: &http::Response<Vec<u8>>) -> Vec<u8> {
    let status = response.status();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    )
    .into_bytes();
    for (name, value) in response.headers() {
        if name != http::header::CONTENT_LENGTH {
            out.extend_from_slice(format!("{name}: ").as_bytes());
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    let tail = format!(
        "content-length: {}\r\nx-amzn-requestid: req-{}\r\nconnection: close\r\n\r\n",
        response.body().len(),
        status.as_u16()
    );
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(response.body());
    out
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client(url: &str, retry: RetryConfig, timeouts: TimeoutConfig) -> Client {
    Client::builder()
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret"))
        .endpoint_url(url)
        .retry_config(retry.with_initial_backoff(Duration::from_millis(5)))
        .timeout(timeouts.total(Duration::from_secs(20)))
        .build()
        .unwrap()
}

fn input() -> StartChatContactRequest {
    StartChatContactRequest::builder()
        .instance_id("inst")
        .contact_flow_id("flow")
        .participant_details(
            ParticipantDetails::builder()
                .display_name("Ana")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn ok_response() -> http::Response<Vec<u8>> {
    let output = StartChatContactResponse::builder()
        .contact_id("contact-1")
        .participant_token("token-xyz")
        .build();
    StartChatContact::serialize_response(&output)
}

fn unmodeled(status: u16, code: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("x-amzn-errortype", code)
        .header("content-type", "application/json")
        .body(format!(r#"{{"message":"{code} from the mock"}}"#).into_bytes())
        .unwrap()
}

/// Runs one case: the script, the client's settings, then the check of the outcome.
fn case<T>(
    script: impl Fn(usize, &ServiceRequest) -> (http::Response<Vec<u8>>, Duration)
    + Send
    + Sync
    + 'static,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    call: impl AsyncFnOnce(Client, StartChatContactRequest) -> T,
) -> (T, Vec<Seen>) {
    runtime().block_on(async {
        let (url, seen) = mock(Arc::new(script)).await;
        let client = client(&url, retry, timeouts);
        let outcome = tokio::time::timeout(Duration::from_secs(30), call(client, input()))
            .await
            .expect("the case finishes in time");
        let seen = seen.lock().unwrap().clone();
        (outcome, seen)
    })
}

#[test]
fn success_carries_the_output_and_metadata_and_is_signed() {
    let (outcome, seen) = case(
        |_, _| (ok_response(), Duration::ZERO),
        RetryConfig::standard(),
        TimeoutConfig::new(),
        async |client, input| client.start_chat_contact(input).await,
    );
    let response = outcome.unwrap();
    assert_eq!(response.participant_token.as_deref(), Some("token-xyz"));
    assert_eq!(response.metadata().status(), 200);
    assert_eq!(response.metadata().request_id(), Some("req-200"));
    assert_eq!(response.metadata().attempts(), 1);
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert!(
        request
            .authorization
            .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{request:?}"
    );
    assert!(
        request
            .authorization
            .contains("/us-east-1/connect/aws4_request"),
        "{request:?}"
    );
    assert!(request.host.starts_with("127.0.0.1:"), "{request:?}");
    assert_eq!(request.sdk_request, "attempt=1; max=3");
    // The token was filled, once.
    assert!(
        request
            .client_token
            .as_deref()
            .is_some_and(|t| t.len() == 36)
    );
}

#[test]
fn each_modeled_error_is_parsed_with_its_metadata_and_retryability() {
    let errors = [
        (
            StartChatContactError::InternalServiceException(
                InternalServiceException::builder().message("boom").build(),
            ),
            500,
            true,
        ),
        (
            StartChatContactError::InvalidParameterException(
                InvalidParameterException::builder()
                    .message("bad parameter")
                    .build(),
            ),
            400,
            false,
        ),
        (
            StartChatContactError::InvalidRequestException(
                InvalidRequestException::builder()
                    .message("bad request")
                    .build(),
            ),
            400,
            false,
        ),
        (
            StartChatContactError::LimitExceededException(
                LimitExceededException::builder()
                    .message("too many chats")
                    .build(),
            ),
            429,
            false,
        ),
        (
            StartChatContactError::ResourceNotFoundException(
                ResourceNotFoundException::builder()
                    .message("no such instance")
                    .build(),
            ),
            404,
            false,
        ),
    ];
    for (error, status, retryable) in errors {
        let sent = error.clone();
        let (outcome, seen) = case(
            move |_, _| (StartChatContact::serialize_error(&sent), Duration::ZERO),
            RetryConfig::standard(),
            TimeoutConfig::new(),
            async |client, input| client.start_chat_contact(input).await,
        );
        let failure = outcome.unwrap_err();
        assert_eq!(failure.service_error(), Some(&error), "{failure}");
        assert_eq!(failure.is_retryable(), retryable, "{failure}");
        let metadata = failure.metadata().unwrap();
        assert_eq!(metadata.status(), status);
        assert_eq!(failure.request_id(), Some(format!("req-{status}").as_str()));
        // Only the 500 is retried (as a transient status), up to the 3 attempts.
        let attempts = if retryable { 3 } else { 1 };
        assert_eq!(metadata.attempts(), attempts, "{failure}");
        assert_eq!(seen.len(), attempts as usize);
    }
}

#[test]
fn throttling_then_success_resends_the_same_idempotency_token() {
    let (outcome, seen) = case(
        |n, _| match n {
            0 => (unmodeled(400, "ThrottlingException"), Duration::ZERO),
            _ => (ok_response(), Duration::ZERO),
        },
        RetryConfig::standard(),
        TimeoutConfig::new(),
        async |client, input| client.start_chat_contact(input).await,
    );
    let response = outcome.unwrap();
    assert_eq!(response.metadata().attempts(), 2);
    assert_eq!(seen.len(), 2);
    assert!(seen[0].client_token.is_some());
    assert_eq!(seen[0].client_token, seen[1].client_token);
    assert_eq!(seen[1].sdk_request, "attempt=2; max=3");
    // Each attempt is signed anew.
    assert!(seen[1].authorization.starts_with("AWS4-HMAC-SHA256 "));
}

#[test]
fn a_503_then_success_is_retried() {
    let (outcome, seen) = case(
        |n, _| match n {
            0 => (unmodeled(503, "ServiceUnavailable"), Duration::ZERO),
            _ => (ok_response(), Duration::ZERO),
        },
        RetryConfig::standard(),
        TimeoutConfig::new(),
        async |client, input| client.start_chat_contact(input).await,
    );
    assert_eq!(outcome.unwrap().metadata().attempts(), 2);
    assert_eq!(seen.len(), 2);
}

#[test]
fn retries_stop_at_the_configured_attempts() {
    let (outcome, seen) = case(
        |_, _| (unmodeled(400, "TooManyRequestsException"), Duration::ZERO),
        RetryConfig::standard().with_max_attempts(2),
        TimeoutConfig::new(),
        async |client, input| client.start_chat_contact(input).await,
    );
    let failure = outcome.unwrap_err();
    assert!(failure.is_retryable());
    assert_eq!(
        failure.service_error().and_then(|e| e.code()),
        Some("TooManyRequestsException")
    );
    assert_eq!(seen.len(), 2);
}

#[test]
fn an_unmodeled_validation_error_keeps_its_field_list() {
    // The mock's own validation rejects the request: an empty `InstanceId` breaks its
    // `@length`, and the client sends it as is.
    let (outcome, seen) = case(
        |_, _| (ok_response(), Duration::ZERO),
        RetryConfig::standard(),
        TimeoutConfig::new(),
        async |client, mut input| {
            input.instance_id = String::new();
            client.start_chat_contact(input).await
        },
    );
    let failure = outcome.unwrap_err();
    assert!(seen.is_empty(), "the mock rejected it before the operation");
    assert_eq!(
        failure.service_error().and_then(|e| e.code()),
        Some("ValidationException")
    );
    assert!(!failure.is_retryable());
    let fields = failure.field_list();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].path, "/InstanceId");
    assert!(fields[0].message.contains("length"), "{fields:?}");
}

#[test]
fn a_slow_response_times_out_and_is_retryable() {
    let (outcome, _) = case(
        |_, _| (ok_response(), Duration::from_secs(5)),
        RetryConfig::disabled(),
        TimeoutConfig::new().attempt(Duration::from_millis(200)),
        async |client, input| client.start_chat_contact(input).await,
    );
    let failure = outcome.unwrap_err();
    assert!(failure.is_retryable());
    assert!(
        matches!(
            failure.kind(),
            ErrorKind::Timeout {
                attempt: true,
                after
            } if *after == Duration::from_millis(200)
        ),
        "{failure}"
    );
    assert!(failure.metadata().is_none());
}

#[test]
fn a_refused_connection_is_a_retryable_transport_error() {
    let outcome = runtime().block_on(async {
        // A port nothing listens on: bind, note it, close.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let client = client(&url, RetryConfig::standard(), TimeoutConfig::new());
        client.start_chat_contact(input()).await
    });
    let failure = outcome.unwrap_err();
    assert!(failure.is_retryable());
    assert!(
        matches!(failure.kind(), ErrorKind::Transport(_)),
        "{failure}"
    );
}
