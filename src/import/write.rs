//! Writing imported items: each as YAML in its kind's field order, with provenance
//! and the hash of what was written, so a re-import rewrites identical bytes and can
//! tell an item edited by hand from one it wrote.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::export::hex;
use super::{Draft, Outcome, Request};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::evidence::EvidenceKind;
use crate::evidence::envelope::Provenance;
use crate::evidence::kinds as k;

/// What an import did to one item file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The file did not exist.
    Added,
    /// The file existed, as import wrote it, and now holds the export's new record.
    Changed,
    /// The file already held exactly this.
    Unchanged,
    /// The file was edited by hand since it was imported; it was left alone.
    Kept,
    /// The file was edited by hand and replaced because of `--force`.
    Forced,
}

impl Change {
    /// The word the CLI prints.
    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Changed => "changed",
            Self::Unchanged => "unchanged",
            Self::Kept => "kept",
            Self::Forced => "replaced",
        }
    }
}

/// The key under which provenance records the written file's hash.
const WRITTEN_KEY: &str = "written_sha256:";

/// YAML of `item` through the kind's type: fields in the kind's order, and anything
/// the kind does not allow rejected.
fn typed<T: DeserializeOwned + Serialize>(item: &Json) -> Result<String, String> {
    let value: T = serde_json::from_value(item.clone()).map_err(|e| e.to_string())?;
    serde_yaml::to_string(&value).map_err(|e| e.to_string())
}

/// The item as YAML, if it is a valid item of `kind`.
pub(super) fn render(kind: EvidenceKind, item: &Json) -> Result<String, String> {
    match kind {
        EvidenceKind::IrPlan => typed::<k::IrPlan>(item),
        EvidenceKind::Incident => typed::<k::Incident>(item),
        EvidenceKind::PostIncidentReview => typed::<k::PostIncidentReview>(item),
        EvidenceKind::Exercise => typed::<k::Exercise>(item),
        EvidenceKind::TrainingRecord => typed::<k::TrainingRecord>(item),
        EvidenceKind::IrTeam => typed::<k::IrTeam>(item),
        EvidenceKind::EmergencyAccess => typed::<k::EmergencyAccess>(item),
        EvidenceKind::ObligationsRegister => typed::<k::ObligationsRegister>(item),
        EvidenceKind::NotificationLog => typed::<k::NotificationLog>(item),
        EvidenceKind::VulnerabilityScan => typed::<k::VulnerabilityScan>(item),
        EvidenceKind::ConfigurationBaseline => typed::<k::ConfigurationBaseline>(item),
        EvidenceKind::ConfigurationDrift => typed::<k::ConfigurationDrift>(item),
        EvidenceKind::ChangeDetection => typed::<k::ChangeDetection>(item),
        EvidenceKind::DetectionTooling => typed::<k::DetectionTooling>(item),
        EvidenceKind::AlertTriage => typed::<k::AlertTriage>(item),
        EvidenceKind::AssetInventory => typed::<k::AssetInventory>(item),
        EvidenceKind::MetricsReport => typed::<k::MetricsReport>(item),
        EvidenceKind::GovernanceRecord => typed::<k::GovernanceRecord>(item),
        EvidenceKind::Policy => typed::<k::Policy>(item),
        EvidenceKind::Attestation => typed::<k::Attestation>(item),
        EvidenceKind::Waiver => typed::<k::Waiver>(item),
    }
}

/// Checks a draft against its kind before anything is written.
pub(super) fn check_kind(kind: EvidenceKind, item: &Json) -> Result<(), String> {
    if kind.is_document() {
        return Err(format!(
            "`{kind}` is a Markdown document kind; import writes data kinds only"
        ));
    }
    if item
        .get("title")
        .and_then(Json::as_str)
        .is_none_or(str::is_empty)
    {
        return Err("has no title, which every item needs".to_owned());
    }
    render(kind, item)
        .map(drop)
        .map_err(|e| format!("is not a valid `{kind}`: {e}"))
}

/// The file's text as import writes it: the item with provenance, then the hash of
/// that text recorded inside it.
fn text(kind: EvidenceKind, item: &Json, provenance: &Provenance) -> Result<String, String> {
    let mut item = item.clone();
    let mut provenance = provenance.clone();
    item["provenance"] = serde_json::to_value(&provenance).map_err(|e| e.to_string())?;
    let unsigned = render(kind, &item)?;
    provenance.written_sha256 = Some(hex(&Sha256::digest(unsigned.as_bytes())));
    item["provenance"] = serde_json::to_value(&provenance).map_err(|e| e.to_string())?;
    render(kind, &item)
}

/// Whether `text` is still what import wrote: without its `written_sha256` line it
/// hashes to the value on that line.
fn as_written(text: &str) -> bool {
    let mut recorded = None;
    let mut rest = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.trim_start().strip_prefix(WRITTEN_KEY) {
            Some(value) if recorded.is_none() => {
                recorded = Some(value.trim().trim_matches(['\'', '"']).to_owned());
            }
            _ => rest.push_str(line),
        }
    }
    recorded.is_some_and(|r| r == hex(&Sha256::digest(rest.as_bytes())))
}

/// Writes every accepted draft into the target folder.
pub(super) fn write_all(
    request: &Request,
    drafts: Vec<(Draft, Provenance)>,
    outcome: &mut Outcome,
) {
    if drafts.is_empty() {
        return;
    }
    if let Err(e) = std::fs::create_dir_all(&request.into) {
        outcome.diagnostics.push(
            Diagnostic::error(
                Code::ReadError,
                format!("cannot create {}: {e}", request.into.display()),
            )
            .at(Location::file_only(request.into.display().to_string())),
        );
        outcome.write_failed = true;
        return;
    }
    for (draft, provenance) in drafts {
        let id = draft.item["id"].as_str().unwrap_or_default().to_owned();
        let kind = draft.item["kind"]
            .as_str()
            .and_then(EvidenceKind::from_name);
        let Some(kind) = kind else { continue };
        let name = format!("{id}.yaml");
        let path = request.into.join(&name);
        let shown = path.display().to_string();
        let new = match text(kind, &draft.item, &provenance) {
            Ok(text) => text,
            Err(e) => {
                outcome.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportRecord,
                        format!("record `{}`: {e}", draft.record),
                    )
                    .at(Location::file_only(&shown)),
                );
                continue;
            }
        };
        let change = match std::fs::read_to_string(&path) {
            Err(_) if !path.exists() => Change::Added,
            Ok(old) if old == new => Change::Unchanged,
            Ok(old) if as_written(&old) => Change::Changed,
            _ if request.force => Change::Forced,
            _ => {
                outcome.diagnostics.push(
                    Diagnostic::warning(
                        Code::ImportEdited,
                        format!(
                            "{name} was edited since it was imported; record `{}` was not written over it",
                            draft.record
                        ),
                    )
                    .at(Location::file_only(&shown))
                    .help("keep the edit, or import again with --force to replace it"),
                );
                outcome.items.insert(name, Change::Kept);
                continue;
            }
        };
        if change != Change::Unchanged
            && let Err(e) = write_atomically(&path, &new)
        {
            outcome.diagnostics.push(
                Diagnostic::error(Code::ReadError, format!("cannot write {name}: {e}"))
                    .at(Location::file_only(&shown)),
            );
            outcome.write_failed = true;
            continue;
        }
        outcome.items.insert(name, change);
    }
}

/// Writes through a temporary file in the same folder, so a reader never sees half
/// an item.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("yaml.import-tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn written_hash_detects_any_edit() {
        let item = serde_json::json!({
            "kind": "vulnerability-scan", "id": "trivy-x", "title": "Trivy scan of x",
            "basis": "measured", "effective": "2026-09-30", "scanner": "Trivy", "scope": ["x"],
        });
        let provenance = Provenance {
            tool: "trivy".into(),
            export: "x.json".into(),
            export_sha256: "0".repeat(64),
            record: "x".into(),
            written_sha256: None,
        };
        let written = text(EvidenceKind::VulnerabilityScan, &item, &provenance).unwrap();
        assert!(written.contains("written_sha256:"), "{written}");
        assert!(as_written(&written));
        assert!(!as_written(&written.replace("scope:\n- x", "scope:\n- y")));
        assert!(!as_written(&written.replace("Trivy scan", "Trivy  scan")));
        let unsigned: String = written
            .lines()
            .filter(|l| !l.contains("written_sha256"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(!as_written(&unsigned));
    }
}
