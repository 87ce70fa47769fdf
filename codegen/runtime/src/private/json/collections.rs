//! Lists and maps, dense and sparse.

use super::codec::{de, ser};
use super::{
    Codec, Nullable, ReadCodec, WriteCodec, at, at_index, mark, prefix, prefix_segment, server_mode,
};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

/// A dense list: `null` items are skipped by a client and rejected by a server.
pub struct List<C>(PhantomData<C>);

/// A `@sparse` list: `null` items are `None`.
pub struct SparseList<C>(PhantomData<C>);

pub(super) fn serialize_seq<'a, T: 'a, S: Serializer>(
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
    C: ReadCodec,
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
}

impl<C: WriteCodec> WriteCodec for List<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(value.iter(), serializer, |v, seq| {
            seq.serialize_element(&ser::<C>(v))
        })
    }
}

impl<C: ReadCodec> ReadCodec for List<C> {
    const MAY_MISS: bool = C::MAY_MISS;
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(ListVisitor::<C, C::Value, _>(|v| v, PhantomData))
    }
    fn placeholder() -> Self::Value {
        Vec::new()
    }
}

impl<C: Codec> Codec for SparseList<C> {
    type Value = Vec<Option<C::Value>>;
}

impl<C: WriteCodec> WriteCodec for SparseList<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(value.iter(), serializer, |v, seq| {
            seq.serialize_element(&ser::<Nullable<C>>(v))
        })
    }
}

impl<C: ReadCodec> ReadCodec for SparseList<C> {
    const MAY_MISS: bool = C::MAY_MISS;
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
    C: ReadCodec,
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
}

impl<C: WriteCodec> WriteCodec for Map<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &ser::<C>(v))?;
        }
        map.end()
    }
}

impl<C: ReadCodec> ReadCodec for Map<C> {
    const MAY_MISS: bool = C::MAY_MISS;
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(MapVisitor::<C, C::Value, _>(|v| v, PhantomData))
    }
    fn placeholder() -> Self::Value {
        BTreeMap::new()
    }
}

impl<C: Codec> Codec for SparseMap<C> {
    type Value = BTreeMap<String, Option<C::Value>>;
}

impl<C: WriteCodec> WriteCodec for SparseMap<C> {
    #[inline]
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &ser::<Nullable<C>>(v))?;
        }
        map.end()
    }
}

impl<C: ReadCodec> ReadCodec for SparseMap<C> {
    const MAY_MISS: bool = C::MAY_MISS;
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(MapVisitor::<C, Option<C::Value>, _>(Some, PhantomData))
    }
    fn placeholder() -> Self::Value {
        BTreeMap::new()
    }
}
