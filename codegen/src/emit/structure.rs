//! Structures: the type, its `Debug` (with redaction, see [`super::debug`]), `Display` and
//! `Error` for error structures, and its `builder()` entry point (the builder itself is
//! [`super::builder`]'s).

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::{debug, docs, types};
use crate::ir::{Field, StructureDef};

pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let doc = docs::attrs_or(
        &def.common.docs,
        &format!("The `{}` structure.", def.common.shape_name),
    );
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
    let builder_doc = docs::line(&format!(
        "Starts a [`{builder_name}`](crate::types::builders::{builder_name}) for this type."
    ));
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
            pub fn builder() -> crate::types::builders::#builder_name {
                ::std::default::Default::default()
            }
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
