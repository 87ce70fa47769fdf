//! Doc examples (doctests) of the generated crate, as text: building an operation input with its
//! builder, and a client talking to a mock server made with the crate's server direction.
//!
//! Examples set every required member (recursively; and every label, and what a server requires
//! of a client-optional member) to a placeholder value (`"example"`, `1`,
//! the first enum value, the first union member), plus, on a builder, one item of the first
//! optional list member and one entry of the first optional map member. Values are not chosen to
//! satisfy constraints, so the mock server answers whatever its `parse_request` decides. A type
//! no placeholder can be written for (big numbers, required members nested too deep) gets no
//! example rather than a wrong one.

use super::ctx::Ctx;
use crate::ir::{HttpBinding, OperationDef, Presence, RustType, StructureDef, TypeDef};

/// Nesting beyond which no placeholder is written (a required member chain this deep, or a
/// required cycle, which no value can satisfy).
const MAX_DEPTH: usize = 8;

/// An expression as lines of text (continuation lines already indented relative to the first).
struct Expr {
    lines: Vec<String>,
}

impl Expr {
    fn one(text: String) -> Self {
        Expr { lines: vec![text] }
    }
}

/// How a placeholder is used: as the argument of a setter taking `impl Into<T>` (a string may
/// stay `&str`) or where exactly the type is needed.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Into,
    Exact,
}

struct Writer<'c, 'a> {
    cx: &'c Ctx<'a>,
    lib: String,
}

impl Writer<'_, '_> {
    fn value(&self, ty: &RustType, place: Place, depth: usize) -> Option<Expr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let lib = &self.lib;
        Some(match ty {
            RustType::Bool => Expr::one("true".to_owned()),
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                Expr::one("1".to_owned())
            }
            RustType::F32 | RustType::F64 => Expr::one("1.0".to_owned()),
            RustType::String if place == Place::Into => Expr::one("\"example\"".to_owned()),
            RustType::String => Expr::one("\"example\".to_owned()".to_owned()),
            RustType::Blob => Expr::one("b\"example\".to_vec()".to_owned()),
            RustType::Timestamp => Expr::one("std::time::SystemTime::UNIX_EPOCH".to_owned()),
            RustType::Document => Expr::one(format!("{lib}::primitives::Document::Null")),
            RustType::BigInteger | RustType::BigDecimal => return None,
            RustType::List { item, sparse } => {
                let item = self.value(item, Place::Exact, depth + 1)?;
                let item = if *sparse {
                    wrap("Some(", item, ")")
                } else {
                    item
                };
                wrap("vec![", item, "]")
            }
            RustType::Map { value, sparse } => {
                let value = self.value(value, Place::Exact, depth + 1)?;
                let value = if *sparse {
                    wrap("Some(", value, ")")
                } else {
                    value
                };
                wrap(
                    "std::collections::BTreeMap::from([(\"key\".to_owned(), ",
                    value,
                    ")])",
                )
            }
            RustType::Named(r) => match self.cx.ty(*r) {
                TypeDef::Enum(e) => {
                    let variant = e.variants.first()?;
                    Expr::one(format!(
                        "{lib}::types::{}::{}",
                        e.common.rust_name, variant.rust_name
                    ))
                }
                TypeDef::Union(u) => {
                    let variant = u.variants.first()?;
                    let path = format!(
                        "{lib}::types::{}::{}",
                        u.common.rust_name, variant.rust_name
                    );
                    match &variant.ty {
                        None => Expr::one(path),
                        Some(ty) => {
                            let inner = self.value(ty, Place::Exact, depth + 1)?;
                            let inner = if variant.boxed {
                                wrap("Box::new(", inner, ")")
                            } else {
                                inner
                            };
                            wrap(&format!("{path}("), inner, ")")
                        }
                    }
                }
                TypeDef::Structure(s) => self.build(s, false, depth + 1)?,
            },
        })
    }

    /// `Type::builder()`, a setter per required member (and with `extras`, one item of the first
    /// optional list and one entry of the first optional map), then `.build()`, with `?` when
    /// it can fail.
    fn build(&self, def: &StructureDef, extras: bool, depth: usize) -> Option<Expr> {
        let mut lines = vec![format!(
            "{}::types::{}::builder()",
            self.lib, def.common.rust_name
        )];
        let mut setter = |name: &str, args: Vec<Expr>| {
            let call = if args.iter().all(|a| a.lines.len() == 1) {
                let args: Vec<&str> = args.iter().map(|a| a.lines[0].as_str()).collect();
                Expr::one(format!(".{name}({})", args.join(", ")))
            } else {
                // One argument per line, each ending with a comma, as rustfmt lays them out.
                let mut call = Expr::one(format!(".{name}("));
                for arg in args {
                    let mut arg = arg.lines;
                    if let Some(last) = arg.last_mut() {
                        last.push(',');
                    }
                    call.lines
                        .extend(arg.into_iter().map(|l| format!("    {l}")));
                }
                call.lines.push(")".to_owned());
                call
            };
            lines.extend(call.lines.into_iter().map(|l| format!("    {l}")));
        };
        let (mut list_shown, mut map_shown) = (!extras, !extras);
        for f in &def.fields {
            // Set too: what a server requires of a client-optional member, and every label
            // (a request cannot be serialized without its labels, however optional the member).
            let required = f.presence.server_requires() || f.http == HttpBinding::Label;
            match &f.ty {
                // A list gets one item, a map one entry: its appender or inserter, once.
                RustType::List {
                    item: inner,
                    sparse,
                }
                | RustType::Map {
                    value: inner,
                    sparse,
                } if !f.boxed => {
                    let is_map = matches!(f.ty, RustType::Map { .. });
                    let shown = if is_map {
                        &mut map_shown
                    } else {
                        &mut list_shown
                    };
                    if !required && *shown {
                        continue;
                    }
                    // A sparse item is `Option<T>`, which a `T` converts into but a `&str` does not.
                    let place = if *sparse { Place::Exact } else { Place::Into };
                    let Some(value) = self.value(inner, place, depth + 1) else {
                        if required {
                            return None;
                        }
                        continue;
                    };
                    *shown |= !required;
                    let key = is_map.then(|| Expr::one("\"key\"".to_owned()));
                    setter(&f.rust_name, key.into_iter().chain([value]).collect());
                }
                ty if required => {
                    let value = self.value(ty, Place::Into, depth + 1)?;
                    setter(&f.rust_name, vec![value]);
                }
                _ => {}
            }
        }
        let fallible = def
            .fields
            .iter()
            .any(|f| matches!(f.presence, Presence::Required));
        let build = format!(".build(){}", if fallible { "?" } else { "" });
        if lines.len() == 1 {
            lines[0].push_str(&build);
        } else {
            lines.push(format!("    {build}"));
        }
        Some(Expr { lines })
    }
}

/// `open` + `inner` + `close`, on one line when `inner` is one line, else with `inner`'s lines
/// indented between.
fn wrap(open: &str, inner: Expr, close: &str) -> Expr {
    if inner.lines.len() == 1 {
        return Expr::one(format!("{open}{}{close}", inner.lines[0]));
    }
    let mut lines = vec![open.to_owned()];
    lines.extend(inner.lines.into_iter().map(|l| format!("    {l}")));
    lines.push(close.to_owned());
    Expr { lines }
}

/// `a` then `sep` then `b`, `b`'s first line continuing `a`'s last.
fn join(mut a: Expr, sep: &str, b: Expr) -> Expr {
    let mut b = b.lines.into_iter();
    if let (Some(last), Some(first)) = (a.lines.last_mut(), b.next()) {
        last.push_str(sep);
        last.push_str(&first);
    }
    a.lines.extend(b);
    a
}

fn writer<'c, 'a>(cx: &'c Ctx<'a>) -> Writer<'c, 'a> {
    Writer {
        cx,
        lib: crate::library_name(&cx.krate.package_name),
    }
}

/// `let name = <expr>;` as lines.
fn binding(name: &str, expr: Expr) -> Vec<String> {
    let mut lines = join(Expr::one(format!("let {name} = ")), "", expr).lines;
    if let Some(last) = lines.last_mut() {
        last.push(';');
    }
    lines
}

/// A fenced doctest of `body` lines, returning `Result` so `?` works.
fn doctest(body: Vec<String>) -> Vec<String> {
    let mut lines = vec!["```".to_owned()];
    lines.extend(body);
    lines.push("# Ok::<(), Box<dyn std::error::Error>>(())".to_owned());
    lines.push("```".to_owned());
    lines
}

/// The example on an operation input's `builder()`: build it, then validate it.
pub(super) fn builder(cx: &Ctx<'_>, def: &StructureDef) -> Option<Vec<String>> {
    let value = writer(cx).build(def, true, 0)?;
    let mut body = binding("value", value);
    body.push("// Checks the model's constraints; a service checks them too.".to_owned());
    body.push("let _checked = value.validate();".to_owned());
    Some(doctest(body))
}

/// The example of an operation: a client serializes a request, a mock server (the crate's
/// server direction) answers it, and the client parses the answer.
pub(super) fn operation(cx: &Ctx<'_>, op: &OperationDef) -> Option<Vec<String>> {
    let w = writer(cx);
    let lib = &w.lib;
    let name = &op.rust_name;
    let input = match op.input.and_then(|r| cx.structure(r)) {
        Some(def) => w.build(def, false, 0)?,
        None => Expr::one("()".to_owned()),
    };
    let output = match op.output.and_then(|r| cx.structure(r)) {
        Some(def) => w.build(def, false, 0)?,
        None => Expr::one("()".to_owned()),
    };
    let mut body = vec![
        format!("use {lib}::http::{{Request, Response}};"),
        format!("use {lib}::operation::{{{name}, {}}};", op.error_name),
        String::new(),
        "// A mock server: the crate's server direction parses (and validates) the request and"
            .to_owned(),
        "// answers with a typed output, or with the rejection a Smithy server would send."
            .to_owned(),
        "fn mock_server(request: &Request<Vec<u8>>) -> Response<Vec<u8>> {".to_owned(),
        format!("    match {name}::parse_request(request) {{"),
        "        Ok(_input) => {".to_owned(),
    ];
    let mut output = binding("output", output);
    if output.iter().any(|l| l.contains('?')) {
        // The mock cannot use `?`: its output's builder is known to succeed here.
        output = output
            .into_iter()
            .map(|l| {
                l.replace(
                    ".build()?",
                    ".build().expect(\"every required member is set\")",
                )
            })
            .collect();
    }
    body.extend(output.into_iter().map(|l| format!("            {l}")));
    body.extend([
        format!("            {name}::serialize_response(&output)"),
        "        }".to_owned(),
        "        Err(rejection) => rejection.into_http_response(),".to_owned(),
        "    }".to_owned(),
        "}".to_owned(),
        String::new(),
    ]);
    body.extend(binding("input", input));
    body.extend([
        format!("let request = {name}::serialize_request(&input, \"https://example.com\")?;"),
        "let response = mock_server(&request);".to_owned(),
        format!("match {name}::parse_response(&response) {{"),
        "    Ok(output) => println!(\"{output:?}\"),".to_owned(),
        format!(
            "    Err({}::Unhandled(other)) => println!(\"unmodeled error: {{other}}\"),",
            op.error_name
        ),
        "    Err(error) => println!(\"{:?}: {error}\", error.code()),".to_owned(),
        "}".to_owned(),
    ]);
    // The mock server is the crate's `server` feature: without it the example is left out.
    body.insert(
        0,
        format!("# #[cfg(feature = \"{}\")] {{", super::SERVER_FEATURE),
    );
    body.push("# }".to_owned());
    Some(doctest(body))
}
