#!/usr/bin/env bash
# Issue 20: grid throughput. Runs a fixed 16-arm slice of the L3 study with --jobs 1 and with --jobs N, each from a warm
# cohort cache (decoded/windowed/resized images) and a cold pretraining cache (so both pay the slice's pretrainings),
# both at the same libtorch threads per arm (CPU results depend on that number, not on --jobs), checks that results.csv
# is byte-identical, and prints arms/hour for each and `speedup=<jobs N ÷ jobs 1>` last.
#   --device cpu|cuda   cpu (default): tests/benchmarks/grid_throughput.yaml (64², small U-Net);
#                       cuda: tests/benchmarks/grid_throughput_gpu.yaml (the study's 256² ResNet-34 U-Net)
#   --jobs N|auto       the concurrent run's --jobs (default 2)
#   --threads-per-arm T libtorch threads per arm in both runs (default 1: the slice's arms are too small to gain from
#                       more, and a fixed number keeps the results comparable)
#   --full              time the whole study (pipelines/l3-muscle-transfer.yaml, 140 arms + pretraining) with --jobs N
#                       only, cold pretraining cache, and print arms/hour and minutes (with --device cuda on a GPU)
#   OUT=<dir>           keep the runs there (default: a temp folder removed at exit)
#   MLSEG_CLI=<file>    run this mlseg executable (e.g. a self-contained `dotnet publish src/MLSeg.Cli -r linux-x64
#                       --self-contained` on a GPU machine without .NET, with MLSEG_NATIVE_DIR and MLSEG_LIBTORCH_DIR set)
#                       instead of building and running the repository's CLI
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd -P)"
device=cpu; jobs=2; full=0; tpa=1
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --threads-per-arm) tpa="$2"; shift 2 ;;
    --full) full=1; shift ;;
    *) echo "usage: $0 [--device cpu|cuda] [--jobs N|auto] [--threads-per-arm T] [--full]" >&2; exit 2 ;;
  esac
done
case "$device" in cpu) SPEC="$ROOT/tests/benchmarks/grid_throughput.yaml" ;; cuda*) SPEC="$ROOT/tests/benchmarks/grid_throughput_gpu.yaml" ;;
  *) echo "--device must be cpu or cuda[:N]; got '$device'" >&2; exit 2 ;; esac
if [ "$full" = 1 ]; then SPEC="$ROOT/pipelines/l3-muscle-transfer.yaml"; fi
if [ -n "${OUT:-}" ]; then WORK="$(mkdir -p "$OUT" && cd "$OUT" && pwd -P)"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
if [ -n "${MLSEG_CLI:-}" ]; then MLSEG=("$MLSEG_CLI"); else
  ./mlseg version >/dev/null   # builds the CLI first, outside the timing
  MLSEG=(dotnet "$ROOT/artifacts/build/bin/MLSeg.Cli/release/MLSeg.Cli.dll")
fi
arms=$("${MLSEG[@]}" plan "$SPEC" | sed -n 's/^\([0-9]*\) arm(s).*/\1/p')
echo "spec=$SPEC device=$device arms=$arms threads=$(nproc) threads_per_arm=$tpa loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"

# The cohort once, outside the timing: --aggregate-only loads (and caches) it and runs no arm.
"${MLSEG[@]}" run "$SPEC" --out "$WORK/warm" --cache "$WORK/cache" --device "$device" --aggregate-only --no-report --progress plain >"$WORK/warm.log" 2>&1 \
  || { tail -20 "$WORK/warm.log"; exit 1; }

# run NAME JOBS: a fresh run folder and a cold pretraining cache; prints the wall seconds.
run() {
  rm -rf "$WORK/cache/pretrained" "$WORK/$1"
  local start end
  start=$(date +%s.%N)
  "${MLSEG[@]}" run "$SPEC" --out "$WORK/$1" --cache "$WORK/cache" --device "$device" --jobs "$2" --threads-per-arm "$tpa" --no-report --progress plain >"$WORK/$1.log" 2>&1 \
    || { tail -20 "$WORK/$1.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' 
}
per_hour() { awk -v n="$arms" -v s="$1" 'BEGIN { printf "%.1f\n", n * 3600 / s }'; }
# Where each arm's time went (manifest phaseSeconds), summed over the run's arms.
phases() {
  /usr/bin/python3 - "$WORK/$1/arms" <<'PY'
import glob, json, sys, collections
total = collections.Counter()
for path in glob.glob(sys.argv[1] + "/*/manifest.json"):
    for key, value in json.load(open(path)).get("phaseSeconds", {}).items():
        total[key] += value
print(" ".join(f"{k}={v:.1f}s" for k, v in sorted(total.items())))
PY
}

if [ "$full" = 1 ]; then
  wall=$(run full "$jobs")
  printf 'full: jobs=%s wall_seconds=%.1f minutes=%.1f arms_per_hour=%s loadavg_end=%s\n' "$jobs" "$wall" "$(awk -v s="$wall" 'BEGIN { print s / 60 }')" "$(per_hour "$wall")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "phases (summed over arms): $(phases full)"
  exit 0
fi

wall1=$(run jobs1 1)
printf 'jobs=1 wall_seconds=%.1f arms_per_hour=%s loadavg=%s\n' "$wall1" "$(per_hour "$wall1")" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "  phases (summed over arms): $(phases jobs1)"
wallN=$(run jobsN "$jobs")
chosen=$(sed -n 's/.*--jobs auto: \([0-9]*\) arm(s) at once.*/\1/p' "$WORK/jobsN.log" | head -1)
printf 'jobs=%s%s wall_seconds=%.1f arms_per_hour=%s loadavg=%s\n' "$jobs" "${chosen:+ (chose $chosen)}" "$wallN" "$(per_hour "$wallN")" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "  phases (summed over arms): $(phases jobsN)"
if cmp -s "$WORK/jobs1/results.csv" "$WORK/jobsN/results.csv"; then echo "results.csv identical"; else
  echo "results.csv DIFFERS between --jobs 1 and --jobs $jobs:" >&2; diff "$WORK/jobs1/results.csv" "$WORK/jobsN/results.csv" | head -10 >&2; exit 1; fi
awk -v a="$wall1" -v b="$wallN" 'BEGIN { printf "speedup=%.2f\n", a / b }' 
