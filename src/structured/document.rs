//! The one typed loader every input shares (catalog files, the profile, evidence
//! items): parse YAML or JSON into a [`Document`], check it against a compiled schema,
//! then deserialise it into its Rust type. Positions are found only when something
//! is reported: the line index and the pointer index are built on first use.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use super::Classifier;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::source::{LineIndex, PointerIndex, SourceFile, Span};

/// A parsed YAML or JSON document with what it takes to locate its parts.
#[derive(Debug)]
pub struct Document {
    /// The document as JSON.
    pub value: Json,
    file: SourceFile,
    /// Where the document's text starts and ends in the file (a Markdown document's
    /// front matter is a part of it).
    start: usize,
    end: usize,
    lines: OnceLock<LineIndex>,
    pointers: OnceLock<PointerIndex>,
}

impl Document {
    /// Parses the YAML (JSON is YAML too) at `start..end` of `file`.
    pub fn parse_yaml(
        file: &SourceFile,
        start: usize,
        end: usize,
    ) -> Result<Self, Box<Diagnostic>> {
        let text = file.text.get(start..end).unwrap_or_default();
        let value = super::parse_yaml_value(file, text, start)?;
        Ok(Self::new(file, value, start, end))
    }

    /// Parses the whole of `file` as strict JSON (a repeated key is an error).
    pub fn parse_json(file: &SourceFile) -> Result<Self, Box<Diagnostic>> {
        let value = super::parse_json_value(file)?;
        Ok(Self::new(file, value, 0, file.text.len()))
    }

    fn new(file: &SourceFile, value: Json, start: usize, end: usize) -> Self {
        Self {
            value,
            file: file.clone(),
            start,
            end,
            lines: OnceLock::new(),
            pointers: OnceLock::new(),
        }
    }

    /// The file it was read from.
    pub fn file(&self) -> &SourceFile {
        &self.file
    }

    /// The line index of the whole file.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.file.text))
    }

    /// The positions of the document's values and keys by JSON pointer.
    pub fn pointers(&self) -> &PointerIndex {
        self.pointers.get_or_init(|| {
            let text = self.file.text.get(self.start..self.end).unwrap_or_default();
            PointerIndex::build(text, self.start)
        })
    }

    /// The location of the value at `pointer` (or of its nearest ancestor).
    pub fn locate(&self, pointer: &str) -> Location {
        let span = self.pointers().value(pointer);
        self.at(span)
    }

    /// The location of the key under which the value at `pointer` sits.
    pub fn locate_key(&self, pointer: &str) -> Location {
        let span = self.pointers().key(pointer);
        self.at(span)
    }

    fn at(&self, span: Option<Span>) -> Location {
        let span = span.unwrap_or(Span::new(self.start, self.start));
        Location::in_file(&self.file, self.lines(), span)
    }

    /// Checks the document against `validator`; `what` names it in messages
    /// (`catalog`, `` `incident` ``), `classify` gives some errors a code of their own.
    /// A valid document costs one pass: no position lookup, not even its name.
    pub fn check(
        &self,
        validator: &jsonschema::Validator,
        what: impl FnOnce() -> String,
        classify: Classifier,
    ) -> Result<(), Vec<Diagnostic>> {
        if validator.is_valid(&self.value) {
            return Ok(());
        }
        Err(super::schema_diagnostics(
            validator,
            &self.value,
            &self.file,
            self.lines(),
            self.pointers(),
            &what(),
            classify,
        ))
    }

    /// Deserialises the document (or the part of it `T` reads) into `T`. The schemas
    /// are generated from the same types, so a failure here is a gap between them;
    /// still a located diagnostic naming the schema to compare with, never a panic.
    pub fn read<T: DeserializeOwned>(
        &self,
        what: &str,
        schema: &str,
    ) -> Result<T, Box<Diagnostic>> {
        T::deserialize(&self.value).map_err(|e| {
            Box::new(
                Diagnostic::error(
                    Code::SchemaViolation,
                    format!("cannot read the {what}: {e}"),
                )
                .at(self.locate(""))
                .help(format!("compare the file with `evident schema {schema}`")),
            )
        })
    }
}

/// Loads a whole YAML file as a `T`: parse, schema check, deserialise. Every problem
/// is a located diagnostic; the document is returned with the value for locating
/// its parts later.
pub fn load<T: DeserializeOwned>(
    file: &SourceFile,
    validator: &jsonschema::Validator,
    what: &str,
    schema: &str,
    classify: Classifier,
) -> Result<(T, Document), Vec<Diagnostic>> {
    let doc = Document::parse_yaml(file, 0, file.text.len()).map_err(|d| vec![*d])?;
    doc.check(validator, || what.to_owned(), classify)?;
    let value = doc.read(what, schema).map_err(|d| vec![*d])?;
    Ok((value, doc))
}

/// A classifier that gives no error a code of its own.
pub fn no_classes(
    _: &jsonschema::error::ValidationErrorKind,
    _: &str,
    _: Option<&Json>,
) -> Option<(Code, String, String)> {
    None
}
