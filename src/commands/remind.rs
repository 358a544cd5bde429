//! `csweek remind`, for a scheduled job in the weeks before.

use std::fmt::Write as _;
use std::io::IsTerminal as _;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::{in_good_time, load_catalog, load_config, locate, make_plan, today};
use crate::cli::RemindArgs;
use crate::{output, plan};

#[derive(Serialize)]
struct RemindJson {
    schema_version: u32,
    #[serde(serialize_with = "crate::plan::iso")]
    today: NaiveDate,
    #[serde(serialize_with = "crate::plan::iso")]
    until: NaiveDate,
    items: Vec<Due>,
}

/// One thing due: a prep step, or the week itself.
#[derive(Serialize)]
struct Due {
    #[serde(serialize_with = "crate::plan::iso")]
    date: NaiveDate,
    days_left: i64,
    what: String,
    /// The idea a prep step prepares; `None` for the organiser's own steps and the week.
    idea: Option<String>,
    /// That idea's title.
    activity: Option<String>,
}

/// What is due between today and today + `within`: exit 0 when something is,
/// 1 when nothing is (grep's convention, for scheduled jobs).
pub fn remind(args: &RemindArgs) -> Result<u8> {
    let today = today(args.today);
    let until = today + chrono::Duration::days(i64::from(args.within));
    let config = load_config(args.config.as_deref(), "remind")?;
    let catalog = load_catalog(&args.ideas, Some(&config))?;
    // Reminders follow one plan all season: the one made in good time, not
    // a new one each run that drops whatever can no longer be prepared.
    let (year, planned_on) = in_good_time(&config, today, None);
    let plan = make_plan(&config, &catalog, planned_on, Some(year), None, None)
        .map_err(|e| locate(&config, e))?;
    let title = |id: &str| {
        plan.days
            .iter()
            .flat_map(|d| &d.activities)
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
    };
    // Everything still to come, in the order of the plan: prep, then the week.
    let mut upcoming: Vec<Due> = plan
        .prep
        .iter()
        .filter(|step| step.due >= today)
        .map(|step| Due {
            date: step.due,
            days_left: (step.due - today).num_days(),
            what: step.task.clone(),
            idea: step.idea.clone(),
            activity: step.idea.as_deref().and_then(title),
        })
        .collect();
    if plan.week.start >= today {
        upcoming.push(Due {
            date: plan.week.start,
            days_left: (plan.week.start - today).num_days(),
            what: format!(
                "Customer Service Week {} starts ({} to {})",
                plan.year,
                plan.week.start.format("%a %-d %b"),
                plan.week.end.format("%a %-d %b")
            ),
            idea: None,
            activity: None,
        });
    }
    let (items, later): (Vec<Due>, Vec<Due>) =
        upcoming.into_iter().partition(|item| item.date <= until);
    let nothing = u8::from(items.is_empty());
    // A person who asks and hears nothing wants to know when there will be
    // something; a scheduled job's log stays quiet.
    if items.is_empty() && std::io::stderr().is_terminal() {
        eprintln!("note: {}", next_due(until, plan.year, &later));
    }
    if args.json {
        let json = RemindJson {
            schema_version: plan::SCHEMA_VERSION,
            today,
            until,
            items,
        };
        output::write(None, &format!("{}\n", serde_json::to_string_pretty(&json)?))?;
        return Ok(nothing);
    }
    // Like grep, nothing found prints nothing: the exit status says it, and
    // a cron job stays quiet.
    if items.is_empty() {
        return Ok(nothing);
    }
    let mut text = String::new();
    for item in &items {
        let _ = writeln!(
            text,
            "{}  {:<11}  {}{}",
            item.date.format("%a %Y-%m-%d"),
            item.when(),
            item.what,
            item.owner()
        );
    }
    output::write(None, &text)?;
    Ok(nothing)
}

impl Due {
    fn when(&self) -> String {
        match self.days_left {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        }
    }

    /// Whom the item is for, as ` (for …)`; nothing for the week itself.
    fn owner(&self) -> String {
        match (&self.activity, &self.idea) {
            (Some(title), _) => format!(" (for {title})"),
            (None, Some(id)) => format!(" (for {id})"),
            (None, None) if self.what.starts_with("Customer Service Week") => String::new(),
            (None, None) => " (organiser)".to_string(),
        }
    }
}

/// When the next item after `until` falls due, and what it is.
fn next_due(until: NaiveDate, year: i32, later: &[Due]) -> String {
    let until = until.format("%a %Y-%m-%d");
    let Some(first) = later.iter().min_by_key(|item| item.date) else {
        return format!(
            "nothing is due by {until}, and nothing more for Customer Service Week {year}"
        );
    };
    let same_day = later.iter().filter(|item| item.date == first.date).count();
    let more = if same_day > 1 {
        format!(", and {} more", same_day - 1)
    } else {
        String::new()
    };
    format!(
        "nothing is due by {until}; next, on {} ({}): {}{}{more}",
        first.date.format("%a %Y-%m-%d"),
        first.when(),
        first.what,
        first.owner()
    )
}
