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

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{self, SerializeMap, SerializeSeq, Serializer};

use crate::primitives::{Document, Number};

pub use crate::__private::json_text::{
    base64_decode, base64_encode, format_date_time, format_epoch_seconds, format_http_date,
    from_epoch_seconds_f64, from_parts, parse_date_time, parse_epoch_seconds, parse_http_date,
    to_parts,
};

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
    pub fn from_serde(error: &serde_json::Error) -> Self {
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
pub fn segment(name: &str) -> String {
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
pub fn at<E: de::Error>(name: &str, error: E) -> E {
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
pub fn server_mode() -> bool {
    SERVER_MODE.with(Cell::get)
}

/// How many missing members are recorded so far (0 outside server mode).
#[inline]
pub fn mark(server: bool) -> usize {
    if server {
        MISSING.with(|m| m.borrow().len())
    } else {
        0
    }
}

/// Prefixes every missing member recorded since `mark` with `/name`.
#[inline]
pub fn prefix(server: bool, mark: usize, name: &str) {
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
pub fn missing<E: de::Error, C: Codec>(name: &str) -> Result<C::Value, E> {
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
// Serialization depth (recursive types only)

thread_local! {
    static SER_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// How deeply values of recursive types may nest when serialized.
pub const MAX_SERIALIZE_NESTING: u32 = 128;

/// Counts one level of a recursive value being serialized; dropping it leaves the level.
pub struct NestGuard(());

impl Drop for NestGuard {
    fn drop(&mut self) {
        SER_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one level of a recursive value; an error past [`MAX_SERIALIZE_NESTING`], so a
/// hostile value cannot overflow the stack.
#[inline]
pub fn nest<E: ser::Error>() -> Result<NestGuard, E> {
    SER_DEPTH.with(|d| {
        let depth = d.get();
        if depth >= MAX_SERIALIZE_NESTING {
            Err(E::custom(format!(
                "a value nests deeper than {MAX_SERIALIZE_NESTING} levels"
            )))
        } else {
            d.set(depth + 1);
            Ok(NestGuard(()))
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Entry points

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

// ---------------------------------------------------------------------------------------------
// Placeholders (server mode) and codecs

/// A value standing in for a missing required member while the rest of a request is checked.
pub trait Placeholder {
    /// Whether a value of this type can hold a missing required member (so readers of
    /// collections of it must track paths in server mode).
    const MAY_MISS: bool = false;
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
pub trait Codec {
    /// The Rust type.
    type Value;
    /// Whether values can hold a missing required member (see [`Placeholder::MAY_MISS`]).
    const MAY_MISS: bool = false;
    /// Writes a value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value (`null` is not accepted here; see [`Nullable`]).
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
    /// The stand-in for a missing required value.
    fn placeholder() -> Self::Value;
}

/// `Serialize` for a value through codec `C`.
pub struct Ser<'a, C: Codec>(&'a C::Value, PhantomData<C>);

/// Wraps a value to serialize it through codec `C`.
#[inline]
pub fn ser<C: Codec>(value: &C::Value) -> Ser<'_, C> {
    Ser(value, PhantomData)
}

impl<C: Codec> ser::Serialize for Ser<'_, C> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// `DeserializeSeed` reading a value through codec `C`.
pub struct De<C>(PhantomData<C>);

/// The seed for codec `C`.
#[inline]
pub fn de<C>() -> De<C> {
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
pub struct Nullable<C>(PhantomData<C>);

impl<C: Codec> Codec for Nullable<C> {
    type Value = Option<C::Value>;
    const MAY_MISS: bool = C::MAY_MISS;
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
pub struct Plain<T>(PhantomData<T>);

impl<T> Codec for Plain<T>
where
    T: ser::Serialize + for<'de> de::Deserialize<'de> + Placeholder,
{
    type Value = T;
    const MAY_MISS: bool = T::MAY_MISS;
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
pub struct Payload<C: Codec>(pub C::Value);

impl<'de, C: Codec> Deserialize<'de> for Payload<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::deserialize(deserializer).map(Payload)
    }
}

/// A boxed value (a member that breaks a recursion).
pub struct Boxed<C>(PhantomData<C>);

impl<C: Codec> Codec for Boxed<C> {
    type Value = Box<C::Value>;
    const MAY_MISS: bool = C::MAY_MISS;
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

/// A `@sensitive` value (or a collection holding one), read and written through `C`. A read
/// error does not quote the value, as serde's messages do (``invalid type: integer `42` ``):
/// it names only the member (its path is added around it) and its position.
pub struct Redact<C>(PhantomData<C>);

impl<C: Codec> Codec for Redact<C> {
    type Value = C::Value;
    const MAY_MISS: bool = C::MAY_MISS;
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(value, serializer)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        C::deserialize(deserializer).map_err(|_| {
            D::Error::custom("invalid value for a sensitive member (details redacted)")
        })
    }
    fn placeholder() -> Self::Value {
        C::placeholder()
    }
}

macro_rules! float_codec {
    ($name:ident, $t:ty, $ser:ident, $doc:literal) => {
        #[doc = $doc]
        pub struct $name;

        impl Codec for $name {
            type Value = $t;
            fn serialize<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_infinite() {
                    serializer.serialize_str(if *value > 0.0 {
                        "Infinity"
                    } else {
                        "-Infinity"
                    })
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
float_codec!(
    F32,
    f32,
    serialize_f32,
    "`float`: a number, or a string for NaN and the infinities."
);
float_codec!(
    F64,
    f64,
    serialize_f64,
    "`double`: a number, or a string for NaN and the infinities."
);

/// `blob`: a base64 string.
pub struct Blob;

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
pub struct Unit;

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
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(())
            }
        }
        deserializer.deserialize_map(V)
    }
    fn placeholder() {}
}

/// Any JSON value, read and dropped: what unknown members deserialize into. Unlike
/// `serde::de::IgnoredAny`, which serde_json skips without decoding, every string is checked
/// for UTF-8 and escapes (`"\ud800"` is an error) and every number for range (`1e400` is an
/// error), so this crate accepts exactly the documents `serde_json::Value` accepts (a gap found
/// by the `json_differential` fuzz target). Nesting counts against serde_json's recursion limit
/// like any other value, so a deep unknown member is an error too, not a stack overflow.
pub struct Skip;

impl<'de> de::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Skip, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Skip, D::Error> {
        Skip::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// The error for a union object without exactly one member set.
#[cold]
pub fn union_count_message(union: &str, count: usize) -> String {
    format!("a `{union}` union must have exactly one member set, found {count}")
}

/// `document`: any JSON value.
pub type Doc = Plain<Document>;

macro_rules! timestamp_codec {
    ($name:ident, $doc:literal, $ser:expr, $de:ident, $expect:literal) => {
        #[doc = $doc]
        pub struct $name;

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
    let (secs, nanos) =
        to_parts(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    if nanos == 0 {
        serializer.serialize_i64(secs)
    } else {
        serializer.serialize_f64(secs as f64 + f64::from(nanos) / 1e9)
    }
}

fn ser_date_time<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text =
        format_date_time(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    serializer.serialize_str(&text)
}

fn ser_http_date<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text =
        format_http_date(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
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
pub struct List<C>(PhantomData<C>);

/// A `@sparse` list: `null` items are `None`.
pub struct SparseList<C>(PhantomData<C>);

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
        let server = C::MAY_MISS && server_mode();
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
                None if null && server_mode() => {
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
    const MAY_MISS: bool = C::MAY_MISS;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(value.iter(), serializer, |v, seq| {
            seq.serialize_element(&ser::<C>(v))
        })
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
    const MAY_MISS: bool = C::MAY_MISS;
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
pub struct Map<C>(PhantomData<C>);

/// A `@sparse` map: `null` values are `None`.
pub struct SparseMap<C>(PhantomData<C>);

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
        let server = C::MAY_MISS && server_mode();
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
                None if null && server_mode() => {
                    return Err(at(
                        &key,
                        A::Error::custom("null is not allowed in a dense map"),
                    ));
                }
                None => {}
            }
        }
        Ok(entries)
    }
}

impl<C: Codec> Codec for Map<C> {
    type Value = BTreeMap<String, C::Value>;
    const MAY_MISS: bool = C::MAY_MISS;
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
    const MAY_MISS: bool = C::MAY_MISS;
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
