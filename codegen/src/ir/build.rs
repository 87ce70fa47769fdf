//! Building the IR from a model and a configuration: the chosen operations, their closure, then
//! the types, patterns and operations, and the whole-crate facts.

use std::collections::BTreeSet;

use serde_json::Value;

use super::facts::docs_of;
use super::problems::Problems;
use super::{Crate, ServiceDef, analysis, select};
use crate::Config;
use crate::error::Error;
use crate::model::{Model, Service, Shape, ShapeId, ShapeKind};

/// Builds the IR for the operations `config` selects.
pub fn build(model: &Model, config: &Config) -> Result<Crate, Error> {
    let (service_shape, service) = select::service(model, config)?;
    let mut problems = Problems::default();
    let named = select::operations(
        model,
        service_shape,
        service,
        &config.operations,
        &mut problems,
    );
    let supported = select::supported(model, named, config, &mut problems);
    let (operations, skipped) = problems.finish(supported)?;
    let closure = crate::closure::closure(model, &operations, &service.errors);
    // Unicode property sets (`\p{L}`) take ~10 ms each to probe: a second thread probes them
    // while this one builds the types, so that planning the patterns finds them ready.
    let properties = crate::pattern::property_names(closure.iter().flat_map(|id| {
        let shape = model.shape(id);
        let own = shape.and_then(|s| s.traits.pattern.as_deref());
        let members = shape
            .into_iter()
            .flat_map(|s| s.kind.members())
            .filter_map(|m| m.traits.pattern.as_deref());
        own.into_iter().chain(members)
    }));
    std::thread::scope(|scope| {
        if !properties.is_empty() {
            scope.spawn(|| crate::pattern::warm_properties(&properties));
        }
        build_closure(
            model,
            config,
            service_shape,
            service,
            operations,
            skipped,
            &closure,
        )
    })
}

/// The rest of [`build`], once the operations and their closure are known: every problem of
/// the types, patterns and operations is collected, and reported together.
fn build_closure(
    model: &Model,
    config: &Config,
    service_shape: &Shape,
    service: &Service,
    operations: Vec<ShapeId>,
    skipped: Vec<(ShapeId, String)>,
    closure: &BTreeSet<ShapeId>,
) -> Result<Crate, Error> {
    let mut problems = Problems::default();
    let built = super::types::types(model, closure, &service.rename, &mut problems);
    let mut types = built.types;
    let mut warnings = Vec::new();
    let patterns = super::patterns::patterns(
        model,
        closure,
        built.patterns,
        &mut types,
        &mut problems,
        (config.strict_patterns, &mut warnings),
    );
    let mut ops = Vec::new();
    for id in &operations {
        let op = super::operation::operation(model, id, &service.errors, &built.refs);
        if let Some(op) = problems.take(op) {
            ops.push(op);
        }
    }
    ops.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    super::events::bind(model, &mut types, &mut ops, &built.refs, &mut problems);
    analysis::analyze(&mut types, &ops);
    let has_big_numbers = closure.iter().any(|id| {
        matches!(
            model.shape(id).map(|s| &s.kind),
            Some(ShapeKind::BigInteger | ShapeKind::BigDecimal)
        )
    });

    let raw = &service_shape.traits.raw;
    let endpoint = raw.get(super::endpoint::RULE_SET_TRAIT).and_then(|rules| {
        let tests = raw.get(super::endpoint::TESTS_TRAIT);
        problems.take(super::endpoint::load(
            service_shape.id.as_str(),
            rules,
            tests,
        ))
    });
    let mut krate = Crate {
        package_name: config.package_name.clone(),
        model_label: config.model_label.clone(),
        runtime: config.runtime.clone(),
        service: ServiceDef {
            id: service_shape.id.clone(),
            title: service_shape
                .traits
                .raw
                .get(crate::model::traits::ids::TITLE)
                .and_then(Value::as_str)
                .unwrap_or(service_shape.id.name())
                .to_owned(),
            version: service.version.clone(),
            docs: docs_of(&service_shape.traits.documentation),
            signing_name: service_shape
                .traits
                .string_property(crate::model::traits::ids::SIGV4, "name")
                .map(str::to_owned),
            endpoint_prefix: service_shape
                .traits
                .string_property(crate::model::traits::ids::AWS_SERVICE, "endpointPrefix")
                .map(str::to_owned),
        },
        features: analysis::runtime_features(&types, &patterns, &ops, has_big_numbers),
        wire: analysis::wire_facts(&types),
        operations: ops,
        types,
        patterns,
        skipped,
        warnings,
        protocol_tests: Vec::new(),
        endpoint,
    };
    super::names::check(&krate, &mut problems);
    if config.protocol_tests {
        match super::protocol_tests::collect(model, &krate) {
            Ok(tests) => krate.protocol_tests = tests,
            Err(found) => found.into_iter().for_each(|e| problems.push(e)),
        }
    }
    problems.finish(krate)
}

/// The IR of a small model in which the service `ex#Svc` binds the operation `ex#Op` (`POST
/// /`, with the JSON AST properties `operation`: its input, output, errors), defined with the
/// other `shapes` (JSON AST entries), for tests.
#[cfg(test)]
pub(crate) fn test_crate(operation: &str, shapes: &str) -> Crate {
    let model = Model::from_json(&format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", {operation},
                "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/"}}}}}},
            {shapes}
        }}}}"#
    ))
    .expect("the test model loads");
    let config = Config {
        package_name: "test".to_owned(),
        model_label: "test.json".to_owned(),
        service: None,
        operations: crate::OperationSelection::All,
        skip_unsupported: false,
        runtime: crate::RuntimeDependency::Vendored,
        strict_patterns: false,
        protocol_tests: false,
    };
    build(&model, &config).expect("the test model builds")
}
