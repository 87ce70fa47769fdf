//! The `authSchemes` property of a resolved endpoint: how the rule set says requests to it
//! are signed (a signing name or region other than the service's, S3's URI-encoding rules).

use super::Endpoint;
use crate::primitives::Document;

/// One entry of an endpoint's `authSchemes` property, in the rule set's order of preference.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthScheme {
    /// The scheme (`sigv4`, `sigv4a`, `sigv4-s3express`, ...).
    pub name: String,
    /// `signingName`: the service name to sign for, when not the service's own.
    pub signing_name: Option<String>,
    /// `signingRegion`: the region to sign for, when not the configured one.
    pub signing_region: Option<String>,
    /// `signingRegionSet` (SigV4a): the regions a signature is valid in.
    pub signing_region_set: Vec<String>,
    /// `disableDoubleEncoding`: the path is URI-encoded once, not twice.
    pub disable_double_encoding: bool,
    /// `disableNormalizePath`: the path is signed as sent, without normalizing `.`/`..`.
    pub disable_normalize_path: bool,
}

/// An `authSchemes` property the client cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthSchemeError {
    reason: String,
}

impl std::fmt::Display for AuthSchemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the endpoint's `authSchemes` property {}", self.reason)
    }
}

impl std::error::Error for AuthSchemeError {}

fn invalid(reason: impl Into<String>) -> AuthSchemeError {
    AuthSchemeError {
        reason: reason.into(),
    }
}

impl Endpoint {
    /// The endpoint's `authSchemes` property, in order (empty when the rule set sets none: the
    /// service's own signing settings apply).
    ///
    /// # Errors
    ///
    /// The property is not a list of objects each with a string `name`, or a known field has
    /// the wrong type.
    pub fn auth_schemes(&self) -> Result<Vec<AuthScheme>, AuthSchemeError> {
        let Some(property) = self.properties.get("authSchemes") else {
            return Ok(Vec::new());
        };
        let Document::Array(entries) = property else {
            return Err(invalid("is not a list"));
        };
        entries.iter().enumerate().map(scheme).collect()
    }
}

fn scheme((index, entry): (usize, &Document)) -> Result<AuthScheme, AuthSchemeError> {
    let Document::Object(fields) = entry else {
        return Err(invalid(format!("entry {index} is not an object")));
    };
    let string = |field: &str| match fields.get(field) {
        None | Some(Document::Null) => Ok(None),
        Some(Document::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(invalid(format!("entry {index}: `{field}` is not a string"))),
    };
    let flag = |field: &str| match fields.get(field) {
        None | Some(Document::Null) => Ok(false),
        Some(Document::Bool(value)) => Ok(*value),
        Some(_) => Err(invalid(format!(
            "entry {index}: `{field}` is not a boolean"
        ))),
    };
    let signing_region_set = match fields.get("signingRegionSet") {
        None | Some(Document::Null) => Vec::new(),
        Some(Document::Array(regions)) => regions
            .iter()
            .map(|region| match region {
                Document::String(region) => Ok(region.clone()),
                _ => Err(invalid(format!(
                    "entry {index}: `signingRegionSet` holds a value that is not a string"
                ))),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(invalid(format!(
                "entry {index}: `signingRegionSet` is not a list"
            )));
        }
    };
    Ok(AuthScheme {
        name: string("name")?.ok_or_else(|| invalid(format!("entry {index} has no `name`")))?,
        signing_name: string("signingName")?,
        signing_region: string("signingRegion")?,
        signing_region_set,
        disable_double_encoding: flag("disableDoubleEncoding")?,
        disable_normalize_path: flag("disableNormalizePath")?,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn endpoint(auth_schemes: Option<Document>) -> Endpoint {
        Endpoint {
            url: "https://example.com".to_owned(),
            properties: auth_schemes
                .map(|value| ("authSchemes".to_owned(), value))
                .into_iter()
                .collect(),
            headers: BTreeMap::new(),
        }
    }

    fn object(fields: &[(&str, Document)]) -> Document {
        Document::Object(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn text(value: &str) -> Document {
        Document::String(value.to_owned())
    }

    #[test]
    fn no_property_means_no_schemes() {
        assert_eq!(endpoint(None).auth_schemes(), Ok(Vec::new()));
    }

    #[test]
    fn every_field_is_read_in_order() {
        let schemes = endpoint(Some(Document::Array(vec![
            object(&[
                ("name", text("sigv4a")),
                ("signingName", text("s3")),
                ("signingRegionSet", Document::Array(vec![text("*")])),
            ]),
            object(&[
                ("name", text("sigv4")),
                ("signingName", text("s3-outposts")),
                ("signingRegion", text("us-west-2")),
                ("disableDoubleEncoding", Document::Bool(true)),
                ("disableNormalizePath", Document::Bool(true)),
            ]),
        ])))
        .auth_schemes()
        .expect("well-formed");
        assert_eq!(schemes.len(), 2);
        assert_eq!(schemes[0].name, "sigv4a");
        assert_eq!(schemes[0].signing_region_set, vec!["*".to_owned()]);
        assert_eq!(schemes[0].signing_region, None);
        assert_eq!(
            schemes[1],
            AuthScheme {
                name: "sigv4".to_owned(),
                signing_name: Some("s3-outposts".to_owned()),
                signing_region: Some("us-west-2".to_owned()),
                signing_region_set: Vec::new(),
                disable_double_encoding: true,
                disable_normalize_path: true,
            }
        );
    }

    #[test]
    fn malformed_properties_are_errors_that_say_where() {
        let cases = [
            (
                text("sigv4"),
                "the endpoint's `authSchemes` property is not a list",
            ),
            (
                Document::Array(vec![text("sigv4")]),
                "the endpoint's `authSchemes` property entry 0 is not an object",
            ),
            (
                Document::Array(vec![object(&[("signingName", text("s3"))])]),
                "the endpoint's `authSchemes` property entry 0 has no `name`",
            ),
            (
                Document::Array(vec![object(&[
                    ("name", text("sigv4")),
                    ("disableDoubleEncoding", text("yes")),
                ])]),
                "the endpoint's `authSchemes` property entry 0: `disableDoubleEncoding` is not a boolean",
            ),
            (
                Document::Array(vec![object(&[
                    ("name", text("sigv4a")),
                    (
                        "signingRegionSet",
                        Document::Array(vec![Document::Bool(true)]),
                    ),
                ])]),
                "the endpoint's `authSchemes` property entry 0: `signingRegionSet` holds a value that is not a string",
            ),
        ];
        for (value, message) in cases {
            let error = endpoint(Some(value)).auth_schemes().expect_err(message);
            assert_eq!(error.to_string(), message);
        }
    }
}
