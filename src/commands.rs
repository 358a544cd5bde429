//! The commands: each reads its inputs, calls the pure core and writes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::catalog::Idea;
use crate::cli::{
    CheckArgs, ColorArg, Filters, IdeasAction, IdeasArgs, InitArgs, PlanArgs, RemindArgs, WhenArgs,
};
use crate::config::{self, Config};
use crate::plan::{self, Plan, Times};
use crate::planner;
use crate::render::{self, Format, UserTemplate};
use crate::week::{Span, Week};
use crate::{output, source};

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

/// `csweek check`: every problem with the config, the idea folders and the
/// template, each at its place, without writing anything. Exit 0 or 2.
pub fn check(args: &CheckArgs) -> Result<u8> {
    let path = match &args.config {
        Some(path) => path.clone(),
        None if Path::new(DEFAULT_CONFIG).exists() => PathBuf::from(DEFAULT_CONFIG),
        // Passing on the built-in config would let a job run from the
        // wrong folder pass without checking anything.
        None => bail!("no {DEFAULT_CONFIG} here; name the config to check: `csweek check FILE`"),
    };
    let mut problems: Vec<String> = Vec::new();
    let mut found = Vec::new();
    let config = match source::read(&path) {
        Ok(text) => {
            let (config, problems) = Config::check(&path, text);
            found.extend(problems);
            config
        }
        Err(problem) => {
            found.push(problem);
            None
        }
    };
    let mut catalog = Catalog::bundled()?;
    let mut in_dirs = Vec::new();
    for dir in &args.ideas {
        catalog.check_dir(dir, &mut in_dirs);
    }
    if let Some(config) = &config {
        config.add_ideas_to(&mut catalog, &mut found);
        // An id that names a faulty idea is not unknown: say nothing of it
        // until the idea itself is put right. A folder that can't be read
        // leaves every id in doubt.
        let mut declared = config.declared_ids();
        declared.extend(catalog.faulty_ids.iter().cloned());
        if !catalog.incomplete {
            found.extend(config.problems_with(&catalog, &declared));
        }
    }
    // The config's problems in its own order, then the idea folders'.
    found.sort_by_key(|p| p.place);
    problems.extend(found.iter().chain(&in_dirs).map(ToString::to_string));
    let template = match args.template.as_deref().map(load_template).transpose() {
        Ok(template) => template,
        Err(problem) => {
            problems.push(format!("{problem:#}"));
            None
        }
    };
    // Plan only what is sound: a plan from a config with its faulty keys set
    // aside would report problems that aren't there.
    let mut summary = Vec::new();
    if let Some(config) = config.as_ref().filter(|_| problems.is_empty()) {
        match make_plan(config, &catalog, today(args.today), None, None, None) {
            Ok(plan) => {
                summary.push(plan_summary(&plan));
                if let Some(template) = &template {
                    match render::check(&plan, template) {
                        Ok(()) => summary.push(format!("{} renders it", template.path.display())),
                        Err(problem) => problems.push(format!("{problem:#}")),
                    }
                }
            }
            Err(error) => problems.push(format!("{:#}", locate(config, error))),
        }
    } else if let Some(template) = &template
        && let Err(problem) = render::compile(template)
    {
        problems.push(format!("{problem:#}"));
    }
    if problems.is_empty() {
        catalog.say_what_was_replaced();
        let ideas = match catalog.counts() {
            (bundled, 0) => format!("{bundled} bundled ideas"),
            (bundled, house) => format!("{bundled} bundled ideas and {house} of your own"),
        };
        println!("{}: ok; {ideas}; {}", path.display(), summary.join("; "));
        return Ok(0);
    }
    for problem in &problems {
        eprintln!("error: {problem}\n");
    }
    let count = problems.len();
    eprintln!(
        "error: {count} problem{} found",
        if count == 1 { "" } else { "s" }
    );
    Ok(2)
}

/// One line on the plan a sound config makes.
fn plan_summary(plan: &Plan) -> String {
    let activities: usize = plan.days.iter().map(|d| d.activities.len()).sum();
    format!(
        "plans {activities} activities from {} to {}, {} of {} {} budgeted",
        plan.week.start, plan.week.end, plan.budget.planned, plan.budget.total, plan.currency
    )
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

pub fn plan(args: &PlanArgs) -> Result<()> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, None) => Format::Md,
        (None, Some(path)) if path.is_dir() => {
            return Err(anyhow::anyhow!("it is a folder"))
                .with_context(|| format!("cannot write {}", path.display()));
        }
        (None, Some(path)) => Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format from the name {}; name it .md, .html, .json or .ics, or pass --format",
                path.display()
            )
        })?,
    };
    let config = load_config(args.config.as_deref(), "plan")?;
    if let Some(out) = &args.output {
        refuse_to_overwrite_inputs(out, &config.path, args)?;
    }
    let template = args.template.as_deref().map(load_template).transpose()?;
    if let Some(template) = &template
        && template.format != format
    {
        bail!(
            "{}: this template makes {} output, but the output format is {format}; pass --format {} or name the output *.{}",
            template.path.display(),
            template.format,
            template.format,
            template.format
        );
    }
    let catalog = load_catalog(&args.ideas, Some(&config))?;
    let avoid = match &args.avoid {
        Some(path) => Some((
            last_years_picks(path, &config, &catalog)?,
            path.display().to_string(),
        )),
        None => None,
    };
    let avoided = avoid
        .as_ref()
        .map(|(ids, file)| (ids.as_slice(), file.as_str()));
    let (year, today) = if args.in_good_time {
        let (year, date) = in_good_time(&config, today(args.today), args.year);
        (Some(year), date)
    } else {
        (args.year, today(args.today))
    };
    let plan = make_plan(&config, &catalog, today, year, args.seed, avoided)
        .map_err(|e| locate(&config, e))?;
    // Only a calendar carries a timestamp.
    let stamp = if format == Format::Ics {
        stamp()?
    } else {
        chrono::DateTime::UNIX_EPOCH
    };
    let text = render::render(&plan, format, template.as_ref(), stamp)?;
    output::write(args.output.as_deref(), &text)
}

/// The ids a previous JSON plan picked that are still in the catalog and
/// not pinned this year.
fn last_years_picks(path: &Path, config: &Config, catalog: &Catalog) -> Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Plan {
        days: Vec<Day>,
    }
    #[derive(serde::Deserialize)]
    struct Day {
        activities: Vec<Activity>,
    }
    #[derive(serde::Deserialize)]
    struct Activity {
        id: String,
    }
    let text = source::read(path)?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        // serde's words for the wrong shape of JSON, in a user's.
        let why = if message.starts_with("invalid length") {
            String::new()
        } else {
            format!(": {}", source::friendly(message))
        };
        anyhow::anyhow!(
            "{}:{}:{}: not a plan from `csweek plan -f json`{why}",
            path.display(),
            e.line(),
            e.column().max(1)
        )
    })?;
    let pinned: Vec<&str> = config
        .keys
        .pin
        .iter()
        .map(|p| p.idea.get_ref().as_str())
        .collect();
    let mut ids: Vec<String> = plan
        .days
        .into_iter()
        .flat_map(|d| d.activities)
        .map(|a| a.id)
        .filter(|id| catalog.get(id).is_some() && !pinned.contains(&id.as_str()))
        .collect();
    ids.dedup();
    Ok(ids)
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

/// The calendar's DTSTAMP: `SOURCE_DATE_EPOCH` when set, for reproducible
/// files, else now.
fn stamp() -> Result<chrono::DateTime<chrono::Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        Some(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .with_context(|| {
                format!("SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, found `{text}`")
            }),
        None => Ok(chrono::Utc::now()),
    }
}

/// `-o` may not name a file the plan is made from: the config, the
/// template, an idea file or last year's plan.
fn refuse_to_overwrite_inputs(out: &Path, config: &Path, args: &PlanArgs) -> Result<()> {
    let Ok(out) = out.canonicalize() else {
        return Ok(());
    };
    let same = |input: &Path| input.canonicalize().is_ok_and(|i| i == out);
    if same(config) {
        bail!(
            "refusing to write the plan over its own config {}; choose another --output",
            config.display()
        );
    }
    let inputs = [
        ("its template", args.template.as_deref()),
        ("last year's plan", args.avoid.as_deref()),
    ];
    for (what, input) in inputs {
        if let Some(input) = input.filter(|i| same(i)) {
            bail!(
                "refusing to write the plan over {what} {}; choose another --output",
                input.display()
            );
        }
    }
    // An idea folder's `*.toml` files are all read as ideas.
    let idea_file = out.extension().is_some_and(|x| x == "toml");
    if let Some(dir) = args
        .ideas
        .iter()
        .find(|d| idea_file && d.canonicalize().ok().as_deref() == out.parent())
    {
        bail!(
            "refusing to write the plan over an idea file in {}; choose another --output",
            dir.display()
        );
    }
    Ok(())
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
    let cx = plan::Context {
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
    Ok(plan::build(&cx, &schedule))
}

/// Minutes from the start of `hours` to noon, if noon falls within them.
fn noon_offset(hours: crate::config::Hours) -> Option<u32> {
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0)?;
    (hours.start..hours.end)
        .contains(&noon)
        .then(|| u32::try_from((noon - hours.start).num_minutes()).ok())
        .flatten()
}

#[derive(Serialize)]
struct RemindJson {
    schema_version: u32,
    #[serde(serialize_with = "crate::plan::iso")]
    today: NaiveDate,
    #[serde(serialize_with = "crate::plan::iso")]
    until: NaiveDate,
    items: Vec<Due>,
}

/// One thing due: a prep step, or the week itself.
#[derive(Serialize)]
struct Due {
    #[serde(serialize_with = "crate::plan::iso")]
    date: NaiveDate,
    days_left: i64,
    what: String,
    /// The idea a prep step prepares; `None` for the organiser's own steps and the week.
    idea: Option<String>,
    /// That idea's title.
    activity: Option<String>,
}

/// What is due between today and today + `within`: exit 0 when something is,
/// 1 when nothing is (grep's convention, for scheduled jobs).
pub fn remind(args: &RemindArgs) -> Result<u8> {
    let today = today(args.today);
    let until = today + chrono::Duration::days(i64::from(args.within));
    let config = load_config(args.config.as_deref(), "remind")?;
    let catalog = load_catalog(&args.ideas, Some(&config))?;
    // Reminders follow one plan all season: the one made in good time, not
    // a new one each run that drops whatever can no longer be prepared.
    let (year, planned_on) = in_good_time(&config, today, None);
    let plan = make_plan(&config, &catalog, planned_on, Some(year), None, None)
        .map_err(|e| locate(&config, e))?;
    let title = |id: &str| {
        plan.days
            .iter()
            .flat_map(|d| &d.activities)
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
    };
    let mut items: Vec<Due> = plan
        .prep
        .iter()
        .filter(|step| (today..=until).contains(&step.due))
        .map(|step| Due {
            date: step.due,
            days_left: (step.due - today).num_days(),
            what: step.task.clone(),
            idea: step.idea.clone(),
            activity: step.idea.as_deref().and_then(title),
        })
        .collect();
    if (today..=until).contains(&plan.week.start) {
        items.push(Due {
            date: plan.week.start,
            days_left: (plan.week.start - today).num_days(),
            what: format!(
                "Customer Service Week {} starts ({} to {})",
                plan.year,
                plan.week.start.format("%a %-d %b"),
                plan.week.end.format("%a %-d %b")
            ),
            idea: None,
            activity: None,
        });
    }
    let nothing = u8::from(items.is_empty());
    if args.json {
        let json = RemindJson {
            schema_version: plan::SCHEMA_VERSION,
            today,
            until,
            items,
        };
        output::write(None, &format!("{}\n", serde_json::to_string_pretty(&json)?))?;
        return Ok(nothing);
    }
    // Like grep, nothing found prints nothing: the exit status says it, and
    // a cron job stays quiet.
    if items.is_empty() {
        return Ok(nothing);
    }
    let mut text = String::new();
    for item in &items {
        let when = match item.days_left {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        };
        let owner = match (&item.activity, &item.idea) {
            (Some(title), _) => format!(" (for {title})"),
            (None, Some(id)) => format!(" (for {id})"),
            (None, None) if item.what.starts_with("Customer Service Week") => String::new(),
            (None, None) => " (organiser)".to_string(),
        };
        let _ = writeln!(
            text,
            "{}  {when:<11}  {}{owner}",
            item.date.format("%a %Y-%m-%d"),
            item.what
        );
    }
    output::write(None, &text)?;
    Ok(nothing)
}

#[derive(Serialize)]
struct WhenJson {
    schema_version: u32,
    year: i32,
    start: String,
    end: String,
}

pub fn when(args: &WhenArgs) -> Result<()> {
    let span: Span = args.days.into();
    let week = match args.year {
        Some(year) => Week::of(year, span),
        None => Week::next(today(args.today), span),
    };
    let text = if args.json {
        let json = WhenJson {
            schema_version: plan::SCHEMA_VERSION,
            year: week.year,
            start: week.start.format("%Y-%m-%d").to_string(),
            end: week.end.format("%Y-%m-%d").to_string(),
        };
        format!("{}\n", serde_json::to_string_pretty(&json)?)
    } else {
        format!(
            "Customer Service Week {}: {} to {}\n",
            week.year,
            week.start.format("%A %-d %B"),
            week.end.format("%A %-d %B %Y")
        )
    };
    output::write(None, &text)
}

pub fn ideas(args: &IdeasArgs) -> Result<()> {
    let config = args.config.as_deref().map(Config::load).transpose()?;
    let catalog = load_catalog(&args.ideas, config.as_ref())?;
    let text = match &args.action {
        None | Some(IdeasAction::List { .. }) => {
            let filters = match &args.action {
                Some(IdeasAction::List { filters }) => filters,
                _ => &args.filters,
            };
            let chosen: Vec<&Idea> = catalog
                .ideas
                .iter()
                .filter(|i| matches(filters, i))
                .collect();
            if args.json {
                format!("{}\n", serde_json::to_string_pretty(&chosen)?)
            } else if chosen.is_empty() {
                eprintln!("note: no idea matches; `csweek ideas` lists them all");
                return Ok(());
            } else {
                return write_coloured(&table(&chosen), filters.color);
            }
        }
        Some(IdeasAction::Show { id }) => {
            let Some(idea) = catalog.get(id) else {
                let near = crate::suggest::nearest(id, catalog.ids(), 3);
                let hint = if near.is_empty() {
                    "; `csweek ideas` lists them".to_string()
                } else {
                    format!(
                        "; did you mean {}?",
                        near.iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                bail!("no idea has the id `{id}`{hint}");
            };
            if args.json {
                format!("{}\n", serde_json::to_string_pretty(idea)?)
            } else {
                show(idea)
            }
        }
    };
    output::write(None, &text)
}

/// Whether `idea` passes the `ideas list` filters.
fn matches(args: &Filters, idea: &Idea) -> bool {
    let text = args.search.as_deref().map(str::to_lowercase);
    (args.category.is_empty() || args.category.contains(&idea.category))
        && args.mode.is_none_or(|mode| idea.suits(mode))
        && args
            .day
            .is_none_or(|day| idea.days.is_empty() || idea.prefers(day.0))
        && args
            .max_cost
            .is_none_or(|max| idea.cost.for_team(args.team_size) <= max)
        && text.is_none_or(|text| {
            [idea.id.as_str(), idea.title.as_str(), idea.summary.as_str()]
                .iter()
                .any(|field| field.to_lowercase().contains(&text))
        })
}

/// The ideas as a table, with ANSI styles that `write_coloured` keeps or drops.
fn table(ideas: &[&Idea]) -> String {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    let category = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
    let free = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let width = ideas
        .iter()
        .map(|i| i.id.as_str().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{:width$}  {:11}  {:>21}  {:20}  TITLE{bold:#}",
        "ID", "CATEGORY", "COST", "MODES"
    );
    for idea in ideas {
        let (cost, style) = match (idea.cost.fixed.is_zero(), idea.cost.per_person.is_zero()) {
            (true, true) => ("free".to_string(), free),
            (false, true) => (idea.cost.fixed.to_string(), Style::new()),
            (true, false) => (format!("{}/person", idea.cost.per_person), Style::new()),
            (false, false) => (
                format!("{} + {}/person", idea.cost.fixed, idea.cost.per_person),
                Style::new(),
            ),
        };
        let modes: Vec<&str> = idea.modes.iter().map(|m| m.as_str()).collect();
        let _ = writeln!(
            out,
            "{:width$}  {category}{:11}{category:#}  {style}{:>21}{style:#}  {:20}  {}",
            idea.id,
            idea.category.as_str(),
            cost,
            modes.join(","),
            idea.title
        );
    }
    out
}

/// Writes styled text to standard output, keeping the styles only on a
/// terminal (and without `NO_COLOR`) for `auto`, always or never otherwise.
fn write_coloured(text: &str, color: ColorArg) -> Result<()> {
    use std::io::Write as _;
    let choice = match color {
        ColorArg::Auto => anstream::ColorChoice::Auto,
        ColorArg::Always => anstream::ColorChoice::Always,
        ColorArg::Never => anstream::ColorChoice::Never,
    };
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn show(idea: &Idea) -> String {
    let list = |items: Vec<&str>| {
        if items.is_empty() {
            "any".to_string()
        } else {
            items.join(", ")
        }
    };
    let mut out = String::new();
    // Writing to a String can't fail.
    let _ = writeln!(out, "{} ({})\n\n{}\n", idea.title, idea.id, idea.summary);
    let _ = writeln!(out, "category:   {}", idea.category);
    let _ = writeln!(
        out,
        "days:       {}",
        list(idea.days.iter().map(|d| d.short()).collect())
    );
    let _ = writeln!(
        out,
        "cost:       {} fixed + {} per person",
        idea.cost.fixed, idea.cost.per_person
    );
    let _ = writeln!(out, "duration:   {} minutes", idea.duration_minutes);
    let _ = writeln!(
        out,
        "modes:      {}",
        list(idea.modes.iter().map(|m| m.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "audience:   {}",
        list(idea.audience.iter().map(|a| a.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "off queue:  {}",
        if idea.off_queue { "yes" } else { "no" }
    );
    let _ = writeln!(out, "lead time:  {} days", idea.lead_time());
    if let Some(time) = idea.time {
        let _ = writeln!(out, "time:       {time}");
    }
    for step in &idea.prep {
        let _ = writeln!(
            out,
            "prep:       {} days before: {}",
            step.days_before, step.task
        );
    }
    let _ = writeln!(out, "source:     {}", idea.source);
    out
}

/// Writes the starter config (the built-in default, every key commented);
/// an existing file is kept unless `--force`.
pub fn init(args: &InitArgs) -> Result<()> {
    if args.path.is_dir() {
        bail!(
            "{} is a folder; name the file to write, such as {}",
            args.path.display(),
            args.path.join(DEFAULT_CONFIG).display()
        );
    }
    if args.path.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to replace it",
            args.path.display()
        );
    }
    output::write(Some(&args.path), config::DEFAULT)?;
    eprintln!(
        "wrote {}; edit it, then run `csweek plan{}`",
        args.path.display(),
        if args.path == Path::new(DEFAULT_CONFIG) {
            String::new()
        } else {
            format!(" {}", args.path.display())
        }
    );
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = <crate::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "csweek", &mut script);
    output::write(None, &String::from_utf8(script)?)
}

/// `csweek man`: the main page on stdout, or with `--dir` every page
/// (the main one and one for each command) written into a folder.
pub fn man(dir: Option<&Path>) -> Result<()> {
    let mut command = <crate::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = dir else {
        return output::write(None, &render_man(command)?);
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut pages = Vec::new();
    every_command(&command, &mut pages);
    for page in pages {
        let name = clap_mangen::Man::new(page.clone()).get_filename();
        let path = dir.join(&name);
        output::write(Some(&path), &render_man(page)?)?;
        println!("{}", path.display());
    }
    Ok(())
}

/// `command` and all its subcommands, depth first.
fn every_command(command: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(command.clone());
    for sub in command.get_subcommands() {
        every_command(sub, pages);
    }
}

fn render_man(command: clap::Command) -> Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    Ok(String::from_utf8(page)?)
}

/// `csweek schema`: the config's JSON Schema (draft-07, which Taplo and
/// Even Better TOML read).
pub fn schema() -> Result<()> {
    output::write(None, &config_schema())
}

/// The JSON Schema of `csweek.toml`, generated from the types that read it.
pub fn config_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<config::Keys>();
    let mut schema = schema.to_value();
    drop_null(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}

/// TOML has no null: a key left out is the only way to say "none", so the
/// schema shouldn't offer `null` for optional keys.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_string(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if let [only] = any.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    map.insert("allOf".to_string(), Value::Array(vec![only]));
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}
