//! `write_http`: each member of a message put where its binding says (labels, query, headers,
//! prefix headers, response code, payload or JSON body).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::binding::{
    Location, Named, is_text, list_item, named, payload_content_type, time_format,
};
use crate::emit::ctx::Ctx;
use crate::emit::runtime::{ERROR, JSON, PROTOCOL};
use crate::emit::{json, types};
use crate::ir::{Encoding, Field, HttpBinding, RustType, StructureDef};

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

/// `write_http`: one statement per member that is not in the JSON body, in member order (and
/// the `@hostLabel` values), then the query parameter and prefix header maps, then the body.
pub(super) fn write_fn(
    cx: &Ctx<'_>,
    def: &StructureDef,
    body_fields: &[&Field],
    response: bool,
) -> TokenStream {
    let mut statements = Vec::new();
    let mut params = Vec::new();
    for f in &def.fields {
        let field = types::ident(&f.rust_name);
        let member = f.member_name.as_str();
        if let Some((method, name, sparse)) = text_write(f) {
            if f.host_label && def.roles.input {
                // A `@hostLabel` member is also bound where its other traits say.
                let value = if f.presence.is_option() {
                    quote!(if let ::std::option::Option::Some(value) = &self.#field { out.host_label(#member, value); })
                } else {
                    quote!(out.host_label(#member, &self.#field);)
                };
                statements.push(value);
            }
            statements.push(text_statement(f, &field, &method, name, sparse));
            continue;
        }
        let (bind, value) = if f.presence.is_option() {
            (
                quote!(if let ::std::option::Option::Some(value) = &self.#field),
                quote!(value),
            )
        } else {
            (quote!(let value = &self.#field;), quote!(value))
        };
        if f.host_label && def.roles.input {
            statements.push(quote!({ #bind { out.host_label(#member, value); } }));
        }
        match &f.http {
            HttpBinding::Body => {}
            HttpBinding::QueryParams => params.push(query_params_write(f, &bind, &value)),
            // After every `@httpHeader` member, which wins over a map entry of the same name.
            HttpBinding::PrefixHeaders(prefix) => params.push(quote!({ #bind {
                for (key, v) in #value.iter() {
                    out.prefix_header(#prefix, key, v)?;
                }
            } })),
            // An unset structure payload is sent as `{}` by a client (Smithy's
            // `RestJsonHttpWithEmptyStructurePayload`), and as no body by a server
            // (`RestJsonHttpPayloadWithStructureAndEmptyResponseBody`); unions send nothing.
            HttpBinding::Payload if f.presence.is_option() && is_structure(cx, &f.ty) => {
                let body = member_write(cx, f, &value);
                statements.push(quote!({ #bind { #body } else if !out.response {
                    out.body = ::std::vec::Vec::from(&b"{}"[..]);
                    out.content_type("application/json");
                } }));
            }
            _ => {
                let body = member_write(cx, f, &value);
                statements.push(quote!({ #bind { #body } }));
            }
        }
    }
    let body = body_write(def, body_fields, response);
    quote! {
        /// Writes the members where their HTTP bindings say.
        #[allow(unused_variables)]
        #[inline]
        fn write_http(&self, out: &mut #PROTOCOL::Outgoing) -> ::std::result::Result<(), #ERROR::SerializeError> {
            #(#statements)*
            #(#params)*
            #body
            ::std::result::Result::Ok(())
        }
    }
}

/// One `Outgoing` text call for a member with the runtime's text form (see [`text_write`]).
fn text_statement(
    f: &Field,
    field: &proc_macro2::Ident,
    method: &proc_macro2::Ident,
    name: &str,
    sparse: bool,
) -> TokenStream {
    let optional = f.presence.is_option();
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
    if optional {
        quote!(if let ::std::option::Option::Some(value) = &self.#field { #call })
    } else {
        call
    }
}

/// Writing `value` (a reference to the member's value) where a non-body binding says; empty for
/// the bindings written elsewhere (body members, query parameter maps).
fn member_write(cx: &Ctx<'_>, f: &Field, value: &TokenStream) -> TokenStream {
    match &f.http {
        HttpBinding::Body | HttpBinding::QueryParams => quote!(),
        HttpBinding::Label => {
            let text = to_text(cx, &quote!(v), &f.ty, &f.encoding, Location::Label);
            let member = &f.member_name;
            quote!({ let v = #value; out.label(#member, #text?); })
        }
        HttpBinding::Header(header) => header_write(cx, f, header, value),
        HttpBinding::Query(param) => query_write(cx, f, param, value),
        HttpBinding::PrefixHeaders(_) => quote!(),
        HttpBinding::ResponseCode => quote!(
            out.status = ::std::option::Option::Some(
                u16::try_from(*#value).map_err(|_| #ERROR::SerializeError::new("the response code is out of range"))?,
            );
        ),
        HttpBinding::Payload => payload_write(cx, f, value),
    }
}

/// The items of a list value, without the `None`s of a sparse one.
fn items(value: &TokenStream, sparse: bool) -> TokenStream {
    if sparse {
        quote!(#value.iter().flatten())
    } else {
        quote!(#value.iter())
    }
}

/// An `@httpHeader` member: one header, a list's items joined by `, ` (quoted where needed).
fn header_write(cx: &Ctx<'_>, f: &Field, header: &str, value: &TokenStream) -> TokenStream {
    match list_item(f) {
        Some((item, enc, sparse)) => {
            let text = to_text(cx, &quote!(item), item, &enc, Location::Header);
            let quote_item = if *item == RustType::Timestamp {
                quote!(text)
            } else {
                quote!(#PROTOCOL::quote_list_item(&text))
            };
            let iter = items(value, sparse);
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
    }
}

/// An `@httpQuery` member: one parameter, repeated for each item of a list.
fn query_write(cx: &Ctx<'_>, f: &Field, param: &str, value: &TokenStream) -> TokenStream {
    match list_item(f) {
        Some((item, enc, sparse)) => {
            let text = to_text(cx, &quote!(item), item, &enc, Location::Query);
            let iter = items(value, sparse);
            quote!(for item in #iter { out.query(#param, &#text?); })
        }
        None => {
            let text = to_text(cx, &quote!(v), &f.ty, &f.encoding, Location::Query);
            quote!({ let v = #value; out.query(#param, &#text?); })
        }
    }
}

/// The JSON body: the body members (through the borrowing holder when other members are bound
/// elsewhere), or for a structure without body members or payload, `{}` in a response and no
/// body in a request (Smithy's `RestJsonEmptyInputAndEmptyOutput`, `RestJsonHttpGetWithNoInput`):
/// `out.response` tells, since one structure can be both an input and an output.
fn body_write(def: &StructureDef, body_fields: &[&Field], response: bool) -> TokenStream {
    if let Some(holder) = &def.body_holder {
        let body_ref = types::ident(&holder.borrowed);
        quote! {
            out.body = #JSON::to_vec(&#body_ref(self))?;
            out.content_type("application/json");
        }
    } else if !body_fields.is_empty() {
        quote! {
            out.body = #JSON::to_vec(self)?;
            out.content_type("application/json");
        }
    } else if response && !def.fields.iter().any(|f| f.http == HttpBinding::Payload) {
        quote! {
            if out.response {
                out.body = ::std::vec::Vec::from(&b"{}"[..]);
                out.content_type("application/json");
            }
        }
    } else {
        quote!()
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

fn is_structure(cx: &Ctx<'_>, ty: &RustType) -> bool {
    matches!(ty, RustType::Named(r) if matches!(cx.ty(*r), crate::ir::TypeDef::Structure(_)))
}

fn payload_write(cx: &Ctx<'_>, f: &Field, value: &TokenStream) -> TokenStream {
    let (default, _) = payload_content_type(cx, f);
    let media = f.encoding.media_type.as_deref().unwrap_or(default);
    match &f.ty {
        RustType::Blob => quote!(out.body = #value.clone(); out.content_type(#media);),
        RustType::String => {
            quote!(out.body = ::std::vec::Vec::from(#value.as_bytes()); out.content_type(#media);)
        }
        RustType::Named(r) if named(cx, *r) == Named::StringEnum => {
            quote!(out.body = ::std::vec::Vec::from(#value.as_str().as_bytes()); out.content_type(#media);)
        }
        _ => {
            let c = json::field_codec(cx, f);
            quote!(out.body = #JSON::to_vec(&#JSON::ser::<#c>(#value))?; out.content_type(#media);)
        }
    }
}
