//! `csweek init`, a first config to edit.

use std::path::Path;

use anyhow::{Result, bail};

use super::DEFAULT_CONFIG;
use crate::cli::InitArgs;
use crate::{config, output};

/// Writes the starter config (the built-in default, every key commented);
/// an existing file is kept unless `--force`.
pub fn init(args: &InitArgs) -> Result<()> {
    if args.path.is_dir() {
        bail!(
            "{} is a folder; name the file to write, such as {}",
            args.path.display(),
            args.path.join(DEFAULT_CONFIG).display()
        );
    }
    if args.path.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to replace it",
            args.path.display()
        );
    }
    output::write(Some(&args.path), config::DEFAULT)?;
    eprintln!(
        "wrote {}; edit it, then run `csweek plan{}`",
        args.path.display(),
        if args.path == Path::new(DEFAULT_CONFIG) {
            String::new()
        } else {
            format!(" {}", args.path.display())
        }
    );
    Ok(())
}
