//! What every emitter reads beside the item it emits: the crate, through which the IR's
//! references resolve, and the whole-crate facts.

use crate::ir::{Crate, StructureDef, TypeDef, TypeRef};

/// The context of every emitter.
pub(crate) struct Ctx<'a> {
    /// The crate being emitted.
    pub(super) krate: &'a Crate,
    /// Per type (by [`TypeRef`]): whether its values can break a constraint.
    pub(super) needs_validation: Vec<bool>,
    /// Per type: whether it can contain itself.
    pub(super) recursive: Vec<bool>,
    /// Per type: whether it holds a `@required` member somewhere inside.
    pub(super) may_miss: Vec<bool>,
    /// Per type: `None` unless it is an operation input (`Some(false)`) or an output or error
    /// (`Some(true)`: responses always carry a JSON object).
    pub(super) top_level: Vec<Option<bool>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(krate: &'a Crate) -> Self {
        let mut top_level = vec![None; krate.types.len()];
        for op in &krate.operations {
            if let Some(input) = op.input {
                top_level[input.0].get_or_insert(false);
            }
            for r in op.output.iter().chain(&op.errors) {
                top_level[r.0] = Some(true);
            }
        }
        Ctx {
            krate,
            needs_validation: super::validate::needs_validation(krate),
            recursive: super::json::recursive_types(krate),
            may_miss: super::json::may_miss(krate),
            top_level,
        }
    }

    /// The type `r` refers to.
    pub(super) fn ty(&self, r: TypeRef) -> &'a TypeDef {
        self.krate.ty(r)
    }

    /// The Rust name of the type `r` refers to.
    pub(super) fn name(&self, r: TypeRef) -> &'a str {
        &self.ty(r).common().rust_name
    }

    /// The structure `r` refers to, if it is one.
    pub(super) fn structure(&self, r: TypeRef) -> Option<&'a StructureDef> {
        self.krate.structure(r)
    }

    /// The name the docs give an operation's input or output: its structure's, or `Unit`.
    // FIXME: `Unit` (for `smithy.api#Unit`) links to `crate::types::Unit`, which does not exist
    // or is another type; kept so that the output does not change in a refactoring.
    pub(super) fn message_name(&self, r: Option<TypeRef>) -> &'a str {
        r.map_or("Unit", |r| self.name(r))
    }
}

/// The IR of a small model whose one operation takes the structure `ex#Foo`, defined with the
/// other `shapes` (JSON AST entries), for emitter tests.
#[cfg(test)]
pub(super) fn test_crate(shapes: &str) -> Crate {
    let model = crate::Model::from_json(&format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#Foo"}},
                "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/"}}}}}},
            {shapes}
        }}}}"#
    ))
    .expect("the test model loads");
    let config = crate::Config {
        package_name: "test".to_owned(),
        model_label: "test.json".to_owned(),
        service: None,
        operations: crate::OperationSelection::All,
        skip_unsupported: false,
        runtime: crate::RuntimeDependency::Vendored,
    };
    crate::ir::build(&model, &config).expect("the test model builds")
}
