//! `Plan`: the one model every renderer reads. Built here from the config,
//! the week and the planner's schedule; renderers never re-derive anything.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Category, Idea, Mode};
use crate::config::ShiftSpec;
use crate::hash::fnv1a;
use crate::money::Money;
use crate::planner::{self, Lost, Schedule, Slot};
use crate::plural::count;
use crate::themes::DayTheme;
use crate::week::Week;
use crate::zone::{Rules, Zone};

mod clock;
mod one_shift;
mod together;
mod words;

use clock::Clock;
pub use one_shift::UnknownShift;
use together::together;
use words::{Sessions, notes, why};

/// The JSON contract's version; bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A week's plan: what `csweek plan -f json` prints, and what templates see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(title = "csweek plan", rename = "Plan")]
pub struct Plan {
    /// The version of this contract: fields may be added, never renamed or
    /// removed, without a new version
    pub schema_version: u32,
    pub company: String,
    pub theme: String,
    pub year: i32,
    pub week: Dates,
    /// The ISO 4217 code amounts are in
    pub currency: String,
    /// Everyone celebrated: with shifts, every shift's people
    pub team_size: u32,
    pub mode: Mode,
    /// The working day, in local time: with shifts, the first shift's hours
    pub hours: Times,
    /// The shifts, each celebrated in its own hours; a config without
    /// `[[shift]]` tables has one, named "Day"
    pub shifts: Vec<Shift>,
    /// The IANA time zone the times are in, when the config names one
    pub timezone: Option<String>,
    pub budget: Budget,
    pub days: Vec<Day>,
    pub prep: Vec<PrepStep>,
    pub notes: Vec<String>,
}

/// A shift: people celebrated in their own hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Shift {
    pub name: String,
    /// When it starts, on the days it works
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoTime")]
    pub start: NaiveTime,
    /// When it ends: the next day when that is before its start
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoTime")]
    pub end: NaiveTime,
    pub team_size: u32,
    /// The days it starts on, as weekday names
    pub days: Vec<&'static str>,
}

/// The first and last day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Dates {
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoDate")]
    pub start: NaiveDate,
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoDate")]
    pub end: NaiveDate,
}

/// A start and an end time within a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Times {
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoTime")]
    pub start: NaiveTime,
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoTime")]
    pub end: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Budget {
    #[schemars(with = "MoneyText")]
    pub total: Money,
    #[schemars(with = "MoneyText")]
    pub planned: Money,
    #[schemars(with = "MoneyText")]
    pub remaining: Money,
    /// Planned spend per category, largest first; categories with no spend left out
    pub by_category: Vec<CategoryCost>,
    /// The ideas the budget kept out of a better plan, if it did
    pub kept_out: Option<KeptOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CategoryCost {
    pub category: Category,
    #[schemars(with = "MoneyText")]
    pub cost: Money,
}

/// What a larger budget would add to the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct KeptOut {
    /// The ideas the better plan has and this one lacks
    pub ideas: Vec<IdeaName>,
    /// The budget that would have included them
    #[schemars(with = "MoneyText")]
    pub needed: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IdeaName {
    pub id: String,
    pub title: String,
    /// The shifts it would have been planned for; empty for a day-long
    /// item shared by every shift
    pub shifts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Day {
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoDate")]
    pub date: NaiveDate,
    pub weekday: &'static str,
    pub theme: String,
    #[schemars(with = "MoneyText")]
    pub cost: Money,
    pub activities: Vec<Activity>,
    /// The best idea that lost this day, and why
    pub runner_up: Option<RunnerUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RunnerUp {
    pub id: String,
    pub title: String,
    /// With `[[shift]]` tables, the shift whose day it lost on; null for
    /// the day-long items, and without shifts
    pub shift: Option<String>,
    pub why: String,
}

/// One of a day's activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Activity {
    pub id: String,
    /// Its calendar event's UID, as in the .ics; null when it runs in waves,
    /// each wave an event with a UID of its own
    pub uid: Option<String>,
    pub title: String,
    pub summary: String,
    pub category: Category,
    /// The shift it is for; null for a day-long item every shift shares
    pub shift: Option<String>,
    /// A day-long item with no set time, shared by every shift: its times
    /// run from the day's midnight to the next, as local dates and times
    /// without an offset, since it has no moment of its own
    pub all_day: bool,
    #[serde(flatten)]
    pub timing: Timing,
    #[schemars(with = "MoneyText")]
    pub cost: Money,
    pub why: String,
    /// Whether the people in it leave the queue
    pub off_queue: bool,
    /// Held after the working day ends
    pub after_hours: bool,
    /// How many people are off the queue at once while it runs
    pub away: u32,
    /// How many sessions it runs in: the waves, or 1
    pub sessions: u32,
    /// The most people in one session
    pub session_size: u32,
    /// When the activity runs in waves to keep the queue covered, each
    /// wave; empty when everyone goes at once
    pub waves: Vec<Wave>,
}

/// One wave of an activity, an event of its own in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Wave {
    /// Its calendar event's UID, as in the .ics
    pub uid: String,
    #[serde(flatten)]
    pub timing: Timing,
}

/// When an activity or a wave runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timing {
    /// The local times it starts, on its day, and ends, on its day or
    /// (after work) the next
    #[serde(flatten)]
    pub local: Times,
    pub starts_at: Moment,
    pub ends_at: Moment,
}

/// A date and local time, with the UTC offset then in force when the plan
/// has a time zone: `2027-10-04T09:00:00-05:00`, else `2027-10-04T09:00:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

impl Moment {
    /// The instant, when the plan has a time zone.
    pub fn utc(self) -> Option<DateTime<Utc>> {
        self.offset.map(|offset| {
            (self.local - Duration::seconds(offset.local_minus_utc().into())).and_utc()
        })
    }
}

impl Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let local = self.local.format("%Y-%m-%dT%H:%M:%S");
        match self.offset {
            Some(offset) => serializer.collect_str(&format_args!("{local}{offset}")),
            None => serializer.collect_str(&local),
        }
    }
}

fixed_schema!(Moment, "DateTime", {
    "description": "A date and local time, with the UTC offset when the plan has a time zone: 2027-10-04T09:00:00-05:00, else 2027-10-04T09:00:00",
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2})?$"
});

/// Stand-ins that give the schema what the plan writes as strings.
struct IsoDate;
struct IsoTime;
struct MoneyText;

fixed_schema!(IsoDate, "Date", {
    "description": "A date: 2027-10-04",
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
});
fixed_schema!(IsoTime, "Time", {
    "description": "A local time of day: 09:30",
    "type": "string",
    "pattern": "^[0-9]{2}:[0-9]{2}$"
});
fixed_schema!(MoneyText, "Money", {
    "description": "An amount in the plan's currency, with two decimals: \"2500.00\"",
    "type": "string",
    "pattern": "^[0-9]+\\.[0-9]{2}$"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PrepStep {
    #[serde(serialize_with = "iso")]
    #[schemars(with = "IsoDate")]
    pub due: NaiveDate,
    pub task: String,
    /// The activity the step prepares; null for the organiser's own steps
    pub idea: Option<String>,
    /// Due before today
    pub overdue: bool,
}

/// A calendar UID, the same for the same company, year and `what` (an
/// idea's id, a wave's, a prep step's), so that importing a revised plan
/// updates its events instead of adding copies.
pub fn uid(company: &str, year: i32, what: &str) -> String {
    format!("{year}-{what}@{:016x}.csweek", fnv1a(company.as_bytes()))
}

/// The organiser's own steps, days before the week: the ones that can't
/// be left to the last minute.
const ORGANISER_STEPS: &[(i64, &str)] = &[
    (42, "Recruit an organising crew, with front-line volunteers"),
    (35, "Settle the week's theme and the day themes"),
    (21, "Book leaders' calendars for the week's activities"),
    (
        7,
        "Announce the week's agenda to the team and other departments",
    ),
    (
        2,
        "Brief the people who cover the queue during each activity",
    ),
];

/// Asked of customers a month ahead, when customers take part.
const CUSTOMER_STEP: (i64, &str) = (
    30,
    "Ask key customers for short video testimonials or thank-you notes",
);

/// Dates as `2027-10-04`, times as `09:30`.
pub(crate) fn iso<T: Iso, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&value.iso())
}

pub(crate) trait Iso {
    fn iso(&self) -> String;
}

impl Iso for NaiveDate {
    fn iso(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

impl Iso for NaiveTime {
    fn iso(&self) -> String {
        self.format("%H:%M").to_string()
    }
}

/// What `plan::build` needs besides the schedule.
pub struct Context<'a> {
    pub company: &'a str,
    pub theme: &'a str,
    pub week: Week,
    pub currency: &'a str,
    pub team_size: u32,
    pub mode: Mode,
    pub shifts: &'a [ShiftSpec],
    /// The planner's groups: a group per shift, then any day-long items.
    pub groups: &'a [planner::Group],
    /// What the schedule's days are: each group's days.
    pub columns: Vec<planner::Column>,
    pub timezone: Option<&'a str>,
    pub budget: Money,
    pub day_themes: &'a [DayTheme],
    pub ideas: &'a [Idea],
    pub today: NaiveDate,
    /// Last year's picks kept out by `--avoid`, and the file they came from.
    pub avoided: Option<(&'a [String], &'a str)>,
}

impl Context<'_> {
    /// The shift planner group `group` is; None for the day-long items
    /// every shift shares.
    pub(crate) fn shift(&self, group: usize) -> Option<&ShiftSpec> {
        let shared = self
            .groups
            .iter()
            .take(group)
            .filter(|g| g.takes == planner::Takes::AllDay)
            .count();
        if self.groups.get(group)?.takes == planner::Takes::AllDay {
            return None;
        }
        self.shifts.get(group - shared)
    }
}

pub fn build(cx: &Context<'_>, schedule: &Schedule) -> Plan {
    // The zone's rules, read once for the times and the notes.
    let zone = cx.timezone.and_then(Zone::named).and_then(Zone::rules);
    let mut days = days(cx, schedule, zone.as_ref());
    together(cx, &mut days);
    let planned: Money = days.iter().map(|d| d.cost).sum();

    let by_category = by_category(&days);

    let step = |days_before: i64, task: &str, idea: Option<String>| {
        let date = cx.week.start - Duration::days(days_before);
        // A weekend date moves to the Friday before, unless that has passed.
        let due = working_day_before(date).max(date.min(cx.today));
        PrepStep {
            due,
            task: task.to_string(),
            idea,
            // Once the week is over, nothing is overdue any more.
            overdue: due < cx.today && cx.today <= cx.week.end,
        }
    };
    let with_customers = schedule
        .days
        .iter()
        .flatten()
        .any(|slot| cx.ideas[slot.idea].involves_customers());
    let customers = with_customers.then_some(CUSTOMER_STEP);
    let mut prep: Vec<PrepStep> = ORGANISER_STEPS
        .iter()
        .chain(customers.iter())
        .map(|(days, task)| step(*days, task, None))
        .chain(schedule.days.iter().flatten().flat_map(|slot| {
            let idea = &cx.ideas[slot.idea];
            idea.prep.iter().map(|p| {
                step(
                    p.days_before.get(),
                    p.task.as_str(),
                    Some(idea.id.to_string()),
                )
            })
        }))
        .collect();
    prep.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.idea.cmp(&b.idea))
            .then_with(|| a.task.cmp(&b.task))
    });
    // An idea planned for several shifts is prepared once.
    prep.dedup();

    Plan {
        schema_version: SCHEMA_VERSION,
        company: cx.company.to_string(),
        theme: cx.theme.to_string(),
        year: cx.week.year,
        week: Dates {
            start: cx.week.start,
            end: cx.week.end,
        },
        currency: cx.currency.to_string(),
        team_size: cx.team_size,
        mode: cx.mode,
        hours: Times {
            start: cx.shifts[0].hours.start,
            end: cx.shifts[0].hours.end,
        },
        shifts: cx
            .shifts
            .iter()
            .map(|s| Shift {
                name: s.name.clone(),
                start: s.hours.start,
                end: s.hours.end,
                team_size: s.team_size,
                days: s
                    .days
                    .iter()
                    .filter_map(|d| cx.week.dates().nth(*d))
                    .map(|date| planner::weekday_name(chrono::Datelike::weekday(&date)))
                    .collect(),
            })
            .collect(),
        timezone: cx.timezone.map(ToString::to_string),
        budget: Budget {
            total: cx.budget,
            planned,
            remaining: cx.budget - planned,
            by_category,
            kept_out: kept_out(cx, schedule),
        },
        days,
        prep,
        notes: notes(cx, schedule, zone.as_ref()),
    }
}

/// The week's days, each with its activities at their times: the day-long
/// items first, then each shift's in the config's order.
fn days(cx: &Context<'_>, schedule: &Schedule, zone: Option<&Rules>) -> Vec<Day> {
    cx.week
        .dates()
        .enumerate()
        .zip(cx.day_themes)
        .map(|((d, date), theme)| {
            let weekday = planner::weekday_name(chrono::Datelike::weekday(&date));
            let mut activities = Vec::new();
            let mut shared = Vec::new();
            let mut losers = Vec::new();
            for (c, column) in cx
                .columns
                .iter()
                .enumerate()
                .filter(|(_, col)| col.day == d)
            {
                let slots = &schedule.days[c];
                if let Some(r) = &schedule.runners_up[c] {
                    losers.push((r, column.group));
                }
                let Some(shift) = cx.shift(column.group) else {
                    shared.extend(
                        slots
                            .iter()
                            .map(|s| all_day(cx, s, date, weekday, &theme.name)),
                    );
                    continue;
                };
                let mut clock = Clock {
                    opening: date.and_time(shift.hours.start),
                    zone,
                    free_from: None,
                };
                let group = &cx.groups[column.group];
                activities.extend(
                    slots
                        .iter()
                        .map(|s| activity(cx, s, &mut clock, weekday, &theme.name, shift, group)),
                );
            }
            shared.append(&mut activities);
            // The first that is not on the day's agenda for another shift,
            // a shift's before the day-long items'.
            losers.sort_by_key(|(_, group)| cx.shift(*group).is_none());
            let runner_up = losers
                .iter()
                .find(|(r, _)| shared.iter().all(|a| a.id != cx.ideas[r.idea].id.as_str()))
                .map(|(r, group)| lost(cx, r, *group));
            Day {
                date,
                weekday,
                theme: theme.name.clone(),
                cost: shared.iter().map(|a| a.cost).sum(),
                activities: shared,
                runner_up,
            }
        })
        .collect()
}

/// The spend in each category, largest first; categories with no spend left out.
fn by_category(days: &[Day]) -> Vec<CategoryCost> {
    let mut by_category: Vec<CategoryCost> = Category::ALL
        .iter()
        .map(|c| CategoryCost {
            category: *c,
            cost: days
                .iter()
                .flat_map(|d| &d.activities)
                .filter(|a| a.category == *c)
                .map(|a| a.cost)
                .sum(),
        })
        .filter(|c| !c.cost.is_zero())
        .collect();
    by_category.sort_by(|a, b| b.cost.cmp(&a.cost).then(a.category.cmp(&b.category)));
    by_category
}

/// The ideas the budget kept out of a better plan, and the budget it needs.
fn kept_out(cx: &Context<'_>, schedule: &Schedule) -> Option<KeptOut> {
    let (needed, dropped) = schedule.over_budget.as_ref()?;
    Some(KeptOut {
        ideas: dropped
            .iter()
            .map(|(i, groups)| IdeaName {
                id: cx.ideas[*i].id.to_string(),
                title: cx.ideas[*i].title.to_string(),
                shifts: groups
                    .iter()
                    .filter_map(|g| cx.shift(*g))
                    .map(|s| s.name.clone())
                    .collect(),
            })
            .collect(),
        needed: *needed,
    })
}

/// Words why a runner-up lost.
fn lost(cx: &Context<'_>, runner_up: &planner::RunnerUp, group: usize) -> RunnerUp {
    let idea = &cx.ideas[runner_up.idea];
    let other = &cx.ideas[runner_up.instead_of].title;
    let why = match runner_up.lost {
        Lost::Points(0) => format!("Tied on points with {other}; the plan keeps {other}."),
        Lost::Points(points) => format!(
            "In place of {other} the plan would score {points} point{} less.",
            if points == 1 { "" } else { "s" }
        ),
        Lost::Budget(over) => {
            format!("In place of {other} it would put the plan {over} over budget.")
        }
        Lost::Hours(minutes) => format!(
            "In place of {other} the day would run {} past its hours.",
            count(minutes, "minute", "minutes")
        ),
        Lost::Meal => {
            format!("The day has its meal already; it would be a second one beside {other}.")
        }
        Lost::Evening => format!(
            "The day has its after-work event already; it would be a second one beside {other}."
        ),
    };
    let shift = cx.shift(group);
    // With shifts, whose day it lost on.
    let why = if cx.groups.len() == 1 {
        why
    } else {
        let whose = shift.map_or_else(
            || "Among the day-long items".to_string(),
            |s| format!("For the {} shift", s.name),
        );
        let mut why = why;
        if let Some(first) = why.get(..1) {
            why.replace_range(..1, &first.to_lowercase());
        }
        format!("{whose}, {why}")
    };
    RunnerUp {
        id: idea.id.to_string(),
        title: idea.title.to_string(),
        shift: shift
            .filter(|_| cx.groups.len() > 1)
            .map(|s| s.name.clone()),
        why,
    }
}

/// What sets how many sessions an activity of `idea` runs in for `shift`.
fn sessions(idea: &Idea, shift: &ShiftSpec, waves: u32) -> Sessions {
    match idea.group_size {
        _ if waves <= 1 => Sessions::One,
        Some(size) if shift.team_size.div_ceil(size.as_u32().max(1)) == waves => Sessions::Booked {
            count: waves,
            size: size.as_u32(),
        },
        _ => Sessions::Waves(waves),
    }
}

/// `name` as a calendar UID's part: lowercase letters and digits, the rest
/// as dashes; with a hash of the name when that loses anything, so that
/// shifts named apart stay apart.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let faithful = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && slug.len() == name.trim().len();
    if faithful {
        slug.to_string()
    } else {
        format!("{slug}-{:08x}", fnv1a(name.as_bytes()) & 0xffff_ffff)
    }
}

/// `date`, or the Friday before it when it falls on a weekend.
fn working_day_before(date: NaiveDate) -> NaiveDate {
    match chrono::Datelike::weekday(&date) {
        chrono::Weekday::Sat => date - Duration::days(1),
        chrono::Weekday::Sun => date - Duration::days(2),
        _ => date,
    }
}

/// A day-long item every shift shares: no set time, so its times run from
/// the day's midnight to the next.
fn all_day(cx: &Context<'_>, slot: &Slot, date: NaiveDate, weekday: &str, theme: &str) -> Activity {
    let idea = &cx.ideas[slot.idea];
    let at = |date: NaiveDate| Moment {
        local: date.and_time(NaiveTime::MIN),
        offset: None,
    };
    Activity {
        id: idea.id.to_string(),
        uid: Some(uid(
            cx.company,
            cx.week.year,
            &format!("{}-all-shifts", idea.id),
        )),
        title: idea.title.to_string(),
        summary: idea.summary.clone(),
        category: idea.category,
        shift: None,
        all_day: true,
        timing: Timing::new(at(date), at(date.succ_opt().unwrap_or(date))),
        cost: slot.cost,
        why: why(&slot.why, idea, weekday, theme, Sessions::One),
        off_queue: false,
        after_hours: false,
        away: 0,
        sessions: 1,
        session_size: cx.team_size,
        waves: Vec::new(),
    }
}

fn activity(
    cx: &Context<'_>,
    slot: &Slot,
    clock: &mut Clock<'_>,
    weekday: &str,
    theme: &str,
    shift: &ShiftSpec,
    group: &planner::Group,
) -> Activity {
    let idea = &cx.ideas[slot.idea];
    // With shifts, each shift's events are its own.
    let what = |id: &str| {
        if group.takes == planner::Takes::Any {
            id.to_string()
        } else {
            format!("{id}-{}", slug(&shift.name))
        }
    };
    let uid = |id: &str| uid(cx.company, cx.week.year, &what(id));
    let (timing, waves) = if slot.waves > 1 {
        let waves: Vec<Wave> = (0..slot.waves)
            .map(|w| Wave {
                uid: uid(&format!("{}-wave-{}", idea.id, w + 1)),
                timing: clock.place(slot.start + w * slot.minutes_each, slot.minutes_each),
            })
            .collect();
        let (first, last) = (waves[0].timing, waves[waves.len() - 1].timing);
        (Timing::new(first.starts_at, last.ends_at), waves)
    } else {
        (clock.place(slot.start, slot.end() - slot.start), Vec::new())
    };
    Activity {
        id: idea.id.to_string(),
        uid: waves.is_empty().then(|| uid(idea.id.as_str())),
        title: idea.title.to_string(),
        summary: idea.summary.clone(),
        category: idea.category,
        shift: Some(shift.name.clone()),
        all_day: false,
        timing,
        cost: slot.cost,
        why: why(
            &slot.why,
            idea,
            weekday,
            theme,
            sessions(idea, shift, slot.waves),
        ),
        off_queue: idea.off_queue,
        after_hours: idea.ends_the_day(),
        away: if idea.off_queue && !idea.ends_the_day() {
            shift.team_size.div_ceil(slot.waves)
        } else {
            0
        },
        sessions: slot.waves,
        session_size: shift.team_size.div_ceil(slot.waves),
        waves,
    }
}
