//! Building the generated types: structures, unions and enums, their members' Rust types,
//! presence, constraints, encodings and HTTP bindings.

use std::collections::{BTreeMap, BTreeSet};

use super::enums::{enum_values, enumeration, internal_values, unused_name};
use super::facts::{self, docs_of};
use super::patterns::PatternUses;
use super::problems::Problems;
use super::{
    Constraints, Encoding, ErrorInfo, Field, HttpBinding, RetryClass, Roles, RustType,
    StructureDef, TypeCommon, TypeDef, TypeRef, UnionDef, UnionVariant,
};
use crate::error::Error;
use crate::model::traits::ErrorFault;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, prelude};
use crate::naming;

/// Collections nested deeper than this are reported rather than followed.
const MAX_COLLECTION_DEPTH: usize = 32;

/// The types of a closure, sorted by Rust name (a [`TypeRef`] is an index into them), with the
/// reference of each shape that defines one and the patterns their constraints use.
pub(super) struct Types {
    pub(super) types: Vec<TypeDef>,
    pub(super) refs: BTreeMap<ShapeId, TypeRef>,
    pub(super) patterns: PatternUses,
}

/// The types the shapes of `closure` define, named as the service's `rename` says; each member
/// with a problem is recorded in `problems` (in shape id order) and left out.
pub(super) fn types(
    model: &Model,
    closure: &BTreeSet<ShapeId>,
    rename: &BTreeMap<ShapeId, String>,
    problems: &mut Problems,
) -> Types {
    let shapes: Vec<&Shape> = closure
        .iter()
        .filter_map(|id| model.shape(id))
        .filter(|shape| !shape.id.is_prelude() && defines_type(shape))
        .collect();
    let commons: Vec<TypeCommon> = shapes
        .iter()
        .map(|shape| common(shape, rename.get(&shape.id)))
        .collect();
    // A type's reference is its place once the types are sorted by Rust name (stably: names
    // that collide keep shape id order, and are reported).
    let mut order: Vec<usize> = (0..shapes.len()).collect();
    order.sort_by(|&a, &b| commons[a].rust_name.cmp(&commons[b].rust_name));
    let mut place = vec![0; shapes.len()];
    for (sorted, &i) in order.iter().enumerate() {
        place[i] = sorted;
    }
    let refs: BTreeMap<ShapeId, TypeRef> = shapes
        .iter()
        .zip(&place)
        .map(|(shape, &p)| (shape.id.clone(), TypeRef(p)))
        .collect();
    let boxed = super::boxing::boxed_members(model, closure);
    let patterns = PatternUses::default();
    let cx = Cx {
        model,
        boxed: &boxed,
        refs: &refs,
        patterns: &patterns,
    };
    let mut slots: Vec<Option<TypeDef>> = shapes.iter().map(|_| None).collect();
    for ((shape, common), p) in shapes.into_iter().zip(commons).zip(place) {
        slots[p] = Some(cx.type_def(shape, common, problems));
    }
    Types {
        types: slots.into_iter().flatten().collect(),
        refs,
        patterns,
    }
}

/// Whether a shape becomes a type of its own in `crate::types`.
fn defines_type(shape: &Shape) -> bool {
    match &shape.kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => true,
        ShapeKind::String => shape.traits.enum_definitions.is_some(),
        _ => false,
    }
}

/// The names and docs of the type `shape` defines; `renamed` is its name in the service, when
/// the service's `rename` gives it one.
fn common(shape: &Shape, renamed: Option<&String>) -> TypeCommon {
    let shape_name = renamed.map_or(shape.id.name(), String::as_str).to_owned();
    let rust_name = naming::type_name(&shape_name);
    let mut docs = docs_of(&shape.traits.documentation);
    if renamed.is_some() {
        let fact = format!(
            "The shape `{}`, named `{shape_name}` in this service (its `rename`).",
            shape.id
        );
        docs = facts::with_facts(docs, vec![fact]);
    }
    TypeCommon {
        module: naming::module_name(&rust_name),
        id: shape.id.clone(),
        shape_name,
        rust_name,
        docs,
        eq_hash: true,
        needs_validation: false,
        recursive: false,
        may_miss: false,
        directions: super::Directions::default(),
    }
}

/// What building a type needs beside its shape.
struct Cx<'a> {
    model: &'a Model,
    /// The members boxed to break recursions, as (shape, member name).
    boxed: &'a BTreeSet<(ShapeId, String)>,
    /// The reference of every shape that becomes a type.
    refs: &'a BTreeMap<ShapeId, TypeRef>,
    /// The patterns the constraints use, numbered as they are met.
    patterns: &'a PatternUses,
}

impl Cx<'_> {
    fn type_def(&self, shape: &Shape, common: TypeCommon, problems: &mut Problems) -> TypeDef {
        match &shape.kind {
            ShapeKind::Structure(members) => {
                TypeDef::Structure(self.structure(shape, common, members, problems))
            }
            ShapeKind::Union(members) => {
                TypeDef::Union(self.union(shape, common, members, problems))
            }
            _ => TypeDef::Enum(enumeration(shape, common, problems)),
        }
    }

    fn target(&self, owner: &str, id: &ShapeId) -> Result<&Shape, Error> {
        // Loading checked every reference, so a missing target is an internal invariant breach;
        // report it rather than panic.
        self.model.shape(id).ok_or_else(|| Error::Unsupported {
            id: owner.to_owned(),
            feature: format!("a reference to the undefined shape `{id}`"),
        })
    }

    /// The type the shape `id` becomes.
    fn type_ref(&self, owner: &str, id: &ShapeId) -> Result<TypeRef, Error> {
        // Every shape the closure reaches that defines a type has a reference; a miss is an
        // internal invariant breach, reported rather than panicked on.
        self.refs
            .get(id)
            .copied()
            .ok_or_else(|| Error::Unsupported {
                id: owner.to_owned(),
                feature: format!("a reference to `{id}`, which defines no type"),
            })
    }

    fn rust_type(&self, owner: &str, id: &ShapeId, depth: usize) -> Result<RustType, Error> {
        if depth > MAX_COLLECTION_DEPTH {
            return Err(Error::Unsupported {
                id: owner.to_owned(),
                feature: format!("collections nested more than {MAX_COLLECTION_DEPTH} deep"),
            });
        }
        let shape = self.target(owner, id)?;
        let sparse = shape.traits.has("smithy.api#sparse");
        Ok(match &shape.kind {
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::String if shape.traits.enum_definitions.is_some() => {
                RustType::Named(self.type_ref(owner, id)?)
            }
            ShapeKind::String => RustType::String,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::BigInteger => RustType::BigInteger,
            ShapeKind::BigDecimal => RustType::BigDecimal,
            ShapeKind::Timestamp => RustType::Timestamp,
            ShapeKind::Document => RustType::Document,
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => RustType::Named(self.type_ref(owner, id)?),
            ShapeKind::List(member) => RustType::List {
                item: Box::new(self.rust_type(owner, &member.target, depth + 1)?),
                sparse,
            },
            ShapeKind::Map { value, .. } => RustType::Map {
                value: Box::new(self.rust_type(owner, &value.target, depth + 1)?),
                sparse,
            },
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                return Err(Error::Unsupported {
                    id: owner.to_owned(),
                    feature: format!("a member targeting the {} `{id}`", shape.kind.type_name()),
                });
            }
        })
    }

    /// Whether values of `id` print redacted: sensitive themselves or holding sensitive items.
    fn redacted(&self, id: &ShapeId, depth: usize) -> bool {
        let Some(shape) = self.model.shape(id) else {
            return false;
        };
        if shape.traits.sensitive {
            return true;
        }
        if depth > MAX_COLLECTION_DEPTH {
            return false;
        }
        match &shape.kind {
            ShapeKind::List(m) => m.traits.sensitive || self.redacted(&m.target, depth + 1),
            ShapeKind::Map { key, value } => [key, value]
                .iter()
                .any(|m| m.traits.sensitive || self.redacted(&m.target, depth + 1)),
            _ => false,
        }
    }

    /// The encodings of a member (or list/map member) with these traits targeting `id`.
    fn encoding(&self, traits: &crate::model::Traits, id: &ShapeId, depth: usize) -> Encoding {
        let Some(shape) = self.model.shape(id) else {
            return Encoding::default();
        };
        let item = match &shape.kind {
            ShapeKind::List(m) | ShapeKind::Map { value: m, .. }
                if depth <= MAX_COLLECTION_DEPTH =>
            {
                Some(Box::new(self.encoding(&m.traits, &m.target, depth + 1)))
            }
            _ => None,
        };
        Encoding {
            timestamp_format: traits.timestamp_format.or(shape.traits.timestamp_format),
            media_type: traits
                .media_type
                .clone()
                .or_else(|| shape.traits.media_type.clone()),
            streaming: shape.traits.streaming,
            item,
        }
    }

    /// The constraints on a member's values: the member's traits win over its target's, and for
    /// list and map targets the constraints of their items, keys and values, level by level.
    fn constraints(&self, member: &Member, target: &Shape) -> Constraints {
        self.constraints_at(member, target, 0)
    }

    fn constraints_at(&self, member: &Member, target: &Shape, depth: usize) -> Constraints {
        let (m, t) = (&member.traits, &target.traits);
        let nested = |inner: &Member| -> Option<Box<Constraints>> {
            if depth > MAX_COLLECTION_DEPTH {
                return None;
            }
            let shape = self.model.shape(&inner.target)?;
            Some(Box::new(self.constraints_at(inner, shape, depth + 1)))
        };
        let (member_constraints, key, value) = match &target.kind {
            ShapeKind::List(item) => (nested(item), None, None),
            ShapeKind::Map { key, value } => (None, nested(key), nested(value)),
            _ => (None, None, None),
        };
        Constraints {
            length: m.length.or(t.length),
            range: m.range.clone().or_else(|| t.range.clone()),
            pattern: pattern_of(member, target).map(|p| self.patterns.intern(p)),
            unique_items: m.unique_items || t.unique_items,
            enum_values: enum_values(target),
            enum_internal: internal_values(target),
            member: member_constraints,
            key,
            value,
        }
    }

    /// A structure; a member with a problem is recorded in `problems` and left out.
    fn structure(
        &self,
        shape: &Shape,
        common: TypeCommon,
        members: &[Member],
        problems: &mut Problems,
    ) -> StructureDef {
        let fields: Vec<Field> = members
            .iter()
            .filter_map(|member| problems.take(self.field(shape, member)))
            .collect();
        let error = shape.traits.error.map(|fault| ErrorInfo {
            code: shape.id.name().to_owned(),
            fault,
            status: shape.traits.http_error.unwrap_or(match fault {
                ErrorFault::Client => 400,
                ErrorFault::Server => 500,
            }),
            retry: shape.traits.retryable.map(|throttling| {
                if throttling {
                    RetryClass::Throttling
                } else {
                    RetryClass::Transient
                }
            }),
        });
        StructureDef {
            builder_name: naming::builder_name(&common.rust_name),
            roles: Roles::default(),
            body_holder: None,
            error_message: None,
            operations: Vec::new(),
            event_stream: None,
            event: None,
            common,
            fields,
            error,
        }
    }

    /// One structure member.
    fn field(&self, shape: &Shape, member: &Member) -> Result<Field, Error> {
        let owner = shape.id.member(&member.name);
        let target = self.target(&owner, &member.target)?;
        let ty = self.rust_type(&owner, &member.target, 0)?;
        let rust_name = naming::field_name(&member.name);
        let presence = super::defaults::presence(&owner, shape, member, target, &ty)?;
        let constraints = self.constraints(member, target);
        let redacted = member.traits.sensitive || self.redacted(&member.target, 0);
        let wire_name = member
            .traits
            .json_name
            .clone()
            .unwrap_or_else(|| member.name.clone());
        let facts = facts::field(
            &wire_name,
            &presence,
            &constraints,
            pattern_of(member, target),
            target,
            redacted,
            member,
        );
        Ok(Field {
            docs: facts::with_facts(facts::member_docs(member, target), facts),
            member_name: member.name.clone(),
            wire_name,
            setter_name: naming::setter_name(&rust_name),
            rust_name,
            target: member.target.clone(),
            boxed: self
                .boxed
                .contains(&(shape.id.clone(), member.name.clone())),
            ty,
            presence,
            redacted,
            constraints,
            idempotency_token: member.traits.idempotency_token,
            host_label: member.traits.host_label,
            http: http_binding(member),
            encoding: self.encoding(&member.traits, &member.target, 0),
        })
    }

    /// A union; a member with a problem is recorded in `problems` and left out.
    fn union(
        &self,
        shape: &Shape,
        common: TypeCommon,
        members: &[Member],
        problems: &mut Problems,
    ) -> UnionDef {
        let variants: Vec<UnionVariant> = members
            .iter()
            .filter_map(|member| problems.take(self.variant(shape, member)))
            .collect();
        let unknown_variant = unused_name(
            variants.iter().map(|v| v.rust_name.as_str()),
            &["Unknown", "UnknownMember"],
            &shape.id,
        );
        UnionDef {
            common,
            variants,
            unknown_variant: problems.take(unknown_variant).unwrap_or_default(),
            event_stream: shape.traits.streaming,
        }
    }

    /// One union member.
    fn variant(&self, shape: &Shape, member: &Member) -> Result<UnionVariant, Error> {
        let owner = shape.id.member(&member.name);
        let target = self.target(&owner, &member.target)?;
        let ty = if prelude::is_unit(&member.target) {
            None
        } else {
            Some(self.rust_type(&owner, &member.target, 0)?)
        };
        let wire_name = member
            .traits
            .json_name
            .clone()
            .unwrap_or_else(|| member.name.clone());
        Ok(UnionVariant {
            docs: facts::with_facts(
                facts::member_docs(member, target),
                facts::variant(&wire_name),
            ),
            member_name: member.name.clone(),
            wire_name,
            rust_name: naming::variant_name(&member.name),
            is_fn: naming::is_fn_name(&member.name),
            as_fn: ty.is_some().then(|| naming::as_fn_name(&member.name)),
            ty,
            boxed: self
                .boxed
                .contains(&(shape.id.clone(), member.name.clone())),
            redacted: member.traits.sensitive || self.redacted(&member.target, 0),
            constraints: self.constraints(member, target),
            encoding: self.encoding(&member.traits, &member.target, 0),
            event_exception: shape.traits.streaming && target.traits.error.is_some(),
        })
    }
}

/// The pattern of a member's values: the member's own, or its target's.
fn pattern_of<'m>(member: &'m Member, target: &'m Shape) -> Option<&'m str> {
    member
        .traits
        .pattern
        .as_deref()
        .or(target.traits.pattern.as_deref())
}

/// Where a member goes in an HTTP message, from its binding traits.
fn http_binding(member: &Member) -> HttpBinding {
    let t = &member.traits;
    if t.http_label {
        HttpBinding::Label
    } else if let Some(name) = &t.http_query {
        HttpBinding::Query(name.clone())
    } else if t.http_query_params {
        HttpBinding::QueryParams
    } else if let Some(name) = &t.http_header {
        HttpBinding::Header(name.clone())
    } else if let Some(prefix) = &t.http_prefix_headers {
        HttpBinding::PrefixHeaders(prefix.clone())
    } else if t.http_payload {
        HttpBinding::Payload
    } else if t.http_response_code {
        HttpBinding::ResponseCode
    } else {
        HttpBinding::Body
    }
}
