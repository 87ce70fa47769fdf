//! JSON errors that name the JSON Pointer of the offending value, and the path helpers.

use std::fmt;

use serde::de;

/// A JSON document that could not be read as the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl JsonError {
    pub fn from_serde(error: &serde_json::Error) -> Self {
        let text = strip_position(&error.to_string());
        let (path, message) = split_path(&text);
        JsonError {
            path,
            message,
            line: error.line(),
            column: error.column(),
        }
    }

    /// The JSON Pointer of the offending value (`/ParticipantDetails/DisplayName`); empty for
    /// the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path or position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line of the problem (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the problem (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if self.line != 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonError {}

/// Removes serde_json's ` at line N column M` suffix.
fn strip_position(text: &str) -> String {
    if let Some(i) = text.rfind(" at line ") {
        let rest = &text[i + " at line ".len()..];
        let mut parts = rest.split(' ');
        let ok = matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some(l), Some("column"), Some(c), None)
                if l.bytes().all(|b| b.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_digit())
        );
        if ok {
            return text[..i].to_owned();
        }
    }
    text.to_owned()
}

fn split_path(text: &str) -> (String, String) {
    if text.starts_with('/')
        && let Some(i) = text.find(": ")
    {
        return (text[..i].to_owned(), text[i + 2..].to_owned());
    }
    (String::new(), text.to_owned())
}

/// A JSON Pointer segment: `~` becomes `~0` and `/` becomes `~1`.
pub fn segment(name: &str) -> String {
    if name.contains(['~', '/']) {
        name.replace('~', "~0").replace('/', "~1")
    } else {
        name.to_owned()
    }
}

fn prefixed(segment: &str, inner: &str) -> String {
    let inner = strip_position(inner);
    if inner.starts_with('/') {
        format!("/{segment}{inner}")
    } else {
        format!("/{segment}: {inner}")
    }
}

/// Puts `name` (a member or key) in front of the path of an error from inside its value.
#[cold]
pub fn at<E: de::Error>(name: &str, error: E) -> E {
    E::custom(prefixed(&segment(name), &error.to_string()))
}

/// Puts a list index in front of the path of an error from inside an item.
#[cold]
pub(super) fn at_index<E: de::Error>(index: usize, error: E) -> E {
    E::custom(prefixed(&index.to_string(), &error.to_string()))
}
