//! The calendar file, read back the way calendar apps read it.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};

use crate::json::Plan;
use crate::test::{TODAY, Test, root};

/// 2026-09-21T14:13:20Z
const EPOCH: &str = "1790000000";

fn ics(config: &str, epoch: &str) -> String {
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY, "-o", "week.ics"])
        .env("SOURCE_DATE_EPOCH", epoch)
        .run()
        .status(0)
        .stdout("");
    out.read("week.ics")
}

fn json(config: &str) -> Plan {
    crate::json::plan(config, &[])
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets() {
    let text = ics(&example("hybrid-with-customers.toml"), EPOCH);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//csweek//csweek "));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "a bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "long lines are folded");
}

#[test]
fn every_activity_wave_the_week_and_every_prep_step_is_an_event() {
    let config = example("hybrid-with-customers.toml");
    let plan = json(&config);
    let calendar: Calendar = ics(&config, EPOCH).parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let waves: usize = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .map(|a| a.waves.len().max(1))
        .sum();
    assert_eq!(events.len(), 1 + waves + plan.prep.len());

    let mut uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    let stamp = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    assert!(events.iter().all(|e| e.get_timestamp() == Some(stamp)));

    let week = events
        .iter()
        .find(|e| e.get_uid().unwrap().starts_with("2027-week@"))
        .unwrap();
    assert_eq!(
        week.get_start(),
        Some(DatePerhapsTime::Date(date("2027-10-04")))
    );
    assert_eq!(
        week.get_end(),
        Some(DatePerhapsTime::Date(date("2027-10-09"))),
        "DTEND is the day after"
    );

    for step in &plan.prep {
        let event = events
            .iter()
            .find(|e| e.get_summary() == Some(&format!("Prep: {}", step.task)))
            .unwrap_or_else(|| panic!("no event for {}", step.task));
        assert_eq!(
            event.get_start(),
            Some(DatePerhapsTime::Date(date(&step.due)))
        );
        let alarms = event
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .count();
        assert_eq!(alarms, 1, "a reminder on {}", step.task);
    }
}

#[test]
fn timed_events_are_in_utc_at_the_planned_local_times() {
    let config = example("hybrid-with-customers.toml");
    let plan = json(&config);
    let calendar: Calendar = ics(&config, EPOCH).parse().unwrap();
    let zone: chrono_tz::Tz = plan.timezone.as_deref().unwrap().parse().unwrap();
    for day in &plan.days {
        for activity in &day.activities {
            let first = if activity.waves.len() > 1 {
                format!("{} (wave 1 of {})", activity.title, activity.waves.len())
            } else {
                activity.title.clone()
            };
            let event = calendar
                .events()
                .find(|e| e.get_summary() == Some(first.as_str()))
                .unwrap_or_else(|| panic!("no event {first}"));
            let local = NaiveDateTime::parse_from_str(
                &format!("{} {}", day.date, activity.start),
                "%Y-%m-%d %H:%M",
            )
            .unwrap();
            let expected = zone
                .from_local_datetime(&local)
                .unwrap()
                .with_timezone(&chrono::Utc);
            assert_eq!(
                event.get_start(),
                Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(expected))),
                "{}",
                activity.title
            );
        }
    }
}

#[test]
fn without_a_timezone_activities_are_all_day() {
    let config = example("small-onsite-tight-budget.toml");
    let plan = json(&config);
    let calendar: Calendar = ics(&config, EPOCH).parse().unwrap();
    let day = &plan.days[2];
    let activity = &day.activities[0];
    // The activity's event, or its first wave's.
    let (uid, start, end) = match (&activity.uid, activity.waves.first()) {
        (Some(uid), _) => (uid, &activity.start, &activity.end),
        (None, Some(wave)) => (&wave.uid, &wave.start, &wave.end),
        (None, None) => panic!("{activity:?} has no event"),
    };
    let event = calendar
        .events()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap();
    let date = date(&day.date);
    assert_eq!(event.get_start(), Some(DatePerhapsTime::Date(date)));
    assert_eq!(
        event.get_end(),
        Some(DatePerhapsTime::Date(date.succ_opt().unwrap()))
    );
    assert!(
        event
            .get_description()
            .unwrap()
            .starts_with(&format!("{start}–{end}"))
    );
}

#[test]
fn uids_are_stable_so_a_reimport_updates() {
    let config = example("hybrid-with-customers.toml");
    let first = ics(&config, EPOCH);
    let later = ics(&config, "1800000000");
    let uids = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&later));
    let differing: Vec<(&str, &str)> = first
        .lines()
        .zip(later.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(
        differing.iter().all(|(a, _)| a.starts_with("DTSTAMP:")),
        "{differing:?}"
    );
}

#[test]
fn text_is_escaped_and_survives_a_round_trip() {
    let company = "Zoë & Co, Ltd; \\\"Ops\\\" \\\\ Team\\nSecond line — עברית";
    let config = format!("company = \"{company}\"\ntheme = \"Thanks, all; really\"\n");
    let text = ics(&config, EPOCH);
    assert!(text.contains("Thanks\\, all\\; really"));
    let calendar: Calendar = text.parse().unwrap();
    let week = calendar
        .events()
        .find(|e| e.get_uid().unwrap().starts_with("2027-week@"))
        .unwrap();
    assert_eq!(
        week.get_description().unwrap(),
        "Zoë & Co, Ltd; \"Ops\" \\ Team\nSecond line — עברית's Customer Service Week. Theme: Thanks, all; really."
    );
}

#[test]
fn the_same_input_gives_the_same_file() {
    let config = example("large-remote.toml");
    let (first, second) = (ics(&config, EPOCH), ics(&config, EPOCH));
    let differing = first.lines().zip(second.lines()).find(|(a, b)| a != b);
    assert_eq!(differing, None);
    assert_eq!(first.len(), second.len());
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Whether an outside tool a test needs is present. CI (`.ci/run`) installs
/// them and sets `CSWEEK_REQUIRE_TOOLS`, so there a missing tool fails the
/// test; on a developer's machine without it, the test says so and passes.
pub fn tool_available(check: &mut std::process::Command, what: &str) -> bool {
    let present = check
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        assert!(
            std::env::var_os("CSWEEK_REQUIRE_TOOLS").is_none(),
            "{what} is required here (CSWEEK_REQUIRE_TOOLS is set) but missing"
        );
        eprintln!("skipped: {what} is not installed (.ci/run installs it)");
    }
    present
}

/// Reads a calendar file with Python's `icalendar`, the parser of several
/// calendar clients, and prints each event as `UID|start|end|summary`.
/// The calendar `config` plans, written to a file and read back by
/// Python's icalendar package with [`READ_WITH_PYTHON`]: a line per event.
pub fn python_events(config: &str, name: &str) -> String {
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY, "-o", "week.ics"])
        .run()
        .status(0);
    let read = std::process::Command::new("python3")
        .args(["-c", READ_WITH_PYTHON])
        .arg(out.dir.path().join("week.ics"))
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    String::from_utf8(read.stdout).unwrap()
}

pub const READ_WITH_PYTHON: &str = r"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for event in cal.walk('VEVENT'):
    print('|'.join([str(event['UID']), event.decoded('DTSTART').isoformat(),
                    event.decoded('DTEND').isoformat(), str(event['SUMMARY'])]))
";

#[test]
fn every_example_imports_into_a_calendar_clients_parser() {
    if !tool_available(
        std::process::Command::new("python3").args(["-c", "import icalendar"]),
        "python3 with the icalendar package",
    ) {
        return;
    }
    for name in crate::test::EXAMPLES {
        let config = example(name);
        let plan = json(&config);
        let events = python_events(&config, name);
        let zone: Option<chrono_tz::Tz> = plan.timezone.as_deref().map(|z| z.parse().unwrap());
        for day in &plan.days {
            for activity in &day.activities {
                let mut waves: Vec<(String, String)> = activity
                    .waves
                    .iter()
                    .map(|w| (w.start.clone(), w.end.clone()))
                    .collect();
                if waves.is_empty() {
                    waves.push((activity.start.clone(), activity.end.clone()));
                }
                for (n, (start, end)) in waves.iter().enumerate() {
                    let uid = if waves.len() > 1 {
                        format!("2027-{}-wave-{}@", activity.id, n + 1)
                    } else {
                        format!("2027-{}@", activity.id)
                    };
                    let line = events
                        .lines()
                        .find(|l| l.starts_with(&uid))
                        .unwrap_or_else(|| panic!("{name}: no event {uid}"));
                    let fields: Vec<&str> = line.split('|').collect();
                    let expected = |time: &str| match zone {
                        Some(zone) => {
                            let local = NaiveDateTime::parse_from_str(
                                &format!("{} {time}", day.date),
                                "%Y-%m-%d %H:%M",
                            )
                            .unwrap();
                            zone.from_local_datetime(&local)
                                .unwrap()
                                .with_timezone(&chrono::Utc)
                                .format("%Y-%m-%dT%H:%M:%S+00:00")
                                .to_string()
                        }
                        None => day.date.clone(),
                    };
                    assert_eq!(fields[1], expected(start), "{name}: {uid} starts");
                    let end = if zone.is_some() {
                        expected(end)
                    } else {
                        date(&day.date).succ_opt().unwrap().to_string()
                    };
                    assert_eq!(fields[2], end, "{name}: {uid} ends");
                }
            }
        }
    }
}

#[test]
fn an_after_work_event_past_midnight_ends_the_next_day() {
    let config = "company = \"Acme\"\nbudget = 1000\nhours = \"16:00-23:00\"\ntimezone = \"UTC\"\n\
                  [[pin]]\nday = \"thu\"\nidea = \"happy-hour\"\n";
    let calendar: Calendar = ics(config, EPOCH).parse().unwrap();
    let event = calendar
        .events()
        .find(|e| e.get_uid().unwrap().starts_with("2027-happy-hour@"))
        .unwrap();
    let at = |h: u32, m: u32, d: u32| {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(
            chrono::Utc.with_ymd_and_hms(2027, 10, d, h, m, 0).unwrap(),
        ))
    };
    assert_eq!(event.get_start(), Some(at(23, 0, 7)));
    assert_eq!(event.get_end(), Some(at(0, 30, 8)));
}

#[test]
fn an_all_day_wave_gives_its_own_times() {
    let config = example("starter.toml");
    let plan = json(&config);
    let calendar: Calendar = ics(&config, EPOCH).parse().unwrap();
    let activity = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .find(|a| a.waves.len() > 1)
        .expect("the starter has an activity in waves");
    for (n, wave) in activity.waves.iter().enumerate() {
        let uid = format!("2027-{}-wave-{}@", activity.id, n + 1);
        let event = calendar
            .events()
            .find(|e| e.get_uid().unwrap().starts_with(&uid))
            .unwrap();
        assert!(
            event
                .get_description()
                .unwrap()
                .starts_with(&format!("{}–{}", wave.start, wave.end)),
            "{uid}"
        );
    }
}

#[test]
fn an_empty_or_unused_source_date_epoch_is_ignored() {
    let config = example("starter.toml");
    ics(&config, "");
    Test::new()
        .file("csweek.toml", &config)
        .args(&["plan", "--today", TODAY, "-f", "json"])
        .env("SOURCE_DATE_EPOCH", "not a number")
        .run()
        .status(0);
    Test::new()
        .file("csweek.toml", &config)
        .args(&["plan", "--today", TODAY, "-f", "ics"])
        .env("SOURCE_DATE_EPOCH", "soon")
        .run()
        .status(2)
        .stderr("error: SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, found `soon`\n");
}

#[test]
fn a_two_megabyte_company_name_renders_folded() {
    let company = format!("{}end", "Zoë & Co, Ltd; support ".repeat(90_000));
    let text = ics(&format!("company = \"{company}\"\n"), EPOCH);
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets", line.len());
    }
    let calendar: Calendar = text.parse().unwrap();
    assert_eq!(
        calendar.get_name(),
        Some(format!("{company}: Customer Service Week 2027").as_str())
    );
}

/// The content lines of a calendar, unfolded, with the components they are in.
fn content_lines(ics: &str) -> Vec<(String, String)> {
    let mut within: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for line in icalendar::parser::unfold(ics).split_terminator("\r\n") {
        if let Some(kind) = line.strip_prefix("BEGIN:") {
            within.push(kind.to_string());
        } else if line.starts_with("END:") {
            within.pop();
        } else {
            lines.push((within.join("/"), line.to_string()));
        }
    }
    lines
}

/// A content line's name, without its parameters.
fn name(line: &str) -> &str {
    line.split([':', ';']).next().unwrap()
}

#[test]
fn a_calendar_for_importing_asks_for_no_organizer_and_its_alarms_hold_only_rfc_5545s_properties() {
    for example_name in crate::test::EXAMPLES
        .into_iter()
        .chain(crate::test::SHIFT_EXAMPLES)
    {
        let lines = content_lines(&ics(&example(example_name), EPOCH));
        // A METHOD would make the file an iTIP message, whose events need an ORGANIZER.
        assert!(
            !lines.iter().any(|(_, l)| name(l) == "METHOD"),
            "{example_name}"
        );
        let alarm: BTreeSet<&str> = lines
            .iter()
            .filter(|(within, _)| within.ends_with("VALARM"))
            .map(|(_, l)| name(l))
            .collect();
        assert_eq!(
            alarm,
            BTreeSet::from(["ACTION", "DESCRIPTION", "TRIGGER"]),
            "{example_name}"
        );
    }
}

#[test]
fn summaries_and_the_calendar_name_hold_no_line_breaks() {
    let config = "company = \"Acme\\nSupport\"\ntheme = \"Thanks,\\r\\nall\"\nbudget = 500\n\
                  [[idea]]\nid = \"two-lines\"\ntitle = \"Line one\\nline two\\u2028three\"\n\
                  category = \"fun\"\nduration_minutes = 30\n\
                  prep = [{ days_before = 3, task = \"Book\\nthe room\" }]\n\
                  [[pin]]\nday = \"mon\"\nidea = \"two-lines\"\n";
    let lines = content_lines(&ics(config, EPOCH));
    let values: Vec<&str> = lines
        .iter()
        .filter(|(_, l)| ["SUMMARY", "NAME", "X-WR-CALNAME"].contains(&name(l)))
        .map(|(_, l)| l.split_once(':').unwrap().1)
        .collect();
    for value in &values {
        assert!(
            !value.contains("\\n") && !value.contains(['\u{2028}', '\u{2029}']),
            "{value}"
        );
    }
    for expected in [
        "Acme Support: Customer Service Week 2027",
        "Customer Service Week 2027: Thanks\\, all",
        "Line one line two three",
        "Prep: Book the room",
    ] {
        assert!(values.contains(&expected), "{expected} in {values:?}");
    }
}

/// Compiles `tests/tools/icalcheck.c` against libical, or says why not.
fn icalcheck(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    if !tool_available(
        std::process::Command::new("pkg-config").args(["--exists", "libical"]),
        "libical's headers (libical-dev) and pkg-config",
    ) {
        return None;
    }
    let flags = std::process::Command::new("pkg-config")
        .args(["--cflags", "--libs", "libical"])
        .output()
        .unwrap();
    let flags = String::from_utf8(flags.stdout).unwrap();
    let binary = dir.join("icalcheck");
    let built = std::process::Command::new("cc")
        .arg(root().join("tests/tools/icalcheck.c"))
        .arg("-o")
        .arg(&binary)
        .args(flags.split_whitespace())
        .status()
        .expect("a C compiler (cc)");
    assert!(built.success(), "tests/tools/icalcheck.c compiles");
    Some(binary)
}

#[test]
fn every_example_passes_libicals_restriction_check() {
    let dir = tempfile::tempdir().unwrap();
    let Some(icalcheck) = icalcheck(dir.path()) else {
        return;
    };
    for name in crate::test::EXAMPLES
        .into_iter()
        .chain(crate::test::SHIFT_EXAMPLES)
    {
        let path = dir.path().join("week.ics");
        std::fs::write(&path, ics(&example(name), EPOCH)).unwrap();
        let checked = std::process::Command::new(&icalcheck)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&checked.stdout),
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

/// Prints a calendar's name as Python's `icalendar` and `vobject` read it:
/// each of its two spellings, and `icalendar`'s own choice.
const NAMES_IN_PYTHON: &str = r"
import sys, icalendar, vobject
data = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(data)
print(cal.calendar_name)
print(cal['NAME'])
print(cal['X-WR-CALNAME'])
v = vobject.readOne(data.decode())
print(v.contents['name'][0].value)
print(v.contents['x-wr-calname'][0].value)
";

#[test]
fn the_calendar_name_reads_the_same_in_every_parser() {
    if !tool_available(
        std::process::Command::new("python3").args(["-c", "import icalendar, vobject"]),
        "python3 with the icalendar and vobject packages",
    ) {
        return;
    }
    let config = "company = \"Zoë, Ltd; \\\\Ops\\\\ \\\"Care\\\"\\nTeam\"\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.ics");
    let text = ics(config, EPOCH);
    std::fs::write(&path, &text).unwrap();
    let read = std::process::Command::new("python3")
        .args(["-c", NAMES_IN_PYTHON])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let expected = "Zoë, Ltd; \\Ops\\ \"Care\" Team: Customer Service Week 2027";
    assert_eq!(
        String::from_utf8(read.stdout).unwrap(),
        format!("{expected}\n").repeat(5)
    );
    let calendar: Calendar = text.parse().unwrap();
    assert_eq!(calendar.get_name(), Some(expected));
    assert_eq!(calendar.property_value("X-WR-CALNAME"), Some(expected));
}
