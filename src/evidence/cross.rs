//! Checks across files: ids are unique and references name a valid item. The items
//! carry only numeric marks, so the few files a diagnostic here names are read again
//! for their display path and snippet.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use super::check::Checked;
use super::item::EvidenceFile;
use super::locate::Mark;
use super::read;
use super::scan::{self, Candidate};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::source::SourceFile;

/// Where the files of checked items are, to show them in a diagnostic.
#[derive(Debug)]
pub(super) struct Reread<'a> {
    /// The scan's candidates, indexed by [`Checked::candidate`].
    pub candidates: &'a [Candidate],
    /// The evidence directory as the user named it.
    pub display_root: &'a str,
    /// The size limit the first read used.
    pub max_file_size: u64,
}

impl Reread<'_> {
    /// Where `mark` of the item `c` is, as the user would type the path.
    fn location(&self, c: &Checked, files: &[EvidenceFile], mark: &Mark) -> Location {
        let rel = files.get(c.item.file).map_or("", |f| f.path.as_str());
        mark.location(scan::shown(self.display_root, rel))
    }

    /// Records `diagnostic` about the item `c` with its file's text for the snippet.
    /// The text is kept only if the file still has the bytes that were hashed into
    /// the manifest; otherwise the diagnostic keeps its location but shows no snippet.
    fn push(&self, sink: &mut Diagnostics, c: &Checked, files: &[EvidenceFile], d: Diagnostic) {
        let shown = d.location.as_ref().map(|at| at.path.as_str());
        if shown.is_none_or(|path| sink.source(path).is_some()) {
            // Nothing to show, or the sink holds the text already (another
            // diagnostic of the same file).
            sink.push(d);
            return;
        }
        let source = self.candidates.get(c.candidate).and_then(|candidate| {
            let shown = d.location.as_ref()?.path.clone();
            let contents = read::read(&candidate.path, &shown, self.max_file_size).ok()?;
            let same = files
                .get(c.item.file)
                .is_some_and(|f| f.sha256 == contents.sha256);
            let text = contents.text.ok().filter(|_| same)?;
            Some(SourceFile::new(shown, text))
        });
        match source {
            Some(source) => sink.push_in(&source, d),
            None => sink.push(d),
        }
    }
}

/// Ids must be unique (ignoring case, as file systems and people do) and references
/// must name a valid item. The first file in path order keeps a duplicated id; any
/// item with a cross-file error is rejected, so scoring only sees consistent items.
/// Returns, for each of `checked`, whether it is accepted; the files of the others
/// are marked invalid.
pub(super) fn check(
    checked: &[&Checked],
    files: &mut [EvidenceFile],
    reread: &Reread<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<bool> {
    // The first item of each id, whatever its case. An id so found is never
    // rejected, and every other item with that id is: so it is also the only item
    // a reference can match exactly.
    let mut first: HashMap<Folded<'_>, usize> = HashMap::with_capacity(checked.len());
    let mut accepted = vec![true; checked.len()];
    for (i, c) in checked.iter().enumerate() {
        match first.entry(Folded(&c.item.id)) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(o) => {
                let original = checked[*o.get()];
                let at = reread.location(original, files, &original.id);
                let d = Diagnostic::error(
                    Code::DuplicateId,
                    format!("id `{}` is already used by another item", c.item.id),
                )
                .at(reread.location(c, files, &c.id))
                .label("used again here")
                .help(format!(
                    "first used at {}:{}:{}; give one of the two items another id (this one is not counted)",
                    at.path, at.line, at.column
                ));
                reread.push(diagnostics, c, files, d);
                accepted[i] = false;
            }
        }
    }
    for (i, c) in checked.iter().enumerate() {
        if !accepted[i] {
            continue;
        }
        for (reference, mark) in c.item.refs.iter().zip(&c.refs) {
            let mut lowered = String::new();
            let key = Folded::reference(reference, &mut lowered);
            let found = first.get(&key).map(|&j| &checked[j].item.id);
            if found == Some(reference) {
                continue;
            }
            let help = match found {
                Some(id) => format!("did you mean `{id}`? ids are matched exactly"),
                None => "add the item it refers to, or correct the id; an item is referred to by its `id`, not its file name".to_owned(),
            };
            let d = Diagnostic::error(
                Code::DanglingRef,
                format!("reference to `{reference}`, which no valid item has as its id"),
            )
            .at(reread.location(c, files, mark))
            .label("no such item")
            .help(help);
            reread.push(diagnostics, c, files, d);
            accepted[i] = false;
        }
    }
    for (c, &ok) in checked.iter().zip(&accepted) {
        if !ok && let Some(f) = files.get_mut(c.item.file) {
            f.valid = false;
        }
    }
    accepted
}

/// An id compared and hashed without regard to ASCII case, without making a
/// lower-case copy of each. Ids are ASCII (the schema's pattern), so this is the same
/// as comparing their lower-case forms; references are not checked against the
/// pattern, and [`Folded::reference`] lower-cases the rare one that is not ASCII.
#[derive(Debug, Clone, Copy)]
struct Folded<'a>(&'a str);

impl<'a> Folded<'a> {
    /// The key to look `reference` up by; `lowered` holds its lower-case form when
    /// it has non-ASCII letters (one of which may lower-case to ASCII, as `K` does).
    fn reference(reference: &'a str, lowered: &'a mut String) -> Self {
        if reference.is_ascii() {
            Self(reference)
        } else {
            *lowered = reference.to_lowercase();
            Self(lowered)
        }
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut chunk = [0u8; 32];
        for part in self.0.as_bytes().chunks(chunk.len()) {
            let lowered = &mut chunk[..part.len()];
            lowered.copy_from_slice(part);
            lowered.make_ascii_lowercase();
            state.write(lowered);
        }
        state.write_u8(0xff);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::DefaultHasher;

    use super::*;
    use crate::evidence::Basis;
    use crate::evidence::read::ContentHash;
    use crate::evidence::scan::Format;
    use crate::evidence::{EvidenceItem, EvidenceKind};
    use crate::source::Span;

    fn hash(f: Folded<'_>) -> u64 {
        let mut h = DefaultHasher::new();
        f.hash(&mut h);
        h.finish()
    }

    #[test]
    fn folded_ids_match_as_their_lower_case_forms_do() {
        // Left a reference, right an id (ASCII, as the schema requires).
        for (a, b) in [
            ("INC-1", "inc-1"),
            ("Inc-1", "INC-10"),
            ("\u{212A}EY-1", "key-1"),
            ("ΣA", "sa"),
            ("a", "a."),
            (
                "LONG-ID-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "long-id-0123456789-abcdefghijklmnopqrstuvwxyz",
            ),
        ] {
            let same = a.to_lowercase() == b.to_lowercase();
            let mut lowered = String::new();
            let a = Folded::reference(a, &mut lowered);
            assert_eq!(a == Folded(b), same, "{a:?} {b}");
            if same {
                assert_eq!(hash(a), hash(Folded(b)), "{a:?} {b}");
            }
        }
    }

    #[test]
    fn a_snippet_is_shown_only_if_the_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "id: A-1\n").unwrap();
        let candidates = [Candidate {
            path,
            rel: String::new(),
            format: Format::Yaml,
        }];
        let reread = Reread {
            candidates: &candidates,
            display_root: "ev",
            max_file_size: 1000,
        };
        let checked = Checked {
            item: EvidenceItem::new("A-1", EvidenceKind::Incident, Basis::Declared),
            id: Mark::at("id: A-1\n", Span::new(4, 7)),
            refs: Vec::new(),
            candidate: 0,
        };
        let mut file = EvidenceFile {
            path: "a.yaml".to_owned(),
            size: 8,
            sha256: ContentHash([0; 32]),
            kind: None,
            id: None,
            valid: true,
            attachments: Vec::new(),
        };
        let push = |files: &[EvidenceFile], sink: &mut Diagnostics| {
            let d = Diagnostic::error(Code::DuplicateId, "x").at(reread.location(
                &checked,
                files,
                &checked.id,
            ));
            reread.push(sink, &checked, files, d);
        };
        let mut changed = Diagnostics::new();
        push(std::slice::from_ref(&file), &mut changed);
        assert_eq!(changed.source("ev/a.yaml"), None);
        file.sha256 = read::read(&candidates[0].path, "a.yaml", 1000)
            .unwrap()
            .sha256;
        let mut same = Diagnostics::new();
        push(std::slice::from_ref(&file), &mut same);
        assert_eq!(same.source("ev/a.yaml"), Some("id: A-1\n"));
        let at = same.iter().next().unwrap().location.clone().unwrap();
        assert_eq!((at.path.as_str(), at.line, at.column), ("ev/a.yaml", 1, 5));
    }
}
