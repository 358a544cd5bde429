//! `csweek plan`: config discovery, formats, output files.

use crate::test::{TODAY, Test};

const CONFIG: &str = "company = \"Acme Support\"\nbudget = 500\nteam_size = 12\n";

#[test]
fn without_a_config_it_plans_the_embedded_default_and_says_so() {
    let out = Test::new()
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0)
        .stderr("note: no csweek.toml here; using the built-in default config (`csweek plan FILE` to use yours)\n");
    assert!(
        out.stdout
            .starts_with("# Your Company: Customer Service Week 2027\n"),
        "{}",
        out.stdout
    );
    for day in [
        "Monday 4 October",
        "Tuesday 5 October",
        "Wednesday 6 October",
        "Thursday 7 October",
        "Friday 8 October",
    ] {
        assert!(
            out.stdout.contains(&format!("\n## {day}\n")),
            "{day} missing:\n{}",
            out.stdout
        );
    }
}

#[test]
fn it_finds_csweek_toml_in_the_current_folder() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0)
        .stderr("");
    assert!(
        out.stdout
            .starts_with("# Acme Support: Customer Service Week 2027\n")
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let run = || {
        Test::new()
            .file("csweek.toml", CONFIG)
            .args(&["plan", "--today", TODAY, "-f", "html"])
            .run()
            .status(0)
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn the_default_seed_changes_with_the_year() {
    let plan = |year: &str| {
        let out = Test::new()
            .file("csweek.toml", CONFIG)
            .args(&[
                "plan",
                "--today",
                "2020-01-01",
                "--year",
                year,
                "-f",
                "json",
            ])
            .run()
            .status(0);
        let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        plan["days"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| {
                d["activities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["id"].as_str().unwrap().to_string())
            })
            .collect::<Vec<_>>()
    };
    let years: Vec<Vec<String>> = ["2026", "2027", "2028", "2029"]
        .iter()
        .map(|y| plan(y))
        .collect();
    assert!(
        years.windows(2).any(|w| w[0] != w[1]),
        "four years planned the same week: {years:?}"
    );
}

#[test]
fn output_format_follows_the_extension() {
    for (name, start) in [
        ("week.md", "# Acme"),
        ("week.html", "<!DOCTYPE html>"),
        ("week.json", "{"),
    ] {
        let out = Test::new()
            .file("csweek.toml", CONFIG)
            .args(&["plan", "--today", TODAY, "-o", name])
            .run()
            .status(0)
            .stdout("")
            .stderr("");
        assert!(out.read(name).starts_with(start), "{name}");
    }
}

#[test]
fn format_flag_wins_over_the_extension() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY, "-o", "plan.txt", "-f", "json"])
        .run()
        .status(0);
    serde_json::from_str::<serde_json::Value>(&out.read("plan.txt")).unwrap();
}

#[test]
fn an_unknown_extension_is_an_error_and_writes_nothing() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY, "-o", "plan.txt"])
        .run()
        .status(2)
        .stderr("error: cannot tell the format from the name plan.txt; name it .md, .html, .json or .ics, or pass --format\n");
    assert_eq!(out.files(), ["csweek.toml"]);
}

#[test]
fn output_never_overwrites_the_config() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "csweek.toml", "--today", TODAY, "-o", "./csweek.toml", "-f", "md"])
        .run()
        .status(2)
        .stderr("error: refusing to write the plan over its own config csweek.toml; choose another --output\n");
    assert_eq!(out.read("csweek.toml"), CONFIG);
}

#[test]
fn a_failed_plan_leaves_an_existing_output_untouched() {
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nbudget = -1\n")
        .file("week.html", "last year's agenda")
        .args(&["plan", "--today", TODAY, "-o", "week.html"])
        .run()
        .status(2);
    assert_eq!(out.read("week.html"), "last year's agenda");
    assert_eq!(out.files(), ["csweek.toml", "week.html"]);
}

#[test]
fn an_existing_output_is_replaced_whole() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file("week.md", "x".repeat(100_000))
        .args(&["plan", "--today", TODAY, "-o", "week.md"])
        .run()
        .status(0);
    let text = out.read("week.md");
    assert!(text.starts_with("# Acme Support") && !text.contains("xxx"));
    assert_eq!(
        out.files(),
        ["csweek.toml", "week.md"],
        "no temporary file is left behind"
    );
}

#[test]
fn output_into_a_missing_folder() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY, "-o", "nowhere/week.md"])
        .run()
        .status(2)
        .stderr("error: cannot write nowhere/week.md\ncaused by: its folder does not exist\n");
    assert_eq!(out.files(), ["csweek.toml"]);
}

#[test]
fn html_escapes_what_the_user_wrote() {
    let out = Test::new()
        .file(
            "csweek.toml",
            "company = \"<script>alert(1)</script> & Co\"\ntheme = \"<b>bold</b>\"\n",
        )
        .args(&["plan", "--today", TODAY, "-f", "html"])
        .run()
        .status(0);
    assert!(!out.stdout.contains("<script"), "{}", out.stdout);
    assert!(!out.stdout.contains("<b>bold"));
    assert!(
        out.stdout
            .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Co")
    );
}

#[test]
fn markdown_escapes_what_the_user_wrote() {
    let out = Test::new()
        .file("csweek.toml", "company = \"A|B *Corp* #1\"\nday_themes = [\"Mon|day\", \"Tue\", \"Wed\", \"Thu\", \"Fri\"]\n")
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0);
    assert!(
        out.stdout
            .starts_with("# A\\|B \\*Corp\\* \\#1: Customer Service Week 2027\n")
    );
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("| Mon 4 Oct"))
        .unwrap();
    assert_eq!(row.matches(" | ").count(), 3, "{row}");
    assert!(row.contains("Mon\\|day"));
}

#[test]
fn a_late_plan_drops_ideas_it_cannot_prepare_in_time() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", "2027-10-01", "-f", "json"])
        .run()
        .status(0);
    let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let notes = plan["notes"].as_array().unwrap();
    assert!(
        notes[0].as_str().unwrap().starts_with("Left out "),
        "{notes:?}"
    );
    let catalog = Test::new().args(&["ideas", "--json"]).run().status(0);
    let ideas: Vec<serde_json::Value> = serde_json::from_str(&catalog.stdout).unwrap();
    for day in plan["days"].as_array().unwrap() {
        for activity in day["activities"].as_array().unwrap() {
            let idea = ideas.iter().find(|i| i["id"] == activity["id"]).unwrap();
            assert!(
                idea["lead_time_days"].as_i64().unwrap() <= 3,
                "{} needs more than 3 days",
                idea["id"]
            );
        }
    }
}

#[test]
fn ideas_json_lists_the_catalog() {
    let out = Test::new()
        .args(&["ideas", "--json"])
        .run()
        .status(0)
        .stderr("");
    let ideas: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(ideas.len() >= 60);
    let keys: Vec<&str> = ideas[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "id",
        "title",
        "summary",
        "category",
        "modes",
        "audience",
        "cost",
        "duration_minutes",
        "lead_time_days",
        "days",
        "prep",
        "group_size",
        "all_day",
        "together",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn ideas_show_suggests_close_ids() {
    Test::new()
        .args(&["ideas", "show", "catered-lunh"])
        .run()
        .status(2)
        .stderr("error: no idea has the id `catered-lunh`; did you mean `catered-lunch`?\n");
}

#[cfg(unix)]
#[test]
fn an_existing_output_keeps_its_permissions_and_links_are_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new()
        .file("csweek.toml", CONFIG)
        .file("shared.md", "old");
    std::fs::set_permissions(
        test.path().join("shared.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink("shared.md", test.path().join("link.md")).unwrap();
    let out = test
        .args(&["plan", "--today", TODAY, "-o", "link.md"])
        .run()
        .status(0);
    let meta = std::fs::symlink_metadata(out.dir.path().join("link.md")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    let shared = out.dir.path().join("shared.md");
    assert!(out.read("shared.md").starts_with("# Acme Support"));
    assert_eq!(
        std::fs::metadata(shared).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

/// A count of one reads as one: "1 idea", not "1 idea(s)".
#[test]
fn one_idea_kept_out_is_one_idea() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file(
            "last.json",
            "{\"days\": [{\"activities\": [{\"id\": \"catered-lunch\"}]}]}",
        )
        .args(&["plan", "--today", TODAY, "--avoid", "last.json"])
        .run()
        .status(0);
    assert!(
        out.stdout.contains(
            "Kept out 1 idea from last year's plan (last.json) so the week is fresh: Catered Team Lunch."
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("(s)"), "{}", out.stdout);
}

#[test]
fn one_day_theme_is_one_name() {
    Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\"\nday_themes = [\"Fun\"]\n",
        )
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: csweek.toml:2:14: `day_themes` lists 1 name, but `days = \"mon-fri\"` has 5 days
  |
2 | day_themes = [\"Fun\"]
  |              ^^^^^^^
",
        );
}

#[test]
fn one_day_of_preparation_is_one_day() {
    let config = "company = \"Acme\"\n\n[[pin]]\nday = \"fri\"\nidea = \"cake\"\n\n\
                  [[idea]]\nid = \"cake\"\ntitle = \"Cake\"\ncategory = \"food\"\n\
                  duration_minutes = 30\nlead_time_days = 1\n";
    Test::new()
        .file("csweek.toml", config)
        .args(&["plan", "--today", "2027-10-04"])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: csweek.toml:5:8: the pinned idea `cake` can't be planned: it needs 1 day of preparation, and the week has begun
  |
5 | idea = \"cake\"
  |        ^^^^^^
",
        );
}
