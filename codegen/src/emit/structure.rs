//! Structures: the type, its `Debug` (with redaction, see [`super::debug`]), `Display` and
//! `Error` for error structures, and its `builder()` entry point (the builder itself is
//! [`super::builder`]'s).

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::IDEMPOTENCY;
use super::{builder, debug, docs, example, types};
use crate::ir::{Field, StructureDef, TypeRef};

pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let mut doc_lines = if def.common.docs.is_empty() {
        vec![format!("The `{}` structure.", def.common.shape_name)]
    } else {
        def.common.docs.clone()
    };
    doc_lines.extend(message_links(cx, def));
    let doc = docs::attrs(&doc_lines);
    let debug = debug::debug_impl(&def.common.rust_name, &def.fields);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    let derives = if def.common.eq_hash {
        quote!(#[derive(#derive_debug Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(#derive_debug Clone, PartialEq)])
    };
    let fields = def.fields.iter().map(|f| {
        let doc = docs::attrs(&f.docs);
        let name = types::ident(&f.rust_name);
        let ty = types::field(cx, f);
        quote! { #doc pub #name: #ty, }
    });
    let builder_name = types::ident(&def.builder_name);
    let mut builder_doc = vec![format!(
        "Starts a [`{builder_name}`](crate::types::builders::{builder_name}) for this type."
    )];
    if def.roles.input {
        if let Some(example) = example::builder(cx, def) {
            builder_doc.extend(["".to_owned(), "# Example".to_owned(), String::new()]);
            builder_doc.extend(example);
        }
    }
    let builder_doc = docs::attrs(&builder_doc);
    let fill = fill_tokens(def);
    let error = error_impls(def);
    quote! {
        #doc
        #[non_exhaustive]
        #derives
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #builder_doc
            #[inline]
            pub fn builder() -> crate::types::builders::#builder_name {
                ::std::default::Default::default()
            }

            #fill
        }

        #debug

        #error
    }
}

/// `Display` and `std::error::Error` for an error structure: its shape name, then `: ` and the
/// message when it has one (as the operation's error enum prints it); nothing for other
/// structures.
fn error_impls(def: &StructureDef) -> TokenStream {
    if def.error.is_none() {
        return quote!();
    }
    let name = types::ident(&def.common.rust_name);
    let shape = def.common.shape_name.as_str();
    let body = if message_field(def).is_some() {
        let message = message_of(def);
        quote! {
            let e = self;
            f.write_str(#shape)?;
            if let ::std::option::Option::Some(message) = #message {
                ::std::write!(f, ": {message}")?;
            }
            ::std::result::Result::Ok(())
        }
    } else {
        quote!(f.write_str(#shape))
    };
    quote! {
        impl ::std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// The error structure's message member (see [`StructureDef::error_message`]).
pub(super) fn message_field(def: &StructureDef) -> Option<&Field> {
    def.error_message.map(|i| &def.fields[i])
}

/// The message of the error structure `e`, as `Option<&str>`.
pub(super) fn message_of(def: &StructureDef) -> TokenStream {
    match message_field(def) {
        Some(f) => {
            let name = types::ident(&f.rust_name);
            if f.presence.is_option() {
                quote!(e.#name.as_deref())
            } else {
                quote!(::std::option::Option::Some(e.#name.as_str()))
            }
        }
        None => quote!(::std::option::Option::None),
    }
}

/// Lines linking an operation's message to the operation, its other messages and its errors.
fn message_links(cx: &Ctx<'_>, def: &StructureDef) -> Vec<String> {
    let mut lines = Vec::new();
    for &index in &def.operations {
        let op = &cx.krate.operations[index];
        let mut roles = Vec::new();
        if op.input.is_some_and(|r| same(cx, r, def)) {
            roles.push("the input");
        }
        if op.output.is_some_and(|r| same(cx, r, def)) {
            roles.push("the output");
        }
        if op.errors.iter().any(|&r| same(cx, r, def)) {
            roles.push("an error");
        }
        lines.push(String::new());
        lines.push(format!(
            "This is {roles} of [`{op}`](crate::operation::{op}), whose input is {input}, output {output} and errors [`{errors}`](crate::operation::{errors}).",
            roles = roles.join(" and "),
            op = op.rust_name,
            input = cx.message_link(op.input),
            output = cx.message_link(op.output),
            errors = op.error_name,
        ));
    }
    lines
}

/// Whether `r` is the structure `def`.
fn same(cx: &Ctx<'_>, r: TypeRef, def: &StructureDef) -> bool {
    cx.ty(r).common().id == def.common.id
}

/// `fill_idempotency_tokens` on an operation input with idempotency tokens.
fn fill_tokens(def: &StructureDef) -> TokenStream {
    let tokens = builder::filled_tokens(def);
    if tokens.is_empty() {
        return quote!();
    }
    let fills = tokens.iter().map(|f| {
        let name = types::ident(&f.rust_name);
        quote! {
            if self.#name.is_none() {
                self.#name = ::std::option::Option::Some(provider.token());
            }
        }
    });
    let names: Vec<String> = tokens
        .iter()
        .map(|f| format!("`{}`", f.rust_name))
        .collect();
    let doc = docs::attrs(&[
        format!(
            "Sets each unset idempotency token ({}) to a token from `provider`, leaving set ones alone.",
            names.join(", ")
        ),
        "The builder's `build()` already did so with random UUIDs; call this on a value made"
            .to_owned(),
        "otherwise (a struct update, serde) or to choose the tokens, for example with".to_owned(),
        format!("[`idempotency::FixedToken`]({IDEMPOTENCY_DOC}::FixedToken) in tests."),
    ]);
    quote! {
        #doc
        #[inline]
        pub fn fill_idempotency_tokens(&mut self, provider: &dyn #IDEMPOTENCY::TokenProvider) {
            #(#fills)*
        }
    }
}

/// The idempotency module as the generated crate re-exports it, for doc links.
const IDEMPOTENCY_DOC: &str = "crate::idempotency";
