//! Fuzzing without a nightly toolchain: proptest writes arbitrary configs,
//! well-formed TOML of every type in every key and broken text alike, and
//! each one goes through reading, checking, planning and every renderer;
//! and arbitrary templates, rendered against a plan. Nothing may panic; the
//! planner's work limits keep every case finite.
//!
//! The suite runs a few dozen cases; a longer run is
//! `FUZZ_CASES=20000 cargo test --release --test integration fuzz`.
//! Cases that ever failed are kept in `proptest-regressions/` and run first.

use std::path::Path;

use chrono::NaiveDate;
use csweek::catalog::Catalog;
use csweek::config::Config;
use csweek::render::{self, Format, UserTemplate};
use proptest::prelude::*;
use toml::{Table, Value};

/// Text of every kind: keywords csweek knows, hostile text, anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Acme",
            "remote",
            "hybrid",
            "onsite",
            "mon",
            "Friday",
            "mon-sun",
            "icsa",
            "playful",
            "09:00-17:00",
            "22:00-23:30",
            "America/Chicago",
            "Asia/Kathmandu",
            "USD",
            "EUR",
            "raffle",
            "catered-lunch",
            "trivia",
            "food",
            "fun",
            "midday",
            "end-of-day",
            "team",
            "customers",
            "12.50",
            "0",
            "1e9",
            "<script>alert(1)</script>",
            "| a | b |",
            "BEGIN:VEVENT\nEND:VCALENDAR",
            "$(rm -rf ~)",
            "\u{202e}txet",
            "שלום",
            "🎉",
            "",
        ])
        .prop_map(str::to_string),
        "\\PC{0,24}",
        ".{0,8}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        (-5i64..400).prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        (0.0f64..2.0).prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 12, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..4)
                .prop_map(|m| Value::Table(m.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-z_]{1,10}",
    ]
}

const KEYS: &[&str] = &[
    "theme",
    "year",
    "budget",
    "currency",
    "team_size",
    "mode",
    "include_customers",
    "days",
    "hours",
    "timezone",
    "activities_per_day",
    "coverage",
    "day_themes",
    "exclude",
];

fn strings(words: &[&'static str]) -> impl Strategy<Value = Value> + use<> {
    prop::sample::select(words.to_vec()).prop_map(|w| Value::String(w.to_string()))
}

/// A value `key` accepts, mostly; now and then one of any type.
fn value_for(key: &'static str) -> BoxedStrategy<Value> {
    let sound: BoxedStrategy<Value> = match key {
        "year" => (2020i64..2040).prop_map(Value::Integer).boxed(),
        "budget" => prop_oneof![
            (0i64..20_000).prop_map(Value::Integer),
            (0.0f64..5000.0).prop_map(|v| Value::Float((v * 100.0).round() / 100.0)),
            strings(&["12.50", "0", "999999.99"]),
        ]
        .boxed(),
        "currency" => strings(&["USD", "EUR", "JPY"]).boxed(),
        "team_size" => prop_oneof![1i64..300, Just(100_000i64)]
            .prop_map(Value::Integer)
            .boxed(),
        "mode" => strings(&["onsite", "remote", "hybrid"]).boxed(),
        "include_customers" => any::<bool>().prop_map(Value::Boolean).boxed(),
        "days" => strings(&["mon-fri", "mon-sun"]).boxed(),
        "hours" => strings(&["09:00-17:00", "07:30-16:00", "22:00-23:30", "00:00-23:59"]).boxed(),
        "timezone" => strings(&["America/Chicago", "Asia/Kathmandu", "Pacific/Chatham"]).boxed(),
        "activities_per_day" => (1i64..=6).prop_map(Value::Integer).boxed(),
        "coverage" => (0.0f64..=1.0).prop_map(Value::Float).boxed(),
        "day_themes" => prop_oneof![
            strings(&["icsa", "educate", "playful"]),
            prop::collection::vec(text().prop_map(Value::String), 5).prop_map(Value::Array),
        ]
        .boxed(),
        "exclude" => prop::collection::vec(strings(IDS), 0..4)
            .prop_map(Value::Array)
            .boxed(),
        _ => text().prop_map(Value::String).boxed(),
    };
    prop_oneof![19 => sound, 1 => value()].boxed()
}

const IDS: &[&str] = &[
    "fall-festival",
    "picnic",
    "stretch-break",
    "trick-or-trunk",
    "donation-drive",
    "house-1",
    "house-2",
];

/// An `[[idea]]` table: its real fields, with values of any type.
fn idea() -> impl Strategy<Value = Value> {
    let mut names = crate::assets::FIELDS.to_vec();
    names.push("time");
    let fields = prop::sample::subsequence(names, 0..=14);
    let sound = (
        prop_oneof![
            strings(&["house-1", "house-2", "picnic"]),
            "[a-z]{1,6}(-[a-z0-9]{1,4}){0,2}".prop_map(Value::String)
        ],
        text(),
        prop::sample::select(vec!["food", "fun", "kickoff", "recognition"]),
        5i64..480,
        (0i64..2000, 0i64..60),
        0i64..60,
    )
        .prop_map(|(id, title, category, minutes, (fixed, each), lead)| {
            let mut t = Table::new();
            t.insert("id".into(), id);
            t.insert("title".into(), Value::String(title));
            t.insert("category".into(), Value::String(category.into()));
            t.insert("duration_minutes".into(), Value::Integer(minutes));
            let mut cost = Table::new();
            cost.insert("fixed".into(), Value::Integer(fixed));
            cost.insert("per_person".into(), Value::Integer(each));
            t.insert("cost".into(), Value::Table(cost));
            t.insert("lead_time_days".into(), Value::Integer(lead));
            Value::Table(t)
        });
    let wild = (fields, prop::collection::vec(value(), 14)).prop_map(|(fields, values)| {
        Value::Table(
            fields
                .into_iter()
                .zip(values)
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    });
    prop_oneof![12 => sound, 1 => wild]
}

fn pin() -> impl Strategy<Value = Value> {
    let day = prop_oneof![12 => strings(&["mon", "tue", "wed", "sat", "Friday"]), 1 => value()];
    let idea = prop_oneof![12 => strings(IDS), 1 => value()];
    (day, idea).prop_map(|(day, idea)| {
        let mut t = Table::new();
        t.insert("day".into(), day);
        t.insert("idea".into(), idea);
        Value::Table(t)
    })
}

/// A whole config: well-formed TOML, or that TOML with a few characters
/// of damage.
fn config() -> impl Strategy<Value = String> {
    let keys = prop::sample::subsequence(KEYS, 0..=KEYS.len()).prop_flat_map(|keys| {
        keys.into_iter()
            .map(|k| value_for(k).prop_map(move |v| (k.to_string(), v)))
            .collect::<Vec<_>>()
    });
    let table = (
        text(),
        keys,
        prop_oneof![9 => Just(Vec::new()), 1 => prop::collection::vec((key(), value()), 1)],
        prop::collection::vec(idea(), 0..3),
        prop::collection::vec(pin(), 0..3),
    )
        .prop_map(|(company, keys, stray, ideas, pins)| {
            let mut t: Table = keys.into_iter().collect();
            t.extend(stray);
            t.entry("company").or_insert(Value::String(company));
            if !ideas.is_empty() {
                t.insert("idea".into(), Value::Array(ideas));
            }
            if !pins.is_empty() {
                t.insert("pin".into(), Value::Array(pins));
            }
            toml::to_string(&t).unwrap_or_default()
        });
    let damage = prop_oneof![
        9 => Just(Vec::new()),
        1 => prop::collection::vec((any::<usize>(), ".{1,3}"), 1..3),
    ];
    (table, damage).prop_map(|(mut text, damage)| {
        for (at, junk) in damage {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &junk);
        }
        text
    })
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

/// Reads, checks, plans and renders `text`, as `check` and `plan` do.
fn run(text: &str, today: NaiveDate) {
    let path = Path::new("fuzz.toml");
    let (checked, problems) = Config::check(path, text.to_string(), 100);
    let parsed = Config::parse(path, text.to_string());
    assert_eq!(
        parsed.is_ok(),
        problems.is_empty() && checked.is_some(),
        "`check` and `plan` agree on whether the config is sound"
    );
    let Ok(config) = parsed else { return };
    let mut catalog = Catalog::bundled().unwrap();
    let mut problems = csweek::source::Problems::new(100);
    config.add_ideas_to(&mut catalog, &mut problems);
    if !problems.is_empty() || config.check_against(&catalog).is_err() {
        return;
    }
    let Ok(plan) = csweek::make_plan(&config, &catalog, today, None, Some(7), None) else {
        return;
    };
    for format in [Format::Md, Format::Html, Format::Json, Format::Ics] {
        let stamp = chrono::DateTime::UNIX_EPOCH;
        let out = render::render(&plan, format, None, stamp).expect("a plan always renders");
        assert!(!out.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_config_is_read_checked_planned_and_rendered_without_panic(
        text in config(),
        day in 0u32..3000,
    ) {
        let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day.into());
        run(&text, today);
    }
}

/// Template text: mostly well-formed statements and blocks over the plan's
/// names, with a piece of broken syntax now and then.
fn template() -> impl Strategy<Value = String> {
    let statement = (
        prop::sample::select(vec![
            "company",
            "week.start",
            "days[0].date",
            "d.date",
            "budget.total",
            "prep[0].due",
            "days[9]",
            "x",
        ]),
        prop::sample::select(vec![
            "",
            " | md",
            " | upper",
            " | date(\"%A %-d %B\")",
            " | date(\"%Q\")",
            " | date(\"%\")",
            " | date()",
        ]),
    )
        .prop_map(|(name, filter)| format!("{{{{ {name}{filter} }}}}"));
    let unit = statement.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|body| format!("{{% for d in days %}}{}{{% endfor %}}", body.concat())),
            prop::collection::vec(inner, 0..3).prop_map(|body| format!(
                "{{% if notes %}}{}{{% else %}}-{{% endif %}}",
                body.concat()
            )),
        ]
    });
    let broken = prop::sample::select(vec![
        "{{ ",
        " }}",
        "{% ",
        " %}",
        "{# ",
        "{% endfor %}",
        "{% macro m() %}",
        "{% include 'x' %}",
        "{{ range(99999999) | length }}",
        "\"",
        "\n",
    ])
    .prop_map(str::to_string);
    let piece = prop_oneof![8 => unit, 1 => broken, 1 => ".{0,6}"];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_template_renders_or_fails_without_panic(source in template(), html in any::<bool>()) {
        let config = Config::parse(Path::new("fuzz.toml"), "company = \"Acme\"\nbudget = 500\n".to_string()).unwrap();
        let catalog = Catalog::bundled().unwrap();
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let plan = csweek::make_plan(&config, &catalog, today, None, Some(7), None).unwrap();
        let format = if html { Format::Html } else { Format::Md };
        let user = UserTemplate {
            path: "fuzz.j2".into(),
            format,
            source,
        };
        let _ = render::render(&plan, format, Some(&user), chrono::DateTime::UNIX_EPOCH);
    }
}
