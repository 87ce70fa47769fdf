//! `serde::Serialize` and `serde::Deserialize` impls in the restJson1 document form, written out
//! (no derive macros), streaming through the codecs of the runtime's `json` module.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{builder, types};
use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{
    Crate, Encoding, EnumDef, Field, Presence, RustType, StructureDef, TypeDef, UnionDef,
};
use crate::model::traits::TimestampFormat;

/// The codec type for a value of `ty` in a JSON document.
pub(super) fn codec(ty: &RustType, enc: &Encoding) -> TokenStream {
    let item_enc = enc.item.as_deref().cloned().unwrap_or_default();
    match ty {
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::String
        | RustType::Named(_) => {
            let ty = types::value(ty);
            quote!(crate::json::Plain<#ty>)
        }
        RustType::F32 => quote!(crate::json::F32),
        RustType::F64 => quote!(crate::json::F64),
        RustType::Blob => quote!(crate::json::Blob),
        RustType::Document => quote!(crate::json::Doc),
        RustType::BigInteger => quote!(crate::json_big::BigInt),
        RustType::BigDecimal => quote!(crate::json_big::BigDec),
        RustType::Timestamp => match enc.timestamp_format {
            None | Some(TimestampFormat::EpochSeconds) => quote!(crate::json::EpochSeconds),
            Some(TimestampFormat::DateTime) => quote!(crate::json::DateTime),
            Some(TimestampFormat::HttpDate) => quote!(crate::json::HttpDate),
        },
        RustType::List { item, sparse } => {
            let item = codec(item, &item_enc);
            if *sparse {
                quote!(crate::json::SparseList<#item>)
            } else {
                quote!(crate::json::List<#item>)
            }
        }
        RustType::Map { value, sparse } => {
            let value = codec(value, &item_enc);
            if *sparse {
                quote!(crate::json::SparseMap<#value>)
            } else {
                quote!(crate::json::Map<#value>)
            }
        }
    }
}

/// The codec of a field's stored value (redacted in errors when sensitive, boxed when the field
/// is).
pub(super) fn field_codec(f: &Field) -> TokenStream {
    let c = codec(&f.ty, &f.encoding);
    let c = if f.redacted {
        quote!(crate::json::Redact<#c>)
    } else {
        c
    };
    if f.boxed {
        quote!(crate::json::Boxed<#c>)
    } else {
        c
    }
}

/// The local variable holding a member's value while an object is read (prefixed so that no
/// member name can shadow the visitor's own variables).
pub(super) fn local(rust_name: &str) -> proc_macro2::Ident {
    format_ident!("m_{}", rust_name)
}

/// What the JSON emitters need to know about the whole crate.
pub(super) struct JsonCx {
    /// Types that can contain themselves: their `Serialize` counts nesting.
    pub recursive: BTreeSet<String>,
    /// Types that hold a `@required` member somewhere inside: only fields of these types
    /// track missing members in server mode (everything else skips the thread-local check).
    pub may_miss: BTreeSet<String>,
}

impl JsonCx {
    pub(super) fn new(krate: &Crate) -> Self {
        JsonCx {
            recursive: recursive_types(krate),
            may_miss: may_miss(krate),
        }
    }
}

/// Whether a value of this type can hold a structure with a required member (so missing
/// members inside it may be recorded in server mode and need a path prefix).
fn may_nest(ty: &RustType, cx: &JsonCx) -> bool {
    match ty {
        RustType::Named(n) => cx.may_miss.contains(n),
        RustType::List { item: t, .. } | RustType::Map { value: t, .. } => may_nest(t, cx),
        _ => false,
    }
}

/// The types holding a `@required` member, directly or through other types (a fixed point).
fn may_miss(krate: &Crate) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    loop {
        let cx = JsonCx {
            recursive: BTreeSet::new(),
            may_miss: found.clone(),
        };
        let mut changed = false;
        for t in &krate.types {
            let name = &t.common().rust_name;
            if found.contains(name) {
                continue;
            }
            let now = match t {
                TypeDef::Structure(s) => s
                    .fields
                    .iter()
                    .any(|f| f.presence == Presence::Required || may_nest(&f.ty, &cx)),
                TypeDef::Union(u) => u
                    .variants
                    .iter()
                    .any(|v| v.ty.as_ref().is_some_and(|ty| may_nest(ty, &cx))),
                TypeDef::Enum(_) => false,
            };
            if now {
                found.insert(name.clone());
                changed = true;
            }
        }
        if !changed {
            return found;
        }
    }
}

/// The types that can contain themselves (through any path): their `Serialize` counts nesting.
fn recursive_types(krate: &Crate) -> BTreeSet<String> {
    fn named(ty: &RustType, out: &mut Vec<String>) {
        match ty {
            RustType::Named(n) => out.push(n.clone()),
            RustType::List { item: t, .. } | RustType::Map { value: t, .. } => named(t, out),
            _ => {}
        }
    }
    let mut edges: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for t in &krate.types {
        let mut out = Vec::new();
        match t {
            TypeDef::Structure(s) => s.fields.iter().for_each(|f| named(&f.ty, &mut out)),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .flat_map(|v| &v.ty)
                .for_each(|ty| named(ty, &mut out)),
            TypeDef::Enum(_) => {}
        }
        edges.insert(&t.common().rust_name, out);
    }
    let mut recursive = BTreeSet::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = edges[start].iter().map(String::as_str).collect();
        while let Some(n) = stack.pop() {
            if n == *start {
                recursive.insert((*start).to_owned());
                break;
            }
            if seen.insert(n) {
                stack.extend(edges.get(n).into_iter().flatten().map(String::as_str));
            }
        }
    }
    recursive
}

/// `Serialize`, `Deserialize` and `Placeholder` for a structure.
pub(super) fn structure(def: &StructureDef, cx: &JsonCx) -> TokenStream {
    let recursive = cx.recursive.contains(&def.common.rust_name);
    let may_miss = cx.may_miss.contains(&def.common.rust_name);
    let name = types::ident(&def.common.rust_name);
    let fields: Vec<&Field> = def.fields.iter().collect();
    let label = def.common.id.name();
    let ser = serialize_fields(label, &fields, &quote!(self));
    let ser = if recursive {
        quote!(let _nested = crate::json::nest::<__S::Error>()?; #ser)
    } else {
        ser
    };
    let de = deserialize_fields(label, &fields, &quote!(crate::types::#name), cx);
    let placeholders = def.fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let c = field_codec(f);
        match &f.presence {
            Presence::Required => {
                quote!(#field: <#c as crate::json::Codec>::placeholder())
            }
            Presence::Default(value) => {
                let fill = builder::default_fill(&f.ty, value);
                quote!(#field: ::std::option::Option::None #fill)
            }
            Presence::Optional => quote!(#field: ::std::option::Option::None),
        }
    });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #ser
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #de
            }
        }

        impl crate::json::Placeholder for #name {
            const MAY_MISS: bool = #may_miss;
            #[allow(clippy::unnecessary_literal_unwrap)]
            fn placeholder() -> Self {
                #name { #(#placeholders),* }
            }
        }
    }
}

/// The body of `fn serialize` writing `fields` of `this` as a JSON object.
pub(super) fn serialize_fields(label: &str, fields: &[&Field], this: &TokenStream) -> TokenStream {
    let required = fields
        .iter()
        .filter(|f| !matches!(f.presence, Presence::Optional))
        .count();
    let mut terms: Vec<TokenStream> = fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Optional))
        .map(|f| {
            let field = types::ident(&f.rust_name);
            quote!(usize::from(#this.#field.is_some()))
        })
        .collect();
    if required > 0 || terms.is_empty() {
        terms.insert(0, quote!(#required));
    }
    let entries = fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let wire = &f.wire_name;
        let c = field_codec(f);
        match f.presence {
            Presence::Optional => quote! {
                match &#this.#field {
                    ::std::option::Option::Some(value) => ::serde::ser::SerializeStruct::serialize_field(&mut state, #wire, &crate::json::ser::<#c>(value))?,
                    ::std::option::Option::None => ::serde::ser::SerializeStruct::skip_field(&mut state, #wire)?,
                }
            },
            _ => quote! {
                ::serde::ser::SerializeStruct::serialize_field(&mut state, #wire, &crate::json::ser::<#c>(&#this.#field))?;
            },
        }
    });
    let state = if fields.is_empty() {
        quote!(state)
    } else {
        quote!(mut state)
    };
    quote! {
        let len = #(#terms)+*;
        let #state = ::serde::Serializer::serialize_struct(serializer, #label, len)?;
        #(#entries)*
        ::serde::ser::SerializeStruct::end(state)
    }
}

/// The `__Field` identifier enum and its visitor, for a set of wire names.
fn field_identifier(wire_names: &[&str]) -> TokenStream {
    let variants: Vec<_> = (0..wire_names.len())
        .map(|i| format_ident!("F{}", i))
        .collect();
    quote! {
        enum __Field { #(#variants,)* Ignore }

        struct __FieldVisitor;

        impl ::serde::de::Visitor<'_> for __FieldVisitor {
            type Value = __Field;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a member name")
            }
            #[allow(clippy::match_single_binding)]
            fn visit_str<__E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<__Field, __E> {
                ::std::result::Result::Ok(match value {
                    #(#wire_names => __Field::#variants,)*
                    _ => __Field::Ignore,
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for __Field {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                ::serde::Deserializer::deserialize_identifier(deserializer, __FieldVisitor)
            }
        }
    }
}

/// The body of `fn deserialize` reading `fields` from a JSON object into `construct { .. }`
/// (a type whose fields have the same names and types).
pub(super) fn deserialize_fields(
    label: &str,
    fields: &[&Field],
    construct: &TokenStream,
    cx: &JsonCx,
) -> TokenStream {
    let wire_names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    let identifier = field_identifier(&wire_names);
    let locals: Vec<_> = fields.iter().map(|f| local(&f.rust_name)).collect();
    let names: Vec<_> = fields.iter().map(|f| types::ident(&f.rust_name)).collect();
    let decls = fields.iter().map(|f| {
        let local = local(&f.rust_name);
        let ty = types::stored(f);
        quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let variant = format_ident!("F{}", i);
        let local = local(&f.rust_name);
        let wire = &f.wire_name;
        let c = field_codec(f);
        let read = quote! {
            #local = ::serde::de::MapAccess::next_value_seed(&mut map, crate::json::de::<crate::json::Nullable<#c>>())
                .map_err(|e| crate::json::at(#wire, e))?;
        };
        if may_nest(&f.ty, cx) {
            quote! {
                __Field::#variant => {
                    let mark = crate::json::mark(server);
                    #read
                    crate::json::prefix(server, mark, #wire);
                }
            }
        } else {
            quote!(__Field::#variant => { #read })
        }
    });
    let finish = fields.iter().map(|f| {
        let local = local(&f.rust_name);
        let wire = &f.wire_name;
        let c = field_codec(f);
        match &f.presence {
            Presence::Required => quote! {
                let #local = match #local {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => crate::json::missing::<__A::Error, #c>(#wire)?,
                };
            },
            Presence::Default(value) => {
                let fill = builder::default_fill(&f.ty, value);
                quote!(let #local = #local #fill;)
            }
            Presence::Optional => quote!(),
        }
    });
    let expecting = format!("a `{label}` object");
    let uses_server = fields.iter().any(|f| may_nest(&f.ty, cx));
    let server = if uses_server {
        quote!(let server = crate::json::server_mode();)
    } else {
        quote!()
    };
    quote! {
        #identifier

        struct __Visitor;

        impl<'de> ::serde::de::Visitor<'de> for __Visitor {
            type Value = #construct;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#expecting)
            }
            fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::std::result::Result<Self::Value, __A::Error> {
                #server
                #(#decls)*
                while let ::std::option::Option::Some(key) = ::serde::de::MapAccess::next_key::<__Field>(&mut map)? {
                    match key {
                        #(#arms)*
                        __Field::Ignore => {
                            ::serde::de::MapAccess::next_value::<crate::json::Skip>(&mut map)?;
                        }
                    }
                }
                #(#finish)*
                ::std::result::Result::Ok(#construct { #(#names: #locals),* })
            }
        }

        ::serde::Deserializer::deserialize_map(deserializer, __Visitor)
    }
}

/// `Serialize`, `Deserialize` and `Placeholder` for a union: an object with exactly one member.
pub(super) fn union(def: &UnionDef, cx: &JsonCx) -> TokenStream {
    let recursive = cx.recursive.contains(&def.common.rust_name);
    let may_miss = cx.may_miss.contains(&def.common.rust_name);
    let name = types::ident(&def.common.rust_name);
    let unknown = types::ident(&def.unknown_variant);
    let label = def.common.id.name();
    let codecs: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|v| match &v.ty {
            None => quote!(crate::json::Unit),
            Some(ty) => {
                let c = codec(ty, &v.encoding);
                let c = if v.redacted {
                    quote!(crate::json::Redact<#c>)
                } else {
                    c
                };
                if v.boxed {
                    quote!(crate::json::Boxed<#c>)
                } else {
                    c
                }
            }
        })
        .collect();
    let ser_arms = def.variants.iter().zip(&codecs).map(|(v, c)| {
        let variant = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        let (pattern, value) = match v.ty {
            None => (quote!(#name::#variant), quote!(&())),
            Some(_) => (quote!(#name::#variant(value)), quote!(value)),
        };
        quote! {
            #pattern => {
                let mut state = ::serde::Serializer::serialize_map(serializer, ::std::option::Option::Some(1))?;
                ::serde::ser::SerializeMap::serialize_entry(&mut state, #wire, &crate::json::ser::<#c>(#value))?;
                ::serde::ser::SerializeMap::end(state)
            }
        }
    });
    let unknown_message = format!("cannot serialize the unknown member of union `{label}`");
    let nest = if recursive {
        quote!(let _nested = crate::json::nest::<__S::Error>()?;)
    } else {
        quote!()
    };
    let mut wire_names: Vec<&str> = def.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let type_index = wire_names.len();
    wire_names.push("__type");
    let identifier = field_identifier(&wire_names);
    let type_variant = format_ident!("F{}", type_index);
    let de_arms = def.variants.iter().zip(&codecs).enumerate().map(|(i, (v, c))| {
        let field = format_ident!("F{}", i);
        let variant = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        let (test, build) = match v.ty {
            None => (quote!(value.is_some()), quote!(#name::#variant)),
            Some(_) => (
                quote!(let ::std::option::Option::Some(value) = value),
                quote!(#name::#variant(value)),
            ),
        };
        let mark = v.ty.as_ref().is_some_and(|ty| may_nest(ty, cx));
        let (before, after) = if mark {
            (
                quote!(let mark = crate::json::mark(crate::json::server_mode());),
                quote!(crate::json::prefix(crate::json::server_mode(), mark, #wire);),
            )
        } else {
            (quote!(), quote!())
        };
        quote! {
            __Field::#field => {
                #before
                let value = ::serde::de::MapAccess::next_value_seed(&mut map, crate::json::de::<crate::json::Nullable<#c>>())
                    .map_err(|e| crate::json::at(#wire, e))?;
                #after
                if #test {
                    count += 1;
                    found = ::std::option::Option::Some(#build);
                }
            }
        }
    });
    let expecting = format!("a `{label}` object with exactly one member");
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #nest
                match self {
                    #(#ser_arms)*
                    #name::#unknown => ::std::result::Result::Err(<__S::Error as ::serde::ser::Error>::custom(#unknown_message)),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #identifier

                struct __Visitor;

                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::std::result::Result<#name, __A::Error> {
                        let mut found: ::std::option::Option<#name> = ::std::option::Option::None;
                        let mut count = 0usize;
                        while let ::std::option::Option::Some(key) = ::serde::de::MapAccess::next_key::<__Field>(&mut map)? {
                            match key {
                                #(#de_arms)*
                                __Field::#type_variant => {
                                    ::serde::de::MapAccess::next_value::<crate::json::Skip>(&mut map)?;
                                }
                                __Field::Ignore => {
                                    let value = ::serde::de::MapAccess::next_value::<::std::option::Option<crate::json::Skip>>(&mut map)?;
                                    if value.is_some() {
                                        count += 1;
                                        found = ::std::option::Option::Some(#name::#unknown);
                                    }
                                }
                            }
                        }
                        match (found, count) {
                            (::std::option::Option::Some(value), 1) => ::std::result::Result::Ok(value),
                            (_, 0) => ::std::result::Result::Err(<__A::Error as ::serde::de::Error>::custom(
                                crate::json::union_count_message(#label, 0),
                            )),
                            (_, n) => ::std::result::Result::Err(<__A::Error as ::serde::de::Error>::custom(
                                crate::json::union_count_message(#label, n),
                            )),
                        }
                    }
                }

                ::serde::Deserializer::deserialize_map(deserializer, __Visitor)
            }
        }

        impl crate::json::Placeholder for #name {
            const MAY_MISS: bool = #may_miss;
            fn placeholder() -> Self {
                #name::#unknown
            }
        }
    }
}

/// `Serialize`, `Deserialize` and `Placeholder` for an enum: its wire value.
pub(super) fn enumeration(def: &EnumDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    if def.int {
        return quote! {
            impl ::serde::Serialize for #name {
                fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                    serializer.serialize_i32(self.as_i32())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                    <i32 as ::serde::Deserialize>::deserialize(deserializer).map(#name::from)
                }
            }

            impl crate::json::Placeholder for #name {
                fn placeholder() -> Self {
                    #name::from(0)
                }
            }
        };
    }
    let expecting = format!("a `{}` string", def.common.id.name());
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;

                impl ::serde::de::Visitor<'_> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<__E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, __E> {
                        ::std::result::Result::Ok(#name::from(value))
                    }
                }

                ::serde::Deserializer::deserialize_str(deserializer, __Visitor)
            }
        }

        impl crate::json::Placeholder for #name {
            fn placeholder() -> Self {
                #name::from("")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn codecs_follow_the_type_and_the_encoding() {
        let ts_list = RustType::List {
            item: Box::new(RustType::Timestamp),
            sparse: false,
        };
        let date_time_items = Encoding {
            item: Some(Box::new(Encoding {
                timestamp_format: Some(TimestampFormat::DateTime),
                ..Encoding::default()
            })),
            ..Encoding::default()
        };
        assert_eq!(
            text(codec(&ts_list, &date_time_items)),
            "crate::json::List<crate::json::DateTime>"
        );
        assert_eq!(
            text(codec(&ts_list, &Encoding::default())),
            "crate::json::List<crate::json::EpochSeconds>"
        );
        let sparse_map = RustType::Map {
            value: Box::new(RustType::F32),
            sparse: true,
        };
        assert_eq!(
            text(codec(&sparse_map, &Encoding::default())),
            "crate::json::SparseMap<crate::json::F32>"
        );
        assert_eq!(
            text(codec(
                &RustType::Named("Foo".to_owned()),
                &Encoding::default()
            )),
            "crate::json::Plain<crate::types::Foo>"
        );
        assert_eq!(
            text(codec(&RustType::BigInteger, &Encoding::default())),
            "crate::json_big::BigInt"
        );
    }

    #[test]
    fn locals_cannot_shadow_the_visitor_variables() {
        assert_eq!(local("key").to_string(), "m_key");
        assert_eq!(local("type_").to_string(), "m_type_");
        assert_eq!(local("map").to_string(), "m_map");
    }
}
