//! `src/client.rs` (feature `client`): the service's `Client`, a runtime `client::Config`
//! built for this service, with one `async fn` per operation that calls the runtime's
//! generic `client::call`. What the runtime needs to know of the service is one static
//! `client::Service`: the signing name, every error code with its `@retryable` trait, and the
//! endpoint resolver over the rule set's built-in parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::docs;
use super::runtime::{CLIENT, ENDPOINT};
use super::types;
use crate::ir::endpoint::EndpointDef;
use crate::ir::{OperationDef, RetryClass, TypeDef};
use restjson_runtime::endpoint::rules::ParameterType;

/// The client module, for a service with a SigV4 signing name.
pub(super) fn emit(cx: &Ctx<'_>, signing_name: &str) -> TokenStream {
    let errors = error_table(cx);
    let resolve = resolve_endpoint(cx.krate.endpoint.as_ref());
    let methods = cx.krate.operations.iter().map(|op| method(cx, op));
    let title = &cx.krate.service.title;
    let module_doc = [
        format!(" The client of {title} (feature `client`): build one with [`Client::builder`],"),
        " then call one `async` method per operation. Each call serializes its input once, signs"
            .to_owned(),
        " it with SigV4, sends it through the configured transport and retries it as the AWS"
            .to_owned(),
        " SDKs' standard mode does; see the runtime's `client` module.".to_owned(),
    ];
    quote! {
        #(#![doc = #module_doc])*

        pub use #CLIENT::{
            BoxFuture, Error, ErrorKind, FieldError, RetryConfig, RetryKind, Response,
            ResponseMetadata, Sleep, TimeoutConfig, Transport, TransportError,
            TransportErrorKind,
        };
        #[cfg(feature = "hyper")]
        pub use #CLIENT::{HyperTransport, TokioSleep};

        /// What the runtime knows of the service: its signing name, its errors and whether
        /// each is `@retryable`, and its endpoint resolver.
        static SERVICE: #CLIENT::Service = #CLIENT::Service {
            signing_name: #signing_name,
            errors: &[#(#errors),*],
            resolve_endpoint,
        };

        #resolve

        #[doc = " Builds a [`Client`]: `Client::builder().region(\"us-east-1\").build()`."]
        pub type ClientBuilder = #CLIENT::Builder<Client>;

        #[doc = " The service's client: cheap to clone (the configuration is shared)."]
        #[derive(Debug, Clone)]
        pub struct Client {
            config: ::std::sync::Arc<#CLIENT::Config>,
        }

        impl #CLIENT::ServiceClient for Client {
            const SERVICE: &'static #CLIENT::Service = &SERVICE;
            fn from_config(config: #CLIENT::Config) -> Self {
                Client { config: ::std::sync::Arc::new(config) }
            }
        }

        impl Client {
            #[doc = " A builder with every default (see [`ClientBuilder`])."]
            pub fn builder() -> ClientBuilder {
                #CLIENT::Builder::new()
            }

            #[doc = " The client's configuration."]
            pub fn config(&self) -> &#CLIENT::Config {
                &self.config
            }

            #(#methods)*
        }
    }
}

/// `("Code", Some(RetryKind::Throttling))` for every error structure, sorted by code.
fn error_table(cx: &Ctx<'_>) -> Vec<TokenStream> {
    let mut errors: Vec<(&str, Option<RetryClass>)> = cx
        .krate
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Structure(s) if s.roles.error => s.error.as_ref(),
            _ => None,
        })
        .map(|e| (e.code.as_str(), e.retry))
        .collect();
    errors.sort_by(|a, b| a.0.cmp(b.0));
    errors.dedup_by(|a, b| a.0 == b.0);
    errors
        .into_iter()
        .map(|(code, retry)| {
            let retry = match retry {
                None => quote!(::std::option::Option::None),
                Some(RetryClass::Transient) => {
                    quote!(::std::option::Option::Some(#CLIENT::RetryKind::Transient))
                }
                Some(RetryClass::Throttling) => {
                    quote!(::std::option::Option::Some(#CLIENT::RetryKind::Throttling))
                }
            };
            quote!((#code, #retry))
        })
        .collect()
}

/// The resolver over the rule set's built-ins (`AWS::Region`, `AWS::UseFIPS`,
/// `AWS::UseDualStack`, `SDK::Endpoint`), or the override alone without a rule set.
fn resolve_endpoint(def: Option<&EndpointDef>) -> TokenStream {
    let signature = quote! {
        fn resolve_endpoint(
            settings: &#CLIENT::EndpointSettings,
        ) -> ::std::result::Result<#ENDPOINT::Endpoint, #ENDPOINT::EndpointError>
    };
    let Some(def) = def else {
        return quote!(#signature { #CLIENT::endpoint_override(settings) });
    };
    let find = |built_in: &str, ty: ParameterType| {
        def.params
            .iter()
            .find(|p| p.built_in.as_deref() == Some(built_in) && p.ty == ty)
            .map(|p| types::ident(&p.rust_name))
    };
    let region = find("AWS::Region", ParameterType::String).map(|name| {
        quote! {
            if let ::std::option::Option::Some(region) = &settings.region {
                params = params.#name(::std::clone::Clone::clone(region));
            }
        }
    });
    let endpoint = find("SDK::Endpoint", ParameterType::String).map(|name| {
        quote! {
            if let ::std::option::Option::Some(url) = &settings.endpoint {
                params = params.#name(::std::clone::Clone::clone(url));
            }
        }
    });
    let fips = find("AWS::UseFIPS", ParameterType::Boolean)
        .map(|name| quote!(params = params.#name(settings.use_fips);));
    let dual_stack = find("AWS::UseDualStack", ParameterType::Boolean)
        .map(|name| quote!(params = params.#name(settings.use_dual_stack);));
    quote! {
        #[allow(unused_mut)]
        #signature {
            let mut params = crate::endpoint::Params::new();
            #region
            #fips
            #dual_stack
            #endpoint
            crate::endpoint::resolve(&params)
        }
    }
}

/// `pub async fn start_chat_contact(&self, input) -> Result<Response<Output>, Error<E>>`.
fn method(cx: &Ctx<'_>, op: &OperationDef) -> TokenStream {
    let name = types::ident(&op.client_method);
    let op_name = types::ident(&op.rust_name);
    let error = types::ident(&op.error_name);
    let message = |r: Option<crate::ir::TypeRef>| match r {
        Some(r) => {
            let ty = types::ident(cx.name(r));
            quote!(crate::types::#ty)
        }
        None => quote!(()),
    };
    let (input, output) = (message(op.input), message(op.output));
    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Calls [`{0}`](crate::operation::{0}): the output with the response's metadata, or \
         the [`{1}`](crate::operation::{1}) or the failure to send, with whether it is \
         retryable.",
        op.rust_name, op.error_name
    ));
    if op.client_method != op.module {
        lines.push(String::new());
        lines.push(format!(
            "Named `{}` with a trailing underscore: `Client::{}` is the client's own.",
            op.client_method, op.module
        ));
    }
    let doc = docs::attrs(&lines);
    quote! {
        #doc
        pub async fn #name(
            &self,
            input: #input,
        ) -> ::std::result::Result<
            #CLIENT::Response<#output>,
            #CLIENT::Error<crate::operation::#error>,
        > {
            #CLIENT::call::<crate::operation::#op_name>(&self.config, &input).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_table_carries_each_error_s_retryable_trait_sorted_by_code() {
        let error = |traits: &str| {
            format!(
                r#"{{"type": "structure", "members": {{}},
                    "traits": {{"smithy.api#error": "server"{traits}}}}}"#
            )
        };
        let krate = crate::ir::test_crate(
            r#""errors": [{"target": "ex#Slow"}, {"target": "ex#Busy"}, {"target": "ex#Plain"}]"#,
            &format!(
                r#""ex#Slow": {}, "ex#Busy": {}, "ex#Plain": {}"#,
                error(r#", "smithy.api#retryable": {}"#),
                error(r#", "smithy.api#retryable": {"throttling": true}"#),
                error(""),
            ),
        );
        let cx = Ctx::new(&krate);
        let table: Vec<String> = error_table(&cx)
            .iter()
            .map(|t| t.to_string().replace(' ', ""))
            .collect();
        assert_eq!(
            table,
            [
                "(\"Busy\",::std::option::Option::Some(::restjson_runtime::client::RetryKind::Throttling))",
                "(\"Plain\",::std::option::Option::None)",
                "(\"Slow\",::std::option::Option::Some(::restjson_runtime::client::RetryKind::Transient))",
            ]
        );
    }

    #[test]
    fn without_a_rule_set_the_endpoint_is_the_override() {
        let resolve = resolve_endpoint(None).to_string().replace(' ', "");
        assert!(
            resolve.ends_with("{::restjson_runtime::client::endpoint_override(settings)}"),
            "{resolve}"
        );
    }
}
