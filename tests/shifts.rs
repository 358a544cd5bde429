//! Shifts as the planner plans them: each shift in its own hours, with
//! times that suit it; day-long items shared; moments for everyone at a
//! handover or per shift; sessions sized for the group.

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde_json::Value;

use crate::test::{TODAY, Test, root};

/// The JSON plan of `config`, planned on [`TODAY`].
fn plan(config: &str) -> Value {
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY, "-f", "json"])
        .run()
        .status(0);
    serde_json::from_str(&out.stdout).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

/// Every activity, with its day's weekday.
fn activities(plan: &Value) -> Vec<(String, &Value)> {
    plan["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let weekday = d["weekday"].as_str().unwrap().to_string();
            d["activities"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |a| (weekday.clone(), a))
        })
        .collect()
}

fn at(moment: &Value) -> NaiveDateTime {
    let text = moment.as_str().unwrap();
    NaiveDateTime::parse_from_str(&text[..19], "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn shift_of(a: &Value) -> Option<&str> {
    a["shift"].as_str()
}

const NIGHT_TEAM: &str = r#"
company = "Owl Support"
budget = 2500
mode = "onsite"
coverage = 0.5

[[shift]]
name = "Day"
hours = "08:00-16:00"
team_size = 20

[[shift]]
name = "Night"
hours = "22:00-06:00"
team_size = 8
"#;

#[test]
fn every_live_activity_falls_inside_its_own_shift() {
    let plan = plan(&example("24x7-contact-centre.toml"));
    let shifts = plan["shifts"].as_array().unwrap();
    let hours = |name: &str| {
        let s = shifts.iter().find(|s| s["name"] == name).unwrap();
        let time =
            |key: &str| NaiveTime::parse_from_str(s[key].as_str().unwrap(), "%H:%M").unwrap();
        (time("start"), time("end"))
    };
    let mut per_shift_day = std::collections::BTreeMap::new();
    for (weekday, a) in activities(&plan) {
        let Some(shift) = shift_of(a) else {
            assert_eq!(a["all_day"], true, "{a}");
            continue;
        };
        *per_shift_day
            .entry((shift.to_string(), weekday))
            .or_insert(0) += 1;
        let (start, end) = hours(shift);
        let (from, to) = (at(&a["starts_at"]), at(&a["ends_at"]));
        let opens = from.date().and_time(start);
        // The shift opened on the activity's date, or (past midnight) the day before.
        let opens = if from < opens {
            opens - chrono::Duration::days(1)
        } else {
            opens
        };
        let closes =
            opens + chrono::Duration::minutes((end - start).num_minutes().rem_euclid(1440));
        let after_work = a["after_hours"] == true;
        assert!(
            opens <= from && (after_work || to <= closes),
            "{shift} {from}–{to} outside {opens}–{closes}: {}",
            a["id"]
        );
        assert!(
            !(after_work && shift != "Early"),
            "no outing after the Late or Night shift: {a}"
        );
    }
    // Two live activities for each shift on each of the five days.
    assert_eq!(per_shift_day.len(), 15, "{per_shift_day:?}");
    assert!(per_shift_day.values().all(|n| *n == 2), "{per_shift_day:?}");
}

#[test]
fn day_long_items_are_one_a_day_for_everyone() {
    let plan = plan(&example("24x7-contact-centre.toml"));
    for day in plan["days"].as_array().unwrap() {
        let shared: Vec<&Value> = day["activities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["shift"].is_null())
            .collect();
        assert_eq!(shared.len(), 1, "{}", day["date"]);
        let item = shared[0];
        assert_eq!(item["all_day"], true);
        assert_eq!(item["start"], "00:00");
        assert_eq!(item["end"], "00:00");
        // Counted once, for all 60 people: gift cards are 25 a head.
        if item["id"] == "gift-cards" {
            assert_eq!(item["cost"], "1500.00");
        }
    }
}

#[test]
fn a_night_shift_has_breakfast_before_it_goes_home_and_no_outing() {
    let config = format!(
        "{NIGHT_TEAM}\n[[pin]]\nday = \"mon\"\nidea = \"kickoff-breakfast\"\nshift = \"Night\"\n"
    );
    let plan = plan(&config);
    let breakfast = activities(&plan)
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a["id"] == "kickoff-breakfast" && a["shift"] == "Night")
        .unwrap()
        .clone();
    assert_eq!(breakfast["starts_at"], "2027-10-05T05:30:00");
    assert_eq!(breakfast["ends_at"], "2027-10-05T06:00:00");
    for (_, a) in activities(&plan) {
        if a["shift"] == "Night" {
            assert_eq!(a["after_hours"], false, "{a}");
        }
    }
}

#[test]
fn an_outing_pinned_after_a_night_shift_is_refused() {
    let config =
        format!("{NIGHT_TEAM}\n[[pin]]\nday = \"tue\"\nidea = \"happy-hour\"\nshift = \"Night\"\n");
    let out = Test::new()
        .file("csweek.toml", &config)
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2);
    assert!(
        out.stderr.contains(
            "the pinned idea `happy-hour` can't be planned: it follows the working day, and a night shift goes home to sleep"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn each_shift_eats_around_the_middle_of_its_shift() {
    let config = format!("{NIGHT_TEAM}\n[[pin]]\nday = \"wed\"\nidea = \"potluck\"\n");
    let plan = plan(&config);
    let meals: Vec<(&str, NaiveDateTime, NaiveDateTime)> = activities(&plan)
        .into_iter()
        .filter(|(_, a)| a["id"] == "potluck")
        .map(|(_, a)| (shift_of(a).unwrap(), at(&a["starts_at"]), at(&a["ends_at"])))
        .collect();
    assert_eq!(meals.len(), 2, "the pin goes to both shifts: {meals:?}");
    for (shift, from, to) in meals {
        let middle = from + (to - from) / 2;
        let wanted = if shift == "Day" { 12 } else { 2 };
        assert_eq!(middle.hour(), wanted, "{shift}: {from}–{to}");
    }
}

#[test]
fn a_moment_for_everyone_at_a_handover_says_so_and_else_per_shift() {
    let config = r#"
company = "Bluebird Helpdesk"
budget = 2000
mode = "remote"
coverage = 0

[[shift]]
name = "Early"
hours = "07:00-15:00"
team_size = 6

[[shift]]
name = "Late"
hours = "14:00-22:00"
team_size = 6
days = ["tue"]

[[pin]]
day = "mon"
idea = "metrics-celebration"
shift = "Early"

[[pin]]
day = "tue"
idea = "awards-ceremony"
"#;
    let plan = plan(config);
    let find = |day: &str, id: &str, shift: &str| {
        activities(&plan)
            .into_iter()
            .find(|(d, a)| d == day && a["id"] == id && a["shift"] == shift)
            .map(|(_, a)| a.clone())
            .unwrap()
    };
    // Tuesday: both shifts are at work from 14:00 to 15:00, and the hour
    // holds the ceremony: Early's at its end, Late's at its start, one
    // gathering, its fixed cost paid once.
    let early = find("Tuesday", "awards-ceremony", "Early");
    let late = find("Tuesday", "awards-ceremony", "Late");
    assert_eq!(
        (&early["start"], &early["end"]),
        (&"14:00".into(), &"15:00".into())
    );
    assert_eq!(
        (&late["start"], &late["end"]),
        (&"14:00".into(), &"15:00".into())
    );
    assert!(
        early["why"].as_str().unwrap().ends_with(
            " It is held at the handover, one gathering with the Late shift's at the same time."
        ),
        "{early}"
    );
    assert!(
        late["why"].as_str().unwrap().ends_with(
            " It is held at the handover, one gathering with the Early shift's at the same time; its fixed cost is paid there, once."
        ),
        "{late}"
    );
    assert_eq!(
        (&early["cost"], &late["cost"]),
        (&"300.00".into(), &"0.00".into())
    );
    let tuesday = &plan["days"][1];
    let listed: i64 = tuesday["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| crate::json::cents(a["cost"].as_str().unwrap()))
        .sum();
    assert_eq!(
        crate::json::cents(tuesday["cost"].as_str().unwrap()),
        listed
    );
    // Monday: the Late shift is off, so the Early shift's celebration at
    // the end of its day is its own.
    let monday = find("Monday", "metrics-celebration", "Early");
    let why = monday["why"].as_str().unwrap();
    assert!(
        why.ends_with(
            " No other shift has it, and none is at work for all of it: it is this shift's own."
        ) || why.ends_with(
            " Each shift that has it holds its own, in its own hours (also Late on Tuesday)."
        ),
        "{monday}"
    );
}

#[test]
fn sessions_follow_the_group_size_and_are_worded() {
    let config = r#"
company = "Remote Co"
budget = 5000
team_size = 20
mode = "remote"
coverage = 0

[[pin]]
day = "thu"
idea = "virtual-escape-room"
"#;
    let plan = plan(config);
    let room = activities(&plan)
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a["id"] == "virtual-escape-room")
        .unwrap()
        .clone();
    // 20 people, 8 a room: 3 sessions, priced per session.
    assert_eq!(room["sessions"], 3);
    assert_eq!(room["session_size"], 7);
    assert_eq!(room["cost"], "480.00");
    assert_eq!(room["waves"].as_array().unwrap().len(), 3);
    assert!(
        room["why"]
            .as_str()
            .unwrap()
            .contains("book 3 sessions of up to 8 people"),
        "{room}"
    );
}

#[test]
fn an_idea_that_needs_too_many_sessions_is_left_out_with_a_note() {
    let plan = plan("company = \"Big Co\"\nteam_size = 40\n");
    let notes: Vec<&str> = plan["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes.contains(
            &"Left out 1 idea that would need more than 8 sessions a day to take everyone: Coffee With an Agent."
        ),
        "{notes:?}"
    );
    assert!(
        activities(&plan)
            .iter()
            .all(|(_, a)| a["id"] != "coffee-with-a-rep")
    );
}

#[test]
fn a_tiny_team_never_runs_waves_of_one() {
    let plan = plan("company = \"Two of Us\"\nteam_size = 2\ncoverage = 0.5\nbudget = 300\n");
    for (_, a) in activities(&plan) {
        if a["sessions"].as_u64().unwrap() > 1 {
            assert!(a["session_size"].as_u64().unwrap() > 1, "{a}");
        }
    }
    let notes = plan["notes"].to_string();
    assert!(notes.contains("or frees one person at a time"), "{notes}");
}

#[test]
fn too_few_day_long_items_is_a_clear_error() {
    let config = r#"
company = "X"
mode = "remote"
include_customers = false
exclude = ["donation-drive", "step-challenge", "wellness-kit", "meal-vouchers", "pajama-day", "mini-competitions", "kickoff-announcement", "welcome-kits", "service-pledge", "executive-proclamation", "leader-notes", "gift-cards", "public-praise", "company-wide-kudos", "improvement-ideas"]

[[shift]]
name = "A"
hours = "08:00-16:00"
team_size = 5
"#;
    Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2)
        .stderr(
            "error: cannot plan the week from csweek.toml\ncaused by: with shifts, each day has a day-long item that every shift shares (an idea with `all_day = true`), so the week needs 5, but only 1 suits this config; remove some `exclude` entries, or add day-long ideas of your own\n",
        );
}

#[test]
fn the_budgets_note_names_the_shifts_an_idea_was_kept_out_for() {
    let plan = plan(&example("24x7-contact-centre.toml"));
    let kept = &plan["budget"]["kept_out"]["ideas"];
    for idea in kept.as_array().unwrap() {
        let shifts = idea["shifts"].as_array().unwrap();
        // Day-long items are for everyone; live ones name their shifts.
        let planned_live = activities(&plan)
            .iter()
            .any(|(_, a)| a["id"] == idea["id"] && !a["shift"].is_null());
        assert!(!(planned_live && shifts.is_empty()), "{idea}");
        for shift in shifts {
            assert!(
                activities(&plan)
                    .iter()
                    .all(|(_, a)| !(a["id"] == idea["id"] && a["shift"] == *shift)),
                "{idea} is kept out for {shift} yet planned for it"
            );
        }
    }
}

#[test]
fn one_shifts_plan_has_nothing_on_its_days_off() {
    let out = Test::new()
        .file("csweek.toml", example("two-shift-hybrid.toml"))
        .args(&["plan", "--today", TODAY, "-f", "json", "--shift", "late"])
        .run()
        .status(0);
    let plan: Value = serde_json::from_str(&out.stdout).unwrap();
    let monday = &plan["days"][0];
    assert_eq!(monday["weekday"], "Monday");
    assert_eq!(monday["activities"], Value::Array(Vec::new()), "{monday}");
    assert_eq!(monday["cost"], "0.00");
    // On the days it works, its own activities and the shared items.
    for day in &plan["days"].as_array().unwrap()[1..] {
        let shifts: Vec<&Value> = day["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| &a["shift"])
            .collect();
        assert_eq!(
            shifts,
            [&Value::Null, &"Late".into(), &"Late".into()],
            "{day}"
        );
    }
}

#[test]
fn the_ideas_listing_shows_costs_per_session() {
    let out = Test::new()
        .args(&["ideas", "show", "virtual-escape-room"])
        .run()
        .status(0);
    assert!(
        out.stdout.contains(
            "cost:       0.00 fixed + 0.00 per person + 160.00 per session\ngroup size: 8 people a session\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_pin_without_a_shift_goes_to_the_shifts_it_suits() {
    let config = r#"
company = "Owl Support"
budget = 2500
mode = "onsite"

[[shift]]
name = "Day"
hours = "08:00-16:00"
team_size = 20

[[shift]]
name = "Late"
hours = "14:00-22:00"
team_size = 10

[[shift]]
name = "Night"
hours = "22:00-06:00"
team_size = 8

[[pin]]
day = "mon"
idea = "kickoff-breakfast"
"#;
    let plan = plan(config);
    let breakfasts: Vec<(&str, &str)> = activities(&plan)
        .into_iter()
        .filter(|(_, a)| a["id"] == "kickoff-breakfast")
        .map(|(_, a)| (shift_of(a).unwrap(), a["start"].as_str().unwrap()))
        .collect();
    // Not the late shift, which is not at work in the morning.
    assert_eq!(breakfasts, [("Day", "08:00"), ("Night", "05:30")]);
    // A shift that suits none of them is refused, with the reason.
    let night_only = "company = \"Owl Support\"\n\n[[shift]]\nname = \"Night\"\nhours = \"22:00-06:00\"\nteam_size = 8\n\n[[pin]]\nday = \"wed\"\nidea = \"customer-panel\"\n";
    let out = Test::new()
        .file("csweek.toml", night_only)
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2);
    assert!(
        out.stderr.contains(
            "the pinned idea `customer-panel` can't be planned: it belongs in the afternoon, when the shift is not at work"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn two_shifts_with_an_idea_at_the_same_time_have_one_gathering() {
    let config = r#"
company = "Two Shift Co"
budget = 3000
mode = "onsite"

[[shift]]
name = "Day"
hours = "08:00-17:00"
team_size = 20

[[shift]]
name = "Evening"
hours = "15:00-00:00"
team_size = 12

[[pin]]
day = "wed"
idea = "customer-panel"
"#;
    let plan = plan(config);
    let panels: Vec<(&str, &str, &str, &str)> = activities(&plan)
        .into_iter()
        .filter(|(_, a)| a["id"] == "customer-panel")
        .map(|(_, a)| {
            let why = a["why"].as_str().unwrap();
            let said = why.rsplit_once(". ").map_or(why, |(_, last)| last);
            (
                shift_of(a).unwrap(),
                a["start"].as_str().unwrap(),
                a["cost"].as_str().unwrap(),
                said,
            )
        })
        .collect();
    assert_eq!(
        panels,
        [
            (
                "Day",
                "15:00",
                "60.00",
                "Both shifts are at work then: it is one gathering with the Evening shift's at the same time."
            ),
            (
                "Evening",
                "15:00",
                "0.00",
                "Both shifts are at work then: it is one gathering with the Day shift's at the same time; its fixed cost is paid there, once."
            ),
        ]
    );
}
