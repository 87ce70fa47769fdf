//! The evaluator: rules tried in order, conditions in order, a tree rule's rules once its
//! conditions hold (a tree whose rules all fail is an error: the rule set left a gap).

use std::collections::BTreeMap;

use super::rules::{
    Call, Condition, EndpointTemplate, Expr, Function, ParameterType, ParameterValue, Part, Rule,
    RuleKind, RuleSet, Step, Template,
};
use super::{Endpoint, EndpointError, Partitions, Value, stdlib};
use crate::primitives::{Document, Number};

type Result<T> = std::result::Result<T, EndpointError>;

fn broken(reason: String) -> EndpointError {
    EndpointError::Evaluation(reason)
}

pub(super) fn resolve(
    rules: &RuleSet,
    mut values: Vec<Option<Value>>,
    partitions: &Partitions,
) -> Result<Endpoint> {
    if values.len() != rules.parameters.len() {
        return Err(broken(format!(
            "{} parameter values given for {} parameters",
            values.len(),
            rules.parameters.len()
        )));
    }
    for (value, parameter) in values.iter_mut().zip(rules.parameters.iter()) {
        if value.is_none() {
            *value = parameter.default.as_ref().map(default_value);
        }
        let ok = match (&*value, parameter.ty) {
            (None, _) => !parameter.required,
            (Some(Value::String(_)), ParameterType::String)
            | (Some(Value::Bool(_)), ParameterType::Boolean) => true,
            (Some(Value::Array(items)), ParameterType::StringArray) => {
                items.iter().all(|i| matches!(i, Value::String(_)))
            }
            _ => false,
        };
        if !ok {
            let name = parameter.name.to_string();
            return Err(match value {
                None => EndpointError::MissingParameter { name },
                Some(_) => EndpointError::InvalidParameter {
                    name,
                    expected: parameter.ty.name(),
                },
            });
        }
    }
    values.resize(rules.slots.max(values.len()), None);
    let mut scope = Scope {
        slots: values,
        partitions,
    };
    scope
        .rules(&rules.rules)?
        .ok_or(EndpointError::NoRuleMatched)
}

fn default_value(default: &ParameterValue) -> Value {
    match default {
        ParameterValue::String(s) => Value::String(s.to_string()),
        ParameterValue::Boolean(b) => Value::Bool(*b),
        ParameterValue::StringArray(items) => {
            Value::Array(items.iter().map(|s| Value::String(s.to_string())).collect())
        }
    }
}

struct Scope<'p> {
    slots: Vec<Option<Value>>,
    partitions: &'p Partitions,
}

impl Scope<'_> {
    /// The first rule whose conditions hold decides: `Ok(None)` when none does.
    fn rules(&mut self, rules: &[Rule]) -> Result<Option<Endpoint>> {
        for rule in rules {
            if !self.conditions(&rule.conditions)? {
                continue;
            }
            return match &rule.kind {
                RuleKind::Endpoint(endpoint) => self.endpoint(endpoint).map(Some),
                RuleKind::Error(message) => Err(EndpointError::Rule(self.string(message)?)),
                RuleKind::Tree(rules) => self
                    .rules(rules)?
                    .ok_or(EndpointError::NoRuleMatched)
                    .map(Some),
            };
        }
        Ok(None)
    }

    fn conditions(&mut self, conditions: &[Condition]) -> Result<bool> {
        for condition in conditions {
            let value = self.call(&condition.call)?;
            let holds = matches!(&value, Some(v) if *v != Value::Bool(false));
            if !holds {
                return Ok(false);
            }
            if let Some(slot) = condition.assign {
                *self.slot_mut(slot)? = value;
            }
        }
        Ok(true)
    }

    fn slot_mut(&mut self, slot: usize) -> Result<&mut Option<Value>> {
        self.slots
            .get_mut(slot)
            .ok_or_else(|| broken(format!("slot {slot} is out of range")))
    }

    fn slot(&self, slot: usize) -> Result<Option<&Value>> {
        match self.slots.get(slot) {
            Some(value) => Ok(value.as_ref()),
            None => Err(broken(format!("slot {slot} is out of range"))),
        }
    }

    fn endpoint(&mut self, endpoint: &EndpointTemplate) -> Result<Endpoint> {
        let url = self.string(&endpoint.url)?;
        let mut properties = BTreeMap::new();
        for (name, value) in endpoint.properties.iter() {
            let value = self
                .expr(value)?
                .ok_or_else(|| broken(format!("endpoint property `{name}` has no value")))?;
            properties.insert(name.to_string(), document(value));
        }
        let mut headers = BTreeMap::new();
        for (name, values) in endpoint.headers.iter() {
            let values = values
                .iter()
                .map(|v| self.string(v))
                .collect::<Result<Vec<_>>>()?;
            headers.insert(name.to_string(), values);
        }
        Ok(Endpoint {
            url,
            properties,
            headers,
        })
    }

    /// An expression that must be a set string (a URL, an error message, a header value).
    fn string(&mut self, expr: &Expr) -> Result<String> {
        match self.expr(expr)? {
            Some(Value::String(s)) => Ok(s),
            other => Err(broken(format!(
                "expected a string, found {}",
                kind(other.as_ref())
            ))),
        }
    }

    fn expr(&mut self, expr: &Expr) -> Result<Option<Value>> {
        Ok(Some(match expr {
            Expr::String(template) => Value::String(self.template(template)?),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(i) => Value::Int(*i),
            Expr::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| {
                        self.expr(i)?
                            .ok_or_else(|| broken("unset array item".into()))
                    })
                    .collect::<Result<_>>()?,
            ),
            Expr::Object(entries) => {
                let mut record = BTreeMap::new();
                for (key, value) in entries.iter() {
                    let value = self
                        .expr(value)?
                        .ok_or_else(|| broken(format!("object member `{key}` has no value")))?;
                    record.insert(key.to_string(), value);
                }
                Value::Record(record)
            }
            Expr::Ref(slot) => return Ok(self.slot(*slot)?.cloned()),
            Expr::Call(call) => return self.call(call),
        }))
    }

    fn template(&self, template: &Template) -> Result<String> {
        let mut out = String::new();
        for part in template.0.iter() {
            let value = match part {
                Part::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Part::Ref(slot) => self.slot(*slot)?,
                Part::Attr(slot, path) => self.slot(*slot)?.and_then(|v| attr(v, path)),
            };
            match value {
                Some(Value::String(s)) => out.push_str(s),
                other => {
                    return Err(broken(format!(
                        "a template interpolates {}, not a string",
                        kind(other)
                    )));
                }
            }
        }
        Ok(out)
    }

    fn call(&mut self, call: &Call) -> Result<Option<Value>> {
        let name = call.function.name();
        if call.args.len() != call.function.arity() {
            return Err(broken(format!(
                "`{name}` takes {} arguments, given {}",
                call.function.arity(),
                call.args.len()
            )));
        }
        let mut args = Vec::with_capacity(call.args.len());
        for arg in call.args.iter() {
            args.push(self.expr(arg)?);
        }
        if let Function::IsSet = call.function {
            return Ok(Some(Value::Bool(args[0].is_some())));
        }
        // Every other function of an unset argument is unset.
        let Some(args) = args.into_iter().collect::<Option<Vec<Value>>>() else {
            return Ok(None);
        };
        let wrong =
            |what: &str| broken(format!("`{name}` takes {what}, given {}", describe(&args)));
        Ok(match (&call.function, args.as_slice()) {
            (Function::Not, [Value::Bool(b)]) => Some(Value::Bool(!b)),
            (Function::Not, _) => return Err(wrong("a boolean")),
            (Function::BooleanEquals, [Value::Bool(a), Value::Bool(b)]) => {
                Some(Value::Bool(a == b))
            }
            (Function::BooleanEquals, _) => return Err(wrong("two booleans")),
            (Function::StringEquals, [Value::String(a), Value::String(b)]) => {
                Some(Value::Bool(a == b))
            }
            (Function::StringEquals, _) => return Err(wrong("two strings")),
            (Function::GetAttr(path), [value]) => attr(value, path).cloned(),
            (
                Function::Substring,
                [
                    Value::String(s),
                    Value::Int(start),
                    Value::Int(stop),
                    Value::Bool(reverse),
                ],
            ) => stdlib::substring(s, *start, *stop, *reverse).map(Value::String),
            (Function::Substring, _) => {
                return Err(wrong("a string, two integers and a boolean"));
            }
            (Function::UriEncode, [Value::String(s)]) => Some(Value::String(stdlib::uri_encode(s))),
            (Function::ParseUrl, [Value::String(s)]) => {
                stdlib::parse_url(s).map(stdlib::Url::into_value)
            }
            (Function::AwsParseArn, [Value::String(s)]) => {
                stdlib::parse_arn(s).map(stdlib::Arn::into_value)
            }
            (Function::AwsPartition, [Value::String(region)]) => self
                .partitions
                .resolve(region)
                .map(|p| p.outputs.to_value()),
            (Function::UriEncode | Function::ParseUrl | Function::AwsParseArn, _)
            | (Function::AwsPartition, _) => return Err(wrong("a string")),
            (Function::IsValidHostLabel, [Value::String(s), Value::Bool(sub)]) => {
                Some(Value::Bool(stdlib::is_valid_host_label(s, *sub)))
            }
            (Function::AwsIsVirtualHostableS3Bucket, [Value::String(s), Value::Bool(sub)]) => {
                Some(Value::Bool(stdlib::is_virtual_hostable_s3_bucket(s, *sub)))
            }
            (Function::IsValidHostLabel | Function::AwsIsVirtualHostableS3Bucket, _) => {
                return Err(wrong("a string and a boolean"));
            }
            (Function::IsSet | Function::GetAttr(_), _) => {
                return Err(wrong("one value"));
            }
        })
    }
}

/// The value at `path` inside `value`: unset when a field is missing or an index is out of
/// range.
fn attr<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, step| match (v, step) {
        (Value::Record(fields), Step::Key(key)) => fields.get(key.as_ref()),
        (Value::Array(items), Step::Index(i)) => items.get(*i),
        _ => None,
    })
}

fn document(value: Value) -> Document {
    match value {
        Value::String(s) => Document::String(s),
        Value::Bool(b) => Document::Bool(b),
        Value::Int(i) => Document::Number(match u64::try_from(i) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(i),
        }),
        Value::Array(items) => Document::Array(items.into_iter().map(document).collect()),
        Value::Record(fields) => {
            Document::Object(fields.into_iter().map(|(k, v)| (k, document(v))).collect())
        }
    }
}

fn kind(value: Option<&Value>) -> &'static str {
    match value {
        None => "an unset value",
        Some(Value::String(_)) => "a string",
        Some(Value::Bool(_)) => "a boolean",
        Some(Value::Int(_)) => "an integer",
        Some(Value::Array(_)) => "an array",
        Some(Value::Record(_)) => "a record",
    }
}

fn describe(args: &[Value]) -> String {
    let kinds: Vec<&str> = args.iter().map(|a| kind(Some(a))).collect();
    kinds.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::rules::Parameter;
    use std::borrow::Cow::Borrowed as B;

    // Slots: 0 Region, 1 UseFIPS, 2 Endpoint, 3 PartitionResult, 4 Url.
    const PARAMETERS: &[Parameter] = &[
        Parameter {
            name: B("Region"),
            ty: ParameterType::String,
            required: false,
            default: None,
        },
        Parameter {
            name: B("UseFIPS"),
            ty: ParameterType::Boolean,
            required: true,
            default: Some(ParameterValue::Boolean(false)),
        },
        Parameter {
            name: B("Endpoint"),
            ty: ParameterType::String,
            required: false,
            default: None,
        },
    ];
    const RULES: &[Rule] = &[
        Rule {
            conditions: B(&[Condition {
                call: Call {
                    function: Function::IsSet,
                    args: B(&[Expr::Ref(2)]),
                },
                assign: None,
            }]),
            kind: RuleKind::Tree(B(&[
                Rule {
                    conditions: B(&[Condition {
                        call: Call {
                            function: Function::BooleanEquals,
                            args: B(&[Expr::Ref(1), Expr::Bool(true)]),
                        },
                        assign: None,
                    }]),
                    kind: RuleKind::Error(Expr::String(Template(B(&[Part::Text(B(
                        "FIPS and a custom endpoint do not mix",
                    ))])))),
                },
                Rule {
                    conditions: B(&[Condition {
                        call: Call {
                            function: Function::ParseUrl,
                            args: B(&[Expr::Ref(2)]),
                        },
                        assign: Some(4),
                    }]),
                    kind: RuleKind::Endpoint(EndpointTemplate {
                        url: Expr::String(Template(B(&[
                            Part::Attr(4, B(&[Step::Key(B("scheme"))])),
                            Part::Text(B("://")),
                            Part::Attr(4, B(&[Step::Key(B("authority"))])),
                            Part::Attr(4, B(&[Step::Key(B("normalizedPath"))])),
                            Part::Text(B("{literal}")),
                        ]))),
                        properties: B(&[]),
                        headers: B(&[]),
                    }),
                },
            ])),
        },
        Rule {
            conditions: B(&[
                Condition {
                    call: Call {
                        function: Function::IsSet,
                        args: B(&[Expr::Ref(0)]),
                    },
                    assign: None,
                },
                Condition {
                    call: Call {
                        function: Function::AwsPartition,
                        args: B(&[Expr::Ref(0)]),
                    },
                    assign: Some(3),
                },
                Condition {
                    call: Call {
                        function: Function::BooleanEquals,
                        args: B(&[
                            Expr::Call(Call {
                                function: Function::GetAttr(B(&[Step::Key(B("supportsFIPS"))])),
                                args: B(&[Expr::Ref(3)]),
                            }),
                            Expr::Ref(1),
                        ]),
                    },
                    assign: None,
                },
            ]),
            kind: RuleKind::Endpoint(EndpointTemplate {
                url: Expr::String(Template(B(&[
                    Part::Text(B("https://svc-fips.")),
                    Part::Ref(0),
                    Part::Text(B(".")),
                    Part::Attr(3, B(&[Step::Key(B("dnsSuffix"))])),
                ]))),
                properties: B(&[(
                    B("authSchemes"),
                    Expr::Array(B(&[Expr::Object(B(&[
                        (
                            B("name"),
                            Expr::String(Template(B(&[Part::Text(B("sigv4"))]))),
                        ),
                        (
                            B("signingRegion"),
                            Expr::String(Template(B(&[Part::Ref(0)]))),
                        ),
                        (B("n"), Expr::Int(-3)),
                    ]))])),
                )]),
                headers: B(&[(
                    B("x-partition"),
                    B(&[Expr::Call(Call {
                        function: Function::GetAttr(B(&[Step::Key(B("name"))])),
                        args: B(&[Expr::Ref(3)]),
                    })]),
                )]),
            }),
        },
        Rule {
            conditions: B(&[Condition {
                call: Call {
                    function: Function::Not,
                    args: B(&[Expr::Call(Call {
                        function: Function::IsSet,
                        args: B(&[Expr::Ref(0)]),
                    })]),
                },
                assign: None,
            }]),
            kind: RuleKind::Error(Expr::String(Template(B(&[Part::Text(B(
                "Missing Region",
            ))])))),
        },
    ];
    static RULE_SET: RuleSet = RuleSet {
        parameters: B(PARAMETERS),
        rules: B(RULES),
        slots: 5,
    };

    fn run(region: Option<&str>, fips: Option<bool>, endpoint: Option<&str>) -> Result<Endpoint> {
        let values = vec![
            region.map(Value::from),
            fips.map(Value::from),
            endpoint.map(Value::from),
        ];
        resolve(&RULE_SET, values, Partitions::aws())
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let e = run(Some("us-east-1"), Some(true), None).unwrap();
        assert_eq!(e.url, "https://svc-fips.us-east-1.amazonaws.com");
        let scheme = Document::Object(BTreeMap::from([
            ("name".to_owned(), Document::String("sigv4".into())),
            (
                "signingRegion".to_owned(),
                Document::String("us-east-1".into()),
            ),
            ("n".to_owned(), Document::Number(Number::NegInt(-3))),
        ]));
        assert_eq!(e.properties["authSchemes"], Document::Array(vec![scheme]));
        assert_eq!(e.headers["x-partition"], ["aws"]);
    }

    #[test]
    fn assigned_values_and_templates() {
        let e = run(None, None, Some("http://localhost:8080/base")).unwrap();
        assert_eq!(e.url, "http://localhost:8080/base/{literal}");
        assert!(e.properties.is_empty() && e.headers.is_empty());
    }

    #[test]
    fn errors_of_the_rule_set_and_of_evaluation() {
        let err = run(None, Some(true), Some("https://x")).unwrap_err();
        assert_eq!(
            err,
            EndpointError::Rule("FIPS and a custom endpoint do not mix".into())
        );
        assert_eq!(err.to_string(), "FIPS and a custom endpoint do not mix");
        assert_eq!(
            run(None, None, None).unwrap_err().to_string(),
            "Missing Region"
        );
        // The tree matched (Endpoint is set) but none of its rules did: a gap.
        assert_eq!(
            run(None, None, Some("not a url")),
            Err(EndpointError::NoRuleMatched)
        );
        // FIPS off: the FIPS rule fails, the Region rule does not apply: nothing matches.
        assert_eq!(
            run(Some("us-east-1"), Some(false), None),
            Err(EndpointError::NoRuleMatched)
        );
    }

    #[test]
    fn parameters_take_defaults_and_are_checked() {
        // UseFIPS unset takes its default, false.
        assert_eq!(
            run(Some("us-east-1"), None, None),
            Err(EndpointError::NoRuleMatched)
        );
        let wrong = vec![Some(Value::Bool(true)), None, None];
        assert_eq!(
            resolve(&RULE_SET, wrong, Partitions::aws())
                .unwrap_err()
                .to_string(),
            "endpoint parameter `Region` takes a string"
        );
        let short = vec![None];
        assert!(matches!(
            resolve(&RULE_SET, short, Partitions::aws()),
            Err(EndpointError::Evaluation(_))
        ));
        let required = RuleSet {
            parameters: std::borrow::Cow::Owned(vec![Parameter {
                name: B("Bucket"),
                ty: ParameterType::String,
                required: true,
                default: None,
            }]),
            rules: B(&[]),
            slots: 1,
        };
        assert_eq!(
            resolve(&required, vec![None], Partitions::aws())
                .unwrap_err()
                .to_string(),
            "endpoint parameter `Bucket` is required and has no value"
        );
    }

    #[test]
    fn get_attr_walks_records_and_arrays() {
        let arn = stdlib::parse_arn("arn:aws:s3:::bucket/key")
            .unwrap()
            .into_value();
        assert_eq!(
            attr(&arn, &[Step::Key(B("resourceId")), Step::Index(1)]),
            Some(&Value::String("key".into()))
        );
        assert_eq!(
            attr(&arn, &[Step::Key(B("resourceId")), Step::Index(2)]),
            None
        );
        assert_eq!(attr(&arn, &[Step::Key(B("nope"))]), None);
        assert_eq!(attr(&arn, &[Step::Index(0)]), None);
        assert_eq!(attr(&arn, &[]), Some(&arn));
    }
}
