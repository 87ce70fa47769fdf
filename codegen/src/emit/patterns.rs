//! The generated `patterns` module: one static per distinct `@pattern` of the crate, compiled
//! on first use by the engine the generator planned, documented with that engine and why, and a
//! generated test that every pattern compiles.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::PATTERN;
use super::{SERVER_FEATURE, docs, types};
use crate::docs::code_as_written;
use crate::pattern::PatternPlan;

/// The `patterns` module: one static per distinct pattern, compiled on first use, with a doc
/// comment saying which engine evaluates it and why.
pub(super) fn emit(cx: &Ctx<'_>) -> TokenStream {
    let krate = cx.krate;
    let statics = krate.patterns.iter().map(|p| {
        let name = types::ident(&p.static_name);
        let owners = p
            .owners
            .iter()
            .map(|o| format!("`{o}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let source = &p.source;
        let (how, init) = match &p.plan {
            PatternPlan::Linear { translated } => (
                format!(
                    "Evaluated by `regex-lite` in time linear in the input (the pattern has no \
                     lookaround or backreference), as {}.",
                    if translated.len() <= 120 {
                        format!("the equivalent {}", code_as_written(translated))
                    } else {
                        format!("an equivalent translation of {} bytes", translated.len())
                    }
                ),
                quote!(#PATTERN::Pattern::linear(#source, #translated)),
            ),
            PatternPlan::LinearCombination { any_of } => {
                let clauses = any_of.iter().map(|clause| {
                    let tests = clause.iter().map(|t| {
                        let (regex, must) = (&t.regex, t.must_match);
                        quote!((#regex, #must))
                    });
                    quote!(&[#(#tests),*])
                });
                (
                    "Evaluated by `regex-lite` in time linear in the input: each lookaround is \
                     pinned to the start or end of the input, so it becomes a separate anchored \
                     test combined with the rest of the pattern."
                        .to_owned(),
                    quote!(#PATTERN::Pattern::linear_combination(#source, &[#(#clauses),*])),
                )
            }
            PatternPlan::Backtracking {
                flags,
                reason,
                translated,
            } => (
                format!(
                    "Evaluated by `regress`, an ECMA-262 backtracking engine{}, because {reason}, \
                     which no linear-time engine supports; its running time can grow faster than \
                     linearly with the input.",
                    if translated.is_some() {
                        ", on its ECMA-262 translation (the pattern uses Java syntax)"
                    } else {
                        ""
                    }
                ),
                match translated {
                    Some(translated) => {
                        quote!(#PATTERN::Pattern::backtracking_translated(#source, #translated))
                    }
                    None => quote!(#PATTERN::Pattern::backtracking(#source, #flags)),
                },
            ),
        };
        let doc = docs::attrs(&[
            code_as_written(source),
            String::new(),
            format!("Used by {owners}."),
            how,
        ]);
        quote! {
            #doc
            // A pattern only what a client receives has is checked by the server's
            // `validate()` alone (feature `server`).
            #[cfg_attr(not(feature = #SERVER_FEATURE), allow(dead_code))]
            pub(crate) static #name: ::std::sync::LazyLock<#PATTERN::Pattern> =
                ::std::sync::LazyLock::new(|| #init);
        }
    });
    let checks = krate.patterns.iter().map(|p| {
        let name = types::ident(&p.static_name);
        let label = &p.static_name;
        quote!((#label, &*super::#name))
    });
    quote! {
        //! The model's `@pattern`s (ECMA-262 regular expressions, not anchored unless they anchor
        //! themselves), one static each, compiled once per process on first use.
        #(#statics)*

        #[cfg(test)]
        mod tests {
            /// Every pattern compiles with the engine versions this crate resolved (a pattern
            /// that failed would match nothing, so validation would fail closed).
            #[test]
            fn every_pattern_compiles() {
                let patterns: &[(&str, &#PATTERN::Pattern)] = &[#(#checks),*];
                for (name, pattern) in patterns {
                    assert!(pattern.is_compiled(), "{name} does not compile: {}", pattern.source());
                }
            }
        }
    }
}
