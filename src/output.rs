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
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| {
                    // A reader that went away is for the caller to forgive.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        anyhow::Error::new(e)
                    } else {
                        anyhow::anyhow!(io_reason(&e))
                    }
                })
                .context("cannot write to standard output")
        }
        Some(path) => {
            write_file(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
    }
}

/// A temporary file beside `path`, renamed over it once complete. A symlink
/// is written through, and an existing file keeps its permissions.
fn write_file(path: &Path, text: &str) -> Result<()> {
    if path.is_dir() {
        anyhow::bail!("it is a folder");
    }
    // A device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) can't be
    // replaced, only written to.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut device = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
        return device
            .write_all(text.as_bytes())
            .and_then(|()| device.flush())
            .map_err(|e| anyhow::anyhow!(io_reason(&e)));
    }
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|e| anyhow::anyhow!("it is a link to nowhere ({})", io_reason(&e)))?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".csweek-");
    match std::fs::metadata(&target) {
        // Replacing the file would go round its permissions.
        Ok(meta) if meta.permissions().readonly() => anyhow::bail!("it is read-only"),
        Ok(meta) => {
            builder.permissions(meta.permissions());
        }
        Err(_) => {
            // What a new file would get from the shell: 0666 less the umask.
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        }
    }
    let mut file = builder
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
    file.persist(&target)
        .map_err(|e| anyhow::anyhow!(io_reason(&e.error)))?;
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "its folder does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the folder is read-only".to_string(),
        _ => e.to_string(),
    }
}
