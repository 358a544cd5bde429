//! The input model: what the planner is asked to plan, and the candidates
//! it makes of the catalog's ideas, with everything the search needs
//! precomputed.

use std::collections::{HashMap, HashSet};

use chrono::Weekday;

use super::score::{audience_bit, category_bit, pick_score};
use super::{Error, LeftOut};
use crate::catalog::{Audience, Category, Idea, Mode, TimeOfDay};
use crate::money::Money;
use crate::plural::count;

/// One day to plan.
#[derive(Debug, Clone)]
pub struct DayInput {
    pub weekday: Weekday,
    pub favours: Vec<Category>,
}

/// A group of people celebrated on its own days, in its own hours, with
/// its own head count: a shift, or a site's shift. A config without shifts
/// is one group that works every day of the week.
#[derive(Debug, Clone)]
pub struct Group {
    pub team_size: u32,
    /// How many people may be off the queue at once.
    pub may_leave: u32,
    /// Minutes in the working day.
    pub window: u32,
    /// Minutes from the day's start to its meal's middle: noon, when noon
    /// is in the working day, or a shift's middle.
    pub noon: Option<u32>,
    /// Activities on each of its days.
    pub per_day: usize,
    /// Its day ends between 22:00 and 07:00: no after-work event follows
    /// it, and a breakfast goes at its end, before people go home.
    pub night: bool,
    /// Which ideas it takes.
    pub takes: Takes,
    /// When its day starts, in minutes after midnight.
    pub opens: u32,
    /// Handovers: the stretches of its day (minutes from its start, from
    /// and to) when another shift is at work too.
    pub handovers: Vec<(u32, u32)>,
    /// The days it works: indices into [`Input::days`], in order.
    pub days: Vec<usize>,
    /// Per day it works, the minutes its hours lose to the clocks going
    /// forward (empty: none lost).
    pub short: Vec<u32>,
}

/// Whether `idea` is live with people from other departments, who keep
/// office hours.
pub(super) fn has_guests(idea: &Idea) -> bool {
    idea.audience.contains(&Audience::WholeCompany)
        && !idea.all_day
        && idea.category != Category::Recognition
}

impl Group {
    /// Whether it is at work at `minute` after midnight.
    pub fn at_work(&self, minute: u32) -> bool {
        (minute + 24 * 60 - self.opens % (24 * 60)) % (24 * 60) < self.window
    }

    /// Whether it works through the small hours, at 03:00: a night shift,
    /// whose people have breakfast before they go home.
    pub fn overnight(&self) -> bool {
        self.takes == Takes::Live && self.at_work(3 * 60)
    }

    /// The day-long items every shift shares, one on each of `days`, for
    /// `everyone`: no hours, no queue to cover.
    pub fn shared(everyone: u32, days: Vec<usize>) -> Group {
        Group {
            team_size: everyone,
            may_leave: everyone,
            window: 24 * 60,
            noon: None,
            per_day: 1,
            night: false,
            takes: Takes::AllDay,
            opens: 0,
            handovers: Vec::new(),
            days,
            short: Vec::new(),
        }
    }
}

/// Which ideas a group takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Every idea: a team without shifts.
    Any,
    /// Live ideas only: a shift, whose day-long items are shared.
    Live,
    /// Day-long items only (see `Idea::all_day`), once for every shift: no
    /// set time, no hours, no queue to cover, and no shift's recognition.
    AllDay,
}

/// One group's day: what the search fills. Columns come group by group,
/// each group's days in order (see [`Input::columns`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub group: usize,
    /// Index into [`Input::days`].
    pub day: usize,
    /// The minutes the group's hours hold that day.
    pub window: u32,
    /// How many activities it takes.
    pub slots: usize,
}

/// Everything the planner needs.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub ideas: &'a [Idea],
    pub days: &'a [DayInput],
    /// At least one. What they share: the budget, the week's days and the
    /// catalog; each has its own "no idea twice" and coverage bonuses.
    pub groups: &'a [Group],
    pub budget: Money,
    pub mode: Mode,
    pub include_customers: bool,
    pub exclude: &'a [String],
    /// (column index, idea id); see [`Input::columns`].
    pub pins: &'a [(usize, String)],
    /// Pins for whichever of their columns' groups the idea suits (a pin
    /// without a shift goes to every shift it suits that works its day);
    /// an error only when it suits none.
    pub pins_where_suited: &'a [(usize, String)],
    /// Days from today to the week's first day.
    pub lead_days: i64,
    pub seed: u64,
    /// How much search (candidates examined) to spend before settling for
    /// the best plan found.
    pub work_limit: u64,
}

impl Input<'_> {
    /// Every group's days, group by group: the columns the search fills.
    pub fn columns(&self) -> Vec<Column> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(group, g)| {
                g.days.iter().enumerate().map(move |(i, &day)| Column {
                    group,
                    day,
                    slots: g.per_day,
                    window: g
                        .window
                        .saturating_sub(g.short.get(i).copied().unwrap_or(0)),
                })
            })
            .collect()
    }
}

/// The most groups one search plans together: a tally keeps each group's
/// nine categories side by side in 64 bits.
pub const MAX_GROUPS: usize = 7;
/// The most columns (group days) one search plans together.
pub const MAX_COLUMNS: usize = 64;

/// A candidate: an idea for one group, with everything the search needs
/// precomputed. An idea suits each group on its own, so "no idea twice"
/// holds per group.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) idea: usize,
    /// The group whose columns it may fill.
    pub(super) group: usize,
    pub(super) cost: Money,
    pub(super) waves: u32,
    pub(super) minutes_each: u32,
    /// Its category's bit among its group's: `category_bit << 9 * group`.
    pub(super) category: u64,
    pub(super) recognition: bool,
    /// The one-a-day kinds it is ([`MEAL`], [`EVENING`]); 0 for neither.
    pub(super) kind: u8,
    /// Its audiences' bits among its group's: `bits << 4 * group`.
    pub(super) audiences: u64,
    /// Per-pick score on each column (0 on other groups' columns).
    pub(super) weight: Vec<i64>,
}

impl Candidate {
    /// Its category's and its audiences' bits among its group's own.
    pub(super) fn bits(&self) -> (u32, u32) {
        let own = |bits: u64| u32::try_from(bits).unwrap_or(0);
        (
            own(self.category >> (9 * self.group)),
            own(self.audiences >> (4 * self.group)),
        )
    }

    /// Minutes of the working day it takes; none for an after-work event.
    pub(super) fn minutes(&self) -> u32 {
        if self.kind & EVENING == 0 {
            self.waves * self.minutes_each
        } else {
            0
        }
    }
}

/// A meal: at most one a day, pins aside.
pub(super) const MEAL: u8 = 1;
/// An after-work event, held once the working day ends: at most one a day,
/// pins aside. It takes nobody off the queue.
pub(super) const EVENING: u8 = 2;

/// Whether `picks` of day `d` have at most one of each one-a-day kind,
/// counting a pinned one as taking its kind's place.
pub(super) fn one_of_each_kind(
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

/// Why an idea can't be planned, for the note it goes into.
pub(super) enum Misfit {
    /// Wrong mode, customers not wanted, or after work after a night
    /// shift: not worth a note.
    Unsuitable,
    TooLong,
    Uncovered,
    /// More sessions than one activity should run.
    TooMany,
    Late,
}

/// The most sessions one activity runs for one group in a day: past
/// this, it is a programme of its own, not a celebration.
pub const MAX_SESSIONS: u32 = 8;

/// Whether `idea`, run in `waves` of `minutes_each` in `group`'s hours,
/// breaks a rule on its own, and how to say so.
pub(super) fn misfit(
    idea: &Idea,
    input: &Input<'_>,
    group: &Group,
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
    // A shift takes an idea set for the morning, around noon or the
    // afternoon (guests from other departments, customers on a call, a
    // picnic) only when it is at work then; a breakfast, a shift at work
    // in the morning or through the night; and a live idea with other
    // departments, a shift at work in office hours.
    let guests = has_guests(idea);
    let set_for = match idea.time {
        Some(TimeOfDay::Morning) if idea.category == Category::Food => {
            (!group.overnight()).then_some((8 * 60, "in the morning"))
        }
        Some(TimeOfDay::Morning) => Some((9 * 60, "in the morning")),
        Some(TimeOfDay::Midday) => Some((12 * 60, "around noon")),
        Some(TimeOfDay::Afternoon) => Some((15 * 60, "in the afternoon")),
        _ if guests && !group.at_work(12 * 60) => Some((15 * 60, "in office hours")),
        _ => None,
    };
    if let Some((at, when)) = set_for
        && group.takes == Takes::Live
        && !group.at_work(at)
    {
        let why = format!("it belongs {when}, when the shift is not at work");
        return Some((Misfit::Unsuitable, why));
    }
    if idea.ends_the_day() && (group.night || group.overnight()) {
        let why = "it follows the working day, and a night shift goes home to sleep";
        return Some((Misfit::Unsuitable, why.to_string()));
    }
    if waves == 0 {
        let why = "it takes the team off the queue, and `coverage` keeps everyone on duty";
        return Some((Misfit::Uncovered, why.to_string()));
    }
    if waves > 1
        && group.team_size.div_ceil(waves) == 1
        && idea.group_size.is_none_or(|s| s.get() > 1)
    {
        let why = "`coverage` frees one person at a time, and waves of one are no celebration";
        return Some((Misfit::Uncovered, why.to_string()));
    }
    if waves > MAX_SESSIONS {
        let why = format!(
            "it would take {waves} sessions of {} people, more than the {MAX_SESSIONS} one activity runs",
            group.team_size.div_ceil(waves)
        );
        return Some((Misfit::TooMany, why));
    }
    if !idea.ends_the_day() && waves * minutes_each > group.window {
        let why = if waves == 1 {
            format!("its {minutes_each} minutes do not fit in the working day")
        } else {
            format!("in {waves} waves of {minutes_each} minutes it does not fit in the working day")
        };
        return Some((Misfit::TooLong, why));
    }
    if i64::from(idea.lead_time().as_u32()) > input.lead_days {
        let needs = count(idea.lead_time().get(), "day", "days");
        let why = if input.lead_days > 0 {
            format!(
                "it needs {needs} of preparation, and the week starts in {}",
                count(input.lead_days, "day", "days")
            )
        } else {
            format!("it needs {needs} of preparation, and the week has begun")
        };
        return Some((Misfit::Late, why));
    }
    None
}

pub(super) type Gathered = (Vec<Candidate>, Vec<(usize, usize)>, LeftOut);

/// The candidates: each idea that suits a group, for that group, with its
/// costs, waves and weights there; which of them are pinned (column,
/// candidate); and the suitable ideas that no group could plan, with the
/// first group's reason. A pinned idea that can't be planned is an error.
pub(super) fn gather(input: &Input<'_>) -> Result<Gathered, Error> {
    let columns = input.columns();
    if input.groups.is_empty() || input.groups.len() > MAX_GROUPS || columns.len() > MAX_COLUMNS {
        return Err(Error::TooManyGroups {
            groups: input.groups.len(),
            columns: columns.len(),
        });
    }
    let excluded: HashSet<&str> = input.exclude.iter().map(String::as_str).collect();
    // (column, for whichever groups it suits)
    let mut pins_of: HashMap<&str, Vec<(usize, bool)>> = HashMap::new();
    for (column, id) in input.pins {
        pins_of
            .entry(id.as_str())
            .or_default()
            .push((*column, false));
    }
    for (column, id) in input.pins_where_suited {
        pins_of
            .entry(id.as_str())
            .or_default()
            .push((*column, true));
    }
    let mut left_out = LeftOut::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut pinned: Vec<(usize, usize)> = Vec::new(); // (column, candidate)
    for (index, idea) in input.ideas.iter().enumerate() {
        if excluded.contains(idea.id.as_str()) {
            continue;
        }
        let pins = pins_of.get(idea.id.as_str()).map_or(&[][..], Vec::as_slice);
        let mut unfit = None;
        let mut fits = false;
        // A pin for whichever groups it suits, and why the first refused it.
        let mut refused = None;
        let mut placed = false;
        for (g, group) in input.groups.iter().enumerate() {
            // Shifts share their day-long items, and live ones are theirs.
            match group.takes {
                Takes::Any => {}
                Takes::Live if !idea.all_day => {}
                Takes::AllDay if idea.all_day => {}
                Takes::Live | Takes::AllDay => continue,
            }
            // The first pin in this group's columns.
            let pin = pins.iter().copied().find(|(c, _)| columns[*c].group == g);
            let (waves, minutes_each) = waves(idea, group);
            if let Some((kind, why)) = misfit(idea, input, group, waves, minutes_each) {
                match pin {
                    Some((_, false)) => {
                        return Err(Error::PinUnsuitable {
                            id: idea.id.to_string(),
                            why,
                        });
                    }
                    Some((_, true)) => {
                        refused.get_or_insert(why);
                    }
                    None => {}
                }
                unfit.get_or_insert(kind);
                continue;
            }
            fits = true;
            if let Some((column, suited)) = pin {
                pinned.push((column, candidates.len()));
                placed |= suited;
            }
            candidates.push(candidate(input, &columns, index, g, (waves, minutes_each)));
        }
        if let Some(why) = refused.filter(|_| !placed) {
            return Err(Error::PinUnsuitable {
                id: idea.id.to_string(),
                why,
            });
        }
        if !fits {
            match unfit {
                Some(Misfit::TooLong) => left_out.too_long.push(index),
                Some(Misfit::Uncovered) => left_out.uncovered.push(index),
                Some(Misfit::Late) => left_out.late.push(index),
                Some(Misfit::TooMany) => left_out.too_many.push(index),
                Some(Misfit::Unsuitable) | None => {}
            }
        }
    }

    Ok((candidates, pinned, left_out))
}

/// `input.ideas[index]` as a candidate for group `g`, in `waves` of
/// `minutes_each`.
fn candidate(
    input: &Input<'_>,
    columns: &[Column],
    index: usize,
    g: usize,
    (waves, minutes_each): (u32, u32),
) -> Candidate {
    let idea = &input.ideas[index];
    let group = &input.groups[g];
    let cost = idea.cost.for_sessions(group.team_size, waves);
    let weight = columns
        .iter()
        .map(|col| {
            if col.group == g {
                pick_score(idea, &input.days[col.day], col.day, cost, group, input)
            } else {
                0
            }
        })
        .collect();
    Candidate {
        idea: index,
        group: g,
        cost,
        waves,
        minutes_each,
        category: u64::from(category_bit(idea.category)) << (9 * g),
        recognition: idea.category == Category::Recognition && group.takes != Takes::AllDay,
        kind: if group.takes == Takes::AllDay {
            0
        } else if idea.ends_the_day() {
            EVENING
        } else if idea.at_midday() {
            MEAL
        } else {
            0
        },
        audiences: idea.audience.iter().fold(0, |m, a| {
            m | u64::from(audience_bit(*a, input.include_customers)) << (4 * g)
        }),
        weight,
    }
}

pub(super) fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join("/")
}

/// How many sessions (waves) an idea needs in `group`, and their length:
/// enough for everyone when a session takes at most `group_size`, and
/// enough to keep the queue covered. Zero: it can't run at all.
pub(super) fn waves(idea: &Idea, group: &Group) -> (u32, u32) {
    let minutes = idea.duration_minutes.as_u32();
    // A day-long item has no sessions.
    if group.takes == Takes::AllDay {
        return (1, minutes);
    }
    let team = group.team_size.max(1);
    let mut size = idea
        .group_size
        .map_or(team, crate::bounded::Bounded::as_u32)
        .min(team);
    // After work, nobody is on the queue to cover.
    if idea.off_queue && !idea.ends_the_day() {
        if group.may_leave == 0 {
            return (0, minutes);
        }
        size = size.min(group.may_leave);
    }
    (team.div_ceil(size.max(1)), minutes)
}

pub(super) fn check_pins(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
) -> Result<(), Error> {
    for (d, column) in input.columns().iter().enumerate() {
        let day = &input.days[column.day];
        let window = column.window;
        let on_day: Vec<&Candidate> = pinned
            .iter()
            .filter(|(pd, _)| *pd == d)
            .map(|(_, c)| &candidates[*c])
            .collect();
        if on_day.len() > column.slots {
            return Err(Error::TooManyPins {
                day: day.weekday,
                pinned: on_day.len(),
                per_day: column.slots,
            });
        }
        let minutes: u32 = on_day.iter().map(|c| c.minutes()).sum();
        if minutes > window {
            return Err(Error::PinsTooLong {
                day: day.weekday,
                pinned: on_day.len(),
                minutes,
                window,
                lost: input.groups[column.group].window - window,
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
