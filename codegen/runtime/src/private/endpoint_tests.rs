//! The assertions of the endpoint tests generated from a model's `smithy.rules#endpointTests`:
//! one call per test case, so a generated test is one line. They panic, as assertions do.

use std::collections::BTreeMap;

use crate::endpoint::{Endpoint, EndpointError};
use crate::primitives::Document;

/// Asserts that resolution gave the endpoint with this URL, these properties (a JSON object)
/// and these headers.
#[track_caller]
pub fn assert_endpoint(
    got: Result<Endpoint, EndpointError>,
    url: &str,
    properties: &str,
    headers: &[(&str, &[&str])],
) {
    let endpoint = match got {
        Ok(endpoint) => endpoint,
        Err(error) => panic!(
            "expected the endpoint {url:?}, got the error {:?}",
            error.to_string()
        ),
    };
    assert_eq!(endpoint.url, url, "the endpoint's URL");
    let headers: BTreeMap<String, Vec<String>> = headers
        .iter()
        .map(|(name, values)| {
            (
                (*name).to_owned(),
                values.iter().map(|v| (*v).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(endpoint.headers, headers, "the endpoint's headers");
    let properties: BTreeMap<String, Document> = match serde_json::from_str(properties) {
        Ok(properties) => properties,
        Err(error) => panic!("the expected properties are not a JSON object: {error}"),
    };
    assert_eq!(endpoint.properties, properties, "the endpoint's properties");
}

/// Asserts that resolution failed with this message.
#[track_caller]
pub fn assert_error(got: Result<Endpoint, EndpointError>, message: &str) {
    match got {
        Ok(endpoint) => panic!(
            "expected the error {message:?}, got the endpoint {:?}",
            endpoint.url
        ),
        Err(error) => assert_eq!(error.to_string(), message, "the error's message"),
    }
}
