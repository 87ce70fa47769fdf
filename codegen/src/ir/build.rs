//! Building the IR from a model and a configuration.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{
    Constraints, Crate, Encoding, EnumDef, EnumVariant, ErrorInfo, Field, HttpBinding,
    OperationDef, PatternDef, Presence, RustType, ServiceDef, StructureDef, TypeCommon, TypeDef,
    UnionDef, UnionVariant, UriSegment,
};
use crate::docs::code_as_written;
use crate::error::{Error, Warning};
use crate::model::traits::{EnumValue, ErrorFault};
use crate::model::{Member, Model, Service, Shape, ShapeId, ShapeKind, prelude};
use crate::pattern::PatternPlan;
use crate::{Config, OperationSelection, docs, naming};

/// Collections nested deeper than this are reported rather than followed.
const MAX_COLLECTION_DEPTH: usize = 32;

/// Builds the IR for the operations `config` selects.
pub fn build(model: &Model, config: &Config) -> Result<Crate, Error> {
    let (service_shape, service) = pick_service(model, config)?;
    let operations = select_operations(model, service_shape, service, &config.operations)?;
    let mut skipped = Vec::new();
    let mut kept = Vec::new();
    for id in operations {
        match super::unsupported::operation(model, &id) {
            None => kept.push(id),
            Some(reason) if config.skip_unsupported => skipped.push((id, reason)),
            Some(reason) => {
                return Err(Error::UnsupportedOperation {
                    id: id.to_string(),
                    feature: reason,
                });
            }
        }
    }
    let operations = kept;
    let closure = crate::closure::closure(model, &operations, &service.errors);
    // Unicode property sets (`\p{L}`) take ~10 ms each to probe: a second thread probes them
    // while this one builds the types, so that planning the patterns finds them ready.
    let properties = crate::pattern::property_names(closure.iter().flat_map(|id| {
        let shape = model.shape(id);
        let own = shape.and_then(|s| s.traits.pattern.as_deref());
        let members = shape
            .into_iter()
            .flat_map(|s| s.kind.members())
            .filter_map(|m| m.traits.pattern.as_deref());
        own.into_iter().chain(members)
    }));
    std::thread::scope(|scope| {
        if !properties.is_empty() {
            scope.spawn(|| crate::pattern::warm_properties(&properties));
        }
        build_closure(
            model,
            config,
            service_shape,
            service,
            operations,
            skipped,
            &closure,
        )
    })
}

/// The rest of [`build`], once the operations and their closure are known.
fn build_closure(
    model: &Model,
    config: &Config,
    service_shape: &Shape,
    service: &Service,
    operations: Vec<ShapeId>,
    skipped: Vec<(ShapeId, String)>,
    closure: &BTreeSet<ShapeId>,
) -> Result<Crate, Error> {
    let boxed = super::boxing::boxed_members(model, closure);

    let mut names: BTreeMap<String, ShapeId> = BTreeMap::new();
    let mut modules: BTreeMap<String, ShapeId> = BTreeMap::new();
    let mut types = Vec::new();
    for id in closure {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if id.is_prelude() || !defines_type(shape) {
            continue;
        }
        let common = common(shape);
        claim(&mut names, &common.rust_name, id)?;
        claim(&mut modules, &common.module, id)?;
        let cx = Cx {
            model,
            boxed: &boxed,
        };
        types.push(match &shape.kind {
            ShapeKind::Structure(members) => {
                TypeDef::Structure(cx.structure(shape, common, members)?)
            }
            ShapeKind::Union(members) => TypeDef::Union(cx.union(shape, common, members)?),
            _ => TypeDef::Enum(enumeration(shape, common)?),
        });
    }
    mark_eq_hash(&mut types);
    types.sort_by(|a, b| a.common().rust_name.cmp(&b.common().rust_name));
    let (patterns, warnings) = patterns(model, closure, &types, config.strict_patterns)?;

    let mut ops = Vec::new();
    for id in &operations {
        ops.push(operation(model, id, &service.errors)?);
    }
    ops.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    let has_big_numbers = closure.iter().any(|id| {
        matches!(
            model.shape(id).map(|s| &s.kind),
            Some(ShapeKind::BigInteger | ShapeKind::BigDecimal)
        )
    });

    Ok(Crate {
        package_name: config.package_name.clone(),
        model_label: config.model_label.clone(),
        runtime: config.runtime.clone(),
        service: ServiceDef {
            id: service_shape.id.clone(),
            title: service_shape
                .traits
                .raw
                .get(crate::model::traits::ids::TITLE)
                .and_then(Value::as_str)
                .unwrap_or(service_shape.id.name())
                .to_owned(),
            version: service.version.clone(),
            docs: docs_of(&service_shape.traits.documentation),
        },
        features: super::analysis::runtime_features(&types, &patterns, &ops, has_big_numbers),
        operations: ops,
        types,
        patterns,
        skipped,
        warnings,
    })
}

/// Every distinct pattern the types' constraints use, with the closure's shapes and members
/// that carry it, planned for evaluation.
/// Patterns that cannot be checked as written are left out with a warning, or are an error
/// under `strict`.
fn patterns(
    model: &Model,
    closure: &BTreeSet<ShapeId>,
    types: &[TypeDef],
    strict: bool,
) -> Result<(Vec<PatternDef>, Vec<Warning>), Error> {
    fn walk(c: &Constraints, used: &mut BTreeSet<String>) {
        if let Some(p) = &c.pattern {
            used.insert(p.clone());
        }
        for inner in [&c.member, &c.key, &c.value].into_iter().flatten() {
            walk(inner, used);
        }
    }
    let mut used = BTreeSet::new();
    for t in types {
        match t {
            TypeDef::Structure(s) => s
                .fields
                .iter()
                .for_each(|f| walk(&f.constraints, &mut used)),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .for_each(|v| walk(&v.constraints, &mut used)),
            TypeDef::Enum(_) => {}
        }
    }
    let mut owners: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for id in closure {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if let Some(p) = &shape.traits.pattern {
            owners.entry(p).or_default().insert(id.to_string());
        }
        for member in shape.kind.members() {
            if let Some(p) = &member.traits.pattern {
                owners.entry(p).or_default().insert(id.member(&member.name));
            }
        }
    }
    let mut defs = Vec::with_capacity(used.len());
    let mut warnings = Vec::new();
    for source in used {
        let owners: Vec<String> = owners
            .get(source.as_str())
            .map(|o| o.iter().cloned().collect())
            .unwrap_or_default();
        let (plan, problem) = plan_pattern(&source);
        if let Some((problem, consequence)) = problem {
            if strict {
                return Err(Error::InvalidPattern {
                    id: owners.first().cloned().unwrap_or_default(),
                    pattern: source,
                    reason: format!("it {problem} (an error under `--strict-patterns`)"),
                });
            }
            warnings.push(Warning::Pattern {
                owners: owners.clone(),
                pattern: source.clone(),
                problem,
                consequence: consequence.to_owned(),
            });
        }
        if let Some(plan) = plan {
            defs.push(PatternDef {
                source,
                owners,
                plan,
            });
        }
    }
    Ok((defs, warnings))
}

/// The plan of one pattern (`None`: the validator leaves it out), and what is wrong with it
/// and what the validator does instead, if anything: a pattern that cannot be compiled or can
/// never match is not checked; one that needs the backtracking engine for no reason inherent
/// to it (a translation that fell short) is checked by that engine.
fn plan_pattern(source: &str) -> (Option<PatternPlan>, Option<(String, &'static str)>) {
    match crate::pattern::plan(source) {
        Err(e) => (
            None,
            Some((e.reason(), "the generated validator leaves this check out")),
        ),
        Ok(plan) => {
            let problem = match &plan {
                PatternPlan::Backtracking { reason, .. } if !reason.is_inherent() => Some((
                    format!("cannot be evaluated in linear time: {reason}"),
                    "the generated validator evaluates it with the backtracking engine, whose \
                     running time can grow faster than linearly with the input",
                )),
                _ => None,
            };
            (Some(plan), problem)
        }
    }
}

fn claim(taken: &mut BTreeMap<String, ShapeId>, name: &str, id: &ShapeId) -> Result<(), Error> {
    if let Some(first) = taken.get(name) {
        return Err(Error::NameCollision {
            rust_name: name.to_owned(),
            first: first.to_string(),
            second: id.to_string(),
        });
    }
    taken.insert(name.to_owned(), id.clone());
    Ok(())
}

fn pick_service<'m>(model: &'m Model, config: &Config) -> Result<(&'m Shape, &'m Service), Error> {
    let services: Vec<_> = model.services().collect();
    if let Some(wanted) = &config.service {
        return services
            .into_iter()
            .find(|(shape, _)| &shape.id == wanted)
            .ok_or_else(|| Error::Service {
                reason: format!("the model has no service shape `{wanted}`"),
            });
    }
    match services.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Service {
            reason: "the model has no service shape; add one that binds the operations".to_owned(),
        }),
        many => Err(Error::Service {
            reason: format!(
                "the model has {} service shapes ({}); choose one",
                many.len(),
                many.iter()
                    .map(|(s, _)| format!("`{}`", s.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

fn select_operations(
    model: &Model,
    service_shape: &Shape,
    service: &Service,
    selection: &OperationSelection,
) -> Result<Vec<ShapeId>, Error> {
    let available = model.service_operations(service);
    let names = match selection {
        OperationSelection::All => return Ok(available),
        OperationSelection::Named(names) => names,
    };
    let mut chosen = BTreeSet::new();
    for name in names {
        let found = available
            .iter()
            .find(|id| id.name() == name || id.as_str() == name)
            .ok_or_else(|| Error::UnknownOperation {
                name: name.clone(),
                service: service_shape.id.to_string(),
                suggestion: closest(name, available.iter().map(ShapeId::name)),
            })?;
        chosen.insert(found.clone());
    }
    Ok(chosen.into_iter().collect())
}

/// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let wanted = name.to_lowercase();
    candidates
        .map(|c| (edit_distance(&wanted, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(wanted.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c.to_owned())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
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

fn common(shape: &Shape) -> TypeCommon {
    let rust_name = naming::type_name(shape.id.name());
    TypeCommon {
        module: naming::module_name(&rust_name),
        id: shape.id.clone(),
        rust_name,
        docs: docs_of(&shape.traits.documentation),
        eq_hash: true,
    }
}

fn docs_of(doc: &Option<String>) -> Vec<String> {
    doc.as_deref().map(docs::to_rustdoc).unwrap_or_default()
}

struct Cx<'a> {
    model: &'a Model,
    boxed: &'a BTreeSet<(ShapeId, String)>,
}

impl Cx<'_> {
    fn target(&self, owner: &str, id: &ShapeId) -> Result<&Shape, Error> {
        // Loading checked every reference, so a missing target is an internal invariant breach;
        // report it rather than panic.
        self.model.shape(id).ok_or_else(|| Error::Unsupported {
            id: owner.to_owned(),
            feature: format!("a reference to the undefined shape `{id}`"),
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
                RustType::Named(naming::type_name(id.name()))
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
            | ShapeKind::Union(_) => RustType::Named(naming::type_name(id.name())),
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
            pattern: m.pattern.clone().or_else(|| t.pattern.clone()),
            unique_items: m.unique_items || t.unique_items,
            enum_values: enum_values(target),
            member: member_constraints,
            key,
            value,
        }
    }

    fn structure(
        &self,
        shape: &Shape,
        common: TypeCommon,
        members: &[Member],
    ) -> Result<StructureDef, Error> {
        let mut fields = Vec::with_capacity(members.len());
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for member in members {
            let owner = shape.id.member(&member.name);
            let target = self.target(&owner, &member.target)?;
            let ty = self.rust_type(&owner, &member.target, 0)?;
            let rust_name = naming::field_name(&member.name);
            for name in [rust_name.clone(), format!("set_{rust_name}")] {
                if let Some(first) = taken.insert(name.clone(), owner.clone()) {
                    return Err(Error::NameCollision {
                        rust_name: name,
                        first,
                        second: owner,
                    });
                }
            }
            let presence = presence(&owner, member, &ty)?;
            let constraints = self.constraints(member, target);
            let redacted = member.traits.sensitive || self.redacted(&member.target, 0);
            let wire_name = member
                .traits
                .json_name
                .clone()
                .unwrap_or_else(|| member.name.clone());
            let mut docs = docs_of(&member.traits.documentation);
            if docs.is_empty() {
                docs = docs_of(&target.traits.documentation);
            }
            let facts = facts(&wire_name, &presence, &constraints, &ty, redacted, member);
            if !docs.is_empty() && !facts.is_empty() {
                docs.push(String::new());
            }
            docs.extend(facts);
            fields.push(Field {
                member_name: member.name.clone(),
                wire_name,
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
                docs,
                http: http_binding(member),
                encoding: self.encoding(&member.traits, &member.target, 0),
            });
        }
        let error = shape.traits.error.map(|fault| ErrorInfo {
            fault,
            status: shape.traits.http_error.unwrap_or(match fault {
                ErrorFault::Client => 400,
                ErrorFault::Server => 500,
            }),
        });
        Ok(StructureDef {
            common,
            fields,
            error,
        })
    }

    fn union(
        &self,
        shape: &Shape,
        common: TypeCommon,
        members: &[Member],
    ) -> Result<UnionDef, Error> {
        let mut variants = Vec::with_capacity(members.len());
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for member in members {
            let owner = shape.id.member(&member.name);
            let target = self.target(&owner, &member.target)?;
            let rust_name = naming::variant_name(&member.name);
            if let Some(first) = taken.insert(rust_name.clone(), owner.clone()) {
                return Err(Error::NameCollision {
                    rust_name,
                    first,
                    second: owner,
                });
            }
            let ty = if prelude::is_unit(&member.target) {
                None
            } else {
                Some(self.rust_type(&owner, &member.target, 0)?)
            };
            let mut docs = docs_of(&member.traits.documentation);
            if docs.is_empty() {
                docs = docs_of(&target.traits.documentation);
            }
            variants.push(UnionVariant {
                member_name: member.name.clone(),
                wire_name: member
                    .traits
                    .json_name
                    .clone()
                    .unwrap_or_else(|| member.name.clone()),
                accessor: naming::field_name(&member.name)
                    .trim_end_matches('_')
                    .to_owned(),
                rust_name,
                ty,
                boxed: self
                    .boxed
                    .contains(&(shape.id.clone(), member.name.clone())),
                redacted: member.traits.sensitive || self.redacted(&member.target, 0),
                constraints: self.constraints(member, target),
                docs,
                encoding: self.encoding(&member.traits, &member.target, 0),
            });
        }
        let unknown_variant = unused_name(&taken, &["Unknown", "UnknownMember"], &shape.id)?;
        Ok(UnionDef {
            common,
            variants,
            unknown_variant,
        })
    }
}

/// The value set of an enum shape or a string with the `enum` trait, in model order.
fn enum_values(shape: &Shape) -> Option<Vec<String>> {
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => Some(
            members
                .iter()
                .map(|m| match &m.traits.enum_value {
                    Some(EnumValue::String(s)) => s.clone(),
                    Some(EnumValue::Int(i)) => i.to_string(),
                    None => m.name.clone(),
                })
                .collect(),
        ),
        _ => shape
            .traits
            .enum_definitions
            .as_ref()
            .map(|defs| defs.iter().map(|d| d.value.clone()).collect()),
    }
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

fn unused_name(
    taken: &BTreeMap<String, String>,
    candidates: &[&str],
    id: &ShapeId,
) -> Result<String, Error> {
    candidates
        .iter()
        .find(|c| !taken.contains_key(**c))
        .map(|c| (*c).to_owned())
        .ok_or_else(|| Error::NameCollision {
            rust_name: candidates.join(" / "),
            first: id.to_string(),
            second: "the variant for unknown values".to_owned(),
        })
}

fn presence(owner: &str, member: &Member, ty: &RustType) -> Result<Presence, Error> {
    if member.traits.required {
        return Ok(Presence::Required);
    }
    match &member.traits.default {
        None | Some(Value::Null) => Ok(Presence::Optional),
        Some(_) if member.traits.has("smithy.api#clientOptional") => Ok(Presence::Optional),
        Some(value) if default_fits(value, ty) => Ok(Presence::Default(value.clone())),
        Some(value) => Err(Error::Unsupported {
            id: owner.to_owned(),
            feature: format!("the default value {value} for a member of type {ty:?}"),
        }),
    }
}

/// Whether a `@default` value has a form the emitter can turn into an expression of `ty`.
fn default_fits(value: &Value, ty: &RustType) -> bool {
    match (ty, value) {
        (RustType::Bool, Value::Bool(_)) => true,
        (RustType::I8, Value::Number(n)) => n.as_i64().is_some_and(|v| i8::try_from(v).is_ok()),
        (RustType::I16, Value::Number(n)) => n.as_i64().is_some_and(|v| i16::try_from(v).is_ok()),
        (RustType::I32, Value::Number(n)) => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
        (RustType::I64, Value::Number(n)) => n.as_i64().is_some(),
        (RustType::F32 | RustType::F64, Value::Number(_)) => true,
        (RustType::String | RustType::Named(_), Value::String(_)) => true,
        (RustType::Named(_), Value::Number(n)) => n.as_i64().is_some(),
        (RustType::List { .. }, Value::Array(a)) => a.is_empty(),
        (RustType::Map { .. }, Value::Object(o)) => o.is_empty(),
        (RustType::Blob, Value::String(s)) => s.is_empty(),
        // Epoch seconds; the prelude's default for timestamps is `0`.
        (RustType::Timestamp, Value::Number(n)) => {
            n.as_f64().is_some_and(|v| v.is_finite() && v >= 0.0)
        }
        _ => false,
    }
}

/// The fact lines appended to a field's docs.
fn facts(
    wire_name: &str,
    presence: &Presence,
    constraints: &Constraints,
    ty: &RustType,
    redacted: bool,
    member: &Member,
) -> Vec<String> {
    let mut facts = vec![format!("- Wire name: {}", code_as_written(wire_name))];
    match presence {
        Presence::Required => facts.push("- Required: the builder fails without it".to_owned()),
        Presence::Default(v) => {
            facts.push(format!("- Default: {}", code_as_written(&v.to_string())))
        }
        Presence::Optional => {}
    }
    if let Some(length) = constraints.length {
        let unit = match ty {
            RustType::String => "characters (Unicode scalar values)",
            RustType::Blob => "bytes",
            RustType::Map { .. } => "entries",
            _ => "items",
        };
        let text = match (length.min, length.max) {
            (Some(min), Some(max)) => format!("between {min} and {max} {unit}, inclusive"),
            (Some(min), None) => format!("at least {min} {unit}"),
            (None, Some(max)) => format!("at most {max} {unit}"),
            (None, None) => String::new(),
        };
        if !text.is_empty() {
            facts.push(format!("- Length: {text}"));
        }
    }
    if let Some(range) = &constraints.range {
        let text = match (&range.min, &range.max) {
            (Some(min), Some(max)) => format!("between {} and {}, inclusive", min.text, max.text),
            (Some(min), None) => format!("at least {}", min.text),
            (None, Some(max)) => format!("at most {}", max.text),
            (None, None) => String::new(),
        };
        if !text.is_empty() {
            facts.push(format!("- Range: {text}"));
        }
    }
    if let Some(pattern) = &constraints.pattern {
        facts.push(format!("- Pattern: {}", code_as_written(pattern)));
    }
    if constraints.unique_items {
        facts.push("- Items must be unique".to_owned());
    }
    if redacted {
        facts
            .push("- Sensitive: `Debug` prints it as `*** Sensitive Data Redacted ***`".to_owned());
    }
    if member.traits.idempotency_token {
        facts.push("- Idempotency token: filled with a fresh UUID when left unset".to_owned());
    }
    if let Some(message) = &member.traits.deprecated {
        let message = if message.is_empty() {
            "no replacement given".to_owned()
        } else {
            message.clone()
        };
        facts.push(format!(
            "- Deprecated: {}",
            docs::to_rustdoc(&message).join(" ")
        ));
    }
    facts
}

fn enumeration(shape: &Shape, common: TypeCommon) -> Result<EnumDef, Error> {
    let mut variants = Vec::new();
    let mut int = false;
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            int = matches!(shape.kind, ShapeKind::IntEnum(_));
            for member in members {
                let value = match &member.traits.enum_value {
                    Some(EnumValue::String(s)) => s.clone(),
                    Some(EnumValue::Int(i)) => i.to_string(),
                    None => member.name.clone(),
                };
                variants.push(EnumVariant {
                    member_name: member.name.clone(),
                    rust_name: naming::variant_name(&member.name),
                    value,
                    docs: docs_of(&member.traits.documentation),
                });
            }
        }
        _ => {
            for definition in shape.traits.enum_definitions.iter().flatten() {
                let name = definition.name.as_deref().unwrap_or(&definition.value);
                variants.push(EnumVariant {
                    member_name: name.to_owned(),
                    rust_name: naming::variant_name(name),
                    value: definition.value.clone(),
                    docs: docs_of(&definition.documentation),
                });
            }
        }
    }
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for v in &variants {
        let owner = shape.id.member(&v.member_name);
        if let Some(first) = taken.insert(v.rust_name.clone(), owner.clone()) {
            return Err(Error::NameCollision {
                rust_name: v.rust_name.clone(),
                first,
                second: owner,
            });
        }
    }
    let unknown_variant = unused_name(&taken, &["Unknown", "UnknownValue"], &shape.id)?;
    Ok(EnumDef {
        common,
        int,
        variants,
        unknown_variant,
    })
}

fn operation(
    model: &Model,
    id: &ShapeId,
    service_errors: &[ShapeId],
) -> Result<OperationDef, Error> {
    let shape = model.shape(id).ok_or_else(|| Error::Unsupported {
        id: id.to_string(),
        feature: "an operation the model does not define".to_owned(),
    })?;
    let ShapeKind::Operation(op) = &shape.kind else {
        return Err(Error::Service {
            reason: format!("`{id}` is a {}, not an operation", shape.kind.type_name()),
        });
    };
    let mut errors: Vec<String> = Vec::new();
    for e in op.errors.iter().chain(service_errors) {
        let name = naming::type_name(e.name());
        if !errors.contains(&name) {
            errors.push(name);
        }
    }
    let (uri_path, uri_query) = match &shape.traits.http {
        Some(http) => parse_uri(&http.uri),
        None => (Vec::new(), Vec::new()),
    };
    Ok(OperationDef {
        uri_path,
        uri_query,
        id: id.clone(),
        rust_name: naming::type_name(id.name()),
        docs: docs_of(&shape.traits.documentation),
        input: naming::type_name(op.input.name()),
        output: naming::type_name(op.output.name()),
        errors,
        http: shape.traits.http.clone(),
    })
}

/// Splits an `@http` URI into path segments and literal query parameters.
fn parse_uri(uri: &str) -> (Vec<UriSegment>, Vec<(String, Option<String>)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => match label.strip_suffix('+') {
                    Some(greedy) => UriSegment::Greedy(greedy.to_owned()),
                    None => UriSegment::Label(label.to_owned()),
                },
                None => UriSegment::Literal(s.to_owned()),
            },
        )
        .collect();
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (q.to_owned(), None),
        })
        .collect();
    (segments, query)
}

/// Clears `eq_hash` on every type that holds a float or a document, directly or through other
/// types. A worklist walks the "is held by" edges backwards from the types that hold a float
/// directly, so it takes linear time however deep the nesting is.
fn mark_eq_hash(types: &mut [TypeDef]) {
    fn walk<'a>(ty: &'a RustType, named: &mut Vec<&'a str>) -> bool {
        match ty {
            RustType::F32 | RustType::F64 | RustType::Document => false,
            RustType::Named(name) => {
                named.push(name);
                true
            }
            RustType::List { item: t, .. } | RustType::Map { value: t, .. } => walk(t, named),
            _ => true,
        }
    }
    let index: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.common().rust_name.clone(), i))
        .collect();
    let mut held_by: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    let mut worklist = Vec::new();
    for (i, t) in types.iter().enumerate() {
        let values: Vec<&RustType> = match t {
            TypeDef::Structure(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeDef::Union(u) => u.variants.iter().filter_map(|v| v.ty.as_ref()).collect(),
            TypeDef::Enum(_) => Vec::new(),
        };
        let mut named = Vec::new();
        let mut plain = true;
        for ty in values {
            plain &= walk(ty, &mut named);
        }
        for name in named {
            if let Some(&held) = index.get(name) {
                held_by[held].push(i);
            }
        }
        if !plain {
            worklist.push(i);
        }
    }
    let mut cleared = vec![false; types.len()];
    while let Some(i) = worklist.pop() {
        if std::mem::replace(&mut cleared[i], true) {
            continue;
        }
        worklist.extend(held_by[i].iter().copied().filter(|&h| !cleared[h]));
    }
    for (t, cleared) in types.iter_mut().zip(cleared) {
        if cleared {
            match t {
                TypeDef::Structure(s) => s.common.eq_hash = false,
                TypeDef::Union(u) => u.common.eq_hash = false,
                TypeDef::Enum(e) => e.common.eq_hash = false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_matches_only() {
        let ops = ["StartChatContact", "StartTaskContact", "StopContact"];
        assert_eq!(
            closest("StartChatContct", ops.into_iter()).as_deref(),
            Some("StartChatContact")
        );
        assert_eq!(
            closest("startchatcontact", ops.into_iter()).as_deref(),
            Some("StartChatContact")
        );
        assert_eq!(closest("DescribeUser", ops.into_iter()), None);
    }
}
