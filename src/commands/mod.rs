//! The commands: each reads its inputs, calls the pure core and writes.
//!
//! One file per command; what more than one of them needs lives here.

mod check;
mod completions;
mod ideas;
mod init;
mod man;
mod plan;
mod remind;
mod schema;
mod when;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::brief::Brief;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::plan::Plan;
use crate::planner;
use crate::render::{Format, UserTemplate};
use crate::source;
use crate::week::Week;

pub use check::check;
pub use completions::completions;
pub use ideas::ideas;
pub use init::init;
pub use man::man;
pub use plan::plan;
pub use remind::remind;
pub use schema::{config_schema, schema};
pub use when::when;

/// The config csweek looks for when none is named.
const DEFAULT_CONFIG: &str = "csweek.toml";

fn today(given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| crate::zone::today_here(chrono::Utc::now()))
}

/// The named config; else `./csweek.toml`; else the embedded default, said on stderr.
fn load_config(path: Option<&Path>, command: &str) -> Result<Config> {
    let local = Path::new(DEFAULT_CONFIG);
    if let Some(path) = path.or(local.exists().then_some(local)) {
        let config = Config::load(path)?;
        warn(&config);
        return Ok(config);
    }
    eprintln!(
        "note: no {DEFAULT_CONFIG} here; using the built-in default config (`csweek {command} FILE` to use yours)"
    );
    Ok(Config::default_config())
}

/// Says on stderr what in the config is sound but likely not what was meant.
fn warn(config: &Config) {
    for warning in config.warnings() {
        eprintln!("warning: {warning}");
    }
}

/// The bundled catalog, plus `--ideas` folders, plus the config's own ideas.
fn load_catalog(dirs: &[PathBuf], config: Option<&Config>) -> Result<Catalog> {
    let mut catalog = Catalog::bundled()?;
    for dir in dirs {
        catalog.add_dir(dir)?;
    }
    if let Some(config) = config {
        let mut problems = source::Problems::new(1);
        config.add_ideas_to(&mut catalog, &mut problems);
        problems.first()?;
        config.check_against(&catalog)?;
    }
    catalog.say_what_was_replaced();
    Ok(catalog)
}

/// The year to plan (`year`, else the config's, else the next week that has
/// not ended on `today`) and 1 January of it: the date of the plan made in
/// good time, which `remind` follows and `plan --in-good-time` prints.
fn in_good_time(config: &Config, today: NaiveDate, year: Option<i32>) -> (i32, NaiveDate) {
    let year = year
        .or(config.keys.year.and_then(|y| i32::try_from(y.get()).ok()))
        .unwrap_or_else(|| Week::next(today, config.keys.days).year);
    let new_year = NaiveDate::from_ymd_opt(year, 1, 1).expect("years are validated");
    (year, new_year)
}

/// A planning error, at the pin it is about when it is about one.
fn locate(config: &Config, error: planner::Error) -> anyhow::Error {
    let pins = &config.keys.pin;
    let pin = match &error {
        planner::Error::PinUnsuitable { id, .. } => pins.iter().find(|p| p.idea.get_ref() == id),
        planner::Error::TooManyPins { day, .. } | planner::Error::PinsTooLong { day, .. } => {
            pins.iter().rev().find(|p| p.day.get_ref().0 == *day)
        }
        _ => None,
    };
    match pin {
        Some(pin) => config.pin_error(pin, error.to_string()).into(),
        None => anyhow::Error::new(error).context(format!(
            "cannot plan the week from {}",
            config.path.display()
        )),
    }
}

/// A template of the user's; its extension says whether it is Markdown or HTML.
fn load_template(path: &Path) -> Result<UserTemplate> {
    if path.is_dir() {
        return Err(source::SourceError::whole(path, "is a folder, expected a file").into());
    }
    let kind = Format::from_path(path).filter(|f| matches!(f, Format::Md | Format::Html)).with_context(|| {
        format!(
            "{}: cannot tell whether this template is Markdown or HTML; name it *.md(.j2) or *.html(.j2)",
            path.display()
        )
    })?;
    let source = source::read(path)?;
    Ok(UserTemplate {
        path: path.to_path_buf(),
        format: kind,
        source,
    })
}

/// Config + catalog + today → the plan.
pub fn make_plan(
    config: &Config,
    catalog: &Catalog,
    today: NaiveDate,
    year: Option<i32>,
    seed: Option<u64>,
    avoided: Option<(&[String], &str)>,
) -> Result<Plan, planner::Error> {
    let brief = Brief::new(config, catalog, today, year, seed, avoided);
    let schedule = planner::plan(&brief.input())?;
    Ok(crate::plan::build(&brief.context(), &schedule))
}
