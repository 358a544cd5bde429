//! Renderers: one `Plan` in, text out. Markdown and HTML come from minijinja
//! templates (bundled, or the user's `--template`); JSON from serde.

mod html;
mod ics;
mod json;
mod markdown;

use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use minijinja::{Environment, UndefinedBehavior, Value, syntax::SyntaxConfig};

use crate::plan::Plan;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GitHub-flavoured Markdown
    Md,
    /// A printable, self-contained HTML page
    Html,
    /// The JSON contract (`schema_version` 1)
    Json,
    /// An iCalendar file for calendar apps
    Ics,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Ics => "ics",
        })
    }
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".j2").unwrap_or(&name);
        match name.rsplit_once('.')?.1 {
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "ics" | "ical" | "ifb" => Some(Format::Ics),
            _ => None,
        }
    }
}

/// A template of the user's that replaces a bundled one.
#[derive(Debug, Clone)]
pub struct UserTemplate {
    pub path: PathBuf,
    pub format: Format,
    pub source: String,
}

/// Renders `plan`. `stamp` is the calendar's DTSTAMP, the one value that
/// may differ between runs.
pub fn render(
    plan: &Plan,
    format: Format,
    template: Option<&UserTemplate>,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    match format {
        Format::Json => Ok(json::render(plan)),
        Format::Ics => Ok(ics::render(plan, stamp)),
        Format::Md | Format::Html => {
            let (bundled, register) = bundled(format);
            from_template(plan, bundled, template, register)
        }
    }
}

/// A bundled template: its fixed name (the extension chooses escaping) and source.
pub struct Bundled {
    pub name: &'static str,
    pub source: &'static str,
}

/// The most work a template of the user's may do, in minijinja's fuel: a
/// unit a step, and a unit for each 64 bytes of text it makes. The bundled
/// HTML template takes some 5,000 on a seven-day week of four activities a
/// day: a thousandfold headroom.
const FUEL: u64 = 5_000_000;

/// The most a template of the user's may write.
const MAX_OUTPUT: usize = 64 << 20;

fn from_template(
    plan: &Plan,
    bundled: &Bundled,
    user: Option<&UserTemplate>,
    register: fn(&mut Environment<'_>),
) -> Result<String> {
    let (env, name) = environment(bundled, user, register)?;
    let context = Value::from(minijinja::value::Serde(plan));
    let mut out = Capped {
        text: Vec::new(),
        max: if user.is_some() {
            MAX_OUTPUT
        } else {
            usize::MAX
        },
    };
    env.get_template(&name)
        .and_then(|t| t.render_captured_to(context, &mut out))
        .map_err(|e| {
            // The only writer that fails is the cap, and the error that says
            // so has no place: the output is the whole template's.
            if e.kind() == minijinja::ErrorKind::WriteFailure {
                anyhow::anyhow!(
                    "{name}: the output is larger than {} MiB, the most a template may write",
                    MAX_OUTPUT >> 20
                )
            } else {
                template_error(&e)
            }
        })?;
    Ok(String::from_utf8(out.text).expect("templates write text"))
}

/// A template's output, refused once it would grow past `max` bytes.
struct Capped {
    text: Vec<u8>,
    max: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.max - self.text.len() {
            return Err(std::io::Error::other("the output is too large"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders `plan` with the user's template, only to find its mistakes.
pub fn check(plan: &Plan, user: &UserTemplate) -> Result<()> {
    render(plan, user.format, Some(user), chrono::DateTime::UNIX_EPOCH).map(drop)
}

/// Compiles the user's template, only to find its syntax errors.
pub fn compile(user: &UserTemplate) -> Result<()> {
    let (bundled, register) = bundled(user.format);
    environment(bundled, Some(user), register).map(drop)
}

fn bundled(format: Format) -> (&'static Bundled, fn(&mut Environment<'_>)) {
    match format {
        Format::Html => (&html::TEMPLATE, html::register),
        _ => (&markdown::TEMPLATE, markdown::register),
    }
}

/// The template environment, with the template to render and its name.
fn environment(
    bundled: &Bundled,
    user: Option<&UserTemplate>,
    register: fn(&mut Environment<'_>),
) -> Result<(Environment<'static>, String)> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Debug mode keeps each error's column and the expression at fault;
    // minijinja turns it on only in its own debug builds.
    env.set_debug(true);
    env.add_filter("date", date);
    register(&mut env);
    let name = if let Some(user) = user {
        env.set_fuel(Some(FUEL));
        let name = user.path.display().to_string();
        // Escape by the bundled template's rules, whatever the file is called.
        let escape = minijinja::default_auto_escape_callback(bundled.name);
        env.set_auto_escape_callback(move |_| escape.clone());
        env.add_template_owned(name.clone(), user.source.clone())
            .map_err(|e| template_error(&e))?;
        name
    } else {
        env.add_template(bundled.name, bundled.source)
            .map_err(|e| template_error(&e))
            .context("the bundled template is broken")?;
        bundled.name.to_string()
    };
    Ok((env, name))
}

/// The names a template sees at the top level: the plan's fields.
pub const VARIABLES: &str = "schema_version, company, theme, year, week, currency, team_size, \
                             mode, hours, shifts, timezone, budget, days, prep, notes";

/// A template error as `file:line:column: what`, like every other error,
/// with the expression at fault when there is one.
fn template_error(e: &minijinja::Error) -> anyhow::Error {
    let column = e
        .range()
        .zip(e.template_source())
        .and_then(|(range, source)| {
            let before = source.get(..range.start)?;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Some(before[line_start..].chars().count() + 1)
        });
    let place = match (e.name(), e.line(), column) {
        (Some(name), Some(line), Some(column)) => format!("{name}:{line}:{column}: "),
        (Some(name), Some(line), None) => format!("{name}:{line}: "),
        (Some(name), None, _) => format!("{name}: "),
        _ => String::new(),
    };
    match e.kind() {
        minijinja::ErrorKind::OutOfFuel => anyhow::anyhow!(
            "{place}the template does too much work; csweek stops a template after {} million steps, \
             each 64 bytes of text it builds counting as one",
            FUEL / 1_000_000
        ),
        _ => anyhow::anyhow!("{place}{}", mistake(e)),
    }
}

/// What is wrong in a template: the error, with the expression at fault and
/// the names a template sees when it names another.
fn mistake(e: &minijinja::Error) -> String {
    let detail = match e.detail() {
        Some(detail) => format!(" ({detail})"),
        None => e
            .range()
            .zip(e.template_source())
            .and_then(|(range, source)| source.get(range))
            .map_or(String::new(), |text| format!(" in `{text}`")),
    };
    // The list of names helps only when the name at fault is not among them
    // (`compny`), not when a part of one is missing (`days[10]`).
    let expression = e
        .detail()
        .and_then(|d| d.split('`').nth(1))
        .or_else(|| {
            e.range()
                .zip(e.template_source())
                .and_then(|(range, source)| source.get(range))
        })
        .unwrap_or("");
    let name = expression
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let known = VARIABLES.split(", ").any(|v| v == name);
    let hint = if e.kind() == minijinja::ErrorKind::UndefinedError && !known {
        format!("; a template sees {VARIABLES}")
    } else {
        String::new()
    };
    format!("{}{detail}{hint}", e.kind())
}

/// `{{ "2027-10-04" | date("%A %-d %B") }}`: formats an ISO date.
fn date(value: &str, format: &str) -> Result<String, minijinja::Error> {
    let date = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("`date` expects a date such as 2027-10-04, found `{value}`"),
        )
    })?;
    // An unknown `%` code is an error, not a panic.
    let mut text = String::new();
    write!(text, "{}", date.format(format)).map_err(|_| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!(
                "`date` cannot format with `{format}`; use strftime codes such as \"%A %-d %B\""
            ),
        )
    })?;
    Ok(text)
}
