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
//! - names derived from those (builders, setters, accessors, error enums, statics, private
//!   holders and locals) are made here too, and stored in the IR beside the names they derive
//!   from, so that no emitter formats a name.
//!
//! Collisions after casing, of model names and derived names alike, are detected by the IR
//! (`ir/names.rs`), which reports them as errors.

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

/// Names a generated `Client` defines besides its operations' methods.
const RESERVED_CLIENT_METHODS: &[&str] = &["builder", "config"];

/// The `Client` method of an operation, from its module name: `start_chat_contact`, and
/// `config_` for an operation named `Config` (`Client::config` is the client's own).
pub fn client_method_name(module: &str) -> String {
    escape(module.to_owned(), RESERVED_CLIENT_METHODS)
}

/// The variant name for an enum or union member: `ENTIRE_PAST_SESSION` → `EntirePastSession`.
pub fn variant_name(member_name: &str) -> String {
    type_name(member_name)
}

/// The builder of a structure: `StartChatContactRequest` → `StartChatContactRequestBuilder`.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The builder method that sets or clears a field: `instance_id` → `set_instance_id`.
pub fn setter_name(field_name: &str) -> String {
    format!("set_{field_name}")
}

/// The stem of a union member's accessors: the field name without a keyword's underscore
/// (`type` → `type`, so `is_type` and `as_type`).
fn accessor_stem(member_name: &str) -> String {
    field_name(member_name).trim_end_matches('_').to_owned()
}

/// The union method that tells whether a value is this member: `Text` → `is_text`.
pub fn is_fn_name(member_name: &str) -> String {
    format!("is_{}", accessor_stem(member_name))
}

/// The union method that borrows this member's value: `Text` → `as_text`.
pub fn as_fn_name(member_name: &str) -> String {
    format!("as_{}", accessor_stem(member_name))
}

/// The error enum of an operation: `StartChatContact` → `StartChatContactError`.
pub fn error_enum_name(operation_name: &str) -> String {
    format!("{operation_name}Error")
}

/// The static holding the pattern at `index` in the crate's sorted patterns: `PATTERN_0`.
pub fn pattern_static_name(index: usize) -> String {
    format!("PATTERN_{index}")
}

/// The private struct holding the body members of a message that has members elsewhere too
/// (headers, labels...), read from the body: `__StartChatContactRequestBody`.
pub fn body_holder_name(type_name: &str) -> String {
    format!("__{type_name}Body")
}

/// The private struct borrowing a message's body members to write them:
/// `__StartChatContactRequestBodyRef`.
pub fn body_ref_name(type_name: &str) -> String {
    format!("__{type_name}BodyRef")
}

/// The local variable holding a field's value while generated code reads a message: prefixed
/// so that no field name can shadow the reader's own variables (`msg`, `missing`, `body`...).
pub fn local_name(field_name: &str) -> String {
    format!("m_{field_name}")
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
        assert_eq!(client_method_name("config"), "config_");
        assert_eq!(client_method_name("builder"), "builder_");
        assert_eq!(client_method_name("self_"), "self_");
        assert_eq!(client_method_name("get_config"), "get_config");
    }

    #[test]
    fn leading_digits() {
        assert_eq!(variant_name("3DES"), "V3des");
        assert_eq!(field_name("_3d"), "_3d");
    }

    #[test]
    fn derived_names() {
        assert_eq!(builder_name("In_"), "In_Builder");
        assert_eq!(setter_name("type_"), "set_type_");
        assert_eq!(is_fn_name("type"), "is_type");
        assert_eq!(as_fn_name("ChatMessage"), "as_chat_message");
        assert_eq!(error_enum_name("StartChatContact"), "StartChatContactError");
        assert_eq!(pattern_static_name(3), "PATTERN_3");
        assert_eq!(body_holder_name("In"), "__InBody");
        assert_eq!(body_ref_name("In"), "__InBodyRef");
    }

    #[test]
    fn locals_cannot_shadow_the_reader_variables() {
        assert_eq!(local_name("key"), "m_key");
        assert_eq!(local_name("type_"), "m_type_");
        assert_eq!(local_name("msg"), "m_msg");
    }
}
