//! The text of `evident explain`: one control's derivation level by level and
//! requirement by requirement, with the evidence used (file:line, hash) and why each
//! unmet requirement fails, then the checklist for the next level.

use std::fmt::Write as _;

use crate::score::{
    self, Assessment, ControlResult, CriterionResult, CriterionStatus, RequirementResult,
};

/// The control of `a` whose id is `id` (case-insensitive).
pub fn find<'a>(a: &'a Assessment, id: &str) -> Option<&'a ControlResult> {
    a.controls.iter().find(|c| c.id.eq_ignore_ascii_case(id))
}

/// What to say when no control has the id `id`: the closest id, and every id.
pub fn unknown_control(a: &Assessment, id: &str) -> String {
    let ids: Vec<&str> = a.controls.iter().map(|c| c.id.as_str()).collect();
    let suggestion = crate::wording::suggestion(id, ids.iter().copied());
    format!("no control `{id}`; {suggestion}known: {}", ids.join(", "))
}

/// The derivation of control `c` of assessment `a` as plain text.
pub fn explain(c: &ControlResult, a: &Assessment) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{} {} ({})", c.id, c.title, c.framework);
    let _ = writeln!(t, "score: {}", score::describe(&c.score));
    if let (Some(target), Some(status)) = (c.target, c.target_status) {
        let _ = writeln!(t, "target: {target} ({status:?})");
    }
    let _ = writeln!(
        t,
        "as of {}, audit period {}..{}, level threshold {}%",
        a.as_of,
        a.audit_period.start,
        a.audit_period.end,
        (a.level_threshold * 100.0).round()
    );
    for l in &c.levels {
        let _ = writeln!(t);
        if !l.defined {
            let _ = writeln!(
                t,
                "L{} {}: not defined by the source; never awarded",
                l.level, l.name
            );
            continue;
        }
        if l.level == 0 {
            let _ = writeln!(t, "L0 {}: the starting point", l.name);
            continue;
        }
        let _ = writeln!(
            t,
            "L{} {}: {} ({} of {} criteria met)",
            l.level,
            l.name,
            if l.satisfied {
                "satisfied"
            } else {
                "NOT satisfied"
            },
            l.met,
            l.total
        );
        for cr in &l.criteria {
            criterion(&mut t, cr);
        }
    }
    if !c.criteria.is_empty() {
        let _ = writeln!(t);
        for cr in &c.criteria {
            criterion(&mut t, cr);
        }
    }
    for r in &c.related {
        let _ = writeln!(
            t,
            "\nrelated: {} {:?} {}: {}",
            r.from, r.relation, r.to, r.result
        );
    }
    let next = c.next_checklist();
    let _ = writeln!(t);
    if next.is_empty() {
        let _ = writeln!(t, "next: nothing left to meet at the next level");
    } else {
        let _ = writeln!(t, "next: {} criteria to meet", next.len());
        for (i, cr) in next.iter().enumerate() {
            let _ = writeln!(t, "  {}. {}: {}", i + 1, cr.id, cr.remediation);
            for r in cr.requirements.iter().filter(|r| !r.met) {
                let _ = writeln!(t, "     needs: {}", r.description);
            }
        }
    }
    t
}

fn criterion(t: &mut String, cr: &CriterionResult) {
    let mark = match cr.status {
        CriterionStatus::Met if cr.design_only => "met on design only: no events in the period",
        CriterionStatus::Met => "met",
        CriterionStatus::NotMet => "NOT MET",
        CriterionStatus::Waived => "waived, not met",
        CriterionStatus::NotApplicable => "n/a",
    };
    let essential = if cr.essential { " (essential)" } else { "" };
    let basis: Vec<&str> = cr.basis.iter().map(|b| b.into()).collect();
    let basis = if basis.is_empty() {
        String::new()
    } else {
        format!(" [basis: {}]", basis.join(", "))
    };
    let _ = writeln!(t, "  [{mark}] {}{essential}{basis}", cr.id);
    if let Some(w) = &cr.waiver {
        let _ = writeln!(t, "      waived by {} ({}:{})", w.id, w.path, w.line);
    }
    for s in &cr.stand_ins {
        let e = &s.evidence;
        let _ = writeln!(t, "      {} ({}:{}): {}", e.id, e.path, e.line, s.why);
    }
    if let Some(why) = &cr.not_applicable {
        let _ = writeln!(t, "      {why}");
    }
    for r in &cr.requirements {
        requirement(t, r);
    }
}

fn requirement(t: &mut String, r: &RequirementResult) {
    let _ = writeln!(
        t,
        "      {} {} [{}]",
        if r.met { "+" } else { "-" },
        r.description,
        r.kind
    );
    if let Some(c) = &r.cadence {
        let _ = writeln!(
            t,
            "          periods: {} of {} with evidence",
            c.found, c.expected
        );
    }
    if let Some(c) = &r.coverage {
        let _ = writeln!(
            t,
            "          coverage: {} of {} members",
            c.covered, c.members
        );
        for p in &c.pending {
            let _ = writeln!(t, "          pending (not yet due): {p}");
        }
    }
    for f in &r.sections {
        let _ = writeln!(
            t,
            "          section \"{}\": heading \"{}\" ({} line {})",
            f.section, f.heading, f.id, f.line
        );
    }
    for e in &r.evidence {
        let short = e.sha256.get(..12).unwrap_or_default();
        let _ = writeln!(
            t,
            "          used {} ({}:{}, sha256 {short})",
            e.id, e.path, e.line
        );
    }
    for reason in &r.reasons {
        let code: &str = reason.code.into();
        let _ = writeln!(t, "          {code}: {}", reason.message);
    }
}
