//! The search for the best plan: a branch and bound on the Lagrangian bound
//! of `bound`, which proves the plan it finds best; a first plan from the
//! relaxation to beat. Past its allowance, its best plan seeds the integer
//! program.

use super::bound::{Covered, EPSILON, Entry, Node, Prices, Relaxation};
use super::input::{Candidate, Column, Input, one_of_each_kind};
use super::milp;
use super::score::{Tally, marginal};
use crate::money::Money;

/// How many branch-and-bound nodes the integer program may explore; the
/// examples need a few hundred.
pub(super) const MILP_NODES: u64 = 5_000;

/// With several groups, the allowance of a first, short search within the
/// budget, before a first plan from the budget split among the groups.
pub(super) const FIRST_TRY: u64 = 100_000;

/// The search's allowance before the integer program takes over, in
/// candidates examined: some tens of milliseconds.
pub(super) const QUICK_WORK: u64 = 3_000_000;

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
    first: Option<Vec<Vec<usize>>>,
) -> Option<(Vec<Vec<usize>>, i64, bool)> {
    // Enough to settle every example many times over. The search stops on
    // its own as soon as its bound leaves nothing to gain; past the
    // allowance the integer program takes over, or, on a shortlist, which
    // can't be proven best anyway, the best plan found stands.
    let limit = input.work_limit.min(QUICK_WORK);
    let limited = (budget < Money::from_cents(i64::MAX / 4)).then_some(budget);
    let mut search = Search::new(input, candidates, pinned, limited, limit);
    // A first plan to beat, if it keeps every rule.
    if let Some(plan) = first
        && let Some(score) = check(input, candidates, pinned, budget, &plan)
    {
        search.best = Some(plan);
        search.best_score = score;
    }
    search.run();
    if search.best.is_some() && search.finished() {
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
    let columns = input.columns();
    if picks.len() != columns.len() {
        return None;
    }
    for (d, (day, column)) in picks.iter().zip(&columns).enumerate() {
        let minutes: u32 = day.iter().map(|c| candidates[*c].minutes()).sum();
        if day.len() != column.slots
            || minutes > column.window
            || !one_of_each_kind(candidates, pinned, d, day)
        {
            return None;
        }
        for c in day {
            if candidates[*c].group != column.group || std::mem::replace(&mut seen[*c], true) {
                return None;
            }
            tally = tally.with(&candidates[*c], d);
        }
    }
    let pins_kept = pinned.iter().all(|(d, c)| picks[*d].contains(c));
    (pins_kept && tally.cost <= budget).then_some(tally.points)
}

/// Branch and bound over (day, slot): each day's open slots are filled in
/// turn, each pick later in the day's order than the one before, so every
/// plan is met once. The day's order puts first what the root's prices
/// value most, so good plans come early; every node is bounded by the
/// Lagrangian relaxation, its prices carried down from its parent and
/// tightened by a few steps of their own.
pub(super) struct Search<'a> {
    candidates: &'a [Candidate],
    /// The days the search fills: each group's days (see [`Input::columns`]).
    columns: Vec<Column>,
    /// Minutes in each day's hours.
    window: Vec<u32>,
    relaxation: Relaxation<'a>,
    /// Per day: open candidates, best first.
    order: Vec<Vec<usize>>,
    /// The relaxation's facts of each day's order.
    entries: Vec<Vec<Entry>>,
    longest: Vec<Vec<u32>>,
    /// Whether candidate `c` may go on day `d`, at `c * days + d`.
    allowed: Vec<bool>,
    /// Open slots left per day.
    left: Vec<usize>,
    used: Vec<bool>,
    minutes: Vec<u32>,
    /// Per day, the one-a-day kinds it has already.
    kinds: Vec<u8>,
    chosen: Vec<Vec<usize>>,
    pub(super) best: Option<Vec<Vec<usize>>>,
    pub(super) best_score: i64,
    /// Candidates examined so far.
    pub(super) work: u64,
    /// The most the plan may cost; `None` for no limit.
    budget: Option<Money>,
    /// How much work the search may do.
    work_limit: u64,
    scratch: (Vec<f64>, Vec<f64>),
    /// Per day that opens a group other than the first: what searches from
    /// there have proven. Groups share nothing but the budget, so what the
    /// groups from there can add depends on the money left alone, and
    /// grows with it: each fact (money, points) says that with at most that
    /// money they add at most those points.
    proven: Vec<Option<Vec<(Money, i64)>>>,
}

/// Subgradient steps at the root, where the prices are found (the first
/// round in full, for the plan made from them; the second until the steps
/// no longer move the bound), and at each
/// node, where they are only adjusted.
const ROOT_STEPS: [i32; 2] = [15, -120];
const NODE_STEPS: i32 = -1;

impl<'a> Search<'a> {
    pub(super) fn new(
        input: &'a Input<'a>,
        candidates: &'a [Candidate],
        pinned: &[(usize, usize)],
        budget: Option<Money>,
        work_limit: u64,
    ) -> Search<'a> {
        let columns = input.columns();
        let days = columns.len();
        let mut used = vec![false; candidates.len()];
        let mut minutes = vec![0; days];
        let mut left: Vec<usize> = columns.iter().map(|col| col.slots).collect();
        let mut kinds = vec![0u8; days];
        let mut chosen = vec![Vec::new(); days];
        for (d, c) in pinned {
            used[*c] = true;
            minutes[*d] += candidates[*c].minutes();
            left[*d] -= 1;
            kinds[*d] |= candidates[*c].kind;
            chosen[*d].push(*c);
        }
        // Each day is open to its group's candidates.
        let order: Vec<Vec<usize>> = columns
            .iter()
            .map(|column| {
                (0..candidates.len())
                    .filter(|c| !used[*c] && candidates[*c].group == column.group)
                    .collect()
            })
            .collect();
        let relaxation = Relaxation::new(candidates, input.groups, &columns, budget);
        let entries = relaxation.entries(&order);
        let longest = Relaxation::longest(&entries);
        let allowed = candidates
            .iter()
            .flat_map(|cand| columns.iter().map(move |col| col.group == cand.group))
            .collect();
        let proven = (0..days)
            .map(|d| (d > 0 && columns[d].group != columns[d - 1].group).then(Vec::new))
            .collect();
        Search {
            candidates,
            window: columns.iter().map(|col| col.window).collect(),
            columns,
            relaxation,
            order,
            entries,
            longest,
            allowed,
            left,
            used,
            minutes,
            kinds,
            chosen,
            best: None,
            best_score: i64::MIN,
            work: 0,
            budget,
            work_limit,
            scratch: (Vec::new(), Vec::new()),
            proven,
        }
    }

    /// Whether the search finished within its allowance, so that its best
    /// plan, if any, is proven best.
    pub(super) fn finished(&self) -> bool {
        self.work < self.work_limit
    }

    fn money_left(&self, tally: &Tally) -> Money {
        self.budget
            .map_or(Money::from_cents(i64::MAX / 4), |b| b - tally.cost)
    }

    fn node(&self, d: usize, from: usize, tally: &Tally) -> Node<'_> {
        Node {
            used: &self.used,
            minutes: &self.minutes,
            kinds: &self.kinds,
            left: &self.left,
            day: d,
            from,
            order: &self.order,
            entries: &self.entries,
            longest: &self.longest,
            allowed: &self.allowed,
            money_left: self.money_left(tally),
            covered: Covered::of(tally),
        }
    }

    pub(super) fn run(&mut self) {
        let mut tally = Tally::default();
        for (d, picks) in self.chosen.iter().enumerate() {
            for c in picks {
                tally = tally.with(&self.candidates[*c], d);
            }
        }
        self.greedy(tally);
        // A first round of prices, then a plan from the relaxation's own
        // picks at them, improved by swaps; then prices against that plan.
        let mut prices = self.relaxation.initial();
        let mut root = None;
        for (round, steps) in ROOT_STEPS.into_iter().enumerate() {
            root = self.tighten(0, 0, &tally, &mut prices, steps);
            let Some(bound) = root else {
                return;
            };
            // A plan from the relaxation's picks at these prices, unless
            // the bound already proves the best one found.
            if round == 0 || bound >= self.target(&tally) - EPSILON {
                let ranked = self.relaxation.ranked(&self.node(0, 0, &tally), &prices);
                self.plan_from_ranked(&ranked, tally);
                self.improve();
            }
        }
        let Some(root) = root else {
            return;
        };
        let target = self.target(&tally);
        if root < target - EPSILON {
            return;
        }
        let mut allowed = self.allowed.clone();
        self.relaxation.fix(
            &self.node(0, 0, &tally),
            &prices,
            target - EPSILON,
            &mut allowed,
        );
        self.allowed = allowed;
        self.sort_by(&prices, &Covered::of(&tally));
        self.visit(0, 0, tally, prices);
    }

    /// A plan from each day's ranked picks, in turn, skipping what no longer fits.
    fn plan_from_ranked(&mut self, ranked: &[Vec<(f64, usize)>], tally: Tally) {
        let mut plan = Partial {
            used: self.used.clone(),
            minutes: self.minutes.clone(),
            kinds: self.kinds.clone(),
            chosen: self.chosen.clone(),
            tally,
        };
        let mut slots_after: usize = self.left.iter().sum();
        let mut items: Vec<(f64, usize)> = Vec::new();
        let mut picks: Vec<(f64, usize)> = Vec::new();
        let mut work = 0;
        for (d, ranked) in ranked.iter().enumerate() {
            let left = self.left[d];
            if left == 0 {
                continue;
            }
            // The day's best picks that fit its hours, if the money allows
            // them and the cheapest way to fill the slots after them.
            items.clear();
            items.extend(ranked.iter().filter(|(_, c)| !plan.used[*c]));
            let whole = self.relaxation.fill(
                &items,
                left,
                self.window[d] - plan.minutes[d],
                plan.kinds[d],
                &mut picks,
                &mut work,
            );
            let day_cost: Money = picks.iter().map(|(_, c)| self.candidates[*c].cost).sum();
            let reserve: Money = self
                .costs_left(&plan.used, &picks)
                .iter()
                .take(slots_after - left)
                .copied()
                .sum();
            if whole && day_cost + reserve <= self.money_left(&plan.tally) {
                for &(_, c) in &picks {
                    plan.add(&self.candidates[c], c, d);
                }
                slots_after -= left;
                continue;
            }
            // Else slot by slot, each pick the best that leaves money for
            // the cheapest slots after it.
            for _ in 0..left {
                slots_after -= 1;
                let costs = self.costs_left(&plan.used, &[]);
                let first: Money = costs.iter().take(slots_after).copied().sum();
                let next = costs.get(slots_after).copied();
                let money_left = self.money_left(&plan.tally);
                let pick = ranked.iter().map(|(_, c)| *c).find(|c| {
                    let cand = &self.candidates[*c];
                    let reserve = match next {
                        Some(next) if cand.cost <= next => first + next - cand.cost,
                        _ => first,
                    };
                    !plan.used[*c]
                        && cand.cost + reserve <= money_left
                        && plan.minutes[d] + cand.minutes() <= self.window[d]
                        && cand.kind & plan.kinds[d] == 0
                });
                let Some(c) = pick else {
                    return;
                };
                plan.add(&self.candidates[c], c, d);
            }
        }
        self.work += work;
        if plan.tally.points > self.best_score {
            self.best = Some(plan.chosen);
            self.best_score = plan.tally.points;
        }
    }

    /// The costs of the candidates neither `used` nor in `picks`, cheapest
    /// first. With several groups, a lower bound on what the slots cost.
    fn costs_left(&self, used: &[bool], picks: &[(f64, usize)]) -> Vec<Money> {
        let mut costs: Vec<Money> = (0..self.candidates.len())
            .filter(|c| !used[*c] && !picks.iter().any(|p| p.1 == *c))
            .map(|c| self.candidates[c].cost)
            .collect();
        costs.sort_unstable();
        costs
    }

    /// Improves the best plan by single changes while one helps: an open
    /// pick replaced by an unused candidate, or two open picks of different
    /// days swapped.
    fn improve(&mut self) {
        let Some(mut plan) = self.best.clone() else {
            return;
        };
        let days = plan.len();
        // Pins come first in each day's picks, and stay.
        let pinned_count: Vec<usize> = (0..days)
            .map(|d| self.columns[d].slots - self.left[d])
            .collect();
        let mut in_plan = vec![false; self.candidates.len()];
        for c in plan.iter().flatten() {
            in_plan[*c] = true;
        }
        let mut score = self.best_score;
        let mut rounds = 0;
        loop {
            rounds += 1;
            let mut improved = false;
            let cost: Money = plan
                .iter()
                .flatten()
                .map(|c| self.candidates[*c].cost)
                .sum();
            for d in 0..days {
                for i in pinned_count[d]..plan[d].len() {
                    let out = plan[d][i];
                    let o = &self.candidates[out];
                    let minutes: u32 = plan[d]
                        .iter()
                        .map(|c| self.candidates[*c].minutes())
                        .sum::<u32>()
                        - o.minutes();
                    let kinds = plan[d]
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .fold(0, |k, (_, c)| k | self.candidates[*c].kind);
                    for inn in 0..self.candidates.len() {
                        if in_plan[inn] || !self.allowed[inn * days + d] {
                            continue;
                        }
                        let n = &self.candidates[inn];
                        if self.budget.is_some_and(|b| cost - o.cost + n.cost > b)
                            || minutes + n.minutes() > self.window[d]
                            || n.kind & kinds != 0
                        {
                            continue;
                        }
                        plan[d][i] = inn;
                        let s = self.score_of(&plan);
                        self.work += plan.iter().map(Vec::len).sum::<usize>() as u64;
                        if s > score {
                            score = s;
                            in_plan[out] = false;
                            in_plan[inn] = true;
                            improved = true;
                            break;
                        }
                        plan[d][i] = out;
                    }
                    if improved {
                        break;
                    }
                }
                if improved {
                    break;
                }
            }
            if !improved {
                'swap: for d1 in 0..days {
                    for d2 in d1 + 1..days {
                        if self.columns[d1].group != self.columns[d2].group {
                            continue;
                        }
                        for i1 in pinned_count[d1]..plan[d1].len() {
                            for i2 in pinned_count[d2]..plan[d2].len() {
                                let (a, b) = (plan[d1][i1], plan[d2][i2]);
                                plan[d1][i1] = b;
                                plan[d2][i2] = a;
                                if self.fits(&plan[d1], d1) && self.fits(&plan[d2], d2) {
                                    let s = self.score_of(&plan);
                                    if s > score {
                                        score = s;
                                        improved = true;
                                        break 'swap;
                                    }
                                }
                                plan[d1][i1] = a;
                                plan[d2][i2] = b;
                            }
                        }
                    }
                }
            }
            if !improved || rounds > 100 {
                break;
            }
        }
        if score > self.best_score {
            self.best_score = score;
            self.best = Some(plan);
        }
    }

    /// Whether day `d`'s picks fit its hours and its one-a-day kinds.
    fn fits(&self, picks: &[usize], d: usize) -> bool {
        let minutes: u32 = picks.iter().map(|c| self.candidates[*c].minutes()).sum();
        let mut kinds = 0;
        for c in picks {
            let k = self.candidates[*c].kind;
            if k & kinds != 0 {
                return false;
            }
            kinds |= k;
        }
        minutes <= self.window[d]
    }

    fn score_of(&self, plan: &[Vec<usize>]) -> i64 {
        let mut tally = Tally::default();
        for (d, picks) in plan.iter().enumerate() {
            for c in picks {
                tally = tally.with(&self.candidates[*c], d);
            }
        }
        tally.points
    }

    /// The bound at (`d`, `from`) after up to `steps` price steps towards
    /// beating the best plan (see [`Relaxation::tighten`]).
    fn tighten(
        &mut self,
        d: usize,
        from: usize,
        tally: &Tally,
        prices: &mut Prices,
        steps: i32,
    ) -> Option<f64> {
        let target = self.target(tally);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut work = 0;
        let bound = self.relaxation.tighten(
            &self.node(d, from, tally),
            prices,
            steps,
            target,
            &mut scratch,
            &mut work,
        );
        self.scratch = scratch;
        self.work += work;
        bound
    }

    /// What the open slots must add to beat the best plan.
    fn target(&self, tally: &Tally) -> f64 {
        if self.best.is_some() {
            to_f64(self.best_score + 1 - tally.points)
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Each day's order: by the pick's value at the root's prices.
    fn sort_by(&mut self, prices: &[f64], covered: &Covered) {
        let days = self.columns.len();
        let mut order = std::mem::take(&mut self.order);
        for (d, day) in order.iter_mut().enumerate() {
            let mut keyed: Vec<(f64, usize)> = day
                .iter()
                .filter(|c| self.allowed[*c * days + d])
                .map(|c| (self.relaxation.value(*c, d, covered, prices), *c))
                .collect();
            keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            *day = keyed.into_iter().map(|(_, c)| c).collect();
        }
        self.entries = self.relaxation.entries(&order);
        self.longest = Relaxation::longest(&self.entries);
        self.order = order;
    }

    /// A first plan, to bound against from the start: each day's picks by
    /// their weight alone.
    fn greedy(&mut self, tally: Tally) {
        let ranked: Vec<Vec<(f64, usize)>> = (0..self.columns.len())
            .map(|d| {
                let mut day: Vec<(f64, usize)> = self.order[d]
                    .iter()
                    .map(|c| (to_f64(self.candidates[*c].weight[d]), *c))
                    .collect();
                day.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                day
            })
            .collect();
        self.plan_from_ranked(&ranked, tally);
    }

    /// Visits the node at day `d`, position `from`; on entering a group,
    /// first asks what searches from there have proven, and then adds what
    /// this one proves.
    fn visit(&mut self, d: usize, from: usize, tally: Tally, prices: Prices) {
        let entering = from == 0 && self.proven.get(d).is_some_and(Option::is_some);
        if !entering {
            self.explore(d, from, tally, prices);
            return;
        }
        let money = self.money_left(&tally);
        let facts = self.proven[d].as_deref().unwrap_or_default();
        if self.best.is_some()
            && facts
                .iter()
                .any(|(m, most)| *m >= money && tally.points + most <= self.best_score)
        {
            return;
        }
        self.explore(d, from, tally, prices);
        // Every plan from here scores at most the best found, or was cut
        // for scoring no more.
        if self.best.is_some() && self.work < self.work_limit {
            let most = self.best_score - tally.points;
            if let Some(facts) = &mut self.proven[d] {
                facts.retain(|(m, t)| !(*m <= money && *t >= most));
                facts.push((money, most));
            }
        }
    }

    fn explore(&mut self, d: usize, from: usize, tally: Tally, mut prices: Prices) {
        let days = self.columns.len();
        if d == days {
            if tally.points > self.best_score {
                self.best_score = tally.points;
                self.best = Some(self.chosen.clone());
            }
            return;
        }
        if self.left[d] == 0 {
            self.visit(d + 1, 0, tally, prices);
            return;
        }
        if self.work >= self.work_limit {
            return;
        }
        if self.left[d + 1..].iter().all(|l| *l == 0) {
            self.last_day(d, from, tally);
            return;
        }
        let target = self.target(&tally);
        let bound = self.tighten(d, from, &tally, &mut prices, NODE_STEPS);
        let Some(bound) = bound.filter(|bound| *bound >= target - EPSILON) else {
            return;
        };
        // Children whose bound, with their pick forced in, can't win.
        let node = self.node(d, from, &tally);
        let ranked = self.relaxation.ranked_day(&node, &prices, d);
        self.work += ranked.len() as u64;
        let mut promising = vec![false; self.candidates.len()];
        for (c, forced) in self.relaxation.forced(
            self.left[d],
            self.window[d] - self.minutes[d],
            &ranked,
            bound,
        ) {
            promising[c] = forced >= target - EPSILON;
        }
        let window = self.window[d];
        for pos in from..self.order[d].len() {
            let c = self.order[d][pos];
            if self.used[c] || !self.allowed[c * days + d] || !promising[c] {
                continue;
            }
            let cand = &self.candidates[c];
            if self.budget.is_some_and(|b| tally.cost + cand.cost > b)
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
            self.left[d] -= 1;
            self.chosen[d].push(c);
            self.visit(d, pos + 1, next, prices.clone());
            self.chosen[d].pop();
            self.left[d] += 1;
            self.kinds[d] = kinds;
            self.minutes[d] -= cand.minutes();
            self.used[c] = false;
            if self.work >= self.work_limit {
                return;
            }
        }
    }
}

/// A plan being built outside the search, for a first plan to beat.
struct Partial {
    used: Vec<bool>,
    minutes: Vec<u32>,
    kinds: Vec<u8>,
    chosen: Vec<Vec<usize>>,
    tally: Tally,
}

impl Partial {
    fn add(&mut self, cand: &Candidate, c: usize, d: usize) {
        self.used[c] = true;
        self.minutes[d] += cand.minutes();
        self.kinds[d] |= cand.kind;
        self.chosen[d].push(c);
        self.tally = self.tally.with(cand, d);
    }
}

impl Search<'_> {
    /// The last day with open slots: its picks need no relaxation. Each
    /// candidate's gain on top of the plan so far bounds what it adds, since
    /// coverage only grows, so the best gains left bound every completion.
    fn last_day(&mut self, d: usize, from: usize, tally: Tally) {
        let money_left = self.money_left(&tally);
        let minutes_left = self.window[d] - self.minutes[d];
        let days = self.columns.len();
        let mut gains: Vec<(i64, usize)> = self.order[d][from..]
            .iter()
            .copied()
            .filter(|&c| {
                let cand = &self.candidates[c];
                !self.used[c]
                    && self.allowed[c * days + d]
                    && cand.cost <= money_left
                    && cand.minutes() <= minutes_left
                    && cand.kind & self.kinds[d] == 0
            })
            .map(|c| {
                let cand = &self.candidates[c];
                (cand.weight[d] + marginal(cand, d, &tally), c)
            })
            .collect();
        self.work += gains.len() as u64;
        gains.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let left = self.left[d];
        self.pick_last(d, &gains, 0, left, tally);
    }

    fn pick_last(
        &mut self,
        d: usize,
        gains: &[(i64, usize)],
        from: usize,
        left: usize,
        tally: Tally,
    ) {
        if left == 0 {
            if tally.points > self.best_score {
                self.best_score = tally.points;
                self.best = Some(self.chosen.clone());
            }
            return;
        }
        for i in from..gains.len() {
            let ceiling: i64 = gains[i..].iter().take(left).map(|g| g.0).sum();
            if gains.len() - i < left || tally.points + ceiling <= self.best_score {
                return;
            }
            let c = gains[i].1;
            let cand = &self.candidates[c];
            if self.budget.is_some_and(|b| tally.cost + cand.cost > b)
                || self.minutes[d] + cand.minutes() > self.window[d]
                || cand.kind & self.kinds[d] != 0
            {
                continue;
            }
            self.work += 1;
            let kinds = self.kinds[d];
            self.minutes[d] += cand.minutes();
            self.kinds[d] |= cand.kind;
            self.chosen[d].push(c);
            self.pick_last(d, gains, i + 1, left - 1, tally.with(cand, d));
            self.chosen[d].pop();
            self.kinds[d] = kinds;
            self.minutes[d] -= cand.minutes();
        }
    }
}

fn to_f64(points: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // points are small integers
    let points = points as f64;
    points
}
