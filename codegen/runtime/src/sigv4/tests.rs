//! Unit tests of the signer's behaviour beyond the official vectors (those are in
//! `tests/sigv4_vectors.rs`), and of the credentials providers, with pinned messages.

use super::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// 2015-08-30T12:36:00Z, the vectors' time.
fn time() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn creds() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
}

fn get(uri: &str) -> http::Request<Vec<u8>> {
    http::Request::get(uri).body(Vec::new()).unwrap()
}

#[test]
fn host_comes_from_the_uri_without_the_default_port() {
    let signer = Signer::new("service", "us-east-1");
    for (uri, host) in [
        ("https://example.amazonaws.com/", "example.amazonaws.com"),
        (
            "https://example.amazonaws.com:443/",
            "example.amazonaws.com",
        ),
        ("http://127.0.0.1:8080/x", "127.0.0.1:8080"),
        ("http://localhost:80/", "localhost"),
    ] {
        let mut request = get(uri);
        let out = signer.sign(&mut request, &creds(), time()).unwrap();
        assert_eq!(request.headers()["host"], host, "{uri}");
        assert!(
            out.canonical_request.contains(&format!("\nhost:{host}\n")),
            "{uri}"
        );
    }
    // A Host already set is kept and signed as it is.
    let mut request = get("http://127.0.0.1:9000/");
    request
        .headers_mut()
        .insert("host", "example.amazonaws.com".parse().unwrap());
    let out = signer.sign(&mut request, &creds(), time()).unwrap();
    assert_eq!(request.headers()["host"], "example.amazonaws.com");
    // The same signature as get-vanilla, whose request this is.
    assert_eq!(
        out.signature,
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn signing_twice_replaces_the_first_signature() {
    let signer = Signer::new("service", "us-east-1");
    let mut request = get("https://example.amazonaws.com/");
    let first = signer.sign(&mut request, &creds(), time()).unwrap();
    let later = time() + Duration::from_secs(60);
    let second = signer.sign(&mut request, &creds(), later).unwrap();
    assert_ne!(first.signature, second.signature);
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    assert_eq!(request.headers()["x-amz-date"], "20150830T123700Z");
    assert_eq!(second.signed_headers, "host;x-amz-date");

    let presign = signer
        .clone()
        .with_settings(SigningSettings::default().presigned(Duration::from_secs(60)));
    let mut request = get("https://example.amazonaws.com/?a=1");
    presign.sign(&mut request, &creds(), time()).unwrap();
    presign.sign(&mut request, &creds(), later).unwrap();
    let query = request.uri().query().unwrap();
    assert_eq!(query.matches("X-Amz-Signature=").count(), 1, "{query}");
    assert!(
        query.starts_with("a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&"),
        "{query}"
    );
    assert!(query.contains("X-Amz-Date=20150830T123700Z"), "{query}");
}

#[test]
fn unsigned_payload_and_content_sha256_header() {
    let settings = SigningSettings::s3().payload(PayloadHash::Unsigned);
    let signer = Signer::new("s3", "us-east-1").with_settings(settings);
    let mut request = http::Request::put("https://bucket.s3.amazonaws.com/a%3Ab:c")
        .body(b"data".to_vec())
        .unwrap();
    let out = signer.sign(&mut request, &creds(), time()).unwrap();
    assert_eq!(
        request.headers()["x-amz-content-sha256"],
        "UNSIGNED-PAYLOAD"
    );
    let lines: Vec<&str> = out.canonical_request.lines().collect();
    assert_eq!(lines[1], "/a%3Ab%3Ac", "single encoding");
    assert_eq!(lines.last(), Some(&"UNSIGNED-PAYLOAD"));
    assert_eq!(out.signed_headers, "host;x-amz-content-sha256;x-amz-date");

    // The default hash is the body's SHA-256, sent as the header when asked.
    let signer = Signer::new("s3", "us-east-1").with_settings(SigningSettings::s3());
    let mut request = http::Request::put("https://bucket.s3.amazonaws.com/k")
        .body(b"Param1=value1".to_vec())
        .unwrap();
    signer.sign(&mut request, &creds(), time()).unwrap();
    assert_eq!(
        request.headers()["x-amz-content-sha256"],
        "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
    );
}

#[test]
fn session_tokens_signed_or_added_after() {
    let temporary = creds().with_session_token("TOKEN/+=");
    let mut request = get("https://example.amazonaws.com/");
    let out = Signer::new("service", "us-east-1")
        .sign(&mut request, &temporary, time())
        .unwrap();
    assert_eq!(request.headers()["x-amz-security-token"], "TOKEN/+=");
    assert_eq!(out.signed_headers, "host;x-amz-date;x-amz-security-token");

    let after = SigningSettings::default()
        .presigned(Duration::from_secs(900))
        .session_token(SessionTokenMode::AddedAfterSigning);
    let mut request = get("https://example.amazonaws.com/");
    let out = Signer::new("service", "us-east-1")
        .with_settings(after)
        .sign(&mut request, &temporary, time())
        .unwrap();
    assert!(!out.canonical_request.contains("Security-Token"));
    let query = request.uri().query().unwrap();
    assert!(
        query.contains("&X-Amz-Expires=900&X-Amz-Security-Token=TOKEN%2F%2B%3D&X-Amz-Signature="),
        "{query}"
    );
}

#[test]
fn signing_errors_are_clear_and_leave_the_request_unchanged() {
    let signer = Signer::new("service", "us-east-1");
    let expired = creds().with_expiry(time() - Duration::from_secs(1));
    let cases: Vec<(Signer, http::Request<Vec<u8>>, Credentials, &str)> = vec![
        (
            signer.clone(),
            get("/relative"),
            creds(),
            "the request has no Host header and its URI no authority to take one from; use an \
             absolute URI or set Host",
        ),
        (
            signer.clone(),
            get("https://example.amazonaws.com/"),
            expired,
            "the credentials expired at 2015-08-30T12:35:59Z, not after the signing time \
             2015-08-30T12:36:00Z; fetch new ones",
        ),
        (
            signer
                .clone()
                .with_settings(SigningSettings::default().presigned(Duration::from_secs(604_801))),
            get("https://example.amazonaws.com/"),
            creds(),
            "a presigned request must expire after 1 to 604800 whole seconds (7 days), not 604801s",
        ),
        (
            Signer::new("service", ""),
            get("https://example.amazonaws.com/"),
            creds(),
            "the region `` cannot be signed: it must be non-empty, without `/` or whitespace",
        ),
        (
            Signer::new("a/b", "us-east-1"),
            get("https://example.amazonaws.com/"),
            creds(),
            "the signing name `a/b` cannot be signed: it must be non-empty, without `/` or \
             whitespace",
        ),
        (
            signer.clone(),
            get("https://example.amazonaws.com/"),
            Credentials::new("AKID\nX", "s"),
            "the value of `authorization` cannot be sent in a header",
        ),
    ];
    for (signer, mut request, credentials, message) in cases {
        let before = format!("{:?} {:?}", request.uri(), request.headers());
        let err = signer.sign(&mut request, &credentials, time()).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(
            format!("{:?} {:?}", request.uri(), request.headers()),
            before
        );
    }
    let mut request = get("https://example.amazonaws.com/");
    request
        .headers_mut()
        .insert("x-bin", http::HeaderValue::from_bytes(b"\xff").unwrap());
    let err = signer.sign(&mut request, &creds(), time()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "header `x-bin` is not UTF-8 text and cannot be signed"
    );
    let err = signer
        .sign(
            &mut get("https://a.com/"),
            &creds(),
            UNIX_EPOCH + Duration::from_secs(253_402_300_800),
        )
        .unwrap_err();
    assert_eq!(err, SigningError::InvalidTime);
}

#[test]
fn credentials_debug_redacts_the_secret_and_token() {
    let shown = format!(
        "{:?}",
        creds().with_session_token("TOKEN").with_expiry(time())
    );
    assert_eq!(
        shown,
        "Credentials { access_key_id: \"AKIDEXAMPLE\", secret_access_key: \"*** Sensitive Data \
         Redacted ***\", session_token: Some(\"*** Sensitive Data Redacted ***\"), expiry: \
         \"2015-08-30T12:36:00Z\" }"
    );
    assert!(!shown.contains("wJalr"));
}

/// An environment with these variables and an in-memory file system.
fn env(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Env {
    let files: BTreeMap<PathBuf, Vec<u8>> = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
        .collect();
    Env::from_pairs(vars).with_files(move |path: &Path| {
        files
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    })
}

fn chain_message(env: Env) -> String {
    match CredentialsChain::default_chain(env).provide_credentials() {
        Ok(c) => format!("ok {}", c.access_key_id()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn environment_provider() {
    let e = env(
        &[
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_SESSION_TOKEN", "T"),
        ],
        &[],
    );
    let c = EnvironmentProvider::new(e).provide_credentials().unwrap();
    assert_eq!(
        (c.access_key_id(), c.secret_access_key(), c.session_token()),
        ("AK", "S", Some("T"))
    );
    let half = env(&[("AWS_ACCESS_KEY_ID", "AK")], &[]);
    assert_eq!(
        EnvironmentProvider::new(half)
            .provide_credentials()
            .unwrap_err()
            .to_string(),
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only one is"
    );
}

#[test]
fn chain_order_and_what_it_tried() {
    let files = [
        (
            "/home/u/.aws/credentials",
            "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n",
        ),
        (
            "/home/u/.aws/config",
            "[profile dev]\nregion = eu-west-1\naws_access_key_id = DEV\naws_secret_access_key = S\n[profile sso]\nsso_session = corp\n",
        ),
    ];
    // The environment first, then the default profile, then AWS_PROFILE's.
    let vars = [
        ("HOME", "/home/u"),
        ("AWS_ACCESS_KEY_ID", "ENV"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
    ];
    assert_eq!(chain_message(env(&vars, &files)), "ok ENV");
    assert_eq!(
        chain_message(env(&[("HOME", "/home/u")], &files)),
        "ok FILE"
    );
    assert_eq!(
        chain_message(env(&[("HOME", "/home/u"), ("AWS_PROFILE", "dev")], &files)),
        "ok DEV"
    );

    assert_eq!(
        chain_message(env(&[("HOME", "/home/u"), ("AWS_PROFILE", "nope")], &files)),
        "no credentials found; tried environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
         are not set; profile `nope`: no such profile in /home/u/.aws/config and \
         /home/u/.aws/credentials"
    );
    assert_eq!(
        chain_message(env(&[("HOME", "/h")], &[])),
        "no credentials found; tried environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
         are not set; profile `default`: no such profile in /h/.aws/config (absent) and \
         /h/.aws/credentials (absent)"
    );
    assert_eq!(
        chain_message(env(&[], &[])),
        "no credentials found; tried environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
         are not set; profile `default`: no such profile in no home folder to find ~/.aws in, \
         and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are not set"
    );
    // Unsupported kinds and malformed files stop the chain.
    assert_eq!(
        chain_message(env(&[("HOME", "/home/u"), ("AWS_PROFILE", "sso")], &files)),
        "profile `sso`: `sso_session` asks for SSO credentials, which are not supported yet; set \
         static keys, or plug in your own ProvideCredentials"
    );
    let broken = [("/c", "[default]\naws_access_key_id\n")];
    assert_eq!(
        chain_message(env(
            &[
                ("AWS_CONFIG_FILE", "/c"),
                ("AWS_SHARED_CREDENTIALS_FILE", "/x")
            ],
            &broken
        )),
        "malformed shared file: /c:2: expected `name = value` or a `[section]`, found \
         `aws_access_key_id`"
    );
    // A chain's own providers, closures included, in order.
    let chain = CredentialsChain::new()
        .push(|| {
            Err(CredentialsError::NotLoaded {
                provider: "vault".to_owned(),
                tried: "nothing in the vault".to_owned(),
            })
        })
        .push(creds());
    assert_eq!(chain.provide_credentials().unwrap(), creds());
}

#[test]
fn explicit_paths_and_profile_win_over_the_environment() {
    let files = [
        (
            "/etc/aws-creds",
            "[ci]\naws_access_key_id = CI\naws_secret_access_key = S\naws_session_token = T\n",
        ),
        ("/etc/aws-config", "[profile ci]\nregion = ap-south-1\n"),
    ];
    let e = env(&[("HOME", "/home/u"), ("AWS_PROFILE", "other")], &files);
    let profile_files = ProfileFiles::new(e.clone())
        .profile("ci")
        .config_file("/etc/aws-config")
        .credentials_file("/etc/aws-creds");
    let c = ProfileProvider::new(profile_files.clone())
        .provide_credentials()
        .unwrap();
    assert_eq!((c.access_key_id(), c.session_token()), ("CI", Some("T")));
    assert_eq!(region(&profile_files).unwrap(), "ap-south-1");
    // `~/` in a variable is the home folder.
    let e = env(
        &[
            ("HOME", "/etc"),
            ("AWS_SHARED_CREDENTIALS_FILE", "~/aws-creds"),
            ("AWS_PROFILE", "ci"),
        ],
        &files,
    );
    let c = ProfileProvider::new(ProfileFiles::new(e))
        .provide_credentials()
        .unwrap();
    assert_eq!(c.access_key_id(), "CI");
}

#[test]
fn region_sources_in_order() {
    let files = [("/h/.aws/config", "[default]\nregion = eu-west-1\n")];
    let region_of = |vars: &[(&str, &str)]| match region(&ProfileFiles::new(env(vars, &files))) {
        Ok(r) => r,
        Err(e) => e.to_string(),
    };
    assert_eq!(
        region_of(&[
            ("HOME", "/h"),
            ("AWS_REGION", "us-east-2"),
            ("AWS_DEFAULT_REGION", "x")
        ]),
        "us-east-2"
    );
    assert_eq!(
        region_of(&[("HOME", "/h"), ("AWS_DEFAULT_REGION", "us-west-1")]),
        "us-west-1"
    );
    assert_eq!(region_of(&[("HOME", "/h")]), "eu-west-1");
    assert_eq!(
        region_of(&[("HOME", "/h"), ("AWS_PROFILE", "dev")]),
        "region: AWS_REGION and AWS_DEFAULT_REGION are not set, and profile `dev` has no region \
         in /h/.aws/config and /h/.aws/credentials (absent)"
    );
}
