//! The JSON contract, read as a script would: into structs that refuse
//! unknown fields, then checked against the rules every plan keeps.

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
    pub timezone: Option<String>,
    pub budget: Budget,
    pub days: Vec<Day>,
    pub prep: Vec<Prep>,
    pub notes: Vec<String>,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is read by deserialization, as the contract
pub struct Activity {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub start: String,
    pub end: String,
    pub cost: String,
    pub why: String,
    pub off_queue: bool,
    pub away: u32,
    pub waves: Vec<Span>,
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
    let mut args = vec!["plan", "csweek.toml", "--today", TODAY, "-f", "json"];
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
        for a in day.activities.iter().filter(|a| a.off_queue) {
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

/// The rules every plan keeps, whatever its config.
pub fn check_invariants(plan: &Plan, per_day: usize) {
    assert_eq!(plan.schema_version, 1);
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
    let (open, close) = (minutes(&plan.hours.start), minutes(&plan.hours.end));
    let mut seen = Vec::new();
    for day in &plan.days {
        assert_eq!(day.activities.len(), per_day, "{}", day.date);
        let day_cost: i64 = day.activities.iter().map(|a| cents(&a.cost)).sum();
        assert_eq!(cents(&day.cost), day_cost, "{}", day.date);
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
            assert!(
                end > start && end <= close,
                "{} runs outside the hours",
                a.id
            );
            last_end = end;
            assert!(!a.why.is_empty(), "{} has no reason", a.id);
            if !a.waves.is_empty() {
                assert_eq!(a.waves[0].start, a.start);
                assert_eq!(a.waves.last().unwrap().end, a.end);
                for pair in a.waves.windows(2) {
                    assert_eq!(pair[0].end, pair[1].start, "waves follow each other");
                }
            }
        }
    }
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
                seen.contains(idea),
                "prep for an idea not in the plan: {idea}"
            );
        }
        assert!(step.due.as_str() < plan.week.start.as_str());
    }
    for step in &plan.prep {
        let due = chrono::NaiveDate::parse_from_str(&step.due, "%Y-%m-%d").unwrap();
        let weekday = chrono::Datelike::weekday(&due);
        assert!(
            !matches!(weekday, chrono::Weekday::Sat | chrono::Weekday::Sun),
            "{} is due on a {weekday}",
            step.task
        );
    }
    let organiser = plan.prep.iter().filter(|p| p.idea.is_none()).count();
    assert!(
        organiser >= 5,
        "the organiser's own steps are in the checklist"
    );
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
