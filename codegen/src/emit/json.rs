//! `serde::Serialize` and `serde::Deserialize` impls in the restJson1 document form, written out
//! (no derive macros), streaming through the codecs of the runtime's `json` module.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ctx::Ctx;
use super::types;

use super::runtime::{JSON, JSON_BIG, JSON_OBJECT};
use crate::ir::{Encoding, EnumDef, Field, Presence, RustType, StructureDef, UnionDef};
use crate::model::traits::TimestampFormat;

/// The codec type for a value of `ty` in a JSON document.
pub(super) fn codec(cx: &Ctx<'_>, ty: &RustType, enc: &Encoding) -> TokenStream {
    let item_enc = enc.item.as_deref().cloned().unwrap_or_default();
    match ty {
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::String
        | RustType::Named(_) => {
            let ty = types::value(cx, ty);
            quote!(#JSON::Plain<#ty>)
        }
        RustType::F32 => quote!(#JSON::F32),
        RustType::F64 => quote!(#JSON::F64),
        RustType::Blob => quote!(#JSON::Blob),
        RustType::Document => quote!(#JSON::Doc),
        RustType::BigInteger => quote!(#JSON_BIG::BigInt),
        RustType::BigDecimal => quote!(#JSON_BIG::BigDec),
        RustType::Timestamp => match enc.timestamp_format {
            None | Some(TimestampFormat::EpochSeconds) => quote!(#JSON::EpochSeconds),
            Some(TimestampFormat::DateTime) => quote!(#JSON::DateTime),
            Some(TimestampFormat::HttpDate) => quote!(#JSON::HttpDate),
        },
        RustType::List { item, sparse } => {
            let item = codec(cx, item, &item_enc);
            if *sparse {
                quote!(#JSON::SparseList<#item>)
            } else {
                quote!(#JSON::List<#item>)
            }
        }
        RustType::Map { value, sparse } => {
            let value = codec(cx, value, &item_enc);
            if *sparse {
                quote!(#JSON::SparseMap<#value>)
            } else {
                quote!(#JSON::Map<#value>)
            }
        }
    }
}

/// The codec of a field's stored value (redacted in errors when sensitive, boxed when the field
/// is).
pub(super) fn field_codec(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let c = codec(cx, &f.ty, &f.encoding);
    let c = if f.redacted {
        quote!(#JSON::Redact<#c>)
    } else {
        c
    };
    if f.boxed { quote!(#JSON::Boxed<#c>) } else { c }
}

/// Whether a value of `ty` under `enc` is written with its type's default codec (the
/// runtime's `json_object::Json`), so generated calls can leave the codec to inference.
fn default_encoding(ty: &RustType, enc: &Encoding) -> bool {
    match ty {
        RustType::Timestamp => matches!(
            enc.timestamp_format,
            None | Some(TimestampFormat::EpochSeconds)
        ),
        RustType::List { item: t, sparse } | RustType::Map { value: t, sparse } => {
            !sparse && default_encoding(t, enc.item.as_deref().unwrap_or(&Encoding::default()))
        }
        _ => true,
    }
}

/// A call to the runtime function `name`, or to `name_with::<codec, _>` when the value's codec
/// is not its type's default (sensitive, a timestamp format, sparse collections).
fn codec_call(
    name: &str,
    ty: &RustType,
    enc: &Encoding,
    redacted: bool,
    c: impl FnOnce() -> TokenStream,
) -> TokenStream {
    if !redacted && default_encoding(ty, enc) {
        let f = format_ident!("{}", name);
        quote!(#JSON_OBJECT::#f)
    } else {
        let f = format_ident!("{}_with", name);
        let c = c();
        quote!(#JSON_OBJECT::#f::<#c, _>)
    }
}

/// [`codec_call`] for a structure member.
fn field_call(cx: &Ctx<'_>, name: &str, f: &Field) -> TokenStream {
    codec_call(name, &f.ty, &f.encoding, f.redacted, || field_codec(cx, f))
}

/// `Serialize`, `Deserialize` (through `ReadObject`) and `Placeholder` for a structure.
pub(super) fn structure(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let (recursive, may_miss) = (def.common.recursive, def.common.may_miss);
    let name = types::ident(&def.common.rust_name);
    let fields: Vec<&Field> = def.fields.iter().collect();
    let label = def.common.id.name();
    let ser = serialize_fields(cx, label, &fields, &quote!(self));
    let ser = if recursive {
        quote!(let _nested = #JSON::nest::<__S::Error>()?; #ser)
    } else {
        ser
    };
    let de = read_object(cx, &def.builder_name, label, &fields, &quote!(#name));
    let placeholders = def.fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        match &f.presence {
            Presence::Required if !f.redacted && default_encoding(&f.ty, &f.encoding) => {
                quote!(#field: #JSON_OBJECT::placeholder())
            }
            Presence::Required => {
                let c = field_codec(cx, f);
                quote!(#field: <#c as #JSON::Codec>::placeholder())
            }
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
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

        #de

        impl #JSON_OBJECT::Json for #name {
            type Codec = #JSON::Plain<Self>;
        }

        impl #JSON::Placeholder for #name {
            const MAY_MISS: bool = #may_miss;
            #[allow(clippy::unnecessary_literal_unwrap)]
            fn placeholder() -> Self {
                #name { #(#placeholders),* }
            }
        }
    }
}

/// The body of `fn serialize` writing `fields` of `this` as a JSON object.
pub(super) fn serialize_fields(
    cx: &Ctx<'_>,
    label: &str,
    fields: &[&Field],
    this: &TokenStream,
) -> TokenStream {
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
        let required = proc_macro2::Literal::usize_unsuffixed(required);
        terms.insert(0, quote!(#required));
    }
    let entries = fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let wire = &f.wire_name;
        let write = match f.presence {
            Presence::Optional => field_call(cx, "write_optional", f),
            _ => field_call(cx, "write", f),
        };
        quote!(#write(&mut state, #wire, &#this.#field)?;)
    });
    let state = if fields.is_empty() {
        quote!(state)
    } else {
        quote!(mut state)
    };
    quote! {
        let #state = ::serde::Serializer::serialize_struct(serializer, #label, #(#terms)+*)?;
        #(#entries)*
        ::serde::ser::SerializeStruct::end(state)
    }
}

/// `Deserialize` for `target` (a type in this file whose fields are `fields`, by the same
/// names and types) and its `ReadObject` impl, which reads the members into `builder` (the
/// builder of the structure in this file, whose fields are private to it) and builds `target`
/// from it.
pub(super) fn read_object(
    cx: &Ctx<'_>,
    builder: &str,
    label: &str,
    fields: &[&Field],
    target: &TokenStream,
) -> TokenStream {
    let builder = types::ident(builder);
    let member_index = member_index(fields.iter().map(|f| f.wire_name.as_str()));
    let read = if fields.is_empty() {
        quote!(let _ = (partial, index, map);)
    } else {
        let arms = fields.iter().enumerate().map(|(i, f)| {
            let field = types::ident(&f.rust_name);
            let wire = &f.wire_name;
            let member = field_call(cx, "member", f);
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#i => partial.#field = #member(map, #wire)?,)
        });
        quote! {
            match index {
                #(#arms)*
                _ => {}
            }
        }
    };
    let values = fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let wire = &f.wire_name;
        match &f.presence {
            Presence::Required => {
                let required = field_call(cx, "required", f);
                quote!(#field: #required(partial.#field, #wire)?)
            }
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
                quote!(#field: partial.#field #fill)
            }
            Presence::Optional => quote!(#field: partial.#field),
        }
    });
    let expecting = format!("a `{label}` object");
    let allow_unwrap = fields
        .iter()
        .any(|f| matches!(f.presence, Presence::Default(_)))
        .then(|| quote!(#[allow(clippy::unnecessary_literal_unwrap)]));
    let partial = if fields.is_empty() {
        quote!(_partial)
    } else {
        quote!(partial)
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #target {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #JSON_OBJECT::read_object(deserializer)
            }
        }

        impl #JSON_OBJECT::ReadObject for #target {
            #member_index
            const EXPECTING: &'static str = #expecting;
            type Partial = #builder;
            #[allow(clippy::single_match)]
            fn read_member<'de, __A: ::serde::de::MapAccess<'de>>(partial: &mut Self::Partial, index: usize, map: &mut __A) -> ::std::result::Result<(), __A::Error> {
                #read
                ::std::result::Result::Ok(())
            }
            #allow_unwrap
            fn finish<__E: ::serde::de::Error>(#partial: Self::Partial) -> ::std::result::Result<Self, __E> {
                ::std::result::Result::Ok(#target { #(#values),* })
            }
        }
    }
}

/// `fn member_index`: a `match` from wire name to index (model order).
fn member_index<'n>(wire_names: impl Iterator<Item = &'n str>) -> TokenStream {
    let arms: Vec<TokenStream> = wire_names
        .enumerate()
        .map(|(i, wire)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#wire => #i,)
        })
        .collect();
    if arms.is_empty() {
        // No members: a `match` with only the diverging arm would be unreachable code.
        return quote! {
            fn member_index(_name: &str) -> ::std::option::Option<usize> {
                ::std::option::Option::None
            }
        };
    }
    quote! {
        fn member_index(name: &str) -> ::std::option::Option<usize> {
            ::std::option::Option::Some(match name {
                #(#arms)*
                _ => return ::std::option::Option::None,
            })
        }
    }
}

/// `Serialize`, `Deserialize` (through `ReadUnion`) and `Placeholder` for a union: an object
/// with exactly one member.
pub(super) fn union(cx: &Ctx<'_>, def: &UnionDef) -> TokenStream {
    let (recursive, may_miss) = (def.common.recursive, def.common.may_miss);
    let name = types::ident(&def.common.rust_name);
    let unknown = types::ident(&def.unknown_variant);
    let label = def.common.id.name();
    // The runtime call for each variant: `name`, or `name_with::<codec, _>`.
    let call = |name: &str, v: &crate::ir::UnionVariant| match &v.ty {
        // A unit member's value is `()`, whose default codec is `crate::json::Unit`.
        None => {
            let f = format_ident!("{}", name);
            quote!(#JSON_OBJECT::#f)
        }
        Some(ty) => codec_call(name, ty, &v.encoding, v.redacted, || {
            let c = codec(cx, ty, &v.encoding);
            let c = if v.redacted {
                quote!(#JSON::Redact<#c>)
            } else {
                c
            };
            if v.boxed { quote!(#JSON::Boxed<#c>) } else { c }
        }),
    };
    let ser_arms = def.variants.iter().map(|v| {
        let variant = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        let write = call("write_union", v);
        match v.ty {
            None => quote! {
                #name::#variant => #write(serializer, #wire, &()),
            },
            Some(_) => quote! {
                #name::#variant(value) => #write(serializer, #wire, value),
            },
        }
    });
    let nest = if recursive {
        quote!(let _nested = #JSON::nest::<__S::Error>()?;)
    } else {
        quote!()
    };
    let member_index = member_index(def.variants.iter().map(|v| v.wire_name.as_str()));
    let de_arms = def.variants.iter().enumerate().map(|(i, v)| {
        let variant = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        let build = match v.ty {
            None => quote!(.map(|()| #name::#variant)),
            Some(_) => quote!(.map(#name::#variant)),
        };
        let member = call("member", v);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote!(#i => #member(map, #wire)? #build,)
    });
    let read = if def.variants.is_empty() {
        quote! {
            let _ = (index, map);
            ::std::result::Result::Ok(::std::option::Option::None)
        }
    } else {
        quote! {
            ::std::result::Result::Ok(match index {
                #(#de_arms)*
                _ => ::std::option::Option::None,
            })
        }
    };
    let expecting = format!("a `{label}` object with exactly one member");
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #nest
                match self {
                    #(#ser_arms)*
                    #name::#unknown => #JSON_OBJECT::write_unknown::<__S>(#label),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #JSON_OBJECT::read_union(deserializer)
            }
        }

        impl #JSON_OBJECT::ReadUnion for #name {
            #member_index
            const NAME: &'static str = #label;
            const EXPECTING: &'static str = #expecting;
            fn read_variant<'de, __A: ::serde::de::MapAccess<'de>>(index: usize, map: &mut __A) -> ::std::result::Result<::std::option::Option<Self>, __A::Error> {
                #read
            }
            fn unknown() -> Self {
                #name::#unknown
            }
        }

        impl #JSON_OBJECT::Json for #name {
            type Codec = #JSON::Plain<Self>;
        }

        impl #JSON::Placeholder for #name {
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

            impl #JSON_OBJECT::Json for #name {
            type Codec = #JSON::Plain<Self>;
        }

        impl #JSON::Placeholder for #name {
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

        impl #JSON_OBJECT::Json for #name {
            type Codec = #JSON::Plain<Self>;
        }

        impl #JSON::Placeholder for #name {
            fn placeholder() -> Self {
                #name::from("")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeRef;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn codecs_follow_the_type_and_the_encoding() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#Foo"}"#,
            r#""ex#Foo": {"type": "structure", "members": {}}"#,
        );
        let cx = Ctx::new(&krate);
        let codec = |ty: &RustType, enc: &Encoding| codec(&cx, ty, enc);
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
            "::restjson_runtime::__private::json::List<::restjson_runtime::__private::json::DateTime>"
        );
        assert_eq!(
            text(codec(&ts_list, &Encoding::default())),
            "::restjson_runtime::__private::json::List<::restjson_runtime::__private::json::EpochSeconds>"
        );
        let sparse_map = RustType::Map {
            value: Box::new(RustType::F32),
            sparse: true,
        };
        assert_eq!(
            text(codec(&sparse_map, &Encoding::default())),
            "::restjson_runtime::__private::json::SparseMap<::restjson_runtime::__private::json::F32>"
        );
        assert_eq!(
            text(codec(&RustType::Named(TypeRef(0)), &Encoding::default())),
            "::restjson_runtime::__private::json::Plain<crate::types::Foo>"
        );
        assert_eq!(
            text(codec(&RustType::BigInteger, &Encoding::default())),
            "::restjson_runtime::__private::json_big::BigInt"
        );
    }
}
