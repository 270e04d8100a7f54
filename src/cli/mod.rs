//! Command-line interface: argument parsing and wiring of the library's stages.
//!
//! This layer owns no logic: it loads what a command needs, calls the library, and
//! writes the result (stdout) and diagnostics (stderr). It is the only place that
//! prints.

mod assess;
mod catalog;
mod exit;
mod explain;
mod import;
mod init;
mod output;
mod run;
mod schema;
mod text;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use evident::catalog::{self as cat, Catalog};
use evident::diagnostic::{self, Diagnostics, RenderStyle};

pub use exit::Exit;

/// Scores the maturity of security controls from evidence.
#[derive(Debug, Parser)]
#[command(name = "evident", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Add the catalog files (*.yaml) of DIR, or one file, to the built-in catalog.
    /// Repeatable. A user control may not reuse a built-in id.
    #[arg(long, global = true, value_name = "DIR")]
    controls: Vec<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score every control from the evidence in DIR: levels, readiness, targets, gaps.
    Assess(assess::AssessArgs),
    /// The derivation of one control: level by level, criterion by criterion, with the
    /// evidence used and why each unmet requirement fails.
    Explain(explain::ExplainArgs),
    /// Inspect the control catalog: frameworks, controls, levels, criteria, requirements.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Check every evidence file under DIR (and its evident.yaml profile) against the
    /// evidence-kind schemas; print located diagnostics and a summary.
    Validate {
        /// The evidence directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format: diagnostics and a one-line summary, or one JSON document.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Files larger than this are reported and not read (e.g. 10MiB, 512KiB).
        #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = validate::parse_size)]
        max_file_size: u64,
        /// The assessment profile to check (default: DIR/evident.yaml, if present); its
        /// `section_aliases` are used for the section warnings.
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Print one of the JSON Schemas evident publishes (without NAME: list them).
    Schema {
        /// The schema's name, e.g. `catalog`.
        #[arg(conflicts_with = "write")]
        name: Option<String>,
        /// Write every schema as a file under DIR instead (`DIR/profile.schema.json`,
        /// `DIR/evidence/incident.schema.json`, ...), replacing older copies.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// Convert exports (PagerDuty, Opsgenie, Jira, Trivy, Grype, SARIF, training CSV,
    /// any JSON or CSV with a mapping) into evidence items, one file per record.
    Import(import::ImportArgs),
    /// Scaffold an evidence directory: profile, IR plan skeleton, README, a template
    /// per evidence kind and the schemas (under DIR/.evident/). Never overwrites.
    Init {
        /// The folder to scaffold (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum CatalogCommand {
    /// A table of every control: framework, id, title, levels or points of focus, criteria.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One control in full: statement, levels, criteria, requirements, mappings.
    Show {
        /// The control id, e.g. `IRO-02`, `CC7.4`, `BRP` (case-insensitive).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Output format of inspection commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people.
    Text,
    /// For machines: stable, pretty-printed JSON.
    Json,
}

/// Parses arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage.into()
            } else {
                Exit::Ok.into()
            };
        }
    };
    let mut out = anstream::stdout();
    let outcome = match &cli.command {
        Command::Catalog { command } => match load_catalog(&cli.controls) {
            Ok(catalog) => match command {
                CatalogCommand::List { format } => catalog::list(&catalog, *format, &mut out),
                CatalogCommand::Show { id, format } => {
                    catalog::show(&catalog, id, *format, &mut out)
                }
            },
            Err(exit) => exit,
        },
        Command::Schema {
            write: Some(dir), ..
        } => schema::write(dir, &mut out),
        Command::Schema { name, write: None } => schema::print(name.as_deref(), &mut out),
        Command::Init { dir } => init::run(dir, &mut out),
        Command::Import(args) => import::run(args, &mut out),
        Command::Assess(args) => assess::run(&cli.controls, args, &mut out),
        Command::Explain(args) => explain::run(&cli.controls, args, &mut out),
        Command::Validate {
            dir,
            format,
            max_file_size,
            profile,
        } => match load_catalog(&cli.controls) {
            Ok(catalog) => {
                let options = evident::evidence::ScanOptions {
                    max_file_size: *max_file_size,
                    ..Default::default()
                };
                let request = validate::Request {
                    dir,
                    profile: profile.as_deref(),
                    catalog: &catalog,
                    options: &options,
                    format: *format,
                };
                if *format == Format::Json {
                    // JSON holds no escape sequences for anstream to strip (serde_json
                    // escapes control characters), and for a large directory it is tens
                    // of megabytes: it goes out directly.
                    validate::run(&request, &mut std::io::stdout().lock())
                } else {
                    validate::run(&request, &mut out)
                }
            }
            Err(exit) => exit,
        },
    };
    let _ = out.flush();
    outcome.into()
}

/// Loads the built-in catalog plus `--controls` directories, printing diagnostics.
fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog, Exit> {
    let mut inputs = cat::builtin_inputs();
    let mut diagnostics = Diagnostics::new();
    for dir in dirs {
        let (more, problems) = cat::read_dir(dir);
        inputs.extend(more);
        diagnostics.extend(problems);
    }
    let (catalog, problems) = cat::load(inputs);
    diagnostics.extend(problems);
    report(&diagnostics);
    match catalog {
        Some(catalog) if !diagnostics.has_errors() => Ok(catalog),
        _ => {
            let n = diagnostics
                .sorted()
                .iter()
                .filter(|d| d.severity == diagnostic::Severity::Error)
                .count();
            error(&format!(
                "the control catalog has {n} error(s); nothing was done"
            ));
            Err(Exit::Config)
        }
    }
}

/// Writes diagnostics to stderr, rustc-style; colours follow the terminal and `NO_COLOR`.
fn report(diagnostics: &Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    let mut err = anstream::stderr();
    let _ = write!(
        err,
        "{}",
        diagnostic::render(diagnostics, RenderStyle::Color)
    );
}

/// Writes a one-line warning to stderr.
fn warn(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "warning: {message}");
}

/// Writes a one-line error to stderr.
fn error(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "error: {message}");
}
