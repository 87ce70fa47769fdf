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
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq, Serializer};

use crate::primitives::{Document, Number};

// ---------------------------------------------------------------------------------------------
// Errors with paths

/// A JSON document that could not be read as the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl JsonError {
    pub(crate) fn from_serde(error: &serde_json::Error) -> Self {
        let text = strip_position(&error.to_string());
        let (path, message) = split_path(&text);
        JsonError {
            path,
            message,
            line: error.line(),
            column: error.column(),
        }
    }

    /// The JSON Pointer of the offending value (`/ParticipantDetails/DisplayName`); empty for
    /// the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path or position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line of the problem (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the problem (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if self.line != 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonError {}

/// Removes serde_json's ` at line N column M` suffix.
fn strip_position(text: &str) -> String {
    if let Some(i) = text.rfind(" at line ") {
        let rest = &text[i + " at line ".len()..];
        let mut parts = rest.split(' ');
        let ok = matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some(l), Some("column"), Some(c), None)
                if l.bytes().all(|b| b.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_digit())
        );
        if ok {
            return text[..i].to_owned();
        }
    }
    text.to_owned()
}

fn split_path(text: &str) -> (String, String) {
    if text.starts_with('/')
        && let Some(i) = text.find(": ")
    {
        return (text[..i].to_owned(), text[i + 2..].to_owned());
    }
    (String::new(), text.to_owned())
}

/// A JSON Pointer segment: `~` becomes `~0` and `/` becomes `~1`.
pub(crate) fn segment(name: &str) -> String {
    if name.contains(['~', '/']) {
        name.replace('~', "~0").replace('/', "~1")
    } else {
        name.to_owned()
    }
}

fn prefixed(segment: &str, inner: &str) -> String {
    let inner = strip_position(inner);
    if inner.starts_with('/') {
        format!("/{segment}{inner}")
    } else {
        format!("/{segment}: {inner}")
    }
}

/// Puts `name` (a member or key) in front of the path of an error from inside its value.
#[cold]
pub(crate) fn at<E: de::Error>(name: &str, error: E) -> E {
    E::custom(prefixed(&segment(name), &error.to_string()))
}

/// Puts a list index in front of the path of an error from inside an item.
#[cold]
fn at_index<E: de::Error>(index: usize, error: E) -> E {
    E::custom(prefixed(&index.to_string(), &error.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Server mode: missing required members are collected, not fatal

thread_local! {
    static SERVER_MODE: Cell<bool> = const { Cell::new(false) };
    static MISSING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether this thread is parsing a request for a server (see the module docs).
#[inline]
pub(crate) fn server_mode() -> bool {
    SERVER_MODE.with(Cell::get)
}

/// How many missing members are recorded so far (0 outside server mode).
#[inline]
pub(crate) fn mark(server: bool) -> usize {
    if server {
        MISSING.with(|m| m.borrow().len())
    } else {
        0
    }
}

/// Prefixes every missing member recorded since `mark` with `/name`.
#[inline]
pub(crate) fn prefix(server: bool, mark: usize, name: &str) {
    if server {
        prefix_segment(mark, &segment(name));
    }
}

fn prefix_segment(mark: usize, segment: &str) {
    MISSING.with(|m| {
        for path in m.borrow_mut().iter_mut().skip(mark) {
            path.insert_str(0, &format!("/{segment}"));
        }
    });
}

/// A required member is absent: an error, or in server mode a recorded path and a placeholder.
#[cold]
pub(crate) fn missing<E: de::Error, C: Codec>(name: &str) -> Result<C::Value, E> {
    if server_mode() {
        MISSING.with(|m| m.borrow_mut().push(format!("/{}", segment(name))));
        Ok(C::placeholder())
    } else {
        Err(E::custom(format!(
            "/{}: missing required member `{name}`",
            segment(name)
        )))
    }
}

struct ServerModeGuard {
    was: bool,
    saved: Vec<String>,
}

impl ServerModeGuard {
    fn enter() -> Self {
        let was = SERVER_MODE.with(|s| s.replace(true));
        let saved = MISSING.with(|m| std::mem::take(&mut *m.borrow_mut()));
        ServerModeGuard { was, saved }
    }

    fn take(&mut self) -> Vec<String> {
        MISSING.with(|m| std::mem::take(&mut *m.borrow_mut()))
    }
}

impl Drop for ServerModeGuard {
    fn drop(&mut self) {
        SERVER_MODE.with(|s| s.set(self.was));
        let saved = std::mem::take(&mut self.saved);
        MISSING.with(|m| *m.borrow_mut() = saved);
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points

/// Parses a whole document (trailing characters are an error).
pub(crate) fn from_slice<'a, T: de::Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, JsonError> {
    serde_json::from_slice(bytes).map_err(|e| JsonError::from_serde(&e))
}

/// Parses a request body for a server: also returns the JSON Pointers of the missing required
/// members, which were filled with placeholders.
pub(crate) fn from_slice_server<'a, T: de::Deserialize<'a>>(
    bytes: &'a [u8],
) -> Result<(T, Vec<String>), JsonError> {
    let mut guard = ServerModeGuard::enter();
    let value = serde_json::from_slice(bytes).map_err(|e| JsonError::from_serde(&e))?;
    Ok((value, guard.take()))
}

/// Serializes a value.
pub(crate) fn to_vec<T: ser::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, JsonError> {
    serde_json::to_vec(value).map_err(|e| JsonError::from_serde(&e))
}

// ---------------------------------------------------------------------------------------------
// Placeholders (server mode) and codecs

/// A value standing in for a missing required member while the rest of a request is checked.
pub(crate) trait Placeholder {
    /// The placeholder value.
    fn placeholder() -> Self;
}

macro_rules! placeholder_default {
    ($($t:ty),*) => { $(impl Placeholder for $t { fn placeholder() -> Self { <$t>::default() } })* };
}
placeholder_default!(bool, i8, i16, i32, i64, f32, f64, String);

impl<T> Placeholder for Vec<T> {
    fn placeholder() -> Self {
        Vec::new()
    }
}

impl<V> Placeholder for BTreeMap<String, V> {
    fn placeholder() -> Self {
        BTreeMap::new()
    }
}

impl<T: Placeholder> Placeholder for Box<T> {
    fn placeholder() -> Self {
        Box::new(T::placeholder())
    }
}

impl Placeholder for SystemTime {
    fn placeholder() -> Self {
        UNIX_EPOCH
    }
}

impl Placeholder for Document {
    fn placeholder() -> Self {
        Document::Null
    }
}

/// How one Rust type is written in a JSON document.
pub(crate) trait Codec {
    /// The Rust type.
    type Value;
    /// Writes a value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value (`null` is not accepted here; see [`Nullable`]).
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
    /// The stand-in for a missing required value.
    fn placeholder() -> Self::Value;
}

/// `Serialize` for a value through codec `C`.
pub(crate) struct Ser<'a, C: Codec>(&'a C::Value, PhantomData<C>);

/// Wraps a value to serialize it through codec `C`.
#[inline]
pub(crate) fn ser<C: Codec>(value: &C::Value) -> Ser<'_, C> {
    Ser(value, PhantomData)
}

impl<C: Codec> ser::Serialize for Ser<'_, C> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// `DeserializeSeed` reading a value through codec `C`.
pub(crate) struct De<C>(PhantomData<C>);

/// The seed for codec `C`.
#[inline]
pub(crate) fn de<C>() -> De<C> {
    De(PhantomData)
}

impl<'de, C: Codec> DeserializeSeed<'de> for De<C> {
    type Value = C::Value;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<C::Value, D::Error> {
        C::deserialize(deserializer)
    }
}

/// A structure member's value: `null` reads as `None` (absent).
pub(crate) struct Nullable<C>(PhantomData<C>);

impl<C: Codec> Codec for Nullable<C> {
    type Value = Option<C::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => C::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        struct V<C>(PhantomData<C>);
        impl<'de, C: Codec> Visitor<'de> for V<C> {
            type Value = Option<C::Value>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            #[inline]
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                C::deserialize(d).map(Some)
            }
        }
        deserializer.deserialize_option(V::<C>(PhantomData))
    }
    fn placeholder() -> Self::Value {
        None
    }
}

/// Types whose own `Serialize`/`Deserialize` is their JSON form: strings, booleans, integers,
/// enums, and the generated structures and unions.
pub(crate) struct Plain<T>(PhantomData<T>);

impl<T> Codec for Plain<T>
where
    T: ser::Serialize + for<'de> de::Deserialize<'de> + Placeholder,
{
    type Value = T;
    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
    fn placeholder() -> T {
        T::placeholder()
    }
}

/// A whole document (an `@httpPayload`) read through codec `C`.
pub(crate) struct Payload<C: Codec>(pub C::Value);

impl<'de, C: Codec> Deserialize<'de> for Payload<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::deserialize(deserializer).map(Payload)
    }
}

/// A boxed value (a member that breaks a recursion).
pub(crate) struct Boxed<C>(PhantomData<C>);

impl<C: Codec> Codec for Boxed<C> {
    type Value = Box<C::Value>;
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(value, serializer)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        C::deserialize(deserializer).map(Box::new)
    }
    fn placeholder() -> Self::Value {
        Box::new(C::placeholder())
    }
}

macro_rules! float_codec {
    ($name:ident, $t:ty, $ser:ident, $doc:literal) => {
        #[doc = $doc]
        pub(crate) struct $name;

        impl Codec for $name {
            type Value = $t;
            fn serialize<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_infinite() {
                    serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    serializer.$ser(*value)
                }
            }
            fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                        match v {
                            "NaN" => Ok(<$t>::NAN),
                            "Infinity" => Ok(<$t>::INFINITY),
                            "-Infinity" => Ok(<$t>::NEG_INFINITY),
                            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                deserializer.deserialize_any(V)
            }
            fn placeholder() -> $t {
                0.0
            }
        }
    };
}
float_codec!(F32, f32, serialize_f32, "`float`: a number, or a string for NaN and the infinities.");
float_codec!(F64, f64, serialize_f64, "`double`: a number, or a string for NaN and the infinities.");

/// `blob`: a base64 string.
pub(crate) struct Blob;

impl Codec for Blob {
    type Value = Vec<u8>;
    fn serialize<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(value))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
                base64_decode(v).ok_or_else(|| E::custom("invalid base64"))
            }
        }
        deserializer.deserialize_str(V)
    }
    fn placeholder() -> Vec<u8> {
        Vec::new()
    }
}

/// A union member targeting `smithy.api#Unit`: an empty object.
pub(crate) struct Unit;

impl Codec for Unit {
    type Value = ();
    fn serialize<S: Serializer>(_: &(), serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(())
            }
        }
        deserializer.deserialize_map(V)
    }
    fn placeholder() {}
}

/// The error for a union object without exactly one member set.
#[cold]
pub(crate) fn union_count_message(union: &str, count: usize) -> String {
    format!("a `{union}` union must have exactly one member set, found {count}")
}

/// `document`: any JSON value.
pub(crate) type Doc = Plain<Document>;

macro_rules! timestamp_codec {
    ($name:ident, $doc:literal, $ser:expr, $de:ident, $expect:literal) => {
        #[doc = $doc]
        pub(crate) struct $name;

        impl Codec for $name {
            type Value = SystemTime;
            fn serialize<S: Serializer>(
                value: &SystemTime,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                #[allow(clippy::redundant_closure_call)]
                ($ser)(value, serializer)
            }
            fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<SystemTime, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = SystemTime;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expect)
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SystemTime, E> {
                        from_epoch_seconds_f64(v).ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SystemTime, E> {
                        i64::try_from(v)
                            .ok()
                            .and_then(|s| from_parts(s, 0))
                            .ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SystemTime, E> {
                        from_parts(v, 0).ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<SystemTime, E> {
                        $de(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
                    }
                }
                deserializer.deserialize_any(V)
            }
            fn placeholder() -> SystemTime {
                UNIX_EPOCH
            }
        }
    };
}

fn no_text(_: &str) -> Option<SystemTime> {
    None
}

fn ser_epoch<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let (secs, nanos) = to_parts(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    if nanos == 0 {
        serializer.serialize_i64(secs)
    } else {
        serializer.serialize_f64(secs as f64 + f64::from(nanos) / 1e9)
    }
}

fn ser_date_time<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text = format_date_time(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    serializer.serialize_str(&text)
}

fn ser_http_date<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text = format_http_date(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    serializer.serialize_str(&text)
}

timestamp_codec!(
    EpochSeconds,
    "`epoch-seconds` timestamps (the JSON default): a number with an optional fraction.",
    ser_epoch,
    no_text,
    "epoch seconds"
);
timestamp_codec!(
    DateTime,
    "`date-time` timestamps: RFC 3339 strings.",
    ser_date_time,
    parse_date_time,
    "an RFC 3339 date-time string"
);
timestamp_codec!(
    HttpDate,
    "`http-date` timestamps: IMF-fixdate strings.",
    ser_http_date,
    parse_http_date,
    "an HTTP date string"
);

/// A dense list: `null` items are skipped by a client and rejected by a server.
pub(crate) struct List<C>(PhantomData<C>);

/// A `@sparse` list: `null` items are `None`.
pub(crate) struct SparseList<C>(PhantomData<C>);

fn serialize_seq<'a, T: 'a, S: Serializer>(
    items: impl ExactSizeIterator<Item = &'a T>,
    serializer: S,
    mut item: impl FnMut(&'a T, &mut S::SerializeSeq) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(items.len()))?;
    for value in items {
        item(value, &mut seq)?;
    }
    seq.end()
}

/// Reads an array; `keep` decides what a `null` item becomes (see the module docs).
struct ListVisitor<C, T, F>(F, PhantomData<(C, T)>);

impl<'de, C, T, F> Visitor<'de> for ListVisitor<C, T, F>
where
    C: Codec,
    F: Fn(Option<C::Value>) -> Option<T>,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let server = server_mode();
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut index = 0;
        loop {
            let mark = mark(server);
            let item = seq
                .next_element_seed(de::<Nullable<C>>())
                .map_err(|e| at_index(index, e))?;
            let Some(value) = item else {
                break;
            };
            if server {
                prefix_segment(mark, &index.to_string());
            }
            let null = value.is_none();
            match (self.0)(value) {
                Some(kept) => items.push(kept),
                None if null && server => {
                    return Err(at_index(
                        index,
                        A::Error::custom("null is not allowed in a dense list"),
                    ));
                }
                None => {}
            }
            index += 1;
        }
        Ok(items)
    }
}

impl<C: Codec> Codec for List<C> {
    type Value = Vec<C::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(value.iter(), serializer, |v, seq| seq.serialize_element(&ser::<C>(v)))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(ListVisitor::<C, C::Value, _>(|v| v, PhantomData))
    }
    fn placeholder() -> Self::Value {
        Vec::new()
    }
}

impl<C: Codec> Codec for SparseList<C> {
    type Value = Vec<Option<C::Value>>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(value.iter(), serializer, |v, seq| {
            seq.serialize_element(&ser::<Nullable<C>>(v))
        })
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(ListVisitor::<C, Option<C::Value>, _>(Some, PhantomData))
    }
    fn placeholder() -> Self::Value {
        Vec::new()
    }
}

/// A dense map: `null` values are skipped by a client and rejected by a server.
pub(crate) struct Map<C>(PhantomData<C>);

/// A `@sparse` map: `null` values are `None`.
pub(crate) struct SparseMap<C>(PhantomData<C>);

/// Reads an object; `keep` decides what a `null` value becomes (see the module docs).
struct MapVisitor<C, T, F>(F, PhantomData<(C, T)>);

impl<'de, C, T, F> Visitor<'de> for MapVisitor<C, T, F>
where
    C: Codec,
    F: Fn(Option<C::Value>) -> Option<T>,
{
    type Value = BTreeMap<String, T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let server = server_mode();
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let mark = mark(server);
            let value = map
                .next_value_seed(de::<Nullable<C>>())
                .map_err(|e| at(&key, e))?;
            prefix(server, mark, &key);
            let null = value.is_none();
            match (self.0)(value) {
                Some(kept) => {
                    entries.insert(key, kept);
                }
                None if null && server => {
                    return Err(at(&key, A::Error::custom("null is not allowed in a dense map")));
                }
                None => {}
            }
        }
        Ok(entries)
    }
}

impl<C: Codec> Codec for Map<C> {
    type Value = BTreeMap<String, C::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &ser::<C>(v))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(MapVisitor::<C, C::Value, _>(|v| v, PhantomData))
    }
    fn placeholder() -> Self::Value {
        BTreeMap::new()
    }
}

impl<C: Codec> Codec for SparseMap<C> {
    type Value = BTreeMap<String, Option<C::Value>>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &ser::<Nullable<C>>(v))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(MapVisitor::<C, Option<C::Value>, _>(Some, PhantomData))
    }
    fn placeholder() -> Self::Value {
        BTreeMap::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Documents

impl ser::Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(b) => serializer.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => serializer.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => serializer.serialize_i64(*n),
            Document::Number(Number::Float(n)) => serializer.serialize_f64(*n),
            Document::String(s) => serializer.serialize_str(s),
            Document::Array(items) => {
                serialize_seq(items.iter(), serializer, |v, seq| seq.serialize_element(v))
            }
            Document::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
                Document::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
                Ok(Document::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
                Ok(Document::Number(Number::PosInt(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
                Ok(Document::Number(if v < 0 {
                    Number::NegInt(v)
                } else {
                    Number::PosInt(v.unsigned_abs())
                }))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
                Ok(Document::Number(Number::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
                Ok(Document::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Document, E> {
                Ok(Document::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq
                    .next_element::<Document>()
                    .map_err(|e| at_index(items.len(), e))?
                {
                    items.push(item);
                }
                Ok(Document::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                let mut entries = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<Document>().map_err(|e| at(&key, e))?;
                    entries.insert(key, value);
                }
                Ok(Document::Object(entries))
            }
        }
        deserializer.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------------
// Time

/// Whole seconds (floored) and nanoseconds since the Unix epoch.
pub(crate) fn to_parts(time: SystemTime) -> Option<(i64, u32)> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos())),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).ok()?;
            if d.subsec_nanos() == 0 {
                Some((-secs, 0))
            } else {
                Some((-secs - 1, 1_000_000_000 - d.subsec_nanos()))
            }
        }
    }
}

/// The time `secs` seconds (floored) plus `nanos` after the epoch.
pub(crate) fn from_parts(secs: i64, nanos: u32) -> Option<SystemTime> {
    let base = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))?
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))?
    };
    base.checked_add(Duration::from_nanos(u64::from(nanos)))
}

/// Epoch seconds with a fraction, kept to the millisecond.
pub(crate) fn from_epoch_seconds_f64(value: f64) -> Option<SystemTime> {
    if !value.is_finite() || value.abs() > 1e15 {
        return None;
    }
    let millis = (value * 1000.0).round() as i64;
    from_parts(millis.div_euclid(1000), (millis.rem_euclid(1000) as u32) * 1_000_000)
}

/// Epoch seconds text (`1515531081.123`), as headers and query strings write it.
pub(crate) fn format_epoch_seconds(time: SystemTime) -> Option<String> {
    let (secs, nanos) = to_parts(time)?;
    if nanos == 0 {
        return Some(secs.to_string());
    }
    let mut text = format!("{secs}.{nanos:09}");
    while text.ends_with('0') {
        text.pop();
    }
    Some(text)
}

/// Parses epoch seconds text.
pub(crate) fn parse_epoch_seconds(text: &str) -> Option<SystemTime> {
    let ok = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'e' || b == b'E' || b == b'+');
    if !ok {
        return None;
    }
    from_epoch_seconds_f64(text.parse().ok()?)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    weekday: usize,
}

fn civil(time: SystemTime) -> Option<Civil> {
    let (secs, nanos) = to_parts(time)?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        nanos,
        weekday: (days + 4).rem_euclid(7) as usize,
    })
}

fn from_civil(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> Option<SystemTime> {
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + i64::from(h * 3600 + mi * 60 + s.min(59));
    from_parts(secs, nanos)
}

/// RFC 3339 in UTC: `2019-12-16T23:48:18Z`, with a fraction only when there is one.
pub(crate) fn format_date_time(time: SystemTime) -> Option<String> {
    let c = civil(time)?;
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    if c.nanos != 0 {
        let mut fraction = format!(".{:09}", c.nanos);
        while fraction.ends_with('0') {
            fraction.pop();
        }
        text.push_str(&fraction);
    }
    text.push('Z');
    Some(text)
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A fraction's digits as nanoseconds (at most 9 digits are kept).
fn fraction_nanos(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos = 0u32;
    for (i, b) in text.bytes().take(9).enumerate() {
        nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
    }
    Some(nanos)
}

/// Parses RFC 3339 (`2019-12-16T23:48:18.52Z`, `...+01:00`).
pub(crate) fn parse_date_time(text: &str) -> Option<SystemTime> {
    if !text.is_ascii() || text.len() < 20 {
        return None;
    }
    let b = text.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let year = i64::from(digits(&text[0..4])?);
    let (month, day) = (digits(&text[5..7])?, digits(&text[8..10])?);
    let (hour, minute, second) = (digits(&text[11..13])?, digits(&text[14..16])?, digits(&text[17..19])?);
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(after) = rest.strip_prefix('.') {
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        nanos = fraction_nanos(&after[..end])?;
        rest = &after[end..];
    }
    let offset: i64 = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * i64::from(h * 3600 + m * 60)
        }
        _ => return None,
    };
    let local = from_civil(year, month, day, hour, minute, second, nanos)?;
    let (secs, nanos) = to_parts(local)?;
    from_parts(secs - offset, nanos)
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`), with milliseconds when there are any.
pub(crate) fn format_http_date(time: SystemTime) -> Option<String> {
    let c = civil(time)?;
    let month = MONTHS.get(c.month as usize - 1)?;
    let mut text = format!(
        "{}, {:02} {month} {:04} {:02}:{:02}:{:02}",
        WEEKDAYS[c.weekday], c.day, c.year, c.hour, c.minute, c.second
    );
    let millis = c.nanos / 1_000_000;
    if millis != 0 {
        text.push_str(&format!(".{millis:03}"));
    }
    text.push_str(" GMT");
    Some(text)
}

/// Parses IMF-fixdate, with an optional fraction of a second.
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    let rest = text.get(5..)?;
    if !text.is_ascii() || !WEEKDAYS.contains(&&text[..3]) || &text[3..5] != ", " {
        return None;
    }
    let mut parts = rest.split(' ');
    let day = digits(parts.next().filter(|d| d.len() == 2)?)?;
    let month_text = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_text)? as u32 + 1;
    let year = i64::from(digits(parts.next().filter(|y| y.len() == 4)?)?);
    let clock = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let (clock, nanos) = match clock.split_once('.') {
        Some((c, f)) => (c, fraction_nanos(f)?),
        None => (clock, 0),
    };
    let mut hms = clock.split(':');
    let mut field = || hms.next().filter(|p| p.len() == 2).and_then(digits);
    let (hour, minute, second) = (field()?, field()?, field()?);
    if hms.next().is_some() {
        return None;
    }
    from_civil(year, month, day, hour, minute, second, nanos)
}

// ---------------------------------------------------------------------------------------------
// Base64 (standard alphabet, padded)

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; padding is required, whitespace is not accepted.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.len() / 4;
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != chunks) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for (raw, text) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg==")] {
            assert_eq!(base64_encode(raw.as_bytes()), text);
            assert_eq!(base64_decode(text).unwrap(), raw.as_bytes());
        }
        assert_eq!(base64_decode("Zg="), None);
        assert_eq!(base64_decode("Z=g="), None);
    }
}
