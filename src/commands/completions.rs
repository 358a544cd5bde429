//! `csweek completions`: clap writes the script, so it never lags behind the flags.

use anyhow::Result;

use crate::output;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = <crate::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "csweek", &mut script);
    output::write(None, &String::from_utf8(script)?)
}
