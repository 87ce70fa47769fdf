//! Emitters: pure functions from IR to token streams, one module per concern.

mod builder;
mod crate_files;
mod docs;
mod enumeration;
mod http;
mod http_read;
mod json;
mod operation;
mod structure;
mod types;
mod union;
mod validate;

use std::collections::BTreeMap;

use quote::quote;

use crate::ir::{Crate, TypeDef};
use crate::render;
use crate::render::{Unrendered, UnrenderedFiles};

/// Every file of the generated crate, before formatting, one at a time: the crate-level files
/// first (emitted up front, they are small), then one file per operation and per type, each
/// emitted when asked for, so only one file's tokens are alive at once.
pub(crate) struct Emitter<'a> {
    krate: &'a Crate,
    ctx: validate::Ctx<'a>,
    json_cx: json::JsonCx,
    /// Structures that are operation inputs (`false`) or outputs and errors (`true`).
    top_level: BTreeMap<&'a str, bool>,
    crate_files: std::vec::IntoIter<(String, Unrendered)>,
    operations: std::iter::StepBy<std::iter::Skip<std::slice::Iter<'a, crate::ir::OperationDef>>>,
    types: std::iter::StepBy<std::iter::Skip<std::slice::Iter<'a, TypeDef>>>,
}

impl<'a> Emitter<'a> {
    /// The files of shard `index` of `count` (`0` of `1` is every file): the crate-level files
    /// in shard 0, and every `count`-th operation and type file from the `index`-th on, so
    /// shards do similar work.
    pub(crate) fn new(krate: &'a Crate, index: usize, count: usize) -> Self {
        let count = count.max(1);
        // Structures that are operation inputs, outputs or errors get HTTP bindings; responses
        // (outputs and errors) always carry a JSON object.
        let mut top_level: BTreeMap<&str, bool> = BTreeMap::new();
        for op in &krate.operations {
            top_level.entry(&op.input).or_insert(false);
            for name in std::iter::once(&op.output).chain(&op.errors) {
                top_level.insert(name, true);
            }
        }
        Emitter {
            krate,
            ctx: validate::Ctx::new(krate),
            json_cx: json::JsonCx::new(krate),
            top_level,
            crate_files: if index == 0 {
                crate_level_files(krate).into_iter().collect::<Vec<_>>()
            } else {
                Vec::new()
            }
            .into_iter(),
            operations: krate.operations.iter().skip(index).step_by(count),
            types: krate.types.iter().skip(index).step_by(count),
        }
    }

    fn type_file(&self, def: &TypeDef) -> (String, Unrendered) {
        let path = format!("src/types/{}.rs", def.common().module);
        let mut tokens = match def {
            TypeDef::Structure(s) => {
                let main = structure::emit(s);
                let json = json::structure(s, &self.json_cx);
                let http = match self.top_level.get(s.common.rust_name.as_str()) {
                    Some(always_json) => http::emit(self.krate, s, *always_json, &self.json_cx),
                    None => quote!(),
                };
                quote!(#main #json #http)
            }
            TypeDef::Enum(e) => {
                let main = enumeration::emit(e);
                let json = json::enumeration(e);
                quote!(#main #json)
            }
            TypeDef::Union(u) => {
                let main = union::emit(u);
                let json = json::union(u, &self.json_cx);
                quote!(#main #json)
            }
        };
        tokens.extend(validate::emit(&self.ctx, def));
        (path, Unrendered::Rust(tokens))
    }
}

impl Iterator for Emitter<'_> {
    type Item = (String, Unrendered);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(file) = self.crate_files.next() {
            return Some(file);
        }
        if let Some(op) = self.operations.next() {
            let path = format!(
                "src/operation/{}.rs",
                crate::naming::module_name(&op.rust_name)
            );
            return Some((path, Unrendered::Rust(operation::emit(self.krate, op))));
        }
        let def = self.types.next()?;
        Some(self.type_file(def))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.crate_files.len() + self.operations.len() + self.types.len();
        (n, Some(n))
    }
}

/// The files that are not one per operation or type: manifests, `lib.rs`, the module files,
/// the patterns and the verbatim runtime.
fn crate_level_files(krate: &Crate) -> UnrenderedFiles {
    let label = &krate.model_label;
    let mut files = UnrenderedFiles::new();
    files.insert(
        "Cargo.toml".to_owned(),
        Unrendered::Text(crate_files::cargo_toml(krate)),
    );
    files.insert(
        "src/rustfmt.toml".to_owned(),
        Unrendered::Text(crate_files::rustfmt_toml(krate)),
    );
    files.insert(
        "src/lib.rs".to_owned(),
        Unrendered::Rust(crate_files::lib_rs(krate)),
    );
    files.insert(
        "src/error.rs".to_owned(),
        Unrendered::Text(render::verbatim(include_str!("../runtime/error.rs"), label)),
    );
    files.insert(
        "src/primitives.rs".to_owned(),
        Unrendered::Text(render::verbatim(
            include_str!("../runtime/primitives.rs"),
            label,
        )),
    );
    files.insert(
        "src/validation.rs".to_owned(),
        Unrendered::Text(render::verbatim(
            include_str!("../runtime/validation.rs"),
            label,
        )),
    );
    if let Some(module) = crate::pattern::runtime_module(krate.patterns.iter().map(|p| &p.plan)) {
        files.insert(
            "src/pattern.rs".to_owned(),
            Unrendered::Text(render::verbatim(&module, label)),
        );
    }
    if !krate.patterns.is_empty() {
        files.insert(
            "src/patterns.rs".to_owned(),
            Unrendered::Rust(validate::patterns(krate)),
        );
    }
    files.insert(
        "src/json.rs".to_owned(),
        Unrendered::Text(render::verbatim(include_str!("../runtime/json.rs"), label)),
    );
    files.insert(
        "src/json_text.rs".to_owned(),
        Unrendered::Text(render::verbatim(
            include_str!("../runtime/json_text.rs"),
            label,
        )),
    );
    if krate.has_big_numbers {
        files.insert(
            "src/json_big.rs".to_owned(),
            Unrendered::Text(render::verbatim(
                include_str!("../runtime/json_big.rs"),
                label,
            )),
        );
    }
    files.insert(
        "src/protocol.rs".to_owned(),
        Unrendered::Text(render::verbatim(include_str!("../runtime/http.rs"), label)),
    );
    files.insert(
        "src/protocol_operation.rs".to_owned(),
        Unrendered::Text(render::verbatim(
            include_str!("../runtime/operation.rs"),
            label,
        )),
    );
    files.insert(
        "src/operation/mod.rs".to_owned(),
        Unrendered::Rust(operation::module(krate)),
    );
    files.insert(
        "src/types/mod.rs".to_owned(),
        Unrendered::Rust(crate_files::types_mod(krate)),
    );
    files
}
