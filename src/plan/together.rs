//! Where each moment meant for everyone is held, with shifts: at a
//! handover, as one gathering, or by each shift in its own hours; and any
//! idea two shifts have at the very same time as one gathering.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{Activity, Context, Day};
use crate::money::Money;
use crate::planner;

/// A shift's moment for everyone, as [`together`] compares them.
struct Held {
    id: String,
    shift: String,
    date: NaiveDate,
    from: NaiveDateTime,
    to: NaiveDateTime,
    /// In one session, not waves.
    one: bool,
}

impl Held {
    fn of(date: NaiveDate, a: &Activity) -> Option<Held> {
        Some(Held {
            id: a.id.clone(),
            shift: a.shift.clone()?,
            date,
            from: a.timing.starts_at.local,
            to: a.timing.ends_at.local,
            one: a.waves.is_empty(),
        })
    }
}

/// Says where each moment meant for everyone (an idea's `together`) is
/// held: at a handover, as one gathering with another shift's at the same
/// time (its fixed cost paid once) or while another shift is at work; or
/// else by each shift that has it, in its own hours.
pub(super) fn together(cx: &Context<'_>, days: &mut [Day]) {
    if cx.groups.iter().all(|g| g.takes == planner::Takes::Any) {
        return;
    }
    // Each shift's stretches at work in the week, as local times.
    let dates: Vec<NaiveDate> = cx.week.dates().collect();
    let at_work: Vec<Vec<(NaiveDateTime, NaiveDateTime)>> = cx
        .shifts
        .iter()
        .map(|s| {
            s.days
                .iter()
                .map(|d| {
                    let start = dates[*d].and_time(s.hours.start);
                    let minutes = i64::from(s.hours.minutes());
                    (start, start + Duration::minutes(minutes))
                })
                .collect()
        })
        .collect();
    let held: Vec<Held> = days
        .iter()
        .flat_map(|d| d.activities.iter().filter_map(move |a| Held::of(d.date, a)))
        .collect();
    let order = |name: &str| cx.shifts.iter().position(|s| s.name == name);
    for day in days.iter_mut() {
        let mut saved = Money::ZERO;
        for activity in &mut day.activities {
            let Some(this) = Held::of(day.date, activity) else {
                continue;
            };
            let Some(idea) = cx.ideas.iter().find(|i| i.id.as_str() == this.id) else {
                continue;
            };
            let others: Vec<&Held> = held
                .iter()
                .filter(|h| h.id == this.id && h.shift != this.shift)
                .collect();
            // Another shift's copy at the very same time: one gathering.
            let same_time = others
                .iter()
                .find(|h| this.one && h.one && h.from == this.from && h.to == this.to);
            // Another shift at work all through it, with no copy of its own.
            let joining = cx.shifts.iter().zip(&at_work).find(|(s, stretches)| {
                s.name != this.shift
                    && others.iter().all(|h| h.shift != s.name)
                    && stretches
                        .iter()
                        .any(|(a, b)| *a <= this.from && this.to <= *b)
            });
            // Any idea two shifts have at the very same time is one
            // gathering; the rest of this is for moments for everyone.
            let gathering = if idea.together {
                "It is held at the handover, one gathering"
            } else {
                "Both shifts are at work then: it is one gathering"
            };
            let sentence = match (same_time, joining) {
                (Some(other), _) if order(&this.shift) < order(&other.shift) => format!(
                    " {gathering} with the {} shift's at the same time.",
                    other.shift
                ),
                (Some(other), _) => {
                    // Its fixed cost is paid once, with the first shift's.
                    let fixed = idea.cost.fixed.min(activity.cost);
                    activity.cost = activity.cost - fixed;
                    saved = saved + fixed;
                    format!(
                        " {gathering} with the {} shift's at the same time; its fixed cost is paid there, once.",
                        other.shift
                    )
                }
                _ if !idea.together => continue,
                (None, Some((other, _))) => format!(
                    " It falls in a handover, while the {} shift is at work too, so they can join.",
                    other.name
                ),
                (None, None) if others.is_empty() => {
                    " No other shift has it, and none is at work for all of it: it is this shift's own."
                        .to_string()
                }
                (None, None) => {
                    let also: Vec<String> = others
                        .iter()
                        .map(|h| format!("{} on {}", h.shift, h.date.format("%A")))
                        .collect();
                    format!(
                        " Each shift that has it holds its own, in its own hours (also {}).",
                        also.join(", ")
                    )
                }
            };
            activity.why.push_str(&sentence);
        }
        day.cost = day.cost - saved;
    }
}
