//! Tabular and declared sources: a learning system's training CSV (one
//! `training-record` per course), and the `mapped` source, where a mapping file
//! declares the kind and which column or field fills which evidence field.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use super::export::{Csv, Export, date, timestamp};
use super::incidents::at;
use super::{Draft, Mapping, Records, Rejected, item_id};
use crate::evidence::EvidenceKind;

/// Status values that mean a course was completed, unless the mapping names others.
const COMPLETED: &[&str] = &["completed", "complete", "passed"];

/// One training item per course: who completed it, the share of the people the
/// export lists for it who did, and the span of completion dates.
pub(super) fn training(csv: &Csv, mapping: &Mapping) -> Result<Records, String> {
    let columns = mapping.columns.as_ref().ok_or_else(|| {
        "the mapping file has no `columns` (person, course, completed, status)".to_owned()
    })?;
    let person = csv.column(&columns.person)?;
    let course = csv.column(&columns.course)?;
    let completed = csv.column(&columns.completed)?;
    let status = csv.column(&columns.status)?;
    let is_done = |s: &str| {
        if mapping.completed.is_empty() {
            COMPLETED.iter().any(|c| c.eq_ignore_ascii_case(s.trim()))
        } else {
            mapping
                .completed
                .iter()
                .any(|c| c.eq_ignore_ascii_case(s.trim()))
        }
    };
    // Course -> (people listed, people done with their dates, bad rows).
    let mut courses: BTreeMap<&str, Course> = BTreeMap::new();
    for (line, cells) in &csv.rows {
        let name = cells[course].trim();
        let who = cells[person].trim();
        let entry = courses.entry(name).or_default();
        if name.is_empty() || who.is_empty() {
            entry
                .bad
                .push(format!("line {line} has no person or no course"));
            continue;
        }
        entry.listed.insert(who);
        if is_done(&cells[status]) {
            match date(&cells[completed], mapping.date_format.as_deref()) {
                Ok(day) => {
                    entry.done.insert(who, day);
                }
                Err(e) => entry.bad.push(format!("line {line} ({who}): {e}")),
            }
        }
    }
    Ok(courses
        .into_iter()
        .map(|(name, course)| {
            let record = if name.is_empty() { "(no course)" } else { name };
            if !course.bad.is_empty() {
                return Err(Rejected {
                    record: record.to_owned(),
                    message: format!(
                        "{}; fix the rows (or `date_format` in the mapping) and import again",
                        course.bad.join("; ")
                    ),
                });
            }
            let (Some(start), Some(end)) = (course.done.values().min(), course.done.values().max())
            else {
                return Err(Rejected {
                    record: record.to_owned(),
                    message: "nobody completed it, so it proves no training".to_owned(),
                });
            };
            // Rounded to four places so the file does not depend on float printing.
            let rate = (course.done.len() as f64 / course.listed.len() as f64 * 10_000.0).round()
                / 10_000.0;
            let participants: Vec<Json> =
                course.done.keys().map(|who| json!({"name": who})).collect();
            Ok(Draft {
                item: json!({
                    "kind": "training-record",
                    "id": item_id("training", name),
                    "title": name,
                    "period": {"start": start.to_string(), "end": end.to_string()},
                    "topic": name,
                    "completion_rate": rate,
                    "participants": participants,
                }),
                record: name.to_owned(),
            })
        })
        .collect())
}

#[derive(Debug, Default)]
struct Course<'a> {
    listed: std::collections::BTreeSet<&'a str>,
    done: BTreeMap<&'a str, jiff::civil::Date>,
    bad: Vec<String>,
}

/// Any export with a mapping that declares the kind, the id and the fields.
pub(super) fn mapped(export: &Export, mapping: &Mapping) -> Result<Records, String> {
    let kind_name = mapping
        .kind
        .as_deref()
        .ok_or("the mapping file has no `kind`")?;
    let kind = EvidenceKind::from_name(kind_name)
        .ok_or_else(|| EvidenceKind::help_for_unknown(kind_name))?;
    let id_field = mapping
        .id
        .as_deref()
        .ok_or("the mapping file has no `id`")?;
    let schema = crate::evidence::kinds::schema(kind);
    // Records as (label, field lookup).
    let rows: Vec<(String, BTreeMap<String, Json>)> =
        if export.text.trim_start().starts_with(['{', '[']) {
            let json = export.json()?;
            let list = match mapping.records.as_deref() {
                Some(pointer) => json.pointer(pointer),
                None => Some(&json),
            }
            .and_then(Json::as_array)
            .ok_or_else(|| {
                format!(
                    "no array at `{}`",
                    mapping.records.as_deref().unwrap_or("the top level")
                )
            })?;
            list.iter()
                .enumerate()
                .map(|(i, record)| {
                    let values = mapping
                        .fields
                        .values()
                        .chain([&id_field.to_owned()])
                        .filter_map(|f| Some((f.clone(), at(record, f)?.clone())))
                        .collect();
                    (format!("#{}", i + 1), values)
                })
                .collect()
        } else {
            let csv = export.csv()?;
            for column in mapping.fields.values().chain([&id_field.to_owned()]) {
                csv.column(column)?;
            }
            csv.rows
                .iter()
                .map(|(line, cells)| {
                    let values = csv
                        .header
                        .iter()
                        .zip(cells)
                        .filter(|(_, v)| !v.trim().is_empty())
                        .map(|(h, v)| (h.clone(), Json::from(v.trim())))
                        .collect();
                    (format!("line {line}"), values)
                })
                .collect()
        };
    let prefix = mapping.prefix.as_deref().unwrap_or("import");
    Ok(rows
        .into_iter()
        .map(|(label, values)| {
            let record = match values.get(id_field) {
                Some(Json::String(s)) if !s.is_empty() => s.clone(),
                Some(Json::Number(n)) => n.to_string(),
                _ => {
                    return Err(Rejected {
                        record: label,
                        message: format!("has no `{id_field}`, which names the record"),
                    });
                }
            };
            let reject = |message: String| Rejected {
                record: record.clone(),
                message,
            };
            let mut item = json!({"kind": kind.name(), "id": item_id(prefix, &record)});
            for (target, source) in &mapping.fields {
                let Some(value) = values.get(source) else {
                    continue;
                };
                let value = coerce(&schema, target, value, mapping)
                    .map_err(|e| reject(format!("`{source}` for `{target}`: {e}")))?;
                insert(&mut item, target, value);
            }
            Ok(Draft { record, item })
        })
        .collect())
}

/// Puts `value` at a dotted path (`period.start`), creating objects on the way.
fn insert(item: &mut Json, path: &str, value: Json) {
    let mut node = item;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            node[part] = value;
            return;
        }
        if !node.get(part).is_some_and(Json::is_object) {
            node[part] = json!({});
        }
        node = &mut node[part];
    }
}

/// Turns a source value into what the kind's field wants: dates and times parsed,
/// severities and statuses translated, CSV text into numbers, booleans and lists.
fn coerce(schema: &Json, target: &str, value: &Json, mapping: &Mapping) -> Result<Json, String> {
    let text = value.as_str();
    let leaf = target.rsplit('.').next().unwrap_or(target);
    let date_field = matches!(
        leaf,
        "effective" | "closed" | "collected" | "expires" | "start" | "end" | "due"
    );
    match (leaf, text) {
        (_, Some(t)) if date_field => {
            let day = date(t, mapping.date_format.as_deref())
                .or_else(|e| timestamp(t).map(super::export::day).map_err(|_| e))?;
            return Ok(Json::from(day.to_string()));
        }
        ("detected", Some(t)) => return Ok(Json::from(timestamp(t)?.to_string())),
        ("severity", Some(t)) => {
            return Mapping::translate(&mapping.severity, SEVERITY, t)
                .map(Json::from)
                .ok_or_else(|| {
                    format!("severity `{t}` has no mapping (add it under `severity:`)")
                });
        }
        ("status", Some(t)) if !mapping.status.is_empty() => {
            if let Some(s) = Mapping::translate(&mapping.status, &[], t) {
                return Ok(Json::from(s));
            }
        }
        _ => {}
    }
    let Some(t) = text else {
        return Ok(value.clone());
    };
    let wants = schema
        .pointer(&format!(
            "/properties/{}/type",
            target.replace('.', "/properties/")
        ))
        .and_then(Json::as_str);
    Ok(match wants {
        Some("integer") => Json::from(
            t.parse::<i64>()
                .map_err(|_| format!("`{t}` is not a whole number"))?,
        ),
        Some("number") => Json::from(
            t.parse::<f64>()
                .map_err(|_| format!("`{t}` is not a number"))?,
        ),
        Some("boolean") => match t.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Json::Bool(true),
            "false" | "no" | "0" => Json::Bool(false),
            _ => return Err(format!("`{t}` is not true or false")),
        },
        Some("array") => t
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Json::from)
            .collect(),
        _ => Json::from(t),
    })
}

/// Severity words many tools use -> evident severity.
pub(crate) const SEVERITY: &[(&str, &str)] = &[
    ("critical", "sev-1"),
    ("high", "sev-2"),
    ("medium", "sev-3"),
    ("low", "sev-4"),
    ("sev-1", "sev-1"),
    ("sev-2", "sev-2"),
    ("sev-3", "sev-3"),
    ("sev-4", "sev-4"),
];
