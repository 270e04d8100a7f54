//! The typed evidence kinds: one Rust type per kind, each the envelope plus its own
//! fields. Their JSON Schemas (generated, committed under `schemas/evidence/`) are
//! what evidence files are validated against.

mod documents;
mod incidents;
mod operations;
mod program;
pub mod vocab;

pub use documents::{GovernanceRecord, IrPlan, Policy, PostIncidentReview};
pub use incidents::{AlertTriage, EmergencyAccess, Incident, NotificationLog, ObligationsRegister};
pub use operations::{
    AssetInventory, ChangeDetection, ConfigurationBaseline, ConfigurationDrift, DetectionTooling,
    VulnerabilityScan,
};
pub use program::{Attestation, Exercise, IrTeam, MetricsReport, TrainingRecord, Waiver};

use super::EvidenceKind;

/// The JSON Schema of a kind's type, generated.
pub fn schema(kind: EvidenceKind) -> serde_json::Value {
    use crate::schema::generate as g;
    match kind {
        EvidenceKind::IrPlan => g::<IrPlan>(),
        EvidenceKind::Incident => g::<Incident>(),
        EvidenceKind::PostIncidentReview => g::<PostIncidentReview>(),
        EvidenceKind::Exercise => g::<Exercise>(),
        EvidenceKind::TrainingRecord => g::<TrainingRecord>(),
        EvidenceKind::IrTeam => g::<IrTeam>(),
        EvidenceKind::EmergencyAccess => g::<EmergencyAccess>(),
        EvidenceKind::ObligationsRegister => g::<ObligationsRegister>(),
        EvidenceKind::NotificationLog => g::<NotificationLog>(),
        EvidenceKind::VulnerabilityScan => g::<VulnerabilityScan>(),
        EvidenceKind::ConfigurationBaseline => g::<ConfigurationBaseline>(),
        EvidenceKind::ConfigurationDrift => g::<ConfigurationDrift>(),
        EvidenceKind::ChangeDetection => g::<ChangeDetection>(),
        EvidenceKind::DetectionTooling => g::<DetectionTooling>(),
        EvidenceKind::AlertTriage => g::<AlertTriage>(),
        EvidenceKind::AssetInventory => g::<AssetInventory>(),
        EvidenceKind::MetricsReport => g::<MetricsReport>(),
        EvidenceKind::GovernanceRecord => g::<GovernanceRecord>(),
        EvidenceKind::Policy => g::<Policy>(),
        EvidenceKind::Attestation => g::<Attestation>(),
        EvidenceKind::Waiver => g::<Waiver>(),
    }
}

/// Whether a dotted field path (`members.role`) names a field of the kind, following
/// objects, references and arrays the way field conditions do.
pub fn has_field(kind: EvidenceKind, path: &str) -> bool {
    use serde_json::Value;
    fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
        // Bounded: generated schemas nest a few levels deep; a cycle must not hang us.
        for _ in 0..16 {
            if let Some(r) = node.get("$ref").and_then(Value::as_str) {
                node = &root["$defs"][r.trim_start_matches("#/$defs/")];
            } else if node.get("type") == Some(&Value::from("array")) {
                node = &node["items"];
            } else {
                break;
            }
        }
        node
    }
    // Catalog validation asks once per field condition; generate each schema once.
    static SCHEMAS: std::sync::OnceLock<std::collections::BTreeMap<EvidenceKind, Value>> =
        std::sync::OnceLock::new();
    let schemas =
        SCHEMAS.get_or_init(|| EvidenceKind::ALL.iter().map(|&k| (k, schema(k))).collect());
    let Some(root) = schemas.get(&kind) else {
        return false;
    };
    let mut node = resolve(root, root);
    for part in path.split('.') {
        match node.get("properties").and_then(|p| p.get(part)) {
            Some(next) => node = resolve(root, next),
            None => return false,
        }
    }
    true
}
