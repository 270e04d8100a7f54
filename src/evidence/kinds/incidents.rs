//! Kinds about incidents and what surrounds them: the incident, triage, emergency
//! access, notification duties and the notifications sent.

use jiff::Timestamp;
use jiff::civil::Date;

use super::vocab::{
    Action, DetectionSource, IncidentStatus, Notification, Obligation, Recipient, Severity,
    TimelineEntry,
};
use crate::duration::IsoDuration;
use crate::evidence::envelope::evidence_kind;

evidence_kind! {
    /// A security incident. Its `effective` date (or `period`) is when it was handled;
    /// `closed` is when it ended.
    Incident = "incident" {
        /// Severity.
        severity: Severity,
        /// Where it stands.
        status: IncidentStatus,
        /// When it was detected, with a time zone offset.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detected: Option<Timestamp>,
        /// When it was determined to be a notifiable breach, with a time zone offset
        /// (deadlines counted `from: determination` start here).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        breach_determined: Option<Timestamp>,
        /// The names of the obligations-register duties the organisation determined
        /// this incident triggers (`[]`: it triggers none). Each must be notified by its
        /// deadline.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        obligations: Option<Vec<String>>,
        /// The day it was closed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        closed: Option<Date>,
        /// How it came to light.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detection_source: Option<DetectionSource>,
        /// Whether personal information was involved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        personal_data_involved: Option<bool>,
        /// Whether confidential information was involved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidential_data_involved: Option<bool>,
        /// Systems affected.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        affected_systems: Vec<String>,
        /// Information used or disclosed.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        data_affected: Vec<String>,
        /// The containment approach chosen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        containment_strategy: Option<String>,
        /// Response time frame set for it (`PT4H`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        response_time_target: Option<IsoDuration>,
        /// Root cause, once known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        root_cause: Option<String>,
        /// Whether sanctions against those involved were considered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sanctions_considered: Option<bool>,
        /// What happened when.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        timeline: Vec<TimelineEntry>,
        /// Remediation actions.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        actions: Vec<Action>,
    }
}

evidence_kind! {
    /// An alert triage log export: events analysed, filtered and escalated.
    AlertTriage = "alert-triage" {
        /// Events received in the period.
        events_received: u64,
        /// Events filtered out as benign.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events_filtered: Option<u64>,
        /// Events escalated to responders.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        escalated: Option<u64>,
        /// Events confirmed as security events.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        security_events_identified: Option<u64>,
    }
}

evidence_kind! {
    /// An emergency (break-glass) account granted to a responder.
    EmergencyAccess = "emergency-access" {
        /// The account.
        account: String,
        /// Who received it.
        granted_to: String,
        /// When it was provisioned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provisioned: Option<Timestamp>,
        /// When it was removed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deprovisioned: Option<Timestamp>,
        /// Who approved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approved_by: Option<String>,
    }
}

evidence_kind! {
    /// The register of legal, regulatory and contractual notification duties.
    ObligationsRegister = "obligations-register" {
        /// The duties.
        obligations: Vec<Obligation>,
    }
}

evidence_kind! {
    /// Notifications sent about an incident.
    NotificationLog = "notification-log" {
        /// The notifications.
        notifications: Vec<Notification>,
        /// Who was notified, in summary.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        recipients: Vec<Recipient>,
    }
}
