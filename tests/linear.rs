//! Many mistakes cost no more than reading: `plan` reports the first,
//! `check` the first hundred and counts the rest. (The benchmark in
//! `benches/linear.sh` shows the cost growing with the input, not faster.)

use std::fmt::Write as _;

use crate::test::{TODAY, Test};

/// The headlines of the problems `check` printed, and its last lines.
fn problems(stderr: &str) -> (usize, Vec<&str>) {
    let shown = stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && !l.ends_with(" problems found"))
        .count();
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    (shown, tail.into_iter().rev().collect())
}

#[track_caller]
fn check_shows_a_hundred_of(config: &str, ideas: Option<&str>, total: usize) {
    let mut test = Test::new().file("csweek.toml", config);
    let mut args = vec!["check", "csweek.toml", "--today", TODAY];
    if let Some(ideas) = ideas {
        test = test.file("ideas/house.toml", ideas);
        args.extend(["--ideas", "ideas"]);
    }
    let out = test.args(&args).run().status(2);
    let (shown, tail) = problems(&out.stderr);
    assert_eq!(shown, 100, "{}", out.stderr);
    assert_eq!(
        tail,
        [
            &*format!("note: and {} more problems not shown", total - 100),
            "",
            &*format!("error: {total} problems found"),
        ]
    );
}

fn unknown_excludes(n: usize) -> String {
    let ids: Vec<String> = (0..n).map(|i| format!("\"nope-{i}\"")).collect();
    format!("company = \"Acme\"\nexclude = [{}]\n", ids.join(", "))
}

fn faulty_ideas(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "[[idea]]\nid = \"bad-{i}\"\ntitle = \"Bad {i}\"\ncategory = \"nope\"\nduration_minutes = 30\n\n"
        );
    }
    text
}

#[test]
fn check_shows_the_first_hundred_problems_and_counts_the_rest() {
    check_shows_a_hundred_of(&unknown_excludes(150), None, 150);
    let mut pins = String::from("company = \"Acme\"\n");
    for i in 0..150 {
        let _ = write!(pins, "[[pin]]\nday = \"someday\"\nidea = \"nope-{i}\"\n");
    }
    check_shows_a_hundred_of(&pins, None, 150);
    let in_config = format!("company = \"Acme\"\n{}", faulty_ideas(150));
    check_shows_a_hundred_of(&in_config, None, 150);
    check_shows_a_hundred_of("company = \"Acme\"\n", Some(&faulty_ideas(150)), 150);
    let mut keys = String::from("company = \"Acme\"\n");
    for i in 0..150 {
        let _ = writeln!(keys, "unknown_{i} = 1");
    }
    check_shows_a_hundred_of(&keys, None, 150);
}

#[test]
fn the_hundred_shown_are_the_first_in_the_file() {
    let out = Test::new()
        .file("csweek.toml", unknown_excludes(150))
        .args(&["check", "csweek.toml", "--today", TODAY])
        .run()
        .status(2);
    let first = out.stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "error: csweek.toml:2:12: `exclude` names unknown idea `nope-0`; `csweek ideas` lists them"
    );
    assert!(out.stderr.contains("`nope-99`"));
    assert!(!out.stderr.contains("`nope-100`"));
}

#[test]
fn plan_stops_at_the_first_problem() {
    for config in [
        unknown_excludes(5000),
        format!("company = \"Acme\"\n{}", faulty_ideas(5000)),
    ] {
        let out = Test::new()
            .file("csweek.toml", &config)
            .args(&["plan", "--today", TODAY])
            .run()
            .status(2);
        assert_eq!(out.stderr.matches("error: ").count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.starts_with("error: csweek.toml:"),
            "{}",
            out.stderr
        );
    }
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("ideas/house.toml", faulty_ideas(5000))
        .args(&["plan", "--today", TODAY, "--ideas", "ideas"])
        .run()
        .status(2);
    assert_eq!(
        out.stderr,
        "error: ideas/house.toml:4:12: `category`: unknown value `nope`, expected `kickoff`, `recognition`, `food`, `fun`, `customers`, `learning`, `leadership`, `community` or `reflection`\n  |\n4 | category = \"nope\"\n  |            ^^^^^^\n"
    );
}

#[test]
fn a_large_idea_file_with_a_problem_is_read_a_part_at_a_time() {
    // Thousands of sound ideas, then one faulty near the end: the problem
    // is found at its line, in a file read in parts.
    let mut text = String::new();
    for i in 0..6000 {
        let _ = write!(
            text,
            "[[idea]]\nid = \"good-{i}\"\ntitle = \"Good {i}\"\nsummary = \"\"\"\n[[idea]]\nnot a header\"\"\"\ncategory = \"fun\"\nduration_minutes = 30\n\n"
        );
    }
    let line = text.lines().count() + 4;
    text.push_str(&faulty_ideas(1));
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("ideas/house.toml", &text)
        .args(&["check", "csweek.toml", "--today", TODAY, "--ideas", "ideas"])
        .run()
        .status(2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: ideas/house.toml:{line}:12: `category`: unknown value `nope`"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with("error: 1 problem found\n"),
        "{}",
        out.stderr
    );
}

/// `count` sound ideas, in `[[idea]]` tables with tables of their own.
fn house_ideas(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        let _ = write!(
            text,
            "[[idea]]\nid = \"house-{i}\"\ntitle = \"House idea {i}\"\nsummary = \"A house idea, with a summary of some length so the file is realistic.\"\ncategory = \"fun\"\nduration_minutes = 30\nmodes = [\"onsite\", \"hybrid\", \"remote\"]\naudience = [\"team\"]\n[idea.cost]\nfixed = 10\nper_person = 1\n[[idea.prep]]\ndays_before = 3\ntask = \"Book it\"\n\n"
        );
    }
    text
}

#[test]
fn a_large_config_plans_as_its_ideas_do_from_an_idea_file() {
    let top = "company = \"Acme\"\nbudget = 3000\nexclude = [\"raffle\"]\n";
    let ideas = house_ideas(1000);
    assert!(ideas.len() > 4 * 64 * 1024);
    let pins = "[[pin]]\nday = \"wed\"\nidea = \"house-999\"\n";
    let in_config = Test::new()
        .file("csweek.toml", format!("{top}{ideas}{pins}"))
        .args(&["plan", "--today", TODAY, "-f", "json"])
        .run()
        .status(0);
    let in_file = Test::new()
        .file("csweek.toml", format!("{top}{pins}"))
        .file("ideas/house.toml", &ideas)
        .args(&["plan", "--today", TODAY, "-f", "json", "--ideas", "ideas"])
        .run()
        .status(0);
    assert!(
        in_config.stdout.contains("house-999"),
        "{}",
        in_config.stdout
    );
    assert_eq!(in_config.stdout, in_file.stdout);
}

#[test]
fn a_problem_deep_in_a_large_config_is_found_at_its_line() {
    // Sound ideas, then an idea without an id and a pin on no day: each is
    // found at its line, however far into the file.
    let mut text = format!("company = \"Acme\"\n{}", house_ideas(1000));
    let line = text.lines().count() + 1;
    text.push_str("[[idea]]\ntitle = \"No id\"\ncategory = \"fun\"\nduration_minutes = 30\n");
    text.push_str("[[pin]]\nday = \"someday\"\nidea = \"house-1\"\n");
    let out = Test::new()
        .file("csweek.toml", &text)
        .args(&["check", "csweek.toml", "--today", TODAY])
        .run()
        .status(2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: csweek.toml:{line}:1: missing required key `id`"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains(&format!("error: csweek.toml:{}:7: `day`: ", line + 5)),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with("error: 2 problems found\n"),
        "{}",
        out.stderr
    );
}
