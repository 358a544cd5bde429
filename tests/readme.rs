//! The README's tour runs as written: every `$ csweek …` line in a `console`
//! block, with its output (a block ending in `…` shows only the start).

use std::process::Command;

use crate::test::root;

struct Step {
    command: String,
    expected: String,
    prefix_only: bool,
}

fn steps(readme: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line == "```console" {
            in_console = true;
            continue;
        }
        if !in_console {
            continue;
        }
        if line == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                command: command.to_string(),
                expected: String::new(),
                prefix_only: false,
            });
        } else if line == "…" {
            steps
                .last_mut()
                .expect("output follows a command")
                .prefix_only = true;
        } else {
            let step = steps.last_mut().expect("output follows a command");
            step.expected.push_str(line);
            step.expected.push('\n');
        }
    }
    steps
}

#[test]
fn the_tour_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let steps = steps(&readme);
    assert!(steps.len() >= 6, "the tour has {} steps", steps.len());
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("examples")).unwrap();
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(
                &path,
                dir.path().join("examples").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    // The configs the README breaks on purpose.
    std::fs::write(
        dir.path().join("typos.toml"),
        "company = \"Acme\"\nmode = \"hybird\"\nexclude = [\"rafle\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        "company = \"Acme\"\nbudget = 100\nteam_size = 0\n",
    )
    .unwrap();
    for step in steps {
        let words: Vec<&str> = step.command.split_whitespace().collect();
        assert_eq!(words[0], "csweek", "{}", step.command);
        let out = Command::new(env!("CARGO_BIN_EXE_csweek"))
            .args(&words[1..])
            .current_dir(dir.path())
            .env("CSWEEK_TODAY", "2026-11-22")
            .output()
            .unwrap();
        // Errors are shown as a user sees them: stderr in place of stdout.
        let shown = String::from_utf8(if out.status.success() {
            out.stdout
        } else {
            out.stderr
        })
        .unwrap();
        if step.prefix_only {
            assert!(
                shown.starts_with(&step.expected),
                "`{}` printed:\n{shown}",
                step.command
            );
        } else {
            assert_eq!(shown, step.expected, "`{}`", step.command);
        }
    }
    assert!(dir.path().join("agenda.html").exists());
    assert!(dir.path().join("plan.json").exists());
}

/// Installing from a clone uses the versions `Cargo.lock` was tested with.
#[test]
fn the_install_line_is_locked() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let installs: Vec<&str> = readme
        .lines()
        .filter(|l| l.trim_start().starts_with("cargo install"))
        .collect();
    assert!(!installs.is_empty(), "the README says how to install");
    for line in installs {
        assert!(line.contains("--locked"), "{line:?} without --locked");
    }
}
