//! JSON Schema generation from Rust types, and compilation for validation: the
//! helper every loader and [`crate::publish`] use. It knows no type of its own.

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value as Json;

/// Generates the schema of an input type, shaped for readable errors (see
/// `simplify`).
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

/// Compiles a schema with format checks on (dates, durations, URIs are validated,
/// not just typed as strings).
pub fn compile(schema: &Json) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| format!("internal error: a generated schema does not compile: {e}"))
}
