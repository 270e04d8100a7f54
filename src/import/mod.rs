//! `evident import`: converts the exports teams already have (incident tools,
//! scanners, learning systems, any JSON or CSV with a mapping) into evidence items,
//! one file per record, with the record's provenance.
//!
//! Each source reads its export into drafts (`incidents`, `scans`, `table`); this
//! module checks them against their kind, drops duplicates and hands the rest to
//! `write`, which keeps re-imports idempotent and never replaces a hand-edited item
//! unless asked to. Nothing here calls a network: the exports are files.

mod export;
mod incidents;
mod mapping;
mod scans;
mod table;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::evidence::EvidenceKind;

pub use export::MAX_EXPORT_SIZE;
pub use mapping::Mapping;
pub use write::Change;

crate::vocabulary::vocabulary! {
    /// A tool whose export evident converts.
    #[derive(strum::Display, strum::VariantNames)]
    pub enum Source {
        /// PagerDuty REST `incidents` list (JSON), with `log_entries` when present.
        Pagerduty,
        /// Opsgenie alert list (JSON).
        Opsgenie,
        /// Jira search API result (JSON), with `changelog` when expanded.
        Jira,
        /// Trivy JSON report.
        Trivy,
        /// Grype JSON report.
        Grype,
        /// SARIF 2.1.0 log from any scanner.
        Sarif,
        /// A learning system's CSV export, with a mapping file naming its columns.
        TrainingCsv,
        /// Any JSON or CSV export, with a mapping file declaring the kind and fields.
        Mapped,
    }
}

impl Source {
    /// Every source, in the order the documentation lists them.
    pub const ALL: &'static [Source] = <Self as strum::VariantArray>::VARIANTS;

    /// The name on the command line and in provenance.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The source named `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// Whether the source cannot work without a mapping file.
    pub fn needs_mapping(self) -> bool {
        matches!(self, Self::TrainingCsv | Self::Mapped)
    }
}

/// What to import, from where, into where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The tool the exports come from.
    pub source: Source,
    /// The export files.
    pub files: Vec<PathBuf>,
    /// The folder the items are written into (created if missing).
    pub into: PathBuf,
    /// The mapping (column names, severity and status tables, values to set).
    pub mapping: Mapping,
    /// Replace items edited by hand since they were imported.
    pub force: bool,
}

/// What an import did: one entry per item file it considered, and every problem.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Item file name -> what happened to it.
    pub items: BTreeMap<String, Change>,
    /// Records not imported (bad format, missing fields, duplicates) and items kept.
    pub diagnostics: Diagnostics,
    /// Whether an item could not be written (the folder is not writable).
    pub write_failed: bool,
}

impl Outcome {
    /// How many items had the given change.
    pub fn count(&self, change: Change) -> usize {
        self.items.values().filter(|&&c| c == change).count()
    }
}

/// One record converted into an item, before provenance is added.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// The record's id in the source (incident id, issue key, scan target).
    pub record: String,
    /// The item's fields as JSON (kind, id, title, basis, period, the kind's own).
    pub item: Json,
}

/// A record that could not be converted, and why.
#[derive(Debug, Clone)]
pub(crate) struct Rejected {
    /// The record's id in the source, or its position when it has none.
    pub record: String,
    /// What is wrong with it.
    pub message: String,
}

/// What a source made of one export: a draft or a rejection per record.
pub(crate) type Records = Vec<Result<Draft, Rejected>>;

/// Runs an import: reads every export, converts its records, writes the items.
pub fn import(request: &Request) -> Outcome {
    let mut outcome = Outcome::default();
    // Item id (folded) -> (export, record) that claimed it first, for duplicates
    // within and across exports.
    let mut claimed: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut accepted = Vec::new();
    for file in &request.files {
        let shown = file.display().to_string();
        let export = match export::Export::read(file) {
            Ok(export) => export,
            Err(message) => {
                outcome.diagnostics.push(
                    Diagnostic::error(Code::ImportFormat, message).at(Location::file_only(&shown)),
                );
                continue;
            }
        };
        let records = match convert(request.source, &export, &request.mapping) {
            Ok(records) => records,
            Err(message) => {
                outcome.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportFormat,
                        format!(
                            "{shown} is not a {} export: {message}",
                            request.source.name()
                        ),
                    )
                    .at(Location::file_only(&shown))
                    .help(format!(
                        "docs/import.md shows the shape `evident import {}` reads",
                        request.source.name()
                    )),
                );
                continue;
            }
        };
        for record in records {
            let draft = record.and_then(|draft| finish(draft, &request.mapping));
            let draft = match draft {
                Ok(draft) => draft,
                Err(rejected) => {
                    outcome.diagnostics.push(
                        Diagnostic::error(
                            Code::ImportRecord,
                            format!("record `{}`: {}", rejected.record, rejected.message),
                        )
                        .at(Location::file_only(&shown))
                        .help("nothing was written for this record; the others were imported"),
                    );
                    continue;
                }
            };
            let id = draft.item["id"].as_str().unwrap_or_default().to_owned();
            let key = id.to_lowercase();
            if let Some((first_file, first_record)) = claimed.get(&key) {
                outcome.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportDuplicate,
                        format!(
                            "record `{}` becomes item `{id}`, which record `{first_record}` of {first_file} already is",
                            draft.record
                        ),
                    )
                    .at(Location::file_only(&shown))
                    .help("the first record was imported; this one was not"),
                );
                continue;
            }
            claimed.insert(key, (shown.clone(), draft.record.clone()));
            let provenance = export.provenance(request.source, &draft.record);
            accepted.push((draft, provenance));
        }
    }
    write::write_all(request, accepted, &mut outcome);
    outcome
}

fn convert(source: Source, export: &export::Export, mapping: &Mapping) -> Result<Records, String> {
    match source {
        Source::Pagerduty => incidents::pagerduty(&export.json()?, mapping),
        Source::Opsgenie => incidents::opsgenie(&export.json()?, mapping),
        Source::Jira => incidents::jira(&export.json()?, mapping),
        Source::Trivy => scans::trivy(&export.json()?),
        Source::Grype => scans::grype(&export.json()?),
        Source::Sarif => scans::sarif(&export.json()?),
        Source::TrainingCsv => table::training(&export.csv()?, mapping),
        Source::Mapped => table::mapped(export, mapping),
    }
}

/// Applies the mapping's `set` values and the envelope every import shares, then
/// checks the item against its kind's type.
fn finish(mut draft: Draft, mapping: &Mapping) -> Result<Draft, Rejected> {
    let reject = |message: String| Rejected {
        record: draft.record.clone(),
        message,
    };
    let Some(object) = draft.item.as_object_mut() else {
        return Err(reject("the record is not an object".to_owned()));
    };
    for (field, value) in &mapping.set {
        object.insert(field.clone(), value.clone());
    }
    object.insert("basis".to_owned(), Json::from("measured"));
    let kind = object
        .get("kind")
        .and_then(Json::as_str)
        .and_then(EvidenceKind::from_name);
    let Some(kind) = kind else {
        return Err(reject("no evidence kind".to_owned()));
    };
    if draft.item.get("effective").is_none() && draft.item.get("period").is_none() {
        // An undated item never counts; an export always knows when its record was.
        return Err(reject(
            "has no date, so the period it proves is unknown (map a field to `effective`, or to `period.start` and `period.end`)".to_owned(),
        ));
    }
    write::check_kind(kind, &draft.item).map_err(reject)?;
    Ok(draft)
}

/// An item id from a source's name and a record id: letters, digits and `._-`, so it
/// is both a valid id and a stable file name.
pub(crate) fn item_id(source: &str, record: &str) -> String {
    let mut id = String::with_capacity(source.len() + record.len() + 1);
    for c in source.chars().chain(['-']).chain(record.chars()) {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let trimmed = id.trim_end_matches(['-', '.']);
    trimmed.chars().take(120).collect()
}

/// Reads the mapping file at `path`.
pub fn read_mapping(path: &Path) -> Result<Mapping, Box<Diagnostic>> {
    mapping::read(path)
}
