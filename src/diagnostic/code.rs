//! The stable codes of every diagnostic evident emits, with their descriptions.
//!
//! Codes are part of the interface: scripts match on them and SARIF uses them as rule
//! ids, so a code is never renamed or reused.

use serde::{Serialize, Serializer};

macro_rules! codes {
    ($($variant:ident => $name:literal, $description:literal, $remedy:literal;)*) => {
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

            /// What to do about it, in general (a diagnostic's own help is specific).
            pub fn remedy(self) -> &'static str {
                match self { $(Code::$variant => $remedy,)* }
            }
        }
    };
}

codes! {
    ReadError => "read-error", "A file could not be read.", "Check the file's permissions and that it still exists, then run again.";
    NotUtf8 => "not-utf8", "A file is not valid UTF-8 text.", "Save the file as UTF-8 (most editors offer it under Save As or Encoding).";
    YamlSyntax => "yaml-syntax", "A file is not well-formed YAML (or JSON).", "Fix the syntax at the marked position; a YAML linter or `evident validate` shows the spot.";
    YamlAliasBomb => "yaml-alias-bomb", "A YAML document would expand past the size or node budget once its aliases are expanded.", "Write the repeated values out instead of through aliases; a document may expand to at most 32 MiB and 1,000,000 nodes.";
    NestingTooDeep => "nesting-too-deep", "A YAML or JSON document nests sequences and mappings deeper than 128 levels.", "Flatten the document: evidence needs a few levels, never more than 128.";
    TooManyDiagnostics => "too-many-diagnostics", "A file has more problems than are listed one by one; the rest are counted.", "Fix the problems listed first (they are often one mistake repeated), then run again to see the rest.";
    TooManyHeadings => "too-many-headings", "A Markdown document has more headings than are read; the rest are not checked as sections.", "Split the document, or put the sections a requirement checks before the limit.";
    DuplicateKey => "duplicate-key", "A mapping has the same key twice.", "Keep one of the two keys; a later key would otherwise silently replace the earlier one.";
    SchemaViolation => "schema-violation", "A value does not match the JSON Schema of its format.", "Change the value to what the schema allows; `evident schema <kind>` prints it, and the `yaml-language-server` line of `evident init` templates lets editors check as you type.";
    DuplicateId => "duplicate-id", "Two definitions share one id.", "Give one of the two a new id; ids are unique across the directory, ignoring case.";
    BuiltinIdReplaced => "builtin-id-replaced", "A user catalog defines an id the built-in catalog already has.", "Rename the user control; built-in ids cannot be redefined.";
    UnknownEvidenceKind => "unknown-evidence-kind", "A requirement or item names an evidence kind evident does not know.", "Use one of the kinds `evident schema` lists.";
    DanglingMapping => "dangling-mapping", "A mapping names a control, level or criterion that no catalog defines.", "Correct the id, or add the control, level or criterion it names.";
    UndefinedLevel => "undefined-level", "A reference names a maturity level that is not defined.", "Name a level the control defines.";
    LevelNumbering => "level-numbering", "Maturity levels are not numbered 0 to 5 in order.", "Number the levels 0 to 5 in order.";
    ControlShape => "control-shape", "A control does not have exactly one of points_of_focus, levels or steps.", "Give the control exactly one of points_of_focus, levels or steps.";
    CriterionWithoutRequirement => "criterion-without-requirement", "A criterion, point of focus or step has no evidence requirement.", "Add at least one evidence requirement to the criterion.";
    LevelContent => "level-content", "A level's content contradicts whether it is defined.", "Either mark the level not defined or give it criteria, not both.";
    InvalidRequirement => "invalid-requirement", "A requirement combines fields that cannot go together.", "Drop one of the conflicting fields (see docs/catalog.md).";
    MissingSection => "missing-section", "A plan, policy or other document lacks a section that a criterion requires of documents like it.", "Add a heading for the section (the catalog's synonyms and the profile's `section_aliases` are accepted too).";
    MissingDesign => "missing-design", "A criterion counts per-event evidence (coverage or timeliness) but has no design requirement, so with no event in the period it would be met by vacuity.", "Add a requirement with `design: true`: the current, approved plan or policy section that defines the activity.";
    CatalogEmpty => "catalog-empty", "A catalog directory holds no catalog files.", "Point --controls at a folder with *.yaml catalog files.";
    EmptyFile => "empty-file", "An evidence file holds nothing.", "Fill the file in (see the templates of `evident init`) or delete it.";
    BinaryFile => "binary-file", "A file with an evidence extension holds binary data.", "Move binary files (exports, PDFs) out of the evidence directory or give them another extension; reference them from an item instead.";
    FileTooLarge => "file-too-large", "A file is larger than the size limit and was not read.", "Split the export, or raise the limit with --max-file-size.";
    SpecialFile => "special-file", "A FIFO, socket or device in the evidence directory was skipped unopened.", "Remove the FIFO, socket or device from the evidence directory.";
    SymlinkSkipped => "symlink-skipped", "A symbolic link points outside the evidence directory, or nowhere, and was not followed.", "Copy the file into the evidence directory instead of linking to it.";
    SymlinkLoop => "symlink-loop", "A symbolic link leads back to itself or to a folder that contains it.", "Remove the link that points back at its own folder.";
    FrontMatter => "front-matter", "A Markdown document has no YAML front matter, or it is not closed.", "Start the document with a `---` line, the item's YAML fields, and a closing `---` line.";
    MissingKind => "missing-kind", "An evidence item does not say its kind.", "Add a `kind:` field naming one of the kinds `evident schema` lists.";
    InvalidKind => "invalid-kind", "An evidence item's kind is not a string.", "Write the kind as a plain string, e.g. `kind: incident`.";
    InvalidId => "invalid-id", "An id is not a plain name (it looks like a path, or has other characters).", "Use letters, digits and `._-` only, starting with a letter or digit.";
    DanglingRef => "dangling-ref", "An evidence item refers to an id no valid item has.", "Correct the id in `refs`, or add (or fix) the item it names.";
    InvalidPeriod => "invalid-period", "The period an item proves is contradictory.", "Make the period's start no later than its end.";
    UndatedItem => "undated-item", "An evidence item proves no date: it has neither effective nor period.", "Add `effective: YYYY-MM-DD` or `period: {start, end}`: undated items never count as current.";
    TemplateError => "template-error", "A report template does not compile or fails to render.", "Fix the template at the position shown, or remove it from the --templates folder to use the built-in one.";
    UnknownTemplate => "unknown-template", "A file in the templates folder is not a template evident uses.", "Name templates like the built-in ones in report-templates/ (ending in .hbs).";
    ImportFormat => "import-format", "A file given to `evident import` is not an export of the named source.", "Check the source name (`evident import --help` lists them) and that the file is the tool's JSON or CSV export, not another file.";
    ImportRecord => "import-record", "A record of an export lacks a field its evidence kind needs, or has a value evident cannot map.", "Fix the record in the source tool and export again, or map the field with a mapping file (`--mapping`, see docs/import.md).";
    ImportDuplicate => "import-duplicate", "Two records of the exports given to `evident import` would become the same item.", "Import each record once: drop the repeated export, or remove the duplicate record from it.";
    ImportEdited => "import-edited", "An item `evident import` wrote was edited since, so a re-import does not replace it.", "Keep the edit (nothing to do), or re-import with --force to replace the item with the export's record.";
    ImportMapping => "import-mapping", "An import mapping file is not valid.", "Correct the mapping file; `evident schema import-mapping` prints its schema.";
    AttachmentMissing => "attachment-missing", "An item names an attachment file that is not there.", "Put the file beside the item under the path it names, or remove it from `attachments`.";
    AttachmentChanged => "attachment-changed", "An attachment's SHA-256 differs from the one recorded in its item.", "If the new file is right, record its hash (`sha256sum FILE`) in the item; otherwise restore the file.";
    UnreferencedAttachment => "unreferenced-attachment", "A document or image in the evidence directory is named by no item and is not used.", "Write an item beside it that names it under `attachments` with its SHA-256.";
    UnknownTarget => "unknown-target", "The profile sets a target for a control the catalog does not have, so no gate checks it.", "Correct the control id (`evident catalog list` lists them), or remove the target.";
    FutureDated => "future-dated", "An evidence item proves dates after the as-of date of the assessment, so it does not count.", "Check the item's date; if it is right, assess as of a later date (--as-of) to count it.";
}

impl Code {
    /// Whether diagnostics of this code are warnings: something was skipped or is
    /// incomplete, but nothing in it is wrong. Reports use it as the code's default
    /// severity (SARIF rule levels).
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Self::SpecialFile
                | Self::SymlinkSkipped
                | Self::SymlinkLoop
                | Self::UndatedItem
                | Self::UnknownTemplate
                | Self::MissingSection
                | Self::ImportEdited
                | Self::UnreferencedAttachment
                | Self::FutureDated
        )
    }
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
            assert!(code.remedy().ends_with('.'), "{name}");
        }
    }
}
