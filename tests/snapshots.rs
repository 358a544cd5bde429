//! Golden output for one example in each format. `cargo insta review` updates them.

use crate::test::{TODAY, Test, root};

fn plan(format: &str) -> String {
    let config = std::fs::read(root().join("examples/hybrid-with-customers.toml")).unwrap();
    Test::new()
        .file("hybrid-with-customers.toml", config)
        .args(&[
            "plan",
            "hybrid-with-customers.toml",
            "--today",
            TODAY,
            "-f",
            format,
        ])
        .run()
        .status(0)
        .stderr("")
        .stdout
}

#[test]
fn markdown() {
    insta::assert_snapshot!("hybrid.md", plan("md"));
}

#[test]
fn html() {
    insta::assert_snapshot!("hybrid.html", plan("html"));
}

#[test]
fn json() {
    insta::assert_snapshot!("hybrid.json", plan("json"));
}
