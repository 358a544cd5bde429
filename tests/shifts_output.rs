//! Plans with `[[shift]]` tables, as organisers read them: each day's items
//! for every shift, then each shift's timetable in its own hours (a night
//! shift's times past midnight saying so), in Markdown, HTML and the
//! calendar; and `--shift NAME`, one shift's plan in every format.

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};

use crate::test::{SHIFT_EXAMPLES, TODAY, Test, root};

// The plan's JSON as its contract reads it.
use crate::json::{Activity, Plan as Agenda};

impl Activity {
    /// Whether it ends on a later date than `date`, the day it is listed on.
    pub fn ends_after(&self, date: &str) -> bool {
        self.ends_at[..10] > *date
    }
}

/// The example's config.
pub fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

/// `csweek plan` of `config` with `args`, succeeding, its standard output.
pub fn plan(config: &str, args: &[&str]) -> String {
    let mut all = vec!["plan", "csweek.toml", "--today", TODAY];
    all.extend_from_slice(args);
    Test::new()
        .file("csweek.toml", config)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .args(&all)
        .run()
        .status(0)
        .stderr("")
        .stdout
}

/// The plan of `config` as JSON, read.
pub fn agenda(config: &str, args: &[&str]) -> Agenda {
    let mut all = vec!["-f", "json"];
    all.extend_from_slice(args);
    let json = plan(config, &all);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

/// A shift as headings name it: "Night shift".
fn shift_name(name: &str) -> String {
    if name.to_lowercase().ends_with("shift") {
        name.to_string()
    } else {
        format!("{name} shift")
    }
}

/// The lines of a day's section in the Markdown that say what happens
/// when: headings, titles, times, waves and a shift's day off.
fn timetable(md: &str, day: &str) -> Vec<String> {
    let start = md
        .find(&format!("\n## {day}\n"))
        .unwrap_or_else(|| panic!("no section {day}\n{md}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end]
        .lines()
        .filter(|l| {
            l.starts_with('#')
                || l.starts_with("- **")
                || l.starts_with("  Waves: ")
                || l.starts_with("  All day · ")
                || l.starts_with("Off on ")
                || l.starts_with("Nothing planned")
                || (l.starts_with("  ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(String::from)
        .collect()
}

#[test]
fn the_24x7_markdown_lists_the_shifts_then_each_days_timetable_by_shift() {
    let md = plan(&example("24x7-contact-centre.toml"), &["-f", "md"]);
    assert!(
        md.contains(
            "- **Team:** 60 people, onsite, in 3 shifts (America/Chicago):\n\
             \x20 - **Early shift:** 06:00–14:30, 24 people\n\
             \x20 - **Late shift:** 14:00–22:30, 22 people\n\
             \x20 - **Night shift:** 22:00–06:30 (next day), 14 people\n\
             - **Budget:** 4500.00 USD; "
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "| Day | Theme | All day, every shift | Early shift | Late shift | Night shift | Cost |\n\
             | --- | --- | --- | --- | --- | --- | ---: |\n"
        ),
        "{md}"
    );
    // Tuesday: the night shift's second activity starts after midnight.
    assert_eq!(
        timetable(&md, "Tuesday 5 October"),
        [
            "## Tuesday 5 October",
            "### All day, every shift",
            "- **Customer Appreciation Day**",
            "  All day · customers · free",
            "### Early shift, 06:00–14:30",
            "- **Leader Thank-you Rounds**",
            "  07:30–08:00 · leadership · free",
            "- **Open Listening Session**",
            "  09:30–12:30 · leadership · free",
            "  Waves: 09:30–10:15, 10:15–11:00, 11:00–11:45, 11:45–12:30.",
            "### Late shift, 14:00–22:30",
            "- **Leader Thank-you Rounds**",
            "  15:30–16:00 · leadership · free",
            "- **Open Listening Session**",
            "  17:30–20:30 · leadership · free",
            "  Waves: 17:30–18:15, 18:15–19:00, 19:00–19:45, 19:45–20:30.",
            "### Night shift, 22:00–06:30 (next day)",
            "- **Leader Thank-you Rounds**",
            "  23:30–00:00 (next day) · leadership · free",
            "- **Open Listening Session**",
            "  01:30–04:30 (next day) · leadership · free",
            "  Waves: 01:30–02:15, 02:15–03:00, 03:00–03:45, 03:45–04:30.",
        ]
    );
    // Friday night: what starts after midnight says it ends the next day;
    // its waves follow on from it.
    let friday = timetable(&md, "Friday 8 October");
    let night = friday
        .iter()
        .position(|l| l == "### Night shift, 22:00–06:30 (next day)")
        .unwrap();
    assert_eq!(
        friday[night..],
        [
            "### Night shift, 22:00–06:30 (next day)",
            "- **Prize Raffle**",
            "  23:15–23:30 · fun · 150.00 USD",
            "- **Service Awards Ceremony**",
            "  00:45–04:45 (next day) · recognition · 300.00 USD",
            "  Waves: 00:45–01:45, 01:45–02:45, 02:45–03:45, 03:45–04:45.",
        ]
    );
    assert!(
        md.contains(
            "| Activity | Day | Shift | Cost |\n\
             | --- | --- | --- | ---: |\n\
             | Decorated Support Floor | Monday | every shift | 120.00 |\n\
             | Theme Reveal by the Crew | Monday | Early | 0.00 |\n\
             | Customer Video Testimonials | Monday | Early | 0.00 |\n"
        ),
        "{md}"
    );
}

#[test]
fn a_shift_off_for_the_day_says_so() {
    let md = plan(&example("two-shift-hybrid.toml"), &["-f", "md"]);
    let monday = timetable(&md, "Monday 4 October");
    assert_eq!(
        monday[monday.len() - 2..],
        ["### Late shift", "Off on Monday."],
        "{monday:#?}"
    );
    assert!(
        md.contains("  - **Late shift:** 14:00–22:00, 9 people, Tue, Wed, Thu, Fri\n"),
        "{md}"
    );
    // At a glance, its column says it is off.
    let glance = md.lines().find(|l| l.starts_with("| Mon 4 Oct |")).unwrap();
    assert!(glance.ends_with(" | off | 40.00 |"), "{glance}");
}

/// Every activity of every shift example is in its shift's section of its
/// day, in order, at its times, with "(next day)" when it ends on a later
/// date; the day-long items come first, once, marked for every shift.
#[test]
fn every_activity_is_listed_under_its_shift_at_its_times() {
    for name in SHIFT_EXAMPLES {
        let config = example(name);
        let plan_json = agenda(&config, &[]);
        let md = plan(&config, &["-f", "md"]);
        for day in &plan_json.days {
            let heading = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                .unwrap()
                .format("%A %-d %B")
                .to_string();
            let mut expected = vec![format!("## {heading}")];
            let line = |a: &Activity| {
                let when = if a.all_day {
                    "All day".to_string()
                } else {
                    let next = if a.ends_after(&day.date) {
                        " (next day)"
                    } else {
                        ""
                    };
                    format!("{}–{}{next}", a.start, a.end)
                };
                let cost = if a.cost == "0.00" {
                    "free".to_string()
                } else {
                    format!("{} ", a.cost)
                };
                let mut lines = vec![format!("- **{}**", a.title)];
                lines.push(format!("  {when} · {} · {}", a.category, cost.trim_end()));
                if !a.waves.is_empty() {
                    let waves: Vec<String> = a
                        .waves
                        .iter()
                        .map(|w| {
                            let next = if w.ends_at[..10] > w.starts_at[..10] {
                                " (next day)"
                            } else {
                                ""
                            };
                            format!("{}–{}{next}", w.start, w.end)
                        })
                        .collect();
                    lines.push(format!("  Waves: {}.", waves.join(", ")));
                }
                lines
            };
            let shared: Vec<&Activity> = day.activities.iter().filter(|a| a.all_day).collect();
            assert!(
                shared.iter().all(|a| a.shift.is_none()),
                "{name}: a day-long item with a shift"
            );
            if !shared.is_empty() {
                expected.push("### All day, every shift".to_string());
                expected.extend(shared.iter().flat_map(|a| line(a)));
            }
            for shift in &plan_json.shifts {
                let mine: Vec<&Activity> = day
                    .activities
                    .iter()
                    .filter(|a| a.shift.as_deref() == Some(shift.name.as_str()))
                    .collect();
                if mine.is_empty() && !shift.days.contains(&day.weekday) {
                    expected.push(format!("### {}", shift_name(&shift.name)));
                    expected.push(format!("Off on {}.", day.weekday));
                    continue;
                }
                let next = if shift.end <= shift.start {
                    " (next day)"
                } else {
                    ""
                };
                expected.push(format!(
                    "### {}, {}–{}{next}",
                    shift_name(&shift.name),
                    shift.start,
                    shift.end
                ));
                if mine.is_empty() {
                    expected.push("Nothing planned for this shift.".to_string());
                }
                expected.extend(mine.iter().flat_map(|a| line(a)));
            }
            // The cost line's currency: the lines above end at the amount.
            let actual: Vec<String> = timetable(&md, &heading)
                .into_iter()
                .map(|l| match l.rsplit_once(' ') {
                    Some((amount, currency))
                        if l.contains(" · ")
                            && currency.chars().all(|c| c.is_ascii_uppercase()) =>
                    {
                        amount.to_string()
                    }
                    _ => l,
                })
                .collect();
            assert_eq!(actual, expected, "{name}: {heading}");
        }
    }
}

#[test]
fn a_plan_without_shift_tables_has_no_shift_sections() {
    let md = plan(&example("hybrid-with-customers.toml"), &["-f", "md"]);
    for absent in ["### ", "All day", "every shift", "| Shift |"] {
        assert!(!md.contains(absent), "{absent:?} in\n{md}");
    }
    assert!(md.contains("- **Team:** 24 people, hybrid, activities between 09:00 and 17:00"));
}

#[test]
fn the_html_agenda_has_a_column_a_shift_and_a_band_for_every_shift() {
    let config = example("24x7-contact-centre.toml");
    let plan_json = agenda(&config, &[]);
    let html = plan(&config, &["-f", "html"]);
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let days: Vec<scraper::ElementRef> = page.select(&select("article.day")).collect();
    assert_eq!(days.len(), plan_json.days.len());
    let text = |e: scraper::ElementRef| -> String {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (day, article) in plan_json.days.iter().zip(days) {
        let shared: Vec<String> = article
            .select(&select("section.every-shift .what"))
            .map(text)
            .collect();
        let all_day: Vec<String> = day
            .activities
            .iter()
            .filter(|a| a.all_day)
            .map(|a| a.title.clone())
            .collect();
        assert_eq!(shared, all_day, "{}", day.date);
        let headings: Vec<String> = article
            .select(&select("section.shift h4"))
            .map(text)
            .collect();
        assert_eq!(
            headings,
            [
                "Early shift 06:00–14:30",
                "Late shift 14:00–22:30",
                "Night shift 22:00–06:30 (next day)"
            ],
            "{}",
            day.date
        );
        for (shift, section) in plan_json
            .shifts
            .iter()
            .zip(article.select(&select("section.shift")))
        {
            let times: Vec<String> = section
                .select(&select(".activity .time"))
                .map(text)
                .collect();
            let expected: Vec<String> = day
                .activities
                .iter()
                .filter(|a| a.shift.as_deref() == Some(shift.name.as_str()))
                .map(|a| {
                    let next = if a.ends_after(&day.date) {
                        " (next day)"
                    } else {
                        ""
                    };
                    format!("{}–{}{next}", a.start, a.end)
                })
                .collect();
            assert_eq!(times, expected, "{} {}", day.date, shift.name);
        }
    }
}

#[test]
fn shift_picks_one_shifts_activities_and_the_items_every_shift_shares() {
    let config = example("24x7-contact-centre.toml");
    let whole = agenda(&config, &[]);
    let night = agenda(&config, &["--shift", "Night"]);
    for activity in night.days.iter().flat_map(|d| &d.activities) {
        assert!(
            activity.shift.is_none() || activity.shift.as_deref() == Some("Night"),
            "{activity:?}"
        );
        assert_eq!(activity.shift.is_none(), activity.all_day);
    }
    for (one, all) in night.days.iter().zip(&whole.days) {
        let kept: Vec<&Activity> = all
            .activities
            .iter()
            .filter(|a| a.shift.is_none() || a.shift.as_deref() == Some("Night"))
            .collect();
        assert_eq!(
            one.activities.iter().collect::<Vec<_>>(),
            kept,
            "{}",
            one.date
        );
        assert!(one.activities.iter().any(|a| a.all_day), "{}", one.date);
        let cost: i64 = one
            .activities
            .iter()
            .map(|a| crate::json::cents(&a.cost))
            .sum();
        assert_eq!(crate::json::cents(&one.cost), cost, "{}", one.date);
        assert!(one.runner_up.is_none());
    }
    assert_eq!(night.shifts.len(), 1);
    assert_eq!(
        (night.shifts[0].name.as_str(), night.shifts[0].team_size),
        ("Night", 14)
    );
    assert_eq!(
        (
            night.team_size,
            night.hours.start.as_str(),
            night.hours.end.as_str()
        ),
        (14, "22:00", "06:30")
    );
    let planned: i64 = night.days.iter().map(|d| crate::json::cents(&d.cost)).sum();
    assert_eq!(crate::json::cents(&night.budget.planned), planned);
    assert_eq!(night.budget.total, whole.budget.total);
    assert_eq!(night.budget.remaining, whole.budget.remaining);
    assert!(
        night.notes[0].starts_with(&format!(
            "This plan shows one shift, Night (22:00–06:30 the next day, 14 people): its own \
             activities and the day-long items every shift shares. Planned is what they cost, {} \
             of the {} planned for all 3 shifts;",
            night.budget.planned, whole.budget.planned
        )),
        "{:?}",
        night.notes
    );
    assert_eq!(night.notes[1..], whole.notes[..]);
    // Prep: the organiser's steps and those of the activities it holds.
    let ids: Vec<&str> = night
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .map(|a| a.id.as_str())
        .collect();
    assert!(
        night
            .prep
            .iter()
            .all(|p| p.idea.as_deref().is_none_or(|i| ids.contains(&i)))
    );
    assert!(night.prep.len() < whole.prep.len());
}

/// `--shift` in any case, in every format: no other shift's activities.
#[test]
fn shift_works_in_any_case_and_every_format() {
    let config = example("24x7-contact-centre.toml");
    let md = plan(&config, &["--shift", "night", "-f", "md"]);
    assert_eq!(md, plan(&config, &["--shift", "NIGHT", "-f", "md"]));
    assert!(
        md.contains("### Night shift, 22:00–06:30 (next day)\n"),
        "{md}"
    );
    assert!(md.contains("### All day, every shift\n"), "{md}");
    for other in ["Early", "Late"] {
        assert!(!md.contains(&format!("{other} shift")), "{other} in\n{md}");
    }
    let html = plan(&config, &["--shift", "night", "-f", "html"]);
    assert!(html.contains("Night shift <span class=\"hours\">22:00–06:30 (next day)</span>"));
    assert!(!html.contains("Early shift") && !html.contains("Late shift"));
    let ics = plan(&config, &["--shift", "night", "-f", "ics"]);
    let calendar: Calendar = ics.parse().unwrap();
    let summaries: Vec<&str> = calendar.events().filter_map(|e| e.get_summary()).collect();
    assert!(
        summaries
            .iter()
            .all(|s| !s.contains("Early") && !s.contains("Late")),
        "{summaries:?}"
    );
    // One shift's events keep the UIDs of the whole plan's.
    let uids = |text: &str| -> Vec<String> {
        icalendar::parser::unfold(text)
            .lines()
            .filter_map(|l| l.strip_prefix("UID:").map(String::from))
            .collect()
    };
    let all_uids = uids(&plan(&config, &["-f", "ics"]));
    assert!(uids(&ics).iter().all(|u| all_uids.contains(u)));
}

#[test]
fn shift_in_a_plan_of_one_shift_is_the_whole_plan() {
    let config = example("hybrid-with-customers.toml");
    assert_eq!(
        plan(&config, &["--shift", "day", "-f", "json"]),
        plan(&config, &["-f", "json"])
    );
}

#[test]
fn an_unknown_shift_names_the_shifts_and_a_close_one() {
    let fails = |config: &str, shift: &str, stderr: &str| {
        let out = Test::new()
            .file("csweek.toml", config)
            .args(&["plan", "--today", TODAY, "--shift", shift, "-o", "week.md"])
            .run()
            .status(2)
            .stdout("")
            .stderr(stderr);
        assert_eq!(out.files(), ["csweek.toml"], "nothing is written");
    };
    let shifts = example("24x7-contact-centre.toml");
    fails(
        &shifts,
        "nigth",
        "error: --shift: no shift is named \"nigth\"; the shifts are \"Early\", \"Late\" and \"Night\"; did you mean \"Night\"?\n",
    );
    fails(
        &shifts,
        "Evening",
        "error: --shift: no shift is named \"Evening\"; the shifts are \"Early\", \"Late\" and \"Night\"\n",
    );
    fails(
        &example("starter.toml"),
        "Night",
        "error: --shift: no shift is named \"Night\"; the config has no [[shift]] tables, so the whole team is one shift, \"Day\"\n",
    );
}

/// Day-long items are all-day events on their day, said to be for every
/// shift; each shift's events are at their instants, named for their shift.
#[test]
fn the_calendar_has_day_long_items_as_dates_and_every_uid_once() {
    for name in SHIFT_EXAMPLES {
        let config = example(name);
        let plan_json = agenda(&config, &[]);
        let text = plan(&config, &["-f", "ics"]);
        let calendar: Calendar = text.parse().unwrap();
        let events: Vec<&icalendar::Event> = calendar.events().collect();
        let mut uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
        uids.sort_unstable();
        let count = uids.len();
        uids.dedup();
        assert_eq!(uids.len(), count, "{name}: a UID twice");

        let zone: chrono_tz::Tz = plan_json.timezone.as_deref().unwrap().parse().unwrap();
        let event = |uid: &str| {
            *events
                .iter()
                .find(|e| e.get_uid() == Some(uid))
                .unwrap_or_else(|| panic!("{name}: no event {uid}"))
        };
        let mut shared = 0;
        for day in &plan_json.days {
            let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").unwrap();
            for a in &day.activities {
                if a.all_day {
                    shared += 1;
                    let e = event(a.uid.as_deref().unwrap());
                    assert_eq!(
                        e.get_start(),
                        Some(DatePerhapsTime::Date(date)),
                        "{name}: {}",
                        a.id
                    );
                    assert_eq!(
                        e.get_end(),
                        Some(DatePerhapsTime::Date(date + Duration::days(1))),
                        "{name}: {}",
                        a.id
                    );
                    assert_eq!(e.get_summary(), Some(a.title.as_str()));
                    assert!(
                        e.get_description()
                            .unwrap()
                            .starts_with("All day, for every shift.\n"),
                        "{name}: {}",
                        a.id
                    );
                    assert!(text.contains("DTSTART;VALUE=DATE:"));
                    continue;
                }
                let shift = a.shift.as_deref().unwrap();
                let timed: Vec<(&str, &str)> = if a.waves.is_empty() {
                    vec![(a.uid.as_deref().unwrap(), a.starts_at.as_str())]
                } else {
                    a.waves
                        .iter()
                        .map(|w| (w.uid.as_str(), w.starts_at.as_str()))
                        .collect()
                };
                for (n, (uid, starts_at)) in timed.iter().enumerate() {
                    let e = event(uid);
                    let local =
                        NaiveDateTime::parse_from_str(&starts_at[..16], "%Y-%m-%dT%H:%M").unwrap();
                    let utc = zone
                        .from_local_datetime(&local)
                        .unwrap()
                        .with_timezone(&chrono::Utc);
                    assert_eq!(
                        e.get_start(),
                        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(utc))),
                        "{name}: {uid}"
                    );
                    let summary = if timed.len() > 1 {
                        format!(
                            "{} ({shift} shift, wave {} of {})",
                            a.title,
                            n + 1,
                            timed.len()
                        )
                    } else {
                        format!("{} ({shift} shift)", a.title)
                    };
                    assert_eq!(e.get_summary(), Some(summary.as_str()), "{name}: {uid}");
                }
            }
        }
        assert!(shared > 0, "{name}: no day-long items");
    }
}

/// Without a time zone, events are all-day on the date they start: a night
/// shift's activity after midnight on the next day's.
#[test]
fn without_a_time_zone_an_activity_after_midnight_is_on_the_next_date() {
    let config =
        example("24x7-contact-centre.toml").replace("timezone = \"America/Chicago\"\n", "");
    let plan_json = agenda(&config, &[]);
    let calendar: Calendar = plan(&config, &["-f", "ics"]).parse().unwrap();
    let mut after_midnight = 0;
    for a in plan_json
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .filter(|a| !a.all_day)
    {
        let (uid, starts_at) = match a.waves.first() {
            Some(w) => (w.uid.as_str(), w.starts_at.as_str()),
            None => (a.uid.as_deref().unwrap(), a.starts_at.as_str()),
        };
        let date = NaiveDate::parse_from_str(&starts_at[..10], "%Y-%m-%d").unwrap();
        let event = calendar
            .events()
            .find(|e| e.get_uid() == Some(uid))
            .unwrap();
        assert_eq!(
            event.get_start(),
            Some(DatePerhapsTime::Date(date)),
            "{uid}"
        );
        if a.start.as_str() < "06:00" {
            after_midnight += 1;
        }
    }
    assert!(after_midnight > 0, "no activity after midnight to check");
}

/// Python's `icalendar`, the parser of several calendar clients, reads the
/// day-long items as dates and every shift's events as instants.
#[test]
fn a_calendar_clients_parser_reads_day_long_items_as_dates() {
    if !crate::ics::tool_available(
        std::process::Command::new("python3").args(["-c", "import icalendar"]),
        "python3 with the icalendar package",
    ) {
        return;
    }
    for name in SHIFT_EXAMPLES {
        let config = example(name);
        let plan_json = agenda(&config, &[]);
        let events = crate::ics::python_events(&config, name);
        let fields = |uid: &str| -> Vec<String> {
            events
                .lines()
                .find(|l| l.starts_with(&format!("{uid}|")))
                .unwrap_or_else(|| panic!("{name}: no event {uid}\n{events}"))
                .split('|')
                .map(String::from)
                .collect()
        };
        for day in &plan_json.days {
            let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").unwrap();
            for a in &day.activities {
                match &a.uid {
                    Some(uid) if a.all_day => assert_eq!(
                        fields(uid)[1..3],
                        [date.to_string(), (date + Duration::days(1)).to_string()],
                        "{name}: {uid}"
                    ),
                    Some(uid) => assert!(fields(uid)[1].ends_with("+00:00"), "{name}: {uid}"),
                    None => {
                        for w in &a.waves {
                            assert!(fields(&w.uid)[1].ends_with("+00:00"), "{name}: {}", w.uid);
                        }
                    }
                }
            }
        }
    }
}
