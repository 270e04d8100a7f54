//! Comparison with a baseline: a previous `assessment.json`, read back and set against
//! the current report, control by control, criterion by criterion and file by file.
//!
//! The baseline is read through a small view of its own rather than the report's types,
//! so a baseline written by an older or newer evident still gives a precise message
//! about what is incompatible, and fields added later do not break the reading.

use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{REPORT_VERSION, Report};
use crate::score::{ControlResult, CriterionResult, CriterionStatus, Score, describe};

/// What changed since the baseline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Comparison {
    /// The baseline's as-of date.
    pub baseline_as_of: Date,
    /// Controls whose score went up, down or stayed.
    pub controls: Vec<ControlChange>,
    /// Criteria that improved, across all controls.
    pub improved: usize,
    /// Criteria that regressed, across all controls.
    pub regressed: usize,
    /// Files added, removed or changed (by SHA-256).
    pub evidence: EvidenceChanges,
}

crate::vocabulary::vocabulary! {
    /// Which way something moved.
    #[derive(strum::Display)]
    pub enum Change {
        /// Better than in the baseline.
        Improved,
        /// Worse than in the baseline.
        Regressed,
        /// The same.
        Unchanged,
        /// Not in the baseline.
        New,
    }
}

/// One control against the baseline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ControlChange {
    /// Control id.
    pub id: String,
    /// The baseline's score in words, if the control was assessed then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The current score in words.
    pub after: String,
    /// Which way the score moved.
    pub change: Change,
    /// Every criterion, in catalog order.
    pub criteria: Vec<CriterionChange>,
}

/// One criterion against the baseline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CriterionChange {
    /// Criterion id.
    pub id: String,
    /// Its status in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<CriterionStatus>,
    /// Its status now.
    pub after: CriterionStatus,
    /// Which way it moved.
    pub change: Change,
    /// For a regression: files it used in the baseline that are now gone, changed or
    /// invalid (a file can turn invalid without changing, when an item it refers to is
    /// removed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lost: Vec<LostEvidence>,
}

/// A file a regressed criterion used in the baseline, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LostEvidence {
    /// Path, relative to the evidence directory.
    pub path: String,
    /// The item's id in the baseline.
    pub id: String,
    /// What became of it.
    pub now: FileFate,
}

crate::vocabulary::vocabulary! {
    /// What became of a file since the baseline.
    pub enum FileFate {
        /// It is gone.
        Removed,
        /// Its content changed.
        Changed,
        /// It is unchanged but no longer valid.
        Invalid,
    }
}

/// Files added, removed or changed.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct EvidenceChanges {
    /// Files not in the baseline.
    pub added: Vec<FileChange>,
    /// Files of the baseline that are gone.
    pub removed: Vec<FileChange>,
    /// Files whose content changed.
    pub changed: Vec<FileChange>,
}

/// One file that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FileChange {
    /// Path, relative to the evidence directory.
    pub path: String,
    /// The item's id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// SHA-256 in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// SHA-256 now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// Why a baseline cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineError {
    /// Not JSON at all.
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but not an evident result.
    NotAResult(String),
    /// An evident result of another format version.
    Version(u64),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson {
                line,
                column,
                message,
            } => write!(f, "{line}:{column}: not JSON: {message}"),
            Self::NotAResult(why) => write!(
                f,
                "not an evident result ({why}); pass the assessment.json that `evident assess --format json` wrote"
            ),
            Self::Version(v) => write!(
                f,
                "an evident result of format version {v}, but this evident reads version {REPORT_VERSION}; re-run the earlier assessment with this version (same evidence, `--as-of` its date) to get a comparable baseline"
            ),
        }
    }
}

/// The parts of a baseline the comparison reads.
#[derive(Debug, Deserialize)]
struct Baseline {
    assessment: BaselineAssessment,
    manifest: BaselineManifest,
}

#[derive(Debug, Deserialize)]
struct BaselineAssessment {
    as_of: Date,
    controls: Vec<BaselineControl>,
}

#[derive(Debug, Deserialize)]
struct BaselineControl {
    id: String,
    score: BaselineScore,
    #[serde(default)]
    levels: Vec<BaselineLevel>,
    #[serde(default)]
    criteria: Vec<BaselineCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "model", rename_all = "kebab-case")]
enum BaselineScore {
    Maturity { level: u8 },
    Readiness { met: u32, total: u32 },
}

#[derive(Debug, Deserialize)]
struct BaselineLevel {
    criteria: Vec<BaselineCriterion>,
}

#[derive(Debug, Deserialize)]
struct BaselineCriterion {
    id: String,
    status: CriterionStatus,
    #[serde(default)]
    requirements: Vec<BaselineRequirement>,
}

#[derive(Debug, Deserialize)]
struct BaselineRequirement {
    #[serde(default)]
    evidence: Vec<BaselineEvidence>,
}

#[derive(Debug, Deserialize)]
struct BaselineEvidence {
    id: String,
    path: String,
}

#[derive(Debug, Deserialize)]
struct BaselineManifest {
    files: Vec<BaselineFile>,
}

#[derive(Debug, Deserialize)]
struct BaselineFile {
    path: String,
    sha256: String,
    #[serde(default)]
    id: Option<String>,
}

/// Reads a baseline's text: checks it is an evident result of this format version.
fn read(text: &str) -> Result<Baseline, BaselineError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| BaselineError::NotJson {
            line: e.line(),
            column: e.column(),
            message: crate::structured::without_position(&e.to_string()),
        })?;
    let Some(object) = value.as_object() else {
        return Err(BaselineError::NotAResult(
            "the top level is not an object".into(),
        ));
    };
    match object.get("version").and_then(serde_json::Value::as_u64) {
        None => {
            return Err(BaselineError::NotAResult(
                "it has no numeric `version`".into(),
            ));
        }
        Some(v) if v != u64::from(REPORT_VERSION) => return Err(BaselineError::Version(v)),
        Some(_) => {}
    }
    serde_json::from_value(value).map_err(|e| BaselineError::NotAResult(e.to_string()))
}

/// Checks that `text` is a baseline evident can compare with (an `assessment.json`
/// of this format version), without comparing it.
pub fn check(text: &str) -> Result<(), BaselineError> {
    read(text).map(drop)
}

/// Compares the current report with a baseline's text.
pub fn compare(baseline: &str, current: &Report) -> Result<Comparison, BaselineError> {
    let baseline = read(baseline)?;
    let old_files: BTreeMap<&str, &BaselineFile> = baseline
        .manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let new_files: BTreeMap<&str, &crate::evidence::EvidenceFile> = current
        .manifest
        .files
        .iter()
        .map(|f| (f.file.path.as_str(), &f.file))
        .collect();
    let files = Files {
        old: old_files,
        new: new_files,
    };
    let evidence = file_changes(&files.old, &files.new);
    let old_controls: BTreeMap<String, &BaselineControl> = baseline
        .assessment
        .controls
        .iter()
        .map(|c| (c.id.to_uppercase(), c))
        .collect();
    let mut controls = Vec::new();
    for control in &current.assessment.controls {
        let old = old_controls.get(&control.id.to_uppercase()).copied();
        controls.push(control_change(control, old, &files));
    }
    let count = |which: Change| {
        controls
            .iter()
            .flat_map(|c: &ControlChange| &c.criteria)
            .filter(|c| c.change == which)
            .count()
    };
    Ok(Comparison {
        baseline_as_of: baseline.assessment.as_of,
        improved: count(Change::Improved),
        regressed: count(Change::Regressed),
        controls,
        evidence,
    })
}

fn file_changes(
    old: &BTreeMap<&str, &BaselineFile>,
    new: &BTreeMap<&str, &crate::evidence::EvidenceFile>,
) -> EvidenceChanges {
    let mut changes = EvidenceChanges::default();
    for (path, file) in new {
        match old.get(path) {
            None => changes.added.push(FileChange {
                path: (*path).to_owned(),
                id: file.id.clone(),
                before: None,
                after: Some(file.sha256.to_string()),
            }),
            Some(before) if before.sha256 != file.sha256.to_string() => {
                changes.changed.push(FileChange {
                    path: (*path).to_owned(),
                    id: file.id.clone().or_else(|| before.id.clone()),
                    before: Some(before.sha256.clone()),
                    after: Some(file.sha256.to_string()),
                })
            }
            Some(_) => {}
        }
    }
    for (path, file) in old {
        if !new.contains_key(path) {
            changes.removed.push(FileChange {
                path: (*path).to_owned(),
                id: file.id.clone(),
                before: Some(file.sha256.clone()),
                after: None,
            });
        }
    }
    changes
}

/// The files of the baseline and of now, by path.
struct Files<'a> {
    old: BTreeMap<&'a str, &'a BaselineFile>,
    new: BTreeMap<&'a str, &'a crate::evidence::EvidenceFile>,
}

fn control_change(
    control: &ControlResult,
    old: Option<&BaselineControl>,
    files: &Files<'_>,
) -> ControlChange {
    let after = describe(&control.score);
    let Some(old) = old else {
        return ControlChange {
            id: control.id.clone(),
            before: None,
            after,
            change: Change::New,
            criteria: control
                .all_criteria()
                .map(|(_, c)| c)
                .map(|c| CriterionChange {
                    id: c.id.clone(),
                    before: None,
                    after: c.status,
                    change: Change::New,
                    lost: Vec::new(),
                })
                .collect(),
        };
    };
    let (before, change) = match (&old.score, &control.score) {
        (BaselineScore::Maturity { level: was }, Score::Maturity { level, .. }) => (
            format!("L{was}"),
            direction(u32::from(*was), u32::from(*level)),
        ),
        (BaselineScore::Readiness { met: was, total }, Score::Readiness { met, .. }) => {
            (format!("{was} of {total} met"), direction(*was, *met))
        }
        // The control changed model between the runs: no direction can be told.
        (BaselineScore::Maturity { level }, _) => (format!("L{level}"), Change::New),
        (BaselineScore::Readiness { met, total }, _) => {
            (format!("{met} of {total} met"), Change::New)
        }
    };
    let old_criteria: BTreeMap<String, &BaselineCriterion> = old
        .criteria
        .iter()
        .chain(old.levels.iter().flat_map(|l| &l.criteria))
        .map(|c| (c.id.to_uppercase(), c))
        .collect();
    let criteria = control
        .all_criteria()
        .map(|(_, c)| c)
        .map(|c| criterion_change(c, old_criteria.get(&c.id.to_uppercase()).copied(), files))
        .collect();
    ControlChange {
        id: control.id.clone(),
        before: Some(before),
        after,
        change,
        criteria,
    }
}

fn criterion_change(
    now: &CriterionResult,
    old: Option<&BaselineCriterion>,
    files: &Files<'_>,
) -> CriterionChange {
    let Some(old) = old else {
        return CriterionChange {
            id: now.id.clone(),
            before: None,
            after: now.status,
            change: Change::New,
            lost: Vec::new(),
        };
    };
    // Met and waived both count; n/a is outside the comparison.
    let rank = |s: CriterionStatus| match s {
        CriterionStatus::Met | CriterionStatus::Waived => Some(1),
        CriterionStatus::NotMet => Some(0),
        CriterionStatus::NotApplicable => None,
    };
    let change = match (rank(old.status), rank(now.status)) {
        (Some(a), Some(b)) => direction(a, b),
        _ => Change::Unchanged,
    };
    let lost = if change == Change::Regressed {
        lost(old, files)
    } else {
        Vec::new()
    };
    CriterionChange {
        id: now.id.clone(),
        before: Some(old.status),
        after: now.status,
        change,
        lost,
    }
}

/// What became of the files a criterion used in the baseline, for those that are no
/// longer as they were.
fn lost(old: &BaselineCriterion, files: &Files<'_>) -> Vec<LostEvidence> {
    let mut lost: Vec<LostEvidence> = old
        .requirements
        .iter()
        .flat_map(|r| &r.evidence)
        .filter_map(|e| {
            let before = files.old.get(e.path.as_str())?;
            let now = match files.new.get(e.path.as_str()) {
                None => FileFate::Removed,
                Some(f) if f.sha256.to_string() != before.sha256 => FileFate::Changed,
                Some(f) if !f.valid => FileFate::Invalid,
                Some(_) => return None,
            };
            Some(LostEvidence {
                path: e.path.clone(),
                id: e.id.clone(),
                now,
            })
        })
        .collect();
    lost.sort_by(|a, b| a.path.cmp(&b.path));
    lost.dedup();
    lost
}

fn direction(before: u32, after: u32) -> Change {
    match after.cmp(&before) {
        std::cmp::Ordering::Greater => Change::Improved,
        std::cmp::Ordering::Less => Change::Regressed,
        std::cmp::Ordering::Equal => Change::Unchanged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_that_is_not_a_result_or_of_another_version_is_named_as_such() {
        let err = read("{\"controls\": [}").unwrap_err();
        assert!(
            matches!(err, BaselineError::NotJson { line: 1, .. }),
            "{err:?}"
        );
        let err = read("[1, 2]").unwrap_err();
        assert!(err.to_string().contains("not an evident result"), "{err}");
        let err = read("{\"organisation\": \"x\"}").unwrap_err();
        assert!(err.to_string().contains("no numeric `version`"), "{err}");
        // Version 1 was the bare assessment.
        let err = read("{\"version\": 1, \"controls\": []}").unwrap_err();
        assert_eq!(err, BaselineError::Version(1));
        assert!(err.to_string().contains("reads version 2"), "{err}");
        let err = read("{\"version\": 2, \"assessment\": {}}").unwrap_err();
        assert!(err.to_string().contains("missing field"), "{err}");
    }

    #[test]
    fn directions_follow_the_numbers() {
        assert_eq!(direction(1, 2), Change::Improved);
        assert_eq!(direction(2, 1), Change::Regressed);
        assert_eq!(direction(3, 3), Change::Unchanged);
    }
}
