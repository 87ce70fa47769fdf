//! Mixins and `apply` entries are resolved by the loader: `fixtures/mixins.json` (mixins on every
//! kind of shape that can have them, mixins of mixins, `localTraits`, redefined members and
//! `apply` entries) loads as the same model as `fixtures/mixins_flat.json`, the same model
//! flattened by hand, and generates the same crate. The loader's messages for bad mixins and
//! bad `apply` entries are pinned in `model_errors.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use codegen::{Model, ShapeId};
use support::{config_all, fixture, load};

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn mixins() -> Model {
    load(&fixture("mixins.json"))
}

fn member_names(model: &Model, shape: &str) -> Vec<String> {
    let shape = model.shape(&id(shape)).unwrap();
    shape
        .kind
        .members()
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

#[test]
fn flattens_to_the_model_written_by_hand() {
    let (got, want) = (mixins(), load(&fixture("mixins_flat.json")));
    let ids: std::collections::BTreeSet<&ShapeId> =
        got.shapes.keys().chain(want.shapes.keys()).collect();
    for id in ids {
        assert_eq!(got.shape(id), want.shape(id), "shape {id}");
    }
    assert_eq!(got, want);
}

#[test]
fn mixin_shapes_are_left_out_of_the_model() {
    let model = mixins();
    for mixin in [
        "ex#BaseService",
        "ex#ThingResourceMixin",
        "ex#Validated",
        "ex#Paginated",
        "ex#Filtered",
        "ex#A",
        "ex#B",
        "ex#C",
        "ex#HoldsThing",
        "ex#NameListMixin",
        "ex#LabelsMixin",
        "ex#ChoiceMixin",
        "ex#ColorMixin",
        "ex#LevelMixin",
        "ex#IdMixin",
    ] {
        assert!(model.shape(&id(mixin)).is_none(), "{mixin} is in the model");
    }
    for shape in model.shapes.values() {
        assert!(!shape.traits.has("smithy.api#mixin"), "{}", shape.id);
    }
}

#[test]
fn members_come_depth_first_with_redefined_members_in_place() {
    let model = mixins();
    assert_eq!(member_names(&model, "ex#D"), ["a", "b", "c", "d"]);
    assert_eq!(
        member_names(&model, "ex#ListThingsInput"),
        ["nextToken", "pageSize", "nameFilter", "sizeFilter"]
    );
    assert_eq!(member_names(&model, "ex#Color"), ["RED", "BLUE"]);
}

#[test]
fn traits_of_later_mixins_and_of_the_shape_take_precedence() {
    let model = mixins();
    let d = model.shape(&id("ex#D")).unwrap();
    assert_eq!(d.traits.documentation.as_deref(), Some("D"));
    assert_eq!(d.traits.raw["ex#foo"], 2);
    for inherited in ["ex#one", "ex#two", "ex#three", "ex#four"] {
        assert!(d.traits.has(inherited), "{inherited}");
    }
    // `localTraits` keeps `private` on the mixin; `tags` comes from the later mixin.
    let input = model.shape(&id("ex#ListThingsInput")).unwrap();
    assert!(!input.traits.has("smithy.api#private"));
    assert_eq!(
        input.traits.raw["smithy.api#tags"],
        serde_json::json!(["filtered"])
    );
    // A trait applied to an inherited member supersedes the mixin's.
    let output = model.shape(&id("ex#GetThingOutput")).unwrap();
    let thing = output.kind.members()[0];
    assert_eq!(
        thing.traits.documentation.as_deref(),
        Some("Applied to an inherited member.")
    );
    assert!(thing.traits.required);
}

#[test]
fn a_member_inherited_from_a_mixin_brings_its_target_into_the_closure() {
    let model = mixins();
    let closure = codegen::closure::closure(&model, &[id("ex#GetThing")], &[]);
    for reached in [
        "ex#GetThingOutput",
        "ex#Thing",
        "ex#D",
        "ex#ValidationError",
    ] {
        assert!(closure.contains(&id(reached)), "{reached} not reached");
    }
    assert!(!closure.contains(&id("ex#HoldsThing")));
}

#[test]
fn generates_the_crate_of_the_flattened_model() {
    let config = config_all("mixins", "mixins.json");
    let got = codegen::generate(&mixins(), &config).unwrap();
    let want = codegen::generate(&load(&fixture("mixins_flat.json")), &config).unwrap();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    assert!(got == want, "the two models generate different crates");
    assert!(got.contains_key("src/types/thing.rs"));
    assert!(!got.keys().any(|path| path.contains("holds_thing")));
}
