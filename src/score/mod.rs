//! Scoring: catalog + validated evidence + settings in, [`Assessment`] out. Pure: no
//! I/O, no clock; the as-of date is an input, so the same inputs give the same
//! assessment, byte for byte once serialised.

mod condition;
mod context;
mod control;
mod links;
mod model;
mod operation;
mod requirement;
mod sections;
mod select;

pub use context::{CadencePeriods, Settings, add, sub, tiles};
pub use model::*;
pub use sections::{SectionVocabulary, missing_sections};

use crate::catalog::Catalog;
use crate::evidence::{EvidenceKind, EvidenceSet};
use context::Context;

/// Scores every control of `catalog` against `evidence`.
pub fn assess(catalog: &Catalog, evidence: &EvidenceSet, settings: &Settings) -> Assessment {
    let vocabulary = sections::SectionVocabulary::new(catalog, &settings.section_aliases);
    let ctx = Context::new(settings, evidence, vocabulary);
    let mut controls = Vec::new();
    let mut gaps = Vec::new();
    let mut weights = std::collections::BTreeMap::new();
    for (framework, control) in catalog.controls() {
        let (result, control_gaps) = control::score(framework, control, &ctx);
        weights.insert(control.id.clone(), control.weight.unwrap_or(0));
        controls.push(result);
        gaps.extend(control_gaps);
    }
    relate(catalog, &mut controls);
    gaps.sort_by(|a, b| {
        let wa = weights.get(&a.control).copied().unwrap_or(0);
        let wb = weights.get(&b.control).copied().unwrap_or(0);
        (a.level, std::cmp::Reverse(wa), &a.control, &a.criterion).cmp(&(
            b.level,
            std::cmp::Reverse(wb),
            &b.control,
            &b.criterion,
        ))
    });
    Assessment {
        organisation: settings.organisation.clone(),
        scope: settings.scope.clone(),
        as_of: settings.as_of,
        audit_period: settings.audit_period,
        level_threshold: settings.level_threshold,
        waivers_count_toward_level: settings.waivers_count_toward_level,
        thresholds: settings.thresholds.clone(),
        controls,
        gaps,
        findings: findings(&ctx),
    }
}

/// How many days ahead an expiry is announced: enough to renew a waiver or an
/// attestation before the next quarterly review.
pub const EXPIRY_NOTICE_DAYS: i32 = 60;

/// Expired waivers and attestations (they count for nothing, and an auditor must see
/// that they exist), and those expiring within [`EXPIRY_NOTICE_DAYS`].
fn findings(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (kind, code, expiring, what) in [
        (
            EvidenceKind::Waiver,
            FindingCode::ExpiredWaiver,
            FindingCode::ExpiringWaiver,
            "waiver",
        ),
        (
            EvidenceKind::Attestation,
            FindingCode::ExpiredAttestation,
            FindingCode::ExpiringAttestation,
            "attestation",
        ),
    ] {
        for item in ctx.items(kind) {
            let Some(until) = ctx.valid_until(item) else {
                continue;
            };
            let days = ctx.settings.as_of.until(until).map_or(0, |s| s.get_days());
            let (code, message) = if until < ctx.settings.as_of {
                (
                    code,
                    format!(
                        "{what} {} has expired: its last valid day was {until}; it counts for nothing",
                        item.id
                    ),
                )
            } else if days <= EXPIRY_NOTICE_DAYS {
                (
                    expiring,
                    format!(
                        "{what} {} expires on {until}, in {days} day(s); renew it before then",
                        item.id
                    ),
                )
            } else {
                continue;
            };
            out.push(Finding {
                code,
                message,
                evidence: ctx.reference(item),
                until,
            });
        }
    }
    out
}

/// Shows each control the results of what it maps to, in words. Scores are never
/// copied across a mapping.
fn relate(catalog: &Catalog, controls: &mut [ControlResult]) {
    let summary: std::collections::BTreeMap<String, String> = controls
        .iter()
        .flat_map(|c| {
            let mut rows = vec![(c.id.to_uppercase(), describe(&c.score))];
            for l in &c.levels {
                rows.push((
                    format!("{}.L{}", c.id, l.level).to_uppercase(),
                    if l.satisfied {
                        "satisfied".into()
                    } else {
                        format!("{} of {} met", l.met, l.total)
                    },
                ));
                for cr in &l.criteria {
                    rows.push((cr.id.to_uppercase(), status_name(cr.status).into()));
                }
            }
            for cr in &c.criteria {
                rows.push((cr.id.to_uppercase(), status_name(cr.status).into()));
            }
            rows
        })
        .collect();
    for control in controls.iter_mut() {
        let own = |id: &str| {
            let id = id.to_uppercase();
            let prefix = control.id.to_uppercase();
            id == prefix
                || id.starts_with(&format!("{prefix}."))
                || id.starts_with(&format!("{prefix}-"))
        };
        for m in catalog.mappings() {
            let (from, to) = if own(&m.from) {
                (&m.from, &m.to)
            } else if own(&m.to) {
                (&m.to, &m.from)
            } else {
                continue;
            };
            control.related.push(Related {
                from: from.clone(),
                to: to.clone(),
                relation: m.relation,
                result: summary
                    .get(&to.to_uppercase())
                    .cloned()
                    .unwrap_or_else(|| "not scored".into()),
            });
        }
    }
}

/// A score in words: `L2 (cap L3)` or `5 of 7 met`.
pub fn describe(score: &Score) -> String {
    match score {
        Score::Maturity {
            level,
            cap,
            next,
            waived,
            design_only,
        } => {
            let mut text = format!("L{level}");
            qualify(&mut text, *waived, *design_only);
            if let Some(next) = next {
                text.push_str(&format!(
                    "; L{} at {} of {}",
                    next.level, next.met, next.total
                ));
            } else if level == cap {
                text.push_str(" (highest defined level)");
            }
            text
        }
        Score::Readiness {
            met,
            total,
            waived,
            design_only,
        } => {
            let mut text = format!("{met} of {total} met");
            qualify(&mut text, *waived, *design_only);
            text
        }
    }
}

/// What a score rests on besides evidence of operation: `, 1 criterion waived, 2
/// criteria on design only`.
fn qualify(text: &mut String, waived: u32, design_only: u32) {
    if waived > 0 {
        text.push_str(&format!(", {} waived", criteria_count(waived)));
    }
    if design_only > 0 {
        text.push_str(&format!(", {} on design only", criteria_count(design_only)));
    }
}

/// `1 criterion` or `2 criteria`.
fn criteria_count(n: u32) -> String {
    if n == 1 {
        "1 criterion".to_owned()
    } else {
        format!("{n} criteria")
    }
}

/// A control's target as the reports write it: `L3`, or `7 met`; empty without one.
pub fn describe_target(c: &ControlResult) -> String {
    match (&c.score, c.target) {
        (Score::Maturity { .. }, Some(t)) => format!("L{t}"),
        (_, Some(t)) => format!("{t} met"),
        _ => String::new(),
    }
}

/// A criterion status in words.
pub fn status_name(status: CriterionStatus) -> &'static str {
    match status {
        CriterionStatus::Met => "met",
        CriterionStatus::NotMet => "not met",
        CriterionStatus::Waived => "waived",
        CriterionStatus::NotApplicable => "n/a",
    }
}

#[cfg(test)]
mod tests;
