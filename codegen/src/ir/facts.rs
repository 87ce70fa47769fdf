//! The fact lines of the documentation: what users need to know about a member beside the
//! model's own docs (its wire name, whether it is required, its constraints, ...).

use super::{Constraints, Presence, ServerRule};
use crate::docs;
use crate::model::{Member, Shape, ShapeKind};

/// The model's documentation as rustdoc lines (none when it has none).
pub(super) fn docs_of(doc: &Option<String>) -> Vec<String> {
    doc.as_deref().map(docs::to_rustdoc).unwrap_or_default()
}

/// A member's documentation: its own, or else its target's.
pub(super) fn member_docs(member: &Member, target: &Shape) -> Vec<String> {
    let docs = docs_of(&member.traits.documentation);
    if docs.is_empty() {
        docs_of(&target.traits.documentation)
    } else {
        docs
    }
}

/// `docs`, then `facts`, with an empty line between them when there are both.
pub(super) fn with_facts(mut docs: Vec<String>, facts: Vec<String>) -> Vec<String> {
    if !docs.is_empty() && !facts.is_empty() {
        docs.push(String::new());
    }
    docs.extend(facts);
    docs
}

/// The fact line of a union variant.
pub(super) fn variant(wire_name: &str) -> Vec<String> {
    vec![format!("Wire name: `{wire_name}`.")]
}

/// The fact line of an enum variant.
pub(super) fn enum_value(value: &str) -> Vec<String> {
    vec![format!("Wire value: `{value}`.")]
}

/// The fact lines of a structure member.
pub(super) fn field(
    wire_name: &str,
    presence: &Presence,
    constraints: &Constraints,
    pattern: Option<&str>,
    target: &Shape,
    redacted: bool,
    member: &Member,
) -> Vec<String> {
    let mut facts = vec![format!("- Wire name: {}", docs::code_as_written(wire_name))];
    // A default as the model writes it.
    let default = || {
        let value = member.traits.default.as_ref().map(ToString::to_string);
        docs::code_as_written(&value.unwrap_or_default())
    };
    match presence {
        Presence::Required => facts.push("- Required: the builder fails without it".to_owned()),
        Presence::Default(_) => facts.push(format!("- Default: {}", default())),
        Presence::ClientOptional(ServerRule::Required) => facts.push(
            "- Required by the service, which rejects a request without it; optional for a \
             client (`@clientOptional`)"
                .to_owned(),
        ),
        Presence::ClientOptional(ServerRule::Default(_)) => facts.push(format!(
            "- Default: {}, which a server fills; a client sends it only when set",
            default()
        )),
        Presence::Optional => {}
    }
    if let Some(length) = constraints.length {
        // An enum's length is its wire value's.
        let (one, unit) = match target.kind {
            ShapeKind::String | ShapeKind::Enum(_) => (
                "character (Unicode scalar value)",
                "characters (Unicode scalar values)",
            ),
            ShapeKind::Blob => ("byte", "bytes"),
            ShapeKind::Map { .. } => ("entry", "entries"),
            _ => ("item", "items"),
        };
        let text = match (length.min, length.max) {
            (Some(1), Some(1)) => format!("exactly 1 {one}"),
            (Some(min), Some(max)) if min == max => format!("exactly {min} {unit}"),
            (Some(min), Some(max)) => format!("between {min} and {max} {unit}, inclusive"),
            (Some(min), None) => format!("at least {min} {unit}"),
            (None, Some(max)) => format!("at most {max} {unit}"),
            (None, None) => String::new(),
        };
        if !text.is_empty() {
            facts.push(format!("- Length: {text}"));
        }
    }
    if let Some(range) = &constraints.range {
        let text = match (&range.min, &range.max) {
            (Some(min), Some(max)) if min.text == max.text => format!("exactly {}", min.text),
            (Some(min), Some(max)) => format!("between {} and {}, inclusive", min.text, max.text),
            (Some(min), None) => format!("at least {}", min.text),
            (None, Some(max)) => format!("at most {}", max.text),
            (None, None) => String::new(),
        };
        if !text.is_empty() {
            facts.push(format!("- Range: {text}"));
        }
    }
    if let Some(pattern) = pattern {
        facts.push(format!("- Pattern: {}", docs::code_as_written(pattern)));
    }
    if constraints.unique_items {
        facts.push("- Items must be unique".to_owned());
    }
    if redacted {
        facts
            .push("- Sensitive: `Debug` prints it as `*** Sensitive Data Redacted ***`".to_owned());
    }
    if member.traits.idempotency_token {
        facts.push(
            "- Idempotency token: when it is unset, the builder's `build()` sets it to a random \
             UUID v4, once (`fill_idempotency_tokens` fills it from another source); serializing \
             sends what the value holds, so sending the same value again reuses the token"
                .to_owned(),
        );
    }
    if let Some(message) = &member.traits.deprecated {
        let message = if message.is_empty() {
            "no replacement given".to_owned()
        } else {
            message.clone()
        };
        facts.push(format!(
            "- Deprecated: {}",
            docs::to_rustdoc(&message).join(" ")
        ));
    }
    facts
}
