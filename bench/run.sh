#!/usr/bin/env bash
# Times `dossier run` against the peers in ../../shared/peers (the same job
# done with Python, Node and plain Go) on the same generated facts, in
# interleaved rounds, and prints medians, records/s, peak RSS and ratios.
#
#   bench/run.sh                      # N=100000 and 1000000, 3 rounds
#   SIZES=100000 RUNS=1 bench/run.sh  # quick look
#   PEERS="floor node" bench/run.sh   # a subset of peers
#   PEERS=dossier-noreview bench/run.sh  # dossier without out/review.html
#
# Env: SIZES ("100000 1000000"), RUNS (3), SEED (42), WORK (/dev/shm/dossier-bench:
# every program's outputs in memory, since disk writeback swings a run that
# writes a gigabyte by 2x),
# PEERS ("decode-floor floor floor-w2 node python"), PEERS_DIR (../shared/peers
# from the repository root).
# Needs: Go, GNU time (/usr/bin/time); for the node peer node+npm, for the
# python peer /usr/bin/python3 with python3-jsonschema and python3-openpyxl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
WORK=${WORK:-/dev/shm/dossier-bench}
PEERS=${PEERS:-"decode-floor floor floor-w2 node python"}
PEERS_DIR=$(cd "${PEERS_DIR:-$ROOT/../shared/peers}" && pwd)
export PATH=/usr/local/go/bin:$PATH

mkdir -p "$WORK/bin"
echo "== build"
go build -o "$WORK/bin/dossier" ./cmd/dossier
(cd "$PEERS_DIR" && go build -o "$WORK/bin/" ./gen-facts ./floor ./decode-floor)
if [[ " $PEERS " == *" node "* ]]; then
  # The peers folder may be read-only: install node modules in a copy.
  mkdir -p "$WORK/node-peer"
  cp "$PEERS_DIR/package.json" "$PEERS_DIR/package-lock.json" "$WORK/node-peer/"
  cp -r "$PEERS_DIR/node" "$WORK/node-peer/"
  [ -d "$WORK/node-peer/node_modules" ] || (cd "$WORK/node-peer" && npm ci --no-audit --no-fund --silent)
fi
if [[ " $PEERS " == *" python "* ]]; then
  /usr/bin/python3 -c 'import jsonschema, openpyxl' ||
    { echo "python peer needs: apt-get install -y python3-jsonschema python3-openpyxl" >&2; exit 1; }
fi
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)  mem: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "go: $(go version | cut -d' ' -f3)  dossier: $("$WORK/bin/dossier" version | cut -d' ' -f2)  node: $(node --version 2>/dev/null || echo none)"
} | tee "$WORK/env.txt"

schema_dir=$PEERS_DIR
cmd_for() { # name N outdir
  local data="$WORK/data/facts-$2.jsonl"
  case $1 in
  dossier) echo "$WORK/bin/dossier run --schemas $schema_dir --facts $data --out $3" ;;
  # dossier without out/review.html: what the page costs.
  dossier-noreview) echo "$WORK/bin/dossier run --review=false --schemas $schema_dir --facts $data --out $3" ;;
  decode-floor) echo "$WORK/bin/decode-floor $data" ;;
  floor) echo "$WORK/bin/floor $PEERS_DIR/poll.schema.json $data $3" ;;
  floor-w2) echo "$WORK/bin/floor -workers 2 $PEERS_DIR/poll.schema.json $data $3" ;;
  node) echo "node $WORK/node-peer/node/peer.js $PEERS_DIR/poll.schema.json $data $3" ;;
  python) echo "/usr/bin/python3 $PEERS_DIR/python/peer.py $PEERS_DIR/poll.schema.json $data $3" ;;
  esac
}

RESULTS="$WORK/results.tsv"
printf 'name\tN\trun\twall_s\tmax_rss_kb\n' >"$RESULTS"
for N in $SIZES; do
  mkdir -p "$WORK/data"
  data="$WORK/data/facts-$N.jsonl"
  [ -s "$data" ] || "$WORK/bin/gen-facts" -n "$N" -seed "$SEED" -o "$data" 2>"$WORK/data/facts-$N.summary"
  echo "== N=$N: $(cat "$WORK/data/facts-$N.summary")"
  for ((r = 1; r <= RUNS; r++)); do # rounds interleave, so drift hits all alike
    for p in dossier $PEERS; do
      # The run's logs beside its output folder: dossier refuses to
      # replace a folder holding files it did not write.
      out="$WORK/out/$N/$p"
      rm -rf "$out" && mkdir -p "$out/out"
      status=0
      # shellcheck disable=SC2046
      /usr/bin/time -v -o "$out/time.txt" $(cmd_for "$p" "$N" "$out/out") >"$out/stdout" 2>"$out/stderr" || status=$?
      # dossier exits 1 when data has errors, as these data do on purpose.
      if [ "$status" -ne 0 ] && { [[ $p != dossier* ]] || [ "$status" -ne 1 ]; }; then
        echo "!! $p failed at N=$N (exit $status)"; tail -5 "$out/stderr"; continue
      fi
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time.txt")
      rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
      printf '%s\t%s\t%s\t%s\t%s\n' "$p" "$N" "$r" "$wall" "$rss" >>"$RESULTS"
      printf '  run %d %-12s %8.2f s %7d MB\n' "$r" "$p" "$wall" $((rss / 1024))
    done
  done
  # dossier's counts must agree with the generator's.
  want=$(tr ' ' '\n' <"$WORK/data/facts-$N.summary" | grep -E '^(valid|invalid)=' | tr '\n' ' ')
  got=$(grep -oE '[0-9]+ exported, [0-9]+ rejected' "$WORK/out/$N/dossier/stderr" | head -1)
  echo "  generator: $want  dossier: $got"
done

echo "== medians ($RESULTS)"
awk -F'\t' 'NR > 1 {key = $1 "\t" $2; w[key] = w[key] " " $4; m[key] = m[key] " " $5; names[$1] = 1; sizes[$2] = 1}
function median(list,   a, n, i, j, t) {
  n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
  for (key in w) { split(key, k, "\t"); med[key] = median(w[key]); rss[key] = median(m[key]) / 1024 }
  for (n in sizes) for (name in names) { key = name "\t" n; if (!(key in med)) continue
    d = "dossier\t" n; ratio = (name == "dossier" || !(d in med)) ? "" : sprintf("%.2fx", med[key] / med[d])
    printf "| %s | %d | %.2f | %d | %.0f | %s |\n", name, n, med[key], n / med[key], rss[key], ratio }
}' "$RESULTS" | sort -t'|' -k3,3n -k4,4n >"$WORK/rows.md"
{
  echo "| name | N | wall s (median) | records/s | peak RSS MB | its time / dossier's |"
  echo "|---|---:|---:|---:|---:|---:|"
  cat "$WORK/rows.md"
} | tee "$WORK/table.md"
