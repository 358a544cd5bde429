//! `csweek schema`: the config's JSON Schema, as an editor reads it. The
//! examples validate against it, and it refuses what csweek refuses.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::test::{Test, root};

fn schema() -> Value {
    let out = Test::new().args(&["schema"]).run().status(0).stderr("");
    serde_json::from_str(&out.stdout).expect("the schema is JSON")
}

/// A TOML file as the JSON an editor's schema check sees.
fn as_json(toml_text: &str) -> Value {
    let table: toml::Table = toml::from_str(toml_text).expect("valid TOML");
    serde_json::to_value(table).expect("TOML converts to JSON")
}

#[track_caller]
fn errors(schema: &Value, toml_text: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator
        .iter_errors(&as_json(toml_text))
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_schema_is_draft_07_and_valid_against_its_meta_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::meta::validate(&schema).expect("a valid draft-07 schema");
    assert_eq!(schema["required"], json!(["company"]));
    assert_eq!(schema["additionalProperties"], json!(false));
}

#[test]
fn the_committed_copy_is_current() {
    let committed = std::fs::read_to_string(root().join("csweek.schema.json")).unwrap();
    let out = Test::new().args(&["schema"]).run().status(0);
    assert!(
        out.stdout == committed,
        "csweek.schema.json is stale: run `cargo run -- schema > csweek.schema.json`"
    );
}

#[test]
fn it_names_every_key_of_the_config() {
    let schema = schema();
    let mut keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // The keys csweek itself lists when it meets an unknown one.
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nzzz = 1\n")
        .args(&["check"])
        .run()
        .status(2);
    let listed = out
        .stderr
        .split("expected one of ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap();
    let mut known: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
    known.sort_unstable();
    assert_eq!(keys, known);
    for key in &keys {
        assert!(
            schema["properties"][key]["description"].is_string(),
            "`{key}` has a description for the editor to show"
        );
    }
}

#[test]
fn every_example_config_validates() {
    let schema = schema();
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                errors(&schema, &text),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn every_bundled_idea_validates_as_a_house_idea() {
    let schema = schema();
    for entry in std::fs::read_dir(root().join("ideas")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // A catalog file is a config's `[[idea]]` tables without the rest.
        let config = format!("company = \"Acme\"\n{text}");
        assert_eq!(
            errors(&schema, &config),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn every_key_of_an_idea_has_a_description() {
    let schema = schema();
    for table in ["Idea", "Pin", "Prep", "Cost", "Shift"] {
        let properties = schema["definitions"][table]["properties"]
            .as_object()
            .unwrap();
        for (key, property) in properties {
            assert!(
                property["description"].is_string(),
                "`{key}` of {table} has a description for the editor to show"
            );
        }
    }
}

#[test]
fn it_accepts_what_csweek_accepts() {
    let schema = schema();
    let cases = [
        "company = \"Acme\"\nhours = \"9:00-17:00\"\n",
        "company = \"Acme\"\nbudget = \"12.5\"\n",
        "company = \"Acme\"\nbudget = \"5.\"\n",
        "company = \"Acme\"\ncoverage = 1\n",
        "company = \"Acme\"\nteam_size = 100000\n",
        "company = \"Acme\"\nbudget = 1000\n[[pin]]\nday = \"WED\"\nidea = \"picnic\"\n",
        "company = \"Acme\"\nbudget = 1000\n[[pin]]\nday = \"Wednesday\"\nidea = \"picnic\"\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nhours = \"22:00-06:00\"\nteam_size = 5\n\
         days = [\"mon\", \"Tuesday\"]\n[[pin]]\nday = \"tue\"\nidea = \"theme-reveal\"\nshift = \"Night\"\n",
        "company = \"Acme\"\n[[idea]]\nid = \"escape\"\ntitle = \"Escape\"\ncategory = \"fun\"\n\
         duration_minutes = 60\ngroup_size = 8\ntogether = true\ncost = { per_session = \"150\" }\n",
        "company = \"Acme\"\n[[idea]]\nid = \"banners\"\ntitle = \"Banners\"\ncategory = \"kickoff\"\n\
         duration_minutes = 15\nall_day = true\n",
    ];
    for config in cases {
        Test::new()
            .file("csweek.toml", config)
            .args(&["check", "--today", "2027-06-01"])
            .run()
            .status(0);
        assert_eq!(errors(&schema, config), Vec::<String>::new(), "{config:?}");
    }
}

#[test]
fn it_refuses_what_csweek_refuses() {
    let schema = schema();
    let cases = [
        "budget = 100\n",
        "company = \"\"\n",
        "company = \"Acme\"\nteam_size = 0\n",
        "company = \"Acme\"\ncolour = \"blue\"\n",
        "company = \"Acme\"\nmode = \"hybird\"\n",
        "company = \"Acme\"\ntimezone = \"Mars/Olympus_Mons\"\n",
        "company = \"Acme\"\nhours = \"9-5\"\n",
        "company = \"Acme\"\nbudget = -1\n",
        "company = \"Acme\"\nbudget = \"12.345\"\n",
        "company = \"Acme\"\ncurrency = \"usd\"\n",
        "company = \"Acme\"\ncurrency = \"EUD\"\n",
        "company = \"Acme\"\ncoverage = 1.5\n",
        "company = \"Acme\"\nday_themes = \"icsb\"\n",
        "company = \"Acme\"\nexclude = [\"Not An Id\"]\n",
        "company = \"Acme\"\n[[pin]]\nday = \"funday\"\nidea = \"raffle\"\n",
        "company = \"Acme\"\n[[idea]]\nid = \"x\"\ntitle = \"X\"\ncategory = \"fun\"\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nhours = \"22:00-06:00\"\nteam_size = 0\n",
        "company = \"Acme\"\n[[shift]]\nname = \"\"\nhours = \"22:00-06:00\"\nteam_size = 5\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nhours = \"10pm-6am\"\nteam_size = 5\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nteam_size = 5\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nhours = \"22:00-06:00\"\nteam_size = 5\nbreak = 30\n",
        "company = \"Acme\"\n[[shift]]\nname = \"Night\"\nhours = \"22:00-06:00\"\nteam_size = 5\ndays = [\"someday\"]\n",
        "company = \"Acme\"\n[[idea]]\nid = \"x\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\ngroup_size = 0\n",
        "company = \"Acme\"\n[[idea]]\nid = \"x\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\n\
         cost = { per_session = -5 }\n",
    ];
    for config in cases {
        let out = Test::new()
            .file("csweek.toml", config)
            .args(&["check"])
            .run();
        assert_eq!(out.status, 2, "csweek refuses {config:?}");
        assert!(
            !errors(&schema, config).is_empty(),
            "the schema refuses {config:?} too"
        );
    }
}

fn plan_schema() -> Value {
    let out = Test::new()
        .args(&["schema", "plan"])
        .run()
        .status(0)
        .stderr("");
    serde_json::from_str(&out.stdout).expect("the schema is JSON")
}

#[test]
fn the_plan_schema_is_draft_07_and_its_committed_copy_is_current() {
    let schema = plan_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::meta::validate(&schema).expect("a valid draft-07 schema");
    let committed = std::fs::read_to_string(root().join("csweek-plan.schema.json")).unwrap();
    let out = Test::new().args(&["schema", "plan"]).run().status(0);
    assert!(
        out.stdout == committed,
        "csweek-plan.schema.json is stale: run `cargo run -- schema plan > csweek-plan.schema.json`"
    );
    // `csweek schema` alone is still the config's.
    let config = Test::new().args(&["schema", "config"]).run().status(0);
    assert_eq!(config.stdout, schema_text());
}

fn schema_text() -> String {
    Test::new().args(&["schema"]).run().status(0).stdout
}

/// The schema as a test reads it: no field left out of it, none optional.
/// (The published one lets later versions add fields.)
fn strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                let names: Vec<Value> = properties.keys().cloned().map(Value::String).collect();
                map.insert("required".to_string(), Value::Array(names));
                map.insert("additionalProperties".to_string(), json!(false));
            }
            map.values_mut().for_each(strict);
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

#[test]
fn every_examples_plan_validates_against_the_plan_schema_which_names_every_field() {
    let mut schema = plan_schema();
    strict(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut configs: Vec<String> = crate::test::EXAMPLES
        .iter()
        .map(|name| std::fs::read_to_string(root().join("examples").join(name)).unwrap())
        .collect();
    // Shifts, one of them through midnight, and day-long items.
    for name in ["24x7-contact-centre.toml", "two-shift-hybrid.toml"] {
        configs.push(std::fs::read_to_string(root().join("examples").join(name)).unwrap());
    }
    // A budget that keeps ideas out, and an after-work event past midnight.
    configs.push("company = \"Acme\"\nbudget = 0\nteam_size = 20\n".to_string());
    configs.push(
        "company = \"Acme\"\nbudget = 1000\nhours = \"16:00-23:00\"\ntimezone = \"Asia/Kolkata\"\n\
         [[pin]]\nday = \"thu\"\nidea = \"happy-hour\"\n"
            .to_string(),
    );
    let mut seen_kept_out = false;
    let mut seen_all_day = false;
    for config in &configs {
        let out = Test::new()
            .file("csweek.toml", config)
            .args(&["plan", "--today", crate::test::TODAY, "-f", "json"])
            .run()
            .status(0);
        let plan: Value = serde_json::from_str(&out.stdout).unwrap();
        seen_kept_out |= !plan["budget"]["kept_out"].is_null();
        seen_all_day |= plan["days"][0]["activities"][0]["all_day"] == true;
        let errors: Vec<String> = validator
            .iter_errors(&plan)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{config}");
    }
    assert!(seen_kept_out);
    assert!(seen_all_day);
}

#[test]
fn it_refuses_more_shifts_than_a_plan_takes() {
    let schema = schema();
    let mut config = "company = \"Acme\"\n".to_string();
    for n in 1..=7 {
        let _ = write!(
            config,
            "[[shift]]\nname = \"S{n}\"\nhours = \"{:02}:00-{:02}:00\"\nteam_size = 2\n",
            n + 1,
            n + 9
        );
    }
    Test::new()
        .file("csweek.toml", &config)
        .args(&["check"])
        .run()
        .status(2);
    assert!(!errors(&schema, &config).is_empty());
}

/// Every description, of either schema, reads as one paragraph: the line
/// breaks of the doc comments it comes from are not in it.
#[test]
fn descriptions_are_unwrapped() {
    fn check(value: &Value, at: &str) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(text)) = map.get("description") {
                    assert!(!text.contains('\n'), "{at}: {text:?}");
                    assert!(!text.contains("  "), "{at}: {text:?}");
                }
                for (key, value) in map {
                    check(value, &format!("{at}/{key}"));
                }
            }
            Value::Array(items) => items.iter().for_each(|v| check(v, at)),
            _ => {}
        }
    }
    check(&schema(), "config");
    check(&plan_schema(), "plan");
}
