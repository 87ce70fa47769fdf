//! Errors on the wire: the error code and message of a response, from `X-Amzn-ErrorType`,
//! `code` or `__type`.

use std::fmt;

use ::http::header::HeaderMap;

/// The error code of a response: the `X-Amzn-ErrorType` header, else the body's `code`, else
/// its `__type`, sanitized; and the message from `message`, `Message` or `errorMessage`.
pub fn error_code_and_message(
    headers: &HeaderMap,
    body: &[u8],
) -> (Option<String>, Option<String>) {
    let envelope: ErrorEnvelope = crate::__private::json::from_slice(body).unwrap_or_default();
    let header = headers
        .get("x-amzn-errortype")
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
        .map(str::to_owned);
    let code = header
        .or(envelope.code)
        .or(envelope.type_)
        .map(|c| sanitize_error_code(&c).to_owned());
    (code, envelope.message)
}

/// Keeps what precedes the first `:`, then what follows the last `#`.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

#[derive(Default)]
struct ErrorEnvelope {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
}

impl<'de> serde::Deserialize<'de> for ErrorEnvelope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ErrorEnvelope;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ErrorEnvelope, A::Error> {
                let mut envelope = ErrorEnvelope::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<StringOrOther>()?.0;
                    let slot = match key.as_str() {
                        "code" => &mut envelope.code,
                        "__type" => &mut envelope.type_,
                        "message" | "Message" | "errorMessage" => &mut envelope.message,
                        _ => continue,
                    };
                    if slot.is_none() {
                        *slot = value;
                    }
                }
                Ok(envelope)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// A string, or anything else (ignored).
struct StringOrOther(Option<String>);

impl<'de> serde::Deserialize<'de> for StringOrOther {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = StringOrOther;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StringOrOther, E> {
                Ok(StringOrOther(Some(v.to_owned())))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<StringOrOther, E> {
                Ok(StringOrOther(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StringOrOther, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(StringOrOther(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StringOrOther, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(StringOrOther(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(header: Option<&str>, body: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        if let Some(h) = header {
            headers.insert(
                "X-Amzn-Errortype",
                ::http::header::HeaderValue::from_str(h).unwrap_or_else(|_| unreachable!()),
            );
        }
        error_code_and_message(&headers, body.as_bytes()).0
    }

    #[test]
    fn the_error_code_follows_the_rest_json1_rules() {
        // The header, `code` and `__type` forms of Smithy's `RestJsonFooError*` cases.
        let uri = "http://internal.amazon.com/coral/com.amazon.coral.validate/";
        let namespaced = format!(r#"{{"code": "aws.protocoltests.restjson#FooError:{uri}"}}"#);
        let cases: [(Option<String>, &str); 9] = [
            (Some("FooError".to_owned()), ""),
            (Some(format!("FooError:{uri}")), ""),
            (
                Some(format!("aws.protocoltests.restjson#FooError:{uri}")),
                "",
            ),
            (None, r#"{"code": "FooError"}"#),
            (None, r#"{"code": "aws.protocoltests.restjson#FooError"}"#),
            (None, &namespaced),
            (None, r#"{"__type": "FooError"}"#),
            (None, r#"{"__type": "aws.protocoltests.restjson#FooError"}"#),
            (
                None,
                r#"{"__type": "aws.protocoltests.restjson#FooError",
                    "ErrorDetails": [{"__type": "com.amazon.internal#ErrorDetails", "reason": "Some reason"}]}"#,
            ),
        ];
        for (header, body) in cases {
            assert_eq!(
                code_of(header.as_deref(), body).as_deref(),
                Some("FooError"),
                "{header:?} {body}"
            );
        }
        // The header wins over the body, `code` over `__type`.
        assert_eq!(code_of(Some("A"), r#"{"code": "B"}"#).as_deref(), Some("A"));
        assert_eq!(
            code_of(None, r#"{"__type": "B", "code": "C"}"#).as_deref(),
            Some("C")
        );
        assert_eq!(code_of(None, "not json"), None);
    }

    #[test]
    fn the_message_is_read_from_any_of_its_spellings() {
        for key in ["message", "Message", "errorMessage"] {
            let body = format!(r#"{{"{key}": "Hi", "code": "X"}}"#);
            let (_, message) = error_code_and_message(&HeaderMap::new(), body.as_bytes());
            assert_eq!(message.as_deref(), Some("Hi"), "{key}");
        }
    }
}
