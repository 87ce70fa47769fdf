//! The protocol compliance tests a model carries (`smithy.test#httpRequestTests`,
//! `httpResponseTests` on operations and on error structures, `httpMalformedRequestTests`),
//! read for the chosen operations when [`crate::Config::protocol_tests`] asks: each case with
//! its direction, what it sends or expects, and its `params` typed against the IR's types, so
//! that a case naming a member the model does not have is a problem of generation, not a test
//! that does not compile. Only restJson1 cases are kept.
//!
//! A request or response case without `appliesTo` tests both directions: it becomes a client
//! case and a server case. A malformed-request case tests servers, once per set of its
//! `testParameters` values (`$name:L` is the value as it is, `$name:S` the value as a quoted
//! string).

mod event;
mod params;
mod text;

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Crate, TypeRef};
use crate::error::Error;
use crate::model::{Model, Shape};
use crate::naming;

pub use event::{EventStreamCheck, TestEvent, TestHeader};
pub use params::TestValue;

const PROTOCOL: &str = "aws.protocols#restJson1";
const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";
const EVENT_STREAM_TESTS: &str = "smithy.test#eventStreamTests";

/// The cases of one operation, in model order: the operation's own, then those of its errors
/// (in the operation's error order).
#[derive(Debug, Clone, PartialEq)]
pub struct OperationTests {
    /// The operation: its index in [`Crate::operations`].
    pub operation: usize,
    /// The cases.
    pub cases: Vec<TestCase>,
}

/// One generated test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The case's `id` (with `#index` for an expanded malformed-request case).
    pub id: String,
    /// The test function's name, unique in its category module.
    pub fn_name: String,
    /// What is tested.
    pub category: Category,
    /// What the test sends and expects.
    pub check: Check,
}

/// The direction and kind of a case; each is a module of the generated tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// A client serializes the request.
    ClientRequest,
    /// A client parses the response.
    ClientResponse,
    /// A server parses the request.
    ServerRequest,
    /// A server serializes the response.
    ServerResponse,
    /// A server rejects a malformed request.
    ServerMalformed,
    /// A client writes and reads an event stream.
    ClientEventStream,
    /// A server reads and writes an event stream.
    ServerEventStream,
}

impl Category {
    /// Every category, in module order.
    pub const ALL: [Category; 7] = [
        Category::ClientRequest,
        Category::ClientResponse,
        Category::ServerRequest,
        Category::ServerResponse,
        Category::ServerMalformed,
        Category::ClientEventStream,
        Category::ServerEventStream,
    ];

    /// The module of the generated tests (`client_request`).
    pub fn module(self) -> &'static str {
        match self {
            Category::ClientRequest => "client_request",
            Category::ClientResponse => "client_response",
            Category::ServerRequest => "server_request",
            Category::ServerResponse => "server_response",
            Category::ServerMalformed => "server_malformed",
            Category::ClientEventStream => "client_event_stream",
            Category::ServerEventStream => "server_event_stream",
        }
    }
}

/// What a case sends and expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// A request case: the input, and the request.
    Request {
        /// The input (`TestValue::Unit` for an operation without one).
        params: TestValue,
        /// The request.
        request: HttpRequest,
    },
    /// A response case: the output or error, and the response.
    Response {
        /// The output or error.
        params: TestValue,
        /// `Some` for a case of an error structure.
        error: Option<TypeRef>,
        /// The response.
        response: HttpResponse,
    },
    /// An event-stream case.
    EventStream(Box<EventStreamCheck>),
    /// A malformed-request case: the request a server must reject, and its rejection.
    Malformed {
        /// The request.
        request: HttpRequest,
        /// The rejection.
        response: HttpResponse,
    },
}

/// A request as a case writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpRequest {
    /// The method.
    pub method: String,
    /// The path.
    pub uri: String,
    /// `host`: the endpoint's host given to the client.
    pub host: Option<String>,
    /// `resolvedHost`: the host the request must go to.
    pub resolved_host: Option<String>,
    /// `queryParams`, as sent.
    pub query_params: Vec<String>,
    /// `forbidQueryParams`.
    pub forbid_query_params: Vec<String>,
    /// `requireQueryParams`.
    pub require_query_params: Vec<String>,
    /// `headers`, sorted by name.
    pub headers: Vec<(String, String)>,
    /// `forbidHeaders`.
    pub forbid_headers: Vec<String>,
    /// `requireHeaders`.
    pub require_headers: Vec<String>,
    /// `body`.
    pub body: Option<String>,
    /// `bodyMediaType`.
    pub body_media_type: Option<String>,
}

/// A response as a case writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpResponse {
    /// The status code.
    pub code: u16,
    /// `headers`, sorted by name.
    pub headers: Vec<(String, String)>,
    /// `forbidHeaders`.
    pub forbid_headers: Vec<String>,
    /// `requireHeaders`.
    pub require_headers: Vec<String>,
    /// `body` (a malformed case's `body.assertion.contents`).
    pub body: Option<String>,
    /// `bodyMediaType` (a malformed case's `body.mediaType`).
    pub body_media_type: Option<String>,
    /// A malformed case's `body.assertion.messageRegex`.
    pub message_regex: Option<String>,
}

/// The protocol tests of the crate's operations; problems (a case that does not fit its
/// operation) are returned together.
pub(super) fn collect(model: &Model, krate: &Crate) -> Result<Vec<OperationTests>, Vec<Error>> {
    let mut problems = Vec::new();
    let mut all = Vec::new();
    for (index, op) in krate.operations.iter().enumerate() {
        let mut cases = Vec::new();
        let mut cx = CaseCx {
            krate,
            problems: &mut problems,
            names: BTreeMap::new(),
        };
        if let Some(shape) = model.shape(&op.id) {
            cx.request_cases(shape, op.input, &mut cases);
            cx.response_cases(shape, op.output, None, &mut cases);
            cx.malformed_cases(shape, &mut cases);
            cx.event_stream_cases(shape, op, &mut cases);
        }
        for &error in &op.errors {
            let id = &krate.ty(error).common().id;
            if let Some(shape) = model.shape(id) {
                cx.response_cases(shape, Some(error), Some(error), &mut cases);
            }
        }
        if !cases.is_empty() {
            all.push(OperationTests {
                operation: index,
                cases,
            });
        }
    }
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(problems)
    }
}

/// Reading the cases of one operation.
struct CaseCx<'a, 'p> {
    krate: &'a Crate,
    problems: &'p mut Vec<Error>,
    /// The function names taken in each category.
    names: BTreeMap<(Category, String), usize>,
}

impl CaseCx<'_, '_> {
    /// The cases of `trait_id` on `shape` that are restJson1's and objects; others are problems.
    fn cases<'s>(
        &mut self,
        shape: &'s Shape,
        trait_id: &str,
    ) -> Vec<&'s serde_json::Map<String, Value>> {
        let Some(value) = shape.traits.raw.get(trait_id) else {
            return Vec::new();
        };
        let Some(list) = value.as_array() else {
            self.problem(
                shape,
                trait_id,
                "(all)",
                "the trait's value is not a list".to_owned(),
            );
            return Vec::new();
        };
        let mut cases = Vec::new();
        for case in list {
            match case.as_object() {
                Some(object)
                    if object.get("protocol").and_then(Value::as_str) == Some(PROTOCOL) =>
                {
                    cases.push(object);
                }
                Some(_) => {}
                None => self.problem(shape, trait_id, "(?)", "a case is not an object".to_owned()),
            }
        }
        cases
    }

    fn problem(&mut self, shape: &Shape, trait_id: &str, case: &str, reason: String) {
        self.problems.push(Error::InvalidProtocolTest {
            id: shape.id.to_string(),
            trait_id: trait_id.to_owned(),
            case: case.to_owned(),
            reason,
        });
    }

    /// A unique function name in `category` for the case `id`.
    fn fn_name(&mut self, category: Category, id: &str) -> String {
        let base = naming::field_name(id).trim_end_matches('_').to_owned();
        let count = self.names.entry((category, base.clone())).or_insert(0);
        *count += 1;
        match *count {
            1 => base,
            n => format!("{base}_{n}"),
        }
    }

    fn push(&mut self, cases: &mut Vec<TestCase>, id: &str, category: Category, check: Check) {
        let fn_name = self.fn_name(category, id);
        cases.push(TestCase {
            id: id.to_owned(),
            fn_name,
            category,
            check,
        });
    }

    fn request_cases(&mut self, shape: &Shape, input: Option<TypeRef>, out: &mut Vec<TestCase>) {
        for case in self.cases(shape, REQUEST_TESTS) {
            let id = text(case, "id").unwrap_or("(no id)").to_owned();
            let parsed = request(case).and_then(|request| {
                let params = params::message(self.krate, input, case.get("params"))?;
                Ok((request, params))
            });
            let (request, params) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => {
                    self.problem(shape, REQUEST_TESTS, &id, reason);
                    continue;
                }
            };
            for category in directions(case, Category::ClientRequest, Category::ServerRequest) {
                let check = Check::Request {
                    params: params.clone(),
                    request: request.clone(),
                };
                self.push(out, &id, category, check);
            }
        }
    }

    fn response_cases(
        &mut self,
        shape: &Shape,
        message: Option<TypeRef>,
        error: Option<TypeRef>,
        out: &mut Vec<TestCase>,
    ) {
        for case in self.cases(shape, RESPONSE_TESTS) {
            let id = text(case, "id").unwrap_or("(no id)").to_owned();
            let parsed = response(case).and_then(|response| {
                let params = params::message(self.krate, message, case.get("params"))?;
                Ok((response, params))
            });
            let (response, params) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => {
                    self.problem(shape, RESPONSE_TESTS, &id, reason);
                    continue;
                }
            };
            for category in directions(case, Category::ClientResponse, Category::ServerResponse) {
                let check = Check::Response {
                    params: params.clone(),
                    error,
                    response: response.clone(),
                };
                self.push(out, &id, category, check);
            }
        }
    }

    fn event_stream_cases(
        &mut self,
        shape: &Shape,
        op: &super::OperationDef,
        out: &mut Vec<TestCase>,
    ) {
        for case in self.cases(shape, EVENT_STREAM_TESTS) {
            let id = text(case, "id").unwrap_or("(no id)").to_owned();
            let check = match event::check(self.krate, op, case) {
                Ok(check) => check,
                Err(reason) => {
                    self.problem(shape, EVENT_STREAM_TESTS, &id, reason);
                    continue;
                }
            };
            for category in directions(
                case,
                Category::ClientEventStream,
                Category::ServerEventStream,
            ) {
                self.push(
                    out,
                    &id,
                    category,
                    Check::EventStream(Box::new(check.clone())),
                );
            }
        }
    }

    fn malformed_cases(&mut self, shape: &Shape, out: &mut Vec<TestCase>) {
        for case in self.cases(shape, MALFORMED_TESTS) {
            let id = text(case, "id").unwrap_or("(no id)").to_owned();
            let expanded = match expand(case) {
                Ok(expanded) => expanded,
                Err(reason) => {
                    self.problem(shape, MALFORMED_TESTS, &id, reason);
                    continue;
                }
            };
            let several = expanded.len() > 1;
            for (index, case) in expanded.iter().enumerate() {
                let parsed = malformed(case);
                let (request, response) = match parsed {
                    Ok(parsed) => parsed,
                    Err(reason) => {
                        self.problem(shape, MALFORMED_TESTS, &id, reason);
                        continue;
                    }
                };
                let case_id = if several {
                    format!("{id}#{index}")
                } else {
                    id.clone()
                };
                let name = if several {
                    format!("{id}_case_{index}")
                } else {
                    id.clone()
                };
                let fn_name = self.fn_name(Category::ServerMalformed, &name);
                out.push(TestCase {
                    id: case_id,
                    fn_name,
                    category: Category::ServerMalformed,
                    check: Check::Malformed { request, response },
                });
            }
        }
    }
}

/// The categories a request or response case tests, by its `appliesTo`.
fn directions(
    case: &serde_json::Map<String, Value>,
    client: Category,
    server: Category,
) -> Vec<Category> {
    match text(case, "appliesTo") {
        Some("client") => vec![client],
        Some("server") => vec![server],
        _ => vec![client, server],
    }
}

fn text<'a>(case: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}

fn strings(case: &serde_json::Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    match case.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{key}` holds a value that is not a string"))
            })
            .collect(),
        Some(_) => Err(format!("`{key}` is not a list of strings")),
    }
}

fn headers(case: &serde_json::Map<String, Value>) -> Result<Vec<(String, String)>, String> {
    match case.get("headers") {
        None => Ok(Vec::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| match value.as_str() {
                Some(value) => Ok((name.clone(), value.to_owned())),
                None => Err(format!("header `{name}` has a value that is not a string")),
            })
            .collect(),
        Some(_) => Err("`headers` is not an object".to_owned()),
    }
}

fn required_text(case: &serde_json::Map<String, Value>, key: &str) -> Result<String, String> {
    text(case, key)
        .map(str::to_owned)
        .ok_or_else(|| format!("`{key}` is missing or not a string"))
}

fn request(case: &serde_json::Map<String, Value>) -> Result<HttpRequest, String> {
    Ok(HttpRequest {
        method: required_text(case, "method")?,
        uri: required_text(case, "uri")?,
        host: text(case, "host").map(str::to_owned),
        resolved_host: text(case, "resolvedHost").map(str::to_owned),
        query_params: strings(case, "queryParams")?,
        forbid_query_params: strings(case, "forbidQueryParams")?,
        require_query_params: strings(case, "requireQueryParams")?,
        headers: headers(case)?,
        forbid_headers: strings(case, "forbidHeaders")?,
        require_headers: strings(case, "requireHeaders")?,
        body: text(case, "body").map(str::to_owned),
        body_media_type: text(case, "bodyMediaType").map(str::to_owned),
    })
}

fn response(case: &serde_json::Map<String, Value>) -> Result<HttpResponse, String> {
    let code = case
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .filter(|c| (100..=999).contains(c))
        .ok_or("`code` is missing or not a status code")?;
    Ok(HttpResponse {
        code,
        headers: headers(case)?,
        forbid_headers: strings(case, "forbidHeaders")?,
        require_headers: strings(case, "requireHeaders")?,
        body: text(case, "body").map(str::to_owned),
        body_media_type: text(case, "bodyMediaType").map(str::to_owned),
        message_regex: None,
    })
}

/// A malformed-request case (already expanded): its request and the rejection it expects.
fn malformed(case: &Value) -> Result<(HttpRequest, HttpResponse), String> {
    let object = |key: &str| {
        case.get(key)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("`{key}` is missing or not an object"))
    };
    let request = request(object("request")?)?;
    let given = object("response")?;
    let mut response = HttpResponse {
        body: None,
        ..response(given)?
    };
    if let Some(body) = given.get("body") {
        let media_type = body.get("mediaType").and_then(Value::as_str);
        let assertion = body.get("assertion");
        response.body_media_type = media_type.map(str::to_owned);
        response.body = assertion
            .and_then(|a| a.get("contents"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        response.message_regex = assertion
            .and_then(|a| a.get("messageRegex"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if response.body.is_none() && response.message_regex.is_none() {
            return Err(
                "`response.body.assertion` has neither `contents` nor `messageRegex`".to_owned(),
            );
        }
    }
    Ok((request, response))
}

/// A malformed-request case once per index of its `testParameters` lists (all of one length),
/// with the parameters substituted in every string of the case; the case itself without them.
fn expand(case: &serde_json::Map<String, Value>) -> Result<Vec<Value>, String> {
    let whole = Value::Object(case.clone());
    let Some(parameters) = case.get("testParameters") else {
        return Ok(vec![whole]);
    };
    let parameters = parameters
        .as_object()
        .ok_or("`testParameters` is not an object")?;
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, values) in parameters {
        let values = values
            .as_array()
            .and_then(|v| v.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
            .ok_or_else(|| format!("test parameter `{name}` is not a list of strings"))?;
        lists.push((name, values));
    }
    let count = lists.first().map_or(0, |(_, v)| v.len());
    if let Some((name, _)) = lists.iter().find(|(_, v)| v.len() != count) {
        return Err(format!(
            "test parameter `{name}` does not have as many values as the others ({count})"
        ));
    }
    let mut out = Vec::new();
    for index in 0..count {
        let values: Vec<(&str, &str)> = lists.iter().map(|(n, v)| (*n, v[index])).collect();
        out.push(substitute(&whole, &values));
    }
    Ok(out)
}

/// `value` with `$name:L` and `$name:S` replaced in every string (keys too).
fn substitute(value: &Value, parameters: &[(&str, &str)]) -> Value {
    match value {
        Value::String(s) => Value::String(interpolate(s, parameters)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| substitute(v, parameters)).collect())
        }
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                if k == "testParameters" {
                    continue;
                }
                out.insert(interpolate(k, parameters), substitute(v, parameters));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// `text` with `$name:L` and `$name:S` replaced; a `$` that names no parameter stays as is.
fn interpolate(text: &str, parameters: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let found = parameters.iter().find_map(|(name, value)| {
            let tail = after.strip_prefix(name)?;
            if let Some(tail) = tail.strip_prefix(":L") {
                Some(((*value).to_owned(), tail))
            } else {
                let tail = tail.strip_prefix(":S")?;
                Some((
                    serde_json::Value::String((*value).to_owned()).to_string(),
                    tail,
                ))
            }
        });
        match found {
            Some((value, tail)) => {
                out.push_str(&value);
                rest = tail;
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_substituted_as_literals_and_as_quoted_strings() {
        let params = [("value", "a\"b"), ("tag", "x")];
        assert_eq!(
            interpolate(
                "{ \"v\": $value:S, \"w\": $value:L }$tag:L $other:L $",
                &params
            ),
            "{ \"v\": \"a\\\"b\", \"w\": a\"b }x $other:L $"
        );
    }

    #[test]
    fn a_case_expands_once_per_parameter_index() {
        let case: serde_json::Map<String, Value> = serde_json::from_str(
            r#"{"id": "T", "request": {"uri": "/$n:L"}, "testParameters": {"n": ["1", "2"]}}"#,
        )
        .unwrap();
        let expanded = expand(&case).unwrap();
        let uris: Vec<&str> = expanded
            .iter()
            .map(|c| c["request"]["uri"].as_str().unwrap())
            .collect();
        assert_eq!(uris, ["/1", "/2"]);
        assert!(expanded.iter().all(|c| c.get("testParameters").is_none()));
        let uneven: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"testParameters": {"a": ["1", "2"], "b": ["1"]}}"#).unwrap();
        assert_eq!(
            expand(&uneven).unwrap_err(),
            "test parameter `b` does not have as many values as the others (2)"
        );
    }
}
