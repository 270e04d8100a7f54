//! The fidelity suite: organisations written for it (not the samples), each with the
//! results a careful assessor reaches from the seed texts, decided before evident was
//! run and recorded with a one-line reason in `expected.yaml`
//! (`tests/fixtures/fidelity/CONVENTIONS.md` names the conventions). Any difference
//! between evident and the assessor fails the test, listing every mismatch with the
//! assessor's reason.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value as Json;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    organisation: String,
    #[allow(dead_code)] // Read by people: what the organisation exercises.
    summary: String,
    controls: BTreeMap<String, ControlExpectation>,
    criteria: BTreeMap<String, CriterionExpectation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ControlExpectation {
    /// The maturity level (SCF controls).
    #[serde(default)]
    level: Option<u64>,
    /// Criteria met (readiness controls).
    #[serde(default)]
    met: Option<u64>,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionExpectation {
    status: String,
    #[serde(default)]
    design_only: bool,
    reason: String,
}

fn organisations() -> Vec<std::path::PathBuf> {
    let root = support::root().join("tests/fixtures/fidelity");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn criteria(assessment: &Json) -> BTreeMap<String, &Json> {
    let mut out = BTreeMap::new();
    for control in assessment["controls"].as_array().unwrap() {
        let levels = control["levels"].as_array().into_iter().flatten();
        let nested = levels.flat_map(|l| l["criteria"].as_array().into_iter().flatten());
        let flat = control["criteria"].as_array().into_iter().flatten();
        for c in flat.chain(nested) {
            out.insert(c["id"].as_str().unwrap().to_owned(), c);
        }
    }
    out
}

fn check(dir: &Path) -> Vec<String> {
    let expected: Expected =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let out = tempfile::tempdir().unwrap();
    let evidence = dir.join("evidence");
    let (code, stderr) = support::assess(
        evidence.to_str().unwrap(),
        "json",
        out.path(),
        &["--no-fail"],
    );
    assert_eq!(code, 0, "{}: {stderr}", dir.display());
    let json: Json =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("assessment.json")).unwrap())
            .unwrap();
    let assessment = &json["assessment"];
    let name = &expected.organisation;
    let mut mismatches = Vec::new();
    for (id, want) in &expected.controls {
        let control = assessment["controls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{name}: no control {id}"));
        let score = &control["score"];
        let (what, got, expect) = match (want.level, want.met) {
            (Some(level), _) => ("level", score["level"].as_u64(), level),
            (None, Some(met)) => ("met", score["met"].as_u64(), met),
            (None, None) => panic!("{name}: {id} expects neither a level nor a count"),
        };
        if got != Some(expect) {
            mismatches.push(format!(
                "{name}: {id} {what} is {got:?}, the assessor expects {expect} ({})",
                want.reason
            ));
        }
    }
    let results = criteria(assessment);
    for (id, want) in &expected.criteria {
        let Some(result) = results.get(id) else {
            mismatches.push(format!("{name}: no criterion {id} in the assessment"));
            continue;
        };
        let status = result["status"].as_str().unwrap();
        // The JSON spells n/a out.
        let status = if status == "not-applicable" {
            "n/a"
        } else {
            status
        };
        let design_only = result["design_only"].as_bool().unwrap_or(false);
        if status != want.status || design_only != want.design_only {
            mismatches.push(format!(
                "{name}: {id} is {status}{}, the assessor expects {}{} ({})",
                if design_only { " (design only)" } else { "" },
                want.status,
                if want.design_only {
                    " (design only)"
                } else {
                    ""
                },
                want.reason
            ));
        }
    }
    mismatches
}

#[test]
fn evident_agrees_with_the_assessor_on_every_fidelity_organisation() {
    let dirs = organisations();
    assert!(
        dirs.len() >= 5,
        "the fidelity suite has {} organisations; it needs at least five",
        dirs.len()
    );
    let mismatches: Vec<String> = dirs.iter().flat_map(|d| check(d)).collect();
    assert!(
        mismatches.is_empty(),
        "{} mismatch(es):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_fidelity_organisation_is_valid_evidence() {
    // Valid items only, so each result is about what the evidence shows; a document
    // may still lack a section (a `missing-section` warning is part of the finding).
    for dir in organisations() {
        let evidence = dir.join("evidence");
        let (code, stdout, stderr) = support::run(&["validate", evidence.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {stderr}", dir.display());
        assert!(
            stdout.contains(", 0 invalid; 0 errors"),
            "{}: {stdout}",
            dir.display()
        );
        let other = stderr
            .lines()
            .filter(|l| l.starts_with("warning[") && !l.starts_with("warning[missing-section]"))
            .count();
        assert_eq!(other, 0, "{}: {stderr}", dir.display());
    }
}
