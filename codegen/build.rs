//! Sets `cfg(upstream_models)` and `cfg(protocol_tests)` when `UPSTREAM_MODELS` and
//! `PROTOCOL_TESTS` name folders (`.ci/run` sets them when `../shared` exists), so the tests that
//! need those folders are `#[ignore]`d with a reason otherwise: a skip then shows as `ignored,
//! set UPSTREAM_MODELS ...` in the test run's output instead of a silent `ok`.

fn main() {
    for (var, cfg) in [
        ("UPSTREAM_MODELS", "upstream_models"),
        ("PROTOCOL_TESTS", "protocol_tests"),
    ] {
        println!("cargo::rerun-if-env-changed={var}");
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if std::env::var_os(var).is_some_and(|v| !v.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
