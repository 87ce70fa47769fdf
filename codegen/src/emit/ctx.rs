//! What every emitter reads beside the item it emits: the crate, through which the IR's
//! references resolve (and the whole-crate facts the IR's analysis stored in it are found).

use crate::ir::{Crate, StructureDef, TypeDef, TypeRef};

/// The context of every emitter.
pub(crate) struct Ctx<'a> {
    /// The crate being emitted.
    pub(super) krate: &'a Crate,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(krate: &'a Crate) -> Self {
        Ctx { krate }
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

    /// An operation's input or output in rustdoc: a link to its structure, or `()` for
    /// `smithy.api#Unit`, which defines no type.
    pub(super) fn message_link(&self, r: Option<TypeRef>) -> String {
        match r {
            Some(r) => format!("[`{0}`](crate::types::{0})", self.name(r)),
            None => "`()` (`smithy.api#Unit`)".to_owned(),
        }
    }
}
