//! The restJson1 JSON document form: the codecs the generated `serde` impls call, error paths,
//! and the server's "collect missing required members" mode.
//!
//! Generated `Serialize`/`Deserialize` impls stream directly (no intermediate `serde_json::Value`).
//! Each member's value goes through a *codec*, a zero-sized type that knows the protocol
//! encoding of one Rust type: timestamps as epoch seconds (or the `@timestampFormat`), blobs as
//! base64, non-finite floats as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
//!
//! Decisions written down here:
//! - `null` as a structure member's value means the member is absent.
//! - `null` inside a *dense* list or map: a client parsing a response skips the entry (as AWS
//!   SDKs do, to stay tolerant of services); a server parsing a request rejects it with an error
//!   naming its path. Sparse lists and maps keep `null` as `None` in both directions, and a
//!   dense collection never produces `null` when serialized.
//! - Errors name the JSON path (`/SegmentAttributes/key/ValueList/0: invalid type...`), in JSON
//!   Pointer form (`~` and `/` in keys escaped as `~0` and `~1`).
//! - Nesting is bounded by serde_json's recursion limit (128 nested arrays or objects): deeper
//!   documents fail with an error, never a stack overflow.
//! - `epoch-seconds` timestamps keep millisecond precision when parsed.
//! - In server mode, missing required members are reported in the order they are found: those
//!   of a nested object when that object ends, then those of the enclosing object.
//! - serde_json's recursion limit keeps nesting bounded; the generated visitors need about
//!   4 KiB of stack per level in a debug build, so 512 KiB of stack is enough (tested).
//!
//! Files: `error` (errors and paths), `server` (server mode and the nesting guard), `codec`
//! (the codec trait, wrappers and scalars), `time`, `collections`, `document`.

mod codec;
mod collections;
mod document;
mod error;
mod server;
mod time;

use serde::de;
use serde::ser;

pub use crate::__private::json_text::{
    base64_decode, base64_encode, format_date_time, format_epoch_seconds, format_http_date,
    from_epoch_seconds_f64, from_parts, parse_date_time, parse_epoch_seconds, parse_http_date,
    to_parts,
};

pub use codec::*;
pub use collections::*;
pub use error::*;
pub use server::*;
pub use time::*;

/// Parses a whole document (trailing characters are an error).
pub fn from_slice<'a, T: de::Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, JsonError> {
    serde_json::from_slice(bytes).map_err(|e| JsonError::from_serde(&e))
}

/// Parses a request body for a server: also returns the JSON Pointers of the missing required
/// members, which were filled with placeholders.
pub fn from_slice_server<'a, T: de::Deserialize<'a>>(
    bytes: &'a [u8],
) -> Result<(T, Vec<String>), JsonError> {
    let mut guard = ServerModeGuard::enter();
    let value = serde_json::from_slice(bytes).map_err(|e| JsonError::from_serde(&e))?;
    Ok((value, guard.take()))
}

/// Serializes a value.
pub fn to_vec<T: ser::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, JsonError> {
    serde_json::to_vec(value).map_err(|e| JsonError::from_serde(&e))
}
