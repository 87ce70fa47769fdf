//! Every kind of bad model gets a typed error naming the shape (and member and trait), all
//! problems at once, never a panic. The messages are pinned: users read them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use codegen::{Model, ModelError};

fn problems(json: &str) -> Vec<String> {
    match Model::from_json(json) {
        Ok(_) => panic!("the model should have been rejected"),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn model(shapes: &str) -> String {
    format!(r#"{{"smithy": "2.0", "shapes": {{ {shapes} }}}}"#)
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = Model::from_json("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}").unwrap_err();
    assert_eq!(
        err.problems,
        [ModelError::Json {
            line: 3,
            column: 14,
            message: "key must be a string".to_owned()
        }]
    );
    assert_eq!(
        err.to_string(),
        "invalid model: malformed JSON at line 3, column 14: key must be a string"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let got = problems(&deep);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got,
        ["malformed JSON at line 1, column 128: recursion limit exceeded"]
    );
}

#[test]
fn top_level_shape() {
    assert_eq!(
        problems("[]"),
        ["not a Smithy JSON AST model: the top level is an array, not an object"]
    );
    assert_eq!(
        problems(r#"{"shapes": {}}"#),
        ["not a Smithy JSON AST model: missing the `smithy` version property"]
    );
    assert_eq!(
        problems(r#"{"smithy": "3.0"}"#),
        ["unsupported Smithy IDL version \"3.0\"; expected \"1.0\" or \"2.0\""]
    );
    assert_eq!(
        problems(r#"{"smithy": "2.0", "shapes": []}"#),
        ["not a Smithy JSON AST model: `shapes` must be an object, found an array"]
    );
}

#[test]
fn unknown_shape_type() {
    assert_eq!(
        problems(&model(r#""ex#Thing": {"type": "widget"}"#)),
        ["shape `ex#Thing` has unknown type \"widget\""]
    );
}

#[test]
fn invalid_shape_ids() {
    assert_eq!(
        problems(&model(r#""Thing": {"type": "string"}"#)),
        ["`Thing` is not a valid absolute shape id (expected `namespace#Name`)"]
    );
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "structure", "members": {"a": {"target": "Nope"}}}"#
        )),
        [
            "`Nope` is not a valid absolute shape id (expected `namespace#Name`), referenced from `ex#S$a`"
        ]
    );
}

#[test]
fn member_targeting_a_missing_shape() {
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "structure", "members": {"a": {"target": "ex#Missing"}}}"#
        )),
        ["`ex#S$a` targets `ex#Missing`, which the model does not define"]
    );
    assert_eq!(
        problems(&model(
            r#""ex#L": {"type": "list", "member": {"target": "ex#Gone"}}"#
        )),
        ["`ex#L$member` targets `ex#Gone`, which the model does not define"]
    );
}

#[test]
fn trait_values_of_the_wrong_form() {
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "string", "traits": {"smithy.api#length": {"min": "1"}}}"#
        )),
        [
            "`ex#S`: trait `smithy.api#length` has an invalid value: `min` must be a non-negative integer, found the string \"1\""
        ]
    );
    assert_eq!(
        problems(&model(
            r#""ex#I": {"type": "integer", "traits": {"smithy.api#range": {"min": 5, "max": 1}}}"#
        )),
        [
            "`ex#I`: trait `smithy.api#range` has an invalid value: `min` (5) is greater than `max` (1)"
        ]
    );
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String", "traits": {"smithy.api#required": true, "smithy.api#jsonName": 3}}}}"#
        )),
        [
            "`ex#S$a`: trait `smithy.api#jsonName` has an invalid value: expected a string, found the number 3"
        ]
    );
    assert_eq!(
        problems(&model(
            r#""ex#E": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "user", "smithy.api#httpError": 999}}"#
        )),
        [
            "`ex#E`: trait `smithy.api#error` has an invalid value: expected \"client\" or \"server\", found the string \"user\"",
            "`ex#E`: trait `smithy.api#httpError` has an invalid value: expected an HTTP status code between 100 and 599, found the number 999",
        ]
    );
}

#[test]
fn traits_on_the_wrong_kind_of_shape() {
    assert_eq!(
        problems(&model(
            r#""ex#B": {"type": "boolean", "traits": {"smithy.api#length": {"max": 1}}},
               "ex#S": {"type": "structure", "members": {"n": {"target": "smithy.api#String", "traits": {"smithy.api#range": {"min": 1}}}}}"#
        )),
        [
            "`ex#B`: trait `smithy.api#length` cannot be applied here: it applies to strings, blobs, lists and maps, but the shape is a boolean",
            "`ex#S$n`: trait `smithy.api#range` cannot be applied here: it applies to numbers, but the shape is a string",
        ]
    );
}

#[test]
fn operation_input_that_is_not_a_structure() {
    assert_eq!(
        problems(&model(
            r#""ex#Op": {"type": "operation", "input": {"target": "smithy.api#String"}, "errors": [{"target": "ex#L"}]},
               "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}}"#
        )),
        [
            "operation `ex#Op`: its input `smithy.api#String` is a string, but must be a structure",
            "operation `ex#Op`: its error `ex#L` is a list, but must be a structure",
        ]
    );
}

#[test]
fn malformed_enums() {
    assert_eq!(
        problems(&model(
            r#""ex#E": {"type": "enum", "members": {
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                "C": {"target": "smithy.api#String"}}},
               "ex#I": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit"}}}"#
        )),
        [
            "shape `ex#E$B`: enum value \"x\" is also the value of member `A`",
            "shape `ex#E$C`: enum members must target `smithy.api#Unit`, not `smithy.api#String`",
            "shape `ex#I$A`: intEnum members need an integer `smithy.api#enumValue`",
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once_in_shape_id_order() {
    let err = Model::from_json(&model(
        r#""ex#Z": {"type": "structure", "members": {"a": {"target": "ex#Nowhere"}}},
           "ex#A": {"type": "gadget"},
           "ex#M": {"type": "string", "traits": {"smithy.api#pattern": 7}}"#,
    ))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid model: 3 problems\n  \
         - shape `ex#A` has unknown type \"gadget\"\n  \
         - `ex#M`: trait `smithy.api#pattern` has an invalid value: expected a string, found the number 7\n  \
         - `ex#Z$a` targets `ex#Nowhere`, which the model does not define"
    );
}

#[test]
fn missing_collection_members() {
    assert_eq!(
        problems(&model(
            r#""ex#L": {"type": "list"}, "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}}"#
        )),
        [
            "shape `ex#L`: missing `member`",
            "shape `ex#M`: missing `value`"
        ]
    );
}

#[test]
fn smithy_1_0_sets_and_enum_traits_load() {
    let model = Model::from_json(
        r#"{"smithy": "1.0", "shapes": {
            "ex#Set": {"type": "set", "member": {"target": "ex#Color"}},
            "ex#Color": {"type": "string", "traits": {"smithy.api#enum": [
                {"value": "red", "name": "RED"}, {"value": "green"}]}}
        }}"#,
    )
    .unwrap();
    let set = model
        .shape(&codegen::ShapeId::parse("ex#Set").unwrap())
        .unwrap();
    assert!(set.traits.unique_items);
    let color = model
        .shape(&codegen::ShapeId::parse("ex#Color").unwrap())
        .unwrap();
    assert_eq!(color.traits.enum_definitions.as_ref().unwrap().len(), 2);
}
