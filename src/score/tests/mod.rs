//! Table-driven tests of the scoring rules on a small catalog: each requirement form,
//! the level rule (nested, threshold, essential, undefined cap), waivers, expiry and
//! the as-of boundaries.

use jiff::civil::{Date, date};
use serde_json::json;

use super::*;
use crate::catalog::{Basis, CatalogInput, load};
use crate::evidence::{EvidenceItem, EvidenceKind, EvidenceSet, Period};
use crate::markdown::Heading;
use crate::source::SourceFile;

const CATALOG: &str = r#"
framework: {id: t, name: Test, version: "1", source: tests, licence: none, attribution: none}
controls:
  - id: LV
    title: Levelled
    statement: s
    weight: 5
    levels:
      - {level: 0, name: None, description: d}
      - level: 1
        name: One
        description: d
        criteria:
          - id: LV.L1.c1
            text: a plan
            remediation: write a plan
            requirements:
              - {description: an approved plan, kind: ir-plan, where: [{field: status, op: eq, value: approved}], sections: [Recovery]}
          - id: LV.L1.c2
            text: fresh exercise
            essential: true
            remediation: run an exercise
            requirements:
              - {description: an exercise within a year, kind: exercise, within: P1Y}
      - level: 2
        name: Two
        description: d
        criteria:
          - id: LV.L2.c1
            text: quarterly triage
            remediation: export triage quarterly
            requirements:
              - {description: triage each quarter, kind: alert-triage, cadence: {every: P3M}}
          - id: LV.L2.c2
            text: reviews
            remediation: review incidents
            requirements:
              - {description: the plan defines reviews, kind: ir-plan, design: true, within: P1Y, where: [{field: status, op: eq, value: approved}], sections: [Recovery]}
              - description: every sev-1/2 incident reviewed within 30 days
                kind: post-incident-review
                coverage: {of: incident, where: [{field: severity, op: in, value: [sev-1, sev-2]}], within: P30D}
      - {level: 3, name: Three, not_defined: no source text}
      - {level: 4, name: Four, not_defined: no source text}
      - {level: 5, name: Five, not_defined: no source text}
  - id: AT
    title: Attestable
    statement: s
    steps:
      - id: AT.S1
        text: sanctions evaluated
        remediation: attest
        requirements:
          - {description: a statement that sanctions were evaluated, kind: policy, accepts: [declared, attested]}
"#;

fn catalog() -> crate::catalog::Catalog {
    let input = CatalogInput {
        source: SourceFile::new("t.yaml", CATALOG),
        builtin: false,
    };
    let (catalog, diagnostics) = load(vec![input]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    catalog.unwrap()
}

fn item(id: &str, kind: EvidenceKind, on: Date, fields: serde_json::Value) -> EvidenceItem {
    let mut item = EvidenceItem::new(id, kind, Basis::Declared);
    item.effective = Some(on);
    for (k, v) in fields.as_object().unwrap() {
        item.fields.insert(k.as_str().into(), v.clone());
    }
    item
}

/// The fields of an exercise that was held (only held exercises count).
fn held() -> serde_json::Value {
    json!({"status": "held"})
}

fn plan(on: Date) -> EvidenceItem {
    let mut p = item(
        "PLAN",
        EvidenceKind::IrPlan,
        on,
        json!({"status": "approved"}),
    );
    p.outline = vec![Heading::new(2, "4. Recovery".into(), 9)];
    p
}

fn settings(as_of: Date) -> Settings {
    Settings {
        as_of,
        audit_period: Period {
            start: date(2025, 11, 1),
            end: date(2026, 10, 31),
        },
        level_threshold: 1.0,
        waivers_count_toward_level: false,
        cadence_periods: CadencePeriods::Calendar,
        section_aliases: Default::default(),
        deadline_from: Default::default(),
        thresholds: Default::default(),
        targets: [("LV".to_owned(), 2)].into(),
        categories: Vec::new(),
        organisation: None,
        scope: None,
    }
}

fn run(items: Vec<EvidenceItem>, settings: &Settings) -> Assessment {
    let mut items = items;
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let set = EvidenceSet {
        items,
        ..EvidenceSet::default()
    };
    assess(&catalog(), &set, settings)
}

fn level(a: &Assessment) -> u8 {
    match a.controls[0].score {
        Score::Maturity { level, .. } => level,
        Score::Readiness { .. } => 255,
    }
}

fn criterion<'a>(a: &'a Assessment, id: &str) -> &'a CriterionResult {
    a.controls[0]
        .levels
        .iter()
        .flat_map(|l| &l.criteria)
        .find(|c| c.id == id)
        .unwrap()
}

fn quarterly_triage() -> Vec<EvidenceItem> {
    [
        date(2025, 12, 15),
        date(2026, 3, 1),
        date(2026, 6, 30),
        date(2026, 9, 1),
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| {
        item(
            &format!("TRI-{i}"),
            EvidenceKind::AlertTriage,
            *d,
            json!({}),
        )
    })
    .collect()
}

const AS_OF: Date = date(2026, 10, 31);

#[test]
fn freshness_window_is_inclusive_at_its_start() {
    // P1Y before 2026-10-31 is 2025-10-31: an exercise that day counts, a day older not.
    let cases = [
        (date(2025, 10, 31), true),
        (date(2025, 10, 30), false),
        (date(2026, 10, 31), true),
    ];
    for (on, met) in cases {
        let a = run(
            vec![plan(on), item("EX", EvidenceKind::Exercise, on, held())],
            &settings(AS_OF),
        );
        assert_eq!(criterion(&a, "LV.L1.c2").status.counts(false), met, "{on}");
        if !met {
            let reasons = &criterion(&a, "LV.L1.c2").requirements[0].reasons;
            assert_eq!(reasons[0].code, ReasonCode::Stale, "{reasons:?}");
            assert!(
                reasons[0].message.contains("EX (2025-10-30)"),
                "{reasons:?}"
            );
        }
    }
}

#[test]
fn leap_day_windows_end_on_the_28th() {
    // P1Y before 2025-02-28 is 2024-02-28; an exercise on the leap day counts.
    let a = run(
        vec![item(
            "EX",
            EvidenceKind::Exercise,
            date(2024, 2, 29),
            held(),
        )],
        &settings(date(2025, 2, 28)),
    );
    assert!(criterion(&a, "LV.L1.c2").status.counts(false));
}

#[test]
fn items_after_the_as_of_date_do_not_count() {
    let a = run(
        vec![item(
            "EX",
            EvidenceKind::Exercise,
            date(2026, 11, 1),
            held(),
        )],
        &settings(AS_OF),
    );
    let r = &criterion(&a, "LV.L1.c2").requirements[0];
    assert!(!r.met);
    assert_eq!(r.reasons[0].code, ReasonCode::OutsidePeriod);
}

#[test]
fn conditions_and_sections_select_items() {
    let mut draft = plan(AS_OF);
    draft.fields.insert("status".into(), json!("draft"));
    let mut no_recovery = plan(AS_OF);
    no_recovery.outline.clear();
    for (p, code, why) in [
        (
            draft,
            ReasonCode::NotMatching,
            "`status = \"approved\"` does not hold",
        ),
        (
            no_recovery,
            ReasonCode::MissingSection,
            "no section \"Recovery\"",
        ),
    ] {
        let a = run(vec![p], &settings(AS_OF));
        let r = &criterion(&a, "LV.L1.c1").requirements[0];
        assert!(!r.met);
        assert_eq!(r.reasons[0].code, code);
        assert!(r.reasons[0].message.contains(why), "{:?}", r.reasons);
    }
    let a = run(vec![plan(AS_OF)], &settings(AS_OF));
    assert_eq!(criterion(&a, "LV.L1.c1").status, CriterionStatus::Met);
}

#[test]
fn cadence_names_the_empty_period() {
    let mut triage = quarterly_triage();
    triage.remove(2); // nothing in the calendar quarter 2026-04-01..2026-06-30
    let a = run(triage, &settings(AS_OF));
    let r = &criterion(&a, "LV.L2.c1").requirements[0];
    let cadence = r.cadence.as_ref().unwrap();
    assert_eq!((cadence.expected, cadence.found), (4, 3));
    assert_eq!(
        cadence.missing[0],
        Period {
            start: date(2026, 4, 1),
            end: date(2026, 6, 30)
        }
    );
    let a = run(quarterly_triage(), &settings(AS_OF));
    assert!(criterion(&a, "LV.L2.c1").status.counts(false));
}

#[test]
fn coverage_names_each_member_without_its_partner() {
    let inc = |id: &str, sev: &str, on| {
        item(
            id,
            EvidenceKind::Incident,
            on,
            json!({"severity": sev, "closed": "2026-03-09"}),
        )
    };
    let mut on_time = item(
        "PIR-1",
        EvidenceKind::PostIncidentReview,
        date(2026, 3, 20),
        json!({}),
    );
    on_time.refs = vec!["INC-1".into()];
    let mut late = item(
        "PIR-2",
        EvidenceKind::PostIncidentReview,
        date(2026, 5, 20),
        json!({}),
    );
    late.refs = vec!["INC-2".into()];
    let items = vec![
        inc("INC-1", "sev-1", date(2026, 3, 2)),
        inc("INC-2", "sev-2", date(2026, 3, 2)),
        inc("INC-3", "sev-2", date(2026, 4, 2)),
        inc("INC-4", "sev-4", date(2026, 4, 2)),
        inc("INC-OLD", "sev-1", date(2025, 6, 1)),
        on_time,
        late,
    ];
    let a = run(items, &settings(AS_OF));
    // Requirement 0 is the design (the plan); 1 counts the incidents.
    let r = &criterion(&a, "LV.L2.c2").requirements[1];
    let coverage = r.coverage.as_ref().unwrap();
    assert_eq!(
        (coverage.members, coverage.covered),
        (3, 1),
        "sev-4 and pre-period incidents are not members"
    );
    assert_eq!(
        coverage.uncovered,
        [
            "INC-2 (sev-2, closed 2026-03-09) has post-incident-review PIR-2 dated 2026-05-20, after its deadline 2026-04-01",
            "INC-3 (sev-2, closed 2026-03-09) has no post-incident-review within P30D",
        ]
    );
}

#[test]
fn levels_are_nested_capped_and_need_essential_criteria() {
    let full = || {
        let mut items = quarterly_triage();
        items.push(plan(AS_OF));
        items.push(item("EX", EvidenceKind::Exercise, AS_OF, held()));
        items
    };
    let a = run(full(), &settings(AS_OF));
    assert_eq!(level(&a), 2, "L3-L5 are not defined: L2 is the cap");
    assert_eq!(a.controls[0].target_status, Some(TargetStatus::Met));

    // Without the exercise, L1 fails, so L2 (still satisfied on its own) is not awarded.
    let without: Vec<_> = full().into_iter().filter(|i| i.id != "EX").collect();
    let a = run(without.clone(), &settings(AS_OF));
    assert_eq!(level(&a), 0);
    assert!(a.controls[0].levels[2].satisfied);

    // A threshold of one half would accept 1 of 2 criteria, but not without the essential one.
    let half = Settings {
        level_threshold: 0.5,
        ..settings(AS_OF)
    };
    assert_eq!(level(&run(without, &half)), 0);
    let no_plan: Vec<_> = full().into_iter().filter(|i| i.id != "PLAN").collect();
    assert_eq!(level(&run(no_plan.clone(), &half)), 2);
    assert_eq!(level(&run(no_plan, &settings(AS_OF))), 0);

    // A target above the cap is unattainable, never a gap.
    let mut beyond = settings(AS_OF);
    beyond.targets.insert("LV".into(), 4);
    let a = run(full(), &beyond);
    assert_eq!(
        a.controls[0].target_status,
        Some(TargetStatus::Unattainable)
    );
    assert!(a.gaps.is_empty());
}

#[test]
fn gaps_list_unmet_criteria_up_to_the_target_in_level_order() {
    let a = run(vec![], &settings(AS_OF));
    let gaps: Vec<(u8, &str)> = a
        .gaps
        .iter()
        .map(|g| (g.level, g.criterion.as_str()))
        .collect();
    // No sev-1/2 incident in the period and no plan: the review criterion is not met
    // by vacuity, it lacks its design.
    assert_eq!(
        gaps,
        [
            (1, "LV.L1.c1"),
            (1, "LV.L1.c2"),
            (2, "LV.L2.c1"),
            (2, "LV.L2.c2")
        ]
    );
    assert_eq!(a.gaps[0].needs, ["an approved plan"]);
    let next = match &a.controls[0].score {
        Score::Maturity { next, .. } => next.clone().unwrap(),
        Score::Readiness { .. } => unreachable!(),
    };
    assert_eq!((next.level, next.met, next.total), (1, 0, 2));
}

#[test]
fn waivers_count_until_they_expire_and_expiring_or_expired_ones_are_reported() {
    let waiver = |expires| {
        let mut w = item(
            "WV-1",
            EvidenceKind::Waiver,
            date(2026, 1, 1),
            json!({"covers": ["LV.L1.c1"]}),
        );
        w.expires = Some(expires);
        w
    };
    let a = run(vec![waiver(AS_OF)], &settings(AS_OF));
    assert_eq!(criterion(&a, "LV.L1.c1").status, CriterionStatus::Waived);
    assert_eq!(a.findings[0].code, FindingCode::ExpiringWaiver);
    assert!(a.findings[0].message.contains("in 0 day(s)"));
    // The notice period is 60 days, inclusive.
    let in_days = |n| AS_OF.checked_add(jiff::Span::new().days(n)).unwrap();
    let a = run(vec![waiver(in_days(60))], &settings(AS_OF));
    assert_eq!(a.findings[0].code, FindingCode::ExpiringWaiver);
    let a = run(vec![waiver(in_days(61))], &settings(AS_OF));
    assert!(a.findings.is_empty());
    let a = run(vec![waiver(date(2026, 10, 30))], &settings(AS_OF));
    assert_eq!(criterion(&a, "LV.L1.c1").status, CriterionStatus::NotMet);
    assert_eq!(a.findings[0].code, FindingCode::ExpiredWaiver);
    assert!(
        a.findings[0]
            .message
            .contains("has expired: its last valid day was 2026-10-30")
    );
}

#[test]
fn attestations_stand_in_only_where_accepted_and_until_they_expire() {
    let attestation = |valid_for: &str, covers: &str| {
        let mut a = item(
            "ATT-1",
            EvidenceKind::Attestation,
            date(2026, 1, 1),
            json!({"covers": [covers]}),
        );
        a.basis = Basis::Attested;
        a.valid_for = Some(valid_for.parse().unwrap());
        a
    };
    let step = |a: &Assessment| a.controls[1].criteria[0].clone();
    // AT.S1 accepts attested evidence explicitly: the statement stands in, and its
    // basis is shown.
    let a = run(vec![attestation("P1Y", "AT.S1")], &settings(AS_OF));
    assert_eq!(step(&a).status, CriterionStatus::Met);
    assert_eq!(step(&a).basis, [Basis::Attested]);
    let a = run(vec![attestation("P90D", "AT.S1")], &settings(AS_OF));
    assert_eq!(step(&a).status, CriterionStatus::NotMet);
    assert_eq!(a.findings[0].code, FindingCode::ExpiredAttestation);
    // An exercise is a record that exists or does not: a statement that it happened
    // is no evidence of it, even for the criterion the statement names.
    let a = run(vec![attestation("P1Y", "LV.L1.c2")], &settings(AS_OF));
    assert_eq!(criterion(&a, "LV.L1.c2").status, CriterionStatus::NotMet);
}

mod fidelity;

#[test]
fn waivers_count_toward_a_level_only_by_opt_in_and_never_for_essential_criteria() {
    let waiver = |covers: &str| {
        let mut w = item(
            "WV-1",
            EvidenceKind::Waiver,
            date(2026, 1, 1),
            json!({"covers": [covers]}),
        );
        w.expires = Some(date(2027, 6, 30));
        w
    };
    let exercise = item("EX", EvidenceKind::Exercise, AS_OF, held());
    let opt_in = Settings {
        waivers_count_toward_level: true,
        ..settings(AS_OF)
    };
    // LV.L1.c1 (not essential) waived, the essential exercise held.
    let items = vec![waiver("LV.L1.c1"), exercise.clone()];
    let a = run(items.clone(), &settings(AS_OF));
    assert_eq!(criterion(&a, "LV.L1.c1").status, CriterionStatus::Waived);
    assert_eq!(level(&a), 0, "a waiver is not evidence: L1 is not reached");
    let a = run(items, &opt_in);
    assert_eq!(level(&a), 1, "the profile opted in");
    assert_eq!(
        describe(&a.controls[0].score),
        "L1, 1 criterion waived; L2 at 0 of 2"
    );
    // The essential criterion waived: never reached, opt-in or not.
    let mut plan_only = vec![waiver("LV.L1.c2"), plan(AS_OF)];
    plan_only.sort_by(|a, b| a.id.cmp(&b.id));
    for s in [settings(AS_OF), opt_in] {
        let a = run(plan_only.clone(), &s);
        assert_eq!(criterion(&a, "LV.L1.c2").status, CriterionStatus::Waived);
        assert_eq!(level(&a), 0);
    }
}

#[test]
fn cadence_follows_calendar_quarters_by_default_with_explicit_edges() {
    // Scans every calendar quarter; the audit period starts on 1 November.
    let triage = |days: &[Date]| -> Vec<EvidenceItem> {
        days.iter()
            .enumerate()
            .map(|(i, d)| {
                item(
                    &format!("TRI-{i}"),
                    EvidenceKind::AlertTriage,
                    *d,
                    json!({}),
                )
            })
            .collect()
    };
    let calendar = [
        date(2025, 10, 20), // Q4 2025: the audit period holds two of its months
        date(2026, 3, 30),
        date(2026, 4, 2),
        date(2026, 9, 30),
    ];
    let a = run(triage(&calendar), &settings(AS_OF));
    let r = &criterion(&a, "LV.L2.c1").requirements[0];
    let cadence = r.cadence.as_ref().unwrap();
    assert!(r.met, "{:?}", r.reasons);
    assert_eq!((cadence.expected, cadence.found), (4, 4));
    assert_eq!(
        cadence.not_expected,
        [Period {
            start: date(2026, 10, 1),
            end: date(2026, 10, 31)
        }],
        "one month of Q4 2026 is less than half a quarter and not yet due"
    );
    // Anchored to the audit period instead (Nov-Jan, Feb-Apr, ...), the same scans
    // leave November-January and May-July empty.
    let anchored = Settings {
        cadence_periods: CadencePeriods::AuditPeriod,
        ..settings(AS_OF)
    };
    let a = run(triage(&calendar), &anchored);
    let cadence = criterion(&a, "LV.L2.c1").requirements[0]
        .cadence
        .clone()
        .unwrap();
    assert_eq!((cadence.expected, cadence.found), (4, 2));
    // An empty calendar quarter still fails, and is named.
    let a = run(
        triage(&[calendar[0], calendar[1], calendar[3]]),
        &settings(AS_OF),
    );
    let r = &criterion(&a, "LV.L2.c1").requirements[0];
    assert!(!r.met);
    assert_eq!(
        r.cadence.as_ref().unwrap().missing,
        [Period {
            start: date(2026, 4, 1),
            end: date(2026, 6, 30)
        }]
    );
}

#[test]
fn reviews_not_yet_due_are_pending_neither_met_nor_missing() {
    let incident = |id: &str, on: Date, closed: Option<&str>| {
        let mut fields = json!({"severity": "sev-1"});
        if let Some(c) = closed {
            fields["closed"] = json!(c);
        }
        item(id, EvidenceKind::Incident, on, fields)
    };
    let review = |of: &str, on: Date| {
        let mut r = item(
            &format!("PIR-{of}"),
            EvidenceKind::PostIncidentReview,
            on,
            json!({}),
        );
        r.refs = vec![of.to_owned()];
        r
    };
    let by_closure = Settings {
        deadline_from: [(
            EvidenceKind::PostIncidentReview,
            crate::catalog::DeadlineFrom::Closure,
        )]
        .into(),
        ..settings(AS_OF)
    };
    let items = vec![
        plan(AS_OF),
        // Detected nine days before the as-of date and still open: not due.
        incident("INC-OPEN", date(2026, 10, 22), None),
        // Closed eleven days ago: its review is due on 19 November.
        incident("INC-RECENT", date(2026, 10, 2), Some("2026-10-20")),
        // Closed two months ago without a review: missing.
        incident("INC-OLD", date(2026, 8, 1), Some("2026-08-20")),
        // Reviewed on time.
        incident("INC-DONE", date(2026, 6, 1), Some("2026-06-10")),
        review("INC-DONE", date(2026, 7, 1)),
    ];
    let a = run(items.clone(), &by_closure);
    let r = &criterion(&a, "LV.L2.c2").requirements[1];
    let coverage = r.coverage.as_ref().unwrap();
    assert_eq!((coverage.members, coverage.covered), (4, 1));
    assert_eq!(
        coverage.pending,
        [
            "INC-OPEN (sev-1, 2026-10-22): still open; post-incident-review due P30D after it closes",
            "INC-RECENT (sev-1, closed 2026-10-20): post-incident-review due by 2026-11-19, after the as-of date",
        ]
    );
    assert_eq!(
        coverage.uncovered,
        ["INC-OLD (sev-1, closed 2026-08-20) has no post-incident-review within P30D"]
    );
    assert!(!r.met, "the overdue review still fails");
    // Counting from the incident instead (the catalog's anchor for this test
    // catalog), the open incident of nine days ago is still not due.
    let a = run(items, &settings(AS_OF));
    let coverage = criterion(&a, "LV.L2.c2").requirements[1]
        .coverage
        .clone()
        .unwrap();
    assert!(coverage.pending[0].starts_with("INC-OPEN"), "{coverage:?}");
    // Only pending members: nothing to show yet but the design.
    let a = run(
        vec![plan(AS_OF), incident("INC-OPEN", date(2026, 10, 22), None)],
        &by_closure,
    );
    let c = criterion(&a, "LV.L2.c2");
    assert_eq!(c.status, CriterionStatus::Met);
    assert!(c.design_only);
}

const OPTIONS: &str = r#"
framework: {id: t, name: Test, version: "1", source: tests, licence: none, attribution: none}
controls:
  - id: OP
    title: Options
    statement: s
    steps:
      - id: OP.S1
        text: the breach procedure is defined
        remediation: define it
        requirements:
          - description: a breach policy with a notification section
            kind: policy
            seed_words: breach procedure
            where: [{field: topic, op: eq, value: breach-response}]
            sections: [Notification]
            or:
              - {description: an IR plan with a notification section, kind: ir-plan, sections: [Notification]}
      - id: OP.S2
        text: exercised recently
        remediation: exercise
        requirements:
          - {description: an exercise this year, kind: exercise, within: P365D, threshold: exercise-cycle}
"#;

fn run_options(items: Vec<EvidenceItem>, thresholds: &[(&str, serde_json::Value)]) -> Assessment {
    let input = CatalogInput {
        source: SourceFile::new("options.yaml", OPTIONS),
        builtin: false,
    };
    let (catalog, diagnostics) = load(vec![input]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut catalog = catalog.unwrap();
    let values = thresholds
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    catalog.apply_thresholds(&values).unwrap();
    let set = EvidenceSet {
        items,
        ..EvidenceSet::default()
    };
    assess(&catalog, &set, &settings(AS_OF))
}

#[test]
fn an_alternative_meets_the_same_demand() {
    let mut plan = item("IRP", EvidenceKind::IrPlan, AS_OF, json!({}));
    plan.outline = vec![Heading::new(2, "Breach notification".into(), 4)];
    let a = run_options(vec![plan], &[]);
    let step = &a.controls[0].criteria[0];
    assert_eq!(step.status, CriterionStatus::Met);
    assert!(
        step.requirements[0]
            .description
            .contains("met by the alternative: an IR plan with a notification section"),
        "{:?}",
        step.requirements[0]
    );
    // Neither: both say why.
    let a = run_options(vec![], &[]);
    let reasons: Vec<&str> = a.controls[0].criteria[0].requirements[0]
        .reasons
        .iter()
        .map(|r| r.message.as_str())
        .collect();
    assert!(
        reasons.iter().any(|r| r.starts_with("or ir-plan: ")),
        "{reasons:?}"
    );
}

#[test]
fn a_named_threshold_is_set_by_the_profile_and_checked() {
    let old = item("EX", EvidenceKind::Exercise, date(2025, 6, 1), held());
    let a = run_options(vec![old.clone()], &[]);
    assert_eq!(a.controls[0].criteria[1].status, CriterionStatus::NotMet);
    let a = run_options(vec![old], &[("exercise-cycle", json!("P2Y"))]);
    assert_eq!(a.controls[0].criteria[1].status, CriterionStatus::Met);
    // An unknown name or a malformed value is refused, with the known names.
    let input = CatalogInput {
        source: SourceFile::new("options.yaml", OPTIONS),
        builtin: false,
    };
    let mut catalog = load(vec![input]).0.unwrap();
    let bad = [
        ("exercise-cylce".to_owned(), json!("P2Y")),
        ("exercise-cycle".to_owned(), json!(2)),
    ]
    .into();
    let problems = catalog.apply_thresholds(&bad).unwrap_err();
    let messages: Vec<&str> = problems.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`thresholds.exercise-cycle` must be an ISO-8601 duration such as P30D (the catalog's default is P365D)",
            "`thresholds.exercise-cylce` is not a threshold of the catalog; did you mean `exercise-cycle`? known: exercise-cycle",
        ]
    );
    let names: Vec<&str> = problems.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["exercise-cycle", "exercise-cylce"]);
}
