//! `csweek plan`, the command the others serve.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{in_good_time, load_catalog, load_config, load_template, locate, make_plan, today};
use crate::cli::PlanArgs;
use crate::config::Config;
use crate::output::FileId;
use crate::render::{self, Format};
use crate::{output, source};

pub fn plan(args: &PlanArgs) -> Result<()> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, None) => Format::Md,
        (None, Some(path)) if path.is_dir() => {
            return Err(anyhow::anyhow!("it is a folder"))
                .with_context(|| format!("cannot write {}", path.display()));
        }
        (None, Some(path)) => Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format from the name {}; name it .md, .html, .json or .ics, or pass --format",
                path.display()
            )
        })?,
    };
    let config = load_config(args.config.as_deref(), "plan")?;
    if let Some(out) = &args.output {
        refuse_to_overwrite_inputs(out, &config.path, args)?;
    }
    let template = args.template.as_deref().map(load_template).transpose()?;
    if let Some(template) = &template
        && template.format != format
    {
        bail!(
            "{}: this template makes {} output, but the output format is {format}; pass --format {} or name the output *.{}",
            template.path.display(),
            template.format,
            template.format,
            template.format
        );
    }
    let catalog = load_catalog(&args.ideas, Some(&config))?;
    let avoid = match &args.avoid {
        Some(path) => Some((last_years_picks(path, &config)?, path.display().to_string())),
        None => None,
    };
    let avoided = avoid
        .as_ref()
        .map(|(ids, file)| (ids.as_slice(), file.as_str()));
    let (year, today) = if args.in_good_time {
        let (year, date) = in_good_time(&config, today(args.today), args.year);
        (Some(year), date)
    } else {
        (args.year, today(args.today))
    };
    let plan = make_plan(&config, &catalog, today, year, args.seed, avoided)
        .map_err(|e| locate(&config, e))?;
    let plan = match &args.shift {
        Some(name) => plan.for_shift(name)?,
        None => plan,
    };
    // Only a calendar carries a timestamp.
    let stamp = if format == Format::Ics {
        stamp()?
    } else {
        chrono::DateTime::UNIX_EPOCH
    };
    output::write_with(args.output.as_deref(), || {
        render::render(&plan, format, template.as_ref(), stamp)
    })
}

/// The ids of last year's plan, each once, but for those pinned this year;
/// ids the catalog lacks are kept, for the plan to count them.
fn last_years_picks(path: &Path, config: &Config) -> Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Plan {
        days: Vec<Day>,
    }
    #[derive(serde::Deserialize)]
    struct Day {
        activities: Vec<Activity>,
    }
    #[derive(serde::Deserialize)]
    struct Activity {
        id: String,
    }
    let text = source::read(path)?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        // serde's words for the wrong shape of JSON, in a user's.
        let why = if message.starts_with("invalid length") {
            String::new()
        } else {
            format!(": {}", source::friendly(message))
        };
        anyhow::anyhow!(
            "{}:{}:{}: not a plan from `csweek plan -f json`{why}",
            path.display(),
            e.line(),
            e.column().max(1)
        )
    })?;
    let pinned: Vec<&str> = config
        .keys
        .pin
        .iter()
        .map(|p| p.idea.get_ref().as_str())
        .collect();
    // Each id once, however often the plan names it (an idea run in waves
    // is one activity a day, and a hand-edited plan may repeat one).
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<String> = plan
        .days
        .into_iter()
        .flat_map(|d| d.activities)
        .map(|a| a.id)
        .filter(|id| !pinned.contains(&id.as_str()))
        .filter(|id| seen.insert(id.clone()))
        .collect();
    Ok(ids)
}

/// 9999-12-31T23:59:59Z, the last DTSTAMP: a calendar's years have four digits.
const LAST_STAMP: i64 = 253_402_300_799;

/// The calendar's DTSTAMP: `SOURCE_DATE_EPOCH` when set, for reproducible
/// files, else now.
fn stamp() -> Result<chrono::DateTime<chrono::Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        Some(text) => {
            let secs = text.trim().parse::<i64>().ok().with_context(|| {
                format!("SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, found `{text}`")
            })?;
            if !(0..=LAST_STAMP).contains(&secs) {
                bail!(
                    "SOURCE_DATE_EPOCH: expected seconds from 1970-01-01 to the end of 9999 (0 to {LAST_STAMP}), found `{text}`"
                );
            }
            Ok(chrono::DateTime::from_timestamp(secs, 0).expect("in range"))
        }
        None => Ok(chrono::Utc::now()),
    }
}

/// `-o` may not name a file the plan is made from: the config, the
/// template, an idea file or last year's plan, however the path reaches it
/// (a link, `..`, a hard link, a bind mount): the same file is the same
/// device and inode, not the same path.
fn refuse_to_overwrite_inputs(out: &Path, config: &Path, args: &PlanArgs) -> Result<()> {
    let refuse = |what: &str, input: &Path| {
        anyhow::anyhow!(
            "refusing to write the plan over {what} {}; choose another --output",
            input.display()
        )
    };
    let ideas_in = |dir: &PathBuf| {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|x| x == "toml"))
    };
    // Only a file can be replaced; a device or a pipe is written to.
    if let Some(out) = FileId::of(out) {
        let inputs = [
            ("its own config", Some(config)),
            ("its template", args.template.as_deref()),
            ("last year's plan", args.avoid.as_deref()),
        ];
        for (what, input) in inputs {
            if let Some(input) = input.filter(|i| FileId::of(i).as_ref() == Some(&out)) {
                return Err(refuse(what, input));
            }
        }
        for dir in &args.ideas {
            if ideas_in(dir).any(|idea| FileId::of(&idea).as_ref() == Some(&out)) {
                return Err(refuse("an idea file in", dir));
            }
        }
    }
    // A new `*.toml` file in an ideas folder would be read as ideas.
    if out.extension().is_some_and(|x| x == "toml") {
        let folder = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let folder = FileId::folder(folder);
        if let Some(dir) = args
            .ideas
            .iter()
            .find(|d| folder.is_some() && FileId::folder(d) == folder)
        {
            return Err(refuse("an idea file in", dir));
        }
    }
    Ok(())
}
