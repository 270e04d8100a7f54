//! Incident tools: PagerDuty incidents, Opsgenie alerts and Jira issues become
//! `incident` items, their log or changelog the timeline.

use serde_json::{Value as Json, json};

use super::export::{day, timestamp};
use super::{Draft, Mapping, Records, Rejected, item_id};

/// PagerDuty priority (or, without one, urgency) -> severity.
pub(crate) const PAGERDUTY_SEVERITY: &[(&str, &str)] = &[
    ("P1", "sev-1"),
    ("P2", "sev-2"),
    ("P3", "sev-3"),
    ("P4", "sev-4"),
    ("P5", "sev-4"),
    ("high", "sev-2"),
    ("low", "sev-3"),
];
/// PagerDuty status -> incident status.
pub(crate) const PAGERDUTY_STATUS: &[(&str, &str)] = &[
    ("triggered", "open"),
    ("acknowledged", "open"),
    ("resolved", "closed"),
];
/// Opsgenie priority -> severity.
pub(crate) const OPSGENIE_SEVERITY: &[(&str, &str)] = &[
    ("P1", "sev-1"),
    ("P2", "sev-2"),
    ("P3", "sev-3"),
    ("P4", "sev-4"),
    ("P5", "sev-4"),
];
/// Opsgenie status -> incident status.
pub(crate) const OPSGENIE_STATUS: &[(&str, &str)] = &[("open", "open"), ("closed", "closed")];
/// Jira priority -> severity.
pub(crate) const JIRA_SEVERITY: &[(&str, &str)] = &[
    ("Highest", "sev-1"),
    ("Blocker", "sev-1"),
    ("Critical", "sev-1"),
    ("High", "sev-2"),
    ("Major", "sev-2"),
    ("Medium", "sev-3"),
    ("Low", "sev-4"),
    ("Minor", "sev-4"),
    ("Lowest", "sev-4"),
    ("Trivial", "sev-4"),
];
/// Jira status category -> incident status (a mapping may name statuses instead).
pub(crate) const JIRA_STATUS: &[(&str, &str)] = &[
    ("new", "open"),
    ("indeterminate", "open"),
    ("done", "closed"),
];

/// The value at a dotted path (`fields.priority.name`).
pub(crate) fn at<'a>(value: &'a Json, path: &str) -> Option<&'a Json> {
    path.split('.').try_fold(value, |v, part| v.get(part))
}

/// The non-empty string at a dotted path.
pub(crate) fn text<'a>(value: &'a Json, path: &str) -> Option<&'a str> {
    at(value, path)
        .and_then(Json::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The array a list export keeps its records in.
fn list<'a>(export: &'a Json, key: &str) -> Result<&'a Vec<Json>, String> {
    export
        .get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| format!("it has no `{key}` array"))
}

/// Builds one incident's draft from what every tool provides.
struct IncidentFacts<'a> {
    record: String,
    id_prefix: &'a str,
    title: Option<&'a str>,
    created: Option<&'a str>,
    closed: Option<jiff::Timestamp>,
    severity: Option<String>,
    severity_from: String,
    status: Option<String>,
    status_from: String,
    systems: Vec<String>,
    timeline: Vec<(jiff::Timestamp, String)>,
}

impl IncidentFacts<'_> {
    fn draft(self) -> Result<Draft, Rejected> {
        let reject = |message: String| Rejected {
            record: self.record.clone(),
            message,
        };
        let title = self
            .title
            .ok_or_else(|| reject("has no title, which an incident needs".to_owned()))?;
        let created = self.created.ok_or_else(|| {
            reject("has no creation time, so the period it proves is unknown".to_owned())
        })?;
        let detected = timestamp(created).map_err(reject)?;
        let severity = self.severity.ok_or_else(|| {
            reject(format!(
                "its severity `{}` has no mapping; add it under `severity:` in a mapping file",
                self.severity_from
            ))
        })?;
        let status = self.status.ok_or_else(|| {
            reject(format!(
                "its status `{}` has no mapping; add it under `status:` in a mapping file",
                self.status_from
            ))
        })?;
        let start = day(detected);
        let closed = self.closed.map(day);
        let mut item = json!({
            "kind": "incident",
            "id": item_id(self.id_prefix, &self.record),
            "title": title,
            "severity": severity,
            "status": status,
            "detected": detected.to_string(),
        });
        match closed {
            Some(end) if end >= start => {
                item["period"] = json!({"start": start.to_string(), "end": end.to_string()});
                item["closed"] = Json::from(end.to_string());
            }
            Some(end) => {
                return Err(reject(format!(
                    "it was closed ({end}) before it was created ({start})"
                )));
            }
            None => item["effective"] = Json::from(start.to_string()),
        }
        if !self.systems.is_empty() {
            item["affected_systems"] = json!(self.systems);
        }
        if !self.timeline.is_empty() {
            let mut timeline = self.timeline;
            timeline.sort();
            item["timeline"] = timeline
                .into_iter()
                .map(|(at, event)| json!({"at": at.to_string(), "event": event}))
                .collect();
        }
        Ok(Draft {
            record: self.record,
            item,
        })
    }
}

/// A record's id, or its position when it has none.
fn record_id(record: &Json, path: &str, index: usize) -> Result<String, Rejected> {
    match at(record, path) {
        Some(Json::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        Some(Json::Number(n)) => Ok(n.to_string()),
        _ => Err(Rejected {
            record: format!("#{}", index + 1),
            message: format!("has no `{path}`, which names the record"),
        }),
    }
}

/// Timeline entries from records with a time and a description.
fn entries(
    list: Option<&Json>,
    at_path: &str,
    event: impl Fn(&Json) -> Option<String>,
) -> Result<Vec<(jiff::Timestamp, String)>, String> {
    let mut out = Vec::new();
    for entry in list.and_then(Json::as_array).into_iter().flatten() {
        let (Some(when), Some(what)) = (text(entry, at_path), event(entry)) else {
            continue;
        };
        out.push((timestamp(when)?, what));
    }
    Ok(out)
}

/// PagerDuty `GET /incidents` (optionally with each incident's `log_entries`).
pub(super) fn pagerduty(export: &Json, mapping: &Mapping) -> Result<Records, String> {
    let incidents = list(export, "incidents")?;
    Ok(incidents
        .iter()
        .enumerate()
        .map(|(i, incident)| {
            let record = record_id(incident, "id", i)?;
            let reject = |message: String| Rejected {
                record: record.clone(),
                message,
            };
            let severity_from = text(incident, "priority.summary")
                .or_else(|| text(incident, "urgency"))
                .unwrap_or("(none)")
                .to_owned();
            let status_from = text(incident, "status").unwrap_or("(none)").to_owned();
            let closed = if status_from == "resolved" {
                let at = text(incident, "resolved_at")
                    .or_else(|| text(incident, "last_status_change_at"))
                    .ok_or_else(|| {
                        reject(
                            "is resolved but says neither resolved_at nor last_status_change_at"
                                .to_owned(),
                        )
                    })?;
                Some(timestamp(at).map_err(reject)?)
            } else {
                None
            };
            let timeline = entries(incident.get("log_entries"), "created_at", |e| {
                text(e, "summary").map(str::to_owned)
            })
            .map_err(reject)?;
            IncidentFacts {
                record: record.clone(),
                id_prefix: "pagerduty",
                title: text(incident, "title"),
                created: text(incident, "created_at"),
                closed,
                severity: Mapping::translate(&mapping.severity, PAGERDUTY_SEVERITY, &severity_from),
                severity_from,
                status: Mapping::translate(&mapping.status, PAGERDUTY_STATUS, &status_from),
                status_from,
                systems: text(incident, "service.summary")
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
                timeline,
            }
            .draft()
        })
        .collect())
}

/// Opsgenie `GET /v2/alerts` (`data` array; `report.closeTime` is milliseconds after
/// creation).
pub(super) fn opsgenie(export: &Json, mapping: &Mapping) -> Result<Records, String> {
    let alerts = list(export, "data")?;
    Ok(alerts
        .iter()
        .enumerate()
        .map(|(i, alert)| {
            let record = record_id(alert, "tinyId", i).or_else(|_| record_id(alert, "id", i))?;
            let reject = |message: String| Rejected {
                record: record.clone(),
                message,
            };
            let severity_from = text(alert, "priority").unwrap_or("(none)").to_owned();
            let status_from = text(alert, "status").unwrap_or("(none)").to_owned();
            let created = text(alert, "createdAt");
            let closed = if status_from == "closed" {
                let close_ms = at(alert, "report.closeTime").and_then(Json::as_i64);
                match (created, close_ms) {
                    (Some(created), Some(ms)) => Some(
                        timestamp(created)
                            .map_err(reject)?
                            .checked_add(jiff::SignedDuration::from_millis(ms))
                            .map_err(|e| reject(format!("closeTime {ms}: {e}")))?,
                    ),
                    _ => Some(
                        timestamp(text(alert, "updatedAt").ok_or_else(|| {
                            reject(
                                "is closed but has neither report.closeTime nor updatedAt"
                                    .to_owned(),
                            )
                        })?)
                        .map_err(reject)?,
                    ),
                }
            } else {
                None
            };
            let systems = text(alert, "entity")
                .or_else(|| text(alert, "source"))
                .map(str::to_owned)
                .into_iter()
                .collect();
            IncidentFacts {
                record: record.clone(),
                id_prefix: "opsgenie",
                title: text(alert, "message"),
                created,
                closed,
                severity: Mapping::translate(&mapping.severity, OPSGENIE_SEVERITY, &severity_from),
                severity_from,
                status: Mapping::translate(&mapping.status, OPSGENIE_STATUS, &status_from),
                status_from,
                systems,
                timeline: Vec::new(),
            }
            .draft()
        })
        .collect())
}

/// Jira `GET /rest/api/2/search` (`issues`, with `expand=changelog` for the timeline).
pub(super) fn jira(export: &Json, mapping: &Mapping) -> Result<Records, String> {
    let issues = list(export, "issues")?;
    Ok(issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let record = record_id(issue, "key", i)?;
            let reject = |message: String| Rejected {
                record: record.clone(),
                message,
            };
            let severity_from = text(issue, "fields.priority.name").unwrap_or("(none)").to_owned();
            let status_name = text(issue, "fields.status.name").unwrap_or("(none)");
            let category = text(issue, "fields.status.statusCategory.key").unwrap_or("(none)");
            // A status named in the mapping wins over the category's default.
            let status = Mapping::translate(&mapping.status, &[], status_name)
                .or_else(|| Mapping::translate(&Default::default(), JIRA_STATUS, category));
            let closed = match (status.as_deref(), text(issue, "fields.resolutiondate")) {
                (Some("closed" | "resolved"), Some(at)) => Some(timestamp(at).map_err(reject)?),
                (Some("closed" | "resolved"), None) => {
                    return Err(reject(format!(
                        "is `{status_name}` but has no fields.resolutiondate, so the day it closed is unknown"
                    )));
                }
                _ => None,
            };
            let systems = at(issue, "fields.components")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| text(c, "name").map(str::to_owned))
                .collect();
            let mut timeline = Vec::new();
            for history in at(issue, "changelog.histories").and_then(Json::as_array).into_iter().flatten() {
                let Some(when) = text(history, "created") else { continue };
                let when = timestamp(when).map_err(reject)?;
                let who = text(history, "author.displayName");
                for change in history.get("items").and_then(Json::as_array).into_iter().flatten() {
                    let field = text(change, "field").unwrap_or("field");
                    let from = text(change, "fromString").unwrap_or("(none)");
                    let to = text(change, "toString").unwrap_or("(none)");
                    let by = who.map(|w| format!(" by {w}")).unwrap_or_default();
                    timeline.push((when, format!("{field}: {from} -> {to}{by}")));
                }
            }
            IncidentFacts {
                record: record.clone(),
                id_prefix: "jira",
                title: text(issue, "fields.summary"),
                created: text(issue, "fields.created"),
                closed,
                severity: Mapping::translate(&mapping.severity, JIRA_SEVERITY, &severity_from),
                severity_from,
                status,
                status_from: status_name.to_owned(),
                systems,
                timeline,
            }
            .draft()
        })
        .collect())
}
