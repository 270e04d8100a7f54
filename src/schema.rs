//! The JSON Schemas evident publishes, generated from its Rust types.
//!
//! The committed copies under `schemas/` are what editors and other tools read; a test
//! fails when they differ from what the types generate, so they never go stale.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde_json::Value as Json;

use crate::catalog::CatalogFile;

/// A published schema: its name on the command line and its committed path.
#[derive(Debug, Clone, Copy)]
pub struct PublishedSchema {
    /// Name for `evident schema <name>`.
    pub name: &'static str,
    /// Path of the committed copy, relative to the repository root.
    pub path: &'static str,
    /// What it describes.
    pub describes: &'static str,
    generate: fn() -> Json,
}

impl PublishedSchema {
    /// The schema as JSON.
    pub fn generate(&self) -> Json {
        (self.generate)()
    }

    /// The schema as committed: pretty JSON with a trailing newline.
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.generate()).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn generate<T: JsonSchema>() -> Json {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Json::Null)
}

/// Every published schema.
pub fn published() -> &'static [PublishedSchema] {
    &[PublishedSchema {
        name: "catalog",
        path: "schemas/catalog.schema.json",
        describes: "a control catalog file (controls/*.yaml, --controls DIR)",
        generate: generate::<CatalogFile>,
    }]
}

/// Looks a published schema up by name.
pub fn find(name: &str) -> Option<&'static PublishedSchema> {
    published().iter().find(|s| s.name == name)
}

/// The compiled catalog schema, built once and shared.
pub fn catalog_validator() -> Result<&'static jsonschema::Validator, String> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| compile(&generate::<CatalogFile>()))
        .as_ref()
        .map_err(Clone::clone)
}

/// Compiles a schema with format checks on (dates, durations, URIs are validated,
/// not just typed as strings).
pub fn compile(schema: &Json) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| format!("internal error: a generated schema does not compile: {e}"))
}
