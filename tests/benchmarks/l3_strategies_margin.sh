#!/usr/bin/env bash
# Issue 6: runs pipelines/l3-strategies-cpu.yaml from a cold cache (cold_run.sh), prints mean Dice (label 1, all
# held-out cases of both folds, bootstrap 95 % CIs over patients) per source and n (dice_table.py), ending with
# `margin=<best pretrained source − none at the smallest n>`. A visible margin is ≥ 0.05.
#   OUT=<dir>   keep the run there, outside the repository (default: a temp folder removed at exit)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${OUT:-}" ]; then WORK="$OUT"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
tests/benchmarks/cold_run.sh pipelines/l3-strategies-cpu.yaml "$WORK" "${JOBS:-1}"
/usr/bin/python3 tests/benchmarks/dice_table.py "$WORK/run/results.csv"
