//! The integration tests: one binary, so one link step.

mod test;

mod assets;
mod bad_inputs;
mod browser;
mod bundled;
mod check;
mod clock_changes;
mod conventions;
mod environment;
mod error_messages;
mod examples;
mod fuzz;
mod hints;
mod hostile;
mod ics;
mod ideas;
mod json;
mod linear;
mod markdown;
mod plan;
mod readme;
#[cfg(unix)]
mod recipes;
mod remind;
mod schema;
mod shifts;
mod shifts_config;
mod shifts_output;
mod snapshots;
mod templates;
mod when;
mod writing;
