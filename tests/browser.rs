//! The HTML agenda printed by a real browser: headless Chromium prints each
//! example on A4 and on US Letter, and the print must fit on two pages and
//! be a wall agenda: every day's heading, every activity's title and times,
//! with shifts each shift's timetable under its name and hours, in type no
//! smaller than 9 pt, without the reasons behind the picks. The sizes are
//! read back from the PDF itself, as the browser set them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::ics::tool_available;
use crate::json::Plan as Agenda;
use crate::test::{EXAMPLES, SHIFT_EXAMPLES, TODAY, Test, root};

/// The browsers to try, in order: Debian's package, then other common names.
const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// Paper sizes as CSS `@page` names, with the name `pdfinfo` reports for them.
const PAPERS: [(&str, &str); 2] = [("A4", "(A4)"), ("letter", "(letter)")];

const MAX_PAGES: u32 = 2;

/// However slow the machine, a print that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The smallest type a printed agenda may use, in thirds of a point: the
/// precision `pdftohtml` reports sizes with at its largest zoom.
const SMALLEST_TYPE: u32 = 9 * ZOOM;

/// `pdftohtml`'s largest zoom, at which it gives sizes in thirds of a point.
const ZOOM: u32 = 3;

/// The browser to print with, or None (said on stderr) when it or the
/// poppler tools are missing.
fn tools() -> Option<&'static str> {
    let browser = BROWSERS
        .into_iter()
        .find(|name| on_path(name))
        .unwrap_or(BROWSERS[0]);
    let present = tool_available(
        Command::new(browser).arg("--version"),
        "Chromium (chromium, chromium-browser or google-chrome)",
    ) && ["pdfinfo", "pdftotext", "pdftohtml"]
        .into_iter()
        .all(|tool| {
            tool_available(
                Command::new(tool).arg("-v"),
                &format!("{tool} (poppler-utils)"),
            )
        });
    present.then_some(browser)
}

#[test]
fn every_example_prints_on_two_pages_of_a4_and_letter() {
    let Some(browser) = tools() else {
        return;
    };
    for name in EXAMPLES.into_iter().chain(SHIFT_EXAMPLES) {
        let config = std::fs::read_to_string(root().join("examples").join(name)).unwrap();
        let plan = crate::shifts_output::agenda(&config, &[]);
        let headings: Vec<String> = plan
            .days
            .iter()
            .map(|day| {
                NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                    .unwrap()
                    .format("%A %-d %B")
                    .to_string()
            })
            .collect();
        assert!(!headings.is_empty(), "{name}: a plan without days");
        let out = Test::new()
            .file("csweek.toml", &config)
            .args(&[
                "plan",
                "csweek.toml",
                "--today",
                TODAY,
                "-f",
                "html",
                "-o",
                "agenda.html",
            ])
            .run()
            .status(0)
            .stdout("");
        let html = out.read("agenda.html");
        for heading in &headings {
            assert!(
                html.contains(&format!("<h3>{heading}</h3>")),
                "{name}: the HTML has no day heading {heading:?}"
            );
        }
        assert!(html.contains("</head>"), "{name}: the HTML has no </head>");
        for (size, reported) in PAPERS {
            let what = format!("{name} on {size}");
            let pdf = print_on(browser, &html, size, "", out.dir.path(), &what);
            check_pdf(&pdf, reported, &headings, &what);
            check_wall_agenda(&pdf, &plan, &what);
        }
    }
}

/// However many pages the budget table runs over, its totals print once,
/// after the last activity's cost: on paper a table's footer would repeat
/// at the foot of every page.
#[test]
fn the_budget_totals_print_once_at_the_end_of_the_table() {
    let Some(browser) = tools() else {
        return;
    };
    let config =
        std::fs::read_to_string(root().join("examples/hybrid-with-customers.toml")).unwrap();
    let plan = crate::json::plan(&config, &[]);
    let out = Test::new()
        .file("csweek.toml", &config)
        .args(&["plan", "csweek.toml", "--today", TODAY, "-o", "agenda.html"])
        .run()
        .status(0);
    // The activities' rows as tall as a fifth of the page, so the table
    // runs over pages.
    let tall = "table.budget tbody:first-of-type td { height: 55mm; }";
    let pdf = print_on(
        browser,
        &out.read("agenda.html"),
        "A4",
        tall,
        out.dir.path(),
        "A4",
    );
    let text = read_with("pdftotext", &pdf, "A4");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let count = |line: &str| lines.iter().filter(|l| **l == line).count();
    assert!(
        count("ACTIVITY DAY COST") + count("ACTIVITY") > 1,
        "the budget table fits on one page, so this proves nothing\n{text}"
    );
    let planned: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].to_lowercase().starts_with("planned"))
        .collect();
    assert_eq!(
        planned.len(),
        1,
        "the totals print {} times\n{text}",
        planned.len()
    );
    let last_cost = plan
        .days
        .iter()
        .flat_map(|d| &d.activities)
        .filter(|a| a.cost != "0.00")
        .map(|a| {
            (0..lines.len())
                .rev()
                .find(|&i| lines[i].contains(&a.title))
                .unwrap_or_else(|| panic!("{:?} is not in the printed text\n{text}", a.title))
        })
        .max()
        .unwrap();
    assert!(
        planned[0] > last_cost,
        "the totals print before the last activity's cost\n{text}"
    );
}

/// Prints `html` on paper of `size` (a CSS `@page` size), with `css` added
/// to its styles, into a PDF beside it.
fn print_on(browser: &str, html: &str, size: &str, css: &str, dir: &Path, what: &str) -> PathBuf {
    // The template's own `@page` sets only margins; a later rule sets the paper.
    let page = dir.join(format!("agenda-{size}.html"));
    std::fs::write(
        &page,
        html.replacen(
            "</head>",
            &format!("<style>@page {{ size: {size}; }} {css}</style>\n</head>"),
            1,
        ),
    )
    .unwrap();
    let pdf = dir.join(format!("agenda-{size}.pdf"));
    print_to_pdf(browser, &page, &pdf, dir, what);
    pdf
}

/// Checks that a printed agenda reads as a wall agenda: each activity's
/// title and times (a day-long item's, that it is for every shift), with
/// shifts each shift's name and hours once a day, no reasons and no
/// runner-up, nothing smaller than 9 pt, and the notes in the size of the rest.
fn check_wall_agenda(pdf: &Path, plan: &Agenda, what: &str) {
    let runs = text_runs(pdf, what);
    let small: Vec<String> = runs
        .iter()
        .filter(|(size, _)| *size < SMALLEST_TYPE)
        .map(|(size, text)| format!("{:.1} pt: {text:?}", f64::from(*size) / f64::from(ZOOM)))
        .collect();
    assert!(
        small.is_empty(),
        "{what}: type smaller than 9 pt:\n{}",
        small.join("\n")
    );
    // Without spaces, so that text broken over lines reads whole.
    let squeeze = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let text = squeeze(&runs.iter().map(|(_, t)| t.as_str()).collect::<String>());
    let printed = |wanted: &str| text.contains(&squeeze(wanted));
    for day in &plan.days {
        for a in &day.activities {
            let when = if a.all_day {
                "All day, every shift".to_string()
            } else if a.ends_after(&day.date) {
                format!("{}–{} (next day)", a.start, a.end)
            } else {
                format!("{}–{}", a.start, a.end)
            };
            for shown in [&a.title, &when] {
                assert!(printed(shown), "{what}: {shown:?} is not in the print");
            }
            assert!(
                !printed(&a.why),
                "{what}: why {:?} was chosen is in the print",
                a.title
            );
        }
        if let Some(runner_up) = &day.runner_up {
            assert!(
                !printed(&runner_up.why),
                "{what}: the runner-up's {:?} is in the print",
                runner_up.why
            );
        }
    }
    assert!(
        !text.to_lowercase().contains("runner-up"),
        "{what}: a runner-up is in the print"
    );
    // With shifts, each day has a column a shift, headed by its hours, as
    // the header lists them.
    if plan.shifts.len() > 1 {
        for shift in &plan.shifts {
            let next = if shift.end <= shift.start {
                " (next day)"
            } else {
                ""
            };
            let heading = squeeze(&format!(
                "{} shift {}–{}{next}",
                shift.name, shift.start, shift.end
            ));
            assert_eq!(
                text.matches(&heading).count(),
                plan.days.len() + 1,
                "{what}: {heading:?} does not head each day's column"
            );
        }
    }
    // The body's size: that of the header's plain text.
    let body = runs
        .iter()
        .find(|(_, text)| text.starts_with("Activities "))
        .map(|(size, _)| *size);
    // The notes come last, after their heading.
    let notes = runs.iter().skip_while(|(_, text)| text != "Notes").skip(1);
    for (size, note) in notes {
        assert_eq!(
            Some(*size),
            body,
            "{what}: the note {note:?} is not in the body's size"
        );
    }
}

/// Each run of text in the PDF with its size in thirds of a point, in the
/// order `pdftohtml` reads them (a run is a line's text in one font).
fn text_runs(pdf: &Path, what: &str) -> Vec<(u32, String)> {
    let output = Command::new("pdftohtml")
        .args(["-xml", "-i", "-stdout", "-zoom", &ZOOM.to_string()])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{what}: pdftohtml failed\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let xml = String::from_utf8(output.stdout).unwrap();
    let attribute = |line: &str, name: &str| -> Option<String> {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + line[start..].find('"')?;
        Some(line[start..end].to_string())
    };
    let mut sizes = std::collections::HashMap::new();
    let mut runs = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<fontspec ") {
            let id = attribute(line, "id").unwrap();
            let size: u32 = attribute(line, "size").unwrap().parse().unwrap();
            sizes.insert(id, size);
        } else if line.starts_with("<text ") {
            let font = attribute(line, "font").unwrap();
            let inner = &line[line.find('>').unwrap() + 1..line.rfind("</text>").unwrap()];
            // Ligatures as the letters they join.
            let text = unescape(&strip_tags(inner))
                .replace('\u{fb00}', "ff")
                .replace('\u{fb01}', "fi")
                .replace('\u{fb02}', "fl")
                .replace('\u{fb03}', "ffi")
                .replace('\u{fb04}', "ffl");
            if !text.trim().is_empty() {
                runs.push((sizes[&font], text.trim().to_string()));
            }
        }
    }
    assert!(!runs.is_empty(), "{what}: pdftohtml read no text\n{xml}");
    runs
}

/// Text without the `<b>` and `<i>` that `pdftohtml` marks fonts with.
fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// XML's character entities as characters.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Checks a printed agenda: its paper, its page count and its day headings.
fn check_pdf(pdf: &Path, paper: &str, headings: &[String], what: &str) {
    let info = read_with("pdfinfo", pdf, what);
    let field = |key: &str| {
        info.lines().find_map(|l| l.strip_prefix(key)).map_or_else(
            || panic!("{what}: pdfinfo gives no {key}\n{info}"),
            str::trim,
        )
    };
    let pages: u32 = field("Pages:").parse().unwrap();
    eprintln!("{what}: {pages} pages");
    assert!(
        field("Page size:").ends_with(paper),
        "{what}: printed on {}, not {paper}",
        field("Page size:")
    );
    assert!(
        pages <= MAX_PAGES,
        "{what}: {pages} pages; the agenda should fit on {MAX_PAGES}"
    );

    // A heading at the top of a page comes after a form feed. With shifts,
    // the day's theme and its items for every shift follow on its line.
    let text = read_with("pdftotext", pdf, what).replace('\u{c}', "\n");
    for heading in headings {
        assert!(
            text.lines().map(str::trim).any(|l| l == heading
                || l.strip_prefix(heading.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))),
            "{what}: no line {heading:?} in the printed text\n{text}"
        );
    }
}

/// Whether `name` is an executable file in a folder on `PATH`.
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
}

/// Prints `html` to `pdf` with headless Chromium, killing it if it hangs.
fn print_to_pdf(browser: &str, html: &Path, pdf: &Path, dir: &Path, what: &str) {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let log = dir.join("chromium.log");
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        // Files, not pipes: a helper process left holding a pipe cannot stall the test.
        .stdout(std::fs::File::create(dir.join("chromium.out")).unwrap())
        .stderr(std::fs::File::create(&log).unwrap());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            // The browser and the helpers it started share its process group.
            #[cfg(unix)]
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{what}: {browser} did not finish within {}s and was killed\n{}",
                TIMEOUT.as_secs(),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        status.success(),
        "{what}: {browser} failed: {status}\n{stderr}"
    );
    assert!(
        std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0),
        "{what}: {browser} wrote no PDF\n{stderr}"
    );
}

/// A `file://` URL for an absolute path, escaping what a URL would misread.
fn file_url(path: &Path) -> String {
    let path: PathBuf = path.canonicalize().unwrap();
    let mut url = String::from("file://");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => url.push_str("%25"),
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            _ => url.push(c),
        }
    }
    url
}

/// The standard output of a poppler tool (`pdfinfo`, `pdftotext`) on `pdf`.
fn read_with(tool: &str, pdf: &Path, what: &str) -> String {
    let mut command = Command::new(tool);
    if tool == "pdftotext" {
        command.args(["-enc", "UTF-8"]).arg(pdf).arg("-");
    } else {
        command.arg(pdf);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{what}: {tool} failed\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
