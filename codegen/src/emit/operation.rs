//! The `operation` module: per operation a unit type implementing `crate::Operation` (the four
//! conversions between typed values and HTTP messages) and its error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::{ERROR, PRIVATE, PROTOCOL};
use super::{docs, http, structure, types};
use crate::ir::{OperationDef, StructureDef, UriSegment};

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
    let (content_type, any) = input_def
        .map(|d| http::content_type(cx, d))
        .unwrap_or((None, false));
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
    let fill_tokens = idempotency(input_def);
    let options = request_options(op);
    let doc = docs::attrs_or(&op.docs, &format!("The `{}` operation.", op.id.name()));
    let summary = format!(
        " Implements [`crate::Operation`]: `{method} {uri}`, input {}, output {}.",
        cx.message_link(op.input),
        cx.message_link(op.output)
    );
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
    let serialize_response = serialize_response(output_def.is_some());
    let error_enum = error_enum(cx, op);
    let parse_error = parse_error(cx, op);
    let serialize_error = serialize_error(cx, op);
    quote! {
        #doc
        ///
        #[doc = #summary]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;

        const PATH: &[#PROTOCOL::PathSegment] = &[#(#path),*];

        impl crate::Operation for #name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error;
            const NAME: &'static str = #op_name;
            const METHOD: &'static str = #method;
            const URI_TEMPLATE: &'static str = #uri;
            const SUCCESS_CODE: u16 = #code;

            fn serialize_request(input: &Self::Input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #ERROR::SerializeError> {
                #fill_tokens
                #PROTOCOL::write_request(input, Self::METHOD, endpoint, PATH, &[#(#query),*], #options)
            }

            fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error> {
                #PROTOCOL::read_response(response, #error::Unhandled, #parse_error)
            }

            fn parse_request<B: ::std::convert::AsRef<[u8]>>(request: &::http::Request<B>) -> ::std::result::Result<Self::Input, #ERROR::RequestRejection> {
                #PROTOCOL::read_request(request, Self::METHOD, PATH, #media, #validate)
            }

            #serialize_response

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
    if op.host_prefix.is_none() && !op.checksum_required && !op.gzip_request {
        return quote!(&#PROTOCOL::RequestOptions::NONE);
    }
    let host_prefix = match &op.host_prefix {
        Some(p) => quote!(::std::option::Option::Some(#p)),
        None => quote!(::std::option::Option::None),
    };
    let (md5, gzip) = (op.checksum_required, op.gzip_request);
    quote!(&#PROTOCOL::RequestOptions { host_prefix: #host_prefix, content_md5: #md5, gzip: #gzip })
}

/// `Operation::serialize_response`; a unit output's response has no body.
fn serialize_response(has_output: bool) -> TokenStream {
    if has_output {
        quote! {
            fn serialize_response(output: &Self::Output) -> ::http::Response<::std::vec::Vec<u8>> {
                #PROTOCOL::write_response(output, Self::SUCCESS_CODE)
            }
        }
    } else {
        quote! {
            fn serialize_response(_: &Self::Output) -> ::http::Response<::std::vec::Vec<u8>> {
                #PROTOCOL::write_unit_response(Self::SUCCESS_CODE)
            }
        }
    }
}

/// Fills unset `@idempotencyToken` members of the input with fresh UUIDs.
fn idempotency(input: Option<&StructureDef>) -> TokenStream {
    let Some(def) = input else {
        return quote!();
    };
    let tokens: Vec<_> = crate::ir::analysis::filled_tokens(def)
        .into_iter()
        .map(|f| types::ident(&f.rust_name))
        .collect();
    if tokens.is_empty() {
        return quote!();
    }
    let fills = tokens.iter().map(|token| {
        quote! {
            if copy.#token.is_none() {
                copy.#token = ::std::option::Option::Some(#PRIVATE::idempotency_token());
            }
        }
    });
    quote! {
        let filled;
        let input = if #(input.#tokens.is_none())||* {
            let mut copy = ::std::clone::Clone::clone(input);
            #(#fills)*
            filled = copy;
            &filled
        } else {
            input
        };
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
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#codes)*
                    #error::Unhandled(e) => e.code(),
                }
            }

            /// The error message, when there is one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#messages)*
                    #error::Unhandled(e) => e.message(),
                }
            }
        }

        impl ::std::fmt::Display for #error {
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
