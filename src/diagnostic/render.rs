//! Renders diagnostics the way rustc does: code, message, `file:line:col`, the source
//! line with the problem underlined, and a help line.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Diagnostics, Severity};
use crate::source::LineIndex;

/// Whether to emit ANSI colours. The CLI picks `Color` and lets `anstream` strip it
/// for pipes and `NO_COLOR`; tests use `Plain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderStyle {
    /// ANSI colours and Unicode decorations.
    Color,
    /// No escape sequences, ASCII decorations: stable for snapshots and logs.
    Plain,
}

/// Renders every diagnostic in the sink, in stable order, separated by blank lines.
pub fn render(diagnostics: &Diagnostics, style: RenderStyle) -> String {
    let renderer = match style {
        RenderStyle::Color => Renderer::styled().decor_style(DecorStyle::Unicode),
        RenderStyle::Plain => Renderer::plain().decor_style(DecorStyle::Ascii),
    };
    let mut out = String::new();
    let mut lines = LineCache::default();
    for diagnostic in diagnostics.sorted() {
        out.push_str(&render_one(&renderer, diagnostics, diagnostic, &mut lines));
        out.push_str("\n\n");
    }
    out
}

/// The line index of the text last rendered from. Diagnostics come sorted by file,
/// so each file's index is built once, not once per diagnostic (which made a file
/// with tens of thousands of problems quadratic).
#[derive(Default)]
struct LineCache {
    text: Option<(*const u8, usize)>,
    index: Option<LineIndex>,
}

impl LineCache {
    fn get(&mut self, text: &str) -> &LineIndex {
        let key = (text.as_ptr(), text.len());
        if self.text != Some(key) {
            self.text = Some(key);
            self.index = None;
        }
        self.index.get_or_insert_with(|| LineIndex::new(text))
    }
}

fn render_one(
    renderer: &Renderer,
    sink: &Diagnostics,
    d: &Diagnostic,
    cache: &mut LineCache,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group = Group::with_title(title);
    if let Some(location) = &d.location {
        // The file's text if the sink kept it, else the diagnostic's own excerpt.
        let source = match (sink.source(&location.path), &d.excerpt) {
            (Some(text), _) => Some((text, 0)),
            (None, Some(excerpt)) => Some((&*excerpt.text, excerpt.offset)),
            (None, None) => None,
        };
        match source {
            Some((text, shift)) if location.line > 0 && location.span.start >= shift => {
                let (span_start, span_end) =
                    (location.span.start - shift, location.span.end - shift);
                let lines = cache.get(text);
                let line = lines.line_span(text, span_start);
                let end_line = lines.line_span(text, span_end.max(span_start));
                let excerpt = &text[line.start..end_line.end.max(line.end)];
                let start = span_start - line.start;
                let end = (span_end - line.start).clamp(start, excerpt.len());
                // A zero-width span still needs one visible caret.
                let end = if end == start {
                    next_char_end(excerpt, start)
                } else {
                    end
                };
                let mut annotation = AnnotationKind::Primary.span(start..end);
                if let Some(label) = &d.label {
                    annotation = annotation.label(label.as_str());
                }
                group = group.element(
                    Snippet::source(excerpt)
                        .line_start(location.line)
                        .path(location.path.as_str())
                        .annotation(annotation),
                );
            }
            _ => {
                let mut origin = Origin::path(location.path.as_str());
                if location.line > 0 {
                    origin = origin.line(location.line).char_column(location.column);
                }
                group = group.element(origin);
            }
        }
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};
    use crate::source::{SourceFile, Span};

    #[test]
    fn shows_code_location_snippet_and_help() {
        let file = SourceFile::new("controls/x.yaml", "controls:\n  - id: CC7.1\n");
        let lines = LineIndex::new(&file.text);
        let start = file.text.find("CC7.1").unwrap();
        let mut sink = Diagnostics::new();
        sink.push_in(
            &file,
            Diagnostic::error(Code::DuplicateId, "id `CC7.1` is defined twice")
                .at(Location::in_file(
                    &file,
                    &lines,
                    Span::new(start, start + 5),
                ))
                .label("second definition")
                .help("rename one of them"),
        );
        let text = render(&sink, RenderStyle::Plain);
        assert!(
            text.contains("error[duplicate-id]: id `CC7.1` is defined twice"),
            "{text}"
        );
        assert!(text.contains("controls/x.yaml:2:9"), "{text}");
        assert!(text.contains("  - id: CC7.1"), "{text}");
        assert!(text.contains("^^^^^ second definition"), "{text}");
        assert!(text.contains("help: rename one of them"), "{text}");
    }

    #[test]
    fn renders_a_location_without_source() {
        let mut sink = Diagnostics::new();
        sink.push(
            Diagnostic::error(Code::ReadError, "cannot read")
                .at(Location::file_only("evidence/a.yaml")),
        );
        let text = render(&sink, RenderStyle::Plain);
        assert!(text.contains("evidence/a.yaml"), "{text}");
    }
}
