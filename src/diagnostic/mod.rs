//! Diagnostics: every problem any stage finds, as data.
//!
//! A diagnostic has a stable kebab-case code, a severity, a message, a help line and,
//! where there is one, a `file:line:col` location. Stages push into a [`Diagnostics`]
//! sink and never print; the CLI renders the sink rustc-style or as JSON.

mod code;
mod render;

pub use code::{Code, Level, Origin, Rule};
pub use render::{RenderStyle, render};

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::source::{LineIndex, SourceFile, Span};

crate::vocabulary::vocabulary! {
    /// How bad a diagnostic is.
    #[derive(strum::Display)]
    pub enum Severity {
        /// The input is rejected.
        Error,
        /// The input is accepted but probably not what the user meant.
        Warning,
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Location {
    /// Display path of the file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the file, for the snippet.
    #[serde(skip)]
    #[schemars(skip)]
    pub span: Span,
}

impl Location {
    /// The location of `span` in `file`.
    pub fn in_file(file: &SourceFile, lines: &LineIndex, span: Span) -> Self {
        let (line, column) = lines.line_col(&file.text, span.start);
        Self {
            path: file.path.clone(),
            line,
            column,
            span,
        }
    }

    /// A location naming only a file (no position is known, e.g. it could not be read).
    pub fn file_only(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line: 0,
            column: 0,
            span: Span::new(0, 0),
        }
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable code, e.g. `duplicate-id`.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A label on the highlighted source, if more specific than the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line the location points into, for diagnostics raised after the
    /// file's text was let go (cross-file checks).
    #[serde(skip)]
    #[schemars(skip)]
    pub excerpt: Option<Excerpt>,
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "description": "A diagnostic's stable kebab-case code (`evident` never renames or reuses one).",
            "type": "string",
            "enum": names,
        })
    }
}

/// A piece of a file's text that starts at byte `offset` of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The text (whole lines).
    pub text: Arc<str>,
    /// Where it starts in the file.
    pub offset: usize,
}

impl Diagnostic {
    /// An error with the given code and message.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            excerpt: None,
        }
    }

    /// A warning with the given code and message.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Attaches a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attaches a label for the highlighted source.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Attaches the source lines the location points into.
    pub fn excerpt(mut self, excerpt: Option<Excerpt>) -> Self {
        self.excerpt = excerpt;
        self
    }

    /// Attaches a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The sink every stage reports into, with the text of each file that has a
/// diagnostic (kept so snippets can be shown; files without problems are not kept).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: BTreeMap<String, Arc<str>>,
}

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a diagnostic, keeping `source` for its snippet.
    pub fn push_in(&mut self, source: &SourceFile, diagnostic: Diagnostic) {
        self.sources
            .entry(source.path.clone())
            .or_insert_with(|| Arc::clone(&source.text));
        self.items.push(diagnostic);
    }

    /// Records a diagnostic with no source text to show.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Moves everything from `other` into this sink.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        for (path, text) in other.sources {
            self.sources.entry(path).or_insert(text);
        }
    }

    /// The diagnostics in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in a stable order: by file, line, column, then code, so output
    /// does not depend on thread scheduling.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message))
        });
        items
    }

    /// The text of a file that has diagnostics.
    pub fn source(&self, path: &str) -> Option<&str> {
        self.sources.get(path).map(|s| &**s)
    }
}
