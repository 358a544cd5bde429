//! The shortlist for very large catalogs: what the search covers when it
//! can't cover every suitable idea.

use super::input::{Candidate, Input};
use crate::catalog::Category;

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
    let columns = input.columns();
    for (g, group) in input.groups.iter().enumerate() {
        let per_day = 4 * group.per_day * group.days.len();
        let mut order: Vec<usize> = (0..candidates.len())
            .filter(|c| candidates[*c].group == g)
            .collect();
        for d in (0..columns.len()).filter(|d| columns[*d].group == g) {
            order.sort_by_key(|c| (std::cmp::Reverse(candidates[*c].weight[d]), *c));
            for c in order.iter().take(per_day) {
                keep[*c] = true;
            }
            for category in 0..Category::ALL.len() {
                for c in order
                    .iter()
                    .filter(|c| candidates[**c].category == 1 << (9 * g + category))
                    .take(group.per_day * 2)
                {
                    keep[*c] = true;
                }
            }
        }
        order.sort_by_key(|c| (candidates[*c].cost, *c));
        for c in order.iter().take(per_day) {
            keep[*c] = true;
        }
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
