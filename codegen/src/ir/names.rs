//! The symbol table's check: every name the generated crate defines is taken once in the
//! namespace that defines it (a module, a type's variants, a builder's methods...). A name
//! taken twice is a problem naming both owners. Only the first collision of an owner is
//! reported: the names derived from a name that collides would collide as well. Type names
//! are checked as the service's `rename` leaves them (see [`super::TypeCommon::shape_name`]),
//! so a collision it resolves is none, and one it makes is reported.

use std::collections::BTreeMap;

use super::problems::Problems;
use super::{Crate, EnumDef, OperationDef, StructureDef, TypeDef, UnionDef};
use crate::error::Error;

/// Who takes a name.
enum Owner {
    /// A shape or member of the model, by id.
    Model(String),
    /// Something the generator adds, described: `` the error enum of `ex#Op` ``.
    Generated(String),
}

impl Owner {
    fn describe(&self) -> String {
        match self {
            Owner::Model(id) => format!("`{id}`"),
            Owner::Generated(what) => what.clone(),
        }
    }
}

/// One namespace of the generated crate.
struct Namespace {
    /// Where it is, for messages: `` `crate::operation` ``.
    scope: String,
    /// Whether it holds the types that shapes define, whose names a service's `rename` decides.
    types: bool,
    taken: BTreeMap<String, Owner>,
}

impl Namespace {
    fn new(scope: String) -> Self {
        Namespace {
            scope,
            types: false,
            taken: BTreeMap::new(),
        }
    }

    /// Takes `name` for `owner`; `false`, with the collision recorded, when it is taken.
    fn claim(&mut self, name: &str, owner: Owner, problems: &mut Problems) -> bool {
        let Some(first) = self.taken.get(name) else {
            self.taken.insert(name.to_owned(), owner);
            return true;
        };
        problems.push(match (first, owner) {
            (Owner::Model(first), Owner::Model(second)) if self.types => Error::TypeNameCollision {
                rust_name: name.to_owned(),
                first: first.clone(),
                second,
            },
            (Owner::Model(first), Owner::Model(second)) => Error::NameCollision {
                rust_name: name.to_owned(),
                first: first.clone(),
                second,
            },
            (first, second) => Error::DerivedNameCollision {
                rust_name: name.to_owned(),
                scope: self.scope.clone(),
                first: first.describe(),
                second: second.describe(),
            },
        });
        false
    }
}

/// Checks every namespace of the crate, recording each collision in `problems`.
pub(super) fn check(krate: &Crate, problems: &mut Problems) {
    types_module(&krate.types, problems);
    for def in &krate.types {
        match def {
            TypeDef::Structure(s) => structure(s, problems),
            TypeDef::Union(u) => union(u, problems),
            TypeDef::Enum(e) => enumeration(e, problems),
        }
    }
    operation_module(krate, problems);
    let mut patterns = Namespace::new("`crate::patterns`".to_owned());
    patterns.claim("tests", generated("its tests"), problems);
    for p in &krate.patterns {
        patterns.claim(&p.static_name, generated(&p.source), problems);
    }
}

fn generated(what: &str) -> Owner {
    Owner::Generated(what.to_owned())
}

/// `crate::types` (types and their modules), `crate::types::builders`, and each type's file.
fn types_module(types: &[TypeDef], problems: &mut Problems) {
    let mut module = Namespace::new("`crate::types`".to_owned());
    module.types = true;
    module.claim("builders", generated("the module of builders"), problems);
    let mut builders = Namespace::new("`crate::types::builders`".to_owned());
    for def in types {
        let common = def.common();
        let id = common.id.to_string();
        if !module.claim(&common.rust_name, Owner::Model(id.clone()), problems)
            || !module.claim(&common.module, Owner::Model(id.clone()), problems)
        {
            continue;
        }
        let TypeDef::Structure(s) = def else {
            continue;
        };
        let mut file = Namespace::new(format!("`src/types/{}.rs`", common.module));
        file.claim(&common.rust_name, Owner::Model(id.clone()), problems);
        let builder = || Owner::Generated(format!("the builder of `{id}`"));
        builders.claim(&s.builder_name, builder(), problems);
        file.claim(&s.builder_name, builder(), problems);
        if let Some(holder) = &s.body_holder {
            for name in [&holder.owned, &holder.borrowed] {
                let owner = Owner::Generated(format!("a body holder of `{id}`"));
                file.claim(name, owner, problems);
            }
        }
    }
}

/// A structure's fields, which are also its builder's methods, with their setters and `build`.
fn structure(def: &StructureDef, problems: &mut Problems) {
    let id = &def.common.id;
    let mut builder = Namespace::new(format!("the builder of `{id}`"));
    builder.claim("build", generated("its `build` method"), problems);
    for f in &def.fields {
        let member = || Owner::Model(id.member(&f.member_name));
        if builder.claim(&f.rust_name, member(), problems) {
            builder.claim(&f.setter_name, member(), problems);
        }
    }
}

/// A union's variants, and its accessor methods.
fn union(def: &UnionDef, problems: &mut Problems) {
    let id = &def.common.id;
    let mut variants = Namespace::new(format!("`{id}`"));
    let mut methods = Namespace::new(format!("the methods of `{id}`"));
    for v in &def.variants {
        let member = || Owner::Model(id.member(&v.member_name));
        if variants.claim(&v.rust_name, member(), problems) {
            for name in std::iter::once(&v.is_fn).chain(&v.as_fn) {
                methods.claim(name, member(), problems);
            }
        }
    }
    unknown_variant(&mut variants, &def.unknown_variant, "members", problems);
}

fn enumeration(def: &EnumDef, problems: &mut Problems) {
    let id = &def.common.id;
    let mut variants = Namespace::new(format!("`{id}`"));
    for v in &def.variants {
        variants.claim(
            &v.rust_name,
            Owner::Model(id.member(&v.member_name)),
            problems,
        );
    }
    unknown_variant(&mut variants, &def.unknown_variant, "values", problems);
}

/// The variant for unknown members or values (empty when none was free, already a problem).
fn unknown_variant(variants: &mut Namespace, name: &str, of: &str, problems: &mut Problems) {
    if !name.is_empty() {
        let owner = Owner::Generated(format!("the variant for unknown {of}"));
        variants.claim(name, owner, problems);
    }
}

/// `crate::operation` (operations, their modules and error enums), each operation's file, and
/// each error enum's variants.
fn operation_module(krate: &Crate, problems: &mut Problems) {
    let mut module = Namespace::new("`crate::operation`".to_owned());
    for op in &krate.operations {
        let id = op.id.to_string();
        let error_enum = || Owner::Generated(format!("the error enum of `{id}`"));
        if !module.claim(&op.rust_name, Owner::Model(id.clone()), problems)
            || !module.claim(&op.module, Owner::Model(id.clone()), problems)
            || !module.claim(&op.error_name, error_enum(), problems)
        {
            continue;
        }
        let mut file = Namespace::new(format!("`src/operation/{}.rs`", op.module));
        file.claim("PATH", generated("its path constant"), problems);
        file.claim(&op.rust_name, Owner::Model(id.clone()), problems);
        file.claim(&op.error_name, error_enum(), problems);
        error_variants(krate, op, problems);
    }
}

/// The variants of an operation's error enum: one per modeled error, and `Unhandled`.
fn error_variants(krate: &Crate, op: &OperationDef, problems: &mut Problems) {
    let mut variants = Namespace::new(format!("the error enum of `{}`", op.id));
    variants.claim(
        "Unhandled",
        generated("the variant for unmodeled errors"),
        problems,
    );
    for &error in &op.errors {
        let error = krate.ty(error).common();
        variants.claim(
            &error.rust_name,
            Owner::Model(error.id.to_string()),
            problems,
        );
    }
}
