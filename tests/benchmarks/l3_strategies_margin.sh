#!/usr/bin/env bash
# Issue 6: runs pipelines/l3-strategies-cpu.yaml from a cold cache (fresh run folder and fresh pretraining cache, so the
# wall time includes every pretraining), prints mean Dice (label 1, all held-out cases of both folds) per source and n,
# and ends with `margin=<best pretrained source − none at the smallest n>`. A visible margin is ≥ 0.05.
#   OUT=<dir>   keep the run there, outside the repository (default: a temp folder removed at exit)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd -P)"
SPEC="$ROOT/pipelines/l3-strategies-cpu.yaml"
if [ -n "${OUT:-}" ]; then WORK="$(mkdir -p "$OUT" && cd "$OUT" && pwd -P)"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
case "$WORK/" in "$ROOT"/*) echo "OUT must lie outside the repository (the CLI would find the repository's warm cache)" >&2; exit 2 ;; esac
./mlseg version >/dev/null   # builds the CLI first, outside the timing
DLL="artifacts/build/bin/MLSeg.Cli/release/MLSeg.Cli.dll"
mkdir -p "$WORK/cwd"
echo "spec=$SPEC threads=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
# A copy of the CLI outside the repository uses <working folder>/artifacts as its artifacts root, so the pretraining
# and preprocessed-image caches start empty.
cp -r "$(dirname "$DLL")" "$WORK/cli"
( cd "$WORK/cwd" && MLSEG_NATIVE_DIR="$ROOT/artifacts/native" \
    dotnet "$WORK/cli/MLSeg.Cli.dll" run "$SPEC" --out "$WORK/run" --no-report --progress plain >"$WORK/run.log" 2>&1 ) \
  || { tail -20 "$WORK/run.log"; exit 1; }
end=$(date +%s)
echo "wall_seconds=$((end - start)) loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$WORK/run/results.csv" <<'PY'
import csv, collections, statistics, sys
dice = collections.defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    if row["label"] == "1":
        dice[(row["source"], int(row["n"]))].append(float(row["dice"]))
sizes = sorted({n for _, n in dice})
sources = sorted({s for s, _ in dice}, key=lambda s: (s != "none", s))
print("source," + ",".join(f"n={n}" for n in sizes))
for s in sources:
    print(s + "," + ",".join(f"{statistics.mean(dice[(s, n)]):.3f}" for n in sizes))
n0 = sizes[0]
none = statistics.mean(dice[("none", n0)])
best = max((statistics.mean(dice[(s, n0)]), s) for s in sources if s != "none")
print(f"best_pretrained_at_n{n0}={best[1]}")
print(f"margin={best[0] - none:.3f}")
PY
