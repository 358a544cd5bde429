#!/usr/bin/env bash
# Rendering time against the length of the config's text: a company name of
# 0.5, 1 and 2 MB, planned as Markdown and as iCalendar. Both should grow
# in step with the name (the calendar folds every line at 75 octets).
# Run from the repository: `bash benches/long-text.sh [path/to/csweek]`;
# without a path it builds the release binary. Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
csweek=${1:-}
if [ -z "$csweek" ]; then
  cargo build --release --locked --quiet
  csweek=target/release/csweek
fi
csweek=$(realpath "$csweek")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CSWEEK_TODAY=2027-06-01
for kb in 500 1000 2000; do
  awk -v n=$((kb * 1000 / 20)) 'BEGIN {
    printf "company = \""; for (i = 0; i < n; i++) printf "Zoë & Co; support, "; print "\""
    print "timezone = \"America/Chicago\""
  }' >"$work/name-$kb.toml"
done
hyperfine -N --warmup 1 --runs 5 --export-markdown "$work/long-text.md" \
  -n 'md, 0.5 MB name' "$csweek plan $work/name-500.toml -f md" \
  -n 'md, 1 MB name' "$csweek plan $work/name-1000.toml -f md" \
  -n 'md, 2 MB name' "$csweek plan $work/name-2000.toml -f md" \
  -n 'ics, 0.5 MB name' "$csweek plan $work/name-500.toml -f ics" \
  -n 'ics, 1 MB name' "$csweek plan $work/name-1000.toml -f ics" \
  -n 'ics, 2 MB name' "$csweek plan $work/name-2000.toml -f ics"
echo
cat "$work/long-text.md"
