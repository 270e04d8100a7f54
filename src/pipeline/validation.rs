//! `validate` as a library call: every evidence file and the profile checked (its
//! targets against the catalog too), with the missing-section warnings, summarised as one versioned document whose schema
//! evident publishes (`evident schema validation`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{Inputs, Stop, load_profile, require_directory};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::evidence::{self, EvidenceFile, Progress, ScanOptions};
use crate::profile::Profile;
use crate::score::{SectionVocabulary, missing_sections};

/// Version of the validation document; raised when a field changes meaning or goes.
pub const VALIDATION_VERSION: u32 = 1;

/// What `validate` found.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Validation {
    /// Version of this format ([`VALIDATION_VERSION`]).
    pub version: u32,
    /// The evidence directory, as given.
    pub directory: String,
    /// The counts.
    pub summary: ValidationSummary,
    /// The profile, when there is a valid one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Every file read (the profile first), valid or not, with its size and SHA-256.
    pub files: Vec<EvidenceFile>,
    /// Files that are not evidence (other extensions, READMEs, links to scanned files).
    pub ignored: Vec<String>,
    /// Every problem, sorted by file, line and column (with the text of the files
    /// they point into, for rendering them rustc-style).
    #[serde(serialize_with = "sorted")]
    #[schemars(with = "Vec<Diagnostic>")]
    pub diagnostics: Diagnostics,
}

/// The counts of a validation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ValidationSummary {
    /// Files read.
    pub files: usize,
    /// Files without errors.
    pub valid: usize,
    /// Files with an error.
    pub invalid: usize,
    /// Files skipped as not evidence.
    pub ignored: usize,
    /// Diagnostics that are errors.
    pub errors: usize,
    /// Diagnostics that are warnings.
    pub warnings: usize,
    /// Valid items per evidence kind.
    pub by_kind: BTreeMap<String, usize>,
}

impl Validation {
    /// Whether any diagnostic is an error (the directory does not validate).
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Checks the evidence directory of `inputs` and its profile against `catalog`.
/// Calls `progress` as the evidence stage does.
pub fn validate(
    inputs: &Inputs<'_>,
    catalog: &Catalog,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Validation, Stop> {
    require_directory(inputs.evidence_dir)?;
    let shown = inputs.shown();
    let profile = load_profile(inputs)?;
    let options = ScanOptions {
        max_file_size: inputs.max_file_size,
        exclude: inputs.exclude.clone(),
    };
    // Documents keep their outline and the fields that decide which sections the
    // catalog requires of them; other items keep only their envelope.
    let projection = catalog.section_projection();
    let mut set = evidence::load(inputs.evidence_dir, &shown, &options, &projection, progress);
    let mut diagnostics = profile.diagnostics;
    if let Some(p) = &profile.profile {
        diagnostics.extend(super::settings::unknown_targets(catalog, p));
    }
    diagnostics.extend(std::mem::take(&mut set.diagnostics));
    let (aliases, categories) = profile
        .profile
        .as_ref()
        .map(|p| (p.section_aliases.clone(), p.categories.clone()))
        .unwrap_or_default();
    let vocabulary = SectionVocabulary::new(catalog, &aliases);
    for d in missing_sections(catalog, &set, &vocabulary, &categories, &shown) {
        diagnostics.push(d);
    }
    let by_kind = set
        .count_by_kind()
        .into_iter()
        .map(|(k, n)| (k.name().to_owned(), n))
        .collect();
    let files: Vec<EvidenceFile> = profile.file.into_iter().chain(set.files).collect();
    let valid = files.iter().filter(|f| f.valid).count();
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let summary = ValidationSummary {
        files: files.len(),
        valid,
        invalid: files.len() - valid,
        ignored: set.ignored.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        by_kind,
    };
    Ok(Validation {
        version: VALIDATION_VERSION,
        directory: shown,
        summary,
        profile: profile.profile,
        files,
        ignored: set.ignored,
        diagnostics,
    })
}

fn sorted<S: serde::Serializer>(diagnostics: &Diagnostics, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(diagnostics.sorted())
}

impl ValidationSummary {
    /// The one-line summary `validate` prints: files, validity, diagnostics, kinds.
    pub fn one_line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!(
            "{}: {} valid, {} invalid",
            plural(self.files, "file"),
            self.valid,
            self.invalid
        );
        if self.ignored > 0 {
            line.push_str(&format!(", {} ignored", self.ignored));
        }
        line.push_str(&format!(
            "; {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        ));
        if !self.by_kind.is_empty() {
            let kinds: Vec<String> = self
                .by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            line.push_str(&format!(" ({})", kinds.join(", ")));
        }
        line
    }
}
