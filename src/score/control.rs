//! Scoring one control: each criterion from its requirements (or a waiver), then the
//! control's maturity level (nested, threshold, essential criteria, undefined levels
//! capping the scale) or readiness, its target status, and its gaps.
//!
//! A waiver is a management decision, not evidence: a waived criterion counts toward
//! a level or readiness only where the profile opts in, and never satisfies an
//! essential criterion.

use super::context::Context;
use super::model::{
    ControlResult, CriterionResult, CriterionStatus, Gap, LevelResult, Progress, Score, StandIn,
    TargetStatus,
};
use super::requirement::{self, covers};
use crate::catalog::{Control, ControlModel, Criterion, Framework, Level};
use crate::evidence::{EvidenceItem, EvidenceKind};

/// Scores `control`.
pub fn score(
    framework: &Framework,
    control: &Control,
    ctx: &Context<'_>,
) -> (ControlResult, Vec<Gap>) {
    let target = ctx
        .settings
        .targets
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(&control.id))
        .map(|(_, t)| *t);
    let mut result = ControlResult {
        id: control.id.clone(),
        title: control.title.clone(),
        framework: framework.id.clone(),
        weight: control.weight,
        score: Score::Readiness {
            met: 0,
            total: 0,
            waived: 0,
            design_only: 0,
        },
        target,
        target_status: None,
        levels: Vec::new(),
        criteria: Vec::new(),
        related: Vec::new(),
    };
    let mut gaps = Vec::new();
    match control.model() {
        ControlModel::Maturity(levels) => {
            result.levels = levels.iter().map(|l| level(l, ctx)).collect();
            let (reached, cap) = reached(&result.levels);
            let next = result
                .levels
                .iter()
                .find(|l| l.defined && l.level == reached + 1)
                .map(|l| Progress {
                    level: l.level,
                    met: l.met,
                    total: l.total,
                });
            let waived = if ctx.settings.waivers_count_toward_level {
                result
                    .levels
                    .iter()
                    .filter(|l| l.level >= 1 && l.level <= reached)
                    .map(|l| l.waived)
                    .sum()
            } else {
                0
            };
            let design_only = result
                .levels
                .iter()
                .filter(|l| l.level >= 1 && l.level <= reached)
                .flat_map(|l| &l.criteria)
                .filter(|c| c.design_only)
                .count();
            result.score = Score::Maturity {
                level: reached,
                cap,
                next,
                waived,
                design_only: u32::try_from(design_only).unwrap_or(u32::MAX),
            };
            if let Some(target) = target {
                result.target_status = Some(if target > u32::from(cap) {
                    TargetStatus::Unattainable
                } else if u32::from(reached) >= target {
                    TargetStatus::Met
                } else {
                    TargetStatus::Below
                });
                let upto = target.min(u32::from(cap));
                for l in result.levels.iter().filter(|l| {
                    l.defined
                        && u32::from(l.level) > u32::from(reached)
                        && u32::from(l.level) <= upto
                }) {
                    gaps.extend(
                        l.criteria
                            .iter()
                            .filter_map(|c| gap(&control.id, l.level, c)),
                    );
                }
            }
        }
        ControlModel::PointsOfFocus(criteria) | ControlModel::Procedure(criteria) => {
            result.criteria = criteria.iter().map(|c| criterion(c, ctx)).collect();
            let (met, total, waived) = count(&result.criteria, ctx);
            let waived = if ctx.settings.waivers_count_toward_level {
                waived
            } else {
                0
            };
            let design_only = result.criteria.iter().filter(|c| c.design_only).count();
            result.score = Score::Readiness {
                met,
                total,
                waived,
                design_only: u32::try_from(design_only).unwrap_or(u32::MAX),
            };
            if let Some(target) = target {
                result.target_status = Some(if target > total {
                    TargetStatus::Unattainable
                } else if met >= target {
                    TargetStatus::Met
                } else {
                    TargetStatus::Below
                });
                if met < target {
                    gaps.extend(
                        result
                            .criteria
                            .iter()
                            .filter_map(|c| gap(&control.id, 0, c)),
                    );
                }
            }
        }
    }
    (result, gaps)
}

fn level(level: &Level, ctx: &Context<'_>) -> LevelResult {
    let criteria: Vec<CriterionResult> = level.criteria.iter().map(|c| criterion(c, ctx)).collect();
    let (met, total, waived) = count(&criteria, ctx);
    // An essential criterion must be met: a waiver never stands in for it.
    let essentials_met = criteria.iter().filter(|c| c.essential).all(|c| {
        matches!(
            c.status,
            CriterionStatus::Met | CriterionStatus::NotApplicable
        )
    });
    // Level 0 has no criteria: it is where every control starts.
    let share_met =
        total == 0 || f64::from(met) >= ctx.settings.level_threshold * f64::from(total) - 1e-9;
    LevelResult {
        level: level.level,
        name: level.name.clone(),
        defined: level.is_defined(),
        satisfied: level.is_defined() && essentials_met && share_met,
        met,
        total,
        waived,
        criteria,
    }
}

/// The level reached (highest defined L with every defined level 1..=L satisfied) and
/// the cap (highest defined level before the first undefined one).
fn reached(levels: &[LevelResult]) -> (u8, u8) {
    let mut cap = 0;
    for l in levels.iter().filter(|l| l.level > 0) {
        if !l.defined {
            break;
        }
        cap = l.level;
    }
    let mut reached = 0;
    for l in levels.iter().filter(|l| l.level > 0 && l.level <= cap) {
        if !l.satisfied {
            break;
        }
        reached = l.level;
    }
    (reached, cap)
}

/// Criteria that count (met, and waived where the profile opts in), that apply, and
/// that are waived.
fn count(criteria: &[CriterionResult], ctx: &Context<'_>) -> (u32, u32, u32) {
    let applicable = criteria
        .iter()
        .filter(|c| c.status != CriterionStatus::NotApplicable);
    let (mut met, mut total, mut waived) = (0, 0, 0);
    for c in applicable {
        total += 1;
        if c.status.counts(ctx.settings.waivers_count_toward_level) {
            met += 1;
        }
        if c.status == CriterionStatus::Waived {
            waived += 1;
        }
    }
    (met, total, waived)
}

fn criterion(criterion: &Criterion, ctx: &Context<'_>) -> CriterionResult {
    let mut result = CriterionResult {
        id: criterion.id.clone(),
        status: CriterionStatus::NotMet,
        essential: criterion.essential,
        design_only: false,
        basis: Vec::new(),
        waiver: None,
        not_applicable: None,
        stand_ins: Vec::new(),
        requirements: Vec::new(),
        remediation: criterion.remediation.clone(),
    };
    if let Some(category) = criterion
        .category
        .filter(|c| !ctx.settings.categories.contains(c))
    {
        result.status = CriterionStatus::NotApplicable;
        result.not_applicable = Some(format!(
            "a {} point of focus; the profile's `categories` does not include it",
            category_name(category)
        ));
        return result;
    }
    let has_design = criterion.requirements.iter().any(|r| r.design);
    result.requirements = criterion
        .requirements
        .iter()
        .map(|r| requirement::evaluate(r, &criterion.id, has_design, ctx))
        .collect();
    let met = result.requirements.iter().all(|r| r.met);
    result.design_only = met && result.requirements.iter().any(|r| r.design_only);
    for r in &result.requirements {
        for e in &r.evidence {
            if let Some(item) = ctx.item(&e.id).filter(|i| !result.basis.contains(&i.basis)) {
                result.basis.push(item.basis);
            }
        }
    }
    result.basis.sort();
    result.status = if met {
        CriterionStatus::Met
    } else if let Some(waiver) = waiver(&criterion.id, ctx) {
        result.waiver = Some(waiver);
        CriterionStatus::Waived
    } else {
        CriterionStatus::NotMet
    };
    result.stand_ins = stand_ins(criterion, &result, ctx);
    result
}

/// Every waiver and attestation that names the criterion, with why it did or did not
/// count, so no statement is silently ignored.
fn stand_ins(criterion: &Criterion, result: &CriterionResult, ctx: &Context<'_>) -> Vec<StandIn> {
    let mut out = Vec::new();
    let as_of = ctx.settings.as_of;
    let timing = |item: &EvidenceItem| -> Option<String> {
        if let Some(until) = ctx.valid_until(item).filter(|u| *u < as_of) {
            Some(format!("it has expired: its last valid day was {until}"))
        } else {
            item.proves()
                .filter(|p| p.start > as_of)
                .map(|p| format!("it starts on {}, after the as-of date {as_of}", p.start))
        }
    };
    for w in ctx
        .items(EvidenceKind::Waiver)
        .iter()
        .filter(|w| covers(w, &criterion.id))
    {
        let (counted, why) = if let Some(late) = timing(w) {
            (false, format!("waiver not counted: {late}"))
        } else if result.status == CriterionStatus::Met {
            (
                false,
                "waiver not needed: the criterion is met on evidence".to_owned(),
            )
        } else if criterion.essential {
            (false, "waiver recorded, but a waiver never satisfies an essential criterion: the level needs it met".to_owned())
        } else if ctx.settings.waivers_count_toward_level {
            (true, "waived: counts toward the level and readiness (the profile sets waivers_count_toward_level)".to_owned())
        } else {
            (false, "waived, not met: a waiver is a decision, not evidence; it counts toward a level only where the profile sets waivers_count_toward_level".to_owned())
        };
        out.push(StandIn {
            evidence: ctx.reference(w),
            counted,
            why,
        });
    }
    for a in ctx
        .items(EvidenceKind::Attestation)
        .iter()
        .filter(|a| covers(a, &criterion.id))
    {
        let used = result
            .requirements
            .iter()
            .any(|r| r.evidence.iter().any(|e| e.id == a.id));
        let (counted, why) = if used {
            (
                true,
                "attestation counted: the requirement accepts attested evidence".to_owned(),
            )
        } else if let Some(late) = timing(a) {
            (false, format!("attestation not counted: {late}"))
        } else if criterion
            .requirements
            .iter()
            .any(|r| r.accepts.contains(&crate::catalog::Basis::Attested))
        {
            (
                false,
                "attestation not needed: the requirement that accepts it is met on records"
                    .to_owned(),
            )
        } else {
            (false, "attestation not counted: no requirement of this criterion accepts attested evidence; a statement is no record of training, exercises, reviews or scans".to_owned())
        };
        out.push(StandIn {
            evidence: ctx.reference(a),
            counted,
            why,
        });
    }
    out
}

fn waiver(criterion: &str, ctx: &Context<'_>) -> Option<super::model::EvidenceRef> {
    ctx.items(EvidenceKind::Waiver)
        .iter()
        .find(|w| {
            covers(w, criterion)
                && !ctx.expired(w)
                && w.proves().is_none_or(|p| p.start <= ctx.settings.as_of)
        })
        .map(|w| ctx.reference(w))
}

fn gap(control: &str, level: u8, criterion: &CriterionResult) -> Option<Gap> {
    (criterion.status == CriterionStatus::NotMet).then(|| Gap {
        control: control.to_owned(),
        level,
        criterion: criterion.id.clone(),
        remediation: criterion.remediation.clone(),
        needs: criterion
            .requirements
            .iter()
            .filter(|r| !r.met)
            .map(|r| r.description.clone())
            .collect(),
    })
}

fn category_name(category: crate::catalog::TscCategory) -> &'static str {
    match category {
        crate::catalog::TscCategory::Confidentiality => "confidentiality",
        crate::catalog::TscCategory::Privacy => "privacy",
    }
}
