//! `csweek schema`, for editors that complete and check `csweek.toml`,
//! and for scripts that read `csweek plan -f json`.

use anyhow::Result;

use crate::cli::SchemaOf;
use crate::{config, output, plan};

/// `csweek schema [config|plan]`: a JSON Schema (draft-07, which Taplo and
/// Even Better TOML read) of the config or of the plan's JSON.
pub fn schema(of: SchemaOf) -> Result<()> {
    match of {
        SchemaOf::Config => output::write(None, &config_schema()),
        SchemaOf::Plan => output::write(None, &plan_schema()),
    }
}

/// The JSON Schema of `csweek plan -f json`, generated from the types that
/// write it.
fn plan_schema() -> String {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<plan::Plan>();
    if let Some(map) = schema.as_object_mut() {
        unwrap_in(map);
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}

/// The JSON Schema of `csweek.toml`, generated from the types that read it.
pub fn config_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<config::Keys>();
    let mut schema = schema.to_value();
    drop_null(&mut schema);
    unwrap_descriptions(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}

/// Descriptions come from doc comments, wrapped to the source's width: an
/// editor shows them as one paragraph each, so a line break inside a
/// paragraph becomes a space.
fn unwrap_descriptions(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => unwrap_in(map),
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// [`unwrap_descriptions`] of an object's own description and those below.
fn unwrap_in(map: &mut serde_json::Map<String, serde_json::Value>) {
    if let Some(serde_json::Value::String(text)) = map.get_mut("description") {
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
            .collect();
        *text = paragraphs.join("\n\n");
    }
    map.values_mut().for_each(unwrap_descriptions);
}

/// TOML has no null: a key left out is the only way to say "none", so the
/// schema shouldn't offer `null` for optional keys.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_string(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if let [only] = any.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    map.insert("allOf".to_string(), Value::Array(vec![only]));
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}
