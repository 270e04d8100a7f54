//! `evident init` and `evident schema --write`: a fresh scaffold validates and
//! assesses, its templates are valid items whose schema lines resolve, its IR plan
//! skeleton has every section the catalog checks, and nothing that exists is ever
//! overwritten.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use serde_json::Value;

fn init(dir: &Path) -> (i32, String) {
    let (code, stdout, stderr) = support::run(&["init", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    (code, stdout)
}

/// The `$schema=` path of a file's modeline (first line, or first line of the
/// front matter), resolved against the file's folder.
fn schema_of(file: &Path) -> Option<std::path::PathBuf> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().take(2).find(|l| l.contains("$schema="))?;
    let relative = line.split("$schema=").nth(1)?.trim();
    Some(file.parent()?.join(relative))
}

#[test]
fn init_into_an_empty_folder_validates_and_assesses() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("evidence");
    let (_, stdout) = init(&dir);
    assert!(stdout.contains("created 50 file(s)"), "{stdout}");
    assert!(!stdout.contains("skipped"));

    let templates = dir.join(".evident/templates");
    let mut with_schema = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let path = entry.unwrap().into_path();
        let Some(schema) = schema_of(&path) else {
            continue;
        };
        assert!(
            schema.is_file(),
            "{} points at {}",
            path.display(),
            schema.display()
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&schema).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
        assert!(schema["properties"].is_object());
        with_schema += 1;
    }
    // 21 templates, the profile and the plan skeleton.
    assert_eq!(with_schema, 23);

    let (code, stdout, stderr) = support::run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    // The templates are valid items of every kind (checked where they are: hidden
    // from the evidence scan, so their example values never count).
    let (code, stdout, stderr) = support::run(&["validate", templates.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("21 files: 21 valid, 0 invalid; 0 errors, 0 warnings"),
        "{stdout}"
    );

    let out = temp.path().join("out");
    let (code, _, stderr) = support::run(&[
        "assess",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "below the scaffold's targets: {stderr}");
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).unwrap())
            .unwrap();
    assert_eq!(result["manifest"]["files"].as_array().unwrap().len(), 1);
    assert_eq!(result["manifest"]["files"][0]["path"], "plans/ir-plan.md");

    // The skeleton has a heading for every section a requirement looks for in an
    // IR plan.
    let plan = std::fs::read_to_string(dir.join("plans/ir-plan.md")).unwrap();
    let headings: Vec<&str> = plan.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let sections = ir_plan_sections();
    assert!(sections.len() >= 10, "{sections:?}");
    for section in sections {
        assert!(headings.contains(&section.as_str()), "no section {section}");
    }
}

/// Every section the built-in catalog requires of an `ir-plan` item.
fn ir_plan_sections() -> std::collections::BTreeSet<String> {
    fn walk(value: &Value, found: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if map.get("kind") == Some(&Value::from("ir-plan")) {
                    let sections = map.get("sections").and_then(Value::as_array);
                    found.extend(
                        sections
                            .into_iter()
                            .flatten()
                            .filter_map(|s| s.as_str().map(str::to_owned)),
                    );
                }
                map.values().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    let (_, list, _) = support::run(&["catalog", "list", "--format", "json"]);
    let list: Value = serde_json::from_str(&list).unwrap();
    let mut found = std::collections::BTreeSet::new();
    for control in list.as_array().unwrap() {
        let id = control["id"].as_str().unwrap();
        let (_, shown, _) = support::run(&["catalog", "show", id, "--format", "json"]);
        walk(&serde_json::from_str(&shown).unwrap(), &mut found);
    }
    found
}

#[test]
fn init_into_a_non_empty_folder_adds_only_missing_files() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    let mine = "organisation: Mine\n";
    std::fs::write(dir.join("evident.yaml"), mine).unwrap();
    std::fs::write(dir.join("plans/ir-plan.md"), "my plan").unwrap();

    let (_, stdout) = init(dir);
    assert!(stdout.contains("created 48 file(s)"), "{stdout}");
    assert!(
        stdout.contains("skipped 2 file(s) that already exist: evident.yaml, plans/ir-plan.md"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("evident.yaml")).unwrap(),
        mine
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plans/ir-plan.md")).unwrap(),
        "my plan"
    );
    assert!(dir.join("README.md").is_file());
    assert!(dir.join(".evident/templates/waiver.yaml").is_file());

    // A second run adds nothing and changes nothing.
    let readme = std::fs::read(dir.join("README.md")).unwrap();
    std::fs::write(dir.join("README.md"), "edited").unwrap();
    let (_, stdout) = init(dir);
    assert!(stdout.contains("created 0 file(s)"), "{stdout}");
    assert!(stdout.contains("skipped 50 file(s)"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        "edited"
    );
    assert_ne!(readme, b"edited");
}

#[test]
fn init_refuses_a_file() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("f");
    std::fs::write(&file, "x").unwrap();
    let (code, _, stderr) = support::run(&["init", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a directory"), "{stderr}");
}

#[test]
fn schema_write_exports_the_committed_schemas() {
    let temp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) =
        support::run(&["schema", "--write", temp.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let schemas = support::root().join("schemas");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&schemas) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(&schemas).unwrap();
        assert_eq!(
            std::fs::read(temp.path().join(relative)).unwrap(),
            std::fs::read(entry.path()).unwrap(),
            "{}",
            relative.display()
        );
        count += 1;
    }
    assert!(
        stdout.contains(&format!("wrote {count} schema(s)")),
        "{stdout}"
    );
}
