//! The plan's sentences: why each pick won, and the notes.

use chrono::{Duration, NaiveDate};

use super::Context;
use crate::catalog::{Audience, Category, Idea};
use crate::planner::{Schedule, Why};
use crate::plural::{and_list, count};
use crate::zone::Rules;

/// How many sessions an activity runs in, and what sets that number.
#[derive(Debug, Clone, Copy)]
pub(super) enum Sessions {
    /// Everyone at once.
    One,
    /// Waves, so the queue stays covered.
    Waves(u32),
    /// Sessions of at most the idea's `group_size` people.
    Booked { count: u32, size: u32 },
}

/// Words the planner's reasons as one sentence.
pub(super) fn why(
    why: &Why,
    idea: &Idea,
    weekday: &str,
    theme: &str,
    sessions: Sessions,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if why.pinned {
        parts.push(format!("pinned to {weekday} in the config"));
    }
    match (why.preferred_day, why.theme) {
        (true, true) => parts.push(format!(
            "a {weekday} classic that fits \u{201c}{theme}\u{201d}"
        )),
        (true, false) => parts.push(format!("a {weekday} classic")),
        (false, true) => parts.push(format!("fits \u{201c}{theme}\u{201d}")),
        (false, false) => {}
    }
    if why.free {
        parts.push("free".to_string());
    }
    if why.new_category {
        parts.push(format!(
            "brings {} to the week",
            category_phrase(idea.category)
        ));
    }
    if why.recognition {
        parts.push("the day's moment of recognition".to_string());
    }
    if !why.audiences.is_empty() {
        let who: Vec<&str> = why.audiences.iter().map(|a| audience_phrase(*a)).collect();
        parts.push(format!("includes {}", and_list(&who)));
    }
    match sessions {
        Sessions::One => {}
        Sessions::Waves(waves) => {
            parts.push(format!("runs in {waves} waves so the queue stays covered"));
        }
        Sessions::Booked { count, size } => parts.push(format!(
            "book {count} sessions of up to {}",
            crate::plural::count(size, "person", "people")
        )),
    }
    if parts.is_empty() {
        return "Good value that rounds out the day.".to_string();
    }
    let mut sentence = parts.join("; ");
    if let Some(first) = sentence.get(..1) {
        sentence.replace_range(..1, &first.to_uppercase());
    }
    sentence.push('.');
    sentence
}

fn category_phrase(category: Category) -> &'static str {
    match category {
        Category::Kickoff => "a kick-off",
        Category::Recognition => "recognition",
        Category::Food => "a shared meal",
        Category::Fun => "some fun",
        Category::Customers => "your customers",
        Category::Learning => "learning",
        Category::Leadership => "leaders",
        Category::Community => "community",
        Category::Reflection => "reflection",
    }
}

fn audience_phrase(audience: Audience) -> &'static str {
    match audience {
        Audience::Team => "the team",
        Audience::Customers => "customers",
        Audience::Leaders => "leaders",
        Audience::Families => "families",
        Audience::WholeCompany => "helpers in other departments",
    }
}

pub(super) fn notes(cx: &Context<'_>, schedule: &Schedule, zone: Option<&Rules>) -> Vec<String> {
    let mut notes = clock_changes(cx, zone);
    let titles = |ideas: &[usize]| -> String {
        let mut names: Vec<String> = ideas
            .iter()
            .take(5)
            .map(|i| cx.ideas[*i].title.to_string())
            .collect();
        if ideas.len() > 5 {
            names.push(format!("{} more", ideas.len() - 5));
        }
        and_list(&names.iter().map(String::as_str).collect::<Vec<_>>())
    };
    if cx.today > cx.week.end {
        notes.push(format!(
            "Customer Service Week {} ended on {}; this plan ignores preparation lead times.",
            cx.week.year,
            cx.week.end.format("%-d %B %Y")
        ));
    } else if cx.today >= cx.week.start {
        notes.push(
            "The week is under way: only ideas that need no preparation were considered."
                .to_string(),
        );
    }
    if let Some((ids, file)) = cx.avoided.filter(|(ids, _)| !ids.is_empty()) {
        let avoided: Vec<usize> = ids
            .iter()
            .filter_map(|id| cx.ideas.iter().position(|i| i.id.as_str() == id))
            .collect();
        let unknown = ids.len() - avoided.len();
        if avoided.is_empty() {
            notes.push(format!(
                "Last year's plan ({file}) names {}, none of them in this catalog, so none was kept out.",
                count(unknown, "idea", "ideas")
            ));
        } else {
            let others = match unknown {
                0 => String::new(),
                1 => "; 1 more it names is not in this catalog".to_string(),
                n => format!("; {n} more it names are not in this catalog"),
            };
            notes.push(format!(
                "Kept out {} from last year's plan ({file}) so the week is fresh: {}{others}.",
                count(avoided.len(), "idea", "ideas"),
                titles(&avoided)
            ));
        }
    }
    if !schedule.left_out.late.is_empty() {
        notes.push(format!(
            "Left out {} whose preparation takes longer than the time left before the week: {}.",
            count(schedule.left_out.late.len(), "idea", "ideas"),
            titles(&schedule.left_out.late)
        ));
    }
    if !schedule.left_out.too_long.is_empty() {
        notes.push(format!(
            "Left out {} that would not fit in the working day, counting the waves that keep the queue covered: {}.",
            count(schedule.left_out.too_long.len(), "idea", "ideas"),
            titles(&schedule.left_out.too_long)
        ));
    }
    if !schedule.left_out.uncovered.is_empty() {
        notes.push(format!(
            "Left out {} that would take the team off the queue, since `coverage` keeps everyone on duty or frees one person at a time: {}.",
            count(schedule.left_out.uncovered.len(), "idea", "ideas"),
            titles(&schedule.left_out.uncovered)
        ));
    }
    if !schedule.left_out.too_many.is_empty() {
        notes.push(format!(
            "Left out {} that would need more than {} sessions a day to take everyone: {}.",
            count(schedule.left_out.too_many.len(), "idea", "ideas"),
            crate::planner::MAX_SESSIONS,
            titles(&schedule.left_out.too_many)
        ));
    }
    if let Some((cost, dropped)) = &schedule.over_budget {
        notes.push(format!(
            "The budget kept out {}; a budget of {cost} would have included {}.",
            kept_out(cx, dropped),
            if dropped.len() == 1 { "it" } else { "them" }
        ));
    }
    if let Some((kept, total)) = schedule.shortlisted {
        notes.push(format!(
            "{total} ideas suit this config, too many to search whole: the planner searched a shortlist of {kept}, so this is the best plan found, not proven the best possible."
        ));
    } else if !schedule.proven {
        notes.push("The search stopped at its limit: this is the best plan found, not proven the best possible.".to_string());
    }
    notes
}

/// The ideas the budget kept out, the first five by name: with shifts,
/// each with the shifts it was kept out for, since others may have it.
fn kept_out(cx: &Context<'_>, dropped: &[crate::planner::KeptOut]) -> String {
    let shifts = cx.groups.len() > 1;
    let named: Vec<String> = dropped
        .iter()
        .take(5)
        .map(|(i, groups)| {
            let title = &cx.ideas[*i].title;
            let names: Vec<&str> = groups
                .iter()
                .filter_map(|g| cx.shift(*g))
                .map(|s| s.name.as_str())
                .collect();
            if !shifts || names.is_empty() {
                title.to_string()
            } else {
                format!("{title} (for {})", and_list(&names))
            }
        })
        .chain((dropped.len() > 5).then(|| format!("{} more", dropped.len() - 5)))
        .collect();
    and_list(&named.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A note for each day of the week on which the clocks change: when, by
/// how much, and that the plan's times are as the clocks read.
fn clock_changes(cx: &Context<'_>, zone: Option<&Rules>) -> Vec<String> {
    let (Some(name), Some(rules)) = (cx.timezone, zone) else {
        return Vec::new();
    };
    let at = |date: NaiveDate| rules.instant(date.and_hms_opt(0, 0, 0)?);
    let offset = |instant| rules.offset(instant);
    cx.week
        .dates()
        .filter_map(|date| {
            let (from, to) = (at(date)?, at(date.succ_opt()?)?);
            let (before, after) = (offset(from)?, offset(to)?);
            if before == after {
                return None;
            }
            // The first minute on the new offset.
            let (mut low, mut high) = (from, to);
            while high - low > Duration::minutes(1) {
                let middle = low + (high - low) / 2;
                if offset(middle)? == after {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            let shift = after.local_minus_utc() - before.local_minus_utc();
            let minutes = shift.unsigned_abs() / 60;
            let by = if minutes % 60 == 0 {
                count(minutes as usize / 60, "hour", "hours")
            } else {
                count(minutes as usize, "minute", "minutes")
            };
            Some(format!(
                "On {} the clocks go {} {by} at {} ({name}); the times in this plan are as the clocks read.",
                date.format("%A %-d %B"),
                if shift > 0 { "forward" } else { "back" },
                high.with_timezone(&before).format("%H:%M"),
            ))
        })
        .collect()
}
