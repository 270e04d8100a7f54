//! The registry of every rule evident reports under: the diagnostic codes and the
//! rules scoring reports, each declared once with its kebab-case id, description,
//! remedy, default level and origin. Diagnostics ([`Code`]) and SARIF (its rules and
//! their levels) both read it.
//!
//! Ids are part of the interface: scripts match on them and SARIF uses them as rule
//! ids, so an id is never renamed or reused, and neither list is reordered.

use serde::{Serialize, Serializer};

/// A rule's default level: how bad its results are unless a result says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Something is wrong; it does not count.
    Error,
    /// Something was skipped or is incomplete, but nothing in it is wrong.
    Warning,
    /// Nothing is wrong yet (an expiry ahead).
    Note,
}

impl Level {
    /// `error`, `warning` or `note`, as SARIF spells the level.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
}

/// The stage whose results a rule describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Reading and validating the inputs; an item with an error is not used for
    /// scoring.
    Evidence,
    /// The run, checking the profile and the evidence against the catalog and the
    /// as-of date.
    Run,
    /// Scoring, for items behind an unmet requirement or an expiry.
    Scoring,
}

/// Declares [`Rule`], one block of rules per [`Origin`], each rule on one line:
/// `Variant => "kebab-id", Level, "description.", "remedy.";`.
macro_rules! rules {
    ($($origin:ident {
        $($variant:ident => $id:literal, $level:ident, $description:literal, $remedy:literal;)*
    })*) => {
        /// A rule evident reports results under.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[doc = $description] $variant,)*)*
        }

        impl Rule {
            /// Every rule, in declaration order: the order reports list them in.
            pub const ALL: &'static [Rule] = &[$($(Rule::$variant,)*)*];

            /// The kebab-case id, e.g. `duplicate-id`.
            pub fn as_str(self) -> &'static str {
                match self { $($(Rule::$variant => $id,)*)* }
            }

            /// One sentence on what the rule means.
            pub fn description(self) -> &'static str {
                match self { $($(Rule::$variant => $description,)*)* }
            }

            /// What to do about it, in general (a result's own help is specific).
            pub fn remedy(self) -> &'static str {
                match self { $($(Rule::$variant => $remedy,)*)* }
            }

            /// The level of its results unless a result says otherwise.
            pub fn level(self) -> Level {
                match self { $($(Rule::$variant => Level::$level,)*)* }
            }

            /// The stage that reports it.
            pub fn origin(self) -> Origin {
                match self { $($(Rule::$variant => Origin::$origin,)*)* }
            }
        }
    };
}

rules! {
    Evidence {
        ReadError => "read-error", Error, "A file could not be read.", "Check the file's permissions and that it still exists, then run again.";
        NotUtf8 => "not-utf8", Error, "A file is not valid UTF-8 text.", "Save the file as UTF-8 (most editors offer it under Save As or Encoding).";
        YamlSyntax => "yaml-syntax", Error, "A file is not well-formed YAML (or JSON).", "Fix the syntax at the marked position; a YAML linter or `evident validate` shows the spot.";
        YamlAliasBomb => "yaml-alias-bomb", Error, "A YAML document would expand past the size or node budget once its aliases are expanded.", "Write the repeated values out instead of through aliases; a document may expand to at most 32 MiB and 1,000,000 nodes.";
        NestingTooDeep => "nesting-too-deep", Error, "A YAML or JSON document nests sequences and mappings deeper than 128 levels.", "Flatten the document: evidence needs a few levels, never more than 128.";
        TooManyDiagnostics => "too-many-diagnostics", Error, "A file has more problems than are listed one by one; the rest are counted.", "Fix the problems listed first (they are often one mistake repeated), then run again to see the rest.";
        TooManyHeadings => "too-many-headings", Error, "A Markdown document has more headings than are read; the rest are not checked as sections.", "Split the document, or put the sections a requirement checks before the limit.";
        DuplicateKey => "duplicate-key", Error, "A mapping has the same key twice.", "Keep one of the two keys; a later key would otherwise silently replace the earlier one.";
        SchemaViolation => "schema-violation", Error, "A value does not match the JSON Schema of its format.", "Change the value to what the schema allows; `evident schema <kind>` prints it, and the `yaml-language-server` line of `evident init` templates lets editors check as you type.";
        DuplicateId => "duplicate-id", Error, "Two definitions share one id.", "Give one of the two a new id; ids are unique across the directory, ignoring case.";
        BuiltinIdReplaced => "builtin-id-replaced", Error, "A user catalog defines an id the built-in catalog already has.", "Rename the user control; built-in ids cannot be redefined.";
        UnknownEvidenceKind => "unknown-evidence-kind", Error, "A requirement or item names an evidence kind evident does not know.", "Use one of the kinds `evident schema` lists.";
        DanglingMapping => "dangling-mapping", Error, "A mapping names a control, level or criterion that no catalog defines.", "Correct the id, or add the control, level or criterion it names.";
        UndefinedLevel => "undefined-level", Error, "A reference names a maturity level that is not defined.", "Name a level the control defines.";
        LevelNumbering => "level-numbering", Error, "Maturity levels are not numbered 0 to 5 in order.", "Number the levels 0 to 5 in order.";
        ControlShape => "control-shape", Error, "A control does not have exactly one of points_of_focus, levels or steps.", "Give the control exactly one of points_of_focus, levels or steps.";
        CriterionWithoutRequirement => "criterion-without-requirement", Error, "A criterion, point of focus or step has no evidence requirement.", "Add at least one evidence requirement to the criterion.";
        LevelContent => "level-content", Error, "A level's content contradicts whether it is defined.", "Either mark the level not defined or give it criteria, not both.";
        InvalidRequirement => "invalid-requirement", Error, "A requirement combines fields that cannot go together.", "Drop one of the conflicting fields (see docs/catalog.md).";
        MissingDesign => "missing-design", Error, "A criterion counts per-event evidence (coverage or timeliness) but has no design requirement, so with no event in the period it would be met by vacuity.", "Add a requirement with `design: true`: the current, approved plan or policy section that defines the activity.";
        CatalogEmpty => "catalog-empty", Error, "A catalog directory holds no catalog files.", "Point --controls at a folder with *.yaml catalog files.";
        EmptyFile => "empty-file", Error, "An evidence file holds nothing.", "Fill the file in (see the templates of `evident init`) or delete it.";
        BinaryFile => "binary-file", Error, "A file with an evidence extension holds binary data.", "Move binary files (exports, PDFs) out of the evidence directory or give them another extension; reference them from an item instead.";
        FileTooLarge => "file-too-large", Error, "A file is larger than the size limit and was not read.", "Split the export, or raise the limit with --max-file-size.";
        SpecialFile => "special-file", Warning, "A FIFO, socket or device in the evidence directory was skipped unopened.", "Remove the FIFO, socket or device from the evidence directory.";
        SymlinkSkipped => "symlink-skipped", Warning, "A symbolic link points outside the evidence directory, or nowhere, and was not followed.", "Copy the file into the evidence directory instead of linking to it.";
        SymlinkLoop => "symlink-loop", Warning, "A symbolic link leads back to itself or to a folder that contains it.", "Remove the link that points back at its own folder.";
        FrontMatter => "front-matter", Error, "A Markdown document has no YAML front matter, or it is not closed.", "Start the document with a `---` line, the item's YAML fields, and a closing `---` line.";
        MissingKind => "missing-kind", Error, "An evidence item does not say its kind.", "Add a `kind:` field naming one of the kinds `evident schema` lists.";
        InvalidKind => "invalid-kind", Error, "An evidence item's kind is not a string.", "Write the kind as a plain string, e.g. `kind: incident`.";
        InvalidId => "invalid-id", Error, "An id is not a plain name (it looks like a path, or has other characters).", "Use letters, digits and `._-` only, starting with a letter or digit.";
        DanglingRef => "dangling-ref", Error, "An evidence item refers to an id no valid item has.", "Correct the id in `refs`, or add (or fix) the item it names.";
        InvalidPeriod => "invalid-period", Error, "The period an item proves is contradictory.", "Make the period's start no later than its end.";
        UndatedItem => "undated-item", Warning, "An evidence item proves no date: it has neither effective nor period.", "Add `effective: YYYY-MM-DD` or `period: {start, end}`: undated items never count as current.";
        TemplateError => "template-error", Error, "A report template does not compile or fails to render.", "Fix the template at the position shown, or remove it from the --templates folder to use the built-in one.";
        UnknownTemplate => "unknown-template", Warning, "A file in the templates folder is not a template evident uses.", "Name templates like the built-in ones in report-templates/ (ending in .hbs).";
        ImportFormat => "import-format", Error, "A file given to `evident import` is not an export of the named source.", "Check the source name (`evident import --help` lists them) and that the file is the tool's JSON or CSV export, not another file.";
        ImportRecord => "import-record", Error, "A record of an export lacks a field its evidence kind needs, or has a value evident cannot map.", "Fix the record in the source tool and export again, or map the field with a mapping file (`--mapping`, see docs/import.md).";
        ImportDuplicate => "import-duplicate", Error, "Two records of the exports given to `evident import` would become the same item.", "Import each record once: drop the repeated export, or remove the duplicate record from it.";
        ImportEdited => "import-edited", Warning, "An item `evident import` wrote was edited since, so a re-import does not replace it.", "Keep the edit (nothing to do), or re-import with --force to replace the item with the export's record.";
        ImportMapping => "import-mapping", Error, "An import mapping file is not valid.", "Correct the mapping file; `evident schema import-mapping` prints its schema.";
        AttachmentMissing => "attachment-missing", Error, "An item names an attachment file that is not there.", "Put the file beside the item under the path it names, or remove it from `attachments`.";
        AttachmentChanged => "attachment-changed", Error, "An attachment's SHA-256 differs from the one recorded in its item.", "If the new file is right, record its hash (`sha256sum FILE`) in the item; otherwise restore the file.";
        UnreferencedAttachment => "unreferenced-attachment", Warning, "A document or image in the evidence directory is named by no item and is not used.", "Write an item beside it that names it under `attachments` with its SHA-256.";
    }
    Run {
        UnknownTarget => "unknown-target", Error, "The profile sets a target for a control the catalog does not have, so no gate checks it.", "Correct the control id (`evident catalog list` lists them), or remove the target.";
        FutureDated => "future-dated", Warning, "An evidence item proves dates after the as-of date of the assessment, so it does not count.", "Check the item's date; if it is right, assess as of a later date (--as-of) to count it.";
    }
    Scoring {
        StaleEvidence => "stale-evidence", Warning, "An item is older than the freshness window of a requirement it could meet.", "Add a current item (a newer export, a re-approved document) dated inside the window; the old one can stay as history.";
        ExpiredEvidence => "expired-evidence", Error, "An item is past its expiry (`expires`, or `valid_for` after what it proves) and counts for nothing.", "Renew the item, or replace it with current evidence.";
        MissingSection => "missing-section", Warning, "A document lacks a section a requirement demands, so it does not count for it.", "Add a heading with the section's name (any level) and its content to the document.";
        ExpiredWaiver => "expired-waiver", Error, "A waiver is past its expiry: it waives nothing.", "Renew the waiver with its approver, or meet the criterion it waived.";
        ExpiredAttestation => "expired-attestation", Error, "An attestation is past its expiry: it proves nothing.", "Have the attestation signed again, or replace it with measured or declared evidence.";
        ExpiringWaiver => "expiring-waiver", Note, "A waiver expires within the notice period.", "Renew the waiver or plan to meet the criterion before it expires.";
        ExpiringAttestation => "expiring-attestation", Note, "An attestation expires within the notice period.", "Plan the renewal of the attestation before it expires.";
    }
}

/// Declares [`Code`] from the names of the rules diagnostics carry, each the name of a
/// [`Rule`] declared above. The codes have an order of their own: `missing-section`
/// is a code and scoring's rule both, listed among scoring's rules by reports.
macro_rules! codes {
    ($($variant:ident),* $(,)?) => {
        /// A diagnostic's stable code: the rules a diagnostic can carry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = concat!("[`Rule::", stringify!($variant), "`].")] $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The rule it is.
            pub fn rule(self) -> Rule {
                match self { $(Code::$variant => Rule::$variant,)* }
            }
        }
    };
}

// In this order for good: diagnostics at one place sort by it, and a new code goes last.
codes! {
    ReadError, NotUtf8, YamlSyntax, YamlAliasBomb, NestingTooDeep, TooManyDiagnostics,
    TooManyHeadings, DuplicateKey, SchemaViolation, DuplicateId, BuiltinIdReplaced,
    UnknownEvidenceKind, DanglingMapping, UndefinedLevel, LevelNumbering, ControlShape,
    CriterionWithoutRequirement, LevelContent, InvalidRequirement, MissingSection,
    MissingDesign, CatalogEmpty, EmptyFile, BinaryFile, FileTooLarge, SpecialFile,
    SymlinkSkipped, SymlinkLoop, FrontMatter, MissingKind, InvalidKind, InvalidId,
    DanglingRef, InvalidPeriod, UndatedItem, TemplateError, UnknownTemplate, ImportFormat,
    ImportRecord, ImportDuplicate, ImportEdited, ImportMapping, AttachmentMissing,
    AttachmentChanged, UnreferencedAttachment, UnknownTarget, FutureDated,
}

impl Code {
    /// The kebab-case code, e.g. `duplicate-id`.
    pub fn as_str(self) -> &'static str {
        self.rule().as_str()
    }

    /// One sentence on what the code means.
    pub fn description(self) -> &'static str {
        self.rule().description()
    }

    /// What to do about it, in general (a diagnostic's own help is specific).
    pub fn remedy(self) -> &'static str {
        self.rule().remedy()
    }

    /// The code's default level (SARIF's rule level).
    pub fn level(self) -> Level {
        self.rule().level()
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
    fn rules_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let name = rule.as_str();
            assert!(seen.insert(name), "duplicate rule {name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{name} is not kebab-case"
            );
            assert!(rule.description().ends_with('.'), "{name}");
            assert!(rule.remedy().ends_with('.'), "{name}");
        }
    }

    #[test]
    fn every_rule_of_the_evidence_stage_is_a_code() {
        let codes: Vec<Rule> = Code::ALL.iter().map(|c| c.rule()).collect();
        for rule in Rule::ALL {
            if matches!(rule.origin(), Origin::Evidence | Origin::Run) {
                assert!(codes.contains(rule), "{} is no code", rule.as_str());
            }
        }
        assert_eq!(Code::MissingSection.rule().origin(), Origin::Scoring);
        assert_eq!(Code::FutureDated.level(), Level::Warning);
    }
}
