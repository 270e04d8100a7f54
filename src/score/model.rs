//! The assessment as data: what scoring hands to every report. It is versioned and
//! has a published schema; every number in it points back at evidence ids, files,
//! lines and hashes.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::Basis;
use crate::evidence::{EvidenceKind, Period};

/// The result of scoring a catalog against evidence as of a date.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Assessment {
    /// The organisation, from the profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// What the assessment covers, from the profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The date the assessment is as of.
    pub as_of: Date,
    /// The audit period cadences and coverage are counted over.
    pub audit_period: Period,
    /// Share of a level's criteria that must be met.
    pub level_threshold: f64,
    /// The named thresholds the source texts do not give, with the values used (the
    /// catalog's defaults or the profile's).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub thresholds: std::collections::BTreeMap<String, String>,
    /// Whether waived criteria count toward a level or readiness (profile opt-in;
    /// never for essential criteria).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub waivers_count_toward_level: bool,
    /// One result per control, in catalog order.
    pub controls: Vec<ControlResult>,
    /// Every unmet criterion between a control's current level and its target,
    /// ordered by level, then control weight (heaviest first), then id.
    pub gaps: Vec<Gap>,
    /// Things an auditor must see that are not a criterion result: expired waivers
    /// and attestations, and those expiring soon.
    pub findings: Vec<Finding>,
}

/// How one control scored.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ControlResult {
    /// Control id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The framework's id.
    pub framework: String,
    /// Weight (SCF), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<u8>,
    /// The score.
    pub score: Score,
    /// The target, when the profile or command line sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// Whether the target is reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_status: Option<TargetStatus>,
    /// Levels (SCF maturity) with their criteria.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelResult>,
    /// Criteria of a control without levels (points of focus, steps).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<CriterionResult>,
    /// Related results across catalog mappings (never copied into this score).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl ControlResult {
    /// The shortest path to the next step up: the unmet criteria of the next defined
    /// level (maturity), or every unmet criterion (readiness).
    pub fn next_checklist(&self) -> Vec<&CriterionResult> {
        let unmet = |cr: &&CriterionResult| cr.status == CriterionStatus::NotMet;
        match &self.score {
            Score::Maturity { level, .. } => self
                .levels
                .iter()
                .find(|l| l.defined && l.level == level + 1)
                .map(|l| l.criteria.iter().filter(unmet).collect())
                .unwrap_or_default(),
            Score::Readiness { .. } => self.criteria.iter().filter(unmet).collect(),
        }
    }

    /// Every criterion with the level it belongs to (`None` for points of focus and
    /// steps), in catalog order. Undefined levels have no criteria, so they add none.
    pub fn all_criteria(&self) -> impl Iterator<Item = (Option<u8>, &CriterionResult)> {
        let leveled = self
            .levels
            .iter()
            .flat_map(|l| l.criteria.iter().map(move |c| (Some(l.level), c)));
        self.criteria.iter().map(|c| (None, c)).chain(leveled)
    }
}

/// A control's score.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "model", rename_all = "kebab-case")]
pub enum Score {
    /// SCF C|P-CMM: nested maturity levels.
    Maturity {
        /// The level reached.
        level: u8,
        /// The highest level the catalog defines (undefined levels cap the scale).
        cap: u8,
        /// Progress inside the next defined level, if there is one.
        #[serde(skip_serializing_if = "Option::is_none")]
        next: Option<Progress>,
        /// Waived criteria the reached levels counted (only with
        /// `waivers_count_toward_level`); a level reached with waivers says so.
        #[serde(default, skip_serializing_if = "is_zero")]
        waived: u32,
        /// Criteria of the reached levels met on design only (no event in the period
        /// showed their operation); a level that rests on them says so.
        #[serde(default, skip_serializing_if = "is_zero")]
        design_only: u32,
    },
    /// SOC 2 points of focus, or procedure steps: how many are met.
    Readiness {
        /// Criteria met (waived ones only with `waivers_count_toward_level`).
        met: u32,
        /// Criteria that apply.
        total: u32,
        /// Waived criteria counted in `met`.
        #[serde(default, skip_serializing_if = "is_zero")]
        waived: u32,
        /// Criteria counted in `met` on design only.
        #[serde(default, skip_serializing_if = "is_zero")]
        design_only: u32,
    },
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// How far a level is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Progress {
    /// The level.
    pub level: u8,
    /// Criteria met or waived.
    pub met: u32,
    /// Criteria that apply.
    pub total: u32,
}

crate::vocabulary::vocabulary! {
    /// Whether a control reaches its target.
    pub enum TargetStatus {
        /// At or above the target.
        Met,
        /// Below the target.
        Below,
        /// The target is above the highest level the catalog defines.
        Unattainable,
    }
}

/// One maturity level.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LevelResult {
    /// 0 to 5.
    pub level: u8,
    /// Its name.
    pub name: String,
    /// Whether the source defines it.
    pub defined: bool,
    /// Whether its criteria are met enough (threshold, essential criteria).
    pub satisfied: bool,
    /// Criteria met (waived ones only with `waivers_count_toward_level`).
    pub met: u32,
    /// Criteria that apply.
    pub total: u32,
    /// Criteria waived (counted in `met` only with `waivers_count_toward_level`).
    #[serde(skip_serializing_if = "is_zero")]
    pub waived: u32,
    /// Its criteria.
    pub criteria: Vec<CriterionResult>,
}

/// One criterion, point of focus or step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Its status.
    pub status: CriterionStatus,
    /// Whether the level always requires it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub essential: bool,
    /// Met on design only: a per-event requirement had no event in the period, so
    /// only the design (a current approved procedure) was shown, not its operation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub design_only: bool,
    /// Bases of the evidence that met it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Basis>,
    /// The waiver that waives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<EvidenceRef>,
    /// Why it does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    /// Every waiver and attestation naming the criterion, and whether and why it
    /// counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stand_ins: Vec<StandIn>,
    /// Each requirement's result.
    pub requirements: Vec<RequirementResult>,
    /// What to do when it is not met.
    pub remediation: String,
}

/// A waiver or attestation that names a criterion, as it was weighed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StandIn {
    /// The item.
    pub evidence: EvidenceRef,
    /// Whether it counted.
    pub counted: bool,
    /// Why it did or did not count, in words.
    pub why: String,
}

crate::vocabulary::vocabulary! {
    /// The status of a criterion.
    pub enum CriterionStatus {
        /// Every requirement is met.
        Met,
        /// Some requirement is not met.
        NotMet,
        /// A valid, unexpired waiver covers it.
        Waived,
        /// It does not apply to this assessment.
        NotApplicable,
    }
}

impl CriterionStatus {
    /// Whether it counts towards a level or readiness: met always, waived only where
    /// the profile opts in (`waivers_count_toward_level`).
    pub fn counts(self, waivers_count: bool) -> bool {
        match self {
            Self::Met => true,
            Self::Waived => waivers_count,
            Self::NotMet | Self::NotApplicable => false,
        }
    }
}

/// One requirement's result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RequirementResult {
    /// What is required.
    pub description: String,
    /// The evidence kind.
    pub kind: EvidenceKind,
    /// Whether it is met.
    pub met: bool,
    /// The design evidence of an event-driven activity.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub design: bool,
    /// Met with no event in the period: it rests on the criterion's design.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub design_only: bool,
    /// Why it is not met (or what is notable when it is).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    /// Items that count towards it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRef>,
    /// Cadence: periods expected and with evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence: Option<CadenceResult>,
    /// Coverage: members and those without a partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageResult>,
    /// Roster: per period, the people of the roster and those not named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roster: Vec<RosterResult>,
    /// Required sections: the heading that satisfied each, in each document used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionFound>,
}

/// A required section found in a document, under the heading the document uses.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SectionFound {
    /// The section the requirement names.
    pub section: String,
    /// The document's heading that satisfies it.
    pub heading: String,
    /// The document's id.
    pub id: String,
    /// The heading's line.
    pub line: u32,
}

/// Why a requirement is not met.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Reason {
    /// The kind of reason.
    pub code: ReasonCode,
    /// In words, naming items and dates.
    pub message: String,
    /// The items (or invalid files) the reason is about, so a report can point at
    /// their file and line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRef>,
}

crate::vocabulary::vocabulary! {
    /// Kinds of reason.
    pub enum ReasonCode {
        /// No item of the kind at all.
        Missing,
        /// Items exist but none matches the conditions or basis.
        NotMatching,
        /// A document lacks a section the requirement demands.
        MissingSection,
        /// Matching items are older than the freshness window.
        Stale,
        /// Matching items prove dates after the as-of date or outside the audit period.
        OutsidePeriod,
        /// Items of the kind were rejected as invalid.
        Invalid,
        /// An attestation or waiver has expired.
        Expired,
        /// Fewer matching items than required.
        InsufficientCount,
        /// Some members lack their partner item.
        InsufficientCoverage,
        /// A member's partner item (a notification, a review) came after its deadline.
        Late,
        /// Too few of a roster's people are named (trained, present).
        InsufficientRoster,
        /// No event in the period: met on the design alone (a note, not a failure).
        NoEvents,
        /// The criterion has no design requirement, so a requirement without events
        /// cannot be met.
        NoDesign,
    }
}

/// A pointer to an item of evidence: enough to find and verify it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct EvidenceRef {
    /// Item id.
    pub id: String,
    /// The item's title (untrusted text from the evidence).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// File, relative to the evidence directory.
    pub path: String,
    /// Line of the item's id.
    pub line: u32,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// Periods of a cadence.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CadenceResult {
    /// Periods that have ended or begun by the as-of date.
    pub expected: u32,
    /// Periods with enough items.
    pub found: u32,
    /// Periods without enough items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Period>,
    /// Edge periods not expected: less than half of a calendar period inside the audit
    /// period, or not ended by the as-of date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_expected: Vec<Period>,
}

/// Members of a coverage.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverageResult {
    /// Members in the audit period.
    pub members: u32,
    /// Members with a partner item.
    pub covered: u32,
    /// Members without one, described.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncovered: Vec<String>,
    /// Members whose deadline has not come (still open, or due after the as-of date)
    /// and that have no partner yet: neither met nor missing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<String>,
}

/// One period of a roster requirement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RosterResult {
    /// The period.
    pub period: Period,
    /// The roster item in effect, if there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<EvidenceRef>,
    /// People on the roster.
    pub members: u32,
    /// Of those, named in the period's items.
    pub named: u32,
    /// Roster people not named, by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// A result across a catalog mapping.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Related {
    /// This side (control, level or criterion id).
    pub from: String,
    /// The other side.
    pub to: String,
    /// The relation.
    pub relation: crate::catalog::Relation,
    /// The other side's result in words (its level, readiness or status).
    pub result: String,
}

/// One unmet criterion between the current level and the target.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Gap {
    /// Control id.
    pub control: String,
    /// The level the criterion belongs to (0 for controls without levels).
    pub level: u8,
    /// Criterion id.
    pub criterion: String,
    /// What to do.
    pub remediation: String,
    /// The evidence that would satisfy it: its unmet requirements.
    pub needs: Vec<String>,
}

/// Something an auditor must see.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Finding {
    /// What kind of finding.
    pub code: FindingCode,
    /// In words.
    pub message: String,
    /// The item concerned.
    pub evidence: EvidenceRef,
    /// The last day the item is valid.
    pub until: Date,
}

crate::vocabulary::vocabulary! {
    /// Kinds of finding.
    pub enum FindingCode {
        /// A waiver past its expiry: it waives nothing.
        ExpiredWaiver,
        /// An attestation past its expiry: it proves nothing.
        ExpiredAttestation,
        /// A waiver that expires within the notice period.
        ExpiringWaiver,
        /// An attestation that expires within the notice period.
        ExpiringAttestation,
    }
}

impl FindingCode {
    /// Whether the item has already expired (rather than expiring soon).
    pub fn expired(self) -> bool {
        matches!(self, Self::ExpiredWaiver | Self::ExpiredAttestation)
    }
}
