//! `csweek man`: pages made from the definition `--help` reads, so the two agree.

use std::path::Path;

use anyhow::{Context, Result};

use crate::output;

/// `csweek man`: the main page on stdout, or with `--dir` every page
/// (the main one and one for each command) written into a folder.
pub fn man(dir: Option<&Path>) -> Result<()> {
    let mut command = <crate::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = dir else {
        return output::write(None, &render_man(command)?);
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut pages = Vec::new();
    every_command(&command, &mut pages);
    for page in pages {
        let name = clap_mangen::Man::new(page.clone()).get_filename();
        let path = dir.join(&name);
        output::write(Some(&path), &render_man(page)?)?;
        println!("{}", path.display());
    }
    Ok(())
}

/// `command` and all its subcommands, depth first.
fn every_command(command: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(command.clone());
    for sub in command.get_subcommands() {
        every_command(sub, pages);
    }
}

fn render_man(command: clap::Command) -> Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    Ok(String::from_utf8(page)?)
}
