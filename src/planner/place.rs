//! Placement: each day's picks in order, at times in the working day, in
//! waves where the queue must stay covered.

use super::input::{Candidate, EVENING, Group, Input, Takes, has_guests};
use crate::catalog::{Category, Idea, TimeOfDay};

/// Orders each day's picks (kick-offs first, recognition late) and places
/// them in the working day in 15-minute steps: kick-offs at the start,
/// meals around noon, afternoon ideas after lunch, the rest spread evenly;
/// after-work events follow the end of the day. Per column (a group's
/// day, in its hours), each pick (a candidate) in order, with its start in
/// minutes after the day's start.
pub(super) fn place(
    input: &Input<'_>,
    candidates: &[Candidate],
    best: &[Vec<usize>],
) -> Vec<Vec<(usize, u32)>> {
    best.iter()
        .zip(input.columns())
        .map(|(picks, column)| {
            let group = &input.groups[column.group];
            let mut picks = picks.clone();
            picks.sort_by_key(|c| (rank(group, candidates, input, *c), candidates[*c].idea));
            // A shift's picks set for a time of day go in the order of
            // their times; the others keep their place in the running order.
            if group.takes == Takes::Live {
                picks.sort_by_key(|c| {
                    let cand = &candidates[*c];
                    let idea = &input.ideas[cand.idea];
                    let by_rank = u32::from(rank(group, candidates, input, *c)) * group.window / 16;
                    target(group, idea, cand.minutes()).unwrap_or(by_rank)
                });
            }
            let (day_picks, evening): (Vec<usize>, Vec<usize>) = picks
                .iter()
                .partition(|c| candidates[**c].kind & EVENING == 0);
            let lengths: Vec<u32> = day_picks.iter().map(|c| candidates[*c].minutes()).collect();
            let targets: Vec<Option<u32>> = day_picks
                .iter()
                .map(|c| {
                    target(
                        group,
                        &input.ideas[candidates[*c].idea],
                        candidates[*c].minutes(),
                    )
                })
                .collect();
            let mut starts = times(&lengths, &targets, column.window);
            let mut after = column.window;
            for c in &evening {
                starts.push(after);
                after += candidates[*c].waves * candidates[*c].minutes_each;
            }
            day_picks
                .iter()
                .chain(&evening)
                .copied()
                .zip(starts)
                .collect()
        })
        .collect()
}

/// Where a pick goes in its day's running order: as [`Idea::time_rank`],
/// but a breakfast after a night shift, and a moment for everyone at the
/// handover to the next shift, close the day.
fn rank(group: &Group, candidates: &[Candidate], input: &Input<'_>, c: usize) -> u8 {
    let idea = &input.ideas[candidates[c].idea];
    let minutes = candidates[c].minutes();
    match handover(group, idea, minutes) {
        Some(0) => 0,
        Some(_) => 15,
        None if breakfast_to_go_home(group, idea) => 14,
        None => idea.time_rank() * 2,
    }
}

/// Whether `idea` is a breakfast a night shift has before going home.
fn breakfast_to_go_home(group: &Group, idea: &Idea) -> bool {
    group.overnight() && idea.category == Category::Food && idea.time_of_day() == TimeOfDay::Morning
}

/// Where a moment for everyone starts, when a handover holds all of it:
/// the handover from the shift before (at the start), else the one to the
/// shift after (at the end). So a shift and the next, when both have it,
/// have it together.
pub(super) fn handover(group: &Group, idea: &Idea, minutes: u32) -> Option<u32> {
    if !idea.together {
        return None;
    }
    let fits = |(from, to): &&(u32, u32)| to - from >= minutes;
    let start = group
        .handovers
        .iter()
        .filter(fits)
        .find(|(from, _)| *from == 0);
    let end = group
        .handovers
        .iter()
        .filter(fits)
        .max_by_key(|(_, to)| *to);
    start.map(|_| 0).or_else(|| end.map(|(_, to)| to - minutes))
}

/// Where in the working day (minutes from its start) an idea would like to
/// begin: a morning idea at the start, a meal centred on noon, an afternoon
/// idea an hour and a half after noon; a breakfast after a night shift at
/// its end, and a moment for everyone at a handover; `None` for anywhere.
pub(super) fn target(group: &Group, idea: &Idea, minutes: u32) -> Option<u32> {
    if let Some(start) = handover(group, idea, minutes) {
        return Some(start);
    }
    if breakfast_to_go_home(group, idea) {
        return Some(group.window.saturating_sub(minutes) / 15 * 15);
    }
    // A shift has an idea set for a time of day (which it is at work for)
    // at that time by the clock: a shift's middle is not its noon.
    if group.takes == Takes::Live
        && let Some(at) = match idea.time {
            Some(TimeOfDay::Morning) if idea.category != Category::Food => Some(9 * 60),
            Some(TimeOfDay::Midday) => Some((12 * 60 - minutes / 2) / 15 * 15),
            Some(TimeOfDay::Afternoon) => Some(15 * 60),
            // Guests from other departments come in office hours.
            None if has_guests(idea) => Some(if group.at_work(10 * 60) {
                10 * 60
            } else {
                15 * 60
            }),
            _ => None,
        }
    {
        return Some((at + 24 * 60 - group.opens) % (24 * 60));
    }
    match idea.time_of_day() {
        TimeOfDay::Morning => Some(0),
        TimeOfDay::Midday => group
            .noon
            .map(|noon| noon.saturating_sub(minutes / 2) / 15 * 15),
        TimeOfDay::Afternoon => Some(group.noon.map_or(group.window / 2, |noon| noon + 90)),
        TimeOfDay::EndOfDay => None,
    }
    .filter(|_| idea.time.is_some() || idea.category == Category::Kickoff || idea.at_midday())
}

/// Start times for activities of `lengths` minutes, in order, in a day of
/// `window` minutes: each at its target where it has one and the others
/// allow, the rest spread evenly, never overlapping or running past the end,
/// and no earlier activity pushing a later one off its target if it can
/// start sooner.
pub(super) fn times(lengths: &[u32], targets: &[Option<u32>], window: u32) -> Vec<u32> {
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
pub(super) fn spacing(slack: u32, count: u32) -> (u32, u32) {
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
