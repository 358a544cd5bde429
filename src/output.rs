//! Writing results: standard output, or a file replaced atomically so that a
//! failure never leaves a partial or clobbered file, nor an interruption a
//! temporary one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};

/// Writes `text` to `path`, or to standard output when there is none.
pub fn write(path: Option<&Path>, text: &str) -> Result<()> {
    write_with(path, || Ok(text.to_string()))
}

/// Writes what `make` makes to `path`, or to standard output when there is
/// none. A file's temporary copy is made first, so that a folder that can't
/// take it is found before the work is done.
pub fn write_with(path: Option<&Path>, make: impl FnOnce() -> Result<String>) -> Result<()> {
    match path {
        None => {
            let text = make()?;
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
            let cannot = || format!("cannot write {}", path.display());
            match replace(path).with_context(cannot)? {
                Target::Device(device) => {
                    let text = make()?;
                    write_device(device, &text).with_context(cannot)
                }
                Target::File(file, target) => {
                    let text = make()?;
                    file.persist(&text, &target).with_context(cannot)
                }
            }
        }
    }
}

/// Where a file's text goes.
enum Target {
    /// A device or a pipe, written to.
    Device(std::fs::File),
    /// A temporary file, to be renamed over the file at the path once complete.
    File(Pending, PathBuf),
}

fn write_device(mut device: std::fs::File, text: &str) -> Result<()> {
    device
        .write_all(text.as_bytes())
        .and_then(|()| device.flush())
        .map_err(|e| anyhow::anyhow!(io_reason(&e)))
}

/// A temporary file beside `path`, to be renamed over it once complete. A
/// symlink is written through, and an existing file keeps its permissions
/// and, where the user may set them, its owner and group.
fn replace(path: &Path) -> Result<Target> {
    if path.is_dir() {
        anyhow::bail!("it is a folder");
    }
    // A device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) can't be
    // replaced, only written to.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let device = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
        return Ok(Target::Device(device));
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
    let old = std::fs::metadata(&target).ok();
    match &old {
        // Replacing the file would go round its permissions.
        Some(meta) if meta.permissions().readonly() => anyhow::bail!("it is read-only"),
        Some(meta) => {
            builder.permissions(meta.permissions());
        }
        None => {
            // What a new file would get from the shell: 0666 less the umask.
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        }
    }
    let file = Pending::create(&builder, dir).map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
    #[cfg(unix)]
    if let Some((old, file)) = old.as_ref().zip(file.0.as_ref()) {
        keep_owner(file.as_file(), old);
    }
    Ok(Target::File(file, target))
}

/// Gives the new file the old one's owner and group, as far as the user
/// may: anyone may give a file a group of theirs, only root an owner.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, old: &std::fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    let Ok(new) = file.metadata() else { return };
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return;
    }
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        // Not ours to give away: the group, if it is one of the user's.
        let _ = fchown(file, None, Some(old.gid()));
    }
    // A change of owner clears the set-user-ID and set-group-ID bits.
    let _ = file.set_permissions(old.permissions());
}

/// The temporary file being written, removed should the program be
/// interrupted (Ctrl-C, `kill`) before it is complete.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// A temporary file named in [`PENDING`] while it lives.
struct Pending(Option<tempfile::NamedTempFile>);

impl Pending {
    /// A new temporary file in `dir`, named in [`PENDING`] from the moment
    /// it is made.
    fn create(builder: &tempfile::Builder, dir: &Path) -> std::io::Result<Pending> {
        remove_on_interrupt();
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        let file = builder.tempfile_in(dir)?;
        *pending = Some(file.path().to_path_buf());
        Ok(Pending(Some(file)))
    }

    /// Writes `text` and renames the file over `target`.
    fn persist(mut self, text: &str, target: &Path) -> Result<()> {
        let file = self.0.as_mut().expect("a file until persisted");
        file.write_all(text.as_bytes())
            .and_then(|()| file.as_file().sync_all())
            .map_err(|e| anyhow::anyhow!(io_reason(&e)))?;
        // Held until the temporary name is gone, so that an interruption
        // finds the temporary file or nothing.
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        let persisted = self
            .0
            .take()
            .expect("a file until persisted")
            .persist(target);
        *pending = None;
        persisted
            .map(drop)
            .map_err(|e| anyhow::anyhow!(io_reason(&e.error)))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        drop(self.0.take());
        *pending = None;
    }
}

/// From the first temporary file on, Ctrl-C or `kill` removes the one being
/// written, then ends csweek as the signal would have. A signal csweek was
/// started ignoring stays ignored.
#[cfg(unix)]
fn remove_on_interrupt() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let ignored = ignored_signals();
        let wanted = [SIGINT, SIGTERM]
            .into_iter()
            .filter(|&signal| ignored & (1 << (signal - 1)) == 0);
        let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: no file is renamed into place after this.
                let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(path) = pending.as_ref() {
                    let _ = std::fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn remove_on_interrupt() {}

/// The signals this process ignores, as a mask (bit `n - 1` for signal
/// `n`), where the system says (Linux's `/proc`); else none.
#[cfg(unix)]
fn ignored_signals() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let mask = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .unwrap_or(0)
}

/// A file's identity, however a path reaches it (a link, `..`, a hard link,
/// a bind mount): its device and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId(
    #[cfg(unix)] (u64, u64),
    // Elsewhere the path without links, which sees through fewer of them.
    #[cfg(not(unix))] PathBuf,
);

impl FileId {
    /// The regular file at `path`, if there is one.
    pub fn of(path: &Path) -> Option<FileId> {
        FileId::with(path, std::fs::Metadata::is_file)
    }

    /// The folder at `path`, if there is one.
    pub fn folder(path: &Path) -> Option<FileId> {
        FileId::with(path, std::fs::Metadata::is_dir)
    }

    fn with(path: &Path, kind: fn(&std::fs::Metadata) -> bool) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok().filter(kind)?;
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt;
            FileId((meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let id = FileId(path.canonicalize().ok()?);
        Some(id)
    }
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
