use serde::Deserialize;

use crate::test::Test;

#[test]
fn a_given_year() {
    Test::new()
        .args(&["when", "2027"])
        .run()
        .status(0)
        .stdout("Customer Service Week 2027: Monday 4 October to Friday 8 October 2027\n")
        .stderr("");
}

#[test]
fn known_years_from_the_articles() {
    for (year, expected) in [
        ("2017", "Monday 2 October to Friday 6 October 2017"),
        ("2018", "Monday 1 October to Friday 5 October 2018"),
        ("2026", "Monday 5 October to Friday 9 October 2026"),
    ] {
        Test::new()
            .args(&["when", year])
            .run()
            .status(0)
            .stdout(&format!("Customer Service Week {year}: {expected}\n"));
    }
}

#[test]
fn without_a_year_it_is_the_next_week_that_has_not_ended() {
    Test::new()
        .args(&["when", "--today", "2026-10-09"])
        .run()
        .status(0)
        .stdout("Customer Service Week 2026: Monday 5 October to Friday 9 October 2026\n");
    Test::new()
        .args(&["when", "--today", "2026-10-10"])
        .run()
        .status(0)
        .stdout("Customer Service Week 2027: Monday 4 October to Friday 8 October 2027\n");
}

#[test]
fn monday_to_sunday() {
    Test::new()
        .args(&["when", "2027", "--days", "mon-sun"])
        .run()
        .status(0)
        .stdout("Customer Service Week 2027: Monday 4 October to Sunday 10 October 2027\n");
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct When {
    schema_version: u32,
    year: i32,
    start: String,
    end: String,
}

#[test]
fn json() {
    let out = Test::new()
        .args(&["when", "--json", "--today", "2027-11-01"])
        .run()
        .status(0);
    let when: When = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(when.schema_version, 1);
    assert_eq!(when.year, 2028);
    assert_eq!(when.start, "2028-10-02");
    assert_eq!(when.end, "2028-10-06");
}

#[test]
fn a_year_before_the_first_week_is_refused() {
    let out = Test::new().args(&["when", "1983"]).run().status(2);
    assert!(
        out.stderr.starts_with(
            "error: invalid value '1983' for '[YEAR]': expected a year from 1984 (the first Customer Service Week) to 9999, found `1983`\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_today_that_is_not_a_date_is_refused() {
    let out = Test::new()
        .args(&["when", "--today", "tomorrow"])
        .run()
        .status(2);
    assert!(
        out.stderr.starts_with(
            "error: invalid value 'tomorrow' for '--today <DATE>': expected a date from 1984-01-01 to 9998-12-31, such as 2027-09-01, found `tomorrow`\n"
        ),
        "{}",
        out.stderr
    );
}
