//! The runtime on its own: a structure and an operation written by hand the way the generator
//! writes them (no model, no generated crate), through the JSON object reader, the `WriteMessage`
//! and `ReadMessage` glue and the generic operation functions, in both directions.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use restjson_runtime::__private::json::Placeholder;
use restjson_runtime::__private::json_object::{self, Json, ReadObject};
use restjson_runtime::__private::protocol::{
    self, Incoming, Outgoing, PathSegment, ReadError, ReadMessage, WriteMessage,
};
use restjson_runtime::error::{RequestRejection, SerializeError, UnhandledError, ValidationError};
use restjson_runtime::validation::{Path, Violations};
use restjson_runtime::{Operation, ServerOperation};
use serde_json::{Value, json};

/// `structure Greeting { @required Name: String (length 1..8), Count: Integer }`, with the
/// name also sent as the `x-name` header.
#[derive(Debug, Clone, PartialEq)]
struct Greeting {
    name: String,
    count: Option<i32>,
}

#[derive(Default)]
struct GreetingPartial {
    name: Option<String>,
    count: Option<i32>,
}

impl serde::Serialize for Greeting {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serde::Serializer::serialize_struct(serializer, "Greeting", 2)?;
        json_object::write(&mut state, "Name", &self.name)?;
        json_object::write_optional(&mut state, "Count", &self.count)?;
        serde::ser::SerializeStruct::end(state)
    }
}

impl<'de> serde::Deserialize<'de> for Greeting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json_object::read_object(deserializer)
    }
}

impl ReadObject for Greeting {
    fn member_index(name: &str) -> Option<usize> {
        Some(match name {
            "Name" => 0,
            "Count" => 1,
            _ => return None,
        })
    }
    const EXPECTING: &'static str = "a `Greeting` object";
    type Partial = GreetingPartial;
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        partial: &mut GreetingPartial,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => partial.name = json_object::member(map, "Name")?,
            1 => partial.count = json_object::member(map, "Count")?,
            _ => {}
        }
        Ok(())
    }
    fn finish<E: serde::de::Error>(partial: GreetingPartial) -> Result<Self, E> {
        Ok(Greeting {
            name: json_object::required(partial.name, "Name")?,
            count: partial.count,
        })
    }
}

impl Json for Greeting {
    type Codec = restjson_runtime::__private::json::Plain<Self>;
}

impl Placeholder for Greeting {
    const MAY_MISS: bool = true;
    fn placeholder() -> Self {
        Greeting {
            name: json_object::placeholder(),
            count: None,
        }
    }
}

impl WriteMessage for Greeting {
    fn write_http(&self, out: &mut Outgoing) -> Result<(), SerializeError> {
        out.header("x-name", &self.name)?;
        out.body = restjson_runtime::__private::json::to_vec(self)?;
        out.content_type("application/json");
        Ok(())
    }
}

impl ReadMessage for Greeting {
    fn read_http(msg: &Incoming<'_>, missing: &mut Vec<String>) -> Result<Self, ReadError> {
        protocol::read_json::<Greeting>(msg.json_body(), msg.server, missing)
    }
}

impl Greeting {
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Violations::new();
        let path = &Path::Member(&Path::Root, "Name");
        violations.length(
            path,
            self.name.chars().count(),
            1,
            8,
            "Member must have length between 1 and 8, inclusive",
        );
        violations.finish()
    }
}

/// `@http(method: "POST", uri: "/greetings")` from `Greeting` to `Greeting`, no modeled errors.
struct Greet;

const PATH: &[PathSegment] = &[PathSegment::Literal("greetings")];

impl Operation for Greet {
    type Input = Greeting;
    type Output = Greeting;
    type Error = UnhandledError;
    const NAME: &'static str = "Greet";
    const METHOD: &'static str = "POST";
    const URI_TEMPLATE: &'static str = "/greetings";
    const SUCCESS_CODE: u16 = 200;

    fn serialize_request(
        input: &Greeting,
        endpoint: &str,
    ) -> Result<http::Request<Vec<u8>>, SerializeError> {
        protocol::write_request(
            input,
            Self::METHOD,
            endpoint,
            PATH,
            &[],
            &protocol::RequestOptions::NONE,
        )
    }

    fn parse_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Greeting, UnhandledError> {
        protocol::read_response(response, std::convert::identity, |error| error.unhandled())
    }
}

impl ServerOperation for Greet {
    fn parse_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
    ) -> Result<Greeting, RequestRejection> {
        protocol::read_request(
            request,
            Self::METHOD,
            PATH,
            &protocol::Media {
                request: Some("application/json"),
                any: false,
                response: Some("application/json"),
            },
            Greeting::validate,
        )
    }

    fn serialize_response(output: &Greeting) -> http::Response<Vec<u8>> {
        protocol::write_response(output, Self::SUCCESS_CODE)
    }

    fn serialize_error(error: &UnhandledError) -> http::Response<Vec<u8>> {
        protocol::unhandled_response(error)
    }
}

fn ana() -> Greeting {
    Greeting {
        name: "Ana".to_owned(),
        count: Some(2),
    }
}

fn body(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn structures_read_and_write_json_objects() {
    assert_eq!(
        serde_json::to_value(ana()).unwrap(),
        json!({"Name": "Ana", "Count": 2})
    );
    let without_count = Greeting {
        count: None,
        ..ana()
    };
    assert_eq!(
        serde_json::to_value(without_count).unwrap(),
        json!({"Name": "Ana"})
    );
    // Unknown members are skipped, `null` is absent, the last of duplicate keys wins.
    let read: Greeting = serde_json::from_str(
        r#"{"Other": [1, {"x": null}], "Count": null, "Name": "A", "Name": "Ana"}"#,
    )
    .unwrap();
    assert_eq!(
        read,
        Greeting {
            count: None,
            ..ana()
        }
    );
    let missing = serde_json::from_str::<Greeting>(r#"{"Count": 1}"#).unwrap_err();
    assert!(missing.to_string().contains("Name"), "{missing}");
    let wrong = serde_json::from_str::<Greeting>(r#"{"Name": "A", "Count": "two"}"#).unwrap_err();
    assert!(wrong.to_string().contains("/Count"), "{wrong}");
}

#[test]
fn an_operation_round_trips_through_both_directions() {
    let request = Greet::serialize_request(&ana(), "https://example.com/prefix").unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().to_string(),
        "https://example.com/prefix/greetings"
    );
    assert_eq!(request.headers()["x-name"], "Ana");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(body(request.body()), json!({"Name": "Ana", "Count": 2}));

    // A server routes on the path alone (no endpoint prefix).
    let request = Greet::serialize_request(&ana(), "https://example.com").unwrap();
    let parsed = Greet::parse_request(&request).unwrap();
    assert_eq!(parsed, ana());
    let response = Greet::serialize_response(&parsed);
    assert_eq!(response.status(), 200);
    assert_eq!(Greet::parse_response(&response).unwrap(), ana());
}

#[test]
fn a_server_rejects_missing_and_invalid_members() {
    let post = |json: &[u8]| {
        http::Request::builder()
            .method("POST")
            .uri("/greetings")
            .header("content-type", "application/json")
            .body(json.to_vec())
            .unwrap()
    };
    let field_list = |json: &[u8]| {
        let response = Greet::parse_request(&post(json))
            .unwrap_err()
            .into_http_response();
        assert_eq!(response.status(), 400);
        assert_eq!(
            response.headers()["x-amzn-errortype"],
            "ValidationException"
        );
        body(response.body())["fieldList"].clone()
    };
    // A missing member is reported as such; the placeholder standing in for it is not
    // validated.
    assert_eq!(
        field_list(br#"{"Count": 1}"#),
        json!([{"path": "/Name", "message": "Value at '/Name' failed to satisfy constraint: Member must not be null"}])
    );
    assert_eq!(
        field_list(br#"{"Name": "much too long"}"#),
        json!([{"path": "/Name", "message": "Value with length 13 at '/Name' failed to satisfy constraint: Member must have length between 1 and 8, inclusive"}])
    );
    // A form feed is not JSON whitespace: the body is malformed, not absent.
    let form_feed = http::Request::builder()
        .method("POST")
        .uri("/greetings")
        .header("content-type", "application/json")
        .body(b"\x0c".to_vec())
        .unwrap();
    assert!(matches!(
        Greet::parse_request(&form_feed),
        Err(RequestRejection::Serialization(_))
    ));
    let wrong_method = http::Request::builder()
        .method("GET")
        .uri("/greetings")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        Greet::parse_request(&wrong_method)
            .unwrap_err()
            .into_http_response()
            .status(),
        405
    );
}

#[test]
fn a_client_keeps_an_unmodeled_error_whole() {
    let response = http::Response::builder()
        .status(429)
        .header(
            "x-amzn-errortype",
            "ThrottlingException:http://internal.amazon.com/",
        )
        .body(br#"{"message": "slow down"}"#.to_vec())
        .unwrap();
    let error = Greet::parse_response(&response).unwrap_err();
    assert_eq!(error.code(), Some("ThrottlingException"));
    assert_eq!(error.message(), Some("slow down"));
    assert_eq!(error.status(), 429);
    // And a server writes it back the same way.
    let written = Greet::serialize_error(&error);
    assert_eq!(written.status(), 429);
    assert_eq!(
        Greet::parse_response(&written).unwrap_err().code(),
        Some("ThrottlingException")
    );
}

/// An output whose members are all headers, as the initial response of an event stream is.
struct InitialResponse {
    request_id: String,
}

impl WriteMessage for InitialResponse {
    fn write_http(&self, out: &mut Outgoing) -> Result<(), SerializeError> {
        out.header("x-request-id", &self.request_id)
    }
}

impl ReadMessage for InitialResponse {
    fn read_http(msg: &Incoming<'_>, _: &mut Vec<String>) -> Result<Self, ReadError> {
        let _ = msg;
        Ok(InitialResponse {
            request_id: String::new(),
        })
    }
}

#[test]
fn an_event_stream_response_names_its_media_type() {
    let output = InitialResponse {
        request_id: "r-1".to_owned(),
    };
    let response = protocol::write_event_stream_response(&output, 200);
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        protocol::EVENT_STREAM_MEDIA_TYPE
    );
    assert_eq!(response.headers()["x-request-id"], "r-1");
    assert!(response.body().is_empty());
    // Without an event stream, an output of headers alone has no `Content-Type`.
    let plain = protocol::write_response(&output, 200);
    assert!(!plain.headers().contains_key("content-type"));
}
