//! The import mapping file: which columns or fields hold what, how a source's
//! severities, statuses and dates translate, and values every item gets. Its schema
//! is published as `import-mapping`.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value as Json;

use crate::diagnostic::{Code, Diagnostic, Location};

/// Mapping files are a few lines; anything larger is not one.
const MAX_MAPPING_SIZE: u64 = 1024 * 1024;

/// How an export's records become evidence items (`evident import --mapping FILE`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// `mapped` source: the evidence kind every record becomes (`incident`).
    #[serde(default)]
    pub kind: Option<String>,
    /// `mapped` source, JSON exports: a JSON pointer to the array of records
    /// (`/data/items`); without it the document itself must be the array.
    #[serde(default)]
    pub records: Option<String>,
    /// `mapped` source: the column (CSV) or dotted field path (JSON) that holds each
    /// record's id; the item id is `<prefix>-<that id>`.
    #[serde(default)]
    pub id: Option<String>,
    /// `mapped` source: the item id's prefix (default `import`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// `mapped` source: evidence field -> source column or dotted field path
    /// (`title: Summary`, `period.start: opened_at`).
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// `training-csv` source: the columns of the export.
    #[serde(default)]
    pub columns: Option<TrainingColumns>,
    /// `training-csv` source: status values that mean the course was completed
    /// (default `completed`, `complete`, `passed`, ignoring case).
    #[serde(default)]
    pub completed: Vec<String>,
    /// Values set on every item, over what the export says (`trigger: scheduled`,
    /// `audience: ir-team`, `remediation_tracked: true`).
    #[serde(default)]
    pub set: BTreeMap<String, Json>,
    /// Source severity or priority -> evident severity (`sev-1` ... `sev-4`); consulted
    /// before the built-in table.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Source status -> evident incident status (`open`, `contained`, `resolved`,
    /// `closed`); consulted before the built-in table.
    #[serde(default)]
    pub status: BTreeMap<String, String>,
    /// strftime format of the export's plain dates (default `%Y-%m-%d`).
    #[serde(default)]
    pub date_format: Option<String>,
}

/// The columns of a training export.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingColumns {
    /// The person trained.
    pub person: String,
    /// The course (one item per course).
    pub course: String,
    /// The completion date.
    pub completed: String,
    /// The completion status.
    pub status: String,
}

impl Mapping {
    /// The mapped value of `value` in `overrides`, else in `defaults` (both matched
    /// ignoring case).
    pub(crate) fn translate(
        overrides: &BTreeMap<String, String>,
        defaults: &[(&str, &str)],
        value: &str,
    ) -> Option<String> {
        overrides
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(value))
            .map(|(_, v)| v.clone())
            .or_else(|| {
                defaults
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(value))
                    .map(|(_, v)| (*v).to_owned())
            })
    }
}

/// Reads and checks a mapping file.
pub(super) fn read(path: &Path) -> Result<Mapping, Box<Diagnostic>> {
    let shown = path.display().to_string();
    let fail = |message: String| {
        Box::new(Diagnostic::error(Code::ImportMapping, message).at(Location::file_only(&shown)))
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the mapping file: {e}")))?
        .len();
    if size > MAX_MAPPING_SIZE {
        return Err(fail(format!(
            "the mapping file is {size} bytes; a mapping is a few lines"
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(format!("cannot read the mapping file: {e}")))?;
    let mapping: Mapping =
        serde_yaml::from_str(&text).map_err(|e| fail(format!("not a valid mapping: {e}")))?;
    // These say what the item is and where it came from: an export's records keep
    // their own.
    if let Some(key) = mapping
        .set
        .keys()
        .find(|k| ["kind", "id", "basis", "provenance"].contains(&k.as_str()))
    {
        return Err(fail(format!(
            "`set` may not set `{key}`: import derives it from the source and the record"
        )));
    }
    let bad_severity = mapping
        .severity
        .values()
        .find(|v| !["sev-1", "sev-2", "sev-3", "sev-4"].contains(&v.as_str()));
    if let Some(v) = bad_severity {
        return Err(fail(format!(
            "severity `{v}` is not one of sev-1, sev-2, sev-3, sev-4"
        )));
    }
    let bad_status = mapping
        .status
        .values()
        .find(|v| !["open", "contained", "resolved", "closed"].contains(&v.as_str()));
    if let Some(v) = bad_status {
        return Err(fail(format!(
            "status `{v}` is not one of open, contained, resolved, closed"
        )));
    }
    Ok(mapping)
}
