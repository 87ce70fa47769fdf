//! Signing, sending and retrying: [`send`] for a serialized request, [`call`] for an
//! operation's input.

use std::convert::Infallible;
use std::pin::pin;
use std::time::{Duration, SystemTime};

use super::config::Config;
use super::error::{Error, ErrorKind, Response, ResponseMetadata};
use super::race::{Either, race};
use super::retry::classify;
use crate::__private::protocol::error_code_and_message;
use crate::Operation;
use crate::sigv4::Signer;

/// Calls operation `O` with `input`: serializes the request once (an unset idempotency token
/// is filled then, and stays the same on every attempt), [`send`]s it, and parses the
/// response into the output or the operation's error.
///
/// # Errors
///
/// [`Error`]: the service's error (modeled, or `Unhandled`), with its response metadata and
/// body; no response (transport error or timeout); or a request that could not be made.
pub async fn call<O: Operation>(
    config: &Config,
    input: &O::Input,
) -> Result<Response<O::Output>, Error<O::Error>> {
    let request = O::serialize_request(input, &config.endpoint.url)
        .map_err(|e| Error::new(ErrorKind::Request(Box::new(e)), false))?;
    let (response, attempts) = send(config, request).await.map_err(Error::widen)?;
    let metadata = ResponseMetadata::new(response.status(), response.headers().clone(), attempts);
    match O::parse_response(&response) {
        Ok(output) => Ok(Response::new(output, metadata)),
        Err(error) => {
            let retryable = response_retry(config, &response).is_some();
            let body = response.into_body();
            Err(Error::new(ErrorKind::Service(error), retryable).with_response(metadata, body))
        }
    }
}

/// Sends a serialized request: each attempt adds the endpoint's headers to a copy of it,
/// signs the copy (SigV4 with the service's signing name and the region, credentials asked
/// of the provider each time) and sends it through the transport, under the attempt timeout.
/// Retryable failures are retried as the [`RetryConfig`](super::RetryConfig) says, the whole
/// under the total timeout. Gives the last response (a success, an error that is not
/// retryable, or the last retryable one) and how many attempts were made.
///
/// # Errors
///
/// No response at the last attempt (transport error, attempt timeout), the total timeout, or
/// a request that could not be signed.
pub async fn send<E>(
    config: &Config,
    request: ::http::Request<Vec<u8>>,
) -> Result<(::http::Response<Vec<u8>>, u32), Error<E>> {
    let attempts = pin!(attempts(config, &request));
    let outcome = match config.timeouts.total_timeout() {
        None => attempts.await,
        Some(total) => {
            let timer = pin!(config.sleep.sleep(total));
            match race(attempts, timer).await {
                Either::Left(outcome) => outcome,
                Either::Right(()) => Err(timeout(false, total)),
            }
        }
    };
    outcome.map_err(Error::widen)
}

fn timeout(attempt: bool, after: Duration) -> Error<Infallible> {
    Error::new(ErrorKind::Timeout { attempt, after }, true)
}

fn response_retry(
    config: &Config,
    response: &::http::Response<Vec<u8>>,
) -> Option<super::RetryKind> {
    if response.status().is_success() {
        return None;
    }
    let (code, _) = error_code_and_message(response.headers(), response.body());
    classify(config.service, response.status(), code.as_deref())
}

async fn attempts(
    config: &Config,
    request: &::http::Request<Vec<u8>>,
) -> Result<(::http::Response<Vec<u8>>, u32), Error<Infallible>> {
    let max = config.retry.max_attempts();
    let signer = &config.signer;
    let mut spent = 0;
    let mut attempt = 1;
    loop {
        let signed = sign(config, signer, request, attempt, max)?;
        let sent = config.transport.send(signed);
        let outcome = match config.timeouts.attempt_timeout() {
            None => sent
                .await
                .map_err(|e| Error::new(ErrorKind::Transport(e), true)),
            Some(limit) => {
                let (sent, timer) = (pin!(sent), pin!(config.sleep.sleep(limit)));
                match race(sent, timer).await {
                    Either::Left(sent) => {
                        sent.map_err(|e| Error::new(ErrorKind::Transport(e), true))
                    }
                    Either::Right(()) => Err(timeout(true, limit)),
                }
            }
        };
        match outcome {
            Ok(response) => {
                if response.status().is_success() {
                    config.quota.release(spent);
                    return Ok((response, attempt));
                }
                if attempt >= max || response_retry(config, &response).is_none() {
                    return Ok((response, attempt));
                }
                match config.quota.acquire(false) {
                    Some(cost) => spent += cost,
                    None => return Ok((response, attempt)),
                }
            }
            Err(error) => {
                if attempt >= max {
                    return Err(error);
                }
                match config.quota.acquire(true) {
                    Some(cost) => spent += cost,
                    None => return Err(error),
                }
            }
        }
        config.sleep.sleep(config.retry.backoff(attempt)).await;
        attempt += 1;
    }
}

/// The request of attempt `attempt`: a copy with the endpoint's headers and
/// `amz-sdk-request`, signed now.
fn sign(
    config: &Config,
    signer: &Signer,
    request: &::http::Request<Vec<u8>>,
    attempt: u32,
    max: u32,
) -> Result<::http::Request<Vec<u8>>, Error<Infallible>> {
    let failed =
        |e: Box<dyn std::error::Error + Send + Sync>| Error::new(ErrorKind::Request(e), false);
    let mut signed = request.clone();
    let headers = signed.headers_mut();
    for (name, values) in &config.endpoint.headers {
        let name = ::http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| failed(e.into()))?;
        headers.remove(&name);
        for value in values {
            let value = ::http::HeaderValue::from_str(value).map_err(|e| failed(e.into()))?;
            headers.append(name.clone(), value);
        }
    }
    if let Ok(value) = ::http::HeaderValue::from_str(&format!("attempt={attempt}; max={max}")) {
        headers.insert("amz-sdk-request", value);
    }
    let credentials = config
        .credentials
        .provide_credentials()
        .map_err(|e| failed(e.into()))?;
    signer
        .sign(&mut signed, &credentials, SystemTime::now())
        .map_err(|e| failed(e.into()))?;
    Ok(signed)
}
