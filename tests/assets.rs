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
            // `time` and the fields for shifts and sessions are optional:
            // most ideas go by their category, live, everyone at once.
            let keys: BTreeSet<&str> = idea
                .keys()
                .map(String::as_str)
                .filter(|k| !["time", "group_size", "all_day", "together"].contains(k))
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

/// Words that give a count.
const COUNTS: [&str; 13] = [
    "one", "two", "three", "four", "five", "six", "both", "single", "double", "second", "pair",
    "couple", "half",
];

/// What a queue-leaving idea is split into while the rest stay on the queue.
const RUNS: [&str; 16] = [
    "wave", "waves", "session", "sessions", "round", "rounds", "sitting", "sittings", "shift",
    "shifts", "slot", "slots", "batch", "batches", "call", "calls",
];

/// The words of `text` that promise how many times an idea runs ("two
/// waves", "run it twice", "half the team"), if any: the planner decides
/// that from the team's size and `coverage`, and the plan gives the times.
fn promised_count(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if ["twice", "thrice"].contains(word) {
            return Some((*word).to_string());
        }
        if *word == "half" && words.get(i + 1..i + 3) == Some(&["the", "team"]) {
            return Some("half the team".to_string());
        }
        let is_count = COUNTS.contains(word) || word.parse::<u32>().is_ok();
        // The noun may follow at once or after one word: "two seating waves".
        let noun = words[i + 1..words.len().min(i + 3)]
            .iter()
            .position(|w| RUNS.contains(w));
        if let (true, Some(n)) = (is_count, noun) {
            return Some(words[i..=i + 1 + n].join(" "));
        }
    }
    None
}

#[test]
fn a_count_of_runs_is_told_from_other_numbers() {
    for text in [
        "served in two waves so the queue stays covered",
        "Confirm the headcount and the two seating waves",
        "Run it twice so the queue stays covered",
        "Hold rounds so half the team can stay on the queue",
        "Send calendar invites for two kick-off sessions",
        "run the queue in 2 shifts",
        "hold a second sitting",
    ] {
        assert!(promised_count(text).is_some(), "{text:?} promises a count");
    }
    for text in [
        "Collect dietary needs two weeks ahead",
        "with early rounds played in breaks",
        "Invite two or three key customers to a 45-minute video session",
        "Repeat it so every shift can join",
        "served in as many waves as keep the queue covered",
        "a first half-hour chat",
    ] {
        assert_eq!(promised_count(text), None, "{text:?}");
    }
}

#[test]
fn no_bundled_idea_promises_how_many_waves_it_runs_in() {
    let catalog = Catalog::bundled().unwrap();
    let mut promises = Vec::new();
    for idea in &catalog.ideas {
        let texts = std::iter::once(("summary", idea.summary.as_str()))
            .chain(idea.prep.iter().map(|p| ("prep", p.task.as_str())));
        for (field, text) in texts {
            if let Some(words) = promised_count(text) {
                promises.push(format!("{} ({field}): {words:?} in {text:?}", idea.id));
            }
        }
    }
    assert!(
        promises.is_empty(),
        "the planner picks how many waves an idea runs in (from the team size and `coverage`) and the plan names them; \
         say \"as many as the plan lists\" instead of a count:\n{}",
        promises.join("\n")
    );
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
            "error: house/ideas.toml:6:1: unknown key `vibe`; expected one of `id`, `title`, `summary`, `category`, `days`, `cost`, `duration_minutes`, `modes`, `audience`, `lead_time_days`, `prep`, `off_queue`, `source`, `time`, `group_size`, `all_day` or `together`
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
