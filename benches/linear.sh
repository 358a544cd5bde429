#!/usr/bin/env bash
# Costs that grow with the input, not faster: `csweek plan` and `csweek check`
# on configs and idea files with 1,000, 10,000 and 100,000 mistakes (unknown
# ids in `exclude`, pins on no day, faulty `[[idea]]` tables in a config and
# in an idea file), sound configs with many house `[[idea]]` tables or
# `[[pin]]` tables, and a catalog of realistic ideas (benches/catalog.awk)
# with one mistake at its end, read the thorough way. Prints the time and the
# peak memory (max RSS) of each, with the input's size.
#
#   bash benches/linear.sh [path/to/csweek]
#
# Without a path it builds the release binary. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
csweek=${1:-}
if [ -z "$csweek" ]; then
  cargo build --release --locked --quiet
  csweek=target/release/csweek
fi
csweek=$(realpath "$csweek")
generate=$(realpath benches/catalog.awk)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export CSWEEK_TODAY=2027-06-01

ideas() { # n: faulty [[idea]] tables
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "[[idea]]\nid = \"bad-%d\"\ntitle = \"Bad %d\"\ncategory = \"nope\"\nduration_minutes = 30\n\n", i, i }'
}

printf '| input | mistakes | size | plan | plan memory | check | check memory |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
measure() { # name, mistakes, config, args…
  local name=$1 n=$2 config=$3
  shift 3
  local size plan check
  size=$(wc -c <"$config")
  if [ "$#" -gt 0 ]; then size=$((size + $(cat "$2"/*.toml | wc -c))); fi
  # Each exits 2, having found the mistakes; GNU time's line is the last.
  plan=$( (/usr/bin/time -f '%e s | %M' "$csweek" plan "$config" "$@" 2>&1 >/dev/null || true) | tail -1)
  check=$( (/usr/bin/time -f '%e s | %M' "$csweek" check "$config" "$@" 2>&1 >/dev/null || true) | tail -1)
  printf '| %s | %s | %s KB | %s KiB | %s KiB |\n' "$name" "$n" "$((size / 1000))" "$plan" "$check"
}

for n in 1000 10000 100000 850000; do
  awk -v n="$n" 'BEGIN { printf "company = \"Bench Co\"\nexclude = ["
    for (i = 0; i < n; i++) printf "%s\"nope-%d\"", (i ? ", " : ""), i
    print "]" }' >"exclude-$n.toml"
  measure '`exclude`, unknown ids' "$n" "exclude-$n.toml"
done
for n in 1000 10000 100000; do
  awk -v n="$n" 'BEGIN { print "company = \"Bench Co\""
    for (i = 0; i < n; i++) printf "[[pin]]\nday = \"someday\"\nidea = \"nope-%d\"\n", i }' >"pins-$n.toml"
  measure '`[[pin]]` on no day' "$n" "pins-$n.toml"
done
for n in 1000 10000 100000; do
  { echo 'company = "Bench Co"'; ideas "$n"; } >"ideas-$n.toml"
  measure 'faulty `[[idea]]` in the config' "$n" "ideas-$n.toml"
done
printf 'company = "Bench Co"\nbudget = 3000\nteam_size = 25\nmode = "hybrid"\n' >bench.toml
for n in 1000 10000 100000; do
  mkdir "file-$n"
  ideas "$n" >"file-$n/house.toml"
  measure 'faulty `[[idea]]` in an idea file' "$n" bench.toml --ideas "file-$n"
done
house() { # n: sound [[idea]] tables, about 380 bytes each
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "[[idea]]\nid = \"house-%d\"\ntitle = \"House idea %d\"\nsummary = \"A house idea, with a summary of some length so the file is realistic for a team that writes its own ideas down.\"\ncategory = \"fun\"\nduration_minutes = 30\nmodes = [\"onsite\", \"hybrid\", \"remote\"]\naudience = [\"team\"]\nlead_time_days = 3\ncost = { fixed = 10, per_person = 1 }\nprep = [{ days_before = 3, task = \"Book it\" }]\n\n", i, i }'
}
for n in 1000 20000; do
  { printf 'company = "Bench Co"\nbudget = 3000\n'; house "$n"; } >"house-$n.toml"
  measure "$n sound \`[[idea]]\` in the config" 0 "house-$n.toml"
done
for n in 10000 100000; do
  # Sound tables, each pinning an idea pinned already: a problem each but the first.
  awk -v n="$n" 'BEGIN { print "company = \"Bench Co\""
    for (i = 0; i < n; i++) printf "[[pin]]\nday = \"%s\"\nidea = \"raffle\"\n", (i % 2 ? "mon" : "tue") }' >"pinned-$n.toml"
  measure '`[[pin]]`, the same idea' "$((n - 1))" "pinned-$n.toml"
done
for n in 1000 10000 50000; do
  mkdir "catalog-$n"
  awk -v n="$n" -v dir="catalog-$n" -f "$generate"
  ideas 1 >>"catalog-$n/catalog-1.toml"
  measure "$n realistic ideas, one faulty" 1 bench.toml --ideas "catalog-$n"
done
