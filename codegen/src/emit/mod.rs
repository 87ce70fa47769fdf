//! Emitters: pure functions from IR to token streams, one module per concern, each with the
//! signature `(&Ctx, &ir::X) -> TokenStream`. Every path into the runtime crate is made by
//! [`runtime`]; each type's file is assembled in one place, [`Work::type_file`], from sections
//! in a fixed order, and the crate-level files in [`crate_level_files`].
//!
//! Every non-generic function the emitters write into a type's or an operation's file is
//! `#[inline]` (a test in `tests/generate.rs` holds them to it). A library compiles each of its
//! own non-generic functions that is not, whether or not a program calls it; marked, they are
//! compiled in the crate that calls them, and only if it does. For the crate of a whole service
//! that is most of its code generation: setters, `build`, `validate`, enum and error
//! conversions (`xtask/sdk-bench/compile-time.md`).

mod builder;
mod client;
mod crate_files;
mod ctx;
mod debug;
mod docs;
mod endpoint;
mod enumeration;
mod event_stream;
mod example;
mod http;
mod json;
mod operation;
mod patterns;
mod protocol_tests;
mod router;
mod runtime;
mod structure;
mod types;
mod union;
mod validate;

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;

use crate::ir::{Crate, TypeDef, TypeRef};
use crate::render::{Unrendered, UnrenderedFiles};

use ctx::Ctx;
pub(crate) use runtime::{PACKAGE as RUNTIME_PACKAGE, VERSION as RUNTIME_VERSION};

/// The generated crate's feature that turns on the server's side of the protocol: parsing
/// requests, writing responses, the router, and reading and validating what only a client
/// sends (writing what only a client receives). A client, the default, compiles none of it.
pub(crate) const SERVER_FEATURE: &str = "server";

/// `#[cfg(feature = "server")]` for an item when only a server needs it (`only`), else nothing.
pub(super) fn server_only(only: bool) -> Option<TokenStream> {
    only.then(|| quote::quote!(#[cfg(feature = #SERVER_FEATURE)]))
}

/// The files of the generated crate, before formatting, handed out one at a time to the
/// threads that emit and render them (each takes the next file nobody has taken, so the threads
/// stay busy until the end): first the crate-level files (emitted together, as one item), then
/// one file per operation, then one per type. Only the files being worked on are alive at once.
pub(crate) struct Work<'a> {
    ctx: Ctx<'a>,
    /// The next item to hand out: 0 is the crate-level files, then operations, then types.
    next: AtomicUsize,
}

impl<'a> Work<'a> {
    pub(crate) fn new(krate: &'a Crate) -> Self {
        Work {
            ctx: Ctx::new(krate),
            next: AtomicUsize::new(0),
        }
    }

    /// How many files are left to hand out (the crate-level files counting as one).
    fn remaining(&self) -> usize {
        let krate = self.ctx.krate;
        let total = 1 + krate.operations.len() + krate.types.len();
        total.saturating_sub(self.next.load(Ordering::Relaxed))
    }

    /// The file of one type, assembled here and only here from its sections, in this order:
    /// 1. the type itself (`structure`, `enumeration` or `union`: the definition, its inherent
    ///    accessors, `Debug` when redacting, `Display` and `Error` for error structures);
    /// 2. a structure's builder (`builder`);
    /// 3. its JSON form (`json`: `Serialize`, `Deserialize` and the runtime's JSON traits);
    /// 4. for structures that are an operation's input, output or error, the HTTP bindings
    ///    (`http`: the runtime's `Message`);
    /// 5. validation (`validate`: `validate()`, when some value of the type can be checked);
    /// 6. for event structures and `@streaming` unions, their event-stream messages
    ///    (`event_stream`, behind the crate's feature `event-stream`).
    fn type_file(&self, r: TypeRef) -> (String, Unrendered) {
        let cx = &self.ctx;
        let def = cx.ty(r);
        let path = format!("src/types/{}.rs", def.common().module);
        let sections: [Option<TokenStream>; 6] = match def {
            TypeDef::Structure(s) => [
                Some(structure::emit(cx, s)),
                Some(builder::emit(cx, s)),
                Some(json::structure(cx, s)),
                s.roles.message().then(|| http::emit(cx, s)),
                Some(validate::emit(cx, def)),
                s.event
                    .as_ref()
                    .map(|e| event_stream::event_struct(cx, s, e)),
            ],
            TypeDef::Enum(e) => [
                Some(enumeration::emit(cx, e)),
                None,
                Some(json::enumeration(cx, e)),
                None,
                Some(validate::emit(cx, def)),
                None,
            ],
            TypeDef::Union(u) => [
                Some(union::emit(cx, u)),
                None,
                Some(json::union(cx, u)),
                None,
                Some(validate::emit(cx, def)),
                u.event_stream.then(|| event_stream::event_union(cx, u)),
            ],
        };
        let tokens: TokenStream = sections.into_iter().flatten().collect();
        (path, Unrendered::Rust(tokens))
    }
}

/// One thread's view of a [`Work`]: an iterator over the files it takes.
pub(crate) struct Emitter<'w, 'a> {
    work: &'w Work<'a>,
    /// Crate-level files this thread took and has not yielded yet.
    taken: std::vec::IntoIter<(String, Unrendered)>,
}

impl<'w, 'a> Emitter<'w, 'a> {
    pub(crate) fn new(work: &'w Work<'a>) -> Self {
        Emitter {
            work,
            taken: Vec::new().into_iter(),
        }
    }
}

impl Iterator for Emitter<'_, '_> {
    type Item = (String, Unrendered);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(file) = self.taken.next() {
            return Some(file);
        }
        let work = self.work;
        let krate = work.ctx.krate;
        let index = work.next.fetch_add(1, Ordering::Relaxed);
        if index == 0 {
            self.taken = crate_level_files(&work.ctx)
                .into_iter()
                .collect::<Vec<_>>()
                .into_iter();
            return self.taken.next();
        }
        let index = index - 1;
        if let Some(op) = krate.operations.get(index) {
            let path = format!("src/operation/{}.rs", op.module);
            return Some((path, Unrendered::Rust(operation::emit(&work.ctx, op))));
        }
        let r = index - krate.operations.len();
        (r < krate.types.len()).then(|| work.type_file(TypeRef(r)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Other threads take files too: at most what is left.
        let taken = self.taken.len();
        (taken, Some(taken + self.work.remaining()))
    }
}

/// The files that are not one per operation or type: manifests, `lib.rs`, the module files,
/// the patterns, the endpoint module, and the runtime crate when it is vendored.
fn crate_level_files(cx: &Ctx<'_>) -> UnrenderedFiles {
    let krate = cx.krate;
    let mut files = UnrenderedFiles::new();
    files.insert(
        "Cargo.toml".to_owned(),
        Unrendered::Text(crate_files::cargo_toml(cx)),
    );
    files.insert(
        "src/rustfmt.toml".to_owned(),
        Unrendered::Text(crate_files::rustfmt_toml(cx)),
    );
    files.insert(
        "src/lib.rs".to_owned(),
        Unrendered::Rust(crate_files::lib_rs(cx)),
    );
    if !krate.patterns.is_empty() {
        files.insert(
            "src/patterns.rs".to_owned(),
            Unrendered::Rust(patterns::emit(cx)),
        );
    }
    if let Some(def) = &krate.endpoint {
        files.insert(
            "src/endpoint/mod.rs".to_owned(),
            Unrendered::Rust(endpoint::module(cx, def)),
        );
        files.insert(
            "src/endpoint/rule_set.rs".to_owned(),
            Unrendered::Rust(endpoint::rule_set(cx, def)),
        );
        if !def.tests.is_empty() {
            files.insert(
                "src/endpoint/tests.rs".to_owned(),
                Unrendered::Rust(endpoint::tests(cx, def)),
            );
        }
    }
    if let Some(signing_name) = &krate.service.signing_name {
        files.insert(
            "src/client.rs".to_owned(),
            Unrendered::Rust(client::emit(cx, signing_name)),
        );
    }
    files.insert(
        "src/operation/mod.rs".to_owned(),
        Unrendered::Rust(operation::module(cx)),
    );
    files.insert(
        "src/router.rs".to_owned(),
        Unrendered::Rust(router::emit(cx)),
    );
    files.insert(
        "src/types/mod.rs".to_owned(),
        Unrendered::Rust(crate_files::types_mod(cx)),
    );
    if !krate.protocol_tests.is_empty() {
        files.insert(
            "src/protocol_tests/mod.rs".to_owned(),
            Unrendered::Rust(protocol_tests::module(cx)),
        );
        for tests in &krate.protocol_tests {
            let module = &krate.operations[tests.operation].module;
            files.insert(
                format!("src/protocol_tests/{module}.rs"),
                Unrendered::Rust(protocol_tests::operation_file(cx, tests)),
            );
        }
    }
    if let crate::RuntimeDependency::Vendored = krate.runtime {
        for (path, text) in runtime::SOURCES {
            files.insert(
                format!("{}/{path}", crate::VENDORED_RUNTIME),
                Unrendered::Text((*text).to_owned()),
            );
        }
    }
    files
}
