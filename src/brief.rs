//! The brief: what the planner is asked to plan.
//!
//! A config speaks of weekdays, idea ids and clock times; the planner wants
//! day indexes and minutes, and one list of what to leave out. Translating
//! here keeps each free of the other's terms, and the plan then reports the
//! very week, themes and date the planner was given.

use chrono::NaiveDate;

use crate::catalog::{Catalog, Idea};
use crate::config::{Config, Hours, Keys};
use crate::plan::{Context, Times};
use crate::planner;
use crate::themes::{self, DayTheme};
use crate::week::Week;

/// The most search (candidates examined) the planner may spend before
/// settling; its own allowance is smaller, so this is a ceiling.
const WORK_LIMIT: u64 = 600_000_000;

/// Owns what `planner::Input` and `plan::Context` borrow, so that one
/// reading of the config serves both.
pub struct Brief<'a> {
    keys: &'a Keys,
    ideas: &'a [Idea],
    today: NaiveDate,
    week: Week,
    theme: String,
    day_themes: Vec<DayTheme>,
    days: Vec<planner::DayInput>,
    /// The team as the planner's one group: it works every day of the week.
    groups: Vec<planner::Group>,
    pins: Vec<(usize, String)>,
    exclude: Vec<String>,
    avoided: Option<(&'a [String], &'a str)>,
    lead_days: i64,
    seed: u64,
}

impl<'a> Brief<'a> {
    /// `year` and `seed` overrule the config's; `avoided` is last year's
    /// picks, kept out of this year's plan, and the file they came from.
    pub fn new(
        config: &'a Config,
        catalog: &'a Catalog,
        today: NaiveDate,
        year: Option<i32>,
        seed: Option<u64>,
        avoided: Option<(&'a [String], &'a str)>,
    ) -> Self {
        let keys = &config.keys;
        let span = keys.days;
        let week = match year.or(keys.year.map(|y| i32::try_from(y.get()).unwrap_or(0))) {
            Some(year) => Week::of(year, span),
            None => Week::next(today, span),
        };
        let day_themes = config.day_themes();
        let days: Vec<planner::DayInput> = week
            .dates()
            .zip(&day_themes)
            .map(|(date, theme)| planner::DayInput {
                weekday: chrono::Datelike::weekday(&date),
                favours: theme.favours.clone(),
            })
            .collect();
        let pins = keys
            .pin
            .iter()
            .map(|p| {
                (
                    p.day.get_ref().0.num_days_from_monday() as usize,
                    p.idea.get_ref().clone(),
                )
            })
            .collect();
        // Each id once: a long list names the same ideas again and again.
        let mut once = std::collections::HashSet::new();
        let exclude = keys
            .exclude
            .iter()
            .map(|x| x.get_ref().as_str())
            .chain(
                avoided
                    .iter()
                    .flat_map(|(ids, _)| ids.iter().map(String::as_str)),
            )
            .filter(|id| once.insert(*id))
            .map(str::to_string)
            .collect();
        // Lead times bind until the week ends; a past week is planned as if in time.
        let lead_days = if today <= week.end {
            (week.start - today).num_days().max(0)
        } else {
            i64::MAX
        };
        let seed = seed.unwrap_or_else(|| planner::default_seed(keys.company.as_str(), week.year));
        let theme = keys.theme.as_ref().map_or_else(
            || themes::week_theme(week.year).to_string(),
            ToString::to_string,
        );
        let team_size = keys.team_size.as_u32();
        let groups = vec![planner::Group {
            team_size,
            may_leave: keys.coverage.may_leave(team_size),
            window: keys.hours.minutes(),
            noon: noon_offset(keys.hours),
            days: (0..days.len()).collect(),
            short: lost_to_clock_changes(keys, week),
        }];
        Brief {
            keys,
            ideas: &catalog.ideas,
            today,
            week,
            theme,
            day_themes,
            days,
            groups,
            pins,
            exclude,
            avoided,
            lead_days,
            seed,
        }
    }

    pub fn input(&self) -> planner::Input<'_> {
        let keys = self.keys;
        planner::Input {
            ideas: self.ideas,
            days: &self.days,
            groups: &self.groups,
            per_day: keys.activities_per_day.as_u32() as usize,
            budget: keys.budget,
            mode: keys.mode,
            include_customers: keys.include_customers,
            exclude: &self.exclude,
            pins: &self.pins,
            lead_days: self.lead_days,
            seed: self.seed,
            work_limit: WORK_LIMIT,
        }
    }

    /// The plan repeats these facts beside the schedule, so that no renderer
    /// has to go back to the config.
    pub fn context(&self) -> Context<'_> {
        let keys = self.keys;
        Context {
            company: keys.company.as_str(),
            theme: &self.theme,
            week: self.week,
            currency: keys.currency.as_str(),
            team_size: keys.team_size.as_u32(),
            mode: keys.mode,
            hours: Times {
                start: keys.hours.start,
                end: keys.hours.end,
            },
            timezone: keys.timezone.as_ref().map(|tz| tz.get_ref().0.name()),
            budget: keys.budget,
            day_themes: &self.day_themes,
            ideas: self.ideas,
            today: self.today,
            avoided: self.avoided,
        }
    }
}

/// Per day of the week, the minutes the working hours lose when the clocks
/// go forward during them (30 on Lord Howe Island, 60 elsewhere).
fn lost_to_clock_changes(keys: &Keys, week: Week) -> Vec<u32> {
    let rules = keys.timezone.as_ref().and_then(|tz| tz.get_ref().0.rules());
    week.dates()
        .map(|date| {
            let Some(rules) = &rules else { return 0 };
            let (Some(opens), Some(closes)) = (
                rules.instant(date.and_time(keys.hours.start)),
                rules.instant(date.and_time(keys.hours.end)),
            ) else {
                return 0;
            };
            let lasts = (closes - opens).num_minutes();
            u32::try_from(i64::from(keys.hours.minutes()) - lasts).unwrap_or(0)
        })
        .collect()
}

/// Minutes from the start of `hours` to noon, if noon falls within them.
fn noon_offset(hours: Hours) -> Option<u32> {
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0)?;
    (hours.start..hours.end)
        .contains(&noon)
        .then(|| u32::try_from((noon - hours.start).num_minutes()).ok())
        .flatten()
}
