//! Validated evidence as scoring sees it: the envelope of each item, its document
//! outline, and only those of its own fields that some requirement looks at, so
//! memory grows with what scoring needs rather than with the files' size.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value as Json;

use super::Basis;
use super::read::ContentHash;
use super::{EvidenceKind, Period};
use crate::duration::IsoDuration;
use crate::markdown::Heading;

/// One valid item of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceItem {
    /// Unique id.
    pub id: String,
    /// Its kind.
    pub kind: EvidenceKind,
    /// Title.
    pub title: String,
    /// Index of its file in [`super::EvidenceSet::files`].
    #[serde(skip)]
    pub file: usize,
    /// Line of its `id` in the file.
    pub line: u32,
    /// Measured, declared or attested.
    pub basis: Basis,
    /// Who is accountable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The day it proves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    /// The span it proves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// When it was collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collected: Option<Date>,
    /// Last day it is valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    /// How long it stays valid after what it proves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_for: Option<IsoDuration>,
    /// Ids of related items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
    /// Headings, for Markdown documents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outline: Vec<Heading>,
    /// The top-level fields requirements look at (see [`Projection`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<Arc<str>, Json>,
}

impl EvidenceItem {
    /// An item with only its identity and basis (for building items in tests and
    /// tools; the evidence stage fills every field from the file).
    pub fn new(id: &str, kind: EvidenceKind, basis: Basis) -> Self {
        Self {
            id: id.to_owned(),
            kind,
            title: id.to_owned(),
            file: 0,
            line: 0,
            basis,
            owner: None,
            effective: None,
            period: None,
            collected: None,
            expires: None,
            valid_for: None,
            refs: Vec::new(),
            outline: Vec::new(),
            fields: BTreeMap::new(),
        }
    }

    /// The span of days the item proves: its `period`, or its `effective` day.
    pub fn proves(&self) -> Option<Period> {
        self.period
            .or(self.effective.map(|d| Period { start: d, end: d }))
    }

    /// A kept field by its top-level name.
    pub fn field(&self, name: &str) -> Option<&Json> {
        self.fields.get(name)
    }
}

/// One file that was read: the manifest entry an auditor recomputes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EvidenceFile {
    /// Path relative to the evidence directory, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: ContentHash,
    /// The item's kind, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<EvidenceKind>,
    /// The item's id, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whether the file holds a valid item that scoring uses.
    pub valid: bool,
    /// The attachments its item names, checked against their recorded hashes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<super::attach::AttachmentRecord>,
}

impl EvidenceFile {
    /// A file that was read but whose item is not (yet) known to be valid.
    pub fn unchecked(path: String, contents: &super::read::Contents) -> Self {
        Self {
            path,
            size: contents.size,
            sha256: contents.sha256,
            kind: None,
            id: None,
            valid: false,
            attachments: Vec::new(),
        }
    }
}

/// Which top-level fields of each kind to keep beyond the envelope: those named by a
/// requirement's `where` or a coverage's `where` in the catalog, plus those scoring
/// reads itself. Markdown outlines are kept unless [`Projection::envelope_only`]
/// says otherwise.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    fields: BTreeMap<EvidenceKind, BTreeSet<Arc<str>>>,
    everything: bool,
    no_outlines: bool,
}

impl Projection {
    /// Keeps the envelope only: no kind fields and no Markdown outlines (for
    /// `validate`, which shows neither; parsing every document body for headings
    /// would be work for nothing).
    pub fn envelope_only() -> Self {
        Self {
            no_outlines: true,
            ..Self::default()
        }
    }

    /// Whether items keep the heading outline of their Markdown body.
    pub fn keeps_outlines(&self) -> bool {
        !self.no_outlines
    }

    /// Keeps every field (for tools that show items whole).
    pub fn everything() -> Self {
        Self {
            everything: true,
            ..Self::default()
        }
    }

    /// Also keeps the top-level field of a dotted `path` for `kind`.
    pub fn keep(&mut self, kind: EvidenceKind, path: &str) {
        let top = path.split('.').next().unwrap_or(path);
        self.fields.entry(kind).or_default().insert(Arc::from(top));
    }

    /// The fields to keep of an item of `kind` whose JSON is `value`.
    pub(super) fn project(&self, kind: EvidenceKind, value: &Json) -> BTreeMap<Arc<str>, Json> {
        let Some(object) = value.as_object() else {
            return BTreeMap::new();
        };
        if self.everything {
            return object
                .iter()
                .filter(|(k, _)| !super::envelope::is_envelope_field(k))
                .map(|(k, v)| (Arc::from(k.as_str()), v.clone()))
                .collect();
        }
        let Some(names) = self.fields.get(&kind) else {
            return BTreeMap::new();
        };
        names
            .iter()
            .filter_map(|name| Some((Arc::clone(name), object.get(&**name)?.clone())))
            .collect()
    }
}
