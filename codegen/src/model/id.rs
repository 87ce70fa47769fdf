//! Shape ids: `namespace#Name`, and member ids `namespace#Name$member` for messages.

use std::fmt;

/// An absolute Smithy shape id such as `com.amazonaws.connect#StartChatContact`.
///
/// Ordered by its text, so sets and maps of ids iterate in a stable order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parses an absolute shape id; `None` when `text` is not `namespace#Name`.
    pub fn parse(text: &str) -> Option<ShapeId> {
        let (namespace, name) = text.split_once('#')?;
        let namespace_ok = !namespace.is_empty() && namespace.split('.').all(is_identifier);
        if namespace_ok && is_identifier(name) {
            Some(ShapeId(text.to_owned()))
        } else {
            None
        }
    }

    /// The part before `#`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The part after `#`.
    pub fn name(&self) -> &str {
        self.0
            .split_once('#')
            .map_or(self.0.as_str(), |(_, name)| name)
    }

    /// The whole id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of one of this shape's members, for messages: `ns#Shape$member`.
    pub fn member(&self, member: &str) -> String {
        format!("{}${member}", self.0)
    }

    /// Whether this id lives in the Smithy prelude (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        self.namespace() == "smithy.api"
    }
}

/// A Smithy identifier: `(_+[A-Za-z0-9]|[A-Za-z])[A-Za-z0-9_]*`.
pub fn is_identifier(text: &str) -> bool {
    let trimmed = text.trim_start_matches('_');
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    let starts_ok = if trimmed.len() == text.len() {
        first.is_ascii_alphabetic()
    } else {
        first.is_ascii_alphanumeric()
    };
    starts_ok
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_absolute_ids_only() {
        let id = ShapeId::parse("com.amazonaws.connect#ChatMessage").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.connect");
        assert_eq!(id.name(), "ChatMessage");
        assert_eq!(
            id.member("Content"),
            "com.amazonaws.connect#ChatMessage$Content"
        );
        for bad in [
            "ChatMessage",
            "#Foo",
            "ns#",
            "ns#1Foo",
            "n s#Foo",
            "ns#Foo$bar",
            "a..b#C",
        ] {
            assert!(ShapeId::parse(bad).is_none(), "{bad} should not parse");
        }
        assert!(ShapeId::parse("smithy.api#String").unwrap().is_prelude());
        assert!(ShapeId::parse("a._b#_1x").is_some());
    }
}
