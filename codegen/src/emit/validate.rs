//! `validate()` on every structure and union.
//!
//! PLACEHOLDER written by the wire branch (validate() always succeeds); the validators branch's
//! version replaces this file wholesale.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;

/// `pub fn validate(&self) -> Result<(), crate::error::ValidationError>` for a type.
pub(super) fn emit(rust_name: &str) -> TokenStream {
    let name = types::ident(rust_name);
    quote! {
        impl #name {
            /// Checks the model's constraints (placeholder: always `Ok` until validators land).
            pub fn validate(&self) -> ::std::result::Result<(), crate::error::ValidationError> {
                ::std::result::Result::Ok(())
            }
        }
    }
}
