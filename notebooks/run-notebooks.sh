#!/usr/bin/env bash
# Executes C# notebooks headless and offline in the real .NET Interactive kernel (the one notebooks/setup-kernel.sh
# installs under artifacts/), through Jupyter's nbclient (notebooks/execute-notebook.py, what `jupyter nbconvert
# --execute` runs), and exports each executed notebook to HTML with nbconvert:
#   artifacts/notebooks/<name>.ipynb (with outputs) and artifacts/notebooks/<name>.html.
# Each notebook runs in its own kernel, in the notebook's folder (relative paths behave as in VS Code or Jupyter).
# Stops at the first failing notebook with `notebook NAME: code cell N failed:` + the cell's errors, and exit status 1;
# the partly executed notebook is then <name>.failed.ipynb.
#
# Usage: notebooks/run-notebooks.sh [NOTEBOOK.ipynb ...]   (default: notebooks/*.ipynb, in name order)
# Environment: MLSEG_NOTEBOOKS_OUT overrides the output folder (default artifacts/notebooks);
#              MLSEG_NOTEBOOK_CELL_TIMEOUT_S the limit per cell (default 1800).
# Exit status: 0 all ran, 1 a notebook failed, 2 a prerequisite is missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${MLSEG_NOTEBOOKS_OUT:-$repo/artifacts/notebooks}"
timeout_s="${MLSEG_NOTEBOOK_CELL_TIMEOUT_S:-1800}"
missing() { echo "run-notebooks: $*" >&2; exit 2; }

/usr/bin/python3 -c "import nbclient, nbconvert" 2>/dev/null || missing "Debian python3 with nbclient and nbconvert is required (Debian: apt-get install jupyter-nbconvert python3-nbclient, or \`make setup-test\`)"
[ -f "$repo/artifacts/jupyter/kernels/.net-csharp/kernel.json" ] || missing "the .NET Interactive kernel is not installed: run \`make notebooks-setup\` (notebooks/setup-kernel.sh)"
[ -f "$repo/artifacts/build/bin/MLSeg.Notebooks/release/mlseg.csx" ] || missing "artifacts/build/bin/MLSeg.Notebooks/release/mlseg.csx is missing: run \`make build\` (or dotnet build notebooks/MLSeg.Notebooks -c Release)"

export JUPYTER_PATH="$repo/artifacts/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
# The engine glue and plotly.js are found in the repository whatever folder the kernel runs from.
export MLSEG_NATIVE_DIR="${MLSEG_NATIVE_DIR:-$repo/artifacts/native}"

if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  shopt -s nullglob
  notebooks=("$repo"/notebooks/*.ipynb)
  [ ${#notebooks[@]} -gt 0 ] || missing "no notebooks in $repo/notebooks"
fi

mkdir -p "$out"
for nb in "${notebooks[@]}"; do
  [ -f "$nb" ] || missing "$nb does not exist"
  name="$(basename "$nb" .ipynb)"
  start=$SECONDS
  echo "notebook $name: running"
  if ! /usr/bin/python3 "$repo/notebooks/execute-notebook.py" "$nb" "$out" .net-csharp "$timeout_s"; then
    echo "notebook $name: failed" >&2
    exit 1
  fi
  echo "notebook $name: $((SECONDS - start)) s"
done
