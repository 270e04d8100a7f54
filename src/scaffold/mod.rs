//! The scaffold of `evident init`: the assessment profile, an
//! IR plan skeleton with every section the catalog checks, a README, a commented
//! template of every evidence kind and the JSON Schemas the templates point at.
//!
//! Templates and schemas go under `.evident/`: hidden folders are never scanned, so
//! a template's example values can never count as evidence, and the schemas (JSON
//! files without a `kind`) are not mistaken for invalid items. Nothing that exists is
//! ever overwritten: into a non-empty folder only the missing files are added.

use std::io::Write;
use std::path::Path;

/// Where templates and schemas go inside the evidence directory.
pub const HIDDEN: &str = ".evident";

/// One template per evidence kind: its file name and text. Documents are Markdown
/// with front matter; the rest YAML whose first line names the schema.
const TEMPLATES: &[(&str, &str)] = &[
    ("ir-plan.md", include_str!("templates/ir-plan.md")),
    ("incident.yaml", include_str!("templates/incident.yaml")),
    (
        "post-incident-review.md",
        include_str!("templates/post-incident-review.md"),
    ),
    ("exercise.yaml", include_str!("templates/exercise.yaml")),
    (
        "training-record.yaml",
        include_str!("templates/training-record.yaml"),
    ),
    ("ir-team.yaml", include_str!("templates/ir-team.yaml")),
    (
        "emergency-access.yaml",
        include_str!("templates/emergency-access.yaml"),
    ),
    (
        "obligations-register.yaml",
        include_str!("templates/obligations-register.yaml"),
    ),
    (
        "notification-log.yaml",
        include_str!("templates/notification-log.yaml"),
    ),
    (
        "vulnerability-scan.yaml",
        include_str!("templates/vulnerability-scan.yaml"),
    ),
    (
        "configuration-baseline.yaml",
        include_str!("templates/configuration-baseline.yaml"),
    ),
    (
        "configuration-drift.yaml",
        include_str!("templates/configuration-drift.yaml"),
    ),
    (
        "change-detection.yaml",
        include_str!("templates/change-detection.yaml"),
    ),
    (
        "detection-tooling.yaml",
        include_str!("templates/detection-tooling.yaml"),
    ),
    (
        "alert-triage.yaml",
        include_str!("templates/alert-triage.yaml"),
    ),
    (
        "asset-inventory.yaml",
        include_str!("templates/asset-inventory.yaml"),
    ),
    (
        "metrics-report.yaml",
        include_str!("templates/metrics-report.yaml"),
    ),
    (
        "governance-record.md",
        include_str!("templates/governance-record.md"),
    ),
    ("policy.md", include_str!("templates/policy.md")),
    (
        "attestation.yaml",
        include_str!("templates/attestation.yaml"),
    ),
    ("waiver.yaml", include_str!("templates/waiver.yaml")),
];

const PROFILE: &str = include_str!("evident.yaml");
const README: &str = include_str!("README.md");
const IR_PLAN: &str = include_str!("ir-plan-skeleton.md");

/// Every file of the scaffold: path relative to DIR (`/`-separated) and text. The
/// plan's date is `today`, so a fresh plan is current.
pub fn files(today: &str) -> Vec<(String, String)> {
    let mut files = vec![
        ("evident.yaml".to_owned(), PROFILE.to_owned()),
        ("README.md".to_owned(), README.to_owned()),
        (
            "plans/ir-plan.md".to_owned(),
            IR_PLAN.replace("{{today}}", today),
        ),
    ];
    files.extend(
        TEMPLATES
            .iter()
            .map(|(name, text)| (format!("{HIDDEN}/templates/{name}"), (*text).to_owned())),
    );
    files.extend(
        crate::publish::published_files()
            .into_iter()
            .map(|(path, text)| (format!("{HIDDEN}/schemas/{path}"), text)),
    );
    files
}

/// What [`write()`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files created, relative to the folder.
    pub created: Vec<String>,
    /// Files left alone because something is already at their path.
    pub skipped: Vec<String>,
}

/// Why the scaffold was not written (whole).
#[derive(Debug)]
pub enum ScaffoldError {
    /// The folder asked for is a file (a usage error).
    NotADirectory(String),
    /// A file could not be written.
    Write(String),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotADirectory(e) | Self::Write(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// Writes the scaffold into `dir` (created if missing), dated `today`. Nothing that
/// exists is overwritten, and nothing at a path is followed (a link counts as there).
pub fn write(dir: &Path, today: &str) -> Result<Written, ScaffoldError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ScaffoldError::NotADirectory(format!(
            "`{}` exists and is not a directory",
            dir.display()
        )));
    }
    let mut written = Written::default();
    for (path, text) in files(today) {
        let target = dir.join(&path);
        if target.symlink_metadata().is_ok() {
            written.skipped.push(path);
            continue;
        }
        write_new(&target, &text)
            .map_err(|e| ScaffoldError::Write(format!("cannot write {}: {e}", target.display())))?;
        written.created.push(path);
    }
    Ok(written)
}

/// Writes a file that must not exist yet (`create_new`: even a file that appears
/// between the check and the write is left alone).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::EvidenceKind;

    #[test]
    fn every_kind_has_a_template_naming_its_schema() {
        assert_eq!(TEMPLATES.len(), EvidenceKind::ALL.len());
        for kind in EvidenceKind::ALL {
            let (name, text) = TEMPLATES
                .iter()
                .find(|(n, _)| n.split('.').next() == Some(kind.name()))
                .unwrap_or_else(|| panic!("no template for {kind}"));
            let modeline =
                format!("# yaml-language-server: $schema=../schemas/evidence/{kind}.schema.json");
            let first = if kind.is_document() {
                assert!(name.ends_with(".md"), "{name}");
                assert_eq!(text.lines().next(), Some("---"));
                text.lines().nth(1)
            } else {
                text.lines().next()
            };
            assert_eq!(first, Some(modeline.as_str()), "{name}");
            assert!(text.contains(&format!("kind: {kind}\n")), "{name}");
        }
    }
}
