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
    let after = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
        .map(ToString::to_string);
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let page = String::from_utf8(page)?;
    Ok(match after {
        Some(text) => with_extra(&page, &text),
        None => page,
    })
}

/// The page with its EXTRA section, the text after `--help`'s options, set
/// anew: `clap_mangen` fills every line of it into one justified paragraph,
/// which runs examples together with gaps between their words.
fn with_extra(page: &str, text: &str) -> String {
    const HEADING: &str = "\n.SH EXTRA\n";
    let Some(at) = page.find(HEADING) else {
        return page.to_string();
    };
    let body = at + HEADING.len();
    let end = page[body..]
        .find("\n.SH ")
        .map_or(page.len(), |i| body + i + 1);
    format!("{}{}{}", &page[..body], roff(text), &page[end..])
}

/// Help text as roff: lines that start flush are prose, filled; indented
/// lines are examples, set as written (`.EX`) and indented; a blank line
/// starts a paragraph.
fn roff(text: &str) -> String {
    fn end_example(out: &mut String, example: &mut Option<usize>) {
        if example.take().is_some() {
            out.push_str(".EE\n.RE\n");
        }
    }
    let mut out = String::new();
    // The indentation of the example being set, if one is.
    let mut example: Option<usize> = None;
    let mut paragraph = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if line.trim().is_empty() {
            end_example(&mut out, &mut example);
            paragraph = !out.is_empty();
            continue;
        }
        if paragraph {
            out.push_str(".PP\n");
            paragraph = false;
        }
        if indent == 0 {
            end_example(&mut out, &mut example);
            out.push_str(&escape(line));
        } else {
            let margin = *example.get_or_insert_with(|| {
                out.push_str(".RS 4\n.EX\n");
                indent
            });
            out.push_str(&escape(&line[margin.min(indent)..]));
        }
        out.push('\n');
    }
    end_example(&mut out, &mut example);
    out
}

/// A line of text for roff, as `clap_mangen` escapes its own: a backslash, a
/// minus (`-` alone is a hyphen), a quote, and a leading control character.
fn escape(line: &str) -> String {
    let text = line
        .replace('\\', "\\\\")
        .replace('-', "\\-")
        .replace('\'', "\\*(Aq");
    if text.starts_with('.') {
        format!("\\&{text}")
    } else {
        text
    }
}
