//! Writing the plan where it can't go: a full disk, a read-only folder, a
//! folder, the config itself. Each is exit 2 with a plain message, and every
//! file is left as it was: no partial output, no stray temporary file.

use std::process::Command;

use crate::ics::tool_available;
use crate::test::{TODAY, Test};

const CONFIG: &str = "company = \"Acme\"\nbudget = 500\n";

#[test]
fn a_folder_as_output() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file("week.md/keep", "")
        .args(&["plan", "--today", TODAY, "-o", "week.md"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: cannot write week.md\ncaused by: it is a folder\n");
    assert_eq!(out.files(), ["csweek.toml", "week.md"]);
}

#[cfg(unix)]
#[test]
fn a_link_to_the_config_as_output() {
    let test = Test::new().file("csweek.toml", CONFIG);
    std::os::unix::fs::symlink("csweek.toml", test.path().join("week.md")).unwrap();
    let out = test
        .args(&["plan", "csweek.toml", "--today", TODAY, "-o", "week.md"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: refusing to write the plan over its own config csweek.toml; choose another --output\n");
    assert_eq!(out.read("csweek.toml"), CONFIG);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY, "-f", "md", "-o", "/dev/full"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: cannot write /dev/full\ncaused by: the disk is full\n");
    assert_eq!(out.files(), ["csweek.toml"]);
    let meta = std::fs::metadata("/dev/full").unwrap();
    assert!(!meta.is_file(), "/dev/full is still a device, not replaced");
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_written_to_not_replaced() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .args(&["plan", "--today", TODAY, "-f", "json", "-o", "/dev/stdout"])
        .run()
        .status(0)
        .stderr("");
    let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(plan["company"], "Acme");
}

/// Runs `script` with `sh` in a private mount namespace, in a folder holding
/// the config, `mnt/` (a small tmpfs) and `mnt/week.md` (the last plan).
/// `$CSWEEK` is the binary. Returns the script's output, or None when this
/// machine can't make such a namespace.
#[cfg(target_os = "linux")]
fn in_namespace(mount_options: &str, script: &str) -> Option<std::process::Output> {
    if !tool_available(
        Command::new("unshare").args(["--user", "--map-root-user", "--mount", "true"]),
        "unshare (user and mount namespaces)",
    ) {
        return None;
    }
    let test = Test::new().file("csweek.toml", CONFIG);
    std::fs::create_dir(test.path().join("mnt")).unwrap();
    let setup = format!(
        "set -e; mount -t tmpfs -o size=64k tmpfs mnt; printf 'last year\\n' > mnt/week.md; \
         mount -o remount,{mount_options} mnt; set +e; {script}"
    );
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &setup])
        .current_dir(test.path())
        .env("CSWEEK", env!("CARGO_BIN_EXE_csweek"))
        .env("CSWEEK_TODAY", TODAY)
        .output()
        .unwrap();
    Some(output)
}

/// Plans into `mnt/week.md` on a tmpfs remounted with `mount_options`, and
/// checks that the plan is refused with `reason` and the last one is left,
/// with no scraps beside it.
#[cfg(target_os = "linux")]
fn refused_in_namespace(mount_options: &str, reason: &str) {
    let script = "\"$CSWEEK\" plan -o mnt/week.md; echo \"exit $?\"; ls -A mnt; cat mnt/week.md";
    let Some(out) = in_namespace(mount_options, script) else {
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "exit 2\nweek.md\nlast year\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("error: cannot write mnt/week.md\ncaused by: {reason}\n")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_folder_leaves_the_last_plan_and_no_scraps() {
    // 4 KiB is one page of tmpfs: `week.md` fills it, and the plan can't fit.
    refused_in_namespace("size=4k", "the disk is full");
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_folder_leaves_the_last_plan() {
    refused_in_namespace("ro", "the folder is read-only");
}

#[test]
fn output_never_overwrites_the_template_an_idea_file_or_last_years_plan() {
    let idea = "[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\n";
    let cases: [(&[&str], &str); 3] = [
        (
            &["--template", "week.md", "-o", "week.md"],
            "error: refusing to write the plan over its template week.md; choose another --output\n",
        ),
        (
            &["--ideas", "house", "-f", "md", "-o", "house/a.toml"],
            "error: refusing to write the plan over an idea file in house; choose another --output\n",
        ),
        (
            &["--avoid", "last.json", "-o", "./last.json"],
            "error: refusing to write the plan over last year's plan last.json; choose another --output\n",
        ),
    ];
    for (args, stderr) in cases {
        let out = Test::new()
            .file("csweek.toml", CONFIG)
            .file("week.md", "{{ company }}\n")
            .file("house/a.toml", idea)
            .file("last.json", "{\"days\": []}\n")
            .args(&["plan", "--today", TODAY])
            .args(args)
            .run()
            .status(2)
            .stdout("")
            .stderr(stderr);
        assert_eq!(out.read("week.md"), "{{ company }}\n");
        assert_eq!(out.read("house/a.toml"), idea);
        assert_eq!(out.read("last.json"), "{\"days\": []}\n");
    }
}

#[test]
fn a_plan_beside_the_ideas_is_fine() {
    let idea = "[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\n";
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file("house/a.toml", idea)
        .args(&[
            "plan",
            "--today",
            TODAY,
            "--ideas",
            "house",
            "-o",
            "house/week.md",
        ])
        .run()
        .status(0);
    assert!(
        out.read("house/week.md")
            .starts_with("# Acme: Customer Service Week 2027")
    );
}

#[test]
fn a_folder_as_output_without_an_extension() {
    let out = Test::new()
        .file("csweek.toml", CONFIG)
        .file("plans/keep", "")
        .args(&["plan", "--today", TODAY, "-o", "plans"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: cannot write plans\ncaused by: it is a folder\n");
    assert_eq!(out.files(), ["csweek.toml", "plans"]);
}

#[cfg(target_os = "linux")]
#[test]
fn standard_output_on_a_full_device() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("csweek.toml"), CONFIG).unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_csweek"))
        .args(["plan", "--today", TODAY])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write to standard output\ncaused by: the disk is full\n"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new()
        .file("csweek.toml", CONFIG)
        .file("week.md", "last year\n");
    let path = test.path().join("week.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = test
        .args(&["plan", "--today", TODAY, "-o", "week.md"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: cannot write week.md\ncaused by: it is read-only\n");
    assert_eq!(out.read("week.md"), "last year\n");
    assert_eq!(out.files(), ["csweek.toml", "week.md"]);
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_input_is_refused_not_read_forever() {
    Test::new()
        .args(&["plan", "/dev/zero"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: /dev/zero: is larger than 64 MiB, the most csweek reads\n");
}

/// The same file by another name is the same file: a hard link, a path
/// through `..` or a link, to the config, the template, last year's plan or
/// an idea file.
#[cfg(unix)]
#[test]
fn output_never_overwrites_an_input_by_another_name() {
    let idea = "[[idea]]\nid = \"x-y\"\ntitle = \"X\"\ncategory = \"fun\"\nduration_minutes = 30\n";
    let cases: [(&str, &str, &[&str], &str); 5] = [
        (
            "csweek.toml",
            "config.md",
            &[],
            "its own config csweek.toml",
        ),
        (
            "mine.md",
            "other/week.md",
            &["--template", "mine.md"],
            "its template mine.md",
        ),
        (
            "last.json",
            "week.json",
            &["--avoid", "last.json"],
            "last year's plan last.json",
        ),
        (
            "house/a.toml",
            "week.md",
            &["--ideas", "house"],
            "an idea file in house",
        ),
        (
            "house/a.toml",
            "other/../week.md",
            &["--ideas", "./other/../house"],
            "an idea file in ./other/../house",
        ),
    ];
    for (input, output, args, what) in cases {
        for how in ["hard link", "symlink"] {
            let test = Test::new()
                .file("csweek.toml", CONFIG)
                .file("mine.md", "{{ company }}\n")
                .file("house/a.toml", idea)
                .file("last.json", "{\"days\": []}\n")
                .file("other/keep", "");
            let (from, to) = (test.path().join(input), test.path().join(output));
            if how == "hard link" {
                std::fs::hard_link(&from, &to).unwrap();
            } else {
                std::os::unix::fs::symlink(&from, &to).unwrap();
            }
            let out = test
                .args(&[
                    "plan",
                    "csweek.toml",
                    "--today",
                    TODAY,
                    "-f",
                    "md",
                    "-o",
                    output,
                ])
                .args(args)
                .run()
                .status(2)
                .stdout("")
                .stderr(&format!(
                    "error: refusing to write the plan over {what}; choose another --output\n"
                ));
            assert_eq!(out.read("csweek.toml"), CONFIG, "{how} {output}");
            assert_eq!(out.read("mine.md"), "{{ company }}\n");
            assert_eq!(out.read("house/a.toml"), idea);
            assert_eq!(out.read("last.json"), "{\"days\": []}\n");
            assert_eq!(out.read(output), out.read(input));
        }
    }
}

/// A folder mounted a second time elsewhere (a bind mount) holds the same
/// files, though no path says so.
#[cfg(target_os = "linux")]
#[test]
fn output_never_overwrites_the_config_through_a_bind_mount() {
    if !tool_available(
        Command::new("unshare").args(["--user", "--map-root-user", "--mount", "true"]),
        "unshare (user and mount namespaces)",
    ) {
        return;
    }
    let test = Test::new().file("a/csweek.toml", CONFIG).file("b/keep", "");
    let script = "mount --bind a b || exit 9; \
                  \"$CSWEEK\" plan a/csweek.toml --today 2027-06-01 -f md -o b/csweek.toml; \
                  echo \"exit $?\"; cat a/csweek.toml";
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .current_dir(test.path())
        .env("CSWEEK", env!("CARGO_BIN_EXE_csweek"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: refusing to write the plan over its own config a/csweek.toml; choose another --output\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("exit 2\n{CONFIG}")
    );
}

/// A pipe or a device among the idea files is refused before it is opened:
/// it could end never, or never answer.
#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_in_an_ideas_folder_is_refused() {
    for (name, make, what) in [
        ("zero.toml", "ln -s /dev/zero zero.toml", "a device"),
        ("null.toml", "ln -s /dev/null null.toml", "a device"),
        ("pipe.toml", "mkfifo pipe.toml", "a named pipe"),
    ] {
        for command in ["plan", "check"] {
            let test = Test::new()
                .file("csweek.toml", CONFIG)
                .file("house/keep", "");
            let made = Command::new("sh")
                .args(["-c", make])
                .current_dir(test.path().join("house"))
                .status()
                .unwrap();
            assert!(made.success(), "{make}");
            let out = test
                .args(&[command, "--today", TODAY, "--ideas", "house"])
                .run()
                .status(2)
                .stdout("");
            assert!(
                out.stderr.starts_with(&format!(
                    "error: house/{name}: is {what}, not a file; an ideas folder holds `*.toml` idea files\n"
                )),
                "{command} with {name}: {}",
                out.stderr
            );
            // Refused, it is not also a folder without idea files.
            assert!(!out.stderr.contains("holds no"), "{}", out.stderr);
        }
    }
}

/// Ctrl-C or `kill` while the plan is written leaves no temporary file
/// beside the last plan. The write is caught in the act by stopping csweek
/// until its temporary file is there; then it is interrupted and resumed.
#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    // A million steps, a good part of a second in a debug build.
    let slow = "{% for a in range(1000) %}{% for b in range(1000) %}.{% endfor %}{% endfor %}\n";
    let signal = |pid: u32, name: &str| {
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name}");
    };
    for (name, number) in [("INT", 2), ("TERM", 15)] {
        let test = Test::new()
            .file("csweek.toml", CONFIG)
            .file("slow.md", slow)
            .file("week.md", "last year\n");
        let scraps = || {
            std::fs::read_dir(test.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with(".csweek-"))
                .count()
        };
        let mut csweek = Command::new(env!("CARGO_BIN_EXE_csweek"))
            .args([
                "plan",
                "--today",
                TODAY,
                "--template",
                "slow.md",
                "-o",
                "week.md",
            ])
            .current_dir(test.path())
            .spawn()
            .unwrap();
        loop {
            signal(csweek.id(), "STOP");
            if scraps() == 1 {
                break;
            }
            signal(csweek.id(), "CONT");
            assert!(
                csweek.try_wait().unwrap().is_none(),
                "csweek finished before its temporary file was seen"
            );
        }
        signal(csweek.id(), name);
        signal(csweek.id(), "CONT");
        let status = csweek.wait().unwrap();
        assert_eq!(
            scraps(),
            0,
            "SIG{name}: a temporary file is left; {status:?}"
        );
        // Ended by the signal, the last plan kept; or, had the plan been
        // complete a moment earlier, the new one in its place.
        let week = std::fs::read_to_string(test.path().join("week.md")).unwrap();
        if status.signal() == Some(number) {
            assert_eq!(week, "last year\n");
        } else {
            assert!(status.success(), "SIG{name}: {status}");
            assert_eq!(week.len(), 1_000_001);
        }
    }
}

/// A plan written over another keeps its owner, group and permissions.
#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let test = Test::new()
        .file("csweek.toml", CONFIG)
        .file("week.md", "last year\n");
    let path = test.path().join("week.md");
    // Only root may give a file away.
    if std::os::unix::fs::chown(&path, Some(4242), Some(4343)).is_err() {
        return;
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = test
        .args(&["plan", "--today", TODAY, "-o", "week.md"])
        .run()
        .status(0)
        .stderr("");
    assert!(out.read("week.md").starts_with("# Acme"));
    let meta = std::fs::metadata(out.dir.path().join("week.md")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
}
