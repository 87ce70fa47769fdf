//! Which service and which operations: the configuration's choice, with a "did you mean" for
//! operation names the service does not have.

use std::collections::BTreeSet;

use super::problems::Problems;
use crate::error::Error;
use crate::model::{Model, Service, Shape, ShapeId};
use crate::{Config, OperationSelection};

/// The service `config` names, or the model's only one.
pub(super) fn service<'m>(
    model: &'m Model,
    config: &Config,
) -> Result<(&'m Shape, &'m Service), Error> {
    let services: Vec<_> = model.services().collect();
    if let Some(wanted) = &config.service {
        return services
            .into_iter()
            .find(|(shape, _)| &shape.id == wanted)
            .ok_or_else(|| Error::Service {
                reason: format!("the model has no service shape `{wanted}`"),
            });
    }
    match services.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Service {
            reason: "the model has no service shape; add one that binds the operations".to_owned(),
        }),
        many => Err(Error::Service {
            reason: format!(
                "the model has {} service shapes ({}); choose one",
                many.len(),
                many.iter()
                    .map(|(s, _)| format!("`{}`", s.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

/// The operations `selection` names, in id order; every name the service does not have is a
/// problem, with the closest name it has.
pub(super) fn operations(
    model: &Model,
    service_shape: &Shape,
    service: &Service,
    selection: &OperationSelection,
    problems: &mut Problems,
) -> Vec<ShapeId> {
    let available = model.service_operations(service);
    let names = match selection {
        OperationSelection::All => return available,
        OperationSelection::Named(names) => names,
    };
    let mut chosen = BTreeSet::new();
    for name in names {
        match available
            .iter()
            .find(|id| id.name() == name || id.as_str() == name)
        {
            Some(found) => {
                chosen.insert(found.clone());
            }
            None => problems.push(Error::UnknownOperation {
                name: name.clone(),
                service: service_shape.id.to_string(),
                suggestion: closest(name, available.iter().map(ShapeId::name)),
            }),
        }
    }
    chosen.into_iter().collect()
}

/// Operations left out, with the reason (see [`super::Crate::skipped`]).
pub(super) type Skipped = Vec<(ShapeId, String)>;

/// The operations among `ids` the generator supports, and those it leaves out (with the
/// reason) under [`Config::skip_unsupported`]; without it each unsupported operation is a
/// problem.
pub(super) fn supported(
    model: &Model,
    ids: Vec<ShapeId>,
    config: &Config,
    problems: &mut Problems,
) -> (Vec<ShapeId>, Skipped) {
    let mut skipped = Vec::new();
    let mut kept = Vec::new();
    for id in ids {
        match super::unsupported::operation(model, &id) {
            None => kept.push(id),
            Some(reason) if config.skip_unsupported => skipped.push((id, reason)),
            Some(reason) => problems.push(Error::UnsupportedOperation {
                id: id.to_string(),
                feature: reason,
            }),
        }
    }
    (kept, skipped)
}

/// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let wanted = name.to_lowercase();
    candidates
        .map(|c| (edit_distance(&wanted, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(wanted.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c.to_owned())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_matches_only() {
        let ops = ["StartChatContact", "StartTaskContact", "StopContact"];
        assert_eq!(
            closest("StartChatContct", ops.into_iter()).as_deref(),
            Some("StartChatContact")
        );
        assert_eq!(
            closest("startchatcontact", ops.into_iter()).as_deref(),
            Some("StartChatContact")
        );
        assert_eq!(closest("DescribeUser", ops.into_iter()), None);
    }
}
