//! One registry of `assess` outputs: each [`OutputFormat`] is a value with its file
//! name and one render signature over one [`RenderContext`]; [`write()`] puts the
//! asked-for files into the report folder together.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::sarif::ArtifactRoot;
use super::templates::TemplateSet;
use super::write::{self, Failure};
use super::{Document, RenderFailure, Renderer, Report, junit, oscal, sarif, terminal};
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostics;

crate::vocabulary::vocabulary! {
    /// An output of `assess`.
    #[derive(strum::Display, strum::VariantNames)]
    pub enum OutputFormat {
        /// A summary table on stdout.
        Terminal,
        /// `assessment.json` (schema: `evident schema assessment`).
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
}

impl OutputFormat {
    /// The file it is written to in the report folder; `None` for the terminal.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Self::Terminal => None,
            Self::Json => Some("assessment.json"),
            Self::Md | Self::Html | Self::Summary => self.document().map(Document::file_name),
            Self::Junit => Some("junit.xml"),
            Self::Sarif => Some("evident.sarif"),
            Self::Oscal => Some("oscal-assessment-results.json"),
            Self::Manifest => Some("manifest.json"),
        }
    }

    /// The templated document it is, if any.
    pub fn document(self) -> Option<Document> {
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

    /// Writes the output of `context` to `w`.
    pub fn render_to(self, context: &RenderContext<'_>, w: &mut dyn Write) -> Result<(), Failure> {
        let io = |e: std::io::Error| Failure::Write(e.to_string());
        let report = context.report;
        match self {
            Self::Terminal => w
                .write_all(terminal::summary(report).as_bytes())
                .map_err(io),
            Self::Md | Self::Html | Self::Summary => {
                let (Some(document), Some(renderer)) = (self.document(), &context.renderer) else {
                    return Err(Failure::Write(format!(
                        "the {self} document was not prepared for rendering"
                    )));
                };
                renderer
                    .render_to(document, w)
                    .map_err(|failure| match failure {
                        RenderFailure::Write(e) => io(e),
                        RenderFailure::Template(d) => Failure::Template(d),
                    })
            }
            Self::Json => json_to(w, report),
            Self::Manifest => json_to(w, &report.manifest),
            Self::Junit => junit::render_to(report, context.catalog, w).map_err(io),
            Self::Sarif => sarif::render_to(report, &context.root, w).map_err(io),
            Self::Oscal => oscal::render_to(report, context.catalog, w).map_err(io),
        }
    }
}

/// Everything an output renders from: the report, the catalog it was scored
/// against, the templated documents' renderer and what SARIF paths are relative to.
#[derive(Debug)]
pub struct RenderContext<'a> {
    /// The report.
    pub report: &'a Report,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The renderer of the templated documents asked for (`None` when none is).
    pub renderer: Option<Renderer<'a>>,
    /// What SARIF result paths are relative to.
    pub root: ArtifactRoot,
}

impl<'a> RenderContext<'a> {
    /// The context for rendering `formats` of `report`, whose evidence directory is
    /// `evidence_dir`. Compiles the templates the documents among `formats` need; a
    /// template that does not compile is a located diagnostic.
    pub fn new(
        report: &'a Report,
        catalog: &'a Catalog,
        templates: &'a TemplateSet,
        formats: &[OutputFormat],
        evidence_dir: &Path,
    ) -> Result<Self, Diagnostics> {
        let documents: Vec<Document> = formats.iter().filter_map(|f| f.document()).collect();
        let renderer = if documents.is_empty() {
            None
        } else {
            Some(Renderer::new(&documents, report, catalog, templates)?)
        };
        let root = match super::repository_prefix(evidence_dir) {
            Some(prefix) => ArtifactRoot::Repository(prefix),
            None => ArtifactRoot::EvidenceDir,
        };
        Ok(Self {
            report,
            catalog,
            renderer,
            root,
        })
    }
}

/// The templates `formats` render with: none read when no templated document is
/// asked for; else the built-in ones, with the files of `dir` over them when given
/// (their problems are diagnostics, and the built-in template is kept). A `dir` that
/// is not a folder is an error.
pub fn templates_for(
    formats: &[OutputFormat],
    dir: Option<&Path>,
) -> Result<(TemplateSet, Diagnostics), String> {
    match dir {
        _ if !formats.iter().any(|f| f.document().is_some()) => {
            Ok((TemplateSet::builtin(), Diagnostics::new()))
        }
        Some(dir) if !dir.is_dir() => Err(format!(
            "--templates `{}` is not a directory",
            dir.display()
        )),
        Some(dir) => Ok(TemplateSet::with_overrides(dir)),
        None => Ok((TemplateSet::builtin(), Diagnostics::new())),
    }
}

/// Why the reports were not written; the previous ones are left as they were.
#[derive(Debug)]
pub enum WriteError {
    /// A template failed while rendering (located diagnostics).
    Template(Diagnostics),
    /// The folder or a file could not be written.
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Template(d) => write!(f, "{} template problem(s)", d.len()),
            Self::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes every file output among `formats` into `dir`: each streamed into a staged
/// temporary (in parallel: they are independent), all renamed into place only once
/// every one is complete, so a failure leaves the previous reports untouched. The
/// terminal is not a file and is skipped here.
pub fn write(
    dir: &Path,
    formats: &[OutputFormat],
    context: &RenderContext<'_>,
) -> Result<(), WriteError> {
    let files: Vec<(OutputFormat, &str)> = formats
        .iter()
        .filter_map(|f| Some((*f, f.file_name()?)))
        .collect();
    if files.is_empty() {
        return Ok(());
    }
    write::prepare(dir).map_err(WriteError::Io)?;
    let staged: Vec<Result<write::Staged, Failure>> = files
        .par_iter()
        .map(|(format, name)| write::stage(dir, name, |w| format.render_to(context, w)))
        .collect();
    let mut ready = Vec::new();
    for ((format, _), result) in files.iter().zip(staged) {
        match result {
            Ok(file) => ready.push(file),
            Err(Failure::Template(diagnostics)) => return Err(WriteError::Template(diagnostics)),
            Err(Failure::Write(e)) => {
                return Err(WriteError::Io(format!("the {format} output: {e}")));
            }
        }
    }
    write::commit(dir, ready).map_err(WriteError::Io)
}

/// `value` as pretty JSON with a final newline, serialised straight to `w`.
fn json_to(w: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    let failed = |e: String| Failure::Write(e);
    serde_json::to_writer_pretty(&mut *w, value).map_err(|e| failed(e.to_string()))?;
    w.write_all(b"\n").map_err(|e| failed(e.to_string()))
}
