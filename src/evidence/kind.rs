//! The closed vocabulary of evidence kinds.
//!
//! A catalog requirement names one of these; an evidence file declares one in its
//! `kind` field. Keeping the list in one enum means an unknown kind is caught when the
//! catalog is loaded, not when a report comes out empty.

crate::vocabulary::vocabulary! {
    /// What an item of evidence is.
    #[derive(strum::Display)]
    pub enum EvidenceKind {
        /// Incident response plan (a Markdown document with front matter).
        IrPlan,
        /// One security incident with its severity, timeline and closure.
        Incident,
        /// Post-incident review (lessons learned, root cause, actions) of one or more incidents.
        PostIncidentReview,
        /// Exercise: tabletop, simulation, drill or recovery test, with scenarios and participants.
        Exercise,
        /// Training record: who was trained on what, when.
        TrainingRecord,
        /// Incident response team or role assignment.
        IrTeam,
        /// Emergency (break-glass) access grant, with provisioning and deprovisioning.
        EmergencyAccess,
        /// Register of legal, regulatory and contractual notification duties.
        ObligationsRegister,
        /// Log of notifications sent to regulators, customers or data subjects.
        NotificationLog,
        /// Vulnerability scan result export.
        VulnerabilityScan,
        /// Configuration standard or baseline (e.g. a CIS benchmark selection).
        ConfigurationBaseline,
        /// Configuration drift check against a baseline.
        ConfigurationDrift,
        /// Change-detection (file integrity monitoring) alerts export.
        ChangeDetection,
        /// Inventory and health of detection tooling (SIEM, EDR, IDS).
        DetectionTooling,
        /// Alert triage log: events analysed, filtered and escalated.
        AlertTriage,
        /// Asset inventory with data classification.
        AssetInventory,
        /// Metrics report: KPIs, KRIs and their leadership review.
        MetricsReport,
        /// Governance record: charter, minutes, CONOPS, program document, strategy.
        GovernanceRecord,
        /// Policy document.
        Policy,
        /// Signed attestation that a criterion is met, valid for a period.
        Attestation,
        /// Approved waiver of a criterion, with justification and expiry.
        Waiver,
    }
}

impl EvidenceKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [EvidenceKind] = <Self as strum::VariantArray>::VARIANTS;

    /// The kind's name as written in YAML (`post-incident-review`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Looks a kind up by its YAML name.
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// A help line for an unknown kind name: the closest known kind, if one is close,
    /// and the list of all of them.
    pub fn help_for_unknown(given: &str) -> String {
        let known: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
        let closest = crate::wording::did_you_mean(given, known.iter().copied());
        match closest {
            Some(k) => format!("did you mean `{k}`? known kinds: {}", known.join(", ")),
            None => format!("known kinds: {}", known.join(", ")),
        }
    }

    /// Whether items of this kind are Markdown documents whose headings can be required.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            Self::IrPlan | Self::PostIncidentReview | Self::Policy | Self::GovernanceRecord
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_and_lookup() {
        for kind in EvidenceKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::Value::String(kind.name().to_owned()));
            assert_eq!(EvidenceKind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(EvidenceKind::from_name("ir_plan"), None);
    }
}
