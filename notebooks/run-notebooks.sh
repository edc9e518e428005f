#!/usr/bin/env bash
# Executes C# notebooks headless in the real .NET Interactive kernel (the one `notebooks/setup-kernel.sh` installs
# under artifacts/) through Jupyter's nbconvert, offline, and exports each executed notebook to HTML:
#   artifacts/notebooks/<name>.ipynb (with outputs) and artifacts/notebooks/<name>.html.
# Each notebook runs in its own kernel, in the notebook's folder (relative paths behave as in VS Code or Jupyter).
# Stops at the first failing notebook: nbconvert prints the failing cell's source and error, then
# `notebook NAME: failed` and exit status 1; a failed notebook leaves no executed copy behind.
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

command -v jupyter-nbconvert >/dev/null || missing "jupyter-nbconvert is required (Debian: apt-get install jupyter-nbconvert python3-nbclient, or \`make setup-test\`)"
[ -f "$repo/artifacts/jupyter/kernels/.net-csharp/kernel.json" ] || missing "the .NET Interactive kernel is not installed: run \`make notebooks-setup\` (notebooks/setup-kernel.sh)"
[ -f "$repo/artifacts/build/bin/MLSeg.Notebooks/release/mlseg.csx" ] || missing "artifacts/build/bin/MLSeg.Notebooks/release/mlseg.csx is missing: run \`make build\` (or dotnet build notebooks/MLSeg.Notebooks -c Release)"

export JUPYTER_PATH="$repo/artifacts/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

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
  staging="$(mktemp -d "$out/.$name.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  start=$SECONDS
  echo "notebook $name: running"
  if ! jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
         --ExecutePreprocessor.timeout="$timeout_s" --ExecutePreprocessor.startup_timeout=300 \
         --output-dir "$staging" --output "$name" "$nb" --log-level=WARN; then
    echo "notebook $name: failed" >&2
    exit 1
  fi
  jupyter-nbconvert --to html --output-dir "$staging" --output "$name" "$staging/$name.ipynb" --log-level=WARN \
    || { echo "notebook $name: HTML export failed" >&2; exit 1; }
  mv -f "$staging/$name.ipynb" "$out/$name.ipynb"
  mv -f "$staging/$name.html" "$out/$name.html"
  rm -rf "$staging"
  trap - EXIT
  echo "notebook $name: $((SECONDS - start)) s"
done
