//! The `operation` module: per operation a unit type implementing `crate::Operation` (the four
//! conversions between typed values and HTTP messages) and its error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, http, types};
use crate::ir::{
    Crate, Field, OperationDef, Presence, RustType, StructureDef, TypeDef, UriSegment,
};

/// The structure with this Rust name.
pub(super) fn structure<'a>(krate: &'a Crate, name: &str) -> Option<&'a StructureDef> {
    krate.types.iter().find_map(|t| match t {
        TypeDef::Structure(s) if s.common.rust_name == name => Some(s),
        _ => None,
    })
}

/// `src/operation/mod.rs`.
pub(super) fn module(krate: &Crate) -> TokenStream {
    let items = krate.operations.iter().map(|op| {
        let module = types::ident(&crate::naming::module_name(&op.rust_name));
        let name = types::ident(&op.rust_name);
        let error = types::ident(&format!("{}Error", op.rust_name));
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
pub(super) fn emit(krate: &Crate, op: &OperationDef) -> TokenStream {
    let name = types::ident(&op.rust_name);
    let error = types::ident(&format!("{}Error", op.rust_name));
    let input = types::ident(&op.input);
    let output = types::ident(&op.output);
    let http = op.http.clone().unwrap_or(crate::model::traits::Http {
        method: "POST".to_owned(),
        uri: "/".to_owned(),
        code: 200,
    });
    let (method, uri) = (&http.method, &http.uri);
    let code = proc_macro2::Literal::u16_unsuffixed(http.code);
    let path = op.uri_path.iter().map(|s| match s {
        UriSegment::Literal(t) => quote!(crate::protocol::PathSegment::Literal(#t)),
        UriSegment::Label(l) => quote!(crate::protocol::PathSegment::Label(#l)),
        UriSegment::Greedy(l) => quote!(crate::protocol::PathSegment::Greedy(#l)),
    });
    let query = op.uri_query.iter().map(|(k, v)| match v {
        Some(v) => quote!((#k, ::std::option::Option::Some(#v))),
        None => quote!((#k, ::std::option::Option::None)),
    });
    let input_def = structure(krate, &op.input);
    let (content_type, any) = input_def
        .map(|d| http::content_type(krate, d))
        .unwrap_or((None, false));
    let content_type = match content_type {
        Some(t) => quote!(::std::option::Option::Some(#t)),
        None => quote!(::std::option::Option::None),
    };
    let fill_tokens = idempotency(input_def);
    let doc = docs::attrs_or(&op.docs, &format!("The `{}` operation.", op.id.name()));
    let summary = format!(
        " Implements [`crate::Operation`]: `{method} {uri}`, input [`{0}`](crate::types::{0}), output [`{1}`](crate::types::{1}).",
        op.input, op.output
    );
    let op_name = op.id.name();
    // Operations without an input or output (`smithy.api#Unit`) use `()`.
    let output_def = structure(krate, &op.output);
    let input_ty = match input_def {
        Some(_) => quote!(crate::types::#input),
        None => quote!(()),
    };
    let output_ty = match output_def {
        Some(_) => quote!(crate::types::#output),
        None => quote!(()),
    };
    let write_input = match input_def {
        Some(_) => quote!(input.write_http(&mut out)?;),
        None => quote!(let () = *input;),
    };
    let read_input = match input_def {
        Some(_) => quote! {
            let mut missing = ::std::vec::Vec::new();
            let input = crate::types::#input::read_http(&msg, &mut missing)
                .map_err(|e| crate::error::RequestRejection::Serialization(::std::string::ToString::to_string(&e)))?;
            crate::protocol::check_constraints(missing, input.validate())?;
            ::std::result::Result::Ok(input)
        },
        None => quote! {
            let _ = msg;
            ::std::result::Result::Ok(())
        },
    };
    let read_output = match output_def {
        Some(_) => quote! {
            crate::types::#output::read_http(&msg, &mut ::std::vec::Vec::new()).map_err(|e| {
                #error::Unhandled(crate::error::UnhandledError::new(
                    ::std::option::Option::None,
                    ::std::option::Option::Some(::std::format!("could not parse the response: {e}")),
                    status,
                    response.headers().clone(),
                ))
            })
        },
        None => quote! {
            let _ = msg;
            ::std::result::Result::Ok(())
        },
    };
    let write_output = match output_def {
        Some(_) => quote!(output.write_http(&mut out)),
        None => quote!({
            let () = *output;
            out.body = ::std::vec::Vec::from(&b"{}"[..]);
            out.content_type("application/json")
        }),
    };
    let error_enum = error_enum(krate, op);
    let parse_error = parse_error(krate, op);
    let serialize_error = serialize_error(krate, op);
    quote! {
        #doc
        ///
        #[doc = #summary]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;

        const PATH: &[crate::protocol::PathSegment] = &[#(#path),*];
        const LITERAL_QUERY: &[(&str, ::std::option::Option<&str>)] = &[#(#query),*];
        const CONTENT_TYPE: ::std::option::Option<&str> = #content_type;

        impl crate::Operation for #name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error;
            const NAME: &'static str = #op_name;
            const METHOD: &'static str = #method;
            const URI_TEMPLATE: &'static str = #uri;
            const SUCCESS_CODE: u16 = #code;

            fn serialize_request(input: &Self::Input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                #fill_tokens
                #[allow(unused_mut)]
                let mut out = crate::protocol::Outgoing::default();
                #write_input
                crate::protocol::finish_request(#method, endpoint, PATH, LITERAL_QUERY, out)
            }

            fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error> {
                let status = response.status();
                if !status.is_success() {
                    return ::std::result::Result::Err(parse_error(response));
                }
                let msg = crate::protocol::Incoming {
                    status: status.as_u16(),
                    headers: response.headers(),
                    query: &[],
                    labels: &[],
                    body: response.body().as_ref(),
                    server: false,
                };
                #read_output
            }

            fn parse_request<B: ::std::convert::AsRef<[u8]>>(request: &::http::Request<B>) -> ::std::result::Result<Self::Input, crate::error::RequestRejection> {
                if request.method().as_str() != #method {
                    return ::std::result::Result::Err(crate::error::RequestRejection::MethodNotAllowed(
                        ::std::string::String::from(request.method().as_str()),
                    ));
                }
                let labels = crate::protocol::match_path(PATH, request.uri().path()).ok_or_else(|| {
                    crate::error::RequestRejection::NotFound(::std::string::String::from(request.uri().path()))
                })?;
                let query = crate::protocol::parse_query(request.uri().query())?;
                crate::protocol::check_content_type(request.headers(), request.body().as_ref(), CONTENT_TYPE, #any)?;
                let msg = crate::protocol::Incoming {
                    status: 0,
                    headers: request.headers(),
                    query: &query,
                    labels: &labels,
                    body: request.body().as_ref(),
                    server: true,
                };
                #read_input
            }

            fn serialize_response(output: &Self::Output) -> ::http::Response<::std::vec::Vec<u8>> {
                let mut out = crate::protocol::Outgoing::default();
                let written = #write_output;
                match written {
                    ::std::result::Result::Ok(()) => crate::protocol::finish_response(#code, out),
                    ::std::result::Result::Err(e) => crate::protocol::internal_failure(&e),
                }
            }

            fn serialize_error(error: &Self::Error) -> ::http::Response<::std::vec::Vec<u8>> {
                #serialize_error
            }
        }

        #parse_error

        #error_enum
    }
}

/// Fills unset `@idempotencyToken` members of the input with fresh UUIDs.
fn idempotency(input: Option<&StructureDef>) -> TokenStream {
    let Some(def) = input else {
        return quote!();
    };
    let tokens: Vec<_> = def
        .fields
        .iter()
        .filter(|f| {
            f.idempotency_token && f.presence == Presence::Optional && f.ty == RustType::String
        })
        .map(|f| types::ident(&f.rust_name))
        .collect();
    if tokens.is_empty() {
        return quote!();
    }
    quote! {
        let filled;
        let input = if #(input.#tokens.is_none())||* {
            let mut copy = ::std::clone::Clone::clone(input);
            #(
                if copy.#tokens.is_none() {
                    copy.#tokens = ::std::option::Option::Some(::std::string::ToString::to_string(&::uuid::Uuid::new_v4()));
                }
            )*
            filled = copy;
            &filled
        } else {
            input
        };
    }
}

/// Whether the crate needs `uuid`: some operation input has an idempotency token.
pub(super) fn needs_uuid(krate: &Crate) -> bool {
    krate.operations.iter().any(|op| {
        structure(krate, &op.input).is_some_and(|d| {
            d.fields.iter().any(|f| {
                f.idempotency_token && f.presence == Presence::Optional && f.ty == RustType::String
            })
        })
    })
}

/// The errors of an operation that are structures in the crate.
fn errors<'a>(krate: &'a Crate, op: &OperationDef) -> Vec<&'a StructureDef> {
    op.errors
        .iter()
        .filter_map(|e| structure(krate, e))
        .collect()
}

/// The `message` member of an error structure, as `Option<&str>` from `e`.
/// The error structure's message member: `message` in any case, holding a string.
fn message_field(def: &StructureDef) -> Option<&Field> {
    def.fields
        .iter()
        .find(|f| f.member_name.eq_ignore_ascii_case("message") && f.ty == RustType::String)
}

fn message_of(def: &StructureDef) -> TokenStream {
    match message_field(def) {
        Some(f) => {
            let name = types::ident(&f.rust_name);
            match f.presence {
                Presence::Optional => quote!(e.#name.as_deref()),
                _ => quote!(::std::option::Option::Some(e.#name.as_str())),
            }
        }
        None => quote!(::std::option::Option::None),
    }
}

fn error_enum(krate: &Crate, op: &OperationDef) -> TokenStream {
    let error = types::ident(&format!("{}Error", op.rust_name));
    let defs = errors(krate, op);
    let variants = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let doc = docs::line(&format!(
            "The modeled error [`{0}`](crate::types::{0}) (HTTP {1}).",
            d.common.rust_name,
            d.error.map_or(400, |e| e.status)
        ));
        quote!(#doc #v(crate::types::#v),)
    });
    let codes = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let code = d.common.id.name();
        quote!(#error::#v(_) => ::std::option::Option::Some(#code),)
    });
    let messages = defs.iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let message = message_of(d);
        // An error structure without a message member binds nothing.
        let binding = if message_field(d).is_some() {
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
            Unhandled(crate::error::UnhandledError),
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

fn parse_error(krate: &Crate, op: &OperationDef) -> TokenStream {
    let error = types::ident(&format!("{}Error", op.rust_name));
    let modeled = errors(krate, op);
    let unhandled_doc = docs::line("The error of a non-2xx response.");
    if modeled.is_empty() {
        // No modeled errors: every error response is unhandled.
        return quote! {
            #unhandled_doc
            fn parse_error<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> #error {
                let (code, message) = crate::protocol::error_code_and_message(response.headers(), response.body().as_ref());
                #error::Unhandled(crate::error::UnhandledError::new(
                    code,
                    message,
                    response.status(),
                    response.headers().clone(),
                ))
            }
        };
    }
    let arms = modeled.into_iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let code = d.common.id.name();
        quote! {
            ::std::option::Option::Some(#code) => match crate::types::#v::read_http(&msg, &mut ::std::vec::Vec::new()) {
                ::std::result::Result::Ok(e) => #error::#v(e),
                ::std::result::Result::Err(e) => unhandled(::std::option::Option::Some(::std::format!("could not parse the `{}` error: {e}", #code))),
            },
        }
    });
    quote! {
        #unhandled_doc
        fn parse_error<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> #error {
            let body = response.body().as_ref();
            let (code, message) = crate::protocol::error_code_and_message(response.headers(), body);
            let msg = crate::protocol::Incoming {
                status: response.status().as_u16(),
                headers: response.headers(),
                query: &[],
                labels: &[],
                body,
                server: false,
            };
            let unhandled = |message: ::std::option::Option<::std::string::String>| {
                #error::Unhandled(crate::error::UnhandledError::new(
                    code.clone(),
                    message,
                    response.status(),
                    response.headers().clone(),
                ))
            };
            match code.as_deref() {
                #(#arms)*
                _ => unhandled(message),
            }
        }
    }
}

fn serialize_error(krate: &Crate, op: &OperationDef) -> TokenStream {
    let error = types::ident(&format!("{}Error", op.rust_name));
    let arms = errors(krate, op).into_iter().map(|d| {
        let v = types::ident(&d.common.rust_name);
        let code = d.common.id.name();
        let status = proc_macro2::Literal::u16_unsuffixed(d.error.map_or(400, |e| e.status));
        quote! {
            #error::#v(e) => {
                let mut out = crate::protocol::Outgoing::default();
                match e.write_http(&mut out) {
                    ::std::result::Result::Ok(()) => crate::protocol::finish_error(#status, #code, out),
                    ::std::result::Result::Err(e) => crate::protocol::internal_failure(&e),
                }
            }
        }
    });
    quote! {
        match error {
            #(#arms)*
            #error::Unhandled(e) => crate::protocol::unhandled_response(e),
        }
    }
}
