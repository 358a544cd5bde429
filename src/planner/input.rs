//! The input model: what the planner is asked to plan, and the candidates
//! it makes of the catalog's ideas, with everything the search needs
//! precomputed.

use chrono::Weekday;

use super::score::{audience_bit, category_bit, pick_score};
use super::{Error, LeftOut};
use crate::catalog::{Category, Idea, Mode};
use crate::money::Money;
use crate::plural::count;

/// One day to plan.
#[derive(Debug, Clone)]
pub struct DayInput {
    pub weekday: Weekday,
    pub favours: Vec<Category>,
}

/// Everything the planner needs.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub ideas: &'a [Idea],
    pub days: &'a [DayInput],
    pub per_day: usize,
    pub budget: Money,
    pub team_size: u32,
    /// How many people may be off the queue at once.
    pub may_leave: u32,
    /// Minutes in the working day.
    pub window: u32,
    /// Minutes from the day's start to noon, when noon is in the working day.
    pub noon: Option<u32>,
    pub mode: Mode,
    pub include_customers: bool,
    pub exclude: &'a [String],
    /// (day index, idea id).
    pub pins: &'a [(usize, String)],
    /// Days from today to the week's first day.
    pub lead_days: i64,
    pub seed: u64,
    /// How much search (candidates examined) to spend before settling for
    /// the best plan found.
    pub work_limit: u64,
}

/// A candidate idea, with everything the search needs precomputed.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) idea: usize,
    pub(super) cost: Money,
    pub(super) waves: u32,
    pub(super) minutes_each: u32,
    pub(super) category: u16,
    pub(super) recognition: bool,
    /// The one-a-day kinds it is ([`MEAL`], [`EVENING`]); 0 for neither.
    pub(super) kind: u8,
    pub(super) audiences: u8,
    /// Per-pick score on each day.
    pub(super) weight: Vec<i64>,
}

impl Candidate {
    /// Minutes of the working day it takes; none for an after-work event.
    pub(super) fn minutes(&self) -> u32 {
        if self.kind & EVENING == 0 {
            self.waves * self.minutes_each
        } else {
            0
        }
    }
}

/// A meal: at most one a day, pins aside.
pub(super) const MEAL: u8 = 1;
/// An after-work event, held once the working day ends: at most one a day,
/// pins aside. It takes nobody off the queue.
pub(super) const EVENING: u8 = 2;

/// Whether `picks` of day `d` have at most one of each one-a-day kind,
/// counting a pinned one as taking its kind's place.
pub(super) fn one_of_each_kind(
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    d: usize,
    picks: &[usize],
) -> bool {
    [MEAL, EVENING].into_iter().all(|kind| {
        let pinned_kind = pinned
            .iter()
            .any(|(pd, c)| *pd == d && candidates[*c].kind & kind != 0);
        let open = picks
            .iter()
            .filter(|c| candidates[**c].kind & kind != 0 && !pinned.contains(&(d, **c)))
            .count();
        open <= usize::from(!pinned_kind)
    })
}

/// Why an idea can't be planned, for the note it goes into.
pub(super) enum Misfit {
    /// Wrong mode, or customers not wanted: not worth a note.
    Unsuitable,
    TooLong,
    Uncovered,
    Late,
}

/// Whether `idea`, run in `waves` of `minutes_each`, breaks a rule on its
/// own, and how to say so.
pub(super) fn misfit(
    idea: &Idea,
    input: &Input<'_>,
    waves: u32,
    minutes_each: u32,
) -> Option<(Misfit, String)> {
    if !idea.suits(input.mode) {
        let modes = join(idea.modes.iter().map(|m| m.as_str()));
        return Some((
            Misfit::Unsuitable,
            format!("it suits {modes} teams, and `mode` is {}", input.mode),
        ));
    }
    if idea.involves_customers() && !input.include_customers {
        let why = "it involves customers, and `include_customers` is false";
        return Some((Misfit::Unsuitable, why.to_string()));
    }
    if waves == 0 {
        let why = "it takes the team off the queue, and `coverage` keeps everyone on duty";
        return Some((Misfit::Uncovered, why.to_string()));
    }
    if !idea.ends_the_day() && waves * minutes_each > input.window {
        let why = if waves == 1 {
            format!("its {minutes_each} minutes do not fit in the working day")
        } else {
            format!("in {waves} waves of {minutes_each} minutes it does not fit in the working day")
        };
        return Some((Misfit::TooLong, why));
    }
    if i64::from(idea.lead_time().as_u32()) > input.lead_days {
        let needs = count(idea.lead_time().get(), "day", "days");
        let why = if input.lead_days > 0 {
            format!(
                "it needs {needs} of preparation, and the week starts in {}",
                count(input.lead_days, "day", "days")
            )
        } else {
            format!("it needs {needs} of preparation, and the week has begun")
        };
        return Some((Misfit::Late, why));
    }
    None
}

pub(super) type Gathered = (Vec<Candidate>, Vec<(usize, usize)>, LeftOut);

/// The ideas that suit the config, with their costs, waves and weights;
/// which of them are pinned (day, candidate); and the suitable ideas that
/// could not be planned. A pinned idea that can't be planned is an error.
pub(super) fn gather(input: &Input<'_>) -> Result<Gathered, Error> {
    let mut left_out = LeftOut::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut pinned: Vec<(usize, usize)> = Vec::new(); // (day, candidate)
    for (index, idea) in input.ideas.iter().enumerate() {
        let pin_day = input
            .pins
            .iter()
            .find(|(_, id)| id == idea.id.as_str())
            .map(|(d, _)| *d);
        if input.exclude.iter().any(|x| x == idea.id.as_str()) {
            continue;
        }
        let (waves, minutes_each) = waves(idea, input);
        if let Some((kind, why)) = misfit(idea, input, waves, minutes_each) {
            if pin_day.is_some() {
                return Err(Error::PinUnsuitable {
                    id: idea.id.to_string(),
                    why,
                });
            }
            match kind {
                Misfit::Unsuitable => {}
                Misfit::TooLong => left_out.too_long.push(index),
                Misfit::Uncovered => left_out.uncovered.push(index),
                Misfit::Late => left_out.late.push(index),
            }
            continue;
        }
        let cost = idea.cost.for_team(input.team_size);
        let weight = input
            .days
            .iter()
            .enumerate()
            .map(|(d, day)| pick_score(idea, day, d, cost, input))
            .collect();
        if let Some(day) = pin_day {
            pinned.push((day, candidates.len()));
        }
        candidates.push(Candidate {
            idea: index,
            cost,
            waves,
            minutes_each,
            category: category_bit(idea.category),
            recognition: idea.category == Category::Recognition,
            kind: if idea.ends_the_day() {
                EVENING
            } else if idea.at_midday() {
                MEAL
            } else {
                0
            },
            audiences: idea
                .audience
                .iter()
                .fold(0, |m, a| m | audience_bit(*a, input.include_customers)),
            weight,
        });
    }

    Ok((candidates, pinned, left_out))
}

pub(super) fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join("/")
}

/// How many waves an idea needs to keep the queue covered, and their length.
/// Zero waves: it can't run at all.
pub(super) fn waves(idea: &Idea, input: &Input<'_>) -> (u32, u32) {
    let minutes = idea.duration_minutes.as_u32();
    // After work, nobody is on the queue to cover.
    if !idea.off_queue || idea.ends_the_day() || input.may_leave >= input.team_size {
        return (1, minutes);
    }
    if input.may_leave == 0 {
        return (0, minutes);
    }
    (input.team_size.div_ceil(input.may_leave), minutes)
}

pub(super) fn check_pins(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
) -> Result<(), Error> {
    for (d, day) in input.days.iter().enumerate() {
        let on_day: Vec<&Candidate> = pinned
            .iter()
            .filter(|(pd, _)| *pd == d)
            .map(|(_, c)| &candidates[*c])
            .collect();
        if on_day.len() > input.per_day {
            return Err(Error::TooManyPins {
                day: day.weekday,
                pinned: on_day.len(),
                per_day: input.per_day,
            });
        }
        let minutes: u32 = on_day.iter().map(|c| c.minutes()).sum();
        if minutes > input.window {
            return Err(Error::PinsTooLong {
                day: day.weekday,
                minutes,
                window: input.window,
            });
        }
    }
    let cost: Money = pinned.iter().map(|(_, c)| candidates[*c].cost).sum();
    if cost > input.budget {
        return Err(Error::PinsOverBudget {
            cost,
            budget: input.budget,
        });
    }
    Ok(())
}
