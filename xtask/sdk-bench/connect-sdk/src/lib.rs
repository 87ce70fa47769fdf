//! Re-exports `aws-sdk-connect` (no default features) so that a build compiles all of it.

pub use aws_sdk_connect;
