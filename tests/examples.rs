//! Every example config plans in every format, and keeps every rule.

use crate::json::{
    Plan, check_coverage, check_invariants, check_shift_coverage, check_shift_invariants,
};
use crate::test::{TODAY, Test, root};

fn examples() -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn there_are_at_least_three_realistic_examples() {
    let names: Vec<String> = examples().into_iter().map(|(n, _)| n).collect();
    for expected in [
        "hybrid-with-customers.toml",
        "large-remote.toml",
        "small-onsite-tight-budget.toml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
}

#[test]
fn every_example_plans_in_every_format() {
    for (name, text) in examples() {
        let per_day: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("activities_per_day = "))
            .map_or(2, |v| v.trim().parse().unwrap());
        for format in ["md", "html", "json"] {
            let out = Test::new()
                .file(&name, &text)
                .args(&["plan", &name, "--today", TODAY, "-f", format])
                .run()
                .status(0)
                .stderr("");
            match format {
                "md" => assert!(out.stdout.starts_with("# "), "{name}"),
                "html" => {
                    assert!(out.stdout.starts_with("<!DOCTYPE html>"), "{name}");
                    assert!(
                        !out.stdout.contains("<script"),
                        "{name}: the agenda has no script"
                    );
                    assert!(
                        !out.stdout.contains("http://") && !out.stdout.contains("https://"),
                        "{name}: no network"
                    );
                }
                _ => {
                    let plan: Plan = serde_json::from_str(&out.stdout).unwrap();
                    let coverage: f64 = text
                        .lines()
                        .find_map(|l| l.strip_prefix("coverage = "))
                        .map_or(0.5, |v| v.trim().parse().unwrap());
                    // Shifts, as the plan reads the config: not a comment.
                    if text.lines().any(|l| l.trim() == "[[shift]]") {
                        check_shift_invariants(&plan, per_day);
                        check_shift_coverage(&plan, coverage);
                    } else {
                        check_invariants(&plan, per_day);
                        check_coverage(&plan, coverage);
                    }
                }
            }
        }
    }
}

#[test]
fn the_starter_is_the_embedded_default() {
    let with_file = Test::new()
        .file(
            "csweek.toml",
            std::fs::read(root().join("examples/starter.toml")).unwrap(),
        )
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0);
    let without = Test::new()
        .args(&["plan", "--today", TODAY])
        .run()
        .status(0);
    assert_eq!(with_file.stdout, without.stdout);
}
