//! Server mode (missing required members are collected, not fatal) and the serialization
//! depth guard of recursive types.

use super::{ReadCodec, segment};
use std::cell::{Cell, RefCell};

use serde::de;
use serde::ser;

thread_local! {
    static SERVER_MODE: Cell<bool> = const { Cell::new(false) };
    static MISSING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether this thread is parsing a request for a server (see the module docs).
#[inline]
pub fn server_mode() -> bool {
    SERVER_MODE.with(Cell::get)
}

/// How many missing members are recorded so far (0 outside server mode).
#[inline]
pub fn mark(server: bool) -> usize {
    if server {
        MISSING.with(|m| m.borrow().len())
    } else {
        0
    }
}

/// Prefixes every missing member recorded since `mark` with `/name`.
#[inline]
pub fn prefix(server: bool, mark: usize, name: &str) {
    if server {
        prefix_segment(mark, &segment(name));
    }
}

pub(super) fn prefix_segment(mark: usize, segment: &str) {
    MISSING.with(|m| {
        for path in m.borrow_mut().iter_mut().skip(mark) {
            path.insert_str(0, &format!("/{segment}"));
        }
    });
}

/// A required member is absent: an error, or in server mode a recorded path and a placeholder.
#[cold]
pub fn missing<E: de::Error, C: ReadCodec>(name: &str) -> Result<C::Value, E> {
    if server_mode() {
        record_missing(name);
        Ok(C::placeholder())
    } else {
        Err(E::custom(format!(
            "/{}: missing required member `{name}`",
            segment(name)
        )))
    }
}

#[cold]
fn record_missing(name: &str) {
    MISSING.with(|m| m.borrow_mut().push(format!("/{}", segment(name))));
}

/// A member that a client holds as optional but a server requires (`@clientOptional` and
/// `@required`): in server mode an absent one is recorded as missing. The value is unchanged.
#[inline]
pub fn required_by_server<T>(value: Option<T>, name: &str) -> Option<T> {
    if value.is_none() && server_mode() {
        record_missing(name);
    }
    value
}

/// A member whose `@default` only a server fills (a `@clientOptional` or `@addedDefault` one,
/// or one of an `@input` structure): in server mode an absent one takes `default()`; a client
/// keeps it absent.
#[inline]
pub fn default_by_server<T>(value: Option<T>, default: impl FnOnce() -> T) -> Option<T> {
    match value {
        None if server_mode() => Some(default()),
        value => value,
    }
}

/// Runs `read` in server mode: the reads of a request's labels, query, headers and body are
/// strict where a client's are lenient (timestamps only in their format, no unknown union
/// members). The body's own parse enters the mode again to collect its missing members.
pub fn in_server_mode<R>(read: impl FnOnce() -> R) -> R {
    let _guard = ServerModeGuard::enter();
    read()
}

pub(super) struct ServerModeGuard {
    was: bool,
    saved: Vec<String>,
}

impl ServerModeGuard {
    pub(super) fn enter() -> Self {
        let was = SERVER_MODE.with(|s| s.replace(true));
        let saved = MISSING.with(|m| std::mem::take(&mut *m.borrow_mut()));
        ServerModeGuard { was, saved }
    }

    pub(super) fn take(&mut self) -> Vec<String> {
        MISSING.with(|m| std::mem::take(&mut *m.borrow_mut()))
    }
}

impl Drop for ServerModeGuard {
    fn drop(&mut self) {
        SERVER_MODE.with(|s| s.set(self.was));
        let saved = std::mem::take(&mut self.saved);
        MISSING.with(|m| *m.borrow_mut() = saved);
    }
}

// ---------------------------------------------------------------------------------------------
// Serialization depth (recursive types only)

thread_local! {
    static SER_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// How deeply values of recursive types may nest when serialized.
pub const MAX_SERIALIZE_NESTING: u32 = 128;

/// Counts one level of a recursive value being serialized; dropping it leaves the level.
pub struct NestGuard(());

impl Drop for NestGuard {
    fn drop(&mut self) {
        SER_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one level of a recursive value; an error past [`MAX_SERIALIZE_NESTING`], so a
/// hostile value cannot overflow the stack.
#[inline]
pub fn nest<E: ser::Error>() -> Result<NestGuard, E> {
    SER_DEPTH.with(|d| {
        let depth = d.get();
        if depth >= MAX_SERIALIZE_NESTING {
            Err(E::custom(format!(
                "a value nests deeper than {MAX_SERIALIZE_NESTING} levels"
            )))
        } else {
            d.set(depth + 1);
            Ok(NestGuard(()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_optional_members_are_required_or_defaulted_in_server_mode_only() {
        assert_eq!(required_by_server::<i32>(None, "a"), None);
        assert_eq!(default_by_server(None, || 5), None);
        let mut guard = ServerModeGuard::enter();
        assert_eq!(required_by_server(Some(1), "a"), Some(1));
        assert_eq!(required_by_server::<i32>(None, "a/b"), None);
        assert_eq!(default_by_server(None, || 5), Some(5));
        assert_eq!(default_by_server(Some(1), || 5), Some(1));
        assert_eq!(guard.take(), ["/a~1b"]);
    }
}
