//! SARIF 2.1.0 (`evident.sarif`): evidence defects as results at their file and line,
//! for code-scanning tools such as GitHub's. A defect is every diagnostic of the run
//! (rule id = its code), and what scoring found wrong with an item rather than with a
//! criterion: stale or expired evidence and missing document sections behind an
//! unmet requirement, and expired or expiring waivers and attestations. A criterion
//! that simply has no evidence has no file to point at; JUnit and the other reports
//! carry those.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};

use super::Report;
use super::href::encode_path;
use crate::diagnostic::{Origin, Rule};
use crate::score::{FindingCode, ReasonCode};

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

// The log as SARIF 2.1.0 names its parts, only what evident writes. Fields stand in
// alphabetical order, the order the log's keys have always had, so that the same
// report gives the same bytes from one release to the next.

/// The `sarifLog` object.
#[derive(Serialize)]
struct Log<'a> {
    runs: [Run<'a>; 1],
    version: &'static str,
}

/// The one run of the log.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, ArtifactLocation>>,
    results: Results<'a>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    rules: Vec<ReportingDescriptor>,
    semantic_version: &'a str,
    version: &'a str,
}

/// A rule, as SARIF describes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    default_configuration: ReportingConfiguration,
    full_description: Message<String>,
    help: Message<&'static str>,
    id: &'static str,
    name: String,
    short_description: Message<&'static str>,
}

#[derive(Serialize)]
struct ReportingConfiguration {
    level: &'static str,
}

/// A plain-text message (SARIF's `message` and `multiformatMessageString`).
#[derive(Serialize)]
struct Message<T> {
    text: T,
}

/// A SARIF `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<[Location; 1]>,
    message: Message<&'a str>,
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

/// A file (`uri`, relative to `uriBaseId` if any), or the base a URI is relative to
/// (`description`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    start_line: usize,
}

/// The results, each built as it is written and dropped once written.
struct Results<'a> {
    hits: &'a [Hit<'a>],
    index: &'a BTreeMap<&'static str, usize>,
    root: &'a ArtifactRoot,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.hits.iter().map(|hit| {
            SarifResult {
                level: hit.level,
                locations: hit
                    .path
                    .map(|path| [location(path, hit.line, hit.column, self.root)]),
                message: Message { text: &hit.message },
                rule_id: hit.rule,
                rule_index: self.index.get(hit.rule).copied(),
            }
        }))
    }
}

fn descriptor(rule: Rule) -> ReportingDescriptor {
    let reported_by = match rule.origin() {
        Origin::Evidence => {
            "Reported by evident's evidence stage; an item with an error is not used for scoring."
        }
        Origin::Run => {
            "Reported by evident's run, which checks the profile and the evidence against the catalog and the as-of date."
        }
        Origin::Scoring => {
            "Reported by evident's scoring for items behind an unmet requirement or an expiry."
        }
    };
    ReportingDescriptor {
        default_configuration: ReportingConfiguration {
            level: rule.level().as_str(),
        },
        full_description: Message {
            text: format!("{} {reported_by}", rule.description()),
        },
        help: Message {
            text: rule.remedy(),
        },
        id: rule.as_str(),
        name: pascal(rule.as_str()),
        short_description: Message {
            text: rule.description(),
        },
    }
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

/// One result before it is written; ordered for deterministic output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hit<'a> {
    path: Option<&'a str>,
    line: usize,
    column: usize,
    rule: &'a str,
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
    let index: BTreeMap<&'static str, usize> = Rule::ALL
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.as_str(), i))
        .collect();
    let mut hits: Vec<Hit> = diagnostic_hits(report).collect();
    hits.extend(reason_hits(report));
    hits.extend(finding_hits(report));
    hits.sort();
    hits.dedup();

    let tool = &report.manifest.tool;
    let evidence_root = ArtifactLocation {
        description: Some(Message {
            text: "The evidence directory evident assessed.",
        }),
        uri: None,
        uri_base_id: None,
    };
    let log = Log {
        runs: [Run {
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: (*root == ArtifactRoot::EvidenceDir)
                .then(|| BTreeMap::from([(EVIDENCE_ROOT, evidence_root)])),
            results: Results {
                hits: &hits,
                index: &index,
                root,
            },
            tool: Tool {
                driver: Driver {
                    name: &tool.name,
                    rules: Rule::ALL.iter().copied().map(descriptor).collect(),
                    semantic_version: &tool.version,
                    version: &tool.version,
                },
            },
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

fn location(path: &str, line: usize, column: usize, root: &ArtifactRoot) -> Location {
    let (uri, uri_base_id) = match root {
        ArtifactRoot::Repository(prefix) => (encode_path(&format!("{prefix}{path}")), None),
        ArtifactRoot::EvidenceDir => (encode_path(path), Some(EVIDENCE_ROOT)),
    };
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                description: None,
                uri: Some(uri),
                uri_base_id,
            },
            // SARIF lines start at 1; 0 means only the file is known.
            region: Region {
                start_column: (column > 0).then_some(column),
                start_line: line.max(1),
            },
        },
    }
}

fn diagnostic_hits(report: &Report) -> impl Iterator<Item = Hit<'_>> {
    report.diagnostics.iter().map(|d| Hit {
        path: d.path.as_deref(),
        line: d.line,
        column: d.column,
        rule: &d.code,
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

/// The rule of the items behind an unmet requirement for this reason, if it is
/// the item's fault rather than the criterion's.
fn reason_rule(code: ReasonCode) -> Option<Rule> {
    match code {
        ReasonCode::Stale => Some(Rule::StaleEvidence),
        ReasonCode::Expired => Some(Rule::ExpiredEvidence),
        ReasonCode::MissingSection => Some(Rule::MissingSection),
        _ => None,
    }
}

/// The rule of a finding: the finding code as the JSON result spells it.
fn finding_rule(code: FindingCode) -> Rule {
    match code {
        FindingCode::ExpiredWaiver => Rule::ExpiredWaiver,
        FindingCode::ExpiredAttestation => Rule::ExpiredAttestation,
        FindingCode::ExpiringWaiver => Rule::ExpiringWaiver,
        FindingCode::ExpiringAttestation => Rule::ExpiringAttestation,
    }
}

/// Stale, expired and incomplete items behind unmet requirements: one result per
/// item and reason, naming every criterion it holds back.
fn reason_hits(report: &Report) -> Vec<Hit<'_>> {
    let mut found: BTreeMap<(Rule, &str, u32, &str), BTreeSet<&str>> = BTreeMap::new();
    for control in &report.assessment.controls {
        for (_, criterion) in control.all_criteria() {
            for requirement in criterion.requirements.iter().filter(|r| !r.met) {
                for reason in &requirement.reasons {
                    let Some(rule) = reason_rule(reason.code) else {
                        continue;
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
            path: Some(path),
            line: line as usize,
            column: 0,
            rule: rule.as_str(),
            level: rule.level().as_str(),
            message: format!(
                "{message}; it does not count for {}",
                criteria.into_iter().collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}

fn finding_hits(report: &Report) -> impl Iterator<Item = Hit<'_>> {
    report.assessment.findings.iter().map(|f| {
        let rule = finding_rule(f.code);
        Hit {
            path: Some(&f.evidence.path),
            line: f.evidence.line as usize,
            column: 0,
            rule: rule.as_str(),
            level: rule.level().as_str(),
            message: f.message.clone(),
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rule_ids_are_unique_and_named() {
        let rules: Vec<ReportingDescriptor> = Rule::ALL.iter().copied().map(descriptor).collect();
        let ids: BTreeSet<&str> = rules.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), rules.len());
        assert_eq!(pascal("stale-evidence"), "StaleEvidence");
        assert!(rules.iter().all(|r| !r.help.text.is_empty()));
    }

    #[test]
    fn finding_rules_use_the_finding_codes() {
        for code in [
            FindingCode::ExpiredWaiver,
            FindingCode::ExpiredAttestation,
            FindingCode::ExpiringWaiver,
            FindingCode::ExpiringAttestation,
        ] {
            let name = serde_json::to_value(code).unwrap();
            assert_eq!(finding_rule(code).as_str(), name);
            assert_eq!(finding_rule(code).origin(), Origin::Scoring);
        }
    }

    /// A result without a location or a known rule, and one with both, written as
    /// the untyped log wrote them.
    #[test]
    fn results_keep_the_shape_of_the_untyped_log() {
        let hits = [
            Hit {
                path: None,
                line: 0,
                column: 0,
                rule: "not-a-rule",
                level: "error",
                message: "m".to_owned(),
            },
            Hit {
                path: Some("a b/ü.yaml"),
                line: 0,
                column: 3,
                rule: "missing-section",
                level: "warning",
                message: "\"q\"\n".to_owned(),
            },
        ];
        let index = BTreeMap::from([("missing-section", 48)]);
        let results = |root| {
            serde_json::to_string_pretty(&Results {
                hits: &hits,
                index: &index,
                root: &root,
            })
            .unwrap()
        };
        let expected = json!([
            {"level": "error", "message": {"text": "m"}, "ruleId": "not-a-rule"},
            {
                "level": "warning",
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "a%20b/%C3%BC.yaml", "uriBaseId": EVIDENCE_ROOT},
                    "region": {"startColumn": 3, "startLine": 1},
                }}],
                "message": {"text": "\"q\"\n"},
                "ruleId": "missing-section",
                "ruleIndex": 48,
            },
        ]);
        assert_eq!(
            results(ArtifactRoot::EvidenceDir),
            serde_json::to_string_pretty(&expected).unwrap()
        );
        let in_repository = results(ArtifactRoot::Repository("evidence/".to_owned()));
        assert!(in_repository.contains("\"uri\": \"evidence/a%20b/%C3%BC.yaml\"\n"));
        assert!(!in_repository.contains("uriBaseId"));
    }
}
