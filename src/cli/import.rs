//! `evident import SOURCE FILE... --into DIR`: converts exports into evidence items
//! and prints what was added, changed, unchanged or kept.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use evident::import::{self, Change, Mapping, Request, Source};

use super::{Exit, error, report};

/// Arguments of `evident import`.
#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// The tool the exports come from: pagerduty, opsgenie, jira, trivy, grype, sarif,
    /// training-csv (needs --mapping), mapped (needs --mapping).
    #[arg(value_name = "SOURCE", value_parser = super::vocabulary::<Source>())]
    source: Source,
    /// The export files (JSON, or CSV for training-csv and mapped).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// The folder to write the items into (created if missing), inside the evidence
    /// directory.
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    /// A mapping file: columns, severity and status tables, values set on every item
    /// (schema: `evident schema import-mapping`; see docs/import.md).
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Replace items that were edited by hand since they were imported.
    #[arg(long)]
    force: bool,
}

pub(super) fn run(args: &ImportArgs, out: &mut impl Write) -> Exit {
    let source = args.source;
    let mapping = match &args.mapping {
        Some(path) => match import::read_mapping(path) {
            Ok(mapping) => mapping,
            Err(diagnostic) => {
                let mut diagnostics = evident::diagnostic::Diagnostics::new();
                diagnostics.push(*diagnostic);
                report(&diagnostics);
                return Exit::Config;
            }
        },
        None if source.needs_mapping() => {
            error(&format!(
                "`evident import {}` needs --mapping FILE (see docs/import.md)",
                source.name()
            ));
            return Exit::Usage;
        }
        None => Mapping::default(),
    };
    if let Some(missing) = args.files.iter().find(|f| !f.is_file()) {
        error(&format!("{} is not a file", missing.display()));
        return Exit::Usage;
    }
    let request = Request {
        source,
        files: args.files.clone(),
        into: args.into.clone(),
        mapping,
        force: args.force,
    };
    let outcome = import::import(&request);
    report(&outcome.diagnostics);
    for (name, change) in &outcome.items {
        if writeln!(
            out,
            "{:<10} {}",
            change.word(),
            args.into.join(name).display()
        )
        .is_err()
        {
            return Exit::Output;
        }
    }
    let rejected = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == evident::diagnostic::Severity::Error)
        .count();
    let summary = format!(
        "{} item(s): {} added, {} changed, {} unchanged, {} kept (edited by hand), {} replaced; {} problem(s)",
        outcome.items.len(),
        outcome.count(Change::Added),
        outcome.count(Change::Changed),
        outcome.count(Change::Unchanged),
        outcome.count(Change::Kept),
        outcome.count(Change::Forced),
        rejected,
    );
    if writeln!(out, "{summary}").is_err() {
        return Exit::Output;
    }
    if outcome.write_failed {
        Exit::Output
    } else if rejected > 0 {
        Exit::Invalid
    } else {
        Exit::Ok
    }
}
