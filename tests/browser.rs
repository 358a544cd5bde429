//! The HTML agenda printed by a real browser: headless Chromium prints each
//! example on A4 and on US Letter, and the print must fit on two pages and
//! keep every day's heading.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::ics::tool_available;
use crate::test::{EXAMPLES, TODAY, Test, root};

/// The browsers to try, in order: Debian's package, then other common names.
const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// Paper sizes as CSS `@page` names, with the name `pdfinfo` reports for them.
const PAPERS: [(&str, &str); 2] = [("A4", "(A4)"), ("letter", "(letter)")];

const MAX_PAGES: u32 = 2;

/// However slow the machine, a print that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn every_example_prints_on_two_pages_of_a4_and_letter() {
    let browser = BROWSERS
        .into_iter()
        .find(|name| on_path(name))
        .unwrap_or(BROWSERS[0]);
    if !tool_available(
        Command::new(browser).arg("--version"),
        "Chromium (chromium, chromium-browser or google-chrome)",
    ) || !tool_available(Command::new("pdfinfo").arg("-v"), "pdfinfo (poppler-utils)")
        || !tool_available(
            Command::new("pdftotext").arg("-v"),
            "pdftotext (poppler-utils)",
        )
    {
        return;
    }
    for name in EXAMPLES {
        let config = std::fs::read_to_string(root().join("examples").join(name)).unwrap();
        let headings: Vec<String> = crate::json::plan(&config, &[])
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
            // The template's own `@page` sets only margins; a later rule sets the paper.
            let page = out.dir.path().join(format!("agenda-{size}.html"));
            std::fs::write(
                &page,
                html.replacen(
                    "</head>",
                    &format!("<style>@page {{ size: {size}; }}</style>\n</head>"),
                    1,
                ),
            )
            .unwrap();
            let pdf = out.dir.path().join(format!("agenda-{size}.pdf"));
            print_to_pdf(browser, &page, &pdf, out.dir.path(), &what);
            check_pdf(&pdf, reported, &headings, &what);
        }
    }
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

    // A heading at the top of a page comes after a form feed.
    let text = read_with("pdftotext", pdf, what).replace('\u{c}', "\n");
    for heading in headings {
        assert!(
            text.lines().any(|l| l.trim() == heading),
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
