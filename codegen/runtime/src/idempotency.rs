//! Idempotency tokens: where the value of an unset `@idempotencyToken` member comes from.
//!
//! A generated input structure with such members has an inherent
//! `fill_idempotency_tokens(&mut self, provider: &dyn TokenProvider)`, which sets every one of
//! them that is unset (and leaves set ones alone); its builder's `build()` calls it with
//! `RandomTokens` (feature `idempotency-token`), so a value you hold carries its token from
//! the start. Serializing a request writes what the value holds and invents nothing: to retry,
//! serialize the same value again and the service sees the same token.
//!
//! ```
//! use restjson_runtime::idempotency::{FixedToken, TokenProvider};
//!
//! let provider = FixedToken("00000000-0000-4000-8000-000000000000".to_owned());
//! assert_eq!(provider.token(), "00000000-0000-4000-8000-000000000000");
//! ```

/// A source of idempotency tokens.
pub trait TokenProvider {
    /// A token for one unset `@idempotencyToken` member.
    fn token(&self) -> String;
}

/// Always the same token: for tests (the Smithy protocol tests expect a fixed value) and for
/// callers that derive their tokens themselves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FixedToken(pub String);

impl TokenProvider for FixedToken {
    fn token(&self) -> String {
        self.0.clone()
    }
}

/// A fresh random UUID v4 for each token: the default, which builders use.
#[cfg(feature = "idempotency-token")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RandomTokens;

#[cfg(feature = "idempotency-token")]
impl TokenProvider for RandomTokens {
    fn token(&self) -> String {
        uuid::Uuid::new_v4().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_token_is_the_same_every_time() {
        let provider = FixedToken("t".to_owned());
        assert_eq!(
            (provider.token(), provider.token()),
            ("t".into(), "t".into())
        );
    }

    #[cfg(feature = "idempotency-token")]
    #[test]
    fn random_tokens_are_uuid_v4_and_differ() {
        let (a, b) = (RandomTokens.token(), RandomTokens.token());
        assert_ne!(a, b);
        let uuid = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(uuid.get_version_num(), 4);
    }
}
