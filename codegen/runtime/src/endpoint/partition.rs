//! The partitions `aws.partition` consults: the AWS partitions embedded in this crate
//! ([`Partitions::aws`]), or your own ([`Partitions::new`], [`Partitions::from_json`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::Value;

#[path = "partitions_data.rs"]
mod data;

/// One row of the embedded table.
struct PartitionData {
    id: &'static str,
    region_regex: &'static str,
    regions: &'static [&'static str],
    name: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: &'static str,
}

/// A partition: a group of regions sharing DNS suffixes and capabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// Its id (`aws`, `aws-cn`, `aws-us-gov`, ...).
    pub id: String,
    /// The pattern a region of the partition matches, when the partition does not list it.
    pub region_regex: String,
    /// The regions the partition lists.
    pub regions: Vec<String>,
    /// What `aws.partition` returns for it.
    pub outputs: PartitionOutputs,
}

/// What `aws.partition` returns for a partition: the fields of `PartitionResult`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// `name`: the partition's name (`aws`).
    pub name: String,
    /// `dnsSuffix` (`amazonaws.com`).
    pub dns_suffix: String,
    /// `dualStackDnsSuffix` (`api.aws`).
    pub dual_stack_dns_suffix: String,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `implicitGlobalRegion` (`us-east-1`).
    pub implicit_global_region: String,
}

impl PartitionOutputs {
    /// The record a rule set reads with `getAttr`.
    pub(super) fn to_value(&self) -> Value {
        let s = |v: &str| Value::String(v.to_owned());
        Value::Record(BTreeMap::from([
            ("name".to_owned(), s(&self.name)),
            ("dnsSuffix".to_owned(), s(&self.dns_suffix)),
            (
                "dualStackDnsSuffix".to_owned(),
                s(&self.dual_stack_dns_suffix),
            ),
            ("supportsFIPS".to_owned(), Value::Bool(self.supports_fips)),
            (
                "supportsDualStack".to_owned(),
                Value::Bool(self.supports_dual_stack),
            ),
            (
                "implicitGlobalRegion".to_owned(),
                s(&self.implicit_global_region),
            ),
        ]))
    }
}

/// The partitions a resolution consults, with their region patterns compiled.
#[derive(Debug, Clone)]
pub struct Partitions {
    entries: Vec<(Partition, regex_lite::Regex)>,
}

/// Partitions that cannot be used: a region pattern that does not compile, or a partitions
/// file that does not have the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionsError {
    message: String,
}

impl std::fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PartitionsError {}

fn invalid(message: String) -> PartitionsError {
    PartitionsError { message }
}

impl Partitions {
    /// The version of the AWS partitions file [`Partitions::aws`] was read from.
    pub const AWS_VERSION: &'static str = data::VERSION;

    /// The AWS partitions embedded in this crate (8 partitions, from version 1.1 of the AWS
    /// partitions file).
    pub fn aws() -> &'static Partitions {
        static AWS: OnceLock<Partitions> = OnceLock::new();
        AWS.get_or_init(|| {
            let list = data::PARTITIONS.iter().map(|p| Partition {
                id: p.id.to_owned(),
                region_regex: p.region_regex.to_owned(),
                regions: p.regions.iter().map(|r| (*r).to_owned()).collect(),
                outputs: PartitionOutputs {
                    name: p.name.to_owned(),
                    dns_suffix: p.dns_suffix.to_owned(),
                    dual_stack_dns_suffix: p.dual_stack_dns_suffix.to_owned(),
                    supports_fips: p.supports_fips,
                    supports_dual_stack: p.supports_dual_stack,
                    implicit_global_region: p.implicit_global_region.to_owned(),
                },
            });
            let entries = list
                .filter_map(|p| {
                    // The embedded patterns compile (tested); a failure would leave the
                    // partition reachable by its listed regions only.
                    let regex = regex_lite::Regex::new(&p.region_regex).ok()?;
                    Some((p, regex))
                })
                .collect();
            Partitions { entries }
        })
    }

    /// Your own partitions, in the order they are tried; an error names the partition whose
    /// region pattern does not compile.
    pub fn new(partitions: Vec<Partition>) -> Result<Partitions, PartitionsError> {
        let entries = partitions
            .into_iter()
            .map(|p| match regex_lite::Regex::new(&p.region_regex) {
                Ok(regex) => Ok((p, regex)),
                Err(e) => Err(invalid(format!(
                    "partition `{}`: invalid regionRegex {:?}: {e}",
                    p.id, p.region_regex
                ))),
            })
            .collect::<Result<_, _>>()?;
        Ok(Partitions { entries })
    }

    /// Partitions read from a file in the form of the AWS partitions file
    /// (`{"partitions": [{"id", "regionRegex", "regions": {name: {...}}, "outputs": {...}}]}`).
    /// Per-region output overrides are not read.
    pub fn from_json(text: &str) -> Result<Partitions, PartitionsError> {
        let doc: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(format!("partitions file: {e}")))?;
        let list = doc
            .get("partitions")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| invalid("partitions file: no `partitions` array".to_owned()))?;
        let partitions = list
            .iter()
            .enumerate()
            .map(|(i, p)| {
                partition_from_json(p).map_err(|e| invalid(format!("partition {i}: {e}")))
            })
            .collect::<Result<_, _>>()?;
        Partitions::new(partitions)
    }

    /// The partitions, in the order they are tried.
    pub fn iter(&self) -> impl Iterator<Item = &Partition> {
        self.entries.iter().map(|(p, _)| p)
    }

    /// `aws.partition(region)`: the partition listing `region`; else the first whose region
    /// pattern matches it; else the partition with id `aws`, the default (`None` when there is
    /// none).
    pub fn resolve(&self, region: &str) -> Option<&Partition> {
        let listed = self
            .entries
            .iter()
            .find(|(p, _)| p.regions.iter().any(|r| r == region));
        let matched = || {
            self.entries
                .iter()
                .find(|(_, regex)| regex.is_match(region))
        };
        let default = || self.entries.iter().find(|(p, _)| p.id == "aws");
        listed.or_else(matched).or_else(default).map(|(p, _)| p)
    }
}

fn partition_from_json(p: &serde_json::Value) -> Result<Partition, String> {
    let text = |v: &serde_json::Value, key: &str| -> Result<String, String> {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("missing string `{key}`"))
    };
    let flag = |v: &serde_json::Value, key: &str| -> Result<bool, String> {
        v.get(key)
            .and_then(serde_json::Value::as_bool)
            .ok_or_else(|| format!("missing boolean `{key}`"))
    };
    let outputs = p.get("outputs").ok_or("missing `outputs`")?;
    let regions = match p.get("regions") {
        None => Vec::new(),
        Some(serde_json::Value::Object(regions)) => regions.keys().cloned().collect(),
        Some(_) => return Err("`regions` is not an object".to_owned()),
    };
    Ok(Partition {
        id: text(p, "id")?,
        region_regex: text(p, "regionRegex")?,
        regions,
        outputs: PartitionOutputs {
            name: text(outputs, "name")?,
            dns_suffix: text(outputs, "dnsSuffix")?,
            dual_stack_dns_suffix: text(outputs, "dualStackDnsSuffix")?,
            supports_fips: flag(outputs, "supportsFIPS")?,
            supports_dual_stack: flag(outputs, "supportsDualStack")?,
            implicit_global_region: text(outputs, "implicitGlobalRegion")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(region: &str) -> Option<&'static str> {
        Partitions::aws().resolve(region).map(|p| p.id.as_str())
    }

    #[test]
    fn every_embedded_partition_compiles() {
        assert_eq!(Partitions::aws().iter().count(), data::PARTITIONS.len());
        assert_eq!(data::PARTITIONS.len(), 8);
        assert_eq!(Partitions::AWS_VERSION, "1.1");
    }

    #[test]
    fn regions_resolve_by_list_then_pattern_then_default() {
        // listed
        assert_eq!(id("us-east-1"), Some("aws"));
        assert_eq!(id("aws-global"), Some("aws"));
        assert_eq!(id("aws-cn-global"), Some("aws-cn"));
        assert_eq!(id("us-gov-west-1"), Some("aws-us-gov"));
        // by pattern: regions not listed yet
        assert_eq!(id("us-east-9"), Some("aws"));
        assert_eq!(id("cn-south-7"), Some("aws-cn"));
        assert_eq!(id("us-isob-north-3"), Some("aws-iso-b"));
        assert_eq!(id("eusc-de-west-2"), Some("aws-eusc"));
        assert_eq!(id("us-gov-north-5"), Some("aws-us-gov"));
        // `\w` is ASCII and the pattern is anchored: otherwise the default partition
        assert_eq!(id("us-éast-1"), Some("aws"));
        assert_eq!(id("not a region"), Some("aws"));
        assert_eq!(id(""), Some("aws"));
    }

    #[test]
    fn outputs_are_the_partition_result_record() {
        let p = Partitions::aws().resolve("cn-north-1").unwrap();
        let Value::Record(fields) = p.outputs.to_value() else {
            panic!("not a record")
        };
        assert_eq!(fields["name"], Value::String("aws-cn".into()));
        assert_eq!(
            fields["dnsSuffix"],
            Value::String("amazonaws.com.cn".into())
        );
        assert_eq!(fields["supportsFIPS"], Value::Bool(true));
        assert_eq!(fields.len(), 6);
    }

    #[test]
    fn own_partitions_from_json() {
        let text = r#"{"partitions": [{"id": "lab", "regionRegex": "^lab-\\d+$",
            "regions": {"lab-global": {}}, "outputs": {"name": "lab", "dnsSuffix": "lab.test",
            "dualStackDnsSuffix": "ds.lab.test", "supportsFIPS": false, "supportsDualStack": true,
            "implicitGlobalRegion": "lab-1"}}]}"#;
        let own = Partitions::from_json(text).unwrap();
        assert_eq!(own.resolve("lab-7").unwrap().outputs.dns_suffix, "lab.test");
        assert_eq!(own.resolve("lab-global").unwrap().id, "lab");
        // no `aws` partition: no default
        assert!(own.resolve("us-east-1").is_none());
        let bad = text.replace("^lab-\\\\d+$", "(");
        let err = Partitions::from_json(&bad).unwrap_err().to_string();
        assert!(
            err.starts_with("partition `lab`: invalid regionRegex \"(\""),
            "{err}"
        );
        let err = Partitions::from_json(r#"{"partitions": [{"id": "x"}]}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "partition 0: missing `outputs`");
        assert!(Partitions::from_json("[]").is_err());
    }

    /// The embedded facts are those of the AWS partitions file, when `AWS_PARTITIONS` names it.
    #[test]
    fn embedded_partitions_match_the_aws_file() {
        let Some(path) = std::env::var_os("AWS_PARTITIONS") else {
            eprintln!(
                "SKIPPED: AWS_PARTITIONS is not set (`.ci/run` sets it when ../shared exists)"
            );
            return;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let file = Partitions::from_json(&text).unwrap();
        let ours: Vec<&Partition> = Partitions::aws().iter().collect();
        let theirs: Vec<&Partition> = file.iter().collect();
        assert_eq!(ours, theirs);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["version"], data::VERSION);
    }
}
