//! The control catalog: frameworks, controls, levels, criteria and their evidence
//! requirements, loaded from YAML and validated before anything scores against it.
//!
//! Loading is two-phase (see `load`): text becomes [`CatalogFile`]s only after the
//! catalog schema accepts it, and the files become a [`Catalog`] only after `validate`
//! has checked every cross-file rule. Every problem found is reported, not just the
//! first.

mod describe;
mod embedded;
mod load;
mod model;
mod validate;

use std::collections::BTreeMap;

mod projection;
pub mod text;

pub use load::{CatalogInput, builtin_inputs, read_dir};
pub use model::{
    Basis, Cadence, CatalogFile, Control, Coverage, Criterion, DeadlineFrom, FieldCondition,
    Framework, Level, Mapping, Operator, Relation, Requirement, Roster, TextOrigin, Timeliness,
    TscCategory,
};

/// How a control is scored, with the parts it is scored on.
#[derive(Debug, Clone, Copy)]
pub enum ControlModel<'a> {
    /// A SOC 2 criterion: readiness from its points of focus.
    PointsOfFocus(&'a [Criterion]),
    /// An SCF control: a maturity level from nested levels.
    Maturity(&'a [Level]),
    /// A procedure: coverage of its steps.
    Procedure(&'a [Criterion]),
}

impl Control {
    /// The scoring model. Validation guarantees exactly one of the three is present.
    pub fn model(&self) -> ControlModel<'_> {
        match (&self.points_of_focus, &self.levels, &self.steps) {
            (Some(p), _, _) => ControlModel::PointsOfFocus(p),
            (_, Some(l), _) => ControlModel::Maturity(l),
            (_, _, Some(s)) => ControlModel::Procedure(s),
            (None, None, None) => ControlModel::Procedure(&[]),
        }
    }

    /// Every criterion of the control, mutable (for the profile's thresholds).
    pub fn criteria_mut(&mut self) -> impl Iterator<Item = &mut Criterion> {
        let flat = self
            .points_of_focus
            .iter_mut()
            .chain(self.steps.iter_mut())
            .flatten();
        let leveled = self
            .levels
            .iter_mut()
            .flatten()
            .flat_map(|l| l.criteria.iter_mut());
        flat.chain(leveled)
    }

    /// Every criterion, point of focus and step, in catalog order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        let flat = self
            .points_of_focus
            .iter()
            .chain(self.steps.iter())
            .flatten();
        let leveled = self.levels.iter().flatten().flat_map(|l| l.criteria.iter());
        flat.chain(leveled)
    }
}

/// A requirement's threshold as written, and what it sets (`deadline`, `share` or
/// `window`).
fn threshold_default(r: &Requirement) -> (String, &'static str) {
    if let Some(c) = &r.coverage {
        (
            c.within
                .as_ref()
                .map_or_else(|| "none".to_owned(), ToString::to_string),
            "deadline",
        )
    } else if let Some(roster) = &r.roster {
        (roster.min_share.to_string(), "share")
    } else if let Some(within) = &r.within {
        (within.to_string(), "window")
    } else if let Some(cadence) = &r.cadence {
        (cadence.every.to_string(), "cadence")
    } else {
        ("none".to_owned(), "window")
    }
}

fn set_threshold(r: &mut Requirement, values: &BTreeMap<String, serde_json::Value>) {
    for alternative in &mut r.alternatives {
        set_threshold(alternative, values);
    }
    let Some(value) = r.threshold.as_ref().and_then(|n| values.get(n)) else {
        return;
    };
    let duration = value.as_str().and_then(|v| v.parse().ok());
    if let Some(c) = &mut r.coverage {
        c.within = duration.or(c.within.take());
    } else if let Some(roster) = &mut r.roster {
        roster.min_share = value.as_f64().unwrap_or(roster.min_share);
    } else if r.within.is_some() {
        r.within = duration.or(r.within.take());
    } else if let (Some(cadence), Some(every)) = (&mut r.cadence, duration) {
        cadence.every = every;
    }
}

impl Level {
    /// Whether the source defines this level (N/A levels cap the scale).
    pub fn is_defined(&self) -> bool {
        self.not_defined.is_none()
    }

    /// The level's id, `IRO-02.L3`.
    pub fn id(&self, control: &str) -> String {
        format!("{control}.L{}", self.level)
    }
}

/// One loaded catalog file.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// Display path (`<builtin>/scf-iro.yaml` for embedded files).
    pub path: String,
    /// Whether it ships inside the binary.
    pub builtin: bool,
    /// Its content.
    pub file: CatalogFile,
}

/// A validated catalog: ids are unique, references resolve, levels are well formed,
/// and every criterion has a requirement.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// The loaded files, built-in first, each in file-name order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// Every control with its framework, in catalog order.
    pub fn controls(&self) -> impl Iterator<Item = (&Framework, &Control)> {
        self.entries
            .iter()
            .flat_map(|e| e.file.controls.iter().map(move |c| (&e.file.framework, c)))
    }

    /// The control with this id (case-insensitive, since users type ids by hand).
    pub fn control(&self, id: &str) -> Option<(&Framework, &Control)> {
        self.controls().find(|(_, c)| c.id.eq_ignore_ascii_case(id))
    }

    /// Each framework once, in catalog order (several files may share one).
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        let mut seen = std::collections::BTreeSet::new();
        self.entries
            .iter()
            .map(|e| &e.file.framework)
            .filter(move |f| seen.insert(f.id.clone()))
    }

    /// The named thresholds of the catalog's requirements, with the value written in
    /// the catalog (the default) and what it sets, in name order.
    pub fn thresholds(&self) -> BTreeMap<String, (String, &'static str)> {
        let mut out = BTreeMap::new();
        for criterion in self.controls().flat_map(|(_, c)| c.criteria()) {
            for r in criterion.requirements.iter().flat_map(Requirement::options) {
                if let Some(name) = &r.threshold {
                    out.entry(name.clone())
                        .or_insert_with(|| threshold_default(r));
                }
            }
        }
        out
    }

    /// Sets the named thresholds to the profile's values. Every problem is returned
    /// with the threshold it is about: a name no requirement carries, or a value of
    /// the wrong form.
    pub fn apply_thresholds(
        &mut self,
        values: &BTreeMap<String, serde_json::Value>,
    ) -> Result<(), Vec<(String, String)>> {
        let known = self.thresholds();
        let mut problems = Vec::new();
        for (name, value) in values {
            let Some((default, what)) = known.get(name) else {
                let names: Vec<&str> = known.keys().map(String::as_str).collect();
                problems.push((
                    name.clone(),
                    format!(
                        "`thresholds.{name}` is not a threshold of the catalog; {}known: {}",
                        crate::wording::suggestion(name, names.iter().copied()),
                        names.join(", ")
                    ),
                ));
                continue;
            };
            let ok = if *what == "share" {
                value.as_f64().is_some_and(|v| v > 0.0 && v <= 1.0)
            } else {
                value
                    .as_str()
                    .is_some_and(|v| v.parse::<crate::duration::IsoDuration>().is_ok())
            };
            if !ok {
                problems.push((
                    name.clone(),
                    format!(
                        "`thresholds.{name}` must be {} (the catalog's default is {default})",
                        if *what == "share" {
                            "a number above 0 and at most 1"
                        } else {
                            "an ISO-8601 duration such as P30D"
                        }
                    ),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for entry in &mut self.entries {
            for control in &mut entry.file.controls {
                for criterion in control.criteria_mut() {
                    for r in &mut criterion.requirements {
                        set_threshold(r, values);
                    }
                }
            }
        }
        Ok(())
    }

    /// Every mapping of every file.
    pub fn mappings(&self) -> impl Iterator<Item = &Mapping> {
        self.entries.iter().flat_map(|e| e.file.mappings.iter())
    }

    /// Mappings that touch a control: from or to it, one of its levels or criteria.
    pub fn mappings_of<'a>(&'a self, control: &'a Control) -> impl Iterator<Item = &'a Mapping> {
        let belongs = move |id: &str| {
            id == control.id
                || id
                    .strip_prefix(control.id.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('-'))
        };
        self.mappings()
            .filter(move |m| belongs(&m.from) || belongs(&m.to))
    }

    /// Evidence kinds named anywhere in the catalog.
    pub fn evidence_kinds(&self) -> std::collections::BTreeSet<crate::evidence::EvidenceKind> {
        let mut kinds = std::collections::BTreeSet::new();
        for (_, control) in self.controls() {
            for criterion in control.criteria() {
                for r in &criterion.requirements {
                    kinds.insert(r.kind);
                    if let Some(c) = &r.coverage {
                        kinds.insert(c.of);
                    }
                }
            }
        }
        kinds
    }
}

/// A one-line summary of a control, as `catalog list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ControlSummary {
    /// Framework id.
    pub framework: String,
    /// Control id.
    pub id: String,
    /// Control title.
    pub title: String,
    /// `points-of-focus`, `maturity` or `procedure`.
    pub model: &'static str,
    /// Maturity levels the source defines (maturity controls only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_levels: Option<Vec<u8>>,
    /// Maturity levels the source marks N/A (maturity controls only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined_levels: Option<Vec<u8>>,
    /// Number of points of focus (SOC 2 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_of_focus: Option<usize>,
    /// Number of steps (procedures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
    /// Criteria, points of focus or steps in all.
    pub criteria: usize,
    /// Evidence requirements in all.
    pub requirements: usize,
}

impl Catalog {
    /// A summary row per control, in catalog order.
    pub fn summaries(&self) -> Vec<ControlSummary> {
        self.controls()
            .map(|(framework, control)| {
                let levels = |defined: bool| {
                    control.levels.as_ref().map(|ls| {
                        ls.iter()
                            .filter(|l| l.is_defined() == defined)
                            .map(|l| l.level)
                            .collect()
                    })
                };
                ControlSummary {
                    framework: framework.id.clone(),
                    id: control.id.clone(),
                    title: control.title.clone(),
                    model: match control.model() {
                        ControlModel::PointsOfFocus(_) => "points-of-focus",
                        ControlModel::Maturity(_) => "maturity",
                        ControlModel::Procedure(_) => "procedure",
                    },
                    defined_levels: levels(true),
                    undefined_levels: levels(false),
                    points_of_focus: control.points_of_focus.as_ref().map(Vec::len),
                    steps: control.steps.as_ref().map(Vec::len),
                    criteria: control.criteria().count(),
                    requirements: control.criteria().map(|c| c.requirements.len()).sum(),
                }
            })
            .collect()
    }
}

/// Loads and validates catalog files: each parsed and schema-checked (phase one,
/// `load.rs`), then checked across files (phase two, `validate.rs`). Returns the catalog
/// when there is no error, and every diagnostic found either way.
pub fn load(inputs: Vec<CatalogInput>) -> (Option<Catalog>, crate::diagnostic::Diagnostics) {
    let mut diagnostics = crate::diagnostic::Diagnostics::new();
    let (parsed, failed) = load::parse(inputs, &mut diagnostics);
    validate::check(&parsed, &mut diagnostics);
    if failed || diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let entries = parsed
        .into_iter()
        .map(|p| CatalogEntry {
            path: p.input.source.path.clone(),
            builtin: p.input.builtin,
            file: p.file,
        })
        .collect();
    (Some(Catalog { entries }), diagnostics)
}
