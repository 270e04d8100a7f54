//! The HTML report in a real browser: headless Chromium renders it, and the test
//! checks the rendered DOM (summary, every control section, every chart), that the
//! page attempted no network request (Chromium's own net log), a screenshot, and a
//! printed PDF whose first page is the whole executive summary.
//!
//! Without Chromium the test says it is skipped; under `CI=true` it must run
//! (`.ci/run` installs Debian's `chromium`). `EVIDENT_CHROMIUM` names the binary.
#![allow(clippy::unwrap_used, clippy::panic)]
// A skipped browser test says so on stderr, which cargo test shows.
#![allow(clippy::print_stderr)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("EVIDENT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// Chromium, or `None` when the test may be skipped.
fn require_chromium() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is required under CI=true: install Debian's `chromium` (as .ci/run does) or set EVIDENT_CHROMIUM"
        );
        eprintln!(
            "skipped: Chromium is not installed (install `chromium` to run the browser test)"
        );
    }
    found
}

/// Runs headless Chromium on `page` with its own profile and a net log; returns
/// stdout. Chromium's background services are off so the log holds what the page did.
fn headless(browser: &Path, work: &Path, page: &Path, args: &[String]) -> String {
    let profile = work.join(format!("profile-{}", args.len()));
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The non-file URLs that the page itself requested, from a Chromium net log: jobs
/// whose network isolation key is the file page (the browser's own requests have
/// other keys).
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).unwrap();
    let log: Value = serde_json::from_str(&text).expect("the net log is JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("the net log names URL_REQUEST_START_JOB");
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| {
            e["params"]["network_isolation_key"]
                .as_str()
                .is_some_and(|k| k.starts_with("file://"))
        })
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|url| !url.starts_with("file:"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_html_report_renders_in_chromium_without_network_and_prints_a_one_page_summary() {
    let Some(browser) = require_chromium() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("report");
    let (code, _, stderr) = support::run(&[
        "assess",
        "evidence-samples/northwind-health",
        "--as-of",
        "2026-10-31",
        "--format",
        "html",
        "--no-fail",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let page = out.join("report.html");

    // The detector must see a request when there is one, or its silence means nothing.
    let bait = work.path().join("bait.html");
    std::fs::write(
        &bait,
        "<!DOCTYPE html><title>t</title><img src=\"http://192.0.2.1/x.png\" alt=\"\">",
    )
    .unwrap();
    let bait_log = work.path().join("bait-net.json");
    headless(
        &browser,
        work.path(),
        &bait,
        &[
            "--dump-dom".into(),
            format!("--log-net-log={}", bait_log.display()),
        ],
    );
    assert_eq!(page_requests(&bait_log), ["http://192.0.2.1/x.png"]);

    let net_log = work.path().join("net.json");
    let dom = headless(
        &browser,
        work.path(),
        &page,
        &[
            "--dump-dom".into(),
            format!("--log-net-log={}", net_log.display()),
        ],
    );
    assert_eq!(
        page_requests(&net_log),
        Vec::<String>::new(),
        "the report made network requests"
    );
    for needle in [
        "<section id=\"executive\"",
        "<h2>Executive summary</h2>",
        "<section id=\"detail\"",
        "<section id=\"appendix\"",
        "<title id=\"chart-maturity-title\">",
        "<title id=\"chart-readiness-title\">",
        "<title id=\"chart-heatmap-title\">",
    ] {
        assert!(dom.contains(needle), "the rendered DOM lacks {needle}");
    }
    for control in [
        "cc7.1", "cc7.2", "cc7.3", "cc7.4", "cc7.5", "iro-01", "iro-02", "brp",
    ] {
        assert!(
            dom.contains(&format!("<section class=\"control\" id=\"{control}\"")),
            "the rendered DOM has no section for {control}"
        );
    }
    assert_eq!(dom.matches("<svg role=\"img\"").count(), 3, "three charts");

    let shot = work.path().join("report.png");
    headless(
        &browser,
        work.path(),
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a real screenshot"
    );

    let pdf = work.path().join("report.pdf");
    headless(
        &browser,
        work.path(),
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    // Page by page text needs poppler's pdftotext; CI installs it with Chromium.
    let page_text = |n: u32| {
        Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    match (page_text(1), page_text(2)) {
        (Some(first), Some(second)) => {
            assert!(
                first.contains("Executive summary") && first.contains("Top gaps"),
                "{first}"
            );
            assert!(
                first.contains("11 gaps in all"),
                "the whole summary is on page 1: {first}"
            );
            assert!(!first.contains("Analyst detail"), "{first}");
            assert!(
                second.trim_start().starts_with("Analyst detail"),
                "{second}"
            );
        }
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "pdftotext (poppler-utils) is required under CI=true"
            );
            eprintln!("skipped the page check: pdftotext is not installed");
        }
    }
}
