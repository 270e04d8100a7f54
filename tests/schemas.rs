//! The committed JSON Schemas must equal what the Rust types generate.
//! Run with `EVIDENT_BLESS=1` to rewrite them after changing a type.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

#[test]
fn committed_schemas_are_fresh() {
    let bless = std::env::var_os("EVIDENT_BLESS").is_some();
    let mut stale = Vec::new();
    for schema in evident::publish::published() {
        let path = support::root().join(&schema.path);
        let expected = schema.render();
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        if actual != expected {
            if bless {
                std::fs::create_dir_all(path.parent().expect("schema path has a parent"))
                    .expect("schemas dir");
                std::fs::write(&path, &expected).expect("schema written");
            } else {
                stale.push(schema.path.clone());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas (regenerate with `EVIDENT_BLESS=1 cargo test --test schemas`): {stale:?}"
    );
}

#[test]
fn schema_command_prints_the_committed_file() {
    let (code, stdout, _) = support::run(&["schema", "catalog"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, support::read("schemas/catalog.schema.json"));
    let (code, _, stderr) = support::run(&["schema", "nope"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no schema named `nope`; available: catalog"),
        "{stderr}"
    );
}

#[test]
fn builtin_catalog_files_validate_against_the_committed_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&support::read("schemas/catalog.schema.json"))
            .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for entry in std::fs::read_dir(support::root().join("controls")).expect("controls/") {
        let path = entry.expect("entry").path();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("YAML");
        let json = serde_json::to_value(yaml).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}
