//! `csweek when`, the date rule on its own.

use anyhow::Result;
use serde::Serialize;

use super::today;
use crate::cli::WhenArgs;
use crate::week::{Span, Week};
use crate::{output, plan};

#[derive(Serialize)]
struct WhenJson {
    schema_version: u32,
    year: i32,
    start: String,
    end: String,
}

pub fn when(args: &WhenArgs) -> Result<()> {
    let span: Span = args.days.into();
    let week = match args.year {
        Some(year) => Week::of(year, span),
        None => Week::next(today(args.today), span),
    };
    let text = if args.json {
        let json = WhenJson {
            schema_version: plan::SCHEMA_VERSION,
            year: week.year,
            start: week.start.format("%Y-%m-%d").to_string(),
            end: week.end.format("%Y-%m-%d").to_string(),
        };
        format!("{}\n", serde_json::to_string_pretty(&json)?)
    } else {
        format!(
            "Customer Service Week {}: {} to {}\n",
            week.year,
            week.start.format("%A %-d %B"),
            week.end.format("%A %-d %B %Y")
        )
    };
    output::write(None, &text)
}
