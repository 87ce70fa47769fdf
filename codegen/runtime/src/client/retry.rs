//! Retries as the AWS SDKs' standard mode: which responses are retried, the backoff between
//! attempts (exponential with full jitter), the retry quota, and the timeouts.

use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::Duration;

use ::http::StatusCode;

use super::config::Service;

/// Why an error may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryKind {
    /// A transient failure: a `@retryable` error, status 500, 502, 503 or 504, a transport
    /// error or a timeout.
    Transient,
    /// The service throttled the request: a `@retryable(throttling: true)` error, or a
    /// well-known throttling code of an error the model does not define.
    Throttling,
}

/// Error codes the AWS SDKs treat as throttling when the model does not define the error
/// (a modeled error's own `@retryable` trait decides for it).
const THROTTLING_CODES: &[&str] = &[
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "TransactionInProgressException",
];

/// Error codes the AWS SDKs treat as transient when the model does not define the error.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// Statuses retried whatever the error.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether an error response is retryable, and why: the model's `@retryable` for the errors
/// of `service`, the well-known codes for others, then the status.
pub(super) fn classify(
    service: &Service,
    status: StatusCode,
    code: Option<&str>,
) -> Option<RetryKind> {
    if let Some(code) = code {
        match service.errors.iter().find(|(c, _)| *c == code) {
            Some((_, Some(kind))) => return Some(*kind),
            Some((_, None)) => {}
            None if THROTTLING_CODES.contains(&code) => return Some(RetryKind::Throttling),
            None if TRANSIENT_CODES.contains(&code) => return Some(RetryKind::Transient),
            None => {}
        }
    }
    TRANSIENT_STATUSES
        .contains(&status.as_u16())
        .then_some(RetryKind::Transient)
}

/// How many attempts a call makes and how long it waits between them.
///
/// [`RetryConfig::standard`] is the AWS SDKs' standard mode: at most 3 attempts; before
/// attempt `n + 1`, a random wait between zero and `min(initial_backoff * 2^(n - 1),
/// max_backoff)` (full jitter), with 100 ms and 20 s; and a retry quota shared by the calls
/// of one client (500 tokens, 5 per retry, 10 per retry after a timeout or transport error,
/// given back on success), so a failing service is not flooded with retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

impl RetryConfig {
    /// The standard mode: 3 attempts, backoff from 100 ms up to 20 s.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt, no retry.
    pub fn disabled() -> Self {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// At most `attempts` attempts (the first one included; 0 counts as 1).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The upper bound of the first wait, doubled for each further retry.
    #[must_use]
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The largest upper bound of a wait.
    #[must_use]
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The maximum number of attempts.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The upper bound of the wait after attempt `attempt` (1-based) failed.
    pub fn backoff_bound(&self, attempt: u32) -> Duration {
        let doubling = 2u32.saturating_pow(attempt.saturating_sub(1).min(31));
        self.initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff)
    }

    /// The wait after attempt `attempt` failed: uniform in `[0, backoff_bound(attempt))`.
    pub(super) fn backoff(&self, attempt: u32) -> Duration {
        self.backoff_bound(attempt).mul_f64(random_unit())
    }
}

/// A random number in `[0, 1)`, from the standard library's randomly keyed hasher (jitter
/// needs no cryptographic randomness, and this needs no dependency).
fn random_unit() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// The retry quota of the standard mode.
#[derive(Debug)]
pub(super) struct RetryQuota {
    tokens: Mutex<u32>,
}

const QUOTA_MAX: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const SUCCESS_REFILL: u32 = 1;

impl RetryQuota {
    pub(super) fn new() -> Self {
        RetryQuota {
            tokens: Mutex::new(QUOTA_MAX),
        }
    }

    /// Takes the cost of one retry, or `None` when the quota is spent.
    pub(super) fn acquire(&self, after_timeout: bool) -> Option<u32> {
        let cost = if after_timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *tokens < cost {
            return None;
        }
        *tokens -= cost;
        Some(cost)
    }

    /// A call succeeded; `spent` is what its retries took.
    pub(super) fn release(&self, spent: u32) {
        let refill = if spent == 0 { SUCCESS_REFILL } else { spent };
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *tokens = (*tokens + refill).min(QUOTA_MAX);
    }
}

/// How long an attempt and a whole call may take (none by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeoutConfig {
    attempt: Option<Duration>,
    total: Option<Duration>,
}

impl TimeoutConfig {
    /// No timeout.
    pub fn new() -> Self {
        TimeoutConfig::default()
    }

    /// Each attempt (sending the request and reading the response) may take this long; one
    /// that takes longer fails as a retryable timeout.
    #[must_use]
    pub fn attempt(mut self, timeout: Duration) -> Self {
        self.attempt = Some(timeout);
        self
    }

    /// The whole call, retries and backoff included, may take this long.
    #[must_use]
    pub fn total(mut self, timeout: Duration) -> Self {
        self.total = Some(timeout);
        self
    }

    /// The attempt timeout.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The total timeout.
    pub fn total_timeout(&self) -> Option<Duration> {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVICE: Service = Service {
        signing_name: "test",
        errors: &[
            ("LimitExceededException", None),
            ("SlowDownPlease", Some(RetryKind::Throttling)),
            ("TryAgain", Some(RetryKind::Transient)),
        ],
        resolve_endpoint: |_| Err(crate::endpoint::EndpointError::NoRuleMatched),
    };

    fn class(status: u16, code: Option<&str>) -> Option<RetryKind> {
        classify(
            &SERVICE,
            StatusCode::from_u16(status).unwrap_or_default(),
            code,
        )
    }

    #[test]
    fn the_model_decides_for_its_errors_and_the_known_codes_for_others() {
        assert_eq!(
            class(400, Some("SlowDownPlease")),
            Some(RetryKind::Throttling)
        );
        assert_eq!(class(400, Some("TryAgain")), Some(RetryKind::Transient));
        // Modeled without `@retryable`: not retried, although the SDKs list the code.
        assert_eq!(class(429, Some("LimitExceededException")), None);
        assert_eq!(
            class(400, Some("ThrottlingException")),
            Some(RetryKind::Throttling)
        );
        assert_eq!(
            class(400, Some("TooManyRequestsException")),
            Some(RetryKind::Throttling)
        );
        assert_eq!(
            class(400, Some("RequestTimeout")),
            Some(RetryKind::Transient)
        );
        assert_eq!(class(400, Some("ValidationException")), None);
        assert_eq!(class(404, None), None);
    }

    #[test]
    fn transient_statuses_are_retried_whatever_the_code() {
        for status in [500, 502, 503, 504] {
            assert_eq!(class(status, None), Some(RetryKind::Transient));
            assert_eq!(
                class(status, Some("LimitExceededException")),
                Some(RetryKind::Transient)
            );
        }
        assert_eq!(class(501, None), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_full_jitter() {
        let config = RetryConfig::standard();
        assert_eq!(config.max_attempts(), 3);
        assert_eq!(config.backoff_bound(1), Duration::from_millis(100));
        assert_eq!(config.backoff_bound(2), Duration::from_millis(200));
        assert_eq!(
            config.backoff_bound(9),
            Duration::from_millis(25_600).min(Duration::from_secs(20))
        );
        assert_eq!(config.backoff_bound(200), Duration::from_secs(20));
        let waits: Vec<Duration> = (0..64).map(|_| config.backoff(3)).collect();
        assert!(waits.iter().all(|w| *w < Duration::from_millis(400)));
        // Full jitter: not every wait is the same.
        assert!(waits.iter().any(|w| *w != waits[0]));
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
    }

    #[test]
    fn the_quota_runs_out_and_refills_on_success() {
        let quota = RetryQuota::new();
        let mut spent = 0;
        while let Some(cost) = quota.acquire(false) {
            spent += cost;
        }
        assert_eq!(spent, QUOTA_MAX);
        assert_eq!(quota.acquire(true), None);
        quota.release(10);
        assert_eq!(quota.acquire(true), Some(10));
    }
}
