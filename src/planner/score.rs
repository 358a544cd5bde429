//! The score, in points. The README documents these.

use super::input::{Candidate, DayInput, Group, Input};
use crate::catalog::{Audience, Category, Idea};
use crate::hash::fnv1a;
use crate::money::Money;

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

/// The default seed: the company and the year, so each year's plan differs.
pub fn default_seed(company: &str, year: i32) -> u64 {
    fnv1a(format!("{company}\u{1f}{year}").as_bytes())
}

pub(super) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Bits for the audiences that count towards the score.
pub(super) fn audience_bit(audience: Audience, include_customers: bool) -> u8 {
    match audience {
        Audience::Team => 1,
        Audience::Leaders => 2,
        Audience::WholeCompany => 4,
        Audience::Customers if include_customers => 8,
        Audience::Customers | Audience::Families => 0,
    }
}

pub(super) fn category_bit(category: Category) -> u16 {
    1 << (Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0))
}

pub(super) fn pick_score(
    idea: &Idea,
    day: &DayInput,
    d: usize,
    cost: Money,
    group: &Group,
    input: &Input<'_>,
) -> i64 {
    let mut points = 0;
    if idea.prefers(day.weekday) {
        points += PREFERRED_DAY;
    }
    if day.favours.contains(&idea.category) {
        points += THEME;
    }
    points += value(cost, group.team_size);
    let fresh = mix(input.seed ^ mix(fnv1a(idea.id.as_str().as_bytes()) ^ d as u64));
    points + i64::try_from(fresh % (FRESH as u64 + 1)).unwrap_or(0)
}

/// Value for money and treat points, per [`VALUE`] and [`TREAT`],
/// from the cost per person.
pub(super) fn value(cost: Money, team_size: u32) -> i64 {
    let per_person = cost.cents() / i64::from(team_size.max(1));
    let value = (VALUE - per_person / VALUE_STEP).max(0);
    let treat = (TREAT * per_person / TREAT_FULL).min(TREAT);
    value + treat
}

/// The running totals of a partial plan. The bits of each group's
/// categories and audiences sit side by side (see [`Candidate`]), so each
/// group earns its own.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Tally {
    pub(super) cost: Money,
    pub(super) categories: u64,
    pub(super) audiences: u64,
    /// The columns with a recognition activity.
    pub(super) recognised_days: u64,
    pub(super) points: i64,
}

impl Tally {
    /// The tally with `cand` added on column `d`.
    pub(super) fn with(mut self, cand: &Candidate, d: usize) -> Tally {
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

/// What `cand` would add to `tally`'s coverage bonuses on `day`.
pub(super) fn marginal(cand: &Candidate, day: usize, tally: &Tally) -> i64 {
    // One category, and few audiences, each.
    let mut gain = if cand.category & !tally.categories == 0 {
        0
    } else {
        VARIETY
    };
    let audiences = cand.audiences & !tally.audiences;
    if audiences != 0 {
        gain += AUDIENCE * i64::from(audiences.count_ones());
    }
    if cand.recognition && tally.recognised_days & (1 << day) == 0 {
        gain += RECOGNITION_DAY;
    }
    gain
}
