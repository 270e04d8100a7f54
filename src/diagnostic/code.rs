//! The stable codes of every diagnostic evident emits, with their descriptions.
//!
//! Codes are part of the interface: scripts match on them and SARIF uses them as rule
//! ids, so a code is never renamed or reused.

use serde::{Serialize, Serializer};

macro_rules! codes {
    ($($variant:ident => $name:literal, $description:literal;)*) => {
        /// A diagnostic's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $description] $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case code, e.g. `duplicate-id`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// One sentence on what the code means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description,)* }
            }
        }
    };
}

codes! {
    ReadError => "read-error", "A file could not be read.";
    NotUtf8 => "not-utf8", "A file is not valid UTF-8 text.";
    YamlSyntax => "yaml-syntax", "A file is not well-formed YAML (or JSON).";
    DuplicateKey => "duplicate-key", "A mapping has the same key twice.";
    SchemaViolation => "schema-violation", "A value does not match the JSON Schema of its format.";
    DuplicateId => "duplicate-id", "Two definitions share one id.";
    BuiltinIdReplaced => "builtin-id-replaced", "A user catalog defines an id the built-in catalog already has.";
    UnknownEvidenceKind => "unknown-evidence-kind", "A requirement or item names an evidence kind evident does not know.";
    DanglingMapping => "dangling-mapping", "A mapping names a control, level or criterion that no catalog defines.";
    UndefinedLevel => "undefined-level", "A reference names a maturity level that is not defined.";
    LevelNumbering => "level-numbering", "Maturity levels are not numbered 0 to 5 in order.";
    ControlShape => "control-shape", "A control does not have exactly one of points_of_focus, levels or steps.";
    CriterionWithoutRequirement => "criterion-without-requirement", "A criterion, point of focus or step has no evidence requirement.";
    LevelContent => "level-content", "A level's content contradicts whether it is defined.";
    InvalidRequirement => "invalid-requirement", "A requirement combines fields that cannot go together.";
    CatalogEmpty => "catalog-empty", "A catalog directory holds no catalog files.";
    EmptyFile => "empty-file", "An evidence file holds nothing.";
    BinaryFile => "binary-file", "A file with an evidence extension holds binary data.";
    FileTooLarge => "file-too-large", "A file is larger than the size limit and was not read.";
    SpecialFile => "special-file", "A FIFO, socket or device in the evidence directory was skipped unopened.";
    SymlinkSkipped => "symlink-skipped", "A symbolic link points outside the evidence directory, or nowhere, and was not followed.";
    SymlinkLoop => "symlink-loop", "A symbolic link leads back to itself or to a folder that contains it.";
    FrontMatter => "front-matter", "A Markdown document has no YAML front matter, or it is not closed.";
    MissingKind => "missing-kind", "An evidence item does not say its kind.";
    InvalidKind => "invalid-kind", "An evidence item's kind is not a string.";
    InvalidId => "invalid-id", "An id is not a plain name (it looks like a path, or has other characters).";
    DanglingRef => "dangling-ref", "An evidence item refers to an id no valid item has.";
    InvalidPeriod => "invalid-period", "The period an item proves is contradictory.";
    UndatedItem => "undated-item", "An evidence item proves no date: it has neither effective nor period.";
    TemplateError => "template-error", "A report template does not compile or fails to render.";
    UnknownTemplate => "unknown-template", "A file in the templates folder is not a template evident uses.";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{name} is not kebab-case"
            );
            assert!(code.description().ends_with('.'));
        }
    }
}
