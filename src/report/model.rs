//! The report as data: `assessment.json`, and the input of every other format.

use std::collections::BTreeSet;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Basis, Catalog};
use crate::diagnostic::Diagnostics;
use crate::evidence::{EvidenceFile, EvidenceSet, Period};
use crate::score::{Assessment, EvidenceRef, ReasonCode};

/// Version of the JSON result; bumped on any incompatible change. Version 1 was the
/// bare assessment; version 2 wraps it with the manifest, diagnostics and comparison.
pub const REPORT_VERSION: u32 = 2;

/// Everything one run of `assess` found, as every output presents it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// Format version ([`REPORT_VERSION`]).
    pub version: u32,
    /// Counts for the executive summary, each derived from the rest of the report.
    pub summary: ReportSummary,
    /// The scores.
    pub assessment: Assessment,
    /// Every file read, with its hash.
    pub manifest: Manifest,
    /// Every problem found in the profile and the evidence.
    pub diagnostics: Vec<DiagnosticRecord>,
    /// What changed since a baseline result, when one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<super::baseline::Comparison>,
}

/// The headline counts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReportSummary {
    /// Files read.
    pub files: usize,
    /// Files rejected by validation.
    pub invalid_files: usize,
    /// Items behind a requirement that is unmet because they are stale.
    pub stale_items: usize,
    /// Waivers and attestations that have expired.
    pub expired: usize,
    /// Waivers and attestations expiring within the notice period.
    pub expiring: usize,
    /// Unmet criteria between current levels and targets.
    pub gaps: usize,
    /// Controls below their target (or with an unattainable one).
    pub below_target: usize,
}

/// What was read, so an auditor can recompute every hash.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Manifest {
    /// The tool that made the report.
    pub tool: Tool,
    /// Each framework of the catalog, with its version.
    pub catalogs: Vec<CatalogVersion>,
    /// Every evidence file read, sorted by path.
    pub files: Vec<ManifestEntry>,
}

/// The tool and its version.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tool {
    /// `evident`.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Tool {
    /// This build of evident.
    pub fn this() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// A framework of the catalog.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CatalogVersion {
    /// Framework id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Licence of its text.
    pub licence: String,
    /// Attribution its licence asks for.
    pub attribution: String,
}

/// One file read, with the period its item proves.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ManifestEntry {
    /// Path, size, hash, kind, id and validity.
    #[serde(flatten)]
    pub file: EvidenceFile,
    /// The period the item proves (a single day for an `effective` date), when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proves: Option<Period>,
    /// How the item knows (measured, declared, attested), when valid: an auditor
    /// weighs an export differently from a signed statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// When the item says it was collected, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collected: Option<Date>,
}

/// A diagnostic as the report records it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiagnosticRecord {
    /// The code as a value, for the gate and the outputs that classify by rule.
    #[serde(skip)]
    #[schemars(skip)]
    pub rule: crate::diagnostic::Code,
    /// Stable code, e.g. `schema-violation`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// File, relative to the evidence directory, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line (0 when only the file is known).
    pub line: usize,
    /// 1-based column (0 when only the file is known).
    pub column: usize,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Report {
    /// Gathers the report of a run. `shown_root` is the evidence directory as
    /// diagnostics display it; their paths are made relative to it.
    pub fn new(
        assessment: Assessment,
        catalog: &Catalog,
        evidence: &EvidenceSet,
        diagnostics: &Diagnostics,
        shown_root: &str,
    ) -> Self {
        let files = manifest_files(evidence);
        let diagnostics: Vec<DiagnosticRecord> = diagnostics
            .sorted()
            .into_iter()
            .map(|d| {
                let location = d.location.as_ref();
                DiagnosticRecord {
                    rule: d.code,
                    code: d.code.to_string(),
                    severity: d.severity.to_string(),
                    message: d.message.clone(),
                    path: location.map(|l| relative(&l.path, shown_root)),
                    line: location.map_or(0, |l| l.line),
                    column: location.map_or(0, |l| l.column),
                    help: d.help.clone(),
                }
            })
            .collect();
        let summary = ReportSummary {
            files: files.len(),
            invalid_files: files.iter().filter(|f| !f.file.valid).count(),
            stale_items: stale_items(&assessment),
            expired: assessment
                .findings
                .iter()
                .filter(|f| f.code.expired())
                .count(),
            expiring: assessment
                .findings
                .iter()
                .filter(|f| !f.code.expired())
                .count(),
            gaps: assessment.gaps.len(),
            below_target: assessment
                .controls
                .iter()
                .filter(|c| {
                    c.target_status
                        .is_some_and(|s| s != crate::score::TargetStatus::Met)
                })
                .count(),
        };
        let catalogs = catalog
            .frameworks()
            .map(|f| CatalogVersion {
                id: f.id.clone(),
                name: f.name.clone(),
                version: f.version.clone(),
                licence: f.licence.clone(),
                attribution: f.attribution.clone(),
            })
            .collect();
        Self {
            version: REPORT_VERSION,
            summary,
            assessment,
            manifest: Manifest {
                tool: Tool::this(),
                catalogs,
                files,
            },
            diagnostics,
            comparison: None,
        }
    }
}

/// Every file read, sorted by path, with what its valid item proves and how.
fn manifest_files(evidence: &EvidenceSet) -> Vec<ManifestEntry> {
    let mut items = vec![None; evidence.files.len()];
    for item in &evidence.items {
        if let Some(slot) = items.get_mut(item.file) {
            *slot = Some(item);
        }
    }
    let mut files: Vec<ManifestEntry> = evidence
        .files
        .iter()
        .zip(items)
        .map(|(f, item)| ManifestEntry {
            file: f.clone(),
            proves: item.and_then(|i| i.proves()),
            basis: item.map(|i| i.basis),
            collected: item.and_then(|i| i.collected),
        })
        .collect();
    // Paths are unique, so an unstable sort gives the same order without a buffer.
    files.sort_unstable_by(|a, b| a.file.path.cmp(&b.file.path));
    files
}

/// Distinct items named by a stale reason of an unmet requirement.
fn stale_items(assessment: &Assessment) -> usize {
    let ids: BTreeSet<&str> = stale_evidence(assessment).map(|e| e.id.as_str()).collect();
    ids.len()
}

/// The evidence named by a stale reason of an unmet requirement (with repeats).
pub(super) fn stale_evidence(assessment: &Assessment) -> impl Iterator<Item = &EvidenceRef> {
    assessment
        .controls
        .iter()
        .flat_map(|control| control.all_criteria())
        .flat_map(|(_, criterion)| &criterion.requirements)
        .filter(|requirement| !requirement.met)
        .flat_map(|requirement| &requirement.reasons)
        .filter(|reason| reason.code == ReasonCode::Stale)
        .flat_map(|reason| &reason.evidence)
}

/// `path` relative to the evidence directory as displayed (`dir/a/b.yaml` → `a/b.yaml`);
/// paths outside it (a profile given with `--profile`) stay as they are.
fn relative(path: &str, shown_root: &str) -> String {
    let root = shown_root.trim_end_matches('/');
    path.strip_prefix(root)
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|_| !root.is_empty() && root != ".")
        .unwrap_or(path)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn diagnostic_paths_are_relative_to_the_evidence_directory() {
        assert_eq!(relative("ev/a/b.yaml", "ev"), "a/b.yaml");
        assert_eq!(relative("ev/a/b.yaml", "ev/"), "a/b.yaml");
        assert_eq!(relative("evx/a.yaml", "ev"), "evx/a.yaml");
        assert_eq!(relative("/etc/profile.yaml", "ev"), "/etc/profile.yaml");
    }
}
