//! `evident validate [DIR]`: runs the library's validation with a progress bar on a
//! terminal, prints diagnostics and the one-line summary, or the JSON document.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use evident::catalog::Catalog;
use evident::evidence::Progress;
use evident::pipeline::{self, Inputs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Exit, Format, report};

/// Scans shorter than this finish before a progress bar would help.
const PROGRESS_MIN_FILES: usize = 2000;

/// What `validate` is asked to check.
pub(super) struct Request<'a> {
    pub dir: &'a Path,
    pub profile: Option<&'a Path>,
    pub catalog: &'a Catalog,
    pub max_file_size: u64,
    pub format: Format,
}

pub(super) fn run(request: &Request<'_>, out: &mut impl Write) -> Exit {
    let inputs = Inputs {
        profile: request.profile,
        max_file_size: request.max_file_size,
        ..Inputs::new(request.dir)
    };
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let show_progress = request.format == Format::Text && std::io::stderr().is_terminal();
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
    let validation = match pipeline::validate(&inputs, request.catalog, &progress) {
        Ok(validation) => validation,
        Err(stop) => return super::run::stopped(&stop),
    };
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    let written = match request.format {
        Format::Json => {
            // Streamed: the document for a large directory runs to tens of megabytes.
            let mut out = BufWriter::with_capacity(1 << 16, &mut *out);
            serde_json::to_writer_pretty(&mut out, &validation)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .and_then(|()| out.flush())
        }
        Format::Text => {
            report(&validation.diagnostics);
            writeln!(out, "{}", validation.summary.one_line())
        }
    };
    if written.is_err() {
        return Exit::Output;
    }
    if validation.has_errors() {
        Exit::Invalid
    } else {
        Exit::Ok
    }
}
