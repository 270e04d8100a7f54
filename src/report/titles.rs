//! One-line names of criteria, for formats that label every result on one line
//! (JUnit test names, OSCAL finding titles). The catalog's full text stays in the
//! catalog; a label only has to tell criteria apart at a glance.

use std::collections::BTreeMap;

use crate::catalog::{Catalog, Criterion};

/// Longest label cut from a criterion's text when it has no title.
const MAX_CHARS: usize = 80;

/// Criterion id → label.
#[derive(Debug, Default)]
pub(crate) struct Titles(BTreeMap<String, String>);

impl Titles {
    /// The labels of every criterion of the catalog.
    pub(crate) fn of(catalog: &Catalog) -> Self {
        Self(
            catalog
                .controls()
                .flat_map(|(_, control)| control.criteria())
                .map(|c| (c.id.clone(), label(c)))
                .collect(),
        )
    }

    /// The criterion's label, or its id when the catalog does not know it.
    pub(crate) fn criterion<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.get(id).map_or(id, String::as_str)
    }
}

/// The title, else the text's first line cut at a word before [`MAX_CHARS`].
fn label(criterion: &Criterion) -> String {
    if let Some(title) = criterion.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return one_line(title);
    }
    let text = one_line(&criterion.text);
    if text.chars().count() <= MAX_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(title: Option<&str>, text: &str) -> Criterion {
        serde_json::from_value(serde_json::json!({
            "id": "X.1", "title": title, "text": text,
            "requirements": [{"description": "d", "kind": "policy"}],
            "remediation": "r"
        }))
        .unwrap()
    }

    #[test]
    fn a_label_is_the_title_or_the_text_cut_at_a_word() {
        assert_eq!(
            label(&criterion(Some("Short\n title"), "long")),
            "Short title"
        );
        assert_eq!(label(&criterion(None, "Fits.")), "Fits.");
        let long = "word ".repeat(30);
        let cut = label(&criterion(None, &long));
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= MAX_CHARS + 1);
    }
}
