//! Rendering the Markdown and HTML documents from the templates and the [`View`].

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};

use super::Report;
use super::templates::{Escape, TemplateSet};
use super::view::View;
use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

/// A document evident renders from templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The full report in GitHub-flavoured Markdown (`report.md`).
    Markdown,
    /// A short Markdown summary for a CI job summary or PR comment (`summary.md`).
    Summary,
    /// The self-contained HTML report (`report.html`).
    Html,
}

impl Document {
    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Self::Markdown => "markdown/report",
            Self::Summary => "markdown/summary",
            Self::Html => "html/report",
        }
    }

    /// The file it is written to.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Markdown => "report.md",
            Self::Summary => "summary.md",
            Self::Html => "report.html",
        }
    }

    fn escape(self) -> Escape {
        match self {
            Self::Markdown | Self::Summary => Escape::Markdown,
            Self::Html => Escape::Html,
        }
    }
}

/// Why a document could not be rendered.
#[derive(Debug)]
pub enum RenderFailure {
    /// A template failed (located diagnostics).
    Template(Diagnostics),
    /// The output could not be written.
    Write(std::io::Error),
}

/// Renders the templated documents of one report. The [`View`] is built once and
/// converted once into the data every template reads (then dropped), and each
/// document is written straight to its output, so no document is held in memory.
#[derive(Debug)]
pub struct Renderer<'t> {
    templates: &'t TemplateSet,
    registries: Vec<(Escape, Handlebars<'static>)>,
    data: Context,
}

impl<'t> Renderer<'t> {
    /// Compiles the templates `documents` need and builds their data. A template
    /// that does not compile is a diagnostic naming its file.
    pub fn new(
        documents: &[Document],
        report: &Report,
        catalog: &Catalog,
        templates: &'t TemplateSet,
    ) -> Result<Self, Diagnostics> {
        let mut registries: Vec<(Escape, Handlebars<'static>)> = Vec::new();
        for document in documents {
            let escape = document.escape();
            if !registries.iter().any(|(e, _)| *e == escape) {
                let mut registry = templates.registry(escape)?;
                registry.register_helper("markdown", Box::new(markdown_helper));
                registries.push((escape, registry));
            }
        }
        let data = Context::wraps(View::new(report, catalog))
            .map_err(|e| render_error(&e, "report data", templates))?;
        Ok(Self {
            templates,
            registries,
            data,
        })
    }

    /// Writes `document` to `out`.
    pub fn render_to(
        &self,
        document: Document,
        out: impl std::io::Write,
    ) -> Result<(), RenderFailure> {
        let Some((_, registry)) = self
            .registries
            .iter()
            .find(|(e, _)| *e == document.escape())
        else {
            return Err(RenderFailure::Template(not_prepared(document)));
        };
        registry
            .render_with_context_to_write(document.template(), &self.data, out)
            .map_err(|e| match e.reason() {
                RenderErrorReason::IOError(io) => {
                    RenderFailure::Write(std::io::Error::new(io.kind(), io.to_string()))
                }
                _ => RenderFailure::Template(render_error(&e, document.template(), self.templates)),
            })
    }
}

/// A document rendered without its registry compiled: a caller's mistake, reported
/// rather than panicking.
fn not_prepared(document: Document) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.push(Diagnostic::error(
        Code::TemplateError,
        format!(
            "`{}` was not among the documents the renderer was prepared for",
            document.file_name()
        ),
    ));
    d
}

/// `{{markdown text}}`: Markdown from a catalog or evidence, as safe inline HTML.
fn markdown_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let text = h
        .param(0)
        .and_then(|p| p.value().as_str())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex("markdown", 0))?;
    out.write(&crate::markdown::to_safe_html(text))?;
    Ok(())
}

fn render_error(e: &RenderError, document: &str, templates: &TemplateSet) -> Diagnostics {
    let name = e.template_name.as_deref().unwrap_or(document);
    let path = templates.path_of(name).unwrap_or(name).to_owned();
    let location = Location {
        line: e.line_no.unwrap_or(0),
        column: e.column_no.unwrap_or(0),
        ..Location::file_only(path)
    };
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(
        Diagnostic::error(
            Code::TemplateError,
            format!("template `{name}` failed to render: {}", e.reason()),
        )
        .at(location)
        .help("templates run in strict mode: every name must exist in the report data (see the built-in templates in report-templates/)"),
    );
    diagnostics
}
