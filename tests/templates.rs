//! A template of the user's runs within bounds: one that loops for ever or
//! grows a string without end is stopped with an error at its line and
//! column, and nothing is written.

use crate::test::{TODAY, Test};

const CONFIG: &str = "company = \"Acme\"\n";

/// Plans with `template` as `mine.md` into `out.md`, and returns the error.
fn refused(template: &str) -> String {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file("mine.md", template)
        .args(&[
            "plan",
            "--today",
            TODAY,
            "--template",
            "mine.md",
            "-o",
            "out.md",
        ])
        .run()
        .status(2)
        .stdout("");
    assert_eq!(out.files(), ["csweek.toml", "mine.md"]);
    out.stderr
}

const TOO_MUCH_WORK: &str = "the template does too much work; csweek stops a template after 5 million steps, each 64 bytes of text it builds counting as one";

const ENDLESS: &str = "# {{ company }}\n\
                       {% for a in range(100000) %}{% for b in range(100000) %}.{% endfor %}{% endfor %}\n";

#[test]
fn a_loop_without_end_in_sight_is_stopped() {
    assert_eq!(
        refused(ENDLESS),
        format!("error: mine.md:2:57: {TOO_MUCH_WORK}\n")
    );
}

#[test]
fn a_string_that_doubles_without_end_is_stopped() {
    let template = "{% set ns = namespace(s=company) %}\n\
                    {% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}\n";
    assert_eq!(
        refused(template),
        format!("error: mine.md:2:39: {TOO_MUCH_WORK}\n")
    );
}

#[test]
fn an_output_larger_than_the_cap_is_refused() {
    let template = "{% set mb = \"x\" * 1000000 %}\n\
                    {% for i in range(100) %}{{ mb }}{% endfor %}\n";
    assert_eq!(
        refused(template),
        "error: mine.md: the output is larger than 64 MiB, the most a template may write\n"
    );
}

#[test]
fn check_stops_a_template_alike() {
    Test::new()
        .file("csweek.toml", CONFIG)
        .file("mine.md", ENDLESS)
        .args(&["check", "--today", TODAY, "--template", "mine.md"])
        .run()
        .status(2)
        .stdout("")
        .stderr(&format!(
            "error: mine.md:2:57: {TOO_MUCH_WORK}\n\nerror: 1 problem found\n"
        ));
}

/// The column too, whatever the build: errors at run time and syntax errors.
#[test]
fn errors_name_the_line_and_column() {
    assert_eq!(
        refused("# {{ company }}\n\n  {{ days[0].nope }}\n"),
        "error: mine.md:3:6: undefined value (`days[0].nope` is undefined)\n"
    );
    assert_eq!(
        refused("# {{ company }}\n{% for day in days %}\n  {{ day.date | nope }}\n{% endfor %}\n"),
        "error: mine.md:3:17: unknown filter (filter nope is unknown)\n"
    );
    assert_eq!(
        refused("# {{ company }}\n\n  {{ company + }}\n"),
        "error: mine.md:3:16: syntax error (unexpected end of variable block)\n"
    );
}

/// A template like the bundled ones, on the largest week, is far within bounds.
#[test]
fn a_template_as_large_as_the_bundled_one_runs_on_the_largest_week() {
    let template =
        std::fs::read_to_string(crate::test::root().join("templates/plan.html.j2")).unwrap();
    let config =
        std::fs::read_to_string(crate::test::root().join("examples/large-remote.toml")).unwrap();
    // Every activity three times over.
    let template = template.replace(
        "{% for day in days %}",
        "{% for day in days + days + days %}",
    );
    let out = Test::new()
        .file("csweek.toml", config)
        .file("mine.html", template)
        .args(&[
            "plan",
            "--today",
            TODAY,
            "--template",
            "mine.html",
            "-o",
            "out.html",
        ])
        .run()
        .status(0);
    assert!(out.read("out.html").contains("<html"));
}
