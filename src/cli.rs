//! The command line, as clap's derive API reads it. Help text comes from the
//! doc comments.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::render::Format;
use crate::week::Span;

const EXAMPLES: &str = "\
Examples:
  csweek plan                          plan from ./csweek.toml (or the built-in default)
  csweek plan team.toml -o week.html   write a printable agenda
  csweek plan -f json --year 2027      the plan as JSON, for scripts
  csweek check                         find every mistake in ./csweek.toml
  csweek when                          the dates of the next Customer Service Week
  csweek ideas --json                  the idea catalog as JSON
  csweek init                          write a commented starter csweek.toml";

/// Plan Customer Service Week: dates, activities, budget and prep, from a short TOML file.
#[derive(Debug, Parser)]
#[command(name = "csweek", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line, as `Parser::parse` reads it, but for an
    /// environment variable that is set and empty (`CSWEEK_TODAY=`), which
    /// counts as unset, as it does for most programs.
    pub fn from_env() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let mut matches = without_empty_env(Cli::command())
            .try_get_matches()
            .unwrap_or_else(|e| {
                if let Some(message) = bad_today_from_env(&e) {
                    eprintln!("error: {message}");
                    std::process::exit(2);
                }
                e.exit()
            });
        Cli::from_arg_matches_mut(&mut matches)
            .map_err(|e| e.format(&mut Cli::command()))
            .unwrap_or_else(|e| e.exit())
    }
}

/// When `e` is about a date that came from `CSWEEK_TODAY`, not from
/// `--today`: what is wrong, naming the variable.
fn bad_today_from_env(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let about_today = matches!(
        e.get(ContextKind::InvalidArg),
        Some(ContextValue::String(arg)) if arg.starts_with("--today")
    );
    let given = std::env::args_os().any(|a| {
        a.to_str()
            .is_some_and(|a| a == "--today" || a.starts_with("--today="))
    });
    if e.kind() != ErrorKind::ValueValidation || !about_today || given {
        return None;
    }
    let value = std::env::var("CSWEEK_TODAY").ok()?;
    date(&value)
        .err()
        .map(|why| format!("`CSWEEK_TODAY`: {why}"))
}

fn without_empty_env(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| match arg.get_env() {
            Some(name) if std::env::var_os(name).is_some_and(|v| v.is_empty()) => arg.env(None),
            _ => arg,
        })
        .mut_subcommands(without_empty_env)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan the week from a config: dates, times, activities, budget, prep
    Plan(PlanArgs),
    /// Check a config, idea folders and a template, reporting every problem (exit 0 or 2)
    Check(CheckArgs),
    /// Show the dates of Customer Service Week
    When(WhenArgs),
    /// Browse the idea catalog
    Ideas(IdeasArgs),
    /// For scheduled jobs: what is due between today and today + DAYS (exit 1 when nothing is)
    Remind(RemindArgs),
    /// Write a commented starter csweek.toml
    Init(InitArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write a page for every command into a folder
    #[command(after_help = "\
Examples:
  csweek man | man -l -
  csweek man --dir ~/.local/share/man/man1     csweek.1, csweek-plan.1, csweek-check.1, …")]
    Man {
        /// Write csweek.1 and a page for each command (csweek-plan.1, …) into DIR
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a JSON Schema of csweek.toml (for editors) or of the plan's JSON (for scripts)
    #[command(after_help = "\
Examples:
  csweek schema > csweek.schema.json
  then put `#:schema ./csweek.schema.json` on the first line of csweek.toml (Taplo, Even Better TOML)
  csweek schema plan > csweek-plan.schema.json     the JSON of `csweek plan -f json`, for scripts")]
    Schema {
        /// Which schema: of the config, or of the JSON of `csweek plan -f json`
        #[arg(value_enum, default_value_t = SchemaOf::Config)]
        of: SchemaOf,
    },
}

/// What `csweek schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaOf {
    /// csweek.toml
    Config,
    /// The output of `csweek plan -f json`
    Plan,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  csweek init                 ./csweek.toml
  csweek init team/csweek.toml --force")]
pub struct InitArgs {
    /// Where to write it
    #[arg(default_value = "csweek.toml")]
    pub path: PathBuf,

    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  csweek plan                              ./csweek.toml, or the built-in default, as Markdown
  csweek plan examples/hybrid-with-customers.toml -o agenda.html
  csweek plan team.toml --format json --today 2027-09-01
  csweek plan team.toml --shift night -o night.ics   one shift's calendar")]
pub struct PlanArgs {
    /// The config file [default: ./csweek.toml, or the built-in default when there is none]
    pub config: Option<PathBuf>,

    /// Output format [default: md, or inferred from --output's extension]
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically: all or nothing)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Plan this year's week instead of the config's `year`
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,

    /// Plan as if today were DATE (YYYY-MM-DD), for lead times and the default year
    #[arg(long, value_name = "DATE", value_parser = date, env = "CSWEEK_TODAY")]
    pub today: Option<NaiveDate>,

    /// Plan as if on 1 January of the week's year, however late it is: the plan `remind` follows
    #[arg(long)]
    pub in_good_time: bool,

    /// A Markdown or HTML template of your own (chosen by its extension)
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// A folder of extra idea files (`*.toml`); repeatable
    #[arg(long = "ideas", value_name = "DIR")]
    pub ideas: Vec<PathBuf>,

    /// Last year's plan (JSON from `csweek plan -f json`): keep its picks out, pins aside
    #[arg(long, value_name = "PLAN.json")]
    pub avoid: Option<PathBuf>,

    /// Seed for the freshness score that varies plans from year to year [default: from company and year]
    #[arg(long)]
    pub seed: Option<u64>,

    /// Only this shift's agenda and calendar (any case): its activities and the day-long items every shift shares
    #[arg(long, value_name = "NAME")]
    pub shift: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Checks every key of the config and every idea file, reporting every problem with its
file:line:column, not only the first; after a syntax error, only syntax errors. Then, when
all of that is sound, makes the plan and renders the template without writing either.
A template's first error is reported. Without CONFIG it checks ./csweek.toml.

Exit status: 0 when all is well, 2 when there is a problem.

Examples:
  csweek check                                  ./csweek.toml
  csweek check team.toml --ideas house-ideas/ --template agenda.html.j2")]
pub struct CheckArgs {
    /// The config file [default: ./csweek.toml]
    pub config: Option<PathBuf>,

    /// A folder of extra idea files (`*.toml`); repeatable
    #[arg(long = "ideas", value_name = "DIR")]
    pub ideas: Vec<PathBuf>,

    /// A Markdown or HTML template of your own (chosen by its extension)
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// Check the plan as if today were DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = date, env = "CSWEEK_TODAY")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct WhenArgs {
    /// The year [default: the next week that has not ended]
    #[arg(value_parser = year)]
    pub year: Option<i32>,

    /// Take DATE (YYYY-MM-DD) as today
    #[arg(long, value_name = "DATE", value_parser = date, env = "CSWEEK_TODAY")]
    pub today: Option<NaiveDate>,

    /// Monday to Friday, or Monday to Sunday
    #[arg(long, value_enum, default_value = "mon-fri")]
    pub days: DaysArg,

    /// Print JSON: `{"schema_version", "year", "start", "end"}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Exit status: 0 when something is due, 1 when nothing is, 2 on an error.

Examples:
  csweek remind --within 14                 the next two weeks, for ./csweek.toml
  csweek remind team.toml --within 7 --json for a script")]
pub struct RemindArgs {
    /// The config file [default: ./csweek.toml, or the built-in default when there is none]
    pub config: Option<PathBuf>,

    /// How many days ahead to look (0 = today only)
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3660))]
    pub within: u32,

    /// Take DATE (YYYY-MM-DD) as today
    #[arg(long, value_name = "DATE", value_parser = date, env = "CSWEEK_TODAY")]
    pub today: Option<NaiveDate>,

    /// A folder of extra idea files (`*.toml`); repeatable
    #[arg(long = "ideas", value_name = "DIR")]
    pub ideas: Vec<PathBuf>,

    /// Print JSON: `{"schema_version", "today", "until", "items"}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DaysArg {
    MonFri,
    MonSun,
}

impl From<DaysArg> for Span {
    fn from(days: DaysArg) -> Span {
        match days {
            DaysArg::MonFri => Span::MonFri,
            DaysArg::MonSun => Span::MonSun,
        }
    }
}

#[derive(Debug, Args)]
pub struct IdeasArgs {
    #[command(subcommand)]
    pub action: Option<IdeasAction>,

    /// A config whose `[[idea]]` tables join the catalog
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// A folder of extra idea files (`*.toml`); repeatable
    #[arg(long = "ideas", global = true, value_name = "DIR")]
    pub ideas: Vec<PathBuf>,

    /// Print JSON
    #[arg(long, global = true)]
    pub json: bool,

    /// For `csweek ideas` without `list`
    #[command(flatten)]
    pub filters: Filters,
}

/// What `csweek ideas list` shows, and how.
#[derive(Debug, Clone, Args)]
pub struct Filters {
    /// Only ideas of this category; repeatable
    #[arg(long, value_name = "CATEGORY", value_parser = category)]
    pub category: Vec<crate::catalog::Category>,

    /// Only ideas that work for this kind of team
    #[arg(long, value_name = "MODE", value_parser = mode)]
    pub mode: Option<crate::catalog::Mode>,

    /// Only ideas that suit this day (`mon`…`sun`): it is among their days, or they have none
    #[arg(long, value_name = "DAY", value_parser = day)]
    pub day: Option<crate::catalog::Day>,

    /// Only ideas that cost at most AMOUNT for --team-size people
    #[arg(long, value_name = "AMOUNT", value_parser = money)]
    pub max_cost: Option<crate::money::Money>,

    /// The team size --max-cost counts for
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub team_size: u32,

    /// Only ideas whose id, title or summary contain TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Colour the table: `auto` (on a terminal, unless `NO_COLOR` is set), `always` or `never`
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Parses a keyword the way the config does, so the messages match.
fn keyword<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text))
        .map_err(|e| crate::source::friendly(&e.to_string()))
}

fn category(text: &str) -> Result<crate::catalog::Category, String> {
    keyword(text)
}

fn mode(text: &str) -> Result<crate::catalog::Mode, String> {
    keyword(text)
}

fn day(text: &str) -> Result<crate::catalog::Day, String> {
    keyword(text)
}

fn money(text: &str) -> Result<crate::money::Money, String> {
    crate::money::Money::parse(text)
}

#[derive(Debug, Subcommand)]
pub enum IdeasAction {
    /// List the ideas, all or those the filters choose (the default)
    List {
        #[command(flatten)]
        filters: Filters,
    },
    /// Show one idea in full
    Show {
        /// The idea's id, e.g. catered-lunch
        #[arg(value_parser = IdeaIds, hide_possible_values = true)]
        id: String,
    },
}

/// An idea's id: any text, since `--ideas` and `--config` add ids of their
/// own (checked once the catalog is read), but the bundled ideas' ids, with
/// their titles, are what shell completion offers.
#[derive(Debug, Clone, Copy)]
struct IdeaIds;

impl clap::builder::TypedValueParser for IdeaIds {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let catalog = crate::catalog::Catalog::bundled().ok()?;
        let ids: Vec<clap::builder::PossibleValue> = catalog
            .ideas
            .iter()
            .map(|idea| {
                clap::builder::PossibleValue::new(idea.id.as_str().to_string())
                    .help(idea.title.to_string())
            })
            .collect();
        Some(Box::new(ids.into_iter()))
    }
}

fn date(text: &str) -> Result<NaiveDate, String> {
    use crate::week::{FIRST_YEAR, LAST_YEAR};
    use chrono::Datelike;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        // The next week after today must still be a year csweek plans.
        .filter(|d| (FIRST_YEAR..LAST_YEAR).contains(&d.year()))
        .ok_or_else(|| {
            format!("expected a date from {FIRST_YEAR}-01-01 to {}-12-31, such as 2027-09-01, found `{text}`", LAST_YEAR - 1)
        })
}

fn year(text: &str) -> Result<i32, String> {
    use crate::week::{FIRST_YEAR, LAST_YEAR};
    text.parse::<i32>()
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .ok_or_else(|| format!("expected a year from {FIRST_YEAR} (the first Customer Service Week) to {LAST_YEAR}, found `{text}`"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
