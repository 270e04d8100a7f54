//! The envelope every evidence item shares, whatever its kind: identity, ownership,
//! the period it proves, how it knows, how long it stays valid, and links to others.
//!
//! The fields are spliced into each kind's type by `evidence_kind!` rather than
//! flattened, because serde cannot reject unknown fields through `flatten`.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Pattern for item ids: letters, digits and `._-`, starting with a letter or digit.
/// Ids never contain `/` or `\` and never start with `.`, so an id can never be
/// mistaken for a path.
pub const ID_PATTERN: &str = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

/// The period an item proves: from `start` to `end`, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day the item covers.
    pub start: Date,
    /// Last day the item covers.
    pub end: Date,
}

crate::vocabulary::vocabulary! {
    /// How an item of evidence knows what it claims.
    #[derive(strum::Display)]
    pub enum Basis {
        /// Exported from a system.
        Measured,
        /// A document that says so.
        Declared,
        /// A signed statement with a validity period.
        Attested,
    }
}

/// Pattern for a SHA-256 written as 64 lowercase hex digits.
pub const SHA256_PATTERN: &str = r"^[0-9a-f]{64}$";

/// Where an imported item came from: enough for an auditor to find the record in the
/// export, and for a re-import to notice that the item was edited by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The tool the export came from (`pagerduty`, `trivy`, `sarif`, ...).
    #[schemars(length(min = 1))]
    pub tool: String,
    /// File name of the export.
    #[schemars(length(min = 1))]
    pub export: String,
    /// SHA-256 of the export file's bytes.
    #[schemars(regex(pattern = SHA256_PATTERN))]
    pub export_sha256: String,
    /// The record's id in the source (incident id, issue key, scan target).
    #[schemars(length(min = 1))]
    pub record: String,
    /// SHA-256 of the file as `evident import` wrote it, without this line: when the
    /// file no longer hashes to it, the item was edited by hand and a re-import leaves
    /// it alone unless `--force` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = SHA256_PATTERN))]
    pub written_sha256: Option<String>,
}

/// A file beside an item that the item stands for, pinned by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Path relative to the item's folder (`minutes-2026-03.pdf`); no `..`, not absolute.
    #[schemars(length(min = 1))]
    pub path: String,
    /// SHA-256 of the file's bytes (`sha256sum FILE`).
    #[schemars(regex(pattern = SHA256_PATTERN))]
    pub sha256: String,
}

/// Declares an evidence kind's type: the envelope fields plus the kind's own.
macro_rules! evidence_kind {
    (
        $(#[$meta:meta])*
        $name:ident = $kind:literal {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty, )*
        }
    ) => {
        #[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            /// The evidence kind.
            #[schemars(extend("const" = $kind))]
            pub kind: String,
            /// Unique id of the item across the evidence directory.
            #[schemars(regex(pattern = $crate::evidence::envelope::ID_PATTERN))]
            pub id: String,
            /// Human-readable title.
            #[schemars(length(min = 1))]
            pub title: String,
            /// Who is accountable for the item (a person or team).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub owner: Option<String>,
            /// The day the item proves (use `period` for a span of days).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub effective: Option<jiff::civil::Date>,
            /// The span the item proves (use `effective` for a single day).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub period: Option<$crate::evidence::envelope::Period>,
            /// When the item was collected or exported (not the period it proves).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub collected: Option<jiff::civil::Date>,
            /// How the item knows: exported from a system, declared in a document, or attested.
            pub basis: $crate::evidence::envelope::Basis,
            /// Last day the item is valid (attestations, waivers, approvals).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub expires: Option<jiff::civil::Date>,
            /// How long after its effective date (or period end) the item stays valid.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub valid_for: Option<$crate::duration::IsoDuration>,
            /// Where the item comes from (system, export job, document store).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub source: Option<String>,
            /// Ids of related items (an incident a review covers, a plan an exercise tested).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub refs: Vec<String>,
            /// Where an imported item came from (`evident import` writes it).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub provenance: Option<$crate::evidence::envelope::Provenance>,
            /// Files beside the item that it stands for (a signed PDF, a screenshot, a
            /// spreadsheet), each with its SHA-256, checked on every run.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub attachments: Vec<$crate::evidence::envelope::Attachment>,
            $( $(#[$fmeta])* pub $field: $ty, )*
        }
    };
}

pub(crate) use evidence_kind;

/// Names of the envelope fields, which every item has and [`super::EvidenceItem`]
/// keeps in its own fields.
pub const ENVELOPE_FIELDS: &[&str] = &[
    "kind",
    "id",
    "title",
    "owner",
    "effective",
    "period",
    "collected",
    "basis",
    "expires",
    "valid_for",
    "source",
    "refs",
    "provenance",
    "attachments",
];

/// Whether `name` is an envelope field.
pub fn is_envelope_field(name: &str) -> bool {
    ENVELOPE_FIELDS.contains(&name)
}

/// The envelope read from a validated item's JSON (unknown fields are the kind's).
#[derive(Debug, Deserialize)]
pub(super) struct EnvelopeView {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub effective: Option<Date>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub collected: Option<Date>,
    pub basis: Basis,
    #[serde(default)]
    pub expires: Option<Date>,
    #[serde(default)]
    pub valid_for: Option<crate::duration::IsoDuration>,
    #[serde(default)]
    pub refs: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}
