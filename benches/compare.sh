#!/usr/bin/env bash
# benches/compare.sh: byline against the pipeline a user would otherwise type, in one run on
# the same files, with wall time (hyperfine when installed) and peak memory (/usr/bin/time -v).
# spaCy is not run; its figures on the same 1,824 files are quoted for comparison.
#
#   benches/compare.sh [DIR]     (default ../shared/corpora/bbc; run from the repository root)
#
# Writes target/bench/compare.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/corpora/bbc}
if [ ! -d "$DIR" ]; then
  echo "compare.sh: skipping: $DIR is absent" >&2
  exit 0
fi
for tool in rg; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is not installed" >&2; exit 1; }
done
cargo build --release --quiet --bin byline
BYLINE=target/release/byline
OUT=target/bench
mkdir -p "$OUT"
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
# The pattern and pipeline from issue 6, verbatim.
RG="rg -o --no-filename '\p{Lu}[\p{L}]+(?:\s+\p{Lu}[\p{L}]+)*' '$DIR' | sort | uniq -c > /dev/null"
COLD="BYLINE_NO_CACHE=1 $BYLINE entities --json '$DIR' > /dev/null"
WARM="BYLINE_CACHE_DIR='$CACHE' $BYLINE entities --json '$DIR' > /dev/null"
BYTES=$(find "$DIR" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$DIR" -type f | wc -l)
bash -c "$WARM"  # fills the cache for the warm run (a no-op if the CLI does not use it)

median() {  # median wall seconds of a shell command over N runs, by hand when no hyperfine
  local cmd=$1 n=${2:-7} t=()
  for _ in $(seq "$n"); do
    local s e
    s=$(date +%s.%N); bash -c "$cmd"; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 10 --style basic --export-json "$OUT/compare.json" \
    -n byline-cold "$COLD" -n byline-cached "$WARM" -n rg-pipeline "$RG" >&2
  read -r T_COLD T_WARM T_RG < <(python3 -c '
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(r["byline-cold"], r["byline-cached"], r["rg-pipeline"])' "$OUT/compare.json")
else
  T_COLD=$(median "$COLD"); T_WARM=$(median "$WARM"); T_RG=$(median "$RG")
fi
peak() {  # peak resident memory in MiB of a shell command
  /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'
}
M_COLD=$(peak "$COLD"); M_WARM=$(peak "$WARM"); M_RG=$(peak "$RG")
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$BYTES" "$FILES" "$T_COLD" "$T_WARM" "$T_RG" "$M_COLD" "$M_WARM" "$M_RG" "$LOAD" "$(nproc)" > "$OUT/compare.md" <<'PY'
import sys
b, files = int(sys.argv[1]), int(sys.argv[2])
cold, warm, rg = map(float, sys.argv[3:6])
mc, mw, mr = sys.argv[6:9]
load, cores = sys.argv[9], sys.argv[10]
mb = b / 1e6
print(f"Corpus: {files} files, {mb:.1f} MB; {cores} cores, load average {load}; median wall time.\n")
print("| command | time | MB/s | peak memory | vs rg |")
print("| --- | --- | --- | --- | --- |")
print(f"| `byline entities --json` (no cache) | {cold:.3f} s | {mb/cold:.1f} | {mc} MiB | {cold/rg:.2f} |")
print(f"| `byline entities --json` (cached) | {warm:.3f} s | {mb/warm:.1f} | {mw} MiB | {warm/rg:.2f} |")
print(f"| `rg -o ... \\| sort \\| uniq -c` | {rg:.3f} s | {mb/rg:.1f} | {mr} MiB | 1.00 |")
print(f"| spaCy `en_core_web_sm` (quoted, not run) | 88 s | 0.04 | 675 MiB | {88/rg:.0f} |")
print(f"\nbyline (no cache) is {88/cold:.0f}x faster than the quoted spaCy figure.")
PY
cat "$OUT/compare.md"
