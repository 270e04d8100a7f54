//! Kinds about the IR program itself: exercises, training, the team, metrics, and
//! the attestations and waivers that stand in for other evidence.

use super::vocab::{
    Audience, ExerciseStatus, ExerciseType, Function, Indicator, Member, MetricsScope, Scenario,
    TeamStructure,
};
use crate::evidence::envelope::evidence_kind;

evidence_kind! {
    /// An exercise: tabletop, simulation, drill or recovery test. Only a `held`
    /// exercise counts; it then says the day it was held.
    #[schemars(extend("if" = {"properties": {"status": {"const": "held"}}}, "then" = {"required": ["held"]}))]
    Exercise = "exercise" {
        /// What sort of exercise.
        #[serde(rename = "type")]
        exercise_type: ExerciseType,
        /// Whether it took place: `held`, `planned`, `postponed` or `cancelled`.
        status: ExerciseStatus,
        /// The day it was held (required when `status` is `held`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        held: Option<jiff::civil::Date>,
        /// Scenarios played.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        scenarios: Vec<Scenario>,
        /// Who took part.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        participants: Vec<Member>,
        /// What was found.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        findings: Vec<String>,
        /// Whether the scenario assumed key people were unavailable.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_personnel_unavailable: Option<bool>,
        /// System components exercised.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        components_covered: Vec<String>,
        /// Continuity strategy changes made from the results.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        continuity_changes: Vec<String>,
    }
}

evidence_kind! {
    /// A training record.
    TrainingRecord = "training-record" {
        /// Who it was for.
        audience: Audience,
        /// What it covered.
        topic: String,
        /// Share of the audience that completed it (0 to 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(range(min = 0.0, max = 1.0))]
        completion_rate: Option<f64>,
        /// Who attended.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        participants: Vec<Member>,
    }
}

evidence_kind! {
    /// The incident response team or role assignment.
    IrTeam = "ir-team" {
        /// How response is organised.
        structure: TeamStructure,
        /// Members and their roles.
        members: Vec<Member>,
        /// Functions represented.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        functions: Vec<Function>,
        /// Whether members are formally assigned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        formally_assigned: Option<bool>,
        /// External resources on retainer (IR firm, forensics, counsel).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        external_resources: Vec<String>,
    }
}

evidence_kind! {
    /// A metrics report with KPIs, KRIs and its leadership review.
    MetricsReport = "metrics-report" {
        /// Key performance indicators.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kpis: Vec<Indicator>,
        /// Key risk indicators.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kris: Vec<Indicator>,
        /// How much of the organisation it covers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<MetricsScope>,
        /// Whether third-party functions are included.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        includes_third_parties: Option<bool>,
        /// Who reviewed it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reviewed_by: Vec<String>,
        /// Process improvements recommended from the analysis.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        improvement_recommendations: Vec<String>,
    }
}

evidence_kind! {
    /// A signed statement that criteria are met. It must say how long it is valid
    /// (`expires` or `valid_for`): an open-ended attestation proves nothing.
    #[schemars(extend("anyOf" = [{"required": ["expires"]}, {"required": ["valid_for"]}]))]
    Attestation = "attestation" {
        /// Criterion ids it covers.
        covers: Vec<String>,
        /// Who signed it.
        signed_by: String,
        /// What is attested.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        statement: Option<String>,
    }
}

evidence_kind! {
    /// An approved waiver of criteria, with justification and expiry.
    Waiver = "waiver" {
        /// Criterion ids it waives.
        covers: Vec<String>,
        /// Who approved it.
        approver: String,
        /// Why.
        justification: String,
    }
}
