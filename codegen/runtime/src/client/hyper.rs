//! The transport of the feature `hyper`: HTTP/1.1 over `hyper` and `hyper-util`'s connection
//! pool, TLS by `rustls` (its `ring` provider, the Mozilla roots of `webpki-roots`), and the
//! `tokio` timer as [`Sleep`]. Must run inside a `tokio` runtime with its I/O and time drivers.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::{BoxFuture, Sleep, Transport, TransportError, TransportErrorKind};

/// A [`Transport`] over `hyper`: `https` and `http` URLs, pooled HTTP/1.1 connections.
#[derive(Debug, Clone)]
pub struct HyperTransport {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl HyperTransport {
    /// A transport with the `ring` TLS provider and the `webpki-roots` certificates.
    ///
    /// # Errors
    ///
    /// When `rustls` cannot be configured with its `ring` provider (its default protocol
    /// versions unsupported).
    pub fn new() -> Result<Self, TransportError> {
        let provider = rustls::crypto::ring::default_provider();
        let connector = HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Ok(HyperTransport { client })
    }
}

impl Transport for HyperTransport {
    fn send(
        &self,
        request: ::http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, Result<::http::Response<Vec<u8>>, TransportError>> {
        let (parts, body) = request.into_parts();
        let request = ::http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = self.client.request(request);
        Box::pin(async move {
            let response = response.await.map_err(|e| {
                let kind = if e.is_connect() {
                    TransportErrorKind::Connect
                } else {
                    TransportErrorKind::Io
                };
                TransportError::new(kind, e)
            })?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| TransportError::new(TransportErrorKind::Io, e))?
                .to_bytes();
            Ok(::http::Response::from_parts(parts, body.to_vec()))
        })
    }
}

/// A [`Sleep`] over `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}
