//! AWS credentials and where they come from.

use super::profile::{FileKind, ProfileFileError, ProfileSet};
use crate::__private::json_text::format_date_time;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// An access key pair, with a session token for temporary credentials. `Debug` shows the
/// access key id only: the secret and the token print redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials (no session token, no expiry).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
            expiry: None,
        }
    }

    /// The same credentials with a session token (temporary credentials).
    #[must_use]
    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// The same credentials with an expiry: the signer refuses them from then on.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id (`AKID...`, `ASIA...`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop being valid, if they do.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "*** Sensitive Data Redacted ***";
        let mut s = f.debug_struct("Credentials");
        s.field("access_key_id", &self.access_key_id);
        s.field("secret_access_key", &REDACTED);
        s.field(
            "session_token",
            &self.session_token.as_ref().map(|_| REDACTED),
        );
        match self.expiry.and_then(format_date_time) {
            Some(expiry) => s.field("expiry", &expiry),
            None => s.field("expiry", &self.expiry),
        };
        s.finish()
    }
}

/// Why a provider gave no credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The provider has nothing to give (a variable unset, a profile absent): a chain tries
    /// the next provider.
    NotLoaded {
        /// The provider (`environment`, `profile \`default\``).
        provider: String,
        /// What it looked at.
        tried: String,
    },
    /// A shared file that cannot be read as profiles: a chain stops here.
    ProfileFile(ProfileFileError),
    /// The provider found credentials it cannot use (a half-set pair, an unsupported kind of
    /// profile): a chain stops here.
    Invalid {
        /// The provider.
        provider: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// No provider of a chain gave credentials; each says what it tried, in order.
    NoneInChain(Vec<CredentialsError>),
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotLoaded { provider, tried } => write!(f, "{provider}: {tried}"),
            CredentialsError::ProfileFile(e) => write!(f, "malformed shared file: {e}"),
            CredentialsError::Invalid { provider, message } => write!(f, "{provider}: {message}"),
            CredentialsError::NoneInChain(errors) => {
                f.write_str("no credentials found; tried ")?;
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

impl From<ProfileFileError> for CredentialsError {
    fn from(e: ProfileFileError) -> Self {
        CredentialsError::ProfileFile(e)
    }
}

/// A source of credentials.
///
/// Implement it to plug in a source this crate does not have (SSO, the EC2 instance metadata
/// service, web identity, a secrets store, a cache in front of an STS call): return
/// [`CredentialsError::NotLoaded`] when the source has nothing, so a [`CredentialsChain`] goes
/// on to its next provider, and [`CredentialsError::Invalid`] for a hard failure. The call is
/// synchronous: a provider that needs I/O should refresh in the background and hand out its
/// latest value here. A closure `Fn() -> Result<Credentials, CredentialsError>` is a provider.
///
/// ```
/// use restjson_runtime::sigv4::{Credentials, CredentialsChain, CredentialsError, ProvideCredentials};
///
/// struct FromVault;
/// impl ProvideCredentials for FromVault {
///     fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
///         Ok(Credentials::new("AKIDEXAMPLE", "secret").with_session_token("token"))
///     }
/// }
/// let chain = CredentialsChain::new().push(FromVault);
/// assert_eq!(chain.provide_credentials()?.access_key_id(), "AKIDEXAMPLE");
/// # Ok::<(), CredentialsError>(())
/// ```
pub trait ProvideCredentials: Send + Sync {
    /// The credentials to sign with now.
    ///
    /// # Errors
    ///
    /// [`CredentialsError`] saying why there are none.
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;
}

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }
}

impl<F> ProvideCredentials for F
where
    F: Fn() -> Result<Credentials, CredentialsError> + Send + Sync,
{
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self()
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials()
    }
}

/// Where providers read environment variables and files: the process's ([`Env::real`]) or a
/// test's ([`Env::from_pairs`], [`Env::from_fn`]), so tests never touch the real ones.
#[derive(Clone)]
pub struct Env {
    lookup: Arc<Lookup>,
    read: Arc<ReadFile>,
}

type Lookup = dyn Fn(&str) -> Option<String> + Send + Sync;
type ReadFile = dyn Fn(&Path) -> std::io::Result<Vec<u8>> + Send + Sync;

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Env { .. }")
    }
}

impl Env {
    /// The process's environment variables and file system.
    pub fn real() -> Self {
        Env::from_fn(|name| std::env::var(name).ok())
    }

    /// Variables from a closure; files from the file system.
    pub fn from_fn(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Env {
            lookup: Arc::new(lookup),
            read: Arc::new(|path| std::fs::read(path)),
        }
    }

    /// Variables from a fixed list (every other variable unset); files from the file system.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Env::from_fn(move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    /// The same variables, files read through `read` instead (an in-memory file system).
    #[must_use]
    pub fn with_files(
        mut self,
        read: impl Fn(&Path) -> std::io::Result<Vec<u8>> + Send + Sync + 'static,
    ) -> Self {
        self.read = Arc::new(read);
        self
    }

    /// A variable, `None` when unset or empty.
    pub fn var(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|v| !v.is_empty())
    }

    /// The user's home folder: `HOME`, else `USERPROFILE`, else `HOMEDRIVE` and `HOMEPATH`.
    pub fn home(&self) -> Option<PathBuf> {
        if let Some(home) = self.var("HOME").or_else(|| self.var("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        let drive = self.var("HOMEDRIVE")?;
        Some(PathBuf::from(format!("{drive}{}", self.var("HOMEPATH")?)))
    }

    /// Reads a file; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    ///
    /// Any other I/O error.
    pub fn read_file(&self, path: &Path) -> std::io::Result<Option<Vec<u8>>> {
        match (self.read)(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A path from a variable (a leading `~/` is the home folder), else `~/.aws/<default>`.
    fn path(&self, variable: &str, default: &str) -> Option<PathBuf> {
        match self.var(variable) {
            Some(value) => match value
                .strip_prefix("~/")
                .or_else(|| value.strip_prefix("~\\"))
            {
                Some(rest) => Some(self.home()?.join(rest)),
                None => Some(PathBuf::from(value)),
            },
            None => Some(self.home()?.join(".aws").join(default)),
        }
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
#[derive(Clone, Debug)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Reads the variables of `env`.
    pub fn new(env: Env) -> Self {
        EnvironmentProvider { env }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const PROVIDER: &str = "environment";
        let key = self.env.var("AWS_ACCESS_KEY_ID");
        let secret = self.env.var("AWS_SECRET_ACCESS_KEY");
        match (key, secret) {
            (None, None) => Err(CredentialsError::NotLoaded {
                provider: PROVIDER.to_owned(),
                tried: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set".to_owned(),
            }),
            (Some(_), None) | (None, Some(_)) => Err(CredentialsError::Invalid {
                provider: PROVIDER.to_owned(),
                message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; \
                          only one is"
                    .to_owned(),
            }),
            (Some(key), Some(secret)) => {
                let credentials = Credentials::new(key, secret);
                Ok(match self.env.var("AWS_SESSION_TOKEN") {
                    Some(token) => credentials.with_session_token(token),
                    None => credentials,
                })
            }
        }
    }
}

/// The shared files and the profile to read: from `AWS_PROFILE`, `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` (defaults `default`, `~/.aws/config` and
/// `~/.aws/credentials`), each replaceable by an explicit value.
#[derive(Clone, Debug)]
pub struct ProfileFiles {
    env: Env,
    profile: Option<String>,
    config: Option<PathBuf>,
    credentials: Option<PathBuf>,
}

/// Profile properties that name kinds of credentials this crate cannot fetch yet.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("role_arn", "assume-role"),
    ("sso_session", "SSO"),
    ("sso_start_url", "SSO"),
    ("credential_process", "credential-process"),
    ("web_identity_token_file", "web-identity"),
    ("credential_source", "credential-source"),
];

impl ProfileFiles {
    /// The files and profile `env` names.
    pub fn new(env: Env) -> Self {
        ProfileFiles {
            env,
            profile: None,
            config: None,
            credentials: None,
        }
    }

    /// Reads this profile instead of `AWS_PROFILE`'s.
    #[must_use]
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads this config file instead.
    #[must_use]
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// Reads this credentials file instead.
    #[must_use]
    pub fn credentials_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.credentials = Some(path.into());
        self
    }

    /// The profile name in use.
    pub fn profile_name(&self) -> String {
        self.profile
            .clone()
            .or_else(|| self.env.var("AWS_PROFILE"))
            .unwrap_or_else(|| "default".to_owned())
    }

    /// Both files' profiles merged (the credentials file winning), and the paths looked at
    /// with whether each existed.
    ///
    /// # Errors
    ///
    /// A malformed file, or one that exists and cannot be read.
    pub fn load(&self) -> Result<(ProfileSet, Vec<(PathBuf, bool)>), CredentialsError> {
        let config = self
            .config
            .clone()
            .or_else(|| self.env.path("AWS_CONFIG_FILE", "config"));
        let credentials = self
            .credentials
            .clone()
            .or_else(|| self.env.path("AWS_SHARED_CREDENTIALS_FILE", "credentials"));
        let mut set = ProfileSet::default();
        let mut looked = Vec::new();
        for (path, kind) in [
            (config, FileKind::Config),
            (credentials, FileKind::Credentials),
        ] {
            let Some(path) = path else { continue };
            let bytes = self
                .env
                .read_file(&path)
                .map_err(|e| CredentialsError::Invalid {
                    provider: format!("profile `{}`", self.profile_name()),
                    message: format!("cannot read {}: {e}", path.display()),
                })?;
            if let Some(bytes) = &bytes {
                set.merge_bytes(bytes, kind, Some(&path))?;
            }
            looked.push((path, bytes.is_some()));
        }
        Ok((set, looked))
    }
}

/// Credentials from a profile of the shared files (static keys: `aws_access_key_id`,
/// `aws_secret_access_key`, `aws_session_token`). Profiles that assume a role, use SSO, a
/// credential process or web identity are reported as not supported.
#[derive(Clone, Debug)]
pub struct ProfileProvider {
    files: ProfileFiles,
}

impl ProfileProvider {
    /// Reads the profile `files` names.
    pub fn new(files: ProfileFiles) -> Self {
        ProfileProvider { files }
    }
}

fn describe(looked: &[(PathBuf, bool)]) -> String {
    if looked.is_empty() {
        return "no home folder to find ~/.aws in, and AWS_CONFIG_FILE and \
                AWS_SHARED_CREDENTIALS_FILE are not set"
            .to_owned();
    }
    let parts: Vec<String> = looked
        .iter()
        .map(|(path, exists)| {
            format!(
                "{}{}",
                path.display(),
                if *exists { "" } else { " (absent)" }
            )
        })
        .collect();
    parts.join(" and ")
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let name = self.files.profile_name();
        let provider = format!("profile `{name}`");
        let (set, looked) = self.files.load()?;
        let Some(profile) = set.profile(&name) else {
            return Err(CredentialsError::NotLoaded {
                provider,
                tried: format!("no such profile in {}", describe(&looked)),
            });
        };
        let key = profile.get("aws_access_key_id").filter(|v| !v.is_empty());
        let secret = profile
            .get("aws_secret_access_key")
            .filter(|v| !v.is_empty());
        match (key, secret) {
            (Some(key), Some(secret)) => {
                let credentials = Credentials::new(key, secret);
                Ok(
                    match profile.get("aws_session_token").filter(|v| !v.is_empty()) {
                        Some(token) => credentials.with_session_token(token),
                        None => credentials,
                    },
                )
            }
            (Some(_), None) | (None, Some(_)) => Err(CredentialsError::Invalid {
                provider,
                message: "aws_access_key_id and aws_secret_access_key must be set together; \
                          only one is"
                    .to_owned(),
            }),
            (None, None) => {
                if let Some((key, kind)) =
                    UNSUPPORTED.iter().find(|(k, _)| profile.contains_key(*k))
                {
                    return Err(CredentialsError::Invalid {
                        provider,
                        message: format!(
                            "`{key}` asks for {kind} credentials, which are not supported yet; \
                             set static keys, or plug in your own ProvideCredentials"
                        ),
                    });
                }
                Err(CredentialsError::NotLoaded {
                    provider,
                    tried: format!("no aws_access_key_id in {}", describe(&looked)),
                })
            }
        }
    }
}

/// Providers tried in order: the first to give credentials wins; one that has nothing
/// ([`CredentialsError::NotLoaded`]) passes to the next; any other error stops the chain.
#[derive(Default)]
pub struct CredentialsChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
}

impl fmt::Debug for CredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CredentialsChain({} providers)", self.providers.len())
    }
}

impl CredentialsChain {
    /// An empty chain.
    pub fn new() -> Self {
        CredentialsChain::default()
    }

    /// The default chain: the environment, then the shared files' profile.
    pub fn default_chain(env: Env) -> Self {
        CredentialsChain::new()
            .push(EnvironmentProvider::new(env.clone()))
            .push(ProfileProvider::new(ProfileFiles::new(env)))
    }

    /// The same chain with one more provider at its end.
    #[must_use]
    pub fn push(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.providers.push(Box::new(provider));
        self
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::new();
        for provider in &self.providers {
            match provider.provide_credentials() {
                Ok(credentials) => return Ok(credentials),
                Err(e @ CredentialsError::NotLoaded { .. }) => tried.push(e),
                Err(CredentialsError::NoneInChain(inner)) => tried.extend(inner),
                Err(e) => return Err(e),
            }
        }
        Err(CredentialsError::NoneInChain(tried))
    }
}

/// The region to call: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
///
/// # Errors
///
/// A malformed shared file, or no region anywhere (the error says where it looked).
pub fn region(files: &ProfileFiles) -> Result<String, CredentialsError> {
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = files.env.var(variable) {
            return Ok(region);
        }
    }
    let name = files.profile_name();
    let (set, looked) = files.load()?;
    match set.get(&name, "region").filter(|r| !r.is_empty()) {
        Some(region) => Ok(region.to_owned()),
        None => Err(CredentialsError::NotLoaded {
            provider: "region".to_owned(),
            tried: format!(
                "AWS_REGION and AWS_DEFAULT_REGION are not set, and profile `{name}` has no \
                 region in {}",
                describe(&looked)
            ),
        }),
    }
}
