//! `Debug` impls that redact `@sensitive` members, shared by structures and their builders.

use proc_macro2::TokenStream;
use quote::quote;

use super::runtime::PRIMITIVES;
use super::types;
use crate::ir::Field;
/// `Debug` printing every field, sensitive ones as `*** Sensitive Data Redacted ***`; `None`
/// when no field is sensitive, and the type derives `Debug` (which prints the same).
pub(super) fn debug_impl(type_name: &str, fields: &[Field]) -> Option<TokenStream> {
    if !fields.iter().any(|f| f.redacted) {
        return None;
    }
    let name = types::ident(type_name);
    let entries = fields.iter().map(|f| {
        let label = &f.rust_name;
        let field = types::ident(&f.rust_name);
        if f.redacted {
            quote! { .field(#label, &#PRIMITIVES::Redacted) }
        } else {
            quote! { .field(#label, &self.#field) }
        }
    });
    Some(quote! {
        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    })
}
