//! AWS Signature Version 4 request signing and credentials (feature `sigv4`).
//!
//! Written on `hmac` and `sha2`; no I/O, no async runtime, no clock of its own: the signing
//! time is an argument, so a signature is reproducible (and testable). Checked against the
//! official SigV4 test vectors.
//!
//! ```
//! use restjson_runtime::sigv4::{Credentials, Signer};
//! use std::time::{Duration, UNIX_EPOCH};
//!
//! let mut request = http::Request::post("https://connect.us-east-1.amazonaws.com/contact/chat")
//!     .header("content-type", "application/json")
//!     .body(b"{}".to_vec())?;
//! let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
//! let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
//! let output = Signer::new("connect", "us-east-1").sign(&mut request, &credentials, time)?;
//! assert_eq!(request.headers()["host"], "connect.us-east-1.amazonaws.com");
//! assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
//! assert!(request.headers()["authorization"].to_str()?.ends_with(&output.signature));
//! assert_eq!(output.signed_headers, "content-type;host;x-amz-date");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`Signer`] and [`SigningSettings`]: header signing or presigned query signing, path
//!   double-encoding and normalization as the service's rules say ([`SigningSettings::s3`]
//!   for S3), session tokens, `x-amz-content-sha256`, `UNSIGNED-PAYLOAD`; the canonical
//!   request, string to sign and signature come back in [`SigningOutput`].
//! - [`Credentials`] and [`ProvideCredentials`]: fixed credentials, [`EnvironmentProvider`]
//!   (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), [`ProfileProvider`]
//!   (the shared `config` and `credentials` files, [`profile`]), [`CredentialsChain`], and
//!   [`region`]. Every provider reads through an [`Env`], which tests replace.
//!
//! Not supported yet: SSO, the EC2 instance metadata service and container credentials, web
//! identity, assume-role and credential-process profiles (reported as such by
//! [`ProfileProvider`]), SigV4a. Implement [`ProvideCredentials`] to bring your own.

mod canonical;
mod credentials;
#[cfg(feature = "event-stream")]
mod event;
pub mod profile;
mod settings;
mod sign;

pub use credentials::{
    Credentials, CredentialsChain, CredentialsError, Env, EnvironmentProvider, ProfileFiles,
    ProfileProvider, ProvideCredentials, region,
};
#[cfg(feature = "event-stream")]
pub use event::{
    CHUNK_SIGNATURE_HEADER, DATE_HEADER, EVENT_ALGORITHM, EventSigner, STREAMING_EVENTS_PAYLOAD,
    SignedEvent,
};
pub use settings::{
    PayloadHash, SessionTokenMode, SignatureLocation, SigningSettings, UriEncoding,
};
pub use sign::{ALGORITHM, MAX_EXPIRES_IN_SECS, Signer, SigningOutput, UNSIGNED_PAYLOAD};

use std::fmt;
use std::time::Duration;

/// Why a request could not be signed. The request is unchanged then.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// No `Host` header and no authority in the URI to take one from.
    MissingHost,
    /// A header value is not UTF-8 text.
    InvalidHeaderValue {
        /// The header's name.
        name: String,
    },
    /// The credentials' expiry is not after the signing time.
    ExpiredCredentials {
        /// The expiry, RFC 3339.
        expiry: String,
        /// The signing time, RFC 3339.
        time: String,
    },
    /// The signing time is outside the years 0 to 9999.
    InvalidTime,
    /// A presigned request's validity is not 1 to 604,800 whole seconds.
    InvalidExpiry {
        /// The validity asked for.
        expires_in: Duration,
    },
    /// The region or signing name is empty or contains `/` or whitespace.
    InvalidScope {
        /// `region` or `signing name`.
        what: &'static str,
        /// The value given.
        value: String,
    },
    /// The signed request cannot be written (a credential that is not header text).
    Unrepresentable(String),
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::MissingHost => f.write_str(
                "the request has no Host header and its URI no authority to take one from; \
                 use an absolute URI or set Host",
            ),
            SigningError::InvalidHeaderValue { name } => {
                write!(f, "header `{name}` is not UTF-8 text and cannot be signed")
            }
            SigningError::ExpiredCredentials { expiry, time } => write!(
                f,
                "the credentials expired at {expiry}, not after the signing time {time}; \
                 fetch new ones"
            ),
            SigningError::InvalidTime => {
                f.write_str("the signing time is outside the years 0 to 9999")
            }
            SigningError::InvalidExpiry { expires_in } => write!(
                f,
                "a presigned request must expire after 1 to {MAX_EXPIRES_IN_SECS} whole seconds \
                 (7 days), not {expires_in:?}"
            ),
            SigningError::InvalidScope { what, value } => write!(
                f,
                "the {what} `{value}` cannot be signed: it must be non-empty, without `/` or \
                 whitespace"
            ),
            SigningError::Unrepresentable(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SigningError {}

#[cfg(test)]
mod tests;
