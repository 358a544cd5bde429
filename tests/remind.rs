//! `csweek remind`: what is due in a window, with grep's exit codes.

use serde::Deserialize;

use crate::test::{Test, root};

fn hybrid() -> String {
    std::fs::read_to_string(root().join("examples/hybrid-with-customers.toml")).unwrap()
}

fn remind(today: &str, within: &str, extra: &[&str]) -> crate::test::Output {
    let mut args = vec![
        "remind",
        "csweek.toml",
        "--within",
        within,
        "--today",
        today,
    ];
    args.extend_from_slice(extra);
    Test::new().file("csweek.toml", hybrid()).args(&args).run()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reminders {
    schema_version: u32,
    today: String,
    until: String,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    date: String,
    days_left: i64,
    what: String,
    idea: Option<String>,
    activity: Option<String>,
}

#[test]
fn a_deadline_today_is_due_today() {
    let out = remind("2027-09-24", "0", &[]).status(0).stderr("");
    assert_eq!(
        out.stdout,
        "Fri 2027-09-24  today        Book the grill and order food (for Barbecue with the CEO)\n\
         Fri 2027-09-24  today        Invite other departments and open visiting slots (for Support Floor Open House)\n\
         Fri 2027-09-24  today        Book an hour with each leader and pair them with a coach (for Leaders Trade Places)\n"
    );
}

#[test]
fn nothing_due_exits_1_and_prints_nothing() {
    remind("2027-09-25", "1", &[])
        .status(1)
        .stdout("")
        .stderr("");
}

#[test]
fn the_week_itself_is_due_when_it_starts_in_the_window() {
    let out = remind("2027-10-02", "2", &[]).status(0);
    assert_eq!(
        out.stdout,
        "Mon 2027-10-04  in 2 days    Customer Service Week 2027 starts (Mon 4 Oct to Fri 8 Oct)\n"
    );
    remind("2027-10-02", "1", &[]).status(1);
}

#[test]
fn json_lists_the_same_items() {
    let out = remind("2027-09-13", "14", &["--json"]).status(0).stderr("");
    let reminders: Reminders = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(reminders.schema_version, 1);
    assert_eq!(
        (reminders.today.as_str(), reminders.until.as_str()),
        ("2027-09-13", "2027-09-27")
    );
    let text = remind("2027-09-13", "14", &[]).status(0).stdout;
    assert_eq!(reminders.items.len(), text.lines().count());
    for item in &reminders.items {
        assert!(item.date.as_str() >= "2027-09-13" && item.date.as_str() <= "2027-09-27");
        assert!((0..=14).contains(&item.days_left));
        assert_eq!(
            item.idea.is_some(),
            item.activity.is_some(),
            "{}",
            item.what
        );
    }
    let empty = remind("2027-09-25", "1", &["--json"]).status(1).stderr("");
    let reminders: Reminders = serde_json::from_str(&empty.stdout).unwrap();
    assert!(reminders.items.is_empty());
}

#[test]
fn reminders_follow_the_plan_made_in_good_time() {
    // Every step of the plan made in June is reminded on its day, even in the last week.
    let plan = crate::json::plan(&hybrid(), &[]);
    for step in plan.prep.iter().filter(|s| s.due.as_str() >= "2027-09-27") {
        let out = remind(&step.due, "0", &[]).status(0);
        assert!(
            out.stdout.contains(&step.task),
            "{} not reminded on {}",
            step.task,
            step.due
        );
    }
}

#[test]
fn within_must_be_a_whole_number_of_days() {
    let out = remind("2027-09-13", "-3", &[]).status(2).stdout("");
    assert!(
        out.stderr
            .starts_with("error: unexpected argument '-3' found"),
        "{}",
        out.stderr
    );
    let out = remind("2027-09-13", "two", &[]).status(2).stdout("");
    assert!(
        out.stderr.starts_with(
            "error: invalid value 'two' for '--within <DAYS>': invalid digit found in string"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_today_is_an_error() {
    let out = remind("2027-13-01", "3", &[]).status(2).stdout("");
    assert!(
        out.stderr
            .contains("expected a date from 1984-01-01 to 9998-12-31"),
        "{}",
        out.stderr
    );
}

/// At a terminal, a person asked: nothing due still exits 1 with nothing on
/// standard output, and standard error says when the next item falls due.
#[cfg(target_os = "linux")]
#[test]
fn nothing_due_at_a_terminal_says_when_the_next_item_is() {
    use std::process::Command;
    // `script` runs a command at a terminal of its own, as a person would.
    if !crate::ics::tool_available(
        Command::new("script").args(["-q", "-e", "-c", "true", "/dev/null"]),
        "script (util-linux)",
    ) {
        return;
    }
    let test = Test::new().file("csweek.toml", hybrid());
    let command = format!(
        "{} remind csweek.toml --within 1 --today 2027-09-25 >out.txt",
        env!("CARGO_BIN_EXE_csweek")
    );
    let run = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(test.path())
        .env_remove("CSWEEK_TODAY")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).replace("\r\n", "\n"),
        "note: nothing is due by Sun 2027-09-26; next, on Mon 2027-09-27 (in 2 days): \
         Announce the week's agenda to the team and other departments (organiser), and 2 more\n"
    );
    assert_eq!(
        std::fs::read_to_string(test.path().join("out.txt")).unwrap(),
        ""
    );
}
