//! `src/bundled_ideas.rs` is generated from `ideas/*.toml`, read with the
//! catalog's own reader: the binary builds the bundled ideas in code rather
//! than parse TOML at every start. These tests keep the two equal;
//! `CSWEEK_BLESS=1 cargo test bundled` writes the file anew.

use std::fmt::Write;
use std::path::Path;

use csweek::catalog::{BUNDLED, Catalog, Idea};

use crate::test::root;

const GENERATED: &str = "src/bundled_ideas.rs";

#[test]
fn bundled_ideas_rs_is_generated_from_the_ideas_folder() {
    let mut files: Vec<_> = std::fs::read_dir(root().join("ideas"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == "toml"))
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let files: Vec<(String, Vec<Idea>)> = files
        .into_iter()
        .map(|file| {
            let name = format!("ideas/{file}");
            let text = std::fs::read_to_string(root().join(&name)).unwrap();
            let mut catalog = Catalog::default();
            catalog
                .add_text(Path::new(&name), &text)
                .unwrap_or_else(|e| panic!("{e}"));
            (name, catalog.ideas)
        })
        .collect();
    let expected = generate(&files);
    let path = root().join(GENERATED);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != expected {
        if std::env::var_os("CSWEEK_BLESS").is_some() {
            std::fs::write(&path, expected).unwrap();
        } else {
            panic!(
                "{GENERATED} does not match ideas/*.toml; write it anew with `CSWEEK_BLESS=1 cargo test bundled`"
            );
        }
    }
}

#[test]
fn the_bundled_catalog_is_the_ideas_files_read() {
    let mut read = Catalog::default();
    for (name, text) in BUNDLED {
        read.add_text(Path::new(name), text).unwrap();
    }
    let built = Catalog::bundled().unwrap();
    assert!(
        built.ideas == read.ideas,
        "Catalog::bundled() differs from ideas/*.toml: run `CSWEEK_BLESS=1 cargo test bundled`, then the tests again to build what it wrote"
    );
    assert_eq!(built.counts(), (read.ideas.len(), 0));
    assert!(built.replaced.is_empty());
}

/// The text of `src/bundled_ideas.rs` for the ideas of each file.
fn generate(files: &[(String, Vec<Idea>)]) -> String {
    let mut out = String::from(
        "//! Generated from `ideas/*.toml` by `CSWEEK_BLESS=1 cargo test bundled`
//! (tests/bundled.rs); edit the TOML files, not this one.
//!
//! The bundled ideas as code: parsing their TOML took most of a
//! millisecond at every start. Strings are literals in code rather than a
//! table of pointers, which would need relocating each time the program
//! loads.

use chrono::Weekday;

use super::{Audience, Category, Cost, Day, Idea, IdeaId, Mode, Prep, Text, TimeOfDay};
use crate::bounded::Bounded;
use crate::money::Money;

/// The files of the bundled catalog, as paths in messages name them.
pub(super) const FILES: [&str; ",
    );
    let _ = writeln!(out, "{}] = [", files.len());
    for (name, _) in files {
        let _ = writeln!(out, "    {name:?},");
    }
    out.push_str(
        "];

/// The ideas of each bundled file, in the order the file gives them.
#[allow(clippy::too_many_lines)]
pub(super) fn files() -> [(&'static str, Vec<Idea>); FILES.len()] {
    [
",
    );
    for (name, ideas) in files {
        let _ = writeln!(out, "        (\n            {name:?},\n            vec![");
        for idea in ideas {
            idea_literal(&mut out, idea);
        }
        out.push_str("            ],\n        ),\n");
    }
    out.push_str("    ]\n}\n");
    out
}

fn idea_literal(out: &mut String, idea: &Idea) {
    let list = |items: Vec<String>| items.join(", ");
    let indent = " ".repeat(16);
    let _ = writeln!(out, "{indent}Idea {{");
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "{indent}    {name}: {value},");
    };
    field("id", format!("IdeaId({:?}.into())", idea.id.as_str()));
    field("title", format!("Text({:?}.into())", idea.title.as_str()));
    field("summary", format!("{:?}.into()", idea.summary));
    field("category", format!("Category::{:?}", idea.category));
    field(
        "days",
        format!(
            "vec![{}]",
            list(
                idea.days
                    .iter()
                    .map(|d| format!("Day(Weekday::{:?})", d.0))
                    .collect()
            )
        ),
    );
    field(
        "cost",
        format!(
            "Cost {{ fixed: Money::from_cents({}), per_person: Money::from_cents({}), per_session: Money::from_cents({}) }}",
            grouped(idea.cost.fixed.cents()),
            grouped(idea.cost.per_person.cents()),
            grouped(idea.cost.per_session.cents())
        ),
    );
    field(
        "duration_minutes",
        format!("Bounded::new({})", idea.duration_minutes.get()),
    );
    field(
        "modes",
        format!(
            "vec![{}]",
            list(idea.modes.iter().map(|m| format!("Mode::{m:?}")).collect())
        ),
    );
    field(
        "audience",
        format!(
            "vec![{}]",
            list(
                idea.audience
                    .iter()
                    .map(|a| format!("Audience::{a:?}"))
                    .collect()
            )
        ),
    );
    field(
        "lead_time_days",
        match idea.lead_time_days {
            Some(days) => format!("Some(Bounded::new({}))", days.get()),
            None => "None".to_string(),
        },
    );
    let steps: Vec<String> = idea
        .prep
        .iter()
        .map(|p| {
            format!(
                "{indent}        Prep {{ days_before: Bounded::new({}), task: Text({:?}.into()) }},\n",
                p.days_before.get(),
                p.task.as_str()
            )
        })
        .collect();
    field(
        "prep",
        if steps.is_empty() {
            "vec![]".to_string()
        } else {
            format!("vec![\n{}{indent}    ]", steps.concat())
        },
    );
    field("off_queue", idea.off_queue.to_string());
    field("source", format!("{:?}.into()", idea.source));
    field(
        "time",
        match idea.time {
            Some(time) => format!("Some(TimeOfDay::{time:?})"),
            None => "None".to_string(),
        },
    );
    field(
        "group_size",
        match idea.group_size {
            Some(size) => format!("Some(Bounded::new({}))", size.get()),
            None => "None".to_string(),
        },
    );
    field("all_day", idea.all_day.to_string());
    field("together", idea.together.to_string());
    let _ = writeln!(out, "{indent}}},");
}

/// `cents` with its digits in groups of three, as clippy asks of literals.
fn grouped(cents: i64) -> String {
    let digits = cents.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}
