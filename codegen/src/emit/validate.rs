//! Validators: `validate()` on every structure and union, and the `validate_at` methods that
//! check one value tree with a lazily rendered path (see the generated `validation` module).
//!
//! Order of checks for one value: length, pattern, range, enum value set, unique items, then the
//! values inside it (list items in index order; map entries in key order, each key before its
//! value; structure members in model order).

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::ctx::Ctx;
use super::runtime::{ERROR, VALIDATION};
use super::{docs, types};
use crate::ir::{Constraints, EnumDef, RustType, StructureDef, TypeDef, UnionDef, analysis};
use crate::model::traits::{ModelNumber, Range};

/// Whether a value of `ty` under `c` can break a constraint.
fn value_needs(cx: &Ctx<'_>, ty: &RustType, c: &Constraints) -> bool {
    analysis::value_needs_validation(ty, c, &|r| cx.ty(r).common().needs_validation)
}

/// Whether values of `ty` are `Eq + Hash`.
fn hashable(cx: &Ctx<'_>, ty: &RustType) -> bool {
    match ty {
        RustType::F32 | RustType::F64 | RustType::Document => false,
        RustType::Named(r) => cx.ty(*r).common().eq_hash,
        RustType::List { item: t, .. } | RustType::Map { value: t, .. } => hashable(cx, t),
        _ => true,
    }
}

/// The one `impl` block holding a type's `validate` and `validate_at`. Only a server checks
/// what a client receives (a client validates its requests), so for a type only ever received
/// it is behind the `server` feature.
pub(super) fn emit(cx: &Ctx<'_>, def: &TypeDef) -> TokenStream {
    let needs = def.common().needs_validation;
    let cfg = super::server_only(def.common().directions.write_server_only());
    let block = match def {
        TypeDef::Structure(s) => structure(cx, needs, s),
        TypeDef::Union(u) => union(cx, needs, u),
        TypeDef::Enum(e) => enumeration(e),
    };
    quote!(#cfg #block)
}

fn validate_fn(name: &str, needs: bool) -> TokenStream {
    let doc = docs::attrs(&[
        format!("Checks every constraint of the model on this `{name}` and everything inside it,"),
        "reporting every violation at once (see [`crate::validation`]). Clients need not call it:"
            .to_owned(),
        "a service may accept what an older model forbids. It checks the constraint traits that"
            .to_owned(),
        "each member's docs list (`Length`, `Range`, `Pattern`, ...); a rule the documentation"
            .to_owned(),
        "states only in prose (a key charset, a total size, members that exclude each other) is"
            .to_owned(),
        "not in the model and is not checked.".to_owned(),
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
        #[inline]
        pub fn validate(&self) -> ::std::result::Result<(), #ERROR::ValidationError> {
            #body
        }
    }
}

fn validate_at(body: TokenStream) -> TokenStream {
    quote! {
        #[allow(clippy::single_match, unused_variables)]
        #[inline]
        pub(crate) fn validate_at(
            &self,
            path: &#VALIDATION::Path<'_>,
            violations: &mut #VALIDATION::Violations,
        ) {
            #body
        }
    }
}

fn structure(cx: &Ctx<'_>, needs: bool, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let validate = validate_fn(&def.common.rust_name, needs);
    let at = needs.then(|| {
        let checks = def.fields.iter().filter_map(|f| {
            let field = types::ident(&f.rust_name);
            let wire = &f.wire_name;
            let check = value(cx, &f.ty, &f.constraints)?;
            let block = quote! {
                let path = &#VALIDATION::Path::Member(path, #wire);
                #check
            };
            Some(if f.presence.is_option() {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#field { #block }
                }
            } else {
                quote! { { let value = &self.#field; #block } }
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

fn union(cx: &Ctx<'_>, needs: bool, def: &UnionDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let validate = validate_fn(&def.common.rust_name, needs);
    let at = needs.then(|| {
        let arms = def.variants.iter().filter_map(|v| {
            let variant = types::ident(&v.rust_name);
            let wire = &v.wire_name;
            let check = value(cx, v.ty.as_ref()?, &v.constraints)?;
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
    let message = enum_message(
        def.variants
            .iter()
            .filter(|v| !v.internal)
            .map(|v| v.value.as_str()),
    );
    quote! {
        impl #name {
            /// Reports a value this crate does not know: the model allows only its known values.
            #[allow(dead_code)]
            #[inline]
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

/// The message of a value outside an enum's value set, listing the values that are not
/// `@internal` (an internal value is valid, but not advertised).
fn enum_message<'v>(values: impl Iterator<Item = &'v str>) -> String {
    format!(
        "Member must satisfy enum value set: [{}]",
        values.collect::<Vec<_>>().join(", ")
    )
}

/// Checks of the value `value` (a reference to a `ty`) at `path`, or `None` when nothing can fail:
/// its own constraints first, then those of the values inside it.
fn value(cx: &Ctx<'_>, ty: &RustType, c: &Constraints) -> Option<TokenStream> {
    if !value_needs(cx, ty, c) {
        return None;
    }
    let mut out = own_checks(cx, ty, c);
    out.extend(nested_checks(cx, ty, c));
    Some(out)
}

/// The checks of the value's own constraints: length, pattern, range, enum value set (of a
/// string held as such) and unique items, in that order.
fn own_checks(cx: &Ctx<'_>, ty: &RustType, c: &Constraints) -> TokenStream {
    let mut out = TokenStream::new();
    let enumeration = match ty {
        RustType::Named(r) => match cx.ty(*r) {
            TypeDef::Enum(e) => Some(e),
            _ => None,
        },
        _ => None,
    };
    let as_str = match ty {
        RustType::Named(_) if enumeration.is_some_and(|e| !e.int) => Some(quote!(value.as_str())),
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
    if let (Some(pattern), Some(s)) = (c.pattern, &as_str) {
        let pattern = cx.krate.pattern(pattern);
        let stat = types::ident(&pattern.static_name);
        let message = format!(
            "Member must satisfy regular expression pattern: {}",
            pattern.source
        );
        out.extend(quote! {
            if !crate::patterns::#stat.is_match(#s) {
                violations.fail(path, #message);
            }
        });
    }
    if let Some(range) = &c.range {
        let int_enum = enumeration.is_some_and(|e| e.int);
        out.extend(range_check(ty, int_enum, range));
    }
    match ty {
        RustType::String => {
            if let Some(values) = &c.enum_values {
                let listed = values.iter().filter(|v| !c.enum_internal.contains(v));
                let message = enum_message(listed.map(String::as_str));
                out.extend(quote! {
                    if !matches!(value.as_str(), #(#values)|*) {
                        violations.fail(path, #message);
                    }
                });
            }
        }
        RustType::List { item, .. } if c.unique_items => {
            let f = if hashable(cx, item) {
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
        _ => {}
    }
    out
}

/// The checks of the values inside: a validated type's own `validate_at`, each list item (by
/// index), each map key (at the map's path) and value (by key).
fn nested_checks(cx: &Ctx<'_>, ty: &RustType, c: &Constraints) -> TokenStream {
    match ty {
        RustType::Named(r) if cx.ty(*r).common().needs_validation => {
            quote! { value.validate_at(path, violations); }
        }
        RustType::List { item, sparse } => {
            let inner = c.member.as_deref().cloned().unwrap_or_default();
            let Some(check) = value(cx, item, &inner) else {
                return TokenStream::new();
            };
            let check = unwrap_sparse(*sparse, check);
            quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = &#VALIDATION::Path::Index(path, index);
                    #check
                }
            }
        }
        RustType::Map { value: v, sparse } => {
            let key = c.key.as_deref().cloned().unwrap_or_default();
            let key_check = value(cx, &RustType::String, &key).map(|check| {
                // A key that breaks its own constraint is reported at the map's path.
                quote! { { let value = key; #check } }
            });
            let inner = c.value.as_deref().cloned().unwrap_or_default();
            let value_check = value(cx, v, &inner).map(|check| {
                let check = unwrap_sparse(*sparse, check);
                quote! {
                    let path = &#VALIDATION::Path::Key(path, key);
                    #check
                }
            });
            if key_check.is_none() && value_check.is_none() {
                return TokenStream::new();
            }
            quote! {
                for (key, value) in value {
                    #key_check
                    #value_check
                }
            }
        }
        _ => TokenStream::new(),
    }
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
/// `int_enum`: `ty` is an intEnum, whose `as_i32()` is compared.
fn range_check(ty: &RustType, int_enum: bool, range: &Range) -> TokenStream {
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
        RustType::Named(_) if int_enum => {
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

/// A float literal in its shortest form (`1e300f64`, `2.2f32`).
fn float_literal(text: String) -> Option<Literal> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        range_check(&ty, false, &range(min, max))
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
