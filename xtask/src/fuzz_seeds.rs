//! `cargo xtask fuzz-seeds`: writes the seed corpora of the fuzz targets in `fuzz/` from the
//! tests' requests, responses and models, so libFuzzer starts from inputs that reach deep code.
//!
//! Sources: every raw string literal (`r#"..."#`) in `generated/tests/*.rs` whose text starts
//! with `{` or `[` (request and response bodies, hostile bodies), and every model in `models/`
//! and `codegen/tests/fixtures/`. The corpora (`fuzz/corpus/`) are not committed.
//!
//! The HTTP targets decode a prefix with `arbitrary::Unstructured` before the body; the
//! prefixes below select the common case (see `fuzz/fuzz_targets/parse_*.rs` and
//! `fuzz/src/lib.rs` for the encoding: one byte per choice, a bool is the low bit of a byte).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// `PUT`, `/contact/chat`, one header: the well-known `content-type: application/json`.
const REQUEST_PREFIX: [u8; 7] = [0, 0, 1, 1, 0, 1, 0];

/// Status picks and error-type header picks of the response target (indexes into its tables).
const RESPONSE_PREFIXES: &[&[u8]] = &[
    // status 200, no headers
    &[1, 0, 0],
    // status 400, no headers
    &[1, 1, 0],
    // status 400, `x-amzn-errortype: InvalidRequestException`
    &[1, 1, 1, 1, 1, 1, 3],
    // status 404, `x-amzn-errortype: aws.protocoltests#ResourceNotFoundException`
    &[1, 2, 1, 1, 1, 1, 5],
    // status 500, `content-type: application/json`
    &[1, 4, 1, 1, 0, 1, 0],
];

/// Writes every corpus under `root/fuzz/corpus/`; returns the number of files written.
pub fn write(root: &Path) -> Result<usize> {
    let bodies = test_bodies(&root.join("generated/tests"))?;
    let models = models(root)?;
    let corpus = root.join("fuzz/corpus");
    let mut written = 0;
    let mut put = |target: &str, name: String, bytes: &[u8]| -> Result<()> {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(name);
        fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        written += 1;
        Ok(())
    };
    for (i, body) in bodies.iter().enumerate() {
        put("json_differential", format!("test-body-{i:03}"), body)?;
        put(
            "parse_request",
            format!("test-body-{i:03}"),
            &[&REQUEST_PREFIX[..], body].concat(),
        )?;
        for (j, prefix) in RESPONSE_PREFIXES.iter().enumerate() {
            put(
                "parse_response",
                format!("test-body-{i:03}-{j}"),
                &[prefix, &body[..]].concat(),
            )?;
        }
    }
    for (name, text) in &models {
        put("generator_bytes", name.clone(), text)?;
    }
    // The structured targets read choices from bytes: a few simple patterns to start from.
    for (i, pattern) in [&[0u8; 64][..], &[1; 64], &[0x55; 64], &[0xff; 64]]
        .iter()
        .enumerate()
    {
        put("round_trip", format!("pattern-{i}"), pattern)?;
        put("generator_mutations", format!("pattern-{i}"), pattern)?;
    }
    for (i, seed) in event_stream_seeds()?.iter().enumerate() {
        put("event_stream", format!("frames-{i}"), seed)?;
    }
    Ok(written)
}

/// Inputs of the `event_stream` target: a chunking prefix (see `fuzz_targets/event_stream.rs`:
/// the first byte's low 3 bits count the chunk-size bytes that follow, bit 3 picks small
/// limits), then frames.
fn event_stream_seeds() -> Result<Vec<Vec<u8>>> {
    use restjson_runtime::event_stream::{HeaderValue, Message};
    let event = Message::new(&br#"{"text":"hello"}"#[..])
        .with_header(":message-type", "event")
        .with_header(":event-type", "chunk")
        .with_header(":content-type", "application/json");
    let every_type = Message::new(&b"payload"[..])
        .with_header("t", true)
        .with_header("f", false)
        .with_header("b", 1i8)
        .with_header("s", 2i16)
        .with_header("i", 3i32)
        .with_header("l", 4i64)
        .with_header("a", vec![5u8, 6])
        .with_header("u", "seven")
        .with_header("ts", HeaderValue::Timestamp(8))
        .with_header("id", [9u8; 16]);
    let error = Message::new(Vec::new())
        .with_header(":message-type", "error")
        .with_header(":error-code", "InternalError")
        .with_header(":error-message", "An internal error occurred");
    let mut stream = Vec::new();
    for message in [&event, &every_type, &error] {
        message.encode_into(&mut stream)?;
    }
    let mut seeds = Vec::new();
    for (prefix, frames) in [
        (&[0u8][..], every_type.encode()?),
        (&[0], event.encode()?),
        (&[8], event.encode()?), // small limits
        (&[2, 4, 30], stream.clone()),
        (&[0], stream),
    ] {
        seeds.push([prefix, &frames[..]].concat());
    }
    Ok(seeds)
}

/// The bodies of `r#"..."#` literals starting with `{` or `[` in the test files.
fn test_bodies(dir: &Path) -> Result<Vec<Vec<u8>>> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut bodies = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let mut rest = text.as_str();
        while let Some(start) = rest.find("r#\"") {
            rest = &rest[start + 3..];
            let Some(end) = rest.find("\"#") else { break };
            let literal = &rest[..end];
            rest = &rest[end + 2..];
            if literal.trim_start().starts_with(['{', '[']) {
                bodies.push(literal.as_bytes().to_vec());
            }
        }
    }
    Ok(bodies)
}

/// `(corpus file name, text)` of every JSON model of the repository.
fn models(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for dir in ["models", "codegen/tests/fixtures"] {
        let dir = root.join(dir);
        let mut paths: Vec<_> = fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, bytes));
        }
    }
    Ok(out)
}
