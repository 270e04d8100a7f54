//! Evaluating one requirement: select the items of its kind that match (basis,
//! conditions, sections, held, not expired, dated no later than the as-of date), then
//! quantify them by count and freshness, by cadence, by per-member coverage, by
//! roster or by timeliness (those two in `operation`). Every item that is set aside
//! is set aside with a reason.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::condition;
use super::context::{Context, add, cadence_slots, sub};
use super::links::Links;
use super::model::{
    CadenceResult, CoverageResult, EvidenceRef, Reason, ReasonCode, RequirementResult, SectionFound,
};
use super::sections::SectionVocabulary;
use crate::catalog::{Basis, DeadlineFrom, Requirement};
use crate::evidence::EvidenceItem;

use super::operation;
use super::select::{
    Selection, describe_member, members, no_events, no_period_ended, proving_within,
};

/// Evaluates `requirement` for `criterion`. `has_design` says whether the criterion
/// has a design requirement, without which a per-event requirement with no event in
/// the period is not met (never met by vacuity).
pub(super) fn evaluate(
    requirement: &Requirement,
    criterion: &str,
    has_design: bool,
    ctx: &Context<'_>,
) -> RequirementResult {
    let selection = select(requirement, ctx);
    let mut result = RequirementResult {
        description: requirement.description.clone(),
        kind: requirement.kind,
        met: false,
        design: requirement.design,
        design_only: false,
        reasons: Vec::new(),
        evidence: Vec::new(),
        cadence: None,
        coverage: None,
        roster: Vec::new(),
        sections: Vec::new(),
    };
    let used = if let Some(coverage) = &requirement.coverage {
        by_coverage(
            requirement,
            coverage,
            &selection,
            has_design,
            ctx,
            &mut result,
        )
    } else if let Some(timeliness) = &requirement.timeliness {
        operation::by_timeliness(timeliness, &selection, has_design, ctx, &mut result)
    } else if let (Some(roster), Some(cadence)) = (&requirement.roster, &requirement.cadence) {
        operation::by_roster(roster, cadence, &selection, ctx, &mut result)
    } else if let Some(cadence) = &requirement.cadence {
        by_cadence(cadence, &selection, ctx, &mut result)
    } else {
        by_count(requirement, &selection, ctx, &mut result)
    };
    result.evidence = used.iter().map(|i| ctx.reference(i)).collect();
    result.evidence.sort();
    result.evidence.dedup();
    // Which heading satisfied which section, in each document that counted.
    if !requirement.sections.is_empty() {
        for item in &used {
            let (found, _) = ctx.sections.check(&item.outline, &requirement.sections);
            result
                .sections
                .extend(found.into_iter().map(|m| SectionFound {
                    section: m.section.to_owned(),
                    heading: m.heading.text.clone(),
                    id: item.id.clone(),
                    line: m.heading.line,
                }));
        }
        result
            .sections
            .sort_by(|a, b| (&a.id, a.line).cmp(&(&b.id, b.line)));
        result
            .sections
            .dedup_by(|a, b| a.id == b.id && a.section == b.section);
    }
    if !result.met {
        if let Some(attestation) = attested(requirement, criterion, ctx) {
            result.met = true;
            result.reasons.clear();
            result.evidence = vec![ctx.reference(attestation)];
            return result;
        }
        explain_rejections(requirement, &selection, ctx, &mut result);
        // Another kind of evidence the catalog accepts for the same demand (an IR
        // plan section where a breach policy is asked for): the first met one counts.
        for alternative in &requirement.alternatives {
            let mut other = evaluate(alternative, criterion, has_design, ctx);
            if other.met {
                other.description = format!(
                    "{} (met by the alternative: {})",
                    requirement.description, alternative.description
                );
                other.design = requirement.design;
                return other;
            }
            for reason in other.reasons {
                result.reasons.push(Reason {
                    message: format!("or {}: {}", alternative.kind, reason.message),
                    ..reason
                });
            }
        }
    }
    result
}

fn select<'a>(requirement: &Requirement, ctx: &Context<'a>) -> Selection<'a> {
    let mut selection = Selection::default();
    for &item in ctx.items(requirement.kind) {
        if let Some((code, why)) = mismatch(requirement, item, &ctx.sections) {
            selection.not_matching.push((item, code, why));
        } else if ctx.expired(item) {
            selection.expired.push(item);
        } else if item.proves().is_some_and(|p| p.start > ctx.settings.as_of) {
            selection.future.push(item);
        } else {
            selection.matching.push(item);
        }
    }
    selection
}

/// Why an item does not match the requirement's basis, conditions or sections. A
/// missing section has its own code: it is a defect of the document a report can
/// point at, where a basis or condition mismatch only means the item is of no use here.
fn mismatch(
    requirement: &Requirement,
    item: &EvidenceItem,
    sections: &SectionVocabulary,
) -> Option<(ReasonCode, String)> {
    if !requirement.accepts_basis(item.basis) {
        let why = if item.basis == Basis::Attested {
            "its basis is attested; a statement counts only where the requirement accepts attested evidence, never for records that can be produced".to_owned()
        } else {
            format!("its basis is {}", basis_name(item.basis))
        };
        return Some((ReasonCode::NotMatching, why));
    }
    // Only an exercise that took place tests anything; a calendar entry does not.
    if item.kind == crate::evidence::EvidenceKind::Exercise {
        let status = item.field("status").and_then(|v| v.as_str());
        if status != Some("held") {
            return Some((
                ReasonCode::NotMatching,
                format!(
                    "it was not held (status: {})",
                    status.unwrap_or("not recorded")
                ),
            ));
        }
    }
    if let Some(c) = requirement
        .conditions
        .iter()
        .find(|c| !condition::holds(c, item))
    {
        return Some((ReasonCode::NotMatching, format!("`{c}` does not hold")));
    }
    let (_, missing) = sections.check(&item.outline, &requirement.sections);
    if !missing.is_empty() {
        return Some((
            ReasonCode::MissingSection,
            format!("it has no section {}", quoted(&missing)),
        ));
    }
    None
}

fn by_count<'a>(
    requirement: &Requirement,
    selection: &Selection<'a>,
    ctx: &Context<'a>,
    result: &mut RequirementResult,
) -> Vec<&'a EvidenceItem> {
    let as_of = ctx.settings.as_of;
    let (fresh, stale): (Vec<_>, Vec<_>) = match &requirement.within {
        Some(window) => {
            let from = sub(as_of, window);
            selection
                .matching
                .iter()
                .partition(|i| i.proves().is_some_and(|p| p.end >= from))
        }
        None => (selection.matching.clone(), Vec::new()),
    };
    let need = requirement.min_count as usize;
    result.met = fresh.len() >= need;
    if !result.met {
        if let Some(window) = &requirement.within {
            for item in &stale {
                let when = item
                    .proves()
                    .map_or_else(|| "no date".to_owned(), |p| p.end.to_string());
                result.reasons.push(Reason {
                    evidence: vec![ctx.reference(item)],
                    code: ReasonCode::Stale,
                    message: format!(
                        "{} ({when}) is older than {window} before {as_of} (the window starts {})",
                        item.id,
                        sub(as_of, window)
                    ),
                });
            }
        }
        if !fresh.is_empty() {
            result.reasons.push(Reason {
                evidence: Vec::new(),
                code: ReasonCode::InsufficientCount,
                message: format!("{} of the {need} items required", fresh.len()),
            });
        }
    }
    fresh
}

fn by_cadence<'a>(
    cadence: &crate::catalog::Cadence,
    selection: &Selection<'a>,
    ctx: &Context<'a>,
    result: &mut RequirementResult,
) -> Vec<&'a EvidenceItem> {
    let settings = ctx.settings;
    let (slots, not_expected) = cadence_slots(settings, &cadence.every);
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for slot in &slots {
        let inside = proving_within(&selection.matching, slot.window);
        if inside.len() >= cadence.min_per_period as usize {
            used.extend(inside);
        } else {
            missing.push(slot.shown);
        }
    }
    let periods = slots;
    let expected = u32::try_from(periods.len()).unwrap_or(u32::MAX);
    let found = expected - u32::try_from(missing.len()).unwrap_or(expected);
    result.met = expected > 0 && missing.is_empty();
    if expected == 0 {
        result.reasons.push(no_period_ended(cadence, settings));
    } else if !missing.is_empty() {
        let mut list = String::new();
        for (i, p) in missing.iter().enumerate() {
            let _ = write!(
                list,
                "{}{}..{}",
                if i == 0 { "" } else { ", " },
                p.start,
                p.end
            );
        }
        result.reasons.push(Reason {
            evidence: Vec::new(),
            code: ReasonCode::InsufficientCount,
            message: format!(
                "{found} of {expected} periods of {} have evidence; none (or too little) in {list}",
                cadence.every
            ),
        });
    }
    result.cadence = Some(CadenceResult {
        expected,
        found,
        missing,
        not_expected,
    });
    used
}

fn by_coverage<'a>(
    requirement: &Requirement,
    coverage: &crate::catalog::Coverage,
    selection: &Selection<'a>,
    has_design: bool,
    ctx: &Context<'a>,
    result: &mut RequirementResult,
) -> Vec<&'a EvidenceItem> {
    let members = members(ctx, coverage.of, &coverage.conditions);
    let mut used = Vec::new();
    let mut uncovered = Vec::new();
    let mut pending = Vec::new();
    let from = ctx
        .settings
        .deadline_from
        .get(&requirement.kind)
        .copied()
        .or(coverage.from)
        .unwrap_or(DeadlineFrom::Start);
    // Coverage of a kind by itself: each member must itself match the requirement
    // (every incident of the period records its severity).
    let itself = coverage.of == requirement.kind;
    let links = Links::new(&selection.matching);
    let selected: HashSet<*const EvidenceItem> = if itself {
        selection
            .matching
            .iter()
            .map(|p| std::ptr::from_ref(*p))
            .collect()
    } else {
        HashSet::new()
    };
    for member in &members {
        let start = match from {
            DeadlineFrom::Start => member.proves().map(|p| p.start),
            DeadlineFrom::Closure => member
                .field("closed")
                .and_then(|v| v.as_str())
                .and_then(|d| d.parse().ok()),
        };
        let linked: Vec<&EvidenceItem> = if itself {
            // Members and selection are the same kind: the member itself, if selected.
            if selected.contains(&std::ptr::from_ref(*member)) {
                vec![*member]
            } else {
                Vec::new()
            }
        } else {
            links.of(member)
        };
        let deadline = start.zip(coverage.within.as_ref()).map(|(s, w)| add(s, w));
        let in_time: Vec<&EvidenceItem> = linked
            .iter()
            .copied()
            .filter(|p| deadline.is_none_or(|d| p.proves().is_some_and(|pp| pp.end <= d)))
            .collect();
        // Not yet due: still open (deadline from closure), or its deadline is after
        // the as-of date. Neither met nor missing; listed.
        let not_due = coverage.within.is_some()
            && !itself
            && match deadline {
                Some(d) => d > ctx.settings.as_of,
                None => from == DeadlineFrom::Closure,
            };
        if let Some(first) = in_time.first() {
            used.push(*first);
            used.push(*member);
        } else if not_due && linked.is_empty() {
            pending.push(match deadline {
                Some(d) => format!(
                    "{} ({}): {} due by {d}, after the as-of date",
                    member.id,
                    describe_member(member),
                    requirement.kind
                ),
                None => format!(
                    "{} ({}): still open; {} due {} after it closes",
                    member.id,
                    describe_member(member),
                    requirement.kind,
                    coverage
                        .within
                        .as_ref()
                        .map_or_else(String::new, ToString::to_string)
                ),
            });
        } else {
            let mut text = if itself {
                format!(
                    "{} ({}) does not record what the requirement asks",
                    member.id,
                    describe_member(member)
                )
            } else {
                format!(
                    "{} ({}) has no {}",
                    member.id,
                    describe_member(member),
                    requirement.kind
                )
            };
            if let (Some(late), Some(deadline)) = (linked.first(), deadline) {
                let when = late
                    .proves()
                    .map_or_else(String::new, |p| p.end.to_string());
                text = format!(
                    "{} ({}) has {} {} dated {when}, after its deadline {deadline}",
                    member.id,
                    describe_member(member),
                    requirement.kind,
                    late.id
                );
                result.reasons.push(Reason {
                    evidence: vec![ctx.reference(late), ctx.reference(member)],
                    code: ReasonCode::Late,
                    message: text.clone(),
                });
            } else {
                if let Some(within) = coverage.within.as_ref().filter(|_| !itself) {
                    let _ = write!(text, " within {within}");
                }
                result.reasons.push(Reason {
                    evidence: vec![ctx.reference(member)],
                    code: ReasonCode::InsufficientCoverage,
                    message: text.clone(),
                });
            }
            uncovered.push(text);
        }
    }
    let members_n = u32::try_from(members.len()).unwrap_or(u32::MAX);
    let uncovered_n = u32::try_from(uncovered.len()).unwrap_or(members_n);
    result.met = uncovered.is_empty();
    if members.len() == pending.len() {
        let what = if members.is_empty() {
            format!(
                "no {} {}",
                coverage.of,
                describe_conditions(&coverage.conditions)
            )
        } else {
            format!("no {} whose {} is due yet", coverage.of, requirement.kind)
        };
        no_events(result, has_design, &what, ctx);
    }
    let pending_n = u32::try_from(pending.len()).unwrap_or(0);
    result.coverage = Some(CoverageResult {
        members: members_n,
        covered: members_n - uncovered_n - pending_n,
        uncovered,
        pending,
    });
    used
}

/// `with severity in [sev-1, sev-2]` for a member filter.
fn describe_conditions(conditions: &[crate::catalog::FieldCondition]) -> String {
    if conditions.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = conditions.iter().map(ToString::to_string).collect();
    format!("with {}", parts.join(" and "))
}

/// A valid attestation covering the criterion stands in for a requirement that
/// accepts attested evidence.
fn attested<'a>(
    requirement: &Requirement,
    criterion: &str,
    ctx: &Context<'a>,
) -> Option<&'a EvidenceItem> {
    // Only where the catalog explicitly accepts a statement, and never for
    // operating evidence (cadence, coverage, roster, timeliness): those records exist
    // or they do not.
    if !requirement.accepts.contains(&Basis::Attested) || requirement.is_operating() {
        return None;
    }
    ctx.items(crate::evidence::EvidenceKind::Attestation)
        .iter()
        .copied()
        .filter(|a| !ctx.expired(a) && a.proves().is_none_or(|p| p.start <= ctx.settings.as_of))
        .find(|a| covers(a, criterion))
}

/// Whether an attestation or waiver lists `criterion` in `covers`.
pub fn covers(item: &EvidenceItem, criterion: &str) -> bool {
    item.field("covers")
        .and_then(|v| v.as_array())
        .is_some_and(|ids| {
            ids.iter().any(|id| {
                id.as_str()
                    .is_some_and(|s| s.eq_ignore_ascii_case(criterion))
            })
        })
}

fn explain_rejections(
    requirement: &Requirement,
    selection: &Selection<'_>,
    ctx: &Context<'_>,
    result: &mut RequirementResult,
) {
    let kind = requirement.kind;
    let none = ctx.items(kind).is_empty();
    if none {
        result.reasons.push(Reason {
            evidence: Vec::new(),
            code: ReasonCode::Missing,
            message: format!("no valid `{kind}` item in the evidence"),
        });
    }
    for file in ctx.invalid(kind) {
        result.reasons.push(Reason {
            evidence: vec![EvidenceRef {
                id: file.id.clone().unwrap_or_default(),
                title: String::new(),
                path: file.path.clone(),
                line: 0,
                sha256: file.sha256.to_string(),
            }],
            code: ReasonCode::Invalid,
            message: format!(
                "{} ({}) is invalid and does not count; see `evident validate`",
                file.path,
                file.id.as_deref().unwrap_or("no id")
            ),
        });
    }
    for item in &selection.expired {
        let until = ctx
            .valid_until(item)
            .map_or_else(String::new, |d| d.to_string());
        result.reasons.push(Reason {
            evidence: vec![ctx.reference(item)],
            code: ReasonCode::Expired,
            message: format!("{} has expired: its last valid day was {until}", item.id),
        });
    }
    for item in &selection.future {
        let when = item
            .proves()
            .map_or_else(String::new, |p| p.start.to_string());
        result.reasons.push(Reason {
            evidence: vec![ctx.reference(item)],
            code: ReasonCode::OutsidePeriod,
            message: format!(
                "{} proves {when}, after the as-of date {}",
                item.id, ctx.settings.as_of
            ),
        });
    }
    // One reason per distinct why, with a count and the first few ids, so seventeen
    // minutes of the wrong body read as one line; every item stays in the evidence.
    let mut groups: Vec<(ReasonCode, &str, Vec<&EvidenceItem>)> = Vec::new();
    for (item, code, why) in &selection.not_matching {
        match groups
            .iter_mut()
            .find(|(c, w, _)| c == code && *w == why.as_str())
        {
            Some((_, _, items)) => items.push(item),
            None => groups.push((*code, why.as_str(), vec![item])),
        }
    }
    for (code, why, items) in groups {
        let message = if let [item] = items.as_slice() {
            format!("{} does not match: {why}", item.id)
        } else {
            format!(
                "{} items do not match: {why} ({})",
                items.len(),
                first_ids(&items, GROUP_IDS_SHOWN)
            )
        };
        result.reasons.push(Reason {
            evidence: items.iter().map(|i| ctx.reference(i)).collect(),
            code,
            message,
        });
    }
    if result.reasons.is_empty() && !none && selection.matching.is_empty() {
        result.reasons.push(Reason {
            evidence: Vec::new(),
            code: ReasonCode::Missing,
            message: format!("no `{kind}` item matches"),
        });
    }
}

/// How many ids a grouped reason names before "and N more".
const GROUP_IDS_SHOWN: usize = 3;

/// `A, B, C and 2 more`.
fn first_ids(items: &[&EvidenceItem], shown: usize) -> String {
    let mut text = items
        .iter()
        .take(shown)
        .map(|i| i.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > shown {
        let _ = write!(text, " and {} more", items.len() - shown);
    }
    text
}

fn basis_name(basis: Basis) -> &'static str {
    basis.into()
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
