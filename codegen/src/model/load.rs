//! Parsing and validating the JSON AST.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::traits::{Traits, ids, kind};
use super::{
    LoadError, Member, Model, ModelError, Operation, Resource, Service, Shape, ShapeId, ShapeKind,
    apply, mixins, prelude,
};

pub(super) fn load(text: &str) -> Result<Model, LoadError> {
    let fail = |problem| LoadError {
        problems: vec![problem],
    };
    let root: Value = serde_json::from_str(text).map_err(|e| {
        fail(ModelError::Json {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })
    })?;
    let Value::Object(mut root) = root else {
        return Err(fail(ModelError::NotAModel {
            reason: format!("the top level is {}, not an object", kind(&root)),
        }));
    };
    let version = match root.get("smithy") {
        Some(Value::String(v)) => v.clone(),
        Some(other) => {
            return Err(fail(ModelError::NotAModel {
                reason: format!("`smithy` must be a version string, found {}", kind(other)),
            }));
        }
        None => {
            return Err(fail(ModelError::NotAModel {
                reason: "missing the `smithy` version property".to_owned(),
            }));
        }
    };
    if !matches!(version.as_str(), "2.0" | "2" | "1.0" | "1") {
        return Err(fail(ModelError::UnsupportedVersion { version }));
    }
    let shapes = match root.remove("shapes") {
        Some(Value::Object(shapes)) => shapes,
        None => Map::new(),
        Some(other) => {
            return Err(fail(ModelError::NotAModel {
                reason: format!("`shapes` must be an object, found {}", kind(&other)),
            }));
        }
    };

    let mut errors = Vec::new();
    // The JSON first: `apply` entries merged, then mixins flattened, before any shape is parsed.
    let (mut shapes, applies) = apply::split(shapes, &mut errors);
    let pending = apply::apply(&mut shapes, applies, &mut errors);
    let flattened = mixins::flatten(&mut shapes, pending, &mut errors);
    let mut model = Model {
        version,
        shapes: BTreeMap::new(),
    };
    for shape in prelude::shapes() {
        model.shapes.insert(shape.id.clone(), shape);
    }
    for (key, value) in &shapes {
        let Some(id) = ShapeId::parse(key) else {
            errors.push(ModelError::InvalidShapeId {
                id: key.clone(),
                context: String::new(),
            });
            continue;
        };
        let before = errors.len();
        let shape = parse_shape(&id, value, &mut errors);
        flattened.attribute(&mut errors[before..]);
        // A mixin is parsed for its own problems, but is no shape of the model.
        if let Some(shape) = shape
            && !flattened.mixins.contains(&id)
        {
            model.shapes.insert(id, shape);
        }
    }
    // A trait value copied from a mixin into several shapes is one problem, named once.
    let mut seen = std::collections::BTreeSet::new();
    errors.retain(|problem| seen.insert(problem.to_string()));
    super::check::check(&model, &flattened.mixins, &mut errors);
    if errors.is_empty() {
        Ok(model)
    } else {
        Err(LoadError { problems: errors })
    }
}

/// serde_json appends " at line L column C"; the error already carries both as fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn parse_shape(id: &ShapeId, value: &Value, errors: &mut Vec<ModelError>) -> Option<Shape> {
    let mut invalid = |reason: String| {
        errors.push(ModelError::InvalidShape {
            id: id.to_string(),
            reason,
        })
    };
    let Some(object) = value.as_object() else {
        invalid(format!("expected an object, found {}", kind(value)));
        return None;
    };
    let type_name = match object.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(other) => {
            invalid(format!("`type` must be a string, found {}", kind(other)));
            return None;
        }
        None => {
            invalid("missing `type`".to_owned());
            return None;
        }
    };
    let mut traits = match object.get("traits") {
        None => Traits::default(),
        Some(Value::Object(raw)) => Traits::parse(id.as_str(), raw, errors),
        Some(other) => {
            errors.push(ModelError::InvalidShape {
                id: id.to_string(),
                reason: format!("`traits` must be an object, found {}", kind(other)),
            });
            Traits::default()
        }
    };
    let mut p = Parser { id, object, errors };
    let kind = match type_name {
        "blob" => ShapeKind::Blob,
        "boolean" => ShapeKind::Boolean,
        "string" => ShapeKind::String,
        "byte" => ShapeKind::Byte,
        "short" => ShapeKind::Short,
        "integer" => ShapeKind::Integer,
        "long" => ShapeKind::Long,
        "float" => ShapeKind::Float,
        "double" => ShapeKind::Double,
        "bigInteger" => ShapeKind::BigInteger,
        "bigDecimal" => ShapeKind::BigDecimal,
        "timestamp" => ShapeKind::Timestamp,
        "document" => ShapeKind::Document,
        "enum" => ShapeKind::Enum(p.members()?),
        "intEnum" => ShapeKind::IntEnum(p.members()?),
        "list" => ShapeKind::List(p.member("member")?),
        "set" => {
            // Smithy 1.0: a set is a list whose items are unique.
            traits.unique_items = true;
            traits
                .raw
                .entry(ids::UNIQUE_ITEMS.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            ShapeKind::List(p.member("member")?)
        }
        "map" => ShapeKind::Map {
            key: p.member("key")?,
            value: p.member("value")?,
        },
        "structure" => ShapeKind::Structure(p.members()?),
        "union" => ShapeKind::Union(p.members()?),
        "service" => ShapeKind::Service(Service {
            version: p.optional_string("version")?.unwrap_or_default(),
            operations: p.references("operations")?,
            resources: p.references("resources")?,
            errors: p.references("errors")?,
            rename: p.renames()?,
        }),
        "operation" => ShapeKind::Operation(Operation {
            input: p.reference("input")?.unwrap_or_else(unit),
            output: p.reference("output")?.unwrap_or_else(unit),
            errors: p.references("errors")?,
        }),
        "resource" => {
            let mut operations = Vec::new();
            for field in ["create", "put", "read", "update", "delete", "list"] {
                operations.extend(p.reference(field)?);
            }
            operations.extend(p.references("operations")?);
            operations.extend(p.references("collectionOperations")?);
            ShapeKind::Resource(Resource {
                operations,
                resources: p.references("resources")?,
            })
        }
        other => {
            errors.push(ModelError::UnknownShapeType {
                id: id.to_string(),
                type_name: other.to_owned(),
            });
            return None;
        }
    };
    Some(Shape {
        id: id.clone(),
        kind,
        traits,
    })
}

fn unit() -> ShapeId {
    // A constant that always parses; `parse` cannot fail on it.
    ShapeId::parse("smithy.api#Unit").unwrap_or_else(|| unreachable!("the Unit id is valid"))
}

struct Parser<'a> {
    id: &'a ShapeId,
    object: &'a Map<String, Value>,
    errors: &'a mut Vec<ModelError>,
}

impl<'a> Parser<'a> {
    fn invalid<T>(&mut self, id: String, reason: String) -> Option<T> {
        self.errors.push(ModelError::InvalidShape { id, reason });
        None
    }

    /// A `{"target": "..."}` reference; `None` after reporting when malformed.
    fn target(&mut self, owner: &str, value: &Value) -> Option<ShapeId> {
        let target = match value.as_object().and_then(|o| o.get("target")) {
            Some(Value::String(t)) => t,
            _ => {
                return self.invalid(
                    owner.to_owned(),
                    format!(
                        "expected an object with a string `target`, found {}",
                        kind(value)
                    ),
                );
            }
        };
        match ShapeId::parse(target) {
            Some(id) => Some(id),
            None => {
                self.errors.push(ModelError::InvalidShapeId {
                    id: target.clone(),
                    context: format!(", referenced from `{owner}`"),
                });
                None
            }
        }
    }

    fn member_from(&mut self, name: &str, value: &Value) -> Option<Member> {
        let owner = self.id.member(name);
        if !super::is_identifier(name) {
            return self.invalid(
                self.id.to_string(),
                format!("member name {name:?} is not a valid identifier"),
            );
        }
        let target = self.target(&owner, value)?;
        let traits = match value.get("traits") {
            None => Traits::default(),
            Some(Value::Object(raw)) => Traits::parse(&owner, raw, self.errors),
            Some(other) => {
                return self.invalid(
                    owner,
                    format!("`traits` must be an object, found {}", kind(other)),
                );
            }
        };
        Some(Member {
            name: name.to_owned(),
            target,
            traits,
        })
    }

    fn member(&mut self, field: &str) -> Option<Member> {
        match self.object.get(field) {
            Some(value) => self.member_from(field, value),
            None => self.invalid(self.id.to_string(), format!("missing `{field}`")),
        }
    }

    /// The object `field`: `Some(None)` when absent, `None` after reporting another JSON type.
    fn object_field(&mut self, field: &str) -> Option<Option<&'a Map<String, Value>>> {
        match self.object.get(field) {
            None => Some(None),
            Some(Value::Object(o)) => Some(Some(o)),
            Some(other) => self.invalid(
                self.id.to_string(),
                format!("`{field}` must be an object, found {}", kind(other)),
            ),
        }
    }

    fn members(&mut self) -> Option<Vec<Member>> {
        let Some(members) = self.object_field("members")? else {
            return Some(Vec::new());
        };
        let mut out = Vec::with_capacity(members.len());
        let mut ok = true;
        for (name, value) in members {
            match self.member_from(name, value) {
                Some(m) => out.push(m),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn reference(&mut self, field: &str) -> Option<Option<ShapeId>> {
        match self.object.get(field) {
            None => Some(None),
            Some(value) => {
                let owner = format!("{} (`{field}`)", self.id);
                self.target(&owner, value).map(Some)
            }
        }
    }

    fn references(&mut self, field: &str) -> Option<Vec<ShapeId>> {
        match self.object.get(field) {
            None => Some(Vec::new()),
            Some(Value::Array(items)) => {
                let owner = format!("{} (`{field}`)", self.id);
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.target(&owner, item)?);
                }
                Some(out)
            }
            Some(other) => self.invalid(
                self.id.to_string(),
                format!("`{field}` must be an array, found {}", kind(other)),
            ),
        }
    }

    /// A service's `rename`: shape ids to names (the model check checks the entries). A
    /// malformed entry is reported and left out, so the others are checked too.
    fn renames(&mut self) -> Option<BTreeMap<ShapeId, String>> {
        let Some(entries) = self.object_field("rename")? else {
            return Some(BTreeMap::new());
        };
        let mut out = BTreeMap::new();
        for (key, value) in entries {
            let Value::String(name) = value else {
                self.errors.push(ModelError::InvalidShape {
                    id: self.id.to_string(),
                    reason: format!(
                        "`rename` maps shape ids to names, but maps `{key}` to {}",
                        kind(value)
                    ),
                });
                continue;
            };
            match ShapeId::parse(key) {
                Some(from) => {
                    out.insert(from, name.clone());
                }
                None if key.contains('$') => {
                    self.errors.push(ModelError::InvalidRename {
                        service: self.id.to_string(),
                        shape: key.clone(),
                        name: name.clone(),
                        reason: "members cannot be renamed".to_owned(),
                    });
                }
                None => {
                    self.errors.push(ModelError::InvalidShapeId {
                        id: key.clone(),
                        context: format!(", a key of `rename` in `{}`", self.id),
                    });
                }
            }
        }
        Some(out)
    }

    fn optional_string(&mut self, field: &str) -> Option<Option<String>> {
        match self.object.get(field) {
            None => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(other) => self.invalid(
                self.id.to_string(),
                format!("`{field}` must be a string, found {}", kind(other)),
            ),
        }
    }
}
