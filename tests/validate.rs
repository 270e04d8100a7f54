//! `evident validate`: the sample organisations are clean, every file in
//! `evidence-samples/invalid/` gets the diagnostic it is there for at the right line,
//! and hostile directories (special files, links, hidden folders, huge files) are
//! handled without panics, hangs or writes.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

fn validate_json(dir: &str, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["validate", dir, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = support::run(&args);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (code, json, stderr)
}

/// (file, code, line) of every diagnostic.
fn triples(json: &Value) -> BTreeSet<(String, String, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["location"]["path"].as_str().unwrap_or_default();
            let file = path.rsplit('/').next().unwrap().to_owned();
            let line = d["location"]["line"].as_u64().unwrap_or(0);
            (file, d["code"].as_str().unwrap().to_owned(), line)
        })
        .collect()
}

#[test]
fn sample_organisations_validate_clean_but_for_what_they_lack() {
    for org in ["harbor-freight-co", "northwind-health", "meridian-bank"] {
        let dir = format!("evidence-samples/{org}");
        let (code, json, stderr) = validate_json(&dir, &[]);
        assert_eq!(code, 0, "{org}: {stderr}");
        let codes: Vec<&str> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        if org == "harbor-freight-co" {
            // True to the sample: its draft runbook has no revision history, which
            // IRO-01.L2.c5 and IRO-02.L2.c5 need (one reason it stays at L1).
            assert_eq!(codes, ["missing-section"], "{org}");
            let message = json["diagnostics"][0]["message"].as_str().unwrap();
            assert!(
                message.contains("\"Revision History\" (needed by IRO-01.L2.c5, IRO-02.L2.c5)"),
                "{message}"
            );
        } else {
            assert!(codes.is_empty(), "{org}: {codes:?}");
        }
        let summary = &json["summary"];
        assert_eq!(summary["invalid"], 0, "{org}");
        assert!(summary["valid"].as_u64().unwrap() >= 13, "{org}");
        assert!(json["profile"]["organisation"].is_string(), "{org}");
    }
}

#[test]
fn every_invalid_sample_gets_its_diagnostic_at_its_line() {
    let (code, json, _) = validate_json("evidence-samples/invalid", &[]);
    assert_eq!(code, 4);
    let expected: BTreeSet<(String, String, u64)> = [
        ("alias-bomb.yaml", "yaml-alias-bomb", 12),
        ("bad-date.yaml", "schema-violation", 5),
        ("bad-enum.json", "schema-violation", 7),
        ("binary.json", "binary-file", 0),
        ("dangling-ref.yaml", "dangling-ref", 8),
        ("deep-nesting.json", "nesting-too-deep", 1),
        ("deep-nesting.yaml", "nesting-too-deep", 3),
        ("duplicate-id-b.yaml", "duplicate-id", 2),
        ("duplicate-key.yaml", "duplicate-key", 8),
        ("empty.yaml", "empty-file", 0),
        ("evident.yaml", "schema-violation", 4),
        ("id-like-path.yaml", "invalid-id", 2),
        ("kind-not-string.yaml", "invalid-kind", 1),
        ("latin1.yaml", "not-utf8", 3),
        ("missing-field.yaml", "schema-violation", 1),
        ("missing-kind.yaml", "missing-kind", 1),
        ("no-front-matter.md", "front-matter", 1),
        ("period-reversed.yaml", "invalid-period", 7),
        ("two-documents.yaml", "yaml-syntax", 8),
        ("unclosed-front-matter.md", "front-matter", 1),
        ("undated.yaml", "undated-item", 2),
        ("unknown-field.yaml", "schema-violation", 8),
        ("unknown-kind.yaml", "unknown-evidence-kind", 1),
        ("yaml-syntax.yaml", "yaml-syntax", 9),
    ]
    .into_iter()
    .map(|(f, c, l)| (f.to_owned(), c.to_owned(), l))
    .collect();
    assert_eq!(triples(&json), expected);
    // Every file in the folder is there for a diagnostic, except the two that show
    // what is accepted (the first of a duplicated id; a BOM with CRLF line endings).
    let valid: BTreeSet<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["valid"] == true)
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        valid,
        BTreeSet::from([
            "bom-crlf-accepted.yaml",
            "duplicate-id-a.yaml",
            "undated.yaml"
        ])
    );
}

#[test]
fn invalid_samples_render_rustc_style() {
    let (code, stdout, stderr) = support::run(&["validate", "evidence-samples/invalid"]);
    assert_eq!(code, 4);
    assert_eq!(
        stdout,
        "26 files: 3 valid, 23 invalid; 23 errors, 1 warning (incident 2, ir-team 1)\n"
    );
    insta::assert_snapshot!("invalid_samples", stderr);
}

#[test]
fn manifest_hashes_are_the_files_sha256() {
    let (_, json, _) = validate_json("evidence-samples/harbor-freight-co", &[]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 13);
    for file in files {
        let path = file["path"].as_str().unwrap();
        let bytes = std::fs::read(
            support::root()
                .join("evidence-samples/harbor-freight-co")
                .join(path),
        )
        .unwrap();
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(file["sha256"], hex.as_str(), "{path}");
        assert_eq!(file["size"], bytes.len(), "{path}");
    }
}

#[test]
fn output_is_deterministic() {
    let first = support::run(&["validate", "evidence-samples/invalid", "--format", "json"]);
    let second = support::run(&["validate", "evidence-samples/invalid", "--format", "json"]);
    assert_eq!(first, second);
}

#[test]
fn a_missing_directory_is_a_usage_error() {
    let (code, _, stderr) = support::run(&["validate", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`no/such/dir` is not a directory"),
        "{stderr}"
    );
}

fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const VALID: &str = "kind: incident\nid: INC-1\ntitle: t\nbasis: declared\neffective: 2026-01-02\nseverity: sev-3\nstatus: closed\n";

/// Every entry under `dir` with its size and modification time.
fn snapshot_tree(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let meta = entry.path().symlink_metadata().unwrap();
        out.push((
            entry.path().display().to_string(),
            meta.len(),
            meta.modified().unwrap(),
        ));
    }
    out
}

#[cfg(unix)]
#[test]
fn hostile_directory_entries_are_skipped_with_diagnostics() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("evidence");
    let outside = temp.path().join("outside");
    write(&root, "ok.yaml", VALID);
    write(&root, ".git/config.yaml", "not: [valid");
    write(&root, ".hidden.yaml", "not: [valid");
    write(&root, "README.md", "# About this folder\n");
    write(&root, "attachments/scan.pdf", "%PDF-1.7");
    write(
        &root,
        "big.yaml",
        format!("{VALID}root_cause: {}\n", "x".repeat(5000)),
    );
    write(
        &outside,
        "secret.yaml",
        VALID.replace("INC-1", "INC-SECRET"),
    );
    std::os::unix::fs::symlink(outside.join("secret.yaml"), root.join("outside.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("outside-dir")).unwrap();
    std::os::unix::fs::symlink(root.join("loop-b.yaml"), root.join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink(root.join("loop-a.yaml"), root.join("loop-b.yaml")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("attachments/up")).unwrap();
    std::os::unix::fs::symlink(root.join("ok.yaml"), root.join("alias.yaml")).unwrap();
    std::os::unix::fs::symlink(root.join("gone.yaml"), root.join("broken.yaml")).unwrap();
    let fifo = root.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo is available");
    let before = snapshot_tree(&root);

    let dir = root.to_str().unwrap();
    let (code, json, _) = validate_json(dir, &["--max-file-size", "4KiB"]);
    assert_eq!(code, 4, "big.yaml is over the limit");
    let found = triples(&json);
    let expected: BTreeSet<(String, String, u64)> = [
        ("big.yaml", "file-too-large"),
        ("pipe.yaml", "special-file"),
        ("outside.yaml", "symlink-skipped"),
        ("outside-dir", "symlink-skipped"),
        ("broken.yaml", "symlink-skipped"),
        ("loop-a.yaml", "symlink-loop"),
        ("loop-b.yaml", "symlink-loop"),
        ("up", "symlink-loop"),
        // Still ignored, but named: no item pins it as an attachment.
        ("scan.pdf", "unreferenced-attachment"),
    ]
    .into_iter()
    .map(|(f, c)| (f.to_owned(), c.to_owned(), 0))
    .collect();
    assert_eq!(found, expected);
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["ok.yaml"], "only the regular evidence file is read");
    assert_eq!(
        json["ignored"],
        serde_json::json!(["README.md", "alias.yaml", "attachments/scan.pdf"])
    );
    assert_eq!(
        snapshot_tree(&root),
        before,
        "the evidence directory is untouched"
    );

    // Under the default 10 MiB limit the same file is read: it comes first in path
    // order and keeps the id, so ok.yaml is now the duplicate.
    let (code, json, _) = validate_json(dir, &[]);
    assert_eq!(code, 4);
    assert!(triples(&json).contains(&("ok.yaml".to_owned(), "duplicate-id".to_owned(), 2)));
}

#[test]
fn one_bad_file_does_not_stop_the_run() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write(root, "a/bad.yaml", "kind: incident\nid: [\n");
    write(root, "b/good.yaml", VALID);
    write(
        root,
        "c/good.json",
        r#"{"kind": "incident", "id": "INC-2", "title": "t", "basis": "measured", "effective": "2026-01-03", "severity": "sev-2", "status": "open"}"#,
    );
    write(
        root,
        "d/dup.json",
        r#"{"kind": "incident", "kind": "policy"}"#,
    );
    let (code, json, _) = validate_json(root.to_str().unwrap(), &[]);
    assert_eq!(code, 4);
    assert_eq!(json["summary"]["valid"], 2);
    assert_eq!(json["summary"]["invalid"], 2);
    assert_eq!(
        json["summary"]["by_kind"],
        serde_json::json!({"incident": 2})
    );
    let found = triples(&json);
    assert!(
        found.contains(&("dup.json".to_owned(), "duplicate-key".to_owned(), 1)),
        "{found:?}"
    );
    assert!(
        found.contains(&("bad.yaml".to_owned(), "yaml-syntax".to_owned(), 3)),
        "{found:?}"
    );
}

#[test]
fn markdown_documents_keep_their_outline() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write(
        root,
        "plan.md",
        "---\r\nkind: ir-plan\r\nid: PLAN-1\r\ntitle: IR plan\r\nbasis: declared\r\neffective: 2026-01-01\r\nstatus: approved\r\n---\r\n# Plan\r\n\r\n## Detection & Analysis\r\n\r\ntext\r\n",
    );
    let (_, _, stderr) = support::run(&["validate", root.to_str().unwrap()]);
    let load = |projection: &evident::evidence::Projection| {
        let options = evident::evidence::ScanOptions::default();
        evident::evidence::load(root, "x", &options, projection, &|_| {})
    };
    let set = load(&evident::evidence::Projection::default());
    assert!(set.diagnostics.is_empty(), "{stderr}");
    let outline: Vec<(u8, &str, u32)> = set.items[0]
        .outline
        .iter()
        .map(|h| (h.level, h.text.as_str(), h.line))
        .collect();
    assert_eq!(outline, [(1, "Plan", 9), (2, "Detection & Analysis", 11)]);
    // `validate` shows no outlines, and does not make them.
    let set = load(&evident::evidence::Projection::envelope_only());
    assert!(set.items[0].outline.is_empty());
}

#[test]
fn a_value_split_at_its_comma_gets_a_help_line_to_quote_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("incident.yaml"),
        "kind: incident\nid: INC-1\ntitle: Card data exposed\neffective: 2026-03-01\nbasis: measured\nseverity: sev-2\nstatus: closed\ndata_affected: [18,412 cards]\n",
    )
    .unwrap();
    let (code, _, stderr) = support::run(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(code, 4);
    let text = support::squash(&stderr);
    assert!(
        text.contains("`/data_affected/0`: 18 is a number where the list expects text"),
        "{stderr}"
    );
    assert!(text.contains("incident.yaml:8:17"), "{stderr}");
    assert!(text.contains("quote it (`[\"18,412 cards\"]`)"), "{stderr}");
}

#[test]
fn the_json_document_follows_its_published_schema_and_a_broken_one_does_not() {
    let schema: Value =
        serde_json::from_str(&support::read("schemas/validation.schema.json")).unwrap();
    let validator = evident::schema::compile(&schema).unwrap();
    for dir in ["evidence-samples/meridian-bank", "evidence-samples/invalid"] {
        let (_, json, _) = validate_json(dir, &[]);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
        assert_eq!(json["version"], evident::pipeline::VALIDATION_VERSION);
    }
    // The check can fail: a count that is not a number, a code nobody defined.
    let (_, mut json, _) = validate_json("evidence-samples/invalid", &[]);
    json["summary"]["files"] = Value::from("many");
    assert!(!validator.is_valid(&json));
    let (_, mut json, _) = validate_json("evidence-samples/invalid", &[]);
    json["diagnostics"][0]["code"] = Value::from("no-such-code");
    assert!(!validator.is_valid(&json));
}
