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

use crate::error::Error;
use crate::ir::{Crate, TypeDef};
use crate::{Files, render};

/// Every file of the generated crate.
pub(crate) fn files(krate: &Crate) -> Result<Files, Error> {
    let label = &krate.model_label;
    let mut files = Files::new();
    files.insert("Cargo.toml".to_owned(), crate_files::cargo_toml(krate));
    files.insert(
        "src/rustfmt.toml".to_owned(),
        crate_files::rustfmt_toml(krate),
    );
    let lib = render::rust_file("src/lib.rs", crate_files::lib_rs(krate), label)?;
    files.insert("src/lib.rs".to_owned(), lib);
    files.insert(
        "src/error.rs".to_owned(),
        render::verbatim(include_str!("../runtime/error.rs"), label),
    );
    files.insert(
        "src/primitives.rs".to_owned(),
        render::verbatim(include_str!("../runtime/primitives.rs"), label),
    );
    files.insert(
        "src/validation.rs".to_owned(),
        render::verbatim(include_str!("../runtime/validation.rs"), label),
    );
    if let Some(module) = crate::pattern::runtime_module(krate.patterns.iter().map(|p| &p.plan)) {
        files.insert(
            "src/pattern.rs".to_owned(),
            render::verbatim(&module, label),
        );
    }
    if !krate.patterns.is_empty() {
        let patterns = render::rust_file("src/patterns.rs", validate::patterns(krate), label)?;
        files.insert("src/patterns.rs".to_owned(), patterns);
    }
    let ctx = validate::Ctx::new(krate);
    files.insert(
        "src/json.rs".to_owned(),
        render::verbatim(include_str!("../runtime/json.rs"), label),
    );
    files.insert(
        "src/json_text.rs".to_owned(),
        render::verbatim(include_str!("../runtime/json_text.rs"), label),
    );
    if krate.has_big_numbers {
        files.insert(
            "src/json_big.rs".to_owned(),
            render::verbatim(include_str!("../runtime/json_big.rs"), label),
        );
    }
    files.insert(
        "src/protocol.rs".to_owned(),
        render::verbatim(include_str!("../runtime/http.rs"), label),
    );
    let op_mod = render::rust_file("src/operation/mod.rs", operation::module(krate), label)?;
    files.insert("src/operation/mod.rs".to_owned(), op_mod);
    for op in &krate.operations {
        let path = format!(
            "src/operation/{}.rs",
            crate::naming::module_name(&op.rust_name)
        );
        let text = render::rust_file(&path, operation::emit(krate, op), label)?;
        files.insert(path, text);
    }
    // Structures that are operation inputs, outputs or errors get HTTP bindings; responses
    // (outputs and errors) always carry a JSON object.
    let mut top_level: BTreeMap<&str, bool> = BTreeMap::new();
    for op in &krate.operations {
        top_level.entry(&op.input).or_insert(false);
        for name in std::iter::once(&op.output).chain(&op.errors) {
            top_level.insert(name, true);
        }
    }
    let types_mod = render::rust_file("src/types/mod.rs", crate_files::types_mod(krate), label)?;
    files.insert("src/types/mod.rs".to_owned(), types_mod);
    let json_cx = json::JsonCx::new(krate);
    for def in &krate.types {
        let path = format!("src/types/{}.rs", def.common().module);
        let mut tokens = match def {
            TypeDef::Structure(s) => {
                let main = structure::emit(s);
                let json = json::structure(s, &json_cx);
                let http = match top_level.get(s.common.rust_name.as_str()) {
                    Some(always_json) => http::emit(krate, s, *always_json, &json_cx),
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
                let json = json::union(u, &json_cx);
                quote!(#main #json)
            }
        };
        tokens.extend(validate::emit(&ctx, def));
        let text = render::rust_file(&path, tokens, label)?;
        files.insert(path, text);
    }
    Ok(files)
}
