//! The runtime of the Rust crates generated from Smithy models in the AWS restJson1 protocol.
//!
//! A generated crate is declarations over this one: its types, their members and their HTTP
//! bindings, plus calls into the code here, which is written once and tested once. What users
//! see of it is re-exported by every generated crate at the same paths (`my_crate::Operation`,
//! `my_crate::error`, `my_crate::primitives`, `my_crate::validation`, `my_crate::idempotency`),
//! and is the same type in all of them: one `ValidationError`, one `Document`, one [`Operation`]
//! trait, so generic code (a signing helper, a test server) serves every generated service.
//!
//! - [`Operation`]: one restJson1 operation and a client's two conversions to and from `http`
//!   messages; [`ServerOperation`], a server's three. No I/O: any HTTP stack can carry the
//!   messages.
//! - [`error`]: the errors of building, serializing and parsing.
//! - [`primitives`]: the value types Smithy shapes map to beyond the standard library's
//!   (`Document`, big numbers, unknown enum values).
//! - [`validation`]: constraint violations with the standard AWS messages and JSON Pointer paths.
//! - `endpoint` (feature `endpoints`): endpoint resolution from a Smithy endpoint rule set,
//!   with the AWS partitions.
//! - `sigv4` (feature `sigv4`): AWS Signature Version 4 signing and credentials providers.
//! - [`idempotency`]: where unset `@idempotencyToken` members get their value (filled once, by
//!   the builder, never by serialization).
//! - `client` (feature `client`): signing, sending and retrying any operation through a
//!   transport trait; feature `hyper` adds a transport over `hyper` and `rustls`.
//!
//! Everything under `__private` is glue that only generated code calls: it is not part of the
//! public API and changes with the generator, which pins this crate's version exactly.
//!
//! Features, each enabled by a generated crate only when its model needs it:
//! `pattern-linear` (`regex-lite`) and `pattern-backtracking` (`regress`) for `@pattern`
//! constraints, `big-numbers` for lossless `bigInteger`/`bigDecimal` JSON,
//! `idempotency-token` (`uuid`) for `idempotency::RandomTokens`, the default source of
//! `@idempotencyToken` values, `content-md5` (`md-5`) for `@httpChecksumRequired` operations,
//! `request-compression` (`flate2`, pure Rust) for `@requestCompression` operations,
//! `event-stream` (`crc32fast`) for the `event_stream` message codec and the typed event
//! writers and readers of event-stream operations, and `endpoints` (`regex-lite`) for services with an endpoint rule set; and
//! `sigv4` (`hmac`, `sha2`), which a user turns on to sign requests.
#![forbid(unsafe_code)]

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "endpoints")]
pub mod endpoint;
pub mod error;
#[cfg(feature = "event-stream")]
pub mod event_stream;
pub mod idempotency;
pub mod primitives;
#[cfg(feature = "sigv4")]
pub mod sigv4;
pub mod validation;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use crate::__private::protocol::{Operation, ServerOperation};
