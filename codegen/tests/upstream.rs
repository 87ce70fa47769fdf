//! Checks against the upstream AWS models, run when `UPSTREAM_MODELS` names the folder holding
//! them (`.ci/run` sets it); each test says so and passes vacuously when it is unset.
//!
//! - our `models/connect.json` has exactly the facts of upstream's `StartChatContact` closure;
//! - our documentation is our own (never upstream's text);
//! - generating from upstream gives the same crate, only documented with upstream's text;
//!
//! The whole upstream models (Connect, ConnectParticipant, Lambda) are generated and checked in
//! `whole_models.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::collections::BTreeSet;

use codegen::{Config, OperationSelection, ShapeId};
use serde_json::Value;
use support::{load, upstream, workspace_root};

const CONNECT: &str = "connect-2017-08-08.json";
const SERVICE: &str = "com.amazonaws.connect#AmazonConnectService";
const DOC: &str = "smithy.api#documentation";
/// Service traits our slice keeps. The endpoint rule set and its test cases are facts (rule
/// logic, test vectors) compared without their `documentation` (ours is our own, and our test
/// cases have none).
const SERVICE_TRAITS: &[&str] = &[
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.protocols#restJson1",
    "smithy.api#title",
    ENDPOINT_RULES,
    ENDPOINT_TESTS,
];
const ENDPOINT_RULES: &str = "smithy.rules#endpointRuleSet";
const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";

/// `value` without any `documentation` member, at any depth.
fn without_documentation(value: &Value) -> Value {
    match value {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| *k != "documentation")
                .map(|(k, v)| (k.clone(), without_documentation(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_documentation).collect()),
        other => other.clone(),
    }
}

fn raw(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ours_path() -> std::path::PathBuf {
    workspace_root().join("models/connect.json")
}

/// Reports every difference between two JSON values, ignoring documentation traits and
/// treating a missing `traits` object as an empty one.
fn diff(path: &str, ours: &Value, theirs: &Value, out: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).filter(|k| *k != DOC).collect();
            for key in keys {
                let here = format!("{path}/{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => diff(&here, x, y, out),
                    (None, Some(Value::Object(y))) | (Some(Value::Object(y)), None)
                        if key == "traits" && y.keys().all(|k| k == DOC) => {}
                    (None, Some(y)) => {
                        out.push(format!("{here}: missing from ours (upstream has {y})"))
                    }
                    (Some(x), None) => {
                        out.push(format!("{here}: ours has {x}, upstream has nothing"))
                    }
                    (None, None) => {}
                }
            }
            // Member order is a fact too.
            if path.ends_with("/members") {
                let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
                if ka != kb {
                    out.push(format!(
                        "{path}: member order differs: ours {ka:?}, upstream {kb:?}"
                    ));
                }
            }
        }
        (x, y) if x != y => out.push(format!("{path}: ours {x}, upstream {y}")),
        _ => {}
    }
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn our_slice_has_exactly_upstreams_facts() {
    let upstream_path = upstream(CONNECT);
    let (ours, theirs) = (raw(&ours_path()), raw(&upstream_path));
    let model = load(&upstream_path);
    let op = ShapeId::parse("com.amazonaws.connect#StartChatContact").unwrap();
    let closure: BTreeSet<String> = codegen::closure::closure(&model, &[op], &[])
        .into_iter()
        .filter(|id| !id.is_prelude())
        .map(|id| id.to_string())
        .collect();
    let our_ids: BTreeSet<String> = ours["shapes"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut differences = Vec::new();
    for id in closure.iter().filter(|id| !our_ids.contains(*id)) {
        differences.push(format!("{id}: in upstream's closure, missing from ours"));
    }
    for id in our_ids
        .iter()
        .filter(|id| !closure.contains(*id) && *id != SERVICE)
    {
        differences.push(format!("{id}: in ours, not in upstream's closure"));
    }
    for id in closure.intersection(&our_ids) {
        diff(
            id,
            &ours["shapes"][id],
            &theirs["shapes"][id],
            &mut differences,
        );
    }
    // The service: same version and kept traits; operations reduced to ours.
    let (s_ours, s_theirs) = (&ours["shapes"][SERVICE], &theirs["shapes"][SERVICE]);
    diff(
        &format!("{SERVICE}/version"),
        &s_ours["version"],
        &s_theirs["version"],
        &mut differences,
    );
    for t in SERVICE_TRAITS {
        diff(
            &format!("{SERVICE}/traits/{t}"),
            &without_documentation(&s_ours["traits"][*t]),
            &without_documentation(&s_theirs["traits"][*t]),
            &mut differences,
        );
    }
    let kept: BTreeSet<&String> = s_ours["traits"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != DOC)
        .collect();
    let expected: BTreeSet<String> = SERVICE_TRAITS.iter().map(|t| (*t).to_owned()).collect();
    assert_eq!(kept, expected.iter().collect(), "service traits");
    assert_eq!(
        s_ours["operations"],
        serde_json::json!([{"target": "com.amazonaws.connect#StartChatContact"}])
    );
    assert!(
        differences.is_empty(),
        "models/connect.json differs from upstream's StartChatContact closure:\n{}",
        differences.join("\n")
    );
    assert_eq!(closure.len(), 42, "upstream's closure size changed");
}

/// Every documentation string in a raw model, by owner (shape or member id, or
/// `service#endpoint:Parameter` for an endpoint rule-set parameter).
fn docs(model: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (id, shape) in model["shapes"].as_object().unwrap() {
        let parameters = shape["traits"][ENDPOINT_RULES]["parameters"].as_object();
        for (name, p) in parameters.into_iter().flatten() {
            if let Some(d) = p["documentation"].as_str() {
                found.push((format!("{id}#endpoint:{name}"), d.to_owned()));
            }
        }
        if let Some(d) = shape["traits"][DOC].as_str() {
            found.push((id.clone(), d.to_owned()));
        }
        for (name, member) in shape["members"].as_object().into_iter().flatten() {
            if let Some(d) = member["traits"][DOC].as_str() {
                found.push((format!("{id}${name}"), d.to_owned()));
            }
        }
    }
    found
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn our_documentation_is_our_own_and_complete() {
    let upstream_path = upstream(CONNECT);
    let ours = docs(&raw(&ours_path()));
    let theirs_model = raw(&upstream_path);
    let ours_ids: BTreeSet<&String> = ours.iter().map(|(id, _)| id).collect();
    let our_model = raw(&ours_path());
    let our_shape_ids: BTreeSet<String> = our_model["shapes"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let theirs: Vec<(String, String)> = docs(&theirs_model)
        .into_iter()
        .filter(|(id, _)| {
            let shape = id.split('$').next().unwrap();
            our_shape_ids.contains(shape.split("#endpoint:").next().unwrap())
        })
        .collect();
    // Every documented upstream shape or member is documented by us too.
    let undocumented: Vec<&String> = theirs
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !ours_ids.contains(id))
        .collect();
    assert!(
        undocumented.is_empty(),
        "documented upstream but not by us: {undocumented:?}"
    );
    // No run of 8 consecutive words of any upstream doc appears in ours.
    let mut upstream_runs = BTreeSet::new();
    for (_, text) in &theirs {
        for run in words(text).windows(8) {
            upstream_runs.insert(run.join(" "));
        }
    }
    for (id, text) in &ours {
        for run in words(text).windows(8) {
            let run = run.join(" ");
            assert!(
                !upstream_runs.contains(&run),
                "{id}: our docs share \"{run}\" with upstream"
            );
        }
    }
}

/// A generated file without its documentation, comments and header: the code alone.
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("//") || t.starts_with('#') && !t.starts_with("#["))
        })
        .filter(|l| !l.trim_start().starts_with("description = "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn upstream_model_generates_the_same_crate_with_upstream_docs() {
    let upstream_path = upstream(CONNECT);
    let config = |label: &str| Config {
        package_name: "connect-chat".to_owned(),
        model_label: label.to_owned(),
        service: None,
        operations: OperationSelection::Named(vec!["StartChatContact".to_owned()]),
        skip_unsupported: false,
        strict_patterns: false,
        protocol_tests: false,
        runtime: codegen::RuntimeDependency::Path("../codegen/runtime".to_owned()),
    };
    let ours = codegen::generate(&load(&ours_path()), &config("models/connect.json")).unwrap();
    let theirs = codegen::generate(&load(&upstream_path), &config(CONNECT)).unwrap();
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    let mut docs_differ = 0;
    for (path, text) in &ours {
        assert_eq!(
            code_only(text),
            code_only(&theirs[path]),
            "{path}: code differs"
        );
        docs_differ += usize::from(text != &theirs[path]);
    }
    assert!(
        docs_differ > 10,
        "documentation should come from each model ({docs_differ} files differ)"
    );
}
