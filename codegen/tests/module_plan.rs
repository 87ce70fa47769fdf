//! The generator's module plan has no import circles: reading the `crate::` and `super::`
//! paths of every module in `codegen/src` (tests excluded), no two modules that are not
//! ancestor and descendant of each other reach each other, directly or through others. A
//! module and its own submodules are one room (`emit` assembles what `emit::json` emits, and
//! `emit::json` uses `emit`'s helpers), so edges between them do not count.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `codegen/src` by path (`crate`, `emit`, `emit::json`), with its source
/// without comments and without its `#[cfg(test)]` part; test modules are left out.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
                continue;
            }
            let relative = path.strip_prefix(root).unwrap().with_extension("");
            let mut segments: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if segments.last().is_some_and(|s| s == "mod" || s == "lib") {
                segments.pop();
            }
            if segments.iter().any(|s| s == "tests") {
                continue;
            }
            let name = if segments.is_empty() {
                "crate".to_owned()
            } else {
                segments.join("::")
            };
            out.insert(name, code_of(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    let mut out = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walk(&root, &root, &mut out);
    out
}

/// The source up to its `#[cfg(test)]` module, without `//` comments.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if !trimmed.starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

/// The paths a module names: `crate::a::b` and `super::a` as written, with `use` groups
/// (`use super::{a, b::c}`) expanded, as segment lists starting at `crate` or `super`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 8)].iter().collect();
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == ':'));
        if !starts {
            i += 1;
            continue;
        }
        let mut prefix = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            prefix.push(bytes[start..j].iter().collect::<String>());
            if bytes.get(j) == Some(&':') && bytes.get(j + 1) == Some(&':') {
                j += 2;
                if bytes.get(j) == Some(&'{') {
                    let end = (j..bytes.len())
                        .find(|&k| bytes[k] == '}')
                        .unwrap_or(bytes.len());
                    let group: String = bytes[j + 1..end].iter().collect();
                    for item in group.split(',') {
                        let mut path = prefix.clone();
                        path.extend(item.trim().split("::").map(|s| s.trim().to_owned()));
                        out.push(path);
                    }
                    j = end;
                    break;
                }
            } else {
                out.push(prefix);
                break;
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The module a path reaches from `module`: its longest prefix that names a module.
fn target(module: &str, path: &[String], known: &BTreeSet<String>) -> Option<String> {
    let mut base: Vec<String> = if module == "crate" {
        Vec::new()
    } else {
        module.split("::").map(str::to_owned).collect()
    };
    let mut segments = path.iter().peekable();
    match segments.next().map(String::as_str) {
        Some("crate") => base.clear(),
        Some("super") => {
            base.pop();
            while segments.peek().is_some_and(|s| *s == "super") {
                segments.next();
                base.pop();
            }
        }
        _ => return None,
    }
    let mut best = if base.is_empty() {
        "crate".to_owned()
    } else {
        base.join("::")
    };
    for segment in segments {
        base.push(segment.clone());
        let candidate = base.join("::");
        if known.contains(&candidate) {
            best = candidate;
        } else {
            break;
        }
    }
    Some(best)
}

fn related(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        outer == "crate" || inner == outer || inner.starts_with(&format!("{outer}::"))
    };
    within(a, b) || within(b, a)
}

/// The import graph: module to the modules it reaches (ancestors and descendants left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, code) in &modules {
        let edges: BTreeSet<String> = paths(code)
            .iter()
            .filter_map(|p| target(module, p, &known))
            .filter(|t| !related(module, t))
            .collect();
        graph.insert(module.clone(), edges);
    }
    graph
}

/// Every strongly connected component of more than one module (Tarjan's algorithm).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.out
}

#[test]
fn the_module_plan_has_no_circles() {
    let graph = graph();
    let found = circles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|t| c.contains(t))
                        .map(move |t| format!("{m} -> {t}"))
                })
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import circles:\n{}",
        described.join("\n")
    );
}

#[test]
fn the_reader_sees_paths_groups_and_parents() {
    let known: BTreeSet<String> = [
        "emit",
        "emit::json",
        "emit::types",
        "ir",
        "model",
        "model::id",
    ]
    .map(str::to_owned)
    .into();
    let code = "use super::{json, types::ident};\nlet x = crate::model::id::ShapeId::parse(s);\n";
    let reached: BTreeSet<String> = paths(code)
        .iter()
        .filter_map(|p| target("emit::structure", p, &known))
        .collect();
    assert_eq!(
        reached,
        ["emit::json", "emit::types", "model::id"]
            .map(str::to_owned)
            .into()
    );
    // An item of the parent module (`super::Ctx`) reaches the parent.
    assert_eq!(
        target(
            "emit::json",
            &["super".to_owned(), "Ctx".to_owned()],
            &known
        ),
        Some("emit".to_owned())
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &["a"][..]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
    .collect();
    assert_eq!(
        circles(&graph),
        [["a", "b", "c"].map(str::to_owned).to_vec()]
    );
}
