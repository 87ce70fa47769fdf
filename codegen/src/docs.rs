//! PLACEHOLDER until the converter lands.
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    doc.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}
