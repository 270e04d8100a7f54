//! `evident assess [DIR]`: scores every control, prints a summary table, writes the
//! machine formats into the output folder, and sets the exit status for CI gates.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use evident::report::baseline::{self, Change, FileFate};
use evident::report::templates::TemplateSet;
use evident::report::{self, Document, RenderFailure, Renderer, Report, sarif::ArtifactRoot};
use evident::score::{self, Assessment, ReasonCode, TargetStatus};
use rayon::prelude::*;

use super::output;
use super::run::{self, ScoreArgs};
use super::text::table;
use super::{Exit, error};

/// Options of `assess`.
#[derive(Debug, Args)]
pub(super) struct AssessArgs {
    /// The evidence directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    score: ScoreArgs,
    /// Where report files are written (created if missing; never inside the scan).
    #[arg(long, value_name = "DIR", default_value = "evident-report")]
    out: PathBuf,
    /// Outputs, comma-separated: `terminal` (summary on stdout), `json`
    /// (OUT/assessment.json), `md` (OUT/report.md), `html` (OUT/report.html),
    /// `summary` (OUT/summary.md, for a CI job summary), `junit` (OUT/junit.xml),
    /// `sarif` (OUT/evident.sarif), `oscal` (OUT/oscal-assessment-results.json),
    /// `manifest` (OUT/manifest.json).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "terminal")]
    format: Vec<OutputFormat>,
    /// A folder of report templates that replace the built-in ones file by file
    /// (same relative paths as `report-templates/`).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// A previous `assessment.json` to compare with: per control and criterion,
    /// improved / regressed / unchanged, and the files added, removed or changed.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// More reasons to fail the gate besides a control below its target,
    /// comma-separated.
    #[arg(long, value_enum, value_delimiter = ',')]
    fail_on: Vec<FailOn>,
    /// Report only: exit 0 even when the gate fails.
    #[arg(long)]
    no_fail: bool,
}

/// An output of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A summary table on stdout.
    Terminal,
    /// `assessment.json` in the output folder (schema: `evident schema assessment`).
    Json,
    /// `report.md`: the full report in GitHub-flavoured Markdown.
    Md,
    /// `report.html`: one self-contained page, printable to PDF.
    Html,
    /// `summary.md`: a short Markdown summary for a CI job summary or PR comment.
    Summary,
    /// `junit.xml`: a test suite per control, a test case per criterion.
    Junit,
    /// `evident.sarif` (SARIF 2.1.0): evidence defects at file and line.
    Sarif,
    /// `oscal-assessment-results.json` (OSCAL 1.2.1 assessment-results).
    Oscal,
    /// `manifest.json`: every file read with its size, SHA-256, kind, id and period.
    Manifest,
}

impl OutputFormat {
    /// The file it is written to in `--out` (empty for the terminal).
    fn file_name(self) -> &'static str {
        match self {
            Self::Terminal => "",
            Self::Json => "assessment.json",
            Self::Md | Self::Html | Self::Summary => {
                self.document().map_or("", Document::file_name)
            }
            Self::Junit => "junit.xml",
            Self::Sarif => "evident.sarif",
            Self::Oscal => "oscal-assessment-results.json",
            Self::Manifest => "manifest.json",
        }
    }

    /// The templated document it is, if any.
    fn document(self) -> Option<Document> {
        match self {
            Self::Md => Some(Document::Markdown),
            Self::Html => Some(Document::Html),
            Self::Summary => Some(Document::Summary),
            Self::Terminal
            | Self::Json
            | Self::Junit
            | Self::Sarif
            | Self::Oscal
            | Self::Manifest => None,
        }
    }
}

/// A reason to fail the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Any evidence file has an error.
    Invalid,
    /// A requirement is unmet because its evidence is stale.
    Stale,
    /// A waiver or attestation has expired.
    ExpiredWaiver,
    /// A criterion is worse than in the `--baseline`.
    Regression,
}

pub(super) fn run(controls: &[PathBuf], args: &AssessArgs, out: &mut impl Write) -> Exit {
    if let Err(e) = output::refuse_inside_evidence(&args.out, &args.dir) {
        error(&e);
        return Exit::Usage;
    }
    let loaded = match run::load(controls, &args.dir, &args.score, vec![args.out.clone()]) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let mut report = Report::new(
        run::assess(&loaded),
        &loaded.catalog,
        &loaded.evidence,
        &loaded.diagnostics,
        &args.dir.to_string_lossy(),
    );
    if let Some(path) = &args.baseline {
        let compared = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| baseline::compare(&text, &report).map_err(|e| e.to_string()));
        match compared {
            Ok(comparison) => report.comparison = Some(comparison),
            Err(e) => {
                error(&format!("baseline `{}`: {e}", path.display()));
                return Exit::Config;
            }
        }
    }
    let documents: Vec<Document> = args.format.iter().filter_map(|f| f.document()).collect();
    let templates = match template_set(args.templates.as_deref(), documents.is_empty()) {
        Ok(set) => set,
        Err(exit) => return exit,
    };
    let renderer = if documents.is_empty() {
        None
    } else {
        match Renderer::new(&documents, &report, &loaded.catalog, &templates) {
            Ok(renderer) => Some(renderer),
            Err(diagnostics) => return template_failure(&diagnostics),
        }
    };
    if let Err(exit) = write_outputs(args, &report, &loaded.catalog, renderer.as_ref(), out) {
        return exit;
    }
    let assessment = &report.assessment;
    let mut failures = gate(assessment, loaded.diagnostics.has_errors(), &args.fail_on);
    let regressed = report.comparison.as_ref().filter(|c| c.regressed > 0);
    if let Some(c) = regressed.filter(|_| args.fail_on.contains(&FailOn::Regression)) {
        failures.push(format!(
            "{} criteria regressed since the baseline of {}",
            c.regressed, c.baseline_as_of
        ));
    }
    if failures.is_empty() {
        return Exit::Ok;
    }
    for failure in &failures {
        super::warn(&format!("gate: {failure}"));
    }
    if args.no_fail {
        Exit::Ok
    } else {
        Exit::GateFailed
    }
}

/// The templates to render with: the built-in ones, or the user's folder over them
/// (its problems printed as diagnostics). None are loaded when no document is asked for.
fn template_set(dir: Option<&Path>, unused: bool) -> Result<TemplateSet, Exit> {
    if unused {
        return Ok(TemplateSet::builtin());
    }
    match dir {
        Some(dir) if !dir.is_dir() => {
            error(&format!(
                "--templates `{}` is not a directory",
                dir.display()
            ));
            Err(Exit::Usage)
        }
        Some(dir) => {
            let (set, diagnostics) = TemplateSet::with_overrides(dir);
            super::report(&diagnostics);
            Ok(set)
        }
        None => Ok(TemplateSet::builtin()),
    }
}

/// Template problems are printed as diagnostics; they are a configuration error.
fn template_failure(diagnostics: &evident::diagnostic::Diagnostics) -> Exit {
    super::report(diagnostics);
    error("the report templates have errors; no report was written");
    Exit::Config
}

/// Writes every output asked for: each file streamed into a staged temporary (the
/// files in parallel: they are independent), all renamed into place only once every
/// one is complete (a failure leaves the previous reports untouched), then the
/// terminal summary to `out`.
fn write_outputs(
    args: &AssessArgs,
    report: &Report,
    catalog: &evident::catalog::Catalog,
    renderer: Option<&Renderer<'_>>,
    out: &mut impl Write,
) -> Result<(), Exit> {
    let files: Vec<OutputFormat> = args
        .format
        .iter()
        .copied()
        .filter(|f| *f != OutputFormat::Terminal)
        .collect();
    if !files.is_empty() {
        output::prepare(&args.out).map_err(|e| {
            error(&format!("cannot write the reports: {e}"));
            Exit::Output
        })?;
        let root = match report::repository_prefix(&args.dir) {
            Some(prefix) => ArtifactRoot::Repository(prefix),
            None => ArtifactRoot::EvidenceDir,
        };
        let staged: Vec<Result<output::Staged, output::Failure>> = files
            .par_iter()
            .map(|format| {
                output::stage(&args.out, format.file_name(), |w| {
                    fill(*format, w, report, catalog, renderer, &root)
                })
            })
            .collect();
        let mut ready = Vec::new();
        for (format, result) in files.iter().zip(staged) {
            match result {
                Ok(file) => ready.push(file),
                Err(output::Failure::Template(diagnostics)) => {
                    return Err(template_failure(&diagnostics));
                }
                Err(e) => {
                    error(&format!("cannot write the {format:?} output: {e}"));
                    return Err(Exit::Output);
                }
            }
        }
        output::commit(&args.out, ready).map_err(|e| {
            error(&format!("cannot write the reports: {e}"));
            Exit::Output
        })?;
    }
    if args.format.contains(&OutputFormat::Terminal) {
        out.write_all(summary(report).as_bytes()).map_err(|e| {
            error(&format!("cannot write the summary: {e}"));
            Exit::Output
        })?;
    }
    Ok(())
}

/// Writes one output file's content to `w`.
fn fill(
    format: OutputFormat,
    w: &mut dyn Write,
    report: &Report,
    catalog: &evident::catalog::Catalog,
    renderer: Option<&Renderer<'_>>,
    root: &ArtifactRoot,
) -> Result<(), output::Failure> {
    let io = |e: std::io::Error| output::Failure::Write(e.to_string());
    match (format, format.document(), renderer) {
        (_, Some(document), Some(renderer)) => {
            renderer
                .render_to(document, w)
                .map_err(|failure| match failure {
                    RenderFailure::Write(e) => io(e),
                    RenderFailure::Template(d) => output::Failure::Template(d),
                })
        }
        (OutputFormat::Json, ..) => json_to(w, report),
        (OutputFormat::Manifest, ..) => json_to(w, &report.manifest),
        (OutputFormat::Junit, ..) => report::junit::render_to(report, catalog, w).map_err(io),
        (OutputFormat::Sarif, ..) => report::sarif::render_to(report, root, w).map_err(io),
        (OutputFormat::Oscal, ..) => report::oscal::render_to(report, catalog, w).map_err(io),
        // The terminal, or a document without a renderer (never asked for here).
        _ => Ok(()),
    }
}

/// `value` as pretty JSON with a final newline, serialised straight to `w`.
fn json_to(w: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), output::Failure> {
    let failed = |e: String| output::Failure::Write(e);
    serde_json::to_writer_pretty(&mut *w, value).map_err(|e| failed(e.to_string()))?;
    w.write_all(b"\n").map_err(|e| failed(e.to_string()))
}

/// Why the gate fails, one line each; empty when it passes.
fn gate(assessment: &Assessment, invalid: bool, fail_on: &[FailOn]) -> Vec<String> {
    let mut failures = Vec::new();
    for c in &assessment.controls {
        match c.target_status {
            Some(TargetStatus::Below) => failures.push(format!(
                "{} is {}, below its target {}",
                c.id,
                score::describe(&c.score),
                target_text(c)
            )),
            Some(TargetStatus::Unattainable) => failures.push(format!(
                "{}'s target {} is above the highest level or count the catalog defines",
                c.id,
                target_text(c)
            )),
            _ => {}
        }
    }
    if fail_on.contains(&FailOn::Invalid) && invalid {
        failures.push("some evidence is invalid (see the diagnostics above)".to_owned());
    }
    if fail_on.contains(&FailOn::Stale) {
        let stale = assessment
            .controls
            .iter()
            .flat_map(|c| c.all_criteria())
            .flat_map(|(_, cr)| &cr.requirements)
            .filter(|r| !r.met && r.reasons.iter().any(|x| x.code == ReasonCode::Stale))
            .count();
        if stale > 0 {
            failures.push(format!(
                "{stale} requirement(s) are unmet because their evidence is stale"
            ));
        }
    }
    let expired = assessment
        .findings
        .iter()
        .filter(|f| f.code.expired())
        .count();
    if fail_on.contains(&FailOn::ExpiredWaiver) && expired > 0 {
        failures.push(format!(
            "{expired} waiver(s) or attestation(s) have expired"
        ));
    }
    failures
}

fn target_text(c: &score::ControlResult) -> String {
    match (&c.score, c.target) {
        (score::Score::Maturity { .. }, Some(t)) => format!("L{t}"),
        (_, Some(t)) => format!("{t} met"),
        _ => String::new(),
    }
}

/// The terminal summary: one row per control, then the gap count and what changed
/// since the baseline.
fn summary(report: &Report) -> String {
    let a = &report.assessment;
    let rows: Vec<Vec<String>> = a
        .controls
        .iter()
        .map(|c| {
            vec![
                c.framework.clone(),
                c.id.clone(),
                c.title.clone(),
                score::describe(&c.score),
                target_text(c),
                match c.target_status {
                    Some(TargetStatus::Met) => "met".into(),
                    Some(TargetStatus::Below) => "BELOW".into(),
                    Some(TargetStatus::Unattainable) => "UNATTAINABLE".into(),
                    None => String::new(),
                },
            ]
        })
        .collect();
    let mut text = String::new();
    if let Some(org) = &a.organisation {
        text.push_str(&format!("{org}\n"));
    }
    text.push_str(&format!(
        "as of {}, audit period {}..{}\n\n",
        a.as_of, a.audit_period.start, a.audit_period.end
    ));
    text.push_str(&table(
        &["framework", "control", "title", "score", "target", "status"],
        &rows,
    ));
    text.push_str(&format!(
        "\n{} gap(s) to targets; `evident explain <CONTROL>` shows why\n",
        a.gaps.len()
    ));
    if let Some(c) = &report.comparison {
        text.push_str(&comparison(c));
    }
    text
}

/// What changed since the baseline: the counts, each control that moved, each
/// regressed criterion with the files it has lost, then the file changes.
fn comparison(c: &baseline::Comparison) -> String {
    let e = &c.evidence;
    let mut text = format!(
        "\nsince the baseline of {}: {} criteria improved, {} regressed; files: {} added, {} removed, {} changed\n",
        c.baseline_as_of,
        c.improved,
        c.regressed,
        e.added.len(),
        e.removed.len(),
        e.changed.len()
    );
    for control in &c.controls {
        if matches!(control.change, Change::Improved | Change::Regressed) {
            text.push_str(&format!(
                "  {} {}: {} -> {}\n",
                control.id,
                change_name(control.change),
                control.before.as_deref().unwrap_or("-"),
                control.after
            ));
        }
        for cr in control
            .criteria
            .iter()
            .filter(|cr| cr.change == Change::Regressed)
        {
            text.push_str(&format!(
                "  regressed {}: {} -> {}\n",
                cr.id,
                cr.before.map_or("-", score::status_name),
                score::status_name(cr.after)
            ));
            for file in &cr.lost {
                let how = match file.now {
                    FileFate::Removed => "removed",
                    FileFate::Changed => "changed",
                    FileFate::Invalid => "now invalid",
                };
                text.push_str(&format!("    {how}: {} ({})\n", file.path, file.id));
            }
        }
    }
    for (how, files) in [
        ("added", &e.added),
        ("removed", &e.removed),
        ("changed", &e.changed),
    ] {
        for file in files {
            text.push_str(&format!("  {how} {}\n", file.path));
        }
    }
    text
}

fn change_name(change: Change) -> &'static str {
    match change {
        Change::Improved => "improved",
        Change::Regressed => "regressed",
        Change::Unchanged => "unchanged",
        Change::New => "new",
    }
}
