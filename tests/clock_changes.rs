//! Weeks in which the clocks change: every time exists, every activity
//! lasts as long as planned, and every format shows the same times.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, Offset, TimeZone};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};

use crate::json::Plan;
use crate::test::Test;

/// Lord Howe Island's clocks go from 02:00 to 02:30 on Sunday 7 October
/// 2029, the last day of a week planned Monday to Sunday; the pins put a
/// meal in waves across the change. The second config opens the day inside it.
const LORD_HOWE: &str = "company = \"Acme\"\nyear = 2029\ndays = \"mon-sun\"\n\
     timezone = \"Australia/Lord_Howe\"\nbudget = 1000\n\
     [[pin]]\nday = \"sun\"\nidea = \"catered-lunch\"\n\
     [[pin]]\nday = \"sun\"\nidea = \"games-afternoon\"\n";

struct Formats {
    json: Plan,
    md: String,
    html: String,
    ics: String,
}

fn formats(config: &str) -> Formats {
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", "2029-06-01", "-o", "plan.json"])
        .run()
        .status(0);
    let render = |format: &str| {
        Test::new()
            .file("csweek.toml", config)
            .args(&["plan", "--today", "2029-06-01", "-f", format])
            .run()
            .status(0)
            .stdout
    };
    Formats {
        json: serde_json::from_str(&out.read("plan.json")).unwrap(),
        md: render("md"),
        html: render("html"),
        ics: render("ics"),
    }
}

/// Each planned event (an activity, or each of its waves): its UID, its
/// local times and its date-times.
fn events(plan: &Plan) -> Vec<(String, String, String, String, String)> {
    let mut events = Vec::new();
    for activity in plan.days.iter().flat_map(|d| &d.activities) {
        if activity.waves.is_empty() {
            events.push((
                activity
                    .uid
                    .clone()
                    .expect("an activity in one go has a UID"),
                activity.start.clone(),
                activity.end.clone(),
                activity.starts_at.clone(),
                activity.ends_at.clone(),
            ));
        }
        for wave in &activity.waves {
            events.push((
                wave.uid.clone(),
                wave.start.clone(),
                wave.end.clone(),
                wave.starts_at.clone(),
                wave.ends_at.clone(),
            ));
        }
    }
    events
}

/// Every "09:00–10:30" in a text.
fn time_ranges(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let time = |s: &[char]| {
        s.len() == 5 && s[2] == ':' && [0, 1, 3, 4].iter().all(|&i| s[i].is_ascii_digit())
    };
    (0..chars.len().saturating_sub(10))
        .filter(|&i| time(&chars[i..i + 5]) && chars[i + 5] == '–' && time(&chars[i + 6..i + 11]))
        .map(|i| chars[i..i + 11].iter().collect())
        .collect()
}

fn date_time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn a_half_hour_clock_change_moves_nothing_into_its_gap_nor_changes_a_length() {
    let zone = chrono_tz::Australia::Lord_Howe;
    let ideas: Vec<serde_json::Value> = serde_json::from_str(
        &Test::new()
            .args(&["ideas", "--json"])
            .run()
            .status(0)
            .stdout,
    )
    .unwrap();
    let minutes = |id: &str| {
        ideas.iter().find(|i| i["id"] == id).unwrap()["duration_minutes"]
            .as_i64()
            .unwrap()
    };
    for hours in ["01:00-09:00", "02:00-10:00"] {
        let config = format!("hours = \"{hours}\"\n{LORD_HOWE}");
        let out = formats(&config);
        let events = events(&out.json);
        for (uid, start, end, starts_at, ends_at) in &events {
            for (time, at) in [(start, starts_at), (end, ends_at)] {
                let at = date_time(at);
                let local = at.naive_local();
                // The time exists on the island's clocks, at that offset.
                let there = zone
                    .from_local_datetime(&local)
                    .earliest()
                    .unwrap_or_else(|| panic!("{hours}: {uid} at {local}, a time that never was"));
                assert_eq!(there.offset().fix(), *at.offset(), "{hours}: {uid}");
                assert_eq!(&local.format("%H:%M").to_string(), time, "{hours}: {uid}");
            }
        }
        for day in &out.json.days {
            for activity in &day.activities {
                let length = minutes(&activity.id);
                let spans: Vec<(&str, &str)> = if activity.waves.is_empty() {
                    vec![(&activity.starts_at, &activity.ends_at)]
                } else {
                    activity
                        .waves
                        .iter()
                        .map(|w| (w.starts_at.as_str(), w.ends_at.as_str()))
                        .collect()
                };
                for (from, to) in spans {
                    assert_eq!(
                        (date_time(to) - date_time(from)).num_minutes(),
                        length,
                        "{hours}: {} from {from} to {to}",
                        activity.id
                    );
                }
            }
        }
        let sunday = &out.json.days[6].activities;
        assert!(sunday.iter().any(|a| a.id == "catered-lunch"), "{hours}");
        // Markdown and HTML show the same times as the JSON, no others.
        let ranges: BTreeSet<String> = out
            .json
            .days
            .iter()
            .flat_map(|d| &d.activities)
            .flat_map(|a| {
                std::iter::once(format!("{}–{}", a.start, a.end))
                    .chain(a.waves.iter().map(|w| format!("{}–{}", w.start, w.end)))
            })
            .collect();
        assert_eq!(time_ranges(&out.md), ranges, "{hours}: Markdown");
        assert_eq!(time_ranges(&out.html), ranges, "{hours}: HTML");
        // The calendar's events are at the same instants.
        let calendar: Calendar = out.ics.parse().unwrap();
        for (uid, _, _, starts_at, ends_at) in &events {
            let event = calendar
                .events()
                .find(|e| e.get_uid() == Some(uid))
                .unwrap_or_else(|| panic!("{hours}: no event {uid}"));
            let utc =
                |at: &str| DatePerhapsTime::DateTime(CalendarDateTime::Utc(date_time(at).to_utc()));
            assert_eq!(event.get_start(), Some(utc(starts_at)), "{hours}: {uid}");
            assert_eq!(event.get_end(), Some(utc(ends_at)), "{hours}: {uid}");
        }
    }
}

/// A day that loses half an hour to the clocks holds half an hour less:
/// what runs in its hours ends by its closing time, and pins that would
/// fill a usual day are refused.
#[test]
fn a_day_the_clocks_shorten_holds_half_an_hour_less() {
    let config = "company = \"Acme\"\nyear = 2029\ndays = \"mon-sun\"\n\
         timezone = \"Australia/Lord_Howe\"\nbudget = 1000\nhours = \"01:00-02:45\"\n\
         coverage = 0\nactivities_per_day = 1\n";
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", "2029-06-01", "-f", "json"])
        .run()
        .status(0);
    let plan: Plan = serde_json::from_str(&out.stdout).unwrap();
    for activity in plan.days[6]
        .activities
        .iter()
        .filter(|a| a.start.as_str() < "02:45")
    {
        assert!(
            date_time(&activity.ends_at)
                .naive_local()
                .format("%H:%M")
                .to_string()
                .as_str()
                <= "02:45",
            "{} ends at {}",
            activity.id,
            activity.ends_at
        );
    }
    let pinned = format!("{config}[[pin]]\nday = \"sun\"\nidea = \"games-afternoon\"\n");
    let out = Test::new()
        .file("csweek.toml", &pinned)
        .args(&["plan", "--today", "2029-06-01", "-o", "plan.md"])
        .run()
        .status(2)
        .stderr(
            "error: csweek.toml:11:8: the idea pinned to Sunday takes 90 minutes, more than the \
             75 minutes `hours` hold that day, when the clocks go forward 30 minutes\n   |\n\
             11 | idea = \"games-afternoon\"\n   |        ^^^^^^^^^^^^^^^^^\n",
        );
    assert_eq!(out.files(), ["csweek.toml"], "nothing written");
}

/// The plan says on which day the clocks change, when and by how much, and
/// says nothing of clocks in a week without a change.
#[test]
fn the_plan_names_the_clock_change() {
    let notes = |config: &str, today: &str| {
        let out = Test::new()
            .file("csweek.toml", config)
            .args(&["plan", "--today", today, "-f", "json"])
            .run()
            .status(0);
        serde_json::from_str::<Plan>(&out.stdout).unwrap().notes
    };
    let lord_howe = notes(
        &format!("hours = \"01:00-09:00\"\n{LORD_HOWE}"),
        "2029-06-01",
    );
    assert!(
        lord_howe.contains(
            &"On Sunday 7 October the clocks go forward 30 minutes at 02:00 (Australia/Lord_Howe); \
              the times in this plan are as the clocks read."
                .to_string()
        ),
        "{lord_howe:?}"
    );
    let paris = notes(
        "company = \"Acme\"\ntimezone = \"Europe/Paris\"\n",
        "2026-06-01",
    );
    assert!(!paris.iter().any(|n| n.contains("clocks")), "{paris:?}");
}
