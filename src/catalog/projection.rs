//! What of each evidence item scoring against a catalog needs: the catalog decides
//! the [`Projection`] the evidence stage keeps, so memory follows the requirements
//! rather than the files' size.

use super::{Catalog, Requirement};
use crate::evidence::{EvidenceKind, Projection};

impl Catalog {
    /// What the evidence stage keeps of each item for scoring against this catalog:
    /// the fields its requirements look at.
    pub fn projection(&self) -> Projection {
        let mut projection = Projection::default();
        for (_, control) in self.controls() {
            for criterion in control.criteria() {
                let all = criterion.requirements.iter().flat_map(Requirement::options);
                for requirement in all {
                    for condition in &requirement.conditions {
                        projection.keep(requirement.kind, &condition.field);
                    }
                    if let Some(coverage) = &requirement.coverage {
                        for condition in &coverage.conditions {
                            projection.keep(coverage.of, &condition.field);
                        }
                        // Scoring names uncovered members by these.
                        for field in ["severity", "closed"] {
                            projection.keep(coverage.of, field);
                        }
                    }
                    if let Some(roster) = &requirement.roster {
                        // People are counted by name on both sides.
                        projection.keep(roster.of, "members");
                        projection.keep(requirement.kind, "participants");
                    }
                    if let Some(timeliness) = &requirement.timeliness {
                        for condition in &timeliness.conditions {
                            projection.keep(timeliness.of, &condition.field);
                        }
                        for field in [
                            "severity",
                            "closed",
                            "detected",
                            "breach_determined",
                            "obligations",
                        ] {
                            projection.keep(timeliness.of, field);
                        }
                        projection.keep(requirement.kind, "notifications");
                        projection.keep(EvidenceKind::ObligationsRegister, "obligations");
                    }
                }
            }
        }
        // Only a held exercise counts (scoring checks it whatever the catalog says).
        projection.keep(EvidenceKind::Exercise, "status");
        // Waivers and attestations name the criteria they cover.
        projection.keep(EvidenceKind::Waiver, "covers");
        projection.keep(EvidenceKind::Attestation, "covers");
        projection
    }

    /// For `validate`: outlines, and for document kinds the fields that decide which
    /// sections the catalog requires of them; other items keep their envelope only.
    pub fn section_projection(&self) -> Projection {
        let mut projection = Projection::default();
        for (_, control) in self.controls() {
            for criterion in control.criteria() {
                let all = criterion.requirements.iter().flat_map(Requirement::options);
                for requirement in all.filter(|r| !r.sections.is_empty()) {
                    for condition in &requirement.conditions {
                        projection.keep(requirement.kind, &condition.field);
                    }
                }
            }
        }
        projection
    }
}
