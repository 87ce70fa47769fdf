//! Snapshot of a tiny fixture's generated types, reviewed by hand when it changes.
//! `UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots` rewrites the snapshots; review the
//! diff before committing it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::path::Path;

use support::{config_all, fixture, load};

#[test]
fn small_fixture_matches_its_reviewed_snapshot() {
    let files = codegen::generate(
        &load(&fixture("snapshot.json")),
        &config_all("snap", "snapshot.json"),
    )
    .unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/snapshot");
    let checked = [
        "src/types/greet_input.rs",
        "src/types/mood.rs",
        "src/types/mod.rs",
        "src/operation/greet.rs",
    ];
    for path in checked {
        let got = &files[path];
        let file = dir.join(path.replace('/', "__"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, got).unwrap();
            continue;
        }
        let want =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            got,
            &want,
            "{path} differs from its snapshot {}",
            file.display()
        );
    }
}
