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
    assert_eq!(
        problems(&model(
            r#""ex#Op": {"type": "operation", "traits": {
                "smithy.api#endpoint": {"hostPrefix": ""},
                "smithy.api#requestCompression": {"encodings": []},
                "smithy.api#httpChecksumRequired": true}}"#
        )),
        [
            "`ex#Op`: trait `smithy.api#endpoint` has an invalid value: `hostPrefix` must not be empty",
            "`ex#Op`: trait `smithy.api#requestCompression` has an invalid value: `encodings` must not be empty",
        ]
    );
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "string", "traits": {"smithy.api#enum": [{"value": "a", "tags": "internal"}]}}"#
        )),
        [
            "`ex#S`: trait `smithy.api#enum` has an invalid value: entry 0: `tags` must be an array of strings"
        ]
    );
}

#[test]
fn traits_on_the_wrong_kind_of_shape() {
    assert_eq!(
        problems(&model(
            r#""ex#B": {"type": "boolean", "traits": {"smithy.api#length": {"max": 1}}},
               "ex#S": {"type": "structure", "members": {"n": {"target": "smithy.api#String", "traits": {"smithy.api#range": {"min": 1}}}}},
               "ex#I": {"type": "intEnum", "members": {"ONE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}},
                   "traits": {"smithy.api#pattern": "^1$"}},
               "ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}, "traits": {"smithy.api#range": {"min": 1}}}"#
        )),
        [
            "`ex#B`: trait `smithy.api#length` cannot be applied here: it applies to strings (enums too), blobs, lists and maps, but the shape is a boolean",
            "`ex#E`: trait `smithy.api#range` cannot be applied here: it applies to numbers (intEnums too), but the shape is an enum",
            "`ex#I`: trait `smithy.api#pattern` cannot be applied here: it applies to strings (enums too), but the shape is an intEnum",
            "`ex#S$n`: trait `smithy.api#range` cannot be applied here: it applies to numbers (intEnums too), but the shape is a string",
        ]
    );
}

#[test]
fn string_and_number_constraints_apply_to_enums() {
    // An enum is a string and an intEnum an integer, on the shape and on members targeting them.
    let json = model(
        r#""ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}},
               "traits": {"smithy.api#length": {"min": 1, "max": 8}, "smithy.api#pattern": "^[A-Z]+$"}},
           "ex#I": {"type": "intEnum", "members": {"ONE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}},
               "traits": {"smithy.api#range": {"min": 1}}},
           "ex#S": {"type": "structure", "members": {
               "e": {"target": "ex#E", "traits": {"smithy.api#length": {"max": 4}, "smithy.api#pattern": "^A"}},
               "i": {"target": "ex#I", "traits": {"smithy.api#range": {"max": 9}}}}}"#,
    );
    if let Err(e) = Model::from_json(&json) {
        panic!("{e}");
    }
}

#[test]
fn signing_traits_of_the_wrong_form() {
    assert_eq!(
        problems(&model(
            r#""ex#A": {"type": "service", "traits": {"aws.auth#sigv4": {}}},
               "ex#B": {"type": "service", "traits": {"aws.auth#sigv4": {"name": 3},
                   "aws.api#service": {"sdkId": "B", "endpointPrefix": ""}}},
               "ex#C": {"type": "service", "traits": {"aws.auth#sigv4": {"name": "c"},
                   "aws.api#service": {"sdkId": "C"}}}"#
        )),
        [
            "`ex#A`: trait `aws.auth#sigv4` has an invalid value: `name` is missing",
            "`ex#B`: trait `aws.auth#sigv4` has an invalid value: `name` must be a non-empty string",
            "`ex#B`: trait `aws.api#service` has an invalid value: `endpointPrefix` must be a non-empty string",
        ]
    );
}

#[test]
fn service_renames_that_smithy_does_not_allow() {
    assert_eq!(
        problems(&model(
            r#""ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "rename": {
                   "ex#Op": "Run", "ex#Oops": "Ouch", "ex#S$m": "M", "ex#Missing": "Gone",
                   "ex#S": "not-valid", "ex#T": "T", "other#S": "OtherS"}},
               "ex#Op": {"type": "operation", "errors": [{"target": "ex#Oops"}]},
               "ex#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
               "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}}},
               "ex#T": {"type": "string"},
               "other#S": {"type": "structure", "members": {}}"#
        )),
        [
            "service `ex#Svc` cannot rename `ex#S$m` to \"M\": members cannot be renamed",
            "`ex#Svc (`rename`)` targets `ex#Missing`, which the model does not define",
            "service `ex#Svc` cannot rename `ex#Oops` to \"Ouch\": errors cannot be renamed: their shape name is their error code on the wire",
            "service `ex#Svc` cannot rename `ex#Op` to \"Run\": operations cannot be renamed",
            "service `ex#Svc` cannot rename `ex#S` to \"not-valid\": the new name is not a valid identifier",
            "service `ex#Svc` cannot rename `ex#T` to \"T\": the new name is the shape's own name",
        ]
    );
    assert_eq!(
        problems(&model(
            r#""ex#Svc": {"type": "service", "rename": {"ex#A": 1, "ex#B": "B2"}},
               "ex#B": {"type": "string"}"#
        )),
        ["shape `ex#Svc`: `rename` maps shape ids to names, but maps `ex#A` to the number 1"]
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

#[test]
fn apply_entries_that_name_nothing() {
    assert_eq!(
        problems(&model(
            r#""ex#Gone": {"type": "apply", "traits": {"smithy.api#documentation": "x", "smithy.api#sensitive": {}}},
               "ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}},
               "ex#S$b": {"type": "apply", "traits": {"smithy.api#required": {}}},
               "ex#Missing$a": {"type": "apply", "traits": {"smithy.api#required": {}}},
               "smithy.api#String": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}"#
        )),
        [
            "`ex#Gone`: cannot apply trait `smithy.api#documentation`: the model does not define `ex#Gone`",
            "`ex#Gone`: cannot apply trait `smithy.api#sensitive`: the model does not define `ex#Gone`",
            "`ex#S$b`: cannot apply trait `smithy.api#required`: `ex#S` has no member `b`",
            "`ex#Missing$a`: cannot apply trait `smithy.api#required`: the model does not define `ex#Missing`",
            "`smithy.api#String`: cannot apply trait `smithy.api#sensitive`: `smithy.api#String` is a prelude shape, which models cannot change",
        ]
    );
}

#[test]
fn malformed_and_conflicting_apply_entries() {
    assert_eq!(
        problems(&model(
            r#""ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String",
                   "traits": {"smithy.api#documentation": "declared", "smithy.api#tags": ["x"]}}}},
               "ex#S$a": {"type": "apply", "traits": {"smithy.api#documentation": "applied", "smithy.api#tags": ["y"]}},
               "ex#T": {"type": "apply", "members": {}},
               "ex#S$a$b": {"type": "apply", "traits": {}},
               "ex#S$c": {"type": "apply", "traits": {"smithy.api#length": {"min": "1"}}}"#
        )),
        [
            "shape `ex#T`: an `apply` entry allows only `traits`, found `members`",
            "`ex#S$a$b` is not a valid absolute shape id (expected `namespace#Name`) or member id (`namespace#Name$member`), in an `apply` entry",
            "`ex#S$a`: trait `smithy.api#documentation` is declared and applied with different values; keep one, or make both lists (lists are concatenated)",
            "`ex#S$c`: cannot apply trait `smithy.api#length`: `ex#S` has no member `c`",
        ]
    );
}

#[test]
fn a_cycle_of_mixins() {
    assert_eq!(
        problems(&model(
            r#""ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "traits": {"smithy.api#mixin": {}}},
               "ex#B": {"type": "structure", "mixins": [{"target": "ex#C"}], "traits": {"smithy.api#mixin": {}}},
               "ex#C": {"type": "structure", "mixins": [{"target": "ex#A"}], "traits": {"smithy.api#mixin": {}}},
               "ex#Self": {"type": "structure", "mixins": [{"target": "ex#Self"}], "traits": {"smithy.api#mixin": {}}}"#
        )),
        [
            "shape `ex#C` cannot mix in `ex#A`: the mixins form a cycle: `ex#A` → `ex#B` → `ex#C` → `ex#A`",
            "shape `ex#Self` cannot mix in `ex#Self`: the mixins form a cycle: `ex#Self` → `ex#Self`",
        ]
    );
}

#[test]
fn mixins_that_cannot_be_mixed_in() {
    assert_eq!(
        problems(&model(
            r#""ex#Plain": {"type": "structure", "members": {}},
               "ex#Text": {"type": "string", "traits": {"smithy.api#mixin": {}}},
               "ex#S": {"type": "structure", "mixins": [{"target": "ex#Plain"}, {"target": "ex#Text"}, {"target": "ex#Nope"}]},
               "ex#Bad": {"type": "structure", "mixins": {"target": "ex#Plain"}}"#
        )),
        [
            "shape `ex#S` cannot mix in `ex#Plain`: it has no `smithy.api#mixin` trait; add the trait to it, or leave it out of `mixins`",
            "shape `ex#S` cannot mix in `ex#Text`: it is a string and `ex#S` is a structure; a mixin only mixes into shapes of its own type",
            "`ex#S (`mixins`)` targets `ex#Nope`, which the model does not define",
            "shape `ex#Bad`: `mixins` must be an array, found an object",
        ]
    );
}

#[test]
fn mixed_in_members_that_conflict() {
    assert_eq!(
        problems(&model(
            r#""ex#A1": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
               "ex#A2": {"type": "structure", "members": {"a": {"target": "smithy.api#Integer"}}, "traits": {"smithy.api#mixin": {}}},
               "ex#Both": {"type": "structure", "mixins": [{"target": "ex#A1"}, {"target": "ex#A2"}]},
               "ex#Retarget": {"type": "structure", "mixins": [{"target": "ex#A1"}], "members": {"a": {"target": "smithy.api#Blob"}}}"#
        )),
        [
            "shape `ex#Both` cannot mix in `ex#A2`: its member `a` targets `smithy.api#Integer`, but `ex#Both` already inherits a member `a` targeting `smithy.api#String` from `ex#A1`",
            "shape `ex#Retarget` cannot mix in `ex#A1`: `ex#Retarget` redefines the member `a` it inherits to target `smithy.api#Blob`, but a redefined member must keep the target `smithy.api#String`",
        ]
    );
}

#[test]
fn mixins_are_never_targeted() {
    assert_eq!(
        problems(&model(
            r#""ex#M": {"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}},
               "ex#S": {"type": "structure", "members": {"m": {"target": "ex#M"}}},
               "ex#Op": {"type": "operation", "input": {"target": "ex#M"}}"#
        )),
        [
            "`ex#Op (`input`)` targets `ex#M`, which is a mixin: mixins are only mixed into other shapes, never targeted",
            "`ex#S$m` targets `ex#M`, which is a mixin: mixins are only mixed into other shapes, never targeted",
        ]
    );
}

#[test]
fn a_bad_trait_of_a_mixin_is_reported_once_naming_the_mixin() {
    assert_eq!(
        problems(&model(
            r#""ex#M": {"type": "structure", "members": {"a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": 1}}},
                   "traits": {"smithy.api#mixin": {"localTraits": ["private"]}, "smithy.api#documentation": 2}},
               "ex#S1": {"type": "structure", "mixins": [{"target": "ex#M"}]},
               "ex#S2": {"type": "structure", "mixins": [{"target": "ex#M"}]}"#
        )),
        [
            "`ex#M`: trait `smithy.api#mixin` has an invalid value: `localTraits` must hold absolute trait ids (`namespace#name`), found the string \"private\"",
            "`ex#M`: trait `smithy.api#documentation` has an invalid value: expected a string, found the number 2",
            "`ex#M$a`: trait `smithy.api#jsonName` has an invalid value: expected a string, found the number 1",
        ]
    );
}

#[test]
fn retryable_of_the_wrong_form() {
    assert_eq!(
        problems(&model(
            r#""ex#A": {"type": "structure", "members": {},
                   "traits": {"smithy.api#error": "server", "smithy.api#retryable": true}},
               "ex#B": {"type": "structure", "members": {},
                   "traits": {"smithy.api#error": "server",
                       "smithy.api#retryable": {"throttling": "yes"}}}"#
        )),
        [
            "`ex#A`: trait `smithy.api#retryable` has an invalid value: expected an object, found the boolean true",
            "`ex#B`: trait `smithy.api#retryable` has an invalid value: `throttling`: expected a boolean, found the string \"yes\"",
        ]
    );
}
