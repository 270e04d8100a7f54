//! The catalog file format: what a `controls/*.yaml` file may contain.
//!
//! These serde types are the single source of truth for the format: the committed
//! `schemas/catalog.schema.json` is generated from them, and loading deserialises into
//! them only after that schema has accepted the file. Semantic rules that a schema
//! cannot express (unique ids, resolvable references, level numbering) live in
//! `catalog::validate`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::IsoDuration;
use crate::evidence::EvidenceKind;

/// One catalog file: a framework, its controls, and the mappings it declares.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "evident control catalog")]
pub struct CatalogFile {
    /// The framework the controls belong to.
    pub framework: Framework,
    /// The controls, in the order reports show them.
    pub controls: Vec<Control>,
    /// Relations from this file's controls or criteria to others, in any catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mappings: Vec<Mapping>,
    /// Accepted headings per required section: a section named in a requirement's
    /// `sections` is found under its own name or any of these synonyms (compared with
    /// case, plurals, `&`/`and`, punctuation and numbering folded).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub headings: std::collections::BTreeMap<String, Vec<String>>,
}

/// Provenance of a framework's text: who wrote it, which version, under what licence.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Short stable id, e.g. `soc2`, `scf`.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Full name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Version or edition of the source text.
    #[schemars(length(min = 1))]
    pub version: String,
    /// Where the control text comes from.
    #[schemars(length(min = 1))]
    pub source: String,
    /// Licence of the control text.
    #[schemars(length(min = 1))]
    pub licence: String,
    /// Attribution required by the licence, shown in every report.
    #[schemars(length(min = 1))]
    pub attribution: String,
}

/// A control: a SOC 2 criterion scored by points of focus, an SCF control scored by
/// maturity levels, or a procedure scored by steps. Exactly one of `points_of_focus`,
/// `levels` and `steps` is present.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Globally unique id, e.g. `CC7.4`, `IRO-02`, `BRP`.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Title as in the source.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The control statement or criterion text, verbatim.
    #[schemars(length(min = 1))]
    pub statement: String,
    /// The control question, where the source has one (SCF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Relative weight used to order gaps (SCF relative weighting, 1 to 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub weight: Option<u8>,
    /// How often the control is expected to be re-assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<IsoDuration>,
    /// SOC 2: the points of focus, each scored on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_of_focus: Option<Vec<Criterion>>,
    /// SCF: the C|P-CMM maturity levels 0 to 5, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<Level>>,
    /// Procedure: the steps, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<Criterion>>,
}

/// One maturity level of an SCF control.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The level number, 0 to 5.
    #[schemars(range(max = 5))]
    pub level: u8,
    /// The level's name (`Planned and tracked`).
    #[schemars(length(min = 1))]
    pub name: String,
    /// The level's description, verbatim. Absent for a level that is not defined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Present when the source marks the level N/A: the source's reason, verbatim.
    /// A level that is not defined caps the scale: it is never awarded and never a gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_defined: Option<String>,
    /// The criteria the level expects, one per bullet of the source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
}

/// A criterion, point of focus or procedure step: text to satisfy, evidence that
/// satisfies it, and what to do when it is missing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Globally unique, stable id: `CC7.4-POF3`, `IRO-02.L3.c4`, `BRP.S2`.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Short title (points of focus and procedure steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The criterion text, verbatim from the source.
    #[schemars(length(min = 1))]
    pub text: String,
    /// Sub-bullets of the criterion, verbatim, kept attached to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Who wrote `title` and `text`: the source (verbatim) or evident (where the
    /// source carries no text for this point).
    #[serde(default, skip_serializing_if = "TextOrigin::is_source")]
    pub text_origin: TextOrigin,
    /// The supplemental SOC 2 category a point of focus belongs to ([C] or [P]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TscCategory>,
    /// Always required for its level, whatever fraction the profile accepts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub essential: bool,
    /// The evidence that satisfies the criterion; all must be met.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// What to do when the criterion is not met.
    #[schemars(length(min = 1))]
    pub remediation: String,
}

/// Who wrote a criterion's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TextOrigin {
    /// Verbatim from the framework's source text.
    #[default]
    Source,
    /// Written by evident where the source has no text for the point.
    Evident,
}

impl TextOrigin {
    fn is_source(&self) -> bool {
        *self == Self::Source
    }
}

crate::vocabulary::vocabulary! {
    /// SOC 2 supplemental criteria categories that mark points of focus.
    pub enum TscCategory {
        /// [C] Confidentiality.
        Confidentiality,
        /// [P] Privacy.
        Privacy,
    }
}

/// Evidence that satisfies (part of) a criterion.
///
/// It selects items (`kind`, `where`, `sections`, `accepts`) and then quantifies them:
/// by default at least `min_count` items, optionally fresher than `within`; with
/// `cadence`, at least one item in each period of the audit period; with `coverage`,
/// one item linked to each member of another kind.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// What is required, in words an analyst can act on.
    #[schemars(length(min = 1))]
    pub description: String,
    /// The kind of evidence item.
    pub kind: EvidenceKind,
    /// Minimum number of matching items (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    #[schemars(range(min = 1))]
    pub min_count: u32,
    /// Freshness window: the item's effective date (or period end) must fall within this
    /// duration before the as-of date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<IsoDuration>,
    /// Conditions on the item's fields; all must hold.
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<FieldCondition>,
    /// Headings a document must contain (case-insensitive, `&` equals `and`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// Which bases count (default: measured and declared). An attested statement
    /// counts only where this names `attested`, and never for operating evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<Basis>,
    /// Recurrence over the audit period: expected vs found per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Per-member coverage: every member of another kind has a linked item of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    /// Coverage by identity (with `cadence`): in each period, the people named in the
    /// matching items are matched against a roster; the share is computed, never read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<Roster>,
    /// Per-member timeliness against the obligations register: every duty a member
    /// triggered is notified to its recipient by its deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeliness: Option<Timeliness>,
    /// This requirement is the *design* of an event-driven activity: a current,
    /// approved procedure that defines it. A criterion with per-member coverage must
    /// have one; with no member in the period, the criterion is met on design only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub design: bool,
    /// The words of the criterion's text this requirement tests, quoted verbatim, so
    /// every demand can be traced to the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed_words: Option<String>,
    /// The name of a threshold the source text does not give (a deadline, a rate):
    /// the profile's `thresholds` may set it; the value written here is the default.
    /// It sets `coverage.within`, else `roster.min_share`, else `within`, else
    /// `cadence.every`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z][a-z0-9-]*$"))]
    pub threshold: Option<String>,
    /// Other evidence that satisfies the requirement as well (another kind of
    /// document that defines the same step): met when this or any of these is met.
    #[serde(default, rename = "or", skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Requirement>,
}

impl Requirement {
    /// The requirement and its alternatives, each of which satisfies it.
    pub fn options(&self) -> impl Iterator<Item = &Requirement> {
        std::iter::once(self).chain(self.alternatives.iter())
    }

    /// Whether the requirement counts operating evidence over the period (a cadence,
    /// per-member coverage, a roster or timeliness): records that can be produced, so
    /// an attestation never stands in for them.
    pub fn is_operating(&self) -> bool {
        self.cadence.is_some()
            || self.coverage.is_some()
            || self.roster.is_some()
            || self.timeliness.is_some()
    }

    /// Whether the requirement counts per-member events (coverage or timeliness), so
    /// that it can be met with no event on its criterion's design alone.
    pub fn is_per_event(&self) -> bool {
        self.coverage.is_some() || self.timeliness.is_some()
    }

    /// Whether items of `basis` may count. Without `accepts`, measured and declared
    /// records count; attested statements count only where `accepts` names them.
    pub fn accepts_basis(&self, basis: Basis) -> bool {
        if self.accepts.is_empty() {
            basis != Basis::Attested
        } else {
            self.accepts.contains(&basis)
        }
    }
}

/// Coverage by identity: the roster (members of the latest item of kind `of` in
/// effect at the end of each period) must be named among the people of the period's
/// matching items, for at least `min_share` of its members.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The kind that holds the roster in its `members` (`ir-team`).
    pub of: EvidenceKind,
    /// Share of the roster that must be named (default 1.0: everyone).
    #[serde(default = "everyone", skip_serializing_if = "is_everyone")]
    #[schemars(range(min = 0.01, max = 1.0))]
    pub min_share: f64,
}

fn everyone() -> f64 {
    1.0
}

#[allow(clippy::float_cmp)] // 1.0 is written, not computed.
fn is_everyone(value: &f64) -> bool {
    *value == 1.0
}

/// Timeliness against the obligations register: each member (an item of kind `of`,
/// matching `where`, in the audit period) names the register duties it triggered;
/// each must have a notification to the duty's recipient for that member, sent no
/// later than the duty's deadline counted from detection or determination.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeliness {
    /// The kind of the members (`incident`).
    pub of: EvidenceKind,
    /// Which members count; all conditions must hold.
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<FieldCondition>,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

pub use crate::evidence::Basis;

/// Expected recurrence: the audit period is cut into consecutive periods of `every`,
/// and each must hold at least `min_per_period` matching items.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// Length of one period (`P3M` for quarterly).
    pub every: IsoDuration,
    /// Items expected in each period (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    #[schemars(range(min = 1))]
    pub min_per_period: u32,
}

/// Per-member coverage: each member (an item of kind `of`, matching `where`, whose
/// effective date falls in the audit period) needs an item of the requirement's kind
/// that references it (or that it references) by id, dated no later than `within`
/// after the member's effective date.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The kind of the members that must each be covered.
    pub of: EvidenceKind,
    /// Which members count; all conditions must hold.
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<FieldCondition>,
    /// Deadline for the covering item, counted from `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<IsoDuration>,
    /// What the deadline runs from: the member's start (its effective date, default)
    /// or its closure (`closed`; an open member is not yet due). A profile's
    /// `deadline_from` may override it per covering kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DeadlineFrom>,
}

crate::vocabulary::vocabulary! {
    /// What a coverage deadline runs from.
    pub enum DeadlineFrom {
        /// The member's effective date (or period start): for incidents, the day handled.
        Start,
        /// The member's `closed` date: a review due 30 days after closing.
        Closure,
    }
}

/// A condition on one field of an item: `field` `op` `value`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldCondition {
    /// Dotted path into the item (`severity`, `review.approved_by`). A path through a
    /// list holds when it holds for any element.
    #[schemars(regex(pattern = r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$"))]
    pub field: String,
    /// The comparison.
    pub op: Operator,
    /// The operand; absent for `exists` and `not-empty`, a list for `in` and `not-in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

crate::vocabulary::vocabulary! {
    /// Comparison operators of a field condition.
    pub enum Operator {
        /// Equal to `value`.
        Eq,
        /// Not equal to `value`.
        Ne,
        /// One of the list `value`.
        In,
        /// None of the list `value`.
        NotIn,
        /// Greater than `value` (numbers, or dates as ISO strings).
        Gt,
        /// Greater than or equal to `value`.
        Gte,
        /// Less than `value`.
        Lt,
        /// Less than or equal to `value`.
        Lte,
        /// The field is present.
        Exists,
        /// The field is present and not an empty string or list.
        NotEmpty,
        /// A list that contains `value`, or a string that contains it as a substring.
        Contains,
    }
}

impl Operator {
    /// Whether the operator needs a `value`.
    pub fn takes_value(self) -> bool {
        !matches!(self, Self::Exists | Self::NotEmpty)
    }

    /// Whether the operator needs a list `value`.
    pub fn takes_list(self) -> bool {
        matches!(self, Self::In | Self::NotIn)
    }
}

/// A declared relation between two controls or criteria (SCF STRM relation types).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// A control, level (`IRO-02.L3`) or criterion id of this file.
    #[schemars(length(min = 1))]
    pub from: String,
    /// A control, level or criterion id in any loaded catalog.
    #[schemars(length(min = 1))]
    pub to: String,
    /// How the two relate. Only `equal` would let a result stand for the other; evident
    /// never copies scores across `intersect`.
    pub relation: Relation,
    /// Where the mapping comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

crate::vocabulary::vocabulary! {
    /// Set-theory relationship types (NIST IR 8477 STRM).
    pub enum Relation {
        /// The two are equivalent.
        Equal,
        /// `from` is a subset of `to`.
        SubsetOf,
        /// `from` is a superset of `to`.
        SupersetOf,
        /// The two overlap; neither contains the other.
        Intersect,
        /// Related in support, without set overlap.
        Supports,
    }
}
