//! `[[shift]]` tables: the shifts a config describes, or the one its
//! `hours` and `team_size` make, and the checks across them and the pins.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, de};
use toml::Spanned;

use super::{Config, Hours, Keys, MAX_TEAM, Pin, TeamSize, ten};
use crate::catalog::{Day, Text};
use crate::planner;
use crate::plural::and_list;
use crate::source::Problems;
use crate::suggest;

impl Keys {
    /// The team's size: with shifts, everyone on them.
    pub fn team_size(&self) -> u32 {
        if self.shift.is_empty() {
            self.team_size
                .as_ref()
                .map_or(ten(), |t| *t.get_ref())
                .as_u32()
        } else {
            self.shifts().iter().map(|s| s.team_size).sum()
        }
    }

    /// The working day when there are no shifts.
    pub fn hours(&self) -> Hours {
        self.hours
            .as_ref()
            .map_or_else(Hours::default, |h| *h.get_ref())
    }

    /// The shifts: those described, or the one that `hours` and
    /// `team_size` make.
    pub fn shifts(&self) -> Vec<ShiftSpec> {
        let week = self.days.days();
        if self.shift.is_empty() {
            return vec![ShiftSpec {
                name: IMPLICIT_SHIFT.to_string(),
                hours: self.hours(),
                team_size: self.team_size(),
                days: (0..week as usize).collect(),
            }];
        }
        self.shift
            .iter()
            .map(|s| {
                let s = s.get_ref();
                ShiftSpec {
                    name: s.name.get_ref().to_string(),
                    hours: s.hours.0,
                    team_size: u32::try_from(*s.team_size.get_ref()).unwrap_or(1).max(1),
                    days: (0..week as usize)
                        .filter(|d| s.works(Day(WEEKDAYS[*d]), week))
                        .collect(),
                }
            })
            .collect()
    }
}

const WEEKDAYS: [chrono::Weekday; 7] = [
    chrono::Weekday::Mon,
    chrono::Weekday::Tue,
    chrono::Weekday::Wed,
    chrono::Weekday::Thu,
    chrono::Weekday::Fri,
    chrono::Weekday::Sat,
    chrono::Weekday::Sun,
];

/// The name of the one shift a config without `[[shift]]` tables has.
pub const IMPLICIT_SHIFT: &str = "Day";

/// A shift as the plan reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftSpec {
    pub name: String,
    pub hours: Hours,
    pub team_size: u32,
    /// The days it starts on: indices into the week, Monday first.
    pub days: Vec<usize>,
}

impl Shift {
    /// Whether it starts on `day` of a week of `week` days.
    pub fn works(&self, day: Day, week: u32) -> bool {
        let index = day.0.num_days_from_monday();
        index < week
            && self
                .days
                .as_ref()
                .is_none_or(|days| days.get_ref().contains(&day))
    }
}

/// The most `[[shift]]` tables: the planner plans up to seven groups
/// together, and the items every shift shares are one of them.
pub const MAX_SHIFTS: usize = 6;

/// The longest shift, in hours.
pub const LONGEST_SHIFT: u32 = 16;

/// `[[shift]]`: people celebrated in their own hours on their own days.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// Its name on the agenda, such as "Night"; unique among the shifts
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    /// Its hours, such as "22:00-06:00": they may cross midnight, and the
    /// shift belongs to the day it starts. At most 16 hours
    pub hours: ShiftHours,
    /// People on the shift
    #[schemars(with = "TeamSize")]
    pub team_size: Spanned<i64>,
    /// The days it starts on, `mon`…`sun`; by default every day of the week
    #[schemars(with = "Option<Vec<Day>>")]
    pub days: Option<Spanned<Vec<Day>>>,
}

/// A shift's hours: like `hours`, but they may cross midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShiftHours(pub Hours);

fixed_schema!(ShiftHours, "ShiftHours", {
    "description": "A shift's hours, \"HH:MM-HH:MM\", from one to 16 hours long; \"22:00-06:00\" crosses midnight",
    "type": "string",
    "pattern": "^\\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\\s*-\\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\\s*$"
});

impl<'de> Deserialize<'de> for ShiftHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ShiftHours, D::Error> {
        let text = String::deserialize(deserializer)?;
        let hours = Hours::parse(&text, "a shift's hours such as \"22:00-06:00\"")
            .map_err(de::Error::custom)?;
        let minutes = hours.minutes();
        if minutes < 60 {
            return Err(de::Error::custom(format!(
                "expected a shift at least an hour long, found \"{text}\""
            )));
        }
        if minutes > LONGEST_SHIFT * 60 {
            return Err(de::Error::custom(format!(
                "expected a shift of at most {LONGEST_SHIFT} hours, found \"{text}\", which lasts {}",
                crate::plural::count_hours(minutes)
            )));
        }
        Ok(ShiftHours(hours))
    }
}

/// `names` as `"A", "B" and "C"`.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    and_list(&quoted)
}

impl Config {
    /// The line (from 1) of the text where `span` starts.
    fn line_of(&self, span: &std::ops::Range<usize>) -> usize {
        let before = self.text.get(..span.start).unwrap_or(&self.text);
        before.matches('\n').count() + 1
    }

    /// The shifts' checks: each names a shift once, has people, works days
    /// of the week; the top-level `team_size` and `hours` give way to them;
    /// each pin's `shift` is one of them and works the pin's day, and a pin
    /// without one is on a day some shift works.
    pub(super) fn check_shifts(&self, limit: usize) -> Problems {
        let keys = &self.keys;
        let mut found: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        if keys.shift.is_empty() {
            found.extend(keys.pin.iter().filter_map(|pin| {
                let shift = pin.shift.as_ref()?;
                Some((
                    shift.span(),
                    format!(
                        "`shift = \"{}\"`, but the config has no `[[shift]]` tables; \
                         remove `shift`, or describe the shifts",
                        shift.get_ref()
                    ),
                ))
            }));
            return Problems::at_places(&self.path, &self.text, found, limit, |m| m);
        }
        for (key, span) in [
            ("team_size", keys.team_size.as_ref().map(Spanned::span)),
            ("hours", keys.hours.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                found.push((
                    span,
                    format!(
                        "`{key}` is set for each shift when the config has `[[shift]]` tables; \
                         move it into each `[[shift]]` and remove it here"
                    ),
                ));
            }
        }
        if keys.shift.len() > MAX_SHIFTS {
            found.push((
                keys.shift[MAX_SHIFTS].span(),
                format!(
                    "a plan takes at most {MAX_SHIFTS} shifts, and this is the {}th; \
                     merge shifts that work the same hours",
                    MAX_SHIFTS + 1
                ),
            ));
        }
        let names = self.check_each_shift(&mut found);
        let everyone: i64 = keys
            .shift
            .iter()
            .map(|s| *s.get_ref().team_size.get_ref())
            .sum();
        if everyone > MAX_TEAM
            && let Some(last) = keys.shift.last()
        {
            found.push((
                last.get_ref().team_size.span(),
                format!(
                    "the shifts have {everyone} people in all; a plan celebrates at most {MAX_TEAM}"
                ),
            ));
        }
        self.check_pins_for_shifts(&names, &mut found);
        Problems::at_places(&self.path, &self.text, found, limit, |m| m)
    }

    /// Each `[[shift]]`'s own checks, noted in `found`: it has a name of its
    /// own, people, and days of the week. Gives the shifts' distinct names.
    fn check_each_shift(&self, found: &mut Vec<(std::ops::Range<usize>, String)>) -> Vec<&str> {
        let week = self.keys.days.days();
        let mut seen: Vec<&Spanned<Text>> = Vec::new();
        for shift in &self.keys.shift {
            let s = shift.get_ref();
            let name = s.name.get_ref().as_str();
            let first = seen
                .iter()
                .find(|n| n.get_ref().as_str().eq_ignore_ascii_case(name));
            if let Some(first) = first {
                let line = self.line_of(&first.span());
                let first_name = first.get_ref().as_str();
                let message = if first_name == name {
                    format!(
                        "a shift named \"{name}\" is described twice, first on line {line}; \
                         give each shift its own name"
                    )
                } else {
                    format!(
                        "a shift named \"{name}\" is described twice: \"{first_name}\" on line \
                         {line} differs only in case; give each shift its own name"
                    )
                };
                found.push((s.name.span(), message));
            } else {
                seen.push(&s.name);
            }
            let size = *s.team_size.get_ref();
            if size < 1 {
                found.push((
                    s.team_size.span(),
                    format!(
                        "the shift \"{name}\" has nobody on it: expected a `team_size` from 1 to \
                         {MAX_TEAM}, found {size}; remove the `[[shift]]` if nobody works it"
                    ),
                ));
            } else if size > MAX_TEAM {
                found.push((
                    s.team_size.span(),
                    format!(
                        "the shift \"{name}\": expected a `team_size` from 1 to {MAX_TEAM}, found {size}"
                    ),
                ));
            }
            if let Some(days) = &s.days {
                let list = days.get_ref();
                if let Some(again) = list
                    .iter()
                    .enumerate()
                    .find_map(|(i, d)| list[..i].contains(d).then_some(d))
                {
                    found.push((
                        days.span(),
                        format!(
                            "the shift \"{name}\" lists {} twice in `days`; name each day once",
                            planner::weekday_name(again.0)
                        ),
                    ));
                }
                if list.is_empty() {
                    found.push((
                        days.span(),
                        format!(
                            "the shift \"{name}\" works no days: `days` is empty; list the days \
                             it starts on, such as [\"mon\", \"tue\"], or remove `days` for every \
                             day of the week"
                        ),
                    ));
                }
                let mut outside: Vec<&str> = days
                    .get_ref()
                    .iter()
                    .filter(|d| d.0.num_days_from_monday() >= week)
                    .map(|d| planner::weekday_name(d.0))
                    .collect();
                outside.dedup();
                if !outside.is_empty() {
                    found.push((
                        days.span(),
                        format!(
                            "the shift \"{name}\" works {}, outside the week: `days = \"{}\"` \
                             runs Monday to Friday; remove {} from the shift's `days`, or plan the \
                             whole week with `days = \"mon-sun\"`",
                            and_list(&outside),
                            self.days_text(),
                            if outside.len() == 1 { "it" } else { "them" }
                        ),
                    ));
                }
            }
        }
        seen.iter().map(|n| n.get_ref().as_str()).collect()
    }

    /// Each pin's checks against the shifts (of `names`), noted in `found`:
    /// its `shift` is one of them and works its day; without one, some
    /// shift works its day.
    fn check_pins_for_shifts(
        &self,
        names: &[&str],
        found: &mut Vec<(std::ops::Range<usize>, String)>,
    ) {
        let keys = &self.keys;
        let week = keys.days.days();
        for pin in &keys.pin {
            let day = *pin.day.get_ref();
            // A day outside the week is reported by `check_pins_fit_days`.
            let in_week = day.0.num_days_from_monday() < week;
            let Some(wanted) = &pin.shift else {
                if in_week && !keys.shift.iter().any(|s| s.get_ref().works(day, week)) {
                    found.push((
                        pin.day.span(),
                        format!(
                            "no shift works {}: the shifts' `days` leave it out; pin the idea to \
                             a day a shift works, or add \"{}\" to a shift's `days`",
                            planner::weekday_name(day.0),
                            day.short()
                        ),
                    ));
                }
                continue;
            };
            let Some(shift) = keys.shift.iter().map(Spanned::get_ref).find(|s| {
                s.name
                    .get_ref()
                    .as_str()
                    .eq_ignore_ascii_case(wanted.get_ref())
            }) else {
                // Shift names are matched in any case, so are suggested so.
                let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
                let near = suggest::closest(
                    &wanted.get_ref().to_lowercase(),
                    lower.iter().map(String::as_str),
                )
                .and_then(|l| lower.iter().position(|n| n == l))
                .map(|i| names[i])
                .map_or_else(
                    || format!("; the shifts are {}", quoted(names)),
                    |n| format!("; did you mean \"{n}\"?"),
                );
                found.push((
                    wanted.span(),
                    format!("no `[[shift]]` is named \"{}\"{near}", wanted.get_ref()),
                ));
                continue;
            };
            if in_week && !shift.works(day, week) {
                let works: Vec<&str> = WEEKDAYS[..week as usize]
                    .iter()
                    .filter(|d| shift.works(Day(**d), week))
                    .map(|d| planner::weekday_name(*d))
                    .collect();
                let only = if works.is_empty() {
                    String::new()
                } else {
                    format!(", only {}", and_list(&works))
                };
                found.push((
                    pin.day.span(),
                    format!(
                        "the shift \"{}\" does not work {}{only}; pin the idea to a day it works, \
                         or add \"{}\" to the shift's `days`",
                        shift.name.get_ref(),
                        planner::weekday_name(day.0),
                        day.short()
                    ),
                ));
            }
        }
    }

    /// Whom `pin` is for: the shifts (by index) it runs for, or None for a
    /// team without shifts, and for a day-long item (`all_day`), which is
    /// every shift's. With shifts, an idea runs once for each shift, so it
    /// may be pinned once for each.
    pub(super) fn pinned_for(&self, pin: &Pin, all_day: bool) -> Vec<Option<usize>> {
        let shifts = &self.keys.shift;
        if shifts.is_empty() || all_day {
            return vec![None];
        }
        let week = self.keys.days.days();
        match &pin.shift {
            Some(name) => shifts
                .iter()
                .position(|s| {
                    let own = s.get_ref().name.get_ref().as_str();
                    own.eq_ignore_ascii_case(name.get_ref())
                })
                .map(Some)
                .into_iter()
                .collect(),
            None => (0..shifts.len())
                .filter(|s| shifts[*s].get_ref().works(*pin.day.get_ref(), week))
                .map(Some)
                .collect(),
        }
    }
}
