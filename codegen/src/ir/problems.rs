//! The problems `ir::build` finds, collected so that one run reports them all (as loading a
//! model does), in the order found: the operations' selection, then the types (shapes in id
//! order), the patterns and the operations, then the names that collide.

use crate::error::Error;

/// Problems found so far.
#[derive(Debug, Default)]
pub(super) struct Problems(Vec<Error>);

impl Problems {
    /// Records a problem (the problems of an [`Error::Problems`] one by one).
    pub(super) fn push(&mut self, error: Error) {
        match error {
            Error::Problems { problems } => self.0.extend(problems),
            one => self.0.push(one),
        }
    }

    /// The value, or `None` having recorded the problem.
    pub(super) fn take<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.push(e)).ok()
    }

    /// `value` when there were no problems; else the one problem, or all of them.
    pub(super) fn finish<T>(self, value: T) -> Result<T, Error> {
        let mut problems = self.0;
        match problems.len() {
            0 => Ok(value),
            1 => Err(problems.remove(0)),
            _ => Err(Error::Problems { problems }),
        }
    }
}
