//! The reading half of the HTTP bindings: `read_http` on the structures that are operation
//! inputs, outputs and errors, for a client (errors are fatal) or a server (missing required
//! members are collected as constraint violations).

use proc_macro2::TokenStream;
use quote::quote;

use super::binding::{Location, Named, is_text, list_item, named, time_format};
use crate::emit::ctx::Ctx;
use crate::emit::runtime::{JSON, PRIMITIVES, PROTOCOL};
use crate::emit::{json, types};
use crate::ir::{Encoding, Field, HttpBinding, Presence, RustType, ServerRule, StructureDef};
use crate::model::traits::TimestampFormat;
use crate::naming;

/// An expression of type `Option<T>` parsing `text` (a `&str`).
fn from_text(
    cx: &Ctx<'_>,
    text: &TokenStream,
    ty: &RustType,
    enc: &Encoding,
    location: Location,
) -> TokenStream {
    match ty {
        RustType::String if location == Location::Header && enc.media_type.is_some() => quote!(
            #JSON::base64_decode(#text).and_then(|b| ::std::string::String::from_utf8(b).ok())
        ),
        RustType::String => quote!(::std::option::Option::Some(::std::string::String::from(#text))),
        RustType::Bool => quote!(#PROTOCOL::parse_bool(#text)),
        RustType::I8 => quote!(#text.parse::<i8>().ok()),
        RustType::I16 => quote!(#text.parse::<i16>().ok()),
        RustType::I32 => quote!(#text.parse::<i32>().ok()),
        RustType::I64 => quote!(#text.parse::<i64>().ok()),
        RustType::F32 => quote!(#PROTOCOL::parse_f32(#text)),
        RustType::F64 => quote!(#PROTOCOL::parse_f64(#text)),
        RustType::Blob => quote!(#JSON::base64_decode(#text)),
        RustType::Timestamp => {
            let format = time_format(enc, location);
            quote!(#PROTOCOL::parse_time(#text, #format))
        }
        RustType::BigInteger => quote!(#PRIMITIVES::BigInteger::parse(#text)),
        RustType::BigDecimal => quote!(#PRIMITIVES::BigDecimal::parse(#text)),
        RustType::Named(r) => {
            let ident = types::ident(cx.name(*r));
            match named(cx, *r) {
                Named::StringEnum => {
                    quote!(::std::option::Option::Some(crate::types::#ident::from(#text)))
                }
                Named::IntEnum => quote!(#text.parse::<i32>().ok().map(crate::types::#ident::from)),
                Named::Aggregate => quote!(::std::option::Option::None),
            }
        }
        _ => quote!(::std::option::Option::None),
    }
}

/// `read_http` for a top-level structure whose body members are `body_fields`.
pub(super) fn read_fn(cx: &Ctx<'_>, def: &StructureDef, body_fields: &[&Field]) -> TokenStream {
    match &def.body_holder {
        Some(holder) => {
            let holder = types::ident(&holder.owned);
            let read_body = quote! {
                let body = #PROTOCOL::read_json::<#holder>(msg.json_body(), msg.server, missing)?;
            };
            read_fields(cx, def, read_body)
        }
        None if body_fields.is_empty() => read_fields(cx, def, quote!()),
        // Every member is in the body: the structure reads itself from the JSON body.
        None => {
            let name = types::ident(&def.common.rust_name);
            quote! {
                /// Reads the members from where their HTTP bindings say.
                #[allow(clippy::ptr_arg)]
                #[inline]
                fn read_http(msg: &#PROTOCOL::Incoming<'_>, missing: &mut ::std::vec::Vec<::std::string::String>) -> ::std::result::Result<Self, #PROTOCOL::ReadError> {
                    #PROTOCOL::read_json::<#name>(msg.json_body(), msg.server, missing)
                }
            }
        }
    }
}

/// `read_http` reading each field from where its binding says, after `read_body` (which reads
/// the body members, if any, into `body`).
fn read_fields(cx: &Ctx<'_>, def: &StructureDef, read_body: TokenStream) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let mut statements = Vec::new();
    for f in &def.fields {
        let local = types::ident(&naming::local_name(&f.rust_name));
        let Some(read) = member_read(cx, f) else {
            let field = types::ident(&f.rust_name);
            statements.push(quote!(let #local = body.#field;));
            continue;
        };
        let member = &f.member_name;
        let location = match &f.http {
            HttpBinding::Header(h) => format!("header `{h}`"),
            HttpBinding::Query(q) => format!("query parameter `{q}`"),
            HttpBinding::Label => format!("label `{member}`"),
            _ => "the message".to_owned(),
        };
        statements.push(match &f.presence {
            Presence::Required => {
                quote!(let #local = msg.required(#read, #member, #location, missing)?;)
            }
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
                // Two statements: `(cond).then_some(x).unwrap_or(d)` in one would be a lint.
                quote!(let #local = #read; let #local = #local #fill;)
            }
            Presence::ClientOptional(ServerRule::Required) => {
                quote!(let #local = msg.required_by_server(#read, #member, missing);)
            }
            Presence::ClientOptional(ServerRule::Default(value)) => {
                let default = types::default_closure(cx, value);
                quote!(let #local = msg.default_by_server(#read, #default);)
            }
            Presence::Optional => quote!(let #local = #read;),
        });
    }
    let locals = def
        .fields
        .iter()
        .map(|f| types::ident(&naming::local_name(&f.rust_name)));
    let names = def.fields.iter().map(|f| types::ident(&f.rust_name));
    quote! {
        /// Reads the members from where their HTTP bindings say.
        #[allow(unused_variables, clippy::ptr_arg)]
        #[inline]
        fn read_http(msg: &#PROTOCOL::Incoming<'_>, missing: &mut ::std::vec::Vec<::std::string::String>) -> ::std::result::Result<Self, #PROTOCOL::ReadError> {
            #read_body
            #(#statements)*
            ::std::result::Result::Ok(#name { #(#names: #locals),* })
        }
    }
}

/// An expression of type `Option<T>` reading a member from where its binding says; `None` for
/// a member of the JSON body, which is read with the others.
fn member_read(cx: &Ctx<'_>, f: &Field) -> Option<TokenStream> {
    let member = &f.member_name;
    Some(match &f.http {
        HttpBinding::Body => return None,
        HttpBinding::Label => {
            if is_text(&f.ty, &f.encoding, Location::Label) {
                quote!(msg.label_text(#member)?)
            } else {
                let parse = from_text(cx, &quote!(text), &f.ty, &f.encoding, Location::Label);
                quote!(msg.label_with(#member, |text| #parse)?)
            }
        }
        HttpBinding::Header(header) => text_read(cx, f, Location::Header, header),
        HttpBinding::Query(param) => text_read(cx, f, Location::Query, param),
        HttpBinding::QueryParams => {
            let multi = matches!(&f.ty, RustType::Map { value, .. } if matches!(**value, RustType::List { .. }));
            let insert = if multi {
                quote!(map.entry(k.clone()).or_insert_with(::std::vec::Vec::new).push(v.clone());)
            } else {
                quote!(map.entry(k.clone()).or_insert_with(|| v.clone());)
            };
            quote!({
                let mut map = ::std::collections::BTreeMap::new();
                for (k, v) in msg.query.iter() {
                    #insert
                }
                (!map.is_empty()).then_some(map)
            })
        }
        HttpBinding::PrefixHeaders(prefix) => quote!({
            let map: ::std::collections::BTreeMap<::std::string::String, ::std::string::String> =
                msg.prefixed_headers(#prefix).map_err(#PROTOCOL::ReadError::Binding)?.into_iter().collect();
            (!map.is_empty()).then_some(map)
        }),
        HttpBinding::ResponseCode => quote!((msg.status != 0).then_some(i32::from(msg.status))),
        HttpBinding::Payload => payload_read(cx, f),
    })
}

/// Reading an `@httpHeader` or `@httpQuery` member (`location` is `Header` or `Query`) named
/// `name`: through the runtime's text form when the value (or a dense list's items) has one,
/// else parsing each text here. Header lists are split on commas outside quotes, or as HTTP
/// dates for `http-date` timestamps.
fn text_read(cx: &Ctx<'_>, f: &Field, location: Location, name: &str) -> TokenStream {
    let header = location == Location::Header;
    let method = |suffix: &str| {
        let prefix = if header { "header" } else { "query" };
        proc_macro2::Ident::new(
            &format!("{prefix}_{suffix}"),
            proc_macro2::Span::call_site(),
        )
    };
    match list_item(f) {
        Some((item, enc, false)) if is_text(item, &enc, location) => {
            let list = method("list");
            quote!(msg.#list(#name)?)
        }
        Some((item, enc, sparse)) => {
            let one = from_text(cx, &quote!(item), item, &enc, location);
            let one = if sparse {
                quote!(#one.map(::std::option::Option::Some))
            } else {
                one
            };
            let list_with = method("list_with");
            if !header {
                return quote!(msg.#list_with(#name, |item| #one)?);
            }
            let split = if *item == RustType::Timestamp
                && enc
                    .timestamp_format
                    .is_none_or(|t| t == TimestampFormat::HttpDate)
            {
                quote!(#PROTOCOL::split_http_dates)
            } else {
                quote!(#PROTOCOL::split_header_list)
            };
            quote!(msg.#list_with(#name, #split, |item| #one)?)
        }
        None if is_text(&f.ty, &f.encoding, location) => {
            let text = method("text");
            quote!(msg.#text(#name)?)
        }
        None => {
            let parse = from_text(cx, &quote!(text), &f.ty, &f.encoding, location);
            let with = method("with");
            quote!(msg.#with(#name, |text| #parse)?)
        }
    }
}

fn payload_read(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let member = &f.member_name;
    match &f.ty {
        RustType::Blob => quote!((!msg.body.is_empty()).then(|| msg.body.to_vec())),
        RustType::String => quote!(if msg.body.is_empty() {
            ::std::option::Option::None
        } else {
            ::std::option::Option::Some(
                ::std::string::String::from_utf8(msg.body.to_vec()).map_err(|_| {
                    #PROTOCOL::ReadError::Binding(::std::string::String::from(
                        "the payload is not UTF-8",
                    ))
                })?,
            )
        }),
        RustType::Named(r) if named(cx, *r) == Named::StringEnum => {
            let ident = types::ident(cx.name(*r));
            quote!(if msg.body.is_empty() {
                ::std::option::Option::None
            } else {
                ::std::option::Option::Some(crate::types::#ident::from(::std::str::from_utf8(msg.body).map_err(|_| #PROTOCOL::ReadError::Binding(::std::string::String::from("the payload is not UTF-8")))?))
            })
        }
        _ => {
            let c = json::field_codec(cx, f);
            let present = match &f.ty {
                RustType::Named(r) if cx.structure(*r).is_some() => {
                    quote!(msg.has_structure_payload())
                }
                _ => quote!(msg.has_json_payload()),
            };
            quote!(if !#present {
                ::std::option::Option::None
            } else {
                let mut found = ::std::vec::Vec::new();
                let value = #PROTOCOL::read_json::<#JSON::Payload<#c>>(msg.body, msg.server, &mut found)?.0;
                missing.extend(found.into_iter().map(|p| ::std::format!("/{}{}", #member, p)));
                ::std::option::Option::Some(value)
            })
        }
    }
}
