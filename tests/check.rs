//! `csweek check`: every problem at once, each at its `file:line:column`;
//! exit 0 or 2; nothing written.

use crate::test::{EXAMPLES, TODAY, Test, root};

/// The first line of each problem.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

#[test]
fn a_sound_config_is_ok_and_says_what_it_plans() {
    let example = root().join("examples/large-remote.toml");
    Test::new()
        .args(&["check", example.to_str().unwrap(), "--today", TODAY])
        .run()
        .status(0)
        .stderr("")
        .stdout(&format!(
            "{}: ok; 74 bundled ideas; plans 15 activities from 2027-10-04 to 2027-10-08, 7415.00 of 9000.00 EUR budgeted\n",
            example.display()
        ));
}

#[test]
fn every_example_checks() {
    for name in EXAMPLES {
        let example = root().join("examples").join(name);
        let out = Test::new()
            .args(&["check", example.to_str().unwrap(), "--today", TODAY])
            .run()
            .status(0);
        assert!(out.stdout.contains(": ok; "), "{name}: {}", out.stdout);
    }
}

#[test]
fn without_a_config_it_checks_the_local_one_or_refuses() {
    // Checking the built-in default would let a job in the wrong folder pass.
    Test::new()
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: no csweek.toml here; name the config to check: `csweek check FILE`\n");
    Test::new()
        .file("csweek.toml", "company = \"Acme\"\nbudget = \"lots\"\nmode = \"hybird\"\n")
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: csweek.toml:2:10: `budget`: expected an amount such as 250 or 12.50, found `lots`
  |
2 | budget = \"lots\"
  |          ^^^^^^

error: csweek.toml:3:8: `mode`: unknown value `hybird`, expected `onsite`, `remote` or `hybrid`; did you mean `hybrid`?
  |
3 | mode = \"hybird\"
  |        ^^^^^^^^

error: 2 problems found
",
        );
}

const MANY_MISTAKES: &str = r#"company = "Acme"
budget = "lots"
team_size = 0
colour = "blue"
exclude = ["raffle", "rafle"]

[[pin]]
day = "tue"
idea = "catered-luch"

[[pin]]
day = "funday"
idea = "trivia"

[[idea]]
id = "house-quiz"
title = "House quiz"
summary = "A quiz about the house."
category = "fun"
cost = { per_person = -3 }
duration_minutes = 0
"#;

#[test]
fn every_problem_in_a_config_is_reported_in_file_order() {
    let out = Test::new()
        .file("team.toml", MANY_MISTAKES)
        .args(&["check", "team.toml", "--today", TODAY])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(
        headlines(&out.stderr),
        [
            "error: team.toml:2:10: `budget`: expected an amount such as 250 or 12.50, found `lots`",
            "error: team.toml:3:13: `team_size`: expected a whole number from 1 to 100000, found 0",
            "error: team.toml:4:1: unknown key `colour`; expected one of `company`, `theme`, `year`, `budget`, `currency`, `team_size`, `mode`, `include_customers`, `days`, `hours`, `timezone`, `activities_per_day`, `coverage`, `day_themes`, `exclude`, `pin`, `shift` or `idea`",
            "error: team.toml:5:22: `exclude` names unknown idea `rafle`; did you mean `raffle`?",
            "error: team.toml:9:8: `[[pin]]` names unknown idea `catered-luch`; did you mean `catered-lunch`?",
            "error: team.toml:12:7: `day`: expected a day `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`, found `funday`",
            "error: team.toml:20:23: `per_person`: expected an amount of 0 or more, found -3",
            "error: team.toml:21:20: `duration_minutes`: expected a whole number from 5 to 480, found 0",
            "error: 8 problems found",
        ],
        "{}",
        out.stderr
    );
    assert_eq!(out.files(), ["team.toml"], "check writes nothing");
}

#[test]
fn syntax_errors_are_all_reported_and_nothing_the_parser_guessed() {
    Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\nyear = 2027\nyear = 2028\nbudget = \nteam_size = \"x\"\n",
        )
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: csweek.toml:3:1: duplicate key `year`; each key may appear once
  |
3 | year = 2028
  | ^^^^

error: csweek.toml:4:10: `budget`: expected a value after `=`
  |
4 | budget = 
  |          ^

error: 2 problems found
",
        );
}

#[test]
fn a_missing_company_does_not_hide_the_other_problems() {
    let out = Test::new()
        .file("csweek.toml", "budget = -5\nmode = \"x\"\n")
        .args(&["check", "--today", TODAY])
        .run()
        .status(2);
    assert_eq!(
        headlines(&out.stderr),
        [
            "error: csweek.toml: missing required key `company`",
            "error: csweek.toml:1:10: `budget`: expected an amount of 0 or more, found -5",
            "error: csweek.toml:2:8: `mode`: unknown value `x`, expected `onsite`, `remote` or `hybrid`",
            "error: 3 problems found",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn idea_folders_and_templates_are_checked_too() {
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nexclude = [\"rafle\"]\n")
        .file(
            "house/a.toml",
            "[[idea]]\nid = \"Bad Id\"\ntitle = \"x\"\nsummary = \"x\"\ncategory = \"games\"\n\n[[idea]]\nid = \"ok-one\"\ntitle = \"x\"\nsummary = \"x\"\ncategory = \"fnu\"\n",
        )
        .file("house/b.toml", "[[idea]\n")
        .file("week.md.j2", "# {{ company }\n")
        .args(&[
            "check",
            "--ideas",
            "house",
            "--ideas",
            "missing",
            "--template",
            "week.md.j2",
            "--today",
            TODAY,
        ])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(
        headlines(&out.stderr),
        [
            // A folder that can't be read leaves every id in doubt, so
            // `exclude = ["rafle"]` is not called unknown.
            "error: house/a.toml:2:6: `id`: expected a kebab-case id such as `bbq-with-the-ceo`, found `Bad Id`",
            "error: house/a.toml:5:12: `category`: unknown value `games`, expected `kickoff`, `recognition`, `food`, `fun`, `customers`, `learning`, `leadership`, `community` or `reflection`",
            "error: house/a.toml:11:12: `category`: unknown value `fnu`, expected `kickoff`, `recognition`, `food`, `fun`, `customers`, `learning`, `leadership`, `community` or `reflection`",
            "error: house/b.toml:1:8: unclosed array table, expected `]`",
            "error: missing: cannot read the ideas folder: no such folder",
            "error: week.md.j2:1:14: syntax error (unexpected `}`, expected end of variable block)",
            "error: 6 problems found",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn a_template_is_rendered_against_the_plan() {
    Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("week.html.j2", "<h1>{{ company }}</h1>\n<p>{{ budjet.total }}</p>\n")
        .args(&["check", "--template", "week.html.j2", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: week.html.j2:2:7: undefined value (`budjet` is undefined); a template sees schema_version, company, theme, year, week, currency, team_size, mode, hours, shifts, timezone, budget, days, prep, notes

error: 1 problem found
",
        );
}

#[test]
fn a_plan_that_cannot_be_made_is_a_problem() {
    let out = Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\nactivities_per_day = 1\n\n[[pin]]\nday = \"mon\"\nidea = \"raffle\"\n\n[[pin]]\nday = \"mon\"\nidea = \"trivia\"\n",
        )
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("");
    assert!(
        out.stderr.starts_with("error: csweek.toml:10:8: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with("error: 1 problem found\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_config_is_a_problem() {
    Test::new()
        .args(&["check", "nope.toml"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: nope.toml: cannot read: no such file\n\nerror: 1 problem found\n");
}

#[test]
fn an_id_that_names_a_faulty_idea_is_not_called_unknown() {
    let out = Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\nexclude = [\"quiz\", \"rafle\"]\n\n[[pin]]\nday = \"mon\"\nidea = \"bingo\"\n\n[[idea]]\nid = \"bingo\"\ntitle = \"Bingo\"\ncategory = \"fun\"\nduration_minutes = \"long\"\n",
        )
        .file(
            "house/a.toml",
            "[[idea]]\nid = \"quiz\"\ntitle = \"Quiz\"\ncategory = \"fun\"\nduration_minutes = 0\n",
        )
        .args(&["check", "--ideas", "house", "--today", TODAY])
        .run()
        .status(2);
    assert_eq!(
        headlines(&out.stderr),
        [
            "error: csweek.toml:2:20: `exclude` names unknown idea `rafle`; did you mean `raffle`?",
            "error: csweek.toml:12:20: `duration_minutes`: expected a whole number from 5 to 480, found string \"long\"",
            "error: house/a.toml:5:20: `duration_minutes`: expected a whole number from 5 to 480, found 0",
            "error: 3 problems found",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn checks_across_keys_run_when_the_keys_they_read_are_sound() {
    let out = Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\nyear = 1900\nteam_size = 0\nday_themes = [\"a\", \"b\"]\n\n[[pin]]\nday = \"sat\"\nidea = \"picnic\"\n",
        )
        .args(&["check", "--today", TODAY])
        .run()
        .status(2);
    assert_eq!(
        headlines(&out.stderr),
        [
            "error: csweek.toml:2:8: `year`: expected a whole number from 1984 to 9999, found 1900",
            "error: csweek.toml:3:13: `team_size`: expected a whole number from 1 to 100000, found 0",
            "error: csweek.toml:4:14: `day_themes` lists 2 names, but `days = \"mon-fri\"` has 5 days",
            "error: csweek.toml:7:7: `day = \"sat\"` is outside the week: `days = \"mon-fri\"` runs Monday to Friday",
            "error: 4 problems found",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn an_element_set_aside_does_not_leave_its_list_empty() {
    let out = Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\n\n[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\nmodes = [\"office\"]\n",
        )
        .args(&["check", "--today", TODAY])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(
        out.stderr,
        "error: csweek.toml:8:10: `modes`: unknown value `office`, expected `onsite`, `remote` or `hybrid`
  |
8 | modes = [\"office\"]
  |          ^^^^^^^^

error: 1 problem found
"
    );
}
