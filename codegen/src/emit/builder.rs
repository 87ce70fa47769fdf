//! Builders: one setter pair per member and a `build()` that names every missing required member.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::ERROR;
use super::{debug, docs, types};
use crate::ir::{Field, Presence, RustType, StructureDef};

pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let target = types::ident(&def.common.rust_name);
    let name = types::ident(&def.builder_name);
    let doc = docs::line(&format!(
        "A builder for [`{0}`](crate::types::{0}); `build()` checks that every required member is set.",
        def.common.rust_name
    ));
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

fn setters(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    let name = types::ident(&f.rust_name);
    let set_name = types::ident(&f.setter_name);
    let doc = docs::attrs(&f.docs);
    let set_doc = docs::line(&format!(
        "Sets or clears `{}`; see [`Self::{}`].",
        f.rust_name, f.rust_name
    ));
    let stored = types::stored(cx, f);
    let (param, value) = match (&f.ty, f.boxed) {
        (RustType::String, _) => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(input.into()),
        ),
        (ty, true) => (types::value(cx, ty), quote!(::std::boxed::Box::new(input))),
        (ty, false) => (types::value(cx, ty), quote!(input)),
    };
    quote! {
        #doc
        pub fn #name(mut self, input: #param) -> Self {
            self.#name = ::std::option::Option::Some(#value);
            self
        }

        #set_doc
        pub fn #set_name(mut self, input: ::std::option::Option<#stored>) -> Self {
            self.#name = input;
            self
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
    let required: Vec<&Field> = def
        .fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required))
        .collect();
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
    let doc = docs::line("Builds the value; fails naming every required member that is not set.");
    let body = if required.is_empty() {
        quote! { ::std::result::Result::Ok(#construct) }
    } else {
        let names: Vec<_> = required
            .iter()
            .map(|f| types::ident(&f.rust_name))
            .collect();
        let labels = required.iter().map(|f| &f.rust_name);
        quote! {
            match (#(#names,)*) {
                (#(::std::option::Option::Some(#names),)*) => ::std::result::Result::Ok(#construct),
                (#(#names,)*) => ::std::result::Result::Err(#ERROR::BuildError::missing_members(
                    #type_name,
                    &[#((#labels, #names.is_none())),*],
                )),
            }
        }
    };
    quote! {
        #doc
        pub fn build(self) -> ::std::result::Result<crate::types::#target, #ERROR::BuildError> {
            let Self { #(#all),* } = self;
            #body
        }
    }
}
