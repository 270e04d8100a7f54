//! Operating evidence that is counted, never read: coverage by identity (the people
//! of a roster named in each period's records, so a `completion_rate` an item states
//! about itself plays no part) and notification timeliness against the obligations
//! register (each duty an incident triggered, notified to its recipient by its
//! deadline, counted from detection or from the determination of a breach).

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value as Json;

use super::context::{Context, cadence_slots};
use super::links::notifications_by_incident;
use super::model::{EvidenceRef, Reason, ReasonCode, RequirementResult, RosterResult};
use super::select::{
    Selection, describe_member, members, no_events, no_period_ended, proving_within,
};
use crate::catalog::{Cadence, Roster, Timeliness};
use crate::duration::IsoDuration;
use crate::evidence::{EvidenceItem, EvidenceKind, Period};

/// Roster coverage over the cadence's periods: in each period that has ended by the
/// as-of date, the people named in the matching items (`participants`) must include at
/// least `min_share` of the roster in effect at the period's end.
pub(super) fn by_roster<'a>(
    roster: &Roster,
    cadence: &Cadence,
    selection: &Selection<'a>,
    ctx: &Context<'a>,
    result: &mut RequirementResult,
) -> Vec<&'a EvidenceItem> {
    let settings = ctx.settings;
    let (slots, _) = cadence_slots(settings, &cadence.every);
    let mut used = Vec::new();
    let mut all_met = !slots.is_empty();
    if slots.is_empty() {
        result.reasons.push(no_period_ended(cadence, settings));
    }
    for slot in slots {
        let (period, window) = (slot.shown, slot.window);
        let inside = proving_within(&selection.matching, window);
        let named: BTreeSet<String> = inside
            .iter()
            .flat_map(|i| people(i.field("participants")))
            .map(|n| fold(&n))
            .collect();
        let list = roster_in_effect(ctx, roster.of, window);
        let people_on_roster = list.map_or_else(Vec::new, |r| people(r.field("members")));
        let missing: Vec<String> = people_on_roster
            .iter()
            .filter(|p| !named.contains(&fold(p)))
            .cloned()
            .collect();
        let members = u32::try_from(people_on_roster.len()).unwrap_or(u32::MAX);
        let named_n = members - u32::try_from(missing.len()).unwrap_or(members);
        let share = if members == 0 {
            0.0
        } else {
            f64::from(named_n) / f64::from(members)
        };
        let met = members > 0 && share >= roster.min_share - 1e-9;
        let reference = list.map(|r| ctx.reference(r));
        if met {
            used.extend(inside.iter().copied());
            used.extend(list);
        } else {
            all_met = false;
            result.reasons.push(roster_reason(
                period,
                roster,
                reference.clone(),
                &inside,
                named_n,
                members,
                &missing,
                ctx,
            ));
        }
        result.roster.push(RosterResult {
            period,
            roster: reference,
            members,
            named: named_n,
            missing,
        });
    }
    result.met = all_met;
    used
}

#[allow(clippy::too_many_arguments)] // One reason, told from every part of the period's count.
fn roster_reason(
    period: Period,
    roster: &Roster,
    reference: Option<EvidenceRef>,
    inside: &[&EvidenceItem],
    named: u32,
    members: u32,
    missing: &[String],
    ctx: &Context<'_>,
) -> Reason {
    let span = format!("{}..{}", period.start, period.end);
    let Some(reference) = reference else {
        return Reason {
            evidence: Vec::new(),
            code: ReasonCode::Missing,
            message: format!(
                "{span}: no `{}` roster in effect to count trained people against",
                roster.of
            ),
        };
    };
    if members == 0 {
        return Reason {
            message: format!("{span}: the roster {} names nobody", reference.id),
            evidence: vec![reference],
            code: ReasonCode::InsufficientRoster,
        };
    }
    let mut evidence = vec![reference.clone()];
    evidence.extend(inside.iter().map(|i| ctx.reference(i)));
    let percent = (f64::from(named) * 100.0 / f64::from(members)).floor();
    Reason {
        code: ReasonCode::InsufficientRoster,
        message: format!(
            "{span}: {named} of the {members} people on {} ({percent}%) are named in the period's records, below {}%; not named: {}",
            reference.id,
            (roster.min_share * 100.0).round(),
            missing.join(", ")
        ),
        evidence,
    }
}

/// The latest item of `kind` that is in effect at `period`'s end: dated no later than
/// it and not expired by then.
fn roster_in_effect<'a>(
    ctx: &Context<'a>,
    kind: EvidenceKind,
    period: Period,
) -> Option<&'a EvidenceItem> {
    ctx.items(kind)
        .iter()
        .copied()
        .filter(|r| r.proves().is_some_and(|p| p.start <= period.end))
        .filter(|r| ctx.valid_until(r).is_none_or(|until| until >= period.end))
        .max_by(|a, b| {
            let key = |i: &EvidenceItem| i.proves().map(|p| p.start);
            key(a).cmp(&key(b)).then_with(|| b.id.cmp(&a.id))
        })
}

/// The names in a list of people (`[{name: …}]`).
fn people(list: Option<&Json>) -> Vec<String> {
    list.and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("name").and_then(Json::as_str))
        .map(str::to_owned)
        .collect()
}

/// A name compared as a person: case and runs of white space folded, and a learning
/// system's `Last, First` read as `First Last`.
fn fold(name: &str) -> String {
    let ordered = match name.split_once(',') {
        Some((last, first)) if !first.contains(',') => format!("{first} {last}"),
        _ => name.to_owned(),
    };
    ordered
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One duty of the register, as timeliness reads it.
struct Duty<'j> {
    name: &'j str,
    recipient: Option<&'j str>,
    deadline: Option<IsoDuration>,
    from_determination: bool,
}

/// Timeliness: for each member (incident) of the period, each register duty it
/// triggered must have a notification to its recipient, for that member, sent by the
/// deadline. A member that does not record which duties it triggered cannot be
/// checked, so it does not pass.
pub(super) fn by_timeliness<'a>(
    timeliness: &Timeliness,
    selection: &Selection<'a>,
    has_design: bool,
    ctx: &Context<'a>,
    result: &mut RequirementResult,
) -> Vec<&'a EvidenceItem> {
    let members = members(ctx, timeliness.of, &timeliness.conditions);
    let register = ctx
        .items(EvidenceKind::ObligationsRegister)
        .iter()
        .copied()
        .filter(|r| !ctx.expired(r) && r.proves().is_some_and(|p| p.start <= ctx.settings.as_of))
        .max_by_key(|r| (r.proves().map(|p| p.start), std::cmp::Reverse(r.id.clone())));
    let duties: Vec<Duty<'_>> = register
        .and_then(|r| r.field("obligations"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|o| {
            Some(Duty {
                name: o.get("name")?.as_str()?,
                recipient: o.get("notify").and_then(Json::as_str),
                deadline: o
                    .get("deadline")
                    .and_then(Json::as_str)
                    .and_then(|d| d.parse().ok()),
                from_determination: o.get("from").and_then(Json::as_str) == Some("determination"),
            })
        })
        .collect();
    // Every notification by the incident it concerns, indexed once for all members.
    let sent_by_incident = notifications_by_incident(&selection.matching);
    let mut used = Vec::new();
    let mut failed = 0usize;
    for member in &members {
        let problems = check_member(member, register, &duties, &sent_by_incident, ctx, &mut used);
        if problems.is_empty() {
            used.push(*member);
        } else {
            failed += 1;
            result.reasons.extend(problems);
        }
    }
    if let (Some(register), false) = (register, used.is_empty()) {
        used.push(register);
    }
    result.met = failed == 0;
    if members.is_empty() {
        no_events(
            result,
            has_design,
            &format!("no {} to notify", timeliness.of),
            ctx,
        );
    }
    used
}

fn check_member<'a>(
    member: &'a EvidenceItem,
    register: Option<&'a EvidenceItem>,
    duties: &[Duty<'_>],
    sent_by_incident: &HashMap<&str, Vec<(&'a EvidenceItem, &'a Json)>>,
    ctx: &Context<'a>,
    used: &mut Vec<&'a EvidenceItem>,
) -> Vec<Reason> {
    let who = format!("{} ({})", member.id, describe_member(member));
    let at = |code, message: String| Reason {
        evidence: vec![ctx.reference(member)],
        code,
        message,
    };
    let Some(register) = register else {
        return vec![at(
            ReasonCode::Missing,
            format!("{who}: no obligations register to take the notification deadlines from"),
        )];
    };
    let Some(triggered) = member.field("obligations").and_then(Json::as_array) else {
        return vec![at(
            ReasonCode::InsufficientCoverage,
            format!(
                "{who} does not record which duties of {} it triggered (`obligations: [names]`, or `[]` for none), so the timeliness of its notifications cannot be checked",
                register.id
            ),
        )];
    };
    let detected = timestamp(member.field("detected")).or_else(|| {
        member
            .proves()
            .and_then(|p| p.start.to_zoned(TimeZone::UTC).ok())
            .map(|z| z.timestamp())
    });
    let determined = timestamp(member.field("breach_determined"));
    // Every notification in the logs that concerns this member.
    let sent: &[(&'a EvidenceItem, &Json)] = sent_by_incident
        .get(member.id.as_str())
        .map_or(&[], Vec::as_slice);
    let mut problems = Vec::new();
    for name in triggered.iter().filter_map(Json::as_str) {
        let Some(duty) = duties.iter().find(|d| d.name == name) else {
            problems.push(at(
                ReasonCode::NotMatching,
                format!(
                    "{who} names the duty \"{name}\", which is not in {}",
                    register.id
                ),
            ));
            continue;
        };
        let candidates: Vec<&(&EvidenceItem, &Json)> = sent
            .iter()
            .filter(|(_, n)| {
                let to = n.get("recipient").and_then(Json::as_str);
                let discharges = n.get("obligation").and_then(Json::as_str);
                discharges.map_or(duty.recipient.is_some() && to == duty.recipient, |o| {
                    o == name
                })
            })
            .collect();
        let first = candidates
            .iter()
            .filter_map(|(log, n)| Some((*log, timestamp(n.get("sent"))?)))
            .min_by_key(|(_, t)| *t);
        let recipient = duty.recipient.unwrap_or("its recipient");
        let anchor = if duty.from_determination {
            determined.or(detected)
        } else {
            detected
        };
        let anchor_name = if duty.from_determination && determined.is_some() {
            "the determination of a breach"
        } else {
            "detection"
        };
        let deadline = anchor.zip(duty.deadline.as_ref()).and_then(|(a, d)| {
            a.to_zoned(TimeZone::UTC)
                .checked_add(d.span())
                .ok()
                .map(|z| z.timestamp())
        });
        match (first, deadline) {
            (None, _) => problems.push(at(
                ReasonCode::InsufficientCoverage,
                format!(
                    "{who}: no notification to {recipient} for \"{name}\"{}",
                    deadline.map_or_else(String::new, |d| format!(
                        " (deadline {d}, {} after {anchor_name})",
                        show(duty.deadline.as_ref())
                    ))
                ),
            )),
            (Some((log, when)), Some(deadline)) if when > deadline => {
                let late = when.duration_since(deadline);
                problems.push(Reason {
                    evidence: vec![ctx.reference(log), ctx.reference(member)],
                    code: ReasonCode::Late,
                    message: format!(
                        "{who}: {recipient} notified at {when} for \"{name}\", {} after the deadline {deadline} ({} after {anchor_name})",
                        hours(late),
                        show(duty.deadline.as_ref())
                    ),
                });
            }
            (Some((log, _)), _) => used.push(log),
        }
    }
    problems
}

fn show(d: Option<&IsoDuration>) -> String {
    d.map_or_else(|| "no deadline".to_owned(), ToString::to_string)
}

/// `6 days 4 hours` for a signed duration that is positive.
fn hours(d: jiff::SignedDuration) -> String {
    let total = d.as_secs() / 60;
    let (days, rest) = (total / (24 * 60), total % (24 * 60));
    let (h, m) = (rest / 60, rest % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} day{}", if days == 1 { "" } else { "s" }));
    }
    if h > 0 {
        parts.push(format!("{h} hour{}", if h == 1 { "" } else { "s" }));
    }
    if m > 0 || parts.is_empty() {
        parts.push(format!("{m} minute{}", if m == 1 { "" } else { "s" }));
    }
    parts.join(" ")
}

fn timestamp(value: Option<&Json>) -> Option<Timestamp> {
    value.and_then(Json::as_str).and_then(|s| s.parse().ok())
}
