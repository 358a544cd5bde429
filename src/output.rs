//! Writing results: standard output, or a file replaced atomically so that a
//! failure never leaves a partial or clobbered file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `path`, or to standard output when there is none.
pub fn write(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            Ok(())
        }
        Some(path) => {
            write_file(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
    }
}

/// A temporary file beside `path`, renamed over it once complete.
fn write_file(path: &Path, text: &str) -> Result<()> {
    if path.is_dir() {
        anyhow::bail!("it is a folder");
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".csweek-")
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
    file.persist(path)
        .map_err(|e| anyhow::anyhow!(io_reason(&e.error)))?;
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "its folder does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
