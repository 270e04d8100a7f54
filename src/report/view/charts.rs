//! Chart geometry for the HTML report's inline SVG: positions and sizes are computed
//! here, so the templates only draw and a restyled template keeps correct scales.

use serde::Serialize;

use super::control::{ControlView, Rag};

/// Width of the label column, in SVG units.
const LABEL: u32 = 80;
/// Width of a bar chart's plot area.
const PLOT: u32 = 320;
/// Height of one row.
const ROW: u32 = 30;
/// Height of a bar.
const BAR: u32 = 16;
/// Highest maturity level on the scale.
const LEVELS: u32 = 5;
/// Side of a heatmap cell, and the gap after it.
const CELL: u32 = 18;
const GAP: u32 = 4;

/// Every chart of the report.
#[derive(Debug, Serialize)]
pub struct Charts {
    /// Maturity per control against its target (SCF).
    pub maturity: BarChart,
    /// Readiness per SOC 2 criterion and procedure.
    pub readiness: BarChart,
    /// Criteria by level, coloured by status.
    pub heatmap: Heatmap,
}

/// Horizontal bars with an optional target marker per row.
#[derive(Debug, Serialize)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    /// x where the plot starts.
    pub plot_x: u32,
    /// Height of a bar.
    pub bar: u32,
    /// x where the plot ends, and the plot's width.
    pub plot_end: u32,
    pub plot_width: u32,
    /// y of the axis line.
    pub axis_y: u32,
    pub ticks: Vec<Tick>,
    pub rows: Vec<BarRow>,
    /// A sentence that says what the chart shows, for screen readers.
    pub description: String,
}

/// A tick on the x axis.
#[derive(Debug, Serialize)]
pub struct Tick {
    pub x: u32,
    pub label: String,
}

/// One bar.
#[derive(Debug, Serialize)]
pub struct BarRow {
    pub label: String,
    /// Top of the bar.
    pub y: u32,
    /// Baseline of the label text.
    pub text_y: u32,
    pub bar_width: u32,
    /// x just after the bar, for its value.
    pub value_x: u32,
    pub value: String,
    pub rag: Rag,
    pub has_target: bool,
    pub target_x: u32,
    /// The target mark runs a little above and below the bar.
    pub mark_top: u32,
    pub mark_bottom: u32,
    /// Where the levels the source does not define begin, and how wide they are.
    pub undefined_x: u32,
    pub undefined_width: u32,
}

/// Criteria by level.
#[derive(Debug, Serialize)]
pub struct Heatmap {
    pub width: u32,
    pub height: u32,
    pub rows: Vec<HeatRow>,
    pub cells: Vec<HeatCell>,
    pub description: String,
}

/// A level row.
#[derive(Debug, Serialize)]
pub struct HeatRow {
    pub label: String,
    pub text_y: u32,
    /// The level is not defined by the source: drawn as one grey band.
    pub undefined: bool,
    pub band_x: u32,
    pub band_y: u32,
    pub band_width: u32,
}

/// A criterion cell.
#[derive(Debug, Serialize)]
pub struct HeatCell {
    pub x: u32,
    pub y: u32,
    pub size: u32,
    /// `met`, `not-met`, `waived`, `not-applicable`.
    pub status: &'static str,
    /// `IRO-02.L3.c4: met`.
    pub title: String,
}

impl Charts {
    /// The charts of the given controls.
    pub fn new(maturity: &[ControlView], soc2: &[ControlView], procedures: &[ControlView]) -> Self {
        Self {
            maturity: maturity_chart(maturity),
            readiness: readiness_chart(soc2.iter().chain(procedures)),
            heatmap: heatmap(maturity),
        }
    }
}

fn level_x(level: u32) -> u32 {
    LABEL + level.min(LEVELS) * PLOT / LEVELS
}

/// Where a control's bar ends, its target mark and its undefined levels fall, in
/// SVG units.
struct BarGeometry {
    value: u32,
    target: Option<u32>,
    undefined_from: u32,
}

/// The rows and axis of a bar chart; `geometry` places each control's bar.
fn bar_chart(
    controls: &[&ControlView],
    geometry: impl Fn(&ControlView) -> BarGeometry,
    value: impl Fn(&ControlView) -> String,
    ticks: Vec<Tick>,
    description: String,
) -> BarChart {
    let rows: Vec<BarRow> = controls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let y = 10 + ROW * to_u32(i);
            let g = geometry(c);
            BarRow {
                label: c.id.clone(),
                y,
                text_y: y + BAR - 3,
                bar_width: g.value - LABEL,
                value_x: g.value + 6,
                value: value(c),
                rag: c.rag,
                has_target: g.target.is_some(),
                target_x: g.target.unwrap_or(LABEL),
                mark_top: y.saturating_sub(4),
                mark_bottom: y + BAR + 4,
                undefined_x: g.undefined_from,
                undefined_width: LABEL + PLOT - g.undefined_from,
            }
        })
        .collect();
    let axis_y = 10 + ROW * to_u32(rows.len());
    BarChart {
        width: LABEL + PLOT + 60,
        height: axis_y + 24,
        plot_x: LABEL,
        bar: BAR,
        plot_end: LABEL + PLOT,
        plot_width: PLOT,
        axis_y,
        ticks,
        rows,
        description,
    }
}

fn maturity_chart(controls: &[ControlView]) -> BarChart {
    let controls: Vec<&ControlView> = controls.iter().collect();
    let description = controls
        .iter()
        .map(|c| {
            let target =
                target_level(c).map_or_else(|| "no target".to_owned(), |t| format!("target L{t}"));
            format!("{} at L{} of L{} defined, {target}", c.id, c.value, c.cap)
        })
        .collect::<Vec<_>>()
        .join("; ");
    bar_chart(
        &controls,
        |c| BarGeometry {
            value: level_x(c.value),
            target: target_level(c).map(level_x),
            undefined_from: level_x(c.cap),
        },
        |c| format!("L{}", c.value),
        (0..=LEVELS)
            .map(|l| Tick {
                x: level_x(l),
                label: format!("L{l}"),
            })
            .collect(),
        format!("Maturity level per control against its target: {description}."),
    )
}

fn target_level(c: &ControlView) -> Option<u32> {
    c.target.strip_prefix('L').and_then(|t| t.parse().ok())
}

fn readiness_chart<'a>(controls: impl Iterator<Item = &'a ControlView>) -> BarChart {
    let controls: Vec<&ControlView> = controls.collect();
    let x = |met: u32, total: u32| LABEL + (met.min(total) * PLOT).checked_div(total).unwrap_or(0);
    let description = controls
        .iter()
        .map(|c| format!("{} {} of {} met", c.id, c.value, c.cap))
        .collect::<Vec<_>>()
        .join("; ");
    bar_chart(
        &controls,
        |c| BarGeometry {
            value: x(c.value, c.cap),
            target: c
                .target
                .strip_suffix(" met")
                .and_then(|t| t.parse().ok())
                .map(|t| x(t, c.cap)),
            undefined_from: LABEL + PLOT,
        },
        |c| format!("{} of {}", c.value, c.cap),
        [0, 25, 50, 75, 100]
            .into_iter()
            .map(|pct| Tick {
                x: LABEL + pct * PLOT / 100,
                label: format!("{pct}%"),
            })
            .collect(),
        format!("Readiness per criterion and procedure: {description}."),
    )
}

fn heatmap(controls: &[ControlView]) -> Heatmap {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let widest = controls
        .iter()
        .flat_map(|c| &c.levels)
        .map(|l| l.criteria.len())
        .max()
        .unwrap_or(0);
    let band_width = to_u32(widest).max(1) * (CELL + GAP);
    let mut met = 0;
    let mut total = 0;
    for c in controls {
        for level in c.levels.iter().filter(|l| l.level > 0) {
            let y = 10 + (CELL + GAP) * to_u32(rows.len());
            rows.push(HeatRow {
                label: format!("{} L{}", c.id, level.level),
                text_y: y + CELL - 4,
                undefined: !level.defined,
                band_x: LABEL,
                band_y: y,
                band_width,
            });
            for (i, cr) in level.criteria.iter().enumerate() {
                total += 1;
                if cr.status == "met" {
                    met += 1;
                }
                cells.push(HeatCell {
                    x: LABEL + (CELL + GAP) * to_u32(i),
                    y,
                    size: CELL,
                    status: cr.status,
                    title: format!("{}: {}", cr.id, cr.status_text),
                });
            }
        }
    }
    Heatmap {
        width: LABEL + band_width + 10,
        height: 10 + (CELL + GAP) * to_u32(rows.len()) + 10,
        description: format!(
            "Criteria of each maturity level by status: {met} of {total} met or waived."
        ),
        rows,
        cells,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
