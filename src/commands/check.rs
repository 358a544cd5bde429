//! `csweek check`, for a pre-commit hook or a CI step.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{DEFAULT_CONFIG, load_template, locate, make_plan, today, warn};
use crate::catalog::Catalog;
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::plan::Plan;
use crate::render;
use crate::source::{self, Problems, SHOWN};

/// `csweek check`: every problem with the config, the idea folders and the
/// template, each at its place, without writing anything. Exit 0 or 2.
pub fn check(args: &CheckArgs) -> Result<u8> {
    let path = match &args.config {
        Some(path) => path.clone(),
        None if Path::new(DEFAULT_CONFIG).exists() => PathBuf::from(DEFAULT_CONFIG),
        // Passing on the built-in config would let a job run from the
        // wrong folder pass without checking anything.
        None => bail!("no {DEFAULT_CONFIG} here; name the config to check: `csweek check FILE`"),
    };
    // The config's problems in its own order, then the idea folders'.
    let mut found = Problems::new(SHOWN);
    let config = match source::read(&path) {
        Ok(text) => {
            let (config, problems) = Config::check(&path, text, SHOWN);
            found.merge(problems);
            if let Some(config) = &config {
                warn(config);
            }
            config
        }
        Err(problem) => {
            found.push(problem);
            None
        }
    };
    let mut catalog = Catalog::bundled()?;
    let mut in_dirs = Problems::new(SHOWN);
    for dir in &args.ideas {
        catalog.check_dir(dir, &mut in_dirs);
    }
    if let Some(config) = &config {
        config.add_ideas_to(&mut catalog, &mut found);
        // An id that names a faulty idea is not unknown: say nothing of it
        // until the idea itself is put right. A folder that can't be read
        // leaves every id in doubt.
        let mut declared = config.declared_ids();
        declared.extend(catalog.faulty_ids.iter().cloned());
        if !catalog.incomplete {
            found.merge(config.problems_with(&catalog, &declared, SHOWN));
        }
    }
    found.append(in_dirs);
    let mut more = found.more();
    let mut problems: Vec<String> = found.shown().iter().map(ToString::to_string).collect();
    let template = match args.template.as_deref().map(load_template).transpose() {
        Ok(template) => template,
        Err(problem) => {
            problems.push(format!("{problem:#}"));
            None
        }
    };
    // Plan only what is sound: a plan from a config with its faulty keys set
    // aside would report problems that aren't there.
    let mut summary = Vec::new();
    if let Some(config) = config.as_ref().filter(|_| problems.is_empty()) {
        match make_plan(config, &catalog, today(args.today), None, None, None) {
            Ok(plan) => {
                summary.push(plan_summary(&plan));
                if let Some(template) = &template {
                    match render::check(&plan, template) {
                        Ok(()) => summary.push(format!("{} renders it", template.path.display())),
                        Err(problem) => problems.push(format!("{problem:#}")),
                    }
                }
            }
            Err(error) => problems.push(format!("{:#}", locate(config, error))),
        }
    } else if let Some(template) = &template
        && let Err(problem) = render::compile(template)
    {
        problems.push(format!("{problem:#}"));
    }
    if problems.is_empty() {
        catalog.say_what_was_replaced();
        let ideas = match catalog.counts() {
            (bundled, 0) => format!("{bundled} bundled ideas"),
            (bundled, house) => format!("{bundled} bundled ideas and {house} of your own"),
        };
        println!("{}: ok; {ideas}; {}", path.display(), summary.join("; "));
        return Ok(0);
    }
    if problems.len() > SHOWN {
        more += problems.len() - SHOWN;
        problems.truncate(SHOWN);
    }
    for problem in &problems {
        eprintln!("error: {}\n", source::escaped_lines(problem));
    }
    if more > 0 {
        eprintln!(
            "note: and {more} more problem{} not shown\n",
            if more == 1 { "" } else { "s" }
        );
    }
    let count = problems.len() + more;
    eprintln!(
        "error: {count} problem{} found",
        if count == 1 { "" } else { "s" }
    );
    Ok(2)
}

/// One line on the plan a sound config makes.
fn plan_summary(plan: &Plan) -> String {
    let activities: usize = plan.days.iter().map(|d| d.activities.len()).sum();
    format!(
        "plans {activities} activities from {} to {}, {} of {} {} budgeted",
        plan.week.start, plan.week.end, plan.budget.planned, plan.budget.total, plan.currency
    )
}
