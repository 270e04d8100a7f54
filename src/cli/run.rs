//! The options `assess` and `explain` share, turned into the library's run inputs,
//! and a stopped run printed and mapped to its exit status.

use std::path::{Path, PathBuf};

use clap::Args;
use evident::pipeline::{Inputs, Run, Stop, StopKind};
use jiff::civil::Date;

use super::{Exit, error, report, warn};

/// Options of every command that scores.
#[derive(Debug, Args)]
pub(super) struct ScoreArgs {
    /// The date the assessment is as of (default: the profile's, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
    /// The assessment profile (default: DIR/evident.yaml, if present).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A target, overriding the profile's: `IRO-02=3` (a level), `BRP=7` (steps met).
    /// Repeatable.
    #[arg(long, value_name = "CONTROL=N", value_parser = parse_target)]
    pub target: Vec<(String, u32)>,
    /// Files larger than this are reported and not read (e.g. 10MiB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = super::parse_size)]
    pub max_file_size: u64,
}

impl ScoreArgs {
    /// The run inputs for the evidence in `dir`.
    pub fn inputs<'a>(&'a self, dir: &'a Path, catalogs: &'a [PathBuf]) -> Inputs<'a> {
        Inputs {
            catalogs,
            profile: self.profile.as_deref(),
            as_of: self.as_of,
            targets: &self.target,
            max_file_size: self.max_file_size,
            ..Inputs::new(dir)
        }
    }
}

fn parse_target(text: &str) -> Result<(String, u32), String> {
    let (id, n) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not CONTROL=N, e.g. IRO-02=3"))?;
    let n = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` in `{text}` is not a whole number"))?;
    Ok((id.trim().to_owned(), n))
}

/// Prints what a completed run found (its diagnostics, and a warning when the
/// directory held no evidence at all).
pub(super) fn notices(run: &Run, dir: &Path) {
    report(&run.diagnostics);
    if run.read_nothing() {
        warn(&format!(
            "no evidence files in `{}`: every control scores from nothing",
            dir.display()
        ));
    }
}

/// Prints why a run stopped and returns its exit status.
pub(super) fn stopped(stop: &Stop) -> Exit {
    report(&stop.diagnostics);
    error(&stop.message);
    match stop.kind {
        StopKind::Usage => Exit::Usage,
        StopKind::Config => Exit::Config,
    }
}
