//! One evidence file from its text to a validated item: parse by format, check the
//! kind, validate against that kind's schema, read the envelope, keep what scoring
//! needs. Positions are indexed only for files that have something to report: a
//! valid file's id and references are found by a text search and kept as numbers.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value as Json;

use super::envelope::EnvelopeView;
use super::item::{EvidenceItem, Projection};
use super::locate::{self, Mark};
use super::scan::Format;
use super::{EvidenceKind, kinds};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::markdown::{self, FrontMatterError};
use crate::source::{LineCursor, LineIndex, SourceFile, Span};
use crate::structured::Document;

/// An item that passed every check of its own file, with the marks cross-file checks
/// point at.
#[derive(Debug)]
pub(super) struct Checked {
    pub item: EvidenceItem,
    pub id: Mark,
    pub refs: Vec<Mark>,
    /// Index of its file among the scan's candidates (set by the caller), so a
    /// cross-file diagnostic can read it again for the snippet.
    pub candidate: usize,
}

/// What checking one file found: the item if it is valid, and what is known of it
/// (kind, id) even when it is not.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub kind: Option<EvidenceKind>,
    pub id: Option<String>,
    pub checked: Option<Checked>,
    pub diagnostics: Vec<Diagnostic>,
    /// The attachments a valid item names, for the caller to check on disk.
    pub attachments: Vec<super::envelope::Attachment>,
}

/// Checks the text of one file. The item's `file` index is set by the caller.
pub(super) fn check(file: &SourceFile, format: Format, projection: &Projection) -> Outcome {
    let mut outcome = Outcome::default();
    let (start, end, body) = match format {
        Format::Yaml | Format::Json => (0, file.text.len(), None),
        Format::Markdown => match markdown::front_matter(&file.text) {
            Ok(fm) => (fm.yaml_start, fm.yaml_end, Some(fm.body_start)),
            Err(e) => {
                let lines = LineIndex::new(&file.text);
                outcome
                    .diagnostics
                    .push(front_matter_diagnostic(file, &lines, e));
                return outcome;
            }
        },
    };
    let parsed = match format {
        Format::Json => Document::parse_json(file),
        _ => Document::parse_yaml(file, start, end),
    };
    let doc = match parsed {
        Ok(doc) => doc,
        Err(d) => {
            outcome.diagnostics.push(*d);
            return outcome;
        }
    };
    let value = &doc.value;
    let here = |pointer: &str| doc.locate(pointer);
    let kind = match kind_of(value) {
        Ok(kind) => kind,
        Err((code, message, pointer, help)) => {
            outcome.diagnostics.push(
                Diagnostic::error(code, message)
                    .at(here(pointer))
                    .help(help),
            );
            return outcome;
        }
    };
    outcome.kind = Some(kind);
    outcome.id = value.get("id").and_then(Json::as_str).map(str::to_owned);
    let validator = match validator(kind) {
        Ok(v) => v,
        Err(message) => {
            outcome.diagnostics.push(
                Diagnostic::error(Code::SchemaViolation, message)
                    .at(Location::file_only(&file.path)),
            );
            return outcome;
        }
    };
    if let Err(problems) = doc.check(validator, || format!("`{kind}`"), classify) {
        outcome.diagnostics = problems;
        return outcome;
    }
    let mut envelope: EnvelopeView = match doc.read("item", kind.name()) {
        Ok(envelope) => envelope,
        Err(d) => {
            outcome.diagnostics.push(*d);
            return outcome;
        }
    };
    outcome
        .diagnostics
        .extend(period_problems(&envelope, &here));
    if outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        return outcome;
    }
    outcome.attachments = std::mem::take(&mut envelope.attachments);
    let text = &file.text;
    let mut cursor = LineCursor::new(text);
    let id_span = locate::key_value(text, start, "id", &envelope.id);
    let id = id_span.map_or_else(Mark::file, |s| Mark::with(&mut cursor, s));
    let refs = ref_marks(text, start, &envelope.refs, &mut cursor);
    let body = body.filter(|_| projection.keeps_outlines());
    let outline = body.map_or_else(Vec::new, |start| {
        let first_line = cursor.line_col(start).0;
        let outline = markdown::outline(
            &text[start..],
            u32::try_from(first_line).unwrap_or(u32::MAX),
        );
        if let Some(cut) = outline.cut {
            outcome.diagnostics.push(
                Diagnostic::warning(
                    Code::TooManyHeadings,
                    format!(
                        "the document has more than {} headings; those from here on are \
                         not read as sections",
                        markdown::MAX_HEADINGS
                    ),
                )
                .at(Location::in_file(
                    file,
                    doc.lines(),
                    Span::new(start + cut, start + cut),
                ))
                .help(
                    "split the document, or move the sections requirements check before this point",
                ),
            );
        }
        outline.headings
    });
    let item = EvidenceItem {
        fields: projection.project(kind, value),
        id: envelope.id,
        kind,
        title: envelope.title,
        file: 0,
        line: u32::try_from(id.line).unwrap_or(0),
        basis: envelope.basis,
        owner: envelope.owner,
        effective: envelope.effective,
        period: envelope.period,
        collected: envelope.collected,
        expires: envelope.expires,
        valid_for: envelope.valid_for,
        refs: envelope.refs,
        outline,
    };
    outcome.checked = Some(Checked {
        item,
        id,
        refs,
        candidate: 0,
    });
    outcome
}

/// The marks of an item's references, found in text order after its `refs:` key:
/// each search starts where the previous entry was found, so the whole list costs
/// one pass. Once an entry is not found as written (an escaped string, say), the
/// rest name only the file rather than each searching to the end of it again.
fn ref_marks(text: &str, base: usize, refs: &[String], cursor: &mut LineCursor<'_>) -> Vec<Mark> {
    let mut next = locate::list_start(text, base, "refs");
    refs.iter()
        .map(|r| {
            let span = next.and_then(|from| locate::list_entry(text, from, r));
            next = span.map(|s| s.end);
            span.map_or_else(Mark::file, |s| Mark::with(cursor, s))
        })
        .collect()
}

/// Why an item's kind could not be read: code, message, pointer and help.
type KindProblem = (Code, String, &'static str, String);

fn kind_of(value: &Json) -> Result<EvidenceKind, KindProblem> {
    let Some(object) = value.as_object() else {
        return Err((
            Code::SchemaViolation,
            format!(
                "an evidence item is a mapping of fields, not {}",
                json_type(value)
            ),
            "",
            "write the item as `key: value` lines starting with `kind:` and `id:`".to_owned(),
        ));
    };
    match object.get("kind") {
        None => Err((
            Code::MissingKind,
            "the item does not say its kind".to_owned(),
            "",
            format!(
                "add `kind:` with one of: {}",
                EvidenceKind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        Some(Json::String(name)) => EvidenceKind::from_name(name).ok_or_else(|| {
            (
                Code::UnknownEvidenceKind,
                format!("unknown evidence kind `{name}`"),
                "/kind",
                EvidenceKind::help_for_unknown(name),
            )
        }),
        Some(other) => Err((
            Code::InvalidKind,
            format!("`kind` must be a string, not {}", json_type(other)),
            "/kind",
            "write the kind's name, e.g. `kind: incident`".to_owned(),
        )),
    }
}

fn json_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "a mapping",
    }
}

/// One compiled validator per kind, shared by every thread.
fn validator(kind: EvidenceKind) -> Result<&'static jsonschema::Validator, String> {
    static VALIDATORS: OnceLock<Vec<Result<jsonschema::Validator, String>>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        EvidenceKind::ALL
            .iter()
            .map(|&k| crate::schema::compile(&kinds::schema(k)))
            .collect()
    });
    let index = EvidenceKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0);
    match all.get(index) {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(format!("the `{kind}` schema does not compile: {e}")),
        None => Err(format!("no schema for `{kind}`")),
    }
}

/// Ids and references break the pattern most often by looking like paths; say so.
fn classify(
    kind: &ValidationErrorKind,
    pointer: &str,
    value: Option<&Json>,
) -> Option<(Code, String, String)> {
    if let Some(split) = comma_split(kind, pointer, value) {
        return Some(split);
    }
    let is_id = pointer == "/id" || pointer.starts_with("/refs/");
    if !is_id || !matches!(kind, ValidationErrorKind::Pattern { .. }) {
        return None;
    }
    let given = value.and_then(Json::as_str).unwrap_or_default();
    let what = if pointer == "/id" { "id" } else { "reference" };
    let looks_like_path = given.contains(['/', '\\']) || given.starts_with('.');
    let message = if looks_like_path {
        format!("{what} `{given}` looks like a path; ids are plain names")
    } else {
        format!("{what} `{given}` is not a valid id")
    };
    Some((
        Code::InvalidId,
        message,
        "use letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 128 characters (e.g. `INC-2026-014`)".to_owned(),
    ))
}

/// A number inside a list where text is expected: most often YAML's flow list split
/// one value at its comma (`[18,412 cards]` reads as `18` and `412 cards`).
fn comma_split(
    kind: &ValidationErrorKind,
    pointer: &str,
    value: Option<&Json>,
) -> Option<(Code, String, String)> {
    let in_list = pointer
        .rsplit('/')
        .next()
        .is_some_and(|last| !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()));
    let number = value.filter(|v| v.is_number())?;
    if !in_list || !matches!(kind, ValidationErrorKind::Type { .. }) {
        return None;
    }
    Some((
        Code::SchemaViolation,
        format!("`{pointer}`: {number} is a number where the list expects text"),
        "YAML splits a flow list at every comma (`[18,412 cards]` is read as `18` and `412 cards`): if this is one value, quote it (`[\"18,412 cards\"]`); otherwise write the number as text".to_owned(),
    ))
}

fn period_problems(envelope: &EnvelopeView, here: &dyn Fn(&str) -> Location) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some(period) = envelope.period {
        if period.end < period.start {
            problems.push(
                Diagnostic::error(
                    Code::InvalidPeriod,
                    format!(
                        "the period ends ({}) before it starts ({})",
                        period.end, period.start
                    ),
                )
                .at(here("/period/end"))
                .help("swap `start` and `end`, or correct the dates"),
            );
        }
        if envelope.effective.is_some() {
            problems.push(
                Diagnostic::error(
                    Code::InvalidPeriod,
                    "the item has both `effective` and `period`; it must prove one or the other",
                )
                .at(here("/effective"))
                .help("keep `effective` for a single day, or `period` for a span of days"),
            );
        }
    } else if envelope.effective.is_none() {
        problems.push(
            Diagnostic::warning(
                Code::UndatedItem,
                "the item proves no date: it has neither `effective` nor `period`",
            )
            .at(here("/id"))
            .help("add `effective: YYYY-MM-DD` (or `period: {start, end}`); requirements with a window or cadence cannot count an undated item"),
        );
    }
    problems
}

fn front_matter_diagnostic(
    file: &SourceFile,
    lines: &LineIndex,
    e: FrontMatterError,
) -> Diagnostic {
    let at = Location::in_file(file, lines, Span::new(0, 0));
    match e {
        FrontMatterError::Missing => Diagnostic::error(
            Code::FrontMatter,
            "the document has no YAML front matter",
        )
        .at(at)
        .help("start the file with a `---` line, the item's fields (`kind:`, `id:`, `title:`, `basis:` ...), and a closing `---` line"),
        FrontMatterError::Unclosed => Diagnostic::error(
            Code::FrontMatter,
            "the front matter is not closed",
        )
        .at(at)
        .label("opened here")
        .help("end the front matter with a line holding only `---`"),
    }
}
