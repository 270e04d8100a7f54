//! OSCAL 1.2.1 assessment-results (`oscal-assessment-results.json`), for GRC
//! platforms and auditors: one result per run; an observation per evidence file; a
//! finding per criterion, point of focus or step, related to the observations of
//! the evidence behind it. What OSCAL has no field for (maturity levels, targets,
//! not-applicable, the item's kind and basis) goes into props in evident's namespace
//! [`NS`].
//!
//! Every uuid is version 5 (name-based), so the same inputs give the same document:
//! observations are named by file path and hash (the same file keeps its uuid across
//! runs, as OSCAL asks of observations); the document, its result and findings by
//! the whole report, so any change of input or outcome gives new ones.
//!
//! OSCAL requires `import-ap`, a link to the assessment plan. evident's plan is its
//! catalog's evidence requirements, so `import-ap` points (`#uuid`) at a back-matter
//! resource naming the catalog versions: the reference resolves inside the document.
//! Evidence hrefs are relative to the evidence directory.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use jiff::civil::Date;
use serde_json::{Value as Json, json};
use uuid::Uuid;

use super::href::encode_path;
use super::titles::Titles;
use super::{ManifestEntry, Report};
use crate::catalog::{Basis, Catalog};
use crate::score::{self, ControlResult, CriterionResult, CriterionStatus, Score};

/// Namespace of evident's props (an identifier, not a page to fetch).
pub const NS: &str = "https://evident.dev/ns/oscal";

/// The OSCAL version written.
pub const OSCAL_VERSION: &str = "1.2.1";

/// Writes the report as an OSCAL assessment-results document to `out`. The
/// observations (one per evidence file, the bulk of the document) are built and
/// written one at a time, never held together.
pub fn render_to(report: &Report, catalog: &Catalog, out: &mut dyn Write) -> std::io::Result<()> {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes());
    let document = report_uuid(&namespace, report);
    let a = &report.assessment;
    let plan = Uuid::new_v5(&namespace, plan_name(report).as_bytes());

    let uuids: Vec<String> = report
        .manifest
        .files
        .iter()
        .map(|entry| observation_uuid(entry, &namespace))
        .collect();
    let by_path: BTreeMap<&str, &str> = report
        .manifest
        .files
        .iter()
        .zip(&uuids)
        .map(|(entry, uuid)| (entry.file.path.as_str(), uuid.as_str()))
        .collect();
    let titles = Titles::of(catalog);
    let findings: Vec<Json> = a
        .controls
        .iter()
        .flat_map(|c| c.all_criteria().map(move |(level, cr)| (c, level, cr)))
        .map(|(control, level, criterion)| {
            finding(control, level, criterion, &titles, &by_path, &document)
        })
        .collect();

    let who = a.organisation.as_deref().unwrap_or("the evidence");
    let mut result = json!({
        "uuid": Uuid::new_v5(&document, b"result").to_string(),
        "title": format!("Evidence-based assessment of {who} as of {}", a.as_of),
        "description": format!(
            "evident {} scored {} control(s) from {} evidence file(s) as of {}, counting cadences and coverage over the audit period {} to {}.",
            report.manifest.tool.version,
            a.controls.len(),
            report.manifest.files.len(),
            a.as_of,
            a.audit_period.start,
            a.audit_period.end
        ),
        "start": midnight(a.audit_period.start),
        "props": control_props(&a.controls, a.level_threshold),
        "reviewed-controls": {"control-selections": [{
            "include-controls": a.controls.iter().map(|c| json!({"control-id": c.id})).collect::<Vec<_>>(),
        }]},
    });
    if a.as_of >= a.audit_period.start {
        result["end"] = json!(midnight(a.as_of));
    }
    // A placeholder where the observations go: they are spliced in as they are written.
    let observed = !report.manifest.files.is_empty();
    if observed {
        result["observations"] = json!([]);
    }
    if !findings.is_empty() {
        result["findings"] = Json::Array(findings);
    }

    let mut metadata = json!({
        "title": format!("evident assessment results: {who}, as of {}", a.as_of),
        "last-modified": midnight(a.as_of),
        "version": a.as_of.to_string(),
        "oscal-version": OSCAL_VERSION,
        "props": [prop("tool", &format!("{} {}", report.manifest.tool.name, report.manifest.tool.version))],
    });
    if let Some(org) = &a.organisation {
        metadata["parties"] = json!([{
            "uuid": Uuid::new_v5(&namespace, format!("party {org}").as_bytes()).to_string(),
            "type": "organization",
            "name": org,
        }]);
    }
    let catalogs: Vec<Json> = report
        .manifest
        .catalogs
        .iter()
        .map(|c| {
            let mut p = prop("catalog", &format!("{} {}", c.name, c.version));
            p["class"] = json!(c.id);
            p
        })
        .collect();
    let mut plan_resource = json!({
        "uuid": plan.to_string(),
        "title": "evident's assessment plan: the evidence requirements of its control catalog",
        "description": "evident assesses each criterion against the evidence requirements of its catalog (`evident catalog show <ID>` lists them). There is no separate OSCAL assessment plan; `import-ap` points here.",
    });
    if !catalogs.is_empty() {
        plan_resource["props"] = json!(catalogs);
    }
    // The findings and metadata are moved in (`json!` would copy them).
    let mut body = json!({
        "uuid": document.to_string(),
        "import-ap": {
            "href": format!("#{plan}"),
            "remarks": "A fragment reference to the back-matter resource that describes evident's assessment plan.",
        },
        "back-matter": {"resources": [plan_resource]},
    });
    body["metadata"] = metadata;
    body["results"] = Json::Array(vec![result]);
    let mut document = serde_json::Map::new();
    document.insert("assessment-results".to_owned(), body);
    let document = Json::Object(document);
    // What the waiver and attestation findings say of each file, indexed once.
    let mut notes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in &a.findings {
        notes
            .entry(f.evidence.path.as_str())
            .or_default()
            .push(f.message.as_str());
    }
    let observations = report
        .manifest
        .files
        .iter()
        .zip(uuids)
        .map(|(entry, uuid)| observation(entry, uuid, report, &notes));
    let at: &[&str] = if observed {
        &["assessment-results", "results", "0", "observations"]
    } else {
        &[]
    };
    super::splice::write_pretty(out, &document, at, observations)
}

/// The document's uuid: version 5 of the whole report's JSON, hashed as it is
/// serialised rather than built in memory first.
fn report_uuid(namespace: &Uuid, report: &Report) -> Uuid {
    struct Sha1Writer(sha1_smol::Sha1);
    impl Write for Sha1Writer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hasher = Sha1Writer(sha1_smol::Sha1::new());
    hasher.0.update(namespace.as_bytes());
    // Serialising plain data into a hasher cannot fail.
    let _ = serde_json::to_writer(std::io::BufWriter::new(&mut hasher), report);
    let mut bytes = [0; 16];
    bytes.copy_from_slice(&hasher.0.digest().bytes()[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

/// Names the plan by the catalog versions it consists of.
fn plan_name(report: &Report) -> String {
    let mut name = String::from("assessment-plan");
    for c in &report.manifest.catalogs {
        name.push_str(&format!("\n{} {}", c.id, c.version));
    }
    name
}

/// A prop in evident's namespace.
fn prop(name: &str, value: &str) -> Json {
    json!({"name": name, "ns": NS, "value": one_line(value)})
}

/// OSCAL strings may not start or end with whitespace, and prop values are one line.
fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        "-".to_owned()
    } else {
        line
    }
}

/// A day as an OSCAL date-time (OSCAL requires a time zone): its first instant, UTC.
fn midnight(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

/// Each control's score, target and its status, as props classed by control id.
fn control_props(controls: &[ControlResult], threshold: f64) -> Vec<Json> {
    let mut props = vec![prop("level-threshold", &threshold.to_string())];
    for c in controls {
        let mut add = |name: &str, value: String| {
            let mut p = prop(name, &value);
            p["class"] = json!(c.id);
            props.push(p);
        };
        add("score", score::describe(&c.score));
        match &c.score {
            Score::Maturity { level, cap, .. } => {
                add("maturity-level", level.to_string());
                add("maturity-cap", cap.to_string());
            }
            Score::Readiness { met, total, .. } => {
                add("readiness-met", met.to_string());
                add("readiness-total", total.to_string());
            }
        }
        if let Some(target) = c.target {
            add("target", target.to_string());
        }
        if let Some(status) = c.target_status {
            add("target-status", kebab(&status));
        }
    }
    props
}

fn kebab(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An evidence file's observation uuid: named by its path and hash, so the same
/// file keeps it across runs.
fn observation_uuid(entry: &ManifestEntry, namespace: &Uuid) -> String {
    let file = &entry.file;
    Uuid::new_v5(
        namespace,
        format!("observation\n{}\n{}", file.path, file.sha256).as_bytes(),
    )
    .to_string()
}

/// The observation of one evidence file.
fn observation(
    entry: &ManifestEntry,
    uuid: String,
    report: &Report,
    notes: &BTreeMap<&str, Vec<&str>>,
) -> Json {
    let file = &entry.file;
    let method = match entry.basis {
        Some(Basis::Measured) => "TEST",
        Some(Basis::Attested) => "INTERVIEW",
        Some(Basis::Declared) | None => "EXAMINE",
    };
    let description = match (&file.id, file.kind) {
        (Some(id), Some(kind)) if file.valid => {
            format!(
                "Evidence item {id} of kind {kind}, read from {}.",
                file.path
            )
        }
        _ => format!(
            "Evidence file {} was rejected as invalid and counts for nothing (see the diagnostics of `evident validate`).",
            file.path
        ),
    };
    let mut props = Vec::new();
    if let Some(id) = &file.id {
        props.push(prop("evidence-id", id));
    }
    if let Some(kind) = file.kind {
        props.push(prop("kind", kind.name()));
    }
    if let Some(basis) = entry.basis {
        props.push(prop("basis", &kebab(&basis)));
    }
    props.push(prop("valid", if file.valid { "true" } else { "false" }));
    if let Some(p) = entry.proves {
        props.push(prop("proves-start", &p.start.to_string()));
        props.push(prop("proves-end", &p.end.to_string()));
    }
    // When the item does not say when it was collected, the as-of date: the day the
    // assessment looked at it.
    let collected = entry.collected.unwrap_or(report.assessment.as_of);
    let mut json = json!({
        "uuid": uuid,
        "title": file.id.clone().unwrap_or_else(|| file.path.clone()),
        "description": description,
        "props": props,
        "methods": [method],
        "relevant-evidence": [{
            "href": encode_path(&file.path),
            "description": "The evidence file, relative to the evidence directory; the sha256 prop is the SHA-256 of its bytes as read.",
            "props": [prop("sha256", &file.sha256.to_string())],
        }],
        "collected": midnight(collected),
    });
    let notes = notes.get(file.path.as_str()).map_or(&[][..], Vec::as_slice);
    if !notes.is_empty() {
        json["remarks"] = json!(notes.join("\n\n"));
    }
    json
}

/// The finding of one criterion.
fn finding(
    control: &ControlResult,
    level: Option<u8>,
    criterion: &CriterionResult,
    titles: &Titles,
    observations: &BTreeMap<&str, &str>,
    document: &Uuid,
) -> Json {
    let (state, reason) = match criterion.status {
        CriterionStatus::Met => ("satisfied", "pass"),
        // A waiver is a decision, not evidence: the criterion is not satisfied, and the
        // waiver is named below.
        CriterionStatus::Waived => ("not-satisfied", "waived"),
        // As FedRAMP treats N/A: nothing is missing; the prop and remarks say why.
        CriterionStatus::NotApplicable => ("satisfied", "not-applicable"),
        CriterionStatus::NotMet => ("not-satisfied", "fail"),
    };
    let mut props = vec![
        prop("control", &control.id),
        prop("evidence-status", &kebab(&criterion.status)),
    ];
    if let Some(level) = level {
        props.push(prop("maturity-level", &level.to_string()));
    }
    if criterion.design_only {
        props.push(prop("design-only", "true"));
    }
    if criterion.essential {
        props.push(prop("essential", "true"));
    }
    for basis in &criterion.basis {
        props.push(prop("basis", &kebab(basis)));
    }
    if let Some(why) = &criterion.not_applicable {
        props.push(prop("not-applicable", why));
    }
    if let Some(w) = &criterion.waiver {
        props.push(prop("waiver", &w.id));
    }

    let mut description = String::new();
    for r in &criterion.requirements {
        let verdict = if r.met { "met" } else { "not met" };
        description.push_str(&format!("- {} ({}): {verdict}\n", r.description, r.kind));
        for reason in &r.reasons {
            description.push_str(&format!(
                "  - {}: {}\n",
                kebab(&reason.code),
                reason.message
            ));
        }
    }
    if let Some(why) = &criterion.not_applicable {
        description.push_str(&format!("Not applicable: {why}\n"));
    }
    if let Some(w) = &criterion.waiver {
        description.push_str(&format!("Waived by {} ({}).\n", w.id, w.path));
    }

    let mut paths = BTreeSet::new();
    for r in &criterion.requirements {
        paths.extend(r.evidence.iter().map(|e| e.path.as_str()));
        paths.extend(
            r.reasons
                .iter()
                .flat_map(|x| &x.evidence)
                .map(|e| e.path.as_str()),
        );
    }
    paths.extend(criterion.waiver.iter().map(|w| w.path.as_str()));
    let related: Vec<Json> = paths
        .into_iter()
        .filter_map(|p| observations.get(p))
        .map(|uuid| json!({"observation-uuid": uuid}))
        .collect();

    let mut json = json!({
        "uuid": Uuid::new_v5(document, format!("finding\n{}", criterion.id).as_bytes()).to_string(),
        "title": format!("{}: {}", criterion.id, one_line(titles.criterion(&criterion.id))),
        "description": description.trim_end(),
        "props": props,
        "target": {
            "type": "objective-id",
            "target-id": criterion.id,
            "status": {"state": state, "reason": reason},
        },
    });
    if !related.is_empty() {
        // Moved, not copied: a large result relates many observations.
        json["related-observations"] = Json::Array(related);
    }
    if criterion.status == CriterionStatus::NotMet {
        json["remarks"] = json!(criterion.remediation);
    }
    json
}
