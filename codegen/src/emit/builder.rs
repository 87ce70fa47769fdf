//! Builders, shaped like the AWS SDKs': per member a setter (for a list, an appender of one item;
//! for a map, an inserter of one entry) and a `set_*` taking an `Option` (for collections, of
//! anything iterable whose items convert), and a `build()` that names every missing required
//! member at once, returns the value itself when no member is required, and fills unset
//! idempotency tokens of an operation input once.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::{ERROR, IDEMPOTENCY};
use super::{debug, docs, types};
use crate::ir::{Field, Presence, RustType, StructureDef};

pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let target = types::ident(&def.common.rust_name);
    let name = types::ident(&def.builder_name);
    let doc = docs::attrs(&builder_docs(def));
    let fields = def.fields.iter().map(|f| {
        let name = types::ident(&f.rust_name);
        let ty = types::stored(cx, f);
        quote! { #name: ::std::option::Option<#ty>, }
    });
    let setters = def.fields.iter().map(|f| setters(cx, f));
    let debug = debug::debug_impl(&def.builder_name, &def.fields);
    let build = build_fn(cx, def, &target);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    quote! {
        #doc
        #[derive(#derive_debug Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #(#setters)*
            #build
        }

        #debug
    }
}

/// The required members of a structure, which `build()` checks.
fn required(def: &StructureDef) -> Vec<&Field> {
    def.fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required))
        .collect()
}

/// The idempotency tokens `build()` fills: those of an operation input (see
/// [`crate::ir::analysis::filled_tokens`]).
pub(super) fn filled_tokens(def: &StructureDef) -> Vec<&Field> {
    if def.roles.input {
        crate::ir::analysis::filled_tokens(def)
    } else {
        Vec::new()
    }
}

fn code_list(fields: &[&Field]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| format!("`{}`", f.rust_name))
        .collect();
    names.join(", ")
}

fn builder_docs(def: &StructureDef) -> Vec<String> {
    let name = &def.common.rust_name;
    let required = required(def);
    let mut lines = vec![if required.is_empty() {
        format!(
            "A builder for [`{name}`](crate::types::{name}). No member is required, so `build()` returns the value itself."
        )
    } else {
        format!(
            "A builder for [`{name}`](crate::types::{name}); `build()` fails naming every required member that is not set ({}).",
            code_list(&required)
        )
    }];
    let tokens = filled_tokens(def);
    if !tokens.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "`build()` sets the idempotency token{} {} to a random UUID v4 when unset, once: the value it returns carries the token, and serializing that value again (to retry) sends the same one.",
            if tokens.len() == 1 { "" } else { "s" },
            code_list(&tokens)
        ));
    }
    lines
}

fn setters(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let name = types::ident(&f.rust_name);
    let set_name = types::ident(&f.setter_name);
    let doc = docs::attrs(&f.docs);
    let stored = types::stored(cx, f);
    match (&f.ty, f.boxed) {
        (RustType::List { item, sparse }, false) => {
            let item = types::sparse_value(cx, item, *sparse);
            let add_doc = docs::line(&format!(
                "Appends one item to `{0}`; [`Self::{1}`] sets or clears the whole list.",
                f.rust_name, f.setter_name
            ));
            let set_doc = docs::line(&format!(
                "Sets `{0}` to the items of any iterable (`None` clears it; [`Self::{0}`] appends one).",
                f.rust_name
            ));
            quote! {
                #doc
                ///
                #add_doc
                #[inline]
                pub fn #name(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                    self.#name
                        .get_or_insert_with(::std::default::Default::default)
                        .push(item.into());
                    self
                }

                #set_doc
                pub fn #set_name<I>(mut self, input: ::std::option::Option<I>) -> Self
                where
                    I: ::std::iter::IntoIterator,
                    I::Item: ::std::convert::Into<#item>,
                {
                    self.#name = input.map(|items| {
                        items.into_iter().map(::std::convert::Into::into).collect()
                    });
                    self
                }
            }
        }
        (RustType::Map { value, sparse }, false) => {
            let value = types::sparse_value(cx, value, *sparse);
            let add_doc = docs::line(&format!(
                "Inserts one entry into `{0}` (replacing the value of an equal key); [`Self::{1}`] sets or clears the whole map.",
                f.rust_name, f.setter_name
            ));
            let set_doc = docs::line(&format!(
                "Sets `{0}` to the entries of any iterable of key-value pairs (a `HashMap`, a `BTreeMap`, an array of pairs; `None` clears it; [`Self::{0}`] inserts one).",
                f.rust_name
            ));
            quote! {
                #doc
                ///
                #add_doc
                #[inline]
                pub fn #name(
                    mut self,
                    key: impl ::std::convert::Into<::std::string::String>,
                    value: impl ::std::convert::Into<#value>,
                ) -> Self {
                    self.#name
                        .get_or_insert_with(::std::default::Default::default)
                        .insert(key.into(), value.into());
                    self
                }

                #set_doc
                pub fn #set_name<I, K, V>(mut self, input: ::std::option::Option<I>) -> Self
                where
                    I: ::std::iter::IntoIterator<Item = (K, V)>,
                    K: ::std::convert::Into<::std::string::String>,
                    V: ::std::convert::Into<#value>,
                {
                    self.#name = input.map(|entries| {
                        entries
                            .into_iter()
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect()
                    });
                    self
                }
            }
        }
        (ty, boxed) => {
            let (param, value) = match (ty, boxed) {
                (RustType::String, _) => (
                    quote!(impl ::std::convert::Into<::std::string::String>),
                    quote!(input.into()),
                ),
                (ty, true) => (types::value(cx, ty), quote!(::std::boxed::Box::new(input))),
                (ty, false) => (types::value(cx, ty), quote!(input)),
            };
            let set_doc = docs::line(&format!(
                "Sets or clears `{}`; see [`Self::{}`].",
                f.rust_name, f.rust_name
            ));
            quote! {
                #doc
                #[inline]
                pub fn #name(mut self, input: #param) -> Self {
                    self.#name = ::std::option::Option::Some(#value);
                    self
                }

                #set_doc
                #[inline]
                pub fn #set_name(mut self, input: ::std::option::Option<#stored>) -> Self {
                    self.#name = input;
                    self
                }
            }
        }
    }
}

fn build_fn(cx: &Ctx<'_>, def: &StructureDef, target: &proc_macro2::Ident) -> TokenStream {
    let type_name = &def.common.rust_name;
    let all: Vec<_> = def
        .fields
        .iter()
        .map(|f| types::ident(&f.rust_name))
        .collect();
    let required = required(def);
    let inits = def.fields.iter().map(|f| {
        let name = types::ident(&f.rust_name);
        match &f.presence {
            // A client-optional member's default is the server's to fill.
            Presence::Required | Presence::ClientOptional(_) | Presence::Optional => quote!(#name),
            Presence::Default(value) => {
                let fill = types::default_fill(cx, value);
                quote!(#name: #name #fill)
            }
        }
    });
    let construct = quote! { crate::types::#target { #(#inits),* } };
    let value = if filled_tokens(def).is_empty() {
        construct
    } else {
        quote! {{
            let mut value = #construct;
            value.fill_idempotency_tokens(&#IDEMPOTENCY::RandomTokens);
            value
        }}
    };
    let tokens_doc = if filled_tokens(def).is_empty() {
        ""
    } else {
        " Unset idempotency tokens are set to random UUIDs here, once."
    };
    if required.is_empty() {
        let doc = docs::line(&format!(
            "Builds the value (no member is required, so this cannot fail).{tokens_doc}"
        ));
        return quote! {
            #doc
            #[inline]
            pub fn build(self) -> crate::types::#target {
                let Self { #(#all),* } = self;
                #value
            }
        };
    }
    let names: Vec<_> = required
        .iter()
        .map(|f| types::ident(&f.rust_name))
        .collect();
    let labels = required.iter().map(|f| &f.rust_name);
    let doc = docs::line(&format!(
        "Builds the value; fails naming every required member that is not set ({}).{tokens_doc}",
        code_list(&required)
    ));
    quote! {
        #doc
        #[inline]
        pub fn build(self) -> ::std::result::Result<crate::types::#target, #ERROR::BuildError> {
            let Self { #(#all),* } = self;
            match (#(#names,)*) {
                (#(::std::option::Option::Some(#names),)*) => ::std::result::Result::Ok(#value),
                (#(#names,)*) => ::std::result::Result::Err(#ERROR::BuildError::missing_members(
                    #type_name,
                    &[#((#labels, #names.is_none())),*],
                )),
            }
        }
    }
}
