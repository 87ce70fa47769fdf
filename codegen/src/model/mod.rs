//! The Smithy JSON AST as typed Rust.
//!
//! [`Model::from_json`] parses a model, adds the prelude, and validates every reference and every
//! typed trait before returning, reporting all problems at once. Before any shape is parsed, the
//! `"type": "apply"` entries are merged into the shapes they name and mixins are flattened into
//! the shapes that use them (`apply` and `mixins`); the mixin shapes themselves are checked and
//! then left out, so the model holds no mixin and no `apply` entry.

mod apply;
mod check;
mod error;
mod id;
mod load;
mod mixins;
pub mod prelude;
mod shape;
pub mod traits;

use std::collections::BTreeMap;

pub use error::{LoadError, ModelError};
pub use id::{ShapeId, is_identifier};
pub use shape::{Member, Operation, Resource, Service, Shape, ShapeKind};
pub use traits::Traits;

/// A loaded, validated model: every shape by id, prelude included.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The IDL version the file declared (`"2.0"` or `"1.0"`).
    pub version: String,
    /// Every shape, the prelude's included.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// Parses and validates a Smithy JSON AST document.
    pub fn from_json(text: &str) -> Result<Model, LoadError> {
        load::load(text)
    }

    /// The shape with this id, if the model has it.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Every service shape, in id order.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes.values().filter_map(|s| match &s.kind {
            ShapeKind::Service(service) => Some((s, service)),
            _ => None,
        })
    }

    /// Every operation of `service`, bound directly or through its resources, sorted by id.
    pub fn service_operations(&self, service: &Service) -> Vec<ShapeId> {
        let mut found = std::collections::BTreeSet::new();
        found.extend(service.operations.iter().cloned());
        let mut resources: Vec<ShapeId> = service.resources.clone();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(id) = resources.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(ShapeKind::Resource(r)) = self.shape(&id).map(|s| &s.kind) {
                found.extend(r.operations.iter().cloned());
                resources.extend(r.resources.iter().cloned());
            }
        }
        found.into_iter().collect()
    }
}
