#!/usr/bin/env bash
# Sums the xUnit results of every test project (one .trx each) into the one closing line CI reads:
#   "<passed> passed, <failed> failed[, <skipped> skipped]"
# A test project whose host crashed leaves no .trx; that counts as a failure, named, rather than vanishing.
set -u
dir=${1:?results directory}
expected=${2:-0}
passed=0; failed=0; skipped=0; files=0
shopt -s nullglob
for f in "$dir"/*.trx; do
  files=$((files + 1))
  line=$(grep -o '<Counters [^>]*' "$f" | head -n 1)
  get() { printf '%s' "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); fl=$(get failed); e=$(get error)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${p:-0} - ${fl:-0} - ${e:-0}))
  outcome=$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$f" | head -n 1 | sed 's/.*outcome="//; s/"//')
  if [ "${outcome:-Completed}" != "Completed" ] && [ "${outcome}" != "Passed" ] && [ "$((${fl:-0} + ${e:-0}))" -eq 0 ]; then
    echo "test-summary: $(basename "$f" .trx) ended '$outcome' (test host aborted?)" >&2
    failed=$((failed + 1))
  fi
done
if [ "$expected" -gt "$files" ]; then
  echo "test-summary: $((expected - files)) test project(s) produced no result file (test host crashed?)" >&2
  failed=$((failed + expected - files))
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
