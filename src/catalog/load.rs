//! Phase one of catalog loading: text to [`CatalogFile`]s.
//!
//! Each file is parsed (YAML syntax, duplicate keys), checked against the catalog
//! schema (every violation, located), and only then deserialised. Files that fail are
//! reported and left out; `validate` then checks the rules that span files.

use std::path::Path;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;

use super::embedded::BUILTIN_CATALOG;
use super::model::CatalogFile;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::evidence::EvidenceKind;
use crate::source::SourceFile;
use crate::structured::Document;
use crate::{schema, structured};

/// A catalog file's text and where it came from.
#[derive(Debug, Clone)]
pub struct CatalogInput {
    /// The text and its display path.
    pub source: SourceFile,
    /// Whether it ships inside the binary.
    pub builtin: bool,
}

/// The catalog files embedded in the binary.
pub fn builtin_inputs() -> Vec<CatalogInput> {
    BUILTIN_CATALOG
        .iter()
        .map(|(name, text)| CatalogInput {
            source: SourceFile::new(format!("<builtin>/controls/{name}"), *text),
            builtin: true,
        })
        .collect()
}

/// Reads the user catalog files (`*.yaml`, `*.yml`) of a directory, or one file.
/// Files that cannot be read become diagnostics; the others are returned in name order.
pub fn read_dir(path: &Path) -> (Vec<CatalogInput>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let display = path.display().to_string();
    let mut files = Vec::new();
    if path.is_file() {
        files.push(path.to_path_buf());
    } else {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                files.extend(
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| {
                            p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                        }),
                );
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::ReadError,
                        format!("cannot read catalog directory: {e}"),
                    )
                    .at(Location::file_only(&display))
                    .help("pass --controls a directory of catalog YAML files"),
                );
                return (Vec::new(), diagnostics);
            }
        }
        if files.is_empty() {
            diagnostics.push(
                Diagnostic::error(Code::CatalogEmpty, "no catalog files (*.yaml, *.yml) here")
                    .at(Location::file_only(&display))
                    .help("put one catalog file per framework in this directory"),
            );
        }
    }
    files.sort();
    let mut inputs = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        match std::fs::read(&file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let text = text
                        .strip_prefix('\u{feff}')
                        .map(str::to_owned)
                        .unwrap_or(text);
                    inputs.push(CatalogInput {
                        source: SourceFile::new(shown, text),
                        builtin: false,
                    });
                }
                Err(e) => diagnostics.push(
                    Diagnostic::error(
                        Code::NotUtf8,
                        format!(
                            "not UTF-8 text (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                    )
                    .at(Location::file_only(shown))
                    .help("save the catalog as UTF-8"),
                ),
            },
            Err(e) => diagnostics.push(
                Diagnostic::error(Code::ReadError, format!("cannot read: {e}"))
                    .at(Location::file_only(shown))
                    .help("check the file's permissions"),
            ),
        }
    }
    (inputs, diagnostics)
}

/// A file that passed phase one, with what `validate` needs to locate its parts.
#[derive(Debug)]
pub(super) struct ParsedFile {
    pub input: CatalogInput,
    pub doc: Document,
    pub file: CatalogFile,
}

impl ParsedFile {
    /// The location of the value at `pointer`.
    pub fn locate(&self, pointer: &str) -> Location {
        self.doc.locate(pointer)
    }
}

/// Phase one: parses and schema-checks catalog files into [`ParsedFile`]s. Every
/// problem is a diagnostic; the flag says whether any file failed.
pub(super) fn parse(
    inputs: Vec<CatalogInput>,
    diagnostics: &mut Diagnostics,
) -> (Vec<ParsedFile>, bool) {
    let validator = match catalog_validator() {
        Ok(v) => v,
        Err(message) => {
            diagnostics.push(Diagnostic::error(Code::SchemaViolation, message));
            return (Vec::new(), true);
        }
    };
    let mut parsed = Vec::new();
    let mut failed = false;
    for input in inputs {
        match structured::load(
            &input.source,
            validator,
            "catalog",
            "catalog",
            classify_schema_error,
        ) {
            Ok((file, doc)) => parsed.push(ParsedFile { input, doc, file }),
            Err(problems) => {
                failed = true;
                for d in problems {
                    diagnostics.push_in(&input.source, d);
                }
            }
        }
    }
    (parsed, failed)
}

/// An unknown evidence kind is the commonest catalog mistake; it gets its own code and
/// a did-you-mean instead of the schema's long list.
fn classify_schema_error(
    kind: &ValidationErrorKind,
    pointer: &str,
    value: Option<&serde_json::Value>,
) -> Option<(Code, String, String)> {
    let is_kind_field = pointer.ends_with("/kind") || pointer.ends_with("/coverage/of");
    if !is_kind_field || !matches!(kind, ValidationErrorKind::Enum { .. }) {
        return None;
    }
    let given = value.and_then(|v| v.as_str()).unwrap_or_default();
    let help = EvidenceKind::help_for_unknown(given);
    Some((
        Code::UnknownEvidenceKind,
        format!("unknown evidence kind `{given}`"),
        help,
    ))
}

/// The compiled catalog schema, built once and shared.
fn catalog_validator() -> Result<&'static jsonschema::Validator, String> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| schema::compile(&schema::generate::<CatalogFile>()))
        .as_ref()
        .map_err(Clone::clone)
}
