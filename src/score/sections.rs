//! Required sections read as an assessor reads headings: by what they cover, not by
//! their exact wording. Each section a requirement names is accepted under its own
//! name, the catalog's synonyms for it and the profile's own aliases, compared with
//! case, plurals, `&`/`and`, punctuation and numbering folded, and `A/B` read as
//! either word ("Internal/External Communications" is an internal and an external
//! communication section). Also: which documents lack a section some criterion
//! requires, for `validate`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::condition;
use crate::catalog::{Catalog, TscCategory};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::evidence::{EvidenceSet, scan};
use crate::markdown::Heading;
use crate::wording::fold;

/// The accepted wordings of every section, folded once.
#[derive(Debug, Clone, Default)]
pub struct SectionVocabulary {
    /// Folded section name to its folded accepted phrases (the name first), each
    /// padded with a space on both sides to match whole words of a heading's readings.
    accepted: BTreeMap<String, Vec<String>>,
    /// Folded section name to the accepted headings as written, for messages.
    written: BTreeMap<String, Vec<String>>,
}

/// Where a required section was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionMatch<'a> {
    /// The section the requirement names.
    pub section: &'a str,
    /// The heading that satisfies it.
    pub heading: &'a Heading,
}

impl SectionVocabulary {
    /// The catalog's synonyms plus the profile's aliases (`section name: [headings]`).
    pub fn new(catalog: &Catalog, aliases: &BTreeMap<String, Vec<String>>) -> Self {
        let mut vocabulary = Self::default();
        for entry in catalog.entries() {
            for (section, synonyms) in &entry.file.headings {
                vocabulary.add(section, synonyms);
            }
        }
        for (section, synonyms) in aliases {
            vocabulary.add(section, synonyms);
        }
        vocabulary
    }

    fn add(&mut self, section: &str, synonyms: &[String]) {
        let key = fold(section);
        let written = self
            .written
            .entry(key.clone())
            .or_insert_with(|| vec![section.to_owned()]);
        for s in synonyms {
            if !written.contains(s) {
                written.push(s.clone());
            }
        }
        let list = self
            .accepted
            .entry(key.clone())
            .or_insert_with(|| padded(&key).into_iter().collect());
        for s in synonyms {
            if let Some(phrase) = padded(&fold(s)).filter(|p| !list.contains(p)) {
                list.push(phrase);
            }
        }
    }

    /// The padded phrases that satisfy `section`.
    fn phrases(&self, section: &str) -> Cow<'_, [String]> {
        let key = fold(section);
        match self.accepted.get(&key) {
            Some(list) => Cow::Borrowed(list.as_slice()),
            None => Cow::Owned(padded(&key).into_iter().collect()),
        }
    }

    /// The heading of `outline` that satisfies `section`, if any: one whose readings
    /// (folded when the document was read) contain an accepted phrase as whole words.
    pub fn find<'h>(&self, outline: &'h [Heading], section: &str) -> Option<&'h Heading> {
        let phrases = self.phrases(section);
        outline.iter().find(|h| {
            h.readings()
                .iter()
                .any(|r| phrases.iter().any(|p| r.contains(p.as_str())))
        })
    }

    /// Each of `sections` with the heading that satisfies it, and those none does.
    pub fn check<'a>(
        &self,
        outline: &'a [Heading],
        sections: &'a [String],
    ) -> (Vec<SectionMatch<'a>>, Vec<&'a str>) {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for section in sections {
            match self.find(outline, section) {
                Some(heading) => found.push(SectionMatch { section, heading }),
                None => missing.push(section.as_str()),
            }
        }
        (found, missing)
    }

    /// The accepted headings of `section` as written, for a help line.
    pub fn described(&self, section: &str) -> String {
        self.written.get(&fold(section)).map_or_else(
            || format!("\"{section}\""),
            |names| {
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        )
    }
}

/// A warning for each document that lacks a section some criterion requires, where
/// no other document of its kind meets that requirement: the documents the
/// requirement's conditions select (same kind, conditions holding) all miss one of its
/// sections. It names the sections, the headings accepted for each and the criteria
/// that need them.
pub fn missing_sections(
    catalog: &Catalog,
    evidence: &EvidenceSet,
    vocabulary: &SectionVocabulary,
    categories: &[TscCategory],
    display_root: &str,
) -> Vec<Diagnostic> {
    // Item index -> section -> criteria that need it.
    let mut lacking: BTreeMap<usize, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for (_, control) in catalog.controls() {
        // Points of focus of a category out of scope are not applicable: no warning.
        let in_scope = control
            .criteria()
            .filter(|c| c.category.is_none_or(|cat| categories.contains(&cat)));
        for criterion in in_scope {
            for requirement in &criterion.requirements {
                if requirement.options().all(|r| r.sections.is_empty()) {
                    continue;
                }
                // The documents each option selects, with the sections they lack; the
                // demand is met when one of them lacks none.
                let candidates: Vec<(usize, Vec<&str>)> = requirement
                    .options()
                    .flat_map(|r| {
                        evidence
                            .items
                            .iter()
                            .enumerate()
                            .filter(move |(_, i)| {
                                i.kind == r.kind
                                    && r.conditions.iter().all(|c| condition::holds(c, i))
                            })
                            .map(move |(n, i)| (n, vocabulary.check(&i.outline, &r.sections).1))
                    })
                    .collect();
                if candidates.iter().any(|(_, missing)| missing.is_empty()) {
                    continue;
                }
                for (n, missing) in candidates {
                    for section in missing {
                        let by = lacking.entry(n).or_default().entry(section).or_default();
                        if !by.contains(&criterion.id.as_str()) {
                            by.push(&criterion.id);
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (n, missing) in lacking {
        let item = &evidence.items[n];
        let needs: Vec<String> = missing
            .iter()
            .map(|(s, by)| format!("\"{s}\" (needed by {})", by.join(", ")))
            .collect();
        let accepted: Vec<String> = missing
            .keys()
            .map(|s| format!("{s}: {}", vocabulary.described(s)))
            .collect();
        let path = evidence
            .file_of(item)
            .map_or_else(String::new, |f| scan::shown(display_root, &f.path));
        out.push(
            Diagnostic::warning(
                Code::MissingSection,
                format!("`{}` has no section {}", item.id, needs.join("; ")),
            )
            .at(Location {
                line: item.line as usize,
                column: 1,
                ..Location::file_only(path)
            })
            .help(format!(
                "add a heading for each (accepted: {}), or name your own heading in the profile's `section_aliases`",
                accepted.join("; ")
            )),
        );
    }
    out
}

/// `phrase` padded for whole-word search, or nothing for an empty phrase (which would
/// match every heading).
fn padded(phrase: &str) -> Option<String> {
    (!phrase.is_empty()).then(|| format!(" {phrase} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Heading {
        Heading::new(2, text.to_owned(), 1)
    }

    fn vocabulary() -> SectionVocabulary {
        let mut v = SectionVocabulary::default();
        v.add("Revision History", &["Document History".to_owned()]);
        v.add("Detection and Analysis", &["Identification".to_owned()]);
        v.add("Severity Classification", &["Severity".to_owned()]);
        v
    }

    #[test]
    fn headings_are_read_by_what_they_cover() {
        let v = vocabulary();
        // Each pair: a heading a document uses, the section it satisfies.
        for (text, section) in [
            ("7. Document History", "Revision History"),
            ("Internal/External communications", "Internal Communication"),
            ("Internal/External communications", "External Communication"),
            ("Severity Matrix", "Severity Classification"),
            ("2.1 Identification", "Detection and Analysis"),
            ("Containment, Eradication & Recovery", "Eradication"),
            ("Roles & Responsibilities", "Roles and Responsibilities"),
            ("Post Incident Activities", "Post-Incident Activity"),
            ("THIRD-PARTY SUPPLIERS", "Third Party"),
        ] {
            let outline = [heading(text)];
            assert!(v.find(&outline, section).is_some(), "{text} -> {section}");
        }
    }

    #[test]
    fn a_different_section_is_still_missing() {
        let v = vocabulary();
        for (text, section) in [
            ("Contact list", "Containment"),
            ("History of the company", "Revision History"),
            ("Recovery", "Post-Incident Activity"),
            ("Analysis", "Detection and Analysis"),
        ] {
            let outline = [heading(text)];
            assert!(v.find(&outline, section).is_none(), "{text} -/-> {section}");
        }
    }

    #[test]
    fn every_section_the_built_in_catalog_requires_has_synonyms() {
        let (catalog, diagnostics) = crate::catalog::load(crate::catalog::builtin_inputs());
        assert!(diagnostics.is_empty());
        let catalog = catalog.unwrap();
        let v = SectionVocabulary::new(&catalog, &BTreeMap::new());
        for criterion in catalog.controls().flat_map(|(_, c)| c.criteria()) {
            let options = criterion.requirements.iter().flat_map(|r| r.options());
            for section in options.flat_map(|r| &r.sections) {
                let names = v.written.get(&fold(section)).map_or(0, Vec::len);
                assert!(
                    names > 1,
                    "{}: section {section:?} has no synonyms",
                    criterion.id
                );
            }
        }
    }
}
