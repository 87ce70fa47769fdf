//! Structures and unions as JSON objects: the generic halves of their generated `Serialize` and
//! `Deserialize` impls. A generated impl only lists its members (wire names, codecs, which are
//! required); reading keys, skipping unknown members, error paths, the server's bookkeeping of
//! missing required members and the "exactly one member" rule of unions are written once, here.
//!
//! Member keys are matched against the wire names exactly (case-sensitive); unknown members are
//! read in full and dropped (see [`crate::__private::json::Skip`]); a member whose value is `null` is
//! absent; a key given twice keeps its last value.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeStruct, Serializer};

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::__private::json::{
    Blob, Boxed, Codec, EpochSeconds, F32, F64, List, Map, Nullable, Plain, ReadCodec, Skip, Unit,
    WriteCodec, at, de, mark, missing, prefix, ser, server_mode,
};
use crate::primitives::Document;

// ---------------------------------------------------------------------------------------------
// Default codecs

/// The codec of a Rust type when its member has no encoding of its own (no `@timestampFormat`,
/// not `@sensitive`, not `@sparse`): what lets generated code leave codecs to type inference
/// (`member(map, "Name")`), naming one only where the model asks for another
/// (`member_with::<crate::__private::json::DateTime, _>(map, "Name")`).
pub trait Json: Sized {
    /// The codec.
    type Codec: Codec<Value = Self>;
}

macro_rules! json_plain {
    ($($t:ty),*) => { $(impl Json for $t { type Codec = Plain<$t>; })* };
}
json_plain!(bool, i8, i16, i32, i64, String, Document);

impl Json for () {
    type Codec = Unit;
}

impl Json for f32 {
    type Codec = F32;
}

impl Json for f64 {
    type Codec = F64;
}

impl Json for Vec<u8> {
    type Codec = Blob;
}

impl Json for SystemTime {
    type Codec = EpochSeconds;
}

impl<T: Json> Json for Vec<T> {
    type Codec = List<T::Codec>;
}

impl<T: Json> Json for BTreeMap<String, T> {
    type Codec = Map<T::Codec>;
}

impl<T: Json> Json for Box<T> {
    type Codec = Boxed<T::Codec>;
}

/// The placeholder of a type's default codec (see [`crate::__private::json::Placeholder`]).
#[inline]
pub fn placeholder<T: Json>() -> T
where
    T::Codec: ReadCodec,
{
    T::Codec::placeholder()
}

// ---------------------------------------------------------------------------------------------
// Structures

/// A structure read from a JSON object, member by member.
pub trait ReadObject: Sized {
    /// The index of the member with this wire name (model order), `None` for an unknown one;
    /// a `match` on literals, which the compiler turns into a few integer comparisons.
    fn member_index(name: &str) -> Option<usize>;
    /// What the reader expects, for error messages (``a `ChatMessage` object``).
    const EXPECTING: &'static str;
    /// The members read so far, every one optional.
    type Partial: Default;
    /// Reads the value of member `index` (see [`Self::member_index`]) into `partial`.
    fn read_member<'de, A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// The value, once the object has ended: a missing required member is an error (in server
    /// mode it is recorded and a placeholder stands in; see [`required_with`]).
    fn finish<E: de::Error>(partial: Self::Partial) -> Result<Self, E>;
}

/// Reads a structure from a JSON object.
#[inline]
pub fn read_object<'de, T: ReadObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor::<T>(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: ReadObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut partial = T::Partial::default();
        while let Some(key) = map.next_key_seed(Key(T::member_index))? {
            match key {
                Some(index) => T::read_member(&mut partial, index, &mut map)?,
                None => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        T::finish(partial)
    }
}

/// Reads a member's value through codec `C`: `null` is `None` (absent). Errors inside the value
/// get the member's name in front of their path, and so do, in server mode, the missing
/// required members found inside it.
#[inline]
pub fn member_with<'de, C: ReadCodec, A: MapAccess<'de>>(
    map: &mut A,
    name: &str,
) -> Result<Option<C::Value>, A::Error> {
    if C::MAY_MISS {
        let server = server_mode();
        let mark = mark(server);
        let value = map
            .next_value_seed(de::<Nullable<C>>())
            .map_err(|e| at(name, e))?;
        prefix(server, mark, name);
        Ok(value)
    } else {
        map.next_value_seed(de::<Nullable<C>>())
            .map_err(|e| at(name, e))
    }
}

/// A required member's value: an error when it is absent, or in server mode a recorded path
/// and a placeholder.
#[inline]
pub fn required_with<C: ReadCodec, E: de::Error>(
    value: Option<C::Value>,
    name: &str,
) -> Result<C::Value, E> {
    match value {
        Some(value) => Ok(value),
        None => missing::<E, C>(name),
    }
}

/// Writes a member through codec `C`.
#[inline]
pub fn write_with<C: WriteCodec, S: SerializeStruct>(
    state: &mut S,
    name: &'static str,
    value: &C::Value,
) -> Result<(), S::Error> {
    state.serialize_field(name, &ser::<C>(value))
}

/// Writes an optional member through codec `C`; an absent one is left out (never `null`).
#[inline]
pub fn write_optional_with<C: WriteCodec, S: SerializeStruct>(
    state: &mut S,
    name: &'static str,
    value: &Option<C::Value>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => state.serialize_field(name, &ser::<C>(value)),
        None => state.skip_field(name),
    }
}

/// [`member_with`] the default codec of `T`.
#[inline]
pub fn member<'de, T: Json, A: MapAccess<'de>>(
    map: &mut A,
    name: &str,
) -> Result<Option<T>, A::Error>
where
    T::Codec: ReadCodec,
{
    member_with::<T::Codec, A>(map, name)
}

/// [`required_with`] the default codec of `T`.
#[inline]
pub fn required<T: Json, E: de::Error>(value: Option<T>, name: &str) -> Result<T, E>
where
    T::Codec: ReadCodec,
{
    required_with::<T::Codec, E>(value, name)
}

/// [`write_with`] the default codec of `T`.
#[inline]
pub fn write<T: Json, S: SerializeStruct>(
    state: &mut S,
    name: &'static str,
    value: &T,
) -> Result<(), S::Error>
where
    T::Codec: WriteCodec,
{
    write_with::<T::Codec, S>(state, name, value)
}

/// [`write_optional_with`] the default codec of `T`.
#[inline]
pub fn write_optional<T: Json, S: SerializeStruct>(
    state: &mut S,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error>
where
    T::Codec: WriteCodec,
{
    write_optional_with::<T::Codec, S>(state, name, value)
}

// ---------------------------------------------------------------------------------------------
// Unions

/// A union read from a JSON object with exactly one member set. `__type` (which some services
/// add) is ignored; a set member this crate does not know reads as the union's unknown variant.
pub trait ReadUnion: Sized {
    /// The index of the member with this wire name (model order), `None` for an unknown one.
    fn member_index(name: &str) -> Option<usize>;
    /// The union's shape name, for error messages.
    const NAME: &'static str;
    /// What the reader expects, for error messages.
    const EXPECTING: &'static str;
    /// Reads the value of member `index`: `None` when it is `null` (not set).
    fn read_variant<'de, A: MapAccess<'de>>(
        index: usize,
        map: &mut A,
    ) -> Result<Option<Self>, A::Error>;
    /// The value of a set member this crate does not know.
    fn unknown() -> Self;
}

/// Reads a union from a JSON object.
#[inline]
pub fn read_union<'de, T: ReadUnion, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(UnionVisitor::<T>(PhantomData))
}

struct UnionVisitor<T>(PhantomData<T>);

impl<'de, T: ReadUnion> Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut found = None;
        let mut count = 0usize;
        while let Some(key) = map.next_key_seed(UnionKey(T::member_index))? {
            let value = match key {
                UnionMember::Known(index) => T::read_variant(index, &mut map)?,
                UnionMember::Type => {
                    map.next_value::<Skip>()?;
                    None
                }
                // A server implements the model: a member it does not know is malformed.
                UnionMember::Unknown if crate::__private::json::server_mode() => {
                    return Err(de::Error::custom(format!(
                        "`{}` has no member named like this one",
                        T::NAME
                    )));
                }
                UnionMember::Unknown => map.next_value::<Option<Skip>>()?.map(|_| T::unknown()),
            };
            if value.is_some() {
                count += 1;
                found = value;
            }
        }
        match (found, count) {
            (Some(value), 1) => Ok(value),
            (_, count) => Err(de::Error::custom(
                crate::__private::json::union_count_message(T::NAME, count),
            )),
        }
    }
}

/// Writes a union as an object with its one member, through codec `C`.
#[inline]
pub fn write_union_with<C: WriteCodec, S: Serializer>(
    serializer: S,
    name: &'static str,
    value: &C::Value,
) -> Result<S::Ok, S::Error> {
    let mut state = serializer.serialize_map(Some(1))?;
    state.serialize_entry(name, &ser::<C>(value))?;
    state.end()
}

/// [`write_union_with`] the default codec of `T`.
#[inline]
pub fn write_union<T: Json, S: Serializer>(
    serializer: S,
    name: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error>
where
    T::Codec: WriteCodec,
{
    write_union_with::<T::Codec, S>(serializer, name, value)
}

/// The error for the unknown variant of a union, which has no wire form.
#[cold]
pub fn write_unknown<S: Serializer>(union: &str) -> Result<S::Ok, S::Error> {
    Err(ser::Error::custom(format!(
        "cannot serialize the unknown member of union `{union}`"
    )))
}

// ---------------------------------------------------------------------------------------------
// Member keys

/// Finds a key among the wire names: its index, or `None` for an unknown member.
struct Key(fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Option<usize>, E> {
        Ok((self.0)(value))
    }
}

/// What a key of a union object is.
enum UnionMember {
    Known(usize),
    Type,
    Unknown,
}

struct UnionKey(fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for UnionKey {
    type Value = UnionMember;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for UnionKey {
    type Value = UnionMember;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<UnionMember, E> {
        Ok(match (self.0)(value) {
            Some(index) => UnionMember::Known(index),
            None if value == "__type" => UnionMember::Type,
            None => UnionMember::Unknown,
        })
    }
}
