//! The sample organisations stay valid against the committed evidence-kind schemas,
//! so a change to a kind type cannot silently break the samples users learn from.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The YAML of an item: the whole file, or a Markdown document's front matter.
fn item_yaml(path: &Path, text: &str) -> Option<String> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml" | "json") => Some(text.to_owned()),
        Some("md") => {
            let rest = text
                .strip_prefix("---\n")
                .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
            let end = rest
                .find("\n---\n")
                .unwrap_or_else(|| panic!("{}: unterminated front matter", path.display()));
            Some(rest[..end].to_owned())
        }
        _ => None,
    }
}

#[test]
fn every_sample_item_is_valid_and_its_references_resolve() {
    let root = support::root().join("evidence-samples");
    let mut validators = BTreeMap::new();
    let mut orgs = 0;
    for org in std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("invalid"))
    {
        orgs += 1;
        assert!(
            org.join("evident.yaml").is_file(),
            "{}: no assessment profile",
            org.display()
        );
        let mut all = Vec::new();
        files(&org, &mut all);
        let (mut ids, mut refs) = (BTreeSet::new(), Vec::new());
        for path in all.iter().filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "evident.yaml" && n != "README.md")
        }) {
            let text = std::fs::read_to_string(path).unwrap();
            let Some(yaml) = item_yaml(path, &text) else {
                continue;
            };
            let value: serde_yaml::Value =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let json = serde_json::to_value(value).unwrap();
            let kind = json["kind"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: no kind", path.display()))
                .to_owned();
            let validator = validators.entry(kind.clone()).or_insert_with(|| {
                let schema: serde_json::Value = serde_json::from_str(&support::read(format!(
                    "schemas/evidence/{kind}.schema.json"
                )))
                .unwrap();
                evident::schema::compile(&schema).unwrap()
            });
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{} {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            let id = json["id"].as_str().unwrap().to_owned();
            assert!(
                ids.insert(id.clone()),
                "{}: duplicate id {id}",
                path.display()
            );
            for r in json["refs"].as_array().into_iter().flatten() {
                refs.push((path.clone(), r.as_str().unwrap().to_owned()));
            }
        }
        assert!(
            ids.len() >= 10,
            "{}: only {} items",
            org.display(),
            ids.len()
        );
        for (path, r) in refs {
            assert!(
                ids.contains(&r),
                "{}: refs `{r}`, which the organisation does not have",
                path.display()
            );
        }
    }
    assert_eq!(orgs, 3);
}
