//! The bound that lets the search prove a plan best: a Lagrangian
//! relaxation of the planning problem.
//!
//! Three kinds of rule tie the days together: the budget, "no idea twice",
//! and the week's coverage bonuses (a category, an audience or a day's
//! recognition earns its points once, however many picks carry it). Each
//! gets a price, and so does each day's hours. A pick is then worth its
//! weight, plus the prices of the bonuses it carries, less the prices of the
//! money, the minutes and the idea it uses; each day takes its best picks
//! on its own (at most one meal and one after-work event); and the week adds
//! what is left of each bonus over its price, and the prices of what it
//! has left. For any prices of zero or more that bounds every plan from
//! the node (weak duality); subgradient steps look for prices that make it
//! tight, which is as tight as the integer program's linear relaxation.
//!
//! A "day" here is a column: one group's day (see [`Input::columns`]), with
//! that group's hours.
//!
//! [`Input::columns`]: super::Input::columns

use super::input::{Candidate, Column, EVENING, Group, MEAL};
use super::score::{AUDIENCE, RECOGNITION_DAY, Tally, VARIETY};
use crate::catalog::Category;
use crate::money::Money;

/// A day's coverage bonuses as bits: its group's nine categories, then its
/// group's four audiences, then its own recognition. Across days they are
/// tokens, each with a price of its own: each group's thirteen in turn,
/// then each day's recognition.
pub(super) type Tokens = u32;
const AUDIENCE_BITS: u32 = 9;
const RECOGNITION_BIT: u32 = 13;
const DAY_BITS: usize = 14;
const GROUP_TOKENS: usize = 13;

/// The bonuses a partial plan has earned, for every group and day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Covered {
    categories: u64,
    audiences: u64,
    days: u64,
}

impl Covered {
    pub(super) fn of(tally: &Tally) -> Covered {
        Covered {
            categories: tally.categories,
            audiences: tally.audiences,
            days: tally.recognised_days,
        }
    }
}

/// The fixed facts of the relaxation: each candidate's tokens per day, and
/// its money and minutes as shares of the budget and of the day.
pub(super) struct Relaxation<'a> {
    candidates: &'a [Candidate],
    days: usize,
    /// Minutes in each day's hours.
    window: Vec<u32>,
    /// Minutes in each day's group's usual day: what shares of it are of.
    scale: Vec<u32>,
    /// Each day's group.
    group: Vec<usize>,
    /// Where the days' recognition tokens start.
    recognition_from: usize,
    /// Bits of candidate `c` on day `d`, at `c * days + d`.
    tokens: Vec<Tokens>,
    /// Each token's bonus.
    bonus: Vec<f64>,
    /// Cost as a share of the budget; zero without a budget.
    cost: Vec<f64>,
    /// Minutes as a share of the working day.
    minutes: Vec<f64>,
    /// Weight of candidate `c` on day `d`, at `c * days + d`.
    weight: Vec<f64>,
    /// Each candidate's cost in cents, minutes and kind, side by side.
    facts: Vec<(i64, u32, u8)>,
    budget: Option<Money>,
    /// Each day's best picks and its candidates, kept between evaluations.
    buffers: std::cell::RefCell<(Picks, Picks)>,
}

/// Where the search stands: what is used, each day's minutes and one-a-day
/// kinds, the slots still open per day, and where the current day's picks
/// may continue in its order.
pub(super) struct Node<'s> {
    pub(super) used: &'s [bool],
    pub(super) minutes: &'s [u32],
    pub(super) kinds: &'s [u8],
    /// Open slots left on each day.
    pub(super) left: &'s [usize],
    /// The current day, and the position in its order its next pick comes from.
    pub(super) day: usize,
    pub(super) from: usize,
    pub(super) order: &'s [Vec<usize>],
    /// The facts of each day's order, side by side (see [`Entry`]).
    pub(super) entries: &'s [Vec<Entry>],
    /// Per day, the most minutes any `k` of its entries take, at `k`.
    pub(super) longest: &'s [Vec<u32>],
    pub(super) allowed: &'s [bool],
    pub(super) money_left: Money,
    pub(super) covered: Covered,
}

/// What the bound reads of a candidate on a day, packed so that a day's
/// candidates lie side by side in memory.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    weight: f64,
    cost_share: f64,
    minutes_share: f64,
    cost: i64,
    tokens: Tokens,
    candidate: u32,
    minutes: u32,
    kind: u8,
}

/// How far below a target a bound must be to count as below it: scores are
/// whole points, so a bound below best + 1 proves nothing better is left
/// (with room for rounding).
pub(super) const EPSILON: f64 = 1e-6;

/// Candidates with their values at some prices.
type Picks = Vec<(f64, usize)>;

/// The prices, one flat vector: the budget's, each token's, each
/// candidate's, each day's.
pub(super) type Prices = Vec<f64>;

impl<'a> Relaxation<'a> {
    /// `budget`: `None` when the plan may cost anything.
    pub(super) fn new(
        candidates: &'a [Candidate],
        groups: &[Group],
        columns: &[Column],
        budget: Option<Money>,
    ) -> Relaxation<'a> {
        let days = columns.len();
        let recognition_from = GROUP_TOKENS * groups.len();
        let bonus = (0..recognition_from + days)
            .map(|t| {
                points(
                    if t < recognition_from && t % GROUP_TOKENS < AUDIENCE_BITS as usize {
                        VARIETY
                    } else if t < recognition_from {
                        AUDIENCE
                    } else {
                        RECOGNITION_DAY
                    },
                )
            })
            .collect();
        let tokens = candidates
            .iter()
            .flat_map(|c| {
                (0..days).map(move |_| {
                    let (categories, audiences) = c.bits();
                    categories
                        | audiences << AUDIENCE_BITS
                        | Tokens::from(c.recognition) << RECOGNITION_BIT
                })
            })
            .collect();
        let scale = budget.map_or(0.0, |b| cents(b).max(1.0));
        Relaxation {
            candidates,
            days,
            window: columns.iter().map(|c| c.window).collect(),
            scale: columns.iter().map(|c| groups[c.group].window).collect(),
            group: columns.iter().map(|c| c.group).collect(),
            recognition_from,
            tokens,
            bonus,
            cost: candidates
                .iter()
                .map(|c| {
                    if scale > 0.0 {
                        cents(c.cost) / scale
                    } else {
                        0.0
                    }
                })
                .collect(),
            minutes: candidates
                .iter()
                .map(|c| f64::from(c.minutes()) / f64::from(groups[c.group].window.max(1)))
                .collect(),
            weight: candidates
                .iter()
                .flat_map(|c| c.weight.iter().map(|w| points(*w)))
                .collect(),
            facts: candidates
                .iter()
                .map(|c| (c.cost.cents(), c.minutes(), c.kind))
                .collect(),
            budget,
            buffers: std::cell::RefCell::default(),
        }
    }

    /// The token of bit `bit` on day `day`.
    fn token(&self, day: usize, bit: u32) -> usize {
        if bit == RECOGNITION_BIT {
            self.recognition_from + day
        } else {
            GROUP_TOKENS * self.group[day] + bit as usize
        }
    }

    /// Day `day`'s bits of the bonuses earned.
    fn covered_on(&self, covered: &Covered, day: usize) -> Tokens {
        let g = self.group[day];
        let bits = |set: u64, from: usize, width: u32| {
            Tokens::try_from((set >> from) & ((1 << width) - 1)).unwrap_or(0)
        };
        bits(covered.categories, 9 * g, 9)
            | bits(covered.audiences, 4 * g, 4) << AUDIENCE_BITS
            | bits(covered.days, day, 1) << RECOGNITION_BIT
    }

    /// Prices to start from: half of each bonus, nothing else.
    pub(super) fn initial(&self) -> Prices {
        let mut prices = vec![0.0; self.len()];
        for (t, bonus) in self.bonus.iter().enumerate() {
            prices[1 + t] = bonus / 2.0;
        }
        prices
    }

    /// Per day, the most minutes any `k` of its `entries` take, at `k`.
    pub(super) fn longest(entries: &[Vec<Entry>]) -> Vec<Vec<u32>> {
        entries
            .iter()
            .map(|day| {
                let mut minutes: Vec<u32> = day.iter().map(|e| e.minutes).collect();
                minutes.sort_unstable_by(|a, b| b.cmp(a));
                std::iter::once(0)
                    .chain(minutes.iter().scan(0, |sum, m| {
                        *sum += m;
                        Some(*sum)
                    }))
                    .collect()
            })
            .collect()
    }

    /// The entries of each day's `order`.
    pub(super) fn entries(&self, order: &[Vec<usize>]) -> Vec<Vec<Entry>> {
        order
            .iter()
            .enumerate()
            .map(|(d, day)| {
                day.iter()
                    .map(|&c| {
                        let (cost, minutes, kind) = self.facts[c];
                        Entry {
                            weight: self.weight[c * self.days + d],
                            cost_share: self.cost[c],
                            minutes_share: self.minutes[c],
                            cost,
                            candidate: u32::try_from(c).unwrap_or(u32::MAX),
                            minutes,
                            tokens: self.tokens[c * self.days + d],
                            kind,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    fn len(&self) -> usize {
        1 + self.bonus.len() + self.candidates.len() + self.days
    }

    fn candidate_price(&self, c: usize) -> usize {
        1 + self.bonus.len() + c
    }

    fn day_price(&self, d: usize) -> usize {
        1 + self.bonus.len() + self.candidates.len() + d
    }

    /// What the open slots can add at `prices`, and, when `grad` is given,
    /// the subgradient there. `None` when some day can't be filled.
    // One pass over the candidates, kept in one piece: it is the hot loop.
    #[allow(clippy::too_many_lines)]
    pub(super) fn evaluate(
        &self,
        node: &Node<'_>,
        prices: &[f64],
        mut grad: Option<&mut Vec<f64>>,
        work: &mut u64,
    ) -> Option<f64> {
        let limited = self.budget.is_some();
        let money_left = match self.budget {
            Some(budget) => cents(node.money_left) / cents(budget).max(1.0),
            None => 0.0,
        };
        let mut total = prices[0] * money_left;
        if let Some(g) = grad.as_deref_mut() {
            g.clear();
            g.resize(self.len(), 0.0);
            g[0] = money_left;
        }
        // The tokens some candidate may still earn, as bits.
        // The bits some candidate may still earn: each group's, and each day's recognition.
        let mut carried = [0 as Tokens; super::MAX_GROUPS];
        let mut carried_days = 0u64;
        let first_candidate = self.candidate_price(0);
        // Each day's best picks: the best of its plain candidates, its best
        // meal and its best after-work event.
        let mut buffers = self.buffers.borrow_mut();
        let (top, items) = &mut *buffers;
        for day in node.day..self.days {
            let left = node.left[day];
            if left == 0 {
                continue;
            }
            let minutes_left = self.window[day] - node.minutes[day];
            let day_price = prices[self.day_price(day)];
            let share_left = f64::from(minutes_left) / f64::from(self.scale[day].max(1));
            total += day_price * share_left;
            if let Some(g) = grad.as_deref_mut() {
                g[self.day_price(day)] = share_left;
            }
            let start = if day == node.day { node.from } else { 0 };
            top.clear();
            let mut meal: Option<(f64, usize)> = None;
            let mut evening: Option<(f64, usize)> = None;
            let entries = &node.entries[day][start..];
            *work += entries.len() as u64;
            let money_left_cents = if limited {
                node.money_left.cents()
            } else {
                i64::MAX
            };
            let day_kinds = node.kinds[day];
            let covered = self.covered_on(&node.covered, day);
            // The prices of the group's tokens, and of the day's recognition.
            let group_prices = &prices[1 + GROUP_TOKENS * self.group[day]..];
            let recognition_price = prices[1 + self.recognition_from + day];
            let mut carried_here = 0;
            // Whether the hours might bind, so the day's candidates are kept
            // for an exact choice.
            let longest = &node.longest[day];
            let may_bind = longest[left.min(longest.len() - 1)] > minutes_left;
            items.clear();
            for e in entries {
                let c = e.candidate as usize;
                if node.used[c]
                    || e.cost > money_left_cents
                    || e.minutes > minutes_left
                    || e.kind & day_kinds != 0
                {
                    continue;
                }
                let tokens = e.tokens & !covered;
                carried_here |= tokens;
                let mut value = e.weight
                    - prices[0] * e.cost_share
                    - prices[first_candidate + c]
                    - day_price * e.minutes_share;
                let mut bits = tokens & !(1 << RECOGNITION_BIT);
                while bits != 0 {
                    value += group_prices[bits.trailing_zeros() as usize];
                    bits &= bits - 1;
                }
                if tokens & 1 << RECOGNITION_BIT != 0 {
                    value += recognition_price;
                }
                let kind = e.kind;
                if may_bind {
                    items.push((value, c));
                }
                let slot = if kind & MEAL != 0 {
                    &mut meal
                } else if kind & EVENING != 0 {
                    &mut evening
                } else {
                    let at = top.partition_point(|(v, _)| *v >= value);
                    if at < left {
                        top.insert(at, (value, c));
                        top.truncate(left);
                    }
                    continue;
                };
                if slot.is_none_or(|(v, _)| value > v) {
                    *slot = Some((value, c));
                }
            }
            for one in [meal, evening].into_iter().flatten() {
                let at = top.partition_point(|(v, _)| *v >= one.0);
                if at < left {
                    top.insert(at, one);
                    top.truncate(left);
                }
            }
            if top.len() < left {
                return None;
            }
            let minutes: u32 = top.iter().map(|(_, c)| self.candidates[*c].minutes()).sum();
            if minutes > minutes_left {
                // The hours bind: the day's best picks that fit them, from
                // every candidate that fits on its own.
                items.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
                *work += items.len() as u64;
                if !self.fill(items, left, minutes_left, node.kinds[day], top, work) {
                    return None;
                }
            }
            for &(value, c) in top.iter() {
                total += value;
                if let Some(g) = grad.as_deref_mut() {
                    g[0] -= self.cost[c];
                    g[self.candidate_price(c)] -= 1.0;
                    g[self.day_price(day)] -= self.minutes[c];
                    let mut bits = self.tokens[c * self.days + day] & !covered;
                    while bits != 0 {
                        g[1 + self.token(day, bits.trailing_zeros())] += 1.0;
                        bits &= bits - 1;
                    }
                }
            }
            carried[self.group[day]] |= carried_here & !(1 << RECOGNITION_BIT);
            carried_days |= u64::from(carried_here >> RECOGNITION_BIT) << day;
        }
        // Each idea's "at most once", at its price.
        let candidate_prices = &prices[first_candidate..first_candidate + node.used.len()];
        for (c, (used, price)) in node.used.iter().zip(candidate_prices).enumerate() {
            if !used {
                total += price;
                if let Some(g) = grad.as_deref_mut() {
                    g[first_candidate + c] += 1.0;
                }
            }
        }
        // Each bonus still to earn pays what its price leaves of it.
        let groups = carried.iter().enumerate().filter_map(|(g, bits)| {
            let (bits, from) = (u64::from(*bits), GROUP_TOKENS * g);
            (bits != 0).then_some((bits, from))
        });
        for (mut bits, from) in groups.chain([(carried_days, self.recognition_from)]) {
            while bits != 0 {
                let t = from + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let price = prices[1 + t];
                if price < self.bonus[t] {
                    total += self.bonus[t] - price;
                    if let Some(g) = grad.as_deref_mut() {
                        g[1 + t] -= 1.0;
                    }
                }
            }
        }
        if let Some(g) = grad {
            // Only the prices that move: the budget's when there is one, and
            // none below zero.
            if !limited {
                g[0] = 0.0;
            }
            for (g, price) in g.iter_mut().zip(prices) {
                if *price <= 0.0 && *g > 0.0 {
                    *g = 0.0;
                }
            }
        }
        Some(total)
    }

    /// The best `left` of `items` (best first) that fit in `minutes` with at
    /// most one of each one-a-day kind beyond `kinds`, into `picks`; false
    /// when none do. A depth-first search, bounded by the best values left.
    pub(super) fn fill(
        &self,
        items: &[(f64, usize)],
        left: usize,
        minutes: u32,
        kinds: u8,
        picks: &mut Vec<(f64, usize)>,
        work: &mut u64,
    ) -> bool {
        struct Fill<'f> {
            items: &'f [(f64, usize)],
            candidates: &'f [Candidate],
            chosen: Vec<usize>,
            best: Option<(f64, Vec<usize>)>,
            steps: u64,
        }
        impl Fill<'_> {
            fn go(&mut self, from: usize, left: usize, minutes: u32, kinds: u8, value: f64) {
                if left == 0 {
                    if self.best.as_ref().is_none_or(|b| value > b.0) {
                        self.best = Some((value, self.chosen.clone()));
                    }
                    return;
                }
                for i in from..self.items.len() {
                    self.steps += 1;
                    // The rest, best first: nothing later can do better.
                    let ceiling: f64 =
                        value + self.items[i..].iter().take(left).map(|x| x.0).sum::<f64>();
                    if self.best.as_ref().is_some_and(|b| ceiling <= b.0) {
                        return;
                    }
                    let (v, c) = self.items[i];
                    let cand = &self.candidates[c];
                    if cand.minutes() > minutes || cand.kind & kinds != 0 {
                        continue;
                    }
                    self.chosen.push(i);
                    self.go(
                        i + 1,
                        left - 1,
                        minutes - cand.minutes(),
                        kinds | cand.kind,
                        value + v,
                    );
                    self.chosen.pop();
                }
            }
        }
        let mut fill = Fill {
            items,
            candidates: self.candidates,
            chosen: Vec::with_capacity(left),
            best: None,
            steps: 0,
        };
        fill.go(0, left, minutes, kinds, 0.0);
        *work += fill.steps;
        picks.clear();
        let Some((_, chosen)) = fill.best else {
            return false;
        };
        picks.extend(chosen.into_iter().map(|i| items[i]));
        true
    }

    /// Each open day's candidates that fit, with their values at `prices`,
    /// best first.
    pub(super) fn ranked(&self, node: &Node<'_>, prices: &[f64]) -> Vec<Vec<(f64, usize)>> {
        (0..self.days)
            .map(|day| self.ranked_day(node, prices, day))
            .collect()
    }

    /// Day `day`'s part of [`Relaxation::ranked`].
    pub(super) fn ranked_day(
        &self,
        node: &Node<'_>,
        prices: &[f64],
        day: usize,
    ) -> Vec<(f64, usize)> {
        if day < node.day || node.left[day] == 0 {
            return Vec::new();
        }
        let limited = self.budget.is_some();
        let minutes_left = self.window[day] - node.minutes[day];
        let start = if day == node.day { node.from } else { 0 };
        let mut ranked: Vec<(f64, usize)> = node.order[day][start..]
            .iter()
            .copied()
            .filter(|&c| {
                let cand = &self.candidates[c];
                !node.used[c]
                    && node.allowed[c * self.days + day]
                    && !(limited && cand.cost > node.money_left)
                    && cand.minutes() <= minutes_left
                    && cand.kind & node.kinds[day] == 0
            })
            .map(|c| (self.value(c, day, &node.covered, prices), c))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
    }

    /// What candidate `c` is worth on `day` at `prices`.
    pub(super) fn value(&self, c: usize, day: usize, covered: &Covered, prices: &[f64]) -> f64 {
        let cand = &self.candidates[c];
        let mut value = points(cand.weight[day])
            - prices[0] * self.cost[c]
            - prices[self.candidate_price(c)]
            - prices[self.day_price(day)] * self.minutes[c];
        let mut bits = self.tokens[c * self.days + day] & !self.covered_on(covered, day);
        while bits != 0 {
            value += prices[1 + self.token(day, bits.trailing_zeros())];
            bits &= bits - 1;
        }
        value
    }

    /// Rules out the (candidate, day) pairs that can't reach `floor`: with
    /// the pair forced into the plan, the bound at `prices` falls below it.
    pub(super) fn fix(&self, node: &Node<'_>, prices: &[f64], floor: f64, allowed: &mut [bool]) {
        let mut work = 0;
        let Some(bound) = self.evaluate(node, prices, None, &mut work) else {
            return;
        };
        let ranked = self.ranked(node, prices);
        for (day, ranked) in ranked.iter().enumerate() {
            let minutes = self.window[day] - node.minutes[day];
            for (c, forced) in self.forced(node.left[day], minutes, ranked, bound) {
                if forced < floor {
                    allowed[c * self.days + day] = false;
                }
            }
        }
    }

    /// The bound with each of a day's `ranked` candidates forced into its
    /// picks, from the `bound` at the same prices: the day's own part is
    /// the candidate and the best picks beside it.
    pub(super) fn forced(
        &self,
        left: usize,
        minutes: u32,
        ranked: &[(f64, usize)],
        bound: f64,
    ) -> impl Iterator<Item = (usize, f64)> {
        // The best `count` picks with at most one of each kind, skipping the
        // kinds in `kinds`: the day's greedy choice.
        let best = |kinds: u8, count: usize| -> Vec<(f64, usize)> {
            let mut kinds = kinds;
            let mut picks = Vec::with_capacity(count);
            for &(value, c) in ranked {
                if picks.len() == count {
                    break;
                }
                let k = self.candidates[c].kind;
                if k & kinds == 0 {
                    kinds |= k;
                    picks.push((value, c));
                }
            }
            picks
        };
        let sum = |picks: &[(f64, usize)]| picks.iter().map(|p| p.0).sum::<f64>();
        let minutes_of = |picks: &[(f64, usize)]| {
            picks
                .iter()
                .map(|(_, c)| self.candidates[*c].minutes())
                .sum::<u32>()
        };
        let top = best(0, left);
        let full = top.len() == left;
        // The day's part of the bound, as `evaluate` has it: the best picks,
        // or the best that fit the hours when those don't.
        let mut chosen = top.clone();
        if minutes_of(&top) > minutes {
            let mut work = 0;
            if !self.fill(ranked, left, minutes, 0, &mut chosen, &mut work) {
                chosen.clear();
            }
        }
        let day_total = if chosen.len() == left {
            sum(&chosen)
        } else {
            f64::NEG_INFINITY
        };
        let besides = [0, MEAL, EVENING].map(|kind| {
            let picks = best(kind, left.saturating_sub(1));
            (picks.len() + 1 == left).then_some(picks)
        });
        ranked.iter().map(move |&(value, c)| {
            let cand = &self.candidates[c];
            let forced = if !full || !day_total.is_finite() || cand.minutes() > minutes {
                f64::NEG_INFINITY
            } else if chosen.iter().any(|p| p.1 == c) {
                bound
            } else {
                let kind = cand.kind;
                let greedy =
                    &besides[usize::from(kind & MEAL != 0) + 2 * usize::from(kind & EVENING != 0)];
                let rest = match greedy {
                    // The best picks beside it fit the hours with it.
                    Some(picks)
                        if !picks.iter().any(|p| p.1 == c)
                            && minutes_of(picks) + cand.minutes() <= minutes =>
                    {
                        Some(sum(picks))
                    }
                    Some(_) => {
                        let others: Vec<(f64, usize)> =
                            ranked.iter().copied().filter(|p| p.1 != c).collect();
                        let mut picks = Vec::new();
                        let mut work = 0;
                        self.fill(
                            &others,
                            left - 1,
                            minutes - cand.minutes(),
                            kind,
                            &mut picks,
                            &mut work,
                        )
                        .then(|| sum(&picks))
                    }
                    None => None,
                };
                rest.map_or(f64::NEG_INFINITY, |rest| bound - day_total + value + rest)
            };
            (c, forced)
        })
    }

    /// Up to `steps` subgradient steps from `prices` towards a bound below
    /// `target`; stops as soon as it is, and, when `steps` is negative, also
    /// once the steps have grown too small to move it. Leaves
    /// `prices` at the best bound found and returns it (`None`: no plan
    /// from this node).
    pub(super) fn tighten(
        &self,
        node: &Node<'_>,
        prices: &mut Prices,
        steps: i32,
        target: f64,
        scratch: &mut (Vec<f64>, Vec<f64>),
        work: &mut u64,
    ) -> Option<f64> {
        let (grad, trial) = scratch;
        let mut current = self.evaluate(node, prices, Some(grad), work)?;
        let mut best = current;
        let mut theta = 1.0;
        let mut stale = 0;
        trial.clone_from(prices);
        for _ in 0..steps.unsigned_abs() {
            if best < target - EPSILON {
                break;
            }
            let norm: f64 = grad.iter().map(|g| g * g).sum();
            if norm < 1e-12 {
                break;
            }
            // Polyak's step towards the target; without one, a twentieth
            // of the way down.
            let aim = if target.is_finite() {
                target
            } else {
                current - (current.abs() / 20.0).max(1.0)
            };
            let step = theta * (current - aim).max(0.5) / norm;
            for (price, g) in trial.iter_mut().zip(grad.iter()) {
                *price = (*price - step * g).max(0.0);
            }
            current = self.evaluate(node, trial, Some(grad), work)?;
            if current < best {
                best = current;
                prices.clone_from(trial);
                stale = 0;
            } else {
                stale += 1;
                if stale >= 2 {
                    theta /= 2.0;
                    stale = 0;
                    // Steps this small no longer move the bound.
                    if steps < 0 && theta < 1.0 / 64.0 {
                        break;
                    }
                }
            }
        }
        Some(best)
    }
}

fn points(points: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // points are small integers
    let points = points as f64;
    points
}

fn cents(money: Money) -> f64 {
    #[allow(clippy::cast_precision_loss)] // exact below 2^53 cents
    let cents = money.cents() as f64;
    cents
}

/// Each group's category tokens: one per category.
const _: () = assert!(Category::ALL.len() == 9);
/// A day's bits fit in [`Tokens`]; every group's categories and audiences
/// and every day's recognition fit in a tally.
const _: () = assert!(DAY_BITS <= Tokens::BITS as usize);
const _: () = assert!(9 * super::MAX_GROUPS <= 64 && super::MAX_COLUMNS <= 64);
