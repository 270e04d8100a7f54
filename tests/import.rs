//! `evident import`: each source's fixture becomes items that validate and score,
//! re-imports are byte-identical, hand edits are kept, bad records are named and
//! skipped; and attachments are checked on every run.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use support::{copy_dir, root, run};

const FIXTURES: &str = "tests/fixtures/import";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// A copy of meridian-bank (every target met) without `remove` (paths in it).
fn meridian_without(remove: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("evidence");
    copy_dir(&root().join("evidence-samples/meridian-bank"), &dir);
    for path in remove {
        let path = dir.join(path);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
    (tmp, dir)
}

/// Runs `evident import` and returns (exit code, stdout, stderr).
fn import(source: &str, files: &[&str], into: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import", source];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--into", into.to_str().unwrap()]);
    args.extend_from_slice(extra);
    run(&args)
}

/// Assesses `dir` at the samples' date and returns the criterion `id` of `control`.
fn criterion(dir: &Path, control: &str, id: &str) -> Json {
    let out = dir.parent().unwrap().join(format!("out-{control}-{id}"));
    let (code, _, stderr) = run(&[
        "assess",
        dir.to_str().unwrap(),
        "--as-of",
        "2026-10-31",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "--no-fail",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report: Json =
        serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).unwrap())
            .unwrap();
    let control = report["assessment"]["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == control)
        .unwrap()
        .clone();
    let mut all: Vec<Json> = control["criteria"].as_array().cloned().unwrap_or_default();
    for level in control["levels"].as_array().into_iter().flatten() {
        all.extend(level["criteria"].as_array().cloned().unwrap_or_default());
    }
    all.into_iter().find(|c| c["id"] == id).unwrap()
}

/// Ids of the evidence a criterion's requirements used.
fn evidence_ids(criterion: &Json) -> Vec<String> {
    criterion["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap().iter())
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

fn validate_ok(dir: &Path) {
    let (code, stdout, stderr) = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// Imports incidents into meridian-bank without its own incidents, and checks that
/// CC7.3-POF3 (incidents carry severity and affected systems) is met by them.
fn incidents_score(source: &str, files: &[&str], extra: &[&str], expect_id: &str) {
    let (_tmp, dir) = meridian_without(&["incidents"]);
    let into = dir.join("incidents");
    let (code, stdout, stderr) = import(source, files, &into, extra);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("2 added"), "{stdout}");
    validate_imported(&into);
    let pof3 = criterion(&dir, "CC7.3", "CC7.3-POF3");
    assert_eq!(pof3["status"], "met", "{pof3:#}");
    assert!(
        pof3["design_only"].is_null(),
        "the imported incidents show the operation: {pof3:#}"
    );
    assert!(
        evidence_ids(&pof3).iter().any(|id| id == expect_id),
        "{pof3:#}"
    );
}

/// The imported folder on its own validates (refs from the rest of the sample to the
/// incidents removed are not its concern).
fn validate_imported(into: &Path) {
    validate_ok(into);
}

#[test]
fn without_its_incidents_meridian_shows_cc7_3_pof3_on_design_only() {
    // The plan defines how incidents are evaluated; with no incident record the
    // operation cannot be shown, so the point rests on its design alone.
    let (_tmp, dir) = meridian_without(&["incidents"]);
    let pof3 = criterion(&dir, "CC7.3", "CC7.3-POF3");
    assert_eq!(pof3["status"], "met");
    assert_eq!(pof3["design_only"], true, "{pof3:#}");
}

#[test]
fn pagerduty_incidents_score() {
    incidents_score(
        "pagerduty",
        &[&fixture("pagerduty-incidents.json")],
        &[],
        "pagerduty-Q2Y3K1ZQ8TR4XB",
    );
}

#[test]
fn opsgenie_alerts_score() {
    incidents_score(
        "opsgenie",
        &[&fixture("opsgenie-alerts.json")],
        &[],
        "opsgenie-1791",
    );
}

#[test]
fn jira_issues_score() {
    incidents_score("jira", &[&fixture("jira-search.json")], &[], "jira-SEC-118");
}

#[test]
fn mapped_csv_scores() {
    incidents_score(
        "mapped",
        &[&fixture("changes.csv")],
        &["--mapping", &fixture("changes-mapping.yaml")],
        "itsm-CHG-77",
    );
}

/// Imports a scan into meridian-bank without its October scan, and checks that
/// CC7.4-POF8 (the latest scan, within 90 days, has its findings tracked) is met by it.
fn scan_scores(source: &str, file: &str, expect_prefix: &str) {
    let (_tmp, dir) = meridian_without(&["scans/2026-10-quarterly-scan.json"]);
    assert_eq!(criterion(&dir, "CC7.4", "CC7.4-POF8")["status"], "not-met");
    let into = dir.join("scans/imported");
    let (code, stdout, stderr) = import(
        source,
        &[&fixture(file)],
        &into,
        &["--mapping", &fixture("scan-mapping.yaml")],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    validate_ok(&dir);
    let pof8 = criterion(&dir, "CC7.4", "CC7.4-POF8");
    assert_eq!(pof8["status"], "met", "{pof8:#}");
    assert!(
        evidence_ids(&pof8)
            .iter()
            .any(|id| id.starts_with(expect_prefix)),
        "{pof8:#}"
    );
}

#[test]
fn trivy_report_scores() {
    scan_scores(
        "trivy",
        "trivy-image.json",
        "trivy-registry.example.com-payments-api",
    );
}

#[test]
fn grype_report_scores() {
    scan_scores(
        "grype",
        "grype-image.json",
        "grype-registry.example.com-identity-gateway",
    );
}

#[test]
fn sarif_log_scores() {
    scan_scores(
        "sarif",
        "codeql.sarif",
        "sarif-CodeQL-https-github.com-example-checkout-web",
    );
}

#[test]
fn scan_counts_and_dates_come_from_the_export() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = import("trivy", &[&fixture("trivy-image.json")], tmp.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(
        tmp.path()
            .join("trivy-registry.example.com-payments-api-4.2.1-2026-10-15.yaml"),
    )
    .unwrap();
    assert!(text.contains("effective: 2026-10-15\n"), "{text}");
    assert!(
        text.contains("findings_critical: 1\nfindings_high: 1\n"),
        "{text}"
    );
    assert!(text.contains("basis: measured\n"), "{text}");
    assert!(
        text.contains("  tool: trivy\n  export: trivy-image.json\n"),
        "{text}"
    );
    assert!(
        !text.contains("collected"),
        "the import time is never recorded: {text}"
    );
}

#[test]
fn training_csv_scores() {
    let (_tmp, dir) = meridian_without(&["training/2026-isirt-training.yaml"]);
    assert_eq!(
        criterion(&dir, "IRO-02", "IRO-02.L2.c3")["status"],
        "not-met"
    );
    let into = dir.join("training");
    let (code, stdout, stderr) = import(
        "training-csv",
        &[&fixture("training-lms.csv")],
        &into,
        &["--mapping", &fixture("training-mapping.yaml")],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    validate_ok(&dir);
    let c3 = criterion(&dir, "IRO-02", "IRO-02.L2.c3");
    assert_eq!(c3["status"], "met", "{c3:#}");
    assert!(
        evidence_ids(&c3).contains(&"training-Incident-Responder-Annual-Drill-2026".to_owned())
    );
}

#[test]
fn reimport_is_byte_identical_and_reports_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("incidents");
    let export = fixture("pagerduty-incidents.json");
    let (code, first, _) = import("pagerduty", &[&export], &into, &[]);
    assert_eq!(code, 0);
    assert!(first.contains("2 added"), "{first}");
    let snapshot = |dir: &Path| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&into);
    let (code, second, _) = import("pagerduty", &[&export], &into, &[]);
    assert_eq!(code, 0);
    assert!(
        second.contains("0 added, 0 changed, 2 unchanged"),
        "{second}"
    );
    assert_eq!(snapshot(&into), before);
}

#[test]
fn a_changed_record_is_updated_and_a_hand_edit_is_kept_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("incidents");
    let original = root().join(fixture("pagerduty-incidents.json"));
    let (code, _, _) = import("pagerduty", &[original.to_str().unwrap()], &into, &[]);
    assert_eq!(code, 0);
    // The same export a day later: one title changed in PagerDuty.
    let later = tmp.path().join("pagerduty-incidents.json");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(
        &later,
        text.replace("Login latency degraded", "Login latency degraded (EU)"),
    )
    .unwrap();
    let (code, stdout, _) = import("pagerduty", &[later.to_str().unwrap()], &into, &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("changed    ") && stdout.contains("2 changed"),
        "{stdout}"
    );
    // Somebody adds a root cause by hand.
    let item = into.join("pagerduty-Q2Y3K1ZQ8TR4XB.yaml");
    let edited = format!(
        "{}root_cause: expired TLS certificate\n",
        std::fs::read_to_string(&item).unwrap()
    );
    std::fs::write(&item, &edited).unwrap();
    let (code, stdout, stderr) = import("pagerduty", &[later.to_str().unwrap()], &into, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning[import-edited]"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(stdout.contains("1 kept"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&item).unwrap(), edited);
    let (code, stdout, _) = import("pagerduty", &[later.to_str().unwrap()], &into, &["--force"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("1 replaced"), "{stdout}");
    assert!(
        !std::fs::read_to_string(&item)
            .unwrap()
            .contains("root_cause")
    );
}

#[test]
fn bad_records_are_named_and_skipped_and_the_rest_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("pd.json");
    std::fs::write(
        &export,
        r#"{"incidents": [
            {"id": "PGOOD1", "title": "Good", "created_at": "2026-05-01T10:00:00Z", "status": "triggered", "urgency": "high"},
            {"id": "PNODATE", "title": "No creation time", "status": "triggered", "urgency": "high"},
            {"id": "PBADDATE", "title": "Day first", "created_at": "01/05/2026 10:00", "status": "triggered", "urgency": "high"},
            {"id": "PWEIRD", "title": "Unknown priority", "created_at": "2026-05-02T10:00:00Z", "status": "triggered", "priority": {"summary": "SEV-X"}}
        ]}"#,
    )
    .unwrap();
    let into = tmp.path().join("out");
    let shown = export.to_str().unwrap();
    let (code, stdout, stderr) = import("pagerduty", &[shown, shown], &into, &[]);
    assert_eq!(code, 4, "{stdout}{stderr}");
    assert!(
        stderr.contains("error[import-record]: record `PNODATE`: has no creation time"),
        "{stderr}"
    );
    assert!(
        stderr.contains("record `PBADDATE`: `01/05/2026 10:00` is not a date and time"),
        "{stderr}"
    );
    assert!(
        stderr.contains("record `PWEIRD`: its severity `SEV-X` has no mapping"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[import-duplicate]: record `PGOOD1` becomes item `pagerduty-PGOOD1`"),
        "{stderr}"
    );
    assert!(stderr.contains(shown), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(&into)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, ["pagerduty-PGOOD1.yaml"]);
    // A mapping fixes the unknown priority.
    let mapping = tmp.path().join("mapping.yaml");
    std::fs::write(&mapping, "severity:\n  SEV-X: sev-2\n").unwrap();
    let (_, _, stderr) = import(
        "pagerduty",
        &[shown],
        &into,
        &["--mapping", mapping.to_str().unwrap()],
    );
    assert!(!stderr.contains("PWEIRD"), "{stderr}");
    assert!(into.join("pagerduty-PWEIRD.yaml").is_file());
}

#[test]
fn a_file_of_another_format_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = import("jira", &[&fixture("trivy-image.json")], tmp.path(), &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("error[import-format]"), "{stderr}");
    assert!(
        stderr.contains("trivy-image.json is not a jira export: it has no `issues` array"),
        "{stderr}"
    );
    let (code, _, stderr) = import("sarif", &[&fixture("training-lms.csv")], tmp.path(), &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("not JSON"), "{stderr}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn training_dates_in_another_format_are_named_by_line() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("lms.csv");
    std::fs::write(
        &csv,
        "Employee,Course Name,Completion Date,Status\nAda,IR 101,2026-02-10,Completed\nBo,IR 101,10/02/2026,Completed\nCy,Phishing,2026-03-01,Passed\n",
    )
    .unwrap();
    let into = tmp.path().join("out");
    let (code, _, stderr) = import(
        "training-csv",
        &[csv.to_str().unwrap()],
        &into,
        &["--mapping", &fixture("training-mapping.yaml")],
    );
    assert_eq!(code, 4);
    assert!(
        stderr.contains(
            "record `IR 101`: line 3 (Bo): `10/02/2026` is not a date in the format `%Y-%m-%d`"
        ),
        "{stderr}"
    );
    assert!(into.join("training-Phishing.yaml").is_file());
    assert!(!into.join("training-IR-101.yaml").exists());
}

#[test]
fn unknown_source_and_missing_mapping_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = import(
        "servicenow",
        &[&fixture("jira-search.json")],
        tmp.path(),
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[possible values: pagerduty, opsgenie, jira, trivy, grype, sarif, training-csv, mapped]"),
        "{stderr}"
    );
    let (code, _, stderr) = import(
        "training-csv",
        &[&fixture("training-lms.csv")],
        tmp.path(),
        &[],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("needs --mapping"), "{stderr}");
    let sets_id = tmp.path().join("sets-id.yaml");
    std::fs::write(&sets_id, "set: {id: same-for-all}\n").unwrap();
    let (code, _, stderr) = import(
        "pagerduty",
        &[&fixture("pagerduty-incidents.json")],
        tmp.path(),
        &["--mapping", sets_id.to_str().unwrap()],
    );
    assert_eq!(code, 3);
    assert!(stderr.contains("`set` may not set `id`"), "{stderr}");
    let bad = tmp.path().join("bad.yaml");
    std::fs::write(&bad, "severity: {P1: critical}\n").unwrap();
    let (code, _, stderr) = import(
        "pagerduty",
        &[&fixture("pagerduty-incidents.json")],
        tmp.path(),
        &["--mapping", bad.to_str().unwrap()],
    );
    assert_eq!(code, 3);
    assert!(stderr.contains("error[import-mapping]"), "{stderr}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn attachments_are_checked_on_every_run_and_listed_in_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("evidence");
    std::fs::create_dir_all(dir.join("governance")).unwrap();
    let pdf = dir.join("governance/minutes-2026-09.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\nsigned minutes\n").unwrap();
    let item = format!(
        "kind: attestation\nid: ATT-1\ntitle: Signed board minutes\nbasis: attested\neffective: 2026-09-30\nexpires: 2027-09-30\ncovers: [IRO-01.L1.c1]\nsigned_by: Chair\nattachments:\n  - path: minutes-2026-09.pdf\n    sha256: {}\n",
        sha256_hex(b"%PDF-1.7\nsigned minutes\n")
    );
    std::fs::write(dir.join("governance/minutes.yaml"), &item).unwrap();
    let (code, stdout, stderr) = run(&["validate", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: Json = serde_json::from_str(&stdout).unwrap();
    let entry = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "governance/minutes.yaml")
        .unwrap();
    assert_eq!(
        entry["attachments"][0]["path"], "governance/minutes-2026-09.pdf",
        "{entry:#}"
    );
    assert!(!stderr.contains("unreferenced-attachment"), "{stderr}");
    // The manifest and the auditor appendix list it with its hash.
    let out = tmp.path().join("report");
    let (code, stderr) = support::assess(
        dir.to_str().unwrap(),
        "manifest,md,html",
        &out,
        &["--no-fail"],
    );
    assert_eq!(code, 0, "{stderr}");
    let pdf_hash = sha256_hex(b"%PDF-1.7\nsigned minutes\n");
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("governance/minutes-2026-09.pdf") && manifest.contains(&pdf_hash),
        "{manifest}"
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains(&format!(
            "| governance/minutes-2026-09.pdf (attachment) | | ATT-1 | | `{pdf_hash}` |"
        )),
        "{md}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("governance/minutes-2026-09.pdf <span class=\"pill\">attachment</span>"),
        "{html}"
    );

    // The PDF is replaced after the item was written: the item no longer counts.
    std::fs::write(&pdf, b"%PDF-1.7\nother minutes\n").unwrap();
    let (code, stdout, stderr) = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 4, "{stdout}{stderr}");
    assert!(
        stderr.contains("error[attachment-changed]: attachment `minutes-2026-09.pdf` has changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("minutes.yaml:11:"),
        "located at the recorded hash: {stderr}"
    );
    assert!(stdout.contains("0 valid, 1 invalid"), "{stdout}");
    assert!(
        !stderr.contains("unreferenced-attachment"),
        "the item names it: {stderr}"
    );

    std::fs::remove_file(&pdf).unwrap();
    let (code, _, stderr) = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 4);
    assert!(
        stderr.contains("error[attachment-missing]: attachment `minutes-2026-09.pdf` is missing"),
        "{stderr}"
    );
}

#[test]
fn a_document_no_item_names_gets_a_sidecar_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("evidence");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("signed-policy.pdf"), b"%PDF-1.7\n").unwrap();
    let (code, stdout, stderr) = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "a warning only: {stdout}{stderr}");
    assert!(
        stderr.contains("warning[unreferenced-attachment]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write `signed-policy.yaml` beside it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("attachments: [{path: signed-policy.pdf, sha256:"),
        "{stderr}"
    );
}

#[test]
fn mapped_json_follows_the_records_pointer_and_converts_values() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("drift.json");
    std::fs::write(
        &export,
        r#"{"result": {"checks": [
            {"check": {"id": 5512}, "name": "CIS drift on web tier", "ran": "2026-10-03T01:00:00Z", "hosts": ["web-1", "web-2"]},
            {"check": {"id": 5513}, "name": "No date"}
        ]}}"#,
    )
    .unwrap();
    let mapping = tmp.path().join("mapping.yaml");
    std::fs::write(
        &mapping,
        "kind: vulnerability-scan\nrecords: /result/checks\nid: check.id\nprefix: drift\nfields:\n  title: name\n  effective: ran\n  scope: hosts\nset:\n  scanner: Nessus\n  trigger: change\n",
    )
    .unwrap();
    let into = tmp.path().join("out");
    let (code, _, stderr) = import(
        "mapped",
        &[export.to_str().unwrap()],
        &into,
        &["--mapping", mapping.to_str().unwrap()],
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("record `5513`: has no date"), "{stderr}");
    let text = std::fs::read_to_string(into.join("drift-5512.yaml")).unwrap();
    assert!(text.contains("effective: 2026-10-03\n"), "{text}");
    assert!(text.contains("scope:\n- web-1\n- web-2\n"), "{text}");
    validate_ok(&into);
}
