//! `csweek completions`: clap writes the script, so it never lags behind the flags.

use std::fmt::Write as _;

use anyhow::Result;
use clap_complete::Shell;

use crate::output;

pub fn completions(shell: Shell) -> Result<()> {
    let mut command = <crate::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "csweek", &mut script);
    let mut script = String::from_utf8(script)?;
    if shell == Shell::Fish {
        complete_idea_ids_in_fish(&command, &mut script);
    }
    output::write(None, &script)
}

/// clap's fish script completes the values of options only, not of
/// arguments; these lines offer the ids that `ideas show` takes, with their
/// titles, under the condition the script gives `ideas show`'s options.
fn complete_idea_ids_in_fish(command: &clap::Command, script: &mut String) {
    let marker = "__fish_seen_subcommand_from show\"";
    let Some(condition) = script.lines().find_map(|line| {
        line.find(marker)
            .map(|at| line[..at + marker.len()].to_string())
    }) else {
        return;
    };
    let ids = command
        .find_subcommand("ideas")
        .and_then(|ideas| ideas.find_subcommand("show"))
        .and_then(|show| show.get_arguments().find(|arg| arg.get_id() == "id"))
        .map(clap::Arg::get_possible_values)
        .unwrap_or_default();
    for id in ids {
        let title = id.get_help().map(ToString::to_string).unwrap_or_default();
        let quoted = title.replace('\\', "\\\\").replace('\'', "\\'");
        let _ = writeln!(
            script,
            "{condition} -f -a \"{}\" -d '{quoted}'",
            id.get_name()
        );
    }
}
