//! What a service's signing rules say: where the signature goes, how the path is encoded, what
//! stands for the payload, and what happens to a session token.

use std::time::Duration;

/// Where the signature goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureLocation {
    /// In an `Authorization` header, with `X-Amz-Date` (and `X-Amz-Security-Token`) headers.
    Headers,
    /// In `X-Amz-*` query parameters (a presigned URL), valid for `expires_in` from the signing
    /// time: 1 second to 7 days, whole seconds.
    Query {
        /// How long the URL stays valid (`X-Amz-Expires`).
        expires_in: Duration,
    },
}

/// How the request's path becomes the canonical URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UriEncoding {
    /// The path as sent (already percent-encoded) is percent-encoded once more: `%3A` is
    /// signed as `%253A`. What every AWS service but S3 expects.
    Double,
    /// The path is signed percent-encoded once: each segment is decoded, then encoded again
    /// (so `:` and `%3A` both sign as `%3A`). What S3 expects.
    Single,
}

/// What the canonical request carries for the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayloadHash {
    /// The hex SHA-256 of the request's body.
    Sha256,
    /// The literal `UNSIGNED-PAYLOAD` (S3 presigned URLs, streaming uploads): the body is not
    /// covered by the signature.
    Unsigned,
    /// A hash computed by the caller (a hex SHA-256, or another literal the service defines,
    /// such as S3's `STREAMING-...` values), used as given.
    Precomputed(String),
}

/// What happens to the credentials' session token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionTokenMode {
    /// `X-Amz-Security-Token` is set before signing and covered by the signature.
    Signed,
    /// `X-Amz-Security-Token` is added after signing and left out of the signature, as a
    /// few services (IoT presigned WebSocket URLs, for one) require.
    AddedAfterSigning,
}

/// A service's signing rules. [`SigningSettings::default`] is what most AWS services expect;
/// [`SigningSettings::s3`] is S3's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings {
    /// Where the signature goes (default: headers).
    pub location: SignatureLocation,
    /// Path encoding (default: double).
    pub uri_encoding: UriEncoding,
    /// Remove `.` and `..` segments and collapse repeated slashes before encoding (default:
    /// on; S3 signs the path as sent).
    pub normalize_path: bool,
    /// What stands for the body (default: its SHA-256).
    pub payload: PayloadHash,
    /// With header signing, also send (and sign) the payload hash as `x-amz-content-sha256`,
    /// as S3 requires (default: off). Query signing never adds it.
    pub content_sha256_header: bool,
    /// The session token's treatment (default: signed).
    pub session_token: SessionTokenMode,
}

impl Default for SigningSettings {
    fn default() -> Self {
        SigningSettings {
            location: SignatureLocation::Headers,
            uri_encoding: UriEncoding::Double,
            normalize_path: true,
            payload: PayloadHash::Sha256,
            content_sha256_header: false,
            session_token: SessionTokenMode::Signed,
        }
    }
}

impl SigningSettings {
    /// S3's rules: single encoding, no path normalization, `x-amz-content-sha256` sent.
    #[must_use]
    pub fn s3() -> Self {
        SigningSettings {
            uri_encoding: UriEncoding::Single,
            normalize_path: false,
            content_sha256_header: true,
            ..SigningSettings::default()
        }
    }

    /// The same rules, signing into query parameters valid for `expires_in`.
    #[must_use]
    pub fn presigned(mut self, expires_in: Duration) -> Self {
        self.location = SignatureLocation::Query { expires_in };
        self
    }

    /// The same rules with another path encoding.
    #[must_use]
    pub fn uri_encoding(mut self, encoding: UriEncoding) -> Self {
        self.uri_encoding = encoding;
        self
    }

    /// The same rules with path normalization on or off.
    #[must_use]
    pub fn normalize_path(mut self, normalize: bool) -> Self {
        self.normalize_path = normalize;
        self
    }

    /// The same rules with another payload hash.
    #[must_use]
    pub fn payload(mut self, payload: PayloadHash) -> Self {
        self.payload = payload;
        self
    }

    /// The same rules, sending `x-amz-content-sha256` or not (header signing only).
    #[must_use]
    pub fn content_sha256_header(mut self, send: bool) -> Self {
        self.content_sha256_header = send;
        self
    }

    /// The same rules with another session-token treatment.
    #[must_use]
    pub fn session_token(mut self, mode: SessionTokenMode) -> Self {
        self.session_token = mode;
        self
    }
}
