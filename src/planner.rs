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
//! (see [`score`]) by branch and bound, so the result is the best plan, not a
//! greedy guess; when a search budget runs out first, the plan says so.

use std::fmt;

use chrono::Weekday;

mod milp;

use crate::catalog::{Audience, Category, Idea, Mode, TimeOfDay};
use crate::money::Money;

/// The score, in points. The README documents these.
pub mod score {
    /// The idea prefers this weekday (its `days`).
    pub const PREFERRED_DAY: i64 = 20;
    /// The idea's category is one the day's theme favours.
    pub const THEME: i64 = 20;
    /// Value for money, at most: free ideas get all of it, and an idea loses
    /// a point for every [`VALUE_STEP`] (in hundredths) it costs per person.
    pub const VALUE: i64 = 10;
    pub const VALUE_STEP: i64 = 500;
    /// A treat, at most: money spent on people counts, [`TREAT`] points for
    /// [`TREAT_FULL`] (in hundredths) or more per person, pro rata below.
    /// With value for money, a treat of about 25 a head scores 25, a free
    /// idea 10, a lavish one 20. None of it depends on the budget, so a plan
    /// is the best for its score whatever the budget, and the budget only
    /// rules plans out.
    pub const TREAT: i64 = 20;
    pub const TREAT_FULL: i64 = 2500;
    /// Freshness, at most: a seeded per-year variation, so each year's plan
    /// differs.
    pub const FRESH: i64 = 10;
    /// Each distinct category in the week.
    pub const VARIETY: i64 = 12;
    /// Each day with at least one recognition activity.
    pub const RECOGNITION_DAY: i64 = 30;
    /// Each audience recognised in the week: the team, leaders, helpers in
    /// other departments, and customers when they are included.
    pub const AUDIENCE: i64 = 15;
}

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
    /// They take the team off the queue, and `coverage` keeps everyone on it.
    pub uncovered: Vec<usize>,
}

/// The planner's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub days: Vec<Vec<Slot>>,
    pub left_out: LeftOut,
    pub score: i64,
    /// Whether the search finished, so no plan scores higher.
    pub proven: bool,
    /// (shortlisted, suitable) when the catalog was too large to search whole.
    pub shortlisted: Option<(usize, usize)>,
    /// When the budget forced a cheaper week: what the best plan without a
    /// budget would cost, and the ideas it has that this plan lacks.
    pub over_budget: Option<(Money, Vec<usize>)>,
    /// Per day, the best idea that lost.
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
        minutes: u32,
        window: u32,
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
                minutes,
                window,
            } => write!(
                f,
                "the ideas pinned to {} take {minutes} minutes, more than the {window} minutes in `hours`",
                weekday_name(*day)
            ),
            Error::PinsOverBudget { cost, budget } => {
                write!(f, "the pins alone cost {cost}, over the budget of {budget}")
            }
            Error::TooFewIdeas {
                needed,
                available,
                late: 0,
            } => write!(
                f,
                "the week needs {needed} activities, but only {available} ideas suit this config; \
                 lower `activities_per_day`, remove some `exclude` entries, or add ideas of your own"
            ),
            Error::TooFewIdeas {
                needed,
                available,
                late,
            } => write!(
                f,
                "the week needs {needed} activities, but only {available} ideas can still be prepared in time \
                 ({late} more need longer); lower `activities_per_day` or add ideas that need no preparation"
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

/// A stable 64-bit hash (FNV-1a), so seeds and freshness never change with
/// the Rust version.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The default seed: the company and the year, so each year's plan differs.
pub fn default_seed(company: &str, year: i32) -> u64 {
    fnv1a(format!("{company}\u{1f}{year}").as_bytes())
}

fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Bits for the audiences that count towards the score.
fn audience_bit(audience: Audience, include_customers: bool) -> u8 {
    match audience {
        Audience::Team => 1,
        Audience::Leaders => 2,
        Audience::WholeCompany => 4,
        Audience::Customers if include_customers => 8,
        Audience::Customers | Audience::Families => 0,
    }
}

fn category_bit(category: Category) -> u16 {
    1 << (Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0))
}

/// A candidate idea, with everything the search needs precomputed.
#[derive(Debug, Clone)]
struct Candidate {
    idea: usize,
    cost: Money,
    waves: u32,
    minutes_each: u32,
    category: u16,
    recognition: bool,
    /// The one-a-day kinds it is ([`MEAL`], [`EVENING`]); 0 for neither.
    kind: u8,
    audiences: u8,
    /// Per-pick score on each day.
    weight: Vec<i64>,
}

impl Candidate {
    /// Minutes of the working day it takes; none for an after-work event.
    fn minutes(&self) -> u32 {
        if self.kind & EVENING == 0 {
            self.waves * self.minutes_each
        } else {
            0
        }
    }
}

/// A meal: at most one a day, pins aside.
const MEAL: u8 = 1;
/// An after-work event, held once the working day ends: at most one a day,
/// pins aside. It takes nobody off the queue.
const EVENING: u8 = 2;

/// Whether `picks` of day `d` have at most one of each one-a-day kind,
/// counting a pinned one as taking its kind's place.
fn one_of_each_kind(
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

/// Plans the week.
pub fn plan(input: &Input<'_>) -> Result<Schedule, Error> {
    let days = input.days.len();
    let needed = days * input.per_day;

    let (candidates, pinned, left_out) = gather(input)?;
    check_pins(input, &candidates, &pinned)?;
    let free_slots = needed - pinned.len();
    let pinned_ids: Vec<usize> = pinned.iter().map(|(_, c)| *c).collect();
    let open: Vec<&Candidate> = candidates
        .iter()
        .enumerate()
        .filter(|(c, _)| !pinned_ids.contains(c))
        .map(|(_, c)| c)
        .collect();
    if open.len() < free_slots {
        return Err(Error::TooFewIdeas {
            needed,
            available: open.len() + pinned.len(),
            late: left_out.late.len(),
        });
    }
    let pinned_cost: Money = pinned.iter().map(|(_, c)| candidates[*c].cost).sum();
    let mut costs: Vec<Money> = open.iter().map(|c| c.cost).collect();
    costs.sort_unstable();
    let cheapest: Money = pinned_cost + costs.iter().take(free_slots).copied().sum();
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
    let (within, without) = std::thread::scope(|scope| {
        let without = scope.spawn(|| {
            let unlimited = Money::from_cents(i64::MAX / 4);
            solve(input, &candidates, &pinned, unlimited, exact)
        });
        let within = solve(input, &candidates, &pinned, input.budget, exact);
        let without = without
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (within, without)
    });
    let Some((best, score, solved)) = within else {
        return Err(Error::NoFit);
    };
    let proven = shortlisted.is_none() && solved;
    let over_budget = without
        .filter(|(_, richer, _)| *richer > score)
        .map(|(richer, _, _)| {
            let cost: Money = richer.iter().flatten().map(|c| candidates[*c].cost).sum();
            let chosen: Vec<usize> = best.iter().flatten().copied().collect();
            let dropped = richer
                .iter()
                .flatten()
                .filter(|c| !chosen.contains(c))
                .map(|c| candidates[*c].idea)
                .collect();
            (cost, dropped)
        });

    let runners_up = (0..input.days.len())
        .map(|d| runner_up(input, &candidates, &best, &pinned, d, score))
        .collect();
    Ok(Schedule {
        days: place(input, &candidates, &best, &pinned),
        runners_up,
        left_out,
        score,
        proven,
        shortlisted,
        over_budget,
    })
}

/// The best swap of an unused candidate for one of day `d`'s open picks:
/// the best-scoring swap that keeps the rules, else the best-scoring one
/// and the rule it breaks.
fn runner_up(
    input: &Input<'_>,
    candidates: &[Candidate],
    best: &[Vec<usize>],
    pinned: &[(usize, usize)],
    d: usize,
    score: i64,
) -> Option<RunnerUp> {
    let used: Vec<usize> = best.iter().flatten().copied().collect();
    let cost: Money = used.iter().map(|c| candidates[*c].cost).sum();
    let minutes: u32 = best[d].iter().map(|c| candidates[*c].minutes()).sum();
    let score_with = |out: usize, inn: usize| {
        best.iter()
            .enumerate()
            .fold(Tally::default(), |tally, (day, picks)| {
                picks.iter().fold(tally, |tally, c| {
                    let c = if day == d && *c == out { inn } else { *c };
                    tally.with(&candidates[c], day)
                })
            })
    };
    // (rule kept, score, candidate, replaced, why lost): the largest wins.
    let mut found: Option<(bool, i64, std::cmp::Reverse<usize>, usize, Lost)> = None;
    for out in best[d]
        .iter()
        .copied()
        .filter(|c| !pinned.contains(&(d, *c)))
    {
        for inn in (0..candidates.len()).filter(|c| !used.contains(c)) {
            let (o, i) = (&candidates[out], &candidates[inn]);
            let new_cost = cost - o.cost + i.cost;
            let new_minutes = minutes - o.minutes() + i.minutes();
            let clash = best[d]
                .iter()
                .map(|c| if *c == out { 0 } else { candidates[*c].kind })
                .fold(0, |kinds, kind| kinds | kind)
                & i.kind;
            let swapped = score_with(out, inn).points;
            let lost = if new_cost > input.budget {
                Lost::Budget(new_cost - input.budget)
            } else if new_minutes > input.window {
                Lost::Hours(new_minutes - input.window)
            } else if clash == MEAL {
                Lost::Meal
            } else if clash == EVENING {
                Lost::Evening
            } else {
                Lost::Points(score - swapped)
            };
            let key = (
                matches!(lost, Lost::Points(_)),
                swapped,
                std::cmp::Reverse(inn),
                out,
                lost,
            );
            if found
                .as_ref()
                .is_none_or(|f| (key.0, key.1, key.2) > (f.0, f.1, f.2))
            {
                found = Some(key);
            }
        }
    }
    found.map(|(_, _, std::cmp::Reverse(inn), out, lost)| RunnerUp {
        idea: candidates[inn].idea,
        instead_of: candidates[out].idea,
        lost,
    })
}

/// How many branch-and-bound nodes the integer program may explore; the
/// examples need a few hundred.
const MILP_NODES: u64 = 5_000;

/// The search's allowance before the integer program takes over, in
/// candidates examined: about a millisecond.
const QUICK_WORK: u64 = 100_000;

/// The best plan within `budget`: its picks per day, its score, and whether
/// it is proven best. A short branch-and-bound search settles small problems
/// outright; otherwise, when `exact`, its best plan seeds the integer
/// program, whose answer is kept only if it keeps every rule, checked
/// exactly; when not, the search has the whole allowance.
fn solve(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    budget: Money,
    exact: bool,
) -> Option<(Vec<Vec<usize>>, i64, bool)> {
    // Enough to settle small problems and to give the integer program a
    // start; beyond it the integer program proves a plan sooner.
    let limit = if exact {
        input.work_limit.min(QUICK_WORK)
    } else {
        input.work_limit / 4
    };
    let mut search = Search::new(input, candidates, pinned, budget, limit);
    search.run();
    if search.best.is_some() && search.work < limit {
        return search.best.map(|best| (best, search.best_score, true));
    }
    let found = search.best.map(|best| (best, search.best_score, false));
    if !exact {
        return found;
    }
    let exact = milp::solve(
        input,
        candidates,
        pinned,
        budget,
        MILP_NODES,
        found.as_ref().map(|f| f.0.as_slice()),
    )
    .and_then(|(picks, proven)| {
        let score = check(input, candidates, pinned, budget, &picks)?;
        Some((picks, score, proven))
    });
    match (found, exact) {
        (Some(found), Some(exact)) if found.1 > exact.1 => Some(found),
        (found, exact) => exact.or(found),
    }
}

/// The score of `picks` if they keep every hard rule, in exact arithmetic.
fn check(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    budget: Money,
    picks: &[Vec<usize>],
) -> Option<i64> {
    let mut seen = vec![false; candidates.len()];
    let mut tally = Tally::default();
    for (d, day) in picks.iter().enumerate() {
        let minutes: u32 = day.iter().map(|c| candidates[*c].minutes()).sum();
        if day.len() != input.per_day
            || minutes > input.window
            || !one_of_each_kind(candidates, pinned, d, day)
        {
            return None;
        }
        for c in day {
            if std::mem::replace(&mut seen[*c], true) {
                return None;
            }
            tally = tally.with(&candidates[*c], d);
        }
    }
    let pins_kept = pinned.iter().all(|(d, c)| picks[*d].contains(c));
    (pins_kept && tally.cost <= budget).then_some(tally.points)
}

/// Above this many suitable ideas, the search looks at a shortlist.
const SHORTLIST_ABOVE: usize = 400;

/// For a very large catalog, a shortlist the search can cover: the pins;
/// for each day its best ideas, overall and in each category; and the
/// cheapest ideas, so a tight budget still has choices. Returns the kept
/// candidates and the pins renumbered to match.
fn shortlist(
    input: &Input<'_>,
    candidates: Vec<Candidate>,
    pinned: Vec<(usize, usize)>,
) -> (Vec<Candidate>, Vec<(usize, usize)>) {
    if candidates.len() <= SHORTLIST_ABOVE {
        return (candidates, pinned);
    }
    let mut keep = vec![false; candidates.len()];
    for (_, c) in &pinned {
        keep[*c] = true;
    }
    let per_day = 4 * input.per_day * input.days.len();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    for d in 0..input.days.len() {
        order.sort_by_key(|c| (std::cmp::Reverse(candidates[*c].weight[d]), *c));
        for c in order.iter().take(per_day) {
            keep[*c] = true;
        }
        for category in 0..Category::ALL.len() {
            for c in order
                .iter()
                .filter(|c| candidates[**c].category == 1 << category)
                .take(input.per_day * 2)
            {
                keep[*c] = true;
            }
        }
    }
    order.sort_by_key(|c| (candidates[*c].cost, *c));
    for c in order.iter().take(per_day) {
        keep[*c] = true;
    }
    let mut renumber = vec![usize::MAX; candidates.len()];
    let mut kept = Vec::new();
    for (c, cand) in candidates.into_iter().enumerate() {
        if keep[c] {
            renumber[c] = kept.len();
            kept.push(cand);
        }
    }
    let pinned = pinned.into_iter().map(|(d, c)| (d, renumber[c])).collect();
    (kept, pinned)
}

/// Why an idea can't be planned, for the note it goes into.
enum Misfit {
    /// Wrong mode, or customers not wanted: not worth a note.
    Unsuitable,
    TooLong,
    Uncovered,
    Late,
}

/// Whether `idea`, run in `waves` of `minutes_each`, breaks a rule on its
/// own, and how to say so.
fn misfit(
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
        let why = if input.lead_days > 0 {
            format!(
                "it needs {} days of preparation, and the week starts in {} day{}",
                idea.lead_time(),
                input.lead_days,
                if input.lead_days == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "it needs {} days of preparation, and the week has begun",
                idea.lead_time()
            )
        };
        return Some((Misfit::Late, why));
    }
    None
}

type Gathered = (Vec<Candidate>, Vec<(usize, usize)>, LeftOut);

/// The ideas that suit the config, with their costs, waves and weights;
/// which of them are pinned (day, candidate); and the suitable ideas that
/// could not be planned. A pinned idea that can't be planned is an error.
fn gather(input: &Input<'_>) -> Result<Gathered, Error> {
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

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join("/")
}

/// How many waves an idea needs to keep the queue covered, and their length.
/// Zero waves: it can't run at all.
fn waves(idea: &Idea, input: &Input<'_>) -> (u32, u32) {
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

fn pick_score(idea: &Idea, day: &DayInput, d: usize, cost: Money, input: &Input<'_>) -> i64 {
    let mut points = 0;
    if idea.prefers(day.weekday) {
        points += score::PREFERRED_DAY;
    }
    if day.favours.contains(&idea.category) {
        points += score::THEME;
    }
    points += value(cost, input.team_size);
    let fresh =
        mix(input.seed ^ mix(crate::planner::fnv1a(idea.id.as_str().as_bytes()) ^ d as u64));
    points + i64::try_from(fresh % (score::FRESH as u64 + 1)).unwrap_or(0)
}

/// Value for money and treat points, per [`score::VALUE`] and [`score::TREAT`],
/// from the cost per person.
fn value(cost: Money, team_size: u32) -> i64 {
    let per_person = cost.cents() / i64::from(team_size.max(1));
    let value = (score::VALUE - per_person / score::VALUE_STEP).max(0);
    let treat = (score::TREAT * per_person / score::TREAT_FULL).min(score::TREAT);
    value + treat
}

fn check_pins(
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

/// The running totals of a partial plan.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    cost: Money,
    categories: u16,
    audiences: u8,
    recognised_days: u16,
    points: i64,
}

impl Tally {
    /// The tally with `cand` added on day `d`.
    fn with(mut self, cand: &Candidate, d: usize) -> Tally {
        self.cost = self.cost + cand.cost;
        self.points += cand.weight[d] + marginal(cand, d, &self);
        self.categories |= cand.category;
        self.audiences |= cand.audiences;
        if cand.recognition {
            self.recognised_days |= 1 << d;
        }
        self
    }
}

/// Branch and bound over (day, slot), filling each day's open slots with
/// candidates in descending order of that day's weight.
struct Search<'a> {
    input: &'a Input<'a>,
    candidates: &'a [Candidate],
    /// Per day: candidate indices sorted by that day's weight, best first.
    order: Vec<Vec<usize>>,
    /// Per day: prefix sums of the sorted weights.
    prefix: Vec<Vec<i64>>,
    /// Open slots per day (after pins).
    open: Vec<usize>,
    used: Vec<bool>,
    minutes: Vec<u32>,
    /// Per day, the one-a-day kinds it has already.
    kinds: Vec<u8>,
    chosen: Vec<Vec<usize>>,
    best: Option<Vec<Vec<usize>>>,
    best_score: i64,
    /// Candidates examined so far.
    work: u64,
    /// The most the plan may cost.
    budget: Money,
    /// How much work the search may do.
    work_limit: u64,
    audiences_possible: u8,
    /// The most audiences one candidate covers.
    audiences_per_pick: i64,
}

impl<'a> Search<'a> {
    fn new(
        input: &'a Input<'a>,
        candidates: &'a [Candidate],
        pinned: &[(usize, usize)],
        budget: Money,
        work_limit: u64,
    ) -> Search<'a> {
        let days = input.days.len();
        let mut used = vec![false; candidates.len()];
        let mut minutes = vec![0; days];
        let mut open = vec![input.per_day; days];
        let mut kinds = vec![0u8; days];
        for (d, c) in pinned {
            used[*c] = true;
            minutes[*d] += candidates[*c].minutes();
            open[*d] -= 1;
            kinds[*d] |= candidates[*c].kind;
        }
        let order: Vec<Vec<usize>> = (0..days)
            .map(|d| {
                let mut idx: Vec<usize> = (0..candidates.len()).filter(|c| !used[*c]).collect();
                idx.sort_by(|a, b| {
                    candidates[*b].weight[d]
                        .cmp(&candidates[*a].weight[d])
                        .then(a.cmp(b))
                });
                idx
            })
            .collect();
        let prefix = order
            .iter()
            .enumerate()
            .map(|(d, idx)| {
                let mut sums = vec![0];
                for c in idx {
                    sums.push(sums.last().copied().unwrap_or(0) + candidates[*c].weight[d]);
                }
                sums
            })
            .collect();
        let audiences_possible = candidates.iter().fold(0, |m, c| m | c.audiences);
        let audiences_per_pick = candidates
            .iter()
            .map(|c| i64::from(c.audiences.count_ones()))
            .max()
            .unwrap_or(0);
        Search {
            input,
            candidates,
            order,
            prefix,
            open,
            used,
            minutes,
            kinds,
            chosen: vec![Vec::new(); days],
            best: None,
            best_score: i64::MIN,
            work: 0,
            budget,
            work_limit,
            audiences_possible,
            audiences_per_pick,
        }
        .with_pins(pinned)
    }

    fn with_pins(mut self, pinned: &[(usize, usize)]) -> Self {
        for (d, c) in pinned {
            self.chosen[*d].push(*c);
        }
        self
    }

    fn run(&mut self) {
        let mut tally = Tally::default();
        for (d, picks) in self.chosen.clone().iter().enumerate() {
            for c in picks {
                tally = tally.with(&self.candidates[*c], d);
            }
        }
        self.visit(0, 0, tally);
    }

    /// An upper bound on what the open slots from (`d`, sorted position
    /// `from`) on can add, cheap enough to check at every position: each open
    /// slot takes the best weight left for its day, and every uncovered
    /// category, audience and unrecognised day still counts.
    fn coarse_bound(&self, d: usize, from: usize, tally: &Tally) -> i64 {
        let days = self.input.days.len();
        let mut points = 0;
        let mut slots = 0;
        let mut rec_days = 0;
        for day in d..days {
            let left = self.left(day, d);
            if left == 0 {
                continue;
            }
            let start = if day == d { from } else { 0 };
            let end = (start + left).min(self.order[day].len());
            points += self.prefix[day][end] - self.prefix[day][start.min(end)];
            slots += left;
            if tally.recognised_days & (1 << day) == 0 {
                rec_days += 1;
            }
        }
        let slots = i64::try_from(slots).unwrap_or(i64::MAX);
        let categories =
            i64::from((!tally.categories & ((1 << Category::ALL.len()) - 1)).count_ones());
        let audiences = i64::from((self.audiences_possible & !tally.audiences).count_ones());
        points
            + score::VARIETY * categories.min(slots)
            + score::AUDIENCE * audiences.min(slots * self.audiences_per_pick)
            + score::RECOGNITION_DAY * rec_days
    }

    /// A Lagrangian bound on what the open slots can add. Coverage bonuses
    /// (a new category, a new audience, a day's first recognition) are
    /// tokens, each paid once. Price each uncovered token at α of its bonus:
    /// every open slot takes its best affordable, fitting candidate by weight
    /// plus α × the bonuses it would cover now, and the week adds (1 − α) ×
    /// the bonuses still uncovered. For any α in [0, 1] that bounds every
    /// completion (α = 1 lets each slot claim every bonus it touches; α = 0
    /// counts each bonus once but ignores which picks carry it); the bound
    /// is the least over a few α.
    fn marginal_bound(&self, d: usize, from: usize, tally: &Tally) -> i64 {
        // α = k / STEPS, so all arithmetic stays in integers scaled by STEPS.
        const STEPS: i64 = 4;
        let days = self.input.days.len();
        let money_left = self.budget - tally.cost;
        let uncovered = self.uncovered_bonus(d, tally);
        let mut best = i64::MAX;
        let mut top: Vec<i64> = Vec::new();
        for k in 1..=STEPS {
            let mut total = (STEPS - k) * uncovered;
            for day in d..days {
                let left = self.left(day, d);
                if left == 0 {
                    continue;
                }
                let minutes_left = self.input.window - self.minutes[day];
                top.clear();
                let start = if day == d { from } else { 0 };
                for &c in &self.order[day][start..] {
                    let cand = &self.candidates[c];
                    if self.used[c] || cand.cost > money_left || cand.minutes() > minutes_left {
                        continue;
                    }
                    let gain = STEPS * cand.weight[day] + k * marginal(cand, day, tally);
                    let at = top.partition_point(|g| *g >= gain);
                    if at < left {
                        top.insert(at, gain);
                        top.truncate(left);
                    }
                }
                if top.len() < left {
                    // The day can't be filled from here: nothing below this node is a plan.
                    return i64::MIN / 4;
                }
                total += top.iter().sum::<i64>();
            }
            best = best.min(total);
        }
        // Scaled back, rounding up so the bound stays a bound.
        (best + STEPS - 1).div_euclid(STEPS)
    }

    /// The bonuses open slots from day `d` on could still earn: categories
    /// and audiences not yet covered, and days without recognition.
    fn uncovered_bonus(&self, d: usize, tally: &Tally) -> i64 {
        let categories =
            i64::from((!tally.categories & ((1 << Category::ALL.len()) - 1)).count_ones());
        let audiences = i64::from((self.audiences_possible & !tally.audiences).count_ones());
        let days = (d..self.input.days.len())
            .filter(|day| self.left(*day, d) > 0 && tally.recognised_days & (1 << day) == 0)
            .count();
        score::VARIETY * categories
            + score::AUDIENCE * audiences
            + score::RECOGNITION_DAY * i64::try_from(days).unwrap_or(0)
    }

    /// Open slots of `day` not yet filled, when the search is at day `d`.
    fn left(&self, day: usize, d: usize) -> usize {
        if day == d {
            self.open[day] - self.chosen_open(day)
        } else {
            self.open[day]
        }
    }

    /// How many of day `d`'s open slots are already filled by the search.
    fn chosen_open(&self, d: usize) -> usize {
        self.chosen[d].len() - (self.input.per_day - self.open[d])
    }

    fn visit(&mut self, d: usize, from: usize, tally: Tally) {
        let days = self.input.days.len();
        if d == days {
            if tally.points > self.best_score {
                self.best_score = tally.points;
                self.best = Some(self.chosen.clone());
            }
            return;
        }
        if self.chosen_open(d) == self.open[d] {
            self.visit(d + 1, 0, tally);
            return;
        }
        // The bound below scans every candidate for every day left.
        self.work += 1 + (4 * (days - d) * self.candidates.len()) as u64;
        if self.work >= self.work_limit
            || tally.points + self.coarse_bound(d, from, &tally) <= self.best_score
            || tally.points + self.marginal_bound(d, from, &tally) <= self.best_score
        {
            return;
        }
        let window = self.input.window;
        for pos in from..self.order[d].len() {
            // Weights fall with `pos`, so once the bound fails here it fails
            // for every later position too.
            if tally.points + self.coarse_bound(d, pos, &tally) <= self.best_score {
                break;
            }
            let c = self.order[d][pos];
            if self.used[c] {
                continue;
            }
            let cand = &self.candidates[c];
            if tally.cost + cand.cost > self.budget
                || self.minutes[d] + cand.minutes() > window
                || cand.kind & self.kinds[d] != 0
            {
                continue;
            }
            let next = tally.with(cand, d);
            let kinds = self.kinds[d];
            self.used[c] = true;
            self.minutes[d] += cand.minutes();
            self.kinds[d] |= cand.kind;
            self.chosen[d].push(c);
            self.visit(d, pos + 1, next);
            self.chosen[d].pop();
            self.kinds[d] = kinds;
            self.minutes[d] -= cand.minutes();
            self.used[c] = false;
            if self.work >= self.work_limit {
                return;
            }
        }
    }
}

/// What `cand` would add to `tally`'s coverage bonuses on `day`.
fn marginal(cand: &Candidate, day: usize, tally: &Tally) -> i64 {
    let mut gain = score::VARIETY * i64::from((cand.category & !tally.categories).count_ones());
    gain += score::AUDIENCE * i64::from((cand.audiences & !tally.audiences).count_ones());
    if cand.recognition && tally.recognised_days & (1 << day) == 0 {
        gain += score::RECOGNITION_DAY;
    }
    gain
}

/// Orders each day's picks (kick-offs first, recognition late) and places
/// them in the working day in 15-minute steps: kick-offs at the start,
/// meals around noon, afternoon ideas after lunch, the rest spread evenly;
/// after-work events follow the end of the day.
fn place(
    input: &Input<'_>,
    candidates: &[Candidate],
    best: &[Vec<usize>],
    pinned: &[(usize, usize)],
) -> Vec<Vec<Slot>> {
    let mut seen_categories = 0u16;
    let mut seen_audiences = 0u8;
    best.iter()
        .enumerate()
        .map(|(d, picks)| {
            let mut picks = picks.clone();
            picks.sort_by_key(|c| {
                (
                    input.ideas[candidates[*c].idea].time_rank(),
                    candidates[*c].idea,
                )
            });
            let (day_picks, evening): (Vec<usize>, Vec<usize>) = picks
                .iter()
                .partition(|c| candidates[**c].kind & EVENING == 0);
            let lengths: Vec<u32> = day_picks.iter().map(|c| candidates[*c].minutes()).collect();
            let targets: Vec<Option<u32>> = day_picks
                .iter()
                .map(|c| {
                    target(
                        input,
                        &input.ideas[candidates[*c].idea],
                        candidates[*c].minutes(),
                    )
                })
                .collect();
            let mut starts = times(&lengths, &targets, input.window);
            let mut after = input.window;
            for c in &evening {
                starts.push(after);
                after += candidates[*c].waves * candidates[*c].minutes_each;
            }
            let mut recognised = false;
            day_picks
                .iter()
                .chain(&evening)
                .zip(starts)
                .map(|(c, start)| {
                    let cand = &candidates[*c];
                    let idea = &input.ideas[cand.idea];
                    let day = &input.days[d];
                    let audiences: Vec<Audience> = idea
                        .audience
                        .iter()
                        .copied()
                        .filter(|a| {
                            let bit = audience_bit(*a, input.include_customers);
                            bit != 0 && seen_audiences & bit == 0
                        })
                        .collect();
                    seen_audiences |= cand.audiences;
                    let why = Why {
                        pinned: pinned.contains(&(d, *c)),
                        preferred_day: idea.prefers(day.weekday),
                        theme: day.favours.contains(&idea.category),
                        free: cand.cost.is_zero(),
                        new_category: seen_categories & cand.category == 0,
                        recognition: cand.recognition && !recognised,
                        audiences,
                    };
                    seen_categories |= cand.category;
                    recognised |= cand.recognition;
                    Slot {
                        idea: cand.idea,
                        start,
                        waves: cand.waves,
                        minutes_each: cand.minutes_each,
                        cost: cand.cost,
                        why,
                    }
                })
                .collect()
        })
        .collect()
}

/// Where in the working day (minutes from its start) an idea would like to
/// begin: a morning idea at the start, a meal centred on noon, an afternoon
/// idea an hour and a half after noon; `None` for anywhere.
fn target(input: &Input<'_>, idea: &Idea, minutes: u32) -> Option<u32> {
    match idea.time_of_day() {
        TimeOfDay::Morning => Some(0),
        TimeOfDay::Midday => input
            .noon
            .map(|noon| noon.saturating_sub(minutes / 2) / 15 * 15),
        TimeOfDay::Afternoon => Some(input.noon.map_or(input.window / 2, |noon| noon + 90)),
        TimeOfDay::EndOfDay => None,
    }
    .filter(|_| idea.time.is_some() || idea.category == Category::Kickoff || idea.at_midday())
}

/// Start times for activities of `lengths` minutes, in order, in a day of
/// `window` minutes: each at its target where it has one and the others
/// allow, the rest spread evenly, never overlapping or running past the end,
/// and no earlier activity pushing a later one off its target if it can
/// start sooner.
fn times(lengths: &[u32], targets: &[Option<u32>], window: u32) -> Vec<u32> {
    let n = lengths.len();
    // The latest start that still fits everything after it, back to back…
    let mut hard = vec![0; n];
    let mut rest = 0;
    for i in (0..n).rev() {
        rest += lengths[i];
        hard[i] = window.saturating_sub(rest);
    }
    // …and the latest that lets the next activity begin at its target.
    let mut soft = hard.clone();
    for i in (0..n.saturating_sub(1)).rev() {
        let next = targets[i + 1].map_or(soft[i + 1], |t| t.min(soft[i + 1]));
        soft[i] = hard[i].min(next.saturating_sub(lengths[i]));
    }
    let busy: u32 = lengths.iter().sum();
    let (gap, align) = spacing(window - busy, u32::try_from(n).unwrap_or(1));
    let (mut spread, mut free_from, mut previous_end) = (gap, 0, 0);
    let mut starts = Vec::with_capacity(n);
    for i in 0..n {
        let wanted = targets[i].unwrap_or(spread).min(soft[i]);
        let earliest = if free_from <= hard[i] {
            free_from
        } else {
            previous_end
        };
        let start = wanted.max(earliest).min(hard[i]).max(previous_end);
        starts.push(start);
        previous_end = start + lengths[i];
        free_from = previous_end.next_multiple_of(align);
        spread = spread.max(free_from + gap);
    }
    starts
}

/// The gap between activities and the step their starts are rounded up to,
/// for `count` activities with `slack` free minutes in the day: as even a
/// spread as 15-minute steps allow, never running past the day's end.
fn spacing(slack: u32, count: u32) -> (u32, u32) {
    let rounding = 14 * count;
    let mut gap = slack / (count + 1) / 15 * 15;
    while gap > 0 && (count + 1) * gap + rounding > slack {
        gap -= 15;
    }
    if (count + 1) * gap + rounding > slack {
        (0, 1)
    } else {
        (gap, 15)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;
    use proptest::prelude::*;

    use super::{Candidate, DayInput, Error, Input, Slot, Tally, gather, plan};
    use crate::bounded::Bounded;
    use crate::catalog::{Audience, Category, Cost, Idea, IdeaId, Mode, Prep, Text};
    use crate::money::Money;

    fn idea(n: usize, spec: &IdeaSpec) -> Idea {
        Idea {
            id: IdeaId::parse(&format!("idea-{n}")).unwrap(),
            title: Text::from("An idea"),
            summary: String::new(),
            category: Category::ALL[spec.category],
            days: spec
                .days
                .iter()
                .map(|d| crate::catalog::Day(weekday(*d)))
                .collect(),
            cost: Cost {
                fixed: Money::from_cents(spec.fixed * 100),
                per_person: Money::from_cents(spec.per_person * 50),
            },
            duration_minutes: Bounded::new(spec.minutes),
            modes: spec.modes.iter().map(|m| Mode::ALL[*m]).collect(),
            audience: spec.audience.iter().map(|a| Audience::ALL[*a]).collect(),
            lead_time_days: Some(Bounded::new(spec.lead)),
            prep: vec![Prep {
                days_before: Bounded::new(spec.lead),
                task: Text::from("Do it"),
            }],
            off_queue: spec.off_queue,
            source: String::new(),
            time: spec.evening.then_some(crate::catalog::TimeOfDay::EndOfDay),
        }
    }

    fn weekday(d: usize) -> Weekday {
        Weekday::try_from(u8::try_from(d).unwrap()).unwrap()
    }

    #[derive(Debug, Clone)]
    struct IdeaSpec {
        category: usize,
        days: Vec<usize>,
        fixed: i64,
        per_person: i64,
        minutes: i64,
        modes: Vec<usize>,
        audience: Vec<usize>,
        lead: i64,
        off_queue: bool,
        evening: bool,
    }

    #[derive(Debug, Clone)]
    struct Case {
        ideas: Vec<IdeaSpec>,
        days: usize,
        per_day: usize,
        budget: i64,
        team: u32,
        may_leave: u32,
        window: u32,
        mode: usize,
        customers: bool,
        exclude: Vec<usize>,
        pin: Option<(usize, usize)>,
        lead_days: i64,
        seed: u64,
    }

    fn idea_spec() -> impl Strategy<Value = IdeaSpec> {
        (
            0..Category::ALL.len(),
            proptest::collection::vec(0..5usize, 0..3),
            0..60i64,
            0..4i64,
            prop_oneof![Just(15i64), Just(30), Just(60), Just(120), Just(240)],
            prop_oneof![3 => Just(vec![0usize, 1, 2]), 1 => proptest::collection::vec(0..3usize, 1..3)],
            proptest::collection::vec(0..5usize, 1..3),
            0..12i64,
            any::<bool>(),
            proptest::bool::weighted(0.2),
        )
            .prop_map(|(category, days, fixed, per_person, minutes, modes, audience, lead, off_queue, evening)| IdeaSpec {
                category,
                days,
                fixed,
                per_person,
                minutes,
                modes,
                audience,
                lead,
                off_queue,
                evening,
            })
    }

    fn case(max_ideas: usize) -> impl Strategy<Value = Case> {
        (
            proptest::collection::vec(idea_spec(), 2..=max_ideas),
            1..=3usize,
            1..=2usize,
            0..600i64,
            1..=12u32,
            1..=12u32,
            prop_oneof![Just(60u32), Just(180), Just(480)],
            0..3usize,
            any::<bool>(),
            proptest::collection::vec(0..12usize, 0..2),
            proptest::option::of((0..3usize, 0..12usize)),
            (5..40i64, any::<u64>()),
        )
            .prop_map(
                |(
                    ideas,
                    days,
                    per_day,
                    budget,
                    team,
                    may_leave,
                    window,
                    mode,
                    customers,
                    exclude,
                    pin,
                    (lead_days, seed),
                )| Case {
                    ideas,
                    days,
                    per_day,
                    budget,
                    team,
                    may_leave: may_leave.min(team),
                    window,
                    mode,
                    customers,
                    exclude,
                    pin,
                    lead_days,
                    seed,
                },
            )
    }

    struct Built {
        ideas: Vec<Idea>,
        days: Vec<DayInput>,
        exclude: Vec<String>,
        pins: Vec<(usize, String)>,
    }

    fn build(case: &Case) -> Built {
        let ideas: Vec<Idea> = case
            .ideas
            .iter()
            .enumerate()
            .map(|(n, s)| idea(n, s))
            .collect();
        let days = (0..case.days)
            .map(|d| DayInput {
                weekday: weekday(d),
                favours: vec![Category::ALL[d * 2 % 9], Category::ALL[(d * 2 + 1) % 9]],
            })
            .collect();
        let exclude = case
            .exclude
            .iter()
            .filter(|x| **x < ideas.len())
            .map(|x| format!("idea-{x}"))
            .collect::<Vec<_>>();
        let pins = case
            .pin
            .iter()
            .filter(|(d, i)| {
                *d < case.days && *i < ideas.len() && !exclude.contains(&format!("idea-{i}"))
            })
            .map(|(d, i)| (*d, format!("idea-{i}")))
            .collect();
        Built {
            ideas,
            days,
            exclude,
            pins,
        }
    }

    fn input<'a>(case: &Case, built: &'a Built) -> Input<'a> {
        Input {
            ideas: &built.ideas,
            days: &built.days,
            per_day: case.per_day,
            budget: Money::from_cents(case.budget * 100),
            team_size: case.team,
            may_leave: case.may_leave,
            window: case.window,
            noon: None,
            mode: Mode::ALL[case.mode],
            include_customers: case.customers,
            exclude: &built.exclude,
            pins: &built.pins,
            lead_days: case.lead_days,
            seed: case.seed,
            work_limit: u64::MAX,
        }
    }

    /// The best score over every assignment, by plain enumeration; `None`
    /// when no assignment keeps the hard rules.
    fn exhaustive(input: &Input<'_>) -> Option<i64> {
        let (candidates, pinned, _) = gather(input).ok()?;
        let mut best = None;
        let mut days: Vec<Vec<usize>> = vec![Vec::new(); input.days.len()];
        let mut used = vec![false; candidates.len()];
        fill(
            input,
            &candidates,
            &pinned,
            0,
            &mut days,
            &mut used,
            &mut best,
        );
        best
    }

    fn fill(
        input: &Input<'_>,
        candidates: &[Candidate],
        pinned: &[(usize, usize)],
        slot: usize,
        days: &mut Vec<Vec<usize>>,
        used: &mut Vec<bool>,
        best: &mut Option<i64>,
    ) {
        let total = input.days.len() * input.per_day;
        if slot == total {
            let ok_pins = pinned.iter().all(|(d, c)| days[*d].contains(c));
            let mut tally = Tally::default();
            for (d, picks) in days.iter().enumerate() {
                // After-work events take none of the day's hours.
                let minutes: u32 = picks
                    .iter()
                    .map(|c| &candidates[*c])
                    .filter(|c| !input.ideas[c.idea].ends_the_day())
                    .map(|c| c.waves * c.minutes_each)
                    .sum();
                if minutes > input.window {
                    return;
                }
                // One meal and one after-work event a day, unless pins bring more.
                let kinds: [fn(&Idea) -> bool; 2] = [Idea::at_midday, Idea::ends_the_day];
                for is_kind in kinds {
                    let of_kind = |c: &usize| is_kind(&input.ideas[candidates[*c].idea]);
                    let pinned_one = pinned.iter().any(|(pd, c)| *pd == d && of_kind(c));
                    let open = picks
                        .iter()
                        .filter(|c| of_kind(c) && !pinned.contains(&(d, **c)))
                        .count();
                    if open > usize::from(!pinned_one) {
                        return;
                    }
                }
                for c in picks {
                    tally = tally.with(&candidates[*c], d);
                }
            }
            if ok_pins && tally.cost <= input.budget {
                *best = Some(best.map_or(tally.points, |b: i64| b.max(tally.points)));
            }
            return;
        }
        let d = slot / input.per_day;
        for c in 0..candidates.len() {
            // Within a day, picks in increasing order, so each set is seen once.
            if used[c] || days[d].last().is_some_and(|last| *last > c) {
                continue;
            }
            used[c] = true;
            days[d].push(c);
            fill(input, candidates, pinned, slot + 1, days, used, best);
            days[d].pop();
            used[c] = false;
        }
    }

    /// Runs `compare` on deterministic random cases until it has compared
    /// 250 that have a plan; `compare` says whether the case had one.
    fn on_random_cases(mut compare: impl FnMut(&Case, &Input<'_>) -> bool) {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let strategy = case(8);
        let mut compared = 0;
        for _ in 0..5000 {
            let case = strategy.new_tree(&mut runner).unwrap().current();
            let built = build(&case);
            compared += usize::from(compare(&case, &input(&case, &built)));
            if compared == 250 {
                return;
            }
        }
        panic!("only {compared} random cases had a plan");
    }

    /// The planner finds exactly the best score plain enumeration finds, on
    /// 250 random small catalogs and configs that have a plan (and agrees
    /// that the others have none).
    #[test]
    fn the_planner_matches_exhaustive_search() {
        on_random_cases(|case, input| {
            let expected = exhaustive(input);
            match plan(input) {
                Ok(schedule) => {
                    assert!(schedule.proven, "{case:?}");
                    assert_eq!(Some(schedule.score), expected, "{case:?}");
                }
                Err(
                    Error::PinUnsuitable { .. }
                    | Error::TooManyPins { .. }
                    | Error::PinsTooLong { .. },
                ) => {}
                Err(e) => assert_eq!(expected, None, "planner said {e} for {case:?}"),
            }
            expected.is_some()
        });
    }

    /// So does the integer program alone, its answer checked exactly.
    #[test]
    fn the_integer_program_matches_exhaustive_search() {
        on_random_cases(|case, input| {
            let Ok((candidates, pinned, _)) = gather(input) else {
                return false;
            };
            let expected = exhaustive(input);
            let solved =
                super::milp::solve(input, &candidates, &pinned, input.budget, u64::MAX, None);
            if let Some((_, proven)) = &solved {
                assert!(proven, "{case:?}");
            }
            let found = solved.and_then(|(picks, _)| {
                super::check(input, &candidates, &pinned, input.budget, &picks)
            });
            assert_eq!(found, expected, "{case:?}");
            expected.is_some()
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// The hard rules hold for every plan, and the same input gives the same plan.
        #[test]
        fn plans_keep_the_hard_rules(case in case(12)) {
            let built = build(&case);
            let input = input(&case, &built);
            let Ok(schedule) = plan(&input) else { return Ok(()) };
            prop_assert_eq!(&plan(&input).unwrap(), &schedule);
            let cost: Money = schedule.days.iter().flatten().map(|s| s.cost).sum();
            prop_assert!(cost <= input.budget);
            let mut seen = Vec::new();
            for (d, slots) in schedule.days.iter().enumerate() {
                prop_assert_eq!(slots.len(), input.per_day);
                let mut free_from = 0;
                for slot in slots {
                    let idea = &input.ideas[slot.idea];
                    prop_assert!(!seen.contains(&slot.idea));
                    seen.push(slot.idea);
                    prop_assert!(!input.exclude.contains(&idea.id.to_string()));
                    prop_assert!(idea.suits(input.mode));
                    prop_assert!(input.include_customers || !idea.involves_customers());
                    prop_assert!(i64::from(idea.lead_time().as_u32()) <= input.lead_days);
                    if idea.ends_the_day() {
                        prop_assert!(slot.start >= input.window, "after work starts after hours");
                    } else {
                        prop_assert!(slot.start >= free_from && slot.end() <= input.window);
                    }
                    free_from = slot.end();
                    if idea.off_queue && !idea.ends_the_day() {
                        // Each wave leaves at least the covered share on the queue.
                        let per_wave = input.team_size.div_ceil(slot.waves);
                        prop_assert!(per_wave <= input.may_leave, "{} people per wave", per_wave);
                    }
                }
                let kinds: [fn(&Idea) -> bool; 2] = [Idea::at_midday, Idea::ends_the_day];
                for is_kind in kinds {
                    let pinned_here = |s: &&Slot| input.pins.iter().any(|(pd, id)| *pd == d && input.ideas[s.idea].id.as_str() == id);
                    let open = slots.iter().filter(|s| is_kind(&input.ideas[s.idea]) && !pinned_here(s)).count();
                    let pinned_one = slots.iter().any(|s| is_kind(&input.ideas[s.idea]) && pinned_here(&s));
                    prop_assert!(open <= usize::from(!pinned_one), "{} of a one-a-day kind on day {}", open, d);
                }
                for (pd, id) in input.pins {
                    if *pd == d {
                        prop_assert!(slots.iter().any(|s| input.ideas[s.idea].id.as_str() == id));
                    }
                }
            }
        }
    }
}
