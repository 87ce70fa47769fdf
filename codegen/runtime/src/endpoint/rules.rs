//! A Smithy endpoint rule set (`smithy.rules#endpointRuleSet`) as data the evaluator
//! interprets: what a generated crate holds in a `static`, checked by the generator.
//!
//! Names are resolved before evaluation: every parameter and every value a condition assigns
//! (`"assign": "PartitionResult"`) has a *slot*, an index into the evaluation's scope
//! (parameters first, in [`RuleSet::parameters`] order, then one slot per `assign`), and
//! [`Expr::Ref`] and template [`Part`]s name slots. Templated strings (`"https://{Region}.x"`)
//! are split into [`Part`]s and `getAttr` paths (`PartitionResult#name`, `resourceId[0]`)
//! into [`Step`]s. The generator checks that every reference names a parameter or a value
//! assigned earlier in scope, and that every function has its arity.
//!
//! Every list and string is a [`Cow`], borrowed from static data in generated code or owned
//! when a rule set is built at run time (the generator's loader). Static data is written with
//! the variants and fields themselves (`Expr::Call(Call { function, args: Cow::Borrowed(&[..]) })`),
//! never through functions: only then does the compiler promote the nested `&[..]` to
//! `'static` (a function's result might need dropping).

use std::borrow::Cow;

/// A string of a rule set.
pub type Str = Cow<'static, str>;
/// A list of a rule set.
pub type List<T> = Cow<'static, [T]>;

/// A whole rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// The parameters, in slot order.
    pub parameters: List<Parameter>,
    /// The rules, tried in order.
    pub rules: List<Rule>,
    /// How many slots an evaluation needs: the parameters, then one per `assign`.
    pub slots: usize,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

impl ParameterType {
    /// The name the rule set uses (`string`, `boolean`, `stringArray`).
    pub fn name(self) -> &'static str {
        match self {
            ParameterType::String => "string",
            ParameterType::Boolean => "boolean",
            ParameterType::StringArray => "stringArray",
        }
    }
}

/// A parameter's default value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterValue {
    /// A string.
    String(Str),
    /// A boolean.
    Boolean(bool),
    /// A list of strings.
    StringArray(List<Str>),
}

/// A parameter of the rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// Its name in the rule set (`Region`).
    pub name: Str,
    /// Its type.
    pub ty: ParameterType,
    /// Whether evaluation needs a value (given or the default).
    pub required: bool,
    /// The value used when none is given.
    pub default: Option<ParameterValue>,
}

/// A rule: conditions, all of which must hold, and what it yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The conditions, evaluated in order; the first that fails skips the rule.
    pub conditions: List<Condition>,
    /// The result.
    pub kind: RuleKind,
}

/// What a rule yields when its conditions hold.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// An endpoint.
    Endpoint(EndpointTemplate),
    /// An error, with its message (a string expression).
    Error(Expr),
    /// Further rules, tried in order; one of them must match.
    Tree(List<Rule>),
}

/// The endpoint an endpoint rule yields.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTemplate {
    /// The URL (a string expression).
    pub url: Expr,
    /// Properties (such as `authSchemes`), by name.
    pub properties: List<(Str, Expr)>,
    /// Headers: name and values (string expressions).
    pub headers: List<(Str, List<Expr>)>,
}

/// A condition: a function call, holding when its value is set and not `false`; its value is
/// stored in a slot when the rule set assigns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The call.
    pub call: Call,
    /// The slot its value is assigned to.
    pub assign: Option<usize>,
}

/// A function call.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The function.
    pub function: Function,
    /// Its arguments.
    pub args: List<Expr>,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string literal, which may be a template.
    String(Template),
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// An array literal.
    Array(List<Expr>),
    /// An object literal (in endpoint properties).
    Object(List<(Str, Expr)>),
    /// The value of a slot (a parameter or an assigned value), unset when it has none.
    Ref(usize),
    /// A function call.
    Call(Call),
}

/// A string literal split into text and the values it interpolates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(pub List<Part>);

/// A piece of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text (`{{` and `}}` already unescaped).
    Text(Str),
    /// `{Name}`: a slot's value, which must be a string.
    Ref(usize),
    /// `{Name#path}`: the string at `path` inside a slot's value.
    Attr(usize, List<Step>),
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A record's field (`name`).
    Key(Str),
    /// An array's element (`[0]`).
    Index(usize),
}

/// Parses a `getAttr` path (`name`, `resourceId[2]`, `a.b[0].c`): fields separated by `.`, each
/// followed by any number of `[index]`. `None` when it is not one.
pub fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for (i, segment) in path.split('.').enumerate() {
        if segment.is_empty() {
            return None;
        }
        let (key, mut rest) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
        if key.is_empty() {
            // Only the first segment may start with an index (`[0]`).
            if i > 0 {
                return None;
            }
        } else if key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            steps.push(Step::Key(Cow::Owned(key.to_owned())));
        } else {
            return None;
        }
        while !rest.is_empty() {
            let inner = rest.strip_prefix('[')?;
            let end = inner.find(']')?;
            let digits = &inner[..end];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            steps.push(Step::Index(digits.parse().ok()?));
            rest = &inner[end + 1..];
        }
    }
    Some(steps)
}

/// A function of the rules engine's standard library or of the AWS extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Function {
    /// `isSet(value)`: whether the value is set.
    IsSet,
    /// `not(bool)`.
    Not,
    /// `booleanEquals(a, b)`.
    BooleanEquals,
    /// `stringEquals(a, b)`.
    StringEquals,
    /// `getAttr(value, path)`, the path parsed into steps.
    GetAttr(List<Step>),
    /// `substring(input, start, stop, reverse)`.
    Substring,
    /// `uriEncode(value)`.
    UriEncode,
    /// `parseURL(value)`.
    ParseUrl,
    /// `isValidHostLabel(value, allowSubDomains)`.
    IsValidHostLabel,
    /// `aws.partition(region)`.
    AwsPartition,
    /// `aws.parseArn(value)`.
    AwsParseArn,
    /// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`.
    AwsIsVirtualHostableS3Bucket,
}

impl Function {
    /// The function a rule set names (`fn`), with its path argument still to parse for
    /// `getAttr` (given as an empty path here). `None` for a name this evaluator does not know.
    pub fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "isSet" => Function::IsSet,
            "not" => Function::Not,
            "booleanEquals" => Function::BooleanEquals,
            "stringEquals" => Function::StringEquals,
            "getAttr" => Function::GetAttr(Cow::Borrowed(&[])),
            "substring" => Function::Substring,
            "uriEncode" => Function::UriEncode,
            "parseURL" => Function::ParseUrl,
            "isValidHostLabel" => Function::IsValidHostLabel,
            "aws.partition" => Function::AwsPartition,
            "aws.parseArn" => Function::AwsParseArn,
            "aws.isVirtualHostableS3Bucket" => Function::AwsIsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    /// The name a rule set uses.
    pub fn name(&self) -> &'static str {
        match self {
            Function::IsSet => "isSet",
            Function::Not => "not",
            Function::BooleanEquals => "booleanEquals",
            Function::StringEquals => "stringEquals",
            Function::GetAttr(_) => "getAttr",
            Function::Substring => "substring",
            Function::UriEncode => "uriEncode",
            Function::ParseUrl => "parseURL",
            Function::IsValidHostLabel => "isValidHostLabel",
            Function::AwsPartition => "aws.partition",
            Function::AwsParseArn => "aws.parseArn",
            Function::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// How many arguments a [`Call`] passes: for `getAttr` one, the value (the rule set's
    /// second argument, the path, is part of the function).
    pub fn arity(&self) -> usize {
        match self {
            Function::IsSet
            | Function::Not
            | Function::GetAttr(_)
            | Function::UriEncode
            | Function::ParseUrl
            | Function::AwsPartition
            | Function::AwsParseArn => 1,
            Function::BooleanEquals
            | Function::StringEquals
            | Function::IsValidHostLabel
            | Function::AwsIsVirtualHostableS3Bucket => 2,
            Function::Substring => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(Cow::Owned(k.to_owned()))
    }

    #[test]
    fn paths_parse_fields_and_indices() {
        assert_eq!(parse_path("name"), Some(vec![key("name")]));
        assert_eq!(
            parse_path("resourceId[2]"),
            Some(vec![key("resourceId"), Step::Index(2)])
        );
        assert_eq!(
            parse_path("a.b[0][1].c"),
            Some(vec![
                key("a"),
                key("b"),
                Step::Index(0),
                Step::Index(1),
                key("c")
            ])
        );
        assert_eq!(parse_path("[3]"), Some(vec![Step::Index(3)]));
        for bad in [
            "", "a.", ".a", "a..b", "a[", "a[]", "a[x]", "a[1]b", "a b", "a[-1]",
        ] {
            assert_eq!(parse_path(bad), None, "{bad:?}");
        }
    }
}
