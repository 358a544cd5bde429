//! iCalendar (RFC 5545), written here line by line, never from a template:
//! TEXT values are escaped, and each content line is folded at 75 octets
//! as it is written, in time linear in its length.
//!
//! - every activity (every wave of one) is an event: in UTC when the plan has
//!   a time zone, all-day otherwise, on the date it starts; with shifts, its
//!   summary names its shift;
//! - a day-long item every shift shares is an all-day event on its day;
//! - the week itself is an all-day event, DTEND the day after it ends;
//! - each prep step is an all-day event on its due date with a reminder at
//!   09:00, since to-dos are dropped by several calendar apps on import.
//!
//! The file is for importing, not a scheduling message, so it has no
//! `METHOD` (which would ask every event for an `ORGANIZER`). UIDs come from
//! [`plan::uid`](crate::plan::uid), so importing next week's revised plan
//! updates events instead of duplicating them.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::hash::fnv1a;
use crate::plan::{self, Activity, Plan, PrepStep, Timing};

pub fn render(plan: &Plan, stamp: DateTime<Utc>) -> String {
    let mut out = Lines::default();
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line(
        "PRODID",
        concat!("-//csweek//csweek ", env!("CARGO_PKG_VERSION"), "//EN"),
    );
    out.line("CALSCALE", "GREGORIAN");
    // The name twice, as RFC 7986 and Apple spell it, each typed TEXT:
    // untyped, several readers take an X- property's escapes literally.
    let name = one_line(&format!(
        "{}: Customer Service Week {}",
        plan.company, plan.year
    ));
    out.text("NAME;VALUE=TEXT", &name);
    out.text("X-WR-CALNAME;VALUE=TEXT", &name);

    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let uid = |what: &str| plan::uid(&plan.company, plan.year, what);
    Event {
        uid: &uid("week"),
        when: When::Days(plan.week.start, plan.week.end),
        summary: &format!("Customer Service Week {}: {}", plan.year, plan.theme),
        description: &format!(
            "{}'s Customer Service Week. Theme: {}.",
            plan.company, plan.theme
        ),
        category: None,
        reminder: None,
    }
    .write(&mut out, &stamp);

    for day in &plan.days {
        for activity in &day.activities {
            let count = activity.waves.len();
            let events: Vec<(&str, Timing)> = if activity.waves.is_empty() {
                let uid = activity
                    .uid
                    .as_deref()
                    .expect("an activity in one go has a UID");
                vec![(uid, activity.timing)]
            } else {
                activity
                    .waves
                    .iter()
                    .map(|w| (w.uid.as_str(), w.timing))
                    .collect()
            };
            // With shifts, each shift's events say whose they are.
            let shift = activity.shift.as_deref().filter(|_| plan.shifts.len() > 1);
            for (n, (uid, timing)) in events.into_iter().enumerate() {
                let summary = match (shift, count > 1) {
                    (Some(shift), true) => format!(
                        "{} ({}, wave {} of {count})",
                        activity.title,
                        shift_name(shift),
                        n + 1
                    ),
                    (Some(shift), false) => format!("{} ({})", activity.title, shift_name(shift)),
                    (None, true) => format!("{} (wave {} of {count})", activity.title, n + 1),
                    (None, false) => activity.title.clone(),
                };
                // An event with no time of its own is all-day on the date it
                // starts: past midnight, for a night shift, the next day's.
                let when = if activity.all_day {
                    When::Days(day.date, day.date)
                } else {
                    let date = timing.starts_at.local.date();
                    match timing.starts_at.utc().zip(timing.ends_at.utc()) {
                        Some((from, to)) => When::Utc(from, to),
                        None => When::Days(date, date),
                    }
                };
                let all_day = matches!(when, When::Days(..));
                Event {
                    uid,
                    when,
                    summary: &summary,
                    description: &describe(activity, timing, &plan.currency, all_day),
                    category: Some(activity.category.as_str()),
                    reminder: None,
                }
                .write(&mut out, &stamp);
            }
        }
    }

    for step in &plan.prep {
        prep_event(plan, step, &mut out, &stamp);
    }
    out.line("END", "VCALENDAR");
    out.text
}

/// A prep step: an all-day event on its due date, with a reminder at 09:00.
fn prep_event(plan: &Plan, step: &PrepStep, out: &mut Lines, stamp: &str) {
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
            |a| format!("For {}", a.title),
        );
    let id = format!(
        "prep-{owner}-{:08x}",
        fnv1a(step.task.as_bytes()) & 0xffff_ffff
    );
    Event {
        uid: &plan::uid(&plan.company, plan.year, &id),
        when: When::Days(step.due, step.due),
        summary: &format!("Prep: {}", step.task),
        description: &format!("{title}. Due before Customer Service Week {}.", plan.year),
        category: None,
        reminder: Some(&step.task),
    }
    .write(out, stamp);
}

/// When an event happens.
enum When {
    /// All day, from the first date to the last, inclusive.
    Days(NaiveDate, NaiveDate),
    /// From one instant to another.
    Utc(DateTime<Utc>, DateTime<Utc>),
}

/// A VEVENT.
struct Event<'a> {
    uid: &'a str,
    when: When,
    summary: &'a str,
    description: &'a str,
    category: Option<&'a str>,
    /// The text of a reminder at 09:00 on the event's day.
    reminder: Option<&'a str>,
}

impl Event<'_> {
    fn write(&self, out: &mut Lines, stamp: &str) {
        out.line("BEGIN", "VEVENT");
        out.line("UID", self.uid);
        out.line("DTSTAMP", stamp);
        match self.when {
            When::Days(first, last) => {
                let day = |date: NaiveDate| date.format("%Y%m%d").to_string();
                out.line("DTSTART;VALUE=DATE", &day(first));
                // DTEND is the day after the last.
                out.line("DTEND;VALUE=DATE", &day(last + Duration::days(1)));
            }
            When::Utc(from, to) => {
                let utc = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
                out.line("DTSTART", &utc(from));
                out.line("DTEND", &utc(to));
            }
        }
        out.text("SUMMARY", &one_line(self.summary));
        out.text("DESCRIPTION", self.description);
        if let Some(category) = self.category {
            out.text("CATEGORIES", category);
        }
        if let Some(reminder) = self.reminder {
            // Only what RFC 5545 gives a display alarm: no UID, no DTSTAMP.
            out.line("BEGIN", "VALARM");
            out.line("ACTION", "DISPLAY");
            out.line("TRIGGER", "PT9H");
            out.text("DESCRIPTION", reminder);
            out.line("END", "VALARM");
        }
        out.line("END", "VEVENT");
    }
}

/// An event's description; an all-day event's starts with its times (those
/// of its own wave).
fn describe(activity: &Activity, timing: Timing, currency: &str, all_day: bool) -> String {
    let mut lines = Vec::new();
    if activity.all_day {
        lines.push("All day, for every shift.".to_string());
    } else if all_day {
        let time = |t: NaiveTime| t.format("%H:%M");
        lines.push(format!(
            "{}–{}",
            time(timing.local.start),
            time(timing.local.end)
        ));
    }
    if !activity.summary.is_empty() {
        lines.push(activity.summary.clone());
    }
    lines.push(format!("Why: {}", activity.why));
    if activity.cost.is_zero() {
        lines.push("Cost: free".to_string());
    } else {
        lines.push(format!("Cost: {} {currency}", activity.cost));
    }
    lines.join("\n")
}

/// A shift as a summary names it: "Night shift", or "Night Shift" as it is.
fn shift_name(name: &str) -> String {
    if name.to_lowercase().ends_with("shift") {
        name.to_string()
    } else {
        format!("{name} shift")
    }
}

/// Text for a one-line value (a summary, the calendar's name): each run of
/// line breaks becomes a space, since calendar apps show these on one line
/// and several cut them at the first break.
fn one_line(value: &str) -> String {
    value
        .split(['\r', '\n', '\u{2028}', '\u{2029}'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Content lines: CRLF after each, folded at 75 octets as RFC 5545 asks, on
/// character boundaries (the first part up to 75 octets, each continuation
/// a space and up to 74 more).
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// `name` (with any parameters) and `value`, written as they are.
    fn line(&mut self, name: &str, value: &str) {
        let mut used = 0;
        for c in name.chars().chain([':']).chain(value.chars()) {
            if used + c.len_utf8() > 75 {
                self.text.push_str("\r\n ");
                used = 1;
            }
            self.text.push(c);
            used += c.len_utf8();
        }
        self.text.push_str("\r\n");
    }

    /// A TEXT value, escaped: `\`, `;` and `,` with a backslash, each line
    /// break (CRLF, LF or a bare CR) as `\n`.
    fn text(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len() + value.len() / 8);
        let mut chars = value.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => escaped.push_str("\\\\"),
                ';' => escaped.push_str("\\;"),
                ',' => escaped.push_str("\\,"),
                '\n' => escaped.push_str("\\n"),
                '\r' => {
                    chars.next_if_eq(&'\n');
                    escaped.push_str("\\n");
                }
                c => escaped.push(c),
            }
        }
        self.line(name, &escaped);
    }
}

#[cfg(test)]
mod tests {
    use super::{Lines, one_line};

    #[test]
    fn a_long_line_folds_at_75_octets_on_character_boundaries() {
        let mut lines = Lines::default();
        let value = "é".repeat(100);
        lines.text("SUMMARY", &value);
        let folded: Vec<&str> = lines.text.split_terminator("\r\n").collect();
        // `SUMMARY:` and 33 two-octet letters; a 34th would make 76.
        assert_eq!(folded[0].len(), 74);
        assert!(
            folded[1..]
                .iter()
                .all(|l| l.len() <= 75 && l.starts_with(' '))
        );
        assert_eq!(
            lines.text.replace("\r\n ", ""),
            format!("SUMMARY:{value}\r\n")
        );
    }

    #[test]
    fn text_is_escaped_and_one_line_values_hold_no_breaks() {
        let mut lines = Lines::default();
        lines.text("DESCRIPTION", "a;b,c\\d\r\ne\rf\ng");
        assert_eq!(lines.text, "DESCRIPTION:a\\;b\\,c\\\\d\\ne\\nf\\ng\r\n");
        assert_eq!(
            one_line("one\r\ntwo\n\nthree\u{2028}four\rfive\n"),
            "one two three four five"
        );
    }
}
