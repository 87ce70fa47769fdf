//! Validators: `validate()` on every structure and union, and the `validate_at` methods that
//! check one value tree with a lazily rendered path (see the generated `validation` module).
//!
//! Order of checks for one value: length, pattern, range, enum value set, unique items, then the
//! values inside it (list items in index order; map entries in key order, each key before its
//! value; structure members in model order).

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::runtime::{ERROR, PATTERN, VALIDATION};
use super::{docs, types};
use crate::docs::code_as_written;
use crate::ir::{Constraints, Crate, EnumDef, Presence, RustType, StructureDef, TypeDef, UnionDef};
use crate::model::traits::{ModelNumber, Range};
use crate::pattern::PatternPlan;

/// What the validators need to know about the crate's named types.
pub(super) struct Ctx<'a> {
    enums: BTreeMap<&'a str, &'a EnumDef>,
    /// Named types whose values can break a constraint (every enum: its unknown values).
    needs: BTreeMap<&'a str, bool>,
    /// Named types that are `Eq + Hash`.
    eq_hash: BTreeMap<&'a str, bool>,
    /// Pattern text → index of its static in the generated `patterns` module.
    patterns: BTreeMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(krate: &'a Crate) -> Self {
        let mut ctx = Ctx {
            enums: BTreeMap::new(),
            needs: BTreeMap::new(),
            eq_hash: BTreeMap::new(),
            patterns: krate
                .patterns
                .iter()
                .enumerate()
                .map(|(i, p)| (p.source.as_str(), i))
                .collect(),
        };
        for t in &krate.types {
            let name = t.common().rust_name.as_str();
            ctx.eq_hash.insert(name, t.common().eq_hash);
            if let TypeDef::Enum(e) = t {
                ctx.enums.insert(name, e);
            }
            ctx.needs.insert(name, matches!(t, TypeDef::Enum(_)));
        }
        // Fixed point: a type needs validation when a member has constraints or holds a type
        // that needs it (recursion included).
        loop {
            let mut changed = false;
            for t in &krate.types {
                let name = t.common().rust_name.as_str();
                if ctx.needs.get(name).copied().unwrap_or(false) {
                    continue;
                }
                let needs = match t {
                    TypeDef::Structure(s) => s
                        .fields
                        .iter()
                        .any(|f| ctx.value_needs(&f.ty, &f.constraints)),
                    TypeDef::Union(u) => u.variants.iter().any(|v| {
                        v.ty.as_ref()
                            .is_some_and(|ty| ctx.value_needs(ty, &v.constraints))
                    }),
                    TypeDef::Enum(_) => true,
                };
                if needs {
                    ctx.needs.insert(name, true);
                    changed = true;
                }
            }
            if !changed {
                return ctx;
            }
        }
    }

    fn named_needs(&self, name: &str) -> bool {
        self.needs.get(name).copied().unwrap_or(false)
    }

    /// Whether a value of `ty` under `c` can break a constraint.
    fn value_needs(&self, ty: &RustType, c: &Constraints) -> bool {
        let own = c.length.is_some()
            || c.range.is_some()
            || c.pattern
                .as_deref()
                .is_some_and(|p| self.patterns.contains_key(p))
            || c.unique_items
            || (c.enum_values.is_some() && matches!(ty, RustType::String));
        let none = Constraints::default();
        own || match ty {
            RustType::Named(name) => self.named_needs(name),
            RustType::List { item, .. } => {
                self.value_needs(item, c.member.as_deref().unwrap_or(&none))
            }
            RustType::Map { value, .. } => {
                self.value_needs(&RustType::String, c.key.as_deref().unwrap_or(&none))
                    || self.value_needs(value, c.value.as_deref().unwrap_or(&none))
            }
            _ => false,
        }
    }

    fn hashable(&self, ty: &RustType) -> bool {
        match ty {
            RustType::F32 | RustType::F64 | RustType::Document => false,
            RustType::Named(name) => self.eq_hash.get(name.as_str()).copied().unwrap_or(false),
            RustType::List { item: t, .. } | RustType::Map { value: t, .. } => self.hashable(t),
            _ => true,
        }
    }
}

/// The validation impl for one type (empty for enums no value of which is ever checked).
pub(super) fn emit(ctx: &Ctx<'_>, def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Structure(s) => structure(ctx, s),
        TypeDef::Union(u) => union(ctx, u),
        TypeDef::Enum(e) => enumeration(e),
    }
}

fn validate_fn(name: &str, needs: bool) -> TokenStream {
    let doc = docs::attrs(&[
        format!("Checks every constraint of the model on this `{name}` and everything inside it,"),
        "reporting every violation at once (see [`crate::validation`]). Clients need not call it:"
            .to_owned(),
        "a service may accept what an older model forbids.".to_owned(),
    ]);
    let body = if needs {
        quote! {
            let mut violations = #VALIDATION::Violations::new();
            self.validate_at(&#VALIDATION::Path::Root, &mut violations);
            violations.finish()
        }
    } else {
        quote!(::std::result::Result::Ok(()))
    };
    quote! {
        #doc
        pub fn validate(&self) -> ::std::result::Result<(), #ERROR::ValidationError> {
            #body
        }
    }
}

fn validate_at(body: TokenStream) -> TokenStream {
    quote! {
        #[allow(clippy::single_match, unused_variables)]
        pub(crate) fn validate_at(
            &self,
            path: &#VALIDATION::Path<'_>,
            violations: &mut #VALIDATION::Violations,
        ) {
            #body
        }
    }
}

fn structure(ctx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let needs = ctx.named_needs(&def.common.rust_name);
    let validate = validate_fn(&def.common.rust_name, needs);
    let at = needs.then(|| {
        let checks = def.fields.iter().filter_map(|f| {
            let field = types::ident(&f.rust_name);
            let wire = &f.wire_name;
            let check = value(ctx, &f.ty, &f.constraints)?;
            let block = quote! {
                let path = &#VALIDATION::Path::Member(path, #wire);
                #check
            };
            Some(match f.presence {
                Presence::Required | Presence::Default(_) => {
                    quote! { { let value = &self.#field; #block } }
                }
                Presence::Optional => quote! {
                    if let ::std::option::Option::Some(value) = &self.#field { #block }
                },
            })
        });
        validate_at(quote! { #(#checks)* })
    });
    quote! {
        impl #name {
            #validate
            #at
        }
    }
}

fn union(ctx: &Ctx<'_>, def: &UnionDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let needs = ctx.named_needs(&def.common.rust_name);
    let validate = validate_fn(&def.common.rust_name, needs);
    let at = needs.then(|| {
        let arms = def.variants.iter().filter_map(|v| {
            let variant = types::ident(&v.rust_name);
            let wire = &v.wire_name;
            let check = value(ctx, v.ty.as_ref()?, &v.constraints)?;
            Some(quote! {
                #name::#variant(value) => {
                    let path = &#VALIDATION::Path::Member(path, #wire);
                    #check
                }
            })
        });
        validate_at(quote! {
            // Unit members and members this crate does not know carry nothing to check.
            match self {
                #(#arms)*
                _ => {}
            }
        })
    });
    quote! {
        impl #name {
            #validate
            #at
        }
    }
}

fn enumeration(def: &EnumDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let unknown = types::ident(&def.unknown_variant);
    let message = enum_message(def.variants.iter().map(|v| v.value.as_str()));
    quote! {
        impl #name {
            /// Reports a value this crate does not know: the model allows only its known values.
            #[allow(dead_code)]
            pub(crate) fn validate_at(
                &self,
                path: &#VALIDATION::Path<'_>,
                violations: &mut #VALIDATION::Violations,
            ) {
                if let #name::#unknown(_) = self {
                    violations.fail(path, #message);
                }
            }
        }
    }
}

fn enum_message<'v>(values: impl Iterator<Item = &'v str>) -> String {
    format!(
        "Member must satisfy enum value set: [{}]",
        values.collect::<Vec<_>>().join(", ")
    )
}

/// Checks of the value `value` (a reference to a `ty`) at `path`, or `None` when nothing can fail.
fn value(ctx: &Ctx<'_>, ty: &RustType, c: &Constraints) -> Option<TokenStream> {
    if !ctx.value_needs(ty, c) {
        return None;
    }
    let mut out = TokenStream::new();
    let as_str = match ty {
        RustType::Named(name) if ctx.enums.get(name.as_str()).is_some_and(|e| !e.int) => {
            Some(quote!(value.as_str()))
        }
        RustType::String => Some(quote!(value.as_str())),
        _ => None,
    };
    if let Some(length) = c.length
        && (length.min.is_some() || length.max.is_some())
    {
        let len = match (&as_str, ty) {
            (Some(s), _) => quote!(#VALIDATION::string_length(#s)),
            _ => quote!(value.len()),
        };
        let min = Literal::u64_unsuffixed(length.min.unwrap_or(0));
        let max = length.max.map_or_else(
            || quote!(u64::MAX),
            |max| Literal::u64_unsuffixed(max).into_token_stream(),
        );
        let message = bounds_message("Member must have length", length.min, length.max);
        out.extend(quote! { violations.length(path, #len, #min, #max, #message); });
    }
    if let (Some(pattern), Some(s)) = (&c.pattern, &as_str)
        && let Some(index) = ctx.patterns.get(pattern.as_str())
    {
        let stat = types::ident(&format!("PATTERN_{index}"));
        let message = format!("Member must satisfy regular expression pattern: {pattern}");
        out.extend(quote! {
            if !crate::patterns::#stat.is_match(#s) {
                violations.fail(path, #message);
            }
        });
    }
    if let Some(range) = &c.range {
        out.extend(range_check(ctx, ty, range));
    }
    match ty {
        RustType::String => {
            if let Some(values) = &c.enum_values {
                let message = enum_message(values.iter().map(String::as_str));
                out.extend(quote! {
                    if !matches!(value.as_str(), #(#values)|*) {
                        violations.fail(path, #message);
                    }
                });
            }
        }
        RustType::Named(name) if ctx.named_needs(name) => {
            out.extend(quote! { value.validate_at(path, violations); });
        }
        RustType::List { item, sparse } => {
            if c.unique_items {
                let f = if ctx.hashable(item) {
                    quote!(#VALIDATION::unique_by_hash)
                } else {
                    quote!(#VALIDATION::unique_by_eq)
                };
                out.extend(quote! {
                    if !#f(value) {
                        violations.fail(path, "Member must have unique values");
                    }
                });
            }
            let inner = c.member.as_deref().cloned().unwrap_or_default();
            if let Some(check) = value(ctx, item, &inner) {
                let check = unwrap_sparse(*sparse, check);
                out.extend(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = &#VALIDATION::Path::Index(path, index);
                        #check
                    }
                });
            }
        }
        RustType::Map { value: v, sparse } => {
            let key = c.key.as_deref().cloned().unwrap_or_default();
            let key_check = value(ctx, &RustType::String, &key).map(|check| {
                // A key that breaks its own constraint is reported at the map's path.
                quote! { { let value = key; #check } }
            });
            let inner = c.value.as_deref().cloned().unwrap_or_default();
            let value_check = value(ctx, v, &inner).map(|check| {
                let check = unwrap_sparse(*sparse, check);
                quote! {
                    let path = &#VALIDATION::Path::Key(path, key);
                    #check
                }
            });
            if key_check.is_some() || value_check.is_some() {
                out.extend(quote! {
                    for (key, value) in value {
                        #key_check
                        #value_check
                    }
                });
            }
        }
        _ => {}
    }
    Some(out)
}

fn unwrap_sparse(sparse: bool, check: TokenStream) -> TokenStream {
    if sparse {
        quote! { if let ::std::option::Option::Some(value) = value { #check } }
    } else {
        check
    }
}

fn bounds_message<T: std::fmt::Display>(lead: &str, min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{lead} between {min} and {max}, inclusive"),
        (Some(min), None) => format!("{lead} greater than or equal to {min}"),
        (None, Some(max)) => format!("{lead} less than or equal to {max}"),
        (None, None) => String::new(),
    }
}

/// The range check of one number. Integers compare exactly against the bounds rounded inward
/// (`min: 2.2` on an integer admits 3 and up); doubles compare against the bound as an `f64`;
/// floats against the bound rounded to the nearest `f32` (what a float member holding the bound
/// would hold); NaN is outside every range. Big numbers compare their decimal text exactly.
fn range_check(ctx: &Ctx<'_>, ty: &RustType, range: &Range) -> TokenStream {
    let text = |n: &Option<ModelNumber>| n.as_ref().map(|n| n.text.clone());
    let message = bounds_message("Member must be", text(&range.min), text(&range.max));
    let fail = quote! { violations.fail(path, #message); };
    let int = |value: TokenStream, lo: i128, hi: i128| {
        // Bounds outside the type's range are dropped (always met) or make the check always
        // fail; within it they compare exactly.
        let min = range.min.as_ref().map(|n| bound_int(n, true));
        let max = range.max.as_ref().map(|n| bound_int(n, false));
        if min.is_some_and(|m| m > hi) || max.is_some_and(|m| m < lo) {
            return quote! { #fail };
        }
        let min = min.filter(|m| *m > lo).map(Literal::i128_unsuffixed);
        let max = max.filter(|m| *m < hi).map(Literal::i128_unsuffixed);
        let condition = match (min, max) {
            (Some(min), Some(max)) => quote!(!(#min..=#max).contains(&v)),
            (Some(min), None) => quote!(v < #min),
            (None, Some(max)) => quote!(v > #max),
            (None, None) => return TokenStream::new(),
        };
        quote! {
            let v = #value;
            if #condition { #fail }
        }
    };
    match ty {
        RustType::I8 => int(quote!(*value), i8::MIN.into(), i8::MAX.into()),
        RustType::I16 => int(quote!(*value), i16::MIN.into(), i16::MAX.into()),
        RustType::I32 => int(quote!(*value), i32::MIN.into(), i32::MAX.into()),
        RustType::I64 => int(quote!(*value), i64::MIN.into(), i64::MAX.into()),
        RustType::Named(name) if ctx.enums.get(name.as_str()).is_some_and(|e| e.int) => {
            int(quote!(value.as_i32()), i32::MIN.into(), i32::MAX.into())
        }
        RustType::F32 | RustType::F64 => {
            let lit = |n: &ModelNumber| {
                if matches!(ty, RustType::F32) {
                    // Rounding the bound to the nearest f32 is the point.
                    #[allow(clippy::cast_possible_truncation)]
                    let v = n.value as f32;
                    float_literal(format!("{v:?}f32")).unwrap_or_else(|| Literal::f32_suffixed(v))
                } else {
                    float_literal(format!("{:?}f64", n.value))
                        .unwrap_or_else(|| Literal::f64_suffixed(n.value))
                }
            };
            // `contains` is false for NaN, and `is_nan` catches it with one bound: NaN is
            // outside every range.
            let condition = match (range.min.as_ref().map(lit), range.max.as_ref().map(lit)) {
                (Some(min), Some(max)) => quote!(!(#min..=#max).contains(&v)),
                (Some(min), None) => quote!(v.is_nan() || v < #min),
                (None, Some(max)) => quote!(v.is_nan() || v > #max),
                (None, None) => return TokenStream::new(),
            };
            quote! {
                let v = *value;
                if #condition { #fail }
            }
        }
        RustType::BigInteger | RustType::BigDecimal => {
            let cmp = |n: &ModelNumber, allowed: TokenStream| {
                let t = &n.text;
                quote! {
                    !matches!(
                        #VALIDATION::compare_decimal(value.as_str(), #t),
                        ::std::option::Option::Some(#allowed)
                    )
                }
            };
            let parts: Vec<TokenStream> = [
                range.min.as_ref().map(|n| {
                    cmp(
                        n,
                        quote!(::std::cmp::Ordering::Greater | ::std::cmp::Ordering::Equal),
                    )
                }),
                range.max.as_ref().map(|n| {
                    cmp(
                        n,
                        quote!(::std::cmp::Ordering::Less | ::std::cmp::Ordering::Equal),
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() {
                return TokenStream::new();
            }
            quote! { if #(#parts)||* { #fail } }
        }
        _ => TokenStream::new(),
    }
}

/// A bound rounded inward for integers: up for a minimum, down for a maximum.
fn bound_int(n: &ModelNumber, minimum: bool) -> i128 {
    if let Ok(exact) = n.text.parse::<i128>() {
        return exact;
    }
    let v = if minimum {
        n.value.ceil()
    } else {
        n.value.floor()
    };
    // Saturating float-to-int conversion; bounds beyond i128 are far outside every type.
    #[allow(clippy::cast_possible_truncation)]
    let v = v as i128;
    v
}

/// The `patterns` module: one static per distinct pattern, compiled on first use, with a doc
/// comment saying which engine evaluates it and why.
pub(super) fn patterns(krate: &Crate) -> TokenStream {
    let statics = krate.patterns.iter().enumerate().map(|(i, p)| {
        let name = types::ident(&format!("PATTERN_{i}"));
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
            pub(crate) static #name: ::std::sync::LazyLock<#PATTERN::Pattern> =
                ::std::sync::LazyLock::new(|| #init);
        }
    });
    let checks = (0..krate.patterns.len()).map(|i| {
        let name = types::ident(&format!("PATTERN_{i}"));
        let label = format!("PATTERN_{i}");
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

/// A float literal in its shortest form (`1e300f64`, `2.2f32`).
fn float_literal(text: String) -> Option<Literal> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx<'static> {
        Ctx {
            enums: BTreeMap::new(),
            needs: BTreeMap::new(),
            eq_hash: BTreeMap::new(),
            patterns: BTreeMap::new(),
        }
    }

    fn number(text: &str) -> ModelNumber {
        ModelNumber {
            text: text.to_owned(),
            value: text.parse().unwrap(),
        }
    }

    fn range(min: Option<&str>, max: Option<&str>) -> Range {
        Range {
            min: min.map(number),
            max: max.map(number),
        }
    }

    fn check(ty: RustType, min: Option<&str>, max: Option<&str>) -> String {
        range_check(&ctx(), &ty, &range(min, max))
            .to_string()
            .replace(' ', "")
    }

    #[test]
    fn integer_bounds_round_inward_and_drop_when_always_met() {
        assert_eq!(
            check(RustType::I32, Some("2.2"), Some("9.9")),
            "letv=*value;if!(3..=9).contains(&v){violations.fail(path,\"Membermustbebetween2.2and9.9,inclusive\");}"
        );
        // -200 is below every i8, so only the maximum is checked.
        assert_eq!(
            check(RustType::I8, Some("-200"), Some("5")),
            "letv=*value;ifv>5{violations.fail(path,\"Membermustbebetween-200and5,inclusive\");}"
        );
        // A minimum above every i8 can never be met.
        assert_eq!(
            check(RustType::I8, Some("300"), None),
            "violations.fail(path,\"Membermustbegreaterthanorequalto300\");"
        );
        assert_eq!(check(RustType::I16, Some("-32768"), Some("32767")), "");
    }

    #[test]
    fn float_bounds_reject_nan() {
        assert_eq!(
            check(RustType::F32, None, Some("2.2")),
            "letv=*value;ifv.is_nan()||v>2.2f32{violations.fail(path,\"Membermustbelessthanorequalto2.2\");}"
        );
        assert_eq!(
            check(RustType::F64, Some("1e300"), Some("1e301")),
            "letv=*value;if!(1e300f64..=1e301f64).contains(&v){violations.fail(path,\"Membermustbebetween1e300and1e301,inclusive\");}"
        );
    }
}
