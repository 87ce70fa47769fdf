//! Unions: a variant per member plus one for members this crate does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::PRIMITIVES;
use super::{docs, types};
use crate::ir::{UnionDef, UnionVariant};

/// The union's enum, its `is_`/`as_` accessors and its `Debug` (redacting sensitive members).
pub(super) fn emit(cx: &Ctx<'_>, def: &UnionDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let unknown = types::ident(&def.unknown_variant);
    let doc = docs::attrs_or(
        &def.common.docs,
        &format!("The `{}` union.", def.common.shape_name),
    );
    let derives = if def.common.eq_hash {
        quote!(#[derive(Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Clone, PartialEq)])
    };
    let variants = def.variants.iter().map(|v| {
        let doc = docs::attrs(&v.docs);
        let variant = types::ident(&v.rust_name);
        match &v.ty {
            None => quote! { #doc #variant, },
            Some(ty) => {
                let ty = types::value(cx, ty);
                let ty = if v.boxed {
                    quote!(::std::boxed::Box<#ty>)
                } else {
                    ty
                };
                quote! { #doc #variant(#ty), }
            }
        }
    });
    let accessors = def.variants.iter().map(|v| accessors(cx, &name, v));
    let debug_arms = def.variants.iter().map(|v| debug_arm(&name, v));
    let unknown_label = &def.unknown_variant;
    let unknown_doc =
        docs::line("A member this version of the crate does not know (its value is not kept).");
    // Variants hold their values inline, as the model shapes them; boxing the large ones would
    // make the API depend on type sizes, so clippy's size lint is silenced instead.
    quote! {
        #doc
        #[non_exhaustive]
        #derives
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown,
        }

        impl #name {
            #(#accessors)*
        }

        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    #name::#unknown => f.write_str(#unknown_label),
                }
            }
        }
    }
}

/// `is_<member>()` and, for members with a value, `as_<member>()`.
fn accessors(cx: &Ctx<'_>, name: &proc_macro2::Ident, v: &UnionVariant) -> TokenStream {
    let variant = types::ident(&v.rust_name);
    let is = types::ident(&v.is_fn);
    let is_doc = docs::line(&format!("Whether this is the `{}` member.", v.member_name));
    let is_fn = match v.ty {
        None => quote! { ::std::matches!(self, #name::#variant) },
        Some(_) => quote! { ::std::matches!(self, #name::#variant(_)) },
    };
    let as_fn = v.ty.as_ref().zip(v.as_fn.as_deref()).map(|(ty, as_name)| {
        let as_name = types::ident(as_name);
        let as_doc = docs::line(&format!(
            "The `{}` member's value, if this is that member.",
            v.member_name
        ));
        let ty = types::value(cx, ty);
        let value = if v.boxed {
            quote!(value.as_ref())
        } else {
            quote!(value)
        };
        quote! {
            #as_doc
            #[inline]
            pub fn #as_name(&self) -> ::std::option::Option<&#ty> {
                match self {
                    #name::#variant(value) => ::std::option::Option::Some(#value),
                    _ => ::std::option::Option::None,
                }
            }
        }
    });
    quote! {
        #is_doc
        #[inline]
        pub fn #is(&self) -> bool { #is_fn }
        #as_fn
    }
}

/// The `Debug` arm of one variant: its name, and its value unless it is sensitive.
fn debug_arm(name: &proc_macro2::Ident, v: &UnionVariant) -> TokenStream {
    let variant = types::ident(&v.rust_name);
    let label = &v.rust_name;
    match (&v.ty, v.redacted) {
        (None, _) => quote! { #name::#variant => f.write_str(#label), },
        (Some(_), true) => quote! {
            #name::#variant(_) => f.debug_tuple(#label).field(&#PRIMITIVES::Redacted).finish(),
        },
        (Some(_), false) => quote! {
            #name::#variant(value) => f.debug_tuple(#label).field(value).finish(),
        },
    }
}
