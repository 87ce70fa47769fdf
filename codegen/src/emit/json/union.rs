//! Unions as JSON objects with exactly one member set: `Serialize`, and `Deserialize` through
//! the runtime's `ReadUnion`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::object::member_index;
use super::{codec_call, plain_json_impl, stored_codec};
use crate::emit::ctx::Ctx;
use crate::emit::runtime::{JSON, JSON_OBJECT};
use crate::emit::types;
use crate::ir::UnionDef;

/// `Serialize`, `Deserialize` (through `ReadUnion`) and `Placeholder` for a union: an object
/// with exactly one member.
pub(in crate::emit) fn union(cx: &Ctx<'_>, def: &UnionDef) -> TokenStream {
    let (recursive, may_miss) = (def.common.recursive, def.common.may_miss);
    let name = types::ident(&def.common.rust_name);
    let plain_json = plain_json_impl(&name);
    let unknown = types::ident(&def.unknown_variant);
    let label = def.common.shape_name.as_str();
    // The runtime call for each variant: `name`, or `name_with::<codec, _>`.
    let call = |name: &str, v: &crate::ir::UnionVariant| match &v.ty {
        // A unit member's value is `()`, whose default codec is the runtime's `json::Unit`.
        None => {
            let f = format_ident!("{}", name);
            quote!(#JSON_OBJECT::#f)
        }
        Some(ty) => codec_call(name, ty, &v.encoding, v.redacted, || {
            stored_codec(cx, ty, &v.encoding, v.redacted, v.boxed)
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
    let member_index = member_index(
        def.variants
            .iter()
            .enumerate()
            .map(|(i, v)| (v.wire_name.as_str(), i))
            .collect(),
    );
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
    let write_cfg = crate::emit::server_only(def.common.directions.write_server_only());
    let read_cfg = crate::emit::server_only(def.common.directions.read_server_only());
    quote! {
        #write_cfg
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #nest
                match self {
                    #(#ser_arms)*
                    #name::#unknown => #JSON_OBJECT::write_unknown::<__S>(#label),
                }
            }
        }

        #read_cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #JSON_OBJECT::read_union(deserializer)
            }
        }

        #read_cfg
        impl #JSON_OBJECT::ReadUnion for #name {
            #member_index
            const NAME: &'static str = #label;
            const EXPECTING: &'static str = #expecting;
            fn read_variant<'de, __A: ::serde::de::MapAccess<'de>>(index: usize, map: &mut __A) -> ::std::result::Result<::std::option::Option<Self>, __A::Error> {
                #read
            }
            #[inline]
            fn unknown() -> Self {
                #name::#unknown
            }
        }

        #plain_json

        #read_cfg
        impl #JSON::Placeholder for #name {
            const MAY_MISS: bool = #may_miss;
            #[inline]
            fn placeholder() -> Self {
                #name::#unknown
            }
        }
    }
}
