//! `#[doc]` attributes, one per documentation line.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc = " line"]` per line (empty lines stay empty so paragraphs survive).
pub(super) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `attrs` of the given lines, or of `fallback` when there are none (every public item is documented).
pub(super) fn attrs_or(lines: &[String], fallback: &str) -> TokenStream {
    if lines.is_empty() {
        attrs(&[fallback.to_owned()])
    } else {
        attrs(lines)
    }
}

/// A single-line `#[doc]` attribute.
pub(super) fn line(text: &str) -> TokenStream {
    attrs(&[text.to_owned()])
}
