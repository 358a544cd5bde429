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
