//! The planning problem as a mixed-integer program: a second proof by other
//! means, behind the search when its allowance runs out, and the search's
//! referee in the tests on problems too large to enumerate.
//!
//! `x[c][d]` places candidate `c` on day `d`, a column (one group's day),
//! and is held at 0 on other groups' columns. A group's category or
//! audience, or a column's recognition, earns its bonus through an
//! indicator in [0, 1] that is at most the sum of the picks carrying it. Every coefficient is a small
//! integer (points, minutes) or money in whole units with two decimals, far
//! inside the range `f64` holds exactly.
#![allow(clippy::cast_precision_loss)]

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

use super::input::{Candidate, EVENING, Input, MEAL};
use super::score;
use crate::catalog::Category;
use crate::money::Money;

type Row = Vec<(Variable, f64)>;

/// The picks per day of the best plan the solver finds within `node_limit`
/// nodes, and whether it proved them best; `None` when it gives no answer.
/// `hint` is a known plan to start from.
pub(super) fn solve(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    budget: Money,
    node_limit: u64,
    hint: Option<&[Vec<usize>]>,
) -> Option<(Vec<Vec<usize>>, bool)> {
    let columns = input.columns();
    let days = columns.len();
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let x: Vec<Vec<Variable>> = candidates
        .iter()
        .map(|cand| {
            columns
                .iter()
                .enumerate()
                .map(|(d, col)| {
                    if col.group == cand.group {
                        problem.add_binary_var(cand.weight[d] as f64)
                    } else {
                        problem.add_var(0.0, (0.0, 0.0))
                    }
                })
                .collect()
        })
        .collect();
    for (d, col) in columns.iter().enumerate() {
        let window = col.window;
        day_rules(
            &mut problem,
            col.slots,
            window,
            candidates,
            pinned,
            &x,
            d,
        );
    }
    for (c, vars) in x.iter().enumerate() {
        let once: Row = vars.iter().map(|v| (*v, 1.0)).collect();
        problem.add_constraint(once, ComparisonOp::Le, 1.0);
        for (d, v) in vars.iter().enumerate() {
            if pinned.contains(&(d, c)) {
                problem.add_constraint([(*v, 1.0)], ComparisonOp::Eq, 1.0);
            }
        }
    }
    let spend: Row = picks_of(&x, candidates, |_| true)
        .map(|(v, c)| (v, units(c.cost)))
        .filter(|(_, cost)| *cost > 0.0)
        .collect();
    if !spend.is_empty() {
        problem.add_constraint(spend, ComparisonOp::Le, units(budget));
    }
    for g in 0..input.groups.len() {
        for category in 0..Category::ALL.len() {
            let bit = 1 << (9 * g + category);
            bonus(
                &mut problem,
                score::VARIETY,
                picks_of(&x, candidates, |c| c.category == bit).map(|(v, _)| v),
            );
        }
        for audience in 0..4 {
            let bit = 1 << (4 * g + audience);
            bonus(
                &mut problem,
                score::AUDIENCE,
                picks_of(&x, candidates, |c| c.audiences & bit != 0).map(|(v, _)| v),
            );
        }
    }

    let mut options = microlp::SolveOptions::default();
    options.node_limit = Some(node_limit);
    options.warm_start = hint.map(|picks| {
        x.iter()
            .enumerate()
            .flat_map(|(c, vars)| {
                vars.iter()
                    .enumerate()
                    .map(move |(d, v)| (*v, if picks[d].contains(&c) { 1.0 } else { 0.0 }))
            })
            .collect()
    });
    let outcome = problem.solve_with(options).ok()?;
    let proven = outcome.is_optimal();
    let solution = outcome.solution()?;
    let picks = (0..days)
        .map(|d| {
            (0..candidates.len())
                .filter(|c| solution.var_value(x[*c][d]) > 0.5)
                .collect()
        })
        .collect();
    Some((picks, proven))
}

/// Day `d`'s rules: its number of activities, its hours, one meal and one
/// after-work event (pins aside), and the indicator of its recognition bonus.
fn day_rules(
    problem: &mut Problem,
    per_day: usize,
    window: u32,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    x: &[Vec<Variable>],
    d: usize,
) {
    let count: Row = x.iter().map(|v| (v[d], 1.0)).collect();
    problem.add_constraint(count, ComparisonOp::Eq, per_day as f64);
    let minutes: Row = x
        .iter()
        .zip(candidates)
        .map(|(v, c)| (v[d], f64::from(c.minutes())))
        .collect();
    problem.add_constraint(minutes, ComparisonOp::Le, f64::from(window));
    for kind in [MEAL, EVENING] {
        let pinned_kind = pinned
            .iter()
            .any(|(pd, c)| *pd == d && candidates[*c].kind & kind != 0);
        let open: Row = x
            .iter()
            .zip(candidates)
            .enumerate()
            .filter(|(c, (_, cand))| cand.kind & kind != 0 && !pinned.contains(&(d, *c)))
            .map(|(_, (v, _))| (v[d], 1.0))
            .collect();
        if !open.is_empty() {
            problem.add_constraint(open, ComparisonOp::Le, if pinned_kind { 0.0 } else { 1.0 });
        }
    }
    let recognition = x
        .iter()
        .zip(candidates)
        .filter(|(_, c)| c.recognition)
        .map(|(v, _)| v[d]);
    bonus(problem, score::RECOGNITION_DAY, recognition);
}

/// Every placement variable of the candidates `carries` picks out, with the candidate.
fn picks_of<'a>(
    x: &'a [Vec<Variable>],
    candidates: &'a [Candidate],
    carries: impl Fn(&Candidate) -> bool + 'a,
) -> impl Iterator<Item = (Variable, &'a Candidate)> + 'a {
    x.iter()
        .zip(candidates)
        .filter(move |(_, c)| carries(c))
        .flat_map(|(vars, c)| vars.iter().map(move |v| (*v, c)))
}

/// A bonus earned once any of `carriers` is picked: an indicator worth
/// `points`, at most 1 and at most the sum of the carriers.
fn bonus(problem: &mut Problem, points: i64, carriers: impl Iterator<Item = Variable>) {
    let mut row: Row = carriers.map(|v| (v, -1.0)).collect();
    if row.is_empty() {
        return;
    }
    let indicator = problem.add_var(points as f64, (0.0, 1.0));
    row.push((indicator, 1.0));
    problem.add_constraint(row, ComparisonOp::Le, 0.0);
}

/// Money in whole units, for the budget row.
fn units(money: Money) -> f64 {
    money.cents() as f64 / 100.0
}
