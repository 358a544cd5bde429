//! The bundled assets: the catalog's files, and the README's commands.

use std::collections::BTreeSet;

use csweek::catalog::{BUNDLED, Catalog};
use csweek::themes::PRESETS;

use crate::test::{Test, root};

/// The fields of an idea in the catalog files; `time`, which is optional, aside.
pub const FIELDS: [&str; 13] = [
    "id",
    "title",
    "summary",
    "category",
    "days",
    "cost",
    "duration_minutes",
    "modes",
    "audience",
    "lead_time_days",
    "prep",
    "off_queue",
    "source",
];

const FIXED_IDS: [&str; 35] = [
    "fall-festival",
    "raffle",
    "trick-or-trunk",
    "customer-thank-you-notes",
    "online-forum",
    "foosball-tournament",
    "mini-competitions",
    "catered-lunch",
    "kickoff-announcement",
    "open-house",
    "trade-places",
    "dress-up-day",
    "awards-ceremony",
    "picnic",
    "customer-video-testimonials",
    "customer-thank-you-messages",
    "training-kickoff",
    "year-in-review",
    "customer-appreciation-day",
    "skills-workshop",
    "social-media-spotlight",
    "feedback-survey",
    "feedback-review",
    "smart-goals",
    "customer-comments-wall",
    "story-circle",
    "metrics-celebration",
    "executive-proclamation",
    "thank-the-helpers",
    "public-praise",
    "happy-hour",
    "free-food",
    "coffee-with-a-rep",
    "gift-cards",
    "certificates",
];

#[test]
fn the_embedded_files_are_the_ideas_folder() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("ideas"))
        .unwrap()
        .map(|e| format!("ideas/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let embedded: BTreeSet<String> = BUNDLED
        .iter()
        .map(|(name, _)| (*name).to_string())
        .collect();
    assert_eq!(embedded, on_disk);
    for (name, text) in BUNDLED {
        assert_eq!(
            *text,
            std::fs::read_to_string(root().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn every_bundled_idea_spells_out_every_field() {
    for (name, text) in BUNDLED {
        let file: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let category = name.trim_start_matches("ideas/").trim_end_matches(".toml");
        for idea in file["idea"].as_array().unwrap() {
            let idea = idea.as_table().unwrap();
            // `time` is the one optional field: most ideas go by their category.
            let keys: BTreeSet<&str> = idea
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "time")
                .collect();
            assert_eq!(
                keys,
                FIELDS.into_iter().collect(),
                "{name}: {:?}",
                idea["id"]
            );
            assert_eq!(
                idea["category"].as_str(),
                Some(category),
                "{name}: {:?}",
                idea["id"]
            );
            assert!(!idea["summary"].as_str().unwrap().trim().is_empty());
        }
    }
}

#[test]
fn the_catalog_loads_and_holds_the_fixed_ids() {
    let catalog = Catalog::bundled().unwrap();
    assert!(catalog.ideas.len() >= 60, "{} ideas", catalog.ideas.len());
    for id in FIXED_IDS {
        assert!(catalog.get(id).is_some(), "{id} is missing");
    }
}

#[test]
fn every_preset_day_has_free_remote_ideas() {
    use csweek::catalog::Mode;
    let catalog = Catalog::bundled().unwrap();
    for preset in PRESETS {
        for (day, favours) in preset.days {
            let fitting = catalog
                .ideas
                .iter()
                .filter(|i| favours.contains(&i.category) && i.suits(Mode::Remote))
                .count();
            assert!(
                fitting >= 3,
                "{} {day}: {fitting} remote ideas",
                preset.name
            );
        }
    }
    let free = catalog
        .ideas
        .iter()
        .filter(|i| i.cost.for_team(1000).is_zero());
    for mode in [Mode::Onsite, Mode::Remote, Mode::Hybrid] {
        assert!(
            free.clone().filter(|i| i.suits(mode)).count() >= 14,
            "{mode}"
        );
    }
}

#[test]
fn a_bad_ideas_folder_is_reported_by_file_and_line() {
    Test::new()
        .file(
            "house/ideas.toml",
            "[[idea]]\nid = \"ours\"\ntitle = \"Ours\"\ncategory = \"fun\"\nduration_minutes = 30\nvibe = \"great\"\n",
        )
        .args(&["ideas", "--ideas", "house", "--json"])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: house/ideas.toml:6:1: unknown key `vibe`; expected one of `id`, `title`, `summary`, `category`, `days`, `cost`, `duration_minutes`, `modes`, `audience`, `lead_time_days`, `prep`, `off_queue`, `source` or `time`
  |
6 | vibe = \"great\"
  | ^^^^
",
        );
}

#[test]
fn a_house_idea_joins_the_plan() {
    let out = Test::new()
        .file(
            "house/ideas.toml",
            "[[idea]]\nid = \"our-bake-off\"\ntitle = \"Our Bake-off\"\ncategory = \"food\"\ndays = [\"wed\"]\nduration_minutes = 60\n",
        )
        .file("csweek.toml", "company = \"Acme\"\n[[pin]]\nday = \"wed\"\nidea = \"our-bake-off\"\n")
        .args(&["plan", "--ideas", "house", "--today", crate::test::TODAY])
        .run()
        .status(0)
        .stderr("");
    assert!(out.stdout.contains("Our Bake-off"));
}
