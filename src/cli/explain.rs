//! `evident explain <CONTROL> [DIR]`: runs the assessment and prints one control's
//! derivation (the text is [`evident::report::explain`]'s).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use evident::report::explain;

use super::run::{self, ScoreArgs};
use super::{Exit, error};

/// Options of `explain`.
#[derive(Debug, Args)]
pub(super) struct ExplainArgs {
    /// The control id, e.g. `IRO-02` (case-insensitive).
    control: String,
    /// The evidence directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    score: ScoreArgs,
}

pub(super) fn run(controls: &[PathBuf], args: &ExplainArgs, out: &mut impl Write) -> Exit {
    let run = match evident::pipeline::assess(&args.score.inputs(&args.dir, controls)) {
        Ok(run) => run,
        Err(stop) => return run::stopped(&stop),
    };
    run::notices(&run, &args.dir);
    let assessment = &run.report.assessment;
    let Some(control) = explain::find(assessment, &args.control) else {
        error(&explain::unknown_control(assessment, &args.control));
        return Exit::Usage;
    };
    if out
        .write_all(explain::explain(control, assessment).as_bytes())
        .is_err()
    {
        return Exit::Output;
    }
    if run.has_configuration_errors() {
        // The derivation is shown, but a profile that names no control is wrong.
        error("the assessment profile has errors (see above)");
        return Exit::Config;
    }
    Exit::Ok
}
