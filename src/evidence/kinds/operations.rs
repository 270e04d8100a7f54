//! Kinds exported from operational systems: scans, configuration, change detection,
//! detection tooling and the asset inventory.

use super::vocab::{Asset, DetectionMeasure, ScanTrigger, Tool, ToolCategory};
use crate::evidence::envelope::evidence_kind;

evidence_kind! {
    /// A vulnerability scan result.
    VulnerabilityScan = "vulnerability-scan" {
        /// The scanner.
        scanner: String,
        /// What was scanned.
        scope: Vec<String>,
        /// Why it ran.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        trigger: Option<ScanTrigger>,
        /// Critical findings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        findings_critical: Option<u64>,
        /// High findings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        findings_high: Option<u64>,
        /// Whether findings are tracked to remediation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        remediation_tracked: Option<bool>,
    }
}

evidence_kind! {
    /// A configuration standard or baseline.
    ConfigurationBaseline = "configuration-baseline" {
        /// The standard (CIS benchmark, internal hardening guide).
        standard: String,
        /// Systems it applies to.
        systems: Vec<String>,
        /// Who approved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approved_by: Option<String>,
    }
}

evidence_kind! {
    /// A configuration drift check against a baseline (named in `refs`).
    ConfigurationDrift = "configuration-drift" {
        /// Systems checked.
        systems_checked: u64,
        /// Deviations found.
        deviations: u64,
        /// Deviations resolved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviations_resolved: Option<u64>,
    }
}

evidence_kind! {
    /// Change-detection (file integrity monitoring) alerts for a period.
    ChangeDetection = "change-detection" {
        /// The tool.
        tool: String,
        /// What it monitors.
        monitored: Vec<String>,
        /// Alerts raised.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alerts: Option<u64>,
        /// Changes found unauthorised.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unauthorised_changes: Option<u64>,
        /// Whether the alerts were reviewed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reviewed: Option<bool>,
    }
}

evidence_kind! {
    /// Detection tooling inventory and health.
    DetectionTooling = "detection-tooling" {
        /// The tools.
        tools: Vec<Tool>,
        /// Tool categories deployed.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        categories: Vec<ToolCategory>,
        /// Whether tool health was checked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        health_checked: Option<bool>,
        /// Anomalies the detection measures cover.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        detection_measures: Vec<DetectionMeasure>,
        /// Threat intelligence sources used.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        threat_intel_sources: Vec<String>,
    }
}

evidence_kind! {
    /// Asset inventory with data classification.
    AssetInventory = "asset-inventory" {
        /// Assets (may be a sample; `classification_coverage` gives the whole).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        assets: Vec<Asset>,
        /// Share of assets classified (0 to 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(range(min = 0.0, max = 1.0))]
        classification_coverage: Option<f64>,
        /// Whether the classification feeds the SOC.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shared_with_soc: Option<bool>,
    }
}
