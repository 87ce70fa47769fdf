//! Codecs: the protocol encoding of one Rust type each, and the wrappers that change it
//! (nullable, boxed, redacted), scalars, blobs, the unit value and skipped values.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{self, SerializeMap, Serializer};

use crate::primitives::Document;

use crate::__private::json_text::{base64_decode, base64_encode};

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

/// How one Rust type is written in a JSON document: the type, and through [`WriteCodec`] and
/// [`ReadCodec`] the two directions. They are apart so that a type only ever written (a
/// client's request members, without the `server` feature) needs no reader, and a type only
/// ever read no writer.
pub trait Codec {
    /// The Rust type.
    type Value;
}

/// Writing values of a [`Codec`].
pub trait WriteCodec: Codec {
    /// Writes a value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Reading values of a [`Codec`].
pub trait ReadCodec: Codec {
    /// Whether values can hold a missing required member (see [`Placeholder::MAY_MISS`]).
    const MAY_MISS: bool = false;
    /// Reads a value (`null` is not accepted here; see [`Nullable`]).
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
    /// The stand-in for a missing required value.
    fn placeholder() -> Self::Value;
}

/// `Serialize` for a value through codec `C`.
pub struct Ser<'a, C: WriteCodec>(&'a C::Value, PhantomData<C>);

/// Wraps a value to serialize it through codec `C`.
#[inline]
pub fn ser<C: WriteCodec>(value: &C::Value) -> Ser<'_, C> {
    Ser(value, PhantomData)
}

impl<C: WriteCodec> ser::Serialize for Ser<'_, C> {
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

impl<'de, C: ReadCodec> DeserializeSeed<'de> for De<C> {
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
}

impl<C: WriteCodec> WriteCodec for Nullable<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => C::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl<C: ReadCodec> ReadCodec for Nullable<C> {
    const MAY_MISS: bool = C::MAY_MISS;
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        struct V<C>(PhantomData<C>);
        impl<'de, C: ReadCodec> Visitor<'de> for V<C> {
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

impl<T> Codec for Plain<T> {
    type Value = T;
}

impl<T> WriteCodec for Plain<T>
where
    T: ser::Serialize,
{
    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<T> ReadCodec for Plain<T>
where
    T: for<'de> de::Deserialize<'de> + Placeholder,
{
    const MAY_MISS: bool = T::MAY_MISS;
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

impl<'de, C: ReadCodec> Deserialize<'de> for Payload<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::deserialize(deserializer).map(Payload)
    }
}

/// A boxed value (a member that breaks a recursion).
pub struct Boxed<C>(PhantomData<C>);

impl<C: Codec> Codec for Boxed<C> {
    type Value = Box<C::Value>;
}

impl<C: WriteCodec> WriteCodec for Boxed<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(value, serializer)
    }
}

impl<C: ReadCodec> ReadCodec for Boxed<C> {
    const MAY_MISS: bool = C::MAY_MISS;
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
}

impl<C: WriteCodec> WriteCodec for Redact<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(value, serializer)
    }
}

impl<C: ReadCodec> ReadCodec for Redact<C> {
    const MAY_MISS: bool = C::MAY_MISS;
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
        }

        impl WriteCodec for $name {
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
        }

        impl ReadCodec for $name {
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
}

impl WriteCodec for Blob {
    fn serialize<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(value))
    }
}

impl ReadCodec for Blob {
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
}

impl WriteCodec for Unit {
    fn serialize<S: Serializer>(_: &(), serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

impl ReadCodec for Unit {
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
