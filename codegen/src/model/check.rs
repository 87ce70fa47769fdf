//! Validation of a parsed model: references resolve, operations bind structures, enums are
//! well-formed and constraint traits sit on shapes they apply to.

use std::collections::BTreeSet;

use super::traits::{EnumValue, ids};
use super::{Member, Model, ModelError, ShapeId, ShapeKind, Traits};

/// Checks the model; `mixins` are the mixin shapes the loader left out, which nothing may target.
pub(super) fn check(model: &Model, mixins: &BTreeSet<ShapeId>, errors: &mut Vec<ModelError>) {
    for shape in model.shapes.values() {
        if shape.id.is_prelude() {
            continue;
        }
        let id = shape.id.as_str();
        check_references(model, mixins, &shape.id, &shape.kind, errors);
        check_applicable(id, &shape.kind, &shape.traits, errors);
        for member in shape.kind.members() {
            if let Some(target) = model.shape(&member.target) {
                check_applicable(
                    &shape.id.member(&member.name),
                    &target.kind,
                    &member.traits,
                    errors,
                );
            }
        }
        match &shape.kind {
            ShapeKind::Enum(members) => check_enum(&shape.id, members, false, errors),
            ShapeKind::IntEnum(members) => check_enum(&shape.id, members, true, errors),
            ShapeKind::Map { key, .. } => {
                if let Some(target) = model.shape(&key.target)
                    && !matches!(target.kind, ShapeKind::String | ShapeKind::Enum(_))
                {
                    errors.push(ModelError::InvalidShape {
                        id: shape.id.member("key"),
                        reason: format!(
                            "map keys must target a string or enum shape, but `{}` is a {}",
                            target.id,
                            target.kind.type_name()
                        ),
                    });
                }
            }
            ShapeKind::Service(service) => {
                check_renames(model, &shape.id, service, errors);
                check_signing_traits(id, &shape.traits, errors);
            }
            ShapeKind::Operation(op) => {
                for (role, target) in [("input", &op.input), ("output", &op.output)] {
                    require_structure(model, &shape.id, role, target, errors);
                }
                for target in &op.errors {
                    require_structure(model, &shape.id, "error", target, errors);
                }
            }
            _ => {}
        }
    }
}

fn check_references(
    model: &Model,
    mixins: &BTreeSet<ShapeId>,
    id: &ShapeId,
    kind: &ShapeKind,
    errors: &mut Vec<ModelError>,
) {
    let mut missing = |target: &ShapeId, from: String| {
        if model.shape(target).is_some() {
            return;
        }
        errors.push(if mixins.contains(target) {
            ModelError::TargetsMixin {
                id: target.to_string(),
                referenced_from: from,
            }
        } else {
            ModelError::UnknownShape {
                id: target.to_string(),
                referenced_from: from,
            }
        });
    };
    for member in kind.members() {
        missing(&member.target, id.member(&member.name));
    }
    let bound: Vec<(&str, &ShapeId)> = match kind {
        ShapeKind::Service(s) => s
            .operations
            .iter()
            .map(|t| ("operations", t))
            .chain(s.resources.iter().map(|t| ("resources", t)))
            .chain(s.errors.iter().map(|t| ("errors", t)))
            .collect(),
        ShapeKind::Operation(op) => [("input", &op.input), ("output", &op.output)]
            .into_iter()
            .chain(op.errors.iter().map(|t| ("errors", t)))
            .collect(),
        ShapeKind::Resource(r) => r
            .operations
            .iter()
            .map(|t| ("operations", t))
            .chain(r.resources.iter().map(|t| ("resources", t)))
            .collect(),
        _ => Vec::new(),
    };
    for (field, target) in bound {
        missing(target, format!("{id} (`{field}`)"));
    }
}

/// A service's `rename` entries: each names a shape of the model (Smithy asks for one of the
/// service's closure, which is not checked here) that may be renamed, and a valid new name.
/// `aws.auth#sigv4` needs a non-empty string `name`; `aws.api#service`'s `endpointPrefix`,
/// when given, is a non-empty string. Generated crates expose both as constants.
fn check_signing_traits(id: &str, traits: &Traits, errors: &mut Vec<ModelError>) {
    let checks = [
        (ids::SIGV4, "name", true),
        (ids::AWS_SERVICE, "endpointPrefix", false),
    ];
    for (trait_id, key, required) in checks {
        let Some(value) = traits.raw.get(trait_id) else {
            continue;
        };
        let reason = match value.get(key) {
            None if !required => continue,
            Some(v) if v.as_str().is_some_and(|s| !s.is_empty()) => continue,
            None => format!("`{key}` is missing"),
            Some(_) => format!("`{key}` must be a non-empty string"),
        };
        errors.push(ModelError::InvalidTraitValue {
            id: id.to_owned(),
            trait_id: trait_id.to_owned(),
            reason,
        });
    }
}

fn check_renames(
    model: &Model,
    service_id: &ShapeId,
    service: &super::Service,
    errors: &mut Vec<ModelError>,
) {
    for (id, name) in &service.rename {
        let refuse = |reason: String| ModelError::InvalidRename {
            service: service_id.to_string(),
            shape: id.to_string(),
            name: name.clone(),
            reason,
        };
        let Some(shape) = model.shape(id) else {
            errors.push(ModelError::UnknownShape {
                id: id.to_string(),
                referenced_from: format!("{service_id} (`rename`)"),
            });
            continue;
        };
        if !super::is_identifier(name) {
            errors.push(refuse("the new name is not a valid identifier".to_owned()));
        } else if name == id.name() {
            errors.push(refuse("the new name is the shape's own name".to_owned()));
        }
        match &shape.kind {
            ShapeKind::Operation(_) | ShapeKind::Resource(_) | ShapeKind::Service(_) => {
                errors.push(refuse(format!(
                    "{}s cannot be renamed",
                    shape.kind.type_name()
                )));
            }
            _ if shape.traits.error.is_some() => errors.push(refuse(
                "errors cannot be renamed: their shape name is their error code on the wire"
                    .to_owned(),
            )),
            _ => {}
        }
    }
}

fn require_structure(
    model: &Model,
    op: &ShapeId,
    role: &'static str,
    target: &ShapeId,
    errors: &mut Vec<ModelError>,
) {
    if let Some(shape) = model.shape(target)
        && !matches!(shape.kind, ShapeKind::Structure(_))
    {
        errors.push(ModelError::NotAStructure {
            id: op.to_string(),
            role,
            target: target.to_string(),
            kind: shape.kind.type_name(),
        });
    }
}

fn check_enum(id: &ShapeId, members: &[Member], int: bool, errors: &mut Vec<ModelError>) {
    let mut seen: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for member in members {
        let member_id = id.member(&member.name);
        if !super::prelude::is_unit(&member.target) {
            errors.push(ModelError::InvalidShape {
                id: member_id.clone(),
                reason: format!(
                    "enum members must target `smithy.api#Unit`, not `{}`",
                    member.target
                ),
            });
        }
        let value = match (&member.traits.enum_value, int) {
            (Some(EnumValue::String(s)), false) => s.clone(),
            (None, false) => member.name.clone(),
            (Some(EnumValue::Int(i)), true) => i.to_string(),
            (None, true) => {
                errors.push(ModelError::InvalidShape {
                    id: member_id,
                    reason: "intEnum members need an integer `smithy.api#enumValue`".to_owned(),
                });
                continue;
            }
            (Some(_), _) => {
                errors.push(ModelError::InvalidTraitValue {
                    id: member_id,
                    trait_id: ids::ENUM_VALUE.to_owned(),
                    reason: if int {
                        "intEnum values must be integers".to_owned()
                    } else {
                        "enum values must be strings".to_owned()
                    },
                });
                continue;
            }
        };
        if let Some(first) = seen.insert(value.clone(), &member.name) {
            errors.push(ModelError::InvalidShape {
                id: member_id,
                reason: format!("enum value {value:?} is also the value of member `{first}`"),
            });
        }
    }
}

/// Reports constraint and binding traits on shapes (or members targeting shapes) of the wrong kind.
fn check_applicable(
    owner: &str,
    target: &ShapeKind,
    traits: &Traits,
    errors: &mut Vec<ModelError>,
) {
    let mut not_applicable = |trait_id: &str, expected: &str| {
        errors.push(ModelError::TraitNotApplicable {
            id: owner.to_owned(),
            trait_id: trait_id.to_owned(),
            reason: format!(
                "it applies to {expected}, but the shape is {}",
                with_article(target.type_name())
            ),
        })
    };
    let is_string = matches!(target, ShapeKind::String);
    // An enum is a string with a closed value set, and an intEnum an integer (Smithy's
    // selectors match them as `string` and `integer`): string and number constraints apply
    // to their wire values.
    let is_text = is_string || matches!(target, ShapeKind::Enum(_));
    if traits.length.is_some()
        && !(is_text
            || matches!(
                target,
                ShapeKind::Blob | ShapeKind::List(_) | ShapeKind::Map { .. }
            ))
    {
        not_applicable(ids::LENGTH, "strings (enums too), blobs, lists and maps");
    }
    if traits.range.is_some() && !target.is_number() {
        not_applicable(ids::RANGE, "numbers (intEnums too)");
    }
    if traits.pattern.is_some() && !is_text {
        not_applicable(ids::PATTERN, "strings (enums too)");
    }
    if traits.enum_definitions.is_some() && !is_string {
        not_applicable(ids::ENUM, "strings");
    }
    if traits.unique_items && !matches!(target, ShapeKind::List(_)) {
        not_applicable(ids::UNIQUE_ITEMS, "lists");
    }
    if traits.timestamp_format.is_some() && !matches!(target, ShapeKind::Timestamp) {
        not_applicable(ids::TIMESTAMP_FORMAT, "timestamps");
    }
    if traits.http.is_some() && !matches!(target, ShapeKind::Operation(_)) {
        not_applicable(ids::HTTP, "operations");
    }
    if (traits.error.is_some() || traits.http_error.is_some())
        && !matches!(target, ShapeKind::Structure(_))
    {
        let id = if traits.error.is_some() {
            ids::ERROR
        } else {
            ids::HTTP_ERROR
        };
        not_applicable(id, "structures");
    }
}

/// `a list`, `an enum`.
fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}
