//! The explanation: why each pick won, each day's runner-up, and what the
//! budget kept out.

use super::input::{Candidate, Column, EVENING, Input, MEAL};
use super::score::{Tally, audience_bit};
use super::{Lost, RunnerUp, Slot, Why};
use crate::catalog::Audience;
use crate::money::Money;

/// The placed picks as slots, each with why it won: what it brought to the
/// week that the picks before it had not.
pub(super) fn slots(
    input: &Input<'_>,
    candidates: &[Candidate],
    placed: &[Vec<(usize, u32)>],
    pinned: &[(usize, usize)],
) -> Vec<Vec<Slot>> {
    let columns = input.columns();
    let mut seen_categories = 0u64;
    let mut seen_audiences = 0u64;
    placed
        .iter()
        .enumerate()
        .map(|(d, picks)| {
            let day = &input.days[columns[d].day];
            let mut recognised = false;
            picks
                .iter()
                .map(|&(c, start)| {
                    let cand = &candidates[c];
                    let idea = &input.ideas[cand.idea];
                    let audiences: Vec<Audience> = idea
                        .audience
                        .iter()
                        .copied()
                        .filter(|a| {
                            let bit = u64::from(audience_bit(*a, input.include_customers))
                                << (4 * cand.group);
                            bit != 0 && seen_audiences & bit == 0
                        })
                        .collect();
                    seen_audiences |= cand.audiences;
                    let why = Why {
                        pinned: pinned.contains(&(d, c)),
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

/// What the budget kept out: the best plan without a budget (`richer`), when
/// it scores more than `best`, costs this much and has these ideas that
/// `best` lacks.
pub(super) fn kept_out(
    candidates: &[Candidate],
    best: &[Vec<usize>],
    richer: &[Vec<usize>],
) -> (Money, Vec<super::KeptOut>) {
    let cost: Money = richer.iter().flatten().map(|c| candidates[*c].cost).sum();
    let chosen: Vec<usize> = best.iter().flatten().copied().collect();
    let mut dropped: Vec<super::KeptOut> = Vec::new();
    for c in richer.iter().flatten().filter(|c| !chosen.contains(c)) {
        // An idea dropped for several groups is named once, with each group.
        let Candidate { idea, group, .. } = candidates[*c];
        match dropped.iter_mut().find(|(i, _)| *i == idea) {
            Some((_, groups)) if !groups.contains(&group) => groups.push(group),
            Some(_) => {}
            None => dropped.push((idea, vec![group])),
        }
    }
    (cost, dropped)
}

/// The best swap of an unused candidate for one of day `d`'s open picks:
/// the best-scoring swap that keeps the rules, else the best-scoring one
/// and the rule it breaks.
pub(super) fn runner_up(
    input: &Input<'_>,
    candidates: &[Candidate],
    best: &[Vec<usize>],
    pinned: &[(usize, usize)],
    d: usize,
    score: i64,
) -> Option<RunnerUp> {
    let Column { group, window, .. } = input.columns()[d];
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
        for inn in
            (0..candidates.len()).filter(|c| candidates[*c].group == group && !used.contains(c))
        {
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
            } else if new_minutes > window {
                Lost::Hours(new_minutes - window)
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
