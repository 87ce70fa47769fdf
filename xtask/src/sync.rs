//! Keeping a generated crate in step with the generator: the one code path behind
//! `cargo xtask codegen`, `cargo xtask codegen --check` and the freshness test.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result};
use codegen::Files;

/// How the files on disk differ from the generator's output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files the generator produces that are not on disk.
    pub missing: Vec<String>,
    /// Files in the generator's territory (`Cargo.toml`, `src/`) that it no longer produces.
    pub orphaned: Vec<String>,
}

impl Drift {
    /// Whether disk and generator agree.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.orphaned.is_empty()
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (label, paths) in [
            ("changed", &self.changed),
            ("missing", &self.missing),
            ("orphaned", &self.orphaned),
        ] {
            for path in paths {
                writeln!(f, "  {label:>8}: {path}")?;
            }
        }
        Ok(())
    }
}

/// Compares `files` with the crate at `out`. With `write`, brings disk in line: writes only the
/// files whose bytes differ and deletes orphans. Returns what differed before any write.
pub fn sync(out: &Path, files: &Files, write: bool) -> Result<Drift> {
    let mut drift = Drift::default();
    for (path, text) in files {
        let full = out.join(path);
        match std::fs::read(&full) {
            Ok(bytes) if bytes == text.as_bytes() => continue,
            Ok(_) => drift.changed.push(path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(path.clone()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", full.display())),
        }
        if write {
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&full, text).with_context(|| format!("writing {}", full.display()))?;
        }
    }
    let produced: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for path in owned_files(out)? {
        if !produced.contains(path.as_str()) {
            if write {
                let full = out.join(&path);
                std::fs::remove_file(&full)
                    .with_context(|| format!("removing {}", full.display()))?;
            }
            drift.orphaned.push(path);
        }
    }
    if write {
        remove_empty_dirs(&out.join("src"))?;
    }
    Ok(drift)
}

/// Files the generator owns on disk: `Cargo.toml` and everything under `src/`, sorted.
fn owned_files(out: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    if out.join("Cargo.toml").is_file() {
        found.push("Cargo.toml".to_owned());
    }
    let mut stack = vec![("src".to_owned(), out.join("src"))];
    while let Some((relative, dir)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{relative}/{name}");
            if entry.file_type()?.is_dir() {
                stack.push((path, entry.path()));
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn remove_empty_dirs(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            remove_empty_dirs(&entry.path())?;
            if std::fs::read_dir(entry.path())?.next().is_none() {
                std::fs::remove_dir(entry.path())?;
            }
        }
    }
    Ok(())
}
