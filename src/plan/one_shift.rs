//! One shift's plan, for `csweek plan --shift`: the same model, holding
//! only that shift's activities and the day-long items every shift shares,
//! so that every renderer prints it as it prints a whole plan.

use std::fmt;

use crate::money::Money;
use crate::suggest;

use super::{Activity, Budget, Day, Plan, Times, by_category};

/// `--shift` names no shift of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownShift {
    /// The name asked for.
    pub name: String,
    /// The plan's shifts, in the config's order.
    pub shifts: Vec<String>,
}

impl fmt::Display for UnknownShift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--shift: no shift is named \"{}\"", self.name)?;
        if let [only] = self.shifts.as_slice() {
            // Without `[[shift]]` tables, the whole team is the one shift.
            return write!(
                f,
                "; the config has no [[shift]] tables, so the whole team is one shift, \"{only}\""
            );
        }
        let names: Vec<&str> = self.shifts.iter().map(String::as_str).collect();
        write!(f, "; the shifts are {}", quoted(&names))?;
        // A close name, in any case: "nigth" is a typo of "Night".
        let lower: Vec<String> = self.shifts.iter().map(|s| s.to_lowercase()).collect();
        let wanted = self.name.trim().to_lowercase();
        if let Some(near) = suggest::closest(&wanted, lower.iter().map(String::as_str)) {
            let at = lower.iter().position(|n| n == near).unwrap_or_default();
            write!(f, "; did you mean \"{}\"?", self.shifts[at])?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownShift {}

/// `"A"`, `"A" and "B"`, `"A", "B" and "C"`.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

impl Plan {
    /// The plan as the shift `name` (in any case) lives it: its own
    /// activities and the day-long items every shift shares, on every day.
    ///
    /// The shift is the plan's only one, and its hours and people the
    /// plan's. Each day's cost, the planned amount and the spend by
    /// category count what this plan holds; the total and what is left stay
    /// the whole week's, as a note says. Prep steps are the organiser's and
    /// those of the activities it holds. A day's runner-up, picked against
    /// whichever shift came first, is left out. A plan of one shift is
    /// itself.
    pub fn for_shift(&self, name: &str) -> Result<Plan, UnknownShift> {
        let Some(shift) = self
            .shifts
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
        else {
            return Err(UnknownShift {
                name: name.to_string(),
                shifts: self.shifts.iter().map(|s| s.name.clone()).collect(),
            });
        };
        if self.shifts.len() == 1 {
            return Ok(self.clone());
        }
        let ours = |a: &&Activity| a.shift.as_ref().is_none_or(|s| *s == shift.name);
        let days: Vec<Day> = self
            .days
            .iter()
            .map(|day| {
                // On a day off, the shift has nothing, shared or its own.
                let works = shift.days.contains(&day.weekday);
                let activities: Vec<Activity> = day
                    .activities
                    .iter()
                    .filter(ours)
                    .filter(|_| works)
                    .cloned()
                    .collect();
                Day {
                    cost: activities.iter().map(|a| a.cost).sum(),
                    activities,
                    runner_up: None,
                    ..day.clone()
                }
            })
            .collect();
        let planned: Money = days.iter().map(|d| d.cost).sum();
        let held = |id: &str| days.iter().flat_map(|d| &d.activities).any(|a| a.id == id);
        let prep = self
            .prep
            .iter()
            .filter(|step| step.idea.as_deref().is_none_or(held))
            .cloned()
            .collect();
        let kept_out = self.budget.kept_out.clone().and_then(|mut kept| {
            kept.ideas
                .retain(|i| i.shifts.is_empty() || i.shifts.contains(&shift.name));
            (!kept.ideas.is_empty()).then_some(kept)
        });
        let mut notes = vec![format!(
            "This plan shows one shift, {} ({}, {}): its own activities and the day-long items \
             every shift shares. Planned is what they cost, {planned} of the {} planned for all \
             {} shifts; what is left is the whole week's.",
            shift.name,
            hours(shift.start, shift.end),
            crate::plural::count(shift.team_size, "person", "people"),
            self.budget.planned,
            self.shifts.len(),
        )];
        notes.extend(self.notes.iter().cloned());
        Ok(Plan {
            team_size: shift.team_size,
            hours: Times {
                start: shift.start,
                end: shift.end,
            },
            shifts: vec![shift.clone()],
            budget: Budget {
                planned,
                by_category: by_category(&days),
                kept_out,
                ..self.budget.clone()
            },
            days,
            prep,
            notes,
            ..self.clone()
        })
    }
}

/// `22:00–06:30 the next day`, `06:00–14:30`.
fn hours(start: chrono::NaiveTime, end: chrono::NaiveTime) -> String {
    let next = if end <= start { " the next day" } else { "" };
    format!("{}–{}{next}", start.format("%H:%M"), end.format("%H:%M"))
}
