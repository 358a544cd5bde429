//! `Plan`: the one model every renderer reads. Built here from the config,
//! the week and the planner's schedule; renderers never re-derive anything.

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset as _, Utc,
};
use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Audience, Category, Idea, Mode};
use crate::hash::fnv1a;
use crate::money::Money;
use crate::planner::{self, Lost, Schedule, Slot, Why};
use crate::plural::count;
use crate::themes::DayTheme;
use crate::week::Week;
use crate::zone::{Rules, Zone};

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
    pub team_size: u32,
    pub mode: Mode,
    /// The working day, in local time
    pub hours: Times,
    /// The IANA time zone the times are in, when the config names one
    pub timezone: Option<String>,
    pub budget: Budget,
    pub days: Vec<Day>,
    pub prep: Vec<PrepStep>,
    pub notes: Vec<String>,
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
    pub hours: Times,
    pub timezone: Option<&'a str>,
    pub budget: Money,
    pub day_themes: &'a [DayTheme],
    pub ideas: &'a [Idea],
    pub today: NaiveDate,
    /// Last year's picks kept out by `--avoid`, and the file they came from.
    pub avoided: Option<(&'a [String], &'a str)>,
}

pub fn build(cx: &Context<'_>, schedule: &Schedule) -> Plan {
    let days = days(cx, schedule);
    let planned: Money = days.iter().map(|d| d.cost).sum();

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
        hours: cx.hours,
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
        notes: notes(cx, schedule),
    }
}

/// A note for each day of the week on which the clocks change: when, by
/// how much, and that the plan's times are as the clocks read.
fn clock_changes(cx: &Context<'_>) -> Vec<String> {
    let Some((name, rules)) = cx
        .timezone
        .and_then(|name| Some((name, Zone::named(name)?.rules()?)))
    else {
        return Vec::new();
    };
    let at = |date: NaiveDate| rules.instant(date.and_hms_opt(0, 0, 0)?);
    let offset = |instant| rules.offset(instant);
    cx.week
        .dates()
        .filter_map(|date| {
            let (from, to) = (at(date)?, at(date.succ_opt()?)?);
            let (before, after) = (offset(from)?, offset(to)?);
            if before == after {
                return None;
            }
            // The first minute on the new offset.
            let (mut low, mut high) = (from, to);
            while high - low > Duration::minutes(1) {
                let middle = low + (high - low) / 2;
                if offset(middle)? == after {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            let shift = after.local_minus_utc() - before.local_minus_utc();
            let minutes = shift.unsigned_abs() / 60;
            let by = if minutes % 60 == 0 {
                count(minutes as usize / 60, "hour", "hours")
            } else {
                count(minutes as usize, "minute", "minutes")
            };
            Some(format!(
                "On {} the clocks go {} {by} at {} ({name}); the times in this plan are as the clocks read.",
                date.format("%A %-d %B"),
                if shift > 0 { "forward" } else { "back" },
                high.with_timezone(&before).format("%H:%M"),
            ))
        })
        .collect()
}

/// The week's days, each with its activities at their times.
fn days(cx: &Context<'_>, schedule: &Schedule) -> Vec<Day> {
    let zone = cx.timezone.and_then(Zone::named).and_then(Zone::rules);
    cx.week
        .dates()
        .zip(&schedule.days)
        .zip(cx.day_themes)
        .zip(&schedule.runners_up)
        .map(|(((date, slots), theme), runner_up)| {
            let weekday = planner::weekday_name(chrono::Datelike::weekday(&date));
            let mut clock = Clock {
                opening: date.and_time(cx.hours.start),
                zone: zone.as_ref(),
                free_from: None,
            };
            Day {
                date,
                weekday,
                theme: theme.name.clone(),
                cost: slots.iter().map(|s| s.cost).sum(),
                activities: slots
                    .iter()
                    .map(|s| activity(cx, s, &mut clock, weekday, &theme.name))
                    .collect(),
                runner_up: runner_up.as_ref().map(|r| lost(cx, r)),
            }
        })
        .collect()
}

/// The ideas the budget kept out of a better plan, and the budget it needs.
fn kept_out(cx: &Context<'_>, schedule: &Schedule) -> Option<KeptOut> {
    let (needed, dropped) = schedule.over_budget.as_ref()?;
    Some(KeptOut {
        ideas: dropped
            .iter()
            .map(|&i| IdeaName {
                id: cx.ideas[i].id.to_string(),
                title: cx.ideas[i].title.to_string(),
            })
            .collect(),
        needed: *needed,
    })
}

/// Words why a runner-up lost.
fn lost(cx: &Context<'_>, runner_up: &planner::RunnerUp) -> RunnerUp {
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
    RunnerUp {
        id: idea.id.to_string(),
        title: idea.title.to_string(),
        why,
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

/// A day's times, as the clocks show them: each activity (each wave) at
/// the time the planner gave it, in minutes after the day opens, and as
/// long as it lasts. Where a clock change skips some times, one planned
/// among them starts once the clocks have jumped, and one running across
/// them ends that much later by the clocks; the next starts no earlier
/// than the one before it ends.
struct Clock<'a> {
    opening: NaiveDateTime,
    zone: Option<&'a Rules>,
    free_from: Option<DateTime<Utc>>,
}

impl Clock<'_> {
    /// When an activity planned `start` minutes after the opening, for
    /// `minutes`, starts and ends.
    fn place(&mut self, start: u32, minutes: u32) -> Timing {
        let planned = self.opening + Duration::minutes(i64::from(start));
        let length = Duration::minutes(i64::from(minutes));
        let Some((zone, from)) = self
            .zone
            .and_then(|zone| Some((zone, zone.instant(planned)?)))
        else {
            let at = |local| Moment {
                local,
                offset: None,
            };
            return Timing::new(at(planned), at(planned + length));
        };
        let from = self.free_from.map_or(from, |free| from.max(free));
        let to = from + length;
        self.free_from = Some(to);
        let at = |instant: DateTime<Utc>| {
            let offset = zone.offset(instant).unwrap_or_else(|| Utc.fix());
            Moment {
                local: instant.with_timezone(&offset).naive_local(),
                offset: Some(offset),
            }
        };
        Timing::new(at(from), at(to))
    }
}

impl Timing {
    fn new(starts_at: Moment, ends_at: Moment) -> Timing {
        Timing {
            local: Times {
                start: starts_at.local.time(),
                end: ends_at.local.time(),
            },
            starts_at,
            ends_at,
        }
    }
}

fn activity(
    cx: &Context<'_>,
    slot: &Slot,
    clock: &mut Clock<'_>,
    weekday: &str,
    theme: &str,
) -> Activity {
    let idea = &cx.ideas[slot.idea];
    let uid = |what: &str| uid(cx.company, cx.week.year, what);
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
        timing,
        cost: slot.cost,
        why: why(&slot.why, idea, weekday, theme, slot.waves),
        off_queue: idea.off_queue,
        after_hours: idea.ends_the_day(),
        away: if idea.off_queue && !idea.ends_the_day() {
            cx.team_size.div_ceil(slot.waves)
        } else {
            0
        },
        waves,
    }
}

/// Words the planner's reasons as one sentence.
fn why(why: &Why, idea: &Idea, weekday: &str, theme: &str, waves: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    if why.pinned {
        parts.push(format!("pinned to {weekday} in the config"));
    }
    match (why.preferred_day, why.theme) {
        (true, true) => parts.push(format!(
            "a {weekday} classic that fits \u{201c}{theme}\u{201d}"
        )),
        (true, false) => parts.push(format!("a {weekday} classic")),
        (false, true) => parts.push(format!("fits \u{201c}{theme}\u{201d}")),
        (false, false) => {}
    }
    if why.free {
        parts.push("free".to_string());
    }
    if why.new_category {
        parts.push(format!(
            "brings {} to the week",
            category_phrase(idea.category)
        ));
    }
    if why.recognition {
        parts.push("the day's moment of recognition".to_string());
    }
    if !why.audiences.is_empty() {
        let who: Vec<&str> = why.audiences.iter().map(|a| audience_phrase(*a)).collect();
        parts.push(format!("includes {}", and_list(&who)));
    }
    if waves > 1 {
        parts.push(format!("runs in {waves} waves so the queue stays covered"));
    }
    if parts.is_empty() {
        return "Good value that rounds out the day.".to_string();
    }
    let mut sentence = parts.join("; ");
    if let Some(first) = sentence.get(..1) {
        sentence.replace_range(..1, &first.to_uppercase());
    }
    sentence.push('.');
    sentence
}

fn category_phrase(category: Category) -> &'static str {
    match category {
        Category::Kickoff => "a kick-off",
        Category::Recognition => "recognition",
        Category::Food => "a shared meal",
        Category::Fun => "some fun",
        Category::Customers => "your customers",
        Category::Learning => "learning",
        Category::Leadership => "leaders",
        Category::Community => "community",
        Category::Reflection => "reflection",
    }
}

fn audience_phrase(audience: Audience) -> &'static str {
    match audience {
        Audience::Team => "the team",
        Audience::Customers => "customers",
        Audience::Leaders => "leaders",
        Audience::Families => "families",
        Audience::WholeCompany => "helpers in other departments",
    }
}

fn and_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn notes(cx: &Context<'_>, schedule: &Schedule) -> Vec<String> {
    let mut notes = clock_changes(cx);
    let titles = |ideas: &[usize]| -> String {
        let mut names: Vec<String> = ideas
            .iter()
            .take(5)
            .map(|i| cx.ideas[*i].title.to_string())
            .collect();
        if ideas.len() > 5 {
            names.push(format!("{} more", ideas.len() - 5));
        }
        and_list(&names.iter().map(String::as_str).collect::<Vec<_>>())
    };
    if cx.today > cx.week.end {
        notes.push(format!(
            "Customer Service Week {} ended on {}; this plan ignores preparation lead times.",
            cx.week.year,
            cx.week.end.format("%-d %B %Y")
        ));
    } else if cx.today >= cx.week.start {
        notes.push(
            "The week is under way: only ideas that need no preparation were considered."
                .to_string(),
        );
    }
    if let Some((ids, file)) = cx.avoided.filter(|(ids, _)| !ids.is_empty()) {
        let avoided: Vec<usize> = ids
            .iter()
            .filter_map(|id| cx.ideas.iter().position(|i| i.id.as_str() == id))
            .collect();
        let unknown = ids.len() - avoided.len();
        if avoided.is_empty() {
            notes.push(format!(
                "Last year's plan ({file}) names {}, none of them in this catalog, so none was kept out.",
                count(unknown, "idea", "ideas")
            ));
        } else {
            let others = match unknown {
                0 => String::new(),
                1 => "; 1 more it names is not in this catalog".to_string(),
                n => format!("; {n} more it names are not in this catalog"),
            };
            notes.push(format!(
                "Kept out {} from last year's plan ({file}) so the week is fresh: {}{others}.",
                count(avoided.len(), "idea", "ideas"),
                titles(&avoided)
            ));
        }
    }
    if !schedule.left_out.late.is_empty() {
        notes.push(format!(
            "Left out {} whose preparation takes longer than the time left before the week: {}.",
            count(schedule.left_out.late.len(), "idea", "ideas"),
            titles(&schedule.left_out.late)
        ));
    }
    if !schedule.left_out.too_long.is_empty() {
        notes.push(format!(
            "Left out {} that would not fit in the working day, counting the waves that keep the queue covered: {}.",
            count(schedule.left_out.too_long.len(), "idea", "ideas"),
            titles(&schedule.left_out.too_long)
        ));
    }
    if !schedule.left_out.uncovered.is_empty() {
        notes.push(format!(
            "Left out {} that would take the team off the queue, since `coverage` keeps everyone on duty: {}.",
            count(schedule.left_out.uncovered.len(), "idea", "ideas"),
            titles(&schedule.left_out.uncovered)
        ));
    }
    if let Some((cost, dropped)) = &schedule.over_budget {
        notes.push(format!(
            "The budget kept out {}; a budget of {cost} would have included {}.",
            titles(dropped),
            if dropped.len() == 1 { "it" } else { "them" }
        ));
    }
    if let Some((kept, total)) = schedule.shortlisted {
        notes.push(format!(
            "{total} ideas suit this config, too many to search whole: the planner searched a shortlist of {kept}, so this is the best plan found, not proven the best possible."
        ));
    } else if !schedule.proven {
        notes.push("The search stopped at its limit: this is the best plan found, not proven the best possible.".to_string());
    }
    notes
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::Clock;
    use crate::zone::Zone;

    #[test]
    fn times_across_a_clock_change_keep_their_lengths_and_never_fall_in_its_gap() {
        // Sydney's clocks went from 02:00 to 03:00 on 7 October 2029.
        let sydney = Zone::named("Australia/Sydney").unwrap().rules().unwrap();
        let date = NaiveDate::from_ymd_opt(2029, 10, 7).unwrap();
        let mut clock = Clock {
            opening: date.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap()),
            zone: Some(&sydney),
            free_from: None,
        };
        let iso = |t: super::Timing| {
            let text = |m: super::Moment| serde_json::to_value(m).unwrap();
            (text(t.starts_at), text(t.ends_at))
        };
        // Planned 01:30–02:30: an hour, so it ends at 03:30 by the clocks.
        assert_eq!(
            iso(clock.place(30, 60)),
            (
                "2029-10-07T01:30:00+10:00".into(),
                "2029-10-07T03:30:00+11:00".into()
            )
        );
        // Planned at 02:30, a time that never was: after the one before.
        assert_eq!(
            iso(clock.place(90, 30)),
            (
                "2029-10-07T03:30:00+11:00".into(),
                "2029-10-07T04:00:00+11:00".into()
            )
        );
        // Planned at 05:00: as planned.
        assert_eq!(
            iso(clock.place(240, 15)).0,
            serde_json::Value::from("2029-10-07T05:00:00+11:00")
        );
        // Without a time zone, the planned times, past midnight too.
        let mut clock = Clock {
            opening: date.and_time(NaiveTime::from_hms_opt(22, 0, 0).unwrap()),
            zone: None,
            free_from: None,
        };
        assert_eq!(
            iso(clock.place(60, 150)),
            ("2029-10-07T23:00:00".into(), "2029-10-08T01:30:00".into())
        );
    }
}
