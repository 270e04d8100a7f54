//! Documents are read by what they cover, not by the exact words of their headings:
//! a plan that says "Identification" (SANS) for detection and analysis, "Document
//! History" for its revision history, or an organisation's own heading named in the
//! profile, satisfies the sections the catalog requires; `explain` says which heading
//! satisfied which section, and `validate` names the sections a document still lacks.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use serde_json::Value as Json;

const PROFILE: &str = "organisation: Wording Ltd\nas_of: 2026-10-31\naudit_period: {start: 2025-11-01, end: 2026-10-31}\n";

fn plan(history_heading: &str) -> String {
    format!(
        "---\nkind: ir-plan\nid: WD-IRP\ntitle: Incident response plan\neffective: 2026-06-01\nbasis: declared\nstatus: approved\nversion: \"4.1\"\n---\n\
# Incident response plan\n\n## Roles & Responsibilities\n\n\
## 1. Preparation\n\n## 2. Identification\n\n## 3. Severity Matrix\n\n## 4. Impact Assessment\n\n\
## 5. Containment, Eradication & Recovery\n\n## 6. Lessons Learned\n\n## Breach notification\n\n## Informing affected parties\n\n## Corrective actions\n\n## 7. {history_heading}\n"
    )
}

fn organisation(dir: &Path, history_heading: &str, profile_extra: &str) {
    std::fs::write(
        dir.join("evident.yaml"),
        format!("{PROFILE}{profile_extra}"),
    )
    .unwrap();
    std::fs::write(dir.join("plan.md"), plan(history_heading)).unwrap();
}

/// The requirement of `criterion` whose description mentions `words`.
fn requirement<'a>(assessment: &'a Json, criterion: &str, words: &str) -> &'a Json {
    let criteria = assessment["controls"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            let levels = c["levels"].as_array().into_iter().flatten();
            let nested = levels.flat_map(|l| l["criteria"].as_array().into_iter().flatten());
            c["criteria"].as_array().into_iter().flatten().chain(nested)
        });
    for c in criteria.filter(|c| c["id"] == criterion) {
        if let Some(r) = c["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["description"].as_str().unwrap().contains(words))
        {
            return r;
        }
    }
    panic!("no requirement of {criterion} mentions {words:?}");
}

fn assess(dir: &Path) -> Json {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = support::assess(dir.to_str().unwrap(), "json", out.path(), &["--no-fail"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Json =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("assessment.json")).unwrap())
            .unwrap();
    json["assessment"].clone()
}

#[test]
fn other_wordings_of_a_section_satisfy_it_and_explain_names_the_heading() {
    let dir = tempfile::tempdir().unwrap();
    organisation(dir.path(), "Document History", "");
    let a = assess(dir.path());
    // CC7.3-POF1 needs preparation through post-incident activity.
    let lifecycle = requirement(&a, "CC7.3-POF1", "post-incident activity");
    assert_eq!(lifecycle["met"], true, "{lifecycle:#}");
    let found: Vec<(String, String)> = lifecycle["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["section"].as_str().unwrap().to_owned(),
                f["heading"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for pair in [
        ("Detection and Analysis", "2. Identification"),
        ("Eradication", "5. Containment, Eradication & Recovery"),
        ("Post-Incident Activity", "6. Lessons Learned"),
    ] {
        assert!(
            found.contains(&(pair.0.to_owned(), pair.1.to_owned())),
            "{pair:?} in {found:?}"
        );
    }
    let revision = requirement(&a, "IRO-01.L2.c5", "revision history");
    assert_eq!(revision["met"], true);
    let (code, stdout, _) = support::run(&[
        "explain",
        "IRO-01",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2026-10-31",
    ]);
    assert_eq!(code, 0, "no target, so no gate");
    assert!(
        stdout
            .contains("section \"Revision History\": heading \"7. Document History\" (WD-IRP line"),
        "{stdout}"
    );
}

#[test]
fn a_missing_section_still_fails_and_validate_names_it() {
    let dir = tempfile::tempdir().unwrap();
    organisation(dir.path(), "Appendix: contacts", "");
    let a = assess(dir.path());
    let revision = requirement(&a, "IRO-01.L2.c5", "revision history");
    assert_eq!(revision["met"], false);
    assert!(
        revision["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("it has no section \"Revision History\""),
        "{revision:#}"
    );
    let (code, _, stderr) = support::run(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "a warning, not an error: {stderr}");
    let squashed = support::squash(&stderr);
    assert!(
        squashed.contains(
            "warning[missing-section]: `WD-IRP` has no section \"Revision History\" (needed by IRO-01.L2.c5, IRO-02.L2.c5)"
        ),
        "{stderr}"
    );
    assert!(
        squashed.contains("\"Document History\""),
        "the help lists the synonyms: {stderr}"
    );
}

#[test]
fn the_profile_adds_an_organisations_own_heading() {
    let dir = tempfile::tempdir().unwrap();
    organisation(
        dir.path(),
        "Änderungshistorie",
        "section_aliases:\n  Revision History: [Änderungshistorie]\n",
    );
    let a = assess(dir.path());
    assert_eq!(
        requirement(&a, "IRO-01.L2.c5", "revision history")["met"],
        true
    );
    let (code, _, stderr) = support::run(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("missing-section"), "{stderr}");
    // The same profile passed with --profile from elsewhere is read too.
    let elsewhere = tempfile::tempdir().unwrap();
    let profile = elsewhere.path().join("profile.yaml");
    std::fs::rename(dir.path().join("evident.yaml"), &profile).unwrap();
    let (_, _, stderr) = support::run(&["validate", dir.path().to_str().unwrap()]);
    assert!(
        stderr.contains("missing-section"),
        "without the alias: {stderr}"
    );
    let (code, _, stderr) = support::run(&[
        "validate",
        dir.path().to_str().unwrap(),
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        !stderr.contains("missing-section"),
        "with --profile: {stderr}"
    );
}
