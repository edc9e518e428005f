#!/usr/bin/env bash
# Runs one experiment spec from a cold cache: a fresh run folder and a fresh pretraining/preprocessing cache (a copy
# of the built CLI outside the repository uses <its working folder>/artifacts), so the wall time includes cohort
# synthesis and every pretraining. Shared by the L3 benchmarks.
#   cold_run.sh SPEC WORK [JOBS]   leaves the run in WORK/run, the log in WORK/run.log; prints spec, threads, load,
#                                  wall_seconds. WORK must lie outside the repository.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: cold_run.sh SPEC WORK [JOBS]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
ROOT="$(pwd -P)"
SPEC="$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"
WORK="$(mkdir -p "$2" && cd "$2" && pwd -P)"
JOBS="${3:-1}"
case "$WORK/" in "$ROOT"/*) echo "the work folder must lie outside the repository (the CLI would find the repository's warm cache)" >&2; exit 2 ;; esac
[ ! -e "$WORK/run" ] || { echo "$WORK/run exists; a cold run needs a fresh folder" >&2; exit 2; }
./mlseg version >/dev/null   # builds the CLI first, outside the timing
DLL="artifacts/build/bin/MLSeg.Cli/release/MLSeg.Cli.dll"
rm -rf "$WORK/cli" "$WORK/cwd"
mkdir -p "$WORK/cwd"
echo "spec=$SPEC jobs=$JOBS threads=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
cp -r "$(dirname "$DLL")" "$WORK/cli"
( cd "$WORK/cwd" && MLSEG_NATIVE_DIR="$ROOT/artifacts/native" \
    dotnet "$WORK/cli/MLSeg.Cli.dll" run "$SPEC" --out "$WORK/run" --jobs "$JOBS" --no-report --progress plain >"$WORK/run.log" 2>&1 ) \
  || { tail -20 "$WORK/run.log"; exit 1; }
end=$(date +%s)
echo "wall_seconds=$((end - start)) loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
