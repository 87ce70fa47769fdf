//! Structures as JSON objects: `Serialize`, `Deserialize` through the runtime's `ReadObject`,
//! and `Placeholder`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{default_encoding, field_call, field_codec, plain_json_impl};
use crate::emit::ctx::Ctx;
use crate::emit::runtime::{JSON, JSON_OBJECT};
use crate::emit::types;
use crate::ir::{Field, Presence, ServerRule, StructureDef};

/// `Serialize`, `Deserialize` (through `ReadObject`) and `Placeholder` for a structure.
pub(in crate::emit) fn structure(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let (recursive, may_miss) = (def.common.recursive, def.common.may_miss);
    let name = types::ident(&def.common.rust_name);
    let plain_json = plain_json_impl(&name);
    let fields: Vec<&Field> = def.fields.iter().collect();
    let label = def.common.shape_name.as_str();
    let ser = serialize_fields(cx, label, &fields, &quote!(self));
    let ser = if recursive {
        quote!(let _nested = #JSON::nest::<__S::Error>()?; #ser)
    } else {
        ser
    };
    let message = crate::emit::structure::message_field(def);
    let write_cfg = crate::emit::server_only(def.common.directions.write_server_only());
    let read_cfg = crate::emit::server_only(def.common.directions.read_server_only());
    let de = read_object(
        cx,
        &def.builder_name,
        label,
        &fields,
        &quote!(#name),
        message,
        read_cfg.as_ref(),
    );
    let placeholders = def.fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        match &f.presence {
            Presence::Required if !f.redacted && default_encoding(&f.ty, &f.encoding) => {
                quote!(#field: #JSON_OBJECT::placeholder())
            }
            Presence::Required => {
                let c = field_codec(cx, f);
                quote!(#field: <#c as #JSON::ReadCodec>::placeholder())
            }
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
                quote!(#field: ::std::option::Option::None #fill)
            }
            Presence::ClientOptional(_) | Presence::Optional => {
                quote!(#field: ::std::option::Option::None)
            }
        }
    });
    quote! {
        #write_cfg
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #ser
            }
        }

        #de

        #plain_json

        #read_cfg
        impl #JSON::Placeholder for #name {
            const MAY_MISS: bool = #may_miss;
            #[allow(clippy::unnecessary_literal_unwrap)]
            #[inline]
            fn placeholder() -> Self {
                #name { #(#placeholders),* }
            }
        }
    }
}

/// The body of `fn serialize` writing `fields` of `this` as a JSON object.
pub(in crate::emit) fn serialize_fields(
    cx: &Ctx<'_>,
    label: &str,
    fields: &[&Field],
    this: &TokenStream,
) -> TokenStream {
    let required = fields.iter().filter(|f| !f.presence.is_option()).count();
    let mut terms: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.presence.is_option())
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
        let write = if f.presence.is_option() {
            field_call(cx, "write_optional", f)
        } else {
            field_call(cx, "write", f)
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
/// from it. `message` is an error structure's message member: it is also read from the
/// other spellings services use (see [`MESSAGE_KEYS`]). `cfg` goes on both impls (see
/// [`crate::emit::server_only`]).
pub(in crate::emit) fn read_object(
    cx: &Ctx<'_>,
    builder: &str,
    label: &str,
    fields: &[&Field],
    target: &TokenStream,
    message: Option<&Field>,
    cfg: Option<&TokenStream>,
) -> TokenStream {
    let builder = types::ident(builder);
    let mut keys: Vec<(&str, usize)> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.wire_name.as_str(), i))
        .collect();
    if let Some(i) =
        message.and_then(|m| fields.iter().position(|f| f.member_name == m.member_name))
    {
        for alias in MESSAGE_KEYS {
            if !keys.iter().any(|(k, _)| k == &alias) {
                keys.push((alias, i));
            }
        }
    }
    let member_index = member_index(keys);
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
            Presence::ClientOptional(ServerRule::Required) => {
                quote!(#field: #JSON::required_by_server(partial.#field, #wire))
            }
            Presence::ClientOptional(ServerRule::Default(value)) => {
                let default = types::default_closure(cx, value);
                quote!(#field: #JSON::default_by_server(partial.#field, #default))
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
        #cfg
        impl<'de> ::serde::Deserialize<'de> for #target {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #JSON_OBJECT::read_object(deserializer)
            }
        }

        #cfg
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

/// The keys an error's message has on the wire, whatever its member is called in the model:
/// AWS services answer `{"message": ...}` to models whose member is `Message`, and some write
/// `errorMessage` (the same spellings the runtime reads an unmodeled error's message from).
pub(in crate::emit) const MESSAGE_KEYS: [&str; 3] = ["message", "Message", "errorMessage"];

/// `fn member_index`: a `match` from wire name to member index (model order, then aliases).
pub(super) fn member_index(keys: Vec<(&str, usize)>) -> TokenStream {
    let arms: Vec<TokenStream> = keys
        .into_iter()
        .map(|(wire, i)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#wire => #i,)
        })
        .collect();
    if arms.is_empty() {
        // No members: a `match` with only the diverging arm would be unreachable code.
        return quote! {
            #[inline]
            fn member_index(_name: &str) -> ::std::option::Option<usize> {
                ::std::option::Option::None
            }
        };
    }
    quote! {
        #[inline]
        fn member_index(name: &str) -> ::std::option::Option<usize> {
            ::std::option::Option::Some(match name {
                #(#arms)*
                _ => return ::std::option::Option::None,
            })
        }
    }
}
