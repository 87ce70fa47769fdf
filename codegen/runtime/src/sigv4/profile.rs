//! The shared `config` and `credentials` files: an INI dialect with profiles.
//!
//! - `[name]` starts a section; surrounding spaces inside the brackets are ignored. In the
//!   `config` file a profile is `[profile name]` (and `[default]` or `[profile default]`);
//!   other sections (`[sso-session x]`, `[services x]`, a bare `[name]`) are not profiles and
//!   are skipped. In the `credentials` file a profile is `[name]`.
//! - `name = value`: spaces around both are trimmed; names are read case-insensitively. A value
//!   may continue on following lines that start with a space or a tab (nested settings such
//!   as `s3 =` then `  max_concurrent_requests = 10`), joined with `\n`.
//! - Lines starting with `#` or `;` are comments, and so is the rest of a line after ` #` or
//!   ` ;` (a comment sign preceded by whitespace). Blank lines are ignored.
//! - A profile given twice is merged, later values winning; a profile in both files is merged,
//!   the `credentials` file winning.
//!
//! Anything else (a property before any section, a line without `=`, an unclosed `[`, a file
//! that is not UTF-8) is a [`ProfileFileError`] naming the file and the line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which of the two shared files a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: profiles are `[profile name]`.
    Config,
    /// `~/.aws/credentials`: profiles are `[name]`.
    Credentials,
}

/// The profiles of one or both shared files: name to properties (names lowercase).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, BTreeMap<String, String>>,
}

/// A shared file that cannot be read as profiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFileError {
    /// The file, when the text came from one.
    pub path: Option<PathBuf>,
    /// The 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}:{}: {}", path.display(), self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for ProfileFileError {}

/// Strips a comment that starts at a `#` or `;` preceded by whitespace.
fn strip_inline_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'#' | b';') && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return &text[..i];
        }
    }
    text
}

impl ProfileSet {
    /// Reads the bytes of a shared file. `path` only names the file in errors.
    ///
    /// # Errors
    ///
    /// A [`ProfileFileError`] with the line of the first problem.
    pub fn parse(
        bytes: &[u8],
        kind: FileKind,
        path: Option<&Path>,
    ) -> Result<Self, ProfileFileError> {
        let mut set = ProfileSet::default();
        set.merge_bytes(bytes, kind, path)?;
        Ok(set)
    }

    /// Reads another file's bytes into this set, its values winning over the ones already here.
    ///
    /// # Errors
    ///
    /// As [`ProfileSet::parse`]; the set is left unchanged then.
    pub fn merge_bytes(
        &mut self,
        bytes: &[u8],
        kind: FileKind,
        path: Option<&Path>,
    ) -> Result<(), ProfileFileError> {
        let error = |line: usize, message: String| ProfileFileError {
            path: path.map(Path::to_path_buf),
            line,
            message,
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            error(line, "the file is not UTF-8 text".to_owned())
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut parsed: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        // The current section: `Some(name)` for a profile, `None` for a skipped section.
        let mut section: Option<Option<String>> = None;
        let mut last_key: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let line_no = index + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            let indented = raw.starts_with([' ', '\t']);
            if indented && !trimmed.starts_with('[') {
                // A continuation of the previous property's value.
                match (&section, &last_key) {
                    (Some(Some(profile)), Some(key)) => {
                        let value = strip_inline_comment(trimmed).trim_end();
                        if let Some(existing) = parsed.get_mut(profile).and_then(|p| p.get_mut(key))
                        {
                            existing.push('\n');
                            existing.push_str(value);
                        }
                        continue;
                    }
                    (Some(None), _) => continue,
                    (Some(Some(_)), None) => {
                        return Err(error(
                            line_no,
                            format!("indented line `{trimmed}` continues no property"),
                        ));
                    }
                    (None, _) => {}
                }
            }
            if let Some(rest) = trimmed.strip_prefix('[') {
                let Some(close) = rest.find(']') else {
                    return Err(error(
                        line_no,
                        format!("section header `{trimmed}` has no closing `]`"),
                    ));
                };
                let after = rest[close + 1..].trim();
                if !after.is_empty() && !after.starts_with(['#', ';']) {
                    return Err(error(
                        line_no,
                        format!("unexpected text `{after}` after section header"),
                    ));
                }
                let name = rest[..close].trim();
                if name.is_empty() {
                    return Err(error(line_no, "empty section name `[]`".to_owned()));
                }
                let profile = profile_name(name, kind);
                if let Some(profile) = &profile {
                    parsed.entry(profile.clone()).or_default();
                }
                section = Some(profile);
                last_key = None;
                continue;
            }
            let Some((key, value)) = trimmed.split_once('=') else {
                return Err(error(
                    line_no,
                    format!("expected `name = value` or a `[section]`, found `{trimmed}`"),
                ));
            };
            let key = key.trim().to_ascii_lowercase();
            if key.is_empty() {
                return Err(error(
                    line_no,
                    format!("property without a name: `{trimmed}`"),
                ));
            }
            let value = strip_inline_comment(value.trim()).trim().to_owned();
            match &section {
                None => {
                    return Err(error(
                        line_no,
                        format!("property `{key}` appears before any [section] header"),
                    ));
                }
                Some(None) => {}
                Some(Some(profile)) => {
                    parsed
                        .entry(profile.clone())
                        .or_default()
                        .insert(key.clone(), value);
                }
            }
            last_key = Some(key);
        }
        for (name, properties) in parsed {
            self.profiles.entry(name).or_default().extend(properties);
        }
        Ok(())
    }

    /// The properties of a profile (names lowercase), if it exists.
    pub fn profile(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.profiles.get(name)
    }

    /// One property of a profile.
    pub fn get(&self, profile: &str, key: &str) -> Option<&str> {
        self.profiles.get(profile)?.get(key).map(String::as_str)
    }

    /// The profile names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }
}

/// The profile a section header names, or `None` for a section that is not a profile.
fn profile_name(header: &str, kind: FileKind) -> Option<String> {
    match kind {
        FileKind::Credentials => Some(header.to_owned()),
        FileKind::Config => {
            if header == "default" {
                return Some(header.to_owned());
            }
            let rest = header.strip_prefix("profile")?;
            if !rest.starts_with([' ', '\t']) {
                return None;
            }
            let name = rest.trim();
            (!name.is_empty()).then(|| name.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<ProfileSet, String> {
        ProfileSet::parse(text.as_bytes(), FileKind::Config, Some(Path::new("config")))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn config_profiles_comments_and_whitespace() {
        let set = config(
            "# a comment\n\
             ; another\n\
             [default]\n\
             region = us-west-2   # inline comment\n\
             \n\
             [ profile  dev ]  ; trailing comment\n\
             AWS_Access_Key_ID=AKID\n\
             aws_secret_access_key =  a#b;c  \n\
             s3 =\n  max_concurrent_requests = 10\n\tsignature_version = s3v4\n\
             [sso-session corp]\n\
             sso_region = eu-west-1\n\
             [plain]\n\
             region = ignored\n\
             [profile default]\n\
             output = json\n",
        )
        .unwrap();
        assert_eq!(set.names().collect::<Vec<_>>(), ["default", "dev"]);
        assert_eq!(set.get("default", "region"), Some("us-west-2"));
        assert_eq!(set.get("default", "output"), Some("json"));
        assert_eq!(set.get("dev", "aws_access_key_id"), Some("AKID"));
        assert_eq!(set.get("dev", "aws_secret_access_key"), Some("a#b;c"));
        assert_eq!(
            set.get("dev", "s3"),
            Some("\nmax_concurrent_requests = 10\nsignature_version = s3v4")
        );
    }

    #[test]
    fn credentials_file_sections_are_profiles() {
        let mut set = ProfileSet::parse(
            b"[default]\r\naws_access_key_id = A\r\n[profile x]\r\nk = v\r\n",
            FileKind::Credentials,
            None,
        )
        .unwrap();
        assert_eq!(set.get("default", "aws_access_key_id"), Some("A"));
        assert_eq!(set.get("profile x", "k"), Some("v"));
        // A later file wins.
        set.merge_bytes(
            b"[default]\naws_access_key_id = B\n",
            FileKind::Credentials,
            None,
        )
        .unwrap();
        assert_eq!(set.get("default", "aws_access_key_id"), Some("B"));
    }

    #[test]
    fn malformed_files_name_the_line() {
        let cases = [
            (
                "region = x\n",
                "config:1: property `region` appears before any [section] header",
            ),
            (
                "[default]\nregion\n",
                "config:2: expected `name = value` or a `[section]`, found `region`",
            ),
            (
                "\n[default\n",
                "config:2: section header `[default` has no closing `]`",
            ),
            (
                "[default] x\n",
                "config:1: unexpected text `x` after section header",
            ),
            ("[]\n", "config:1: empty section name `[]`"),
            (
                "[default]\n= v\n",
                "config:2: property without a name: `= v`",
            ),
            (
                "[default]\n  a = b\n",
                "config:2: indented line `a = b` continues no property",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(config(text).unwrap_err(), message, "{text:?}");
        }
        let err = ProfileSet::parse(b"[default]\nk = \xff\n", FileKind::Config, None).unwrap_err();
        assert_eq!(err.to_string(), "line 2: the file is not UTF-8 text");
    }
}
