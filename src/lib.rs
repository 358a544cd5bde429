//! csweek plans Customer Service Week, the first full week of October, when
//! companies celebrate their service teams and customers.
//!
//! Data flows one way:
//!
//! ```text
//! config.toml ─┐
//! ideas/*.toml ─┼─> Config, Catalog ─> week ─> planner ─> Plan ─> render ─> output
//! --flags ──────┘
//! ```
//!
//! [`run`] is the whole program; `main` only prints its errors.

/// Implements `schemars::JsonSchema` for a type whose schema is a fixed
/// piece of JSON, named `$name` among the schema's definitions.
macro_rules! fixed_schema {
    ($type:ty, $name:literal, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

mod array_of_tables;
pub mod bounded;
mod brief;
pub mod catalog;
pub mod cli;
mod commands;
pub mod config;
mod currency;
mod hash;
pub mod money;
pub mod output;
pub mod plan;
pub mod planner;
mod plural;
pub mod render;
pub mod source;
mod suggest;
pub mod themes;
pub mod week;
pub mod zone;
mod zone_hint;

pub use cli::Cli;
pub use commands::{config_schema, make_plan};

/// Runs one command, returning the exit code for success (0, or 1 where a
/// command reports "nothing found"). Errors exit 2.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        cli::Command::Plan(args) => commands::plan(&args).map(|()| 0),
        cli::Command::Check(args) => commands::check(&args),
        cli::Command::When(args) => commands::when(&args).map(|()| 0),
        cli::Command::Ideas(args) => commands::ideas(&args).map(|()| 0),
        cli::Command::Remind(args) => commands::remind(&args),
        cli::Command::Init(args) => commands::init(&args).map(|()| 0),
        cli::Command::Completions { shell } => commands::completions(shell).map(|()| 0),
        cli::Command::Man { dir } => commands::man(dir.as_deref()).map(|()| 0),
        cli::Command::Schema { of } => commands::schema(of).map(|()| 0),
    }
}
