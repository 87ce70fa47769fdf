//! Routing: which operation of a service a request is for, by method, path template and the
//! literal query parameters of the `@http` URI, as a Smithy server routes.

use super::{PathSegment, RequestRejection, match_path, parse_query};

/// One operation's route: its `@http` method, path template and literal query parameters
/// (`?key=value&flag`: the key must be present, with that value when one is given).
pub struct Route {
    /// The method.
    pub method: &'static str,
    /// The path template.
    pub path: &'static [PathSegment],
    /// The literal query parameters.
    pub query: &'static [(&'static str, Option<&'static str>)],
}

impl Route {
    /// How specific the route is: literal segments first, then labels, then literal query
    /// parameters (so `/a/b` wins over `/a/{x}`, which wins over `/a/{x+}`).
    fn specificity(&self) -> (usize, usize, usize) {
        let literal = self
            .path
            .iter()
            .filter(|s| matches!(s, PathSegment::Literal(_)))
            .count();
        let labels = self
            .path
            .iter()
            .filter(|s| matches!(s, PathSegment::Label(_)))
            .count();
        (literal, labels, self.query.len())
    }
}

/// The index in `routes` of the operation `request` is for: the most specific route whose
/// path and literal query match and whose method is the request's. A path no route matches is
/// a 404, a path whose routes take other methods a 405 (both `UnknownOperationException`).
pub fn route<B>(request: &::http::Request<B>, routes: &[Route]) -> Result<usize, RequestRejection> {
    let path = request.uri().path();
    let query = parse_query(request.uri().query())?;
    let method = request.method().as_str();
    let mut best: Option<((usize, usize, usize), usize)> = None;
    let mut path_matched = false;
    for (index, candidate) in routes.iter().enumerate() {
        let query_matches = candidate.query.iter().all(|(key, value)| {
            query
                .iter()
                .any(|(k, v)| k == key && value.is_none_or(|value| v == value))
        });
        if !query_matches || match_path(candidate.path, path).is_none() {
            continue;
        }
        path_matched = true;
        if candidate.method != method {
            continue;
        }
        let key = candidate.specificity();
        if best.is_none_or(|(best, _)| key > best) {
            best = Some((key, index));
        }
    }
    match best {
        Some((_, index)) => Ok(index),
        None if path_matched => Err(RequestRejection::MethodNotAllowed(method.to_owned())),
        None => Err(RequestRejection::NotFound(path.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTES: &[Route] = &[
        Route {
            method: "GET",
            path: &[PathSegment::Literal("a"), PathSegment::Greedy("rest")],
            query: &[],
        },
        Route {
            method: "GET",
            path: &[PathSegment::Literal("a"), PathSegment::Label("x")],
            query: &[],
        },
        Route {
            method: "GET",
            path: &[PathSegment::Literal("a"), PathSegment::Literal("b")],
            query: &[],
        },
        Route {
            method: "POST",
            path: &[PathSegment::Literal("a"), PathSegment::Literal("b")],
            query: &[("flag", None), ("k", Some("v"))],
        },
    ];

    fn at(method: &str, uri: &str) -> Result<usize, u16> {
        let request = ::http::Request::builder()
            .method(method)
            .uri(uri)
            .body(())
            .unwrap_or_default();
        route(&request, ROUTES).map_err(|e| e.into_http_response().status().as_u16())
    }

    #[test]
    fn the_most_specific_route_wins() {
        assert_eq!(at("GET", "/a/b"), Ok(2));
        assert_eq!(at("GET", "/a/c"), Ok(1));
        assert_eq!(at("GET", "/a/c/d"), Ok(0));
    }

    #[test]
    fn literal_query_parameters_must_be_present() {
        assert_eq!(at("POST", "/a/b?k=v&flag"), Ok(3));
        assert_eq!(at("POST", "/a/b?flag=1&k=v&other=2"), Ok(3));
        // Without them the path matches only GET routes: the method is not allowed.
        assert_eq!(at("POST", "/a/b?k=w&flag"), Err(405));
        assert_eq!(at("POST", "/a/b"), Err(405));
    }

    #[test]
    fn unknown_paths_and_methods_are_refused() {
        assert_eq!(at("GET", "/nope"), Err(404));
        assert_eq!(at("GET", "/a"), Err(404));
        assert_eq!(at("DELETE", "/a/b"), Err(405));
    }
}
