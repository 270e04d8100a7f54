//! The JSON Schemas evident publishes, generated from its Rust types.
//!
//! The committed copies under `schemas/` are what editors and other tools read; a test
//! fails when they differ from what the types generate, so they never go stale.

use std::sync::OnceLock;

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value as Json;

use crate::catalog::CatalogFile;
use crate::evidence::EvidenceKind;

/// What a published schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A control catalog file.
    Catalog,
    /// An evidence item of one kind.
    Evidence(EvidenceKind),
    /// The assessment profile (`evident.yaml`).
    Profile,
    /// The assessment result (`assessment.json`).
    Assessment,
    /// An `evident import` mapping file.
    ImportMapping,
}

/// A published schema: its name on the command line and its committed path.
#[derive(Debug, Clone)]
pub struct PublishedSchema {
    /// Name for `evident schema <name>`.
    pub name: &'static str,
    /// Path of the committed copy, relative to the repository root.
    pub path: String,
    /// What it describes.
    pub subject: Subject,
}

impl PublishedSchema {
    /// The schema as JSON.
    pub fn generate(&self) -> Json {
        match self.subject {
            Subject::Catalog => generate::<CatalogFile>(),
            Subject::Evidence(kind) => crate::evidence::kinds::schema(kind),
            Subject::Profile => generate::<crate::profile::Profile>(),
            Subject::Assessment => generate_output::<crate::report::Report>(),
            Subject::ImportMapping => generate::<crate::import::Mapping>(),
        }
    }

    /// The schema as committed: pretty JSON with a trailing newline.
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.generate()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// One line on what it describes.
    pub fn describes(&self) -> String {
        match self.subject {
            Subject::Catalog => {
                "a control catalog file (controls/*.yaml, --controls DIR)".to_owned()
            }
            Subject::Evidence(kind) => format!("an evidence item of kind `{kind}`"),
            Subject::Profile => {
                "the assessment profile (evident.yaml at the evidence root)".to_owned()
            }
            Subject::Assessment => "the assessment result (assessment.json)".to_owned(),
            Subject::ImportMapping => {
                "an `evident import` mapping file (--mapping FILE)".to_owned()
            }
        }
    }
}

/// Every published schema: the catalog, the profile, then one per evidence kind.
pub fn published() -> &'static [PublishedSchema] {
    static ALL: OnceLock<Vec<PublishedSchema>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = vec![PublishedSchema {
            name: "catalog",
            path: "schemas/catalog.schema.json".to_owned(),
            subject: Subject::Catalog,
        }];
        all.push(PublishedSchema {
            name: "assessment",
            path: "schemas/assessment.schema.json".to_owned(),
            subject: Subject::Assessment,
        });
        all.push(PublishedSchema {
            name: "profile",
            path: "schemas/profile.schema.json".to_owned(),
            subject: Subject::Profile,
        });
        all.push(PublishedSchema {
            name: "import-mapping",
            path: "schemas/import-mapping.schema.json".to_owned(),
            subject: Subject::ImportMapping,
        });
        all.extend(EvidenceKind::ALL.iter().map(|&kind| PublishedSchema {
            name: kind.name(),
            path: format!("schemas/evidence/{}.schema.json", kind.name()),
            subject: Subject::Evidence(kind),
        }));
        all
    })
}

/// Generates the schema of an input type, shaped for readable errors (see
/// [`simplify`]).
pub fn generate<T: JsonSchema>() -> Json {
    generate_with::<T>(schemars::generate::SchemaSettings::draft2020_12())
}

/// Generates the schema of what evident writes: fields it omits when empty are
/// optional, as a reader of the output sees them.
pub fn generate_output<T: JsonSchema>() -> Json {
    generate_with::<T>(schemars::generate::SchemaSettings::draft2020_12().for_serialize())
}

fn generate_with<T: JsonSchema>(settings: schemars::generate::SchemaSettings) -> Json {
    let generator = settings
        .with(|s| s.transforms.push(Box::new(RecursiveTransform(simplify))))
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap_or(Json::Null)
}

/// Shapes generated schemas for the people who read their errors:
/// - an optional field is just absent, not `null`, so `anyOf [T, null]` becomes `T`
///   and errors point into `T` instead of "not valid under any of the schemas";
/// - a closed vocabulary (`oneOf` of documented constants) becomes an `enum`, so an
///   error lists the allowed values; the per-value docs move into the description.
fn simplify(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Json::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
    if object.get("default") == Some(&Json::Null) {
        object.remove("default");
    }
    if let Some(Json::Array(branches)) = object.get("anyOf") {
        let non_null: Vec<&Json> = branches
            .iter()
            .filter(|b| b.get("type") != Some(&Json::from("null")))
            .collect();
        if non_null.len() == 1 && branches.len() == 2 {
            let keep = non_null[0].clone();
            object.remove("anyOf");
            if let Json::Object(inner) = keep {
                for (k, v) in inner {
                    object.entry(k).or_insert(v);
                }
            }
        }
    }
    let constants = match object.get("oneOf") {
        Some(Json::Array(branches)) if branches.iter().all(|b| b.get("const").is_some()) => {
            branches.clone()
        }
        _ => return,
    };
    let mut description = object
        .get("description")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut values = Vec::new();
    for branch in constants {
        let value = branch.get("const").cloned().unwrap_or(Json::Null);
        if let (Some(name), Some(doc)) = (
            value.as_str(),
            branch.get("description").and_then(Json::as_str),
        ) {
            if !description.is_empty() {
                description.push('\n');
            }
            description.push_str(&format!("- `{name}`: {doc}"));
        }
        values.push(value);
    }
    object.remove("oneOf");
    object.insert("type".into(), Json::from("string"));
    object.insert("enum".into(), Json::Array(values));
    if !description.is_empty() {
        object.insert("description".into(), Json::from(description));
    }
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
