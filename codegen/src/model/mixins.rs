//! Mixins flattened into the raw shapes, as the Smithy specification says, before any shape is
//! parsed; the shapes with `smithy.api#mixin` are parsed for their own problems and then left out
//! of the model, so nothing after the loader ever sees a mixin.
//!
//! For a shape `S` with `"mixins": [M1, M2, ...]`, each mixin already flattened (mixins of
//! mixins come first, a cycle is an error):
//! - **members** (of structures, unions, enums, intEnums; `member` of lists; `key` and `value` of
//!   maps): those of `M1`, then `M2`, ..., then the ones `S` declares, each at the place it first
//!   appears: a depth-first, preorder walk of the mixins. A member met again must keep its target;
//!   its traits are merged, later ones superseding earlier ones, the traits `S` declares on it
//!   superseding all, and traits applied to it by an `apply` entry last of all.
//! - **traits**: those of `M1`, then `M2`, ..., later superseding earlier, then the ones `S`
//!   declares; never `smithy.api#mixin` itself, nor the traits the mixin lists in
//!   `localTraits`.
//! - **other properties** (operation `errors`, service `operations` and `version`, ...): lists
//!   are concatenated without repeats (the mixins' items first), objects merged (keys of `S`
//!   win), other values kept from `S` when it has them.
//!
//! A trait value copied from a mixin is checked where it is written: [`Flattened::origins`] maps
//! each copy to the shape or member that declares it, so a bad value is reported once, naming the
//! mixin.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::apply::Pending;
use super::traits::{ids, kind};
use super::{ModelError, ShapeId};

/// What flattening learned that the rest of the loader needs.
#[derive(Debug, Default)]
pub(super) struct Flattened {
    /// The shapes with `smithy.api#mixin`: parsed, but not part of the model.
    pub mixins: BTreeSet<ShapeId>,
    /// Where each trait copied from a mixin is declared: `(owner, trait id)` to the shape or
    /// member id that declares it (owners are shape ids or `ns#Shape$member`).
    pub origins: BTreeMap<(String, String), String>,
}

impl Flattened {
    /// Rewrites the invalid-value problems of copied traits to name the declaring mixin, so a
    /// bad value reported on every shape that uses the mixin comes out as one problem.
    pub fn attribute(&self, problems: &mut [ModelError]) {
        for problem in problems {
            if let ModelError::InvalidTraitValue { id, trait_id, .. } = problem
                && let Some(origin) = self.origins.get(&(id.clone(), trait_id.clone()))
            {
                *id = origin.clone();
            }
        }
    }
}

/// Flattens every shape's mixins in place, applying the `pending` traits of inherited members.
pub(super) fn flatten(
    shapes: &mut Map<String, Value>,
    mut pending: Pending,
    errors: &mut Vec<ModelError>,
) -> Flattened {
    let mut flattened = Flattened {
        mixins: shapes
            .iter()
            .filter(|(_, shape)| is_mixin(shape))
            .filter_map(|(key, _)| ShapeId::parse(key))
            .collect(),
        ..Flattened::default()
    };
    let edges = edges(shapes, errors);
    for (id, mixins) in resolution_order(shapes, &edges, errors) {
        // Entries wait only for shapes with `mixins`, which all come here; one for a shape that
        // is not an object is dropped with it (its parse reports the shape).
        let inherited = pending.remove(&id).unwrap_or_default();
        let Some(local) = shapes.get(&id).filter(|s| s.is_object()) else {
            continue;
        };
        let mut flattener = Flattener {
            id: &id,
            shapes,
            origins: &mut flattened.origins,
            errors,
        };
        let flat = flattener.shape(local, &mixins, inherited);
        shapes.insert(id, Value::Object(flat));
    }
    for shape in shapes.values_mut() {
        if let Some(shape) = shape.as_object_mut() {
            shape.remove("mixins");
        }
    }
    flattened
}

/// The raw traits of a raw shape or member, in order (none when absent or malformed).
fn traits_of(shape: &Value) -> impl Iterator<Item = (&String, &Value)> {
    shape
        .get("traits")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

fn is_mixin(shape: &Value) -> bool {
    shape
        .get("traits")
        .and_then(Value::as_object)
        .is_some_and(|t| t.contains_key(ids::MIXIN))
}

fn type_of(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("")
}

/// Every shape's usable mixins, by shape id; reports malformed lists and mixins that are
/// missing, not `@mixin` or of another type.
fn edges(
    shapes: &Map<String, Value>,
    errors: &mut Vec<ModelError>,
) -> BTreeMap<String, Vec<String>> {
    let mut edges = BTreeMap::new();
    for (id, shape) in shapes {
        let Some(list) = shape.get("mixins") else {
            continue;
        };
        let mut usable = Vec::new();
        let Some(items) = list.as_array() else {
            errors.push(ModelError::InvalidShape {
                id: id.clone(),
                reason: format!("`mixins` must be an array, found {}", kind(list)),
            });
            edges.insert(id.clone(), usable);
            continue;
        };
        for item in items {
            let Some(target) = item.get("target").and_then(Value::as_str) else {
                errors.push(ModelError::InvalidShape {
                    id: id.clone(),
                    reason: format!(
                        "each of `mixins` must be an object with a string `target`, found {}",
                        kind(item)
                    ),
                });
                continue;
            };
            let mut refuse = |reason: String| {
                errors.push(ModelError::InvalidMixin {
                    id: id.clone(),
                    mixin: target.to_owned(),
                    reason,
                })
            };
            match shapes.get(target) {
                None => errors.push(ModelError::UnknownShape {
                    id: target.to_owned(),
                    referenced_from: format!("{id} (`mixins`)"),
                }),
                Some(mixin) if !is_mixin(mixin) => refuse(format!(
                    "it has no `{}` trait; add the trait to it, or leave it out of `mixins`",
                    ids::MIXIN
                )),
                Some(mixin) if type_of(mixin) != type_of(shape) => refuse(format!(
                    "it is a {} and `{id}` is a {}; a mixin only mixes into shapes of its own type",
                    type_of(mixin),
                    type_of(shape)
                )),
                Some(_) if usable.iter().any(|u| u == target) => {}
                Some(_) => usable.push(target.to_owned()),
            }
        }
        edges.insert(id.clone(), usable);
    }
    edges
}

/// The shapes with mixins in an order where each comes after its mixins, each with the mixins it
/// can use; an edge that closes a cycle is reported and left out. Iterative, so a long chain of
/// mixins cannot overflow the stack.
fn resolution_order(
    shapes: &Map<String, Value>,
    edges: &BTreeMap<String, Vec<String>>,
    errors: &mut Vec<ModelError>,
) -> Vec<(String, Vec<String>)> {
    #[derive(PartialEq)]
    enum Walk {
        Open,
        Done,
    }
    let mut state: BTreeMap<&str, Walk> = BTreeMap::new();
    let mut broken: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut order = Vec::new();
    for start in shapes.keys().filter(|id| edges.contains_key(*id)) {
        if state.contains_key(start.as_str()) {
            continue;
        }
        state.insert(start, Walk::Open);
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node: &str = node;
            let children = edges.get(node).map_or(&[][..], Vec::as_slice);
            let Some(child) = children.get(*next) else {
                state.insert(node, Walk::Done);
                order.push(node);
                stack.pop();
                continue;
            };
            *next += 1;
            match state.get(child.as_str()) {
                None if edges.contains_key(child) => {
                    state.insert(child, Walk::Open);
                    stack.push((child, 0));
                }
                None | Some(Walk::Done) => {}
                Some(Walk::Open) => {
                    let from = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                    let ids: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).collect();
                    errors.push(ModelError::InvalidMixin {
                        id: node.to_owned(),
                        mixin: child.clone(),
                        reason: format!("the mixins form a cycle: {}", cycle_text(&ids)),
                    });
                    broken.insert((node, child));
                }
            }
        }
    }
    order
        .into_iter()
        .map(|id| {
            let usable = edges[id]
                .iter()
                .filter(|m| !broken.contains(&(id, m.as_str())))
                .cloned()
                .collect();
            (id.to_owned(), usable)
        })
        .collect()
}

/// A cycle of mixins for messages, `A` → `B` → `A`, its middle elided when it is long.
fn cycle_text(ids: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut parts: Vec<String> = ids.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    if ids.len() > SHOWN {
        parts.push(format!("… ({} mixins in all)", ids.len()));
    }
    parts.push(format!("`{}`", ids[0]));
    parts.join(" → ")
}

/// Flattens one shape whose mixins are flattened already.
struct Flattener<'a> {
    id: &'a str,
    shapes: &'a Map<String, Value>,
    origins: &'a mut BTreeMap<(String, String), String>,
    errors: &'a mut Vec<ModelError>,
}

/// The properties that are not merged as plain properties.
const SPECIAL: &[&str] = &[
    "type", "traits", "mixins", "members", "member", "key", "value",
];

impl Flattener<'_> {
    fn shape(
        &mut self,
        local: &Value,
        mixins: &[String],
        inherited_applies: Vec<(String, Map<String, Value>)>,
    ) -> Map<String, Value> {
        let kind = type_of(local);
        let mut flat = Map::new();
        flat.insert("type".to_owned(), Value::String(kind.to_owned()));
        let traits = self.traits(local, mixins);
        if !traits.is_empty() || local.get("traits").is_some() {
            flat.insert("traits".to_owned(), Value::Object(traits));
        }
        let mut members = Map::new();
        for mixin in mixins {
            if let Some(shape) = self.shapes.get(mixin) {
                for (name, member) in raw_members(shape) {
                    self.member(&mut members, mixin, name, member);
                }
            }
        }
        for (name, member) in raw_members(local) {
            self.member(&mut members, self.id, name, member);
        }
        for (name, traits) in inherited_applies {
            self.applied(&mut members, &name, traits);
        }
        set_members(&mut flat, kind, members);
        for source in mixins
            .iter()
            .filter_map(|m| self.shapes.get(m))
            .chain([local])
            .filter_map(Value::as_object)
        {
            for (property, value) in source {
                if !SPECIAL.contains(&property.as_str()) {
                    overlay(&mut flat, property, value);
                }
            }
        }
        flat
    }

    /// The shape's traits: the mixins' (minus `mixin` and their local traits), then its own.
    fn traits(&mut self, local: &Value, mixins: &[String]) -> Map<String, Value> {
        let mut traits = Map::new();
        for mixin in mixins {
            let Some(shape) = self.shapes.get(mixin) else {
                continue;
            };
            let local_traits = local_traits(shape);
            for (trait_id, value) in traits_of(shape) {
                if trait_id == ids::MIXIN || local_traits.contains(trait_id.as_str()) {
                    continue;
                }
                traits.insert(trait_id.clone(), value.clone());
                self.copied(self.id.to_owned(), trait_id, mixin.clone());
            }
        }
        for (trait_id, value) in traits_of(local) {
            traits.insert(trait_id.clone(), value.clone());
            self.origins.remove(&(self.id.to_owned(), trait_id.clone()));
        }
        traits
    }

    /// Adds member `name` as `from` (a mixin, or the shape itself) declares it.
    fn member(&mut self, members: &mut Map<String, Value>, from: &str, name: &str, member: &Value) {
        let owner = format!("{}${name}", self.id);
        let inherited = from != self.id;
        let Some(existing) = members.get_mut(name) else {
            if inherited {
                for (trait_id, _) in traits_of(member) {
                    self.copied(owner.clone(), trait_id, format!("{from}${name}"));
                }
            }
            members.insert(name.to_owned(), member.clone());
            return;
        };
        let (old, new) = (target(existing), target(member));
        if old != new {
            let first = first_mixin_with(self.shapes, self.id, name, from)
                .unwrap_or_else(|| "a mixin".to_owned());
            let (mixin, reason) = if inherited {
                let reason = format!(
                    "its member `{name}` targets `{new}`, but `{}` already inherits a member \
                     `{name}` targeting `{old}` from `{first}`",
                    self.id
                );
                (from.to_owned(), reason)
            } else {
                let reason = format!(
                    "`{}` redefines the member `{name}` it inherits to target `{new}`, but a \
                     redefined member must keep the target `{old}`",
                    self.id
                );
                (first, reason)
            };
            self.errors.push(ModelError::InvalidMixin {
                id: self.id.to_owned(),
                mixin,
                reason,
            });
            return;
        }
        let Some(existing) = existing.as_object_mut() else {
            return;
        };
        for (trait_id, value) in traits_of(member) {
            insert_trait(existing, trait_id, value.clone());
            if inherited {
                self.copied(owner.clone(), trait_id, format!("{from}${name}"));
            } else {
                self.origins.remove(&(owner.clone(), trait_id.clone()));
            }
        }
    }

    /// Applies the traits of an `apply` entry to an inherited member: they supersede.
    fn applied(
        &mut self,
        members: &mut Map<String, Value>,
        name: &str,
        traits: Map<String, Value>,
    ) {
        let owner = format!("{}${name}", self.id);
        let Some(member) = members.get_mut(name).and_then(Value::as_object_mut) else {
            for trait_id in traits.keys() {
                self.errors.push(ModelError::InvalidApply {
                    id: owner.clone(),
                    trait_id: trait_id.clone(),
                    reason: format!(
                        "`{}` has no member `{name}`, neither its own nor from its mixins",
                        self.id
                    ),
                });
            }
            return;
        };
        for (trait_id, value) in traits {
            self.origins.remove(&(owner.clone(), trait_id.clone()));
            insert_trait(member, &trait_id, value);
        }
    }

    /// Records that `owner`'s trait is a copy of the one `from` has (or of the one `from`
    /// copied in turn).
    fn copied(&mut self, owner: String, trait_id: &str, from: String) {
        let origin = self
            .origins
            .get(&(from.clone(), trait_id.to_owned()))
            .cloned()
            .unwrap_or(from);
        self.origins.insert((owner, trait_id.to_owned()), origin);
    }
}

/// The mixin of `id` that provides member `name` first, for messages about a conflict with
/// `later`.
fn first_mixin_with(
    shapes: &Map<String, Value>,
    id: &str,
    name: &str,
    later: &str,
) -> Option<String> {
    let list = shapes.get(id)?.get("mixins")?.as_array()?;
    list.iter()
        .filter_map(|m| m.get("target")?.as_str())
        .filter(|m| *m != later)
        .find(|m| {
            shapes
                .get(*m)
                .is_some_and(|s| raw_members(s).iter().any(|(n, _)| *n == name))
        })
        .map(str::to_owned)
}

fn insert_trait(member: &mut Map<String, Value>, trait_id: &str, value: Value) {
    let traits = member
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(traits) = traits.as_object_mut() {
        traits.insert(trait_id.to_owned(), value);
    }
}

fn target(member: &Value) -> &str {
    member.get("target").and_then(Value::as_str).unwrap_or("")
}

/// The traits a mixin keeps to itself: `localTraits` of its `smithy.api#mixin` trait.
fn local_traits(mixin: &Value) -> BTreeSet<&str> {
    mixin
        .get("traits")
        .and_then(|t| t.get(ids::MIXIN))
        .and_then(|m| m.get("localTraits"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The raw members of a raw shape, in order: `member` of a list, `key` and `value` of a map,
/// `members` otherwise.
fn raw_members(shape: &Value) -> Vec<(&str, &Value)> {
    match type_of(shape) {
        "list" | "set" => ["member"]
            .into_iter()
            .filter_map(|n| Some((n, shape.get(n)?)))
            .collect(),
        "map" => ["key", "value"]
            .into_iter()
            .filter_map(|n| Some((n, shape.get(n)?)))
            .collect(),
        _ => shape
            .get("members")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(n, v)| (n.as_str(), v)).collect())
            .unwrap_or_default(),
    }
}

/// Writes flattened members back where the JSON AST keeps them for `kind`.
fn set_members(flat: &mut Map<String, Value>, kind: &str, members: Map<String, Value>) {
    match kind {
        "list" | "set" | "map" => flat.extend(members),
        _ if members.is_empty() => {}
        _ => {
            flat.insert("members".to_owned(), Value::Object(members));
        }
    }
}

/// Merges one property into the flattened shape: lists concatenated without repeats, objects
/// merged with the later keys winning, anything else replaced.
fn overlay(flat: &mut Map<String, Value>, property: &str, value: &Value) {
    match (flat.get_mut(property), value) {
        (Some(Value::Array(items)), Value::Array(more)) => {
            for item in more {
                if !items.contains(item) {
                    items.push(item.clone());
                }
            }
        }
        (Some(Value::Object(entries)), Value::Object(more)) => {
            for (key, item) in more {
                entries.insert(key.clone(), item.clone());
            }
        }
        _ => {
            flat.insert(property.to_owned(), value.clone());
        }
    }
}
