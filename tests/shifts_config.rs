//! `[[shift]]` tables and the pins that name them: every mistake is
//! reported where it is, with what was expected, and exits 2.

use std::fmt::Write as _;

use crate::error_messages::fails;
use crate::json::plan;
use crate::test::{TODAY, Test};

/// Two shifts that work every day of the week.
const EARLY_AND_LATE: &str = "[[shift]]
name = \"Early\"
hours = \"06:00-14:00\"
team_size = 10

[[shift]]
name = \"Late\"
hours = \"14:00-22:00\"
team_size = 8
";

/// A night shift that works Monday and Tuesday, from line 3.
const NIGHT: &str = "[[shift]]
name = \"Night\"
hours = \"22:00-06:00\"
team_size = 5
days = [\"mon\", \"tue\"]
";

/// The `error:` lines of `stderr`.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

#[test]
fn a_shift_name_given_twice() {
    fails(
        &format!(
            "company = \"Acme\"\n{EARLY_AND_LATE}\n[[shift]]\nname = \"Early\"\nhours = \"10:00-18:00\"\nteam_size = 3\n"
        ),
        "error: csweek.toml:13:8: a shift named \"Early\" is described twice, first on line 3; give each shift its own name
   |
13 | name = \"Early\"
   |        ^^^^^^^
",
    );
    // Names are told apart regardless of case, as pins name them.
    fails(
        &format!(
            "company = \"Acme\"\n{EARLY_AND_LATE}\n[[shift]]\nname = \"early\"\nhours = \"10:00-18:00\"\nteam_size = 3\n"
        ),
        "error: csweek.toml:13:8: a shift named \"early\" is described twice: \"Early\" on line 3 differs only in case; give each shift its own name
   |
13 | name = \"early\"
   |        ^^^^^^^
",
    );
}

#[test]
fn a_shift_with_nobody_on_it() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Early\"\nhours = \"06:00-14:00\"\nteam_size = 0\n",
        "error: csweek.toml:5:13: the shift \"Early\" has nobody on it: expected a `team_size` from 1 to 100000, found 0; remove the `[[shift]]` if nobody works it
  |
5 | team_size = 0
  |             ^
",
    );
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Early\"\nhours = \"06:00-14:00\"\nteam_size = 100001\n",
        "error: csweek.toml:5:13: the shift \"Early\": expected a `team_size` from 1 to 100000, found 100001
  |
5 | team_size = 100001
  |             ^^^^^^
",
    );
}

#[test]
fn a_shift_that_works_no_days() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Early\"\nhours = \"06:00-14:00\"\nteam_size = 4\ndays = []\n",
        "error: csweek.toml:6:8: the shift \"Early\" works no days: `days` is empty; list the days it starts on, such as [\"mon\", \"tue\"], or remove `days` for every day of the week
  |
6 | days = []
  |        ^^
",
    );
}

#[test]
fn a_shift_over_sixteen_hours() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Long\"\nhours = \"06:00-23:00\"\nteam_size = 4\n",
        "error: csweek.toml:4:9: `hours`: expected a shift of at most 16 hours, found \"06:00-23:00\", which lasts 17 hours
  |
4 | hours = \"06:00-23:00\"
  |         ^^^^^^^^^^^^^
",
    );
}

#[test]
fn working_hours_through_midnight_belong_to_a_shift() {
    fails(
        "company = \"Acme\"\nhours = \"22:00-06:00\"\n",
        "error: csweek.toml:2:9: `hours`: expected working hours that end on the day they start, found \"22:00-06:00\", which ends the next day; for hours through midnight, describe each shift in a `[[shift]]` table with its own `name`, `hours` and `team_size`
  |
2 | hours = \"22:00-06:00\"
  |         ^^^^^^^^^^^^^
",
    );
    // The same hours in a shift plan.
    let night = plan(&format!("company = \"Acme\"\n{NIGHT}"), &[]);
    assert_eq!(
        (night.shifts[0].start.as_str(), night.shifts[0].end.as_str()),
        ("22:00", "06:00")
    );
}

#[test]
fn a_shift_on_days_outside_the_week() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Weekend\"\nhours = \"09:00-17:00\"\nteam_size = 4\ndays = [\"sat\"]\n",
        "error: csweek.toml:6:8: the shift \"Weekend\" works Saturday, outside the week: `days = \"mon-fri\"` runs Monday to Friday; remove it from the shift's `days`, or plan the whole week with `days = \"mon-sun\"`
  |
6 | days = [\"sat\"]
  |        ^^^^^^^
",
    );
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Weekend\"\nhours = \"09:00-17:00\"\nteam_size = 4\ndays = [\"fri\", \"sat\", \"sun\"]\n",
        "error: csweek.toml:6:8: the shift \"Weekend\" works Saturday and Sunday, outside the week: `days = \"mon-fri\"` runs Monday to Friday; remove them from the shift's `days`, or plan the whole week with `days = \"mon-sun\"`
  |
6 | days = [\"fri\", \"sat\", \"sun\"]
  |        ^^^^^^^^^^^^^^^^^^^^^
",
    );
    // A week of seven days has them.
    let weekend = plan(
        "company = \"Acme\"\ndays = \"mon-sun\"\n[[shift]]\nname = \"Weekend\"\nhours = \"09:00-17:00\"\nteam_size = 4\ndays = [\"sat\", \"sun\"]\n",
        &[],
    );
    assert_eq!(weekend.shifts[0].days, ["Saturday", "Sunday"]);
}

#[test]
fn a_pin_for_an_unknown_shift() {
    fails(
        &format!(
            "company = \"Acme\"\n{EARLY_AND_LATE}[[pin]]\nday = \"mon\"\nidea = \"theme-reveal\"\nshift = \"Erly\"\n"
        ),
        "error: csweek.toml:14:9: no `[[shift]]` is named \"Erly\"; did you mean \"Early\"?
   |
14 | shift = \"Erly\"
   |         ^^^^^^
",
    );
    fails(
        &format!(
            "company = \"Acme\"\n{EARLY_AND_LATE}[[pin]]\nday = \"mon\"\nidea = \"theme-reveal\"\nshift = \"Weekend\"\n"
        ),
        "error: csweek.toml:14:9: no `[[shift]]` is named \"Weekend\"; the shifts are \"Early\" and \"Late\"
   |
14 | shift = \"Weekend\"
   |         ^^^^^^^^^
",
    );
}

#[test]
fn a_pin_for_a_day_its_shift_does_not_work() {
    fails(
        &format!(
            "company = \"Acme\"\nbudget = 1000\n{NIGHT}[[pin]]\nday = \"fri\"\nidea = \"theme-reveal\"\nshift = \"Night\"\n"
        ),
        "error: csweek.toml:9:7: the shift \"Night\" does not work Friday, only Monday and Tuesday; pin the idea to a day it works, or add \"fri\" to the shift's `days`
  |
9 | day = \"fri\"
  |       ^^^^^
",
    );
}

#[test]
fn a_pin_on_a_day_no_shift_works() {
    fails(
        &format!("company = \"Acme\"\nbudget = 1000\n{NIGHT}[[pin]]\nday = \"wed\"\nidea = \"theme-reveal\"\n"),
        "error: csweek.toml:9:7: no shift works Wednesday: the shifts' `days` leave it out; pin the idea to a day a shift works, or add \"wed\" to a shift's `days`
  |
9 | day = \"wed\"
  |       ^^^^^
",
    );
}

#[test]
fn a_pin_outside_the_week_is_told_once() {
    fails(
        &format!(
            "company = \"Acme\"\nbudget = 1000\n{NIGHT}[[pin]]\nday = \"sat\"\nidea = \"theme-reveal\"\nshift = \"Night\"\n"
        ),
        "error: csweek.toml:9:7: `day = \"sat\"` is outside the week: `days = \"mon-fri\"` runs Monday to Friday
  |
9 | day = \"sat\"
  |       ^^^^^
",
    );
}

#[test]
fn team_size_and_hours_at_the_top_alongside_shifts() {
    let out = Test::new()
        .file(
            "csweek.toml",
            format!(
                "company = \"Acme\"\nteam_size = 20\nhours = \"09:00-17:00\"\n{EARLY_AND_LATE}"
            ),
        )
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(
        out.stderr,
        "error: csweek.toml:2:13: `team_size` is set for each shift when the config has `[[shift]]` tables; move it into each `[[shift]]` and remove it here
  |
2 | team_size = 20
  |             ^^

error: csweek.toml:3:9: `hours` is set for each shift when the config has `[[shift]]` tables; move it into each `[[shift]]` and remove it here
  |
3 | hours = \"09:00-17:00\"
  |         ^^^^^^^^^^^^^

error: 2 problems found
"
    );
}

#[test]
fn a_pin_names_a_shift_but_there_are_none() {
    fails(
        "company = \"Acme\"\nbudget = 1000\n[[pin]]\nday = \"mon\"\nidea = \"theme-reveal\"\nshift = \"Early\"\n",
        "error: csweek.toml:6:9: `shift = \"Early\"`, but the config has no `[[shift]]` tables; remove `shift`, or describe the shifts
  |
6 | shift = \"Early\"
  |         ^^^^^^^
",
    );
}

#[test]
fn more_than_six_shifts() {
    let mut config = "company = \"Acme\"\n".to_string();
    for n in 1..=7 {
        let _ = write!(
            config,
            "[[shift]]\nname = \"S{n}\"\nhours = \"{:02}:00-{:02}:00\"\nteam_size = 2\n",
            n + 1,
            n + 9
        );
    }
    fails(
        &config,
        "error: csweek.toml:26:1: a plan takes at most 6 shifts, and this is the 7th; merge shifts that work the same hours
   |
26 | [[shift]]
   | ^^^^^^^^^
",
    );
}

#[test]
fn a_day_long_item_is_pinned_for_every_shift() {
    fails(
        &format!(
            "company = \"Acme\"\nbudget = 1000\n{EARLY_AND_LATE}[[pin]]\nday = \"fri\"\nidea = \"gift-cards\"\nshift = \"Late\"\n"
        ),
        "error: csweek.toml:15:9: `gift-cards` is a day-long item every shift shares (`all_day = true`), so it is for no one shift; remove `shift`
   |
15 | shift = \"Late\"
   |         ^^^^^^
",
    );
}

#[test]
fn an_idea_is_pinned_once_for_each_shift() {
    // A pin without `shift` is for every shift that works its day: the
    // Night shift here has its own pin on Tuesday, which is no clash.
    let config = format!(
        "company = \"Acme\"\nbudget = 2000\n{NIGHT}\n{EARLY_AND_LATE}\
         [[pin]]\nday = \"mon\"\nidea = \"awards-ceremony\"\nshift = \"Early\"\n\
         [[pin]]\nday = \"tue\"\nidea = \"awards-ceremony\"\nshift = \"Night\"\n\
         [[pin]]\nday = \"wed\"\nidea = \"awards-ceremony\"\n"
    );
    fails(
        &config,
        "error: csweek.toml:28:8: `awards-ceremony` is pinned twice for the shift \"Early\"; an idea runs at most once a week for each shift, so give each pin its own `shift`
   |
28 | idea = \"awards-ceremony\"
   |        ^^^^^^^^^^^^^^^^^
",
    );
    let config = config.replace(
        "day = \"wed\"\nidea = \"awards-ceremony\"\n",
        "day = \"wed\"\nidea = \"awards-ceremony\"\nshift = \"Late\"\n",
    );
    let week = plan(&config, &[]);
    let awards: Vec<(&str, &str)> = week
        .days
        .iter()
        .flat_map(|d| d.activities.iter().map(move |a| (d, a)))
        .filter(|(_, a)| a.id == "awards-ceremony")
        .map(|(d, a)| (d.weekday.as_str(), a.shift.as_deref().unwrap()))
        .collect();
    assert_eq!(
        awards,
        [
            ("Monday", "Early"),
            ("Tuesday", "Night"),
            ("Wednesday", "Late")
        ]
    );
    // A day-long item is everyone's: twice is twice.
    fails(
        &format!(
            "company = \"Acme\"\nbudget = 1000\n{EARLY_AND_LATE}[[pin]]\nday = \"mon\"\nidea = \"gift-cards\"\n[[pin]]\nday = \"fri\"\nidea = \"gift-cards\"\n"
        ),
        "error: csweek.toml:17:8: `gift-cards` is pinned twice; an idea runs at most once a week
   |
17 | idea = \"gift-cards\"
   |        ^^^^^^^^^^^^
",
    );
}

#[test]
fn check_reports_every_shift_mistake_at_once() {
    let config = "company = \"Acme\"
team_size = 20
hours = \"22:00-06:00\"
budget = 1000

[[shift]]
name = \"Early\"
hours = \"06:00-14:00\"
team_size = 0
days = [\"mon\", \"sat\", \"sun\"]

[[shift]]
name = \"early\"
hours = \"14:00-22:00\"
team_size = 5
days = []

[[pin]]
day = \"tue\"
idea = \"theme-reveal\"
shift = \"Nite\"

[[pin]]
day = \"wed\"
idea = \"catered-lunch\"
shift = \"Early\"

[[pin]]
day = \"thu\"
idea = \"trade-places\"
";
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(
        headlines(&out.stderr),
        [
            "error: csweek.toml:2:13: `team_size` is set for each shift when the config has `[[shift]]` tables; move it into each `[[shift]]` and remove it here",
            "error: csweek.toml:3:9: `hours`: expected working hours that end on the day they start, found \"22:00-06:00\", which ends the next day; for hours through midnight, describe each shift in a `[[shift]]` table with its own `name`, `hours` and `team_size`",
            "error: csweek.toml:9:13: the shift \"Early\" has nobody on it: expected a `team_size` from 1 to 100000, found 0; remove the `[[shift]]` if nobody works it",
            "error: csweek.toml:10:8: the shift \"Early\" works Saturday and Sunday, outside the week: `days = \"mon-fri\"` runs Monday to Friday; remove them from the shift's `days`, or plan the whole week with `days = \"mon-sun\"`",
            "error: csweek.toml:13:8: a shift named \"early\" is described twice: \"Early\" on line 7 differs only in case; give each shift its own name",
            "error: csweek.toml:16:8: the shift \"early\" works no days: `days` is empty; list the days it starts on, such as [\"mon\", \"tue\"], or remove `days` for every day of the week",
            "error: csweek.toml:21:9: no `[[shift]]` is named \"Nite\"; the shifts are \"Early\"",
            "error: csweek.toml:24:7: the shift \"Early\" does not work Wednesday, only Monday; pin the idea to a day it works, or add \"wed\" to the shift's `days`",
            "error: csweek.toml:29:7: no shift works Thursday: the shifts' `days` leave it out; pin the idea to a day a shift works, or add \"thu\" to a shift's `days`",
            "error: 9 problems found",
        ],
        "{}",
        out.stderr
    );
    assert_eq!(out.files(), ["csweek.toml"], "check writes nothing");
}

#[test]
fn a_day_named_twice_in_a_shift() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Early\"\nhours = \"06:00-14:00\"\nteam_size = 4\ndays = [\"mon\", \"tue\", \"mon\"]\n",
        "error: csweek.toml:6:8: the shift \"Early\" lists Monday twice in `days`; name each day once
  |
6 | days = [\"mon\", \"tue\", \"mon\"]
  |        ^^^^^^^^^^^^^^^^^^^^^
",
    );
}

#[test]
fn more_people_on_the_shifts_than_a_plan_takes() {
    fails(
        "company = \"Acme\"\n[[shift]]\nname = \"Early\"\nhours = \"06:00-14:00\"\nteam_size = 60000\n\n[[shift]]\nname = \"Late\"\nhours = \"14:00-22:00\"\nteam_size = 40001\n",
        "error: csweek.toml:10:13: the shifts have 100001 people in all; a plan celebrates at most 100000
   |
10 | team_size = 40001
   |             ^^^^^
",
    );
}

#[test]
fn a_misspelt_shift_in_another_case_is_suggested() {
    fails(
        &format!(
            "company = \"Acme\"\n{NIGHT}\n[[pin]]\nday = \"mon\"\nidea = \"raffle\"\nshift = \"nigth\"\n"
        ),
        "error: csweek.toml:11:9: no `[[shift]]` is named \"nigth\"; did you mean \"Night\"?
   |
11 | shift = \"nigth\"
   |         ^^^^^^^
",
    );
}
