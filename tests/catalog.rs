//! The built-in catalog's shape and the `catalog` commands.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use evident::catalog::{self, ControlModel, Relation};
use serde_json::Value;

fn builtin() -> catalog::Catalog {
    let (catalog, diagnostics) = catalog::load(catalog::builtin_inputs());
    assert!(
        diagnostics.is_empty(),
        "{}",
        evident::diagnostic::render(&diagnostics, evident::diagnostic::RenderStyle::Plain)
    );
    catalog.expect("the built-in catalog loads")
}

#[test]
fn list_json_has_the_controls_levels_and_points_of_focus() {
    let (code, stdout, stderr) = support::run(&["catalog", "list", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<Value> = serde_json::from_str(&stdout).expect("JSON array");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .clone()
    };
    let soc2: Vec<(String, u64)> = rows
        .iter()
        .filter(|r| r["framework"] == "soc2")
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_owned(),
                r["points_of_focus"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = [
        ("CC7.1", 5),
        ("CC7.2", 4),
        ("CC7.3", 7),
        ("CC7.4", 14),
        ("CC7.5", 6),
    ]
    .map(|(i, n)| (i.to_owned(), n))
    .into();
    assert_eq!(soc2, expected);
    assert_eq!(soc2.iter().map(|(_, n)| n).sum::<u64>(), 36);
    assert_eq!(
        row("IRO-01")["defined_levels"],
        serde_json::json!([0, 1, 2, 3])
    );
    assert_eq!(row("IRO-01")["undefined_levels"], serde_json::json!([4, 5]));
    assert_eq!(
        row("IRO-02")["defined_levels"],
        serde_json::json!([0, 1, 2, 3, 4])
    );
    assert_eq!(row("IRO-02")["undefined_levels"], serde_json::json!([5]));
    assert_eq!(row("BRP")["steps"], 7);
    assert_eq!(rows.len(), 8);
}

#[test]
fn every_criterion_has_a_requirement_and_a_remediation() {
    let catalog = builtin();
    let mut count = 0;
    for (_, control) in catalog.controls() {
        for criterion in control.criteria() {
            count += 1;
            assert!(
                !criterion.requirements.is_empty(),
                "{} has no requirement",
                criterion.id
            );
            assert!(
                !criterion.remediation.trim().is_empty(),
                "{} has no remediation",
                criterion.id
            );
            for r in &criterion.requirements {
                assert!(
                    !r.description.trim().is_empty(),
                    "{}: requirement without description",
                    criterion.id
                );
            }
        }
    }
    // 36 points of focus + 15 IRO-01 + 18 IRO-02 criteria + 7 steps.
    assert_eq!(count, 36 + 15 + 18 + 7);
}

#[test]
fn ids_follow_the_documented_scheme() {
    let catalog = builtin();
    for (_, control) in catalog.controls() {
        match control.model() {
            ControlModel::PointsOfFocus(points) => {
                for (i, p) in points.iter().enumerate() {
                    assert_eq!(p.id, format!("{}-POF{}", control.id, i + 1));
                }
            }
            ControlModel::Procedure(steps) => {
                for (i, s) in steps.iter().enumerate() {
                    assert_eq!(s.id, format!("{}.S{}", control.id, i + 1));
                }
            }
            ControlModel::Maturity(levels) => {
                for level in levels {
                    for (i, c) in level.criteria.iter().enumerate() {
                        assert_eq!(c.id, format!("{}.L{}.c{}", control.id, level.level, i + 1));
                    }
                }
            }
        }
    }
}

#[test]
fn mappings_and_provenance_are_recorded() {
    let catalog = builtin();
    let mut mappings: Vec<(String, String, Relation)> = catalog
        .mappings()
        .map(|m| (m.from.clone(), m.to.clone(), m.relation))
        .collect();
    mappings.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let intersect = |f: &str, t: &str| (f.to_owned(), t.to_owned(), Relation::Intersect);
    assert_eq!(
        mappings,
        vec![
            (
                "CC7.4-POF12".to_owned(),
                "BRP".to_owned(),
                Relation::Supports
            ),
            intersect("IRO-01", "CC7.3"),
            intersect("IRO-01", "CC7.4"),
            intersect("IRO-02", "CC7.3"),
            intersect("IRO-02", "CC7.4"),
        ]
    );
    let (scf, iro2) = catalog.control("IRO-02").expect("IRO-02");
    assert_eq!(scf.licence, "CC BY-ND 4.0");
    assert!(
        scf.attribution
            .contains("Secure Controls Framework Council")
    );
    assert_eq!(iro2.weight, Some(10));
    assert_eq!(catalog.control("IRO-01").expect("IRO-01").1.weight, Some(9));
    let levels = iro2.levels.as_ref().expect("levels");
    assert_eq!(levels[4].name, "Quantitatively controlled");
    assert!(
        levels[5]
            .not_defined
            .as_deref()
            .is_some_and(|r| r.starts_with("See SP-CMM4. SP-CMM5 is N/A"))
    );
}

#[test]
fn show_prints_levels_requirements_and_mappings() {
    let (code, stdout, _) = support::run(&["catalog", "show", "iro-01"]);
    assert_eq!(code, 0);
    for needle in [
        "IRO-01  Incident Response Operations",
        "Licence: CC BY-ND 4.0.",
        "Weight: 9",
        "L4 Quantitatively controlled (not defined)",
        "IRO-01.L2.c2 [essential]",
        "requires:",
        "remediation:",
        "IRO-01 -> CC7.3 (intersect",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
    }
    let (code, stdout, _) = support::run(&["catalog", "show", "CC7.4", "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["control"]["points_of_focus"].as_array().map(Vec::len),
        Some(14)
    );
    assert_eq!(json["framework"]["id"], "soc2");
    assert_eq!(json["mappings"].as_array().map(Vec::len), Some(3));
}

#[test]
fn show_of_an_unknown_control_is_a_usage_error() {
    let (code, stdout, stderr) = support::run(&["catalog", "show", "IRO-99"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("no control `IRO-99` in the catalog; known controls: CC7.1"),
        "{stderr}"
    );
}

#[test]
fn a_user_catalog_adds_controls_and_mappings() {
    let dir = "tests/fixtures/catalogs/valid";
    let (code, stdout, stderr) = support::run(&["--controls", dir, "catalog", "list"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("acme             ACME-ESC  Incident escalation"),
        "{stdout}"
    );
    let (code, stdout, _) = support::run(&["catalog", "show", "ACME-ESC", "--controls", dir]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("ACME-ESC -> CC7.4 (supports; Acme)"),
        "{stdout}"
    );
    assert!(stdout.contains("alert-triage ×1; for each incident where severity in [\"sev-1\",\"sev-2\"], within P1D of it"), "{stdout}");
}

#[test]
fn help_and_version_on_every_command() {
    for args in [
        vec!["--help"],
        vec!["catalog", "--help"],
        vec!["catalog", "list", "--help"],
        vec!["catalog", "show", "--help"],
        vec!["schema", "--help"],
    ] {
        let (code, stdout, _) = support::run(&args);
        assert_eq!(code, 0, "{args:?}");
        assert!(stdout.contains("Usage: evident"), "{args:?}: {stdout}");
    }
    let (code, stdout, _) = support::run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("evident {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, stderr) = support::run(&["catalog", "frobnicate"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn every_field_condition_names_a_field_of_its_kind() {
    let catalog = builtin();
    let mut checked = 0;
    for (_, control) in catalog.controls() {
        for criterion in control.criteria() {
            for r in &criterion.requirements {
                let mut conditions = vec![(r.kind, &r.conditions)];
                if let Some(c) = &r.coverage {
                    conditions.push((c.of, &c.conditions));
                }
                for (kind, list) in conditions {
                    for condition in list {
                        assert!(
                            evident::evidence::kinds::has_field(kind, &condition.field),
                            "{}: `{}` is not a field of {kind}",
                            criterion.id,
                            condition.field
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 100, "{checked}");
}
