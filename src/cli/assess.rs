//! `evident assess [DIR]`: runs the assessment, writes the outputs asked for, prints
//! the terminal summary and the gate's verdict, and maps them to an exit status.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use evident::gate::{self, FailOn, Policy};
use evident::report::output::{self, OutputFormat, RenderContext, WriteError};
use evident::report::write::refuse_inside_evidence;

use super::run::{self, ScoreArgs};
use super::{Exit, error, report, warn};

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
    #[arg(long, value_delimiter = ',', default_value = "terminal",
          value_parser = super::vocabulary::<OutputFormat>())]
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
    /// comma-separated: `invalid` (an evidence file has an error), `stale` (a
    /// requirement is unmet for stale evidence), `expired-waiver` (a waiver or
    /// attestation has expired), `regression` (a criterion is worse than in the
    /// `--baseline`).
    #[arg(long, value_delimiter = ',', value_parser = super::vocabulary::<FailOn>())]
    fail_on: Vec<FailOn>,
    /// Report only: exit 0 even when the gate fails (a profile target naming no
    /// control still fails it: that is a configuration error).
    #[arg(long)]
    no_fail: bool,
}

pub(super) fn run(controls: &[PathBuf], args: &AssessArgs, out: &mut impl Write) -> Exit {
    if let Err(e) = refuse_inside_evidence(&args.out, &args.dir) {
        error(&e);
        return Exit::Usage;
    }
    let mut inputs = args.score.inputs(&args.dir, controls);
    inputs.exclude = vec![args.out.clone()];
    inputs.baseline = args.baseline.as_deref();
    let run = match evident::pipeline::assess(&inputs) {
        Ok(run) => run,
        Err(stop) => return run::stopped(&stop),
    };
    run::notices(&run, &args.dir);
    let templates = match output::templates_for(&args.format, args.templates.as_deref()) {
        Ok((set, diagnostics)) => {
            report(&diagnostics);
            set
        }
        Err(e) => {
            error(&e);
            return Exit::Usage;
        }
    };
    let context = match RenderContext::new(
        &run.report,
        &run.catalog,
        &templates,
        &args.format,
        &args.dir,
    ) {
        Ok(context) => context,
        Err(diagnostics) => return template_failure(&diagnostics),
    };
    match output::write(&args.out, &args.format, &context) {
        Ok(()) => {}
        Err(WriteError::Template(diagnostics)) => return template_failure(&diagnostics),
        Err(WriteError::Io(e)) => {
            error(&format!("cannot write the reports: {e}"));
            return Exit::Output;
        }
    }
    if args.format.contains(&OutputFormat::Terminal)
        && OutputFormat::Terminal.render_to(&context, out).is_err()
    {
        error("cannot write the summary to standard output");
        return Exit::Output;
    }
    let policy = Policy {
        fail_on: args.fail_on.clone(),
    };
    let failures = gate::gate(&run.report, &policy);
    for failure in &failures {
        if failure.is_configuration() {
            error(&format!("gate: {}", failure.message));
        } else {
            warn(&format!("gate: {}", failure.message));
        }
    }
    if failures.iter().any(gate::GateFailure::is_configuration) {
        Exit::Config
    } else if failures.is_empty() || args.no_fail {
        Exit::Ok
    } else {
        Exit::GateFailed
    }
}

/// Template problems are printed as diagnostics; they are a configuration error.
fn template_failure(diagnostics: &evident::diagnostic::Diagnostics) -> Exit {
    report(diagnostics);
    error("the report templates have errors; no report was written");
    Exit::Config
}
