//! The run: load inputs → scan → validate → score → report, as one library call
//! ([`assess`], or [`validate`] for the checks alone); the gate is a second call over
//! its report ([`crate::gate`]). The `evident` binary parses arguments, calls these,
//! prints what comes back and maps it to an exit status; a library user does the same
//! without the binary.
//!
//! ```no_run
//! # use std::path::Path;
//! let inputs = evident::pipeline::Inputs::new(Path::new("evidence-samples/meridian-bank"));
//! let run = evident::pipeline::assess(&inputs).expect("the catalog and profile load");
//! let failures = evident::gate::gate(&run.report, &evident::gate::Policy::default());
//! println!("{} controls, {} gate failures", run.report.assessment.controls.len(), failures.len());
//! ```

mod settings;
mod validation;

pub use validation::{VALIDATION_VERSION, Validation, ValidationSummary, validate};

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::catalog::{self, Catalog};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::evidence::{self, EvidenceSet, Progress, ScanOptions, scan};
use crate::profile::{self, ProfileLoad};
use crate::report::{Report, baseline};
use crate::score;

/// What a run reads, as plain values.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    /// The evidence directory.
    pub evidence_dir: &'a Path,
    /// Catalog files or folders added to the built-in catalog (`--controls`).
    pub catalogs: &'a [PathBuf],
    /// The profile (default: `evident.yaml` in the evidence directory, if present).
    pub profile: Option<&'a Path>,
    /// The as-of date, overriding the profile's (default: the profile's, else today).
    pub as_of: Option<Date>,
    /// Targets overriding the profile's, by control id (case-insensitive).
    pub targets: &'a [(String, u32)],
    /// Files larger than this are reported and not read.
    pub max_file_size: u64,
    /// Paths under the evidence directory that are not scanned (the report folder).
    pub exclude: Vec<PathBuf>,
    /// A previous `assessment.json` to compare with.
    pub baseline: Option<&'a Path>,
}

impl<'a> Inputs<'a> {
    /// The inputs of `evident assess DIR` with every option at its default.
    pub fn new(evidence_dir: &'a Path) -> Self {
        Self {
            evidence_dir,
            catalogs: &[],
            profile: None,
            as_of: None,
            targets: &[],
            max_file_size: ScanOptions::default().max_file_size,
            exclude: Vec::new(),
            baseline: None,
        }
    }

    /// The evidence directory as diagnostics and reports show it.
    fn shown(&self) -> String {
        self.evidence_dir.to_string_lossy().into_owned()
    }
}

/// A completed run: the catalog scored against, the report every output renders, and
/// every diagnostic of the run (catalog warnings, profile, evidence, targets).
#[derive(Debug)]
pub struct Run {
    /// The catalog, with the profile's thresholds applied.
    pub catalog: Catalog,
    /// The report.
    pub report: Report,
    /// Every diagnostic, for the terminal (the report holds them as records).
    pub diagnostics: Diagnostics,
}

impl Run {
    /// Whether the run found a configuration error it went on despite (a profile
    /// target naming no control): the reports show it, and the command must not
    /// end as if all were well.
    pub fn has_configuration_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownTarget)
    }

    /// Whether no evidence file was read: every control scores from nothing.
    pub fn read_nothing(&self) -> bool {
        self.report.manifest.files.is_empty()
    }
}

/// Why a run did not get as far as a report.
#[derive(Debug)]
pub struct Stop {
    /// Whose mistake it is.
    pub kind: StopKind,
    /// One sentence saying what is wrong and what to do.
    pub message: String,
    /// The located problems behind it, if any (a missing directory has none).
    pub diagnostics: Diagnostics,
}

/// Whose mistake stopped a run; the CLI maps it to an exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopKind {
    /// The request names something that is not there (a directory, a file, a control).
    Usage,
    /// A catalog, the profile or a baseline has errors.
    Config,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Stop {}

impl Stop {
    fn usage(message: String) -> Self {
        Self {
            kind: StopKind::Usage,
            message,
            diagnostics: Diagnostics::new(),
        }
    }

    fn config(message: impl Into<String>, diagnostics: Diagnostics) -> Self {
        Self {
            kind: StopKind::Config,
            message: message.into(),
            diagnostics,
        }
    }
}

/// Loads the built-in catalog plus `dirs`. Catalog errors stop everything: nothing
/// can be scored against a catalog that does not load.
pub fn load_catalog(dirs: &[PathBuf]) -> Result<(Catalog, Diagnostics), Stop> {
    let mut inputs = catalog::builtin_inputs();
    let mut diagnostics = Diagnostics::new();
    for dir in dirs {
        let (more, problems) = catalog::read_dir(dir);
        inputs.extend(more);
        diagnostics.extend(problems);
    }
    let (loaded, problems) = catalog::load(inputs);
    diagnostics.extend(problems);
    match loaded {
        Some(catalog) if !diagnostics.has_errors() => Ok((catalog, diagnostics)),
        _ => {
            let n = diagnostics
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .count();
            Err(Stop::config(
                format!("the control catalog has {n} error(s); nothing was done"),
                diagnostics,
            ))
        }
    }
}

/// Reads the profile `inputs` name (or the directory's own); a path that is not a
/// file is a usage error.
fn load_profile(inputs: &Inputs<'_>) -> Result<ProfileLoad, Stop> {
    let shown = inputs.shown();
    match inputs.profile {
        Some(path) if !path.is_file() => Err(Stop::usage(format!(
            "profile `{}` is not a file",
            path.display()
        ))),
        Some(path) => Ok(profile::load_file(
            path,
            &path.to_string_lossy(),
            inputs.max_file_size,
        )),
        None => Ok(profile::load(
            inputs.evidence_dir,
            &shown,
            inputs.max_file_size,
        )),
    }
}

fn require_directory(dir: &Path) -> Result<(), Stop> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Stop::usage(format!(
            "`{}` is not a directory",
            dir.display()
        )))
    }
}

/// Runs the assessment: catalog and profile, evidence, scoring, the report (with the
/// baseline comparison when one is given). Evidence problems never stop the run;
/// they are diagnostics in the report, as is a profile target naming no control. A
/// catalog or profile that does not load, or a baseline that cannot be read, stops it
/// as a configuration error; an evidence directory or profile path that is not there,
/// or a request target naming no control, as a usage error.
pub fn assess(inputs: &Inputs<'_>) -> Result<Run, Stop> {
    let (mut catalog, mut diagnostics) = load_catalog(inputs.catalogs)?;
    require_directory(inputs.evidence_dir)?;
    let profile = load_profile(inputs)?;
    diagnostics.extend(profile.diagnostics);
    if diagnostics.has_errors() {
        return Err(Stop::config(
            "the assessment profile has errors; nothing was scored",
            diagnostics,
        ));
    }
    let profile = profile.profile.unwrap_or_default();
    if let Err(problems) = catalog.apply_thresholds(&profile.thresholds) {
        for (name, problem) in problems {
            let mut d = Diagnostic::error(Code::SchemaViolation, problem)
                .help("docs/catalog.md lists the thresholds and their forms");
            if let Some(at) = profile
                .locations
                .get(&crate::profile::pointer("thresholds", &name))
            {
                d = d.at(at.clone());
            }
            diagnostics.push(d);
        }
        return Err(Stop::config(
            "the assessment profile has errors; nothing was scored",
            diagnostics,
        ));
    }
    let settings = settings::merge(&catalog, &profile, inputs).map_err(Stop::usage)?;
    diagnostics.extend(settings::unknown_targets(&catalog, &profile));
    let shown = inputs.shown();
    let options = ScanOptions {
        max_file_size: inputs.max_file_size,
        exclude: inputs.exclude.clone(),
    };
    let projection = catalog.projection();
    let mut evidence = evidence::load(
        inputs.evidence_dir,
        &shown,
        &options,
        &projection,
        &|_: Progress| {},
    );
    diagnostics.extend(std::mem::take(&mut evidence.diagnostics));
    diagnostics.extend(future_dated(&evidence, settings.as_of, &shown));
    let assessment = score::assess(&catalog, &evidence, &settings);
    let mut report = Report::new(assessment, &catalog, &evidence, &diagnostics, &shown);
    if let Some(path) = inputs.baseline {
        let compared = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| baseline::compare(&text, &report).map_err(|e| e.to_string()));
        match compared {
            Ok(comparison) => report.comparison = Some(comparison),
            Err(e) => {
                return Err(Stop::config(
                    format!("baseline `{}`: {e}", path.display()),
                    diagnostics,
                ));
            }
        }
    }
    Ok(Run {
        catalog,
        report,
        diagnostics,
    })
}

/// A warning per item that proves dates after the as-of date: it does not count, and
/// the reader should know why rather than find the item silently ignored.
fn future_dated(evidence: &EvidenceSet, as_of: Date, shown_root: &str) -> Diagnostics {
    let mut out = Diagnostics::new();
    for item in &evidence.items {
        let Some(proves) = item.proves().filter(|p| p.start > as_of) else {
            continue;
        };
        let path = evidence
            .file_of(item)
            .map(|f| scan::shown(shown_root, &f.path))
            .unwrap_or_default();
        let mut at = Location::file_only(path);
        at.line = item.line as usize;
        at.column = usize::from(item.line > 0);
        out.push(
            Diagnostic::warning(
                Code::FutureDated,
                format!(
                    "`{}` proves {} onward, after the as-of date {as_of}; it does not count",
                    item.id, proves.start
                ),
            )
            .at(at)
            .help("correct the item's `effective` or `period` if it is wrong; otherwise assess as of a later date with --as-of"),
        );
    }
    out
}
