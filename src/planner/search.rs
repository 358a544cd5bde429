//! The search for the best plan: a branch and bound that settles small
//! problems and seeds the integer program, which proves larger ones.

use super::input::{Candidate, Input, one_of_each_kind};
use super::milp;
use super::score::{self, Tally, marginal};
use crate::catalog::Category;
use crate::money::Money;

/// How many branch-and-bound nodes the integer program may explore; the
/// examples need a few hundred.
pub(super) const MILP_NODES: u64 = 5_000;

/// The search's allowance before the integer program takes over, in
/// candidates examined: about a millisecond.
pub(super) const QUICK_WORK: u64 = 100_000;

/// The best plan within `budget`: its picks per day, its score, and whether
/// it is proven best. A short branch-and-bound search settles small problems
/// outright; otherwise, when `exact`, its best plan seeds the integer
/// program, whose answer is kept only if it keeps every rule, checked
/// exactly; when not, the search has the whole allowance.
pub(super) fn solve(
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
pub(super) fn check(
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
pub(super) const SHORTLIST_ABOVE: usize = 400;

/// For a very large catalog, a shortlist the search can cover: the pins;
/// for each day its best ideas, overall and in each category; and the
/// cheapest ideas, so a tight budget still has choices. Returns the kept
/// candidates and the pins renumbered to match.
pub(super) fn shortlist(
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

/// Branch and bound over (day, slot), filling each day's open slots with
/// candidates in descending order of that day's weight.
pub(super) struct Search<'a> {
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
