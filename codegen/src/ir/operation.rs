//! Building the operations: their input, output and errors, and their `@http` URI.

use std::collections::BTreeMap;

use super::facts::docs_of;
use super::{OperationDef, TypeRef, UriSegment};
use crate::error::Error;
use crate::model::{Model, ShapeId, ShapeKind, prelude};
use crate::naming;

/// The IR of the operation `id`; `service_errors` are the errors every operation of the service
/// can return, and `refs` the types of the closure's shapes.
pub(super) fn operation(
    model: &Model,
    id: &ShapeId,
    service_errors: &[ShapeId],
    refs: &BTreeMap<ShapeId, TypeRef>,
) -> Result<OperationDef, Error> {
    let shape = model.shape(id).ok_or_else(|| Error::Unsupported {
        id: id.to_string(),
        feature: "an operation the model does not define".to_owned(),
    })?;
    let ShapeKind::Operation(op) = &shape.kind else {
        return Err(Error::Service {
            reason: format!("`{id}` is a {}, not an operation", shape.kind.type_name()),
        });
    };
    let structure = |target: &ShapeId| {
        refs.get(target).copied().ok_or_else(|| Error::Unsupported {
            id: id.to_string(),
            feature: format!("a reference to `{target}`, which defines no type"),
        })
    };
    // `smithy.api#Unit` as an input or output: the operation reads or writes nothing.
    let message = |target: &ShapeId| {
        if prelude::is_unit(target) {
            Ok(None)
        } else {
            structure(target).map(Some)
        }
    };
    let mut errors = Vec::new();
    for e in op.errors.iter().chain(service_errors) {
        let error = structure(e)?;
        if !errors.contains(&error) {
            errors.push(error);
        }
    }
    let (uri_path, uri_query) = match &shape.traits.http {
        Some(http) => parse_uri(&http.uri),
        None => (Vec::new(), Vec::new()),
    };
    let host_prefix = match &shape.traits.host_prefix {
        Some(prefix) => Some(host_prefix(model, id, prefix, &op.input)?),
        None => None,
    };
    let rust_name = naming::type_name(id.name());
    let module = naming::module_name(&rust_name);
    Ok(OperationDef {
        host_prefix,
        checksum_required: shape.traits.http_checksum_required,
        gzip_request: shape
            .traits
            .request_compression
            .as_ref()
            .is_some_and(|encodings| encodings.iter().any(|e| e == "gzip")),
        client_method: naming::client_method_name(&module),
        module,
        error_name: naming::error_enum_name(&rust_name),
        uri_path,
        uri_query,
        id: id.clone(),
        rust_name,
        docs: docs_of(&shape.traits.documentation),
        input: message(&op.input)?,
        output: message(&op.output)?,
        errors,
        http: shape.traits.http.clone(),
        input_events: None,
        output_events: None,
    })
}

/// The `@endpoint` host prefix of operation `id`, checked: every `{label}` is a `@hostLabel`
/// string member of the input (the value is validated at run time, where it is known), and
/// braces are balanced. Without labels the prefix must already be a host's leading part.
fn host_prefix(
    model: &Model,
    id: &ShapeId,
    prefix: &str,
    input: &ShapeId,
) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidTrait {
        id: id.to_string(),
        trait_id: crate::model::traits::ids::ENDPOINT.to_owned(),
        reason,
    };
    let members = match model.shape(input).map(|s| &s.kind) {
        Some(ShapeKind::Structure(members)) => members.as_slice(),
        _ => &[],
    };
    let mut rest = prefix;
    let mut literal = String::new();
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| invalid(format!("has an unclosed `{{` in host prefix {prefix:?}")))?;
        let label = &after[..close];
        let bound = members.iter().any(|m| {
            m.name == label
                && m.traits.host_label
                && model
                    .shape(&m.target)
                    .is_some_and(|t| matches!(t.kind, ShapeKind::String))
        });
        if !bound {
            return Err(invalid(format!(
                "names the label `{label}` in host prefix {prefix:?}, but the input `{input}` has no `@hostLabel` string member of that name"
            )));
        }
        rest = &after[close + 1..];
    }
    literal.push_str(rest);
    if literal.contains('}')
        || !literal
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return Err(invalid(format!(
            "has host prefix {prefix:?}, which is not made of host characters (letters, digits, `-`, `.`) and labels"
        )));
    }
    Ok(prefix.to_owned())
}

/// Splits an `@http` URI into path segments and literal query parameters.
fn parse_uri(uri: &str) -> (Vec<UriSegment>, Vec<(String, Option<String>)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => match label.strip_suffix('+') {
                    Some(greedy) => UriSegment::Greedy(greedy.to_owned()),
                    None => UriSegment::Label(label.to_owned()),
                },
                None => UriSegment::Literal(s.to_owned()),
            },
        )
        .collect();
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (q.to_owned(), None),
        })
        .collect();
    (segments, query)
}

#[cfg(test)]
mod tests {
    use crate::model::Model;

    fn build_error(prefix: &str, input_members: &str) -> String {
        let model = Model::from_json(&format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}]}},
                "ex#Op": {{"type": "operation", "input": {{"target": "ex#In"}},
                    "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/"}},
                                "smithy.api#endpoint": {{"hostPrefix": "{prefix}"}}}}}},
                "ex#In": {{"type": "structure", "members": {{ {input_members} }}}}
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
            strict_patterns: false,
            protocol_tests: false,
        };
        match super::super::build(&model, &config) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn host_prefix_labels_must_be_host_label_strings_of_the_input() {
        let label = r#""label": {"target": "smithy.api#String", "traits": {"smithy.api#hostLabel": {}, "smithy.api#required": {}}}"#;
        assert_eq!(build_error("foo.{label}.", label), "");
        assert_eq!(
            build_error("foo.{other}.", label),
            "`ex#Op`: trait `smithy.api#endpoint` names the label `other` in host prefix \"foo.{other}.\", but the input `ex#In` has no `@hostLabel` string member of that name"
        );
        let unmarked = r#""label": {"target": "smithy.api#String"}"#;
        assert!(build_error("{label}.", unmarked).contains("no `@hostLabel` string member"));
        assert_eq!(
            build_error("foo_bar.", label),
            "`ex#Op`: trait `smithy.api#endpoint` has host prefix \"foo_bar.\", which is not made of host characters (letters, digits, `-`, `.`) and labels"
        );
        assert!(build_error("foo.{label", label).contains("unclosed"));
    }
}
