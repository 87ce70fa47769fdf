//! Event streams (feature `event-stream` of the generated crate): for each event structure its
//! message form (crate-private `__to_event` and `__from_event`, in the structure's file, where
//! its builder's fields are visible), for each `@streaming` union the runtime's `EventUnion`,
//! and for each event-stream operation the functions returning its event writers and readers.
//! Every item is behind `#[cfg(feature = "event-stream")]`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::{ERROR, EVENT_STREAM, EVENT_STREAM_GLUE};
use super::types;
use crate::ir::{
    EventDef, EventPayload, Field, OperationDef, Presence, RustType, StructureDef, TypeDef,
    UnionDef,
};

/// The message form of an event structure.
pub(super) fn event_struct(cx: &Ctx<'_>, def: &StructureDef, event: &EventDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let (write_payload, read_payload, holder) = payload(cx, def, &event.payload);
    let write_headers = event
        .headers
        .iter()
        .map(|&i| write_header(cx, &def.fields[i]));
    let read_headers = event
        .headers
        .iter()
        .map(|&i| read_header(cx, &def.fields[i]));
    let values = def.fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let wire = &f.member_name;
        match &f.presence {
            Presence::Required => quote! {
                #field: #field.ok_or_else(|| #EVENT_STREAM_GLUE::missing(event_type, #wire))?
            },
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
                quote!(#field: #field #fill)
            }
            Presence::ClientOptional(_) | Presence::Optional => quote!(#field),
        }
    });
    let mutability = (!event.headers.is_empty() || !matches!(event.payload, EventPayload::Empty))
        .then(|| quote!(mut));
    let allow_unwrap = def
        .fields
        .iter()
        .any(|f| matches!(f.presence, Presence::Default(_)))
        .then(|| quote!(#[allow(clippy::unnecessary_literal_unwrap)]));
    quote! {
        #[cfg(feature = "event-stream")]
        mod __event_stream {
            #[allow(unused_imports)]
            use super::*;

            #holder

            impl #name {
                /// The `event` message of this value as the event `event_type`.
                #[inline]
                pub(crate) fn __to_event(&self, event_type: &'static str) -> ::std::result::Result<#EVENT_STREAM::Message, #EVENT_STREAM::EventError> {
                    let #mutability message = #EVENT_STREAM::event_message(event_type);
                    #write_payload
                    #(#write_headers)*
                    ::std::result::Result::Ok(message)
                }

                /// The value of an `event` message of the event `event_type`.
                #allow_unwrap
                #[inline]
                pub(crate) fn __from_event(message: &#EVENT_STREAM::Message, event_type: &str) -> ::std::result::Result<Self, #EVENT_STREAM::EventError> {
                    // Named in the errors of most members, not all; an event without
                    // members reads neither.
                    let _ = (message, event_type);
                    #read_payload
                    #(#read_headers)*
                    ::std::result::Result::Ok(#name { #(#values),* })
                }
            }
        }
    }
}

/// Whether a field's target is a string enum (a header of its value's text).
fn is_enum(cx: &Ctx<'_>, ty: &RustType) -> bool {
    matches!(ty, RustType::Named(r) if matches!(cx.ty(*r), TypeDef::Enum(_)))
}

fn write_header(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let field = types::ident(&f.rust_name);
    let wire = &f.member_name;
    let put = |value: TokenStream| {
        if is_enum(cx, &f.ty) {
            quote!(#EVENT_STREAM_GLUE::put_str_header(&mut message, #wire, #value.as_str());)
        } else {
            quote!(#EVENT_STREAM_GLUE::put_header(&mut message, #wire, #value);)
        }
    };
    if f.presence.is_option() {
        let put = put(quote!(value));
        quote! {
            if let ::std::option::Option::Some(value) = &self.#field {
                #put
            }
        }
    } else {
        put(quote!(&self.#field))
    }
}

fn read_header(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let field = types::ident(&f.rust_name);
    let wire = &f.member_name;
    if is_enum(cx, &f.ty) {
        let ty = types::value(cx, &f.ty);
        quote! {
            let #field = #EVENT_STREAM_GLUE::header::<::std::string::String>(message, event_type, #wire)?
                .map(|value| <#ty>::from(value.as_str()));
        }
    } else {
        let ty = types::value(cx, &f.ty);
        quote! {
            let #field = #EVENT_STREAM_GLUE::header::<#ty>(message, event_type, #wire)?;
        }
    }
}

/// Writing and reading the payload, and the private structs of a JSON body.
fn payload(
    cx: &Ctx<'_>,
    def: &StructureDef,
    payload: &EventPayload,
) -> (TokenStream, TokenStream, TokenStream) {
    match payload {
        EventPayload::Empty => (quote!(), quote!(), quote!()),
        EventPayload::Member(i) => {
            let f = &def.fields[*i];
            let field = types::ident(&f.rust_name);
            let (content_type, to_bytes, from_message) = match &f.ty {
                RustType::Blob => (
                    f.encoding
                        .media_type
                        .clone()
                        .unwrap_or_else(|| "application/octet-stream".to_owned()),
                    quote!(value.clone()),
                    quote!(#EVENT_STREAM_GLUE::blob_payload(message)),
                ),
                RustType::String => (
                    f.encoding
                        .media_type
                        .clone()
                        .unwrap_or_else(|| "text/plain".to_owned()),
                    quote!(value.clone().into_bytes()),
                    quote!(#EVENT_STREAM_GLUE::text_payload(message, event_type)?),
                ),
                _ => {
                    let read = quote!(#EVENT_STREAM_GLUE::from_json(message, event_type)?);
                    let read = if f.boxed {
                        quote!(::std::boxed::Box::new(#read))
                    } else {
                        read
                    };
                    (
                        "application/json".to_owned(),
                        quote!(#EVENT_STREAM_GLUE::to_json(event_type, value)?),
                        read,
                    )
                }
            };
            let write = if f.presence.is_option() {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#field {
                        #EVENT_STREAM_GLUE::set_payload(&mut message, #content_type, #to_bytes);
                    }
                }
            } else {
                quote! {
                    let value = &self.#field;
                    #EVENT_STREAM_GLUE::set_payload(&mut message, #content_type, #to_bytes);
                }
            };
            // An absent optional payload is an empty one.
            let read = if f.presence.is_option() {
                quote! {
                    let #field = if message.payload().is_empty() {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(#from_message)
                    };
                }
            } else {
                quote!(let #field = ::std::option::Option::Some(#from_message);)
            };
            (write, read, quote!())
        }
        EventPayload::Body { fields, holder } => {
            let body_fields: Vec<&Field> = fields.iter().map(|&i| &def.fields[i]).collect();
            let (borrowed, owned) = (types::ident(&holder.borrowed), types::ident(&holder.owned));
            let take = body_fields.iter().map(|f| {
                let field = types::ident(&f.rust_name);
                // Read into the field's final form: re-wrapped so that the presence rules of
                // the structure's constructor apply alike to headers and body members.
                if f.presence.is_option() {
                    quote!(let #field = body.#field;)
                } else {
                    quote!(let #field = ::std::option::Option::Some(body.#field);)
                }
            });
            let holders = super::http::body_holders(cx, def, &body_fields, holder, None);
            let write = quote! {
                #EVENT_STREAM_GLUE::set_payload(&mut message, "application/json", #EVENT_STREAM_GLUE::to_json(event_type, &#borrowed(self))?);
            };
            let read = quote! {
                let body: #owned = #EVENT_STREAM_GLUE::from_json(message, event_type)?;
                #(#take)*
            };
            (write, read, holders)
        }
    }
}

/// `EventUnion` for a `@streaming` union.
pub(super) fn event_union(cx: &Ctx<'_>, def: &UnionDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let label = def.common.shape_name.as_str();
    let unknown = types::ident(&def.unknown_variant);
    let mut to = Vec::new();
    let mut events = Vec::new();
    let mut exceptions = Vec::new();
    for v in &def.variants {
        let variant = types::ident(&v.rust_name);
        let wire = &v.member_name;
        let ty = v.ty.as_ref().map(|t| types::value(cx, t));
        let wrap = |value: TokenStream| {
            if v.boxed {
                quote!(::std::boxed::Box::new(#value))
            } else {
                value
            }
        };
        match ty {
            None => {
                to.push(quote!(Self::#variant => ::std::result::Result::Ok(#EVENT_STREAM::event_message(#wire)),));
                events.push(quote!(#wire => ::std::result::Result::Ok(::std::option::Option::Some(Self::#variant)),));
            }
            Some(ty) if v.event_exception => {
                to.push(quote! {
                    Self::#variant(value) => ::std::result::Result::Ok(#EVENT_STREAM::exception_message(#wire, #EVENT_STREAM_GLUE::to_json(#wire, value)?)),
                });
                let value = wrap(quote!(value));
                exceptions.push(quote! {
                    #wire => #EVENT_STREAM_GLUE::from_json::<#ty>(message, #wire).map(|value| ::std::option::Option::Some(Self::#variant(#value))),
                });
            }
            Some(ty) => {
                to.push(quote!(Self::#variant(value) => value.__to_event(#wire),));
                let value = wrap(quote!(value));
                events.push(quote! {
                    #wire => <#ty>::__from_event(message, #wire).map(|value| ::std::option::Option::Some(Self::#variant(#value))),
                });
            }
        }
    }
    // A union without events (or without exceptions) knows no type: no `match` of one arm.
    let dispatch = |kind: TokenStream, arms: &[TokenStream]| {
        if arms.is_empty() {
            quote! {
                let _ = (#kind, message);
                ::std::result::Result::Ok(::std::option::Option::None)
            }
        } else {
            quote! {
                match #kind {
                    #(#arms)*
                    _ => ::std::result::Result::Ok(::std::option::Option::None),
                }
            }
        }
    };
    let from_event = dispatch(quote!(event_type), &events);
    let from_exception = dispatch(quote!(exception_type), &exceptions);
    quote! {
        #[cfg(feature = "event-stream")]
        impl #EVENT_STREAM::EventUnion for #name {
            const NAME: &'static str = #label;

            #[inline]
            fn to_message(&self) -> ::std::result::Result<#EVENT_STREAM::Message, #EVENT_STREAM::EventError> {
                match self {
                    #(#to)*
                    Self::#unknown => ::std::result::Result::Err(#EVENT_STREAM_GLUE::unknown_variant(#label)),
                }
            }

            #[inline]
            fn from_event(event_type: &str, message: &#EVENT_STREAM::Message) -> ::std::result::Result<::std::option::Option<Self>, #EVENT_STREAM::EventError> {
                #from_event
            }

            #[inline]
            fn from_exception(exception_type: &str, message: &#EVENT_STREAM::Message) -> ::std::result::Result<::std::option::Option<Self>, #EVENT_STREAM::EventError> {
                #from_exception
            }

            #[inline]
            fn validate_event(&self) -> ::std::result::Result<(), #ERROR::ValidationError> {
                self.validate()
            }
        }
    }
}

/// The event writers and readers of an event-stream operation.
pub(super) fn operation(cx: &Ctx<'_>, op: &OperationDef) -> Option<TokenStream> {
    if op.input_events.is_none() && op.output_events.is_none() {
        return None;
    }
    let name = types::ident(&op.rust_name);
    let mut fns = Vec::new();
    for (events, writer_doc, writer, reader_doc, reader) in [
        (
            op.input_events,
            " Client: the writer of the input's events (the request body after the initial request).",
            "input_event_writer",
            " Server: the reader of the input's events, fed the request body as it arrives; each event is checked against the model's constraints.",
            "input_event_reader",
        ),
        (
            op.output_events,
            " Server: the writer of the output's events (the response body after the initial response).",
            "output_event_writer",
            " Client: the reader of the output's events, fed the response body as it arrives.",
            "output_event_reader",
        ),
    ] {
        let Some(r) = events else { continue };
        let union = types::ident(cx.name(r));
        // A server checks the events it reads, as it checks its input; a client takes what
        // the service sends.
        let validating = (reader == "input_event_reader").then(|| quote!(.validating()));
        // The server's halves are behind its feature, like its other conversions.
        let (writer_cfg, reader_cfg) = if reader == "input_event_reader" {
            (None, super::server_only(true))
        } else {
            (super::server_only(true), None)
        };
        let (writer, reader) = (types::ident(writer), types::ident(reader));
        fns.push(quote! {
            #[doc = #writer_doc]
            #writer_cfg
            #[inline]
            pub fn #writer() -> #EVENT_STREAM::EventWriter<crate::types::#union> {
                #EVENT_STREAM::EventWriter::new()
            }

            #[doc = #reader_doc]
            #reader_cfg
            #[inline]
            pub fn #reader() -> #EVENT_STREAM::EventReader<crate::types::#union> {
                #EVENT_STREAM::EventReader::new()#validating
            }
        });
    }
    Some(quote! {
        /// The event streams (feature `event-stream`): sans-IO writers and readers of typed
        /// events; see the `event_stream` module.
        #[cfg(feature = "event-stream")]
        impl #name {
            #(#fns)*
        }
    })
}
