//! `"type": "apply"` entries of the JSON AST: traits applied to a shape (`ns#Shape`) or a member
//! (`ns#Shape$member`) outside its definition. They are merged into the raw shapes first, before
//! mixins are flattened and before any shape is parsed, so the rest of the loader sees each trait
//! where it applies.
//!
//! An applied trait meets the traits the shape or member declares under Smithy's conflict rules:
//! an equal value is no conflict, two lists are concatenated, and any other pair is an error
//! (the loader does not read trait definitions, so "a list" means a JSON array value). A
//! trait applied to a member that the shape only inherits from a mixin waits for the flattening
//! ([`Pending`]), where it supersedes the inherited value, as the mixin rules say.
//!
//! In one JSON AST file an `apply` can only name a member, or a shape defined elsewhere: the
//! shape's own entry and the `apply` entry would share a key. Shape-level applies are handled all
//! the same (the merge does not care where the entries came from).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::traits::kind;
use super::{ModelError, ShapeId, is_identifier};

/// One `apply` entry: its key as written, the shape, the member (if any) and the traits.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Apply {
    /// The entry's key (`ns#Shape` or `ns#Shape$member`), which messages name.
    pub key: String,
    /// The shape the traits go to.
    pub shape: ShapeId,
    /// The member, for `ns#Shape$member`.
    pub member: Option<String>,
    /// The traits, by trait id.
    pub traits: Map<String, Value>,
}

/// Traits applied to members the shape does not declare itself, by shape key, then member name,
/// in the order of the `apply` entries: they may be inherited from a mixin.
pub(super) type Pending = BTreeMap<String, Vec<(String, Map<String, Value>)>>;

/// Takes the `apply` entries out of `shapes`, keeping the other entries in file order, and
/// reports malformed ones.
pub(super) fn split(
    shapes: Map<String, Value>,
    errors: &mut Vec<ModelError>,
) -> (Map<String, Value>, Vec<Apply>) {
    let mut kept = Map::new();
    let mut applies = Vec::new();
    for (key, value) in shapes {
        if value.get("type").and_then(Value::as_str) != Some("apply") {
            kept.insert(key, value);
            continue;
        }
        if let Some(apply) = entry(key, &value, errors) {
            applies.push(apply);
        }
    }
    (kept, applies)
}

fn entry(key: String, value: &Value, errors: &mut Vec<ModelError>) -> Option<Apply> {
    let mut invalid = |reason: String| {
        errors.push(ModelError::InvalidShape {
            id: key.clone(),
            reason,
        })
    };
    let object = value.as_object()?;
    if let Some(other) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "type" | "traits"))
    {
        invalid(format!(
            "an `apply` entry allows only `traits`, found `{other}`"
        ));
        return None;
    }
    let traits = match object.get("traits") {
        None => Map::new(),
        Some(Value::Object(traits)) => traits.clone(),
        Some(other) => {
            invalid(format!("`traits` must be an object, found {}", kind(other)));
            return None;
        }
    };
    let (shape, member) = match key.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (key.as_str(), None),
    };
    let shape = ShapeId::parse(shape).filter(|_| member.is_none_or(is_identifier));
    let Some(shape) = shape else {
        errors.push(ModelError::InvalidShapeId {
            id: key.clone(),
            context: " or member id (`namespace#Name$member`), in an `apply` entry".to_owned(),
        });
        return None;
    };
    let member = member.map(str::to_owned);
    Some(Apply {
        key,
        shape,
        member,
        traits,
    })
}

/// Merges each entry's traits into the shape or the member it names, and returns the entries for
/// members the shape may inherit from its mixins. Reports entries naming nothing and conflicts.
pub(super) fn apply(
    shapes: &mut Map<String, Value>,
    applies: Vec<Apply>,
    errors: &mut Vec<ModelError>,
) -> Pending {
    let mut pending = Pending::new();
    for apply in applies {
        let Some(shape) = shapes.get_mut(apply.shape.as_str()) else {
            let reason = if apply.shape.is_prelude() {
                format!(
                    "`{}` is a prelude shape, which models cannot change",
                    apply.shape
                )
            } else {
                format!("the model does not define `{}`", apply.shape)
            };
            refuse(&apply, &reason, errors);
            continue;
        };
        // A shape that is not an object is reported when it is parsed.
        let Some(shape) = shape.as_object_mut() else {
            continue;
        };
        let Some(name) = &apply.member else {
            merge(shape, apply.traits, &apply.key, errors);
            continue;
        };
        if let Some(member) = member_mut(shape, name) {
            // A malformed member is reported when it is parsed.
            if let Some(member) = member.as_object_mut() {
                merge(member, apply.traits, &apply.key, errors);
            }
        } else if shape
            .get("mixins")
            .and_then(Value::as_array)
            .is_some_and(|m| !m.is_empty())
        {
            pending
                .entry(apply.shape.to_string())
                .or_default()
                .push((name.clone(), apply.traits));
        } else {
            let reason = format!("`{}` has no member `{name}`", apply.shape);
            refuse(&apply, &reason, errors);
        }
    }
    pending
}

/// Reports every trait of an entry that cannot be applied, for `reason`.
pub(super) fn refuse(apply: &Apply, reason: &str, errors: &mut Vec<ModelError>) {
    for trait_id in apply.traits.keys() {
        errors.push(ModelError::InvalidApply {
            id: apply.key.clone(),
            trait_id: trait_id.clone(),
            reason: reason.to_owned(),
        });
    }
}

/// The raw member `name` of a shape as the JSON AST holds it: `member` of a list, `key` and
/// `value` of a map, an entry of `members` otherwise.
pub(super) fn member_mut<'a>(
    shape: &'a mut Map<String, Value>,
    name: &str,
) -> Option<&'a mut Value> {
    match shape.get("type").and_then(Value::as_str) {
        Some("list" | "set") if name == "member" => shape.get_mut(name),
        Some("map") if matches!(name, "key" | "value") => shape.get_mut(name),
        Some("list" | "set" | "map") => None,
        _ => shape.get_mut("members")?.as_object_mut()?.get_mut(name),
    }
}

/// Merges applied traits into the `traits` of a raw shape or member under the conflict rules.
fn merge(
    owner: &mut Map<String, Value>,
    applied: Map<String, Value>,
    id: &str,
    errors: &mut Vec<ModelError>,
) {
    let traits = owner
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    // Traits that are not an object are reported when the shape is parsed.
    let Some(traits) = traits.as_object_mut() else {
        return;
    };
    for (trait_id, value) in applied {
        match traits.get_mut(&trait_id) {
            None => {
                traits.insert(trait_id, value);
            }
            Some(declared) if *declared == value => {}
            Some(Value::Array(declared)) if value.is_array() => {
                if let Value::Array(items) = value {
                    declared.extend(items);
                }
            }
            Some(_) => errors.push(ModelError::TraitConflict {
                id: id.to_owned(),
                trait_id,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(o) => o,
            _ => unreachable!("the tests pass objects"),
        }
    }

    #[test]
    fn traits_go_to_the_shape_or_member_and_merge_by_the_conflict_rules() {
        // A shape-level apply: in one file only possible for a shape defined elsewhere, here the
        // two maps stand for two files.
        let mut shapes = object(json!({
            "ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String",
                "traits": {"ex#tags": ["x"], "smithy.api#documentation": "a"}}},
                "traits": {"smithy.api#documentation": "S"}},
            "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}},
        }));
        let applies = object(json!({
            "ex#S": {"type": "apply", "traits": {"smithy.api#sensitive": {},
                "smithy.api#documentation": "S"}},
            "ex#S$a": {"type": "apply", "traits": {"ex#tags": ["y"],
                "smithy.api#documentation": "other"}},
            "ex#L$member": {"type": "apply", "traits": {"smithy.api#documentation": "m"}},
        }));
        let mut errors = Vec::new();
        let (rest, applies) = split(applies, &mut errors);
        assert!(rest.is_empty());
        let pending = apply(&mut shapes, applies, &mut errors);
        assert!(pending.is_empty());
        assert_eq!(
            Value::Object(shapes),
            json!({
                "ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String",
                    "traits": {"ex#tags": ["x", "y"], "smithy.api#documentation": "a"}}},
                    "traits": {"smithy.api#documentation": "S", "smithy.api#sensitive": {}}},
                "ex#L": {"type": "list", "member": {"target": "smithy.api#String",
                    "traits": {"smithy.api#documentation": "m"}}},
            })
        );
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "`ex#S$a`: trait `smithy.api#documentation` is declared and applied with different \
              values; keep one, or make both lists (lists are concatenated)"
            ]
        );
    }

    #[test]
    fn members_a_shape_may_inherit_wait_for_the_mixins() {
        let mut shapes = object(json!({
            "ex#S": {"type": "structure", "mixins": [{"target": "ex#M"}]},
        }));
        let (_, applies) = split(
            object(json!({"ex#S$a": {"type": "apply", "traits": {"smithy.api#required": {}}}})),
            &mut Vec::new(),
        );
        let pending = apply(&mut shapes, applies, &mut Vec::new());
        assert_eq!(
            pending["ex#S"],
            [("a".to_owned(), object(json!({"smithy.api#required": {}})))]
        );
    }
}
