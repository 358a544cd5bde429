//! The brief: what the planner is asked to plan.
//!
//! A config speaks of weekdays, idea ids and clock times; the planner wants
//! day indexes and minutes, and one list of what to leave out. Translating
//! here keeps each free of the other's terms, and the plan then reports the
//! very week, themes and date the planner was given.

use chrono::NaiveDate;

use crate::catalog::{Catalog, Idea};
use crate::config::{Config, Hours, Keys, ShiftSpec};
use crate::plan::Context;
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
    /// The shifts, in the config's order (one without `[[shift]]` tables).
    shifts: Vec<ShiftSpec>,
    /// A group per shift, then, with `[[shift]]` tables, the group of
    /// day-long items every shift shares.
    groups: Vec<planner::Group>,
    pins: Vec<(usize, String)>,
    /// Pins without a shift, with shifts: for every shift they suit.
    pins_where_suited: Vec<(usize, String)>,
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
        let shifts = keys.shifts();
        let groups = groups(keys, &shifts, week);
        let (pins, pins_where_suited) = pins(keys, catalog, &shifts, &groups);
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
        Brief {
            keys,
            ideas: &catalog.ideas,
            today,
            week,
            theme,
            day_themes,
            days,
            shifts,
            groups,
            pins,
            pins_where_suited,
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
            budget: keys.budget,
            mode: keys.mode,
            include_customers: keys.include_customers,
            exclude: &self.exclude,
            pins: &self.pins,
            pins_where_suited: &self.pins_where_suited,
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
            team_size: keys.team_size(),
            mode: keys.mode,
            shifts: &self.shifts,
            groups: &self.groups,
            columns: self.input().columns(),
            timezone: keys.timezone.as_ref().map(|tz| tz.get_ref().0.name()),
            budget: keys.budget,
            day_themes: &self.day_themes,
            ideas: self.ideas,
            today: self.today,
            avoided: self.avoided,
        }
    }
}

/// The planner's groups: with `[[shift]]` tables, first the day-long items
/// that every shift shares, one a day; then one per shift, each celebrated
/// in its own hours on its own days.
fn groups(keys: &Keys, shifts: &[ShiftSpec], week: Week) -> Vec<planner::Group> {
    let per_day = keys.activities_per_day.as_u32() as usize;
    let described = !keys.shift.is_empty();
    let dates: Vec<NaiveDate> = week.dates().collect();
    let rules = keys.timezone.as_ref().and_then(|tz| tz.get_ref().0.rules());
    let mut groups: Vec<planner::Group> = shifts
        .iter()
        .enumerate()
        .map(|(i, shift)| {
            let window = shift.hours.minutes();
            planner::Group {
                team_size: shift.team_size,
                may_leave: keys.coverage.may_leave(shift.team_size),
                window,
                // A shift eats at its middle; a team without shifts at noon.
                noon: if described {
                    Some(window / 2)
                } else {
                    noon_offset(shift.hours)
                },
                per_day,
                night: described && ends_at_night(shift.hours),
                takes: if described {
                    planner::Takes::Live
                } else {
                    planner::Takes::Any
                },
                opens: chrono::Timelike::num_seconds_from_midnight(&shift.hours.start) / 60,
                handovers: shifts
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .flat_map(|(_, other)| overlaps(shift.hours, other.hours))
                    .collect(),
                days: shift.days.clone(),
                short: shift
                    .days
                    .iter()
                    .map(|d| lost_to_clock_change(rules.as_ref(), dates[*d], shift.hours))
                    .collect(),
            }
        })
        .collect();
    if described {
        let mut days: Vec<usize> = shifts.iter().flat_map(|s| s.days.iter().copied()).collect();
        days.sort_unstable();
        days.dedup();
        let everyone = keys.team_size();
        // First: with them settled, the shifts from there on share nothing
        // but the money left, which the search makes the most of.
        groups.insert(0, planner::Group::shared(everyone, days));
    }
    groups
}

/// When `other` is at work during `hours`: stretches in minutes from the
/// start of `hours`, whichever day each starts.
fn overlaps(hours: Hours, other: Hours) -> Vec<(u32, u32)> {
    let minutes = |h: Hours| i64::from(chrono::Timelike::num_seconds_from_midnight(&h.start) / 60);
    let (length, other_length) = (i64::from(hours.minutes()), i64::from(other.minutes()));
    let offset = minutes(other) - minutes(hours);
    [offset - 24 * 60, offset, offset + 24 * 60]
        .into_iter()
        .filter_map(|from| {
            let (start, end) = (from.max(0), (from + other_length).min(length));
            (start < end).then(|| (u32::try_from(start).ok(), u32::try_from(end).ok()))
        })
        .filter_map(|(a, b)| Some((a?, b?)))
        .collect()
}

/// Whether `hours` end between 22:00 and 07:00, too late for an outing:
/// people go home to sleep.
fn ends_at_night(hours: Hours) -> bool {
    let hour = chrono::Timelike::hour(&hours.end);
    hour >= 22 || hours.end <= chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default()
}

/// Pins as (column, idea id).
type Pins = Vec<(usize, String)>;

/// Each pin as (column, idea): a pin for a shift goes to that shift's day;
/// a day-long item, with shifts, to the day's shared items; these come
/// first. Then the pins without a shift, with shifts: each goes to every
/// shift that works the day and that the idea suits.
fn pins(
    keys: &Keys,
    catalog: &Catalog,
    shifts: &[ShiftSpec],
    groups: &[planner::Group],
) -> (Pins, Pins) {
    // Where each group's columns start.
    let starts: Vec<usize> = groups
        .iter()
        .scan(0, |at, g| {
            let start = *at;
            *at += g.days.len();
            Some(start)
        })
        .collect();
    let column = |g: usize, day: usize| {
        groups[g]
            .days
            .iter()
            .position(|d| *d == day)
            .map(|i| starts[g] + i)
    };
    let shared = groups
        .iter()
        .position(|g| g.takes == planner::Takes::AllDay);
    // Shift `s`'s group: the shared items, when there are any, come first.
    let group = |s: usize| s + usize::from(shared.is_some());
    let mut pins = Vec::new();
    let mut where_suited = Vec::new();
    for pin in &keys.pin {
        let day = pin.day.get_ref().0.num_days_from_monday() as usize;
        let id = pin.idea.get_ref();
        let all_day = catalog.get(id).is_some_and(|idea| idea.all_day);
        let wanted: Vec<usize> = match (shared, &pin.shift) {
            (Some(shared), _) if all_day => vec![shared],
            (_, Some(name)) => shifts
                .iter()
                .position(|s| s.name.eq_ignore_ascii_case(name.get_ref()))
                .map(group)
                .into_iter()
                .collect(),
            (_, None) => (0..shifts.len()).map(group).collect(),
        };
        let to = if shared.is_some() && !all_day && pin.shift.is_none() {
            &mut where_suited
        } else {
            &mut pins
        };
        to.extend(
            wanted
                .into_iter()
                .filter_map(|g| column(g, day))
                .map(|c| (c, id.clone())),
        );
    }
    (pins, where_suited)
}

/// The minutes `hours` lose on `date` when the clocks go forward during
/// them (30 on Lord Howe Island, 60 elsewhere).
fn lost_to_clock_change(rules: Option<&crate::zone::Rules>, date: NaiveDate, hours: Hours) -> u32 {
    let Some(rules) = rules else { return 0 };
    let ends = if hours.cross_midnight() {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let (Some(opens), Some(closes)) = (
        rules.instant(date.and_time(hours.start)),
        rules.instant(ends.and_time(hours.end)),
    ) else {
        return 0;
    };
    let lasts = (closes - opens).num_minutes();
    u32::try_from(i64::from(hours.minutes()) - lasts).unwrap_or(0)
}

/// Minutes from the start of `hours` to noon, if noon falls within them.
fn noon_offset(hours: Hours) -> Option<u32> {
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0)?;
    (hours.start..hours.end)
        .contains(&noon)
        .then(|| u32::try_from((noon - hours.start).num_minutes()).ok())
        .flatten()
}
