//! Report templates: the built-in set embedded from `report-templates/`, overridden
//! file by file from a user's folder, and compiled into a handlebars registry in
//! strict mode, with HTML escaping for HTML and Markdown escaping for Markdown.
//!
//! A template's name is its path under the folder without `.hbs`
//! (`html/executive.hbs` → `html/executive`); other files (`html/style.css`) keep
//! their name. Every template can be used as a partial of any other.

use std::collections::BTreeMap;
use std::path::Path;

use handlebars::Handlebars;

use super::partials::{self, Call, MAX_PARTIAL_DEPTH, PartialProblem};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::source::{LineIndex, SourceFile, Span};

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// One template's text and where it came from.
#[derive(Debug, Clone)]
struct Template {
    /// Display path (`<builtin>/html/report.hbs` or the user's file).
    path: String,
    text: String,
}

/// The templates a report is rendered with.
#[derive(Debug, Clone)]
pub struct TemplateSet {
    templates: BTreeMap<String, Template>,
}

/// How text from the data is escaped when a template writes it with `{{…}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// `<`, `>`, `&`, `"`, `'`, `` ` ``, `=` become entities.
    Html,
    /// Markdown punctuation is backslash-escaped and `<`, `>`, `&` become entities,
    /// so evidence text can neither format nor inject HTML into the rendered Markdown.
    Markdown,
}

impl TemplateSet {
    /// The templates embedded in the binary.
    pub fn builtin() -> Self {
        let templates = BUILTIN_TEMPLATES
            .iter()
            .map(|(path, text)| {
                (
                    name_of(path),
                    Template {
                        path: format!("<builtin>/{path}"),
                        text: (*text).to_owned(),
                    },
                )
            })
            .collect();
        Self { templates }
    }

    /// The built-in templates with each file of `dir` replacing the one of the same
    /// path (new partials may be added too). Files that cannot be read, or are not
    /// templates, are reported and the built-in one is kept.
    pub fn with_overrides(dir: &Path) -> (Self, Diagnostics) {
        let mut set = Self::builtin();
        let mut diagnostics = Diagnostics::new();
        let shown_root = dir.to_string_lossy();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::error(Code::ReadError, e.to_string())
                            .at(Location::file_only(shown_root.to_string())),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let shown = crate::evidence::scan::shown(&shown_root, &rel);
            let name = name_of(&rel);
            if !rel.ends_with(".hbs") && !set.templates.contains_key(&name) {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::UnknownTemplate,
                        format!("`{rel}` is not a template and was ignored"),
                    )
                    .at(Location::file_only(shown))
                    .help(format!(
                        "templates end in `.hbs`; the built-in files are: {}",
                        builtin_paths().join(", ")
                    )),
                );
                continue;
            }
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => set.replace(&rel, shown, text),
                Err(e) => diagnostics.push(
                    Diagnostic::error(Code::ReadError, format!("cannot read the template: {e}"))
                        .at(Location::file_only(shown))
                        .help("the built-in template is used instead"),
                ),
            }
        }
        (set, diagnostics)
    }

    /// A set of one template alone, at relative path `rel`: for checking a template
    /// file by itself (the `templates` fuzz target compiles thousands a second this
    /// way, where the whole built-in set would manage a few).
    pub fn single(rel: &str, shown: String, text: String) -> Self {
        let mut set = Self {
            templates: BTreeMap::new(),
        };
        set.replace(rel, shown, text);
        set
    }

    /// Replaces (or adds) the template at relative path `rel` (`html/report.hbs`)
    /// with `text`, shown in diagnostics as `shown`.
    pub fn replace(&mut self, rel: &str, shown: String, text: String) {
        self.templates
            .insert(name_of(rel), Template { path: shown, text });
    }

    /// Compiles every template into one strict registry. Each template that does not
    /// compile is a diagnostic located at its line and column.
    pub fn registry(&self, escape: Escape) -> Result<Handlebars<'static>, Diagnostics> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        match escape {
            Escape::Html => registry.register_escape_fn(handlebars::html_escape),
            Escape::Markdown => registry.register_escape_fn(markdown_escape),
        }
        let mut diagnostics = Diagnostics::new();
        for (name, template) in &self.templates {
            if let Err(e) = registry.register_template_string(name, &template.text) {
                let source = SourceFile::new(template.path.clone(), template.text.as_str());
                let lines = LineIndex::new(&template.text);
                let location = match e.pos() {
                    Some((line, column)) => {
                        let offset = lines.offset(&template.text, line, column.saturating_sub(1));
                        Location::in_file(&source, &lines, Span::new(offset, offset))
                    }
                    None => Location::file_only(template.path.clone()),
                };
                diagnostics.push_in(
                    &source,
                    Diagnostic::error(
                        Code::TemplateError,
                        format!("template `{name}` does not compile: {}", e.reason()),
                    )
                    .at(location)
                    .help("fix the template, or remove it from the templates folder to use the built-in one"),
                );
            }
        }
        if diagnostics.is_empty() {
            let compiled = self
                .templates
                .keys()
                .filter_map(|name| Some((name.as_str(), registry.get_template(name)?)));
            if let Err(problem) = partials::check(compiled) {
                match self.partial_diagnostic(&problem) {
                    (Some(source), d) => diagnostics.push_in(&source, d),
                    (None, d) => diagnostics.push(d),
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(registry)
        } else {
            Err(diagnostics)
        }
    }

    /// The diagnostic for a set whose partials could recurse without end or nest
    /// too deep, located at the call that closes the loop (or goes one too deep).
    fn partial_diagnostic(&self, problem: &PartialProblem) -> (Option<SourceFile>, Diagnostic) {
        let (call, message) = match problem {
            PartialProblem::Cycle(calls) => (
                calls.last(),
                format!("partials include each other without end: {}", chain(calls)),
            ),
            PartialProblem::TooDeep(calls) => (
                calls.last(),
                format!(
                    "partials nest deeper than {MAX_PARTIAL_DEPTH} levels: {}",
                    chain(calls)
                ),
            ),
            PartialProblem::Dynamic(call) => (
                Some(call),
                "a partial's name is computed at render time, so it could include itself"
                    .to_owned(),
            ),
        };
        let template = call.and_then(|c| self.templates.get(&c.template));
        let Some((call, template)) = call.zip(template) else {
            return (
                None,
                Diagnostic::error(Code::TemplateError, message).help("break the loop of partials"),
            );
        };
        let source = SourceFile::new(template.path.clone(), template.text.as_str());
        let lines = LineIndex::new(&template.text);
        let offset = lines.offset(&template.text, call.line, call.column.saturating_sub(1));
        let diagnostic = Diagnostic::error(Code::TemplateError, message)
            .at(Location::in_file(
                &source,
                &lines,
                Span::new(offset, offset),
            ))
            .help(
                "a partial may not include itself, directly or through others; name \
                 partials literally and break the loop",
            );
        (Some(source), diagnostic)
    }

    /// Where a template came from, for render errors.
    pub fn path_of(&self, name: &str) -> Option<&str> {
        self.templates.get(name).map(|t| t.path.as_str())
    }
}

/// The paths of the built-in templates, for help texts and `--templates` docs.
pub fn builtin_paths() -> Vec<&'static str> {
    BUILTIN_TEMPLATES.iter().map(|(path, _)| *path).collect()
}

/// `a → b → a`, for a message.
fn chain(calls: &[Call]) -> String {
    let mut names: Vec<&str> = calls.first().map(|c| c.from.as_str()).into_iter().collect();
    names.extend(calls.iter().map(|c| c.partial.as_str()));
    names.join(" → ")
}

fn name_of(path: &str) -> String {
    path.strip_suffix(".hbs").unwrap_or(path).to_owned()
}

/// Escapes text for Markdown: the characters that could start emphasis, code, a link,
/// a table cell or an HTML tag are backslash-escaped or turned into entities, and line
/// breaks become spaces so a value cannot leave its table cell or list item. Templates
/// never start a line with a value, so line-start markers (`#`, `-`, `1.`) need no
/// escaping and the raw file stays readable.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_formatting_links_and_html() {
        assert_eq!(
            markdown_escape("<script>alert(1)</script> *x* [a](javascript:b) | c\nd"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[a\\](javascript:b) \\| c d"
        );
    }

    #[test]
    fn an_override_that_does_not_compile_is_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("html")).unwrap();
        std::fs::write(
            dir.path().join("html/report.hbs"),
            "<p>ok</p>\n<p>{{#if summary}}unclosed</p>\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let (set, diagnostics) = TemplateSet::with_overrides(dir.path());
        let warnings: Vec<_> = diagnostics.iter().collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::UnknownTemplate);
        let errors = set.registry(Escape::Html).unwrap_err();
        let error = errors.iter().next().unwrap();
        assert_eq!(error.code, Code::TemplateError);
        let location = error.location.as_ref().unwrap();
        assert!(location.path.ends_with("html/report.hbs"), "{location:?}");
        assert!(location.line >= 2, "{location:?}");
    }

    #[test]
    fn the_builtin_templates_compile() {
        TemplateSet::builtin().registry(Escape::Html).unwrap();
        TemplateSet::builtin().registry(Escape::Markdown).unwrap();
    }
}
