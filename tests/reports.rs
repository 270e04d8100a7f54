//! The Markdown and HTML reports: golden files for a sample organisation (fail when
//! stale; `EVIDENT_BLESS=1` rewrites them), untrusted evidence text escaped, template
//! overrides and their diagnostics, the trend against a baseline, and determinism.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use support::assess;

#[test]
fn reports_of_a_sample_organisation_match_the_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = assess(
        "evidence-samples/northwind-health",
        "md,html,summary",
        out.path(),
        &[],
    );
    assert_eq!(code, 1, "northwind misses its targets: {stderr}");
    for name in ["report.md", "report.html", "summary.md"] {
        let actual = std::fs::read_to_string(out.path().join(name)).unwrap();
        support::golden(&format!("tests/golden/northwind-health/{name}"), &actual);
    }
}

#[test]
fn every_section_and_chart_is_in_the_html_and_nothing_is_fetched() {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = assess("evidence-samples/meridian-bank", "html", out.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    for id in [
        "id=\"executive\"",
        "id=\"detail\"",
        "id=\"appendix\"",
        "id=\"chart-maturity\"",
        "id=\"chart-readiness\"",
        "id=\"chart-heatmap\"",
        "id=\"soc2-matrix\"",
        "id=\"breach-procedure\"",
    ] {
        assert!(html.contains(id), "{id} missing");
    }
    for control in [
        "cc7.1", "cc7.2", "cc7.3", "cc7.4", "cc7.5", "iro-01", "iro-02", "brp",
    ] {
        assert!(
            html.contains(&format!("<section class=\"control\" id=\"{control}\"")),
            "{control} has no section"
        );
    }
    assert_eq!(html.matches("<svg role=\"img\"").count(), 3);
    // Self-contained: no attribute or CSS loads anything.
    for needle in [
        "src=",
        "<link",
        "<script",
        "@import",
        "url(http",
        "url(//",
        "href=\"http",
        "href=\"//",
    ] {
        assert!(!html.contains(needle), "the HTML contains {needle}");
    }
    // The manifest lists every file with its hash.
    assert!(html.contains("reviews/PIR-MB-2026-0087.md"));
}

#[test]
fn untrusted_evidence_text_is_escaped_in_html_and_markdown() {
    let temp = tempfile::tempdir().unwrap();
    let org = temp.path().join("org");
    support::copy_dir(
        &support::root().join("evidence-samples/meridian-bank"),
        &org,
    );
    let plan = org.join("plans/group-incident-response-plan.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    let hostile =
        "<script>alert(1)</script><img src=x onerror=alert(2)> *bold* | [x](javascript:alert(3))";
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap();
    std::fs::write(
        &plan,
        text.replacen(title_line, &format!("title: '{hostile}'"), 1),
    )
    .unwrap();
    // A file name is evidence-controlled text too.
    let odd = org.join("team/<b onmouseover=alert(4)>team.yaml");
    std::fs::rename(org.join("team/isirt.yaml"), &odd).unwrap();

    let out = temp.path().join("out");
    let (code, stderr) = assess(org.to_str().unwrap(), "html,md", &out, &["--no-fail"]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;"
        ),
        "the title is shown, escaped"
    );
    assert!(!html.contains("<script"), "raw <script> reached the HTML");
    assert!(!html.contains("<img"), "raw <img reached the HTML");
    assert!(
        !html.contains("<b onmouseover"),
        "a raw tag from a file name reached the HTML"
    );
    assert!(html.contains("&lt;b onmouseover&#x3D;alert(4)&gt;team.yaml"));
    assert!(!html.contains("href=\"javascript"));

    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; \\*bold\\* \\| \\[x\\](javascript:alert(3))"), "escaped in Markdown");
    assert!(!md.contains("<script"));
    assert!(!md.contains("<img"));
    assert!(!md.contains("<b onmouseover"));
}

#[test]
fn a_template_override_replaces_one_file_and_a_broken_one_is_located() {
    let temp = tempfile::tempdir().unwrap();
    let templates = temp.path().join("templates/markdown");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("summary.hbs"),
        "Custom summary for {{organisation}}: {{targets_met}} of {{targets}} targets met.\n",
    )
    .unwrap();
    let out = temp.path().join("out");
    let dir = temp.path().join("templates");
    let (code, stderr) = assess(
        "evidence-samples/meridian-bank",
        "summary,md",
        &out,
        &["--templates", dir.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("summary.md")).unwrap(),
        "Custom summary for Meridian Bank plc: 3 of 3 targets met.\n"
    );
    // The other documents keep the built-in templates.
    assert!(
        std::fs::read_to_string(out.join("report.md"))
            .unwrap()
            .contains("## Auditor appendix")
    );

    // A template that does not compile: located, exit 3, nothing written.
    std::fs::write(
        templates.join("summary.hbs"),
        "ok\n{{#each controls}}\n{{id}}\n",
    )
    .unwrap();
    let out = temp.path().join("out2");
    let (code, stderr) = assess(
        "evidence-samples/meridian-bank",
        "summary",
        &out,
        &["--templates", dir.to_str().unwrap()],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("error[template-error]"), "{stderr}");
    assert!(
        stderr.contains("templates/markdown/summary.hbs:"),
        "{stderr}"
    );
    assert!(!out.join("summary.md").exists());

    // A name the data does not have fails in strict mode, naming the template.
    std::fs::write(templates.join("summary.hbs"), "{{no_such_field}}\n").unwrap();
    let (code, stderr) = assess(
        "evidence-samples/meridian-bank",
        "summary",
        &out,
        &["--templates", dir.to_str().unwrap()],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("markdown/summary"), "{stderr}");
}

#[test]
fn the_trend_against_a_baseline_is_in_both_reports() {
    let temp = tempfile::tempdir().unwrap();
    let org = temp.path().join("org");
    support::copy_dir(
        &support::root().join("evidence-samples/meridian-bank"),
        &org,
    );
    let before = temp.path().join("before");
    let (code, stderr) = assess(org.to_str().unwrap(), "json", &before, &[]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(org.join("reviews/PIR-MB-2026-0087.md")).unwrap();
    let out = temp.path().join("after");
    let baseline = before.join("assessment.json");
    let (code, stderr) = assess(
        org.to_str().unwrap(),
        "md,html,summary",
        &out,
        &["--baseline", baseline.to_str().unwrap(), "--no-fail"],
    );
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Since the baseline of 2026-10-31"), "{md}");
    assert!(md.contains("reviews/PIR-MB-2026-0087.md (MB-PIR-2026-0087, removed)"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<td class=\"trend regressed\">▼ from L3</td>"),
        "the IRO-01 row shows the fall"
    );
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(summary.contains("regressed"), "{summary}");
}

#[test]
fn two_runs_give_byte_identical_reports() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for out in [a.path(), b.path()] {
        assess(
            "evidence-samples/harbor-freight-co",
            "md,html,summary",
            out,
            &["--no-fail"],
        );
    }
    for name in ["report.md", "report.html", "summary.md"] {
        assert_eq!(
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

/// A large organisation's reports stay readable: above 1,000 files the Markdown and
/// HTML reports count the files by kind and folder and list only the ones an
/// auditor must look at (the invalid ones), pointing to `manifest.json` for the rest;
/// the manifest itself still lists every file.
#[test]
fn a_large_manifest_is_summarised_in_the_reports_and_complete_in_manifest_json() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("evidence");
    support::copy_dir(
        &support::root().join("evidence-samples/meridian-bank"),
        &evidence,
    );
    let bulk = evidence.join("soc/bulk");
    std::fs::create_dir_all(&bulk).unwrap();
    for n in 0..1000 {
        std::fs::write(
            bulk.join(format!("t-{n:04}.yaml")),
            format!(
                "kind: alert-triage\nid: BULK-{n:04}\ntitle: Daily triage {n}\nowner: SOC\n\
                 period: {{start: 2026-01-01, end: 2026-01-31}}\nbasis: measured\n\
                 events_received: 10\nevents_filtered: 5\nescalated: 1\n\
                 security_events_identified: 0\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        bulk.join("broken.yaml"),
        "kind: alert-triage\nid: [unclosed\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = assess(evidence.to_str().unwrap(), "md,html,manifest", &out, &[]);
    assert!(code == 0 || code == 1, "{stderr}");
    let md = support::read(out.join("report.md"));
    let html = support::read(out.join("report.html"));
    // manifest.json has every file; the reports' counts agree with it.
    let manifest: serde_json::Value =
        serde_json::from_str(&support::read(out.join("manifest.json"))).unwrap();
    let entries = manifest["files"].as_array().unwrap();
    let files = entries.len();
    let count = |f: &dyn Fn(&serde_json::Value) -> bool| entries.iter().filter(|e| f(e)).count();
    let triage = count(&|e| e["kind"] == "alert-triage");
    let soc = count(&|e| e["path"].as_str().unwrap().starts_with("soc/"));
    assert!(files > 1000 && triage >= 1001 && soc >= 1001);
    assert!(
        md.contains(&format!("{files} files read (1 invalid)")),
        "{md}"
    );
    // The broken file's kind cannot be read: it is counted as unknown.
    assert!(
        md.contains(&format!("| alert-triage | {triage} | 0 |")),
        "{md}"
    );
    assert!(md.contains("| unknown | 1 | 1 |"), "{md}");
    assert!(md.contains(&format!("| soc | {soc} | 1 |")), "{md}");
    // The manifest section lists the invalid file and not a valid bulk file (which
    // the analyst detail still names where a result used it).
    let section = |text: &str, from: &str, to: &str| -> String {
        let start = text.find(from).unwrap();
        let end = start + text[start..].find(to).unwrap();
        text[start..end].to_owned()
    };
    let md_manifest = section(&md, "### Evidence manifest", "### Diagnostics");
    let html_manifest = section(&html, "id=\"manifest\"", "id=\"diagnostics\"");
    assert!(
        md_manifest.contains("soc/bulk/broken.yaml (invalid)"),
        "{md_manifest}"
    );
    assert!(html_manifest.contains("soc/bulk/broken.yaml"));
    assert!(!md_manifest.contains("t-0500.yaml") && !html_manifest.contains("t-0500.yaml"));
    assert!(
        md.contains(&format!(
            "The 1 invalid or stale files; the other {} are in `manifest.json`",
            files - 1
        )),
        "{md}"
    );
}
