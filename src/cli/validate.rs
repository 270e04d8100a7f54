//! `evident validate [DIR]`: checks every evidence file and the profile, prints
//! diagnostics and a one-line summary, or everything as JSON.

use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use evident::catalog::Catalog;
use evident::diagnostic::{Diagnostic, Diagnostics, Severity};
use evident::evidence::{self, EvidenceFile, EvidenceSet, Progress, Projection, ScanOptions};
use evident::profile::{self, Profile};
use evident::score::{SectionVocabulary, missing_sections};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use super::{Exit, Format, error, report};

/// Scans shorter than this finish before a progress bar would help.
const PROGRESS_MIN_FILES: usize = 2000;

/// What `validate` found, as data for both output formats.
#[derive(Debug, Serialize)]
struct Validation<'a> {
    /// Version of this JSON format.
    version: u32,
    directory: &'a str,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a Profile>,
    files: Vec<&'a EvidenceFile>,
    ignored: &'a [String],
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Debug, Serialize)]
struct Summary {
    files: usize,
    valid: usize,
    invalid: usize,
    ignored: usize,
    errors: usize,
    warnings: usize,
    by_kind: BTreeMap<String, usize>,
}

/// What `validate` is asked to check.
pub(super) struct Request<'a> {
    pub dir: &'a Path,
    pub profile: Option<&'a Path>,
    pub catalog: &'a Catalog,
    pub options: &'a ScanOptions,
    pub format: Format,
}

pub(super) fn run(request: &Request<'_>, out: &mut impl Write) -> Exit {
    let Request {
        dir,
        options,
        format,
        ..
    } = *request;
    if !dir.is_dir() {
        error(&format!("`{}` is not a directory", dir.display()));
        return Exit::Usage;
    }
    let shown = dir.to_string_lossy();
    let profile = match request.profile {
        Some(path) if !path.is_file() => {
            error(&format!("profile `{}` is not a file", path.display()));
            return Exit::Usage;
        }
        Some(path) => profile::load_file(path, &path.to_string_lossy(), options.max_file_size),
        None => profile::load(dir, &shown, options.max_file_size),
    };
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let show_progress = format == Format::Text && std::io::stderr().is_terminal();
    let progress = |p: Progress| match p {
        Progress::Found(n) if show_progress && n >= PROGRESS_MIN_FILES => {
            let b = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let _ = bar.set(b);
        }
        Progress::Read => {
            if let Some(b) = bar.get() {
                b.inc(1);
            }
        }
        Progress::Found(_) => {}
    };
    // Documents keep their outline and the fields that decide which sections the
    // catalog requires of them; other items keep only their envelope.
    let projection = Projection::for_sections(request.catalog);
    let mut set = evidence::load(dir, &shown, options, &projection, &progress);
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    let mut diagnostics = profile.diagnostics;
    diagnostics.extend(std::mem::take(&mut set.diagnostics));
    let (aliases, categories) = profile
        .profile
        .as_ref()
        .map(|p| (p.section_aliases.clone(), p.categories.clone()))
        .unwrap_or_default();
    let vocabulary = SectionVocabulary::new(request.catalog, &aliases);
    for d in missing_sections(request.catalog, &set, &vocabulary, &categories, &shown) {
        diagnostics.push(d);
    }
    let validation = summarise(
        &shown,
        profile.profile.as_ref(),
        profile.file.as_ref(),
        &set,
        &diagnostics,
    );
    let written = match format {
        Format::Json => {
            // Streamed: the document for a large directory runs to tens of megabytes.
            let mut out = BufWriter::with_capacity(1 << 16, &mut *out);
            serde_json::to_writer_pretty(&mut out, &validation)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .and_then(|()| out.flush())
        }
        Format::Text => {
            report(&diagnostics);
            writeln!(out, "{}", one_line(&validation.summary))
        }
    };
    if written.is_err() {
        return Exit::Output;
    }
    if diagnostics.has_errors() {
        Exit::Invalid
    } else {
        Exit::Ok
    }
}

fn summarise<'a>(
    directory: &'a str,
    profile: Option<&'a Profile>,
    profile_file: Option<&'a EvidenceFile>,
    set: &'a EvidenceSet,
    diagnostics: &'a Diagnostics,
) -> Validation<'a> {
    let files: Vec<&EvidenceFile> = profile_file.into_iter().chain(&set.files).collect();
    let valid = files.iter().filter(|f| f.valid).count();
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let by_kind = set
        .count_by_kind()
        .into_iter()
        .map(|(k, n)| (k.name().to_owned(), n))
        .collect();
    Validation {
        version: 1,
        directory,
        summary: Summary {
            files: files.len(),
            valid,
            invalid: files.len() - valid,
            ignored: set.ignored.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            by_kind,
        },
        profile,
        files,
        ignored: &set.ignored,
        diagnostics: diagnostics.sorted(),
    }
}

fn one_line(s: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}: {} valid, {} invalid",
        plural(s.files, "file"),
        s.valid,
        s.invalid
    );
    if s.ignored > 0 {
        line.push_str(&format!(", {} ignored", s.ignored));
    }
    line.push_str(&format!(
        "; {}, {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    ));
    if !s.by_kind.is_empty() {
        let kinds: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        line.push_str(&format!(" ({})", kinds.join(", ")));
    }
    line
}

/// Parses a size such as `10MiB`, `512k` or `1048576`.
pub(super) fn parse_size(text: &str) -> Result<u64, String> {
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
