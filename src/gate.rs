//! The gate: whether a report passes, as a function of the report and a policy, for
//! CI pipelines. A control below its target always fails it; the policy adds other
//! reasons. A target the profile sets for no control fails it too: a target nobody
//! checks would let the gate pass on a typo.

use crate::diagnostic::{Code, Origin};
use crate::report::Report;
use crate::score::{self, ReasonCode, TargetStatus};

crate::vocabulary::vocabulary! {
    /// A reason to fail the gate besides a control below its target.
    #[derive(strum::Display, strum::VariantNames)]
    pub enum FailOn {
        /// Any evidence file has an error.
        Invalid,
        /// A requirement is unmet because its evidence is stale.
        Stale,
        /// A waiver or attestation has expired.
        ExpiredWaiver,
        /// A criterion is worse than in the baseline.
        Regression,
    }
}

/// What fails the gate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// The reasons besides a control below its target.
    pub fail_on: Vec<FailOn>,
}

/// Why the gate fails, one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateFailure {
    /// What kind of reason it is.
    pub kind: FailureKind,
    /// The reason in a sentence, naming the control or the count.
    pub message: String,
}

/// The kinds of [`GateFailure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// A control is below its target.
    BelowTarget,
    /// A control's target is above anything the catalog defines.
    Unattainable,
    /// The profile sets a target for no control: the configuration is wrong.
    UnknownTarget,
    /// A `--fail-on` reason.
    Policy(FailOn),
}

impl GateFailure {
    /// Whether the failure is the configuration's rather than the evidence's (the
    /// CLI exits with the configuration status, and `--no-fail` does not hide it).
    pub fn is_configuration(&self) -> bool {
        self.kind == FailureKind::UnknownTarget
    }
}

/// Every reason `report` fails the gate under `policy`; empty when it passes.
pub fn gate(report: &Report, policy: &Policy) -> Vec<GateFailure> {
    let assessment = &report.assessment;
    let mut failures = Vec::new();
    let mut fail = |kind, message: String| failures.push(GateFailure { kind, message });
    for c in &assessment.controls {
        match c.target_status {
            Some(TargetStatus::Below) => fail(
                FailureKind::BelowTarget,
                format!(
                    "{} is {}, below its target {}",
                    c.id,
                    score::describe(&c.score),
                    score::describe_target(c)
                ),
            ),
            Some(TargetStatus::Unattainable) => fail(
                FailureKind::Unattainable,
                format!(
                    "{}'s target {} is above the highest level or count the catalog defines",
                    c.id,
                    score::describe_target(c)
                ),
            ),
            Some(TargetStatus::Met) | None => {}
        }
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.rule == Code::UnknownTarget)
    {
        fail(FailureKind::UnknownTarget, d.message.clone());
    }
    let asked = |reason| policy.fail_on.contains(&reason);
    // Invalid evidence is an error of the evidence stage; the run's own errors (a
    // target for no control) fail the gate as configuration errors above.
    let invalid = report
        .diagnostics
        .iter()
        .any(|d| d.severity == "error" && d.rule.rule().origin() == Origin::Evidence);
    if asked(FailOn::Invalid) && invalid {
        fail(
            FailureKind::Policy(FailOn::Invalid),
            "some evidence is invalid (see the diagnostics above)".to_owned(),
        );
    }
    if asked(FailOn::Stale) {
        let stale = assessment
            .controls
            .iter()
            .flat_map(|c| c.all_criteria())
            .flat_map(|(_, cr)| &cr.requirements)
            .filter(|r| !r.met && r.reasons.iter().any(|x| x.code == ReasonCode::Stale))
            .count();
        if stale > 0 {
            fail(
                FailureKind::Policy(FailOn::Stale),
                format!("{stale} requirement(s) are unmet because their evidence is stale"),
            );
        }
    }
    let expired = assessment
        .findings
        .iter()
        .filter(|f| f.code.expired())
        .count();
    if asked(FailOn::ExpiredWaiver) && expired > 0 {
        fail(
            FailureKind::Policy(FailOn::ExpiredWaiver),
            format!("{expired} waiver(s) or attestation(s) have expired"),
        );
    }
    let regressed = report.comparison.as_ref().filter(|c| c.regressed > 0);
    if let Some(c) = regressed.filter(|_| asked(FailOn::Regression)) {
        fail(
            FailureKind::Policy(FailOn::Regression),
            format!(
                "{} criteria regressed since the baseline of {}",
                c.regressed, c.baseline_as_of
            ),
        );
    }
    failures
}
