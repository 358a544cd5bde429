//! Planner speed and memory on generated catalogs, and on the bundled one.
//!
//! `cargo bench --bench planner` prints, for each catalog size, the median
//! wall time of planning (catalog already loaded) over several runs and the
//! peak heap memory, counted by a wrapping allocator.

// Counting allocations means implementing `GlobalAlloc`, which is unsafe by
// definition; the library itself has no unsafe code.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use csweek::catalog::Catalog;
use csweek::config::Config;

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A folder of `n` ideas worded like the bundled ones, from the generator
/// the whole-program benchmark uses, so both measure the same catalogs.
fn realistic(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("awk")
        .arg("-v")
        .arg(format!("n={n}"))
        .arg("-v")
        .arg(format!("dir={}", dir.path().display()))
        .arg("-f")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/catalog.awk"))
        .status()
        .expect("awk runs");
    assert!(status.success(), "benches/catalog.awk failed");
    dir
}

const CONFIG: &str = "company = \"Bench Co\"\nbudget = 3000\nteam_size = 25\nmode = \"hybrid\"\n";

fn measure(name: &str, catalog: &Catalog, runs: u32) {
    let config = Config::parse(Path::new("bench.toml"), CONFIG.to_string()).unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut times: Vec<Duration> = Vec::new();
    let mut proven = true;
    for _ in 0..runs {
        let start = Instant::now();
        let plan = csweek::make_plan(&config, catalog, today, None, None, None).unwrap();
        times.push(start.elapsed());
        proven = !plan.notes.iter().any(|n| n.contains("not proven"));
    }
    times.sort();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "{name:>24}  {:>9.1} ms  {:>8} KiB  {}",
        times[times.len() / 2].as_secs_f64() * 1e3,
        peak / 1024,
        if proven { "proven best" } else { "best found" }
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    println!(
        "{:>24}  {:>12}  {:>12}  result",
        "catalog", "median time", "peak memory"
    );
    let bundled = Catalog::bundled().unwrap();
    measure("bundled (74 ideas)", &bundled, if quick { 1 } else { 10 });
    let sizes: &[usize] = if quick {
        &[1_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    for &n in sizes {
        let mut catalog = Catalog::default();
        catalog.add_dir(realistic(n).path()).unwrap();
        measure(
            &format!("realistic {n} ideas"),
            &catalog,
            if quick { 1 } else { 5 },
        );
    }
}
