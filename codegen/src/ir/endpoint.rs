//! The service's endpoint rule set (`smithy.rules#endpointRuleSet`) and its test cases
//! (`smithy.rules#endpointTests`), read and checked once: every reference resolved to a slot
//! (see `restjson_runtime::endpoint::rules`), every function known and given its arity, every
//! template and `getAttr` path parsed, every parameter given a Rust name and its docs. A rule
//! set that does not check is an error naming the service and the place in the rule set.
//!
//! The runtime's evaluator interprets the result; the same result, written out as static data,
//! is what a generated crate holds, and [`EndpointTest::check`] runs a test case against it
//! (`cargo xtask corpus` does that for every model without compiling a crate).

use std::borrow::Cow;
use std::collections::BTreeMap;

use restjson_runtime::endpoint::rules::{
    Call, Condition, EndpointTemplate, Expr, Function, Parameter, ParameterType, ParameterValue,
    Part, Rule, RuleKind, RuleSet, Template, parse_path,
};
use restjson_runtime::endpoint::{Partitions, Value as RtValue};
use restjson_runtime::primitives::Document;
use serde_json::{Map, Value};

use crate::error::Error;

/// The rule-set trait.
pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
/// The test-cases trait.
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// A service's endpoint resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDef {
    /// The rule set, checked, as the runtime evaluates it.
    pub rule_set: RuleSet,
    /// The parameters as `Params` fields, in slot order.
    pub params: Vec<EndpointParam>,
    /// The model's test cases, in model order.
    pub tests: Vec<EndpointTest>,
    /// The name of each slot: the parameters, then the values conditions assign, in the order
    /// of the rule set.
    pub slot_names: Vec<String>,
}

/// A rule-set parameter as a field of the generated `Params`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointParam {
    /// Its name in the rule set (`UseFIPS`).
    pub name: String,
    /// The Rust field (and setter) name (`use_fips`).
    pub rust_name: String,
    /// Its type.
    pub ty: ParameterType,
    /// Whether the rule set needs a value.
    pub required: bool,
    /// Its default.
    pub default: Option<ParameterValue>,
    /// The built-in it is bound to (`AWS::Region`).
    pub built_in: Option<String>,
    /// Documentation lines: the rule set's, then the facts.
    pub docs: Vec<String>,
}

impl EndpointParam {
    /// Whether the field is a plain value (it has a default) rather than an `Option`.
    pub fn is_plain(&self) -> bool {
        self.default.is_some()
    }
}

/// One test case of `smithy.rules#endpointTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTest {
    /// Its documentation, if any.
    pub documentation: Option<String>,
    /// The parameter values it sets: index into [`EndpointDef::params`], and the value.
    pub params: Vec<(usize, ParameterValue)>,
    /// What it expects.
    pub expect: Expectation,
}

/// What a test case expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// An endpoint.
    Endpoint {
        /// The URL.
        url: String,
        /// The properties, as JSON (an object).
        properties: Map<String, Value>,
        /// The headers.
        headers: BTreeMap<String, Vec<String>>,
    },
    /// An error with this message.
    Error(String),
}

impl EndpointTest {
    /// Runs the case against `rule_set` with the AWS partitions: `Err` says what differs.
    pub fn check(&self, rule_set: &RuleSet) -> Result<(), String> {
        let mut values = vec![None; rule_set.parameters.len()];
        for (index, value) in &self.params {
            values[*index] = Some(runtime_value(value));
        }
        let got = restjson_runtime::endpoint::resolve(rule_set, values, Partitions::aws());
        match (&self.expect, got) {
            (Expectation::Error(want), Err(e)) if e.to_string() == *want => Ok(()),
            (Expectation::Error(want), Err(e)) => Err(format!(
                "expected the error {want:?}, got the error {:?}",
                e.to_string()
            )),
            (Expectation::Error(want), Ok(e)) => Err(format!(
                "expected the error {want:?}, got the endpoint {:?}",
                e.url
            )),
            (Expectation::Endpoint { url, .. }, Err(e)) => Err(format!(
                "expected the endpoint {url:?}, got the error {:?}",
                e.to_string()
            )),
            (
                Expectation::Endpoint {
                    url,
                    properties,
                    headers,
                },
                Ok(got),
            ) => {
                if got.url != *url {
                    return Err(format!("expected the URL {url:?}, got {:?}", got.url));
                }
                if got.headers != *headers {
                    return Err(format!(
                        "expected the headers {headers:?}, got {:?}",
                        got.headers
                    ));
                }
                let want: BTreeMap<String, Document> =
                    serde_json::from_value(Value::Object(properties.clone()))
                        .map_err(|e| format!("the expected properties do not read: {e}"))?;
                if got.properties != want {
                    return Err(format!(
                        "expected the properties {}, got {}",
                        Value::Object(properties.clone()),
                        serde_json::to_string(&got.properties).unwrap_or_default()
                    ));
                }
                Ok(())
            }
        }
    }
}

/// A parameter value as the runtime's evaluator takes it.
pub fn runtime_value(value: &ParameterValue) -> RtValue {
    match value {
        ParameterValue::String(s) => RtValue::String(s.to_string()),
        ParameterValue::Boolean(b) => RtValue::Bool(*b),
        ParameterValue::StringArray(items) => RtValue::Array(
            items
                .iter()
                .map(|s| RtValue::String(s.to_string()))
                .collect(),
        ),
    }
}

/// Reads and checks a service's rule set (`rule_set`, the trait's value) and test cases
/// (`tests`, if the service has them). `service` names the service in errors.
pub fn load(service: &str, rule_set: &Value, tests: Option<&Value>) -> Result<EndpointDef, Error> {
    let fail = |trait_id: &str, reason: String| Error::InvalidEndpointRules {
        service: service.to_owned(),
        trait_id: trait_id.to_owned(),
        reason,
    };
    let (rule_set, params, slot_names) =
        read_rule_set(rule_set).map_err(|r| fail(RULE_SET_TRAIT, r))?;
    let tests = match tests {
        None => Vec::new(),
        Some(tests) => read_tests(tests, &params).map_err(|r| fail(TESTS_TRAIT, r))?,
    };
    Ok(EndpointDef {
        rule_set,
        params,
        tests,
        slot_names,
    })
}

type Read<T> = Result<T, String>;

fn object<'v>(value: &'v Value, at: &str) -> Read<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object, found {value}"))
}

fn array<'v>(value: Option<&'v Value>, at: &str) -> Read<&'v [Value]> {
    match value {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(format!("{at}: expected an array, found {other}")),
    }
}

fn owned(s: &str) -> Cow<'static, str> {
    Cow::Owned(s.to_owned())
}

fn read_rule_set(value: &Value) -> Read<(RuleSet, Vec<EndpointParam>, Vec<String>)> {
    let root = object(value, "the rule set")?;
    let parameters = match root.get("parameters") {
        Some(p) => object(p, "parameters")?,
        None => return Err("no `parameters`".to_owned()),
    };
    let mut params = Vec::new();
    let mut runtime_params = Vec::new();
    for (name, p) in parameters {
        let (param, runtime) =
            read_parameter(name, p).map_err(|r| format!("parameter `{name}`: {r}"))?;
        params.push(param);
        runtime_params.push(runtime);
    }
    check_rust_names(&params)?;
    let mut scope = Scope {
        names: params
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect(),
        slot_names: params.iter().map(|p| p.name.clone()).collect(),
    };
    let rules = root
        .get("rules")
        .ok_or_else(|| "no `rules`".to_owned())
        .and_then(|r| scope.rules(array(Some(r), "rules")?, "rules"))?;
    if rules.is_empty() {
        return Err("`rules` is empty".to_owned());
    }
    let rule_set = RuleSet {
        parameters: Cow::Owned(runtime_params),
        rules: Cow::Owned(rules),
        slots: scope.slot_names.len(),
    };
    Ok((rule_set, params, scope.slot_names))
}

fn read_parameter(name: &str, value: &Value) -> Read<(EndpointParam, Parameter)> {
    let p = object(value, "its definition")?;
    let ty = match p.get("type").and_then(Value::as_str) {
        Some("string" | "String") => ParameterType::String,
        Some("boolean" | "Boolean") => ParameterType::Boolean,
        Some("stringArray") => ParameterType::StringArray,
        other => {
            return Err(format!(
                "unknown type {other:?} (string, boolean or stringArray)"
            ));
        }
    };
    let required = match p.get("required") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("`required` is {other}, not a boolean")),
    };
    let default = p
        .get("default")
        .map(|d| {
            parameter_value(d, ty).ok_or_else(|| format!("default {d} is not a {}", ty.name()))
        })
        .transpose()?;
    let text = |key: &str| -> Read<Option<String>> {
        match p.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("`{key}` is {other}, not a string")),
        }
    };
    let built_in = text("builtIn")?;
    let documentation = text("documentation")?;
    let param = EndpointParam {
        name: name.to_owned(),
        rust_name: crate::naming::field_name(name),
        ty,
        required,
        default: default.clone(),
        docs: param_docs(
            name,
            ty,
            required,
            &default,
            &built_in,
            documentation.as_deref(),
        ),
        built_in,
    };
    let runtime = Parameter {
        name: owned(name),
        ty,
        required,
        default,
    };
    Ok((param, runtime))
}

/// A JSON value of a parameter's type.
fn parameter_value(value: &Value, ty: ParameterType) -> Option<ParameterValue> {
    Some(match (ty, value) {
        (ParameterType::String, Value::String(s)) => ParameterValue::String(owned(s)),
        (ParameterType::Boolean, Value::Bool(b)) => ParameterValue::Boolean(*b),
        (ParameterType::StringArray, Value::Array(items)) => ParameterValue::StringArray(
            items
                .iter()
                .map(|i| i.as_str().map(owned))
                .collect::<Option<Vec<_>>>()?
                .into(),
        ),
        _ => return None,
    })
}

/// What a built-in means, for the docs of the field bound to it.
fn built_in_meaning(built_in: &str) -> &'static str {
    match built_in {
        "AWS::Region" => "the AWS region requests go to (`us-east-1`)",
        "AWS::UseFIPS" => "send requests to an endpoint that uses FIPS 140 validated cryptography",
        "AWS::UseDualStack" => "send requests to an endpoint reachable over both IPv4 and IPv6",
        "SDK::Endpoint" => {
            "a URL that replaces the endpoint the rules would choose (a local mock, a VPC endpoint)"
        }
        _ => "a value the client's configuration supplies",
    }
}

fn param_docs(
    name: &str,
    ty: ParameterType,
    required: bool,
    default: &Option<ParameterValue>,
    built_in: &Option<String>,
    documentation: Option<&str>,
) -> Vec<String> {
    let mut docs: Vec<String> = documentation
        .map(crate::docs::to_rustdoc)
        .unwrap_or_default();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    let need = match (required, default) {
        (_, Some(d)) => format!("default `{}`", default_text(d)),
        (true, None) => "required".to_owned(),
        (false, None) => "optional".to_owned(),
    };
    docs.push(format!(
        "Rule-set parameter `{name}` ({}, {need}).",
        ty.name()
    ));
    if let Some(b) = built_in {
        docs.push(format!("Built-in `{b}`: {}.", built_in_meaning(b)));
    }
    docs
}

fn default_text(d: &ParameterValue) -> String {
    match d {
        ParameterValue::String(s) => format!("{s:?}"),
        ParameterValue::Boolean(b) => b.to_string(),
        ParameterValue::StringArray(items) => format!("{:?}", items.iter().collect::<Vec<_>>()),
    }
}

/// Two parameters whose Rust names collide are an error.
fn check_rust_names(params: &[EndpointParam]) -> Read<()> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for p in params {
        if p.rust_name == "new" {
            return Err(format!(
                "parameter `{}` would take the Rust name `new`, which `Params::new` has",
                p.name
            ));
        }
        if let Some(first) = seen.insert(&p.rust_name, &p.name) {
            return Err(format!(
                "parameters `{first}` and `{}` both become the Rust name `{}`",
                p.name, p.rust_name
            ));
        }
    }
    Ok(())
}

/// The names in scope while reading rules, and the slots handed out so far (by name).
struct Scope {
    names: Vec<(String, usize)>,
    slot_names: Vec<String>,
}

impl Scope {
    fn lookup(&self, name: &str, at: &str) -> Read<usize> {
        self.names
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, slot)| *slot)
            .ok_or_else(|| format!("{at}: `{name}` is neither a parameter nor assigned before"))
    }

    fn rules(&mut self, rules: &[Value], at: &str) -> Read<Vec<Rule>> {
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| self.rule(r, &format!("{at}[{i}]")))
            .collect()
    }

    fn rule(&mut self, value: &Value, at: &str) -> Read<Rule> {
        let rule = object(value, at)?;
        let outer = self.names.len();
        let mut conditions = Vec::new();
        for (i, c) in array(rule.get("conditions"), at)?.iter().enumerate() {
            conditions.push(self.condition(c, &format!("{at}.conditions[{i}]"))?);
        }
        let kind = match rule.get("type").and_then(Value::as_str) {
            Some("endpoint") => {
                let endpoint = rule
                    .get("endpoint")
                    .ok_or_else(|| format!("{at}: an endpoint rule without `endpoint`"))?;
                RuleKind::Endpoint(self.endpoint(endpoint, &format!("{at}.endpoint"))?)
            }
            Some("error") => {
                let error = rule
                    .get("error")
                    .ok_or_else(|| format!("{at}: an error rule without `error`"))?;
                RuleKind::Error(self.expr(error, &format!("{at}.error"))?)
            }
            Some("tree") => {
                let sub = array(rule.get("rules"), at)?;
                if sub.is_empty() {
                    return Err(format!("{at}: a tree rule without rules"));
                }
                RuleKind::Tree(Cow::Owned(self.rules(sub, &format!("{at}.rules"))?))
            }
            other => {
                return Err(format!(
                    "{at}: unknown rule type {other:?} (endpoint, error or tree)"
                ));
            }
        };
        self.names.truncate(outer);
        Ok(Rule {
            conditions: Cow::Owned(conditions),
            kind,
        })
    }

    fn condition(&mut self, value: &Value, at: &str) -> Read<Condition> {
        let call = self.call(object(value, at)?, at)?;
        let assign = match object(value, at)?.get("assign") {
            None => None,
            Some(Value::String(name)) => {
                if self.names.iter().any(|(n, _)| n == name) {
                    return Err(format!("{at}: `assign` shadows `{name}`"));
                }
                let slot = self.slot_names.len();
                self.slot_names.push(name.clone());
                self.names.push((name.clone(), slot));
                Some(slot)
            }
            Some(other) => return Err(format!("{at}: `assign` is {other}, not a string")),
        };
        Ok(Condition { call, assign })
    }

    fn endpoint(&self, value: &Value, at: &str) -> Read<EndpointTemplate> {
        let e = object(value, at)?;
        let url = e.get("url").ok_or_else(|| format!("{at}: no `url`"))?;
        let url = self.expr(url, &format!("{at}.url"))?;
        let mut properties = Vec::new();
        if let Some(p) = e.get("properties") {
            for (key, v) in object(p, &format!("{at}.properties"))? {
                properties.push((owned(key), self.expr(v, &format!("{at}.properties.{key}"))?));
            }
        }
        let mut headers = Vec::new();
        if let Some(h) = e.get("headers") {
            for (name, values) in object(h, &format!("{at}.headers"))? {
                let here = format!("{at}.headers.{name}");
                let values = array(Some(values), &here)?
                    .iter()
                    .map(|v| self.expr(v, &here))
                    .collect::<Read<Vec<_>>>()?;
                headers.push((owned(name), Cow::Owned(values)));
            }
        }
        Ok(EndpointTemplate {
            url,
            properties: Cow::Owned(properties),
            headers: Cow::Owned(headers),
        })
    }

    fn expr(&self, value: &Value, at: &str) -> Read<Expr> {
        Ok(match value {
            Value::String(s) => Expr::String(self.template(s, at)?),
            Value::Bool(b) => Expr::Bool(*b),
            Value::Number(n) => Expr::Int(
                n.as_i64()
                    .ok_or_else(|| format!("{at}: {n} is not an integer"))?,
            ),
            Value::Array(items) => Expr::Array(Cow::Owned(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.expr(v, &format!("{at}[{i}]")))
                    .collect::<Read<_>>()?,
            )),
            Value::Object(o) if o.contains_key("ref") => match o.get("ref") {
                Some(Value::String(name)) if o.len() == 1 => Expr::Ref(self.lookup(name, at)?),
                _ => return Err(format!("{at}: a reference is `{{\"ref\": \"Name\"}}`")),
            },
            Value::Object(o) if o.contains_key("fn") => Expr::Call(self.call(o, at)?),
            Value::Object(o) => Expr::Object(Cow::Owned(
                o.iter()
                    .map(|(k, v)| Ok((owned(k), self.expr(v, &format!("{at}.{k}"))?)))
                    .collect::<Read<_>>()?,
            )),
            Value::Null => return Err(format!("{at}: null is not an expression")),
        })
    }

    fn call(&self, o: &Map<String, Value>, at: &str) -> Read<Call> {
        let name = o
            .get("fn")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{at}: no `fn`"))?;
        let mut function =
            Function::from_name(name).ok_or_else(|| format!("{at}: unknown function `{name}`"))?;
        let mut argv = array(o.get("argv"), at)?;
        if let Function::GetAttr(_) = function {
            // The path is a literal, part of the function; the value is the one argument.
            let [value, Value::String(path)] = argv else {
                return Err(format!("{at}: `getAttr` takes a value and a literal path"));
            };
            let steps = parse_path(path)
                .ok_or_else(|| format!("{at}: {path:?} is not a `getAttr` path"))?;
            function = Function::GetAttr(Cow::Owned(steps));
            argv = std::slice::from_ref(value);
        }
        if argv.len() != function.arity() {
            return Err(format!(
                "{at}: `{name}` takes {} arguments, given {}",
                function.arity(),
                argv.len()
            ));
        }
        let args = argv
            .iter()
            .enumerate()
            .map(|(i, v)| self.expr(v, &format!("{at}.argv[{i}]")))
            .collect::<Read<Vec<_>>>()?;
        Ok(Call {
            function,
            args: Cow::Owned(args),
        })
    }

    /// A string literal: text, `{{`/`}}` for braces, and `{Name}` or `{Name#path}`.
    fn template(&self, text: &str, at: &str) -> Read<Template> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
                literal.push_str(&tail[..1]);
                rest = after;
                continue;
            }
            if tail.starts_with('}') {
                return Err(format!("{at}: unmatched `}}` in {text:?}"));
            }
            let end = tail
                .find('}')
                .ok_or_else(|| format!("{at}: unclosed `{{` in {text:?}"))?;
            let inner = &tail[1..end];
            if !literal.is_empty() {
                parts.push(Part::Text(Cow::Owned(std::mem::take(&mut literal))));
            }
            parts.push(match inner.split_once('#') {
                None => Part::Ref(self.lookup(inner, at)?),
                Some((name, path)) => {
                    let steps = parse_path(path)
                        .ok_or_else(|| format!("{at}: {path:?} is not a path in {text:?}"))?;
                    Part::Attr(self.lookup(name, at)?, Cow::Owned(steps))
                }
            });
            rest = &tail[end + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() || parts.is_empty() {
            parts.push(Part::Text(Cow::Owned(literal)));
        }
        Ok(Template(Cow::Owned(parts)))
    }
}

fn read_tests(value: &Value, params: &[EndpointParam]) -> Read<Vec<EndpointTest>> {
    let root = object(value, "the test cases")?;
    let cases = array(root.get("testCases"), "testCases")?;
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| read_test(case, params).map_err(|r| format!("testCases[{i}]: {r}")))
        .collect()
}

fn read_test(value: &Value, params: &[EndpointParam]) -> Read<EndpointTest> {
    let case = object(value, "the case")?;
    let documentation = case
        .get("documentation")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut values = Vec::new();
    if let Some(given) = case.get("params") {
        for (name, v) in object(given, "params")? {
            let index = params
                .iter()
                .position(|p| p.name == *name)
                .ok_or_else(|| format!("params: `{name}` is not a parameter of the rule set"))?;
            let ty = params[index].ty;
            let value = parameter_value(v, ty)
                .ok_or_else(|| format!("params: `{name}` takes a {}, given {v}", ty.name()))?;
            values.push((index, value));
        }
    }
    let expect = object(case.get("expect").unwrap_or(&Value::Null), "expect")?;
    let expect = match (expect.get("endpoint"), expect.get("error")) {
        (Some(endpoint), None) => {
            let e = object(endpoint, "expect.endpoint")?;
            let url = e
                .get("url")
                .and_then(Value::as_str)
                .ok_or("expect.endpoint: no `url` string")?
                .to_owned();
            let properties = match e.get("properties") {
                None => Map::new(),
                Some(p) => object(p, "expect.endpoint.properties")?.clone(),
            };
            let mut headers = BTreeMap::new();
            if let Some(h) = e.get("headers") {
                for (name, values) in object(h, "expect.endpoint.headers")? {
                    let values = array(Some(values), "expect.endpoint.headers")?
                        .iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| format!("expect.endpoint.headers.{name}: not strings"))?;
                    headers.insert(name.clone(), values);
                }
            }
            Expectation::Endpoint {
                url,
                properties,
                headers,
            }
        }
        (None, Some(Value::String(message))) => Expectation::Error(message.clone()),
        _ => return Err("expect: neither one `endpoint` nor one `error` string".to_owned()),
    };
    Ok(EndpointTest {
        documentation,
        params: values,
        expect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(rule_set: &str) -> Result<EndpointDef, String> {
        let value: Value = serde_json::from_str(rule_set).unwrap();
        load("ex#Svc", &value, None).map_err(|e| e.to_string())
    }

    const PARAMS: &str = r#""parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"},
        "UseFIPS": {"type": "boolean", "required": true, "default": false}}"#;

    fn with_rules(rules: &str) -> String {
        format!(r#"{{"version": "1.0", {PARAMS}, "rules": {rules}}}"#)
    }

    #[test]
    fn references_become_slots_and_templates_parts() {
        let def = load_str(&with_rules(
            r#"[{"type": "endpoint", "conditions": [
                {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
                "endpoint": {"url": "https://x.{Region}.{P#dnsSuffix}/{{a}}"}}]"#,
        ))
        .unwrap();
        assert_eq!(def.rule_set.slots, 3);
        assert_eq!(def.params[1].rust_name, "use_fips");
        assert!(def.params[1].is_plain() && !def.params[0].is_plain());
        let RuleKind::Endpoint(e) = &def.rule_set.rules[0].kind else {
            panic!()
        };
        let Expr::String(Template(parts)) = &e.url else {
            panic!()
        };
        assert_eq!(
            parts.as_ref(),
            [
                Part::Text(owned("https://x.")),
                Part::Ref(0),
                Part::Text(owned(".")),
                Part::Attr(2, Cow::Owned(parse_path("dnsSuffix").unwrap())),
                Part::Text(owned("/{a}")),
            ]
        );
        assert_eq!(def.rule_set.rules[0].conditions[0].assign, Some(2));
    }

    #[test]
    fn invalid_rule_sets_name_the_service_and_the_place() {
        let cases = [
            (
                r#"[{"type": "endpoint", "conditions": [{"fn": "nope", "argv": []}], "endpoint": {"url": "x"}}]"#,
                "rules[0].conditions[0]: unknown function `nope`",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}], "error": "e"}]"#,
                "rules[0].conditions[0].argv[0]: `Bucket` is neither a parameter nor assigned before",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "not", "argv": [true, false]}], "error": "e"}]"#,
                "rules[0].conditions[0]: `not` takes 1 arguments, given 2",
            ),
            (
                r#"[{"type": "endpoint", "endpoint": {"url": "https://{Region"}}]"#,
                "rules[0].endpoint.url: unclosed `{` in \"https://{Region\"",
            ),
            (
                r#"[{"type": "tree", "conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "P"}], "rules": [{"type": "error", "error": "e"}]},
                    {"type": "error", "error": "{P#name}"}]"#,
                "rules[1].error: `P` is neither a parameter nor assigned before",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "getAttr", "argv": [{"ref": "Region"}, "a..b"]}], "error": "e"}]"#,
                "rules[0].conditions[0]: \"a..b\" is not a `getAttr` path",
            ),
            (
                r#"[{"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}], "assign": "Region"}], "error": "e"}]"#,
                "rules[0].conditions[0]: `assign` shadows `Region`",
            ),
            (
                r#"[{"type": "tree", "rules": []}]"#,
                "rules[0]: a tree rule without rules",
            ),
            (
                r#"[{"type": "other"}]"#,
                "rules[0]: unknown rule type Some(\"other\") (endpoint, error or tree)",
            ),
            ("[]", "`rules` is empty"),
        ];
        for (rules, reason) in cases {
            assert_eq!(
                load_str(&with_rules(rules)).unwrap_err(),
                format!(
                    "service `ex#Svc`: trait `smithy.rules#endpointRuleSet` is invalid: {reason}"
                ),
                "{rules}"
            );
        }
        let bad_param = r#"{"parameters": {"A": {"type": "integer"}}, "rules": []}"#;
        assert_eq!(
            load_str(bad_param).unwrap_err(),
            "service `ex#Svc`: trait `smithy.rules#endpointRuleSet` is invalid: parameter `A`: unknown type Some(\"integer\") (string, boolean or stringArray)"
        );
        let collide = r#"{"parameters": {"UseFIPS": {"type": "boolean"}, "use_fips": {"type": "boolean"}}, "rules": []}"#;
        assert!(
            load_str(collide).unwrap_err().ends_with(
                "parameters `UseFIPS` and `use_fips` both become the Rust name `use_fips`"
            )
        );
    }

    #[test]
    fn test_cases_read_and_check() {
        let rule_set: Value = serde_json::from_str(&with_rules(
            r#"[{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
                "endpoint": {"url": "https://x.{Region}", "properties": {"a": [{"b": "{Region}"}]},
                "headers": {"h": ["1", "{Region}"]}}},
               {"type": "error", "error": "no region"}]"#,
        ))
        .unwrap();
        let tests: Value = serde_json::from_str(
            r#"{"version": "1.0", "testCases": [
                {"params": {"Region": "r1"}, "expect": {"endpoint": {"url": "https://x.r1",
                    "properties": {"a": [{"b": "r1"}]}, "headers": {"h": ["1", "r1"]}}}},
                {"expect": {"error": "no region"}},
                {"params": {"Region": "r1"}, "expect": {"endpoint": {"url": "https://x.r2"}}},
                {"params": {"Region": "r1"}, "expect": {"endpoint": {"url": "https://x.r1",
                    "properties": {"a": [{"b": "r2"}]}, "headers": {"h": ["1", "r1"]}}}},
                {"expect": {"error": "other"}}
            ]}"#,
        )
        .unwrap();
        let def = load("ex#Svc", &rule_set, Some(&tests)).unwrap();
        let results: Vec<_> = def.tests.iter().map(|t| t.check(&def.rule_set)).collect();
        assert_eq!(results[0], Ok(()));
        assert_eq!(results[1], Ok(()));
        assert_eq!(
            results[2],
            Err("expected the URL \"https://x.r2\", got \"https://x.r1\"".to_owned())
        );
        assert!(
            results[3]
                .as_ref()
                .unwrap_err()
                .starts_with("expected the properties")
        );
        assert_eq!(
            results[4],
            Err("expected the error \"other\", got the error \"no region\"".to_owned())
        );
        let bad: Value = serde_json::from_str(
            r#"{"testCases": [{"params": {"Nope": 1}, "expect": {"error": "x"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            load("ex#Svc", &rule_set, Some(&bad))
                .unwrap_err()
                .to_string(),
            "service `ex#Svc`: trait `smithy.rules#endpointTests` is invalid: testCases[0]: params: `Nope` is not a parameter of the rule set"
        );
    }
}
