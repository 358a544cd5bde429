//! Values a person new to csweek is likely to write: the hours as csweek
//! prints them, a time zone's abbreviation or offset, a currency that isn't
//! one. Each gets a hint that names what to write instead.

use crate::error_messages::fails;
use crate::test::{TODAY, Test};

#[test]
fn hours_with_an_en_dash_as_csweek_prints_them() {
    fails(
        "company = \"Acme\"\nhours = \"09:00–17:00\"\n",
        "error: csweek.toml:2:9: `hours`: expected working hours such as \"09:00-17:00\", found \"09:00–17:00\"; \
         write a hyphen (-) between the times, not an en dash (–)
  |
2 | hours = \"09:00–17:00\"
  |         ^^^^^^^^^^^^^
",
    );
}

#[test]
fn an_offset_from_utc_gets_a_zone_that_means_it() {
    fails(
        "company = \"Acme\"\ntimezone = \"UTC+1\"\n",
        "error: csweek.toml:2:12: `timezone`: expected an IANA time zone such as \"America/Chicago\" or \"Europe/Berlin\", \
         found \"UTC+1\"; name a place, such as \"Europe/Paris\", to follow its clock changes, \
         or write \"Etc/GMT-1\" for UTC+1 all year (the sign is reversed)
  |
2 | timezone = \"UTC+1\"
  |            ^^^^^^^
",
    );
    fails(
        "company = \"Acme\"\ntimezone = \"GMT-05:00\"\n",
        "error: csweek.toml:2:12: `timezone`: expected an IANA time zone such as \"America/Chicago\" or \"Europe/Berlin\", \
         found \"GMT-05:00\"; name a place, such as \"America/New_York\", to follow its clock changes, \
         or write \"Etc/GMT+5\" for UTC-5 all year (the sign is reversed)
  |
2 | timezone = \"GMT-05:00\"
  |            ^^^^^^^^^^^
",
    );
    fails(
        "company = \"Acme\"\ntimezone = \"UTC+5:30\"\n",
        "error: csweek.toml:2:12: `timezone`: expected an IANA time zone such as \"America/Chicago\" or \"Europe/Berlin\", \
         found \"UTC+5:30\"; name a place, such as \"Asia/Kolkata\"
  |
2 | timezone = \"UTC+5:30\"
  |            ^^^^^^^^^^
",
    );
}

#[test]
fn an_abbreviation_the_database_lacks_gets_its_zone() {
    fails(
        "company = \"Acme\"\ntimezone = \"PST\"\n",
        "error: csweek.toml:2:12: `timezone`: expected an IANA time zone such as \"America/Chicago\" or \"Europe/Berlin\", \
         found \"PST\"; for Pacific time, write \"America/Los_Angeles\"
  |
2 | timezone = \"PST\"
  |            ^^^^^
",
    );
}

#[test]
fn a_fixed_offset_abbreviation_plans_with_a_warning_naming_a_zone() {
    let config = "company = \"Acme\"\ntimezone = \"EST\"\n";
    let warning =
        "warning: csweek.toml:2:12: `timezone`: \"EST\" is UTC-5 all year, without summer time; \
                   for Eastern time, which is UTC-4 in October, write \"America/New_York\"
  |
2 | timezone = \"EST\"
  |            ^^^^^
";
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", TODAY, "-f", "json"])
        .run()
        .status(0)
        .stderr(warning);
    assert!(
        out.stdout.contains("\"timezone\": \"EST\""),
        "{}",
        out.stdout
    );
    Test::new()
        .file("csweek.toml", config)
        .args(&["check", "--today", TODAY])
        .run()
        .status(0)
        .stderr(warning);
    // A place's zone plans in silence.
    Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\ntimezone = \"America/New_York\"\n",
        )
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0)
        .stderr("");
}

#[test]
fn a_currency_that_is_not_one() {
    for (code, hint) in [
        ("EUD", "; did you mean \"EUR\"?"),
        ("usd", "; did you mean \"USD\"?"),
        ("ABC", ""),
    ] {
        fails(
            &format!("company = \"Acme\"\ncurrency = \"{code}\"\n"),
            &format!(
                "error: csweek.toml:2:12: `currency`: expected an ISO 4217 currency code such as \"USD\" or \"EUR\", \
                 found \"{code}\"{hint}
  |
2 | currency = \"{code}\"
  |            ^^^^^
"
            ),
        );
    }
}
