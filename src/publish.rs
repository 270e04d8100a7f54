//! The JSON Schemas evident publishes (`evident schema`), generated from its Rust
//! types: the inputs it reads and the documents it writes.
//!
//! The committed copies under `schemas/` are what editors and other tools read; a test
//! fails when they differ from what the types generate, so they never go stale.

use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::catalog::CatalogFile;
use crate::evidence::EvidenceKind;
use crate::schema::{generate, generate_output};

/// What a published schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A control catalog file.
    Catalog,
    /// An evidence item of one kind.
    Evidence(EvidenceKind),
    /// The assessment profile (`evident.yaml`).
    Profile,
    /// The assessment result (`assessment.json`).
    Assessment,
    /// An `evident import` mapping file.
    ImportMapping,
    /// What `evident validate --format json` writes.
    Validation,
}

/// A published schema: its name on the command line and its committed path.
#[derive(Debug, Clone)]
pub struct PublishedSchema {
    /// Name for `evident schema <name>`.
    pub name: &'static str,
    /// Path of the committed copy, relative to the repository root.
    pub path: String,
    /// What it describes.
    pub subject: Subject,
}

impl PublishedSchema {
    /// The schema as JSON.
    pub fn generate(&self) -> Json {
        match self.subject {
            Subject::Catalog => generate::<CatalogFile>(),
            Subject::Evidence(kind) => crate::evidence::kinds::schema(kind),
            Subject::Profile => generate::<crate::profile::Profile>(),
            Subject::Assessment => generate_output::<crate::report::Report>(),
            Subject::ImportMapping => generate::<crate::import::Mapping>(),
            Subject::Validation => generate_output::<crate::pipeline::Validation>(),
        }
    }

    /// The schema as committed: pretty JSON with a trailing newline.
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.generate()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// One line on what it describes.
    pub fn describes(&self) -> String {
        match self.subject {
            Subject::Catalog => {
                "a control catalog file (controls/*.yaml, --controls DIR)".to_owned()
            }
            Subject::Evidence(kind) => format!("an evidence item of kind `{kind}`"),
            Subject::Profile => {
                "the assessment profile (evident.yaml at the evidence root)".to_owned()
            }
            Subject::Assessment => "the assessment result (assessment.json)".to_owned(),
            Subject::ImportMapping => {
                "an `evident import` mapping file (--mapping FILE)".to_owned()
            }
            Subject::Validation => "the result of `evident validate --format json`".to_owned(),
        }
    }
}

/// Every published schema: the catalog, the assessment, the profile, the import
/// mapping, the validation document, then one per evidence kind.
pub fn published() -> &'static [PublishedSchema] {
    static ALL: OnceLock<Vec<PublishedSchema>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = vec![PublishedSchema {
            name: "catalog",
            path: "schemas/catalog.schema.json".to_owned(),
            subject: Subject::Catalog,
        }];
        all.push(PublishedSchema {
            name: "assessment",
            path: "schemas/assessment.schema.json".to_owned(),
            subject: Subject::Assessment,
        });
        all.push(PublishedSchema {
            name: "profile",
            path: "schemas/profile.schema.json".to_owned(),
            subject: Subject::Profile,
        });
        all.push(PublishedSchema {
            name: "import-mapping",
            path: "schemas/import-mapping.schema.json".to_owned(),
            subject: Subject::ImportMapping,
        });
        all.push(PublishedSchema {
            name: "validation",
            path: "schemas/validation.schema.json".to_owned(),
            subject: Subject::Validation,
        });
        all.extend(EvidenceKind::ALL.iter().map(|&kind| PublishedSchema {
            name: kind.name(),
            path: format!("schemas/evidence/{}.schema.json", kind.name()),
            subject: Subject::Evidence(kind),
        }));
        all
    })
}

/// Every published schema as a file: its path below `schemas/` (`profile.schema.json`,
/// `evidence/incident.schema.json`) and its text, as committed.
pub fn published_files() -> Vec<(String, String)> {
    published()
        .iter()
        .map(|s| {
            let path = s.path.strip_prefix("schemas/").unwrap_or(&s.path);
            (path.to_owned(), s.render())
        })
        .collect()
}

/// The published schema named `name`.
pub fn find(name: &str) -> Option<&'static PublishedSchema> {
    published().iter().find(|s| s.name == name)
}

/// Writes every published schema under `dir` (`dir/profile.schema.json`,
/// `dir/evidence/incident.schema.json`, ...), replacing older copies: an export is
/// meant to be refreshed when evident is upgraded. Returns how many were written.
pub fn write_all(dir: &std::path::Path) -> Result<usize, String> {
    let files = published_files();
    for (path, text) in &files {
        let target = dir.join(path);
        target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, text))
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(files.len())
}
