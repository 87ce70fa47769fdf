//! A client's configuration and its builder.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::retry::{RetryConfig, RetryKind, RetryQuota, TimeoutConfig};
use super::{Sleep, Transport};
use crate::endpoint::{Endpoint, EndpointError};
use crate::sigv4::{CredentialsChain, CredentialsError, Env, ProfileFiles, ProvideCredentials};

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
            .field("signing_name", &self.service.signing_name)
            .field("region", &self.region)
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
            credentials,
            retry: self.retry,
            timeouts: self.timeouts,
            transport,
            sleep,
            quota: RetryQuota::new(),
        }))
    }
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
