#!/usr/bin/env bash
# Whole-program figures for the README: `csweek plan` beside a hello-world
# Rust binary (hyperfine), peak memory, the release binary's size and a clean
# release build's time. Run from the repository: `bash benches/cli.sh`.
# Needs hyperfine (`apt-get install hyperfine` or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A clean release build, in a target folder of its own.
start=$(date +%s.%N)
CARGO_TARGET_DIR="$work/target" cargo build --release --locked --quiet
end=$(date +%s.%N)
csweek="$work/target/release/csweek"

# The floor: the smallest Rust program, built with the same compiler and profile.
mkdir -p "$work/hello/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n\n[workspace]\n' >"$work/hello/Cargo.toml"
echo 'fn main() { println!("Hello, world!"); }' >"$work/hello/src/main.rs"
CARGO_TARGET_DIR="$work/target" cargo build --release --quiet --manifest-path "$work/hello/Cargo.toml"
hello="$work/target/release/hello"

# `csweek plan` in an empty folder plans the built-in default config.
mkdir "$work/empty"
cd "$work/empty"
export CSWEEK_TODAY=2027-06-01
examples="$OLDPWD/examples"
benches="$OLDPWD/benches"
generate="$benches/catalog.awk"
# Item by item against the floor, side by side in one run: the default
# config, every example, and a team of 120 on a budget that binds.
hyperfine -N --warmup 10 --runs 60 --export-markdown "$work/floor.md" \
  -n hello-world "$hello" \
  -n 'csweek plan (default config)' "$csweek plan" \
  -n starter.toml "$csweek plan $examples/starter.toml" \
  -n small-onsite-tight-budget.toml "$csweek plan $examples/small-onsite-tight-budget.toml" \
  -n large-remote.toml "$csweek plan $examples/large-remote.toml" \
  -n hybrid-with-customers.toml "$csweek plan $examples/hybrid-with-customers.toml" \
  -n 'hybrid-with-customers.toml -f ics' "$csweek plan $examples/hybrid-with-customers.toml -f ics" \
  -n 24x7-contact-centre.toml "$csweek plan $examples/24x7-contact-centre.toml" \
  -n two-shift-hybrid.toml "$csweek plan $examples/two-shift-hybrid.toml" \
  -n team-of-120.toml "$csweek plan $benches/team-of-120.toml"

# Catalogs of 1,000, 10,000 and 100,000 ideas worded like the bundled ones
# (benches/catalog.awk), read from an `--ideas` folder and planned: the whole
# program, file reading included.
for n in 1000 10000 100000; do
  mkdir "$work/ideas-$n"
  awk -v n="$n" -v dir="$work/ideas-$n" -f "$generate"
done
printf 'company = "Bench Co"\nbudget = 3000\nteam_size = 25\nmode = "hybrid"\n' >"$work/bench.toml"
hyperfine -N --warmup 1 --runs 5 --export-markdown "$work/scaling.md" \
  -n '1,000 ideas' "$csweek plan $work/bench.toml --ideas $work/ideas-1000" \
  -n '10,000 ideas' "$csweek plan $work/bench.toml --ideas $work/ideas-10000" \
  -n '100,000 ideas' "$csweek plan $work/bench.toml --ideas $work/ideas-100000"

echo
cat "$work/floor.md"
echo
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
echo "peak memory (max RSS): hello-world $(peak "$hello") KiB, csweek plan $(peak "$csweek" plan) KiB, large-remote $(peak "$csweek" plan "$examples/large-remote.toml") KiB"
echo
cat "$work/scaling.md"
for n in 1000 10000 100000; do
  echo "peak memory, $n ideas ($(cat "$work/ideas-$n"/*.toml | wc -c) bytes): $(peak "$csweek" plan "$work/bench.toml" --ideas "$work/ideas-$n") KiB"
done
echo "release binary: $(stat -c %s "$csweek") bytes; clean release build: $(awk "BEGIN { printf \"%.0f\", $end - $start }") s"
