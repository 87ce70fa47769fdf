//! The signer: a request, credentials and a time in; the same request signed, and the
//! intermediate results, out.

use super::canonical::{
    UNSIGNED_HEADERS, canonical_header_value, canonical_query, canonical_uri, hex, hmac,
    sha256_hex, signing_key,
};
use super::settings::{
    PayloadHash, SessionTokenMode, SignatureLocation, SigningSettings, UriEncoding,
};
use super::{Credentials, SigningError};
use crate::__private::json_text::{format_amz_date, format_date_time};
use crate::__private::protocol::encode;
use http::header::{AUTHORIZATION, HOST, HeaderName, HeaderValue};
use http::uri::PathAndQuery;
use std::collections::BTreeMap;
use std::time::SystemTime;

/// The signature algorithm's name, the first word of every SigV4 `Authorization` header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The payload hash that leaves the body out of the signature.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The longest validity of a presigned request: 7 days.
pub const MAX_EXPIRES_IN_SECS: u64 = 604_800;

const X_AMZ_DATE: &str = "x-amz-date";
const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";

/// The query parameters query signing writes (dropped first when a request is signed again).
const SIGNING_PARAMS: &[&str] = &[
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Security-Token",
    "X-Amz-Signature",
];

/// Signs requests for one service (by its signing name, the model's `aws.auth#sigv4` name,
/// which generated crates expose as `SIGNING_NAME`) in one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    service: String,
    region: String,
    settings: SigningSettings,
}

/// What signing produced besides the signed request: for tests and debugging (compare with
/// the `canonical request` a service's `SignatureDoesNotMatch` error quotes).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningOutput {
    /// The canonical request, lines joined by `\n`.
    pub canonical_request: String,
    /// The string to sign: algorithm, time, scope and the canonical request's hash.
    pub string_to_sign: String,
    /// The signature, lowercase hex.
    pub signature: String,
    /// The signed header names, `;`-separated (`host;x-amz-date`).
    pub signed_headers: String,
}

impl Signer {
    /// A signer for `service` (the signing name, e.g. `connect`) in `region` (e.g.
    /// `us-east-1`), with the default [`SigningSettings`].
    pub fn new(service: impl Into<String>, region: impl Into<String>) -> Self {
        Signer {
            service: service.into(),
            region: region.into(),
            settings: SigningSettings::default(),
        }
    }

    /// The same signer with other settings.
    #[must_use]
    pub fn with_settings(mut self, settings: SigningSettings) -> Self {
        self.settings = settings;
        self
    }

    /// The signing name.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The settings.
    pub fn settings(&self) -> &SigningSettings {
        &self.settings
    }

    /// Signs `request` in place as of `time`.
    ///
    /// Sets `Host` from the URI's authority when the request has none (without the scheme's
    /// default port), so the request is complete as sent. With header signing it sets
    /// `X-Amz-Date`, `Authorization` and, as the settings say, `X-Amz-Security-Token` and
    /// `x-amz-content-sha256`, replacing earlier values; with query signing it appends the
    /// `X-Amz-*` parameters to the URI (dropping earlier ones). Every header present is
    /// signed except `authorization`, `user-agent`, `x-amzn-trace-id`, `expect` and
    /// `transfer-encoding`, which proxies and HTTP stacks may change.
    ///
    /// # Errors
    ///
    /// [`SigningError`] when the request has no host, a header value is not UTF-8, the
    /// credentials expired before `time`, the time is outside the years 0 to 9999, the expiry
    /// is out of range, or the scope is empty. The request is left unchanged then.
    pub fn sign<B: AsRef<[u8]>>(
        &self,
        request: &mut http::Request<B>,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<SigningOutput, SigningError> {
        let plan = self.plan(request, credentials, time)?;
        plan.apply(request)?;
        Ok(plan.output)
    }

    fn plan<B: AsRef<[u8]>>(
        &self,
        request: &http::Request<B>,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<Plan, SigningError> {
        check_scope_part("region", &self.region)?;
        check_scope_part("signing name", &self.service)?;
        if let Some(expiry) = credentials.expiry() {
            if expiry <= time {
                return Err(SigningError::ExpiredCredentials {
                    expiry: format_date_time(expiry).unwrap_or_else(|| "?".to_owned()),
                    time: format_date_time(time).unwrap_or_else(|| "?".to_owned()),
                });
            }
        }
        let amz_date = format_amz_date(time).ok_or(SigningError::InvalidTime)?;
        let date = &amz_date[..8];
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        let settings = &self.settings;
        let payload_hash = match &settings.payload {
            PayloadHash::Sha256 => sha256_hex(request.body().as_ref()),
            PayloadHash::Unsigned => UNSIGNED_PAYLOAD.to_owned(),
            PayloadHash::Precomputed(hash) => hash.clone(),
        };
        let token = credentials.session_token();
        let sign_token = settings.session_token == SessionTokenMode::Signed;

        let host = match request.headers().get(HOST) {
            Some(_) => None,
            None => Some(host_from_uri(request.uri()).ok_or(SigningError::MissingHost)?),
        };
        // Headers to set before signing; replaced if present.
        let mut set: Vec<(&'static str, String)> = Vec::new();
        if let Some(host) = &host {
            set.push(("host", host.clone()));
        }
        let query_expiry = match settings.location {
            SignatureLocation::Headers => {
                set.push((X_AMZ_DATE, amz_date.clone()));
                if settings.content_sha256_header {
                    set.push((X_AMZ_CONTENT_SHA256, payload_hash.clone()));
                }
                if let (Some(token), true) = (token, sign_token) {
                    set.push((X_AMZ_SECURITY_TOKEN, token.to_owned()));
                }
                None
            }
            SignatureLocation::Query { expires_in } => {
                let secs = expires_in.as_secs();
                if secs == 0 || secs > MAX_EXPIRES_IN_SECS || expires_in.subsec_nanos() != 0 {
                    return Err(SigningError::InvalidExpiry { expires_in });
                }
                Some(secs.to_string())
            }
        };

        let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in request.headers() {
            let name = name.as_str();
            let replaced = set.iter().any(|(n, _)| *n == name);
            let token_after = name == X_AMZ_SECURITY_TOKEN && token.is_some() && !sign_token;
            if replaced || token_after || UNSIGNED_HEADERS.contains(&name) {
                continue;
            }
            let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
                SigningError::InvalidHeaderValue {
                    name: name.to_owned(),
                }
            })?;
            headers
                .entry(name.to_owned())
                .or_default()
                .push(canonical_header_value(text));
        }
        for (name, value) in &set {
            headers.insert((*name).to_owned(), vec![canonical_header_value(value)]);
        }
        let signed_headers = headers
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(";");
        let canonical_headers: String = headers
            .iter()
            .map(|(name, values)| format!("{name}:{}\n", values.join(",")))
            .collect();

        // The query as sent, less the parameters of an earlier query signature.
        let kept_raw = request
            .uri()
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|part| {
                let name = part.split_once('=').map_or(*part, |(k, _)| k);
                let resigned = query_expiry.is_some() && SIGNING_PARAMS.contains(&name);
                !part.is_empty() && !resigned
            })
            .collect::<Vec<_>>()
            .join("&");
        let credential = format!("{}/{scope}", credentials.access_key_id());
        let mut query_params: Vec<(&'static str, String)> = Vec::new();
        if let Some(expires) = &query_expiry {
            query_params.push(("X-Amz-Algorithm", ALGORITHM.to_owned()));
            query_params.push(("X-Amz-Credential", credential.clone()));
            query_params.push(("X-Amz-Date", amz_date.clone()));
            query_params.push(("X-Amz-SignedHeaders", signed_headers.clone()));
            query_params.push(("X-Amz-Expires", expires.clone()));
            if let (Some(token), true) = (token, sign_token) {
                query_params.push(("X-Amz-Security-Token", token.to_owned()));
            }
        }
        let extra: Vec<(&str, &str)> = query_params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let canonical_request = format!(
            "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
            request.method().as_str(),
            canonical_uri(
                request.uri().path(),
                settings.normalize_path,
                settings.uri_encoding == UriEncoding::Double,
            ),
            canonical_query(Some(&kept_raw), &extra),
        );
        let string_to_sign = format!(
            "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
            sha256_hex(canonical_request.as_bytes())
        );
        let key = signing_key(
            credentials.secret_access_key(),
            date,
            &self.region,
            &self.service,
        );
        let signature = hex(&hmac(&key, string_to_sign.as_bytes()));

        // Everything the request gains, decided before anything is changed.
        let mut new_headers: Vec<(HeaderName, HeaderValue)> = Vec::new();
        for (name, value) in &set {
            new_headers.push((HeaderName::from_static(name), header_value(name, value)?));
        }
        let mut new_path_and_query = None;
        if query_expiry.is_some() {
            query_params.push(("X-Amz-Signature", signature.clone()));
            if let (Some(token), false) = (token, sign_token) {
                let at = query_params.len() - 1;
                query_params.insert(at, ("X-Amz-Security-Token", token.to_owned()));
            }
            let mut query = kept_raw;
            for (k, v) in &query_params {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&format!("{k}={}", encode(v, false)));
            }
            let text = format!("{}?{query}", request.uri().path());
            let parsed = text.parse::<PathAndQuery>().map_err(|e| {
                SigningError::Unrepresentable(format!("the signed URI `{text}` is invalid: {e}"))
            })?;
            new_path_and_query = Some(parsed);
        } else {
            let authorization = format!(
                "{ALGORITHM} Credential={credential}, SignedHeaders={signed_headers}, Signature={signature}"
            );
            new_headers.push((
                AUTHORIZATION,
                header_value("authorization", &authorization)?,
            ));
            if let (Some(token), false) = (token, sign_token) {
                new_headers.push((
                    HeaderName::from_static(X_AMZ_SECURITY_TOKEN),
                    header_value(X_AMZ_SECURITY_TOKEN, token)?,
                ));
            }
        }
        Ok(Plan {
            new_headers,
            new_path_and_query,
            output: SigningOutput {
                canonical_request,
                string_to_sign,
                signature,
                signed_headers,
            },
        })
    }
}

/// The changes signing makes to a request, all checked before the first is made.
struct Plan {
    new_headers: Vec<(HeaderName, HeaderValue)>,
    new_path_and_query: Option<PathAndQuery>,
    output: SigningOutput,
}

impl Plan {
    fn apply<B>(&self, request: &mut http::Request<B>) -> Result<(), SigningError> {
        if let Some(path_and_query) = &self.new_path_and_query {
            let mut parts = request.uri().clone().into_parts();
            parts.path_and_query = Some(path_and_query.clone());
            let uri = http::Uri::from_parts(parts).map_err(|e| {
                SigningError::Unrepresentable(format!("the signed URI is invalid: {e}"))
            })?;
            *request.uri_mut() = uri;
        }
        let headers = request.headers_mut();
        headers.remove(AUTHORIZATION);
        for (name, value) in &self.new_headers {
            headers.insert(name.clone(), value.clone());
        }
        Ok(())
    }
}

fn check_scope_part(what: &'static str, value: &str) -> Result<(), SigningError> {
    if value.is_empty() || value.contains('/') || value.chars().any(char::is_whitespace) {
        return Err(SigningError::InvalidScope {
            what,
            value: value.to_owned(),
        });
    }
    Ok(())
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(value).map_err(|_| {
        SigningError::Unrepresentable(format!("the value of `{name}` cannot be sent in a header"))
    })
}

/// `host[:port]` of a URI, without the scheme's default port.
fn host_from_uri(uri: &http::Uri) -> Option<String> {
    let authority = uri.authority()?;
    let host = authority.host();
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Some(match authority.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}
