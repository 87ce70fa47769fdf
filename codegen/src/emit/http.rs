//! HTTP bindings of the structures that are operation inputs, outputs and errors: `write_http`
//! puts each member where its binding says (headers, query, labels, payload, JSON body) and
//! `read_http` reads it back, for a client or a server.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ctx::Ctx;
use super::runtime::{ERROR, JSON, PROTOCOL};
use super::{http_read, json, types};
use crate::ir::{Encoding, Field, HttpBinding, Presence, RustType, StructureDef, TypeDef, TypeRef};
use crate::model::traits::TimestampFormat;

/// What a named type is, for text conversions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    StringEnum,
    IntEnum,
    Aggregate,
}

pub(super) fn named(cx: &Ctx<'_>, r: TypeRef) -> Named {
    match cx.ty(r) {
        TypeDef::Enum(e) if e.int => Named::IntEnum,
        TypeDef::Enum(_) => Named::StringEnum,
        _ => Named::Aggregate,
    }
}

/// Where a text value goes; it decides the default timestamp format and base64 of media types.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Location {
    Header,
    Query,
    Label,
}

pub(super) fn time_format(enc: &Encoding, location: Location) -> TokenStream {
    let format = enc.timestamp_format.unwrap_or(match location {
        Location::Header => TimestampFormat::HttpDate,
        Location::Query | Location::Label => TimestampFormat::DateTime,
    });
    match format {
        TimestampFormat::DateTime => quote!(#PROTOCOL::TimeFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#PROTOCOL::TimeFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#PROTOCOL::TimeFormat::EpochSeconds),
    }
}

/// Whether a value of `ty` under `enc` has the runtime's one text form for `location`
/// (`http_text::Text`): everything but enums, aggregates, header strings with a `@mediaType`
/// and timestamps with their own `@timestampFormat`, which generated code converts itself.
pub(super) fn is_text(ty: &RustType, enc: &Encoding, location: Location) -> bool {
    match ty {
        RustType::String => !(location == Location::Header && enc.media_type.is_some()),
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::Blob
        | RustType::BigInteger
        | RustType::BigDecimal => true,
        RustType::Timestamp => enc.timestamp_format.is_none(),
        _ => false,
    }
}

/// The `Outgoing` call writing a field with a [`is_text`] value (or list of them): the method
/// and its name argument, and whether a list's items are `Option`s (sparse).
fn text_write(f: &Field) -> Option<(proc_macro2::Ident, &str, bool)> {
    let (method, name, location) = match &f.http {
        HttpBinding::Label => ("label_text", f.member_name.as_str(), Location::Label),
        HttpBinding::Header(h) => ("header_text", h.as_str(), Location::Header),
        HttpBinding::Query(q) => ("query_text", q.as_str(), Location::Query),
        _ => return None,
    };
    match list_item(f) {
        Some((item, enc, sparse)) if location != Location::Label => {
            let method = if location == Location::Header {
                "header_list"
            } else {
                "query_list"
            };
            is_text(item, &enc, location).then(|| (format_ident!("{}", method), name, sparse))
        }
        Some(_) => None,
        None => is_text(&f.ty, &f.encoding, location)
            .then(|| (format_ident!("{}", method), name, false)),
    }
}

/// An expression of type `Result<String, SerializeError>` for `value` (a reference).
fn to_text(
    cx: &Ctx<'_>,
    value: &TokenStream,
    ty: &RustType,
    enc: &Encoding,
    location: Location,
) -> TokenStream {
    let ok = |e: TokenStream| quote!(::std::result::Result::<::std::string::String, #ERROR::SerializeError>::Ok(#e));
    match ty {
        RustType::String if location == Location::Header && enc.media_type.is_some() => {
            ok(quote!(#JSON::base64_encode(#value.as_bytes())))
        }
        RustType::String => ok(quote!(::std::string::String::from(#value.as_str()))),
        RustType::Bool | RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            ok(quote!(::std::string::ToString::to_string(#value)))
        }
        RustType::F32 => ok(quote!(#PROTOCOL::f32_text(*#value))),
        RustType::F64 => ok(quote!(#PROTOCOL::f64_text(*#value))),
        RustType::Blob => ok(quote!(#JSON::base64_encode(#value))),
        RustType::Timestamp => {
            let format = time_format(enc, location);
            quote!(#PROTOCOL::time_text(*#value, #format))
        }
        RustType::BigInteger | RustType::BigDecimal => {
            ok(quote!(::std::string::String::from(#value.as_str())))
        }
        RustType::Named(r) => match named(cx, *r) {
            Named::StringEnum => ok(quote!(::std::string::String::from(#value.as_str()))),
            Named::IntEnum => ok(quote!(::std::string::ToString::to_string(&#value.as_i32()))),
            Named::Aggregate => quote!(::std::result::Result::<
                ::std::string::String,
                #ERROR::SerializeError,
            >::Err(#ERROR::SerializeError::new(
                "a structure or union cannot be written as text"
            ))),
        },
        RustType::Document | RustType::List { .. } | RustType::Map { .. } => {
            quote!(::std::result::Result::<
                ::std::string::String,
                #ERROR::SerializeError,
            >::Err(#ERROR::SerializeError::new(
                "this value cannot be written as text"
            )))
        }
    }
}

/// The list item type and encoding of a list field (sparse lists are written without their
/// `None` items and read as all `Some`).
pub(super) fn list_item(f: &Field) -> Option<(&RustType, Encoding, bool)> {
    match &f.ty {
        RustType::List { item, sparse } => Some((
            item,
            f.encoding.item.as_deref().cloned().unwrap_or_default(),
            *sparse,
        )),
        _ => None,
    }
}

fn is_body(f: &Field) -> bool {
    f.http == HttpBinding::Body
}

/// The content type of a payload member, and whether any content type is accepted.
fn payload_content_type(cx: &Ctx<'_>, f: &Field) -> (&'static str, bool) {
    match &f.ty {
        RustType::Blob => ("application/octet-stream", true),
        RustType::String => ("text/plain", true),
        RustType::Named(r) if named(cx, *r) == Named::StringEnum => ("text/plain", true),
        _ => ("application/json", false),
    }
}

/// The `Content-Type` a message of this structure has (`None`: no body) and whether a server
/// accepts any.
pub(super) fn content_type(cx: &Ctx<'_>, def: &StructureDef) -> (Option<String>, bool) {
    if let Some(f) = def.fields.iter().find(|f| f.http == HttpBinding::Payload) {
        let (default, any) = payload_content_type(cx, f);
        let media = f.encoding.media_type.clone();
        return (Some(media.unwrap_or_else(|| default.to_owned())), any);
    }
    if def.fields.iter().any(is_body) {
        (Some("application/json".to_owned()), false)
    } else {
        (None, false)
    }
}

/// `write_http`, `read_http` and the body helpers for a structure that is an operation's
/// message. A response without body members still writes `{}`.
pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let label = def.common.id.name();
    let body_fields: Vec<&Field> = def.fields.iter().filter(|f| is_body(f)).collect();
    let helpers = def.body_holder.as_ref().map(|holder| {
        let body_ref = types::ident(&holder.borrowed);
        let body_holder = types::ident(&holder.owned);
        let ser = json::serialize_fields(cx, label, &body_fields, &quote!(self.0));
        let de = json::read_object(
            cx,
            &def.builder_name,
            label,
            &body_fields,
            &quote!(#body_holder),
        );
        let holder_fields = body_fields.iter().map(|f| {
            let field = types::ident(&f.rust_name);
            let ty = types::field(cx, f);
            quote!(#field: #ty,)
        });
        quote! {
            struct #body_ref<'a>(&'a #name);

            impl ::serde::Serialize for #body_ref<'_> {
                fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                    #ser
                }
            }

            struct #body_holder { #(#holder_fields)* }

            #de
        }
    });
    let write = write_fn(cx, def, &body_fields, def.roles.response());
    let read = http_read::read_fn(cx, def, &body_fields);
    quote! {
        #helpers

        impl #PROTOCOL::Message for #name {
            #write
            #read
        }
    }
}

fn write_fn(
    cx: &Ctx<'_>,
    def: &StructureDef,
    body_fields: &[&Field],
    always_json: bool,
) -> TokenStream {
    let mut statements = Vec::new();
    let mut params = Vec::new();
    for f in &def.fields {
        let field = types::ident(&f.rust_name);
        if let Some((method, name, sparse)) = text_write(f) {
            let optional = f.presence == Presence::Optional;
            let value = if optional {
                quote!(value)
            } else {
                quote!(&self.#field)
            };
            let value = if sparse {
                quote!(#value.iter().flatten())
            } else {
                value
            };
            let call = quote!(out.#method(#name, #value)?;);
            statements.push(if optional {
                quote!(if let ::std::option::Option::Some(value) = &self.#field { #call })
            } else {
                call
            });
            continue;
        }
        let (bind, value) = match f.presence {
            Presence::Optional => (
                quote!(if let ::std::option::Option::Some(value) = &self.#field),
                quote!(value),
            ),
            _ => (quote!(let value = &self.#field;), quote!(value)),
        };
        let body = match &f.http {
            HttpBinding::Body => continue,
            HttpBinding::Label => {
                let text = to_text(cx, &quote!(v), &f.ty, &f.encoding, Location::Label);
                let member = &f.member_name;
                quote!({ let v = #value; out.label(#member, #text?); })
            }
            HttpBinding::Header(header) => match list_item(f) {
                Some((item, enc, sparse)) => {
                    let text = to_text(cx, &quote!(item), item, &enc, Location::Header);
                    let quote_item = if *item == RustType::Timestamp {
                        quote!(text)
                    } else {
                        quote!(#PROTOCOL::quote_list_item(&text))
                    };
                    let iter = if sparse {
                        quote!(#value.iter().flatten())
                    } else {
                        quote!(#value.iter())
                    };
                    quote!({
                        let mut items = ::std::vec::Vec::new();
                        for item in #iter {
                            let text = #text?;
                            items.push(#quote_item);
                        }
                        out.header(#header, &items.join(", "))?;
                    })
                }
                None => {
                    let text = to_text(cx, &quote!(v), &f.ty, &f.encoding, Location::Header);
                    quote!({ let v = #value; out.header(#header, &#text?)?; })
                }
            },
            HttpBinding::Query(param) => match list_item(f) {
                Some((item, enc, sparse)) => {
                    let text = to_text(cx, &quote!(item), item, &enc, Location::Query);
                    let iter = if sparse {
                        quote!(#value.iter().flatten())
                    } else {
                        quote!(#value.iter())
                    };
                    quote!(for item in #iter { out.query(#param, &#text?); })
                }
                None => {
                    let text = to_text(cx, &quote!(v), &f.ty, &f.encoding, Location::Query);
                    quote!({ let v = #value; out.query(#param, &#text?); })
                }
            },
            HttpBinding::QueryParams => {
                params.push(query_params_write(f, &bind, &value));
                continue;
            }
            HttpBinding::PrefixHeaders(prefix) => quote!(
                for (key, v) in #value.iter() {
                    out.header(&::std::format!("{}{}", #prefix, key), v)?;
                }
            ),
            HttpBinding::ResponseCode => quote!(
                out.status = ::std::option::Option::Some(
                    u16::try_from(*#value).map_err(|_| #ERROR::SerializeError::new("the response code is out of range"))?,
                );
            ),
            HttpBinding::Payload => payload_write(cx, f, &value),
        };
        statements.push(quote!({ #bind { #body } }));
    }
    let body = if let Some(holder) = &def.body_holder {
        let body_ref = types::ident(&holder.borrowed);
        quote! {
            out.body = #JSON::to_vec(&#body_ref(self))?;
            out.content_type("application/json")?;
        }
    } else if !body_fields.is_empty() {
        quote! {
            out.body = #JSON::to_vec(self)?;
            out.content_type("application/json")?;
        }
    } else if always_json && !def.fields.iter().any(|f| f.http == HttpBinding::Payload) {
        quote! {
            out.body = ::std::vec::Vec::from(&b"{}"[..]);
            out.content_type("application/json")?;
        }
    } else {
        quote!()
    };
    quote! {
        /// Writes the members where their HTTP bindings say.
        #[allow(unused_variables)]
        fn write_http(&self, out: &mut #PROTOCOL::Outgoing) -> ::std::result::Result<(), #ERROR::SerializeError> {
            #(#statements)*
            #(#params)*
            #body
            ::std::result::Result::Ok(())
        }
    }
}

fn query_params_write(f: &Field, bind: &TokenStream, value: &TokenStream) -> TokenStream {
    let multi =
        matches!(&f.ty, RustType::Map { value, .. } if matches!(**value, RustType::List { .. }));
    let each = if multi {
        quote!(for item in v.iter() {
            out.query(key, item);
        })
    } else {
        quote!(out.query(key, v);)
    };
    quote! {
        #bind {
            let mut taken = ::std::vec::Vec::new();
            for (key, v) in #value.iter() {
                if out.has_query(key) && !taken.contains(key) {
                    continue;
                }
                taken.push(key.clone());
                #each
            }
        }
    }
}

fn payload_write(cx: &Ctx<'_>, f: &Field, value: &TokenStream) -> TokenStream {
    let (default, _) = payload_content_type(cx, f);
    let media = f.encoding.media_type.as_deref().unwrap_or(default);
    match &f.ty {
        RustType::Blob => quote!(out.body = #value.clone(); out.content_type(#media)?;),
        RustType::String => {
            quote!(out.body = ::std::vec::Vec::from(#value.as_bytes()); out.content_type(#media)?;)
        }
        RustType::Named(r) if named(cx, *r) == Named::StringEnum => {
            quote!(out.body = ::std::vec::Vec::from(#value.as_str().as_bytes()); out.content_type(#media)?;)
        }
        _ => {
            let c = json::field_codec(cx, f);
            quote!(out.body = #JSON::to_vec(&#JSON::ser::<#c>(#value))?; out.content_type(#media)?;)
        }
    }
}
