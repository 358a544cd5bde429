//! The Markdown plan as a parser of `CommonMark` renders it: each activity's
//! title, times, description and reasons on lines of their own, not run
//! together into one paragraph.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::test::{EXAMPLES, TODAY, Test, root};

/// The lines a reader sees: a paragraph, a heading or a table cell ends a
/// line, and so does a hard line break; a soft one is a space.
fn rendered_lines(md: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) | Event::Code(text) => lines.last_mut().unwrap().push_str(&text),
            Event::SoftBreak => lines.last_mut().unwrap().push(' '),
            Event::HardBreak
            | Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. } | Tag::TableCell)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => lines.push(String::new()),
            _ => {}
        }
    }
    lines
        .into_iter()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn each_part_of_an_activity_renders_as_its_own_line() {
    for name in EXAMPLES {
        let config = std::fs::read_to_string(root().join("examples").join(name)).unwrap();
        let plan = crate::json::plan(&config, &[]);
        let md = Test::new()
            .file("csweek.toml", &config)
            .args(&["plan", "csweek.toml", "--today", TODAY, "-f", "md"])
            .run()
            .status(0)
            .stdout;
        let lines = rendered_lines(&md);
        let has = |line: &str| lines.iter().any(|l| l == line);
        for activity in plan.days.iter().flat_map(|d| &d.activities) {
            let cost = if activity.cost == "0.00" {
                "free".to_string()
            } else {
                format!("{} {}", activity.cost, plan.currency)
            };
            let expected = [
                activity.title.clone(),
                format!(
                    "{}–{} · {} · {cost}",
                    activity.start, activity.end, activity.category
                ),
                activity.summary.clone(),
                format!("Why: {}", activity.why),
            ];
            for line in expected {
                assert!(
                    has(&line),
                    "{name}: no rendered line {line:?}; the lines are\n{}\n\n{md}",
                    lines.join("\n")
                );
            }
        }
    }
}

/// An event that ends after midnight says so beside its times, in Markdown
/// and in the HTML agenda.
#[test]
fn an_event_past_midnight_ends_the_next_day() {
    let config = "company = \"Acme\"\nbudget = 1000\nhours = \"16:00-23:00\"\n\
                  [[pin]]\nday = \"thu\"\nidea = \"happy-hour\"\n";
    for format in ["md", "html"] {
        let out = Test::new()
            .file("csweek.toml", config)
            .args(&["plan", "--today", TODAY, "-f", format])
            .run()
            .status(0)
            .stdout;
        assert!(out.contains("23:00–00:30 (next day)"), "{format}:\n{out}");
        assert_eq!(out.matches("(next day)").count(), 1, "{format}");
    }
}
