//! What the ways of quantifying a requirement share: the selection of items with the
//! reasons others were set aside, the members of a per-member rule, the items of one
//! cadence period, and the wording of a per-event requirement with no event.

use super::condition;
use super::context::Context;
use super::model::{Reason, ReasonCode, RequirementResult};
use crate::evidence::EvidenceItem;

/// Items of the requirement's kind, sorted into why they do or do not count.
#[derive(Default)]
pub(super) struct Selection<'a> {
    pub matching: Vec<&'a EvidenceItem>,
    pub not_matching: Vec<(&'a EvidenceItem, ReasonCode, String)>,
    pub expired: Vec<&'a EvidenceItem>,
    pub future: Vec<&'a EvidenceItem>,
}

/// The matching items whose period ends inside `window` (one period of a cadence).
pub(super) fn proving_within<'a>(
    matching: &[&'a EvidenceItem],
    window: crate::evidence::Period,
) -> Vec<&'a EvidenceItem> {
    matching
        .iter()
        .copied()
        .filter(|i| {
            i.proves()
                .is_some_and(|p| p.end >= window.start && p.end <= window.end)
        })
        .collect()
}

/// A cadence none of whose periods has ended by the as-of date.
pub(super) fn no_period_ended(
    cadence: &crate::catalog::Cadence,
    settings: &super::context::Settings,
) -> Reason {
    Reason {
        evidence: Vec::new(),
        code: ReasonCode::OutsidePeriod,
        message: format!(
            "no {} period of the audit period {}..{} has ended by {}",
            cadence.every, settings.audit_period.start, settings.audit_period.end, settings.as_of
        ),
    }
}

/// The members of a per-member rule: items of `of` matching `conditions` whose
/// period starts in the audit period, by the as-of date.
pub(super) fn members<'a>(
    ctx: &Context<'a>,
    of: crate::evidence::EvidenceKind,
    conditions: &[crate::catalog::FieldCondition],
) -> Vec<&'a EvidenceItem> {
    let settings = ctx.settings;
    ctx.items(of)
        .iter()
        .copied()
        .filter(|m| conditions.iter().all(|c| condition::holds(c, m)))
        .filter(|m| {
            m.proves().is_some_and(|p| {
                p.start >= settings.audit_period.start
                    && p.start <= settings.audit_period.end
                    && p.start <= settings.as_of
            })
        })
        .collect()
}

/// A per-event requirement with no event in the period: met on the criterion's design
/// alone when it has one (and says so), never by vacuity.
pub(super) fn no_events(
    result: &mut RequirementResult,
    has_design: bool,
    what: &str,
    ctx: &Context<'_>,
) {
    let period = ctx.settings.audit_period;
    let when = format!("in the audit period {}..{}", period.start, period.end);
    if has_design {
        result.met = true;
        result.design_only = true;
        result.reasons.push(Reason {
            evidence: Vec::new(),
            code: ReasonCode::NoEvents,
            message: format!("{what} {when}: met on design only (the procedure exists; its operation could not be shown)"),
        });
    } else {
        result.met = false;
        result.reasons.push(Reason {
            evidence: Vec::new(),
            code: ReasonCode::NoDesign,
            message: format!(
                "{what} {when}, and the criterion has no design requirement: not met by vacuity"
            ),
        });
    }
}

/// `sev-1, closed 2026-02-01` for an incident; the date it proves otherwise.
pub(super) fn describe_member(member: &EvidenceItem) -> String {
    let mut parts = Vec::new();
    if let Some(severity) = member.field("severity").and_then(|v| v.as_str()) {
        parts.push(severity.to_owned());
    }
    if let Some(closed) = member.field("closed").and_then(|v| v.as_str()) {
        parts.push(format!("closed {closed}"));
    } else if let Some(p) = member.proves() {
        parts.push(p.start.to_string());
    }
    parts.join(", ")
}
