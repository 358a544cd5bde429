//! iCalendar (RFC 5545), built with the `icalendar` crate, never a template:
//! the crate escapes TEXT values, and lines are folded at 75 octets here.
//!
//! - every activity (every wave of one) is an event: in UTC when the plan has
//!   a time zone, all-day otherwise;
//! - the week itself is an all-day event, DTEND the day after it ends;
//! - each prep step is an all-day event on its due date with a reminder at
//!   09:00, since to-dos are dropped by several calendar apps on import.
//!
//! UIDs come from the company, the year, the idea and the wave, so importing
//! next week's revised plan updates events instead of duplicating them.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

use crate::hash::fnv1a;
use crate::plan::{Activity, Plan, PrepStep};
use crate::zone::{Rules, Zone};

pub fn render(plan: &Plan, stamp: DateTime<Utc>) -> String {
    let zone = plan
        .timezone
        .as_deref()
        .and_then(Zone::named)
        .and_then(Zone::rules);
    let domain = format!("{:016x}.csweek", fnv1a(plan.company.as_bytes()));
    let uid = |what: &str| format!("{}-{what}@{domain}", plan.year);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            concat!("-//csweek//csweek ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new(
            "X-WR-CALNAME",
            format!(
                "{}: Customer Service Week {}",
                text(&plan.company),
                plan.year
            ),
        ));

    calendar.push(
        all_day(plan.week.start, plan.week.end)
            .uid(&uid("week"))
            .timestamp(stamp)
            .summary(&format!(
                "Customer Service Week {}: {}",
                plan.year,
                text(&plan.theme)
            ))
            .description(&format!(
                "{}'s Customer Service Week. Theme: {}.",
                text(&plan.company),
                text(&plan.theme)
            ))
            .done(),
    );

    for day in &plan.days {
        for activity in &day.activities {
            let waves: Vec<(NaiveTime, NaiveTime)> = if activity.waves.is_empty() {
                vec![(activity.start, activity.end)]
            } else {
                activity.waves.iter().map(|w| (w.start, w.end)).collect()
            };
            let count = waves.len();
            for (n, (start, end)) in waves.into_iter().enumerate() {
                let (summary, id) = if count > 1 {
                    (
                        format!("{} (wave {} of {count})", text(&activity.title), n + 1),
                        format!("{}-wave-{}", activity.id, n + 1),
                    )
                } else {
                    (text(&activity.title), activity.id.clone())
                };
                let mut event = match &zone {
                    Some(zone) => {
                        let (from, to) = span(zone, day.date, start, end);
                        let mut event = Event::new();
                        event.starts(from).ends(to);
                        event
                    }
                    None => all_day(day.date, day.date),
                };
                calendar.push(
                    event
                        .uid(&uid(&id))
                        .timestamp(stamp)
                        .summary(&summary)
                        .description(&describe(
                            activity,
                            (start, end),
                            &plan.currency,
                            zone.is_none(),
                        ))
                        .add_property("CATEGORIES", activity.category.as_str())
                        .done(),
                );
            }
        }
    }

    for step in &plan.prep {
        calendar.push(prep_event(plan, step, stamp, &uid));
    }
    fold(&calendar.to_string())
}

/// A prep step: an all-day event on its due date, with a reminder at 09:00.
fn prep_event(
    plan: &Plan,
    step: &PrepStep,
    stamp: DateTime<Utc>,
    uid: &dyn Fn(&str) -> String,
) -> Event {
    let owner = step.idea.as_deref().unwrap_or("organiser");
    let title = step
        .idea
        .as_deref()
        .and_then(|id| {
            plan.days
                .iter()
                .flat_map(|d| &d.activities)
                .find(|a| a.id == id)
        })
        .map_or_else(
            || "Organising the week".to_string(),
            |a| format!("For {}", text(&a.title)),
        );
    let id = format!(
        "prep-{owner}-{:08x}",
        fnv1a(step.task.as_bytes()) & 0xffff_ffff
    );
    // The crate gives an alarm a random UID and the current time unless told.
    let mut alarm = Alarm::display(&text(&step.task), Duration::hours(9));
    alarm.uid(&uid(&format!("{id}-alarm"))).timestamp(stamp);
    all_day(step.due, step.due)
        .uid(&uid(&id))
        .timestamp(stamp)
        .summary(&format!("Prep: {}", text(&step.task)))
        .description(&format!(
            "{title}. Due before Customer Service Week {}.",
            plan.year
        ))
        .alarm(alarm)
        .done()
}

/// An all-day event from `first` to `last` inclusive: DTEND is the day after.
fn all_day(first: NaiveDate, last: NaiveDate) -> Event {
    let mut event = Event::new();
    event.starts(first).ends(last + Duration::days(1));
    event
}

/// An activity's start and end in UTC, from wall-clock times on `date` in
/// `zone`. An end at or before the start is the next day's (an after-work
/// event may run past midnight). A start in the hour a clock change skips
/// moves an hour on and may pass the end: then the event keeps its length.
fn span(
    zone: &Rules,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let end_date = if end <= start {
        date + Duration::days(1)
    } else {
        date
    };
    let from = utc(zone, date, start);
    let to = utc(zone, end_date, end);
    if to > from {
        (from, to)
    } else {
        (from, from + (end_date.and_time(end) - date.and_time(start)))
    }
}

/// A wall-clock time on `date` in `zone`, in UTC. A time skipped by a
/// daylight-saving change is taken an hour later; a repeated one, the first.
fn utc(zone: &Rules, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = date.and_time(time);
    zone.earliest(local)
        .or_else(|| zone.earliest(local + Duration::hours(1)))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// An event's description; an all-day event's starts with its times (those
/// of its own wave).
fn describe(
    activity: &Activity,
    (start, end): (NaiveTime, NaiveTime),
    currency: &str,
    all_day: bool,
) -> String {
    let mut lines = Vec::new();
    if all_day {
        lines.push(format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")));
    }
    if !activity.summary.is_empty() {
        lines.push(text(&activity.summary));
    }
    lines.push(format!("Why: {}", text(&activity.why)));
    if activity.cost.is_zero() {
        lines.push("Cost: free".to_string());
    } else {
        lines.push(format!("Cost: {} {currency}", activity.cost));
    }
    lines.join("\n")
}

/// User text for a TEXT value: line breaks as `\n` only (the crate escapes
/// `\n`, but a bare CR would break the CRLF line structure).
fn text(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

/// Folds every content line at 75 octets, as RFC 5545 asks, on character
/// boundaries: the first part up to 75 octets, each continuation a space
/// and up to 74 more. (The calendar library folds one octet late at times.)
fn fold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in unfolded.split_terminator("\r\n") {
        let mut room = 75;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                out.push_str("\r\n ");
                room = 74;
                used = 0;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};

    #[test]
    fn an_event_in_the_hour_a_clock_change_skips_keeps_its_length() {
        // Sydney's clocks went from 02:00 to 03:00 on 7 October 2029.
        let zone = &crate::zone::Zone::named("Australia/Sydney")
            .and_then(crate::zone::Zone::rules)
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2029, 10, 7).unwrap();
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let (from, to) = super::span(zone, date, at(2, 15), at(3, 0));
        assert_eq!(from, Utc.with_ymd_and_hms(2029, 10, 6, 16, 15, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2029, 10, 6, 17, 0, 0).unwrap());
        // Across the change, the wall clock's end stands.
        let (from, to) = super::span(zone, date, at(1, 30), at(3, 30));
        assert_eq!(from, Utc.with_ymd_and_hms(2029, 10, 6, 15, 30, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2029, 10, 6, 16, 30, 0).unwrap());
        // After work, past midnight.
        let (from, to) = super::span(zone, date, at(22, 0), at(0, 30));
        assert_eq!(to - from, chrono::Duration::minutes(150));
    }
}
