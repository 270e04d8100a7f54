//! The run as a library user calls it, without the binary: `pipeline::assess` from
//! plain inputs, the gate as a function of report and policy (table-tested), the
//! terminal summary and `explain` text as renderers (byte-equal to what the binary
//! prints), and the diagnostics the run adds (unknown targets, future-dated items)
//! reaching the report, its JSON and its SARIF.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};

use evident::gate::{self, FailOn, FailureKind, Policy};
use evident::pipeline::{self, Inputs, Run, StopKind};
use evident::report::output::{OutputFormat, RenderContext};
use evident::report::templates::TemplateSet;
use evident::report::{explain, terminal};

fn sample(name: &str) -> PathBuf {
    support::root().join("evidence-samples").join(name)
}

fn assess(dir: &Path, targets: &[(String, u32)]) -> Run {
    let inputs = Inputs {
        targets,
        ..Inputs::new(dir)
    };
    pipeline::assess(&inputs).unwrap_or_else(|stop| panic!("{}", stop.message))
}

fn targets(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(id, n)| ((*id).to_owned(), *n)).collect()
}

/// A copy of a sample organisation to change, in a temporary folder.
fn copy_of(name: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    support::copy_dir(&sample(name), temp.path());
    temp
}

fn kinds(failures: &[gate::GateFailure]) -> Vec<FailureKind> {
    failures.iter().map(|f| f.kind).collect()
}

/// One row of the gate table: why, the evidence, target overrides, the policy, and
/// the failures expected.
type GateCase<'a> = (
    &'a str,
    &'a Path,
    Vec<(String, u32)>,
    Vec<FailOn>,
    Vec<FailureKind>,
);

#[test]
fn the_gate_fails_for_exactly_the_reasons_of_its_policy() {
    use FailureKind::{BelowTarget, Unattainable};
    let meridian = sample("meridian-bank");
    let northwind = sample("northwind-health");
    let harbor = sample("harbor-freight-co");
    let table: &[GateCase<'_>] = &[
        (
            "every target met, nothing else asked",
            &meridian,
            vec![],
            vec![],
            vec![],
        ),
        (
            "every target met and the evidence valid: `invalid` has nothing to fail on",
            &meridian,
            vec![],
            vec![
                FailOn::Invalid,
                FailOn::Stale,
                FailOn::ExpiredWaiver,
                FailOn::Regression,
            ],
            vec![],
        ),
        (
            "IRO-02 reaches L4, its highest defined level: L5 can never be met",
            &meridian,
            targets(&[("IRO-02", 5)]),
            vec![],
            vec![Unattainable],
        ),
        (
            "BRP has 7 steps: 8 can never be met",
            &meridian,
            targets(&[("brp", 8)]),
            vec![],
            vec![Unattainable],
        ),
        (
            "northwind's IRO-01 and IRO-02 are L2 against their L3 targets",
            &northwind,
            vec![],
            vec![],
            vec![BelowTarget, BelowTarget],
        ),
        (
            "the same evidence against lowered targets passes",
            &northwind,
            targets(&[("IRO-01", 2), ("IRO-02", 2)]),
            vec![],
            vec![],
        ),
        (
            "harbor's one stale item leaves a requirement unmet: `stale` adds a failure",
            &harbor,
            targets(&[("IRO-01", 0), ("IRO-02", 0), ("BRP", 0)]),
            vec![FailOn::Stale],
            vec![FailureKind::Policy(FailOn::Stale)],
        ),
        (
            "without `stale` in the policy the stale item fails nothing",
            &harbor,
            targets(&[("IRO-01", 0), ("IRO-02", 0), ("BRP", 0)]),
            vec![],
            vec![],
        ),
    ];
    for (why, dir, overrides, fail_on, expected) in table {
        let run = assess(dir, overrides);
        let policy = Policy {
            fail_on: fail_on.clone(),
        };
        let failures = gate::gate(&run.report, &policy);
        assert_eq!(&kinds(&failures), expected, "{why}: {failures:#?}");
        assert!(
            failures.iter().all(|f| !f.is_configuration()),
            "{why}: nothing here is a configuration error"
        );
    }
}

#[test]
fn the_gate_names_the_control_its_score_and_its_target() {
    let run = assess(&sample("northwind-health"), &[]);
    let failures = gate::gate(&run.report, &Policy::default());
    let messages: Vec<&str> = failures.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "IRO-01 is L2; L3 at 1 of 8, below its target L3",
            "IRO-02 is L2; L3 at 1 of 5, below its target L3"
        ]
    );
}

#[test]
fn an_expired_waiver_and_a_regression_fail_the_gate_only_when_the_policy_says() {
    // Meridian's report as the baseline; then its post-incident review goes and an
    // expired waiver arrives.
    let baseline_dir = tempfile::tempdir().unwrap();
    let baseline = baseline_dir.path().join("assessment.json");
    let before = assess(&sample("meridian-bank"), &[]);
    std::fs::write(&baseline, serde_json::to_string(&before.report).unwrap()).unwrap();
    let copy = copy_of("meridian-bank");
    std::fs::remove_file(copy.path().join("reviews/PIR-MB-2026-0087.md")).unwrap();
    std::fs::write(
        copy.path().join("waiver.yaml"),
        "kind: waiver\nid: MB-WVR-OLD\ntitle: An old waiver\nbasis: declared\neffective: 2025-01-15\nexpires: 2025-12-31\ncovers: [CC7.4-POF12]\napprover: CISO\njustification: Kept past its expiry.\n",
    )
    .unwrap();
    let inputs = Inputs {
        baseline: Some(&baseline),
        ..Inputs::new(copy.path())
    };
    let run = pipeline::assess(&inputs).unwrap();
    let comparison = run.report.comparison.as_ref().unwrap();
    assert!(
        comparison.regressed > 0,
        "removing the review regresses criteria"
    );
    let without = gate::gate(&run.report, &Policy::default());
    assert!(
        !kinds(&without).contains(&FailureKind::Policy(FailOn::Regression))
            && !kinds(&without).contains(&FailureKind::Policy(FailOn::ExpiredWaiver)),
        "{without:#?}"
    );
    let with = gate::gate(
        &run.report,
        &Policy {
            fail_on: vec![FailOn::Regression, FailOn::ExpiredWaiver],
        },
    );
    let found = kinds(&with);
    assert!(
        found.contains(&FailureKind::Policy(FailOn::Regression)),
        "{with:#?}"
    );
    assert!(
        found.contains(&FailureKind::Policy(FailOn::ExpiredWaiver)),
        "{with:#?}"
    );
    let regression = with
        .iter()
        .find(|f| f.kind == FailureKind::Policy(FailOn::Regression))
        .unwrap();
    assert!(
        regression.message.ends_with(&format!(
            "criteria regressed since the baseline of {}",
            before.report.assessment.as_of
        )),
        "{}",
        regression.message
    );
}

#[test]
fn a_profile_target_for_no_control_is_located_reported_everywhere_and_fails_the_gate() {
    let copy = copy_of("meridian-bank");
    let profile = copy.path().join("evident.yaml");
    let text = std::fs::read_to_string(&profile).unwrap();
    // A typo in one target key: IRO-02 written IRO-2.
    assert!(text.contains("IRO-02: 3"), "{text}");
    std::fs::write(&profile, text.replace("IRO-02: 3", "IRO-2: 3")).unwrap();
    let line = text.lines().position(|l| l.contains("IRO-02: 3")).unwrap() + 1;
    let run = assess(copy.path(), &[]);
    let record = run
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-target")
        .expect("an unknown-target diagnostic in the report");
    assert_eq!(record.severity, "error");
    assert_eq!(record.path.as_deref(), Some("evident.yaml"));
    assert_eq!(record.line, line, "located at the key");
    assert!(record.message.contains("`IRO-2`"), "{}", record.message);
    assert!(
        record
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `IRO-02`?"),
        "{:?}",
        record.help
    );
    // The gate fails on it as a configuration error, whatever the policy.
    let failures = gate::gate(&run.report, &Policy::default());
    assert!(
        failures.iter().any(gate::GateFailure::is_configuration),
        "{failures:#?}"
    );
    // And a typo never passes an evidence gate: `invalid` does not count it as evidence.
    assert!(
        !kinds(&gate::gate(
            &run.report,
            &Policy {
                fail_on: vec![FailOn::Invalid]
            }
        ))
        .contains(&FailureKind::Policy(FailOn::Invalid))
    );
    // `validate` reports it too, so a pre-check catches the typo before an assessment.
    let validation = pipeline::validate(&Inputs::new(copy.path()), &run.catalog, &|_| {}).unwrap();
    assert!(validation.has_errors());
    assert!(
        validation
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "unknown-target"
                && d.location.as_ref().is_some_and(|l| l.line == line))
    );
    // It reaches assessment.json and the SARIF log.
    let json = render(&run, OutputFormat::Json, copy.path());
    assert!(
        json.contains("\"code\": \"unknown-target\""),
        "assessment.json"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&run, OutputFormat::Sarif, copy.path())).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-target")
        .expect("a SARIF result for unknown-target");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], line);
}

#[test]
fn an_item_dated_after_the_as_of_date_is_a_located_warning_and_does_not_count() {
    let copy = copy_of("meridian-bank");
    let as_of = assess(copy.path(), &[]).report.assessment.as_of;
    let later = as_of.tomorrow().unwrap();
    std::fs::write(
        copy.path().join("future-drill.yaml"),
        format!(
            "kind: exercise\nid: MB-EX-FUTURE\ntitle: A drill not yet held\nbasis: declared\neffective: {later}\ntype: tabletop\nstatus: held\nheld: {later}\nscenarios:\n  - {{name: Ransomware, likelihood: medium, magnitude: high}}\nparticipants:\n  - {{name: Elena Varga, role: Group CISO, function: cybersecurity}}\n"
        ),
    )
    .unwrap();
    let run = assess(copy.path(), &[]);
    let record = run
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == "future-dated")
        .unwrap_or_else(|| panic!("{:#?}", run.report.diagnostics));
    assert_eq!(record.severity, "warning");
    assert_eq!(record.path.as_deref(), Some("future-drill.yaml"));
    assert_eq!(record.line, 2, "at the item's id");
    assert!(
        record.message.contains("MB-EX-FUTURE"),
        "{}",
        record.message
    );
    // The item is valid but counts for nothing: no requirement used it.
    let used = run
        .report
        .assessment
        .controls
        .iter()
        .flat_map(|c| c.all_criteria())
        .flat_map(|(_, cr)| &cr.requirements)
        .flat_map(|r| &r.evidence)
        .any(|e| e.id == "MB-EX-FUTURE");
    assert!(!used);
}

/// One output of `run` as text, rendered through the registry.
fn render(run: &Run, format: OutputFormat, dir: &Path) -> String {
    let templates = TemplateSet::builtin();
    let context =
        RenderContext::new(&run.report, &run.catalog, &templates, &[format], dir).unwrap();
    let mut out = Vec::new();
    format.render_to(&context, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn explain_and_the_terminal_summary_are_renderers_of_the_library() {
    let dir = Path::new("evidence-samples/northwind-health");
    let inputs = Inputs {
        as_of: Some("2026-10-31".parse().unwrap()),
        ..Inputs::new(dir)
    };
    let run = pipeline::assess(&inputs).unwrap();
    let a = &run.report.assessment;
    let control = explain::find(a, "iro-01").expect("ids are case-insensitive");
    // The same text the binary prints, golden-tested in tests/explain.rs.
    support::golden(
        "tests/golden/northwind-health/explain-IRO-01.txt",
        &explain::explain(control, a),
    );
    assert_eq!(
        explain::unknown_control(a, "IRO-10"),
        "no control `IRO-10`; did you mean `IRO-01`? known: CC7.1, CC7.2, CC7.3, CC7.4, CC7.5, IRO-01, IRO-02, BRP"
    );
    let summary = terminal::summary(&run.report);
    support::golden("tests/golden/northwind-health/summary.txt", &summary);
    assert_eq!(render(&run, OutputFormat::Terminal, dir), summary);
}

#[test]
fn a_stopped_run_says_whose_mistake_it_is() {
    let missing = Path::new("evidence-samples/no-such-organisation");
    let stop = pipeline::assess(&Inputs::new(missing)).unwrap_err();
    assert_eq!(stop.kind, StopKind::Usage);
    assert!(
        stop.message.contains("is not a directory"),
        "{}",
        stop.message
    );
    let unknown = targets(&[("IRO-99", 2)]);
    let stop = pipeline::assess(&Inputs {
        targets: &unknown,
        ..Inputs::new(&sample("meridian-bank"))
    })
    .unwrap_err();
    assert_eq!(stop.kind, StopKind::Usage);
    assert!(
        stop.message.contains("`IRO-99` is not a control"),
        "{}",
        stop.message
    );
    let invalid = sample("invalid");
    let stop = pipeline::assess(&Inputs::new(&invalid)).unwrap_err();
    assert_eq!(stop.kind, StopKind::Config, "{}", stop.message);
    assert!(
        stop.diagnostics
            .iter()
            .any(|d| d.message.contains("unknown field `target`")),
        "the profile's diagnostics come with the stop"
    );
}

#[test]
fn a_requirement_lists_its_first_evidence_in_the_documents_and_all_of_it_in_the_json() {
    let dir = sample("meridian-bank");
    let mut run = assess(&dir, &[]);
    // One requirement counted over 30 items (as one over thousands of incidents at
    // scale): the documents list the first 25 and count the rest.
    let requirement = run
        .report
        .assessment
        .controls
        .iter_mut()
        .flat_map(|c| c.criteria.iter_mut())
        .flat_map(|cr| cr.requirements.iter_mut())
        .find(|r| !r.evidence.is_empty())
        .unwrap();
    let first = requirement.evidence[0].clone();
    requirement.evidence = (0..30)
        .map(|i| evident::score::EvidenceRef {
            id: format!("MB-MANY-{i:02}"),
            ..first.clone()
        })
        .collect();
    let listed = |text: &str| {
        (0..30)
            .filter(|i| text.contains(&format!("MB-MANY-{i:02}")))
            .count()
    };
    let md = render(&run, OutputFormat::Md, &dir);
    assert_eq!(listed(&md), evident::report::view::INLINE_EVIDENCE);
    assert!(md.contains("*and 5 more: `assessment.json` lists every one with its hash*"));
    let html = render(&run, OutputFormat::Html, &dir);
    assert_eq!(listed(&html), 25);
    assert!(
        html.contains("and 5 more: <code>assessment.json</code> lists every one with its hash")
    );
    let json = render(&run, OutputFormat::Json, &dir);
    assert_eq!(listed(&json), 30, "the JSON keeps every reference");
}
