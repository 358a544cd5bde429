//! The CI recipes in `examples/ci/`, run as written: the workflow's shell
//! steps in order (as a runner would, `bash -eo pipefail`), and the cron
//! line's command, with stand-ins for `gh` and `mail` that record their
//! arguments.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::test::root;

/// A step of the workflow: its name, its `if:` and its `run:` script.
struct Step {
    name: String,
    condition: Option<String>,
    run: Option<String>,
}

/// The steps of the workflow's one job, read from the YAML as written.
fn steps(yaml: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_run = false;
    for line in yaml.lines() {
        if let Some(rest) = line.strip_prefix("      - ") {
            in_run = false;
            steps.push(Step {
                name: rest.strip_prefix("name: ").unwrap_or(rest).to_string(),
                condition: None,
                run: None,
            });
            continue;
        }
        let Some(step) = steps.last_mut() else {
            continue;
        };
        if in_run && (line.starts_with("          ") || line.is_empty()) {
            let run = step.run.get_or_insert_with(String::new);
            run.push_str(line.get(10..).unwrap_or(""));
            run.push('\n');
        } else if let Some(rest) = line.strip_prefix("        ") {
            in_run = false;
            if let Some(condition) = rest.strip_prefix("if: ") {
                step.condition = Some(condition.to_string());
            } else if rest == "run: |" {
                in_run = true;
            } else if let Some(command) = rest.strip_prefix("run: ") {
                step.run = Some(format!("{command}\n"));
            }
        }
    }
    steps
}

/// A folder with a `bin/` holding recording stand-ins, and csweek in `with_csweek`;
/// returns a PATH with that `bin/` first.
fn sandbox(dir: &Path, with_csweek: &Path) -> String {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(with_csweek).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_csweek"), with_csweek.join("csweek")).unwrap();
    for tool in ["gh", "mail"] {
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"{log}\"\nwhile [ $# -gt 0 ]; do\n  [ \"$1\" = --body-file ] && cp \"$2\" \"{body}\"\n  shift\ndone\n[ -t 0 ] || cat > \"{stdin}\"\n",
            log = dir.join(format!("{tool}.log")).display(),
            body = dir.join(format!("{tool}.body")).display(),
            stdin = dir.join(format!("{tool}.stdin")).display(),
        );
        let path = bin.join(tool);
        fs::write(&path, script).unwrap();
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs the workflow's steps on `today`; returns the sandbox.
fn run_workflow(today: &str) -> tempfile::TempDir {
    let yaml = fs::read_to_string(root().join("examples/ci/customer-service-week.yml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = sandbox(dir.path(), &dir.path().join("bin"));
    let work = dir.path().join("repo");
    fs::create_dir(&work).unwrap();
    fs::copy(
        root().join("examples/hybrid-with-customers.toml"),
        work.join("csweek.toml"),
    )
    .unwrap();
    let output = dir.path().join("github-output");
    fs::write(&output, "").unwrap();
    let steps = steps(&yaml);
    let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "uses: actions/checkout@v4",
            "Install csweek",
            "What is due in the next 14 days",
            "Build the agenda and the calendar file",
            "Open an issue with the checklist",
            "Publish the agenda and the calendar file",
        ]
    );
    for step in steps {
        // Checking out and installing are the runner's business; csweek is on PATH here.
        let Some(script) = step.run.filter(|_| step.name != "Install csweek") else {
            continue;
        };
        if let Some(condition) = &step.condition {
            assert_eq!(condition, "steps.remind.outputs.due == 'true'");
            if !fs::read_to_string(&output).unwrap().contains("due=true") {
                continue;
            }
        }
        let status = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .current_dir(&work)
            .env("PATH", &path)
            .env("GITHUB_OUTPUT", &output)
            .env("CSWEEK_TODAY", today)
            .status()
            .unwrap();
        assert!(status.success(), "step `{}` failed", step.name);
    }
    dir
}

#[test]
fn the_workflow_opens_an_issue_when_something_is_due() {
    let dir = run_workflow("2027-09-24");
    let log = fs::read_to_string(dir.path().join("gh.log")).unwrap();
    assert_eq!(
        log,
        "issue create --title Customer Service Week: due in the next 14 days --body-file issue.md\n"
    );
    let body = fs::read_to_string(dir.path().join("gh.body")).unwrap();
    assert!(body.starts_with(
        "Due in the next 14 days for Customer Service Week:\n\n- [ ] Fri 2027-09-24  today "
    ));
    assert!(body.contains("Book the grill and order food (for Barbecue with the CEO)"));
    let agenda = dir.path().join("repo/agenda");
    assert!(
        fs::read_to_string(agenda.join("agenda.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let calendar: icalendar::Calendar =
        fs::read_to_string(agenda.join("customer-service-week.ics"))
            .unwrap()
            .parse()
            .unwrap();
    assert!(calendar.events().count() > 10);
    let plan: crate::json::Plan =
        serde_json::from_str(&fs::read_to_string(agenda.join("plan.json")).unwrap()).unwrap();
    assert!(
        plan.notes
            .iter()
            .all(|n| !n.contains("whose preparation takes longer")),
        "the published plan is the one made in good time"
    );
}

#[test]
fn the_workflow_stays_quiet_when_nothing_is_due_even_during_the_week() {
    let dir = run_workflow("2027-10-05");
    assert!(!dir.path().join("gh.log").exists(), "no issue is opened");
    assert!(
        dir.path()
            .join("repo/agenda/customer-service-week.ics")
            .exists(),
        "the agenda is still published"
    );
}

#[test]
fn the_cron_line_mails_what_is_due() {
    let line = fs::read_to_string(root().join("examples/ci/crontab")).unwrap();
    let line = line
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap();
    let fields: Vec<&str> = line.splitn(6, char::is_whitespace).collect();
    assert_eq!(
        &fields[..5],
        ["0", "8", "*", "8-10", "1"],
        "Mondays at 08:00, August to October"
    );
    let command = fields[5].trim();
    for (today, mails) in [("2027-09-24", true), ("2027-10-05", false)] {
        let dir = tempfile::tempdir().unwrap();
        // As `cargo install` leaves it: in ~/.cargo/bin, not on cron's PATH.
        sandbox(dir.path(), &dir.path().join(".cargo/bin"));
        let path = format!("{}:/usr/bin:/bin", dir.path().join("bin").display());
        fs::create_dir(dir.path().join("csweek")).unwrap();
        fs::copy(
            root().join("examples/hybrid-with-customers.toml"),
            dir.path().join("csweek/csweek.toml"),
        )
        .unwrap();
        // cron runs the line with sh, in a near-empty environment, and mails
        // whatever it prints.
        let out = Command::new("sh")
            .args(["-c", command])
            .env_clear()
            .env("HOME", dir.path())
            .env("PATH", &path)
            .env("CSWEEK_TODAY", today)
            .output()
            .unwrap();
        let status = out.status;
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "nothing for cron to mail"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
        let log = dir.path().join("mail.log");
        if mails {
            assert!(status.success());
            assert_eq!(
                fs::read_to_string(&log).unwrap(),
                "-s Customer Service Week: due in the next 14 days -A week.ics service-leads@example.com\n"
            );
            let sent = fs::read_to_string(dir.path().join("mail.stdin")).unwrap();
            assert!(sent.contains("Book the grill and order food"));
            assert!(dir.path().join("csweek/week.ics").exists());
        } else {
            assert_eq!(
                status.code(),
                Some(1),
                "nothing due: csweek remind exits 1 and stops the line"
            );
            assert!(!log.exists(), "no mail when nothing is due");
        }
    }
}
