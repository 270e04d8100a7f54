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
mod run;
mod schema;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use evident::catalog::Catalog;
use evident::diagnostic::{self, Diagnostics, RenderStyle};
use strum::VariantNames;

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
        #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
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
                let request = validate::Request {
                    dir,
                    profile: profile.as_deref(),
                    catalog: &catalog,
                    max_file_size: *max_file_size,
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
    match evident::pipeline::load_catalog(dirs) {
        Ok((catalog, diagnostics)) => {
            report(&diagnostics);
            Ok(catalog)
        }
        Err(stop) => Err(run::stopped(&stop)),
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

/// The value parser of a library vocabulary: its kebab-case names, listed in
/// `--help` and in the error for an unknown one, with clap's did-you-mean.
pub(crate) fn vocabulary<T>() -> impl TypedValueParser<Value = T>
where
    T: VariantNames + std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(T::VARIANTS).try_map(|name| name.parse::<T>())
}

/// Parses a size such as `10MiB`, `512k` or `1048576`.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size; write e.g. 10MiB, 512KiB or 1048576"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit `{other}`; use B, KiB, MiB or GiB"
            ));
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }
}
