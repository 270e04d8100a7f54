//! Phase two of catalog loading: the rules a schema cannot express, checked across
//! every file at once so the user sees all problems in one run.
//!
//! Ids are unique across catalogs (and a user catalog cannot take a built-in id),
//! each control has one scoring model, maturity levels are numbered 0 to 5 with
//! undefined levels only at the top, every criterion has a requirement whose fields go
//! together, and every mapping resolves to a defined control, level or criterion.

use std::collections::HashMap;

use super::load::ParsedFile;
use super::model::{Basis, Control, Criterion, FieldCondition, Requirement};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::evidence::{EvidenceKind, kinds};

/// What an id names, for resolving mappings.
#[derive(Debug, Clone, Copy)]
enum Target {
    Control,
    Criterion,
    Level { defined: bool },
}

struct Definition {
    /// The id as written.
    id: String,
    file: usize,
    pointer: String,
    target: Target,
}

/// Checks the parsed files, pushing a diagnostic per problem.
pub(super) fn check(files: &[ParsedFile], out: &mut Diagnostics) {
    // Keyed by lower-case id: users type ids in any case, so two ids that differ only
    // in case would be ambiguous.
    let mut ids: HashMap<String, Definition> = HashMap::new();
    for (fi, parsed) in files.iter().enumerate() {
        for (ci, control) in parsed.file.controls.iter().enumerate() {
            let base = format!("/controls/{ci}");
            define(
                files,
                &mut ids,
                out,
                fi,
                &control.id,
                format!("{base}/id"),
                Target::Control,
            );
            check_control(files, &mut ids, out, fi, control, &base);
        }
    }
    for (fi, parsed) in files.iter().enumerate() {
        for (mi, mapping) in parsed.file.mappings.iter().enumerate() {
            for (end, id) in [("from", &mapping.from), ("to", &mapping.to)] {
                let pointer = format!("/mappings/{mi}/{end}");
                check_reference(files, &ids, out, fi, id, &pointer);
            }
            let from = ids.get(&mapping.from.to_ascii_lowercase());
            if from.is_some_and(|d| d.file != fi) {
                let d = Diagnostic::error(
                    Code::DanglingMapping,
                    format!("mapping starts from `{}`, which another catalog file defines", mapping.from),
                )
                .help("declare a mapping in the file that defines its `from` side; `to` may name any catalog");
                report(files, out, fi, &format!("/mappings/{mi}/from"), d);
            }
        }
    }
}

fn report(files: &[ParsedFile], out: &mut Diagnostics, fi: usize, pointer: &str, d: Diagnostic) {
    let parsed = &files[fi];
    out.push_in(&parsed.input.source, d.at(parsed.locate(pointer)));
}

fn define(
    files: &[ParsedFile],
    ids: &mut HashMap<String, Definition>,
    out: &mut Diagnostics,
    fi: usize,
    id: &str,
    pointer: String,
    target: Target,
) {
    let key = id.to_ascii_lowercase();
    if let Some(first) = ids.get(&key) {
        let first_at = describe_location(&files[first.file].locate(&first.pointer));
        let replaces_builtin = files[first.file].input.builtin && !files[fi].input.builtin;
        let d = if replaces_builtin {
            Diagnostic::error(
                Code::BuiltinIdReplaced,
                format!("`{id}` is already defined by the built-in catalog ({first_at})"),
            )
            .label("user catalogs cannot replace a built-in id")
            .help("give your control its own id, e.g. with your organisation's prefix")
        } else {
            Diagnostic::error(
                Code::DuplicateId,
                format!("id `{id}` is defined twice (ids compare case-insensitively)"),
            )
            .label("second definition")
            .help(format!(
                "the first definition is at {first_at}; ids must be unique across all catalogs"
            ))
        };
        report(files, out, fi, &pointer, d);
        return;
    }
    ids.insert(
        key,
        Definition {
            id: id.to_owned(),
            file: fi,
            pointer,
            target,
        },
    );
}

fn describe_location(location: &Location) -> String {
    format!("{}:{}:{}", location.path, location.line, location.column)
}

fn check_control(
    files: &[ParsedFile],
    ids: &mut HashMap<String, Definition>,
    out: &mut Diagnostics,
    fi: usize,
    control: &Control,
    base: &str,
) {
    let present = [
        control.points_of_focus.is_some(),
        control.levels.is_some(),
        control.steps.is_some(),
    ];
    if present.iter().filter(|p| **p).count() != 1 {
        let d = Diagnostic::error(
            Code::ControlShape,
            format!("control `{}` must have exactly one of points_of_focus, levels or steps", control.id),
        )
        .help("points_of_focus for a SOC 2 criterion, levels for an SCF control, steps for a procedure");
        report(files, out, fi, &format!("{base}/id"), d);
    }
    for (key, list) in [
        ("points_of_focus", &control.points_of_focus),
        ("steps", &control.steps),
    ] {
        for (k, criterion) in list.iter().flatten().enumerate() {
            check_criterion(files, ids, out, fi, criterion, &format!("{base}/{key}/{k}"));
        }
    }
    let Some(levels) = &control.levels else {
        return;
    };
    if levels.len() != 6 {
        let d = Diagnostic::error(
            Code::LevelNumbering,
            format!(
                "control `{}` has {} levels; C|P-CMM has six, 0 to 5",
                control.id,
                levels.len()
            ),
        )
        .help("list levels 0 to 5; mark a level the source calls N/A with `not_defined: <reason>`");
        report(files, out, fi, &format!("{base}/levels"), d);
    }
    let mut capped_at: Option<u8> = None;
    for (li, level) in levels.iter().enumerate() {
        let at = format!("{base}/levels/{li}");
        if usize::from(level.level) != li {
            let d = Diagnostic::error(
                Code::LevelNumbering,
                format!("level {} is listed in position {li}", level.level),
            )
            .label(format!("expected level {li}"))
            .help("list the levels in order, 0 to 5, each once");
            report(files, out, fi, &format!("{at}/level"), d);
        }
        let level_id = level.id(&control.id);
        let target = Target::Level {
            defined: level.is_defined(),
        };
        define(
            files,
            ids,
            out,
            fi,
            &level_id,
            format!("{at}/level"),
            target,
        );
        check_level_content(files, out, fi, control, level, &at, &mut capped_at);
        for (k, criterion) in level.criteria.iter().enumerate() {
            check_criterion(
                files,
                ids,
                out,
                fi,
                criterion,
                &format!("{at}/criteria/{k}"),
            );
        }
    }
}

fn check_level_content(
    files: &[ParsedFile],
    out: &mut Diagnostics,
    fi: usize,
    control: &Control,
    level: &super::Level,
    at: &str,
    capped_at: &mut Option<u8>,
) {
    let n = level.level;
    let problem = match (&level.not_defined, level.description.is_some()) {
        (Some(_), _) if !level.criteria.is_empty() => Some((
            "a level that is not defined cannot have criteria",
            "remove the criteria or the `not_defined` reason",
        )),
        (Some(_), true) => Some((
            "a level that is not defined has no description",
            "keep the source's N/A text in `not_defined` only",
        )),
        (None, false) => Some((
            "a defined level needs its description",
            "add `description:` with the source's text",
        )),
        (None, true) if n == 0 && !level.criteria.is_empty() => Some((
            "level 0 (not performed) cannot have criteria",
            "move the criteria to level 1 or higher",
        )),
        (None, true) if n > 0 && level.criteria.is_empty() => Some((
            "a defined level above 0 needs at least one criterion",
            "add the level's criteria, or mark it `not_defined`",
        )),
        _ => None,
    };
    if let Some((message, help)) = problem {
        let d = Diagnostic::error(
            Code::LevelContent,
            format!("{}.L{n}: {message}", control.id),
        )
        .help(help);
        report(files, out, fi, &format!("{at}/level"), d);
    }
    match (*capped_at, level.is_defined()) {
        (None, false) => *capped_at = Some(n),
        (Some(cap), true) => {
            let d = Diagnostic::error(
                Code::LevelContent,
                format!("{}.L{n} is defined but L{cap} below it is not", control.id),
            )
            .help("undefined levels cap the scale: every level above one that is not defined must also be not defined");
            report(files, out, fi, &format!("{at}/level"), d);
        }
        _ => {}
    }
}

fn check_criterion(
    files: &[ParsedFile],
    ids: &mut HashMap<String, Definition>,
    out: &mut Diagnostics,
    fi: usize,
    criterion: &Criterion,
    at: &str,
) {
    define(
        files,
        ids,
        out,
        fi,
        &criterion.id,
        format!("{at}/id"),
        Target::Criterion,
    );
    if criterion.requirements.is_empty() {
        let d = Diagnostic::error(
            Code::CriterionWithoutRequirement,
            format!("`{}` has no evidence requirement", criterion.id),
        )
        .label("no `requirements`")
        .help("add at least one requirement naming the evidence kind that proves this criterion (see docs/catalog.md)");
        report(files, out, fi, &format!("{at}/id"), d);
    }
    let per_event = criterion
        .requirements
        .iter()
        .position(Requirement::is_per_event);
    if let Some(ri) = per_event.filter(|_| !criterion.requirements.iter().any(|r| r.design)) {
        let d = Diagnostic::error(
            Code::MissingDesign,
            format!(
                "`{}` counts per-event evidence but has no design requirement; with no event in the period it would be met by vacuity",
                criterion.id
            ),
        )
        .label("per-event requirement")
        .help("add a requirement with `design: true` naming the current, approved plan or policy section that defines the activity (see docs/catalog.md)");
        report(files, out, fi, &format!("{at}/requirements/{ri}"), d);
    }
    for (ri, requirement) in criterion.requirements.iter().enumerate() {
        let at = format!("{at}/requirements/{ri}");
        check_requirement(files, out, fi, requirement, &at);
        for (ai, alternative) in requirement.alternatives.iter().enumerate() {
            check_requirement(files, out, fi, alternative, &format!("{at}/or/{ai}"));
        }
    }
}

fn check_requirement(
    files: &[ParsedFile],
    out: &mut Diagnostics,
    fi: usize,
    r: &Requirement,
    at: &str,
) {
    if r.cadence.is_some() && r.coverage.is_some() {
        let d = Diagnostic::error(Code::InvalidRequirement, "a requirement cannot have both `cadence` and `coverage`")
            .help("split it into two requirements: one for the recurrence, one for the per-member coverage");
        report(files, out, fi, &format!("{at}/cadence"), d);
    }
    if r.timeliness.is_some() && (r.coverage.is_some() || r.cadence.is_some()) {
        let d = Diagnostic::error(
            Code::InvalidRequirement,
            "`timeliness` counts notifications per member and cannot go with `coverage` or `cadence`",
        )
        .help("split it into one requirement per way of counting");
        report(files, out, fi, &format!("{at}/timeliness"), d);
    }
    let invalid = |field: &str, message: String, help: &str| {
        (
            format!("{at}/{field}"),
            Diagnostic::error(Code::InvalidRequirement, message).help(help.to_owned()),
        )
    };
    let mut problems = Vec::new();
    if r.design && (r.is_operating() || r.within.is_none()) {
        problems.push(invalid(
            "design",
            "a design requirement is a current procedure: it needs `within` and cannot count a cadence, coverage, roster or timeliness".to_owned(),
            "give it `within: P365D` (reviewed in the last 12 months) and count operation in another requirement",
        ));
    }
    if r.accepts.contains(&Basis::Attested) && r.is_operating() {
        problems.push(invalid(
            "accepts",
            "an attestation never stands in for operating evidence (a cadence, coverage, roster or timeliness)".to_owned(),
            "drop `attested` from `accepts`: the records of operation exist or they do not",
        ));
    }
    if r.roster.is_some() && r.cadence.is_none() {
        problems.push(invalid(
            "roster",
            "`roster` counts people per period and needs a `cadence`".to_owned(),
            "add `cadence: {every: P1Y}` (or the period the roster must be covered in)",
        ));
    }
    if let Some(roster) = &r.roster
        && (!kinds::has_field(roster.of, "members.name")
            || !kinds::has_field(r.kind, "participants.name"))
    {
        problems.push(invalid(
                "roster",
                format!(
                    "`roster` matches the `participants` of `{}` items against the `members` of `{}` items, and one of them has no such field",
                    r.kind, roster.of
                ),
                "use a roster kind with `members` (ir-team) and a requirement kind with `participants` (training-record, exercise)",
            ));
    }
    if r.timeliness.is_some() && r.kind != EvidenceKind::NotificationLog {
        problems.push(invalid(
            "kind",
            format!(
                "`timeliness` checks notifications, but the requirement's kind is `{}`",
                r.kind
            ),
            "use `kind: notification-log` with `timeliness`",
        ));
    }
    for (pointer, d) in problems {
        report(files, out, fi, &pointer, d);
    }
    if !r.sections.is_empty() && !r.kind.is_document() {
        let d = Diagnostic::error(
            Code::InvalidRequirement,
            format!(
                "`sections` needs a document kind, but `{}` items are not Markdown documents",
                r.kind
            ),
        )
        .help("use sections with ir-plan, post-incident-review, policy or governance-record");
        report(files, out, fi, &format!("{at}/sections"), d);
    }
    for (wi, condition) in r.conditions.iter().enumerate() {
        check_condition(
            files,
            out,
            fi,
            r.kind,
            condition,
            &format!("{at}/where/{wi}"),
        );
    }
    if let Some(coverage) = &r.coverage {
        for (wi, condition) in coverage.conditions.iter().enumerate() {
            let at = format!("{at}/coverage/where/{wi}");
            check_condition(files, out, fi, coverage.of, condition, &at);
        }
    }
}

fn check_condition(
    files: &[ParsedFile],
    out: &mut Diagnostics,
    fi: usize,
    kind: EvidenceKind,
    c: &FieldCondition,
    at: &str,
) {
    if !kinds::has_field(kind, &c.field) {
        let d = Diagnostic::error(
            Code::InvalidRequirement,
            format!("`{}` is not a field of `{kind}` evidence", c.field),
        )
        .help(format!(
            "see the fields of the kind with `evident schema {kind}`"
        ));
        report(files, out, fi, &format!("{at}/field"), d);
    }
    let op: &str = c.op.into();
    let problem = match (&c.value, c.op.takes_value(), c.op.takes_list()) {
        (None, true, _) => Some(format!("operator `{op}` needs a `value`")),
        (Some(_), false, _) => Some(format!("operator `{op}` takes no `value`")),
        (Some(v), _, true) if !v.is_array() => {
            Some(format!("operator `{op}` needs a list `value`"))
        }
        _ => None,
    };
    if let Some(message) = problem {
        let d = Diagnostic::error(Code::InvalidRequirement, message)
            .help("`exists` and `not-empty` take no value; `in` and `not-in` take a list; the others take one value");
        report(files, out, fi, &format!("{at}/op"), d);
    }
}

fn check_reference(
    files: &[ParsedFile],
    ids: &HashMap<String, Definition>,
    out: &mut Diagnostics,
    fi: usize,
    id: &str,
    pointer: &str,
) {
    match ids.get(&id.to_ascii_lowercase()).map(|d| d.target) {
        Some(Target::Level { defined: false }) => {
            let d = Diagnostic::error(
                Code::UndefinedLevel,
                format!("`{id}` is a level the catalog marks not defined"),
            )
            .help("undefined levels are never awarded; map the control or a defined level instead");
            report(files, out, fi, pointer, d);
        }
        Some(_) => {}
        None if looks_like_level(id)
            && ids.contains_key(&id.rsplit_once('.').map_or(id, |p| p.0).to_ascii_lowercase()) =>
        {
            let d = Diagnostic::error(
                Code::UndefinedLevel,
                format!("`{id}` names a level that does not exist"),
            )
            .help("C|P-CMM levels are L0 to L5");
            report(files, out, fi, pointer, d);
        }
        None => {
            let closest = crate::wording::suggestion(id, ids.values().map(|d| d.id.as_str()));
            let d = Diagnostic::error(
                Code::DanglingMapping,
                format!("mapping names `{id}`, which no catalog defines"),
            )
            .help(format!(
                "{closest}a mapping must name a control, level or criterion id of a loaded catalog"
            ));
            report(files, out, fi, pointer, d);
        }
    }
}

fn looks_like_level(id: &str) -> bool {
    id.rsplit_once(".L")
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}
