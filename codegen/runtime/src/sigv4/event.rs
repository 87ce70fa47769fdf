//! SigV4 signing of event-stream messages (features `sigv4` and `event-stream`).
//!
//! An event-stream request is signed twice over. The initial HTTP request is signed as usual
//! but with the payload hash [`STREAMING_EVENTS_PAYLOAD`] (the body is not known yet); its
//! signature seeds the chain. Then each message the client sends is wrapped: the encoded
//! message becomes the payload of an outer message whose headers are `:date` (a timestamp) and
//! `:chunk-signature` (the 32 signature bytes), and each signature covers the one before it.
//! An outer message with an empty payload, signed the same way, ends the stream.
//!
//! The string each signature is computed over has six lines:
//!
//! ```text
//! AWS4-HMAC-SHA256-PAYLOAD
//! <time, ISO 8601 basic: 20150830T123600Z>
//! <scope: 20150830/us-east-1/transcribe/aws4_request>
//! <the previous signature, hex (the initial request's for the first message)>
//! <hex SHA-256 of the `:date` header, encoded as event-stream headers are>
//! <hex SHA-256 of the payload (the encoded inner message, or nothing at the end)>
//! ```
//!
//! signed with the request's signing key (the secret, the date, the region, the service).

use std::time::{SystemTime, UNIX_EPOCH};

use super::canonical::{hex, hmac, sha256_hex, signing_key};
use super::{Credentials, Signer, SigningError};
use crate::__private::json_text::{format_amz_date, format_date_time};
use crate::event_stream::{HeaderValue, Message};

/// The payload hash (`x-amz-content-sha256`) of an initial request whose body is a signed
/// event stream.
pub const STREAMING_EVENTS_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// The first line of an event's string to sign.
pub const EVENT_ALGORITHM: &str = "AWS4-HMAC-SHA256-PAYLOAD";

/// The header carrying a message's signing time.
pub const DATE_HEADER: &str = ":date";

/// The header carrying a message's signature (32 bytes).
pub const CHUNK_SIGNATURE_HEADER: &str = ":chunk-signature";

/// Signs the messages of one event stream, each over the signature before it. `Debug` keeps
/// the credentials redacted.
#[derive(Clone, Debug)]
pub struct EventSigner {
    service: String,
    region: String,
    credentials: Credentials,
    prior_signature: String,
}

/// One signed message and what its signature was computed over.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SignedEvent {
    /// The outer message: `:date`, `:chunk-signature`, and the payload.
    pub message: Message,
    /// The string to sign, lines joined by `\n`.
    pub string_to_sign: String,
    /// The signature, hex.
    pub signature: String,
}

impl EventSigner {
    /// The signer of a stream whose initial request `signer` signed with `credentials`,
    /// giving `seed_signature` (hex: [`super::SigningOutput::signature`]). Sign that request
    /// with [`super::PayloadHash::Precomputed`] of [`STREAMING_EVENTS_PAYLOAD`].
    pub fn new(
        signer: &Signer,
        credentials: Credentials,
        seed_signature: impl Into<String>,
    ) -> EventSigner {
        EventSigner {
            service: signer.service().to_owned(),
            region: signer.region().to_owned(),
            credentials,
            prior_signature: seed_signature.into(),
        }
    }

    /// The last signature of the chain (the seed before the first message), hex.
    pub fn prior_signature(&self) -> &str {
        &self.prior_signature
    }

    /// Wraps and signs `message` as of `time`.
    ///
    /// # Errors
    ///
    /// The message does not encode (its own limits), the time is before 1970 or after 9999,
    /// or the credentials expired before `time`. The chain is unchanged then.
    pub fn sign(&mut self, message: &Message, time: SystemTime) -> Result<Message, SigningError> {
        let payload = message
            .encode()
            .map_err(|e| SigningError::Unrepresentable(e.to_string()))?;
        Ok(self.sign_payload(&payload, time)?.message)
    }

    /// The signed empty message that ends the stream.
    ///
    /// # Errors
    ///
    /// As [`EventSigner::sign`], but for the message's encoding.
    pub fn sign_end(&mut self, time: SystemTime) -> Result<Message, SigningError> {
        Ok(self.sign_payload(&[], time)?.message)
    }

    /// Signs `payload` (an encoded message, or nothing for the end) as of `time`, with the
    /// intermediate results.
    ///
    /// # Errors
    ///
    /// As [`EventSigner::sign_end`].
    pub fn sign_payload(
        &mut self,
        payload: &[u8],
        time: SystemTime,
    ) -> Result<SignedEvent, SigningError> {
        if let Some(expiry) = self.credentials.expiry() {
            if expiry <= time {
                return Err(SigningError::ExpiredCredentials {
                    expiry: format_date_time(expiry).unwrap_or_default(),
                    time: format_date_time(time).unwrap_or_default(),
                });
            }
        }
        let millis = time
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|since| i64::try_from(since.as_millis()).ok())
            .ok_or(SigningError::InvalidTime)?;
        let amz_date = format_amz_date(time).ok_or(SigningError::InvalidTime)?;
        let date = &amz_date[..8];
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        // The `:date` header as the wire encodes it: name length, name, type 8, big-endian ms.
        let mut date_header = vec![DATE_HEADER.len() as u8];
        date_header.extend_from_slice(DATE_HEADER.as_bytes());
        date_header.push(8);
        date_header.extend_from_slice(&millis.to_be_bytes());
        let string_to_sign = format!(
            "{EVENT_ALGORITHM}\n{amz_date}\n{scope}\n{}\n{}\n{}",
            self.prior_signature,
            sha256_hex(&date_header),
            sha256_hex(payload)
        );
        let key = signing_key(
            self.credentials.secret_access_key(),
            date,
            &self.region,
            &self.service,
        );
        let raw = hmac(&key, string_to_sign.as_bytes());
        let signature = hex(&raw);
        let message = Message::new(payload.to_vec())
            .with_header(DATE_HEADER, HeaderValue::Timestamp(millis))
            .with_header(
                CHUNK_SIGNATURE_HEADER,
                HeaderValue::ByteArray(raw.to_vec().into()),
            );
        self.prior_signature.clone_from(&signature);
        Ok(SignedEvent {
            message,
            string_to_sign,
            signature,
        })
    }
}
