//! `csweek init`, `completions` and `man`: the conventions of a Rust CLI.

use std::process::Command;

use crate::ics::tool_available;
use crate::test::{TODAY, Test, root};

fn starter() -> String {
    std::fs::read_to_string(root().join("examples/starter.toml")).unwrap()
}

#[test]
fn init_writes_the_commented_starter_which_plans_as_it_is() {
    let out = Test::new()
        .args(&["init"])
        .run()
        .status(0)
        .stdout("")
        .stderr("wrote csweek.toml; edit it, then run `csweek plan`\n");
    assert_eq!(out.read("csweek.toml"), starter());
    let text = out.read("csweek.toml");
    for key in [
        "company",
        "budget",
        "team_size",
        "mode",
        "days",
        "hours",
        "coverage",
        "day_themes",
        "exclude",
        "[[pin]]",
        "[[idea]]",
    ] {
        assert!(text.contains(key), "the starter mentions {key}");
    }
    Test::new()
        .file("csweek.toml", text)
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0)
        .stderr("");
}

#[test]
fn init_never_overwrites_without_force() {
    let out = Test::new()
        .file("csweek.toml", "company = \"Mine\"\n")
        .args(&["init"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: csweek.toml already exists; pass --force to replace it\n");
    assert_eq!(out.read("csweek.toml"), "company = \"Mine\"\n");
    let out = Test::new()
        .file("team/csweek.toml", "company = \"Mine\"\n")
        .args(&["init", "team/csweek.toml", "--force"])
        .run()
        .status(0)
        .stderr("wrote team/csweek.toml; edit it, then run `csweek plan team/csweek.toml`\n");
    assert_eq!(out.read("team/csweek.toml"), starter());
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Test::new()
            .args(&["completions", shell])
            .run()
            .status(0)
            .stderr("");
        for command in ["plan", "when", "remind", "ideas", "init"] {
            assert!(out.stdout.contains(command), "{shell} completes {command}");
        }
    }
    let out = Test::new().args(&["completions", "tcsh"]).run().status(2);
    assert!(
        out.stderr
            .starts_with("error: invalid value 'tcsh' for '<SHELL>'"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_man_page() {
    let out = Test::new().args(&["man"]).run().status(0).stderr("");
    assert!(out.stdout.contains(".TH csweek 1"));
    assert!(out.stdout.contains(".SH NAME"));
    assert!(
        out.stdout.contains("csweek\\-plan"),
        "the subcommands are listed"
    );
}

#[test]
fn every_page_the_man_page_names_is_written_by_man_dir() {
    let test = Test::new();
    std::fs::create_dir(test.path().join("man1")).unwrap();
    let out = test
        .args(&["man", "--dir", "man1"])
        .run()
        .status(0)
        .stderr("");
    let main = std::fs::read_to_string(out.dir.path().join("man1/csweek.1")).unwrap();
    let named = main
        .lines()
        .filter(|l| l.starts_with("csweek") && l.ends_with("(1)"));
    assert_eq!(named.count(), 9, "the commands, help aside");
    let mut pages = 0;
    for entry in std::fs::read_dir(out.dir.path().join("man1")).unwrap() {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        pages += 1;
        for line in page.lines() {
            // A reference to another page: csweek\-ideas\-show(1).
            if let Some(name) = line.strip_suffix("(1)").filter(|l| l.starts_with("csweek")) {
                let file = format!("{}.1", name.replace("\\-", "-"));
                assert!(
                    out.dir.path().join("man1").join(&file).is_file(),
                    "{file} is written"
                );
            }
        }
    }
    assert_eq!(
        pages, 12,
        "csweek.1, one for each command, and ideas list and show"
    );
    assert_eq!(
        out.stdout.lines().count(),
        pages,
        "each page written is named"
    );
    let check = std::fs::read_to_string(out.dir.path().join("man1/csweek-check.1")).unwrap();
    assert!(check.contains(".TH csweek-check 1"), "{check}");
    let out = Test::new()
        .args(&["man", "--dir", "share/man/man1"])
        .run()
        .status(0);
    assert!(
        out.dir.path().join("share/man/man1/csweek.1").is_file(),
        "the folder is made"
    );
    Test::new()
        .file("taken", "a file")
        .args(&["man", "--dir", "taken"])
        .run()
        .status(2)
        .stdout("");
}

#[test]
fn version_and_help() {
    let out = Test::new().args(&["--version"]).run().status(0);
    assert_eq!(
        out.stdout,
        format!("csweek {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = Test::new().args(&["--help"]).run().status(0);
    assert!(
        out.stdout.contains("Examples:\n  csweek plan"),
        "{}",
        out.stdout
    );
    Test::new().args(&["plan", "--nope"]).run().status(2);
}

#[test]
fn the_example_house_template_renders() {
    let config = std::fs::read(root().join("examples/hybrid-with-customers.toml")).unwrap();
    let template = std::fs::read(root().join("examples/templates/one-page.md.j2")).unwrap();
    let out = Test::new()
        .file("csweek.toml", config)
        .file("one-page.md.j2", template)
        .args(&["plan", "--today", TODAY, "--template", "one-page.md.j2"])
        .run()
        .status(0)
        .stderr("");
    assert!(out.stdout.starts_with(
        "# Acme Support celebrates Customer Service Week 2027\n\n**Every customer, every time** — 4 October to 8 October 2027\n\n"
    ));
    let days: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("- **"))
        .collect();
    assert_eq!(days.len(), 5, "{}", out.stdout);
    assert!(days[0].starts_with("- **Monday, Kick it off:** ") && days[0].ends_with('.'));
    assert!(out.stdout.ends_with(" USD planned.\n"));
}

#[test]
fn a_template_must_match_the_output_format() {
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\n")
        .file("mine.html", "<p>{{ company }}</p>\n")
        .args(&[
            "plan",
            "--today",
            TODAY,
            "--template",
            "mine.html",
            "-o",
            "week.md",
        ])
        .run()
        .status(2)
        .stderr("error: mine.html: this template makes html output, but the output format is md; pass --format html or name the output *.html\n");
    assert_eq!(out.files(), ["csweek.toml", "mine.html"]);
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme <b>\"\n")
        .file("mine.html", "<p>{{ company }}</p>\n")
        .args(&[
            "plan",
            "--today",
            TODAY,
            "--template",
            "mine.html",
            "-f",
            "html",
        ])
        .run()
        .status(0);
    assert_eq!(
        out.stdout, "<p>Acme &lt;b&gt;</p>\n",
        "a house HTML template is autoescaped"
    );
}

#[test]
fn init_into_a_folder_names_the_file_to_write() {
    Test::new()
        .file("team/keep", "")
        .args(&["init", "team", "--force"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: team is a folder; name the file to write, such as team/csweek.toml\n");
}

/// Examples are set line by line as written, not filled and justified
/// into one paragraph with gaps.
#[test]
fn the_man_page_sets_examples_as_written() {
    let out = Test::new().args(&["man", "--dir", "man1"]).run().status(0);
    let page =
        |name: &str| std::fs::read_to_string(out.dir.path().join("man1").join(name)).unwrap();
    let example = "csweek plan team.toml -o week.html   write a printable agenda";
    // In roff, a `-` is a hyphen; `\-` the minus of a command's option.
    let roff = example.replace('-', "\\-");
    let main = page("csweek.1");
    let lines: Vec<&str> = main.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == roff)
        .unwrap_or_else(|| panic!("no line {roff:?} in csweek.1\n{main}"));
    let opened = lines[..at].iter().rposition(|l| *l == ".EX");
    let closed = lines[..at].iter().rposition(|l| *l == ".EE");
    assert!(
        opened.is_some() && opened > closed,
        "the example is not inside .EX/.EE\n{main}"
    );
    // Prose stays prose: `check`'s paragraph is filled as usual.
    let check = page("csweek-check.1");
    assert!(
        check.contains("Checks every key of the config and every idea file, reporting every problem with its\nfile:line:column"),
        "{check}"
    );
    // As `man` shows it, where groff is installed.
    if !tool_available(Command::new("groff").arg("-v"), "groff (groff-base)") {
        return;
    }
    let shown = Command::new("groff")
        // Plain text: no bold or underline by overstriking or escapes.
        .args(["-man", "-Tascii", "-P-cbou", "-rLL=100n"])
        .arg(out.dir.path().join("man1/csweek.1"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.lines().any(|l| l.trim() == example),
        "groff does not show {example:?} as written\n{shown}"
    );
}

/// `csweek ideas show <TAB>` offers the bundled ideas' ids in every shell
/// that completes values.
#[test]
fn ideas_show_completes_idea_ids() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Test::new()
            .args(&["completions", shell])
            .run()
            .status(0)
            .stderr("");
        for id in ["fall-festival", "year-in-review", "catered-lunch"] {
            assert!(
                out.stdout.contains(id),
                "{shell}: the completions lack `{id}`"
            );
        }
    }
    // What bash and fish offer for `csweek ideas show cater<TAB>`.
    if tool_available(Command::new("bash").arg("--version"), "bash") {
        let script = Test::new()
            .args(&["completions", "bash"])
            .run()
            .status(0)
            .stdout;
        let complete = format!(
            "{script}\nCOMP_WORDS=(csweek ideas show cater); COMP_CWORD=3\n\
             _csweek csweek cater show\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
        );
        let out = Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &complete])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "catered-lunch\n",
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if tool_available(Command::new("fish").arg("--version"), "fish") {
        let out = Test::new().args(&["completions", "fish"]).run().status(0);
        std::fs::write(out.dir.path().join("csweek.fish"), &out.stdout).unwrap();
        let shown = Command::new("fish")
            .args([
                "--no-config",
                "-c",
                "source csweek.fish; complete -C 'csweek ideas show cater'",
            ])
            .current_dir(out.dir.path())
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&shown.stdout),
            "catered-lunch\tCatered Team Lunch\n",
            "{}",
            String::from_utf8_lossy(&shown.stderr)
        );
    }
}
