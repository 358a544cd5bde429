//! Hostile text in the config: markup, table pipes, calendar syntax, shell
//! metacharacters, line breaks, right-to-left text and the like, in every
//! text field a config can set. Every format is read back the way its
//! consumer reads it (a browser's HTML parser, a Markdown parser, a
//! calendar parser, serde), and must show the text as text: nothing
//! injected, no table broken, no event added, every string intact.
//!
//! Each class of hostile strings is planned several times, the strings
//! rotated through the fields, so that every string lands in every field.
//! A plain config with the same plan is the baseline for the structure of
//! each format: the hostile plan must have exactly its elements, Markdown
//! blocks and calendar lines.

use std::fmt::Write as _;

use icalendar::{Calendar, Component};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{Html, Node};

use crate::json::Plan;
use crate::test::{TODAY, Test};

/// 2026-09-21T14:13:20Z, for byte-identical calendars.
const EPOCH: &str = "1790000000";

/// A fixed seed, so the company's name (the default seed) can't change the plan.
const SEED: &str = "7";

/// The house idea that carries the hostile title, summary and prep task.
const IDEA: &str = "house-idea";

/// Every text field a config sets, and that the plan shows.
#[derive(Debug, Clone)]
struct Texts {
    company: String,
    theme: String,
    day_themes: [String; 5],
    title: String,
    summary: String,
    task: String,
}

impl Texts {
    /// Harmless text; no day theme's words favour a category, so the
    /// hostile configs (whose words don't either) plan the same week.
    fn plain() -> Texts {
        Texts {
            company: "Acme Support".into(),
            theme: "Every customer counts".into(),
            day_themes: ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].map(String::from),
            title: "House Idea".into(),
            summary: "An idea of our own for the week.".into(),
            task: "Book the room".into(),
        }
    }

    /// `payloads` spread over the fields, starting `rotation` along: alone
    /// (so it starts the field), after a word, before a word, or between.
    fn hostile(payloads: &[&str], rotation: usize) -> Texts {
        let p = |slot: usize| payloads[(slot + rotation) % payloads.len()];
        Texts {
            company: p(0).into(),
            theme: format!("Theme {}", p(1)),
            day_themes: [
                p(2).into(),
                format!("Day {}", p(3)),
                format!("{} day", p(4)),
                p(5).into(),
                format!("Day {} day", p(6)),
            ],
            title: p(7).into(),
            summary: p(8).into(),
            task: format!("Order {}", p(9)),
        }
    }

    fn fields(&self) -> Vec<(String, &str)> {
        let mut fields = vec![
            ("company".to_string(), self.company.as_str()),
            ("theme".to_string(), self.theme.as_str()),
        ];
        for (n, name) in self.day_themes.iter().enumerate() {
            fields.push((format!("day_themes[{n}]"), name.as_str()));
        }
        fields.push(("idea title".to_string(), self.title.as_str()));
        fields.push(("idea summary".to_string(), self.summary.as_str()));
        fields.push(("prep task".to_string(), self.task.as_str()));
        fields
    }

    /// The config: the texts, and the house idea pinned to Wednesday.
    fn config(&self) -> String {
        let days: Vec<String> = self.day_themes.iter().map(|d| toml_string(d)).collect();
        format!(
            "company = {}\ntheme = {}\nday_themes = [{}]\n\n\
             [[idea]]\nid = \"{IDEA}\"\ntitle = {}\nsummary = {}\ncategory = \"fun\"\n\
             duration_minutes = 30\nlead_time_days = 10\n\
             prep = [{{ days_before = 10, task = {} }}]\n\n\
             [[pin]]\nday = \"wed\"\nidea = \"{IDEA}\"\n",
            toml_string(&self.company),
            toml_string(&self.theme),
            days.join(", "),
            toml_string(&self.title),
            toml_string(&self.summary),
            toml_string(&self.task),
        )
    }
}

/// `text` as a TOML basic string: `\n`, `\t` and other controls escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() && u32::from(c) < 0x80 => {
                write!(out, "\\u{:04X}", u32::from(c)).unwrap();
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One config planned in every format.
struct Rendered {
    md: String,
    html: String,
    ics: String,
    json: Plan,
}

impl Rendered {
    fn of(config: &str) -> Rendered {
        let json = run(config, "json");
        Rendered {
            md: run(config, "md"),
            html: run(config, "html"),
            ics: run(config, "ics"),
            json: serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}")),
        }
    }

    /// The ideas of each day, which must be the same for the structures to compare.
    fn picks(&self) -> Vec<Vec<&str>> {
        self.json
            .days
            .iter()
            .map(|d| d.activities.iter().map(|a| a.id.as_str()).collect())
            .collect()
    }

    /// The calendar's events: the week, each activity's waves, each prep step.
    fn expected_events(&self) -> usize {
        let waves: usize = self
            .json
            .days
            .iter()
            .flat_map(|d| &d.activities)
            .map(|a| a.waves.len().max(1))
            .sum();
        1 + waves + self.json.prep.len()
    }
}

/// Plans `config` into a file in `format`, and returns the file.
fn run(config: &str, format: &str) -> String {
    let file = format!("plan.{format}");
    let out = Test::new()
        .file("csweek.toml", config)
        .args(&[
            "plan",
            "csweek.toml",
            "--today",
            TODAY,
            "--seed",
            SEED,
            "-f",
            format,
            "-o",
            &file,
        ])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .run()
        .status(0)
        .stdout("");
    out.read(&file)
}

/// What the plain config gives, to compare each hostile plan's structure with.
struct Baseline {
    plain: Rendered,
    md: Vec<String>,
    html: Vec<String>,
    html_errors: Vec<String>,
    ics: Vec<String>,
}

impl Baseline {
    fn new() -> Baseline {
        let plain = Rendered::of(&Texts::plain().config());
        let html = Html::parse_document(&plain.html);
        Baseline {
            md: markdown_shape(&plain.md),
            html: html_shape(&html),
            html_errors: html.errors.iter().map(ToString::to_string).collect(),
            ics: calendar_shape(&plain.ics),
            plain,
        }
    }
}

/// Plans every rotation of `payloads` and checks every format; fails once,
/// with every problem found and the config that shows it.
fn check(payloads: &[&str]) {
    let baseline = Baseline::new();
    let mut report = String::new();
    for rotation in 0..payloads.len() {
        let texts = Texts::hostile(payloads, rotation);
        let config = texts.config();
        let out = Rendered::of(&config);
        assert_eq!(
            out.picks(),
            baseline.plain.picks(),
            "the hostile text changed the plan, so the structures can't be compared:\n{config}"
        );
        let mut problems = Vec::new();
        check_json(&out.json, &texts, &mut problems);
        check_html(&out.html, &texts, &baseline, &mut problems);
        check_markdown(&out.md, &texts, &baseline, &mut problems);
        check_calendar(&out, &texts, &baseline, &mut problems);
        if !problems.is_empty() {
            writeln!(report, "--- config\n{config}--- problems").unwrap();
            for problem in problems {
                writeln!(report, "- {problem}").unwrap();
            }
        }
    }
    assert!(report.is_empty(), "hostile text got through:\n{report}");
}

fn check_json(plan: &Plan, texts: &Texts, problems: &mut Vec<String>) {
    let mut same = |field: &str, actual: &str, expected: &str| {
        if actual != expected {
            problems.push(format!("JSON {field}: {actual:?}, expected {expected:?}"));
        }
    };
    same("company", &plan.company, &texts.company);
    same("theme", &plan.theme, &texts.theme);
    for (day, expected) in plan.days.iter().zip(&texts.day_themes) {
        same(&format!("{} theme", day.weekday), &day.theme, expected);
    }
    let idea = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .find(|a| a.id == IDEA)
        .expect("the pinned idea is planned");
    same("idea title", &idea.title, &texts.title);
    same("idea summary", &idea.summary, &texts.summary);
    let step = plan
        .prep
        .iter()
        .find(|s| s.idea.as_deref() == Some(IDEA))
        .expect("the pinned idea's prep step is in the checklist");
    same("prep task", &step.task, &texts.task);
}

/// Each element in document order: its depth, name and attributes.
fn html_shape(html: &Html) -> Vec<String> {
    html.tree
        .root()
        .descendants()
        .filter_map(|node| {
            let element = node.value().as_element()?;
            let mut attrs: Vec<(&str, &str)> = element.attrs().collect();
            attrs.sort_unstable();
            Some(format!(
                "{}<{} {attrs:?}>",
                node.ancestors().count(),
                element.name()
            ))
        })
        .collect()
}

fn check_html(page: &str, texts: &Texts, baseline: &Baseline, problems: &mut Vec<String>) {
    let html = Html::parse_document(page);
    for node in html.tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        if matches!(element.name(), "script" | "img" | "iframe" | "object" | "a") {
            problems.push(format!("HTML: a <{}> element", element.name()));
        }
        for (name, value) in element.attrs() {
            if name.starts_with("on") {
                problems.push(format!(
                    "HTML: an event handler {name}={value:?} on <{}>",
                    element.name()
                ));
            }
        }
    }
    let shape = html_shape(&html);
    if shape != baseline.html {
        problems.push(format!(
            "HTML: elements differ from the plain plan's: {}",
            first_difference(&baseline.html, &shape)
        ));
    }
    let errors: Vec<String> = html.errors.iter().map(ToString::to_string).collect();
    if errors != baseline.html_errors {
        problems.push(format!(
            "HTML: parse errors {errors:?}, the plain plan's {:?}",
            baseline.html_errors
        ));
    }
    let text: Vec<&str> = html
        .tree
        .root()
        .descendants()
        .filter_map(|node| match node.value() {
            Node::Text(text) => Some(&**text),
            _ => None,
        })
        .collect();
    for (field, value) in texts.fields() {
        if !text.iter().any(|t| t.contains(&lf(value))) {
            problems.push(format!(
                "HTML: the {field} {value:?} is not in the page's text"
            ));
        }
    }
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
}

/// Line breaks as `\n`, the only one HTML's text and iCalendar's TEXT have.
fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Each Markdown event, a run of text as one `text`, with where it starts.
fn markdown_events(md: &str) -> Vec<(String, usize)> {
    let mut events: Vec<(String, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(md, markdown_options()).into_offset_iter() {
        let token = match event {
            Event::Text(_) => "text".to_string(),
            Event::Start(tag) => format!("start {}", tag_name(&tag)),
            Event::End(end) => format!("end {end:?}"),
            other => format!("{other:?}"),
        };
        if token == "text" && events.last().is_some_and(|(t, _)| t == "text") {
            continue;
        }
        events.push((token, range.start));
    }
    events
}

/// The Markdown's structure: its events, without the text.
fn markdown_shape(md: &str) -> Vec<String> {
    markdown_events(md).into_iter().map(|(t, _)| t).collect()
}

/// A tag without the text it carries (a link's address, a heading's id).
fn tag_name(tag: &Tag<'_>) -> String {
    match tag {
        Tag::Heading { level, .. } => format!("Heading({level})"),
        Tag::List(start) => format!("List({start:?})"),
        Tag::Table(alignments) => format!("Table({})", alignments.len()),
        Tag::Link { .. } => "Link".to_string(),
        Tag::Image { .. } => "Image".to_string(),
        other => format!("{other:?}"),
    }
}

/// What the `md` filter makes of text: its lines joined by spaces, blank ones dropped.
fn as_markdown_text(value: &str) -> String {
    value
        .split(['\r', '\n'])
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `|` that separate a table row's cells (not those escaped as `\|`).
fn cell_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

fn check_markdown(md: &str, texts: &Texts, baseline: &Baseline, problems: &mut Vec<String>) {
    // Structure: exactly the plain plan's blocks and inlines, and no HTML,
    // link, image or heading of the text's own.
    let events = markdown_events(md);
    let shape: Vec<String> = events.iter().map(|(t, _)| t.clone()).collect();
    if shape != baseline.md {
        let at = shape
            .iter()
            .zip(&baseline.md)
            .position(|(a, b)| a != b)
            .unwrap_or(shape.len().min(baseline.md.len()));
        let line = events.get(at).map_or("", |&(_, offset)| {
            let start = md[..offset].rfind('\n').map_or(0, |i| i + 1);
            md[start..].lines().next().unwrap_or("")
        });
        problems.push(format!(
            "Markdown: structure differs from the plain plan's: {}; at the line {line:?}",
            first_difference(&baseline.md, &shape),
        ));
    }
    let mut columns = 0;
    let mut cells = 0;
    for event in Parser::new_ext(md, markdown_options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                problems.push(format!("Markdown: raw HTML {html:?}"));
            }
            Event::Start(Tag::Table(alignments)) => columns = alignments.len(),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) if cells != columns => {
                problems.push(format!(
                    "Markdown: a table row of {cells} cells in a table of {columns} columns"
                ));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                problems.push(format!("Markdown: a {}", tag_name(&tag)));
            }
            _ => {}
        }
    }
    // The parser pads and cuts rows to the header's width, so count the
    // separating pipes in the source too.
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let pipes = cell_pipes(line);
        match header {
            None => header = Some(pipes),
            Some(expected) if pipes != expected => problems.push(format!(
                "Markdown: a table row with {} cells where the header has {}: {line:?}",
                pipes.saturating_sub(1),
                expected.saturating_sub(1)
            )),
            Some(_) => {}
        }
    }
    // Text: every field reads back, as one run of text.
    let mut runs: Vec<String> = vec![String::new()];
    for event in Parser::new_ext(md, markdown_options()) {
        match event {
            Event::Text(text) => runs.last_mut().unwrap().push_str(&text),
            _ => runs.push(String::new()),
        }
    }
    for (field, value) in texts.fields() {
        let expected = as_markdown_text(value);
        if !runs.iter().any(|run| run.contains(&expected)) {
            problems.push(format!(
                "Markdown: the {field} {value:?} does not read back as {expected:?}"
            ));
        }
    }
}

/// The calendar's content lines, unfolded, by name (`BEGIN` and `END` with their value).
fn calendar_shape(ics: &str) -> Vec<String> {
    icalendar::parser::unfold(ics)
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(|line| {
            let name = line.split([':', ';']).next().unwrap_or(line);
            if name == "BEGIN" || name == "END" {
                line.to_string()
            } else {
                name.to_string()
            }
        })
        .collect()
}

fn check_calendar(out: &Rendered, texts: &Texts, baseline: &Baseline, problems: &mut Vec<String>) {
    check_calendar_lines(&out.ics, out.expected_events(), baseline, problems);
    check_calendar_events(out, texts, problems);
}

/// The file itself: folded CRLF lines of at most 75 octets, and the plain
/// plan's content lines, no more.
fn check_calendar_lines(
    ics: &str,
    expected: usize,
    baseline: &Baseline,
    problems: &mut Vec<String>,
) {
    if !ics.ends_with("\r\n") {
        problems.push("ICS: the last line does not end in CRLF".to_string());
    }
    for line in ics.split_terminator("\r\n") {
        if line.contains(['\r', '\n']) {
            problems.push(format!("ICS: a bare line break in {line:?}"));
        }
        if line.len() > 75 {
            problems.push(format!("ICS: a line of {} octets: {line:?}", line.len()));
        }
        if let Some(c) = line.chars().find(|&c| c.is_ascii_control() && c != '\t') {
            problems.push(format!("ICS: a control character {c:?} in {line:?}"));
        }
    }
    let begins = ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    if begins != expected {
        problems.push(format!(
            "ICS: {begins} BEGIN:VEVENT lines, expected {expected}"
        ));
    }
    let shape = calendar_shape(ics);
    if shape != baseline.ics {
        problems.push(format!(
            "ICS: content lines differ from the plain plan's: {}",
            first_difference(&baseline.ics, &shape)
        ));
    }
    match icalendar::parser::read_calendar_simple(&icalendar::parser::unfold(ics)) {
        Ok(roots) if roots.len() == 1 => {}
        Ok(roots) => problems.push(format!("ICS: {} top-level components", roots.len())),
        Err(e) => problems.push(format!("ICS: does not parse: {e:?}")),
    }
}

/// The events, read back: every text exactly as written, no event more.
fn check_calendar_events(out: &Rendered, texts: &Texts, problems: &mut Vec<String>) {
    let ics = &out.ics;
    let expected = out.expected_events();
    let calendar: Calendar = match ics.parse() {
        Ok(calendar) => calendar,
        Err(e) => {
            problems.push(format!("ICS: does not parse: {e}"));
            return;
        }
    };
    same_text(
        problems,
        "the calendar's name",
        calendar.get_name(),
        &one_line(&format!("{}: Customer Service Week 2027", texts.company)),
    );
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let event = |prefix: &str| {
        events
            .iter()
            .find(|e| e.get_uid().is_some_and(|u| u.starts_with(prefix)))
            .copied()
    };
    let activity = out
        .json
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .find(|a| a.id == IDEA)
        .expect("the pinned idea is planned");
    let (idea, prep) = (format!("2027-{IDEA}@"), format!("2027-prep-{IDEA}-"));
    let properties = [
        (
            "2027-week@",
            "SUMMARY",
            one_line(&format!("Customer Service Week 2027: {}", texts.theme)),
        ),
        (
            "2027-week@",
            "DESCRIPTION",
            format!(
                "{}'s Customer Service Week. Theme: {}.",
                texts.company, texts.theme
            ),
        ),
        (&idea, "SUMMARY", one_line(&texts.title)),
        (
            &idea,
            "DESCRIPTION",
            format!(
                "{}–{}\n{}\nWhy: {}\nCost: free",
                activity.start, activity.end, texts.summary, activity.why
            ),
        ),
        (&prep, "SUMMARY", one_line(&format!("Prep: {}", texts.task))),
        (
            &prep,
            "DESCRIPTION",
            format!(
                "For {}. Due before Customer Service Week 2027.",
                texts.title
            ),
        ),
    ];
    for (uid, property, expected) in properties {
        match event(uid) {
            Some(event) => same_text(
                problems,
                &format!("{property} of {uid}"),
                event.property_value(property),
                &expected,
            ),
            None => problems.push(format!("ICS: no event {uid}")),
        }
    }
    let alarm = event(&prep).and_then(|e| {
        e.components()
            .iter()
            .find(|c| c.component_kind() == "VALARM")
    });
    same_text(
        problems,
        "the prep step's reminder",
        alarm.and_then(|a| a.property_value("DESCRIPTION")),
        &texts.task,
    );
    if events.len() != expected {
        problems.push(format!("ICS: {} events, expected {expected}", events.len()));
    }
}

/// A one-line value (a summary, the calendar's name): each run of line
/// breaks a space.
fn one_line(text: &str) -> String {
    text.split(['\r', '\n', '\u{2028}', '\u{2029}'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TEXT value read back, against what it should be.
fn same_text(problems: &mut Vec<String>, what: &str, actual: Option<&str>, expected: &str) {
    let expected = lf(expected);
    if actual != Some(expected.as_str()) {
        problems.push(format!("ICS: {what} is {actual:?}, expected {expected:?}"));
    }
}

/// Where two sequences first differ, with a little of what follows.
fn first_difference(expected: &[String], actual: &[String]) -> String {
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let end = |s: &[String]| s.len().min(at + 4);
    format!(
        "at item {at}, expected {:?}, found {:?}",
        &expected[at..end(expected)],
        &actual[at..end(actual)]
    )
}

#[test]
fn html_markup_is_text() {
    check(&[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><b>",
        "&amp;",
        "</title><script>alert(1)</script>",
        "' onmouseover='alert(1)",
        "<!-- comment -->",
        "&lt;b&gt; &#60;i&#62;",
    ]);
}

#[test]
fn markdown_syntax_is_text() {
    check(&[
        "| pipe |",
        "*stars*",
        "# heading",
        "[link](javascript:x)",
        "`code`",
        "``double ` ticks``",
        "- dash",
        "+ plus",
        "1. one",
        "1) one",
        "---",
        "===",
        "> quote",
        "_under_ __bold__",
        "![image](x.png)",
        "<https://example.com>",
        "https://example.com",
        "a@example.com",
        "\\*backslash",
        "~~struck~~",
        "[ref]: https://example.com",
    ]);
}

#[test]
fn icalendar_syntax_is_text() {
    check(&[
        ";",
        ",",
        "\\",
        "semi; comma, backslash\\ colon:",
        "x\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT",
        "x\nEND:VCALENDAR",
        "x\r\nEND:VEVENT\r\nBEGIN:VEVENT",
        "\\n is not a line break; \\; \\, \\\\",
        "DESCRIPTION:x",
    ]);
}

#[test]
fn shell_metacharacters_are_text() {
    check(&[
        "$(rm -rf ~)",
        "`rm -rf ~`",
        "; rm -rf ~",
        "a && b || c",
        "it's 'quoted'",
        "\"double\" quotes",
        "$HOME ${PATH}",
        "a | tee /tmp/x > /dev/null",
        "%s %n %x",
        "*.toml ?",
    ]);
}

#[test]
fn line_breaks_and_tabs_inside_text_are_kept_or_joined() {
    check(&[
        "line one\nline two",
        "tab\there",
        "two\t\ttabs",
        "a\n\nb after a blank line",
        "x\n- a list item",
        "x\n# a heading",
        "x\n| a | b |",
        "x\n---",
        "x\n    indented",
        "line\u{2028}separator\u{2029}paragraph",
    ]);
}

#[test]
fn right_to_left_text_is_kept() {
    check(&[
        "خدمة العملاء",
        "שירות לקוחות",
        "\u{202e}evil\u{202c}",
        "abc\u{202e}fed",
        "rtl\u{200f} mark\u{200e}",
        "\u{2067}isolate\u{2069} עברית 123",
        "Acme עברית, العربية (2027)",
    ]);
}

#[test]
fn emoji_combining_marks_and_cjk_are_kept() {
    let long = "顧客サービス週間🎉e\u{301}".repeat(12);
    check(&[
        "🎉👩\u{200d}💻🏳\u{fe0f}\u{200d}🌈",
        "e\u{301} a\u{308}\u{304} Z\u{334}\u{321}\u{31b}",
        "顧客サービス週間",
        "고객 서비스 주간",
        "客户服务周",
        "zero\u{200b}width\u{200d}joiner\u{feff}",
        &long,
    ]);
}

/// Folding must keep every line within 75 octets whatever the length of
/// the text: a sweep of lengths puts the end of a folded line at every
/// octet, in ASCII and in three-octet characters.
#[test]
fn every_line_folds_within_75_octets_whatever_the_length() {
    let mut report = String::new();
    let companies = (95..=125)
        .map(|n| "A".repeat(n))
        .chain((30..=60).map(|n| "顧".repeat(n)));
    for company in companies {
        let config = format!("company = {}\ntheme = \"T\"\n", toml_string(&company));
        let ics = run(&config, "ics");
        for line in ics.split_terminator("\r\n") {
            if line.len() > 75 {
                writeln!(
                    report,
                    "{} octets, with a company of {} characters and theme = \"T\": {line:?}",
                    line.len(),
                    company.chars().count()
                )
                .unwrap();
            }
        }
    }
    assert!(report.is_empty(), "lines over 75 octets:\n{report}");
}

/// The summary may be empty; one of only spaces, tabs and line breaks is
/// as good as empty, and must not leave a blank line that splits the
/// activity's list item in two.
#[test]
fn a_blank_summary_is_no_summary_in_markdown() {
    let none = Texts {
        summary: String::new(),
        ..Texts::plain()
    };
    let blank = Texts {
        summary: " \t\n ".into(),
        ..Texts::plain()
    };
    let (none, blank) = (run(&none.config(), "md"), run(&blank.config(), "md"));
    let (expected, actual) = (markdown_shape(&none), markdown_shape(&blank));
    assert!(
        expected == actual,
        "a blank summary changes the Markdown: {}\n{blank}",
        first_difference(&expected, &actual)
    );
}

/// Text fields must say something: blank ones are refused, naming the key.
#[test]
fn blank_text_is_refused_with_the_key_named() {
    let plain = Texts::plain();
    let cases: Vec<(&str, Texts)> = vec![
        (
            "`company`",
            Texts {
                company: " \t\n ".into(),
                ..plain.clone()
            },
        ),
        (
            "`theme`",
            Texts {
                theme: String::new(),
                ..plain.clone()
            },
        ),
        (
            "`day_themes`",
            Texts {
                day_themes: ["Alpha", "Bravo", "\n", "Delta", "Echo"].map(String::from),
                ..plain.clone()
            },
        ),
        (
            "`title`",
            Texts {
                title: "\t".into(),
                ..plain.clone()
            },
        ),
        (
            "`task`",
            Texts {
                task: "   ".into(),
                ..plain.clone()
            },
        ),
    ];
    for (key, texts) in cases {
        let config = texts.config();
        let out = Test::new()
            .file("csweek.toml", &config)
            .args(&["plan", "--today", TODAY])
            .run()
            .status(2)
            .stdout("");
        assert!(
            out.stderr.starts_with("error: csweek.toml:")
                && out.stderr.contains(key)
                && out.stderr.contains("expected some text"),
            "{key}:\n{config}\n{}",
            out.stderr
        );
    }
}

/// Control characters other than line breaks and tabs have no place in a
/// calendar (RFC 5545 allows none in TEXT) or a web page (each is a parse
/// error, bar the form feed): the config refuses them, naming the key, or
/// they stay out of both files. The summary is checked on its own, since it
/// is the one free-text field that may be empty.
#[test]
fn other_control_characters_are_refused_or_kept_out() {
    let mut report = String::new();
    for control in [
        "\u{1b}[31mred",
        "bell\u{7}",
        "nul\u{0}",
        "del\u{7f}",
        "form\u{c}feed",
        "back\u{8}space",
    ] {
        let cases = [
            (
                "company",
                Texts {
                    company: format!("Acme {control}"),
                    ..Texts::plain()
                },
            ),
            (
                "summary",
                Texts {
                    summary: format!("Our idea {control}"),
                    ..Texts::plain()
                },
            ),
        ];
        for (key, texts) in cases {
            let config = texts.config();
            let first = Test::new()
                .file("csweek.toml", &config)
                .args(&["plan", "--today", TODAY, "-f", "json"])
                .run();
            if first.status == 2 {
                if !(first.stderr.starts_with("error: csweek.toml:")
                    && first.stderr.contains(&format!("`{key}`")))
                {
                    writeln!(
                        report,
                        "{key} {control:?}: refused without naming `{key}`: {}",
                        first.stderr
                    )
                    .unwrap();
                }
                continue;
            }
            let out = Rendered::of(&config);
            let stray = |text: &str, allowed: &[char]| {
                text.chars()
                    .find(|&c| c.is_ascii_control() && !allowed.contains(&c))
            };
            if let Some(c) = stray(&out.ics, &['\r', '\n']) {
                writeln!(
                    report,
                    "{key} {control:?}: accepted, and {c:?} is in the calendar"
                )
                .unwrap();
            }
            if let Some(c) = stray(&out.html, &['\t', '\n', '\u{c}']) {
                writeln!(
                    report,
                    "{key} {control:?}: accepted, and {c:?} is in the page"
                )
                .unwrap();
            }
        }
    }
    assert!(
        report.is_empty(),
        "control characters got through:\n{report}"
    );
}

#[test]
fn control_characters_in_an_error_snippet_are_shown_escaped() {
    // ESC and OSC sequences (colour, window title), a bell, CR and NUL:
    // none reaches the terminal as itself, in the snippet or the message.
    Test::new()
        .file(
            "csweek.toml",
            "company = \"Acme\u{1b}]0;pwned\u{7}\u{1b}[31mred\r\0\"\n",
        )
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: csweek.toml:1:16: `company`: invalid basic string, expected non-double-quote visible characters, `\\`
  |
1 | company = \"Acme\\u{1b}]0;pwned\\u{7}\\u{1b}[31mred\\r\\0\"
  |                ^^^^^^
",
        );
    let out = Test::new()
        .file("csweek.toml", "company = \"Acme\"\nmode = \"\\u001b[2J\"\n")
        .args(&["check", "csweek.toml", "--today", TODAY])
        .run()
        .status(2);
    assert!(
        out.stderr
            .starts_with("error: csweek.toml:2:8: `mode`: unknown value `\\u{1b}[2J`, expected "),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{1b}'));
}

#[test]
fn a_huge_line_is_cut_in_an_error() {
    // 4 MB of text in one value: the error shows its place and a little of
    // it, not the whole of it three times.
    let huge = "A".repeat(4 << 20);
    for (key, value) in [("budget", &huge), ("timezone", &huge), ("mode", &huge)] {
        let out = Test::new()
            .file(
                "csweek.toml",
                format!("company = \"Acme\"\n{key} = \"{value}\"\n"),
            )
            .args(&["plan", "--today", TODAY])
            .run()
            .status(2);
        assert!(out.stderr.len() < 2000, "{key}: {} bytes", out.stderr.len());
        assert!(
            out.stderr.starts_with("error: csweek.toml:2:"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("AAA…"), "{}", out.stderr);
    }
    let out = Test::new()
        .file(
            "csweek.toml",
            format!("company = \"Acme\"\nbudget = 5 {huge}\n"),
        )
        .args(&["plan", "--today", TODAY])
        .run()
        .status(2);
    let snippet: Vec<&str> = out.stderr.lines().skip(2).collect();
    assert_eq!(
        snippet,
        [
            &*format!("2 | budget = 5 {}…", "A".repeat(58)),
            &*format!("  |          {}", "^".repeat(60)),
        ]
    );
}
