//! A client for any generated operation (feature `client`): sign with SigV4, send through a
//! [`Transport`], retry as the AWS SDKs' standard mode does, and give back the output or an
//! [`Error`], both with the response's [`ResponseMetadata`].
//!
//! Nothing here does I/O or needs an async runtime: a [`Transport`] carries `http` messages
//! (any HTTP stack can implement it) and a [`Sleep`] waits (for backoff and timeouts). The
//! feature `hyper` provides both: `HyperTransport` (`hyper` with `rustls`) and `TokioSleep`.
//!
//! A generated crate's `Client` is a [`Config`] built by [`Builder`] for its [`Service`], and
//! one `async fn` per operation that calls [`call`]. The request is serialized once per call
//! (an `@idempotencyToken` filled then stays the same on every attempt); each attempt signs
//! a copy of those bytes again, with fresh credentials and time.

mod config;
mod error;
#[cfg(feature = "hyper")]
mod hyper;
mod race;
mod retry;
mod send;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub use config::{
    Builder, Config, ConfigError, EndpointSettings, Service, ServiceClient, endpoint_override,
    signer_for,
};
pub use error::{Error, ErrorKind, FieldError, Response, ResponseMetadata};
#[cfg(feature = "hyper")]
pub use hyper::{HyperTransport, TokioSleep};
pub use retry::{RetryConfig, RetryKind, TimeoutConfig};
pub use send::{call, send};

/// A boxed future that can move between threads, as [`Transport`] and [`Sleep`] return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Carries a request to the service and brings its response back: the one thing a client
/// needs from an HTTP stack. Object-safe, so a [`Config`] holds any transport.
///
/// ```
/// use restjson_runtime::client::{BoxFuture, Transport, TransportError};
///
/// /// Answers every request with an empty 200.
/// #[derive(Debug)]
/// struct Canned;
/// impl Transport for Canned {
///     fn send(
///         &self,
///         _request: http::Request<Vec<u8>>,
///     ) -> BoxFuture<'static, Result<http::Response<Vec<u8>>, TransportError>> {
///         Box::pin(async { Ok(http::Response::new(b"{}".to_vec())) })
///     }
/// }
/// ```
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` (signed, with its `Host`) and reads the whole response.
    fn send(
        &self,
        request: ::http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, Result<::http::Response<Vec<u8>>, TransportError>>;
}

/// Waits: what retries (backoff) and timeouts need from an async runtime.
pub trait Sleep: Send + Sync + fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// A request that did not get a response: no connection, a broken one, a timeout of the
/// transport itself. Always retryable.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// What kind of [`TransportError`] it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The transport's own timeout elapsed.
    Timeout,
    /// The connection failed while the request or response was on it.
    Io,
    /// Anything else.
    Other,
}

impl TransportError {
    /// An error of `kind` caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of error it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "the transport timed out",
            TransportErrorKind::Io => "the connection failed",
            TransportErrorKind::Other => "the transport failed",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}
