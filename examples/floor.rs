//! The benchmark's floor: the least a program must do to validate an evidence folder,
//! to compare `evident validate` against (`benches/validate.sh`).
//!
//! ```text
//! cargo run --release --example floor -- DIR
//! ```
//!
//! It compiles the committed kind schemas (`schemas/evidence/*.schema.json`) with the
//! options `evident` uses, walks DIR (skipping hidden entries, the root `evident.yaml`
//! and `README.md` files, as `evident` does), then on rayon reads each YAML, JSON or
//! Markdown file, parses it (YAML through `serde_yaml::Value`, as `evident` does, so
//! duplicate keys are refused; Markdown by its front matter), looks the validator up
//! by the item's `kind` and asks whether the item is valid. It prints one line: files,
//! valid, invalid, elapsed milliseconds (schema compilation included). It does not
//! hash files, locate errors, explain them or check ids and references across files.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use jsonschema::Validator;
use rayon::prelude::*;
use serde_json::Value;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: floor DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let validators = match validators() {
        Ok(v) => v,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(3);
        }
    };
    let files = evidence_files(&dir);
    let valid = files
        .par_iter()
        .filter(|path| is_valid(path, &validators))
        .count();
    println!(
        "files {} valid {valid} invalid {} elapsed_ms {}",
        files.len(),
        files.len() - valid,
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// One compiled validator per kind, keyed by the kind's name.
fn validators() -> Result<HashMap<String, Validator>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/evidence");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut validators = HashMap::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(kind) = name.strip_suffix(".schema.json") else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let schema: Value = serde_json::from_str(&text)
            .map_err(|e| format!("`{}` is not JSON: {e}", path.display()))?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| format!("`{}` does not compile: {e}", path.display()))?;
        validators.insert(kind.to_owned(), validator);
    }
    if validators.is_empty() {
        return Err(format!("no schemas in `{}`", dir.display()));
    }
    Ok(validators)
}

/// The files `evident` would read: not hidden, not the root profile, not a README,
/// with an evidence extension. Links are not followed.
fn evidence_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            let is_profile = e.depth() == 1 && name == "evident.yaml";
            !is_profile && !name.eq_ignore_ascii_case("README.md") && extension(&name).is_some()
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn extension(name: &str) -> Option<&'static str> {
    let (_, ext) = name.rsplit_once('.')?;
    match ext.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => Some("yaml"),
        "json" => Some("json"),
        "md" | "markdown" => Some("md"),
        _ => None,
    }
}

fn is_valid(path: &Path, validators: &HashMap<String, Validator>) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return false;
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let value = match extension(name) {
        Some("json") => serde_json::from_str::<Value>(&text).ok(),
        Some("md") => front_matter(&text).and_then(yaml),
        _ => yaml(&text),
    };
    let Some(value) = value else {
        return false;
    };
    let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
    validators.get(kind).is_some_and(|v| v.is_valid(&value))
}

fn yaml(text: &str) -> Option<Value> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_value(value).ok()
}

/// The YAML between the opening `---` line and the next `---` line.
fn front_matter(text: &str) -> Option<&str> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = first.len();
    let mut end = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some(&text[start..end]);
        }
        end += line.len();
    }
    None
}
