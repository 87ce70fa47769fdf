//! The project's tasks, as a library so tests can drive them without spawning processes.

pub mod sync;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// How generated headers name a model file: its path relative to the workspace root when it
/// lies inside it (with `/` separators), else its file name. Never absolute, so the output is
/// the same on every machine.
pub fn model_label(model: &Path, root: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (model, root) = (absolute(model), absolute(root));
    match model.strip_prefix(&root) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model.json".to_owned()),
    }
}
