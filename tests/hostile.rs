//! Hostile input: each attack that once crashed, hung or overwrote ends in a located
//! diagnostic or a clear error, fast and in bounded memory. Inputs are generated
//! here, sized so the old behaviour (quadratic, or gigabytes) would blow the bound
//! by a wide margin while the fixed one stays far below it on a 2-core CI runner.

#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Runs evident with `args` under a virtual-memory limit (KiB, through the shell's
/// `ulimit -v`), returning exit code, stderr and the time taken.
fn run_bounded(args: &[&str], memory_kib: u64) -> (i32, String, Duration) {
    let bin = assert_cmd::cargo::cargo_bin("evident");
    let mut script = format!("ulimit -v {memory_kib}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .args(args)
        .current_dir(support::root())
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        started.elapsed(),
    )
}

const MEMORY_KIB: u64 = 2 * 1024 * 1024;

fn within(elapsed: Duration, seconds: u64, what: &str) {
    assert!(
        elapsed < Duration::from_secs(seconds),
        "{what} took {elapsed:?}, over {seconds} s"
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

const INCIDENT: &str =
    "kind: incident\nid: INC-1\ntitle: t\nbasis: measured\neffective: 2026-01-01\n";

#[test]
fn an_alias_bomb_is_a_diagnostic_not_an_out_of_memory_abort() {
    // 256 KiB referenced 40,000 times: about 10 GiB once expanded, from 600 KB.
    let temp = tempfile::tempdir().unwrap();
    let mut text = format!("{INCIDENT}note: &big {}\nrefs:\n", "x".repeat(256 * 1024));
    text.push_str(&"  - *big\n".repeat(40_000));
    write(temp.path(), "bomb.yaml", &text);
    let dir = temp.path().to_str().unwrap();
    let (code, stderr, elapsed) = run_bounded(&["validate", dir], MEMORY_KIB);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("error[yaml-alias-bomb]"), "{stderr}");
    // With the anchor, the 127th alias (line 7 + 127) takes the expansion past 32 MiB.
    assert!(stderr.contains("bomb.yaml:134:5"), "{stderr}");
    within(elapsed, 5, "the alias bomb");
}

#[test]
fn deep_flow_nesting_is_refused_while_scanning() {
    // Depth 40,000 in 80 KB: the full scan took 6 s, 2 MB over two minutes.
    let temp = tempfile::tempdir().unwrap();
    let depth = 40_000;
    let text = format!("{INCIDENT}x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    write(temp.path(), "deep.yaml", &text);
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    write(temp.path(), "deep.json", &json);
    let dir = temp.path().to_str().unwrap();
    let (code, stderr, elapsed) = run_bounded(&["validate", dir], MEMORY_KIB);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("deep.yaml:6:"), "{stderr}");
    assert_eq!(
        stderr.matches("error[nesting-too-deep]").count(),
        2,
        "{stderr}"
    );
    within(elapsed, 3, "deep nesting");
}

#[test]
fn a_plan_with_many_headings_is_outlined_in_linear_time_and_capped() {
    let temp = tempfile::tempdir().unwrap();
    let sample = support::read("evidence-samples/harbor-freight-co/plans/it-incident-runbook.md");
    let front = sample.split("---\n").nth(1).unwrap();
    let mut text = format!("---\n{front}---\n");
    for i in 0..100_000 {
        text.push_str(&format!("## Section {i}\n\ntext\n\n"));
    }
    let evidence = temp.path().join("evidence");
    write(&evidence, "plan.md", &text);
    let out = temp.path().join("out");
    let started = Instant::now();
    let (_, stderr) = support::assess(evidence.to_str().unwrap(), "json", &out, &["--no-fail"]);
    within(started.elapsed(), 10, "100,000 headings");
    // The first heading past the cap (10,000) is at line 14 + 4 * 10,000.
    assert!(stderr.contains("warning[too-many-headings]"), "{stderr}");
    assert!(stderr.contains("plan.md:40014:1"), "{stderr}");
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).unwrap())
            .unwrap();
    assert_eq!(result["manifest"]["files"][0]["valid"], true, "{result:#}");
}

#[test]
fn forty_thousand_violations_are_listed_to_a_cap_and_counted_fast() {
    let temp = tempfile::tempdir().unwrap();
    // Two required fields missing, then 40,000 references of the wrong type.
    let mut text = format!("{INCIDENT}refs:\n");
    text.push_str(&"  - {}\n".repeat(40_000));
    write(temp.path(), "many.yaml", &text);
    let dir = temp.path().to_str().unwrap();
    let (code, stderr, elapsed) = run_bounded(&["validate", dir], MEMORY_KIB);
    assert_eq!(code, 4, "{stderr}");
    within(elapsed, 10, "40,000 violations");
    assert_eq!(
        stderr.matches("error[schema-violation]").count(),
        100,
        "{stderr:.2000}"
    );
    assert!(
        stderr.contains("and 39902 more schema violations in this file"),
        "{stderr:.2000}"
    );
    // Located at the 99th reference (line 6 + 99), the 101st violation.
    assert!(stderr.contains("many.yaml:105:5"), "{stderr:.2000}");
}

#[test]
fn a_self_recursive_inline_partial_is_a_located_template_error() {
    let temp = tempfile::tempdir().unwrap();
    let templates = temp.path().join("templates/markdown");
    write(
        &templates,
        "summary.hbs",
        "# Summary\n{{#*inline \"loop\"}}again {{> loop}}{{/inline}}\n{{> loop}}\n",
    );
    let out = temp.path().join("out");
    let started = Instant::now();
    let (code, stderr) = support::assess(
        "evidence-samples/northwind-health",
        "summary",
        &out,
        &[
            "--templates",
            temp.path().join("templates").to_str().unwrap(),
        ],
    );
    within(started.elapsed(), 10, "the recursive partial");
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("error[template-error]"), "{stderr}");
    assert!(stderr.contains("loop → loop"), "{stderr}");
    assert!(stderr.contains("markdown/summary.hbs:2:"), "{stderr}");
    assert!(!out.join("summary.md").exists());
}

#[test]
fn mutually_recursive_override_files_are_refused_too() {
    let temp = tempfile::tempdir().unwrap();
    let templates = temp.path().join("templates");
    write(&templates, "a.hbs", "{{> b}}");
    write(&templates, "b.hbs", "x\n{{> a}}");
    write(&templates.join("markdown"), "summary.hbs", "{{> a}}");
    let out = temp.path().join("out");
    let (code, stderr) = support::assess(
        "evidence-samples/northwind-health",
        "summary",
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("a → b → a"), "{stderr}");
    assert!(stderr.contains("b.hbs:2:1"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_at_the_old_temporary_name_and_at_the_final_name_are_not_followed() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim_tmp = temp.path().join("victim-tmp.txt");
    let victim_final = temp.path().join("victim-final.txt");
    std::fs::write(&victim_tmp, "keep me").unwrap();
    std::fs::write(&victim_final, "keep me too").unwrap();
    std::os::unix::fs::symlink(&victim_tmp, out.join(".summary.md.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim_final, out.join("summary.md")).unwrap();
    let (code, stderr) = support::assess("evidence-samples/northwind-health", "summary", &out, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&victim_tmp).unwrap(), "keep me");
    assert_eq!(
        std::fs::read_to_string(&victim_final).unwrap(),
        "keep me too"
    );
    let summary = std::fs::symlink_metadata(out.join("summary.md")).unwrap();
    assert!(
        summary.file_type().is_file(),
        "the link was replaced by the report"
    );
    assert!(
        std::fs::read_to_string(out.join("summary.md"))
            .unwrap()
            .contains("Northwind")
    );
}

#[test]
fn two_concurrent_runs_into_one_folder_both_leave_complete_reports() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    let spawn = || {
        Command::new(assert_cmd::cargo::cargo_bin("evident"))
            .current_dir(support::root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .args([
                "assess",
                "evidence-samples/northwind-health",
                "--as-of",
                "2026-10-31",
                "--format",
                "json,md,html,summary,sarif",
                "--out",
                out.to_str().unwrap(),
            ])
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (mut a, mut b) = (spawn(), spawn());
        let (a, b) = (a.wait().unwrap(), b.wait().unwrap());
        assert_eq!(
            (a.code(), b.code()),
            (Some(1), Some(1)),
            "both run to the end"
        );
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).unwrap())
                .unwrap();
        assert!(json["assessment"]["controls"].is_array());
        let _: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("evident.sarif")).unwrap())
                .unwrap();
        for name in ["report.md", "report.html", "summary.md"] {
            let golden = support::read(format!("tests/golden/northwind-health/{name}"));
            let written = std::fs::read_to_string(out.join(name)).unwrap();
            assert!(written == golden, "{name} differs from its golden file");
        }
        let leftovers: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn out_inside_the_evidence_directory_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let evidence = temp.path().join("evidence");
    support::copy_dir(
        &support::root().join("evidence-samples/northwind-health"),
        &evidence,
    );
    let out = evidence.join("evident-report");
    let (code, stderr) = support::assess(evidence.to_str().unwrap(), "json", &out, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is inside the evidence directory"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing was written");
    let (code, _) = support::assess(evidence.to_str().unwrap(), "json", &evidence, &[]);
    assert_eq!(code, 2);
}
