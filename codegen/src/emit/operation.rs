//! The `operation` module: per operation a unit type implementing `crate::Operation` (the
//! client's two conversions between typed values and HTTP messages) and, with the crate's
//! `server` feature, `crate::ServerOperation` (the server's three), and its error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::{ERROR, PROTOCOL};
use super::{SERVER_FEATURE, builder, docs, example, http, structure, types};
use crate::ir::{OperationDef, StructureDef, UriSegment};
use restjson_runtime::__private::protocol::EVENT_STREAM_MEDIA_TYPE;

/// `src/operation/mod.rs`.
pub(super) fn module(cx: &Ctx<'_>) -> TokenStream {
    let items = cx.krate.operations.iter().map(|op| {
        let module = types::ident(&op.module);
        let name = types::ident(&op.rust_name);
        let error = types::ident(&op.error_name);
        quote! {
            mod #module;
            pub use self::#module::{#name, #error};
        }
    });
    quote! {
        //! One unit type per operation, implementing [`crate::Operation`], and its error enum.
        #(#items)*
    }
}

/// The file of one operation.
pub(super) fn emit(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let name = types::ident(&op.rust_name);
    let error = types::ident(&op.error_name);
    let http = op.http.clone().unwrap_or(crate::model::traits::Http {
        method: "POST".to_owned(),
        uri: "/".to_owned(),
        code: 200,
    });
    let (method, uri) = (&http.method, &http.uri);
    let code = proc_macro2::Literal::u16_unsuffixed(http.code);
    let (path, query) = route(op);
    let input_def = op.input.and_then(|r| cx.structure(r));
    // An event-stream request's body is its events (fed to the operation's event reader):
    // its `Content-Type` is the event-stream media type, or none.
    let (content_type, any) = if op.input_events.is_some() {
        (Some(EVENT_STREAM_MEDIA_TYPE.to_owned()), false)
    } else {
        input_def
            .map(|d| http::content_type(cx, d))
            .unwrap_or((None, false))
    };
    let option = |t: Option<String>| match t {
        Some(t) => quote!(::std::option::Option::Some(#t)),
        None => quote!(::std::option::Option::None),
    };
    // What an `Accept` must allow: the output's media type when its response has a body (an
    // output without members answers `{}`), unless it is a blob of any media type.
    let produced = match op
        .output
        .and_then(|r| cx.structure(r))
        .map(|d| http::content_type(cx, d))
    {
        Some((produced, false)) => produced,
        _ => None,
    };
    let (content_type, produced) = (option(content_type), option(produced));
    let media = quote! {
        &#PROTOCOL::Media { request: #content_type, any: #any, response: #produced }
    };
    let options = request_options(op);
    let doc = operation_docs(cx, op);
    let op_name = op.id.name();
    // Operations without an input or output (`smithy.api#Unit`) use `()`.
    let output_def = op.output.and_then(|r| cx.structure(r));
    let type_of = |def: Option<&StructureDef>| {
        def.map(|d| {
            let name = types::ident(&d.common.rust_name);
            quote!(crate::types::#name)
        })
    };
    let (input_ty, output_ty) = (type_of(input_def), type_of(output_def));
    // The unit input and output read and write nothing.
    let validate = match &input_ty {
        Some(input) => quote!(#input::validate),
        None => quote!(#PROTOCOL::unconstrained),
    };
    let (input_ty, output_ty) = (
        input_ty.unwrap_or_else(|| quote!(())),
        output_ty.unwrap_or_else(|| quote!(())),
    );
    let serialize_response = serialize_response(output_def.is_some(), op.output_events.is_some());
    let error_enum = error_enum(cx, op);
    let parse_error = parse_error(cx, op);
    let serialize_error = serialize_error(cx, op);
    let inherent = inherent(op, &input_ty, &output_ty);
    let events = super::event_stream::operation(cx, op);
    let server = super::server_only(true);
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;

        #inherent

        #events

        const PATH: &[#PROTOCOL::PathSegment] = &[#(#path),*];

        impl crate::Operation for #name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error;
            const NAME: &'static str = #op_name;
            const METHOD: &'static str = #method;
            const URI_TEMPLATE: &'static str = #uri;
            const SUCCESS_CODE: u16 = #code;

            #[inline]
            fn serialize_request(input: &Self::Input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #ERROR::SerializeError> {
                #PROTOCOL::write_request(input, Self::METHOD, endpoint, PATH, &[#(#query),*], #options)
            }

            #[inline]
            fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error> {
                #PROTOCOL::read_response(response, #error::Unhandled, #parse_error)
            }

        }

        #server
        impl crate::ServerOperation for #name {
            #[inline]
            fn parse_request<B: ::std::convert::AsRef<[u8]>>(request: &::http::Request<B>) -> ::std::result::Result<Self::Input, #ERROR::RequestRejection> {
                #PROTOCOL::read_request(request, <Self as crate::Operation>::METHOD, PATH, #media, #validate)
            }

            #serialize_response

            #[inline]
            fn serialize_error(error: &Self::Error) -> ::http::Response<::std::vec::Vec<u8>> {
                #serialize_error
            }
        }

        #error_enum
    }
}

/// The `@http` URI's path segments and literal query parameters, as runtime values.
pub(super) fn route(op: &OperationDef) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let path = op.uri_path.iter().map(|s| match s {
        UriSegment::Literal(t) => quote!(#PROTOCOL::PathSegment::Literal(#t)),
        UriSegment::Label(l) => quote!(#PROTOCOL::PathSegment::Label(#l)),
        UriSegment::Greedy(l) => quote!(#PROTOCOL::PathSegment::Greedy(#l)),
    });
    let query = op.uri_query.iter().map(|(k, v)| match v {
        Some(v) => quote!((#k, ::std::option::Option::Some(#v))),
        None => quote!((#k, ::std::option::Option::None)),
    });
    (path.collect(), query.collect())
}

/// What the operation's `@endpoint`, `@httpChecksumRequired` and `@requestCompression` traits
/// add to its requests, as a runtime `RequestOptions`.
fn request_options(op: &OperationDef) -> TokenStream {
    let event_stream = op.input_events.is_some();
    if op.host_prefix.is_none() && !op.checksum_required && !op.gzip_request && !event_stream {
        return quote!(&#PROTOCOL::RequestOptions::NONE);
    }
    let host_prefix = match &op.host_prefix {
        Some(p) => quote!(::std::option::Option::Some(#p)),
        None => quote!(::std::option::Option::None),
    };
    let (md5, gzip) = (op.checksum_required, op.gzip_request);
    quote! {
        &#PROTOCOL::RequestOptions {
            host_prefix: #host_prefix, content_md5: #md5, gzip: #gzip, event_stream: #event_stream,
        }
    }
}

/// `Operation::serialize_response`; a unit output's response has no body, and an output with
/// an event stream says so in its `Content-Type`.
fn serialize_response(has_output: bool, event_stream: bool) -> TokenStream {
    if has_output {
        let write = if event_stream {
            quote!(write_event_stream_response)
        } else {
            quote!(write_response)
        };
        quote! {
            #[inline]
            fn serialize_response(output: &Self::Output) -> ::http::Response<::std::vec::Vec<u8>> {
                #PROTOCOL::#write(output, <Self as crate::Operation>::SUCCESS_CODE)
            }
        }
    } else {
        quote! {
            #[inline]
            fn serialize_response(_: &Self::Output) -> ::http::Response<::std::vec::Vec<u8>> {
                #PROTOCOL::write_unit_response(<Self as crate::Operation>::SUCCESS_CODE)
            }
        }
    }
}

/// The operation's docs: the model's, what it is on the wire, how its pages link, the
/// idempotency rule when its input has tokens, and an example.
fn operation_docs(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let http = op.http.as_ref();
    let (method, uri) = http.map_or(("POST", "/"), |h| (h.method.as_str(), h.uri.as_str()));
    let mut lines = if op.docs.is_empty() {
        vec![format!("The `{}` operation.", op.id.name())]
    } else {
        op.docs.clone()
    };
    lines.push(String::new());
    lines.push(format!(
        "`{method} {uri}`: input {}, output {}, errors [`{}`](crate::operation::{}).",
        cx.message_link(op.input),
        cx.message_link(op.output),
        op.error_name,
        op.error_name
    ));
    lines.push(String::new());
    lines.push(
        "Its conversions are inherent functions (`serialize_request` and `parse_response` for a \
         client; `parse_request`, `serialize_response` and `serialize_error` for a server), so \
         calling them needs no import; the same functions implement [`crate::Operation`] for \
         generic code."
            .to_owned(),
    );
    let input_def = op.input.and_then(|r| cx.structure(r));
    let tokens = input_def.map(builder::filled_tokens).unwrap_or_default();
    if !tokens.is_empty() {
        let names: Vec<String> = tokens
            .iter()
            .map(|f| format!("`{}`", f.rust_name))
            .collect();
        lines.push(String::new());
        lines.push(format!(
            "Idempotency: `serialize_request` sends the input as it is and never invents a token. \
             The input's builder sets {} once when unset, so serializing the same input again \
             (to retry) reuses the token; `fill_idempotency_tokens` fills unset ones from a \
             provider of your choice.",
            names.join(", ")
        ));
    }
    if let Some(example) = example::operation(cx, op) {
        lines.push(String::new());
        lines.push("# Example".to_owned());
        lines.push(String::new());
        lines.extend(example);
    }
    docs::attrs(&lines)
}

/// The conversions as inherent functions (so no trait import is needed), delegating to the
/// `Operation` impl.
fn inherent(op: &OperationDef, input_ty: &TokenStream, output_ty: &TokenStream) -> TokenStream {
    let name = types::ident(&op.rust_name);
    let error = types::ident(&op.error_name);
    quote! {
        impl #name {
            /// Client: the request carrying `input`, sent to `endpoint` (a base URL, possibly
            /// with a path prefix), holding exactly what `input` holds; see
            /// [`Operation::serialize_request`](crate::Operation::serialize_request).
            #[inline]
            pub fn serialize_request(input: &#input_ty, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #ERROR::SerializeError> {
                <Self as crate::Operation>::serialize_request(input, endpoint)
            }

            /// Client: the output of a 2xx response, or the error of any other; see
            /// [`Operation::parse_response`](crate::Operation::parse_response).
            // The error enum is as large as the model's largest error: keep it unboxed, as
            // the trait does.
            #[allow(clippy::result_large_err)]
            #[inline]
            pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output_ty, #error> {
                <Self as crate::Operation>::parse_response(response)
            }

        }

        #[cfg(feature = #SERVER_FEATURE)]
        impl #name {
            /// Server: the input of a request, deserialized and validated; see
            /// [`ServerOperation::parse_request`](crate::ServerOperation::parse_request).
            #[inline]
            pub fn parse_request<B: ::std::convert::AsRef<[u8]>>(request: &::http::Request<B>) -> ::std::result::Result<#input_ty, #ERROR::RequestRejection> {
                <Self as crate::ServerOperation>::parse_request(request)
            }

            /// Server: the response carrying `output`; see
            /// [`ServerOperation::serialize_response`](crate::ServerOperation::serialize_response).
            #[inline]
            pub fn serialize_response(output: &#output_ty) -> ::http::Response<::std::vec::Vec<u8>> {
                <Self as crate::ServerOperation>::serialize_response(output)
            }

            /// Server: the response carrying `error`, with its status; see
            /// [`ServerOperation::serialize_error`](crate::ServerOperation::serialize_error).
            #[inline]
            pub fn serialize_error(error: &#error) -> ::http::Response<::std::vec::Vec<u8>> {
                <Self as crate::ServerOperation>::serialize_error(error)
            }
        }
    }
}

/// The errors of an operation that are structures in the crate.
fn errors<'a>(cx: &Ctx<'a>, op: &OperationDef) -> Vec<&'a StructureDef> {
    op.errors.iter().filter_map(|&e| cx.structure(e)).collect()
}

/// An error structure's code on the wire and its HTTP status (400 for a structure the model
/// does not mark as an error).
fn code_and_status(d: &StructureDef) -> (&str, u16) {
    d.error
        .as_ref()
        .map_or((d.common.shape_name.as_str(), 400), |e| {
            (e.code.as_str(), e.status)
        })
}

fn error_enum(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let error = types::ident(&op.error_name);
    let defs = errors(cx, op);
    let variants = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let doc = docs::line(&format!(
            "The modeled error [`{0}`](crate::types::{0}) (HTTP {1}).",
            d.common.rust_name,
            code_and_status(d).1
        ));
        quote!(#doc #v(crate::types::#v),)
    });
    let codes = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let code = code_and_status(d).0;
        quote!(#error::#v(_) => ::std::option::Option::Some(#code),)
    });
    let messages = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let message = structure::message_of(d);
        // An error structure without a message member binds nothing.
        let binding = if structure::message_field(d).is_some() {
            quote!(e)
        } else {
            quote!(_)
        };
        quote!(#error::#v(#binding) => #message,)
    });
    let doc = format!(
        " The errors of [`{0}`]: one variant per modeled error, and `Unhandled` for anything else.",
        op.rust_name
    );
    // With no modeled errors every value is `Unhandled`, which prints itself.
    let display_body = if defs.is_empty() {
        quote! {
            let #error::Unhandled(e) = self;
            ::std::fmt::Display::fmt(e, f)
        }
    } else {
        quote! {
            if let #error::Unhandled(e) = self {
                return ::std::fmt::Display::fmt(e, f);
            }
            f.write_str(self.code().unwrap_or("error"))?;
            if let ::std::option::Option::Some(message) = self.message() {
                ::std::write!(f, ": {message}")?;
            }
            ::std::result::Result::Ok(())
        }
    };
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #error {
            #(#variants)*
            /// An error this crate does not model, or a response it could not parse.
            Unhandled(#ERROR::UnhandledError),
        }

        impl #error {
            /// The error code: the shape name of a modeled error, or what the response named.
            #[inline]
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#codes)*
                    #error::Unhandled(e) => e.code(),
                }
            }

            /// The error message, when there is one.
            #[inline]
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#messages)*
                    #error::Unhandled(e) => e.message(),
                }
            }
        }

        impl ::std::fmt::Display for #error {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display_body
            }
        }

        impl ::std::error::Error for #error {}
    }
}

/// The closure `read_response` turns a non-2xx response into the error enum with: one arm per
/// modeled error, matched on the response's error code.
fn parse_error(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let error = types::ident(&op.error_name);
    let modeled = errors(cx, op);
    if modeled.is_empty() {
        // No modeled errors: every error response is unhandled.
        return quote!(|error| error.unhandled());
    }
    let arms = modeled.into_iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let code = code_and_status(d).0;
        quote!(::std::option::Option::Some(#code) => error.read(#error::#v),)
    });
    quote! {
        |error| match error.code() {
            #(#arms)*
            _ => error.unhandled(),
        }
    }
}

fn serialize_error(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let error = types::ident(&op.error_name);
    let arms = errors(cx, op).into_iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let (code, status) = code_and_status(d);
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote!(#error::#v(e) => #PROTOCOL::write_error(e, #status, #code),)
    });
    quote! {
        match error {
            #(#arms)*
            #error::Unhandled(e) => #PROTOCOL::unhandled_response(e),
        }
    }
}
