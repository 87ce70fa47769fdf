//! The `endpoint` module of a crate whose service has an endpoint rule set: `mod.rs` (the
//! typed `Params`, `resolve` and `resolve_with`), `rule_set.rs` (the rule set as static data
//! of the runtime's types, which the runtime interprets) and `tests.rs` (one `#[test]` per
//! test case of the model).
//!
//! Static data is written with the runtime types' variants and fields, never through
//! functions, so that the compiler promotes every nested `&[..]` to `'static`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use restjson_runtime::endpoint::rules::{
    Call, Condition, EndpointTemplate, Expr, Function, Parameter, ParameterType, ParameterValue,
    Part, Rule, RuleKind, Step,
};

use super::ctx::Ctx;
use super::docs;
use super::runtime::{ENDPOINT, ENDPOINT_RULES, ENDPOINT_TESTS};
use super::types::ident;
use crate::ir::endpoint::{EndpointDef, EndpointParam, EndpointTest, Expectation};

/// `src/endpoint/mod.rs`.
pub(super) fn module(cx: &Ctx<'_>, def: &EndpointDef) -> TokenStream {
    let title = &cx.krate.service.title;
    let head = [
        format!("Endpoint resolution for {title}, from the service's endpoint rule set."),
        String::new(),
        "Fill [`Params`] (`Params::new().region(\"us-east-1\")`) and [`resolve`] them to the"
            .to_owned(),
        "[`Endpoint`] to send requests to (its URL, and properties such as `authSchemes`), or"
            .to_owned(),
        "the rule set's [`EndpointError`]. `aws.partition` consults the AWS partitions embedded"
            .to_owned(),
        "in the runtime crate; [`resolve_with`] takes your own [`Partitions`].".to_owned(),
    ]
    .map(|l| if l.is_empty() { l } else { format!(" {l}") });
    let fields = def.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = field_type(p);
        let doc = docs::attrs(&p.docs);
        quote!(#doc pub #name: #ty,)
    });
    let inits = def.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let value = match &p.default {
            None => quote!(::std::option::Option::None),
            Some(ParameterValue::Boolean(b)) => quote!(#b),
            Some(ParameterValue::String(s)) => quote!(::std::string::String::from(#s)),
            Some(ParameterValue::StringArray(items)) => {
                let items = items.iter().map(|s| s.as_ref());
                quote!(::std::vec![#(::std::string::String::from(#items)),*])
            }
        };
        quote!(#name: #value,)
    });
    let setters = def.params.iter().map(setter);
    let values = def.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let value = quote!(#ENDPOINT::Value::from);
        match (p.ty, p.is_plain()) {
            (ParameterType::Boolean, true) => {
                quote!(::std::option::Option::Some(#value(params.#name)))
            }
            (ParameterType::Boolean, false) => quote!(params.#name.map(#value)),
            (ParameterType::String, true) => {
                quote!(::std::option::Option::Some(#value(params.#name.as_str())))
            }
            (ParameterType::StringArray, true) => {
                quote!(::std::option::Option::Some(#value(params.#name.as_slice())))
            }
            (ParameterType::String | ParameterType::StringArray, false) => {
                quote!(params.#name.as_deref().map(#value))
            }
        }
    });
    let tests = (!def.tests.is_empty()).then(|| {
        quote!(
            #[cfg(test)]
            mod tests;
        )
    });
    quote! {
        #(#![doc = #head])*

        mod rule_set;
        #tests

        pub use #ENDPOINT::{Endpoint, EndpointError, Partition, PartitionOutputs, Partitions};

        /// The parameters of the service's endpoint rule set, one field per parameter; those
        /// with a default start with it. Build them with [`Params::new`] and the setters.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            /// Every parameter at its default, or unset when it has none.
            pub fn new() -> Self {
                Params { #(#inits)* }
            }
            #(#setters)*
        }

        impl ::std::default::Default for Params {
            fn default() -> Self {
                Self::new()
            }
        }

        /// Resolves the endpoint for `params`, with the AWS partitions embedded in the runtime
        /// crate.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, EndpointError> {
            resolve_with(params, Partitions::aws())
        }

        /// Resolves the endpoint for `params`, `aws.partition` consulting `partitions`.
        pub fn resolve_with(
            params: &Params,
            partitions: &Partitions,
        ) -> ::std::result::Result<Endpoint, EndpointError> {
            #ENDPOINT::resolve(&rule_set::RULE_SET, ::std::vec![#(#values),*], partitions)
        }
    }
}

fn field_type(p: &EndpointParam) -> TokenStream {
    let ty = match p.ty {
        ParameterType::String => quote!(::std::string::String),
        ParameterType::Boolean => quote!(bool),
        ParameterType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    };
    if p.is_plain() {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

fn setter(p: &EndpointParam) -> TokenStream {
    let name = ident(&p.rust_name);
    let doc = docs::line(&format!("Sets [`{0}`](Self::{0}).", p.rust_name));
    let (arg, value) = match p.ty {
        ParameterType::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(value.into()),
        ),
        ParameterType::Boolean => (quote!(bool), quote!(value)),
        ParameterType::StringArray => (
            quote!(
                impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>
            ),
            quote!(value.into_iter().map(::std::convert::Into::into).collect()),
        ),
    };
    let value = if p.is_plain() {
        value
    } else {
        quote!(::std::option::Option::Some(#value))
    };
    quote! {
        #doc
        #[must_use]
        pub fn #name(mut self, value: #arg) -> Self {
            self.#name = #value;
            self
        }
    }
}

/// `src/endpoint/rule_set.rs`.
pub(super) fn rule_set(_cx: &Ctx<'_>, def: &EndpointDef) -> TokenStream {
    let slots: Vec<String> = def
        .slot_names
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{i} `{name}`"))
        .collect();
    let head = [
        " The service's endpoint rule set as data the runtime crate interprets (checked by the"
            .to_owned(),
        " generator). References are slots: the parameters, then the values conditions assign:"
            .to_owned(),
        format!(" {}.", slots.join(", ")),
    ];
    let parameters = def.rule_set.parameters.iter().map(parameter);
    let rules = def.rule_set.rules.iter().map(rule);
    let slots = Literal::usize_unsuffixed(def.rule_set.slots);
    quote! {
        #(#![doc = #head])*

        use ::std::borrow::Cow::Borrowed as B;
        use ::std::option::Option::{None, Some};
        use #ENDPOINT_RULES::{
            Call, Condition, EndpointTemplate, Expr, Function, Parameter, ParameterType,
            ParameterValue, Part, Rule, RuleKind, RuleSet, Step, Template,
        };

        pub(super) static RULE_SET: RuleSet = RuleSet {
            parameters: B(&[#(#parameters),*]),
            rules: B(&[#(#rules),*]),
            slots: #slots,
        };
    }
}

fn parameter(p: &Parameter) -> TokenStream {
    let name = p.name.as_ref();
    let ty = match p.ty {
        ParameterType::String => quote!(ParameterType::String),
        ParameterType::Boolean => quote!(ParameterType::Boolean),
        ParameterType::StringArray => quote!(ParameterType::StringArray),
    };
    let required = p.required;
    let default = match &p.default {
        None => quote!(None),
        Some(ParameterValue::Boolean(b)) => quote!(Some(ParameterValue::Boolean(#b))),
        Some(ParameterValue::String(s)) => {
            let s = s.as_ref();
            quote!(Some(ParameterValue::String(B(#s))))
        }
        Some(ParameterValue::StringArray(items)) => {
            let items = items.iter().map(|s| s.as_ref());
            quote!(Some(ParameterValue::StringArray(B(&[#(B(#items)),*]))))
        }
    };
    quote!(Parameter { name: B(#name), ty: #ty, required: #required, default: #default })
}

fn rule(r: &Rule) -> TokenStream {
    let conditions = r.conditions.iter().map(condition);
    let kind = match &r.kind {
        RuleKind::Endpoint(e) => {
            let e = endpoint(e);
            quote!(RuleKind::Endpoint(#e))
        }
        RuleKind::Error(message) => {
            let message = expr(message);
            quote!(RuleKind::Error(#message))
        }
        RuleKind::Tree(rules) => {
            let rules = rules.iter().map(rule);
            quote!(RuleKind::Tree(B(&[#(#rules),*])))
        }
    };
    quote!(Rule { conditions: B(&[#(#conditions),*]), kind: #kind })
}

fn condition(c: &Condition) -> TokenStream {
    let call = call(&c.call);
    let assign = match c.assign {
        None => quote!(None),
        Some(slot) => {
            let slot = Literal::usize_unsuffixed(slot);
            quote!(Some(#slot))
        }
    };
    quote!(Condition { call: #call, assign: #assign })
}

fn call(c: &Call) -> TokenStream {
    let function = match &c.function {
        Function::IsSet => quote!(Function::IsSet),
        Function::Not => quote!(Function::Not),
        Function::BooleanEquals => quote!(Function::BooleanEquals),
        Function::StringEquals => quote!(Function::StringEquals),
        Function::GetAttr(path) => {
            let path = steps(path);
            quote!(Function::GetAttr(#path))
        }
        Function::Substring => quote!(Function::Substring),
        Function::UriEncode => quote!(Function::UriEncode),
        Function::ParseUrl => quote!(Function::ParseUrl),
        Function::IsValidHostLabel => quote!(Function::IsValidHostLabel),
        Function::AwsPartition => quote!(Function::AwsPartition),
        Function::AwsParseArn => quote!(Function::AwsParseArn),
        Function::AwsIsVirtualHostableS3Bucket => quote!(Function::AwsIsVirtualHostableS3Bucket),
    };
    let args = c.args.iter().map(expr);
    quote!(Call { function: #function, args: B(&[#(#args),*]) })
}

fn endpoint(e: &EndpointTemplate) -> TokenStream {
    let url = expr(&e.url);
    let properties = e.properties.iter().map(|(name, value)| {
        let (name, value) = (name.as_ref(), expr(value));
        quote!((B(#name), #value))
    });
    let headers = e.headers.iter().map(|(name, values)| {
        let name = name.as_ref();
        let values = values.iter().map(expr);
        quote!((B(#name), B(&[#(#values),*])))
    });
    quote! {
        EndpointTemplate { url: #url, properties: B(&[#(#properties),*]), headers: B(&[#(#headers),*]) }
    }
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::String(template) => {
            let parts = template.0.iter().map(part);
            quote!(Expr::String(Template(B(&[#(#parts),*]))))
        }
        Expr::Bool(b) => quote!(Expr::Bool(#b)),
        Expr::Int(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(Expr::Int(#i))
        }
        Expr::Array(items) => {
            let items = items.iter().map(expr);
            quote!(Expr::Array(B(&[#(#items),*])))
        }
        Expr::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let (k, v) = (k.as_ref(), expr(v));
                quote!((B(#k), #v))
            });
            quote!(Expr::Object(B(&[#(#entries),*])))
        }
        Expr::Ref(slot) => {
            let slot = Literal::usize_unsuffixed(*slot);
            quote!(Expr::Ref(#slot))
        }
        Expr::Call(c) => {
            let c = call(c);
            quote!(Expr::Call(#c))
        }
    }
}

fn part(p: &Part) -> TokenStream {
    match p {
        Part::Text(text) => {
            let text = text.as_ref();
            quote!(Part::Text(B(#text)))
        }
        Part::Ref(slot) => {
            let slot = Literal::usize_unsuffixed(*slot);
            quote!(Part::Ref(#slot))
        }
        Part::Attr(slot, path) => {
            let slot = Literal::usize_unsuffixed(*slot);
            let path = steps(path);
            quote!(Part::Attr(#slot, #path))
        }
    }
}

fn steps(path: &[Step]) -> TokenStream {
    let steps = path.iter().map(|s| match s {
        Step::Key(key) => {
            let key = key.as_ref();
            quote!(Step::Key(B(#key)))
        }
        Step::Index(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(Step::Index(#i))
        }
    });
    quote!(B(&[#(#steps),*]))
}

/// `src/endpoint/tests.rs`: one `#[test]` per test case, named by its index.
pub(super) fn tests(_cx: &Ctx<'_>, def: &EndpointDef) -> TokenStream {
    let width = def.tests.len().saturating_sub(1).to_string().len();
    let cases = def.tests.iter().enumerate().map(|(i, case)| {
        let name = ident(&format!("case_{i:0width$}"));
        let doc = case.documentation.as_deref().map(docs::line);
        let body = test_body(def, case);
        quote! {
            #doc
            #[test]
            fn #name() {
                #body
            }
        }
    });
    let errors = def
        .tests
        .iter()
        .any(|t| matches!(t.expect, Expectation::Error(_)));
    let endpoints = def
        .tests
        .iter()
        .any(|t| matches!(t.expect, Expectation::Endpoint { .. }));
    let asserts = errors
        .then(|| quote!(assert_error))
        .into_iter()
        .chain(endpoints.then(|| quote!(assert_endpoint)));
    quote! {
        //! The model's endpoint test cases (`smithy.rules#endpointTests`), one test each, in
        //! model order.

        use super::{Params, resolve};
        use #ENDPOINT_TESTS::{#(#asserts),*};

        #(#cases)*
    }
}

fn test_body(def: &EndpointDef, case: &EndpointTest) -> TokenStream {
    let setters = case.params.iter().map(|(index, value)| {
        let name = ident(&def.params[*index].rust_name);
        let value = match value {
            ParameterValue::Boolean(b) => quote!(#b),
            ParameterValue::String(s) => {
                let s = s.as_ref();
                quote!(#s)
            }
            ParameterValue::StringArray(items) => {
                let items = items.iter().map(|s| s.as_ref());
                quote!([#(#items),*])
            }
        };
        quote!(.#name(#value))
    });
    let resolved = quote!(resolve(&Params::new()#(#setters)*));
    match &case.expect {
        Expectation::Error(message) => quote! {
            assert_error(#resolved, #message);
        },
        Expectation::Endpoint {
            url,
            properties,
            headers,
        } => {
            let properties = serde_json::Value::Object(properties.clone()).to_string();
            let headers = headers
                .iter()
                .map(|(name, values)| quote!((#name, &[#(#values),*])));
            quote! {
                assert_endpoint(#resolved, #url, #properties, &[#(#headers),*]);
            }
        }
    }
}
