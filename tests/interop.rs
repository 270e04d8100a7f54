//! The interop formats of `evident assess`: JUnit, SARIF, OSCAL assessment-results and
//! the manifest, for each sample organisation. SARIF and OSCAL are checked against the
//! official schemas (copied byte for byte into `tests/fixtures/official/`, so a clean
//! clone can run this), OSCAL's uuid references must resolve, JUnit's counts must
//! match the JSON result, and two runs must give byte-identical files.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::copy_dir;

const SAMPLES: [&str; 3] = ["harbor-freight-co", "northwind-health", "meridian-bank"];
const FILES: [&str; 4] = [
    "junit.xml",
    "evident.sarif",
    "oscal-assessment-results.json",
    "manifest.json",
];

/// Runs `assess DIR --format json,junit,sarif,oscal,manifest` into `out`.
fn assess_all(dir: &str, out: &Path, extra: &[&str]) -> i32 {
    let (code, stderr) = support::assess(dir, "json,junit,sarif,oscal,manifest", out, extra);
    for name in FILES {
        assert!(out.join(name).is_file(), "{dir}: no {name}: {stderr}");
    }
    code
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn official(name: &str) -> Value {
    json(&support::root().join("tests/fixtures/official").join(name))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(20)
        .collect()
}

fn sarif_validator() -> jsonschema::Validator {
    // The SARIF 2.1.0 schema is draft-04.
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&official("sarif-schema-2.1.0.json"))
        .unwrap()
}

fn oscal_validator() -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&official("oscal_assessment-results_schema.json"))
        .unwrap()
}

/// Every criterion of a control in the JSON result.
fn criteria(control: &Value) -> Vec<&Value> {
    let flat = control["criteria"].as_array().into_iter().flatten();
    let leveled = control["levels"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|l| l["criteria"].as_array().unwrap());
    flat.chain(leveled).collect()
}

/// (tests, failures, skipped) of an element.
fn counts(node: roxmltree::Node<'_, '_>) -> (usize, usize, usize) {
    let n = |name| node.attribute(name).unwrap().parse::<usize>().unwrap();
    (n("tests"), n("failures"), n("skipped"))
}

/// The JUnit file against the JSON result: a suite per control with a case per
/// criterion, failures for not-met, skipped for waived and n/a; an evidence suite with
/// a case per file, failing the invalid ones; and the totals on the root.
fn check_junit(xml: &str, result: &Value) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let controls = result["assessment"]["controls"].as_array().unwrap();
    assert_eq!(suites.len(), controls.len() + 1);
    let mut total = (0, 0, 0);
    for (suite, control) in suites.iter().zip(controls) {
        let list = criteria(control);
        let status = |s: &str| list.iter().filter(|c| c["status"] == s).count();
        let expected = (
            list.len(),
            status("not-met"),
            status("waived") + status("not-applicable"),
        );
        assert_eq!(counts(*suite), expected, "{}", control["id"]);
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), list.len());
        for (case, criterion) in cases.iter().zip(&list) {
            assert_eq!(case.attribute("classname"), control["id"].as_str());
            let id = criterion["id"].as_str().unwrap();
            assert!(case.attribute("name").unwrap().starts_with(id));
            let child = case.first_element_child().map(|c| c.tag_name().name());
            let want = match criterion["status"].as_str().unwrap() {
                "not-met" => Some("failure"),
                "waived" | "not-applicable" => Some("skipped"),
                _ => None,
            };
            assert_eq!(child, want, "{id}");
        }
        total = (
            total.0 + expected.0,
            total.1 + expected.1,
            total.2 + expected.2,
        );
    }
    let files = result["manifest"]["files"].as_array().unwrap();
    let invalid = files.iter().filter(|f| f["valid"] == false).count();
    let evidence = suites.last().unwrap();
    assert_eq!(evidence.attribute("name"), Some("evidence"));
    assert_eq!(counts(*evidence), (files.len(), invalid, 0));
    total = (total.0 + files.len(), total.1 + invalid, total.2);
    assert_eq!(counts(root), total);
}

/// The problems of a document's uuids: one defined twice, or a reference (`*-uuid`,
/// `*-uuids`, a `#uuid` href) to none; and how many references there are.
fn oscal_reference_problems(document: &Value) -> (Vec<String>, usize) {
    fn walk<'a>(value: &'a Value, defined: &mut Vec<&'a str>, used: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("uuid", Value::String(s)) => defined.push(s),
                        ("href", Value::String(s)) if s.starts_with('#') => used.push(&s[1..]),
                        (k, Value::String(s)) if k.ends_with("-uuid") => used.push(s),
                        (k, Value::Array(items)) if k.ends_with("-uuids") => {
                            used.extend(items.iter().filter_map(Value::as_str));
                        }
                        _ => walk(v, defined, used),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, defined, used)),
            _ => {}
        }
    }
    let (mut defined, mut used) = (Vec::new(), Vec::new());
    walk(document, &mut defined, &mut used);
    let mut problems = Vec::new();
    let mut unique = BTreeSet::new();
    for uuid in defined {
        if !unique.insert(uuid) {
            problems.push(format!("{uuid} is defined twice"));
        }
    }
    for reference in &used {
        if !unique.contains(reference) {
            problems.push(format!("{reference} names nothing"));
        }
    }
    (problems, used.len())
}

#[test]
fn sample_organisations_write_valid_junit_sarif_oscal_and_manifest() {
    let (sarif, oscal) = (sarif_validator(), oscal_validator());
    for org in SAMPLES {
        let out = tempfile::tempdir().unwrap();
        assess_all(&format!("evidence-samples/{org}"), out.path(), &[]);
        let result = json(&out.path().join("assessment.json"));

        let log = json(&out.path().join("evident.sarif"));
        assert!(
            errors(&sarif, &log).is_empty(),
            "{org}: {:#?}",
            errors(&sarif, &log)
        );
        let mut broken = log.clone();
        broken["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
            "fatal".into();
        assert!(
            !errors(&sarif, &broken).is_empty(),
            "the SARIF schema is enforced"
        );
        for r in log["runs"][0]["results"].as_array().unwrap() {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(
                uri.starts_with(&format!("evidence-samples/{org}/")),
                "{uri} is relative to the repository root"
            );
        }

        let document = json(&out.path().join("oscal-assessment-results.json"));
        let found = errors(&oscal, &document);
        assert!(found.is_empty(), "{org}: {found:#?}");
        // The schema does catch what OSCAL forbids: a third state, a non-v4/v5 uuid.
        let mut broken = document.clone();
        let r = &mut broken["assessment-results"]["results"][0];
        r["findings"][0]["target"]["status"]["state"] = "not-applicable".into();
        r["observations"][0]["uuid"] = "00000000-0000-1000-8000-000000000000".into();
        assert_eq!(errors(&oscal, &broken).len(), 2, "{org}");
        // ... and the reference check catches a dangling observation.
        let mut broken = document.clone();
        let related = broken["assessment-results"]["results"][0]["findings"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find_map(|f| f.get_mut("related-observations"))
            .unwrap();
        related[0]["observation-uuid"] = "00000000-0000-5000-8000-000000000000".into();
        assert_eq!(oscal_reference_problems(&broken).0.len(), 1);
        let (problems, references) = oscal_reference_problems(&document);
        assert!(problems.is_empty(), "{org}: {problems:#?}");
        assert!(references > 0);
        let ar = &document["assessment-results"];
        assert_eq!(ar["metadata"]["oscal-version"], "1.2.1");
        assert_eq!(ar["metadata"]["last-modified"], "2026-10-31T00:00:00Z");
        let r = &ar["results"][0];
        let files = result["manifest"]["files"].as_array().unwrap();
        assert_eq!(r["observations"].as_array().unwrap().len(), files.len());
        let controls = result["assessment"]["controls"].as_array().unwrap();
        let reviewed: Vec<&Value> =
            r["reviewed-controls"]["control-selections"][0]["include-controls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| &c["control-id"])
                .collect();
        assert_eq!(
            reviewed,
            controls.iter().map(|c| &c["id"]).collect::<Vec<_>>()
        );
        let all: Vec<&Value> = controls.iter().flat_map(criteria).collect();
        let findings = r["findings"].as_array().unwrap();
        assert_eq!(findings.len(), all.len());
        for (finding, criterion) in findings.iter().zip(&all) {
            let state = &finding["target"]["status"]["state"];
            let satisfied = criterion["status"] != "not-met";
            assert_eq!(
                state,
                if satisfied {
                    "satisfied"
                } else {
                    "not-satisfied"
                },
                "{}",
                criterion["id"]
            );
        }

        check_junit(
            &std::fs::read_to_string(out.path().join("junit.xml")).unwrap(),
            &result,
        );
        assert_eq!(json(&out.path().join("manifest.json")), result["manifest"]);
    }
}

#[test]
fn observations_carry_method_hash_and_href() {
    let out = tempfile::tempdir().unwrap();
    assess_all("evidence-samples/northwind-health", out.path(), &[]);
    let result = json(&out.path().join("assessment.json"));
    let document = json(&out.path().join("oscal-assessment-results.json"));
    let observations = document["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap();
    let mut methods = BTreeSet::new();
    for (o, file) in observations
        .iter()
        .zip(result["manifest"]["files"].as_array().unwrap())
    {
        let evidence = &o["relevant-evidence"][0];
        assert_eq!(evidence["href"], file["path"]);
        assert_eq!(evidence["props"][0]["name"], "sha256");
        assert_eq!(evidence["props"][0]["value"], file["sha256"]);
        let method = o["methods"][0].as_str().unwrap();
        let want = match file["basis"].as_str() {
            Some("measured") => "TEST",
            Some("attested") => "INTERVIEW",
            _ => "EXAMINE",
        };
        assert_eq!(method, want, "{}", file["path"]);
        methods.insert(method.to_owned());
    }
    assert!(methods.contains("TEST") && methods.contains("EXAMINE"));
    // Maturity and targets are namespaced props of the result.
    let props = document["assessment-results"]["results"][0]["props"]
        .as_array()
        .unwrap();
    let prop = |name: &str, class: &str| {
        props
            .iter()
            .find(|p| p["name"] == name && p["class"] == class)
            .map(|p| p["value"].clone())
    };
    assert_eq!(prop("maturity-level", "IRO-02"), Some("2".into()));
    assert_eq!(prop("target", "IRO-02"), Some("3".into()));
    assert_eq!(prop("target-status", "IRO-02"), Some("below".into()));
}

#[test]
fn two_runs_give_byte_identical_interop_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assess_all("evidence-samples/northwind-health", a.path(), &[]);
    assess_all("evidence-samples/northwind-health", b.path(), &[]);
    for name in FILES {
        let first = std::fs::read(a.path().join(name)).unwrap();
        assert!(!first.is_empty());
        assert_eq!(first, std::fs::read(b.path().join(name)).unwrap(), "{name}");
    }
}

#[test]
fn sarif_puts_evidence_defects_at_their_file_and_line() {
    let out = tempfile::tempdir().unwrap();
    // The folder's own profile is deliberately broken; borrow a valid one.
    let code = assess_all(
        "evidence-samples/invalid",
        out.path(),
        &["--profile", "evidence-samples/meridian-bank/evident.yaml"],
    );
    assert_eq!(code, 1);
    let log = json(&out.path().join("evident.sarif"));
    let found = errors(&sarif_validator(), &log);
    assert!(found.is_empty(), "{found:#?}");
    let run = &log["runs"][0];
    let rules: BTreeSet<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut at: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in run["results"].as_array().unwrap() {
        let rule = r["ruleId"].as_str().unwrap();
        assert!(rules.contains(rule), "{rule} has no rule");
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        at.insert(
            (rule.to_owned(), uri.to_owned()),
            location["region"]["startLine"].as_u64().unwrap(),
        );
    }
    for (rule, file, line) in [
        ("duplicate-key", "duplicate-key.yaml", 8),
        ("schema-violation", "bad-date.yaml", 5),
        ("schema-violation", "unknown-field.yaml", 8),
        ("duplicate-id", "duplicate-id-b.yaml", 2),
        ("dangling-ref", "dangling-ref.yaml", 8),
        ("undated-item", "undated.yaml", 2),
        // Only the file is known: SARIF lines start at 1.
        ("empty-file", "empty.yaml", 1),
    ] {
        let uri = format!("evidence-samples/invalid/{file}");
        assert_eq!(
            at.get(&(rule.to_owned(), uri.clone())),
            Some(&line),
            "{rule} at {uri}"
        );
    }
    // One result per diagnostic; scoring adds its own (the undated item is stale).
    let result = json(&out.path().join("assessment.json"));
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let from_diagnostics = at.keys().filter(|(rule, _)| rule != "stale-evidence");
    assert_eq!(from_diagnostics.count(), diagnostics.len());
    assert!(at.contains_key(&(
        "stale-evidence".to_owned(),
        "evidence-samples/invalid/undated.yaml".to_owned()
    )));
}

#[test]
fn outside_a_repository_sarif_paths_are_relative_to_the_evidence_directory() {
    let temp = tempfile::tempdir().unwrap();
    let org = temp.path().join("harbor");
    copy_dir(
        &support::root().join("evidence-samples/harbor-freight-co"),
        &org,
    );
    let out = temp.path().join("out");
    assess_all(org.to_str().unwrap(), &out, &[]);
    let log = json(&out.join("evident.sarif"));
    let found = errors(&sarif_validator(), &log);
    assert!(found.is_empty(), "{found:#?}");
    let run = &log["runs"][0];
    assert!(run["originalUriBaseIds"]["EVIDENCEROOT"].is_object());
    let stale = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "stale-evidence")
        .expect("HFC-IR-CONTACTS is stale");
    let artifact = &stale["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(artifact["uri"], "team/it-incident-contacts.yaml");
    assert_eq!(artifact["uriBaseId"], "EVIDENCEROOT");
    assert_eq!(
        stale["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn untrusted_text_is_escaped_in_junit() {
    const NASTY: &str = "a<b & \"c\" ]]> 'd'";
    let temp = tempfile::tempdir().unwrap();
    let evidence = temp.path().join("evidence");
    std::fs::create_dir_all(&evidence).unwrap();
    std::fs::write(
        evidence.join("bad.yaml"),
        format!(
            "kind: policy\nid: POL-1\ntitle: t\nbasis: declared\neffective: 2026-01-01\ntopic: detection\nstatus: approved\n{:?}: 1\n",
            NASTY
        ),
    )
    .unwrap();
    let controls = temp.path().join("controls.yaml");
    std::fs::write(
        &controls,
        format!(
            "framework: {{id: x, name: X, version: '1', source: s, licence: l, attribution: a}}\n\
             controls:\n  - id: X-1\n    title: {NASTY:?}\n    statement: s\n    steps:\n      \
             - id: X-1.S1\n        title: {NASTY:?}\n        text: t\n        remediation: {NASTY:?}\n        \
             requirements:\n          - {{description: {NASTY:?}, kind: incident}}\n"
        ),
    )
    .unwrap();
    let out = temp.path().join("out");
    let (_, _, stderr) = support::run(&[
        "--controls",
        controls.to_str().unwrap(),
        "assess",
        evidence.to_str().unwrap(),
        "--as-of",
        "2026-10-31",
        "--format",
        "junit",
        "--out",
        out.to_str().unwrap(),
    ]);
    let xml =
        std::fs::read_to_string(out.join("junit.xml")).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let case = doc
        .descendants()
        .find(|n| n.attribute("classname") == Some("X-1"))
        .unwrap();
    assert_eq!(
        case.attribute("name"),
        Some(format!("X-1.S1 {NASTY}").as_str())
    );
    let failure = case.first_element_child().unwrap();
    assert!(failure.text().unwrap().contains(NASTY));
    let suite = case.parent().unwrap();
    assert_eq!(
        suite.attribute("name"),
        Some(format!("X-1 {NASTY}").as_str())
    );
    let file = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("bad.yaml"))
        .unwrap();
    let failure = file.first_element_child().unwrap();
    assert!(failure.attribute("message").unwrap().contains(NASTY));
    assert!(failure.text().unwrap().contains(NASTY));
}

#[test]
fn waivers_expiries_and_expired_items_reach_every_format() {
    let temp = tempfile::tempdir().unwrap();
    let org = temp.path().join("harbor");
    copy_dir(
        &support::root().join("evidence-samples/harbor-freight-co"),
        &org,
    );
    let runbook = org.join("plans/it-incident-runbook.md");
    let text = std::fs::read_to_string(&runbook).unwrap();
    std::fs::write(
        &runbook,
        text.replace(
            "version: \"0.3\"\n",
            "version: \"0.3\"\nexpires: 2026-06-30\n",
        ),
    )
    .unwrap();
    std::fs::create_dir(org.join("waivers")).unwrap();
    let waiver = |id: &str, covers: &str, expires: &str| {
        format!(
            "kind: waiver\nid: {id}\ntitle: Waiver\nbasis: declared\neffective: 2026-01-15\n\
             expires: {expires}\ncovers: [{covers}]\napprover: CISO\njustification: Planned.\n"
        )
    };
    std::fs::write(
        org.join("waivers/soon.yaml"),
        waiver("W-SOON", "CC7.1-POF1", "2026-12-15"),
    )
    .unwrap();
    std::fs::write(
        org.join("waivers/gone.yaml"),
        waiver("W-GONE", "CC7.1-POF2", "2026-09-30"),
    )
    .unwrap();
    let out = temp.path().join("out");
    assess_all(org.to_str().unwrap(), &out, &[]);

    // JUnit: the waived point of focus is skipped, naming the waiver and its file.
    let xml = std::fs::read_to_string(out.join("junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let case = |id: &str| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("testcase")
                    && n.attribute("name")
                        .is_some_and(|a| a.starts_with(&format!("{id} ")))
            })
            .unwrap()
    };
    let skipped = case("CC7.1-POF1").first_element_child().unwrap();
    assert_eq!(skipped.tag_name().name(), "skipped");
    assert_eq!(
        skipped.attribute("message"),
        Some("waived by W-SOON (waivers/soon.yaml:2)")
    );
    let failure = case("CC7.1-POF2").first_element_child().unwrap();
    assert_eq!(failure.tag_name().name(), "failure");
    let failure = case("IRO-01.L1.c1").first_element_child().unwrap();
    assert!(
        failure
            .text()
            .unwrap()
            .contains("expired: HFC-RUNBOOK-IR has expired: its last valid day was 2026-06-30"),
        "{:?}",
        failure.text()
    );

    // SARIF: the expiries at the items' id lines, with their levels.
    let log = json(&out.join("evident.sarif"));
    let found = errors(&sarif_validator(), &log);
    assert!(found.is_empty(), "{found:#?}");
    let at = |rule: &str| {
        let r = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no {rule} result"));
        let location = &r["locations"][0]["physicalLocation"];
        (
            r["level"].as_str().unwrap().to_owned(),
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_owned(),
            location["region"]["startLine"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        at("expiring-waiver"),
        ("note".into(), "waivers/soon.yaml".into(), 2)
    );
    assert_eq!(
        at("expired-waiver"),
        ("error".into(), "waivers/gone.yaml".into(), 2)
    );
    assert_eq!(
        at("expired-evidence"),
        ("error".into(), "plans/it-incident-runbook.md".into(), 3)
    );

    // OSCAL: a waived criterion is not satisfied (a waiver is a decision, not
    // evidence), for the stated reason, related to its waiver; the expired waiver's
    // observation says so.
    let document = json(&out.join("oscal-assessment-results.json"));
    let found = errors(&oscal_validator(), &document);
    assert!(found.is_empty(), "{found:#?}");
    let result = &document["assessment-results"]["results"][0];
    let finding = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["target"]["target-id"] == "CC7.1-POF1")
        .unwrap();
    assert_eq!(finding["target"]["status"]["state"], "not-satisfied");
    assert_eq!(finding["target"]["status"]["reason"], "waived");
    let observation = |path: &str| {
        result["observations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["relevant-evidence"][0]["href"] == path)
            .unwrap()
    };
    let waiver_uuid = &observation("waivers/soon.yaml")["uuid"];
    assert!(
        finding["related-observations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| &r["observation-uuid"] == waiver_uuid)
    );
    assert!(
        observation("waivers/gone.yaml")["remarks"]
            .as_str()
            .unwrap()
            .contains("2026-09-30")
    );
}
