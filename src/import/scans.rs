//! Scanners: a Trivy or Grype report, or each run of a SARIF log, becomes one
//! `vulnerability-scan` item dated by the scan's own time.

use serde_json::{Value as Json, json};

use super::export::{day, timestamp};
use super::incidents::{at, text};
use super::{Draft, Records, Rejected, item_id};

/// Counts of findings by evident's two tracked severities.
#[derive(Debug, Default)]
struct Findings {
    critical: u64,
    high: u64,
}

impl Findings {
    /// Counts a finding whose scanner severity is `severity` (case ignored).
    fn add(&mut self, severity: &str) {
        if severity.eq_ignore_ascii_case("critical") {
            self.critical += 1;
        } else if severity.eq_ignore_ascii_case("high") {
            self.high += 1;
        }
    }
}

/// Builds a scan draft; `when` is the scan's own time, `record` what identifies it.
fn scan(
    tool: &str,
    scanner: &str,
    target: &str,
    when: &str,
    findings: &Findings,
) -> Result<Draft, Rejected> {
    let record = format!("{target}@{when}");
    let ts = timestamp(when).map_err(|message| Rejected {
        record: record.clone(),
        message,
    })?;
    let date = day(ts);
    Ok(Draft {
        item: json!({
            "kind": "vulnerability-scan",
            "id": item_id(tool, &format!("{target}-{date}")),
            "title": format!("{scanner} scan of {target}"),
            "effective": date.to_string(),
            "scanner": scanner,
            "scope": [target],
            "findings_critical": findings.critical,
            "findings_high": findings.high,
        }),
        record,
    })
}

/// A Trivy JSON report (`trivy image --format json`, schema version 2).
pub(super) fn trivy(export: &Json) -> Result<Records, String> {
    if export.get("SchemaVersion").is_none() || export.get("ArtifactName").is_none() {
        return Err("it has no `SchemaVersion` and `ArtifactName`".to_owned());
    }
    let target = text(export, "ArtifactName").unwrap_or_default();
    let mut findings = Findings::default();
    for result in export
        .get("Results")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        for v in result
            .get("Vulnerabilities")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            findings.add(text(v, "Severity").unwrap_or_default());
        }
    }
    let Some(when) = text(export, "CreatedAt") else {
        return Ok(vec![Err(Rejected {
            record: target.to_owned(),
            message: "has no `CreatedAt` (Trivy 0.48 and later write it), so the day of the scan is unknown".to_owned(),
        })]);
    };
    Ok(vec![scan("trivy", "Trivy", target, when, &findings)])
}

/// A Grype JSON report (`grype -o json`).
pub(super) fn grype(export: &Json) -> Result<Records, String> {
    let (Some(matches), Some(descriptor)) = (
        export.get("matches").and_then(Json::as_array),
        export.get("descriptor"),
    ) else {
        return Err("it has no `matches` array and `descriptor`".to_owned());
    };
    let target = text(export, "source.target.userInput")
        .or_else(|| text(export, "source.target"))
        .unwrap_or("(unknown target)");
    let mut findings = Findings::default();
    for m in matches {
        findings.add(text(m, "vulnerability.severity").unwrap_or_default());
    }
    let Some(when) = text(descriptor, "timestamp") else {
        return Ok(vec![Err(Rejected {
            record: target.to_owned(),
            message: "has no `descriptor.timestamp`, so the day of the scan is unknown".to_owned(),
        })]);
    };
    Ok(vec![scan("grype", "Grype", target, when, &findings)])
}

/// The severity of a SARIF result: its `security-severity` score (or its rule's) by
/// CVSS bands, else `error` level counts as high.
fn sarif_severity(result: &Json, rules: &[Json]) -> &'static str {
    let rule =
        text(result, "ruleId").and_then(|id| rules.iter().find(|r| text(r, "id") == Some(id)));
    let score = [Some(result), rule]
        .into_iter()
        .flatten()
        .find_map(|v| text(v, "properties.security-severity"))
        .and_then(|s| s.parse::<f64>().ok());
    match score {
        Some(s) if s >= 9.0 => "critical",
        Some(s) if s >= 7.0 => "high",
        Some(_) => "other",
        None if text(result, "level") == Some("error") => "high",
        None => "other",
    }
}

/// A SARIF 2.1.0 log: one item per run.
pub(super) fn sarif(export: &Json) -> Result<Records, String> {
    let version = text(export, "version");
    let Some(runs) = export.get("runs").and_then(Json::as_array) else {
        return Err("it has no `runs` array".to_owned());
    };
    if version != Some("2.1.0") {
        return Err(format!(
            "its version is {}, not 2.1.0",
            version.map_or("missing".to_owned(), |v| format!("`{v}`"))
        ));
    }
    Ok(runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let scanner = text(run, "tool.driver.name").unwrap_or("SARIF scanner");
            let target = run
                .get("versionControlProvenance")
                .and_then(|v| v.get(0))
                .and_then(|v| text(v, "repositoryUri"))
                .or_else(|| text(run, "originalUriBaseIds.SRCROOT.uri"));
            let reject = |message: String| Rejected {
                record: format!("runs[{i}] ({scanner})"),
                message,
            };
            let target = target.ok_or_else(|| {
                reject("names no repository (versionControlProvenance) or SRCROOT, so its scope is unknown".to_owned())
            })?;
            let invocation = run.get("invocations").and_then(|v| v.get(0));
            let when = invocation
                .and_then(|inv| text(inv, "endTimeUtc").or_else(|| text(inv, "startTimeUtc")))
                .ok_or_else(|| {
                    reject("has no invocations[0].endTimeUtc or startTimeUtc, so the day of the scan is unknown".to_owned())
                })?;
            let rules = at(run, "tool.driver.rules").and_then(Json::as_array).map_or(&[][..], Vec::as_slice);
            let mut findings = Findings::default();
            for result in run.get("results").and_then(Json::as_array).into_iter().flatten() {
                findings.add(sarif_severity(result, rules));
            }
            let tool = format!("sarif-{scanner}");
            scan(&tool, scanner, target, when, &findings)
        })
        .collect())
}
