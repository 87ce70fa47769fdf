//! Emitters: pure functions from IR to token streams, one module per concern.

mod builder;
mod crate_files;
mod docs;
mod enumeration;
mod structure;
mod types;
mod union;
mod validate;

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
    let types_mod = render::rust_file("src/types/mod.rs", crate_files::types_mod(krate), label)?;
    files.insert("src/types/mod.rs".to_owned(), types_mod);
    for def in &krate.types {
        let path = format!("src/types/{}.rs", def.common().module);
        let mut tokens = match def {
            TypeDef::Structure(s) => structure::emit(s),
            TypeDef::Enum(e) => enumeration::emit(e),
            TypeDef::Union(u) => union::emit(u),
        };
        tokens.extend(validate::emit(&ctx, def));
        let text = render::rust_file(&path, tokens, label)?;
        files.insert(path, text);
    }
    Ok(files)
}
