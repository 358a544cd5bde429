//! The planner: picks `per_day` ideas for each day and places them in the
//! day's hours. Pure: no I/O, no clock; `today` arrives as `lead_days`.
//!
//! Hard rules (a plan always keeps them, or planning fails with the rule
//! that can't be met): the budget; the team's mode; customer ideas only when
//! wanted; pins; excludes; no idea twice; the day's hours; one meal a day;
//! the share of the team on duty (queue-leaving ideas run in waves);
//! preparation lead time.
//!
//! Among the plans that keep them, it finds the one with the highest score
//! (see [`score`](mod@score)) and proves it best; when its allowance runs
//! out first, the plan says so. One file per concept:
//!
//! - `input`: what it is asked ([`Input`]), and the candidates it makes of
//!   the ideas that suit, with their costs, waves and per-day weights;
//! - `score`: the points, and the running tally of a partial plan;
//! - `bound`: the Lagrangian relaxation that bounds what a partial plan can
//!   still gain;
//! - `search`: the branch and bound that finds the best plan and proves it,
//!   with a first plan from the relaxation;
//! - `shortlist`: what the search covers of a very large catalog;
//! - `split`: with several groups on one budget, a first plan from each
//!   group planned alone on a share of it;
//! - `milp`: the same problem as an integer program, a second proof behind
//!   the search when its allowance runs out, and its referee in the tests;
//! - `place`: each day's picks in order, at times, in waves;
//! - `explain`: why each pick won, each day's runner-up, and what the budget
//!   kept out.
//!
//! # Several groups
//!
//! [`Input`] lists [`Group`]s: each a set of people with its own head
//! count, hours and days (a shift, a site's shift). A config without shifts
//! is one group that works every day.
//!
//! The search does not know what a day is. It fills columns
//! ([`Input::columns`]): each is one group's day, with that group's open
//! slots, hours, one-a-day kinds and a weight for every candidate. A
//! candidate is an idea for one group, with that group's waves and cost,
//! and fills only that group's columns, so "no idea twice" holds per group.
//! Each group earns its own category and audience bonuses, and each column
//! its own recognition bonus: a [`score`] tally keeps each group's bits side
//! by side, and the relaxation gives each group's bonuses, and each
//! column's, prices of their own. The budget is one row across all
//! groups. Shifts are groups ([`Takes::Live`]); the day-long items every
//! shift shares are a group of their own ([`Takes::AllDay`]), one a day,
//! planned first. One search takes up to [`MAX_GROUPS`] groups and
//! [`MAX_COLUMNS`] columns.
//!
//! Groups share nothing but the budget, and the search exploits it twice.
//! On entering a group, what the groups from there can add depends on the
//! money left alone, so the search remembers what it has proven there
//! (`search::Search::visit`). And when a short first search does not
//! settle a plan, each group plans alone on a share of the budget
//! (`split::split_budget`), which gives the search a first plan close to
//! the best to beat.

use std::fmt;

use chrono::Weekday;

mod bound;
mod explain;
mod input;
mod milp;
mod place;
pub mod score;
mod search;
mod shortlist;
mod split;
#[cfg(test)]
mod tests;

pub use input::{Column, DayInput, Group, Input, MAX_COLUMNS, MAX_GROUPS, MAX_SESSIONS, Takes};
pub use score::default_seed;

use explain::runner_up;
use input::{check_pins, gather};
use place::place;
use search::solve;
use shortlist::shortlist;

use crate::catalog::Audience;
use crate::money::Money;
use crate::plural::count;

/// Why a pick won, as facts; `plan` words them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Why {
    pub pinned: bool,
    pub preferred_day: bool,
    pub theme: bool,
    pub free: bool,
    /// First activity of its category in the week.
    pub new_category: bool,
    /// First recognition activity of its day.
    pub recognition: bool,
    /// Audiences first recognised by this pick.
    pub audiences: Vec<Audience>,
}

/// A placed activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Index into `Input::ideas`.
    pub idea: usize,
    /// Minutes after the day's start.
    pub start: u32,
    /// Sessions run one after another so the queue stays covered (1 = everyone at once).
    pub waves: u32,
    pub minutes_each: u32,
    pub cost: Money,
    pub why: Why,
}

impl Slot {
    pub fn end(&self) -> u32 {
        self.start + self.waves * self.minutes_each
    }
}

/// Ideas that suited the team but could not be planned, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Their preparation takes longer than the time left before the week.
    pub late: Vec<usize>,
    /// In waves they would not fit in the working day.
    pub too_long: Vec<usize>,
    /// They take the team off the queue, and `coverage` keeps everyone on
    /// it, or lets one person go at a time.
    pub uncovered: Vec<usize>,
    /// They would need more than [`MAX_SESSIONS`] sessions for a group.
    pub too_many: Vec<usize>,
}

/// An idea the budget kept out (index into `Input::ideas`), and the groups
/// it was kept out for.
pub type KeptOut = (usize, Vec<usize>);

/// The planner's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Per column (see [`Input::columns`]): with one group, per day.
    pub days: Vec<Vec<Slot>>,
    pub left_out: LeftOut,
    pub score: i64,
    /// Whether the search finished, so no plan scores higher.
    pub proven: bool,
    /// (shortlisted, suitable) when the catalog was too large to search whole.
    pub shortlisted: Option<(usize, usize)>,
    /// When the budget forced a cheaper week: what the best plan without a
    /// budget would cost, and the ideas it has that this plan lacks.
    /// Each idea with the groups it was kept out for.
    pub over_budget: Option<(Money, Vec<KeptOut>)>,
    /// Per column, the best idea that lost.
    pub runners_up: Vec<Option<RunnerUp>>,
}

/// The best idea left out of a day: what it would have replaced, and why it
/// lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerUp {
    /// Index into `Input::ideas`.
    pub idea: usize,
    /// The pick it would have replaced (index into `Input::ideas`).
    pub instead_of: usize,
    pub lost: Lost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The swap keeps every rule but scores this many points less.
    Points(i64),
    /// The swap would put the plan this much over budget.
    Budget(Money),
    /// The swap would overrun the day's hours by this many minutes.
    Hours(u32),
    /// The day has its meal already.
    Meal,
    /// The day has its after-work event already.
    Evening,
}

/// A hard rule that no plan can keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    PinUnsuitable {
        id: String,
        why: String,
    },
    TooManyPins {
        day: Weekday,
        pinned: usize,
        per_day: usize,
    },
    PinsTooLong {
        day: Weekday,
        /// How many pins the day has.
        pinned: usize,
        minutes: u32,
        window: u32,
        /// Minutes the day's hours lose to the clocks going forward.
        lost: u32,
    },
    PinsOverBudget {
        cost: Money,
        budget: Money,
    },
    TooFewIdeas {
        needed: usize,
        available: usize,
        /// Suitable ideas left out because their preparation takes too long.
        late: usize,
    },
    OverBudget {
        cheapest: Money,
        budget: Money,
        needed: usize,
    },
    NoFit,
    /// Too few day-long items for the shifts to share, one a day.
    TooFewDayLong {
        needed: usize,
        available: usize,
    },
    /// More groups or group days than one search plans together.
    TooManyGroups {
        groups: usize,
        columns: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::PinUnsuitable { id, why } => {
                write!(f, "the pinned idea `{id}` can't be planned: {why}")
            }
            Error::TooManyPins {
                day,
                pinned,
                per_day,
            } => write!(
                f,
                "{pinned} ideas are pinned to {}, but `activities_per_day` is {per_day}",
                weekday_name(*day)
            ),
            Error::PinsTooLong {
                day,
                pinned,
                minutes,
                window,
                lost,
            } => {
                let pins = if *pinned == 1 {
                    "the idea pinned to"
                } else {
                    "the ideas pinned to"
                };
                let take = if *pinned == 1 { "takes" } else { "take" };
                write!(
                    f,
                    "{pins} {} {take} {minutes} minutes, more than the {window} minutes ",
                    weekday_name(*day)
                )?;
                if *lost == 0 {
                    f.write_str("in `hours`")
                } else {
                    write!(
                        f,
                        "`hours` hold that day, when the clocks go forward {lost} minutes"
                    )
                }
            }
            Error::PinsOverBudget { cost, budget } => {
                write!(f, "the pins alone cost {cost}, over the budget of {budget}")
            }
            Error::TooFewIdeas {
                needed,
                available,
                late: 0,
            } => write!(
                f,
                "the week needs {needed} activities, but only {} this config; \
                 lower `activities_per_day`, remove some `exclude` entries, or add ideas of your own",
                count(*available, "idea suits", "ideas suit")
            ),
            Error::TooFewIdeas {
                needed,
                available,
                late,
            } => write!(
                f,
                "the week needs {needed} activities, but only {} can still be prepared in time \
                 ({} longer); lower `activities_per_day` or add ideas that need no preparation",
                count(*available, "idea", "ideas"),
                count(*late, "more needs", "more need")
            ),
            Error::OverBudget {
                cheapest,
                budget,
                needed,
            } => write!(
                f,
                "the {needed} cheapest suitable ideas cost {cheapest}, over the budget of {budget}; \
                 raise `budget` or lower `activities_per_day`"
            ),
            Error::TooFewDayLong { needed, available } => write!(
                f,
                "with shifts, each day has a day-long item that every shift shares (an idea with \
                 `all_day = true`), so the week needs {needed}, but only {} this config; \
                 remove some `exclude` entries, or add day-long ideas of your own",
                count(*available, "suits", "suit")
            ),
            Error::TooManyGroups { groups, columns } => write!(
                f,
                "{groups} groups working {columns} days in all can't be planned together; \
                 one plan takes 1 to {MAX_GROUPS} groups and at most {MAX_COLUMNS} group days"
            ),
            Error::NoFit => f.write_str(
                "no combination of ideas fits the budget and the working hours of every day; \
                 widen `hours`, raise `budget` or lower `activities_per_day`",
            ),
        }
    }
}

impl std::error::Error for Error {}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A solved search: each column's picks, the score, and whether it is
/// proven best.
type Solved = Option<(Vec<Vec<usize>>, i64, bool)>;

/// The best plan within the budget, and the best plan without one.
fn within_and_without(
    input: &Input<'_>,
    candidates: &[input::Candidate],
    pinned: &[(usize, usize)],
    exact: bool,
) -> (Solved, Solved) {
    let unlimited = Money::from_cents(i64::MAX / 4);
    if input.groups.len() == 1 {
        std::thread::scope(|scope| {
            let without = scope.spawn(|| solve(input, candidates, pinned, unlimited, exact, None));
            let within = solve(input, candidates, pinned, input.budget, exact, None);
            let without = without
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (within, without)
        })
    } else {
        // With several groups, a short search within the budget settles
        // most plans, beside the one without a budget. When it does not,
        // the plan without a budget says how to split the budget for a
        // first plan to beat, and the search starts again with it.
        let short = Input {
            work_limit: input.work_limit.min(search::FIRST_TRY),
            ..input.clone()
        };
        let (quick, without) = std::thread::scope(|scope| {
            let without = scope.spawn(|| solve(input, candidates, pinned, unlimited, exact, None));
            let quick = solve(&short, candidates, pinned, input.budget, false, None);
            let without = without
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (quick, without)
        });
        let within = match (quick, &without) {
            (Some(quick @ (_, _, true)), _) => Some(quick),
            (_, Some((picks, _, _))) => {
                let first = split::split_budget(input, candidates, picks);
                solve(input, candidates, pinned, input.budget, exact, first)
            }
            (_, None) => None,
        };
        (within, without)
    }
}

/// Plans the week.
pub fn plan(input: &Input<'_>) -> Result<Schedule, Error> {
    let (candidates, pinned, left_out) = gather(input)?;
    let columns = input.columns();
    check_pins(input, &candidates, &pinned)?;
    let pinned_ids: Vec<usize> = pinned.iter().map(|(_, c)| *c).collect();
    // Each group fills its own days from its own candidates; the cheapest
    // way to fill them all must fit the one budget.
    let mut cheapest: Money = pinned.iter().map(|(_, c)| candidates[*c].cost).sum();
    let mut needed = 0;
    for g in 0..input.groups.len() {
        let days = columns.iter().filter(|col| col.group == g).count();
        let slots = days * input.groups[g].per_day;
        needed += slots;
        let pins = pinned
            .iter()
            .filter(|(d, _)| columns[*d].group == g)
            .count();
        let mut costs: Vec<Money> = candidates
            .iter()
            .enumerate()
            .filter(|(c, cand)| cand.group == g && !pinned_ids.contains(c))
            .map(|(_, c)| c.cost)
            .collect();
        if costs.len() + pins < slots && input.groups[g].takes == Takes::AllDay {
            return Err(Error::TooFewDayLong {
                needed: slots,
                available: costs.len() + pins,
            });
        }
        if costs.len() + pins < slots {
            return Err(Error::TooFewIdeas {
                needed: slots,
                available: costs.len() + pins,
                late: left_out.late.len(),
            });
        }
        costs.sort_unstable();
        cheapest = cheapest + costs.iter().take(slots - pins).copied().sum();
    }
    if cheapest > input.budget {
        return Err(Error::OverBudget {
            cheapest,
            budget: input.budget,
            needed,
        });
    }

    let total = candidates.len();
    let (candidates, pinned) = shortlist(input, candidates, pinned);
    let shortlisted = (candidates.len() < total).then_some((candidates.len(), total));
    // A shortlist can't be proven best, so it gets the search alone.
    let exact = shortlisted.is_none();
    // What a bigger budget would buy: the best plan with no budget at all.
    // The score does not depend on the budget, so with a budget of exactly
    // that plan's cost, that plan is again the best. The two searches are
    // independent, so they run side by side.
    let (within, without) = within_and_without(input, &candidates, &pinned, exact);
    let Some((best, score, solved)) = within else {
        return Err(Error::NoFit);
    };
    let proven = shortlisted.is_none() && solved;
    let over_budget = without
        .filter(|(_, richer, _)| *richer > score)
        .map(|(richer, _, _)| explain::kept_out(&candidates, &best, &richer));

    let runners_up = (0..columns.len())
        .map(|d| runner_up(input, &candidates, &best, &pinned, d, score))
        .collect();
    Ok(Schedule {
        days: explain::slots(
            input,
            &candidates,
            &place(input, &candidates, &best),
            &pinned,
        ),
        runners_up,
        left_out,
        score,
        proven,
        shortlisted,
        over_budget,
    })
}
