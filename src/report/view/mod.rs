//! The view: what the Markdown and HTML templates see. It restates the [`Report`] in
//! presentation terms (words for statuses, red/amber/green, chart geometry, the
//! catalog's own text for each criterion) and decides nothing about scores.

mod charts;
mod control;
mod manifest;

use serde::Serialize;

use super::baseline::{Change, Comparison, FileFate};
use super::{Report, ReportSummary};
use crate::catalog::Catalog;
use crate::score;

pub use charts::Charts;
pub use control::{ControlView, CriterionView, EvidenceView, INLINE_EVIDENCE, Rag};
pub use manifest::{INLINE_FILES, ManifestSummary};

/// How many gaps the executive summary lists; the analyst detail has them all.
const TOP_GAPS: usize = 5;

/// The data every report template renders.
#[derive(Debug, Serialize)]
pub struct View {
    /// `Incident response maturity: <organisation>`.
    pub title: String,
    /// The organisation, or an empty string.
    pub organisation: String,
    /// The scope, or an empty string.
    pub scope: String,
    /// The as-of date.
    pub as_of: String,
    /// The audit period, `start to end`.
    pub audit_period: String,
    /// The level threshold as a percentage (`100%`).
    pub level_threshold: String,
    /// Tool name and version.
    pub tool: String,
    /// Each framework with its version, licence and attribution.
    pub catalogs: Vec<CatalogView>,
    /// Counts for the summary tiles.
    pub summary: ReportSummary,
    /// Controls with a target, and those that reach it.
    pub targets: usize,
    pub targets_met: usize,
    /// Every control's headline, in catalog order (no criteria: see
    /// [`ControlView::headline`]).
    pub controls: Vec<ControlView>,
    /// The SCF controls (maturity).
    pub maturity: Vec<ControlView>,
    /// The SOC 2 criteria (points of focus).
    pub soc2: Vec<ControlView>,
    /// Procedures (the breach-response steps).
    pub procedures: Vec<ControlView>,
    /// The first gaps, for the executive summary.
    pub top_gaps: Vec<GapView>,
    /// Whether there are more gaps than the executive summary lists.
    pub more_gaps: bool,
    /// Every gap.
    pub gaps: Vec<GapView>,
    /// Expired and expiring waivers and attestations.
    pub findings: Vec<FindingView>,
    /// What changed since the baseline, if one was given.
    pub comparison: Option<ComparisonView>,
    /// Chart geometry for the HTML report.
    pub charts: Charts,
    /// The SOC 2 points-of-focus matrix.
    pub matrix: MatrixView,
    /// The files read: counted by kind and folder, listed in full up to a limit.
    pub manifest: ManifestSummary,
    /// Every diagnostic.
    pub diagnostics: Vec<DiagnosticView>,
}

/// One framework of the catalog.
#[derive(Debug, Serialize)]
pub struct CatalogView {
    pub name: String,
    pub version: String,
    pub licence: String,
    pub attribution: String,
}

/// One gap.
#[derive(Debug, Clone, Serialize)]
pub struct GapView {
    pub control: String,
    /// `L2`, or empty for controls without levels.
    pub level: String,
    pub criterion: String,
    /// The criterion's text from the catalog.
    pub text: String,
    pub remediation: String,
    /// The unmet requirements, joined.
    pub needs: String,
    /// Anchor of the criterion in the analyst detail.
    pub anchor: String,
}

/// One expired or expiring waiver or attestation.
#[derive(Debug, Serialize)]
pub struct FindingView {
    /// `expired` or `expiring`.
    pub state: &'static str,
    pub message: String,
    pub until: String,
    pub evidence: EvidenceView,
}

/// The comparison with a baseline.
#[derive(Debug, Serialize)]
pub struct ComparisonView {
    pub baseline_as_of: String,
    pub improved: usize,
    pub regressed: usize,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    /// Each control: before, after, and an arrow.
    pub controls: Vec<TrendView>,
    /// Each regressed criterion with the files it lost.
    pub regressions: Vec<RegressionView>,
}

/// A control's trend.
#[derive(Debug, Serialize)]
pub struct TrendView {
    pub id: String,
    pub before: String,
    pub after: String,
    /// `improved`, `regressed`, `unchanged` or `new`.
    pub change: &'static str,
    /// ▲, ▼, = or •.
    pub arrow: &'static str,
}

/// A regressed criterion.
#[derive(Debug, Serialize)]
pub struct RegressionView {
    pub criterion: String,
    pub anchor: String,
    pub before: String,
    pub after: String,
    /// `path (id, removed)`, one per file.
    pub lost: Vec<String>,
}

/// The SOC 2 matrix: one row per criterion, one column per point-of-focus number.
#[derive(Debug, Serialize)]
pub struct MatrixView {
    /// `1`..`n`.
    pub columns: Vec<usize>,
    pub rows: Vec<MatrixRow>,
}

/// A matrix row.
#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub control: String,
    pub readiness: String,
    pub cells: Vec<MatrixCell>,
}

/// A matrix cell: a point of focus, or nothing.
#[derive(Debug, Serialize)]
pub struct MatrixCell {
    /// The point of focus id, empty for a blank cell.
    pub id: String,
    /// Its anchor in the analyst detail.
    pub anchor: String,
    /// `met`, `not-met`, `waived`, `not-applicable` or `none`.
    pub status: &'static str,
    /// A one-character mark for Markdown (✓ ✗ W –).
    pub mark: &'static str,
    /// The status in words.
    pub label: &'static str,
}

/// One diagnostic.
#[derive(Debug, Serialize)]
pub struct DiagnosticView {
    pub severity: String,
    pub code: String,
    /// `path:line:col`, or the path alone.
    pub location: String,
    pub message: String,
    pub help: String,
}

impl View {
    /// The view of `report`; `catalog` supplies each criterion's text.
    pub fn new(report: &Report, catalog: &Catalog) -> Self {
        let a = &report.assessment;
        let controls: Vec<ControlView> = a
            .controls
            .iter()
            .map(|c| ControlView::new(c, catalog))
            .collect();
        let pick = |model: &str, framework: Option<&str>| -> Vec<ControlView> {
            controls
                .iter()
                .filter(|c| c.model == model && framework.is_none_or(|f| c.framework == f))
                .cloned()
                .collect()
        };
        let maturity = pick("maturity", None);
        let soc2 = pick("readiness", Some("soc2"));
        let procedures: Vec<ControlView> = controls
            .iter()
            .filter(|c| c.model == "readiness" && c.framework != "soc2")
            .cloned()
            .collect();
        let gaps: Vec<GapView> = a.gaps.iter().map(|g| gap(g, catalog)).collect();
        let organisation = a.organisation.clone().unwrap_or_default();
        Self {
            title: if organisation.is_empty() {
                "Incident response maturity".to_owned()
            } else {
                format!("Incident response maturity: {organisation}")
            },
            organisation,
            scope: a.scope.clone().unwrap_or_default(),
            as_of: a.as_of.to_string(),
            audit_period: format!("{} to {}", a.audit_period.start, a.audit_period.end),
            level_threshold: format!("{:.0}%", a.level_threshold * 100.0),
            tool: format!(
                "{} {}",
                report.manifest.tool.name, report.manifest.tool.version
            ),
            catalogs: report
                .manifest
                .catalogs
                .iter()
                .map(|c| CatalogView {
                    name: c.name.clone(),
                    version: c.version.clone(),
                    licence: c.licence.clone(),
                    attribution: c.attribution.clone(),
                })
                .collect(),
            summary: report.summary.clone(),
            targets: a.controls.iter().filter(|c| c.target.is_some()).count(),
            targets_met: a
                .controls
                .iter()
                .filter(|c| c.target_status == Some(score::TargetStatus::Met))
                .count(),
            charts: Charts::new(&maturity, &soc2, &procedures),
            matrix: matrix(&soc2),
            top_gaps: gaps.iter().take(TOP_GAPS).cloned().collect(),
            more_gaps: gaps.len() > TOP_GAPS,
            gaps,
            findings: a
                .findings
                .iter()
                .map(|f| FindingView {
                    state: if f.code.expired() {
                        "expired"
                    } else {
                        "expiring"
                    },
                    message: f.message.clone(),
                    until: f.until.to_string(),
                    evidence: EvidenceView::new(&f.evidence),
                })
                .collect(),
            comparison: report.comparison.as_ref().map(comparison),
            manifest: ManifestSummary::new(report),
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| DiagnosticView {
                    severity: d.severity.clone(),
                    code: d.code.clone(),
                    location: match &d.path {
                        Some(p) if d.line > 0 => format!("{p}:{}:{}", d.line, d.column),
                        Some(p) => p.clone(),
                        None => String::new(),
                    },
                    message: d.message.clone(),
                    help: d.help.clone().unwrap_or_default(),
                })
                .collect(),
            controls: controls.iter().map(ControlView::headline).collect(),
            maturity,
            soc2,
            procedures,
        }
    }
}

fn gap(g: &score::Gap, catalog: &Catalog) -> GapView {
    GapView {
        control: g.control.clone(),
        level: if g.level > 0 {
            format!("L{}", g.level)
        } else {
            String::new()
        },
        criterion: g.criterion.clone(),
        text: control::criterion_text(catalog, &g.control, &g.criterion),
        remediation: g.remediation.clone(),
        needs: g.needs.join("; "),
        anchor: control::anchor(&g.criterion),
    }
}

fn comparison(c: &Comparison) -> ComparisonView {
    let status = |s: Option<score::CriterionStatus>| s.map_or("-", score::status_name).to_owned();
    ComparisonView {
        baseline_as_of: c.baseline_as_of.to_string(),
        improved: c.improved,
        regressed: c.regressed,
        added: c.evidence.added.len(),
        removed: c.evidence.removed.len(),
        changed: c.evidence.changed.len(),
        controls: c
            .controls
            .iter()
            .map(|t| {
                let (change, arrow) = match t.change {
                    Change::Improved => ("improved", "▲"),
                    Change::Regressed => ("regressed", "▼"),
                    Change::Unchanged => ("unchanged", "="),
                    Change::New => ("new", "•"),
                };
                TrendView {
                    id: t.id.clone(),
                    before: t.before.clone().unwrap_or_else(|| "-".into()),
                    after: t.after.clone(),
                    change,
                    arrow,
                }
            })
            .collect(),
        regressions: c
            .controls
            .iter()
            .flat_map(|t| &t.criteria)
            .filter(|cr| cr.change == Change::Regressed)
            .map(|cr| RegressionView {
                criterion: cr.id.clone(),
                anchor: control::anchor(&cr.id),
                before: status(cr.before),
                after: status(Some(cr.after)),
                lost: cr
                    .lost
                    .iter()
                    .map(|l| {
                        let fate = match l.now {
                            FileFate::Removed => "removed",
                            FileFate::Changed => "changed",
                            FileFate::Invalid => "now invalid",
                        };
                        format!("{} ({}, {fate})", l.path, l.id)
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Rows are the SOC 2 criteria; column n holds each criterion's n-th point of focus.
fn matrix(soc2: &[ControlView]) -> MatrixView {
    let width = soc2.iter().map(|c| c.criteria.len()).max().unwrap_or(0);
    let rows = soc2
        .iter()
        .map(|c| MatrixRow {
            control: c.id.clone(),
            readiness: c.score.clone(),
            cells: (0..width)
                .map(|i| match c.criteria.get(i) {
                    Some(cr) => MatrixCell {
                        id: cr.id.clone(),
                        anchor: cr.anchor.clone(),
                        status: cr.status,
                        mark: cr.mark,
                        label: cr.status_text,
                    },
                    None => MatrixCell {
                        id: String::new(),
                        anchor: String::new(),
                        status: "none",
                        mark: "",
                        label: "",
                    },
                })
                .collect(),
        })
        .collect();
    MatrixView {
        columns: (1..=width).collect(),
        rows,
    }
}
