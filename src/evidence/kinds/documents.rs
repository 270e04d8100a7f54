//! Document kinds: Markdown files with YAML front matter whose headings requirements
//! can demand (plans, reviews, policies, governance records).

use super::vocab::{
    Action, DocumentStatus, GovernanceBody, GovernanceType, Member, PlanScope, PolicyTopic,
};
use crate::evidence::envelope::evidence_kind;

evidence_kind! {
    /// An incident response plan.
    IrPlan = "ir-plan" {
        /// Approval state.
        status: DocumentStatus,
        /// What the plan covers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<PlanScope>,
        /// The business unit, for a business-unit plan.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        business_unit: Option<String>,
        /// Who approved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approved_by: Option<String>,
        /// Document version.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<String>,
    }
}

evidence_kind! {
    /// A post-incident review of one or more incidents (named in `refs`).
    PostIncidentReview = "post-incident-review" {
        /// The root cause found.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        root_cause: Option<String>,
        /// Lessons learned.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lessons_learned: Vec<String>,
        /// Follow-up actions.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        actions: Vec<Action>,
        /// Whether the IR plan was updated as a result.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan_updated: Option<bool>,
        /// Who the outcome was communicated to.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        communicated_to: Vec<String>,
    }
}

evidence_kind! {
    /// A policy document.
    Policy = "policy" {
        /// What the policy governs.
        topic: PolicyTopic,
        /// Approval state.
        status: DocumentStatus,
        /// Who approved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approved_by: Option<String>,
    }
}

evidence_kind! {
    /// A governance record: charter, minutes, CONOPS, program document, strategy.
    GovernanceRecord = "governance-record" {
        /// What sort of record.
        #[serde(rename = "type")]
        record_type: GovernanceType,
        /// The body it belongs to.
        body: GovernanceBody,
        /// Who approved it, and which function they represent.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        approvers: Vec<Member>,
        /// Decisions taken (minutes).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        decisions: Vec<String>,
    }
}
