//! A client's configuration and its builder.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::retry::{RetryConfig, RetryKind, RetryQuota, TimeoutConfig};
use super::{Sleep, Transport};
use crate::endpoint::{Endpoint, EndpointError};
use crate::sigv4::{
    CredentialsChain, CredentialsError, Env, ProfileFiles, ProvideCredentials, Signer,
    SigningSettings, UriEncoding,
};

/// What a generated crate tells the client about its service.
#[derive(Debug)]
pub struct Service {
    /// The SigV4 signing name (`connect`).
    pub signing_name: &'static str,
    /// Every error shape of the service, by error code, with its `@retryable` trait:
    /// `Some(Throttling)` for `@retryable(throttling: true)`, `Some(Transient)` for
    /// `@retryable`, `None` without the trait.
    pub errors: &'static [(&'static str, Option<RetryKind>)],
    /// The service's endpoint rule set, given the built-in parameters.
    pub resolve_endpoint: fn(&EndpointSettings) -> Result<Endpoint, EndpointError>,
}

/// The built-in parameters of an AWS endpoint rule set, as a client sets them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndpointSettings {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: the endpoint override.
    pub endpoint: Option<String>,
}

/// A generated client type: built from a [`Config`] for its [`Service`].
pub trait ServiceClient: Sized {
    /// The service the client calls.
    const SERVICE: &'static Service;
    /// The client over `config`.
    fn from_config(config: Config) -> Self;
}

/// Everything a call needs: where to send, how to sign, how to retry, what carries it.
pub struct Config {
    pub(super) service: &'static Service,
    pub(super) region: String,
    pub(super) endpoint: Endpoint,
    pub(super) signer: Signer,
    pub(super) credentials: Arc<dyn ProvideCredentials>,
    pub(super) retry: RetryConfig,
    pub(super) timeouts: TimeoutConfig,
    pub(super) transport: Arc<dyn Transport>,
    pub(super) sleep: Arc<dyn Sleep>,
    pub(super) quota: RetryQuota,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("signing_name", &self.signer.service())
            .field("signing_region", &self.signer.region())
            .field("endpoint", &self.endpoint.url)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("transport", &self.transport)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The signer requests are signed with: the service's signing name and the region, unless
    /// the endpoint's `authSchemes` says otherwise (see [`signer_for`]).
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The retry configuration.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeouts.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }
}

/// Why a client could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was set, and none was found in the environment or the profile.
    NoRegion(CredentialsError),
    /// The endpoint rule set gave no endpoint for these settings.
    Endpoint(EndpointError),
    /// The endpoint asks for signing the client cannot do, or its `authSchemes` property is
    /// malformed.
    AuthScheme(String),
    /// No transport was set (enable the feature `hyper` for the default one).
    NoTransport,
    /// No sleep was set (enable the feature `hyper` for the default one).
    NoSleep,
    /// The default transport could not be made.
    Transport(super::TransportError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoRegion(e) => write!(f, "no region: set one with `region(..)` ({e})"),
            ConfigError::Endpoint(e) => write!(f, "no endpoint: {e}"),
            ConfigError::AuthScheme(reason) => write!(f, "cannot sign for this endpoint: {reason}"),
            ConfigError::NoTransport => f.write_str(
                "no transport: set one with `transport(..)` or enable the feature `hyper`",
            ),
            ConfigError::NoSleep => {
                f.write_str("no sleep: set one with `sleep(..)` or enable the feature `hyper`")
            }
            ConfigError::Transport(e) => write!(f, "no transport: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Builds the client `C` (a generated crate's `Client`): every setting has a default but
/// the region, which comes from `AWS_REGION` or the profile when not set.
///
/// Defaults: credentials from the environment then the shared files' profile
/// ([`CredentialsChain::default_chain`]), the endpoint from the service's rule set, the
/// standard retry mode, no timeout, and with the feature `hyper` its transport and sleep.
pub struct Builder<C> {
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint: EndpointSettings,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    transport: Option<Arc<dyn Transport>>,
    sleep: Option<Arc<dyn Sleep>>,
    env: Env,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for Builder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

impl<C: ServiceClient> Default for Builder<C> {
    fn default() -> Self {
        Builder::new()
    }
}

impl<C: ServiceClient> Builder<C> {
    /// A builder with every default.
    pub fn new() -> Self {
        Builder {
            region: None,
            credentials: None,
            endpoint: EndpointSettings::default(),
            retry: RetryConfig::standard(),
            timeouts: TimeoutConfig::new(),
            transport: None,
            sleep: None,
            env: Env::real(),
            client: PhantomData,
        }
    }

    /// The region to call and sign for (`us-east-1`).
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Where credentials come from: a [`Credentials`](crate::sigv4::Credentials) value, a
    /// chain, or your own [`ProvideCredentials`].
    #[must_use]
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends every request to this URL (a mock, a VPC endpoint) instead of the resolved one.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint.endpoint = Some(url.into());
        self
    }

    /// Chooses a FIPS endpoint.
    #[must_use]
    pub fn use_fips(mut self, fips: bool) -> Self {
        self.endpoint.use_fips = fips;
        self
    }

    /// Chooses a dual-stack (IPv4 and IPv6) endpoint.
    #[must_use]
    pub fn use_dual_stack(mut self, dual_stack: bool) -> Self {
        self.endpoint.use_dual_stack = dual_stack;
        self
    }

    /// How to retry.
    #[must_use]
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// The attempt and total timeouts.
    #[must_use]
    pub fn timeout(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// What carries the requests.
    #[must_use]
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// What waits between attempts and times out.
    #[must_use]
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// Where the default region and credentials are read from (tests set their own).
    #[must_use]
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`ConfigError`]: no region, no endpoint for the settings, no transport or sleep.
    pub fn build(self) -> Result<C, ConfigError> {
        let region = match self.region {
            Some(region) => region,
            None => crate::sigv4::region(&ProfileFiles::new(self.env.clone()))
                .map_err(ConfigError::NoRegion)?,
        };
        let settings = EndpointSettings {
            region: Some(region.clone()),
            ..self.endpoint
        };
        let endpoint = (C::SERVICE.resolve_endpoint)(&settings).map_err(ConfigError::Endpoint)?;
        let signer = signer_for(C::SERVICE.signing_name, &region, &endpoint)?;
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(CredentialsChain::default_chain(self.env)),
        };
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport()?,
        };
        let sleep = match self.sleep {
            Some(sleep) => sleep,
            None => default_sleep().ok_or(ConfigError::NoSleep)?,
        };
        Ok(C::from_config(Config {
            service: C::SERVICE,
            region,
            endpoint,
            signer,
            credentials,
            retry: self.retry,
            timeouts: self.timeouts,
            transport,
            sleep,
            quota: RetryQuota::new(),
        }))
    }
}

/// The SigV4 signer for requests to `endpoint`: its first `sigv4` entry of `authSchemes`
/// gives the signing name and region (each defaulting to `signing_name` and `region`) and
/// S3's encoding rules (`disableDoubleEncoding`, `disableNormalizePath`); without the
/// property, `signing_name` and `region` with the standard rules.
///
/// # Errors
///
/// [`ConfigError::AuthScheme`]: the property is malformed, or lists only schemes other than
/// `sigv4` (SigV4a and S3 Express are not supported yet).
pub fn signer_for(
    signing_name: &str,
    region: &str,
    endpoint: &Endpoint,
) -> Result<Signer, ConfigError> {
    let schemes = endpoint
        .auth_schemes()
        .map_err(|e| ConfigError::AuthScheme(e.to_string()))?;
    if schemes.is_empty() {
        return Ok(Signer::new(signing_name, region));
    }
    let Some(scheme) = schemes.iter().find(|scheme| scheme.name == "sigv4") else {
        let names: Vec<&str> = schemes.iter().map(|scheme| scheme.name.as_str()).collect();
        return Err(ConfigError::AuthScheme(format!(
            "the endpoint accepts only {}, and this client signs with `sigv4` alone",
            names.join(", ")
        )));
    };
    let mut settings = SigningSettings::default();
    if scheme.disable_double_encoding {
        settings = settings.uri_encoding(UriEncoding::Single);
    }
    if scheme.disable_normalize_path {
        settings = settings.normalize_path(false);
    }
    Ok(Signer::new(
        scheme.signing_name.as_deref().unwrap_or(signing_name),
        scheme.signing_region.as_deref().unwrap_or(region),
    )
    .with_settings(settings))
}

#[cfg(feature = "hyper")]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    match super::HyperTransport::new() {
        Ok(transport) => Ok(Arc::new(transport)),
        Err(e) => Err(ConfigError::Transport(e)),
    }
}

#[cfg(not(feature = "hyper"))]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError::NoTransport)
}

#[cfg(feature = "hyper")]
fn default_sleep() -> Option<Arc<dyn Sleep>> {
    Some(Arc::new(super::TokioSleep))
}

#[cfg(not(feature = "hyper"))]
fn default_sleep() -> Option<Arc<dyn Sleep>> {
    None
}

/// The endpoint of a service without an endpoint rule set: the override, which it needs.
///
/// # Errors
///
/// [`EndpointError::Rule`] when no endpoint URL was set.
pub fn endpoint_override(settings: &EndpointSettings) -> Result<Endpoint, EndpointError> {
    match &settings.endpoint {
        Some(url) => Ok(Endpoint {
            url: url.clone(),
            properties: Default::default(),
            headers: Default::default(),
        }),
        None => Err(EndpointError::Rule(
            "the service has no endpoint rule set: set the endpoint URL".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::primitives::Document;

    fn endpoint(schemes: &[&[(&str, Document)]]) -> Endpoint {
        let entries = schemes
            .iter()
            .map(|fields| {
                Document::Object(
                    fields
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), v.clone()))
                        .collect(),
                )
            })
            .collect();
        let mut endpoint = endpoint_override(&EndpointSettings {
            endpoint: Some("https://example.com".to_owned()),
            ..EndpointSettings::default()
        })
        .expect("an endpoint");
        if !schemes.is_empty() {
            endpoint.properties =
                BTreeMap::from([("authSchemes".to_owned(), Document::Array(entries))]);
        }
        endpoint
    }

    fn text(value: &str) -> Document {
        Document::String(value.to_owned())
    }

    #[test]
    fn without_auth_schemes_the_service_signs_for_the_region() {
        let signer = signer_for("connect", "eu-west-2", &endpoint(&[])).expect("signs");
        assert_eq!(
            (signer.service(), signer.region()),
            ("connect", "eu-west-2")
        );
        assert_eq!(signer.settings(), &SigningSettings::default());
    }

    #[test]
    fn the_first_sigv4_scheme_names_what_to_sign_for() {
        let endpoint = endpoint(&[
            &[("name", text("sigv4a")), ("signingName", text("other"))],
            &[
                ("name", text("sigv4")),
                ("signingName", text("s3-outposts")),
                ("signingRegion", text("us-west-2")),
                ("disableDoubleEncoding", Document::Bool(true)),
                ("disableNormalizePath", Document::Bool(true)),
            ],
            &[("name", text("sigv4")), ("signingName", text("later"))],
        ]);
        let signer = signer_for("s3", "us-east-1", &endpoint).expect("signs");
        assert_eq!(
            (signer.service(), signer.region()),
            ("s3-outposts", "us-west-2")
        );
        assert_eq!(signer.settings().uri_encoding, UriEncoding::Single);
        assert!(!signer.settings().normalize_path);
        // Fields it leaves out keep the service's name and the region.
        let signer = signer_for(
            "connect",
            "ap-south-1",
            &self::endpoint(&[&[("name", text("sigv4"))]]),
        )
        .expect("signs");
        assert_eq!(
            (signer.service(), signer.region()),
            ("connect", "ap-south-1")
        );
    }

    #[test]
    fn an_endpoint_that_only_takes_other_schemes_is_refused_by_name() {
        let endpoint = endpoint(&[
            &[("name", text("sigv4a"))],
            &[("name", text("sigv4-s3express"))],
        ]);
        let error = signer_for("s3", "us-east-1", &endpoint).expect_err("no sigv4");
        assert_eq!(
            error.to_string(),
            "cannot sign for this endpoint: the endpoint accepts only sigv4a, sigv4-s3express, \
             and this client signs with `sigv4` alone"
        );
        let malformed = endpoint_with_property(text("sigv4"));
        assert_eq!(
            signer_for("s3", "us-east-1", &malformed)
                .expect_err("malformed")
                .to_string(),
            "cannot sign for this endpoint: the endpoint's `authSchemes` property is not a list"
        );
    }

    fn endpoint_with_property(value: Document) -> Endpoint {
        let mut endpoint = endpoint(&[]);
        endpoint.properties = BTreeMap::from([("authSchemes".to_owned(), value)]);
        endpoint
    }
}
