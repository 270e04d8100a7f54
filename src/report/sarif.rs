//! SARIF 2.1.0 (`evident.sarif`): evidence defects as results at their file and line,
//! for code-scanning tools such as GitHub's. A defect is every diagnostic of the run
//! (rule id = its code), and what scoring found wrong with an item rather than with a
//! criterion: stale or expired evidence and missing document sections behind an
//! unmet requirement, and expired or expiring waivers and attestations. A criterion
//! that simply has no evidence has no file to point at; JUnit and the other reports
//! carry those.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};

use super::Report;
use super::href::encode_path;
use crate::diagnostic::Code;
use crate::score::ReasonCode;

/// The `uriBaseId` of paths relative to the evidence directory, when it is not in a
/// repository.
pub const EVIDENCE_ROOT: &str = "EVIDENCEROOT";

/// What result URIs are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArtifactRoot {
    /// The repository root; the evidence directory is at this prefix inside it
    /// (`evidence/`, or empty), as [`super::repository_prefix`] finds it.
    Repository(String),
    /// The evidence directory itself, named by [`EVIDENCE_ROOT`].
    EvidenceDir,
}

/// A rule evident reports results under, besides the diagnostic codes.
struct ScoringRule {
    id: &'static str,
    short: &'static str,
    help: &'static str,
    level: &'static str,
}

const SCORING_RULES: &[ScoringRule] = &[
    ScoringRule {
        id: "stale-evidence",
        short: "An item is older than the freshness window of a requirement it could meet.",
        help: "Add a current item (a newer export, a re-approved document) dated inside the window; the old one can stay as history.",
        level: "warning",
    },
    ScoringRule {
        id: "expired-evidence",
        short: "An item is past its expiry (`expires`, or `valid_for` after what it proves) and counts for nothing.",
        help: "Renew the item, or replace it with current evidence.",
        level: "error",
    },
    ScoringRule {
        id: "missing-section",
        short: "A document lacks a section a requirement demands, so it does not count for it.",
        help: "Add a heading with the section's name (any level) and its content to the document.",
        level: "warning",
    },
    ScoringRule {
        id: "expired-waiver",
        short: "A waiver is past its expiry: it waives nothing.",
        help: "Renew the waiver with its approver, or meet the criterion it waived.",
        level: "error",
    },
    ScoringRule {
        id: "expired-attestation",
        short: "An attestation is past its expiry: it proves nothing.",
        help: "Have the attestation signed again, or replace it with measured or declared evidence.",
        level: "error",
    },
    ScoringRule {
        id: "expiring-waiver",
        short: "A waiver expires within the notice period.",
        help: "Renew the waiver or plan to meet the criterion before it expires.",
        level: "note",
    },
    ScoringRule {
        id: "expiring-attestation",
        short: "An attestation expires within the notice period.",
        help: "Plan the renewal of the attestation before it expires.",
        level: "note",
    },
];

/// One rule as SARIF describes it.
struct Rule {
    id: String,
    short: String,
    full: String,
    help: String,
    level: &'static str,
}

fn rules() -> Vec<Rule> {
    // A code scoring also reports (`missing-section`) is one rule: scoring's.
    let scored = |code: &&Code| SCORING_RULES.iter().any(|r| r.id == code.as_str());
    let diagnostics = Code::ALL.iter().filter(|c| !scored(c)).map(|code| Rule {
        id: code.as_str().to_owned(),
        short: code.description().to_owned(),
        full: format!(
            "{} Reported by evident's evidence stage; an item with an error is not used for scoring.",
            code.description()
        ),
        help: code.remedy().to_owned(),
        level: if code.is_warning() { "warning" } else { "error" },
    });
    let scoring = SCORING_RULES.iter().map(|r| Rule {
        id: r.id.to_owned(),
        short: r.short.to_owned(),
        full: format!(
            "{} Reported by evident's scoring for items behind an unmet requirement or an expiry.",
            r.short
        ),
        help: r.help.to_owned(),
        level: r.level,
    });
    diagnostics.chain(scoring).collect()
}

/// `stale-evidence` → `StaleEvidence`: SARIF's readable rule name.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// One result before it becomes JSON; ordered for deterministic output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    path: Option<String>,
    line: usize,
    column: usize,
    rule: String,
    level: &'static str,
    message: String,
}

/// Writes the report as a SARIF 2.1.0 log to `out`, each result built as it is
/// written.
pub fn render_to(
    report: &Report,
    root: &ArtifactRoot,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let rules = rules();
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut hits: Vec<Hit> = diagnostic_hits(report).collect();
    hits.extend(reason_hits(report));
    hits.extend(finding_hits(report));
    hits.sort();
    hits.dedup();

    let results = hits.iter().map(|hit| {
        let mut result = json!({
            "ruleId": hit.rule,
            "level": hit.level,
            "message": {"text": hit.message},
        });
        if let Some(i) = index.get(hit.rule.as_str()) {
            result["ruleIndex"] = json!(i);
        }
        if let Some(path) = &hit.path {
            result["locations"] = json!([location(path, hit.line, hit.column, root)]);
        }
        result
    });
    let rules: Vec<Json> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": pascal(&r.id),
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.full},
                "help": {"text": r.help},
                "defaultConfiguration": {"level": r.level},
            })
        })
        .collect();
    let tool = &report.manifest.tool;
    let mut run = json!({
        "tool": {"driver": {
            "name": tool.name,
            "version": tool.version,
            "semanticVersion": tool.version,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        // Placeholder: the results are spliced in as they are written.
        "results": [],
    });
    if *root == ArtifactRoot::EvidenceDir {
        run["originalUriBaseIds"] = json!({
            EVIDENCE_ROOT: {"description": {"text": "The evidence directory evident assessed."}}
        });
    }
    let mut log = json!({"version": "2.1.0"});
    log["runs"] = Json::Array(vec![run]);
    let at: &[&str] = if hits.is_empty() {
        &[]
    } else {
        &["runs", "0", "results"]
    };
    super::splice::write_pretty(out, &log, at, results)
}

fn location(path: &str, line: usize, column: usize, root: &ArtifactRoot) -> Json {
    let artifact = match root {
        ArtifactRoot::Repository(prefix) => json!({"uri": encode_path(&format!("{prefix}{path}"))}),
        ArtifactRoot::EvidenceDir => {
            json!({"uri": encode_path(path), "uriBaseId": EVIDENCE_ROOT})
        }
    };
    // SARIF lines start at 1; 0 means only the file is known.
    let mut region = json!({"startLine": line.max(1)});
    if column > 0 {
        region["startColumn"] = json!(column);
    }
    json!({"physicalLocation": {"artifactLocation": artifact, "region": region}})
}

fn diagnostic_hits(report: &Report) -> impl Iterator<Item = Hit> + '_ {
    report.diagnostics.iter().map(|d| Hit {
        path: d.path.clone(),
        line: d.line,
        column: d.column,
        rule: d.code.clone(),
        level: if d.severity == "warning" {
            "warning"
        } else {
            "error"
        },
        message: match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        },
    })
}

/// Stale, expired and incomplete items behind unmet requirements: one result per
/// item and reason, naming every criterion it holds back.
fn reason_hits(report: &Report) -> Vec<Hit> {
    let mut found: BTreeMap<(&str, &str, u32, &str), BTreeSet<&str>> = BTreeMap::new();
    for control in &report.assessment.controls {
        for (_, criterion) in control.all_criteria() {
            for requirement in criterion.requirements.iter().filter(|r| !r.met) {
                for reason in &requirement.reasons {
                    let rule = match reason.code {
                        ReasonCode::Stale => "stale-evidence",
                        ReasonCode::Expired => "expired-evidence",
                        ReasonCode::MissingSection => "missing-section",
                        _ => continue,
                    };
                    for e in &reason.evidence {
                        found
                            .entry((rule, &e.path, e.line, &reason.message))
                            .or_default()
                            .insert(&criterion.id);
                    }
                }
            }
        }
    }
    found
        .into_iter()
        .map(|((rule, path, line, message), criteria)| Hit {
            path: Some(path.to_owned()),
            line: line as usize,
            column: 0,
            rule: rule.to_owned(),
            level: scoring_level(rule),
            message: format!(
                "{message}; it does not count for {}",
                criteria.into_iter().collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}

fn finding_hits(report: &Report) -> impl Iterator<Item = Hit> + '_ {
    report.assessment.findings.iter().map(|f| {
        // The rule ids are the finding codes as the JSON result spells them.
        let rule = serde_json::to_value(f.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        Hit {
            path: Some(f.evidence.path.clone()),
            line: f.evidence.line as usize,
            column: 0,
            level: scoring_level(&rule),
            rule,
            message: f.message.clone(),
        }
    })
}

fn scoring_level(rule: &str) -> &'static str {
    SCORING_RULES
        .iter()
        .find(|r| r.id == rule)
        .map_or("warning", |r| r.level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_named() {
        let rules = rules();
        let ids: BTreeSet<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), rules.len());
        assert_eq!(pascal("stale-evidence"), "StaleEvidence");
        assert!(rules.iter().all(|r| !r.help.is_empty()));
    }

    #[test]
    fn finding_rules_use_the_finding_codes() {
        use crate::score::FindingCode;
        for code in [
            FindingCode::ExpiredWaiver,
            FindingCode::ExpiredAttestation,
            FindingCode::ExpiringWaiver,
            FindingCode::ExpiringAttestation,
        ] {
            let name = serde_json::to_value(code).unwrap();
            assert!(
                SCORING_RULES.iter().any(|r| r.id == name),
                "{name} has no rule"
            );
        }
    }
}
