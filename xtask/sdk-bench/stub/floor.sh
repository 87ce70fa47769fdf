#!/usr/bin/env bash
# Reproduces the "A floor, by stubbing" table of ../compile-time.md: generates the whole Connect
# model, then for each row rewrites a copy of the crate with `stub` and times a crate-only
# `cargo check` (dependencies checked once, `touch src/lib.rs`, no incremental compilation).
# Usage, from the repository root: UPSTREAM_MODELS=../shared/models xtask/sdk-bench/stub/floor.sh
set -euo pipefail
root=$(pwd)
scratch=${SCRATCH:-$root/target/bench/floor}
: "${UPSTREAM_MODELS:?set UPSTREAM_MODELS to the folder holding connect-2017-08-08.json}"
cargo build --quiet --release --manifest-path xtask/sdk-bench/stub/Cargo.toml \
  --target-dir "$root/target/bench/stub-tool"
stub=$root/target/bench/stub-tool/release/stub
rm -rf "$scratch" && mkdir -p "$scratch"
cargo xtask codegen --model "$UPSTREAM_MODELS/connect-2017-08-08.json" --all-operations \
  --crate-name connect-all --out "$scratch/base" >/dev/null
# The copies live elsewhere: point the runtime dependency at this checkout.
grep -q '^\[workspace\]' "$scratch/base/Cargo.toml" || printf '\n[workspace]\n' >> "$scratch/base/Cargo.toml"
sed -i "s#path = \"[^\"]*codegen/runtime\"#path = \"$root/codegen/runtime\"#" "$scratch/base/Cargo.toml"
export CARGO_INCREMENTAL=0 CARGO_TARGET_DIR=$scratch/target
row() {
  local name=$1; shift
  rm -rf "$scratch/row" && cp -r "$scratch/base" "$scratch/row"
  if [ $# -gt 0 ]; then "$stub" "$scratch/row/src" "$@" 2>/dev/null; fi
  cd "$scratch/row"
  if ! cargo check --quiet >/dev/null 2>&1; then
    printf '%-70s does not compile\n' "$name"
  else
    touch src/lib.rs
    start=$(date +%s.%N)
    cargo check --quiet >/dev/null 2>&1
    end=$(date +%s.%N)
    printf '%-70s %6.1f s\n' "$name" "$(echo "$end - $start" | bc)"
  fi
  cd "$root"
}
row "nothing changed"
row "JSON impl bodies stubbed" trait:Serialize trait:Deserialize trait:ReadObject trait:ReadUnion trait:Placeholder
row "validate / validate_at stubbed" fn:validate fn:validate_at
row "builders' build stubbed" fn:build
row "operation and message impls stubbed" trait:Operation trait:ServerOperation trait:WriteMessage trait:ReadMessage
row "enums' and errors' glue stubbed" trait:Display trait:FromStr trait:From trait:AsRef trait:Error trait:Debug fn:as_str fn:values fn:code fn:message
row "every inherent function stubbed" 'fn:*'
row "every function of every impl stubbed" 'fn:*' 'trait:*'
row "that, and builders derive only Default" 'fn:*' 'trait:*' builder-derives:Default
row "every impl removed but derived ones and Display/Error" 'fn:*' 'trait:*' keep-impls:Error,Display,Debug,Clone,PartialEq,Eq,Hash,Default
row "that, and builders derive nothing" 'fn:*' 'trait:*' keep-impls:Error,Display,Debug,Clone,PartialEq,Eq,Hash,Default builder-derives:
row "no impls and no derives: the bare types" 'fn:*' 'trait:*' keep-impls:Display no-derives
