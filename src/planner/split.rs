//! A first plan for several groups on one budget: each group planned on
//! its own, on a share of the budget.

use super::input::{Candidate, Input, gather};
use super::search::solve;
use crate::money::Money;

/// A first plan for several groups on one budget that binds: `without`,
/// the best plan with no budget, tells what each group would spend; each
/// group gets that share of the budget and plans its best week within it,
/// on its own, in turn, the money it leaves passing to the next. Groups
/// share nothing but the budget, so this is often the best plan or close
/// to it, and the search, with it to beat, has far less to rule out.
pub(super) fn split_budget(
    input: &Input<'_>,
    candidates: &[Candidate],
    without: &[Vec<usize>],
) -> Option<Vec<Vec<usize>>> {
    let columns = input.columns();
    let spend: Vec<Money> = (0..input.groups.len())
        .map(|g| {
            without
                .iter()
                .enumerate()
                .filter(|(d, _)| columns[*d].group == g)
                .flat_map(|(_, day)| day.iter().map(|c| candidates[*c].cost))
                .sum()
        })
        .collect();
    let total: Money = spend.iter().copied().sum();
    let mut plan: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
    let mut left = input.budget;
    let mut share_left = total;
    for (g, wants) in spend.iter().enumerate() {
        // This group's share of what is left, by what it would spend.
        let share = if share_left.is_zero() {
            left
        } else {
            Money::from_cents(
                i64::try_from(
                    i128::from(left.cents()) * i128::from(wants.cents())
                        / i128::from(share_left.cents()),
                )
                .ok()?,
            )
        };
        share_left = share_left - *wants;
        let own: Vec<usize> = (0..columns.len())
            .filter(|d| columns[*d].group == g)
            .collect();
        let ours: Vec<usize> = (0..candidates.len())
            .filter(|c| candidates[*c].group == g)
            .collect();
        let group = [input.groups[g].clone()];
        let at = |d: usize| own.iter().position(|o| *o == d);
        let here = |pins: &[(usize, String)]| -> Vec<(usize, String)> {
            pins.iter()
                .filter_map(|(d, id)| Some((at(*d)?, id.clone())))
                .collect()
        };
        let (pins, suited) = (here(input.pins), here(input.pins_where_suited));
        let alone = Input {
            groups: &group,
            pins: &pins,
            pins_where_suited: &suited,
            ..input.clone()
        };
        let (own_candidates, own_pinned, _) = gather(&alone).ok()?;
        let (picks, _, _) = solve(&alone, &own_candidates, &own_pinned, share, false, None)?;
        let mut paid = Money::ZERO;
        for (d, day) in picks.iter().enumerate() {
            for c in day {
                // The same idea's candidate in the whole problem.
                let idea = own_candidates[*c].idea;
                let whole = *ours.iter().find(|w| candidates[**w].idea == idea)?;
                paid = paid + candidates[whole].cost;
                plan[own[d]].push(whole);
            }
        }
        left = left - paid;
    }
    Some(plan)
}
