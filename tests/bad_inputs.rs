//! Idea files and templates that are wrong in every way a plan can meet
//! them: the exact message, exit 2, and the last plan left as it was.

use crate::test::{TODAY, Test};

const IDEA: &str =
    "[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\n";

/// Plans with `args` over an existing `out.md`, with `files` beside the
/// config, expecting exactly `stderr`; then checks that nothing changed.
#[track_caller]
fn refused(files: &[(&str, &[u8])], args: &[&str], stderr: &str) {
    let mut test = Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("out.md", "last year's plan\n");
    for (name, contents) in files {
        test = test.file(name, contents);
    }
    let before = {
        let mut names = test_files(test.path());
        names.sort();
        names
    };
    let out = test
        .args(&["plan", "--today", TODAY, "-o", "out.md"])
        .args(args)
        .run()
        .status(2)
        .stdout("")
        .stderr(stderr);
    assert_eq!(
        out.read("out.md"),
        "last year's plan\n",
        "the last plan is untouched"
    );
    let mut after = test_files(out.dir.path());
    after.sort();
    assert_eq!(after, before, "no file was created or removed");
}

/// Every file under `dir`, as paths relative to it.
fn test_files(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        if path.is_dir() {
            found.extend(
                test_files(&path)
                    .into_iter()
                    .map(|inner| format!("{name}/{inner}")),
            );
        }
        found.push(name);
    }
    found
}

#[test]
fn an_idea_file_with_a_syntax_error() {
    refused(
        &[("house/a.toml", b"[[idea]]\nid = \"x\"\ntitle = \n")],
        &["--ideas", "house"],
        "error: house/a.toml:3:9: `title`: expected a value after `=`
  |
3 | title = 
  |         ^
",
    );
}

#[test]
fn an_idea_with_a_value_of_the_wrong_type() {
    refused(
        &[(
            "house/a.toml",
            b"[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = \"long\"\n",
        )],
        &["--ideas", "house"],
        "error: house/a.toml:5:20: `duration_minutes`: expected a whole number from 5 to 480, found string \"long\"
  |
5 | duration_minutes = \"long\"
  |                    ^^^^^^
",
    );
}

#[test]
fn an_idea_with_an_unknown_key_or_category() {
    refused(
        &[("house/a.toml", format!("{IDEA}colour = \"red\"\n").as_bytes())],
        &["--ideas", "house"],
        "error: house/a.toml:6:1: unknown key `colour`; expected one of `id`, `title`, `summary`, `category`, `days`, `cost`, `duration_minutes`, `modes`, `audience`, `lead_time_days`, `prep`, `off_queue`, `source`, `time`, `group_size`, `all_day` or `together`
  |
6 | colour = \"red\"
  | ^^^^^^
",
    );
    refused(
        &[("house/a.toml", IDEA.replace("\"fun\"", "\"fnu\"").as_bytes())],
        &["--ideas", "house"],
        "error: house/a.toml:4:12: `category`: unknown value `fnu`, expected `kickoff`, `recognition`, `food`, `fun`, `customers`, `learning`, `leadership`, `community` or `reflection`
  |
4 | category = \"fnu\"
  |            ^^^^^
",
    );
}

#[test]
fn an_idea_file_that_is_not_utf8_or_empty() {
    refused(
        &[(
            "house/a.toml",
            b"[[idea]]\nid = \"x-y\"\ntitle = \"\xff\"\n",
        )],
        &["--ideas", "house"],
        "error: house/a.toml:3:10: not valid UTF-8 text; save the file as UTF-8
  |
3 | title = \"
  |          ^
",
    );
    refused(
        &[("house/a.toml", b"\n  \n")],
        &["--ideas", "house"],
        "error: house/a.toml: the file is empty\n",
    );
}

#[test]
fn an_ideas_folder_that_is_a_file_missing_or_empty() {
    refused(
        &[],
        &["--ideas", "csweek.toml"],
        "error: csweek.toml: is a file; --ideas takes a folder of `*.toml` idea files\n",
    );
    refused(
        &[],
        &["--ideas", "nowhere"],
        "error: nowhere: cannot read the ideas folder: no such folder\n",
    );
    refused(
        &[("house/notes.txt", b"ideas go here")],
        &["--ideas", "house"],
        "error: house: holds no `*.toml` idea files\n",
    );
}

#[test]
fn the_same_id_twice_in_a_folder() {
    refused(
        &[
            ("house/a.toml", IDEA.as_bytes()),
            ("house/b.toml", IDEA.as_bytes()),
        ],
        &["--ideas", "house"],
        "error: house/b.toml:1:1: duplicate idea id `x-y`: house/a.toml already defines it
  |
1 | [[idea]]
  | ^^^^^^^^
",
    );
}

#[test]
fn a_template_with_a_syntax_error_or_an_unknown_filter() {
    refused(
        &[("week.md.j2", b"{% if company %}\n")],
        &["--template", "week.md.j2"],
        "error: week.md.j2:1:15: syntax error (unexpected end of input, expected end of block)\n",
    );
    refused(
        &[("week.md", b"{{ company | shout }}\n")],
        &["--template", "week.md"],
        "error: week.md:1:14: unknown filter (filter shout is unknown)\n",
    );
}

/// Found while writing these: an unknown strftime code once panicked.
#[test]
fn a_template_with_a_bad_date_format() {
    refused(
        &[("week.md", b"{{ week.start | date(\"%Q\") }}\n")],
        &["--template", "week.md"],
        "error: week.md:1:17: invalid operation (`date` cannot format with `%Q`; use strftime codes such as \"%A %-d %B\")\n",
    );
}

#[test]
fn a_template_that_is_missing_a_folder_not_utf8_or_empty() {
    refused(
        &[],
        &["--template", "missing.md"],
        "error: missing.md: cannot read: no such file\n",
    );
    refused(
        &[("week.md/keep", b"")],
        &["--template", "week.md"],
        "error: week.md: is a folder, expected a file\n",
    );
    refused(
        &[("week.md", b"\xff\xfe")],
        &["--template", "week.md"],
        "error: week.md:1:1: not valid UTF-8 text; save the file as UTF-8
  |
1 | 
  | ^
",
    );
    refused(
        &[("week.md", b"")],
        &["--template", "week.md"],
        "error: week.md: the file is empty\n",
    );
}

#[test]
fn a_template_for_another_format_or_of_no_format() {
    refused(
        &[("week.html", b"<p>{{ company }}</p>\n")],
        &["--template", "week.html"],
        "error: week.html: this template makes html output, but the output format is md; pass --format html or name the output *.html\n",
    );
    refused(
        &[("week.txt", b"{{ company }}\n")],
        &["--template", "week.txt"],
        "error: week.txt: cannot tell whether this template is Markdown or HTML; name it *.md(.j2) or *.html(.j2)\n",
    );
}

#[cfg(unix)]
#[test]
fn a_broken_link_in_an_ideas_folder() {
    let test = Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("house/a.toml", IDEA);
    std::os::unix::fs::symlink("gone.toml", test.path().join("house/b.toml")).unwrap();
    let out = test
        .args(&["check", "--ideas", "house", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: house/b.toml: cannot read: no such file\n\nerror: 1 problem found\n");
    assert!(!out.dir.path().join("house/gone.toml").exists());
}

#[test]
fn a_template_that_reaches_past_the_plan() {
    // `days` is known, so the list of names would not help.
    refused(
        &[("week.md", b"{{ days[10].date }}\n")],
        &["--template", "week.md"],
        "error: week.md:1:8: undefined value (`days[10]` is undefined)\n",
    );
}

#[test]
fn last_years_plan_that_is_not_a_plan() {
    refused(
        &[("last.json", b"[]\n")],
        &["--avoid", "last.json"],
        "error: last.json:1:2: not a plan from `csweek plan -f json`\n",
    );
    refused(
        &[("last.json", b"{\n")],
        &["--avoid", "last.json"],
        "error: last.json:2:1: not a plan from `csweek plan -f json`: EOF while parsing an object\n",
    );
}
