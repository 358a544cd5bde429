//! The JSON contract, read as a script would: into structs that refuse
//! unknown fields, then checked against the rules every plan keeps.

use std::fmt::Write as _;

use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
use serde::Deserialize;

use crate::test::{TODAY, Test};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Plan {
    pub schema_version: u32,
    pub company: String,
    pub theme: String,
    pub year: i32,
    pub week: Span,
    pub currency: String,
    pub team_size: u32,
    pub mode: String,
    pub hours: Span,
    pub shifts: Vec<Shift>,
    pub timezone: Option<String>,
    pub budget: Budget,
    pub days: Vec<Day>,
    pub prep: Vec<Prep>,
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Shift {
    pub name: String,
    pub start: String,
    pub end: String,
    pub team_size: u32,
    pub days: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Span {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Budget {
    pub total: String,
    pub planned: String,
    pub remaining: String,
    pub by_category: Vec<CategoryCost>,
    pub kept_out: Option<KeptOut>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct KeptOut {
    pub ideas: Vec<IdeaName>,
    pub needed: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct IdeaName {
    pub id: String,
    pub title: String,
    pub shifts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct CategoryCost {
    pub category: String,
    pub cost: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Day {
    pub date: String,
    pub weekday: String,
    pub theme: String,
    pub cost: String,
    pub activities: Vec<Activity>,
    pub runner_up: Option<RunnerUp>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct RunnerUp {
    pub id: String,
    pub title: String,
    pub shift: Option<String>,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Activity {
    pub id: String,
    pub uid: Option<String>,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub shift: Option<String>,
    pub all_day: bool,
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub ends_at: String,
    pub cost: String,
    pub why: String,
    pub off_queue: bool,
    pub after_hours: bool,
    pub away: u32,
    pub sessions: u32,
    pub session_size: u32,
    pub waves: Vec<Wave>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Wave {
    pub uid: String,
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Prep {
    pub due: String,
    pub task: String,
    pub idea: Option<String>,
    pub overdue: bool,
}

/// A decimal string such as "12.50", in cents; panics on anything else.
pub fn cents(money: &str) -> i64 {
    let (units, frac) = money.split_once('.').expect("money has two decimals");
    assert_eq!(frac.len(), 2, "{money}");
    units.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

/// Minutes since midnight of "HH:MM".
pub fn minutes(time: &str) -> u32 {
    let (h, m) = time.split_once(':').unwrap();
    assert_eq!((h.len(), m.len()), (2, 2), "{time}");
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

/// Plans `config` as JSON and parses the result.
pub fn plan(config: &str, extra: &[&str]) -> Plan {
    let mut args = vec!["plan", "csweek.toml", "-f", "json"];
    if !extra.contains(&"--today") {
        args.extend(["--today", TODAY]);
    }
    args.extend_from_slice(extra);
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&args)
        .run()
        .status(0);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout))
}

/// At every minute of every day, at least `coverage` of the team is on the
/// queue: the people away in the activities running then are few enough.
pub fn check_coverage(plan: &Plan, coverage: f64) {
    let team = plan.team_size;
    // The same rounding as the planner's: the covered share, rounded up.
    let on_duty = (coverage * f64::from(team)).ceil();
    for day in &plan.days {
        for minute in minutes(&plan.hours.start)..minutes(&plan.hours.end) {
            let away: u32 = day
                .activities
                .iter()
                .filter(|a| a.off_queue)
                .filter(|a| minutes(&a.start) <= minute && minute < minutes(&a.end))
                .map(|a| a.away)
                .sum();
            assert!(
                f64::from(team - away.min(team)) >= on_duty,
                "{} at minute {minute}: {away} of {team} away",
                day.date
            );
        }
        for a in day
            .activities
            .iter()
            .filter(|a| a.off_queue && !a.after_hours)
        {
            // Waves cover the whole team, one after another.
            let waves = u32::try_from(a.waves.len().max(1)).unwrap();
            assert!(
                a.away * waves >= team,
                "{}: {} waves of {} miss people",
                a.id,
                waves,
                a.away
            );
        }
    }
}

/// An activity's sessions are its waves (or one without them), and they
/// have room for the `team` it is for.
fn check_sessions(a: &Activity, team: u32) {
    let waves = u32::try_from(a.waves.len()).unwrap();
    assert_eq!(a.sessions, waves.max(1), "{}: sessions are its waves", a.id);
    assert!(
        a.session_size >= 1 && a.session_size <= team,
        "{}: sessions of {} for {team}",
        a.id,
        a.session_size
    );
    assert!(
        a.sessions * a.session_size >= team,
        "{}: {} sessions of {} leave out some of {team}",
        a.id,
        a.sessions,
        a.session_size
    );
    if a.off_queue && !a.after_hours {
        assert!(a.away <= a.session_size, "{}", a.id);
    }
}

/// Without `[[shift]]` tables, the team is one shift, "Day", that works
/// the whole week in `hours`, and every activity is its own.
fn check_one_shift(plan: &Plan) {
    assert_eq!(plan.shifts.len(), 1, "one shift");
    let shift = &plan.shifts[0];
    assert_eq!(shift.name, "Day");
    assert_eq!(
        (&shift.start, &shift.end, shift.team_size),
        (&plan.hours.start, &plan.hours.end, plan.team_size)
    );
    let weekdays: Vec<&str> = plan.days.iter().map(|d| d.weekday.as_str()).collect();
    assert_eq!(shift.days, weekdays);
    for a in plan.days.iter().flat_map(|d| &d.activities) {
        assert_eq!(a.shift.as_deref(), Some("Day"), "{}", a.id);
        assert!(!a.all_day, "{} is day-long without shifts", a.id);
        check_sessions(a, plan.team_size);
    }
}

/// The budget adds up: the days, their activities and the categories.
fn check_budget(plan: &Plan) {
    let total = cents(&plan.budget.total);
    let planned: i64 = plan.days.iter().map(|d| cents(&d.cost)).sum();
    assert_eq!(
        cents(&plan.budget.planned),
        planned,
        "planned is the sum of the days"
    );
    assert!(planned <= total, "over budget: {planned} > {total}");
    assert_eq!(cents(&plan.budget.remaining), total - planned);
    let by_category: i64 = plan.budget.by_category.iter().map(|c| cents(&c.cost)).sum();
    assert_eq!(by_category, planned, "categories add up to the plan");
    for day in &plan.days {
        let day_cost: i64 = day.activities.iter().map(|a| cents(&a.cost)).sum();
        assert_eq!(cents(&day.cost), day_cost, "{}", day.date);
    }
}

/// An activity has a reason, and its waves follow each other from its
/// start to its end.
fn check_activity(a: &Activity) {
    assert!(!a.why.is_empty(), "{} has no reason", a.id);
    if !a.waves.is_empty() {
        assert_eq!(a.waves[0].start, a.start);
        assert_eq!(a.waves.last().unwrap().end, a.end);
        for pair in a.waves.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "waves follow each other");
        }
    }
}

/// The checklist: sorted, due on weekdays before the week, for ideas in
/// the plan, with the organiser's own steps; each runner-up has a reason.
fn check_prep(plan: &Plan) {
    let seen: Vec<&str> = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .map(|a| a.id.as_str())
        .collect();
    let dues: Vec<&str> = plan.prep.iter().map(|p| p.due.as_str()).collect();
    let sorted = {
        let mut d = dues.clone();
        d.sort_unstable();
        d
    };
    assert_eq!(dues, sorted, "prep is sorted by due date");
    for step in &plan.prep {
        if let Some(idea) = &step.idea {
            assert!(
                seen.contains(&idea.as_str()),
                "prep for an idea not in the plan: {idea}"
            );
        }
        assert!(step.due.as_str() < plan.week.start.as_str());
        let due = chrono::NaiveDate::parse_from_str(&step.due, "%Y-%m-%d").unwrap();
        let weekday = chrono::Datelike::weekday(&due);
        assert!(
            !matches!(weekday, chrono::Weekday::Sat | chrono::Weekday::Sun),
            "{} is due on a {weekday}",
            step.task
        );
    }
    for runner_up in plan.days.iter().filter_map(|d| d.runner_up.as_ref()) {
        assert!(!runner_up.why.is_empty(), "{}", runner_up.id);
    }
    let organiser = plan.prep.iter().filter(|p| p.idea.is_none()).count();
    assert!(
        organiser >= 5,
        "the organiser's own steps are in the checklist"
    );
}

/// The rules every plan without `[[shift]]` tables keeps, whatever its config.
pub fn check_invariants(plan: &Plan, per_day: usize) {
    assert_eq!(plan.schema_version, 1);
    check_budget(plan);
    check_one_shift(plan);
    let (open, close) = (minutes(&plan.hours.start), minutes(&plan.hours.end));
    let mut seen = Vec::new();
    for day in &plan.days {
        assert_eq!(day.activities.len(), per_day, "{}", day.date);
        let mut last_end = open;
        for a in &day.activities {
            assert!(!seen.contains(&a.id), "{} planned twice", a.id);
            seen.push(a.id.clone());
            let (start, end) = (minutes(&a.start), minutes(&a.end));
            assert!(
                start >= last_end,
                "{} overlaps the activity before it",
                a.id
            );
            if a.after_hours {
                assert!(start >= close && end > start, "{} is after work", a.id);
                assert_eq!(a.away, 0, "{}: nobody is on the queue after hours", a.id);
            } else {
                assert!(
                    end > start && end <= close,
                    "{} runs outside the hours",
                    a.id
                );
            }
            last_end = end;
            check_activity(a);
        }
    }
    for runner_up in plan.days.iter().filter_map(|d| d.runner_up.as_ref()) {
        assert!(
            !seen.contains(&runner_up.id),
            "the runner-up {} is in the plan",
            runner_up.id
        );
    }
    check_prep(plan);
}

/// The rules every plan with `[[shift]]` tables keeps: each day's
/// day-long item first, shared by every shift; then each shift's
/// `per_day` activities on the days it works, in its own hours, none
/// twice for the same shift; no after-work event after a night's work.
pub fn check_shift_invariants(plan: &Plan, per_day: usize) {
    assert_eq!(plan.schema_version, 1);
    check_budget(plan);
    let team: u32 = plan.shifts.iter().map(|s| s.team_size).sum();
    assert_eq!(plan.team_size, team, "everyone on every shift");
    let mut seen: Vec<(Option<&str>, &str)> = Vec::new();
    for day in &plan.days {
        let all_day = day.activities.iter().take_while(|a| a.all_day).count();
        assert_eq!(all_day, 1, "{}: one day-long item, first", day.date);
        check_day_long_item(plan, day, &day.activities[0]);
        let mut order: Vec<&str> = Vec::new();
        let mut last_end = None;
        for a in &day.activities {
            assert!(
                !seen.contains(&(a.shift.as_deref(), a.id.as_str())),
                "{} planned twice for {:?}",
                a.id,
                a.shift
            );
            seen.push((a.shift.as_deref(), a.id.as_str()));
            check_activity(a);
            if a.all_day {
                continue;
            }
            let name = a
                .shift
                .as_deref()
                .unwrap_or_else(|| panic!("{}: whose?", a.id));
            let shift = plan.shifts.iter().find(|s| s.name == name);
            let shift = shift.unwrap_or_else(|| panic!("{}: no shift {name}", a.id));
            if order.last() != Some(&name) {
                assert!(!order.contains(&name), "{}: {name}'s together", day.date);
                order.push(name);
                last_end = None;
            }
            check_live_activity(shift, day, a);
            let starts = local(&a.starts_at);
            assert!(
                last_end.is_none_or(|end| starts >= end),
                "{} overlaps the activity before it",
                a.id
            );
            last_end = Some(local(&a.ends_at));
        }
        let working: Vec<&str> = plan
            .shifts
            .iter()
            .filter(|s| s.days.contains(&day.weekday))
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(
            order, working,
            "{}: the shifts that work, in order",
            day.date
        );
        for name in working {
            let live = day
                .activities
                .iter()
                .filter(|a| a.shift.as_deref() == Some(name))
                .count();
            assert_eq!(live, per_day, "{}: {name}'s activities", day.date);
        }
    }
    // Each runner-up lost its day for some shift that works it: one that
    // has it nowhere in the week.
    for day in &plan.days {
        let Some(runner_up) = &day.runner_up else {
            continue;
        };
        let theirs = |name: &str| seen.contains(&(Some(name), runner_up.id.as_str()));
        let shared = seen.contains(&(None, runner_up.id.as_str()));
        let lost = plan
            .shifts
            .iter()
            .filter(|s| s.days.contains(&day.weekday))
            .any(|s| !theirs(&s.name));
        assert!(
            !shared && lost,
            "{}: the runner-up {} is planned for every shift",
            day.date,
            runner_up.id
        );
    }
    let mut uids: Vec<&str> = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .flat_map(|a| a.uid.iter().chain(a.waves.iter().map(|w| &w.uid)))
        .map(String::as_str)
        .collect();
    let count = uids.len();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), count, "every calendar UID is its own");
    check_prep(plan);
}

/// At every minute of each shift's hours, at least `coverage` of the
/// shift is on the queue.
pub fn check_shift_coverage(plan: &Plan, coverage: f64) {
    for shift in &plan.shifts {
        let team = shift.team_size;
        let on_duty = (coverage * f64::from(team)).ceil();
        for day in plan.days.iter().filter(|d| shift.days.contains(&d.weekday)) {
            let theirs: Vec<&Activity> = day
                .activities
                .iter()
                .filter(|a| a.shift.as_deref() == Some(shift.name.as_str()))
                .filter(|a| a.off_queue && !a.after_hours)
                .collect();
            let (open, close) = shift_window(shift, &day.date);
            let mut at = open;
            while at < close {
                let away: u32 = theirs
                    .iter()
                    .filter(|a| local(&a.starts_at) <= at && at < local(&a.ends_at))
                    .map(|a| a.away)
                    .sum();
                assert!(
                    f64::from(team - away.min(team)) >= on_duty,
                    "{} at {at}: {away} of {team} away",
                    shift.name
                );
                at += chrono::Duration::minutes(1);
            }
            for a in theirs {
                assert!(a.away * a.sessions >= team, "{}: waves miss people", a.id);
            }
        }
    }
}

#[test]
fn the_contract_shape() {
    let plan = plan(
        "company = \"Acme Support\"\nbudget = 800.5\ncurrency = \"EUR\"\nteam_size = 15\n",
        &[],
    );
    assert_eq!(plan.company, "Acme Support");
    assert_eq!(plan.year, 2027);
    assert_eq!(
        (plan.week.start.as_str(), plan.week.end.as_str()),
        ("2027-10-04", "2027-10-08")
    );
    assert_eq!(plan.currency, "EUR");
    assert_eq!(plan.budget.total, "800.50");
    assert_eq!(plan.team_size, 15);
    assert_eq!(plan.mode, "onsite");
    assert_eq!(
        (plan.hours.start.as_str(), plan.hours.end.as_str()),
        ("09:00", "17:00")
    );
    let weekdays: Vec<&str> = plan.days.iter().map(|d| d.weekday.as_str()).collect();
    assert_eq!(
        weekdays,
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    );
    let themes: Vec<&str> = plan.days.iter().map(|d| d.theme.as_str()).collect();
    assert_eq!(
        themes,
        [
            "Kick it off",
            "Trade places",
            "Eat up",
            "Have fun",
            "Recognise and reward"
        ]
    );
    assert!(!plan.theme.is_empty());
    check_invariants(&plan, 2);
}

#[test]
fn a_zero_budget_plans_a_full_free_week() {
    for mode in ["onsite", "remote", "hybrid"] {
        let plan = plan(
            &format!("company = \"Acme\"\nbudget = 0\nmode = \"{mode}\"\ndays = \"mon-sun\"\n"),
            &[],
        );
        assert_eq!(plan.days.len(), 7);
        assert_eq!(plan.budget.planned, "0.00");
        check_invariants(&plan, 2);
    }
}

#[test]
fn pins_and_excludes_are_kept() {
    let plan = plan(
        "company = \"Acme\"\nbudget = 3000\nteam_size = 20\nexclude = [\"trade-places\", \"dress-up-day\"]\n\
         [[pin]]\nday = \"mon\"\nidea = \"catered-lunch\"\n[[pin]]\nday = \"thu\"\nidea = \"story-circle\"\n",
        &[],
    );
    check_invariants(&plan, 2);
    let ids = |d: usize| {
        plan.days[d]
            .activities
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
    };
    assert!(ids(0).contains(&"catered-lunch"));
    assert!(ids(3).contains(&"story-circle"));
    let pinned = plan.days[0]
        .activities
        .iter()
        .find(|a| a.id == "catered-lunch")
        .unwrap();
    assert!(
        pinned.why.starts_with("Pinned to Monday in the config"),
        "{}",
        pinned.why
    );
    for d in 0..5 {
        assert!(!ids(d).contains(&"trade-places") && !ids(d).contains(&"dress-up-day"));
    }
}

#[test]
fn remote_teams_get_remote_ideas_and_no_customers_when_asked() {
    let plan = plan(
        "company = \"Acme\"\nbudget = 2000\nmode = \"remote\"\ninclude_customers = false\nactivities_per_day = 3\n",
        &[],
    );
    check_invariants(&plan, 3);
    let catalog = Test::new().args(&["ideas", "--json"]).run().status(0);
    let ideas: Vec<serde_json::Value> = serde_json::from_str(&catalog.stdout).unwrap();
    for a in plan.days.iter().flat_map(|d| &d.activities) {
        let idea = ideas.iter().find(|i| i["id"] == a.id.as_str()).unwrap();
        assert!(
            idea["modes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "remote"),
            "{}",
            a.id
        );
        assert!(
            !idea["audience"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == "customers"),
            "{}",
            a.id
        );
    }
}

#[test]
fn money_is_exact() {
    // 0.1 + 0.2 style sums must not drift: three ideas at 0.10 a head for 3 people.
    let plan = plan(
        "company = \"Acme\"\nbudget = 0.9\nteam_size = 3\nactivities_per_day = 1\n\
         [[idea]]\nid = \"dime\"\ntitle = \"Dime\"\ncategory = \"fun\"\nduration_minutes = 15\ncost = { per_person = 0.1 }\n\
         [[pin]]\nday = \"mon\"\nidea = \"dime\"\n",
        &[],
    );
    assert_eq!(plan.days[0].activities[0].cost, "0.30");
    assert_eq!(
        plan.budget.remaining,
        cents_str(90 - cents(&plan.budget.planned))
    );
}

fn cents_str(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[test]
fn a_tight_budget_says_what_it_kept_out_and_what_would_include_it() {
    let plan = plan("company = \"Acme\"\nbudget = 0\nteam_size = 20\n", &[]);
    check_invariants(&plan, 2);
    let kept_out = plan
        .budget
        .kept_out
        .as_ref()
        .expect("what the budget kept out");
    assert!(cents(&kept_out.needed) > 0);
    assert!(!kept_out.ideas.is_empty());
    let note = plan
        .notes
        .iter()
        .find(|n| n.starts_with("The budget kept out "))
        .expect("a note on what the budget kept out");
    assert!(note.contains(&format!("a budget of {} would", kept_out.needed)));
    assert!(note.contains(&kept_out.ideas[0].title), "{note}");
    // That budget buys a week with every idea it kept out.
    let richer = super::json::plan(
        &format!(
            "company = \"Acme\"\nbudget = {}\nteam_size = 20\n",
            kept_out.needed
        ),
        &[],
    );
    let planned: Vec<&str> = richer
        .days
        .iter()
        .flat_map(|d| d.activities.iter().map(|a| a.id.as_str()))
        .collect();
    for idea in &kept_out.ideas {
        assert!(
            planned.contains(&idea.id.as_str()),
            "{} is planned",
            idea.id
        );
    }
    assert!(richer.budget.kept_out.is_none());
}

#[test]
fn an_activity_past_midnight_carries_its_end_date() {
    let config = "company = \"Acme\"\nbudget = 1000\nhours = \"16:00-23:00\"\n\
                  [[pin]]\nday = \"thu\"\nidea = \"happy-hour\"\n";
    for (timezone, offset) in [("", ""), ("timezone = \"Europe/Paris\"\n", "+02:00")] {
        let plan = plan(&format!("{timezone}{config}"), &[]);
        let happy_hour = plan.days[3]
            .activities
            .iter()
            .find(|a| a.id == "happy-hour")
            .unwrap();
        assert_eq!(
            (happy_hour.start.as_str(), happy_hour.end.as_str()),
            ("23:00", "00:30")
        );
        assert_eq!(happy_hour.starts_at, format!("2027-10-07T23:00:00{offset}"));
        assert_eq!(happy_hour.ends_at, format!("2027-10-08T00:30:00{offset}"));
    }
}

#[test]
fn every_activity_carries_its_date_times_and_its_calendar_uid() {
    for name in crate::test::EXAMPLES {
        let config =
            std::fs::read_to_string(crate::test::root().join("examples").join(name)).unwrap();
        let plan = plan(&config, &[]);
        let ics = Test::new()
            .file("csweek.toml", &config)
            .args(&["plan", "--today", TODAY, "-f", "ics"])
            .run()
            .status(0)
            .stdout;
        let calendar: icalendar::Calendar = ics.parse().unwrap();
        for day in &plan.days {
            for a in &day.activities {
                assert_eq!(a.uid.is_some(), a.waves.is_empty(), "{name}: {}", a.id);
                let mut events = vec![(a.uid.clone(), &a.start, &a.starts_at, &a.ends_at)];
                events.extend(
                    a.waves
                        .iter()
                        .map(|w| (Some(w.uid.clone()), &w.start, &w.starts_at, &w.ends_at)),
                );
                for (uid, start, starts_at, ends_at) in events {
                    assert_eq!(
                        starts_at.get(..16),
                        Some(format!("{}T{start}", day.date).as_str()),
                        "{name}: {}",
                        a.id
                    );
                    assert!(ends_at > starts_at, "{name}: {}", a.id);
                    let Some(uid) = uid else { continue };
                    let found = calendar
                        .events()
                        .find(|e| e.get_uid() == Some(uid.as_str()))
                        .unwrap_or_else(|| panic!("{name}: no event {uid}"));
                    match (&plan.timezone, found.get_start().unwrap()) {
                        (Some(_), DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => {
                            let ours = chrono::DateTime::parse_from_rfc3339(starts_at).unwrap();
                            assert_eq!(at, ours.to_utc(), "{name}: {uid}");
                        }
                        (None, DatePerhapsTime::Date(date)) => {
                            assert_eq!(date.to_string(), day.date, "{name}: {uid}");
                            assert_eq!(starts_at.len(), 19, "no offset without a time zone");
                        }
                        (zone, start) => panic!("{name}: {uid} at {start:?} with {zone:?}"),
                    }
                }
            }
        }
    }
}

#[test]
fn every_day_names_its_runner_up() {
    let plan = plan("company = \"Acme\"\nbudget = 1200\n", &[]);
    check_invariants(&plan, 2);
    for day in &plan.days {
        let runner_up = day.runner_up.as_ref().expect("a runner-up");
        let lost = [
            "the plan would score",
            "over budget",
            "past its hours",
            "its meal already",
            "Tied on points",
        ];
        assert!(
            lost.iter().any(|l| runner_up.why.contains(l)),
            "{}",
            runner_up.why
        );
    }
}

#[test]
fn planning_late_marks_overdue_steps_and_the_week_under_way() {
    let late = plan(
        "company = \"Acme\"\nyear = 2027\n",
        &["--today", "2027-09-27"],
    );
    let overdue: Vec<&Prep> = late.prep.iter().filter(|p| p.overdue).collect();
    assert!(!overdue.is_empty());
    assert!(overdue.iter().all(|p| p.due.as_str() < "2027-09-27"));
    assert!(
        late.prep
            .iter()
            .filter(|p| !p.overdue)
            .all(|p| p.due.as_str() >= "2027-09-27")
    );

    Test::new()
        .file("csweek.toml", "company = \"Acme\"\nyear = 2027\n")
        .args(&["plan", "--today", "2027-10-05"])
        .run()
        .status(2)
        .stderr(
            "error: cannot plan the week from csweek.toml\ncaused by: the week needs 10 activities, \
             but only 0 ideas can still be prepared in time (68 more need longer); \
             lower `activities_per_day` or add ideas that need no preparation\n",
        );
    let past = plan(
        "company = \"Acme\"\nyear = 2027\n",
        &["--today", "2028-01-10"],
    );
    assert_eq!(
        past.notes[0],
        "Customer Service Week 2027 ended on 8 October 2027; this plan ignores preparation lead times."
    );
    assert!(past.prep.iter().all(|p| !p.overdue));
}

#[test]
fn avoid_keeps_last_years_picks_out_but_not_the_pins() {
    let config = "company = \"Acme\"\nbudget = 2000\nteam_size = 20\n[[pin]]\nday = \"tue\"\nidea = \"trade-places\"\n";
    let last = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY, "-o", "last.json"])
        .run()
        .status(0);
    let last_plan: Plan = serde_json::from_str(&last.read("last.json")).unwrap();
    let out = Test::new()
        .file("csweek.toml", config)
        .file("last.json", last.read("last.json"))
        .args(&[
            "plan",
            "--today",
            TODAY,
            "-f",
            "json",
            "--avoid",
            "last.json",
        ])
        .run()
        .status(0);
    let plan: Plan = serde_json::from_str(&out.stdout).unwrap();
    check_invariants(&plan, 2);
    let ids = |p: &Plan| {
        p.days
            .iter()
            .flat_map(|d| d.activities.iter().map(|a| a.id.clone()))
            .collect::<Vec<_>>()
    };
    let again: Vec<String> = ids(&plan)
        .into_iter()
        .filter(|id| ids(&last_plan).contains(id))
        .collect();
    assert_eq!(again, ["trade-places"], "only the pin comes back");
    assert!(
        plan.notes
            .iter()
            .any(|n| n.starts_with("Kept out 9 ideas from last year's plan (last.json)")),
        "{:?}",
        plan.notes
    );
}

#[test]
fn avoid_refuses_a_file_that_is_not_a_plan() {
    Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("last.json", "{\"days\": 3}")
        .args(&["plan", "--today", TODAY, "--avoid", "last.json"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: last.json:1:10: not a plan from `csweek plan -f json`: expected a list, found integer `3`\n");
}

#[test]
fn a_huge_catalog_is_searched_on_a_shortlist_and_says_so() {
    let mut ideas = String::new();
    for n in 0..1500 {
        let category = ["fun", "food", "learning", "recognition", "community"][n % 5];
        let _ = write!(
            ideas,
            "[[idea]]\nid = \"synthetic-{n}\"\ntitle = \"Idea {n}\"\ncategory = \"{category}\"\n\
             duration_minutes = {}\ncost = {{ fixed = {}, per_person = {} }}\n",
            15 + 15 * (n % 4),
            n % 97,
            n % 3
        );
    }
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nbudget = 500\n")
        .file("house/many.toml", ideas)
        .args(&["plan", "--today", TODAY, "-f", "json", "--ideas", "house"])
        .run()
        .status(0);
    let plan: Plan = serde_json::from_str(&out.stdout).unwrap();
    check_invariants(&plan, 2);
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("too many to search whole")
                && n.contains("not proven the best possible")),
        "{:?}",
        plan.notes
    );
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
struct CatalogIdea {
    id: String,
    title: String,
    summary: String,
    category: String,
    modes: Vec<String>,
    audience: Vec<String>,
    cost: IdeaCost,
    duration_minutes: u32,
    lead_time_days: u32,
    days: Vec<String>,
    prep: Vec<IdeaPrep>,
    group_size: Option<u32>,
    all_day: bool,
    together: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct IdeaCost {
    fixed: String,
    per_person: String,
    per_session: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct IdeaPrep {
    days_before: u32,
    task: String,
}

#[test]
fn the_ideas_contract() {
    let out = Test::new()
        .args(&["ideas", "--json"])
        .run()
        .status(0)
        .stderr("");
    let ideas: Vec<CatalogIdea> = serde_json::from_str(&out.stdout).unwrap();
    assert!(ideas.len() >= 60);
    let lunch = ideas.iter().find(|i| i.id == "catered-lunch").unwrap();
    assert_eq!(
        (lunch.cost.fixed.as_str(), lunch.cost.per_person.as_str()),
        ("150.00", "18.00")
    );
    assert!(
        lunch
            .prep
            .iter()
            .all(|p| p.days_before <= lunch.lead_time_days)
    );
}

#[test]
fn avoid_counts_an_id_named_twice_once() {
    // A plan that names an idea on two days (edited by hand, or an idea
    // run in waves) keeps that idea out once.
    let last = r#"{"days": [
        {"activities": [{"id": "catered-lunch"}, {"id": "trade-places"}]},
        {"activities": [{"id": "certificates"}]},
        {"activities": [{"id": "catered-lunch"}]}
    ]}"#;
    let notes = notes_avoiding(last);
    assert!(
        notes.iter().any(|n| n.starts_with("Kept out 3 idea")),
        "{notes:?}"
    );
}

/// The notes of a plan for a small team that avoids the picks of `last`.
fn notes_avoiding(last: &str) -> Vec<String> {
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nbudget = 2000\n")
        .file("last.json", last)
        .args(&[
            "plan",
            "--today",
            TODAY,
            "-f",
            "json",
            "--avoid",
            "last.json",
        ])
        .run()
        .status(0);
    serde_json::from_str::<Plan>(&out.stdout).unwrap().notes
}

/// Ideas of last year's plan that this catalog lacks (a house idea since
/// removed) are counted apart, and a plan of none of them says so.
#[test]
fn avoid_counts_ideas_the_catalog_lacks_apart() {
    let some = notes_avoiding(
        r#"{"days": [{"activities": [{"id": "catered-lunch"}, {"id": "our-old-quiz"}]}]}"#,
    );
    assert!(
        some.contains(
            &"Kept out 1 idea from last year's plan (last.json) so the week is fresh: \
              Catered Team Lunch; 1 more it names is not in this catalog."
                .to_string()
        ),
        "{some:?}"
    );
    let none = notes_avoiding(
        r#"{"days": [{"activities": [{"id": "our-old-quiz"}, {"id": "bingo-2"}]}]}"#,
    );
    assert!(
        none.contains(
            &"Last year's plan (last.json) names 2 ideas, none of them in this catalog, so none \
              was kept out."
                .to_string()
        ),
        "{none:?}"
    );
}

/// A plan moment's local date and time, whatever its offset.
fn local(moment: &str) -> chrono::NaiveDateTime {
    let local = moment.get(..19).unwrap_or(moment);
    chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
        .unwrap_or_else(|e| panic!("{moment}: {e}"))
}

/// A shift's hours on `date`, the end the next day when they cross midnight.
fn shift_window(shift: &Shift, date: &str) -> (chrono::NaiveDateTime, chrono::NaiveDateTime) {
    let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let at = |time: &str| date.and_time(chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap());
    let (start, mut end) = (at(&shift.start), at(&shift.end));
    if end <= start {
        end += chrono::Duration::days(1);
    }
    (start, end)
}

/// The bundled ideas' meals: food that belongs at midday, by its `time`
/// or, without one, by its category.
fn meals() -> Vec<String> {
    let text = std::fs::read_to_string(crate::test::root().join("ideas/food.toml")).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    file["idea"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|idea| {
            idea.get("time")
                .is_none_or(|t| t.as_str() == Some("midday"))
        })
        .map(|idea| idea["id"].as_str().unwrap().to_string())
        .collect()
}

/// A day-long item of a plan with shifts: every shift's, from the day's
/// midnight to the next, nobody off the queue.
fn check_day_long_item(plan: &Plan, day: &Day, item: &Activity) {
    let date = chrono::NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").unwrap();
    assert_eq!(item.shift, None, "{}: shared by every shift", item.id);
    assert_eq!((item.start.as_str(), item.end.as_str()), ("00:00", "00:00"));
    assert_eq!(local(&item.starts_at), date.and_hms_opt(0, 0, 0).unwrap());
    assert_eq!(
        local(&item.ends_at),
        date.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap()
    );
    assert!(
        item.waves.is_empty() && !item.off_queue && !item.after_hours,
        "{}",
        item.id
    );
    assert_eq!(item.away, 0, "{}", item.id);
    check_sessions(item, plan.team_size);
}

/// A live activity of `shift` on `day`: it starts in the shift's hours
/// (and ends in them, unless after work), waves and all, and it is after
/// work only when the shift does not end at night (22:00 to 07:00).
fn check_live_activity(shift: &Shift, day: &Day, a: &Activity) {
    let name = &shift.name;
    check_sessions(a, shift.team_size);
    let end = minutes(&shift.end);
    let night = end >= 22 * 60 || end <= 7 * 60;
    assert!(
        !(a.after_hours && night),
        "{}: no after-work event for the {name} shift, which ends at night",
        a.id
    );
    let (open, close) = shift_window(shift, &day.date);
    let (starts, ends) = (local(&a.starts_at), local(&a.ends_at));
    assert!(ends > starts, "{}", a.id);
    if a.after_hours {
        assert!(
            starts >= close,
            "{} {}: after work before {close}",
            day.date,
            a.id
        );
        assert_eq!(a.away, 0, "{}: nobody is on the queue after hours", a.id);
    } else {
        assert!(
            open <= starts && starts < close,
            "{} {}: starts at {starts}, outside {name}'s {open} to {close}",
            day.date,
            a.id
        );
        assert!(
            ends <= close,
            "{} {}: ends at {ends}, after {close}",
            day.date,
            a.id
        );
    }
    for wave in &a.waves {
        assert!(
            open <= local(&wave.starts_at) && local(&wave.ends_at) <= close,
            "{} {}: a wave outside {name}'s hours",
            day.date,
            wave.uid
        );
    }
}

#[test]
fn a_24x7_contact_centre_celebrates_each_shift_in_its_own_hours() {
    let config =
        std::fs::read_to_string(crate::test::root().join("examples/24x7-contact-centre.toml"))
            .unwrap();
    let plan = plan(&config, &[]);
    let shifts: Vec<(&str, &str, &str, u32, Vec<&str>)> = plan
        .shifts
        .iter()
        .map(|s| {
            let days = s.days.iter().map(String::as_str).collect();
            let hours = (s.start.as_str(), s.end.as_str());
            (s.name.as_str(), hours.0, hours.1, s.team_size, days)
        })
        .collect();
    let weekdays = vec!["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    assert_eq!(
        shifts,
        [
            ("Early", "06:00", "14:30", 24, weekdays.clone()),
            ("Late", "14:00", "22:30", 22, weekdays.clone()),
            ("Night", "22:00", "06:30", 14, weekdays.clone()),
        ]
    );
    assert_eq!(plan.team_size, 60);
    assert_eq!(plan.timezone.as_deref(), Some("America/Chicago"));
    assert_eq!(plan.days.len(), 5);
    // Each shift: 2 activities on each day it works, in its hours.
    check_shift_invariants(&plan, 2);
    check_shift_coverage(&plan, 0.7);
    let live = || {
        plan.days.iter().flat_map(|d| {
            d.activities
                .iter()
                .filter(|a| !a.all_day)
                .map(move |a| (d, a))
        })
    };
    // The Late shift ends at 22:30 and the Night shift at 06:30: neither
    // stays on after work.
    for (day, a) in live() {
        let shift = a.shift.as_deref().unwrap();
        assert!(
            shift == "Early" || !a.after_hours,
            "{} {}: after work for {shift}",
            day.date,
            a.id
        );
    }
    // A meal sits near the middle of its shift: 10:15, 18:15 and 02:15.
    let meals = meals();
    let mut fed = Vec::new();
    for (day, a) in live().filter(|(_, a)| meals.contains(&a.id)) {
        let shift = plan
            .shifts
            .iter()
            .find(|s| Some(s.name.as_str()) == a.shift.as_deref());
        let (open, close) = shift_window(shift.unwrap(), &day.date);
        let middle = open + (close - open) / 2;
        let (starts, ends) = (local(&a.starts_at), local(&a.ends_at));
        let its = starts + (ends - starts) / 2;
        assert!(
            (its - middle).num_minutes().abs() <= 60,
            "{} {}: a meal at {its}, far from the middle of the shift at {middle}",
            day.date,
            a.id
        );
        fed.push(a.shift.as_deref().unwrap());
    }
    fed.sort_unstable();
    fed.dedup();
    assert_eq!(fed, ["Early", "Late", "Night"], "a meal for each shift");
    // The budget: every activity's cost, within the total.
    let planned: i64 = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .map(|a| cents(&a.cost))
        .sum();
    assert_eq!(cents(&plan.budget.planned), planned);
    assert!(planned <= cents(&plan.budget.total));
}
