//! The shared `config`/`credentials` file parser (`restjson_runtime::sigv4::profile`) and the
//! providers reading it: any bytes, as either kind of file, give profiles or an error naming a
//! line of the input, never a panic; the profile provider and the region lookup over the same
//! bytes (through an in-memory file system) answer or fail, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restjson_runtime::sigv4::profile::{FileKind, ProfileSet};
use restjson_runtime::sigv4::{Env, ProfileFiles, ProfileProvider, ProvideCredentials, region};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    for kind in [FileKind::Config, FileKind::Credentials] {
        match ProfileSet::parse(data, kind, Some(Path::new("fuzz"))) {
            Ok(set) => {
                for name in set.names() {
                    assert!(!name.is_empty(), "an empty profile name was accepted");
                    let profile = set
                        .profile(name)
                        .unwrap_or_else(|| panic!("{name} listed, absent"));
                    for key in profile.keys() {
                        assert!(!key.is_empty(), "an empty property name was accepted");
                        assert_eq!(
                            key,
                            &key.to_ascii_lowercase(),
                            "property names are lowercase"
                        );
                    }
                }
            }
            Err(e) => {
                assert!(
                    (1..=lines).contains(&e.line),
                    "line {} of {lines}: {e}",
                    e.line
                );
                assert!(e.to_string().starts_with("fuzz:"), "{e}");
            }
        }
    }
    let bytes = data.to_vec();
    let env = Env::from_pairs(&[
        ("AWS_CONFIG_FILE", "/config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/credentials"),
    ])
    .with_files(move |path: &Path| {
        if path == Path::new("/config") || path == Path::new("/credentials") {
            Ok(bytes.clone())
        } else {
            Err(std::io::ErrorKind::NotFound.into())
        }
    });
    let files = ProfileFiles::new(env);
    let _ = ProfileProvider::new(files.clone()).provide_credentials();
    let _ = region(&files);
});
