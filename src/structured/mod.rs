//! Structured text (YAML and JSON) to a JSON value, and JSON Schema errors to located
//! diagnostics. Catalogs and evidence both go through here, so both report problems
//! the same way.
//!
//! YAML is first walked as an event stream against the limits of [`budget`]
//! (nesting depth, alias-expanded size), which stops a hostile document before any
//! of it is built; then parsed by `serde_yaml` into its own `Value`, which rejects
//! duplicate keys, which a direct deserialisation into `serde_json::Value` would not.

pub mod budget;
mod document;

pub use document::{Document, load, no_classes};

use std::fmt::Write as _;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value as Json;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::source::{LineIndex, PointerIndex, SourceFile, Span};

/// Parses YAML (JSON is YAML too) that starts at byte `base` of `file` into JSON,
/// under the alias budget; the file's line index is built only on failure.
pub fn parse_yaml_value(
    file: &SourceFile,
    text: &str,
    base: usize,
) -> Result<Json, Box<Diagnostic>> {
    if budget::worth_checking(text) {
        budget::check(text).map_err(|exceeded| over_budget(file, text, base, exceeded))?;
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let message = without_position(&e);
        let (code, help) = classify_yaml_error(&message);
        let local = LineIndex::new(text);
        let mut span = e.location().map_or(Span::new(base, base), |l| {
            let at = base + local.offset(text, l.line(), l.column().saturating_sub(1));
            Span::new(at, at)
        });
        // serde_yaml gives no useful position for these two; find one.
        let found = if message.contains("repetition limit") {
            first_alias(text).map(|at| (at, 1))
        } else if message.contains("more than one document") {
            second_document(text).map(|at| (at, 3))
        } else {
            None
        };
        if let Some((at, len)) = found {
            span = Span::new(base + at, base + at + len);
        }
        if code == Code::DuplicateKey {
            // serde_yaml points at the mapping; the user needs the second key.
            if let Some(key) = duplicated_key(&message) {
                span = second_key(text, span.start - base, &key)
                    .map_or(span, |s| Span::new(s.start + base, s.end + base));
            }
        }
        let lines = LineIndex::new(&file.text);
        Box::new(
            Diagnostic::error(code, message)
                .at(Location::in_file(file, &lines, span))
                .help(help),
        )
    })?;
    serde_json::to_value(&yaml).map_err(|e| {
        let lines = LineIndex::new(&file.text);
        Box::new(
            Diagnostic::error(
                Code::YamlSyntax,
                format!("cannot represent the YAML as JSON: {e}"),
            )
            .at(Location::in_file(file, &lines, Span::new(base, base)))
            .help("use string keys and plain values; YAML tags and complex keys are not supported"),
        )
    })
}

/// The diagnostic for a document that breaks a limit of [`budget`].
fn over_budget(
    file: &SourceFile,
    text: &str,
    base: usize,
    exceeded: budget::Exceeded,
) -> Box<Diagnostic> {
    let local = LineIndex::new(text);
    let (code, message, help, line, column) = match exceeded {
        budget::Exceeded::Depth { line, column } => (
            Code::NestingTooDeep,
            format!(
                "the document nests deeper than {} levels",
                budget::MAX_DEPTH
            ),
            "flatten the document; it was not read further than this point".to_owned(),
            line,
            column,
        ),
        budget::Exceeded::Expansion {
            line,
            column,
            bytes,
            nodes,
            budget,
        } => (
            Code::YamlAliasBomb,
            format!(
                "expanding the YAML aliases would exceed the budget of {} MiB and {} nodes \
                 (reached {bytes} bytes and {nodes} nodes at this alias)",
                budget.bytes / (1024 * 1024),
                budget.nodes
            ),
            "write the repeated values out instead of through aliases (an alias bomb?)".to_owned(),
            line,
            column,
        ),
    };
    let at = base + local.offset(text, line, column);
    let lines = LineIndex::new(&file.text);
    let end = base + local.offset(text, line, column + 1);
    Box::new(
        Diagnostic::error(code, message)
            .at(Location::in_file(file, &lines, Span::new(at, end)))
            .help(help),
    )
}

/// Parses a JSON file, rejecting duplicate keys (which `serde_json::Value` would
/// silently resolve to the last one). The line index is built only on failure.
pub fn parse_json_value(file: &SourceFile) -> Result<Json, Box<Diagnostic>> {
    let text = &*file.text;
    serde_json::from_str::<strict::StrictJson>(text)
        .map(|v| v.0)
        .map_err(|e| {
            let message = without_position(&e);
            let lines = LineIndex::new(text);
            let at = lines.offset(text, e.line(), e.column().saturating_sub(1));
            let mut span = Span::new(at, at);
            let (code, help) = if let Some(key) = message.strip_prefix(strict::DUPLICATE) {
                // serde_json stops after the duplicate's value; point at its key.
                let quoted = format!("\"{key}\"");
                if let Some(start) = text[..at.min(text.len())].rfind(&quoted) {
                    span = Span::new(start, start + quoted.len());
                }
                (
                    Code::DuplicateKey,
                    "remove or rename one of the two entries; JSON keeps only one",
                )
            } else if message.contains("recursion limit") {
                (
                    Code::NestingTooDeep,
                    "the document nests deeper than 128 levels; flatten it",
                )
            } else {
                (
                    Code::YamlSyntax,
                    "fix the JSON syntax at the marked position",
                )
            };
            Box::new(
                Diagnostic::error(code, message)
                    .at(Location::in_file(file, &lines, span))
                    .help(help),
            )
        })
}

mod strict {
    //! A JSON value that refuses duplicate keys while it is parsed.

    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Number, Value};

    pub(super) const DUPLICATE: &str = "duplicate key ";

    pub(super) struct StrictJson(pub Value);

    impl<'de> Deserialize<'de> for StrictJson {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(StrictVisitor).map(StrictJson)
        }
    }

    struct StrictVisitor;

    impl<'de> Visitor<'de> for StrictVisitor {
        type Value = Value;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E: Error>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<Value, E> {
            Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }
        fn visit_string<E: Error>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_unit<E: Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::new();
            while let Some(StrictJson(item)) = seq.next_element()? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut object = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                let StrictJson(value) = map.next_value()?;
                if object.contains_key(&key) {
                    return Err(A::Error::custom(format!("{DUPLICATE}{key}")));
                }
                object.insert(key, value);
            }
            Ok(Value::Object(object))
        }
    }
}

/// A serde error's message without its " at line L column C" tail: diagnostics carry
/// the position themselves.
pub fn without_position(error: &dyn std::fmt::Display) -> String {
    let message = error.to_string();
    message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned()
}

fn classify_yaml_error(message: &str) -> (Code, &'static str) {
    if message.contains("duplicate entry") {
        (
            Code::DuplicateKey,
            "remove or rename one of the two entries; YAML keeps only one",
        )
    } else if message.contains("recursion limit") {
        (
            Code::NestingTooDeep,
            "the document nests deeper than 128 levels; flatten it",
        )
    } else if message.contains("repetition limit") {
        (
            Code::YamlAliasBomb,
            "the document expands YAML aliases too many times (an alias bomb?); write the values out instead",
        )
    } else if message.contains("more than one document") {
        (
            Code::YamlSyntax,
            "keep one YAML document per file; split the others into their own files",
        )
    } else {
        (
            Code::YamlSyntax,
            "fix the YAML syntax at the marked position",
        )
    }
}

/// Lets a caller give some schema errors a more specific code, message and help
/// (e.g. an unknown evidence kind): `(kind, pointer, offending value)` to
/// `(code, message, help)`.
pub type Classifier =
    fn(&ValidationErrorKind, &str, Option<&Json>) -> Option<(Code, String, String)>;

/// Offset of the first alias (`*name`), where an expansion starts.
fn first_alias(text: &str) -> Option<usize> {
    text.match_indices('*').map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        before.is_some_and(|c| matches!(c, ' ' | '[' | ',' | '{' | '\t'))
            && after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Offset of the `---` that starts a second YAML document, if any.
fn second_document(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut content = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("---") && content {
            return Some(offset);
        }
        let bare = line.trim();
        content |= !bare.is_empty() && !bare.starts_with('#') && !line.starts_with("---");
        offset += line.len();
    }
    None
}

/// The key named in serde_yaml's "duplicate entry with key \"title\"" message.
fn duplicated_key(message: &str) -> Option<String> {
    let quoted = message.split("with key ").nth(1)?;
    Some(quoted.trim().trim_matches('"').to_owned())
}

/// The second `key:` at the same indentation after `from`: the duplicate's position.
fn second_key(text: &str, from: usize, key: &str) -> Option<Span> {
    let mut indent = None;
    let mut seen = 0;
    let mut offset = from - text[..from].rfind('\n').map_or(from, |i| from - i - 1);
    for line in text[offset..].split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-']);
        let column = line.len() - trimmed.len();
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'));
        if is_key && indent.is_none_or(|i| i == column) {
            indent = Some(column);
            seen += 1;
            if seen == 2 {
                return Some(Span::new(offset + column, offset + column + key.len()));
            }
        }
        offset += line.len();
    }
    None
}

/// Turns the schema errors of `value` into located diagnostics: the first
/// [`MAX_PER_FILE`] one by one, then one `too-many-diagnostics` that counts the rest
/// (a generated file can break one rule tens of thousands of times, and a wall of
/// repeats helps nobody).
pub fn schema_diagnostics(
    validator: &jsonschema::Validator,
    value: &Json,
    file: &SourceFile,
    lines: &LineIndex,
    pointers: &PointerIndex,
    what: &str,
    classify: Classifier,
) -> Vec<Diagnostic> {
    let mut errors = validator.iter_errors(value);
    let mut out: Vec<Diagnostic> = errors
        .by_ref()
        .take(MAX_PER_FILE)
        .map(|error| {
            let pointer = error.instance_path().as_str();
            let (span, label, help) = describe(error.kind(), pointer, pointers, what);
            let location = Location::in_file(file, lines, span.unwrap_or(Span::new(0, 0)));
            if let Some((code, message, help)) =
                classify(error.kind(), pointer, value.pointer(pointer))
            {
                return Diagnostic::error(code, message).at(location).help(help);
            }
            let path = if pointer.is_empty() {
                "the document".to_owned()
            } else {
                format!("`{pointer}`")
            };
            let message = match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    let names: Vec<String> = unexpected.iter().map(|u| format!("`{u}`")).collect();
                    let within = if pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" in {path}")
                    };
                    format!("unknown field {}{within}", names.join(", "))
                }
                ValidationErrorKind::Required { property } => {
                    let name = property
                        .as_str()
                        .map_or_else(|| property.to_string(), str::to_owned);
                    let within = if pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" in {path}")
                    };
                    format!("missing required field `{name}`{within}")
                }
                _ => format!("{path}: {}", error.masked()),
            };
            Diagnostic::error(Code::SchemaViolation, message)
                .at(location)
                .label(label)
                .help(help)
        })
        .collect();
    if let Some(first) = errors.next() {
        let more = 1 + errors.count();
        let span = pointers
            .value(first.instance_path().as_str())
            .unwrap_or(Span::new(0, 0));
        out.push(
            Diagnostic::error(
                Code::TooManyDiagnostics,
                format!(
                    "and {more} more schema violations in this file, from here on \
                     (the first {MAX_PER_FILE} are listed)"
                ),
            )
            .at(Location::in_file(file, lines, span))
            .help("fix the problems listed (often one mistake repeated), then run again"),
        );
    }
    out
}

/// Most diagnostics of one kind listed one by one for a file; the rest are counted.
pub const MAX_PER_FILE: usize = 100;

fn describe(
    kind: &ValidationErrorKind,
    pointer: &str,
    pointers: &PointerIndex,
    what: &str,
) -> (Option<Span>, String, String) {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let first = unexpected.first().map(String::as_str).unwrap_or_default();
            let child = crate::source::pointer_child(pointer, first);
            (
                pointers.key(&child),
                "unknown field".to_owned(),
                format!(
                    "remove it, or check its spelling against the {what} schema (`evident schema {}`)",
                    what.trim_matches('`')
                ),
            )
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            (
                pointers.value(pointer),
                format!("`{name}` is missing here"),
                format!(
                    "add `{name}:` (see `evident schema {}`)",
                    what.trim_matches('`')
                ),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let mut help = String::from("use one of: ");
            if let Json::Array(items) = &**options {
                for (i, item) in items.iter().enumerate() {
                    let _ = write!(help, "{}{item}", if i == 0 { "" } else { ", " });
                }
            }
            (
                pointers.value(pointer),
                "not an allowed value".to_owned(),
                help,
            )
        }
        ValidationErrorKind::Type { .. } => (
            pointers.value(pointer),
            "wrong type".to_owned(),
            format!("give this field the type the {what} schema expects"),
        ),
        _ => (
            pointers.value(pointer),
            "does not match the schema".to_owned(),
            format!(
                "see the {what} schema (`evident schema {}`) for what this field accepts",
                what.trim_matches('`')
            ),
        ),
    }
}
