//! Glue that only generated code calls (not public API: it changes with the generator).
//!
//! - JSON: `json` (codecs, error paths, the server's missing-member bookkeeping), `json_object`
//!   (structures and unions as objects), `json_text` (number and timestamp text), `json_big`
//!   (lossless big numbers, feature `big-numbers`);
//! - HTTP: `protocol` (messages, routes, error codes, the errors of both directions, and what
//!   operation traits add to requests: host prefix, `Content-MD5` with feature `content-md5`,
//!   gzip with feature `request-compression`),
//!   `protocol_operation` (the generic half of every operation), `http_text` (labels, query
//!   parameters and headers as text);
//! - `pattern`: compiled `@pattern` constraints, with the engines the features enable;
//! - `protocol_test`: what the tests generated from `smithy.test` traits check (feature
//!   `protocol-test`, enabled by generated crates for their own tests only);
//! - `event_stream`: event headers and payloads of generated event-stream unions (feature
//!   `event-stream`);
//! - `endpoint_tests`: the assertions of generated endpoint tests, with feature `endpoints`.

#[cfg(feature = "endpoints")]
pub mod endpoint_tests;
#[cfg(feature = "event-stream")]
pub mod event_stream;
pub mod http_text;
pub mod json;
#[cfg(feature = "big-numbers")]
pub mod json_big;
pub mod json_object;
pub mod json_text;
pub mod pattern;
pub mod protocol;
pub mod protocol_operation;
#[cfg(feature = "protocol-test")]
pub mod protocol_test;
