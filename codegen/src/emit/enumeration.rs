//! Enums and intEnums: a variant per value plus one that keeps unknown wire values.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ctx::Ctx;
use super::runtime::PRIMITIVES;
use super::{docs, types};
use crate::ir::EnumDef;

pub(super) fn emit(_cx: &Ctx<'_>, def: &EnumDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let unknown = types::ident(&def.unknown_variant);
    let doc = docs::attrs_or(
        &def.common.docs,
        &format!("The `{}` enum.", def.common.shape_name),
    );
    let variants = def.variants.iter().map(|v| {
        let doc = docs::attrs(&v.docs);
        let variant = types::ident(&v.rust_name);
        quote! { #doc #variant, }
    });
    let variant_idents: Vec<_> = def
        .variants
        .iter()
        .map(|v| types::ident(&v.rust_name))
        .collect();
    let body = if def.int {
        int_impls(def, &name, &unknown, &variant_idents)
    } else {
        string_impls(def, &name, &unknown, &variant_idents)
    };
    let holder = if def.int {
        quote!(#PRIMITIVES::UnknownIntVariantValue)
    } else {
        quote!(#PRIMITIVES::UnknownVariantValue)
    };
    let unknown_doc = docs::line(
        "A value this version of the crate does not know; it round-trips unchanged. \
                       Validation rejects it where the model requires a known value.",
    );
    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(#holder),
        }

        #body
    }
}

fn string_impls(
    def: &EnumDef,
    name: &proc_macro2::Ident,
    unknown: &proc_macro2::Ident,
    variants: &[proc_macro2::Ident],
) -> TokenStream {
    let values: Vec<&str> = def.variants.iter().map(|v| v.value.as_str()).collect();
    quote! {
        impl #name {
            /// The known wire values, in model order.
            #[inline]
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }

            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( #name::#variants => #values, )*
                    #name::#unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #( #values => #name::#variants, )*
                    other => #name::#unknown(#PRIMITIVES::UnknownVariantValue::new(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                #name::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(#name::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn int_impls(
    def: &EnumDef,
    name: &proc_macro2::Ident,
    unknown: &proc_macro2::Ident,
    variants: &[proc_macro2::Ident],
) -> TokenStream {
    let values: Vec<Literal> = def
        .variants
        .iter()
        .map(|v| Literal::i32_unsuffixed(v.value.parse().unwrap_or_default()))
        .collect();
    quote! {
        impl #name {
            /// The known wire values, in model order.
            #[inline]
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }

            /// The wire value.
            #[inline]
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( #name::#variants => #values, )*
                    #name::#unknown(value) => value.value(),
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            #[inline]
            fn from(value: i32) -> Self {
                match value {
                    #( #values => #name::#variants, )*
                    other => #name::#unknown(#PRIMITIVES::UnknownIntVariantValue::new(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }
    }
}
