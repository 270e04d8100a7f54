//! One control as the templates see it: score and target in words, a red/amber/green
//! status, its levels and criteria with the catalog's text, the evidence each
//! requirement used, and the next-level checklist.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::score::{
    self, ControlResult, CriterionResult, CriterionStatus, EvidenceRef, RequirementResult, Score,
    TargetStatus,
};

crate::vocabulary::vocabulary! {
    /// Red/amber/green against the target.
    ///
    /// Green: the target is reached. Amber: one level short (maturity), or at least
    /// three quarters of the target count (readiness). Red: further off, or a target the
    /// catalog cannot reach. Grey: no target; readiness without a target is shown as
    /// green when everything that applies is met, else amber (some met) or red (none).
    pub enum Rag {
        Green,
        Amber,
        Red,
        Grey,
    }
}

/// A control.
#[derive(Debug, Clone, Serialize)]
pub struct ControlView {
    pub id: String,
    pub title: String,
    pub statement: String,
    /// Framework id (`scf`, `soc2`, `brp`).
    pub framework: String,
    /// `maturity` or `readiness`.
    pub model: &'static str,
    /// `L2; L3 at 4 of 8` or `5 of 7 met`.
    pub score: String,
    /// `L3`, `7 met`, or empty.
    pub target: String,
    pub rag: Rag,
    /// `On target`, `Near target`, `Below target`, `Unattainable target`, `No target`.
    pub rag_label: &'static str,
    /// 🟢 🟠 🔴 ⚪ for Markdown.
    pub rag_mark: &'static str,
    /// The level reached (maturity) or the criteria met (readiness).
    pub value: u32,
    /// The highest defined level (maturity) or the criteria that apply (readiness).
    pub cap: u32,
    /// HTML anchor.
    pub anchor: String,
    pub levels: Vec<LevelView>,
    pub criteria: Vec<CriterionView>,
    /// Unmet criteria of the next level (or all unmet, for readiness).
    pub checklist: Vec<CriterionView>,
    /// Related results across mappings, in words.
    pub related: Vec<String>,
}

/// A maturity level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    pub level: u8,
    pub name: String,
    pub defined: bool,
    pub satisfied: bool,
    /// `satisfied`, `4 of 6 met`, or `not defined by the source`.
    pub status: String,
    pub criteria: Vec<CriterionView>,
}

/// A criterion.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub id: String,
    pub anchor: String,
    /// The catalog's text (verbatim).
    pub text: String,
    /// `met`, `not-met`, `waived`, `not-applicable` (CSS class).
    pub status: &'static str,
    /// `met`, `not met`, `waived`, `n/a`.
    pub status_text: &'static str,
    /// ✓ ✗ W –
    pub mark: &'static str,
    pub essential: bool,
    /// `measured, attested`, or empty.
    pub basis: String,
    /// Why it is waived (the waiver) or not applicable; empty otherwise.
    pub note: String,
    pub remediation: String,
    pub requirements: Vec<RequirementView>,
}

/// A requirement's result.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementView {
    pub description: String,
    pub kind: String,
    pub met: bool,
    /// `periods: 3 of 4 with evidence` / `coverage: 2 of 3 members`, or empty.
    pub detail: String,
    pub reasons: Vec<String>,
    /// The first [`INLINE_EVIDENCE`] items the requirement used.
    pub evidence: Vec<EvidenceView>,
    /// How many more it used: `assessment.json` lists every one.
    pub evidence_more: usize,
}

/// Items of evidence a requirement lists in the Markdown and HTML reports: enough to
/// check it by hand. A requirement counted over thousands of incidents lists the
/// first ones and the count of the rest, which `assessment.json` lists in full with
/// their hashes; 4,600 rows under one requirement help no reader and held a third
/// of the HTML report's memory at 100,000 files.
pub const INLINE_EVIDENCE: usize = 25;

/// An item of evidence, enough to find and verify it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub id: String,
    pub title: String,
    pub path: String,
    pub line: u32,
    pub sha256: String,
    /// The first 12 hex digits.
    pub sha_short: String,
}

impl EvidenceView {
    /// The view of a reference.
    pub fn new(e: &EvidenceRef) -> Self {
        Self {
            id: e.id.clone(),
            title: e.title.clone(),
            path: e.path.clone(),
            line: e.line,
            sha256: e.sha256.clone(),
            sha_short: e.sha256.get(..12).unwrap_or_default().to_owned(),
        }
    }
}

impl ControlView {
    /// The control's headline only (score, target, status, anchor), with no levels,
    /// criteria or checklist: what the executive summary's table shows. Each
    /// criterion is in the report data once, under `maturity`, `soc2` or `procedures`.
    pub fn headline(&self) -> Self {
        Self {
            levels: Vec::new(),
            criteria: Vec::new(),
            checklist: Vec::new(),
            ..self.clone()
        }
    }

    /// The view of one control's result.
    pub fn new(c: &ControlResult, catalog: &Catalog) -> Self {
        let text = |id: &str| criterion_text(catalog, &c.id, id);
        let view = |cr: &CriterionResult| criterion(cr, &text(&cr.id));
        let (model, value, cap) = match &c.score {
            Score::Maturity { level, cap, .. } => ("maturity", u32::from(*level), u32::from(*cap)),
            Score::Readiness { met, total, .. } => ("readiness", *met, *total),
        };
        let (rag, rag_label) = rag(c, value, cap);
        let statement = catalog
            .control(&c.id)
            .map(|(_, control)| control.statement.clone())
            .unwrap_or_default();
        Self {
            id: c.id.clone(),
            title: c.title.clone(),
            statement,
            framework: c.framework.clone(),
            model,
            score: score::describe(&c.score),
            target: match (model, c.target) {
                ("maturity", Some(t)) => format!("L{t}"),
                (_, Some(t)) => format!("{t} met"),
                _ => String::new(),
            },
            rag,
            rag_label,
            rag_mark: match rag {
                Rag::Green => "🟢",
                Rag::Amber => "🟠",
                Rag::Red => "🔴",
                Rag::Grey => "⚪",
            },
            value,
            cap,
            anchor: anchor(&c.id),
            levels: c
                .levels
                .iter()
                .map(|l| LevelView {
                    level: l.level,
                    name: l.name.clone(),
                    defined: l.defined,
                    satisfied: l.satisfied,
                    status: if !l.defined {
                        "not defined by the source".to_owned()
                    } else if l.satisfied {
                        format!("satisfied ({} of {} met)", l.met, l.total)
                    } else {
                        format!("{} of {} met", l.met, l.total)
                    },
                    criteria: l.criteria.iter().map(view).collect(),
                })
                .collect(),
            criteria: c.criteria.iter().map(view).collect(),
            // The checklist names what is unmet; the evidence is in the criteria above.
            checklist: c
                .next_checklist()
                .into_iter()
                .map(|cr| {
                    let mut v = view(cr);
                    for r in &mut v.requirements {
                        r.evidence = Vec::new();
                        r.evidence_more = 0;
                        r.reasons = Vec::new();
                    }
                    v
                })
                .collect(),
            related: c
                .related
                .iter()
                .map(|r| {
                    let relation: &str = r.relation.into();
                    format!("{} {relation} {}: {}", r.from, r.to, r.result)
                })
                .collect(),
        }
    }
}

fn rag(c: &ControlResult, value: u32, cap: u32) -> (Rag, &'static str) {
    match (c.target_status, c.target) {
        (Some(TargetStatus::Met), _) => (Rag::Green, "On target"),
        (Some(TargetStatus::Unattainable), _) => (Rag::Red, "Unattainable target"),
        (Some(TargetStatus::Below), Some(target)) => {
            let near = match c.score {
                Score::Maturity { .. } => value + 1 >= target,
                Score::Readiness { .. } => value * 4 >= target * 3,
            };
            if near {
                (Rag::Amber, "Near target")
            } else {
                (Rag::Red, "Below target")
            }
        }
        _ => match c.score {
            Score::Readiness { .. } if cap > 0 && value == cap => {
                (Rag::Green, "No target; all met")
            }
            Score::Readiness { .. } if value > 0 => (Rag::Amber, "No target; partly met"),
            Score::Readiness { .. } if cap > 0 => (Rag::Red, "No target; none met"),
            _ => (Rag::Grey, "No target"),
        },
    }
}

/// The status in words, saying what a bare "met" or "waived" would hide: a result
/// resting on the design alone, and a waiver that is not evidence.
pub fn status_text(cr: &CriterionResult) -> &'static str {
    match cr.status {
        CriterionStatus::Met if cr.design_only => "met on design only (no events in the period)",
        CriterionStatus::Waived => "waived (not met)",
        other => score::status_name(other),
    }
}

fn criterion(cr: &CriterionResult, text: &str) -> CriterionView {
    let (status, mark) = match cr.status {
        CriterionStatus::Met => ("met", "✓"),
        CriterionStatus::NotMet => ("not-met", "✗"),
        CriterionStatus::Waived => ("waived", "W"),
        CriterionStatus::NotApplicable => ("not-applicable", "–"),
    };
    let mut note = match (&cr.waiver, &cr.not_applicable) {
        (Some(w), _) => format!("waived by {} ({}:{})", w.id, w.path, w.line),
        (None, Some(why)) => why.clone(),
        (None, None) => String::new(),
    };
    // Every waiver or attestation that names the criterion, and why it did or did not
    // count: nothing an organisation submitted is silently ignored.
    for s in &cr.stand_ins {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(&format!("{}: {}", s.evidence.id, s.why));
    }
    CriterionView {
        id: cr.id.clone(),
        anchor: anchor(&cr.id),
        text: text.to_owned(),
        status,
        status_text: status_text(cr),
        mark,
        essential: cr.essential,
        basis: cr
            .basis
            .iter()
            .map(|b| <&str>::from(*b))
            .collect::<Vec<_>>()
            .join(", "),
        note,
        remediation: cr.remediation.clone(),
        requirements: cr.requirements.iter().map(requirement).collect(),
    }
}

fn requirement(r: &RequirementResult) -> RequirementView {
    let detail = match (&r.cadence, &r.coverage) {
        (Some(c), _) => format!("periods: {} of {} with evidence", c.found, c.expected),
        (None, Some(c)) if c.pending.is_empty() => {
            format!("coverage: {} of {} members", c.covered, c.members)
        }
        (None, Some(c)) => format!(
            "coverage: {} of {} members; {} not yet due: {}",
            c.covered,
            c.members,
            c.pending.len(),
            c.pending.join("; ")
        ),
        (None, None) => String::new(),
    };
    RequirementView {
        description: r.description.clone(),
        kind: r.kind.name().to_owned(),
        met: r.met,
        detail,
        reasons: r.reasons.iter().map(|x| x.message.clone()).collect(),
        evidence: r
            .evidence
            .iter()
            .take(INLINE_EVIDENCE)
            .map(EvidenceView::new)
            .collect(),
        evidence_more: r.evidence.len().saturating_sub(INLINE_EVIDENCE),
    }
}

/// The catalog's text of a criterion: its title and text, with sub-items.
pub fn criterion_text(catalog: &Catalog, control: &str, criterion: &str) -> String {
    let Some((_, control)) = catalog.control(control) else {
        return String::new();
    };
    control
        .criteria()
        .find(|c| c.id.eq_ignore_ascii_case(criterion))
        .map(|c| {
            let mut text = match &c.title {
                Some(title) => format!("{title}: {}", c.text),
                None => c.text.clone(),
            };
            for (i, item) in c.items.iter().enumerate() {
                // "personnel:" introduces the items; later items are separated.
                text.push_str(if i == 0 && text.ends_with(':') {
                    " "
                } else {
                    "; "
                });
                text.push_str(item);
            }
            text
        })
        .unwrap_or_default()
}

/// An HTML id for a control or criterion: lower-case, `.` kept, others to `-`.
pub fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
