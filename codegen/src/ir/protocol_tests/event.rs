//! `smithy.test#eventStreamTests` cases: the initial request and response, the events each
//! side writes or reads, and the expected outcome.
//!
//! A case without `appliesTo` tests both sides. A client serializes the initial request and
//! its `request` events, and parses the initial response and the `response` events; a server
//! the other way round. An event's `bytes` are what a reader is fed; a writer's message is
//! checked against `headers`, `forbidHeaders`, `requireHeaders` and `body`. Without an initial
//! request (response), a reader of events still parses the bare one of the operation (its
//! `@http` method and URI, or a 200 without headers), so that a missing `@required` initial
//! member fails as the suite expects.

use serde_json::Value;

use super::text::{base64, date_time_millis};
use super::{HttpRequest, HttpResponse, TestValue, params, request, response, strings, text};
use crate::ir::{Crate, OperationDef};

/// What an event-stream case does and expects.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStreamCheck {
    /// `initialRequestParams` (the input without its stream) and `initialRequest`.
    pub initial_request: Option<(Option<TestValue>, Option<HttpRequest>)>,
    /// `initialResponseParams` and `initialResponse`.
    pub initial_response: Option<(Option<TestValue>, Option<HttpResponse>)>,
    /// The events, in order.
    pub events: Vec<TestEvent>,
    /// `None` when the case expects success; `Some(error_id)` when it expects a failure, of
    /// the error shape `error_id` when given.
    pub failure: Option<Option<String>>,
}

/// One event of a case.
#[derive(Debug, Clone, PartialEq)]
pub struct TestEvent {
    /// A `request` event (else a `response` one).
    pub request: bool,
    /// The event as a value of the stream's union; `None` for an unmodeled event.
    pub params: Option<TestValue>,
    /// `headers`, in the case's order.
    pub headers: Vec<(String, TestHeader)>,
    /// `forbidHeaders`.
    pub forbid_headers: Vec<String>,
    /// `requireHeaders`.
    pub require_headers: Vec<String>,
    /// `body`.
    pub body: Option<String>,
    /// `bodyMediaType`.
    pub body_media_type: Option<String>,
    /// `bytes`: the whole frame.
    pub bytes: Option<Vec<u8>>,
}

/// A typed header value of a case (`smithy.test#EventHeaderValue`).
#[derive(Debug, Clone, PartialEq)]
pub enum TestHeader {
    /// `boolean`.
    Bool(bool),
    /// `byte`.
    Byte(i8),
    /// `short`.
    Short(i16),
    /// `integer`.
    Integer(i32),
    /// `long`.
    Long(i64),
    /// `blob` (base64 in the case).
    Blob(Vec<u8>),
    /// `string`.
    String(String),
    /// `timestamp`, in milliseconds since the epoch.
    Timestamp(i64),
}

type Object = serde_json::Map<String, Value>;

/// The check of one case of `op`.
pub(super) fn check(
    krate: &Crate,
    op: &OperationDef,
    case: &Object,
) -> Result<EventStreamCheck, String> {
    let initial_request = match (case.get("initialRequestParams"), case.get("initialRequest")) {
        (None, None) => None,
        (params, http) => {
            let params = match params {
                Some(p) => Some(params::message(krate, op.input, Some(p))?),
                None => None,
            };
            let http = match http {
                Some(Value::Object(o)) => {
                    Some(request(o).map_err(|e| format!("`initialRequest`: {e}"))?)
                }
                Some(_) => return Err("`initialRequest` is not an object".to_owned()),
                None => None,
            };
            Some((params, http))
        }
    };
    let initial_response = match (
        case.get("initialResponseParams"),
        case.get("initialResponse"),
    ) {
        (None, None) => None,
        (params, http) => {
            let params = match params {
                Some(p) => Some(params::message(krate, op.output, Some(p))?),
                None => None,
            };
            let http = match http {
                Some(Value::Object(o)) => {
                    Some(response(o).map_err(|e| format!("`initialResponse`: {e}"))?)
                }
                Some(_) => return Err("`initialResponse` is not an object".to_owned()),
                None => None,
            };
            Some((params, http))
        }
    };
    let mut events = Vec::new();
    if let Some(list) = case.get("events") {
        let list = list.as_array().ok_or("`events` is not a list")?;
        for (i, event) in list.iter().enumerate() {
            let event = event
                .as_object()
                .ok_or_else(|| format!("`events[{i}]` is not an object"))?;
            events.push(test_event(krate, op, event).map_err(|e| format!("`events[{i}]`: {e}"))?);
        }
    }
    let failure = match case.get("expectation") {
        None => None,
        Some(Value::Object(e)) if e.contains_key("success") => None,
        Some(Value::Object(e)) => match e.get("failure") {
            Some(Value::Object(f)) => Some(text(f, "errorId").map(str::to_owned)),
            _ => return Err("`expectation` is neither `success` nor `failure`".to_owned()),
        },
        Some(_) => return Err("`expectation` is not an object".to_owned()),
    };
    Ok(EventStreamCheck {
        initial_request,
        initial_response,
        events,
        failure,
    })
}

fn test_event(krate: &Crate, op: &OperationDef, event: &Object) -> Result<TestEvent, String> {
    let request = match text(event, "type") {
        Some("request") => true,
        Some("response") => false,
        _ => return Err("`type` is neither `request` nor `response`".to_owned()),
    };
    let union = if request {
        op.input_events
    } else {
        op.output_events
    };
    let params = match event.get("params") {
        None => None,
        Some(p) => {
            let union = union.ok_or("the operation has no event stream in that direction")?;
            Some(params::event(krate, union, p)?)
        }
    };
    let mut headers = Vec::new();
    match event.get("headers") {
        None => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                headers.push((
                    name.clone(),
                    header(value).map_err(|e| format!("header `{name}`: {e}"))?,
                ));
            }
        }
        Some(_) => return Err("`headers` is not an object".to_owned()),
    }
    let bytes = match text(event, "bytes") {
        Some(b) => Some(base64(b).ok_or("`bytes` is not base64")?),
        None => None,
    };
    Ok(TestEvent {
        request,
        params,
        headers,
        forbid_headers: strings(event, "forbidHeaders")?,
        require_headers: strings(event, "requireHeaders")?,
        body: text(event, "body").map(str::to_owned),
        body_media_type: text(event, "bodyMediaType").map(str::to_owned),
        bytes,
    })
}

fn header(value: &Value) -> Result<TestHeader, String> {
    let (kind, v) = value
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.iter().next())
        .ok_or("not a union with one member")?;
    let int = |min: i64, max: i64| {
        v.as_i64()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| format!("`{kind}` is not an integer from {min} to {max}"))
    };
    Ok(match kind.as_str() {
        "boolean" => TestHeader::Bool(v.as_bool().ok_or("`boolean` is not a boolean")?),
        "byte" => TestHeader::Byte(int(i8::MIN.into(), i8::MAX.into())? as i8),
        "short" => TestHeader::Short(int(i16::MIN.into(), i16::MAX.into())? as i16),
        "integer" => TestHeader::Integer(int(i32::MIN.into(), i32::MAX.into())? as i32),
        "long" => TestHeader::Long(int(i64::MIN, i64::MAX)?),
        "blob" => TestHeader::Blob(
            v.as_str()
                .and_then(base64)
                .ok_or("`blob` is not base64 text")?,
        ),
        "string" => TestHeader::String(v.as_str().ok_or("`string` is not text")?.to_owned()),
        "timestamp" => TestHeader::Timestamp(match v {
            Value::String(s) => date_time_millis(s).ok_or("`timestamp` is not RFC 3339 text")?,
            Value::Number(n) => n
                .as_f64()
                .map(|s| (s * 1000.0).round() as i64)
                .ok_or("`timestamp` is not a number")?,
            _ => return Err("`timestamp` is neither text nor a number".to_owned()),
        }),
        other => return Err(format!("`{other}` is not a header value type")),
    })
}
