//! Closed vocabularies and small records shared by several evidence kinds.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::IsoDuration;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }
    };
}

vocabulary! {
    /// Approval state of a document.
    DocumentStatus { Draft, Approved, Retired }
}
vocabulary! {
    /// What an IR plan covers.
    PlanScope { Organisation, BusinessUnit, System }
}
vocabulary! {
    /// Incident severity, sev-1 being the worst.
    Severity {
        #[serde(rename = "sev-1")] Sev1,
        #[serde(rename = "sev-2")] Sev2,
        #[serde(rename = "sev-3")] Sev3,
        #[serde(rename = "sev-4")] Sev4,
    }
}
vocabulary! {
    /// Where an incident stands.
    IncidentStatus { Open, Contained, Resolved, Closed }
}
vocabulary! {
    /// How an incident came to light.
    DetectionSource { Monitoring, Report, ThirdParty }
}
vocabulary! {
    /// Kind of exercise.
    ExerciseType { Tabletop, Simulation, Drill, RecoveryTest }
}
vocabulary! {
    /// Whether an exercise took place. Only a held exercise is evidence that the plan
    /// was tested; a planned, postponed or cancelled one is a calendar entry.
    ExerciseStatus { Held, Planned, Postponed, Cancelled }
}
vocabulary! {
    /// What a notification deadline is counted from: the incident's detection, or the
    /// determination that it is a notifiable breach (the moment the organisation
    /// "became aware" of a breach, in GDPR Art. 33's words).
    DeadlineAnchor { Detection, Determination }
}
vocabulary! {
    /// Who a training was for.
    Audience { IrTeam, AllStaff, It, Developers }
}
vocabulary! {
    /// How incident response is organised.
    TeamStructure { Decentralized, Centralized, Integrated }
}
vocabulary! {
    /// Business or technical function a person represents.
    Function { Cybersecurity, It, Privacy, Business, Legal, Communications, External, Technical }
}
vocabulary! {
    /// Source of a notification duty.
    ObligationType { Statutory, Regulatory, Contractual }
}
vocabulary! {
    /// Who was notified.
    Recipient { Regulator, DataSubject, Customer, Partner, LawEnforcement, Internal }
}
vocabulary! {
    /// Why a scan ran.
    ScanTrigger { Scheduled, Change }
}
vocabulary! {
    /// Category of a detection tool.
    ToolCategory { Siem, Edr, Ids, Ndr, Fim, Dlp, ThreatIntel }
}
vocabulary! {
    /// Anomalies the detection measures are designed to catch (CC7.2-POF2).
    DetectionMeasure {
        PhysicalBarriers, InsiderActivity, CompromisedCredentials, ExternalAccess,
        ThirdPartyCompromise, UnauthorisedComponents,
    }
}
vocabulary! {
    /// Data classification of an asset.
    Classification { Public, Internal, Confidential, Restricted }
}
vocabulary! {
    /// How much of the organisation a metrics report covers.
    MetricsScope { OrganisationWide, Partial }
}
vocabulary! {
    /// Kind of governance record.
    GovernanceType { Charter, Minutes, Conops, Program, Strategy, Raci, ChangeApproval }
}
vocabulary! {
    /// Body a governance record belongs to.
    GovernanceBody { SteeringCommittee, Grc, Isirt, Soc, Itam, Ciso, Bpo }
}
vocabulary! {
    /// Subject of a policy.
    PolicyTopic {
        IncidentResponse, Detection, VulnerabilityManagement, Configuration, Sanctions,
        Communication, BreachResponse, AcceptableUse, AccessControl,
    }
}
vocabulary! {
    /// State of a follow-up action.
    ActionStatus { Open, InProgress, Done, Cancelled }
}

/// A person with a role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Role in the team or exercise (incident commander, scribe, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Function the person represents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Function>,
}

/// A follow-up action.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What is to be done.
    #[schemars(length(min = 1))]
    pub description: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    /// Change ticket that implements it (change control).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_ref: Option<String>,
}

/// One entry of an incident timeline.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// When, with a time zone offset (`2026-03-02T09:14:00Z`).
    pub at: Timestamp,
    /// What happened.
    #[schemars(length(min = 1))]
    pub event: String,
}

/// A legal, regulatory or contractual notification duty.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Name of the duty (GDPR Art. 33, customer DPA §7, …).
    #[schemars(length(min = 1))]
    pub name: String,
    /// Statutory, regulatory or contractual.
    #[serde(rename = "type")]
    pub kind: ObligationType,
    /// Where it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Deadline after awareness (`PT72H`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<IsoDuration>,
    /// What the deadline is counted from (default: detection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DeadlineAnchor>,
    /// Who must be notified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<Recipient>,
}

/// One notification sent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// Who was notified.
    pub recipient: Recipient,
    /// When, with a time zone offset.
    pub sent: Timestamp,
    /// How (email, portal, letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The incident it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// The name of the register's obligation it discharges, when it discharges one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligation: Option<String>,
}

/// A detection tool and its health.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Product or service name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// What kind of tool.
    pub category: ToolCategory,
    /// Whether its last health check passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy: Option<bool>,
    /// Share of in-scope assets it covers (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub coverage: Option<f64>,
}

/// An asset with its data classification.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Asset id or hostname.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Endpoint, server, SaaS, …
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub asset_type: Option<String>,
    /// The most sensitive data it stores, transmits or processes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
}

/// A measured indicator (KPI or KRI).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What is measured (mean time to contain, …).
    #[schemars(length(min = 1))]
    pub name: String,
    /// The measured value.
    pub value: f64,
    /// The target or threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Unit (hours, %, count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An exercise scenario.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What was simulated.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Likelihood of the threat (low, medium, high).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<String>,
    /// Magnitude of its impact (low, medium, high).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magnitude: Option<String>,
}
