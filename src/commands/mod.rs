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

use crate::catalog::Catalog;
use crate::config::Config;
use crate::plan::{Plan, Times};
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

/// How much search (candidates examined) the planner may spend before
/// settling; about a second on a small machine.
const WORK_LIMIT: u64 = 600_000_000;

fn today(given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The named config; else `./csweek.toml`; else the embedded default, said on stderr.
fn load_config(path: Option<&Path>, command: &str) -> Result<Config> {
    if let Some(path) = path {
        return Ok(Config::load(path)?);
    }
    let local = Path::new(DEFAULT_CONFIG);
    if local.exists() {
        return Ok(Config::load(local)?);
    }
    eprintln!(
        "note: no {DEFAULT_CONFIG} here; using the built-in default config (`csweek {command} FILE` to use yours)"
    );
    Ok(Config::default_config())
}

/// The bundled catalog, plus `--ideas` folders, plus the config's own ideas.
fn load_catalog(dirs: &[PathBuf], config: Option<&Config>) -> Result<Catalog> {
    let mut catalog = Catalog::bundled()?;
    for dir in dirs {
        catalog.add_dir(dir)?;
    }
    if let Some(config) = config {
        let mut problems = Vec::new();
        config.add_ideas_to(&mut catalog, &mut problems);
        source::first(problems)?;
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
    let keys = &config.keys;
    let span = keys.days;
    let week = match year.or(keys.year.map(|y| i32::try_from(y.get()).unwrap_or(0))) {
        Some(year) => Week::of(year, span),
        None => Week::next(today, span),
    };
    let themes = config.day_themes();
    let days: Vec<planner::DayInput> = week
        .dates()
        .zip(&themes)
        .map(|(date, theme)| planner::DayInput {
            weekday: chrono::Datelike::weekday(&date),
            favours: theme.favours.clone(),
        })
        .collect();
    let pins: Vec<(usize, String)> = keys
        .pin
        .iter()
        .map(|p| {
            (
                p.day.get_ref().0.num_days_from_monday() as usize,
                p.idea.get_ref().clone(),
            )
        })
        .collect();
    let exclude: Vec<String> = keys
        .exclude
        .iter()
        .map(|x| x.get_ref().clone())
        .chain(avoided.iter().flat_map(|(ids, _)| ids.iter().cloned()))
        .collect();
    let team_size = keys.team_size.as_u32();
    // Lead times bind until the week ends; a past week is planned as if in time.
    let lead_days = if today <= week.end {
        (week.start - today).num_days().max(0)
    } else {
        i64::MAX
    };
    let company = keys.company.as_str();
    let input = planner::Input {
        ideas: &catalog.ideas,
        days: &days,
        per_day: keys.activities_per_day.as_u32() as usize,
        budget: keys.budget,
        team_size,
        may_leave: keys.coverage.may_leave(team_size),
        window: keys.hours.minutes(),
        noon: noon_offset(keys.hours),
        mode: keys.mode,
        include_customers: keys.include_customers,
        exclude: &exclude,
        pins: &pins,
        lead_days,
        seed: seed.unwrap_or_else(|| planner::default_seed(company, week.year)),
        work_limit: WORK_LIMIT,
    };
    let schedule = planner::plan(&input)?;
    let theme = keys.theme.as_ref().map_or_else(
        || crate::themes::week_theme(week.year).to_string(),
        ToString::to_string,
    );
    let cx = crate::plan::Context {
        company,
        theme: &theme,
        week,
        currency: keys.currency.as_str(),
        team_size,
        mode: keys.mode,
        hours: Times {
            start: keys.hours.start,
            end: keys.hours.end,
        },
        timezone: keys.timezone.map(|tz| tz.0.name()),
        budget: keys.budget,
        day_themes: &themes,
        ideas: &catalog.ideas,
        today,
        avoided,
    };
    Ok(crate::plan::build(&cx, &schedule))
}

/// Minutes from the start of `hours` to noon, if noon falls within them.
fn noon_offset(hours: crate::config::Hours) -> Option<u32> {
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0)?;
    (hours.start..hours.end)
        .contains(&noon)
        .then(|| u32::try_from((noon - hours.start).num_minutes()).ok())
        .flatten()
}
