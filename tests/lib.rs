//! The integration tests: one binary, so one link step.

mod test;

mod assets;
mod bad_inputs;
mod browser;
mod bundled;
mod check;
mod conventions;
mod error_messages;
mod examples;
mod fuzz;
mod hostile;
mod ics;
mod ideas;
mod json;
mod linear;
mod plan;
mod readme;
#[cfg(unix)]
mod recipes;
mod remind;
mod schema;
mod snapshots;
mod when;
mod writing;
