//! The one place where model names become Rust names.
//!
//! Policy:
//! - types and enum/union variants are `UpperCamelCase`, fields and modules `snake_case`, via heck;
//! - a name that is a Rust keyword (strict, reserved or weak: `type`, `ref`, `self`, `Self`...) or
//!   one of our reserved names (`build`, which every builder defines) gets a trailing underscore:
//!   `type_`, `self_`, `Self_`, `build_`. One rule for every keyword, because raw identifiers
//!   cannot spell `self`, `Self`, `super` or `crate`;
//! - a name that would start with a digit after casing gets a leading `V` (variants) or `_`
//!   (fields).
//!
//! Collisions after casing are detected by the IR, which reports them as errors.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords of the 2024 edition (strict, reserved and the contextual ones that matter).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names our generated code defines beside model names.
const RESERVED_FIELDS: &[&str] = &["build"];

fn escape(name: String, reserved: &[&str]) -> String {
    if KEYWORDS.contains(&name.as_str()) || reserved.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Rust type name for a shape name: `StartChatContactRequest`, `Option`, `Type`.
pub fn type_name(shape_name: &str) -> String {
    let mut name = shape_name.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    escape(name, &[])
}

/// The Rust field (and setter) name for a member: `InstanceId` → `instance_id`, `type` → `type_`.
pub fn field_name(member_name: &str) -> String {
    let mut name = member_name.to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape(name, RESERVED_FIELDS)
}

/// Module names the generated `types` module defines itself.
const RESERVED_MODULES: &[&str] = &["builders"];

/// The module (file) name for a Rust type name: `StartChatContactRequest` → `start_chat_contact_request`.
pub fn module_name(type_name: &str) -> String {
    escape(
        type_name.trim_end_matches('_').to_snake_case(),
        RESERVED_MODULES,
    )
}

/// The variant name for an enum or union member: `ENTIRE_PAST_SESSION` → `EntirePastSession`.
pub fn variant_name(member_name: &str) -> String {
    type_name(member_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(
            type_name("StartChatContactRequest"),
            "StartChatContactRequest"
        );
        assert_eq!(type_name("ARN"), "Arn");
        assert_eq!(field_name("InstanceId"), "instance_id");
        assert_eq!(
            field_name("SupportedMessagingContentTypes"),
            "supported_messaging_content_types"
        );
        assert_eq!(variant_name("ENTIRE_PAST_SESSION"), "EntirePastSession");
        assert_eq!(variant_name("connect:Subtype"), "ConnectSubtype");
        assert_eq!(module_name("ParticipantDetails"), "participant_details");
    }

    #[test]
    fn keyword_policy_is_a_trailing_underscore() {
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("ref"), "ref_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("default"), "default");
        assert_eq!(field_name("build"), "build_");
        assert_eq!(field_name("Type"), "type_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("Option"), "Option");
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(module_name("Self_"), "self_");
        assert_eq!(module_name("Builders"), "builders_");
    }

    #[test]
    fn leading_digits() {
        assert_eq!(variant_name("3DES"), "V3des");
        assert_eq!(field_name("_3d"), "_3d");
    }
}
