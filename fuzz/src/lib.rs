//! Shared helpers of the fuzz targets: HTTP messages and typed values decoded from the fuzz
//! input with [`arbitrary::Unstructured`], so libFuzzer's mutations become structured changes.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use connect_chat::operation::StartChatContactError;
use connect_chat::types::{
    AttachedFileInvalidRequestExceptionReason, ChatMessage,
    DisconnectOnCustomerExitParticipantType, InternalServiceException, InvalidParameterException,
    InvalidRequestException, InvalidRequestExceptionReason, LimitExceededException,
    ParticipantConfiguration, ParticipantDetails, PersistentChat, RehydrationType,
    ResourceNotFoundException, ResponseMode, SegmentAttributeValue, StartChatContactRequest,
    StartChatContactResponse,
};
use http::{HeaderName, HeaderValue};

/// Header names worth trying more often than random ones.
const HEADER_NAMES: &[&str] = &[
    "content-type",
    "x-amzn-errortype",
    "x-amzn-requestid",
    "content-length",
    "x-amz-date",
];

/// Header values worth trying more often than random ones.
const HEADER_VALUES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "InvalidRequestException",
    "InvalidRequestException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
    "aws.protocoltests#ResourceNotFoundException",
    "LimitExceededException:",
];

/// Up to eight headers: well-known names and values, or arbitrary bytes (kept only when `http`
/// accepts them, as a real server stack would).
pub fn headers(u: &mut Unstructured<'_>) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let count = u.int_in_range(0..=8)?;
    let mut out = Vec::new();
    for _ in 0..count {
        let name = if u.arbitrary()? {
            HeaderName::from_static(u.choose(HEADER_NAMES)?)
        } else {
            match HeaderName::from_bytes(u.arbitrary::<&[u8]>()?) {
                Ok(name) => name,
                Err(_) => continue,
            }
        };
        let value = if u.arbitrary()? {
            HeaderValue::from_static(u.choose(HEADER_VALUES)?)
        } else {
            match HeaderValue::from_bytes(u.arbitrary::<&[u8]>()?) {
                Ok(value) => value,
                Err(_) => continue,
            }
        };
        out.push((name, value));
    }
    Ok(out)
}

/// Pieces that stress JSON escaping and UTF-8: quotes, controls, astral characters.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "\"",
    "\\",
    "/",
    "\n",
    "\t",
    "\u{0}",
    "\u{7f}",
    "é",
    "✓",
    "😀",
    "\u{10FFFF}",
    "\u{FEFF}",
    "{",
    "}",
    ":",
    ",",
    "%",
    "+",
    "~",
];

/// A string: arbitrary Unicode, or a run of tricky pieces.
pub fn string(u: &mut Unstructured<'_>) -> Result<String> {
    if u.arbitrary()? {
        u.arbitrary()
    } else {
        let len = u.int_in_range(0..=12)?;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(u.choose(PIECES)?);
        }
        Ok(s)
    }
}

fn maybe<T>(
    u: &mut Unstructured<'_>,
    f: impl FnOnce(&mut Unstructured<'_>) -> Result<T>,
) -> Result<Option<T>> {
    if u.arbitrary()? {
        Ok(Some(f(u)?))
    } else {
        Ok(None)
    }
}

fn enum_value<T: From<String>>(u: &mut Unstructured<'_>, known: &[&str]) -> Result<T> {
    if u.ratio(1, 5)? {
        Ok(T::from(string(u)?))
    } else {
        Ok(T::from((*u.choose(known)?).to_owned()))
    }
}

fn int(u: &mut Unstructured<'_>) -> Result<i32> {
    // Boundaries half the time: the model's ranges and i32's ends.
    if u.arbitrary()? {
        Ok(*u.choose(&[
            i32::MIN,
            -1,
            0,
            1,
            59,
            60,
            61,
            10_079,
            10_080,
            10_081,
            i32::MAX,
        ])?)
    } else {
        u.arbitrary()
    }
}

/// A `SegmentAttributeValue` tree at most `depth` levels deep (the structure is recursive).
pub fn segment_value(u: &mut Unstructured<'_>, depth: u32) -> Result<SegmentAttributeValue> {
    let mut b = SegmentAttributeValue::builder()
        .set_value_string(maybe(u, string)?)
        .set_value_integer(maybe(u, int)?)
        .set_value_arn(maybe(u, string)?);
    if depth > 0 {
        let map = maybe(u, |u| {
            let n = u.int_in_range(0..=3)?;
            (0..n)
                .map(|_| Ok((string(u)?, segment_value(u, depth - 1)?)))
                .collect::<Result<BTreeMap<_, _>>>()
        })?;
        let list = maybe(u, |u| {
            let n = u.int_in_range(0..=3)?;
            (0..n)
                .map(|_| segment_value(u, depth - 1))
                .collect::<Result<Vec<_>>>()
        })?;
        b = b.set_value_map(map).set_value_list(list);
    }
    Ok(b.build())
}

fn built<T, E>(r: std::result::Result<T, E>) -> Result<T> {
    r.map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// Any request the builder accepts (valid or not for `validate()`).
pub fn input(u: &mut Unstructured<'_>) -> Result<StartChatContactRequest> {
    let attributes = maybe(u, |u| {
        let n = u.int_in_range(0..=4)?;
        (0..n)
            .map(|_| Ok((string(u)?, string(u)?)))
            .collect::<Result<BTreeMap<_, _>>>()
    })?;
    let participant_configuration = maybe(u, |u| {
        let mode = maybe(u, |u| {
            enum_value::<ResponseMode>(u, &["INCREMENTAL", "COMPLETE"])
        })?;
        Ok(ParticipantConfiguration::builder()
            .set_response_mode(mode)
            .build())
    })?;
    let initial_message = maybe(u, |u| {
        built(
            ChatMessage::builder()
                .content_type(string(u)?)
                .content(string(u)?)
                .build(),
        )
    })?;
    let types = maybe(u, |u| {
        let n = u.int_in_range(0..=3)?;
        (0..n).map(|_| string(u)).collect::<Result<Vec<_>>>()
    })?;
    let persistent = maybe(u, |u| {
        let rehydration = maybe(u, |u| {
            enum_value::<RehydrationType>(u, &["ENTIRE_PAST_SESSION", "FROM_SEGMENT"])
        })?;
        Ok(PersistentChat::builder()
            .set_rehydration_type(rehydration)
            .set_source_contact_id(maybe(u, string)?)
            .build())
    })?;
    let segments = maybe(u, |u| {
        let n = u.int_in_range(0..=3)?;
        (0..n)
            .map(|_| Ok((string(u)?, segment_value(u, 4)?)))
            .collect::<Result<BTreeMap<_, _>>>()
    })?;
    let disconnect = maybe(u, |u| {
        let n = u.int_in_range(0..=2)?;
        (0..n)
            .map(|_| enum_value::<DisconnectOnCustomerExitParticipantType>(u, &["AGENT"]))
            .collect::<Result<Vec<_>>>()
    })?;
    built(
        StartChatContactRequest::builder()
            .instance_id(string(u)?)
            .contact_flow_id(string(u)?)
            .set_attributes(attributes)
            .participant_details(built(
                ParticipantDetails::builder()
                    .display_name(string(u)?)
                    .build(),
            )?)
            .set_participant_configuration(participant_configuration)
            .set_initial_message(initial_message)
            .client_token(string(u)?)
            .set_chat_duration_in_minutes(maybe(u, int)?)
            .set_supported_messaging_content_types(types)
            .set_persistent_chat(persistent)
            .set_related_contact_id(maybe(u, string)?)
            .set_segment_attributes(segments)
            .set_customer_id(maybe(u, string)?)
            .set_disconnect_on_customer_exit(disconnect)
            .build(),
    )
}

/// Any response.
pub fn output(u: &mut Unstructured<'_>) -> Result<StartChatContactResponse> {
    Ok(StartChatContactResponse::builder()
        .set_contact_id(maybe(u, string)?)
        .set_participant_id(maybe(u, string)?)
        .set_participant_token(maybe(u, string)?)
        .set_continued_from_contact_id(maybe(u, string)?)
        .build())
}

/// Any modeled error.
pub fn error(u: &mut Unstructured<'_>) -> Result<StartChatContactError> {
    let message = maybe(u, string)?;
    Ok(match u.int_in_range(0..=4)? {
        0 => StartChatContactError::InternalServiceException(
            InternalServiceException::builder()
                .set_message(message)
                .build(),
        ),
        1 => StartChatContactError::InvalidParameterException(
            InvalidParameterException::builder()
                .set_message(message)
                .build(),
        ),
        2 => {
            let reason = maybe(u, |u| {
                Ok(
                    InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
                        enum_value::<AttachedFileInvalidRequestExceptionReason>(
                            u,
                            &[
                                "INVALID_FILE_SIZE",
                                "INVALID_FILE_TYPE",
                                "INVALID_FILE_NAME",
                            ],
                        )?,
                    ),
                )
            })?;
            StartChatContactError::InvalidRequestException(
                InvalidRequestException::builder()
                    .set_message(message)
                    .set_reason(reason)
                    .build(),
            )
        }
        3 => StartChatContactError::LimitExceededException(
            LimitExceededException::builder()
                .set_message(message)
                .build(),
        ),
        _ => StartChatContactError::ResourceNotFoundException(
            ResourceNotFoundException::builder()
                .set_message(message)
                .build(),
        ),
    })
}

// ---------------------------------------------------------------------------------------------
// The generator

/// Loads `text` as a model and generates the `StartChatContact` crate from it. Errors are
/// fine; a panic or a `Render` error (the generator wrote tokens that do not parse) is a bug.
pub fn load_and_generate(text: &str) {
    let Ok(model) = codegen::Model::from_json(text) else {
        return;
    };
    for operations in [
        codegen::OperationSelection::Named(vec!["StartChatContact".to_owned()]),
        codegen::OperationSelection::All,
    ] {
        let config = codegen::Config {
            package_name: "fuzzed".to_owned(),
            model_label: "fuzzed.json".to_owned(),
            service: None,
            operations,
            skip_unsupported: true,
            strict_patterns: false,
            protocol_tests: false,
            runtime: codegen::RuntimeDependency::Path("../codegen/runtime".to_owned()),
        };
        if let Err(error @ codegen::Error::Render { .. }) = codegen::generate(&model, &config) {
            panic!("generator bug: {error}");
        }
    }
}

/// The Connect slice the generator mutations start from.
pub const CONNECT: &str = include_str!("../../models/connect.json");

const KINDS: &[&str] = &[
    "structure",
    "union",
    "list",
    "set",
    "map",
    "string",
    "enum",
    "intEnum",
    "integer",
    "long",
    "short",
    "byte",
    "float",
    "double",
    "boolean",
    "blob",
    "timestamp",
    "document",
    "bigInteger",
    "bigDecimal",
    "operation",
    "service",
    "resource",
    "member",
    "bogus",
];

const TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#sensitive",
    "smithy.api#enum",
    "smithy.api#enumValue",
    "smithy.api#default",
    "smithy.api#jsonName",
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#httpError",
    "smithy.api#error",
    "smithy.api#http",
    "smithy.api#box",
    "smithy.api#sparse",
    "smithy.api#timestampFormat",
    "smithy.api#idempotencyToken",
    "smithy.api#streaming",
    "smithy.api#mediaType",
    "smithy.api#documentation",
    "smithy.api#uniqueItems",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#recommended",
    "smithy.api#clientOptional",
    "smithy.api#addedDefault",
    "smithy.api#eventPayload",
    "aws.protocols#restJson1",
    "ex#unknown",
];

/// A small JSON value: model-like strings, numbers at the edges, short arrays and objects.
pub fn json_value(u: &mut Unstructured<'_>, depth: u32) -> Result<serde_json::Value> {
    use serde_json::Value;
    let choices = if depth == 0 { 4 } else { 6 };
    Ok(match u.int_in_range(0..=choices)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => {
            let n = *u.choose(&[
                0.0,
                -1.0,
                1.0,
                0.5,
                1e300,
                -1e300,
                9_007_199_254_740_993.0,
                2_147_483_648.0,
                -2_147_483_649.0,
            ])?;
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
        3 => Value::from(u.arbitrary::<i64>()?),
        4 => Value::String(if u.arbitrary()? {
            (*u.choose(&[
                "smithy.api#String",
                "smithy.api#Unit",
                "smithy.api#Integer",
                "ex#Missing",
                "not an id",
                "PUT",
                "/contact/chat",
                "/{x}",
                "^[a-z]+$",
                "(a+)+$",
                "[",
                "",
                "date-time",
                "epoch-seconds",
                "client",
                "server",
                "com.amazonaws.connect#Foo",
            ])?)
            .to_owned()
        } else {
            string(u)?
        }),
        5 => {
            let n = u.int_in_range(0..=3)?;
            Value::Array(
                (0..n)
                    .map(|_| json_value(u, depth - 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ => {
            let n = u.int_in_range(0..=3)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                let key = if u.arbitrary()? {
                    (*u.choose(&[
                        "target", "min", "max", "method", "uri", "code", "members", "traits",
                        "type",
                    ])?)
                    .to_owned()
                } else {
                    string(u)?
                };
                map.insert(key, json_value(u, depth - 1)?);
            }
            Value::Object(map)
        }
    })
}

fn pick_key(
    u: &mut Unstructured<'_>,
    map: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<String>> {
    if map.is_empty() {
        return Ok(None);
    }
    let i = u.choose_index(map.len())?;
    Ok(map.keys().nth(i).cloned())
}

/// One to four structured mutations of the Connect slice, as JSON text.
pub fn mutate_connect(u: &mut Unstructured<'_>) -> Result<String> {
    let mut model: serde_json::Value =
        serde_json::from_str(CONNECT).map_err(|_| arbitrary::Error::IncorrectFormat)?;
    let Some(shapes) = model.get_mut("shapes").and_then(|s| s.as_object_mut()) else {
        return Err(arbitrary::Error::IncorrectFormat);
    };
    let count = u.int_in_range(1..=4)?;
    for _ in 0..count {
        let Some(id) = pick_key(u, shapes)? else {
            break;
        };
        match u.int_in_range(0..=8)? {
            0 => {
                shapes.remove(&id);
            }
            1 => {
                // A copy under a name that collides after casing, or an arbitrary one.
                let copy = shapes.get(&id).cloned().unwrap_or_default();
                let name = if u.arbitrary()? {
                    id.to_lowercase()
                } else {
                    format!("ex#{}", string(u)?)
                };
                shapes.insert(name, copy);
            }
            _ => {
                let Some(shape) = shapes.get_mut(&id).and_then(|s| s.as_object_mut()) else {
                    continue;
                };
                mutate_shape(u, shape)?;
            }
        }
    }
    serde_json::to_string(&model).map_err(|_| arbitrary::Error::IncorrectFormat)
}

fn mutate_shape(
    u: &mut Unstructured<'_>,
    shape: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<()> {
    use serde_json::Value;
    match u.int_in_range(0..=5)? {
        0 => {
            shape.insert("type".to_owned(), Value::from(*u.choose(KINDS)?));
        }
        1 => {
            let key = *u.choose(&[
                "members",
                "member",
                "key",
                "value",
                "input",
                "output",
                "errors",
                "operations",
                "resources",
                "version",
                "mixins",
            ])?;
            if u.arbitrary()? {
                shape.remove(key);
            } else {
                shape.insert(key.to_owned(), json_value(u, 3)?);
            }
        }
        2 | 3 => {
            // A trait on the shape or on one of its members.
            let target = match shape.get_mut("members").and_then(|m| m.as_object_mut()) {
                Some(members) if u.arbitrary()? => {
                    let Some(name) = pick_key(u, members)? else {
                        return Ok(());
                    };
                    match members.get_mut(&name).and_then(|m| m.as_object_mut()) {
                        Some(member) => member,
                        None => return Ok(()),
                    }
                }
                _ => shape,
            };
            let traits = target
                .entry("traits")
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            if let Some(traits) = traits.as_object_mut() {
                let name = *u.choose(TRAITS)?;
                if u.ratio(1, 4)? {
                    traits.remove(name);
                } else {
                    traits.insert(name.to_owned(), json_value(u, 2)?);
                }
            }
        }
        _ => {
            // Retarget, rename, duplicate or delete a member.
            let Some(members) = shape.get_mut("members").and_then(|m| m.as_object_mut()) else {
                return Ok(());
            };
            let Some(name) = pick_key(u, members)? else {
                return Ok(());
            };
            match u.int_in_range(0..=3)? {
                0 => {
                    members.remove(&name);
                }
                1 => {
                    if let Some(member) = members.remove(&name) {
                        let new = if u.arbitrary()? {
                            name.to_uppercase()
                        } else {
                            string(u)?
                        };
                        members.insert(new, member);
                    }
                }
                2 => {
                    if let Some(member) = members.get(&name).cloned() {
                        members.insert(format!("{name}_"), member);
                    }
                }
                _ => {
                    if let Some(member) = members.get_mut(&name).and_then(|m| m.as_object_mut()) {
                        member.insert("target".to_owned(), json_value(u, 1)?);
                    }
                }
            }
        }
    }
    Ok(())
}
