//! `csweek ideas`, to browse the catalog before choosing pins and excludes.

use std::fmt::Write as _;

use anyhow::{Result, bail};

use super::load_catalog;
use crate::catalog::Idea;
use crate::cli::{ColorArg, Filters, IdeasAction, IdeasArgs};
use crate::config::Config;
use crate::output;
use crate::plural::count;

pub fn ideas(args: &IdeasArgs) -> Result<()> {
    let config = args.config.as_deref().map(Config::load).transpose()?;
    let catalog = load_catalog(&args.ideas, config.as_ref())?;
    let text = match &args.action {
        None | Some(IdeasAction::List { .. }) => {
            let filters = match &args.action {
                Some(IdeasAction::List { filters }) => filters,
                _ => &args.filters,
            };
            let chosen: Vec<&Idea> = catalog
                .ideas
                .iter()
                .filter(|i| matches(filters, i))
                .collect();
            if args.json {
                format!("{}\n", serde_json::to_string_pretty(&chosen)?)
            } else if chosen.is_empty() {
                eprintln!("note: no idea matches; `csweek ideas` lists them all");
                return Ok(());
            } else {
                return write_coloured(&table(&chosen), filters.color);
            }
        }
        Some(IdeasAction::Show { id }) => {
            let Some(idea) = catalog.get(id) else {
                let near = crate::suggest::nearest(id, catalog.ids(), 3);
                let hint = if near.is_empty() {
                    "; `csweek ideas` lists them".to_string()
                } else {
                    format!(
                        "; did you mean {}?",
                        near.iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                bail!("no idea has the id `{id}`{hint}");
            };
            if args.json {
                format!("{}\n", serde_json::to_string_pretty(idea)?)
            } else {
                show(idea)
            }
        }
    };
    output::write(None, &text)
}

/// Whether `idea` passes the `ideas list` filters.
fn matches(args: &Filters, idea: &Idea) -> bool {
    let text = args.search.as_deref().map(str::to_lowercase);
    (args.category.is_empty() || args.category.contains(&idea.category))
        && args.mode.is_none_or(|mode| idea.suits(mode))
        && args
            .day
            .is_none_or(|day| idea.days.is_empty() || idea.prefers(day.0))
        && args
            .max_cost
            .is_none_or(|max| idea.cost.for_team(args.team_size) <= max)
        && text.is_none_or(|text| {
            [idea.id.as_str(), idea.title.as_str(), idea.summary.as_str()]
                .iter()
                .any(|field| field.to_lowercase().contains(&text))
        })
}

/// The ideas as a table, with ANSI styles that `write_coloured` keeps or drops.
fn table(ideas: &[&Idea]) -> String {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    let category = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
    let free = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let width = ideas
        .iter()
        .map(|i| i.id.as_str().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{:width$}  {:11}  {:>21}  {:20}  TITLE{bold:#}",
        "ID", "CATEGORY", "COST", "MODES"
    );
    for idea in ideas {
        let parts: Vec<String> = [
            (idea.cost.fixed, ""),
            (idea.cost.per_session, "/session"),
            (idea.cost.per_person, "/person"),
        ]
        .into_iter()
        .filter(|(amount, _)| !amount.is_zero())
        .map(|(amount, per)| format!("{amount}{per}"))
        .collect();
        let (cost, style) = if parts.is_empty() {
            ("free".to_string(), free)
        } else {
            (parts.join(" + "), Style::new())
        };
        let modes: Vec<&str> = idea.modes.iter().map(|m| m.as_str()).collect();
        let _ = writeln!(
            out,
            "{:width$}  {category}{:11}{category:#}  {style}{:>21}{style:#}  {:20}  {}",
            idea.id,
            idea.category.as_str(),
            cost,
            modes.join(","),
            idea.title
        );
    }
    out
}

/// Writes styled text to standard output, keeping the styles only on a
/// terminal (and without `NO_COLOR`) for `auto`, always or never otherwise.
fn write_coloured(text: &str, color: ColorArg) -> Result<()> {
    use std::io::Write as _;
    let choice = match color {
        ColorArg::Auto => anstream::ColorChoice::Auto,
        ColorArg::Always => anstream::ColorChoice::Always,
        ColorArg::Never => anstream::ColorChoice::Never,
    };
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn show(idea: &Idea) -> String {
    let list = |items: Vec<&str>| {
        if items.is_empty() {
            "any".to_string()
        } else {
            items.join(", ")
        }
    };
    let mut out = String::new();
    // Writing to a String can't fail.
    let _ = writeln!(out, "{} ({})\n\n{}\n", idea.title, idea.id, idea.summary);
    let _ = writeln!(out, "category:   {}", idea.category);
    let _ = writeln!(
        out,
        "days:       {}",
        list(idea.days.iter().map(|d| d.short()).collect())
    );
    let _ = write!(
        out,
        "cost:       {} fixed + {} per person",
        idea.cost.fixed, idea.cost.per_person
    );
    if idea.cost.per_session.is_zero() {
        out.push('\n');
    } else {
        let _ = writeln!(out, " + {} per session", idea.cost.per_session);
    }
    if let Some(size) = idea.group_size {
        let _ = writeln!(
            out,
            "group size: {} a session",
            count(size.get(), "person", "people")
        );
    }
    let _ = writeln!(
        out,
        "duration:   {}",
        count(idea.duration_minutes.get(), "minute", "minutes")
    );
    let _ = writeln!(
        out,
        "modes:      {}",
        list(idea.modes.iter().map(|m| m.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "audience:   {}",
        list(idea.audience.iter().map(|a| a.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "off queue:  {}",
        if idea.off_queue { "yes" } else { "no" }
    );
    let _ = writeln!(
        out,
        "lead time:  {}",
        count(idea.lead_time().get(), "day", "days")
    );
    if let Some(time) = idea.time {
        let _ = writeln!(out, "time:       {time}");
    }
    if idea.all_day {
        let _ = writeln!(out, "all day:    yes, with shifts shared by every shift");
    }
    if idea.together {
        let _ = writeln!(
            out,
            "together:   yes, with shifts at a handover when one holds it"
        );
    }
    for step in &idea.prep {
        let _ = writeln!(
            out,
            "prep:       {} before: {}",
            count(step.days_before.get(), "day", "days"),
            step.task
        );
    }
    let _ = writeln!(out, "source:     {}", idea.source);
    out
}
