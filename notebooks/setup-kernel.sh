#!/usr/bin/env bash
# Installs the .NET Interactive C# kernel the notebooks run in, entirely under artifacts/ (nothing in $HOME):
#   1. the dotnet-interactive tool, pinned below, with --tool-path artifacts/dotnet-interactive (a private copy);
#   2. in that copy, FSharp.Core.dll replaced by the FSharp.Core that notebooks/MLSeg.Notebooks resolves (pinned in
#      Directory.Packages.props): the tool ships FSharp.Core 10.0, and Plotly.NET 6 needs 10.1;
#   3. Jupyter kernel specs in artifacts/jupyter/kernels whose argv runs that copy (used with JUPYTER_PATH=artifacts/jupyter).
# Idempotent; `make notebooks-setup` runs it. Exit status 1 when a step fails.
set -euo pipefail

version=1.0.712001
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$repo/artifacts/dotnet-interactive"
kernels="$repo/artifacts/jupyter/kernels"
project="$repo/notebooks/MLSeg.Notebooks/MLSeg.Notebooks.csproj"
python=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "setup-kernel: $*" >&2; exit 1; }

[ -x "$python" ] || fail "$python is required (Debian: apt-get install python3)"
command -v dotnet >/dev/null || fail "the .NET 10 SDK (dotnet) is required"

# 1. The tool, at the pinned version.
# A tool path that does not exist yet makes `dotnet tool list` fail: nothing is installed then.
installed=""
if [ -d "$tools" ]; then
  installed="$(dotnet tool list --tool-path "$tools" 2>/dev/null | awk '$1 == "microsoft.dotnet-interactive" { print $2 }' || true)"
fi
if [ "$installed" != "$version" ]; then
  [ -z "$installed" ] || dotnet tool uninstall Microsoft.dotnet-interactive --tool-path "$tools" >/dev/null
  echo "setup-kernel: installing Microsoft.dotnet-interactive $version into $tools"
  dotnet tool install Microsoft.dotnet-interactive --version "$version" --tool-path "$tools" >/dev/null \
    || fail "dotnet tool install Microsoft.dotnet-interactive --version $version failed"
fi
shopt -s nullglob
shipped=("$tools"/.store/microsoft.dotnet-interactive/"$version"/microsoft.dotnet-interactive/"$version"/tools/net*/any/FSharp.Core.dll)
[ ${#shipped[@]} -eq 1 ] || fail "expected one FSharp.Core.dll in the Microsoft.dotnet-interactive $version tool under $tools/.store, found ${#shipped[@]}"

# 2. FSharp.Core ≥ 10.1 in the kernel process: the exact file MLSeg.Notebooks (and so Plotly.NET) resolves.
dotnet restore "$project" -v q -nologo >/dev/null || fail "dotnet restore $project failed"
fsharp="$(dotnet msbuild "$project" -t:ResolvePackageAssets -getItem:RuntimeCopyLocalItems -p:Configuration=Release | "$python" -c '
import json, sys
items = [i for i in json.load(sys.stdin)["Items"]["RuntimeCopyLocalItems"] if i["Identity"].endswith("/FSharp.Core.dll")]
print(items[0]["Identity"] if len(items) == 1 else "")')"
[ -f "$fsharp" ] || fail "could not find the FSharp.Core.dll that $project resolves"
if ! cmp -s "$fsharp" "${shipped[0]}"; then
  echo "setup-kernel: kernel FSharp.Core ← $fsharp"
  cp "$fsharp" "${shipped[0]}.tmp" && mv "${shipped[0]}.tmp" "${shipped[0]}"
fi

# 3. Kernel specs that run this copy of the tool (the tool's own specs run `dotnet interactive`, a global or local tool),
#    with HTTP bound to loopback only and telemetry off.
mkdir -p "$kernels.tmp"
"$tools/dotnet-interactive" jupyter install --path "$kernels.tmp" >/dev/null || fail "dotnet-interactive jupyter install failed"
# The kernel's GLIBC_TUNABLES as the ./mlseg launcher would set it (tools/malloc-tunables.sh).
tunables="$(source "$repo/tools/malloc-tunables.sh" && echo "${GLIBC_TUNABLES:-}")"
"$python" - "$kernels.tmp" "$tools/dotnet-interactive" "$tunables" <<'PY'
import json, os, sys
root, tool, tunables = sys.argv[1], sys.argv[2], sys.argv[3]
for name in os.listdir(root):
    path = os.path.join(root, name, "kernel.json")
    spec = json.load(open(path))
    if spec["argv"][:3] != ["dotnet", "interactive", "jupyter"]:
        sys.exit(f"setup-kernel: unexpected argv in {path}: {spec['argv']}")
    spec["argv"] = [tool, "jupyter", "--http-local-only"] + spec["argv"][3:]
    spec["env"] = {"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"}
    if tunables:
        spec["env"]["GLIBC_TUNABLES"] = tunables
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
PY
rm -rf "$kernels" && mv "$kernels.tmp" "$kernels"
echo "setup-kernel: kernel specs in $kernels run Microsoft.dotnet-interactive $version with $fsharp"
