//! A small builder for running the real `csweek` binary in a temporary folder.

use std::path::PathBuf;
use std::process::Command;

use tempfile::TempDir;

/// A date well before the 2027 week, so plans are deterministic and no idea is late.
pub const TODAY: &str = "2027-06-01";

pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: TempDir,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("a temporary folder"),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Writes `contents` to `name` inside the test's folder.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Test {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
        self
    }

    /// The test's folder, for preparing files beyond `file`.
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args.extend(args.iter().map(|a| (*a).to_string()));
        self
    }

    pub fn run(self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_csweek"));
        command.args(&self.args).current_dir(self.dir.path());
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CSWEEK_")
                || key == "NO_COLOR"
                || key == "HOME"
                || key == "SOURCE_DATE_EPOCH"
            {
                command.env_remove(key.as_ref());
            }
        }
        command.env("RUST_BACKTRACE", "1");
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let output = command.output().expect("csweek runs");
        Output {
            status: output.status.code().expect("csweek exits normally"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            dir: self.dir,
        }
    }
}

impl Output {
    #[track_caller]
    pub fn status(self, code: i32) -> Output {
        assert_eq!(
            self.status, code,
            "exit status\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout(self, expected: &str) -> Output {
        pretty_eq(&self.stdout, expected, "stdout");
        self
    }

    #[track_caller]
    pub fn stderr(self, expected: &str) -> Output {
        pretty_eq(&self.stderr, expected, "stderr");
        self
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap()
    }

    /// The names of the files in the test's folder, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

#[track_caller]
fn pretty_eq(actual: &str, expected: &str, what: &str) {
    assert!(
        actual == expected,
        "{what} differs\n--- expected\n{expected}\n--- actual\n{actual}\n---"
    );
}

/// The example configs in `examples/`.
pub const EXAMPLES: [&str; 4] = [
    "hybrid-with-customers.toml",
    "large-remote.toml",
    "small-onsite-tight-budget.toml",
    "starter.toml",
];

/// The example configs with `[[shift]]` tables: their plans list each
/// shift's timetable and day-long items shared by every shift.
pub const SHIFT_EXAMPLES: [&str; 2] = ["24x7-contact-centre.toml", "two-shift-hybrid.toml"];

/// The repository's root, for reading examples and assets.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
