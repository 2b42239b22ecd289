#!/usr/bin/env bash
# Times dossier's own job beside the peers' job, in interleaved rounds, and
# prints medians, facts/s, peak RSS and each job's time per fact over the
# peers' job's at the same N:
#
#   peers        dossier run on the peers' poll facts (bench/run.sh's job):
#                no fact cites a document
#   cited-FMT    poll facts that cite generated articles (bench/citegen), in
#                JSON Lines, JSON, CSV and YAML: every quote looked up, every
#                number compared, every key checked
#   docs-pairs   DOCS articles of 2 KB and no facts, each about another
#                country pair (made from the shipped article)
#   docs-copies  DOCS copies of the shipped article, each with its sidecar
#
#   bench/own.sh                        # N=100000 and 1000000, 3 rounds
#   SIZES=100000 RUNS=1 DOCS=0 bench/own.sh   # a quick look
#   FORMATS="jsonl yaml" bench/own.sh   # some formats
#
# Env: SIZES ("100000 1000000"), RUNS (3), FORMATS ("jsonl json csv yaml"),
# DOCS (5000; 0 for none), SEED (42), WORK (/dev/shm/dossier-bench-own: every
# output in memory, since disk writeback swings a run that writes a gigabyte
# by 2x), PEERS_DIR (../shared/peers from the repository root, for the
# peers' generator).
# Needs: Go, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
FORMATS=${FORMATS:-"jsonl json csv yaml"}
DOCS=${DOCS:-5000}
SEED=${SEED:-42}
WORK=${WORK:-/dev/shm/dossier-bench-own}
PEERS_DIR=$(cd "${PEERS_DIR:-$ROOT/../shared/peers}" && pwd)
export PATH=/usr/local/go/bin:$PATH

mkdir -p "$WORK/bin" "$WORK/data"
echo "== build"
go build -o "$WORK/bin/dossier" ./cmd/dossier
go build -o "$WORK/bin/citegen" ./bench/citegen
(cd "$PEERS_DIR" && go build -o "$WORK/bin/" ./gen-facts)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "go: $(go version | cut -d' ' -f3)  dossier: $("$WORK/bin/dossier" version | cut -d' ' -f2)"
} | tee "$WORK/env.txt"

RESULTS="$WORK/results.tsv"
printf 'name\tN\trun\twall_s\tmax_rss_kb\n' >"$RESULTS"

# run NAME N ARGS...: one timed run of dossier, its outputs in memory.
run() {
  local name=$1 n=$2 r=$3
  shift 3
  local out="$WORK/out/$n/$name"
  rm -rf "$out" && mkdir -p "$out"
  local status=0
  /usr/bin/time -v -o "$out/time.txt" "$WORK/bin/dossier" run "$@" --out "$out/out" >"$out/stdout" 2>"$out/stderr" || status=$?
  if [ "$status" -gt 1 ]; then # 1: the data have errors, on purpose
    echo "!! $name failed at N=$n (exit $status)"; tail -5 "$out/stderr"; return
  fi
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$r" "$wall" "$rss" >>"$RESULTS"
  printf '  run %d %-12s N=%-8s %8.2f s %7d MB\n' "$r" "$name" "$n" "$wall" $((rss / 1024))
}

# counts NAME N FILE: the file's line of the run's summary, beside what
# the generator says.
counts() {
  local got
  got=$(grep -oE "$3: [0-9]+ read = [0-9]+ exported \+ [0-9]+ rejected" "$WORK/out/$2/$1/stderr" | head -1 || true)
  echo "  $1: ${got:-no summary line}"
}

for N in $SIZES; do
  peers="$WORK/data/facts-$N.jsonl"
  [ -s "$peers" ] || "$WORK/bin/gen-facts" -n "$N" -seed "$SEED" -o "$peers" 2>"$WORK/data/facts-$N.summary"
  cited="$WORK/data/cited-$N"
  [ -s "$cited/facts.jsonl" ] || "$WORK/bin/citegen" -n "$N" -o "$cited" 2>"$WORK/data/cited-$N.summary"
  echo "== N=$N: peers $(cat "$WORK/data/facts-$N.summary"); cited $(cat "$WORK/data/cited-$N.summary")"
  for ((r = 1; r <= RUNS; r++)); do # rounds interleave, so drift hits all alike
    run peers "$N" "$r" --schemas "$PEERS_DIR" --facts "$peers"
    for f in $FORMATS; do
      run "cited-$f" "$N" "$r" --sources "$cited/sources" --facts "$cited/facts.$f"
    done
  done
  echo "  generator: peers $(grep -oE 'valid=[0-9]+ invalid=[0-9]+' "$WORK/data/facts-$N.summary"), cited $(grep -oE 'valid=[0-9]+ invalid=[0-9]+' "$WORK/data/cited-$N.summary")"
  counts peers "$N" "facts-$N.jsonl"
  for f in $FORMATS; do counts "cited-$f" "$N" "facts.$f"; done
done

if [ "$DOCS" -gt 0 ]; then
  for v in pairs copies; do
    d="$WORK/data/docs-$v-$DOCS"
    flag=""
    [ "$v" = copies ] && flag=-copies
    [ -d "$d/sources" ] || "$WORK/bin/citegen" -articles "$DOCS" $flag -seed sources/mali-united-states.txt -o "$d" 2>/dev/null
  done
  echo "== $DOCS documents"
  for ((r = 1; r <= RUNS; r++)); do
    for v in pairs copies; do
      run "docs-$v" "$DOCS" "$r" --sources "$WORK/data/docs-$v-$DOCS/sources" --facts "$WORK/data/docs-$v-$DOCS/facts"
    done
  done
fi

echo "== medians ($RESULTS)"
awk -F'\t' 'NR > 1 {key = $1 "\t" $2; w[key] = w[key] " " $4; m[key] = m[key] " " $5; names[$1] = 1; sizes[$2] = 1}
function median(list,   a, n, i, j, t) {
  n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
  for (key in w) { split(key, k, "\t"); med[key] = median(w[key]); rss[key] = median(m[key]) / 1024 }
  for (n in sizes) for (name in names) { key = name "\t" n; if (!(key in med)) continue
    p = "peers\t" n; ratio = (name == "peers" || name ~ /^docs/ || !(p in med)) ? "" : sprintf("%.2fx", med[key] / med[p])
    printf "| %s | %d | %.2f | %d | %.0f | %s |\n", name, n, med[key], n / med[key], rss[key], ratio }
}' "$RESULTS" | sort -t'|' -k3,3n -k2,2 >"$WORK/rows.md"
{
  echo "| job | N (facts or documents) | wall s (median) | per s | peak RSS MB | time per fact / peers' job's |"
  echo "|---|---:|---:|---:|---:|---:|"
  cat "$WORK/rows.md"
} | tee "$WORK/table.md"
